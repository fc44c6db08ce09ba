"""A Pygments lexer for ``.arg``, made from the token table.

Registered under the name ``arg`` through the ``pygments.lexers`` entry point, so that
Sphinx, MkDocs, Jupyter and other Pygments users highlight ``.arg`` code blocks.
Importing this module needs Pygments (``pip install "argmap[highlight]"``); nothing
else in argmap imports it.
"""

from __future__ import annotations

import re
from typing import ClassVar

from pygments import token as pygments_token
from pygments.lexer import RegexLexer, bygroups

from .tokens import STATES, TOKEN_TYPES, Rule


def _token(name: str | None):
    if name is None:
        return pygments_token.Text
    return pygments_token.string_to_tokentype(TOKEN_TYPES[name].pygments)


def _entry(rule: Rule) -> tuple:
    action = bygroups(*(_token(name) for name in rule.tokens))
    if rule.push:
        return rule.pattern, action, rule.push
    if rule.pop:
        return rule.pattern, action, "#pop"
    return rule.pattern, action


def _states() -> dict[str, list[tuple]]:
    states = {state: [_entry(rule) for rule in rules] for state, rules in STATES.items()}
    for rules in states.values():  # what no rule names is plain text, one character at a time
        rules.append((r"\n", pygments_token.Whitespace))
        rules.append((r".", pygments_token.Text))
    return states


class ArgLexer(RegexLexer):
    """Argument maps written in the ``.arg`` language."""

    name = "Argument map"
    aliases: ClassVar[list[str]] = ["arg", "argmap"]
    filenames: ClassVar[list[str]] = ["*.arg"]
    mimetypes: ClassVar[list[str]] = ["text/x-argmap"]
    flags = re.MULTILINE
    tokens = _states()
