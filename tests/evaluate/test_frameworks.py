"""Dung frameworks: hand-checked textbook cases, the search limits, and the apx and
ICCMA'23 af formats."""

from __future__ import annotations

import re

import pytest

from argmap.errors import ArgmapFormatError
from argmap.frameworks import Framework, SearchLimitError, from_af, from_apx


def af(attacks: str, extra: str = "") -> Framework:
    """``af("a>b b>c")``: arguments in order of appearance (plus *extra*)."""
    pairs = [tuple(pair.split(">")) for pair in attacks.split()]
    names = [name for pair in pairs for name in pair] + extra.split()
    return Framework(names, pairs)


def labels(labelling: dict[str, str]) -> str:
    """``"a:in b:out"``, sorted by name, to compare at a glance."""
    return " ".join(f"{name}:{label}" for name, label in sorted(labelling.items()))


def all_labels(framework: Framework, semantics: str) -> set[str]:
    return {labels(lab) for lab in framework.labellings(semantics)}


class TestTextbook:
    def test_reinstatement(self):
        """a attacks b attacks c: a reinstates c (in every semantics)."""
        framework = af("a>b b>c")
        for semantics in ("grounded", "complete", "preferred", "stable"):
            assert all_labels(framework, semantics) == {"a:in b:out c:in"}

    def test_floating_reinstatement(self):
        """a and b attack each other and both attack c, which attacks d: grounded
        leaves d undecided, but d is in under both preferred labellings."""
        framework = af("a>b b>a a>c b>c c>d")
        assert labels(framework.grounded()) == "a:undecided b:undecided c:undecided d:undecided"
        assert all_labels(framework, "preferred") == {"a:in b:out c:out d:in", "a:out b:in c:out d:in"}
        assert all_labels(framework, "stable") == all_labels(framework, "preferred")
        assert len(framework.labellings("complete")) == 3

    def test_odd_cycle(self):
        """A cycle of three: everything undecided, and no stable labelling."""
        framework = af("a>b b>c c>a")
        undecided = "a:undecided b:undecided c:undecided"
        assert labels(framework.grounded()) == undecided
        assert all_labels(framework, "preferred") == {undecided}
        assert framework.labellings("stable") == []

    def test_even_cycle(self):
        """A cycle of four: grounded undecided; two preferred labellings, both stable."""
        framework = af("a>b b>c c>d d>a")
        assert set(framework.grounded().values()) == {"undecided"}
        both = {"a:in b:out c:in d:out", "a:out b:in c:out d:in"}
        assert all_labels(framework, "preferred") == both
        assert all_labels(framework, "stable") == both

    def test_self_attack(self):
        """A self-attacking argument is never in; what it alone attacks stays undecided,
        and there is no stable labelling unless something else puts it out."""
        framework = af("a>a a>b")
        assert labels(framework.grounded()) == "a:undecided b:undecided"
        assert all_labels(framework, "preferred") == {"a:undecided b:undecided"}
        assert framework.labellings("stable") == []
        assert all_labels(af("c>a a>a a>b"), "stable") == {"a:out b:in c:in"}

    def test_unattacked_and_empty(self):
        """An unattacked argument is in; an empty framework has one empty labelling."""
        assert Framework(["a"]).grounded() == {"a": "in"}
        assert Framework([]).labellings("stable") == [{}]


class TestFramework:
    def test_unknown_argument_in_attack(self):
        """An attack must name listed arguments."""
        with pytest.raises(ValueError, match="'z', which is not an argument"):
            Framework(["a"], [("a", "z")])

    def test_repeated_attacks_count_once(self):
        """Repeated arguments and attacks are kept once."""
        framework = Framework(["a", "b", "a"], [("a", "b"), ("a", "b")])
        assert framework.arguments == ("a", "b")
        assert framework.attacks == [("a", "b")]

    def test_unknown_semantics(self):
        """Only the four semantics are known."""
        with pytest.raises(ValueError, match="unknown semantics 'ideal'"):
            af("a>b").labellings("ideal")


class TestLimits:
    def test_step_limit(self):
        """A search longer than the limit stops with a clear message."""
        pairs = " ".join(f"x{i}>y{i} y{i}>x{i}" for i in range(12))
        with pytest.raises(SearchLimitError, match="gave up after 50 search steps"):
            af(pairs).labellings("preferred", limit=50)

    def test_labelling_limit(self):
        """More labellings than allowed stop the search too (2^12 here)."""
        pairs = " ".join(f"x{i}>y{i} y{i}>x{i}" for i in range(12))
        with pytest.raises(SearchLimitError, match="more than 100 labellings"):
            af(pairs).labellings("stable", max_labellings=100)

    def test_limit_error_is_an_argmap_error(self):
        """The limit error is an ArgmapError with the label 'limit'."""
        assert SearchLimitError.label == "limit"

    def test_grounded_part_costs_nothing(self):
        """Arguments decided by grounded semantics are not searched: a long chain
        needs no search steps at all."""
        chain = " ".join(f"a{i}>a{i + 1}" for i in range(5000))
        (labelling,) = af(chain).labellings("preferred", limit=1)
        assert labelling["a5000"] == "in"


