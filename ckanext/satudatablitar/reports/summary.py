"""The monitoring report: measures summed up per stage, per OPD and per month."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ckanext.satudatablitar.reports.measures import DatasetMeasures, Step
from ckanext.satudatablitar.workflow import states

# the order stages appear in, following the SOP
STAGE_ORDER = (
    states.DRAFT,
    states.REVISION_REQUESTED,
    states.SUBMITTED,
    states.VERIFIED_OPD,
    states.VERIFIED_WALIDATA,
    states.APPROVED,
)


@dataclass(frozen=True)
class StageSummary:
    state: str
    steps: int
    waiting: int
    median_days: float | None
    standard: float | None
    overdue: int


@dataclass(frozen=True)
class OrganizationSummary:
    organization: str
    organization_title: str
    datasets: int
    published: int
    in_review: int
    overdue_now: int
    overdue_steps: int
    revision_rounds: int
    median_days_to_publish: float | None


@dataclass(frozen=True)
class MonthSummary:
    month: str  # YYYY-MM of the day the step ended (or of today, for steps still waiting)
    steps: int
    overdue: int


@dataclass(frozen=True)
class MonitoringReport:
    datasets: list[DatasetMeasures]
    stages: list[StageSummary]
    organizations: list[OrganizationSummary]
    months: list[MonthSummary]

    @property
    def totals(self) -> dict[str, int]:
        return {
            "datasets": len(self.datasets),
            "published": sum(1 for d in self.datasets if d.current_state == states.PUBLISHED),
            "overdue_now": sum(1 for d in self.datasets if d.overdue_now),
            "overdue_steps": sum(s.overdue for s in self.stages),
            "revision_rounds": sum(d.revision_rounds for d in self.datasets),
        }


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def summarize(datasets: list[DatasetMeasures], month_of_now: str) -> MonitoringReport:
    return MonitoringReport(
        datasets=datasets,
        stages=_by_stage(datasets),
        organizations=_by_organization(datasets),
        months=_by_month(datasets, month_of_now),
    )


def _by_stage(datasets: Iterable[DatasetMeasures]) -> list[StageSummary]:
    grouped: dict[str, list[Step]] = defaultdict(list)
    for dataset in datasets:
        for step in dataset.steps:
            grouped[step.state].append(step)
    ordered = [s for s in STAGE_ORDER if s in grouped] + sorted(set(grouped) - set(STAGE_ORDER))
    return [
        StageSummary(
            state=state,
            steps=len(grouped[state]),
            waiting=sum(1 for step in grouped[state] if step.left is None),
            median_days=_median([step.days for step in grouped[state]]),
            standard=grouped[state][0].standard,
            overdue=sum(1 for step in grouped[state] if step.overdue),
        )
        for state in ordered
    ]


def _by_organization(datasets: Iterable[DatasetMeasures]) -> list[OrganizationSummary]:
    grouped: dict[str, list[DatasetMeasures]] = defaultdict(list)
    for dataset in datasets:
        grouped[dataset.organization].append(dataset)
    result = []
    for organization, members in sorted(grouped.items()):
        lead_times = [d.days_to_publish for d in members if d.days_to_publish is not None]
        result.append(
            OrganizationSummary(
                organization=organization,
                organization_title=members[0].organization_title,
                datasets=len(members),
                published=sum(1 for d in members if d.current_state == states.PUBLISHED),
                in_review=sum(1 for d in members if d.current_state in states.UNDER_REVIEW),
                overdue_now=sum(1 for d in members if d.overdue_now),
                overdue_steps=sum(1 for d in members for s in d.steps if s.overdue),
                revision_rounds=sum(d.revision_rounds for d in members),
                median_days_to_publish=_median(lead_times),
            )
        )
    return result


def _by_month(datasets: Iterable[DatasetMeasures], month_of_now: str) -> list[MonthSummary]:
    steps: dict[str, int] = defaultdict(int)
    overdue: dict[str, int] = defaultdict(int)
    for dataset in datasets:
        for step in dataset.steps:
            month = f"{step.left.year:04d}-{step.left.month:02d}" if step.left else month_of_now
            steps[month] += 1
            overdue[month] += step.overdue
    return [MonthSummary(month, steps[month], overdue[month]) for month in sorted(steps)]
