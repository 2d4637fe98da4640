"""DSSD list import: a realistic decree appendix of 200 (and 1,000) elements, .xlsx and .csv.

Goal (issue 3): a list of at least 200 elements imports in under 2 s. Measured end to end
through the action (read the file, check every row against the OPDs and vocabularies,
replace the year's list, commit), side by side with the dry run and the file reading alone.

    bash benchmarks/run.sh register_import
"""

from __future__ import annotations

import functools
import io
import pathlib
import sys

from _portal import ckan_app, describe, timed

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from tests.register import sample

REPEAT = 7


def main() -> None:
    with ckan_app():
        import ckan.plugins.toolkit as tk
        from ckan import model

        from ckanext.satudatablitar.metadata import spreadsheet

        for name, title, _sector in sample.OPDS:
            model.Session.add(model.Group(name=name, title=title, type="organization", is_organization=True))
        model.Session.commit()
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})

        def run(content: bytes, filename: str, dry_run: bool) -> dict:
            return tk.get_action("satudatablitar_register_import")(
                {"user": site_user["name"]},
                {
                    "upload": (filename, io.BytesIO(content)),
                    "year": 2026,
                    "decree_number": "100.3.3.3/2026",
                    "dry_run": dry_run,
                },
            )

        for count in (200, 1000):
            lines = sample.rows(count)
            files = {"xlsx": sample.xlsx(lines), "csv": sample.csv_bytes(lines)}
            for kind, content in files.items():
                filename = f"dssd.{kind}"
                report = run(content, filename, dry_run=False)
                assert report["imported"] and report["elements"] == count, report["errors"][:3]
                read = functools.partial(spreadsheet.read_rows, filename, content)
                check = functools.partial(run, content, filename, True)
                replace = functools.partial(run, content, filename, False)
                print(f"{count} elements, .{kind} ({len(content) / 1024:.0f} KiB):")
                print("  read file only:   ", describe(timed(read, REPEAT)))
                print("  dry run (check):  ", describe(timed(check, REPEAT)))
                print("  import (replace): ", describe(timed(replace, REPEAT)))


if __name__ == "__main__":
    main()
