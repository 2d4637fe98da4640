"""Create the tabulation validation reports and the Wali Data overrides of failed validations

Revision ID: 8a3f4e5d6c72
Revises: 7f2e3d4c5b61
Create Date: 2026-11-24 21:00:00

"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "8a3f4e5d6c72"
down_revision = "7f2e3d4c5b61"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satudatablitar_validation_report",
        sa.Column(
            "resource_id", sa.UnicodeText, sa.ForeignKey("resource.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        # a new run id every time the resource is queued: overrides name the run they accept
        sa.Column("run_id", sa.UnicodeText, nullable=False),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("queued", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished", sa.DateTime(timezone=True), nullable=True),
        sa.Column("schema_source", sa.UnicodeText, nullable=True),
        sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("finding_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("report", postgresql.JSONB, nullable=True),
    )
    op.create_table(
        "satudatablitar_validation_override",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("resource_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("run_id", sa.UnicodeText, nullable=False),
        sa.Column("user_id", sa.UnicodeText, nullable=False),
        sa.Column("reason", sa.UnicodeText, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )


def downgrade() -> None:
    op.drop_table("satudatablitar_validation_override")
    op.drop_table("satudatablitar_validation_report")
