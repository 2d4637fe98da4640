"""Run the file checks in a forked child with memory, CPU and wall-clock limits.

A hostile or huge file can make a parser allocate without bound or spin; the
Rust parser aborts the whole process when an allocation fails. In a child that
costs nothing: the worker (the parent) survives, turns the child's death into a
clear report error, and measures the child's peak memory.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import tempfile
import time
import traceback
from collections.abc import Callable
from typing import Any

from .problems import FileProblem

POLL_SECONDS = 0.01
MB = 1024 * 1024


def _virtual_size() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def run_limited(
    func: Callable[..., dict[str, Any]],
    args: tuple[Any, ...],
    memory_mb: int,
    seconds: int,
    on_problem: Callable[[FileProblem], dict[str, Any]],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``func(*args)`` in a child limited to ``memory_mb`` above the parent's size and ``seconds``.

    Returns the function's JSON-able result, or ``on_problem(FileProblem)`` when
    the child ran out of memory or time or died; plus resource figures
    (``peak_rss_mb``, ``seconds``).
    """
    fd, result_path = tempfile.mkstemp(prefix="satudatablitar-", suffix=".json")
    os.close(fd)
    baseline = _virtual_size()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child: never returns
        code = 0
        try:
            limit = baseline + memory_mb * MB
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
            os.environ["RUST_BACKTRACE"] = "0"  # a parser out of memory: one line in the log, not a trace
            try:
                result = func(*args)
            except MemoryError:
                result = on_problem(FileProblem("memory-limit", limit=memory_mb))
            with open(result_path, "w") as out:
                json.dump(result, out, default=str)
        except BaseException:
            traceback.print_exc()
            code = 1
        os._exit(code)
    status, usage, timed_out = _wait(pid, started + seconds + 1)
    figures = {
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "seconds": round(time.perf_counter() - started, 3),
    }
    try:
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
            with open(result_path) as result_file:
                return json.load(result_file), figures
        return on_problem(_death(status, timed_out, memory_mb, seconds)), figures
    finally:
        os.unlink(result_path)


def _wait(pid: int, deadline: float) -> tuple[int, resource.struct_rusage, bool]:
    while True:
        waited, status, usage = os.wait4(pid, os.WNOHANG)
        if waited:
            return status, usage, False
        if time.perf_counter() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            return status, usage, True
        time.sleep(POLL_SECONDS)


def _death(status: int, timed_out: bool, memory_mb: int, seconds: int) -> FileProblem:
    if timed_out or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU):
        return FileProblem("time-limit", limit=seconds)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (
        signal.SIGABRT,
        signal.SIGSEGV,
        signal.SIGBUS,
        signal.SIGKILL,
    ):
        return FileProblem("memory-limit", limit=memory_mb)
    return FileProblem("reader-crashed", status=status)
