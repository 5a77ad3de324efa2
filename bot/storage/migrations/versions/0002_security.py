"""Placeholder for issue 10 (security): console sessions, login throttle, HR replay ids (filled in by that work; no-op until then).

Revision ID: 0002_security
Revises: 0001_console_tables
Create Date: 2026-12-01
"""
revision = "0002_security"
down_revision = "0001_console_tables"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
