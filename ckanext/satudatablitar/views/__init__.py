"""Flask blueprints of the extension, one module per concern."""

from __future__ import annotations

from flask import Blueprint

from ckanext.satudatablitar.views.register import register
from ckanext.satudatablitar.views.reports import reports
from ckanext.satudatablitar.views.tabulation import tabulation
from ckanext.satudatablitar.views.workflow import workflow

from . import (
    embargo,  # noqa: F401  (adds the scheduled-publication routes to the workflow blueprint)
    revisions,  # noqa: F401  (adds the revision routes to the workflow blueprint)
)


def get_blueprints() -> list[Blueprint]:
    """Every blueprint the plugin registers."""
    return [reports, tabulation, register, workflow]
