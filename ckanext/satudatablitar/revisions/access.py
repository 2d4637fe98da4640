"""Which revision a request names, and who may do what with it."""

from __future__ import annotations

from typing import Any, NamedTuple

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.satudatablitar.model.revision import Revision
from ckanext.satudatablitar.workflow import hiding

from . import store


class Named(NamedTuple):
    revision: Revision
    original: model.Package
    copy: model.Package


def _active(id_or_name: str) -> model.Package | None:
    package = model.Package.get(id_or_name) if id_or_name else None
    return package if package is not None and package.state != "deleted" else None


def dataset(id_or_name: str) -> model.Package:
    """An existing dataset, or "not found"."""
    package = _active(id_or_name)
    if package is None:
        raise tk.ObjectNotFound(tk._("Not found"))
    return package


def open_revision(id_or_name: str) -> Named:
    """The open revision named by its published dataset or by its working copy, or "not found"."""
    package = dataset(id_or_name)
    revision = store.of_copy(package.id) or store.open_for(package.id)
    original = _active(revision.package_id) if revision else None
    copy = _active(revision.copy_package_id) if revision else None
    if revision is None or original is None or copy is None:
        raise no_open_revision()
    return Named(revision, original, copy)


def no_open_revision() -> tk.ObjectNotFound:
    return tk.ObjectNotFound(tk._("This dataset has no open revision."))


def readable_revision(context: dict[str, Any], id_or_name: str) -> Named:
    """The open revision, when the caller may read the dataset named and the working copy.

    Who may not read the dataset named is told it does not exist; who may read it but not the
    working copy is told there is no open revision (as when there is none).
    """
    hiding.refuse_unreadable(context, {"id": dataset(id_or_name).id})
    named = open_revision(id_or_name)
    if not hiding.readable(context, named.copy):
        raise no_open_revision()
    return named
