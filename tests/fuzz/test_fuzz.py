"""The fuzzer: grammar-drawn texts and mutated example maps, run for a bounded time.

Every input goes through :func:`tests.fuzz.harness.exercise`: only ArgmapError may
escape the parser, the checks, the evaluation and the exporters; every error points
inside the input; whatever parses survives ``fmt`` unchanged in meaning.

The importers (``argmap import``) are fuzzed the same way by
:func:`tests.fuzz.harness.exercise_import`: Argdown from its grammar and mutated,
argmap's JSON and AIF mutated; only ArgmapError may escape, every error points
inside the input, and whatever imports is written as ``.arg`` and reads back the same.

The default run spends about ``ARGMAP_FUZZ_SECONDS`` seconds in all, shared by the
sources of input: 8 in the quick run, 60 in the thorough one (``ARGMAP_SLOW_TESTS=1``,
as in CI). Its seeds are fixed (``ARGMAP_FUZZ_SEED``, 0 by default), so
that the suite passes or fails the same way on every run; to look for new failures,
fuzz longer with new seeds::

    ARGMAP_FUZZ_SECONDS=600 ARGMAP_FUZZ_SEED=random python -m pytest tests/fuzz -q

A failure is shrunk by hypothesis to a small input; keep it as a regression fixture
in ``tests/fuzz/regressions/`` (the file's bytes are the input; ``.arg`` files are
parsed, ``.argdown`` and ``.json`` files imported), where :func:`test_regression`
runs it on every test run.
"""

from __future__ import annotations

import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from tests.budget import slow_tests_enabled

from ..strategies import hostile_json_documents
from .generators import annotation_blocks, deep_chains, grammar_texts, mutated_bytes, mutated_maps, written_maps
from .harness import exercise, exercise_bytes, exercise_import, exercise_import_bytes
from .import_generators import argdown_texts, mutated_argdown, mutated_exchange_json

REGRESSIONS = Path(__file__).parent / "regressions"
SECONDS = float(os.environ.get("ARGMAP_FUZZ_SECONDS", "60" if slow_tests_enabled() else "8"))
BATCH = 25  # examples per hypothesis run; runs repeat, with new seeds, until time is up

# The sources share the budget: texts from the grammar find most, so they get the most.
SHARES = {
    "grammar": 0.2,
    "written": 0.15,
    "mutated": 0.1,
    "bytes": 0.1,
    "argdown grammar": 0.15,
    "argdown mutated": 0.1,
    "exchange json": 0.05,
    "hostile json": 0.05,
    "deep chains": 0.05,
    "annotation blocks": 0.05,
}


def _base_seed() -> int:
    """``ARGMAP_FUZZ_SEED``: a number, or ``random`` for a new one (printed when a run fails)."""
    chosen = os.environ.get("ARGMAP_FUZZ_SEED", "0")
    return time.time_ns() % 1_000_000 if chosen == "random" else int(chosen)


def fuzz_for(seconds: float, strategy, check) -> int:
    """Run *check* on examples of *strategy* for about *seconds*; return how many.

    Each batch is one hypothesis run with its own seed, so a failure is shrunk and
    reported with the seed that found it (rerun with ``@seed(n)``)."""
    examples = 0
    deadline = time.monotonic() + seconds
    base = _base_seed()
    batch = 0
    while time.monotonic() < deadline:

        @seed(base + batch)
        @settings(
            max_examples=BATCH,
            deadline=None,
            database=None,
            derandomize=False,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
            print_blob=True,
        )
        @given(strategy)
        def run(example):
            check(example)

        run()
        examples += BATCH
        batch += 1
    return examples


def test_grammar_texts():
    """Texts drawn from the grammar, with authors' mistakes, never crash a stage."""
    assert fuzz_for(SECONDS * SHARES["grammar"], grammar_texts(), exercise) > 0


