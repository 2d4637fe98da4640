"""Background jobs (CKAN's RQ queue). Jobs take ids and re-read state inside."""

from __future__ import annotations

import logging

from ckan.lib import search

from ckanext.satudatablitar import outbox

log = logging.getLogger(__name__)

# Solr may take a while to come back: retry for about half an hour (needs the scheduler of CKAN 2.12's
# worker; on 2.11 `ckan satudata reindex` from cron catches up)
REINDEX_RETRY_INTERVALS = (10, 30, 60, 120, 300, 300, 600, 600)


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

    When the queue itself (Redis) is unreachable the job waits in the outbox (see :mod:`.outbox`).
    """
    outbox.enqueue(
        reindex_dataset,
        [package_id],
        job_id=f"satudatablitar-reindex-{package_id}",
        title=f"Reindex dataset {package_id}",
        retry_intervals=REINDEX_RETRY_INTERVALS,
    )
