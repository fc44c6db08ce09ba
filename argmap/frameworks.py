"""Abstract argumentation frameworks (Dung 1995): arguments and attacks, their
labellings, and the two exchange formats of the solver competitions.

A :class:`Framework` knows nothing of maps; :mod:`argmap.evaluation` translates a map
into one (``docs/evaluation.md``). Labellings follow Modgil & Caminada (2009): every
argument is ``in``, ``out`` or ``undecided``.

- Grounded: a work queue with a count of live attackers per argument, linear in
  arguments plus attacks.
- Complete, preferred and stable: a backtracking labelling search after Nofal,
  Atkinson & Dunne (2014), run only over the arguments that the grounded labelling
  leaves undecided (every complete labelling agrees with the grounded one where it
  decides), and stopped with :class:`SearchLimitError` past a step limit.

Formats: ASPARTIX ``apx`` (``arg(a). att(a,b).``, ``%`` comments) and the ICCMA'23
``af`` format (``p af N`` and one ``i j`` attack per line, ``#`` comments).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import cast

from .errors import ArgmapError, ArgmapFormatError, Location

LABELS = ("in", "out", "undecided")
SEARCH_SEMANTICS = ("complete", "preferred", "stable")
DEFAULT_STEP_LIMIT = 200_000
"""Search steps (one argument labelled by a choice) before :class:`SearchLimitError`."""
DEFAULT_TIME_LIMIT = 60.0
"""Seconds of search before :class:`SearchLimitError`, whatever the steps: a step costs
time in proportion to the arguments left open, so on a large attack graph (a complete
bipartite one of 300 by 300 arguments: 0.03 s a step) the step limit alone allowed
about 100 minutes."""
DEFAULT_MAX_LABELLINGS = 1_000

_UNDEC, _IN, _OUT = 0, 1, 2
_NAMES = ("undecided", "in", "out")


class SearchLimitError(ArgmapError, RuntimeError):
    """Preferred, stable or complete labellings would take longer than allowed."""

    code = "AM007"
    label = "limit"


class Framework:
    """A Dung framework: named arguments and the attacks between them.

    ``Framework(["a", "b"], [("a", "b")])``. Arguments keep their order; repeated
    attacks count once. Attacks may only name listed arguments (``ValueError``).
    """

    __slots__ = ("arguments", "_index", "attackers", "targets")

    def __init__(self, arguments: Iterable[str], attacks: Iterable[tuple[str, str]] = ()) -> None:
        self.arguments: tuple[str, ...] = tuple(dict.fromkeys(arguments))
        index = {name: i for i, name in enumerate(self.arguments)}
        self._index: dict[str, int] | None = index  # None: made on first use (see from_adjacency)
        pairs = []
        for attacker, target in attacks:
            for name in (attacker, target):
                if name not in index:
                    raise ValueError(f"the attack ({attacker}, {target}) names {name!r}, which is not an argument")
            pairs.append((index[attacker], index[target]))
        self.attackers, self.targets = _adjacency(len(self.arguments), pairs)

    @classmethod
    def from_adjacency(
        cls, arguments: Sequence[str], attackers: list[list[int]], targets: list[list[int]]
    ) -> Framework:
        """A framework from argument names and, for each argument, the indices of its
        attackers and of its targets (the same attacks, no repeats): the fast path
        for large translated maps. The lists are taken, not copied."""
        framework = cls.__new__(cls)
        framework.arguments = tuple(arguments)
        framework._index = None
        framework.attackers = attackers
        framework.targets = targets
        return framework

    # --- views ---------------------------------------------------------------

    @property
    def attacks(self) -> list[tuple[str, str]]:
        """Every attack as ``(attacker, target)``, grouped by attacker in argument order."""
        names = self.arguments
        return [(names[a], names[t]) for a, ts in enumerate(self.targets) for t in ts]

    def index(self, name: str) -> int:
        """The position of argument *name* (``KeyError`` if there is none)."""
        if self._index is None:
            self._index = {n: i for i, n in enumerate(self.arguments)}
        return self._index[name]

    def __len__(self) -> int:
        return len(self.arguments)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return set(self.arguments) == set(other.arguments) and set(self.attacks) == set(other.attacks)

    def __repr__(self) -> str:
        return f"<Framework of {len(self.arguments)} arguments and {sum(map(len, self.targets))} attacks>"

    # --- semantics -----------------------------------------------------------

    def grounded(self) -> dict[str, str]:
        """The grounded labelling: argument name to ``in``, ``out`` or ``undecided``."""
        return self._named(grounded_codes(self))

    def labellings(
        self,
        semantics: str,
        *,
        limit: int = DEFAULT_STEP_LIMIT,
        max_labellings: int = DEFAULT_MAX_LABELLINGS,
        time_limit: float = DEFAULT_TIME_LIMIT,
    ) -> list[dict[str, str]]:
        """Every labelling under *semantics* (``grounded``, ``complete``,
        ``preferred`` or ``stable``), each a dict of argument name to label."""
        if semantics == "grounded":
            return [self.grounded()]
        return [
            self._named(codes)
            for codes in search_codes(
                self, semantics, limit=limit, max_labellings=max_labellings, time_limit=time_limit
            )
        ]

    def _named(self, codes: list[int]) -> dict[str, str]:
        return {name: _NAMES[code] for name, code in zip(self.arguments, codes, strict=True)}

    # --- formats -------------------------------------------------------------

    def to_apx(self, comments: Iterable[str] = ()) -> str:
        """The framework in ASPARTIX ``apx`` form; *comments* become ``%`` lines on top."""
        lines = [f"% {line}".rstrip() for line in comments]
        names = [_apx_term(name) for name in self.arguments]
        lines.extend(f"arg({name})." for name in names)
        lines.extend(f"att({names[a]},{names[t]})." for a, ts in enumerate(self.targets) for t in ts)
        return "\n".join(lines) + "\n"

    def to_af(self, comments: Iterable[str] = ()) -> str:
        """The framework in ICCMA'23 ``af`` form (arguments numbered from 1 in order),
        with *comments* and a ``# number name`` table as ``#`` lines after the header."""
        lines = [f"p af {len(self.arguments)}"]
        lines.extend(f"# {line}".rstrip() for line in comments)
        lines.extend(f"# {i} {' '.join(name.split())}" for i, name in enumerate(self.arguments, 1))
        lines.extend(f"{a + 1} {t + 1}" for a, ts in enumerate(self.targets) for t in ts)
        return "\n".join(lines) + "\n"


