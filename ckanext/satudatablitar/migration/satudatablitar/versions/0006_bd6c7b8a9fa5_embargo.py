"""Scheduled publication (embargo): one row per schedule, at most one waiting per dataset

Revision ID: bd6c7b8a9fa5
Revises: ac5b6a7f8e94
Create Date: 2026-11-24 23:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "bd6c7b8a9fa5"
down_revision = "ac5b6a7f8e94"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satudatablitar_publication_schedule",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scheduled_by", sa.UnicodeText, nullable=False),
        sa.Column("note", sa.UnicodeText, nullable=True),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failure", sa.UnicodeText, nullable=True),
        sa.CheckConstraint(
            "status IN ('scheduled', 'published', 'failed', 'cancelled')",
            name="satudatablitar_publication_schedule_status",
        ),
    )
    # at most one schedule waits per dataset
    op.create_index(
        "satudatablitar_publication_schedule_waiting",
        "satudatablitar_publication_schedule",
        ["package_id"],
        unique=True,
        postgresql_where=sa.text("status = 'scheduled'"),
    )
    op.create_index(
        "satudatablitar_publication_schedule_due",
        "satudatablitar_publication_schedule",
        ["publish_at"],
        postgresql_where=sa.text("status = 'scheduled'"),
    )


def downgrade() -> None:
    op.drop_table("satudatablitar_publication_schedule")
