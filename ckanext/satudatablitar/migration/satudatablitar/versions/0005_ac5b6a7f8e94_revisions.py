"""Working copies (revisions) of published datasets, and where each copied resource came from

Revision ID: ac5b6a7f8e94
Revises: 9b4a5f6e7d83
Create Date: 2026-11-24 23:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "ac5b6a7f8e94"
down_revision = "9b4a5f6e7d83"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satudatablitar_revision",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column(
            "package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=False
        ),
        # the working copy; purged when the revision closes, so no foreign key
        sa.Column("copy_package_id", sa.UnicodeText, nullable=False, unique=True),
        sa.Column("number", sa.Integer, nullable=False),
        # open, published or withdrawn
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.UnicodeText, nullable=False),
        sa.Column("closed", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.UnicodeText, nullable=True),
        # what the published revision changed (the reviewed diff, kept after the copy is gone)
        sa.Column("changes", sa.JSON, nullable=True),
        sa.UniqueConstraint("package_id", "number", name="satudatablitar_revision_number_key"),
    )
    # at most one open revision per dataset, even under concurrent requests
    op.create_index(
        "satudatablitar_revision_one_open_idx",
        "satudatablitar_revision",
        ["package_id"],
        unique=True,
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_table(
        "satudatablitar_revision_resource",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column(
            "revision_id",
            sa.UnicodeText,
            sa.ForeignKey("satudatablitar_revision.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("source_id", sa.UnicodeText, nullable=False),
    )
    op.create_index(
        "satudatablitar_revision_resource_revision_idx", "satudatablitar_revision_resource", ["revision_id"]
    )


def downgrade() -> None:
    op.drop_table("satudatablitar_revision_resource")
    op.drop_index("satudatablitar_revision_one_open_idx", table_name="satudatablitar_revision")
    op.drop_table("satudatablitar_revision")
