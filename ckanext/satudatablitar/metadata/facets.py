"""Search facets on the SDI fields (sector/topic, OPD, frequency, year, DSSD element)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.register import service as register_service

from . import vocab

# a multi-valued string field of CKAN's Solr schema (dynamic vocab_*): every year a dataset covers
YEAR_FIELD = "vocab_satudatablitar_year"
MAX_YEARS = 200
# facet field -> vocabulary whose labels name its items
VOCABULARY_FACETS = {"theme": "theme", "accrualPeriodicity": "frequency"}


def dataset_facets(facets_dict: OrderedDict[str, Any]) -> OrderedDict[str, Any]:
    """CKAN's facets with the SDI ones: topic, OPD, frequency, year and DSSD element first."""
    ours: OrderedDict[str, Any] = OrderedDict(
        [
            ("theme", tk._("Topic")),
            ("organization", facets_dict.get("organization", tk._("Organizations"))),
            ("accrualPeriodicity", tk._("Update frequency")),
            (YEAR_FIELD, tk._("Year")),
            ("id_dds", tk._("DSSD element")),
        ]
    )
    ours.update((key, title) for key, title in facets_dict.items() if key not in ours)
    return ours


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def before_index(pkg_dict: dict[str, Any]) -> None:
    """Index every year from tahun_data_mulai to tahun_data_selesai in the year facet field."""
    first, last = _int(pkg_dict.get("tahun_data_mulai")), _int(pkg_dict.get("tahun_data_selesai"))
    if first is None:
        return
    last = last if last is not None and first <= last < first + MAX_YEARS else first
    pkg_dict[YEAR_FIELD] = [str(year) for year in range(first, last + 1)]


def _language() -> str:
    try:
        return tk.h.lang() or "id"
    except RuntimeError:  # outside a request
        return tk.config.get("ckan.locale_default") or "id"


def after_search(search_results: dict[str, Any]) -> None:
    """Show vocabulary labels (in the user's language) and element names on facet items."""
    facets = search_results.get("search_facets") or {}
    language = _language()
    for field, name in VOCABULARY_FACETS.items():
        labels = {t["value"]: t["label"] for t in vocab.vocabulary(name)["terms"]}
        for item in facets.get(field, {}).get("items", []):
            label = labels.get(item["name"])
            if label:
                item["display_name"] = label.get(language) or label["id"]
    items = facets.get("id_dds", {}).get("items", [])
    if items:
        names = dict(register_service.element_codes())
        for item in items:
            if item["name"] in names:
                item["display_name"] = f"{item['name']} {names[item['name']]}"
