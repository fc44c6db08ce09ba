"""Revealing a map step by step, for slides: the conclusion first, then each
reason with what supports it, then each objection followed by its answers.

The map is laid out once and each step shows a part of that one picture
(:func:`argmap.teaching.picture.show_only`), so no box moves from one slide to
the next. Three orders:

``structure``
    the conclusion; each reason for it, with everything that supports the reason's
    premises; then each objection or undercut as soon as what it attacks is shown,
    followed by its rebuttals; anything left over last.
``file``
    one box per step in the order of the file (the co-premises of a linked
    reason together).
``step``
    by ``{step: N}`` attributes: step N shows every box whose number is N or less;
    a box without one comes with the box it bears on.

``auto`` is ``step`` when some box has a ``step`` attribute, else ``structure``.
"""

from __future__ import annotations

import io
import math

import attrs

from ..errors import ArgmapError, Location
from ..model import Map
from . import picture
from .compare import quote

ORDERS = ("auto", "structure", "file", "step")
STEP_KEY = "step"


class RevealError(ArgmapError, ValueError):
    """The steps cannot be made or written: a bad ``step`` value, or a PDF asked
    for without pypdf."""

    label = "reveal"


@attrs.frozen
class Step:
    """One step: what it adds, and every box shown once it is taken."""

    label: str
    new: tuple[str, ...]
    visible: frozenset[str]


class _Steps:
    """Collects steps; a box is added once."""

    def __init__(self) -> None:
        self.visible: set[str] = set()
        self.steps: list[Step] = []

    def add(self, ids, label: str) -> None:
        new = tuple(dict.fromkeys(i for i in ids if i not in self.visible))
        if new:
            self.visible.update(new)
            self.steps.append(Step(label, new, frozenset(self.visible)))


def reveal_steps(the_map: Map, order: str = "auto", *, file: str | None = None) -> list[Step]:
    """The steps in which to show *the_map* (see the module docs for the orders);
    *file* is named in errors."""
    if order not in ORDERS:
        raise RevealError(f"unknown order '{order}' (must be one of {', '.join(ORDERS)})")
    if order == "auto":
        order = "step" if any(node.attribute(STEP_KEY) is not None for node in the_map.nodes) else "structure"
    if order == "file":
        return _file_steps(the_map)
    if order == "step":
        return _numbered_steps(the_map, file)
    return _structure_steps(the_map)


def _support_closure(the_map: Map, ids, shown: set[str]) -> list[str]:
    """*ids* and everything that supports them, directly or further down."""
    found = list(dict.fromkeys(ids))
    seen = set(found) | shown
    queue = list(found)
    while queue:
        node_id = queue.pop(0)
        for relation in the_map.supporters(node_id):
            for premise in relation.premises:
                if premise not in seen and the_map.has_node(premise):
                    seen.add(premise)
                    found.append(premise)
                    queue.append(premise)
    return found


def _target_shown(the_map: Map, target: str, shown: set[str]) -> bool:
    if the_map.has_node(target):
        return target in shown
    if the_map.has_relation(target):
        relation = the_map.relation(target)
        return all(p in shown for p in relation.premises) and _target_shown(the_map, relation.target, shown)
    return False


def _name(the_map: Map, target: str) -> str:
    if the_map.has_node(target):
        return quote(the_map.node(target).text, 50)
    if the_map.has_relation(target):
        relation = the_map.relation(target)
        return f"the step from {_name(the_map, relation.premises[0])} to {_name(the_map, relation.target)}"
    return target


_LABELS = {
    "support": "a reason for",
    "attack": "an objection to",
    "undercut": "an undercut of",
    "objection": "an objection to",
    "rebuttal": "a rebuttal of",
}


def _structure_steps(the_map: Map) -> list[Step]:
    steps = _Steps()
    roots = the_map.roots()
    main = [node for node in roots if node.kind in ("conclusion", "claim")] or roots[:1]
    steps.add([node.id for node in main], "the conclusion")
    for root in main:
        for relation in the_map.supporters(root.id):
            premises = [p for p in relation.premises if the_map.has_node(p)]
            steps.add(_support_closure(the_map, premises, steps.visible), f"a reason for {_name(the_map, root.id)}")
    # attacks as soon as their target is shown (so each objection is followed by its
    # rebuttals), then any support still waiting for a target that is now shown
    for kinds in (("attack", "undercut"), ("support", "attack", "undercut")):
        while _show_next_relation(the_map, steps, kinds):
            pass
    steps.add([node.id for node in the_map.nodes], "the other boxes")
    return steps.steps


