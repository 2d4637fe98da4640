"""Uploaded files of working copies, tied to the database transaction.

CKAN keeps an uploaded file under its resource id. Files are written next to their
final place first and moved into place (``os.replace``, atomic for readers) only
once the database transaction commits; a rollback removes them. Readers of a
published file therefore see the old bytes or the new ones, never a mix, and
never new bytes under old metadata.
"""

from __future__ import annotations

import os
import shutil
import uuid
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib import uploader

from . import transaction


def local_path(resource_id: str) -> str:
    """Where the uploaded file of a resource lives on this machine (local file storages)."""
    upload: Any = uploader.get_resource_uploader({"id": resource_id})
    location = upload.get_path(resource_id)
    storage = getattr(upload, "storage", None)
    return storage.full_path(location) if storage is not None else location


class FileChanges:
    """File copies and removals that happen when, and only when, the transaction commits."""

    def __init__(self) -> None:
        self._staged: list[tuple[str, str]] = []
        self._removals: list[str] = []
        transaction.on_commit(self._apply)
        transaction.on_rollback(self._discard)

    def copy(self, source_resource_id: str, target_resource_id: str, name: str) -> None:
        """Stage the file of one resource (called ``name``) as the file of another."""
        source = local_path(source_resource_id)
        if not os.path.isfile(source):
            message = tk._("The file of {name} is missing from the portal's storage: upload it again.")
            raise tk.ValidationError({"resources": [message.format(name=name)]})
        target = local_path(target_resource_id)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        staged = f"{target}~{uuid.uuid4().hex}"
        shutil.copyfile(source, staged)
        self._staged.append((staged, target))

    def remove(self, resource_id: str) -> None:
        """Remove a resource's file after the commit."""
        self._removals.append(local_path(resource_id))

    def _apply(self) -> None:
        for staged, target in self._staged:
            os.replace(staged, target)
        for path in self._removals:
            if os.path.exists(path):
                os.remove(path)

    def _discard(self) -> None:
        for staged, _target in self._staged:
            if os.path.exists(staged):
                os.remove(staged)
