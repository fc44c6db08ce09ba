"""The rubric: how many points each kind of mistake costs.

A score is the share of the model answer's points that a student keeps::

    possible = the sum, over the boxes of the model answer, of what missing that box costs
    lost     = the sum, over the student's mistakes, of what each costs
    score    = 100 * max(0, possible - lost) / possible, rounded (halves up)

so an empty map scores 0, a map with every box in place and no mistake 100, and a
mistake weighs less in a big map than in a small one. The table is
:data:`DEFAULT_WEIGHTS`; a ``[rubric]`` table in a TOML file changes any row of it
(see ``docs/teaching.md``)::

    [rubric]
    missing-objection = 3     # objections matter in this course
    extra-node = 0            # extra boxes are fine
"""

from __future__ import annotations

import difflib
from pathlib import Path

import attrs

from ..config import ArgmapConfigError

MISTAKES: dict[str, str] = {
    "missing-conclusion": "the conclusion of the model answer is not in the map",
    "missing-assumption": "a hidden premise (an assumption) of the model answer is missing",
    "missing-reason": "a premise or claim of the model answer is missing",
    "missing-evidence": "a piece of evidence of the model answer is missing",
    "missing-objection": "an objection or undercut of the model answer is missing",
    "missing-rebuttal": "a rebuttal of the model answer is missing",
    "wrong-kind": "a box speaks for what it should speak against, or against what it should speak for",
    "objection-rebuttal-confusion": "an objection written as a rebuttal, or a rebuttal as an objection",
    "undercut-confusion": "an undercut written as an objection or rebuttal, or the other way round",
    "wrong-attachment": "a box supports or attacks another box than in the model answer",
    "split-reason": "co-premises that work only together are written as separate reasons",
    "merged-reasons": "separate reasons are written as one linked reason",
    "two-statements": "one box holds two statements of the model answer: a claim and its reason",
    "wrong-verdict": "a box the model answer expects in (or out) comes out otherwise in the map",
    "wrong-scheme": "a reason names another argument scheme than in the model answer, or none",
    "extra-node": "a box that has no counterpart in the model answer",
}
"""Every kind of mistake that :func:`argmap.teaching.compare` reports, with what
it means, in the order reports list them."""

DEFAULT_WEIGHTS: dict[str, float] = {
    "missing-conclusion": 4,
    "missing-assumption": 3,
    "missing-reason": 2,
    "missing-evidence": 1,
    "missing-objection": 2,
    "missing-rebuttal": 1.5,
    "wrong-kind": 1.5,
    "objection-rebuttal-confusion": 1,
    "undercut-confusion": 1,
    "wrong-attachment": 1,
    "split-reason": 1.5,
    "merged-reasons": 1.5,
    "two-statements": 1,
    "wrong-verdict": 0.5,
    "wrong-scheme": 1,
    "extra-node": 0.5,
}
"""Points lost per mistake. The ``missing-*`` rows are also what each box of the
model answer is worth (unless a ``{points: N}`` attribute on the box says
otherwise). A hidden premise is worth more than a stated one: finding it is the
skill that mapping teaches."""

RUBRIC_FILE = "argmap.toml"
PYPROJECT = "pyproject.toml"


@attrs.frozen
class Rubric:
    """Points per kind of mistake (every kind in :data:`MISTAKES` has a row)."""

    weights: dict[str, float] = attrs.field(factory=lambda: dict(DEFAULT_WEIGHTS))
    path: str | None = None
    """The file the rubric was read from, if any."""

    def weight(self, kind: str) -> float:
        """Points lost for one mistake of *kind*."""
        return self.weights[kind]

    def with_weights(self, changes: dict[str, float], path: str | None = None) -> Rubric:
        """This rubric with some rows changed."""
        return Rubric({**self.weights, **changes}, path)


DEFAULT_RUBRIC = Rubric()


MAX_POINTS = 1_000_000
"""The most points a rubric gives a mistake: more is no rubric (and ``nan`` or ``inf``,
which TOML can write, would make every score meaningless)."""


def rubric_from_table(table: dict, source: str = "rubric") -> Rubric:
    """A rubric from a ``{mistake: points}`` table; unknown mistakes and points
    that are not non-negative numbers are errors."""
    changes: dict[str, float] = {}
    for key, value in table.items():
        if key not in MISTAKES:
            near = difflib.get_close_matches(str(key), MISTAKES, n=1, cutoff=0.6)
            raise ArgmapConfigError(
                f"{source}: unknown mistake '{key}' in the rubric",
                hint=f"did you mean '{near[0]}'?" if near else f"the mistakes are: {', '.join(MISTAKES)}",
            )
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_POINTS:
            raise ArgmapConfigError(f"{source}: the points for '{key}' must be a number from 0 to {MAX_POINTS:,}")
        changes[key] = float(value)
    return DEFAULT_RUBRIC.with_weights(changes, source)


def load_rubric(path: str | Path) -> Rubric:
    """The rubric in a TOML file: its ``[rubric]`` table (or ``[tool.argmap.rubric]``
    in a ``pyproject.toml``), or its top-level keys when it has neither."""
    path = Path(path)
    data = _read_toml(path)
    table = _rubric_table(data)
    if table is None:
        table = data
    if not isinstance(table, dict):
        raise ArgmapConfigError(f"{path}: the rubric must be a table")
    return rubric_from_table(table, str(path))


def find_rubric(near: str | Path) -> Rubric:
    """The rubric for a model answer at *near*: from its directory upward, the
    first ``argmap.toml`` with a ``[rubric]`` table or ``pyproject.toml`` with a
    ``[tool.argmap.rubric]`` table; the default rubric when there is none."""
    start = Path(near).resolve().parent
    for directory in (start, *start.parents):
        for name in (RUBRIC_FILE, PYPROJECT):
            candidate = directory / name
            if candidate.is_file():
                table = _rubric_table(_read_toml(candidate))
                if table is not None:
                    if not isinstance(table, dict):
                        raise ArgmapConfigError(f"{candidate}: the rubric must be a table")
                    return rubric_from_table(table, str(candidate))
    return DEFAULT_RUBRIC


def _rubric_table(data: dict):
    if "rubric" in data:
        return data["rubric"]
    tool = data.get("tool")
    argmap_table = tool.get("argmap") if isinstance(tool, dict) else None
    if isinstance(argmap_table, dict) and "rubric" in argmap_table:
        return argmap_table["rubric"]
    return None


def _read_toml(path: Path) -> dict:
    import tomllib

    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except OSError as error:
        raise ArgmapConfigError(f"{path}: cannot read it: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ArgmapConfigError(f"{path}: not valid TOML: {error}") from None
    except UnicodeDecodeError as error:  # tomllib reads UTF-8 only
        raise ArgmapConfigError(f"{path}: not valid TOML: {error}") from None


def score(possible: float, lost: float) -> int:
    """The score from 0 to 100 for *lost* points out of *possible*.

    >>> score(20, 5)
    75
    >>> score(10, 40)
    0
    >>> score(0, 0)
    100
    """
    if possible <= 0:
        return 100 if lost <= 0 else 0
    return int(100 * max(0.0, possible - lost) / possible + 0.5)  # halves round up


def rubric_table_markdown(rubric: Rubric = DEFAULT_RUBRIC) -> str:
    """The rubric as a Markdown table (for the documentation and reports)."""
    rows = ["| mistake | points | what it means |", "|---|---|---|"]
    for kind, meaning in MISTAKES.items():
        rows.append(f"| `{kind}` | {rubric.weight(kind):g} | {meaning} |")
    return "\n".join(rows)
