"""Placeholder for issue 14 (performance): conversation summary table, events index (filled in by that work; no-op until then).

Revision ID: 0004_summary
Revises: 0003_privacy
Create Date: 2026-12-01
"""
revision = "0004_summary"
down_revision = "0003_privacy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
