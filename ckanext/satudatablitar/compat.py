"""Differences between CKAN 2.11 and 2.12, in one place."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model

# 2.12 keeps a dataset's extras in a JSONB column of the package table; 2.11 in package_extra rows.
EXTRAS_IN_PACKAGE_TABLE = tk.check_ckan_version(min_version="2.12")


def package_extra_value(key: str) -> sa.ColumnElement[str]:
    """SQL expression for the value of extra ``key`` of the row of ``model.package_table``."""
    package = model.package_table
    if EXTRAS_IN_PACKAGE_TABLE:
        return package.c.extras[key].astext
    extra = model.package_extra_table
    return (
        sa.select(extra.c.value)
        .where(extra.c.package_id == package.c.id, extra.c.key == key, extra.c.state == "active")
        .scalar_subquery()
    )


# 2.12's `ckan jobs worker` runs RQ's scheduler (retries after an interval, scheduled jobs); 2.11's does not,
# so a job retried after an interval would wait for ever there.
WORKER_RUNS_SCHEDULER = tk.check_ckan_version(min_version="2.12")