class TestApx:
    def test_write(self):
        """Plain names are written bare, others quoted; comments start with %."""
        text = Framework(["a", "no-order", 'say "x"'], [("a", "no-order")]).to_apx(["made by argmap"])
        assert text.splitlines() == [
            "% made by argmap",
            "arg(a).",
            'arg("no-order").',
            'arg("say \\"x\\"").',
            'att(a,"no-order").',
        ]

    def test_round_trip_of_awkward_names(self):
        """Quotes, backslashes, newlines, % and other scripts survive a round trip."""
        names = ['say "x"', "C:\\Users", "two\nlines", "50%", "Приштина", "support:a+b->c", "A1"]
        framework = Framework(names, [(names[0], names[1]), (names[2], names[3])])
        assert from_apx(framework.to_apx()) == framework

    def test_read_with_comments_and_spacing(self):
        """Comments, blank lines, spaces and several facts on a line are fine."""
        text = '% a framework\n\narg(a). arg( b ).\n  att(a , b). % a attacks b\narg("c%d").\n'
        assert from_apx(text) == Framework(["a", "b", "c%d"], [("a", "b")])

    @pytest.mark.parametrize(
        ("text", "message", "line"),
        [
            ("arg(a).\natt(a,b).\n", "names 'b', which no arg(...) declares", 2),
            ("arg(a)\n", "ends where '.' should be", 1),
            ("arg(a).\nfoo(b).\n", "expected arg or att, found 'foo'", 2),
            ("arg(a).\narg(b;c).\n", "unexpected character ';'", 2),
        ],
    )
    def test_errors(self, text, message, line):
        """A malformed file is a format error with its line."""
        with pytest.raises(ArgmapFormatError, match=re.escape(message)) as caught:
            from_apx(text)
        assert caught.value.line == line


class TestAf:
    def test_write(self):
        """Header, names as # comments, then the attacks by number."""
        text = Framework(["a", "b"], [("a", "b"), ("b", "b")]).to_af(["made by argmap"])
        assert text.splitlines() == ["p af 2", "# made by argmap", "# 1 a", "# 2 b", "1 2", "2 2"]

    def test_read_with_comments(self):
        """Comment lines anywhere are skipped; arguments are named by number."""
        text = "# before\np af 3\n# 1 a\n1 2\n\n# between\n2 3\n"
        assert from_af(text) == Framework(["1", "2", "3"], [("1", "2"), ("2", "3")])

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("1 2\n", "starts with the line 'p af N'"),
            ("p af 2\n1 3\n", "argument 3 is out of range"),
            ("p af 2\n1 2 3\n", "expected an attack 'i j'"),
            ("# only a comment\n", "starts with the line 'p af N'"),
        ],
    )
    def test_errors(self, text, message):
        """A malformed file is a format error."""
        with pytest.raises(ArgmapFormatError, match=re.escape(message)):
            from_af(text)


def complete_bipartite(size: int) -> Framework:
    """Two sides of *size* arguments, each attacking every argument of the other side and itself
    on one side: grounded leaves them all open, and every search step looks at hundreds of attacks."""
    left = [f"a{i}" for i in range(size)]
    right = [f"b{i}" for i in range(size)]
    attacks = [(a, b) for a in left for b in right] + [(b, a) for a in left for b in right]
    return Framework(left + right, attacks)


class TestTimeLimit:
    """Issue 16: a step costs time in proportion to the open arguments, so the step limit
    alone let preferred semantics run about 100 minutes on a complete bipartite 300 × 300
    graph; the search also stops after a time limit."""

    def test_search_stops_after_its_time_limit(self, monkeypatch):
        """The clock is read every step, and the search stops once the time is up. A
        clock that runs 10 ms a reading makes this independent of the machine's speed
        (the whole search, 480 steps, takes about 0.3 s on a fast one)."""
        import argmap.frameworks as frameworks_module

        readings = []

        class FastClock:
            @staticmethod
            def monotonic() -> float:
                readings.append(None)
                return 0.01 * len(readings)

        monkeypatch.setattr(frameworks_module, "time", FastClock)
        with pytest.raises(SearchLimitError, match="gave up after 0.2 seconds"):
            complete_bipartite(120).labellings("stable", limit=10**9, time_limit=0.2, max_labellings=10**9)
        assert 20 <= len(readings) <= 25

    def test_a_small_search_is_not_cut_short(self):
        assert len(complete_bipartite(3).labellings("preferred", time_limit=30)) == 2
