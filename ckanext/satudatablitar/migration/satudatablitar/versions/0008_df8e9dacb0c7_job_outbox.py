"""Jobs that could not be queued (Redis down), queued later

Revision ID: df8e9dacb0c7
Revises: ce7d8c9bafb6
Create Date: 2026-11-24 23:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "df8e9dacb0c7"
down_revision = "ce7d8c9bafb6"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satudatablitar_job_outbox",
        sa.Column("job_id", sa.UnicodeText, primary_key=True),
        sa.Column("function", sa.UnicodeText, nullable=False),
        sa.Column("args", sa.JSON, nullable=False),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("timeout", sa.Integer, nullable=True),
        sa.Column("retry_intervals", sa.JSON, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.UnicodeText, nullable=True),
    )
    op.create_index("satudatablitar_job_outbox_created_idx", "satudatablitar_job_outbox", ["created"])


def downgrade() -> None:
    op.drop_table("satudatablitar_job_outbox")
