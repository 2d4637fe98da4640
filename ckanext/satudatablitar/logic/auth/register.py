"""Auth of the DSSD register, vocabulary and metadata-sheet actions (each named after its action)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model

from ckanext.satudatablitar.workflow import roles

__all__ = [
    "satudatablitar_metadata_import",
    "satudatablitar_metadata_sheet_layout",
    "satudatablitar_register_decree_list",
    "satudatablitar_register_element_list",
    "satudatablitar_register_element_show",
    "satudatablitar_register_import",
    "satudatablitar_vocabulary_list",
    "satudatablitar_vocabulary_show",
]

Context = dict[str, Any]
DataDict = dict[str, Any]
AuthResult = dict[str, Any]

REGISTER_MANAGERS = {roles.WALIDATA_VERIFIER, roles.WALIDATA}


def satudatablitar_register_import(context: Context, data_dict: DataDict) -> AuthResult:
    """Wali Data (Kominfotik verifiers and Walidata) maintain the DSSD register."""
    user = model.User.get(context.get("user") or "")
    if roles.roles_for(user, None) & REGISTER_MANAGERS:
        return {"success": True}
    return {"success": False, "msg": tk._("Only Wali Data may import the DSSD list.")}


@tk.auth_allow_anonymous_access
def _public(context: Context, data_dict: DataDict) -> AuthResult:
    """The DSSD list is a public decree and the vocabularies are public reference data."""
    return {"success": True}


satudatablitar_register_decree_list = _public
satudatablitar_register_element_list = _public
satudatablitar_register_element_show = _public
satudatablitar_vocabulary_list = _public
satudatablitar_vocabulary_show = _public
satudatablitar_metadata_sheet_layout = _public


def satudatablitar_metadata_import(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may edit the dataset may fill its metadata from a sheet."""
    return authz.is_authorized("package_update", context, {"id": data_dict.get("id")})
