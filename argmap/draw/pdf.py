"""PDF written by argmap itself from a finished SVG: no converter to install.

The SVG is Graphviz's (shapes, and text in boxes: ``g``, ``path``, ``polygon``,
``polyline``, ``ellipse``, ``rect``, ``line``, ``text`` with ``tspan``), already
checked by :func:`argmap.draw.svg.check_svg`, so a small reader suffices. Every
shape becomes the same vector path in the PDF. Text stays text: set in the
installed TrueType fonts (DejaVu Sans, whose widths the layout was measured with),
embedded as subsets, with a map back to Unicode so that it can be searched and
copied; characters the text font lacks (Chinese, Japanese, Korean) are set in a
fallback font (see :mod:`argmap.draw.fonts`). The output is the same, byte for
byte, for the same SVG and fonts.
"""

from __future__ import annotations

import math
import re
import struct
import xml.etree.ElementTree as ElementTree
import zlib
from collections.abc import Iterator

import attrs

from .errors import RenderError
from .fonts import TrueType, fallback_fonts, text_fonts

_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[MmLlHhVvCcSsQqZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate)\s*\(([^)]*)\)")
_NAMED_COLOURS = {
    "black": (0, 0, 0), "white": (1, 1, 1), "red": (1, 0, 0), "green": (0, 0.5, 0), "blue": (0, 0, 1),
    "grey": (0.5, 0.5, 0.5), "gray": (0.5, 0.5, 0.5), "yellow": (1, 1, 0), "orange": (1, 0.65, 0),
}  # fmt: skip
_KAPPA = 0.5522847498
"""Bézier control distance for a quarter ellipse, as a share of the radius."""
_ITALIC_SLANT = 0.2
"""Slant of text set upright for want of an italic font."""


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _colour(value: str | None) -> tuple[float, float, float] | None:
    """An SVG paint as RGB in 0..1; None for ``none``/``transparent``."""
    if value is None or value in ("none", "transparent"):
        return None
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        try:
            return int(digits[0:2], 16) / 255, int(digits[2:4], 16) / 255, int(digits[4:6], 16) / 255
        except ValueError:
            return (0, 0, 0)
    return _NAMED_COLOURS.get(value.lower(), (0, 0, 0))


