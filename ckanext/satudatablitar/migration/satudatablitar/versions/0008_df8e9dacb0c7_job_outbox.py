"""Jobs that could not be queued (Redis down), queued later

Revision ID: df8e9dacb0c7
Revises: ce7d8c9bafb6
Create Date: 2026-11-24 23:45:00

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = "df8e9dacb0c7"
down_revision = "ce7d8c9bafb6"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the work on this table


def downgrade() -> None:
    pass
