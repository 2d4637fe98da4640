"""Create the DSSD register: decrees (one list per year) and their statistical data elements

Revision ID: 7f2e3d4c5b61
Revises: 6e1d2c3b4a50
Create Date: 2026-11-24 20:50:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7f2e3d4c5b61"
down_revision = "6e1d2c3b4a50"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satudatablitar_dssd_decree",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("year", sa.Integer, nullable=False, unique=True),
        sa.Column("number", sa.UnicodeText, nullable=False),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("title", sa.UnicodeText, nullable=True),
        sa.Column("imported_by", sa.UnicodeText, nullable=True),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "satudatablitar_dssd_element",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column(
            "decree_id",
            sa.UnicodeText,
            sa.ForeignKey("satudatablitar_dssd_decree.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("code", sa.UnicodeText, nullable=False),
        sa.Column("name", sa.UnicodeText, nullable=False),
        sa.Column("organization", sa.UnicodeText, nullable=False),
        sa.Column("sector", sa.UnicodeText, nullable=True),
        sa.Column("unit", sa.UnicodeText, nullable=False),
        sa.Column("frequency", sa.UnicodeText, nullable=False),
        sa.Column("level", sa.UnicodeText, nullable=False),
        sa.Column("definition", sa.UnicodeText, nullable=True),
        sa.Column("table_schema", sa.UnicodeText, nullable=True),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("year", "code", name="satudatablitar_dssd_element_year_code_key"),
    )
    op.create_index("satudatablitar_dssd_element_code_idx", "satudatablitar_dssd_element", ["code"])
    op.create_index(
        "satudatablitar_dssd_element_organization_idx", "satudatablitar_dssd_element", ["organization"]
    )


def downgrade() -> None:
    op.drop_index("satudatablitar_dssd_element_organization_idx", table_name="satudatablitar_dssd_element")
    op.drop_index("satudatablitar_dssd_element_code_idx", table_name="satudatablitar_dssd_element")
    op.drop_table("satudatablitar_dssd_element")
    op.drop_table("satudatablitar_dssd_decree")
