"""Grading a class: every student's map read, checked and compared with the model
answer, and the results written as a CSV table.

A file that cannot be read or parsed is not a reason to stop: its result carries
the error, and the next file is graded.
"""

from __future__ import annotations

import csv
import errno
import functools
import io
import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from ..diagnostics import Diagnostic, format_error
from ..errors import ArgmapError
from ..model import Map
from ..parallel import ordered_map
from .align import DEFAULT_THRESHOLD
from .compare import Comparison, compare
from .rubric import DEFAULT_RUBRIC, MISTAKES, Rubric


@attrs.frozen
class StudentResult:
    """One student's map and what grading found in it."""

    name: str
    file: str
    map: Map | None = attrs.field(repr=False)
    comparison: Comparison | None = attrs.field(repr=False)
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), repr=False)
    """What ``argmap check`` finds in the map (or the reading error)."""
    error: str | None = None
    """Why the map could not be graded, as ``file:line:col: message`` with the
    line and a caret."""

    @property
    def graded(self) -> bool:
        """Whether the map was read and compared."""
        return self.comparison is not None

    @property
    def score(self) -> int | None:
        """The score, or ``None`` when the map could not be read."""
        return self.comparison.score if self.comparison else None


def student_files(folder: str | Path, reference: str | Path | None = None) -> list[Path]:
    """The ``.arg`` files in *folder* and its subfolders, in name order, without
    the model answer (if it is there) and without hidden files and folders."""
    root = Path(folder)
    skip = Path(reference).resolve() if reference is not None else None
    found = []
    for path in sorted(_arg_entries(root)):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if skip is not None and path.resolve() == skip:
            continue
        found.append(path)
    return found


def _arg_entries(root: Path) -> Iterable[Path]:
    """Every entry named ``*.arg`` in *root* and the folders in it, symbolic links and
    special files among them (:func:`grade_file` reports those as skipped); a linked
    folder is not entered, so nothing outside *root* is read."""
    for directory, folders, files in os.walk(root, followlinks=False):
        for name in [*files, *folders]:
            if name.endswith(".arg") and (name in files or os.path.islink(os.path.join(directory, name))):
                yield Path(directory, name)


def student_name(path: Path, folder: Path) -> str:
    """A student's name: the file's path in the folder without ``.arg``."""
    return path.relative_to(folder).with_suffix("").as_posix()


def grade_file(
    path: str | Path,
    reference: Map,
    *,
    name: str | None = None,
    rubric: Rubric = DEFAULT_RUBRIC,
    threshold: float = DEFAULT_THRESHOLD,
    hide_answers: bool = False,
) -> StudentResult:
    """Read, check and compare one student's map."""
    from .. import check, parse
    from ..parsing import decode

    path = Path(path)
    name = name or path.stem
    try:
        data = _read_regular_file(path)
        if data is None:
            return StudentResult(
                name,
                str(path),
                None,
                None,
                error=f"skipped: {path} is not a regular file (a link, a folder or a device)",
            )
        text = decode(data, str(path))
        student = parse(text, str(path))
    except OSError as error:
        return StudentResult(name, str(path), None, None, error=f"error: cannot read {path}: {error.strerror}")
    except ArgmapError as error:
        return StudentResult(
            name, str(path), None, None, (Diagnostic.from_error(error, str(path)),), error=format_error(error)
        )
    comparison = compare(
        student, reference, rubric=rubric, threshold=threshold, hide_answers=hide_answers, student_file=str(path)
    )
    return StudentResult(name, str(path), student, comparison, tuple(check(student, file=str(path))))


def _read_regular_file(path: Path) -> bytes | None:
    """The bytes of *path* if it is a regular file itself, not a symbolic link to one
    (which could show another user's file in the report), a pipe or a device; else None."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:  # O_NOFOLLOW met a symbolic link
            return None
        raise
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        return stream.read()


def grade_files(
    paths: Iterable[Path],
    reference: Map,
    folder: Path,
    *,
    rubric: Rubric = DEFAULT_RUBRIC,
    threshold: float = DEFAULT_THRESHOLD,
    hide_answers: bool = False,
    jobs: int | None = 1,
) -> Iterator[StudentResult]:
    """:func:`grade_file` for each path, lazily (so that a progress bar can follow)
    and in the order of *paths*. *jobs* processes share the work (``None``: one
    per core); the results are the same whatever their number."""
    grade_one = functools.partial(
        grade_file, reference=reference, rubric=rubric, threshold=threshold, hide_answers=hide_answers
    )
    arguments = [(path, student_name(path, folder)) for path in paths]
    return ordered_map(functools.partial(_grade_named, grade_one), arguments, jobs)


def _grade_named(grade_one, argument: tuple[Path, str]) -> StudentResult:
    path, name = argument
    return grade_one(path, name=name)


CSV_FIELDS = (
    "student",
    "file",
    "status",
    "score",
    "review",
    "points_lost",
    "points_possible",
    "boxes",
    "boxes_matched",
    *MISTAKES,
    "check_errors",
    "check_warnings",
    "error",
)
"""The columns of the CSV table, one row per student."""


def _cell(value: object) -> str:
    """A cell that a spreadsheet shows as text: a value that begins with ``=``,
    ``+``, ``-``, ``@`` or a control character would be taken for a formula (a
    file name is chosen by the student)."""
    text = "" if value is None else str(value)
    if text and (text[0] in "=+-@\t\r" and not _is_number(text)):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_row(result: StudentResult) -> dict[str, str]:
    """One student's row of the CSV table."""
    severities = Counter(d.severity for d in result.diagnostics) if result.graded else Counter()
    row: dict[str, object] = {"student": result.name, "file": result.file}
    comparison = result.comparison
    if comparison is None:
        row.update(status="error", error=(result.error or "").splitlines()[0] if result.error else "")
    else:
        row.update(
            status="graded",
            score=comparison.score,
            review=comparison.review or "",
            points_lost=f"{comparison.lost:g}",
            points_possible=f"{comparison.possible:g}",
            boxes=comparison.student_nodes,
            boxes_matched=len(comparison.matches),
            check_errors=severities["error"],
            check_warnings=severities["warning"],
            **comparison.counts(),
        )
    return {field: _cell(row.get(field)) for field in CSV_FIELDS}


def results_csv(results: Iterable[StudentResult]) -> str:
    """The CSV table of a class: a header row, then one row per student."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        writer.writerow(csv_row(result))
    return buffer.getvalue()


def class_summary(results: list[StudentResult]) -> dict:
    """Figures for the whole class: how many maps were graded, the mean score,
    how many maps made each mistake, which boxes of the model answer were
    missed by how many, and how many maps are to be checked by hand. A map to
    be checked by hand counts in no mistake and no missed box: what its pairing
    failed to find may not be the student's mistake."""
    graded = [(r.name, r.comparison) for r in results if r.comparison is not None]
    maps_with: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for _, comparison in graded:
        if comparison.review:
            continue
        maps_with.update({kind for kind, n in comparison.counts().items() if n})
        missed.update(comparison.missed())
    scores = [comparison.score for _, comparison in graded]
    return {
        "maps": len(results),
        "graded": len(graded),
        "mean": round(sum(scores) / len(scores), 1) if scores else None,
        "mistakes": [(kind, maps_with[kind]) for kind in MISTAKES if maps_with[kind]],
        "missed": missed.most_common(),
        "review": [name for name, comparison in graded if comparison.review],
    }
