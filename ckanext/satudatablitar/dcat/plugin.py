"""``satudatablitar_dcat``: load it with ckanext-dcat (``ckan.plugins = ... dcat satudatablitar_dcat``).

It keeps unpublished datasets out of every DCAT action and serves the Table
Schemas the ``satudatablitar`` RDF profile links to. The profile itself is
chosen with ``ckanext.dcat.rdf.profiles``.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
from flask import Blueprint

from ckanext.satudatablitar.dcat import views, wall


class SatudataDcatPlugin(p.SingletonPlugin):
    p.implements(p.IActions)
    p.implements(p.IBlueprint)

    def get_actions(self) -> dict[str, Any]:
        return wall.get_actions()

    def get_blueprint(self) -> list[Blueprint]:
        return [views.table_schema]
