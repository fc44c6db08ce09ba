"""Spreading independent jobs over the machine's cores, results in input order.

Grading a class reads, checks, compares and draws every student's map; each map is
independent of the others, so the work goes to a pool of processes (threads would
share one interpreter lock). Results come back in the order of the input, so the
output is the same whatever the number of processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def available_cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def job_count(requested: int | None, items: int) -> int:
    """How many processes to use for *items* jobs: *requested* (``None`` or 0: one
    per core), never more than there are jobs, and at least one.

    >>> job_count(None, 1)
    1
    >>> job_count(4, 2)
    2
    >>> job_count(1, 30)
    1
    """
    wanted = requested or available_cores()
    return max(1, min(wanted, items))


def ordered_map(function: Callable[[Item], Result], items: Sequence[Item], jobs: int | None = None) -> Iterator[Result]:
    """``map(function, items)`` over a pool of processes, lazily and in input order.

    *function* must be a module-level function, and items and results must pickle.
    With one job (or one item) everything runs in this process, with no pool to
    start.
    """
    count = job_count(jobs, len(items))
    if count == 1:
        yield from map(function, items)
        return
    with ProcessPoolExecutor(max_workers=count) as pool:
        yield from pool.map(function, items, chunksize=1)
