"""What an import found, made, kept aside and changed: the one summary line.

An importer never drops anything silently. What has a counterpart in argmap becomes a
node or relation; what has none is kept as attributes (or header lines); what had to
be changed or left out is counted here, and :meth:`ImportReport.summary` names all of
it in one line for stderr.
"""

from __future__ import annotations

import attrs

from ..model import Map

_CATEGORIES = (
    ("kept", "kept as attributes"),
    ("changed", "changed"),
    ("dropped", "not carried over"),
)


@attrs.define
class ImportReport:
    """Counts of what an import met, for the summary line."""

    source: str
    found: list[tuple[str, int]] = attrs.Factory(list)
    notes: dict[tuple[str, str], list] = attrs.Factory(dict)

    def note(self, category: str, what: str, how: str = "", count: int = 1) -> None:
        """Count *count* occurrences of *what* under *category* (kept, changed, dropped);
        *how* says what became of them."""
        if count <= 0:
            return
        entry = self.notes.setdefault((category, what), [0, how])
        entry[0] += count

    def count(self, category: str, what: str) -> int:
        """How many of *what* were noted under *category*."""
        entry = self.notes.get((category, what))
        return entry[0] if entry else 0

    def summary(self, map: Map | None = None) -> str:
        """``argdown: 12 statements, ... -> 16 nodes, 9 relations; kept as attributes: ...``."""
        found = ", ".join(_plural(n, what) for what, n in self.found)
        line = f"{self.source}: {found}" if found else self.source
        if map is not None:
            line += f" -> {_plural(len(map.nodes), 'nodes')}, {_plural(len(map.relations), 'relations')}"
        for category, title in _CATEGORIES:
            items = [
                f"{_plural(n, what)}" + (f" ({how})" if how else "")
                for (cat, what), (n, how) in self.notes.items()
                if cat == category
            ]
            if items:
                line += f"; {title}: " + ", ".join(items)
        return line


@attrs.frozen
class ImportResult:
    """An imported map and the report of what became of everything in the source."""

    map: Map
    report: ImportReport

    def summary(self) -> str:
        """The one line for stderr."""
        return self.report.summary(self.map)


def _plural(count: int, what: str) -> str:
    """``1 statement``, ``2 statements``: *what* is given in the plural (its first word
    is made singular), or as ``plural|singular``.

    >>> _plural(1, "statements"), _plural(3, "statements"), _plural(1, "pcs structures|pcs structure")
    ('1 statement', '3 statements', '1 pcs structure')
    """
    if "|" in what:
        plural, singular = what.split("|", 1)
        return f"{count} {singular if count == 1 else plural}"
    if count == 1:
        head, _, tail = what.partition(" ")
        if head.endswith("ies"):
            head = head[:-3] + "y"
        elif head.endswith("s") and not head.endswith("ss"):
            head = head[:-1]
        what = head + (" " + tail if tail else "")
    return f"{count} {what}"
