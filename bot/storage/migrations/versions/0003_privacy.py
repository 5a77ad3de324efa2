"""Placeholder for issue 13 (privacy): callback contacts, erasure log, retention (filled in by that work; no-op until then).

Revision ID: 0003_privacy
Revises: 0002_security
Create Date: 2026-12-01
"""
revision = "0003_privacy"
down_revision = "0002_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
