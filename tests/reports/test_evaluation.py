"""The evaluation report: fulfilment of the DSSD list per element and OPD, with lateness."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from ckan.tests import factories

from ckanext.satudatablitar.reports import service
from tests.register.conftest import add_elements
from tests.reports.test_monitoring import WIB, publish_on_schedule
from tests.workflow.conftest import act

pytestmark = [
    pytest.mark.usefixtures("with_plugins"),
    pytest.mark.ckan_config("ckan.display_timezone", "Asia/Jakarta"),
    pytest.mark.ckan_config("ckanext.satudatablitar.holidays", "2026-08-17"),
]


@pytest.fixture
def dssd(portal):
    """The 2026 list (decree of Friday 2 January 2026): two elements of the portal's OPD, one of another."""
    add_elements(
        2026, [("01.001", portal.opd["id"]), ("01.002", portal.opd["id"]), ("02.001", portal.other_opd["id"])]
    )
    return portal


def test_fulfilled_unfulfilled_and_late(dssd):
    publish_on_schedule(dssd, name="penduduk", id_dds="01.001")  # published Tuesday 18 August 2026
    # data years too old for the 2026 list (the default lag asks for 2025)
    publish_on_schedule(
        dssd,
        name="lama",
        title="Data Lama",
        id_dds="01.002",
        tahun_data_mulai="2019",
        tahun_data_selesai="2023",
    )
    # linked but never published: does not count
    draft = dssd.dataset(name="belum", id_dds="02.001")

    elements = {e.code: e for e in service.build(service.ReportRequest("evaluation", 2026)).elements}
    first = elements["01.001"]
    assert [d["name"] for d in first.datasets] == ["penduduk"]
    # 35 working days after 2 January 2026 is Friday 20 February; from then to 18 August are 126
    # working days (17 August is a holiday)
    assert first.deadline == datetime.date(2026, 2, 20)
    assert first.first_published.astimezone(WIB).date() == datetime.date(2026, 8, 18)
    assert first.days_late == 126
    assert not elements["01.002"].fulfilled
    assert not elements["02.001"].fulfilled and draft["name"] == "belum"


@pytest.mark.ckan_config("ckanext.satudatablitar.dssd_delivery_days", "250")
def test_on_time_when_published_before_the_deadline(dssd):
    publish_on_schedule(dssd, name="penduduk", id_dds="01.001")
    (element,) = [e for e in service.build(service.ReportRequest("evaluation", 2026)).elements if e.fulfilled]
    assert element.days_late is None


def test_per_opd_and_through_the_api(dssd):
    publish_on_schedule(dssd, name="penduduk", id_dds="01.001")
    result = act(
        dssd.name("pembina"), "satudatablitar_report_show", report="evaluation", year=2026, detail=True
    )
    per_opd = {row[0]: row[1:] for row in result["tables"]["fulfilment"]["rows"]}
    assert per_opd[dssd.opd["title"]] == [2, 1, 50.0, 1]
    assert per_opd[dssd.other_opd["title"]] == [1, 0, 0.0, 0]
    codes = [row[0] for row in result["tables"]["elements"]["rows"]]
    assert codes == ["01.001", "01.002", "02.001"]
    only_other = act(
        dssd.name("walidata"),
        "satudatablitar_report_show",
        report="evaluation",
        year=2026,
        organization=dssd.other_opd["name"],
    )
    assert [row[0] for row in only_other["tables"]["fulfilment"]["rows"]] == [dssd.other_opd["title"]]
    assert "elements" not in only_other["tables"]


def test_xlsx_export(app, dssd):
    publish_on_schedule(dssd, name="penduduk", id_dds="01.001")
    token = factories.APIToken(user=dssd.name("walidata"))["token"]
    response = app.get("/satudata/monitoring/evaluation.xlsx?year=2026", headers={"Authorization": token})
    workbook = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    assert workbook.sheetnames == ["Fulfilment 2026", "DSSD elements"]
    rows = list(workbook["DSSD elements"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:5] == ("01.001", "Elemen 01.001", dssd.opd["title"], "Yes", "penduduk")
    assert rows[0][7] == 126
    assert [r[3] for r in rows] == ["Yes", "No", "No"]
