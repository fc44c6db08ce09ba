"""Text on its way to a terminal: control characters are shown, never obeyed.

A map, a rubric or a file name may hold terminal escapes (``ESC[2J`` clears the
screen, OSC 52 writes the clipboard) or bidirectional overrides that reorder what is
shown. Every message, excerpt and file name that argmap prints passes through
:func:`visible`, which writes such characters as Python escapes (``\\x1b``), so that
the reader sees them and the terminal does nothing.
"""

from __future__ import annotations

import re

import click

_INVISIBLE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""The C0 and C1 control characters but tab and line feed, DEL, and the characters
that change the direction or the lines of what follows them."""


def visible(text: str) -> str:
    r"""*text* with its control characters written as escapes.

    >>> visible("a\x1b[2Jb\tc")
    'a\\x1b[2Jb\tc'
    >>> visible("\u202eevil")
    '\\u202eevil'
    """
    if _INVISIBLE_RE.search(text) is None:
        return text
    return _INVISIBLE_RE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def echo(message: str, *, err: bool = False, nl: bool = True) -> None:
    """Print *message* (text of argmap's, with names and words from files in it) visibly."""
    click.echo(visible(message), err=err, nl=nl)
