"""Fixtures shared by the whole suite.

CKAN's own pytest plugin (``ckan.tests.pytest_ckan``) provides ``app``,
``clean_db``, ``clean_index``, ``with_plugins`` and the factories; ``clean_db``
is overridden here so that every test database also runs the alembic
migrations of the activity plugin and of this extension, which keeps our
migrations themselves under test.
"""

from __future__ import annotations

import pytest

# the portal of the workflow tests (one OPD with its staff, Wali Data, Pembina Data, outsiders)
# serves every test package
from tests.workflow.conftest import portal  # noqa: F401


@pytest.fixture
def clean_db(reset_db, migrate_db_for):
    reset_db()
    migrate_db_for("activity")
    migrate_db_for("satudatablitar")


@pytest.fixture
def smtp_server(ckan_config, monkeypatch):
    """A real SMTP server on 127.0.0.1 for CKAN's mailer; yields its inbox."""
    from tests import smtp

    controller, inbox = smtp.start()
    monkeypatch.setitem(ckan_config, "smtp.server", f"127.0.0.1:{controller.port}")
    monkeypatch.setitem(ckan_config, "smtp.starttls", False)
    monkeypatch.setitem(ckan_config, "smtp.user", "")
    yield inbox
    controller.stop()
