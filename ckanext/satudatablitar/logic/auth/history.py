"""Auth of the publication history."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz

from ckanext.satudatablitar.workflow import hiding

__all__ = ["satudatablitar_publication_history"]


@tk.auth_allow_anonymous_access
def satudatablitar_publication_history(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Whoever may read the dataset; to everyone else it does not exist."""
    hiding.refuse_unreadable(context, data_dict)
    return authz.is_authorized("package_show", context, {"id": data_dict.get("id")})
