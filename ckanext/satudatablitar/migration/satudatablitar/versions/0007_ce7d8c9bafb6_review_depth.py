"""Which review checks still hold after a content change

Revision ID: ce7d8c9bafb6
Revises: bd6c7b8a9fa5
Create Date: 2026-11-24 23:45:00

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = "ce7d8c9bafb6"
down_revision = "bd6c7b8a9fa5"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the work on this table


def downgrade() -> None:
    pass
