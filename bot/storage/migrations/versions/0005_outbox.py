"""Issue 15 (cluster): the durable outbox of HR callbacks (table hr_callback_outbox).

Every callback to an HR system (a reply to a message, an advisor's message) is written here
before it leaves; a worker in each Rasa replica sends them, oldest first per conversation,
with retries, and keeps the ones it gave up on as dead letters the console shows.

Revision ID: 0005_outbox
Revises: 0004_summary
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_outbox"
down_revision = "0004_summary"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hr_callback_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("integration", sa.String(80), nullable=False),
        sa.Column("in_reply_to", sa.String(128), nullable=True),
        sa.Column("body_json", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.DateTime, nullable=False),
        sa.Column("last_error", sa.String(255), nullable=True),
        sa.Column("locked_by", sa.String(80), nullable=True),
        sa.Column("locked_until", sa.DateTime, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("delivered_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_hr_callback_outbox_due", "hr_callback_outbox",
                    ["status", "conversation_id", "id"])
    op.create_index("ix_hr_callback_outbox_created", "hr_callback_outbox", ["created_at"])


def downgrade() -> None:
    # tolerant: a database stamped with the earlier no-op placeholder has no such table
    if sa.inspect(op.get_bind()).has_table("hr_callback_outbox"):
        op.drop_index("ix_hr_callback_outbox_created", table_name="hr_callback_outbox")
        op.drop_index("ix_hr_callback_outbox_due", table_name="hr_callback_outbox")
        op.drop_table("hr_callback_outbox")
