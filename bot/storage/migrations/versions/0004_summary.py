"""Issue 14 (performance): the conversation summary table, and the indexes of Rasa's ``events``
table that the tracker store's queries need (no column of ``events`` is changed).

The summary is filled from the events already stored (once, here); from then on the tracker
store keeps it up to date as it saves each turn.

Revision ID: 0004_summary
Revises: 0003_privacy
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_summary"
down_revision = "0003_privacy"
branch_labels = None
depends_on = None

# (name, columns): shared with bot/storage/tracker_store.py, which creates them too when Rasa
# made the events table after the migrations ran
EVENTS_INDEXES = (
    ("ix_events_sender_id_id", ("sender_id", "id")),
    ("ix_events_sender_type_action", ("sender_id", "type_name", "action_name", "id")),
)


def _rasa_events_table(connection) -> bool:
    """Rasa's tracker store made its ``events`` table already (else it makes the indexes)."""
    inspector = sa.inspect(connection)
    if not inspector.has_table("events"):
        return False
    columns = {c["name"] for c in inspector.get_columns("events")}
    return {"id", "sender_id", "type_name", "action_name", "data"} <= columns


def upgrade() -> None:
    op.create_table(
        "conversation_summaries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.String(255), nullable=True, unique=True),
        sa.Column("channel", sa.String(40), nullable=True),
        sa.Column("started_at", sa.DateTime, nullable=True),
        sa.Column("last_event_at", sa.DateTime, nullable=True),
        sa.Column("user_messages", sa.Integer, nullable=False, server_default="0"),
        sa.Column("not_understood", sa.Integer, nullable=False, server_default="0"),
        sa.Column("verdict_reached", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("eligible_products", sa.Text, nullable=False, server_default="[]"),
        sa.Column("to_confirm_products", sa.Text, nullable=False, server_default="[]"),
        sa.Column("handoff", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("outcome", sa.String(255), nullable=True),
        sa.Column("situation", sa.String(255), nullable=True),
        sa.Column("eligible_names", sa.Text, nullable=False, server_default="[]"),
    )
    op.create_index("ix_conversation_summaries_last_event_at", "conversation_summaries",
                    ["last_event_at"])
    op.create_index("ix_conversation_summaries_started_at", "conversation_summaries",
                    ["started_at"])
    op.create_index("ix_conversation_summaries_handoff", "conversation_summaries",
                    ["handoff", "last_event_at"])
    connection = op.get_bind()
    if _rasa_events_table(connection):
        for name, columns in EVENTS_INDEXES:
            connection.execute(sa.text(
                f"create index if not exists {name} on events ({', '.join(columns)})"))
        from bot.storage.summary import rebuild

        rebuild(connection)


def downgrade() -> None:
    connection = op.get_bind()
    if sa.inspect(connection).has_table("events"):
        for name, _ in EVENTS_INDEXES:
            connection.execute(sa.text(f"drop index if exists {name}"))
    op.drop_index("ix_conversation_summaries_handoff", table_name="conversation_summaries")
    op.drop_index("ix_conversation_summaries_started_at", table_name="conversation_summaries")
    op.drop_index("ix_conversation_summaries_last_event_at", table_name="conversation_summaries")
    op.drop_table("conversation_summaries")
