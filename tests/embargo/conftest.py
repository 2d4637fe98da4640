"""Fixtures of the embargo tests: an approved dataset and a worker configuration that e-mails."""

from __future__ import annotations

import configparser
import os
from typing import Any

import pytest

from tests.workflow.conftest import act


@pytest.fixture
def approved(portal) -> dict[str, Any]:
    """A complete dataset, approved by both confidentiality parties, waiting for Walidata."""
    dataset = portal.dataset(title="Jumlah Sekolah Dasar")
    portal.advance(dataset["id"], "approved")
    return dataset


def schedule(portal, dataset: dict[str, Any], publish_at: str, user: str = "walidata", **extra: Any) -> Any:
    """Schedule the dataset's publication through auth as ``user`` (a role name of the portal)."""
    return act(
        portal.name(user),
        "satudatablitar_workflow_schedule_publish",
        id=dataset["id"],
        publish_at=publish_at,
        **extra,
    )


@pytest.fixture
def mailing_worker_ini(tmp_path, smtp_server) -> str:
    """A configuration for a real worker process: the test one, e-mailing at once to ``smtp_server``.

    A full copy, not a ``use = config:`` chain: CKAN 2.11 reads the logging sections from the
    named file only.
    """
    from ckan.plugins import toolkit as tk

    parser = configparser.RawConfigParser()
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(os.environ["CKAN_INI"])
    parser["app:main"].update(
        {
            "smtp.server": tk.config["smtp.server"],
            "smtp.starttls": "false",
            "smtp.user": "",
            "ckanext.satudatablitar.notify.mode": "immediate",
        }
    )
    ini = tmp_path / "worker.ini"
    with ini.open("w") as handle:
        parser.write(handle)
    return str(ini)


# pages as a user (tests.ui.conftest)
from tests.ui.conftest import pages  # noqa: E402, F401