def _adjacency(size: int, pairs: Iterable[tuple[int, int]]) -> tuple[list[list[int]], list[list[int]]]:
    attackers: list[list[int]] = [[] for _ in range(size)]
    targets: list[list[int]] = [[] for _ in range(size)]
    for a, t in dict.fromkeys(pairs):
        attackers[t].append(a)
        targets[a].append(t)
    return attackers, targets


# --- grounded ----------------------------------------------------------------


def grounded_codes(framework: Framework) -> list[int]:
    """The grounded labelling as codes (0 undecided, 1 in, 2 out), in linear time:
    an argument is in once all its attackers are out, out once one attacker is in."""
    targets = framework.targets
    live = [len(a) for a in framework.attackers]
    label = [_UNDEC] * len(live)
    queue = [i for i, count in enumerate(live) if count == 0]
    for i in queue:
        label[i] = _IN
    pop, push = queue.pop, queue.append
    while queue:
        for beaten in targets[pop()]:
            if label[beaten] == _UNDEC:
                label[beaten] = _OUT
                for freed in targets[beaten]:
                    live[freed] -= 1
                    if live[freed] == 0 and label[freed] == _UNDEC:
                        label[freed] = _IN
                        push(freed)
    return label


# --- complete, preferred, stable: labelling search ------------------------------

_BLANK, _S_IN, _S_OUT, _MUST_OUT, _S_UNDEC = range(5)


