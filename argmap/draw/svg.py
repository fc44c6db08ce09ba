"""Finishing and checking SVG: the font stack, and nothing external.

Every SVG the renderer returns passes :func:`finish_svg` (or :class:`SvgFinisher`,
which does the same to SVG arriving in pieces): the DOCTYPE (which names an external
DTD) is dropped, the font gets fallbacks, and the result is checked as
:func:`check_svg` checks it: the document must load nothing from outside and run
nothing: no scripts, images, links, foreign objects, style sheets or ``url()``
other than a local ``#id``.

The check runs at C speed nearly all the way (an SVG of a thousand boxes is 2.5 MB):

* expat (``xml.parsers.expat``) parses the document, which must be well-formed,
  and collects the name of every element in a set (its handler is ``set.add``
  itself); the set is checked against :data:`ALLOWED_ELEMENTS`. Handlers for a
  DOCTYPE, entity declarations and processing instructions refuse them.
* Attributes are not handed to Python one by one. An attribute can only be
  unsafe in three ways, each of which leaves a trace in the raw bytes: a name that
  is ``href`` or starts with ``on`` (in any case, with any prefix) follows white
  space or a colon; a ``url(`` needs a ``(`` and ``@import`` an ``@``, either as
  such or as a character reference (no other entity exists: DTDs are refused).
  Every such trace is found with plain byte searches, and the tag it is in, if it
  is in one, is then read and checked attribute by attribute. Graphviz's SVG has
  almost no such traces (its ``transform`` has brackets), so almost nothing is
  read twice.

The raw-byte searches read UTF-8: SVG in another encoding is refused. They also see
into comments and CDATA sections, where markup that would be unsafe as markup is
refused too (Graphviz escapes the text of its comments, and writes no CDATA).
``tests/draw/test_fast_paths.py`` holds the check to a plain ElementTree walk over
every element and attribute, on hostile and made-up documents.
"""

from __future__ import annotations

import re
import xml.parsers.expat as expat

from .errors import RenderError
from .scene import FONT

FONT_STACK = f"{FONT},Verdana,Geneva,sans-serif"
"""The fonts a viewer may use, in order; Verdana has widths close to DejaVu Sans'."""

ALLOWED_ELEMENTS = frozenset(
    {
        "svg", "g", "title", "desc", "path", "polygon", "polyline", "ellipse", "circle",
        "rect", "line", "text", "tspan", "defs", "linearGradient", "radialGradient", "stop",
    }
)  # fmt: skip

_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(\[[^\]]*\])?\s*>\s*", re.IGNORECASE)
_RAW_FORBIDDEN = re.compile(rb"<!ENTITY|<!DOCTYPE|<\?xml-stylesheet", re.IGNORECASE)
_URL = re.compile(r"url\s*\(\s*(?!['\"]?#)")
"""A ``url()`` other than a local ``#id``, in lower-case text (a case-insensitive
search for it is the same, and slower)."""
_ROOT = re.compile(rb"<[^!?/]")
"""The start of the first element: the end of the prolog."""