def _points(text: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


class _Style:
    """The painting attributes in force (SVG inherits them from the groups)."""

    __slots__ = ("fill", "stroke", "width", "dashes", "fill_opacity", "stroke_opacity", "font")

    def __init__(self) -> None:
        self.fill: str | None = "black"
        self.stroke: str | None = "none"
        self.width = 1.0
        self.dashes = ""
        self.fill_opacity = 1.0
        self.stroke_opacity = 1.0
        self.font = _Font()

    def child(self, element: ElementTree.Element) -> _Style:
        style = _Style.__new__(_Style)
        get = element.get
        style.fill = get("fill", self.fill)
        style.stroke = get("stroke", self.stroke)
        style.width = float(get("stroke-width", self.width))
        style.dashes = get("stroke-dasharray", self.dashes)
        style.fill_opacity = float(get("fill-opacity", self.fill_opacity))
        style.stroke_opacity = float(get("stroke-opacity", self.stroke_opacity))
        font = self.font
        if any(key.startswith(("font-", "text-")) for key in element.attrib):
            sizes = _points(get("font-size") or "")
            font = _Font(
                size=sizes[0] if sizes else font.size,
                weight=get("font-weight", font.weight),
                style=get("font-style", font.style),
                anchor=get("text-anchor", font.anchor),
                decoration=get("text-decoration", font.decoration),
            )
        style.font = font
        return style


@attrs.frozen
class _Font:
    """The font attributes in force."""

    size: float = 14.0
    weight: str = "normal"
    style: str = "normal"
    anchor: str = "start"
    decoration: str = ""


class _Fonts:
    """The fonts used, each given a PDF resource name, and the glyphs used of each."""

    def __init__(self) -> None:
        self.styles = text_fonts()
        self.fallbacks: list[TrueType] | None = None
        self.names: dict[int, str] = {}
        self.fonts: list[TrueType] = []
        self.used: dict[str, dict[int, str]] = {}
        """Per resource name, glyph id -> the characters it stands for."""

    def pick(self, bold: bool, italic: bool) -> tuple[TrueType, bool, bool]:
        """The font for a style, and whether bold and slant must be faked."""
        wanted = self.styles[(2 if italic else 0) + (1 if bold else 0)]
        if wanted is not None:
            return wanted, False, False
        upright = self.styles[1 if bold else 0]
        if upright is not None:
            return upright, False, italic
        return self.styles[0], bold, italic

    def runs(self, text: str, font: TrueType) -> Iterator[tuple[TrueType, str]]:
        """*text* cut into runs of one font: *font*, or a fallback where it lacks a character."""
        current, run = font, list[str]()
        for char in text:
            chosen = font if font.glyph(char) or char in "\t\n\r" else self._fallback_for(char, font)
            if chosen is not current and run:
                yield current, "".join(run)
                run = []
            current = chosen
            run.append(char)
        if run:
            yield current, "".join(run)

    def _fallback_for(self, char: str, font: TrueType) -> TrueType:
        if self.fallbacks is None:
            self.fallbacks = fallback_fonts()
        for fallback in self.fallbacks:
            if fallback.glyph(char):
                return fallback
        return font  # no font has it: its glyph 0 (a box), the text still maps back to the character

    def name(self, font: TrueType) -> str:
        key = id(font)
        if key not in self.names:
            self.names[key] = f"F{len(self.fonts) + 1}"
            self.fonts.append(font)
            self.used[self.names[key]] = {}
        return self.names[key]

    def encode(self, font: TrueType, text: str) -> tuple[str, str, float]:
        """The resource name, the text as hex glyph ids, and its width in ems."""
        name = self.name(font)
        used = self.used[name]
        glyphs = [font.cmap.get(ord(char), 0) for char in text]
        for glyph, char in zip(glyphs, text, strict=True):
            used.setdefault(glyph, char)
        advances = font.advances
        width = sum(advances[glyph] for glyph in glyphs) * 1000 / font.units_per_em
        return name, struct.pack(f">{len(glyphs)}H", *glyphs).hex(), width / 1000


class _Painter:
    """Turns SVG elements into PDF content-stream operators."""

    def __init__(self, fonts: _Fonts) -> None:
        self.fonts = fonts
        self.ops: list[str] = []
        self.opacities: dict[tuple[float, float], str] = {}

    def element(self, element: ElementTree.Element, style: _Style) -> None:
        tag = element.tag.removeprefix(_SVG)
        if tag in ("title", "desc", "defs"):
            return
        style = style.child(element)
        if tag == "g" or tag == "svg":
            self.group(element, style)
        elif tag == "text":
            self.text(element, style)
        else:
            path = self.shape(tag, element)
            if path:
                self.paint(path, style, closed=tag not in ("polyline", "line"))

    def group(self, element: ElementTree.Element, style: _Style) -> None:
        transform = element.get("transform")
        if transform:
            self.ops.append("q")
            self.ops.extend(_transform(transform))
        for child in element:
            self.element(child, style)
        if transform:
            self.ops.append("Q")

    def shape(self, tag: str, element: ElementTree.Element) -> str:
        get = element.get
        if tag in ("polygon", "polyline"):
            numbers = _points(get("points", ""))
            pairs = list(zip(numbers[0::2], numbers[1::2], strict=False))  # an odd last number is dropped
            if not pairs:
                return ""
            moves = [f"{_num(pairs[0][0])} {_num(pairs[0][1])} m"]
            moves += [f"{_num(x)} {_num(y)} l" for x, y in pairs[1:]]
            return " ".join(moves) + (" h" if tag == "polygon" else "")
        if tag == "path":
            return _path(get("d", ""))
        if tag in ("ellipse", "circle"):
            radius = get("r")
            rx = float(get("rx", radius or 0))
            ry = float(get("ry", radius or 0))
            return _ellipse(float(get("cx", 0)), float(get("cy", 0)), rx, ry)
        if tag == "rect":
            x, y, w, h = (float(get(key, 0)) for key in ("x", "y", "width", "height"))
            return f"{_num(x)} {_num(y)} {_num(w)} {_num(h)} re"
        if tag == "line":
            x1, y1, x2, y2 = (float(get(key, 0)) for key in ("x1", "y1", "x2", "y2"))
            return f"{_num(x1)} {_num(y1)} m {_num(x2)} {_num(y2)} l"
        return ""

    def paint(self, path: str, style: _Style, *, closed: bool) -> None:
        fill = _colour(style.fill) if closed else None
        stroke = _colour(style.stroke)
        if fill is None and stroke is None:
            return
        ops = ["q"]
        if style.fill_opacity < 1 or style.stroke_opacity < 1:
            ops.append(f"/{self._opacity(style.fill_opacity, style.stroke_opacity)} gs")
        if fill is not None:
            ops.append("{} {} {} rg".format(*map(_num, fill)))
        if stroke is not None:
            ops.append("{} {} {} RG {} w".format(*map(_num, stroke), _num(style.width)))
            dashes = _points(style.dashes) if style.dashes not in ("", "none") else []
            if dashes:
                ops.append(f"[{' '.join(map(_num, dashes))}] 0 d")
        operator = "B" if fill is not None and stroke is not None else "f" if fill is not None else "S"
        ops += [path, operator, "Q"]
        self.ops.append(" ".join(ops))

    def _opacity(self, fill: float, stroke: float) -> str:
        key = (round(fill, 3), round(stroke, 3))
        return self.opacities.setdefault(key, f"GS{len(self.opacities) + 1}")

    def text(self, element: ElementTree.Element, style: _Style) -> None:
        spans = list(_spans(element, style))
        if not spans:
            return
        pieces = []
        width = 0.0
        for span_style, content in spans:
            font, fake_bold, fake_italic = self.fonts.pick(*_bold_italic(span_style))
            for run_font, run in self.fonts.runs(content, font):
                name, hex_ids, ems = self.fonts.encode(run_font, run)
                size = span_style.font.size
                pieces.append((span_style, name, hex_ids, size, fake_bold, fake_italic, ems * size))
                width += ems * size
        x = float(element.get("x", 0) or 0)
        y = float(element.get("y", 0) or 0)
        anchor = style.font.anchor
        x -= width / 2 if anchor == "middle" else width if anchor == "end" else 0
        self._set_text(pieces, x, y)

    def _set_text(self, pieces, x: float, y: float) -> None:
        ops = []
        for span_style, name, hex_ids, size, fake_bold, fake_italic, run_width in pieces:
            colour = _colour(span_style.fill) or (0, 0, 0)
            slant = _ITALIC_SLANT if fake_italic else 0
            mode = f"2 Tr {_num(size * 0.03)} w " if fake_bold else "0 Tr "
            rgb = " ".join(map(_num, colour))
            ops.append(
                f"BT {rgb} rg {rgb} RG {mode}/{name} {_num(size)} Tf "
                f"1 0 {_num(slant)} -1 {_num(x)} {_num(y)} Tm <{hex_ids}> Tj ET"
            )
            if "line-through" in span_style.font.decoration:
                rise = y - size * 0.3
                ops.append(
                    f"q {rgb} RG {_num(size * 0.06)} w {_num(x)} {_num(rise)} m "
                    f"{_num(x + run_width)} {_num(rise)} l S Q"
                )
            x += run_width
        self.ops.append("\n".join(ops))


def _bold_italic(style: _Style) -> tuple[bool, bool]:
    weight = style.font.weight
    bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
    return bold, style.font.style in ("italic", "oblique")


def _spans(element: ElementTree.Element, style: _Style) -> Iterator[tuple[_Style, str]]:
    """The text of a ``text`` element as (style, text) runs, tspans in order."""
    if element.text:
        yield style, element.text
    for child in element:
        if child.tag.removeprefix(_SVG) == "tspan":
            yield from _spans(child, style.child(child))
        if child.tail:
            yield style, child.tail


def _transform(text: str) -> list[str]:
    ops = []
    for kind, arguments in _TRANSFORM.findall(text):
        values = _points(arguments)
        if kind == "translate" and values:
            ops.append(f"1 0 0 1 {_num(values[0])} {_num(values[1] if len(values) > 1 else 0)} cm")
        elif kind == "scale" and values:
            ops.append(f"{_num(values[0])} 0 0 {_num(values[1] if len(values) > 1 else values[0])} 0 0 cm")
        elif kind == "rotate" and values and values[0]:
            angle = math.radians(values[0])
            cos, sin = math.cos(angle), math.sin(angle)
            ops.append(f"{_num(cos)} {_num(sin)} {_num(-sin)} {_num(cos)} 0 0 cm")
        elif kind == "matrix" and len(values) == 6:
            ops.append(" ".join(map(_num, values)) + " cm")
    return ops


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    if rx <= 0 or ry <= 0:
        return ""
    kx, ky = rx * _KAPPA, ry * _KAPPA
    points = [
        (cx + rx, cy),
        (cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry),
        (cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy),
        (cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry),
        (cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy),
    ]
    parts = [f"{_num(points[0][0])} {_num(points[0][1])} m"]
    parts += [" ".join(map(_num, curve)) + " c" for curve in points[1:]]
    return " ".join(parts) + " h"


_PATH_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "Z": 0}


