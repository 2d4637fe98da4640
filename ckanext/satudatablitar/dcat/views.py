"""The Table Schema of a DSSD element as JSON: what ``dct:conformsTo`` points at."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, jsonify

from ckanext.satudatablitar.register import service

table_schema = Blueprint("satudatablitar_table_schema", __name__)


@table_schema.route("/dssd/element/<path:code>/table-schema.json")
def show(code: str) -> Response:
    """The newest DSSD list's Table Schema for the element (404 when it has none)."""
    user = tk.current_user
    context = {"user": user.name if user.is_authenticated else ""}
    tk.check_access("satudatablitar_register_element_show", context, {"code": code})
    descriptor = service.get_element_schema(code)
    if descriptor is None:
        return tk.abort(404, tk._("This DSSD element has no Table Schema."))
    return jsonify(descriptor)
