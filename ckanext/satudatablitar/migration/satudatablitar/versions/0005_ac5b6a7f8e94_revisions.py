"""Working copies (revisions) of published datasets

Revision ID: ac5b6a7f8e94
Revises: 9b4a5f6e7d83
Create Date: 2026-11-24 23:45:00

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = "ac5b6a7f8e94"
down_revision = "9b4a5f6e7d83"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the work on this table


def downgrade() -> None:
    pass
