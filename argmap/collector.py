"""Pausing Python's cyclic garbage collector around the stages that make many objects.

Reading a map, checking it, evaluating it and drawing it make hundreds of thousands
of small objects and no reference cycles. With the collector on, each of its full
passes walks all of them again, which costs a third or more of those stages' time on
a large map; reference counting frees them just the same with it off.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def without_gc():
    """Pause the cyclic garbage collector for the body (a context manager, or a
    decorator), and resume it afterwards only if it was running before.

    >>> import gc
    >>> with without_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