# Traces of unsafe attributes in the raw bytes (see the module docs).
_NAME_MARKS = bytes.maketrans(b" \t\r\n:ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"\x01\x01\x01\x01\x01abcdefghijklmnopqrstuvwxyz")
"""XML white space and the colon become ``\\x01``, capitals small letters."""
_UNSAFE_NAMES = (b"\x01on", b"\x01href")
_BRACKET_REFERENCE = re.compile(rb"&#(?:0*(?:40|64)|x0*(?:28|40));")
"""A character reference to ``(`` or ``@`` (XML writes a hex one with a small x)."""
_TAG = re.compile(rb"""<[^\s/>!?=<"']+((?:\s+[^\s=<>/"']+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*/?>""")
"""A start tag (its attributes in group 1): XML allows no ``<`` inside one."""
_ATTRIBUTE = re.compile(rb"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(r"&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}

_FONT_ATTRIBUTE = f'font-family="{FONT}"'.encode()
_FONT_STACK_ATTRIBUTE = f'font-family="{FONT_STACK}"'.encode()
_SEGMENT = 1 << 16
"""Bytes gathered before a piece of a streamed SVG is finished and checked."""


_COORDINATES = re.compile(r'(?:\sd|\spoints)="([^"]*)"')
_SVG_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def svg_number(value: float) -> str:
    """*value* written as Graphviz writes a coordinate: at most two decimals, no
    trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def numbers_in(text: str) -> list[float]:
    """The numbers of an SVG attribute (a path's ``d``, a polygon's ``points``), in order."""
    return [float(number) for number in _SVG_NUMBER.findall(text)]


def shape_bounds(body: str) -> tuple[float, float, float, float] | None:
    """Left, top, right and bottom of the first shape (a ``d`` or ``points``) in
    *body*, the markup of a group of Graphviz's SVG; ``None`` if it has none."""
    match = _COORDINATES.search(body)
    numbers = numbers_in(match.group(1)) if match else []
    if len(numbers) < 2:
        return None
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _decode(value: bytes) -> str:
    """An attribute's value as XML reads it (but for white space, which the checks
    treat alike in any form)."""

    def character(match: re.Match) -> str:
        decimal, hexadecimal, entity = match.groups()
        if entity:
            return _ENTITIES[entity]
        return chr(int(decimal, 10) if decimal else int(hexadecimal, 16))

    return _REFERENCE.sub(character, value.decode("utf-8"))


def _check_attributes(attributes: bytes) -> None:
    """Check the attributes of one start tag (its raw text)."""
    for raw_name, double, single in _ATTRIBUTE.findall(attributes):
        name = raw_name.decode("utf-8")
        attribute = name.rsplit(":", 1)[-1].lower()
        if attribute == "href" or attribute.startswith("on"):
            raise RenderError(f"unsafe SVG: an element has the attribute {attribute}")
        value = _decode(double or single).lower()
        if _URL.search(value) or "@import" in value:
            raise RenderError(f"unsafe SVG: its attribute {name} refers to something outside the picture")


def _traces(piece: bytes) -> set[int]:
    """Where *piece* may hold an unsafe attribute (see the module docs)."""
    found: set[int] = set()
    marked = piece.translate(_NAME_MARKS)
    for needle in _UNSAFE_NAMES:
        at = marked.find(needle)
        while at >= 0:
            found.add(at + 1)
            at = marked.find(needle, at + 1)
    for needle in (b"(", b"@"):
        at = piece.find(needle)
        while at >= 0:
            found.add(at)
            at = piece.find(needle, at + 1)
    found.update(match.start() for match in _BRACKET_REFERENCE.finditer(piece))
    return found


def _check_traces(piece: bytes) -> None:
    """Check every start tag of *piece* that holds a trace of an unsafe attribute.
    *piece* must not split a tag (it starts at a ``<`` or at the document's start,
    and ends before a ``<`` or at the document's end)."""
    checked: set[int] = set()
    for at in sorted(_traces(piece)):
        start = piece.rfind(b"<", 0, at)  # a tag holds no "<" but its first
        if start < 0 or start in checked or piece[start + 1 : start + 2] in (b"/", b"!", b"?"):
            continue  # in the prolog, text, a comment or an end tag
        tag = _TAG.match(piece, start)
        if tag is None:
            # Well-formed XML has no "<" followed by a name but a start tag's,
            # except in a comment or CDATA section: Graphviz writes none such.
            raise RenderError("unsafe SVG: it has markup in a comment or CDATA section that cannot be checked")
        if tag.end() <= at:
            continue  # in the text after the tag
        checked.add(start)
        _check_attributes(tag.group(1))


class _Checker:
    """The check of :func:`check_svg`, fed the document in pieces. A piece must not
    split a tag, nor any of the markers the raw-text checks look for: the finisher
    cuts only right before a ``<``, which none of them holds but at its start."""

    def __init__(self) -> None:
        # The encoding is fixed: the raw-text checks read the bytes as UTF-8 too.
        self._parser = expat.ParserCreate("utf-8", "}")
        self._elements: set[str] = set()
        self._checked_elements: set[str] = set()
        # Every element ends, and the end handler gets only its name: set.add
        # itself can be the handler, no Python function runs per element.
        self._parser.EndElementHandler = self._elements.add
        # What the raw-text check looks for, seen by the parser too (these run
        # only when there is such a thing, so they cost nothing otherwise).
        self._parser.StartDoctypeDeclHandler = self._refuse_declarations
        self._parser.EntityDeclHandler = self._refuse_declarations
        self._parser.ProcessingInstructionHandler = self._instruction

    @staticmethod
    def _refuse_declarations(*_) -> None:
        raise RenderError("unsafe SVG: it declares a DTD, entities or a style sheet")

    def _instruction(self, target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self._refuse_declarations()

    def feed(self, data: bytes, final: bool = False) -> None:
        if b"\x00" in data:
            # No XML text holds a NUL: this is UTF-16 or UTF-32, which the raw-text
            # checks cannot read (and expat would, from its byte-order mark).
            raise RenderError("the SVG is not well-formed XML: it is not UTF-8")
        if _RAW_FORBIDDEN.search(data):
            raise RenderError("unsafe SVG: it declares a DTD, entities or a style sheet")
        try:
            self._parser.Parse(data, final)
        except expat.ExpatError as error:
            raise RenderError(f"the SVG is not well-formed XML: {error}") from error
        for name in self._elements - self._checked_elements:
            tag = _local(name)
            if tag not in ALLOWED_ELEMENTS:
                raise RenderError(f"unsafe SVG: it contains a <{tag}> element")
            self._checked_elements.add(name)
        self._elements.clear()
        _check_traces(data)


def check_svg(svg: bytes) -> None:
    """Raise :class:`RenderError` unless *svg* is well-formed UTF-8 XML and refers
    to nothing outside itself (see the module docs): no DTD, entity declaration or
    style-sheet instruction; only the elements of :data:`ALLOWED_ELEMENTS` (in any
    namespace); no ``href`` attribute (with any prefix) and none whose name starts
    with ``on``; no attribute value with a ``url()`` other than a local ``#id``, or
    with ``@import``."""
    _Checker().feed(svg, final=True)


class SvgFinisher:
    """:func:`finish_svg` for SVG that arrives in pieces (from a pipe): :meth:`feed`
    each piece as it comes, then :meth:`close` for the finished SVG. Each piece is
    finished and checked as soon as it is complete enough, so that most of the work
    is done while the SVG is still being written; the result, and what is refused,
    are the same as :func:`finish_svg` on the whole."""

    def __init__(self) -> None:
        self._pending: list[bytes] = []  # received, not yet finished
        self._size = 0  # of what is pending
        self._wanted = _SEGMENT  # pending bytes worth looking at again
        self._in_body = False  # past the prolog
        self._done: list[bytes] = []
        self._checker = _Checker()

    def feed(self, data: bytes) -> None:
        self._pending.append(data)
        self._size += len(data)
        if self._size < self._wanted:
            return
        pending = b"".join(self._pending)
        if not self._in_body:
            root = _ROOT.search(pending)
            if root is not None:
                # The DOCTYPE can only be in the prolog, which is complete.
                self._finish(_DOCTYPE.sub(b"", pending[: root.start()], count=1))
                pending = pending[root.start() :]
                self._in_body = True
        if self._in_body:
            # Cut right before a "<": the font attribute holds none, and what the
            # checker looks for holds one only at its start, so none is split.
            cut = pending.rfind(b"<")
            if cut > 0:
                self._finish(pending[:cut])
                pending = pending[cut:]
        self._pending = [pending]
        self._size = len(pending)
        # Look again after another segment, or after as much again as is pending
        # (a prolog or a text with no end in sight): each byte is joined a few times at most.
        self._wanted = self._size + max(_SEGMENT, self._size)

    def _finish(self, piece: bytes, final: bool = False) -> None:
        piece = piece.replace(_FONT_ATTRIBUTE, _FONT_STACK_ATTRIBUTE)
        self._checker.feed(piece, final)
        self._done.append(piece)

    def close(self) -> bytes:
        """The finished SVG; raises :class:`RenderError` if it is unsafe."""
        rest = b"".join(self._pending)
        self._pending, self._size = [], 0
        if not self._in_body:
            rest = _DOCTYPE.sub(b"", rest, count=1)
        self._finish(rest, final=True)
        done, self._done = self._done, []
        return done[0] if len(done) == 1 else b"".join(done)


def finish_svg(svg: bytes) -> bytes:
    """*svg* from Graphviz, without its DOCTYPE, with a font stack, and checked."""
    finisher = SvgFinisher()
    finisher.feed(svg)
    return finisher.close()