def search_codes(
    framework: Framework,
    semantics: str,
    *,
    limit: int = DEFAULT_STEP_LIMIT,
    max_labellings: int = DEFAULT_MAX_LABELLINGS,
    grounded: list[int] | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> list[list[int]]:
    """Every complete, preferred or stable labelling, as code lists (see
    :func:`grounded_codes`), in the order found; :class:`SearchLimitError` after
    *limit* steps or *time_limit* seconds of search, whichever comes first."""
    if semantics not in SEARCH_SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r} (must be one of grounded, {', '.join(SEARCH_SEMANTICS)})")
    base = grounded_codes(framework) if grounded is None else grounded
    open_args = [i for i, code in enumerate(base) if code == _UNDEC]
    if not open_args:
        return [base]
    results: list[list[int]] = []
    for found in _Search(framework, open_args, semantics, limit, max_labellings, time_limit).run():
        codes = list(base)
        for i, code in found.items():
            codes[i] = code
        results.append(codes)
    return results


class _Search:
    """Nofal, Atkinson & Dunne's labelling search over the open arguments.

    Labels: BLANK (not yet decided), IN, OUT (attacked by an IN), MUST_OUT (attacks an
    IN, so must end OUT), UNDEC (decided not IN). A branch dies when a MUST_OUT
    argument has no BLANK attacker left to put it out. An argument whose attackers
    are all OUT or MUST_OUT is taken IN without a choice: every complete labelling
    below the branch has it in. Under stable semantics nothing may stay undecided, so
    the "not IN" branch labels MUST_OUT instead of UNDEC.
    """

    def __init__(
        self,
        framework: Framework,
        open_args: list[int],
        semantics: str,
        limit: int,
        max_labellings: int,
        time_limit: float = DEFAULT_TIME_LIMIT,
    ) -> None:
        local = {arg: k for k, arg in enumerate(open_args)}
        self.global_ids = open_args
        self.attackers = [[local[a] for a in framework.attackers[arg] if a in local] for arg in open_args]
        self.targets = [[local[t] for t in framework.targets[arg] if t in local] for arg in open_args]
        self.semantics = semantics
        self.limit = limit
        self.max_labellings = max_labellings
        self.steps = 0
        self.time_limit = time_limit
        self.deadline = time.monotonic() + time_limit
        not_in = _MUST_OUT if semantics == "stable" else _S_UNDEC
        self.not_in = not_in
        self.labels = [not_in if k in self.attackers[k] else _BLANK for k in range(len(open_args))]
        self.trail: list[tuple[int, int]] = []

    def _set(self, k: int, label: int) -> None:
        self.trail.append((k, self.labels[k]))
        self.labels[k] = label

    def _rescuable(self, k: int) -> bool:
        """Whether a MUST_OUT argument still has a BLANK attacker."""
        labels = self.labels
        return any(labels[a] == _BLANK for a in self.attackers[k])

    def _closed(self, k: int) -> bool:
        """Whether argument *k*, no longer BLANK and not IN, leaves every MUST_OUT
        argument it attacks (and itself, if MUST_OUT) still rescuable."""
        labels = self.labels
        if labels[k] == _MUST_OUT and not self._rescuable(k):
            return False
        return all(labels[t] != _MUST_OUT or self._rescuable(t) for t in self.targets[k])

    def _take_in(self, k: int) -> bool:
        labels = self.labels
        self._set(k, _S_IN)
        changed = []
        for t in self.targets[k]:
            if labels[t] != _S_OUT:
                was_blank = labels[t] == _BLANK
                self._set(t, _S_OUT)
                if was_blank:
                    changed.append(t)
        for a in self.attackers[k]:
            if labels[a] == _BLANK or labels[a] == _S_UNDEC:
                self._set(a, _MUST_OUT)
                changed.append(a)
        return all(self._closed(c) for c in changed) and all(
            labels[a] != _MUST_OUT or self._rescuable(a) for a in self.attackers[k]
        )

    def _select(self) -> tuple[int | None, bool]:
        """The next BLANK argument, and whether it is forced IN."""
        labels = self.labels
        best, best_score = None, -1
        for k, label in enumerate(labels):
            if label != _BLANK:
                continue
            if all(labels[a] == _S_OUT or labels[a] == _MUST_OUT for a in self.attackers[k]):
                return k, True
            score = sum(1 for t in self.targets[k] if labels[t] != _S_OUT)
            if score > best_score:
                best, best_score = k, score
        return best, False

    def _leaf(self) -> dict[int, int] | None:
        labels = self.labels
        if _MUST_OUT in labels:
            return None
        if self.semantics == "stable" and _S_UNDEC in labels:
            return None
        if self.semantics == "complete":
            # complete: nothing undecided may be defended by the IN arguments
            for k, label in enumerate(labels):
                if label == _S_UNDEC and all(labels[a] == _S_OUT for a in self.attackers[k]):
                    return None
        code = {_S_IN: _IN, _S_OUT: _OUT, _S_UNDEC: _UNDEC}
        return {self.global_ids[k]: code[label] for k, label in enumerate(labels)}

    def _step(self) -> None:
        self.steps += 1
        if self.steps > self.limit:
            raise SearchLimitError(
                f"{self.semantics} labellings: gave up after {self.limit:,} search steps "
                f"({len(self.labels):,} arguments are left open by grounded semantics)",
                hint="use grounded semantics, or raise the limit (--limit)",
            )
        if time.monotonic() > self.deadline:
            raise SearchLimitError(
                f"{self.semantics} labellings: gave up after {self.time_limit:g} seconds and {self.steps:,} search "
                f"steps ({len(self.labels):,} arguments are left open by grounded semantics)",
                hint="use grounded semantics, or allow more time (--time-limit)",
            )

    def run(self) -> list[dict[int, int]]:
        found: list[dict[int, int]] = []
        in_sets: list[frozenset[int]] = []
        choices: list[tuple[int, int]] = []  # (trail length before the IN branch, argument)
        alive = all(label != _MUST_OUT or self._rescuable(k) for k, label in enumerate(self.labels))
        while True:
            if alive:
                k, forced = self._select()
                if k is not None:
                    self._step()
                    if not forced:
                        choices.append((len(self.trail), k))
                    alive = self._take_in(k)
                    continue
                leaf = self._leaf()
                if leaf is not None:
                    self._record(leaf, found, in_sets)
            if not choices:
                break
            mark, k = choices.pop()
            while len(self.trail) > mark:
                arg, old = self.trail.pop()
                self.labels[arg] = old
            self._step()
            self._set(k, self.not_in)
            alive = self._closed(k)
        return found

    def _record(self, leaf: dict[int, int], found: list[dict[int, int]], in_sets: list[frozenset[int]]) -> None:
        ins = frozenset(k for k, code in leaf.items() if code == _IN)
        if self.semantics == "preferred":
            if any(ins <= other for other in in_sets):
                return
            keep = [i for i, other in enumerate(in_sets) if not other < ins]
            found[:] = [found[i] for i in keep]
            in_sets[:] = [in_sets[i] for i in keep]
        found.append(leaf)
        in_sets.append(ins)
        if len(found) > self.max_labellings:
            raise SearchLimitError(
                f"{self.semantics} semantics: more than {self.max_labellings:,} labellings",
                hint="use grounded semantics, or settle some statements with {verdict: ...} or --assume",
            )


