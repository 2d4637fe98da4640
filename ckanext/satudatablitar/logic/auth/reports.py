"""Who may read the monitoring and evaluation reports: Wali Data and Pembina Data (and sysadmins)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar.workflow import roles

__all__ = ["satudatablitar_report_show"]


@tk.auth_allow_anonymous_access
def satudatablitar_report_show(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    user = context.get("auth_user_obj")
    if roles.is_central_reviewer(user):
        return {"success": True}
    return {"success": False, "msg": tk._("Only Wali Data and Pembina Data may read the monitoring reports.")}
