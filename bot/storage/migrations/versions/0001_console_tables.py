"""The console's tables: advisors, tickets, callback requests, notes, tags, audit log, outbox.

Revision ID: 0001_console_tables
Revises:
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0001_console_tables"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_advisors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("login", sa.String(80), nullable=False, unique=True),
        sa.Column("display_name", sa.String(120), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(20), nullable=False, server_default="advisor"),
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime, nullable=True),
        sa.Column("last_seen_at", sa.DateTime, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "console_tickets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(80), nullable=True),
        sa.Column("reason", sa.String(255), nullable=True),
        sa.Column("mode", sa.String(20), nullable=False, server_default="live"),
        sa.Column("profile_json", sa.Text, nullable=True),
        sa.Column("aid_results_json", sa.Text, nullable=True),
        sa.Column("status", sa.String(20), nullable=False, server_default="queued"),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("console_advisors.id"), nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("joined_at", sa.DateTime, nullable=True),
        sa.Column("closed_at", sa.DateTime, nullable=True),
        sa.Column("outcome", sa.String(255), nullable=True),
    )
    op.create_index("ix_console_tickets_conversation_id", "console_tickets", ["conversation_id"])
    op.create_index("ix_console_tickets_status", "console_tickets", ["status"])
    op.create_table(
        "console_callback_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ticket_id", sa.Integer, sa.ForeignKey("console_tickets.id"), nullable=False,
                  unique=True),
        sa.Column("preferred_channel", sa.String(20), nullable=False),
        sa.Column("contact", sa.String(255), nullable=False),
        sa.Column("time_slot", sa.String(80), nullable=False),
        sa.Column("consent", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "console_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("console_advisors.id"), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_console_notes_conversation_id", "console_notes", ["conversation_id"])
    op.create_table(
        "console_tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("console_advisors.id"), nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("conversation_id", "name", name="uq_console_tag"),
    )
    op.create_index("ix_console_tags_conversation_id", "console_tags", ["conversation_id"])
    op.create_table(
        "console_audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("console_advisors.id"), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(255), nullable=True),
        sa.Column("detail", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_console_audit_log_created_at", "console_audit_log", ["created_at"])
    op.create_table(
        "console_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("channel", sa.String(80), nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("message_json", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_console_outbox_sender", "console_outbox", ["channel", "sender_id"])


def downgrade() -> None:
    op.drop_index("ix_console_outbox_sender", table_name="console_outbox")
    op.drop_table("console_outbox")
    op.drop_index("ix_console_audit_log_created_at", table_name="console_audit_log")
    op.drop_table("console_audit_log")
    op.drop_index("ix_console_tags_conversation_id", table_name="console_tags")
    op.drop_table("console_tags")
    op.drop_index("ix_console_notes_conversation_id", table_name="console_notes")
    op.drop_table("console_notes")
    op.drop_table("console_callback_requests")
    op.drop_index("ix_console_tickets_status", table_name="console_tickets")
    op.drop_index("ix_console_tickets_conversation_id", table_name="console_tickets")
    op.drop_table("console_tickets")
    op.drop_table("console_advisors")
