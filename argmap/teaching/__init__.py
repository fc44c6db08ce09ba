"""The seminar toolkit: compare a student's map with the model answer, grade a
class, reveal a map step by step, hand out a skeleton, preview a map live.

::

    from argmap.teaching import compare
    result = compare(argmap.load("ben.arg"), argmap.load("model.arg"))
    result.score, [m.kind for m in result.mistakes]

See ``docs/teaching.md``.
"""

from __future__ import annotations

from .align import DEFAULT_THRESHOLD, Match, similarity
from .compare import Comparison, Mistake, compare
from .expect import expectation_diagnostics
from .rubric import DEFAULT_RUBRIC, DEFAULT_WEIGHTS, MISTAKES, Rubric, find_rubric, load_rubric

__all__ = [
    "DEFAULT_RUBRIC",
    "DEFAULT_THRESHOLD",
    "DEFAULT_WEIGHTS",
    "MISTAKES",
    "Comparison",
    "Match",
    "Mistake",
    "Rubric",
    "compare",
    "expectation_diagnostics",
    "find_rubric",
    "load_rubric",
    "similarity",
]