def _path(d: str) -> str:
    """An SVG path's data as PDF path operators (absolute and relative moves,
    lines and cubic curves; quadratic curves are raised to cubic)."""
    tokens = _PATH_TOKEN.findall(d)
    ops: list[str] = []
    x = y = start_x = start_y = 0.0
    command, index = "M", 0
    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
            if command in "Zz":
                ops.append("h")
                x, y = start_x, start_y
                continue
        arity = _PATH_ARITY[command.upper()]
        values = [float(v) for v in tokens[index : index + arity]]
        if len(values) < arity:
            break
        index += arity
        x, y, emitted = _path_step(command, values, x, y)
        ops.append(emitted)
        if command in "Mm":
            start_x, start_y = x, y
            command = "L" if command == "M" else "l"  # further pairs after a move are lines
    return " ".join(ops)


def _path_step(command: str, values: list[float], x: float, y: float) -> tuple[float, float, str]:
    upper = command.upper()
    relative = command.islower()
    if upper == "H":
        values = [values[0] + (x if relative else 0), y]
    elif upper == "V":
        values = [x, values[0] + (y if relative else 0)]
    elif relative:
        values = [v + (x if i % 2 == 0 else y) for i, v in enumerate(values)]
    if upper == "Q":  # a quadratic curve as the cubic that draws it
        qx, qy, ex, ey = values
        values = [x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y), ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey]
        upper = "C"
    if upper == "S":  # no previous control point kept: the first equals the current point
        values = [x, y, *values]
        upper = "C"
    end_x, end_y = values[-2], values[-1]
    operator = {"M": "m", "C": "c"}.get(upper, "l")
    return end_x, end_y, " ".join(map(_num, values)) + f" {operator}"