def test_written_maps():
    """Maps drawn from the model, written out and edited like an author would, never crash a stage."""
    assert fuzz_for(SECONDS * SHARES["written"], written_maps(), exercise) > 0


def test_mutated_maps():
    """The example maps with lines and characters edited never crash a stage."""
    assert fuzz_for(SECONDS * SHARES["mutated"], mutated_maps(), exercise) > 0


def test_deep_chains():
    """Chains hundreds of levels deep go through every stage, eval's report among them,
    with a report that indents no deeper than to_arg nests."""
    assert fuzz_for(SECONDS * SHARES["deep chains"], deep_chains(), exercise) > 0


def test_annotation_blocks():
    """Lines under a line of tags and attributes are refused, never cut loose: fmt once
    turned ``{}`` into a blank line and so re-attached them, changing the map."""
    assert fuzz_for(SECONDS * SHARES["annotation blocks"], annotation_blocks(), exercise) > 0


def test_mutated_bytes():
    """The example maps with bytes flipped, inserted or cut are read or refused cleanly."""
    assert fuzz_for(SECONDS * SHARES["bytes"], mutated_bytes(), exercise_bytes) > 0


def test_argdown_texts():
    """Argdown drawn from its grammar, with authors' mistakes, imports or is refused cleanly."""
    assert (
        fuzz_for(
            SECONDS * SHARES["argdown grammar"], argdown_texts(), lambda text: exercise_import(text, "fuzz.argdown")
        )
        > 0
    )


def test_mutated_argdown():
    """Argdown fixtures and argmap's Argdown exports, edited, import or are refused cleanly."""
    assert (
        fuzz_for(
            SECONDS * SHARES["argdown mutated"], mutated_argdown(), lambda text: exercise_import(text, "fuzz.argdown")
        )
        > 0
    )


def test_mutated_exchange_json():
    """argmap's JSON and AIF exports, edited, import or are refused cleanly."""
    assert (
        fuzz_for(
            SECONDS * SHARES["exchange json"], mutated_exchange_json(), lambda text: exercise_import(text, "fuzz.json")
        )
        > 0
    )


def test_hostile_json_values():
    """argmap JSON with line breaks and control characters in its tags, attributes and
    header imports as a map that reads back the same, or is refused cleanly (a tag with
    a line break once added nodes to the .arg written)."""
    assert (
        fuzz_for(
            SECONDS * SHARES["hostile json"], hostile_json_documents(), lambda text: exercise_import(text, "fuzz.json")
        )
        > 0
    )


REGRESSION_SUFFIXES = (".arg", ".argdown", ".json")


@pytest.mark.parametrize(
    "path", sorted(p for p in REGRESSIONS.iterdir() if p.suffix in REGRESSION_SUFFIXES), ids=lambda path: path.name
)
def test_regression(path):
    """An input that once crashed a stage, hung it, or broke a promise is handled,
    within seconds."""
    with time_limit(REGRESSION_SECONDS):
        if path.suffix == ".arg":
            exercise_bytes(path.read_bytes())
        else:
            exercise_import_bytes(path.read_bytes(), f"fuzz{path.suffix}")


REGRESSION_SECONDS = 20


def test_canonical_regressions_are_written_back_unchanged():
    """A canonical map among the regressions reads and writes back to the same text: the
    undercuts of a reason, alone and in a reason of their own, keep the order they are
    written in (the builder used to put the lone ones first, so that to_arg was not
    stable on maps made in memory or read from JSON)."""
    import argmap

    text = (REGRESSIONS / "reason-undercuts-out-of-order.arg").read_text(encoding="utf-8")
    assert argmap.to_arg(argmap.parse(text)) == text
    assert argmap.to_arg(argmap.from_json(argmap.to_json(argmap.parse(text)))) == text


@contextmanager
def time_limit(seconds: int):
    """Fail, rather than hang, when the body runs longer than *seconds* (POSIX)."""
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - Windows
        yield
        return

    def expire(signum, frame):
        raise AssertionError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
