"""Feedback on the assistant's answers and outcome follow-ups (issue 16, dashboard).

- ``console_feedback``: one row per answer to « Cette réponse vous a-t-elle aidé ? » (oui /
  non), with the optional comment (redacted) and the conversation's channel.
- ``console_follow_ups``: a follow-up the person asked for (« Avez-vous fait votre demande
  de … ? » a week later, on their channel), when it is due, when it was sent, and the answer.

And an index of Rasa's ``events`` on (intent_name, timestamp), when Rasa has made that table,
for the dashboard's list of the messages the NLU fell back on (no column of ``events`` changes).

``conversation_id`` is set to NULL when a conversation is purged or erased: the rows stay as
anonymous statistics (bot.storage.feedback.anonymise).

Revision ID: 0006_feedback
Revises: 0005_outbox
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_feedback"
down_revision = "0005_outbox"
branch_labels = None
depends_on = None


EVENTS_INDEX = "ix_events_intent_timestamp"


def upgrade() -> None:
    op.create_table(
        "console_feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.String(255), nullable=True),
        sa.Column("channel", sa.String(40), nullable=True),
        sa.Column("helpful", sa.Boolean, nullable=False),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_console_feedback_conversation", "console_feedback", ["conversation_id"])
    op.create_index("ix_console_feedback_created", "console_feedback", ["created_at"])
    op.create_table(
        "console_follow_ups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.String(255), nullable=True),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("products_json", sa.Text, nullable=True),
        sa.Column("status", sa.String(20), nullable=False, server_default="scheduled"),
        sa.Column("requested_at", sa.DateTime, nullable=False),
        sa.Column("due_at", sa.DateTime, nullable=False),
        sa.Column("sent_at", sa.DateTime, nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("answer", sa.String(20), nullable=True),
        sa.Column("answered_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_console_follow_ups_conversation", "console_follow_ups",
                    ["conversation_id"])
    op.create_index("ix_console_follow_ups_due", "console_follow_ups", ["status", "due_at"])
    connection = op.get_bind()
    inspector = sa.inspect(connection)
    if inspector.has_table("events") and {"intent_name", "timestamp"} <= {
            c["name"] for c in inspector.get_columns("events")}:
        connection.execute(sa.text(
            f"create index if not exists {EVENTS_INDEX} on events (intent_name, timestamp)"))


def downgrade() -> None:
    connection = op.get_bind()
    if sa.inspect(connection).has_table("events"):
        connection.execute(sa.text(f"drop index if exists {EVENTS_INDEX}"))
    op.drop_index("ix_console_follow_ups_due", table_name="console_follow_ups")
    op.drop_index("ix_console_follow_ups_conversation", table_name="console_follow_ups")
    op.drop_table("console_follow_ups")
    op.drop_index("ix_console_feedback_created", table_name="console_feedback")
    op.drop_index("ix_console_feedback_conversation", table_name="console_feedback")
    op.drop_table("console_feedback")
