"""`ckan satudata adopt-existing`: install into a portal that already has datasets."""

from __future__ import annotations

import click

from ckanext.satudatablitar.cli import satudata
from ckanext.satudatablitar.workflow import adopt

DEFAULT_REASON = "Existed before the publication workflow was installed"


@satudata.command("adopt-existing")
@click.option("--dry-run", is_flag=True, help="Only report what would be done; change nothing.")
@click.option("--reason", default=DEFAULT_REASON, show_default=True, help="Reason recorded in each event.")
def adopt_existing(dry_run: bool, reason: str) -> None:
    """Give every dataset without a workflow state one.

    Public datasets become published and stay public; private ones become drafts;
    each is recorded in the event log by the site user with REASON. Safe to run again.
    """
    adoptions = adopt.adopt_existing(reason, dry_run=dry_run)
    verb = "would adopt" if dry_run else "adopted"
    for item in adoptions:
        visibility = "private" if item.private else "public"
        change = " (made private)" if item.private and not item.was_private else ""
        click.echo(f"{verb} {item.name}: {item.to_state}, {visibility}{change}")
    counts = {state: sum(1 for a in adoptions if a.to_state == state) for state in ("published", "draft")}
    click.echo(
        f"{len(adoptions)} datasets {verb}: {counts['published']} published, {counts['draft']} draft"
        + (" (dry run: nothing changed)" if dry_run else "")
    )