def _show_next_relation(the_map: Map, steps: _Steps, kinds: tuple[str, ...]) -> bool:
    """Shows the premises of the first relation of one of *kinds* not yet shown
    whose target is, as one step; False when there is none."""
    for relation in the_map.relations:
        if relation.kind not in kinds:
            continue
        premises = [p for p in relation.premises if the_map.has_node(p)]
        if all(p in steps.visible for p in premises) or not _target_shown(the_map, relation.target, steps.visible):
            continue
        kind = the_map.node(premises[0]).kind if premises else relation.kind
        word = _LABELS.get(kind, _LABELS[relation.kind])
        steps.add(_support_closure(the_map, premises, steps.visible), f"{word} {_name(the_map, relation.target)}")
        return True
    return False


def _file_steps(the_map: Map) -> list[Step]:
    steps = _Steps()
    for node in the_map.nodes:
        group = [node.id]
        for relation in the_map.outgoing(node.id):
            if relation.is_linked:
                group.extend(p for p in relation.premises if the_map.has_node(p))
        steps.add(group, f"{node.kind} {quote(node.text, 50)}")
    return steps.steps


def _step_number(the_map: Map, node_id: str, file: str | None) -> float | None:
    node = the_map.node(node_id)
    value = node.attribute(STEP_KEY)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        span = node.span
        location = Location(file, span.line, span.column, span.end_line, span.end_column) if span else None
        raise RevealError(
            f"'{value}' is not a step number", hint="write {step: 1}, {step: 2}, ...", location=location
        ) from None
    return number


def _numbered_steps(the_map: Map, file: str | None) -> list[Step]:
    numbers: dict[str, float] = {}

    def number_of(node_id: str, seen: frozenset[str] = frozenset()) -> float:
        if node_id in numbers:
            return numbers[node_id]
        own = _step_number(the_map, node_id, file)
        if own is None:
            own = 1.0
            for relation in the_map.outgoing(node_id):
                target = relation.target
                while the_map.has_relation(target):  # an undercut comes with the inference it attacks
                    target = the_map.relation(target).target
                if the_map.has_node(target) and target not in seen:
                    own = number_of(target, seen | {node_id})
                    break
        numbers[node_id] = own
        return own

    for node in the_map.nodes:
        number_of(node.id)
    steps = _Steps()
    for value in sorted(set(numbers.values())):
        steps.add([n.id for n in the_map.nodes if numbers[n.id] == value], f"step {value:g}")
    return steps.steps


# --- pictures ----------------------------------------------------------------------


def reveal_svgs(the_map: Map, steps: list[Step], **options) -> list[bytes]:
    """One SVG per step, all cut from one layout of the whole map (*options* are
    those of :func:`argmap.render`)."""
    from ..draw import render

    whole = render(the_map, "svg", **options)
    return [picture.show_only(whole, the_map, set(step.visible)) for step in steps]


def reveal_images(the_map: Map, steps: list[Step], format: str = "svg", **options) -> list[bytes]:
    """One picture per step as ``svg``, ``pdf`` or ``png``."""
    from ..draw.engines import convert_svg

    svgs = reveal_svgs(the_map, steps, **options)
    if format == "svg":
        return svgs
    return [convert_svg(svg, format) for svg in svgs]


def reveal_pdf(the_map: Map, steps: list[Step], **options) -> bytes:
    """A PDF with one page per step."""
    return merge_pdfs(reveal_images(the_map, steps, "pdf", **options), title=the_map.meta("title"))


def merge_pdfs(pages: list[bytes], title: str | None = None) -> bytes:
    """One PDF made of the pages of several (needs the pypdf package)."""
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError:
        raise RevealError(
            "a PDF of several pages needs the pypdf package",
            hint="pip install pypdf, or give a folder instead of a .pdf file for one picture per step",
        ) from None
    writer = PdfWriter()
    for data in pages:
        writer.append(PdfReader(io.BytesIO(data)))
    if title:
        writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


__all__ = ["ORDERS", "RevealError", "Step", "merge_pdfs", "reveal_images", "reveal_pdf", "reveal_steps", "reveal_svgs"]
