"""Scheduled publication (embargo)

Revision ID: bd6c7b8a9fa5
Revises: ac5b6a7f8e94
Create Date: 2026-11-24 23:45:00

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = "bd6c7b8a9fa5"
down_revision = "ac5b6a7f8e94"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the work on this table


def downgrade() -> None:
    pass
