"""The monitoring report measured from real workflow steps taken at known (frozen) times."""

from __future__ import annotations

import datetime
import io
import statistics
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from ckan.tests import factories, helpers
from freezegun import freeze_time

from ckanext.satudatablitar.reports import service
from tests.sql import statements
from tests.workflow.conftest import act

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime.datetime(2026, 8, 24, 9, 0, tzinfo=WIB)

pytestmark = [
    pytest.mark.usefixtures("with_plugins"),
    pytest.mark.ckan_config("ckan.display_timezone", "Asia/Jakarta"),
    pytest.mark.ckan_config("ckanext.satudatablitar.holidays", "2026-08-17"),
    pytest.mark.ckan_config(
        "ckanext.satudatablitar.sop_days",
        "submitted:1 verified_opd:1 verified_walidata:10 approved:1 revision_requested:5",
    ),
]


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2026, 8, day, hour, tzinfo=WIB)


def step(portal, when, role, action, dataset, **data):
    with freeze_time(when):
        return act(portal.name(role), action, id=dataset["id"], **data)


def publish_on_schedule(portal, name="penduduk", title="Jumlah Penduduk", **fields):
    """Dataset A: late at stage 1 (2 working days), published Tuesday after the holiday."""
    with freeze_time(at(10, 9)):
        dataset = portal.dataset(name=name, title=title, **fields)
    step(portal, at(10, 10), "operator", "satudatablitar_workflow_submit", dataset)
    step(portal, at(12, 9), "verifier", "satudatablitar_workflow_verify", dataset, stage=1)
    step(portal, at(12, 15), "kominfotik", "satudatablitar_workflow_verify", dataset, stage=2)
    approve = {"decision": "approve", "reason_code": "aggregate_only"}
    step(
        portal,
        at(13, 9),
        "kominfotik2",
        "satudatablitar_workflow_sign_off_confidentiality",
        dataset,
        **approve,
    )
    step(portal, at(14, 9), "pembina", "satudatablitar_workflow_sign_off_confidentiality", dataset, **approve)
    step(portal, at(18, 9), "walidata", "satudatablitar_workflow_publish", dataset)
    return dataset


def returned_once_and_waiting(portal):
    """Dataset B: sent back once, resubmitted, and still waiting for the OPD verifier."""
    with freeze_time(at(10, 9)):
        dataset = portal.dataset(name="puskesmas", title="Jumlah Puskesmas")
    step(portal, at(10, 11), "operator", "satudatablitar_workflow_submit", dataset)
    step(
        portal,
        at(11, 10),
        "verifier",
        "satudatablitar_workflow_request_revision",
        dataset,
        note="Kolom jumlah belum diisi",
    )
    step(portal, at(13, 10), "operator", "satudatablitar_workflow_submit", dataset)
    return dataset


def steps_of(report, name):
    dataset = next(d for d in report.datasets if d.name == name)
    return dataset, [(s.state, s.days, s.standard, s.overdue, s.left is None) for s in dataset.steps]


def test_steps_are_measured_in_working_days_against_the_standards(portal):
    # working days are the declared default
    publish_on_schedule(portal)
    returned_once_and_waiting(portal)
    report = service.build(service.ReportRequest("monitoring", 2026), now=NOW).monitoring

    a, a_steps = steps_of(report, "penduduk")
    assert a_steps == [
        ("draft", 0, None, False, False),
        ("submitted", 2, 1, True, False),  # Monday to Wednesday
        ("verified_opd", 0, 1, False, False),
        (
            "verified_walidata",
            2,
            10,
            False,
            False,
        ),  # Wednesday to Friday; the first sign-off changes no state
        ("approved", 1, 1, False, False),  # Friday to Tuesday over the weekend and the 17 August holiday
    ]
    assert a.current_state == "published" and a.revision_rounds == 0
    assert a.days_to_publish == 5  # 10-14 August; the 17th is a holiday
    assert not a.overdue_now

    b, b_steps = steps_of(report, "puskesmas")
    assert b_steps == [
        ("draft", 0, None, False, False),
        ("submitted", 1, 1, False, False),
        ("revision_requested", 2, 5, False, False),
        ("submitted", 6, 1, True, True),  # Thursday 13th to Monday 24th, still waiting
    ]
    assert b.revision_rounds == 1 and b.overdue_now


def test_summary_per_stage_opd_and_month(portal):
    publish_on_schedule(portal)
    returned_once_and_waiting(portal)
    report = service.build(service.ReportRequest("monitoring", 2026), now=NOW).monitoring

    submitted = next(s for s in report.stages if s.state == "submitted")
    assert (submitted.steps, submitted.waiting, submitted.overdue) == (3, 1, 2)
    assert submitted.median_days == statistics.median([2, 1, 6])
    (opd,) = report.organizations
    assert (opd.organization, opd.datasets, opd.published, opd.in_review, opd.overdue_now) == (
        "dinas-kesehatan",
        2,
        1,
        1,
        1,
    )
    assert (opd.overdue_steps, opd.revision_rounds, opd.median_days_to_publish) == (2, 1, 5)
    assert [(m.month, m.steps, m.overdue) for m in report.months] == [("2026-08", 9, 2)]
    assert report.totals == {
        "datasets": 2,
        "published": 1,
        "overdue_now": 1,
        "overdue_steps": 2,
        "revision_rounds": 1,
    }


@pytest.mark.ckan_config("ckanext.satudatablitar.day_counting", "calendar")
def test_calendar_counting_counts_weekends_and_holidays(portal):
    publish_on_schedule(portal)
    report = service.build(service.ReportRequest("monitoring", 2026), now=NOW).monitoring
    _, a_steps = steps_of(report, "penduduk")
    approved = a_steps[-1]
    assert approved[:2] == ("approved", 4.0)  # Friday 09:00 to Tuesday 09:00
    assert approved[3] is True


