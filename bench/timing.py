"""Shared timing helper for the benchmark scripts."""

from __future__ import annotations

import gc
import time


def best_of(repeat: int, action) -> tuple[float, float, object]:
    """The shortest wall time and CPU time of *repeat* runs of *action*, and its
    last result. (CPU time tells what the code costs when other processes share
    the machine; the budgets are on wall time.)"""
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_wall, best_cpu, result
