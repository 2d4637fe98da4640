"""Create the workflow state and the append-only, hash-chained event log

Revision ID: 6e1d2c3b4a50
Revises:
Create Date: 2026-11-24 20:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "6e1d2c3b4a50"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satudatablitar_workflow_state",
        sa.Column(
            "package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("state", sa.UnicodeText, nullable=False),
        # bumped by every transition: a compare-and-set on it serialises concurrent reviewers
        sa.Column("version", sa.Integer, nullable=False, server_default="0"),
        # when the dataset entered its current state: SOP time standards are measured from here
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        # digest of the content last acted on, when and by whom the content last changed
        sa.Column("content_digest", sa.UnicodeText, nullable=False),
        sa.Column("content_changed", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_changed_by", sa.UnicodeText, nullable=True),
        # the confidentiality sign-offs of the current review round (event ids)
        sa.Column("walidata_signoff_id", sa.BigInteger, nullable=True),
        sa.Column("pembina_signoff_id", sa.BigInteger, nullable=True),
    )
    op.create_index("satudatablitar_workflow_state_state_idx", "satudatablitar_workflow_state", ["state"])

    op.create_table(
        "satudatablitar_workflow_event",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("actor_id", sa.UnicodeText, nullable=False),
        sa.Column("actor_role", sa.UnicodeText, nullable=False),
        sa.Column("action", sa.UnicodeText, nullable=False),
        sa.Column("from_state", sa.UnicodeText, nullable=True),
        sa.Column("to_state", sa.UnicodeText, nullable=False),
        sa.Column("reason_code", sa.UnicodeText, nullable=True),
        sa.Column("note", sa.UnicodeText, nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content_digest", sa.UnicodeText, nullable=False),
        sa.Column("prev_hash", sa.UnicodeText, nullable=True),
        sa.Column("hash", sa.UnicodeText, nullable=False, unique=True),
    )
    op.create_index(
        "satudatablitar_workflow_event_package_idx", "satudatablitar_workflow_event", ["package_id", "id"]
    )
    op.create_index("satudatablitar_workflow_event_created_idx", "satudatablitar_workflow_event", ["created"])


def downgrade() -> None:
    op.drop_index("satudatablitar_workflow_event_created_idx", table_name="satudatablitar_workflow_event")
    op.drop_index("satudatablitar_workflow_event_package_idx", table_name="satudatablitar_workflow_event")
    op.drop_table("satudatablitar_workflow_event")
    op.drop_index("satudatablitar_workflow_state_state_idx", table_name="satudatablitar_workflow_state")
    op.drop_table("satudatablitar_workflow_state")
