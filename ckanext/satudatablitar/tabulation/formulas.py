"""Find formula cells in an .xlsx sheet without evaluating (or even parsing) them.

The sheet XML is streamed from the zip in chunks; a chunk without ``<f>`` or
``<f `` costs two substring searches, so a file without formulas is cheap.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CELL_OR_FORMULA = re.compile(rb'<c r="([A-Z]{1,3}[0-9]+)"|<f[ >/]')
LAST_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]+)"')
CHUNK = 1024 * 1024


def sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding the worksheet called ``sheet_name``."""
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    rel_id = None
    for sheet in workbook.iter(f"{MAIN_NS}sheet"):
        if sheet.get("name") == sheet_name:
            rel_id = sheet.get(f"{REL_NS}id")
    if rel_id is None:
        return None
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{PKG_REL_NS}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return None


def find_formulas(path: str, sheet_name: str, limit: int) -> tuple[int, list[str]]:
    """Count formula cells of a sheet and return up to ``limit`` of their references (``B7``)."""
    with zipfile.ZipFile(path) as archive:
        part = sheet_part(archive, sheet_name)
        if part is None or part not in archive.namelist():
            return 0, []
        count, refs, current, carry = 0, [], None, b""
        with archive.open(part) as stream:
            for chunk in iter(lambda: stream.read(CHUNK), b""):
                data = carry + chunk
                cut = data.rfind(b">") + 1
                data, carry = data[:cut], data[cut:]
                if b"<f>" not in data and b"<f " not in data:
                    last = None
                    for last in LAST_CELL.finditer(data, max(0, len(data) - 4096)):  # noqa: B007
                        pass
                    current = last.group(1) if last else current
                    continue
                for match in CELL_OR_FORMULA.finditer(data):
                    if match.group(1):
                        current = match.group(1)
                        continue
                    count += 1
                    if len(refs) < limit and current:
                        refs.append(current.decode())
    return count, refs
