"""Fixtures shared by the whole suite.

CKAN's own pytest plugin (``ckan.tests.pytest_ckan``) provides ``app``,
``clean_db``, ``clean_index``, ``with_plugins`` and the factories; ``clean_db``
is overridden here so that every test database also runs the alembic
migrations of the activity plugin and of this extension, which keeps our
migrations themselves under test.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def clean_db(reset_db, migrate_db_for):
    reset_db()
    migrate_db_for("activity")
    migrate_db_for("satudatablitar")
