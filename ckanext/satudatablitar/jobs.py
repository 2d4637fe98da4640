"""Background jobs (CKAN's RQ queue). Jobs take ids and re-read state inside."""

from __future__ import annotations

import logging

import ckan.plugins.toolkit as tk
from ckan.lib import search
from rq import Retry

log = logging.getLogger(__name__)

# Solr may take a while to come back: retry for about half an hour
_REINDEX_RETRY = Retry(max=8, interval=[10, 30, 60, 120, 300, 300, 600, 600])


def reindex_dataset(package_id: str) -> None:
    """Bring one dataset's search document in line with the database.

    Queued when indexing failed during a request (Solr down), so the index
    catches up with the database once Solr is back.
    """
    search.rebuild(package_id)
    search.commit()
    log.info("reindexed dataset %s", package_id)


def enqueue_reindex(package_id: str) -> None:
    """Queue :func:`reindex_dataset` with retries; a repeat replaces the queued job (fixed job id).

    When the queue itself (Redis) is unreachable the failure is logged: ``ckan search-index
    rebuild`` then brings the index in line.
    """
    try:
        tk.enqueue_job(
            reindex_dataset,
            [package_id],
            title=f"Reindex dataset {package_id}",
            rq_kwargs={"job_id": f"satudatablitar-reindex-{package_id}", "retry": _REINDEX_RETRY},
        )
    except Exception:  # redis.exceptions.ConnectionError and kin: the request must not fail for it
        log.exception("could not queue the reindex of %s; run `ckan search-index rebuild`", package_id)
