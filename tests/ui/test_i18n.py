"""The Indonesian catalog is complete, current and well-formed, and the portal speaks it."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.live import ROOT

I18N = ROOT / "ckanext" / "satudatablitar" / "i18n"
PO = I18N / "id" / "LC_MESSAGES" / "ckanext-satudatablitar.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]")


def strings(message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string,)


def ids(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


# setup.py's message_extractors, with the template extractor named by its function (no entry point)
METHODS = [
    ("**.py", "python"),
    ("**.js", "javascript"),
    ("**/templates/**.html", "ckan.lib.extract:extract_ckan"),
]
KEYWORDS = {**DEFAULT_KEYWORDS, "translate": None, "isPlural": (1, 2)}


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    """The extension's messages as babel extracts them from the code now."""
    found = Catalog()
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT / "ckanext"), METHODS, keywords=KEYWORDS
    ):
        found.add(message, None, [(filename, lineno)], context=context)
    return found


@pytest.fixture(scope="module")
def catalog():
    with PO.open("rb") as handle:
        return read_po(handle, locale="id")


def test_every_message_of_the_code_has_an_indonesian_translation(extracted, catalog):
    missing = [
        message.id
        for message in extracted
        if message.id
        and (
            catalog.get(message.id) is None
            or not all(strings(catalog.get(message.id)))
            or "fuzzy" in catalog.get(message.id).flags
        )
    ]
    assert missing == [], "untranslated: run `python setup.py update_catalog` and translate these"


def test_translations_keep_every_placeholder(catalog):
    broken = [
        message.id
        for message in catalog
        if message.id
        and any(
            sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(ids(message)[0]))
            for text in strings(message)
        )
    ]
    assert broken == []


def test_the_compiled_catalog_matches_the_po_file(catalog):
    with MO.open("rb") as handle:
        compiled = read_mo(handle)
    stale = [
        m.id
        for m in catalog
        if m.id and (compiled.get(m.id) is None or strings(compiled.get(m.id)) != strings(m))
    ]
    assert stale == [], "run `python setup.py compile_catalog`"


@pytest.mark.usefixtures("with_plugins")
def test_the_panel_in_indonesian(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")
    html = pages.get("verifier", f"/id/dataset/{dataset['name']}")
    for text in (
        "Alur kerja publikasi",
        "Diajukan",
        "Verifikasi (tahap 1)",
        "Kembalikan untuk perbaikan",
        "Riwayat",
    ):
        assert text in html
    assert "Publication workflow" not in html


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.ckan_config("ckan.locale_default", "id")
def test_the_queue_in_the_default_locale_id(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")
    html = pages.get("verifier", "/satudata/queue")
    assert "Antrian verifikasi" in html and "Paling lama menunggu dahulu" in html
