"""Background jobs (CKAN's RQ queue). Jobs take ids and re-read state inside."""

from __future__ import annotations

import logging

from ckan.lib import search

log = logging.getLogger(__name__)


def reindex_dataset(package_id: str) -> None:
    """Bring one dataset's search document in line with the database.

    Queued when indexing failed during a request (Solr down), so the index
    catches up with the database once Solr is back.
    """
    search.rebuild(package_id)
    search.commit()
    log.info("reindexed dataset %s", package_id)
