"""Decide what a file really is before any parser touches it, and refuse hostile files.

Looks at the bytes, not at the name: an HTML page saved as ``.xls``, a macro
workbook renamed ``.xlsx``, an encrypted workbook, a corrupt or bomb-sized zip
and XML with a DOCTYPE (entity tricks) are refused here with a ``FileProblem``.
"""

from __future__ import annotations

import os
import re
import zipfile

from .limits import Limits
from .problems import FileProblem

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# stream names of an encrypted OOXML package inside its OLE container (UTF-16LE)
ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
HTML_START = re.compile(rb"^\s*<(?:!doctype\s+html|html|head|body|table|meta|\?xml|div|style)", re.IGNORECASE)
XML_DANGER = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
MACRO_PARTS = re.compile(
    r"(?:^|/)(?:vbaProject\.bin|vbaProjectSignature\.bin)$|(?:^|/)macrosheets/", re.IGNORECASE
)
SPREADSHEET_KINDS = ("xlsx", "xls", "ods")
# how much of each XML part is read to look for a DOCTYPE (it can only be in the prolog)
PROLOG_BYTES = 4096


def detect(path: str, declared_format: str, limits: Limits) -> str:
    """Return the kind of the file, one of ``xlsx``, ``xls``, ``ods`` or ``csv``.

    ``declared_format`` is the resource's format or file extension (any case,
    may be empty). Raises ``FileProblem`` for every file that is not safe to parse.
    """
    size = os.path.getsize(path)
    if size == 0:
        raise FileProblem("empty-file")
    if size > limits.max_bytes:
        raise FileProblem("file-too-large", size=size, limit=limits.max_bytes)
    declared = declared_format.strip().lower().lstrip(".")
    with open(path, "rb") as handle:
        head = handle.read(8192)
    if head.startswith(ZIP_MAGIC):
        return _check_zip(path, limits)
    if head.startswith(OLE_MAGIC):
        return _check_ole(path)
    if HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        raise FileProblem("html-not-spreadsheet", declared=declared or "?")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem("not-a-table", declared=declared or "?")
    if declared in (*SPREADSHEET_KINDS, "xlsm", "xlsb"):
        raise FileProblem("not-a-spreadsheet", declared=declared)
    return "csv"


def _check_zip(path: str, limits: Limits) -> str:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileProblem("corrupt-file", detail=str(error)[:200]) from error
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        total = sum(info.file_size for info in infos)
        packed = sum(info.compress_size for info in infos) or 1
        if total > limits.max_uncompressed_bytes:
            raise FileProblem("zip-bomb", size=total, limit=limits.max_uncompressed_bytes)
        if total / packed > limits.max_compression_ratio and total > 10 * 1024 * 1024:
            raise FileProblem("zip-bomb", size=total, limit=limits.max_uncompressed_bytes)
        if any(info.flag_bits & 0x1 for info in infos):
            raise FileProblem("password-protected")
        if any(MACRO_PARTS.search(name) for name in names):
            raise FileProblem("macro-workbook")
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")[:100]:
            kind = "ods"
        elif "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names):
            kind = "xlsx"
        else:
            raise FileProblem("not-a-spreadsheet", declared="zip")
        if kind == "xlsx" and b"macroEnabled" in archive.read("[Content_Types].xml"):
            raise FileProblem("macro-workbook")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                try:
                    with archive.open(info) as part:
                        prolog = part.read(PROLOG_BYTES)
                except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
                    raise FileProblem("corrupt-file", detail=str(error)[:200]) from error
                if XML_DANGER.search(prolog):
                    raise FileProblem("xml-doctype", part=info.filename)
    return kind


def _check_ole(path: str) -> str:
    with open(path, "rb") as handle:
        # the directory of a small OLE file sits near its start or end; read both ends
        start = handle.read(1024 * 1024)
        handle.seek(max(0, os.path.getsize(path) - 1024 * 1024))
        end = handle.read()
    if any(marker in start or marker in end for marker in ENCRYPTED_MARKERS):
        raise FileProblem("password-protected")
    return "xls"
