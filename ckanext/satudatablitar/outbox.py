"""Every background job of the extension is queued here, and survives Redis being down.

:func:`enqueue` puts a job on CKAN's RQ queue under a fixed job id. When Redis cannot be
reached the job is written to the ``satudatablitar_job_outbox`` table instead (its own short
transaction, so it also works after the caller's commit) and the caller carries on: a workflow
step never fails because the queue is down. :func:`flush` queues what the outbox holds; it runs
after every successful :func:`enqueue`, from ``ckan satudata jobs flush`` and from
``ckan satudata reindex``.

Jobs take ids and re-read state when they run, so a job queued late, or twice, does the right
thing; a repeat replaces a job still waiting under the same id.
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib
import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from ckan import model
from ckan.lib import jobs as ckan_jobs
from redis.exceptions import RedisError
from rq import Retry
from sqlalchemy.dialects import postgresql

from ckanext.satudatablitar import compat
from ckanext.satudatablitar.model.outbox import OutboxJob

log = logging.getLogger(__name__)

_table = OutboxJob.__table__
# what an unreachable Redis raises (redis-py wraps most socket errors, not all)
QUEUE_ERRORS = (RedisError, OSError)


@dataclasses.dataclass(frozen=True)
class Job:
    """A job as the outbox stores it: the function by name, plain-data arguments."""

    job_id: str
    function: str
    args: list[Any]
    title: str
    timeout: int | None = None
    retry_intervals: tuple[int, ...] = ()

    def resolve(self) -> Callable[..., Any]:
        module, _, name = self.function.partition(":")
        target: Any = importlib.import_module(module)
        for part in name.split("."):
            target = getattr(target, part)
        return target


def function_name(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}:{fn.__qualname__}"


def enqueue(
    fn: Callable[..., Any],
    args: Sequence[Any],
    *,
    job_id: str,
    title: str,
    timeout: int | None = None,
    retry_intervals: Sequence[int] = (),
) -> bool:
    """Queue ``fn(*args)`` under ``job_id``; True when queued now, False when held in the outbox.

    ``args`` must be JSON values (ids, not objects). ``retry_intervals``: seconds to wait before
    each retry of a failed job (needs a worker that runs RQ's scheduler: CKAN 2.12). Never raises
    for an unreachable Redis.
    """
    job = Job(job_id, function_name(fn), list(args), title, timeout, tuple(retry_intervals))
    try:
        _put(job)
    except QUEUE_ERRORS as error:
        _hold(job, error)
        log.warning("job queue unreachable (%s): job %s kept in the outbox", error, job_id)
        return False
    flush()
    return True


def _put(job: Job) -> str:
    """Put ``job`` on the queue, replacing a job waiting under its id; returns the id used."""
    queue = ckan_jobs.get_queue()
    queued_id = job.job_id
    existing = queue.fetch_job(job.job_id)
    if existing is not None and existing.get_status(refresh=False) == "started":
        # the running job may have read the state before this change: queue a second run
        queued_id = f"{job.job_id}-{uuid.uuid4().hex[:8]}"
    elif existing is not None:
        existing.delete()
    rq_kwargs: dict[str, Any] = {"job_id": queued_id}
    if job.timeout is not None:
        rq_kwargs["timeout"] = job.timeout
    if job.retry_intervals and compat.WORKER_RUNS_SCHEDULER:
        rq_kwargs["retry"] = Retry(max=len(job.retry_intervals), interval=list(job.retry_intervals))
    ckan_jobs.enqueue(job.resolve(), job.args, title=job.title, rq_kwargs=rq_kwargs)
    return queued_id


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _hold(job: Job, error: BaseException) -> None:
    """Write the job to the outbox (a repeat of a held job id replaces it)."""
    values = {
        "job_id": job.job_id,
        "function": job.function,
        "args": job.args,
        "title": job.title,
        "timeout": job.timeout,
        "retry_intervals": list(job.retry_intervals),
        "created": _now(),
        "attempts": 1,
        "last_error": str(error)[:500],
    }
    insert = postgresql.insert(_table).values(**values)
    changed = {
        key: insert.excluded[key] for key in ("function", "args", "title", "timeout", "retry_intervals")
    }
    changed["attempts"] = _table.c.attempts + 1
    changed["last_error"] = insert.excluded.last_error
    with model.meta.engine.begin() as connection:
        connection.execute(insert.on_conflict_do_update(index_elements=["job_id"], set_=changed))


def _job(row: Any) -> Job:
    return Job(row.job_id, row.function, list(row.args), row.title, row.timeout, tuple(row.retry_intervals))


def flush() -> int:
    """Queue the jobs the outbox holds, oldest first; returns how many were queued.

    Stops at the first one Redis refuses (the rest stay). Safe to run from several processes at
    once: each row is taken by one of them (``FOR UPDATE SKIP LOCKED``).
    """
    queued = 0
    with model.meta.engine.begin() as connection:
        rows = connection.execute(
            sa.select(_table).order_by(_table.c.created).with_for_update(skip_locked=True)
        ).all()
        for row in rows:
            try:
                _put(_job(row))
            except QUEUE_ERRORS as error:
                connection.execute(
                    sa.update(_table)
                    .where(_table.c.job_id == row.job_id)
                    .values(attempts=_table.c.attempts + 1, last_error=str(error)[:500])
                )
                break
            except (ImportError, AttributeError) as error:  # the job's code is gone (an upgrade)
                log.error(
                    "outbox job %s names %s, which cannot be loaded: %s", row.job_id, row.function, error
                )
                continue
            connection.execute(sa.delete(_table).where(_table.c.job_id == row.job_id))
            queued += 1
    if queued:
        log.info("queued %s job(s) from the outbox", queued)
    return queued


def pending() -> list[dict[str, Any]]:
    """The jobs waiting in the outbox, oldest first (job id, title, since, attempts, last error)."""
    with model.meta.engine.connect() as connection:
        rows = connection.execute(sa.select(_table).order_by(_table.c.created)).all()
    return [
        {
            "job_id": row.job_id,
            "title": row.title,
            "created": row.created.isoformat(),
            "attempts": row.attempts,
            "last_error": row.last_error,
        }
        for row in rows
    ]