def test_period_and_organization_filters(portal):
    publish_on_schedule(portal)
    in_august = service.ReportRequest(
        "monitoring", 2026, date_from=datetime.date(2026, 8, 12), date_to=datetime.date(2026, 8, 13)
    )
    report = service.build(in_august, now=NOW).monitoring
    (dataset,) = report.datasets
    assert [s.state for s in dataset.steps] == ["verified_opd", "verified_walidata"]
    assert service.build(service.ReportRequest("monitoring", 2025), now=NOW).monitoring.datasets == []
    other = service.ReportRequest("monitoring", 2026, organization="dinas-pendidikan")
    assert service.build(other, now=NOW).monitoring.datasets == []


def _queries_for_report() -> int:
    with statements() as seen:
        service.build(service.ReportRequest("monitoring", 2026), now=NOW)
        service.build(service.ReportRequest("evaluation", 2026), now=NOW)
    return len(seen)


def test_number_of_queries_does_not_grow_with_datasets(portal):
    publish_on_schedule(portal, name="satu")
    few = _queries_for_report()
    for index in range(4):
        publish_on_schedule(portal, name=f"lagi-{index}")
        returned_once_and_waiting_named(portal, f"balik-{index}")
    assert len(service.build(service.ReportRequest("monitoring", 2026), now=NOW).monitoring.datasets) == 9
    assert _queries_for_report() == few


def returned_once_and_waiting_named(portal, name):
    with freeze_time(at(10, 9)):
        dataset = portal.dataset(name=name)
    step(portal, at(10, 11), "operator", "satudatablitar_workflow_submit", dataset)


class TestReportAccess:
    def test_wali_data_and_pembina_read_it(self, portal):
        publish_on_schedule(portal)
        for role in ("walidata", "kominfotik", "pembina"):
            result = act(portal.name(role), "satudatablitar_report_show", report="monitoring", year=2026)
            assert result["tables"]["summary"]["rows"][0][1] == 1

    @pytest.mark.parametrize("role", ["operator", "verifier", "other_admin", "harvester", None])
    def test_others_are_refused(self, portal, role):
        with pytest.raises(helpers.logic.NotAuthorized, match="Only Wali Data and Pembina Data"):
            act(portal.name(role) if role else None, "satudatablitar_report_show", report="monitoring")

    def test_bad_parameters_get_field_errors(self, portal):
        with pytest.raises(helpers.logic.ValidationError) as error:
            act(
                portal.name("walidata"),
                "satudatablitar_report_show",
                report="annual",
                year="20x6",
                date_from="24/08/2026",
            )
        assert set(error.value.error_dict) == {"report", "year", "date_from"}


class TestReportPage:
    def _token(self, portal, role):
        return {"Authorization": factories.APIToken(user=portal.name(role))["token"]}

    def test_page_shows_charts_and_drill_down(self, app, portal):
        publish_on_schedule(portal)
        page = app.get("/satudata/monitoring/?year=2026", headers=self._token(portal, "walidata"))
        assert page.status_code == 200
        assert page.body.count('<svg class="satudata-chart"') == 3
        assert 'href="/dataset/penduduk"' in page.body
        assert "/satudata/monitoring/?year=2026&amp;organization=dinas-kesehatan" in page.body

    def test_page_is_closed_to_operators_and_anonymous(self, app, portal):
        assert app.get("/satudata/monitoring/", headers=self._token(portal, "operator")).status_code == 403
        assert app.get("/satudata/monitoring/").status_code == 403

    def test_xlsx_export_opens_with_summary_and_detail_sheets(self, app, portal):
        publish_on_schedule(portal)
        returned_once_and_waiting(portal)
        # (the page measures up to the real clock: API tokens do not survive a frozen one)
        response = app.get(
            "/satudata/monitoring/monitoring.xlsx?year=2026", headers=self._token(portal, "pembina")
        )
        assert response.status_code == 200
        workbook = openpyxl.load_workbook(io.BytesIO(response.get_data()))
        assert workbook.sheetnames == ["Summary", "Per stage", "Per OPD", "Per month", "Steps"]
        assert [c.value for c in workbook["Summary"]["B"][1:]] == [2, 1, 1, 2, 1]
        steps = list(workbook["Steps"].iter_rows(min_row=2, values_only=True))
        assert len(steps) == 9
        assert ("puskesmas", "Jumlah Puskesmas", portal.opd["title"], "Submitted") == steps[-1][:4]
        assert steps[-1][6] >= 6 and steps[-1][7:] == (1, "Yes")  # waiting since 13 August
        assert workbook["Steps"].freeze_panes == "A2"

    def test_exports_neutralise_formulas_from_user_data(self, app, portal):
        hostile = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)"]
        for index, title in enumerate(hostile):
            publish_on_schedule(portal, name=f"hostile-{index}", title=title)
        headers = self._token(portal, "walidata")
        xlsx = app.get("/satudata/monitoring/monitoring.xlsx?year=2026", headers=headers).get_data()
        workbook = openpyxl.load_workbook(io.BytesIO(xlsx))
        texts = [
            c.value
            for sheet in workbook
            for row in sheet.iter_rows()
            for c in row
            if isinstance(c.value, str)
        ]
        assert not [t for t in texts if t[0] in "=+-@"]
        assert "'" + hostile[0] in texts
        csv_text = app.get("/satudata/monitoring/monitoring.csv?year=2026&table=steps", headers=headers).body
        cells = [cell for line in csv_text.splitlines() for cell in line.split(",")]
        assert not [c for c in cells if c.strip('"')[:1] in ("=", "+", "@")]
        assert "'+1+1" in csv_text
