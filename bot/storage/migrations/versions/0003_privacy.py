"""Privacy (issue 13): the contact a callback request asks for, held in its own table.

The callback form asks for a phone number or an e-mail address before it asks for consent.
The tracker store only keeps a mask (« [téléphone] »); the contact itself waits here, tied to
the conversation, until the user consents (it is then copied to console_callback_requests) or
refuses (it is deleted). Purge (bot/storage/retention.py) deletes what is left after a day.

Revision ID: 0003_privacy
Revises: 0002_security
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0003_privacy"
down_revision = "0002_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_callback_contacts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.String(255), nullable=False, unique=True),
        sa.Column("ticket_id", sa.Integer, sa.ForeignKey("console_tickets.id"), nullable=True),
        sa.Column("preferred_channel", sa.String(20), nullable=False),
        sa.Column("contact", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("console_callback_contacts")
