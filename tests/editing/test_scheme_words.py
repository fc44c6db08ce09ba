"""What an editor shows for a scheme, role or critical question id under the cursor."""

from __future__ import annotations

import pytest

from argmap.editing.scheme_words import SchemeWord, describe, scheme_word_at
from argmap.schemes import builtin_catalogue

LINE = "  undercut u: Paid by the maker. {cq: expert-opinion.trustworthy, source: p. 3}"


class TestSchemeWordAt:
    def test_the_value_under_the_cursor(self):
        """The cursor anywhere on a value of scheme, role or cq finds the whole value."""
        start = LINE.index("expert-opinion")
        for column in (start, start + 5, start + len("expert-opinion.trustworthy")):
            assert scheme_word_at(LINE, column) == SchemeWord(
                "cq", "expert-opinion.trustworthy", start, start + len("expert-opinion.trustworthy")
            )

    @pytest.mark.parametrize("column", [0, LINE.index("Paid"), LINE.index("p. 3"), LINE.index("{")])
    def test_nothing_elsewhere(self, column):
        """Not on the statement, another attribute's value, or the brace."""
        assert scheme_word_at(LINE, column) is None

    def test_braces_inside_a_statement_are_not_a_block(self):
        """A brace not after white space is text, as in the language."""
        assert scheme_word_at("premise: a{role: expert}", 12) is None


class TestDescribe:
    def test_scheme(self):
        """A scheme: its name, premise roles, conclusion and questions."""
        text = describe(SchemeWord("scheme", "expert-opinion", 0, 0), builtin_catalogue())
        scheme = builtin_catalogue().find("expert-opinion")
        assert f"**{scheme.name}**" in text
        assert all(f"`{role}`" in text for role in scheme.roles)
        assert all(q.text in text for q in scheme.questions)

    def test_question_with_and_without_its_scheme(self):
        """A bare question id lists every scheme that asks it; a qualified one only its own."""
        catalogue = builtin_catalogue()
        bare = describe(SchemeWord("cq", "trustworthy", 0, 0), catalogue)
        qualified = describe(SchemeWord("cq", "expert-opinion.trustworthy", 0, 0), catalogue)
        asking = [s for s in catalogue.schemes if s.question("trustworthy")]
        assert bare.count("\n- ") == len(asking) and qualified.count("\n- ") == 1

    def test_unknown_words_say_nothing(self):
        """An id the catalogue does not know is left to the checks."""
        catalogue = builtin_catalogue()
        assert describe(SchemeWord("scheme", "no-such-scheme", 0, 0), catalogue) is None
        assert describe(SchemeWord("role", "no-such-role", 0, 0), catalogue) is None
        assert describe(SchemeWord("cq", "expert-opinion.no-such", 0, 0), catalogue) is None
