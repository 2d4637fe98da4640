"""outbox.enqueue: one job per fixed id, on the queue or in the outbox; the latest call wins."""

from __future__ import annotations

import pathlib
import re

import pytest
from ckan.lib import jobs as ckan_jobs

from ckanext.satudatablitar import jobs, outbox

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


def enqueue(package_id: str) -> bool:
    return outbox.enqueue(jobs.reindex_dataset, [package_id], job_id="satudatablitar-test", title="Test")


def test_a_repeat_replaces_the_job_waiting_under_the_same_id(services):
    assert enqueue("first") is True
    assert enqueue("second") is True
    [job] = ckan_jobs.get_queue().jobs
    assert (job.id, job.args) == ("satudatablitar-test", ["second"])


def test_with_redis_down_a_repeat_replaces_the_held_job_and_flush_queues_it_once(services):
    redis, _ = services
    redis.stop()
    assert enqueue("first") is False
    assert enqueue("second") is False
    [held] = outbox.pending()
    assert (held["job_id"], held["attempts"]) == ("satudatablitar-test", 2)
    assert f"127.0.0.1:{redis.port}" in held["last_error"]  # why it waits
    assert outbox.flush() == 0  # still down: the job stays
    assert outbox.pending()[0]["attempts"] == 3

    redis.start()
    assert outbox.flush() == 1
    assert outbox.pending() == []
    [job] = ckan_jobs.get_queue().jobs
    assert (job.id, job.args) == ("satudatablitar-test", ["second"])
    assert outbox.flush() == 0


def test_every_job_of_the_extension_is_queued_through_the_outbox():
    """Only outbox.py talks to CKAN's queue, so no job is lost while Redis is down."""
    package = pathlib.Path(outbox.__file__).parent
    direct = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "outbox.py"
        and re.search(r"enqueue_job|ckan\.lib\.jobs|ckan\.lib import jobs", path.read_text())
    ]
    assert direct == []
