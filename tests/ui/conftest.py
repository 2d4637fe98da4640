"""Fixtures of the UI tests: the workflow portal (tests.workflow.conftest) and page access as a user."""

from __future__ import annotations

import re
from typing import Any

import pytest
from ckan.tests import factories

from tests.ui.browser import browser, site  # noqa: F401 (Playwright fixtures)
from tests.workflow.conftest import Portal, portal  # noqa: F401 (one OPD with its staff, Wali Data, Pembina Data)

STEP_CLASS = re.compile(r'class="satudata-step satudata-step-([a-z_]+)"')


class Pages:
    """GET/POST pages as a user through CKAN's test app, authenticated by an API token."""

    def __init__(self, app: Any, workflow_portal: Portal) -> None:
        self.app = app
        self.portal = workflow_portal
        self._tokens: dict[str, str] = {}

    def headers(self, role: str | None) -> dict[str, str]:
        if role is None:
            return {}
        if role not in self._tokens:
            self._tokens[role] = factories.APIToken(user=self.portal.name(role))["token"]
        return {"Authorization": self._tokens[role]}

    def get(self, role: str | None, url: str, status: int = 200, **kwargs: Any) -> str:
        response = self.app.get(url, headers=self.headers(role), status=status, **kwargs)
        return response.get_data(as_text=True)

    def post(self, role: str | None, url: str, data: dict[str, Any], status: int = 200) -> str:
        response = self.app.post(
            url, headers=self.headers(role), data=data, status=status, follow_redirects=True
        )
        return response.get_data(as_text=True)

    def steps(self, role: str | None, dataset: str) -> set[str]:
        """The step forms the dataset page offers to ``role``."""
        return set(STEP_CLASS.findall(self.get(role, f"/dataset/{dataset}")))


@pytest.fixture
def pages(app, portal) -> Pages:  # noqa: F811
    return Pages(app, portal)