# --- exchange formats ------------------------------------------------------------

_BARE_APX = re.compile(r"[a-z][A-Za-z0-9_]*\Z|[0-9]+\Z")


def _apx_term(name: str) -> str:
    if _BARE_APX.match(name):
        return name
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped + '"'


_APX_TOKEN = re.compile(
    r"""(?P<space>\s+)|(?P<comment>%[^\n]*)|(?P<string>"(?:[^"\\\n]|\\.)*")|(?P<word>[A-Za-z0-9_]+)"""
    r"""|(?P<punct>[(),.])"""
)


def _apx_tokens(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(kind, value, line, column) for each token of an apx text."""
    line, line_start, pos = 1, 0, 0
    while pos < len(text):
        match = _APX_TOKEN.match(text, pos)
        column = pos - line_start + 1
        if match is None:
            raise _format_error(
                f"unexpected character {text[pos]!r} in an apx file",
                line,
                column,
                text,
                "write facts arg(a). and att(a,b).; comments start with %",
            )
        # every alternative of _APX_TOKEN is a named group, so a match has a last group
        kind = cast(str, match.lastgroup)
        value = match.group()
        if kind == "string":
            value = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value[1:-1])
        if kind not in ("space", "comment"):
            yield kind, value, line, column
        newlines = match.group().count("\n")
        if newlines:
            line += newlines
            line_start = match.start() + match.group().rindex("\n") + 1
        pos = match.end()


def from_apx(text: str) -> Framework:
    """A framework from ASPARTIX ``apx`` text: ``arg(a).`` and ``att(a,b).`` facts,
    ``%`` comments. Names may be plain words or double-quoted strings.
    Raises :class:`~argmap.errors.ArgmapFormatError` with the line and column."""
    tokens = list(_apx_tokens(text))
    arguments: list[str] = []
    attacks: list[tuple[str, str, int, int]] = []
    i = 0

    def expect(kinds: tuple[str, ...], values: tuple[str, ...] | None, what: str) -> str:
        nonlocal i
        if i >= len(tokens):
            last = tokens[-1] if tokens else ("", "", 1, 1)
            raise _format_error(
                f"the apx file ends where {what} should be",
                last[2],
                last[3],
                text,
                "end every fact with a full stop: arg(a).",
            )
        kind, value, line, column = tokens[i]
        if kind not in kinds or (values is not None and value not in values):
            raise _format_error(
                f"expected {what}, found {value!r}",
                line,
                column,
                text,
                "an apx file holds only facts arg(a). and att(a,b).",
            )
        i += 1
        return value

    while i < len(tokens):
        _, _, line, column = tokens[i]
        predicate = expect(("word",), ("arg", "att"), "arg or att")
        expect(("punct",), ("(",), "'('")
        first = expect(("word", "string"), None, "an argument name")
        if predicate == "att":
            expect(("punct",), (",",), "','")
            second = expect(("word", "string"), None, "an argument name")
            attacks.append((first, second, line, column))
        else:
            arguments.append(first)
        expect(("punct",), (")",), "')'")
        expect(("punct",), (".",), "'.'")
    declared = set(arguments)
    for attacker, target, line, column in attacks:
        for name in (attacker, target):
            if name not in declared:
                raise _format_error(
                    f"att({attacker},{target}) names '{name}', which no arg(...) declares",
                    line,
                    column,
                    text,
                    f"add arg({_apx_term(name)}).",
                )
    return Framework(arguments, ((a, t) for a, t, _, _ in attacks))


def from_af(text: str) -> Framework:
    """A framework from ICCMA'23 ``af`` text: a ``p af N`` header, then one attack
    ``i j`` per line; lines starting with ``#`` are comments. Arguments are named
    ``"1"`` to ``"N"``. Raises :class:`~argmap.errors.ArgmapFormatError`."""
    size: int | None = None
    attacks: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        column = raw.index(fields[0]) + 1
        if size is None:
            if len(fields) != 3 or fields[:2] != ["p", "af"] or not fields[2].isdigit():
                raise _format_error(
                    "an af file starts with the line 'p af N'",
                    number,
                    column,
                    text,
                    "N is the number of arguments, e.g. 'p af 3'",
                )
            size = int(fields[2])
            continue
        if len(fields) != 2 or not all(f.isdigit() for f in fields):
            raise _format_error(
                f"expected an attack 'i j', found {line!r}",
                number,
                column,
                text,
                "write one attack per line as two argument numbers",
            )
        for field in fields:
            if not 1 <= int(field) <= size:
                raise _format_error(
                    f"argument {field} is out of range (the header says {size})",
                    number,
                    raw.index(field) + 1,
                    text,
                    f"arguments are numbered 1 to {size}",
                )
        attacks.append((str(int(fields[0])), str(int(fields[1]))))
    if size is None:
        raise ArgmapFormatError(
            "an af file starts with the line 'p af N'", label="af", hint="N is the number of arguments, e.g. 'p af 3'"
        )
    return Framework((str(i) for i in range(1, size + 1)), attacks)


def _format_error(message: str, line: int, column: int, text: str, hint: str) -> ArgmapFormatError:
    lines = text.splitlines()
    excerpt = lines[line - 1] if 0 < line <= len(lines) else None
    return ArgmapFormatError(
        message, label="framework", hint=hint, location=Location(None, line, column, line, column + 1), excerpt=excerpt
    )
