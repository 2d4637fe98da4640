"""`ckan satudata dssd ...`: import, check, export and list the DSSD register."""

from __future__ import annotations

import pathlib

import ckan.plugins.toolkit as tk
import click

from ckanext.satudatablitar.cli import satudata
from ckanext.satudatablitar.register import export, service


def _site_context() -> dict[str, str]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"]}


@satudata.group("dssd")
def dssd() -> None:
    """The DSSD register (Daftar Data Statistik Sektoral Daerah)."""


@dssd.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
@click.option("--year", type=int, required=True, help="Year the decree's list applies to.")
@click.option("--decree-number", required=True, help="Number of the decree (SK).")
@click.option("--decree-date", help="Date of the decree, YYYY-MM-DD.")
@click.option("--title", help="Title of the decree.")
@click.option("--dry-run", is_flag=True, help="Only check the file and report every bad row.")
def import_list(
    path: pathlib.Path,
    year: int,
    decree_number: str,
    decree_date: str | None,
    title: str | None,
    dry_run: bool,
) -> None:
    """Replace the DSSD list of YEAR with the rows of PATH (.xlsx, .xls or .csv)."""
    params = {"year": year, "decree_number": decree_number, "dry_run": True}
    params.update({key: value for key, value in (("decree_date", decree_date), ("title", title)) if value})
    with path.open("rb") as stream:
        report = tk.get_action("satudatablitar_register_import")(
            _site_context(), {**params, "upload": (path.name, stream)}
        )
    for error in report["errors"]:
        column = f", {error['column']}" if error["column"] else ""
        click.echo(f"row {error['row']}{column}: {error['message']}", err=True)
    if report["errors"]:
        raise click.ClickException(f"{len(report['errors'])} problems found; nothing was imported.")
    if dry_run:
        click.echo(f"{report['elements']} elements, no problems found (dry run: nothing imported).")
        return
    with path.open("rb") as stream:
        report = tk.get_action("satudatablitar_register_import")(
            _site_context(), {**params, "dry_run": False, "upload": (path.name, stream)}
        )
    click.echo(
        f"DSSD {year}: {report['elements']} elements imported "
        f"({report['created']} new, {report['updated']} kept, {report['removed']} removed)."
    )


@dssd.command("export")
@click.argument("year", type=int)
@click.option("--output", type=click.Path(dir_okay=False, path_type=pathlib.Path), required=True)
def export_list(year: int, output: pathlib.Path) -> None:
    """Write the DSSD list of YEAR to an .xlsx file that the import reads back."""
    decree = service.get_decree(year)
    if decree is None:
        raise click.ClickException(f"There is no DSSD list for {year}.")
    _total, elements = service.elements(year)
    output.write_bytes(export.workbook_bytes(decree.as_dict(), elements))
    click.echo(f"{len(elements)} elements written to {output}")


@dssd.command("list")
def list_decrees() -> None:
    """Every imported DSSD list: year, decree number and date, number of elements."""
    for decree in service.decrees():
        click.echo(f"{decree['year']}\t{decree['number']}\t{decree['date'] or '-'}\t{decree['elements']}")
