"""Which review checks still hold after a content change, and content snapshots

Adds the stage-2 verification that still holds to the workflow state row (the two
confidentiality sign-offs already have theirs) and a table of content snapshots by
digest: the content each check and each public version was given to.

Revision ID: ce7d8c9bafb6
Revises: bd6c7b8a9fa5
Create Date: 2026-11-24 23:45:00

"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

# revision identifiers, used by Alembic.
revision = "ce7d8c9bafb6"
down_revision = "bd6c7b8a9fa5"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "satudatablitar_workflow_state", sa.Column("walidata_verified_id", sa.BigInteger, nullable=True)
    )
    # datasets past stage 2 keep the stage-2 verification of their current round
    op.execute(
        """
        UPDATE satudatablitar_workflow_state AS s
        SET walidata_verified_id = (
            SELECT max(e.id) FROM satudatablitar_workflow_event AS e
            WHERE e.package_id = s.package_id AND e.action = 'verify_walidata'
        )
        WHERE s.state IN ('verified_walidata', 'approved', 'published')
        """
    )
    op.create_table(
        "satudatablitar_content_snapshot",
        # no foreign key: like the event log, snapshots outlive a purged dataset
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("digest", sa.UnicodeText, primary_key=True),
        sa.Column("content", JSONB, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )


def downgrade() -> None:
    op.drop_table("satudatablitar_content_snapshot")
    op.drop_column("satudatablitar_workflow_state", "walidata_verified_id")
