"""Record overdue reminders so each actor is reminded of a waiting dataset at most once a day

Revision ID: 9b4a5f6e7d83
Revises: 8a3f4e5d6c72
Create Date: 2026-11-24 21:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "9b4a5f6e7d83"
down_revision = "8a3f4e5d6c72"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satudatablitar_reminder",
        sa.Column(
            "package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("state", sa.UnicodeText, nullable=False),
        sa.Column("user_id", sa.UnicodeText, sa.ForeignKey("user.id", ondelete="CASCADE"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("sent", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("package_id", "state", "user_id", "day", name="satudatablitar_reminder_pkey"),
    )


def downgrade() -> None:
    op.drop_table("satudatablitar_reminder")
