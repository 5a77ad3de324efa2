"""Security (issue 10): revocable console sessions, login attempts by address, HR replay ids.

Revision ID: 0002_security
Revises: 0001_console_tables
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_security"
down_revision = "0001_console_tables"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("advisor_id", sa.Integer,
                  sa.ForeignKey("console_advisors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
        sa.Column("address", sa.String(64), nullable=True),
    )
    op.create_index("ix_console_sessions_advisor_id", "console_sessions", ["advisor_id"])
    op.create_table(
        "console_login_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("login", sa.String(80), nullable=True),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_console_login_attempts_address_at", "console_login_attempts",
                    ["address", "at"])
    op.create_table(
        "hr_seen_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("integration", sa.String(64), nullable=False),
        sa.Column("message_id", sa.String(128), nullable=False),
        sa.Column("seen_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("integration", "message_id", name="uq_hr_seen_message"),
    )
    op.create_index("ix_hr_seen_messages_seen_at", "hr_seen_messages", ["seen_at"])


def downgrade() -> None:
    op.drop_index("ix_hr_seen_messages_seen_at", "hr_seen_messages")
    op.drop_table("hr_seen_messages")
    op.drop_index("ix_console_login_attempts_address_at", "console_login_attempts")
    op.drop_table("console_login_attempts")
    op.drop_index("ix_console_sessions_advisor_id", "console_sessions")
    op.drop_table("console_sessions")
