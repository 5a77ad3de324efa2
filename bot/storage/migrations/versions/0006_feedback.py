"""Placeholder for issue 16 (dashboard): feedback and outcome follow-ups (filled in by that work; no-op until then).

Revision ID: 0006_feedback
Revises: 0005_outbox
Create Date: 2026-12-01
"""
revision = "0006_feedback"
down_revision = "0005_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