def _page_size(root: ElementTree.Element) -> tuple[float, float, list[float]]:
    """Width and height in points, and the viewBox."""
    view_box = _points(root.get("viewBox", ""))

    def length(name: str, fallback: float) -> float:
        value = root.get(name, "")
        numbers = _points(value)
        if not numbers:
            return fallback
        scale = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}
        unit = value.strip()[len(value.strip().rstrip("abcdefghijklmnopqrstuvwxyz")) :] or "px"
        return numbers[0] * scale.get(unit, 1.0)

    if len(view_box) != 4:
        view_box = [0.0, 0.0, length("width", 100), length("height", 100)]
    return length("width", view_box[2]), length("height", view_box[3]), view_box


def svg_to_pdf(svg: bytes) -> bytes:
    """A one-page PDF of *svg* (a finished, checked SVG from Graphviz)."""
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        raise RenderError(f"could not read the SVG to write the PDF: {error}") from error
    width, height, (vx, vy, vw, vh) = _page_size(root)
    fonts = _Fonts()
    painter = _Painter(fonts)
    scale_x, scale_y = width / vw if vw else 1, height / vh if vh else 1
    painter.ops.append(f"{_num(scale_x)} 0 0 {_num(-scale_y)} {_num(-vx * scale_x)} {_num(height + vy * scale_y)} cm")
    base = _Style()
    for child in root:
        painter.element(child, base)
    content = "\n".join(painter.ops).encode("latin-1")
    return _PdfFile().write(width, height, content, fonts, painter.opacities)


