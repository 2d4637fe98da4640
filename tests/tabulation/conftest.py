"""Fixtures of the tabulation tests."""

from __future__ import annotations

import pytest

from ckanext.satudatablitar import config
from ckanext.satudatablitar.tabulation.limits import Limits
from tests.workflow.conftest import portal  # noqa: F401 (one OPD with its staff, Wali Data and Pembina Data)


@pytest.fixture
def limits(ckan_config) -> Limits:
    """The limits configured for the tests (config_declaration.yaml defaults)."""
    return config.tabulation_limits()
