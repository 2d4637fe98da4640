"""The extension's own tables (created by the alembic migrations, never by create_all)."""

from __future__ import annotations

from ckanext.satudatablitar.model import package_columns
from ckanext.satudatablitar.model.workflow import WorkflowEvent, WorkflowState

package_columns.install()

__all__ = ["WorkflowEvent", "WorkflowState"]
