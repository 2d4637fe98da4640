"""Misconfiguration stops CKAN at start-up with a message naming the option."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_ckan(tmp_path, **options: str) -> subprocess.CompletedProcess:
    """Run `ckan config validate`-like start-up: load the environment with test.ini plus ``options``."""
    ini = tmp_path / "bad.ini"
    with open(os.path.join(ROOT, "test.ini"), encoding="utf-8") as test_ini:
        text = test_ini.read().replace("%(here)s", ROOT)
    added = "".join(f"{key} = {value}\n" for key, value in options.items())
    ini.write_text(text.replace("[app:main]\n", "[app:main]\n" + added, 1))
    ckan = os.path.join(os.path.dirname(sys.executable), "ckan")
    return subprocess.run(
        [ckan, "-c", str(ini), "satudata", "--help"], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "ckanext.satudatablitar.sop_days",
            "submitted:1 verified_opd:two",
            "bad duration in 'verified_opd:two'",
        ),
        ("ckanext.satudatablitar.sop_days", "submited:1", "unknown workflow state 'submited'"),
        (
            "ckanext.satudatablitar.holidays",
            "2026-08-17 17/08/2026",
            "'17/08/2026' is not a date written YYYY-MM-DD",
        ),
        ("ckanext.satudatablitar.day_counting", "weekdays", "ckanext.satudatablitar.day_counting"),
        ("ckanext.satudatablitar.dssd_delivery_days", "-3", "ckanext.satudatablitar.dssd_delivery_days"),
    ],
)
def test_bad_values_stop_start_up(tmp_path, option, value, message):
    result = start_ckan(tmp_path, **{option: value})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Invalid configuration values provided" in output
    assert option in output and message in output


def test_good_values_start(tmp_path):
    result = start_ckan(
        tmp_path,
        **{
            "ckanext.satudatablitar.sop_days": "submitted:2 approved:0.5",
            "ckanext.satudatablitar.holidays": "2026-08-17 2026-12-25",
            "ckanext.satudatablitar.day_counting": "calendar",
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_missing_organizations_are_logged_at_start_up(tmp_path):
    from ckan.tests import factories

    factories.Organization(name="dinas-kesehatan")
    result = start_ckan(tmp_path, **{"ckanext.satudatablitar.pembina_organization": "bps-kota"})
    assert result.returncode == 0, result.stderr[-2000:]
    logged = [line for line in result.stdout.splitlines() if " ERROR " in line]
    assert len(logged) == 2, result.stdout[-2000:]
    assert "ckanext.satudatablitar.walidata_organization = diskominfotik: there is no active" in logged[0]
    assert "ckanext.satudatablitar.pembina_organization = bps-kota: there is no active" in logged[1]
    assert "workflow steps are refused until it exists" in logged[1]


@pytest.mark.usefixtures("with_plugins", "clean_db")
class TestCheckConfig:
    def test_missing_organizations_are_named(self, cli):
        from ckan.cli.cli import ckan

        result = cli.invoke(ckan, ["satudata", "check-config"])
        assert result.exit_code == 1
        assert "ckanext.satudatablitar.walidata_organization = diskominfotik" in result.output
        assert "ckanext.satudatablitar.pembina_organization" in result.output

    def test_ok_once_they_exist(self, cli):
        from ckan.cli.cli import ckan
        from ckan.tests import factories

        from ckanext.satudatablitar import config

        factories.Organization(name=config.walidata_organization())
        factories.Organization(name=config.pembina_organization())
        result = cli.invoke(ckan, ["satudata", "check-config"])
        assert result.exit_code == 0, result.output
        assert "configuration OK" in result.output
