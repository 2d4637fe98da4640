"""Controlled vocabularies and Kemendagri region codes, read from the shipped data files.

The files are static package data: they are parsed once per process and
never written, so caching them keeps no mutable state in memory.
"""

from __future__ import annotations

import csv
import functools
import importlib
import os
from typing import Any

import yaml

from ckanext.satudatablitar import config

DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "schemas", "data")


@functools.cache
def vocabularies() -> dict[str, dict[str, Any]]:
    """Every vocabulary: ``{name: {"label": {...}, "source": str, "terms": [...]}}``."""
    with open(os.path.join(DATA_DIR, "vocabularies.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def vocabulary(name: str) -> dict[str, Any]:
    """One vocabulary by name; KeyError when there is no such vocabulary."""
    return vocabularies()[name]


def values(name: str) -> list[str]:
    """The stored values of a vocabulary, in order."""
    return [term["value"] for term in vocabulary(name)["terms"]]


def choices(name: str) -> list[dict[str, Any]]:
    """A vocabulary as scheming choices (``value`` and multilingual ``label``)."""
    return [{"value": t["value"], "label": t["label"]} for t in vocabulary(name)["terms"]]


def _fold(text: str) -> str:
    return " ".join(str(text).replace("_", " ").replace("-", " ").lower().split())


@functools.cache
def _lookup(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for term in vocabulary(name)["terms"]:
        spellings = [term["value"], *term["label"].values(), *term.get("aliases", [])]
        for spelling in spellings:
            table[_fold(spelling)] = term["value"]
            # "Sementara (*)" is also written "Sementara"
            table.setdefault(_fold(str(spelling).split("(")[0]), term["value"])
    return table


def normalize(name: str, raw: Any) -> str | None:
    """The stored value for a value, label (id or en) or alias of vocabulary ``name``, or None."""
    if raw is None:
        return None
    return _lookup(name).get(_fold(raw))


def _resolve_path(spec: str) -> str:
    if ":" in spec and not os.path.isabs(spec):
        module, relative = spec.split(":", 1)
        return os.path.join(os.path.dirname(importlib.import_module(module).__file__ or ""), relative)
    return spec


@functools.cache
def _region_codes(path: str) -> dict[str, str]:
    with open(_resolve_path(path), encoding="utf-8", newline="") as f:
        return {row["code"].strip(): row["name"].strip() for row in csv.DictReader(f)}


def region_codes() -> dict[str, str]:
    """Kemendagri code -> name, from the configured code list."""
    return _region_codes(config.region_codes_file())


def region_choices() -> list[dict[str, Any]]:
    """The configured region and the areas inside it, as scheming choices ("35.72.01 Kepanjenkidul")."""
    root = config.region_code()
    return [
        {"value": code, "label": f"{code} {name}"}
        for code, name in region_codes().items()
        if code == root or code.startswith(root + ".")
    ]
