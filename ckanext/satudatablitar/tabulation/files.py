"""Which resources are tabulations, their Table Schema, and a local copy of their file."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import socket
import tempfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlparse

import requests
from ckan.lib import uploader

from ckanext.satudatablitar import config
from ckanext.satudatablitar.register import service as register

from .limits import Limits
from .problems import FileProblem

DATA_ROLE = "data"
ROLE_FIELD = "jenis_berkas"
ELEMENT_FIELD = "id_dds"
MAX_REDIRECTS = 5
CHUNK = 1024 * 1024


def declared_format(resource: dict[str, Any]) -> str:
    """The resource's format, else the extension of its URL or file name."""
    fmt = (resource.get("format") or "").strip().lower().lstrip(".")
    if fmt:
        return fmt
    return os.path.splitext(urlparse(resource.get("url") or "").path)[1].lower().lstrip(".")


def is_tabulation(resource: dict[str, Any]) -> bool:
    """A data file (role ``data``, the default) in one of the configured tabulation formats."""
    if (resource.get(ROLE_FIELD) or DATA_ROLE) != DATA_ROLE:
        return False
    return bool(resource.get("url")) and declared_format(resource) in config.tabulation_formats()


def table_schema(
    resource: dict[str, Any], package: dict[str, Any]
) -> tuple[dict[str, Any] | None, str | None]:
    """The resource's own Table Schema, else its DSSD element's; with where it came from."""
    own = resource.get("schema")
    if own:
        return (json.loads(own) if isinstance(own, str) else own), "resource"
    code = package.get(ELEMENT_FIELD)
    if code:
        element = register.get_element_schema(code)
        if element:
            return element, f"element:{code}"
    return None, None


@contextlib.contextmanager
def local_copy(resource: dict[str, Any], limits: Limits) -> Iterator[str]:
    """A path to the resource's file on this machine (a temporary copy when it is not a local upload).

    Raises ``FileProblem`` when the file cannot be had within the size and time limits.
    """
    if resource.get("url_type") == "upload":
        upload = uploader.get_resource_uploader(dict(resource))
        location = upload.get_path(resource["id"])
        storage = getattr(upload, "storage", None)
        if storage is None:
            if not os.path.isfile(location):
                raise FileProblem("file-missing")
            yield location
            return
        with _temporary() as (handle, path):
            _copy_from_storage(storage, location, handle, limits)
            yield path
        return
    if not config.fetch_links():
        raise FileProblem("links-not-fetched")
    with _temporary() as (handle, path):
        _download(resource.get("url") or "", handle, limits)
        yield path


@contextlib.contextmanager
def _temporary() -> Iterator[tuple[Any, str]]:
    handle = tempfile.NamedTemporaryFile(prefix="satudatablitar-", delete=False)  # noqa: SIM115
    try:
        yield handle, handle.name
    finally:
        handle.close()
        os.unlink(handle.name)


def _copy_from_storage(storage: Any, location: str, handle: Any, limits: Limits) -> None:
    """CKAN 2.12 file storages (``ckan.files``): stream the stored file into ``handle``."""
    from ckan.lib import files

    size = storage.size(files.Location(location))
    if size > limits.max_bytes:
        raise FileProblem("file-too-large", size=size, limit=limits.max_bytes)
    for chunk in storage.stream(files.FileData(files.Location(location), size=size)):
        handle.write(chunk)
    handle.flush()


def _public_address(url: str) -> None:
    """Refuse links to this machine or the internal network (unless an admin allows it).

    The worker fetches what a data producer typed; without this a link could make it read
    internal services (server-side request forgery).
    """
    if config.fetch_private_links():
        return
    host = urlparse(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError as error:
        raise FileProblem("link-unreachable", detail=str(error)[:200]) from error
    if not addresses or any(
        not ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses
    ):
        raise FileProblem("link-private-address", host=host)


def _download(url: str, handle: Any, limits: Limits) -> None:
    """Stream ``url`` into ``handle``; every redirect is checked like the first address."""
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            if urlparse(url).scheme not in ("http", "https"):
                raise FileProblem("link-not-http")
            _public_address(url)
            with requests.get(
                url, stream=True, timeout=(10, limits.max_seconds), allow_redirects=False
            ) as response:
                if response.is_redirect:
                    url = urljoin(url, response.headers["Location"])
                    continue
                response.raise_for_status()
                written = 0
                for chunk in response.iter_content(CHUNK):
                    written += len(chunk)
                    if written > limits.max_bytes:
                        raise FileProblem(
                            "file-too-large", size=f">{limits.max_bytes}", limit=limits.max_bytes
                        )
                    handle.write(chunk)
                handle.flush()
                return
        raise FileProblem("link-unreachable", detail="too many redirects")
    except requests.RequestException as error:
        raise FileProblem("link-unreachable", detail=str(error)[:200]) from error
