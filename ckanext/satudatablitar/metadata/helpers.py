"""Template helpers of the SDI schema (re-exported by ckanext.satudatablitar.helpers)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar import config
from ckanext.satudatablitar.register import service as register_service

from . import vocab

__all__ = [
    "satudatablitar_dssd_element_choices",
    "satudatablitar_metadata_sheet_name",
    "satudatablitar_region_choices",
    "satudatablitar_vocabulary_choices",
    "satudatablitar_vocabulary_label",
]


def satudatablitar_vocabulary_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    """Scheming ``choices_helper``: the vocabulary named by the field's ``satudatablitar_vocabulary`` key."""
    return vocab.choices(field["satudatablitar_vocabulary"])


def satudatablitar_region_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    """Scheming ``choices_helper``: the configured region and its kecamatan and kelurahan."""
    return vocab.region_choices()


def satudatablitar_dssd_element_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    """Scheming ``choices_helper``: every element code of the DSSD register ("code name")."""
    return [{"value": code, "label": f"{code} {name}"} for code, name in register_service.element_codes()]


def satudatablitar_vocabulary_label(name: str, value: str) -> str:
    """The label of a vocabulary value in the user's language (the value itself when unknown)."""
    for term in vocab.vocabulary(name)["terms"]:
        if term["value"] == value:
            return tk.h.scheming_language_text(term["label"])
    return value


def satudatablitar_metadata_sheet_name() -> str:
    """Name of the metadata sheet in the portal's template layout."""
    return config.metadata_sheet_name()