class _PdfFile:
    """Objects, cross-reference table and trailer."""

    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def add(self, body: bytes | str) -> int:
        self.objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(self.objects)

    def stream(self, data: bytes, extra: str = "") -> int:
        packed = zlib.compress(data, 6)
        return self.add(
            f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode() + packed + b"\nendstream"
        )

    def write(self, width: float, height: float, content: bytes, fonts: _Fonts, opacities: dict) -> bytes:
        catalog = self.add("")  # filled in below, once the page tree exists
        pages = self.add("")
        font_refs = " ".join(
            f"/{name} {self._font(font, fonts.used[name])} 0 R"
            for name, font in zip(fonts.used, fonts.fonts, strict=True)
        )
        states = " ".join(f"/{name} << /ca {_num(f)} /CA {_num(s)} >>" for (f, s), name in opacities.items())
        contents = self.stream(content)
        page = self.add(
            f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {_num(width)} {_num(height)}] "
            f"/Resources << /Font << {font_refs} >> /ExtGState << {states} >> >> /Contents {contents} 0 R >>"
        )
        self.objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages} 0 R >>".encode()
        self.objects[pages - 1] = f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>".encode()
        info = self.add("<< /Producer (argmap) >>")
        return self._serialize(catalog, info)

    def _font(self, font: TrueType, used: dict[int, str]) -> int:
        glyphs = sorted(used)
        name = "ARGMAP+" + re.sub(r"[^A-Za-z0-9-]", "", font.path.stem)[:40]
        scale = 1000 / font.units_per_em
        bbox = " ".join(_num(v * scale) for v in font.bbox)
        file_ref = self.stream(font.subset(set(glyphs)))
        descriptor = self.add(
            f"<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{bbox}] /ItalicAngle 0 "
            f"/Ascent {_num(font.ascent * scale)} /Descent {_num(font.descent * scale)} "
            f"/CapHeight {_num(font.ascent * scale)} "
            f"/StemV 80 /FontFile2 {file_ref} 0 R >>"
        )
        widths = " ".join(f"{glyph} [{_num(font.advance(glyph))}]" for glyph in glyphs)
        cid_font = self.add(
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {descriptor} 0 R /W [{widths}] /CIDToGIDMap /Identity >>"
        )
        to_unicode = self.stream(_to_unicode(used))
        return self.add(
            f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
            f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
        )

    def _serialize(self, catalog: int, info: int) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, 1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode()
        out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
        out += f"trailer\n<< /Size {len(self.objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n".encode()
        out += f"startxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def _to_unicode(used: dict[int, str]) -> bytes:
    entries = [f"<{glyph:04x}> <{char.encode('utf-16-be').hex()}>" for glyph, char in sorted(used.items())]
    blocks = [entries[i : i + 100] for i in range(0, len(entries), 100)]
    body = "".join(f"{len(block)} beginbfchar\n" + "\n".join(block) + "\nendbfchar\n" for block in blocks)
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend\n"
    ).encode("ascii")
