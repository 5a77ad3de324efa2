"""Placeholder for issue 15 (cluster): durable HR callback outbox (filled in by that work; no-op until then).

Revision ID: 0005_outbox
Revises: 0004_summary
Create Date: 2026-12-01
"""
revision = "0005_outbox"
down_revision = "0004_summary"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
