"""Which datasets fulfil which DSSD element, through the search index (so visibility rules apply)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model

FIELD = "id_dds"


def _quote(code: str) -> str:
    return '"' + code.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _search(context: dict[str, Any], **params: Any) -> dict[str, Any]:
    search_context = {"user": context.get("user"), "ignore_auth": context.get("ignore_auth", False)}
    return tk.get_action("package_search")(search_context, {"include_private": True, **params})


def dataset_counts(context: dict[str, Any], codes: list[str]) -> dict[str, int]:
    """Number of datasets the user can see per element code."""
    if not codes:
        return {}
    result = _search(
        context,
        fq=f"{FIELD}:({' OR '.join(_quote(code) for code in codes)})",
        rows=0,
        **{"facet.field": [FIELD], "facet.limit": len(codes)},
    )
    return {item["name"]: item["count"] for item in result["search_facets"].get(FIELD, {}).get("items", [])}


def _year(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def datasets(context: dict[str, Any], code: str, year: int) -> list[dict[str, Any]]:
    """The datasets the user can see that fulfil element ``code``, with the years they cover."""
    result = _search(context, fq=f"{FIELD}:{_quote(code)}", rows=1000, sort="title_string asc")
    found = []
    for pkg in result["results"]:
        first, last = _year(pkg.get("tahun_data_mulai")), _year(pkg.get("tahun_data_selesai"))
        found.append(
            {
                "id": pkg["id"],
                "name": pkg["name"],
                "title": pkg["title"],
                "organization": (pkg.get("organization") or {}).get("name"),
                "private": pkg.get("private"),
                "tahun_data_mulai": pkg.get("tahun_data_mulai"),
                "tahun_data_selesai": pkg.get("tahun_data_selesai"),
                "covers_year": first is not None and first <= year <= (last or first),
            }
        )
    return found


def organization_titles(ids: set[str]) -> dict[str, str]:
    """Organization id -> title (or name)."""
    if not ids:
        return {}
    rows = model.Session.execute(
        sa.select(model.Group.id, model.Group.title, model.Group.name).where(model.Group.id.in_(ids))
    ).all()
    return {org_id: title or name for org_id, title, name in rows}
