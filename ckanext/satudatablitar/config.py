"""Option keys and typed accessors. Defaults live in config_declaration.yaml only."""

from __future__ import annotations

import ckan.plugins.toolkit as tk

WALIDATA_ORGANIZATION = "ckanext.satudatablitar.walidata_organization"
PEMBINA_ORGANIZATION = "ckanext.satudatablitar.pembina_organization"


def walidata_organization() -> str:
    return tk.config[WALIDATA_ORGANIZATION]


def pembina_organization() -> str:
    return tk.config[PEMBINA_ORGANIZATION]
