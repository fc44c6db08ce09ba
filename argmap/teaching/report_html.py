"""Feedback as one HTML page: each student's map drawn beside what was found in it.

The page is self-contained (inline SVG and CSS, nothing loaded from anywhere) and
runs no script: its Content-Security-Policy allows none. Every text that comes
from a map or a file name passes through :func:`html.escape`; the pictures are the
renderer's checked SVG (see ``docs/rendering.md``, Safety), with their ids
prefixed so that many maps can share the page.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..errors import ArgmapError
from ..model import Map
from ..parallel import ordered_map
from . import picture
from .compare import Comparison, quote
from .grade import StudentResult, class_summary
from .rubric import MISTAKES, Rubric

STYLE = """
:root { --ink: #1a1a1a; --muted: #5f6368; --line: #dadce0; --bad: #c62828; --extra: #b26a00; --missed: #6a1b9a; }
* { box-sizing: border-box; }
body { font: 15px/1.45 "DejaVu Sans", Verdana, sans-serif; color: var(--ink); margin: 0 auto; padding: 1.5em;
       max-width: 1400px; }
h1 { font-size: 1.5em; margin: 0 0 .3em; }
h2 { font-size: 1.2em; margin: 0; display: flex; gap: .6em; align-items: baseline; }
h3 { font-size: 1em; margin: 1em 0 .3em; }
a { color: #1f4e79; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border-bottom: 1px solid var(--line); padding: .25em .6em; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
.muted, .summary { color: var(--muted); }
.review { color: var(--bad); }
.score { font-weight: bold; padding: 0 .4em; border-radius: .3em; background: #e8f0fa; }
.score.low { background: #fdecea; } .score.mid { background: #fff3e0; } .score.high { background: #eef7ee; }
section.student { border-top: 2px solid var(--line); padding: 1em 0; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5em; align-items: start; }
figure { margin: 0; overflow-x: auto; }
svg.argmap-map { width: 100%; height: auto; }
.wide { overflow-x: auto; }
table.scores th { font-size: .8em; }
svg .am-mistake { filter: drop-shadow(0 0 3px var(--bad)) drop-shadow(0 0 5px var(--bad)); }
svg .am-extra { filter: drop-shadow(0 0 3px var(--extra)) drop-shadow(0 0 5px var(--extra)); }
svg .am-missed { filter: drop-shadow(0 0 3px var(--missed)) drop-shadow(0 0 6px var(--missed)); }
svg .am-mistake > path:last-of-type { stroke: var(--bad); stroke-width: 3px; }
svg .am-extra > path:last-of-type { stroke: var(--extra); stroke-width: 3px; }
svg .am-missed > path:last-of-type { stroke: var(--missed); stroke-width: 3px; }
ol.mistakes, ul.diagnostics { padding-left: 1.3em; margin: 0; }
ol.mistakes li, ul.diagnostics li { margin-bottom: .5em; }
.kind { font: bold 12px monospace; color: var(--bad); }
.kind.extra-node { color: var(--extra); }
.kind[class*="missing-"] { color: var(--missed); }
.where { color: var(--muted); font-size: .9em; }
.note { margin: .2em 0 0; padding: .2em .5em; border-left: 3px solid #1f4e79; background: #f4f8fc; }
pre.error { background: #fdecea; padding: .6em; overflow-x: auto; white-space: pre-wrap; }
.legend span { margin-right: 1em; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: .2em; vertical-align: middle; }
details { margin-top: .8em; }
@media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def escape(text: object) -> str:
    """Text made safe for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def page(title: str, body: str) -> str:
    """A whole HTML document around *body* (already HTML)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _score_class(value: int) -> str:
    return "high" if value >= 85 else "mid" if value >= 60 else "low"


def drawing(the_map: Map, options: dict) -> bytes | str:
    """The map drawn as SVG bytes, or the reason (str) why it cannot be."""
    from ..draw import render

    try:
        return render(the_map, "svg", **options)
    except ArgmapError as error:
        return error.message


def _svg(the_map: Map, svg: bytes | str, prefix: str, marks: dict[str, tuple[str, str]]) -> str:
    """A drawing marked and made ready for the page; a message if there is none."""
    if isinstance(svg, str):
        return f'<p class="muted">The map cannot be drawn: {escape(svg)}</p>'
    if marks:
        svg = picture.mark(svg, the_map, marks)
    return picture.for_html(svg, prefix)


def student_marks(the_map: Map, comparison: Comparison) -> dict[str, tuple[str, str]]:
    """Box id → (class, tooltip) for the boxes of a student's map with mistakes."""
    marks: dict[str, tuple[str, str]] = {}
    for node in the_map.nodes:
        found = comparison.mistakes_about_student(node.id)
        if not found:
            continue
        css = "am-extra" if all(m.kind == "extra-node" for m in found) else "am-mistake"
        tip = "\n".join(f"{m.kind}: {m.message}" for m in found)
        marks[node.id] = (css, tip)
    return marks


def reference_marks(reference: Map, comparison: Comparison) -> dict[str, tuple[str, str]]:
    """Box id → (class, tooltip) for the boxes of the model answer a student missed."""
    marks = {}
    for mistake in comparison.mistakes:
        if mistake.kind.startswith("missing-") and mistake.reference:
            marks[mistake.reference[0]] = ("am-missed", f"{mistake.kind}: {mistake.message}")
    return marks


def _mistakes_html(comparison: Comparison) -> str:
    if not comparison.mistakes:
        return "<p>No difference from the model answer.</p>"
    items = []
    for mistake in comparison.mistakes:
        if mistake.line:
            where = f"line {mistake.line}"
        elif mistake.reference_line:
            where = f"model answer, line {mistake.reference_line}"
        else:
            where = ""
        note = f'<p class="note">{escape(mistake.note)}</p>' if mistake.note else ""
        items.append(
            f'<li class="mistake" data-kind="{escape(mistake.kind)}"><span class="kind {escape(mistake.kind)}">'
            f'{escape(mistake.kind)}</span> <span class="where">{escape(where)}</span><br>'
            f'<span class="message">{escape(mistake.message)}</span>{note}</li>'
        )
    return f'<ol class="mistakes">{"".join(items)}</ol>'


def diagnostics_html(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> str:
    """The findings of ``argmap check`` as a list."""
    if not diagnostics:
        return '<p class="muted">argmap check finds nothing.</p>'
    items = "".join(
        f'<li><span class="where">line {d.line}:</span> <b>{escape(d.severity)}</b> {escape(d.message)} '
        f'<span class="muted">[{escape(d.code)}]</span></li>'
        for d in diagnostics
    )
    return f'<ul class="diagnostics">{items}</ul>'


def anchor(name: str, index: int) -> str:
    """An id for a student's section, from the name (any characters) and the
    place in the class (so two names never share one)."""
    return f"s{index}-" + (_ANCHOR_UNSAFE.sub("-", name).strip("-") or "student")


def student_section(
    result: StudentResult, reference: Map, reference_svg: bytes | str | None, options: dict, *, index: int = 0
) -> str:
    """One student's part of the page: the map beside the feedback, and the model
    answer (drawn once, as *reference_svg*; ``None`` leaves it out) with what this
    map misses."""
    slot = anchor(result.name, index)
    head = f'<h2><span class="name">{escape(result.name)}</span>'
    if result.comparison is None or result.map is None:
        return (
            f'<section class="student" id="{slot}">{head} <span class="score low">not graded</span></h2>'
            f'<p class="summary">{escape(result.file)} cannot be read as a map; nothing was compared.</p>'
            f'<pre class="error">{escape(result.error or "")}</pre></section>'
        )
    comparison, the_map = result.comparison, result.map
    value = comparison.score
    head += f' <span class="score {_score_class(value)}">{value}/100</span></h2>'
    summary = (
        f"{escape(result.file)}: lost {comparison.lost:g} of {comparison.possible:g} points; "
        f"{len(comparison.matches)} of {comparison.reference_nodes} boxes of the model answer found; "
        f"{len(comparison.mistakes)} mistake{'' if len(comparison.mistakes) == 1 else 's'}."
    )
    if comparison.review:
        summary += (
            f'</p><p class="review"><strong>Check by hand:</strong> {escape(comparison.review)}. '
            "The mistakes below may come from boxes that were not paired."
        )
    mine = _svg(the_map, drawing(the_map, options), f"m{index}", student_marks(the_map, comparison))
    if reference_svg is None:
        model = ""
    else:
        drawn = _svg(reference, reference_svg, f"r{index}", reference_marks(reference, comparison))
        missed = "" if not comparison.missed() else " (what this map misses is marked)"
        model = f"<details><summary>The model answer{missed}</summary><figure>{drawn}</figure></details>"
    return (
        f'<section class="student" id="{slot}">{head}<p class="summary">{summary}</p>'
        f'<div class="columns"><figure class="map">{mine}</figure>'
        f'<div class="feedback"><h3>Compared with the model answer</h3>{_mistakes_html(comparison)}'
        f"<h3>argmap check</h3>{diagnostics_html(result.diagnostics)}</div></div>"
        f"{model}</section>"
    )


def _sections(
    results: list[StudentResult], reference: Map, reference_svg: bytes | str | None, options: dict, jobs: int | None
) -> Iterator[str]:
    """Every student's section, in class order, drawn by *jobs* processes."""
    draw = functools.partial(_numbered_section, reference=reference, reference_svg=reference_svg, options=options)
    return ordered_map(draw, list(enumerate(results)), jobs)


def _numbered_section(
    numbered: tuple[int, StudentResult], *, reference: Map, reference_svg: bytes | str | None, options: dict
) -> str:
    index, result = numbered
    return student_section(result, reference, reference_svg, options, index=index)


def _counted(section: str, on_student) -> str:
    if on_student is not None:
        on_student()
    return section


_LEGEND = (
    '<p class="legend muted"><span><span class="swatch" style="background:var(--bad)"></span> a box with a '
    'mistake</span><span><span class="swatch" style="background:var(--extra)"></span> a box the model answer '
    'does not have</span><span><span class="swatch" style="background:var(--missed)"></span> in the model '
    "answer: a box the map misses</span> Point at a marked box to read why.</p>"
)


def comparison_report(
    result: StudentResult,
    reference: Map,
    *,
    reference_file: str | None = None,
    options: dict | None = None,
    show_model: bool = True,
) -> str:
    """The page for one student's map (``argmap compare --format html``);
    *show_model* False leaves the model answer's drawing out."""
    title = f"Feedback on {result.name}"
    body = (
        f'<h1>{escape(title)}</h1><p class="muted">Compared with the model answer '
        f"{escape(reference_file or reference.meta('title') or '')}.</p>{_LEGEND}"
        + student_section(result, reference, drawing(reference, options or {}) if show_model else None, options or {})
    )
    return page(title, body)


def class_report(
    results: list[StudentResult],
    reference: Map,
    rubric: Rubric,
    *,
    reference_file: str | None = None,
    options: dict | None = None,
    on_student=None,
    show_model: bool = True,
    jobs: int | None = 1,
) -> str:
    """The page for a whole class (``argmap grade --html``): a table of scores,
    what the class missed most, then every student's map and feedback.
    *on_student* is called after each student's section is drawn (for a progress
    bar); *show_model* False leaves out the model answer's drawings and the list of
    its boxes most often missed (for a page handed to students). The students'
    maps are drawn by *jobs* processes (``None``: one per core)."""
    options = options or {}
    reference_svg = drawing(reference, options) if show_model else None
    summary = class_summary(results)
    title = f"Class report: {reference.meta('title') or reference_file or 'argument map'}"
    body = (
        f"<h1>{escape(title)}</h1>"
        + _class_summary_html(summary)
        + _scores_table(results, [kind for kind, _ in summary["mistakes"]])
        + _class_mistakes_html(summary)
        + (_most_missed_html(summary, reference, reference_svg) if reference_svg is not None else "")
        + _rubric_html(rubric)
        + _LEGEND
        + "".join(
            _counted(section, on_student) for section in _sections(results, reference, reference_svg, options, jobs)
        )
    )
    return page(title, body)


def _class_summary_html(summary: dict) -> str:
    """How many maps were graded, the mean score, and the maps to check by hand."""
    mean = "—" if summary["mean"] is None else f"{summary['mean']:g}"
    text = f'<p class="summary">{summary["graded"]} of {summary["maps"]} maps graded; mean score {mean}.</p>'
    if summary["review"]:
        text += (
            f'<p class="review">To check by hand (their boxes were not confidently paired with the model '
            f"answer's, so they count in no list below): {escape(', '.join(summary['review']))}.</p>"
        )
    return text


def _scores_table(results: list[StudentResult], used: list[str]) -> str:
    """A row per student: the score, the count of each kind of mistake in *used*,
    and the number of mistakes."""
    header = "".join(f'<th class="num" title="{escape(MISTAKES[k])}">{escape(k)}</th>' for k in used)
    rows = "".join(_score_row(result, index, used) for index, result in enumerate(results))
    return (
        f'<div class="wide"><table class="scores"><thead><tr><th>student</th><th class="num">score</th>'
        f'{header}<th class="num">mistakes</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def _score_row(result: StudentResult, index: int, used: list[str]) -> str:
    link = f'<a href="#{anchor(result.name, index)}">{escape(result.name)}</a>'
    comparison = result.comparison
    if comparison is None:
        return (
            f'<tr class="error"><td>{link}</td><td class="num">—</td>'
            f'<td colspan="{len(used) + 1}">cannot be read</td></tr>'
        )
    counts = comparison.counts()
    cells = "".join(f'<td class="num">{counts[k] or ""}</td>' for k in used)
    review = ' <span class="review">check by hand</span>' if comparison.review else ""
    return (
        f'<tr><td>{link}{review}</td><td class="num">{comparison.score}</td>{cells}'
        f'<td class="num">{len(comparison.mistakes)}</td></tr>'
    )


def _class_mistakes_html(summary: dict) -> str:
    """The kinds of mistake made in the class, the most common first."""
    most = "".join(
        f'<li><span class="kind">{escape(k)}</span>: {n} map{"" if n == 1 else "s"}</li>'
        for k, n in sorted(summary["mistakes"], key=lambda item: -item[1])
    )
    return f"<h3>Mistakes made in the class</h3><ul>{most or '<li>none</li>'}</ul>"


def _most_missed_html(summary: dict, reference: Map, reference_svg: bytes | str) -> str:
    """The boxes of the model answer most often missed, and its drawing."""
    missed_rows = "".join(
        f"<li>{escape(quote(reference.node(node_id).text))} ({escape(reference.node(node_id).kind)}): "
        f"missed by {count}</li>"
        for node_id, count in summary["missed"]
    )
    return (
        f"<h3>Boxes of the model answer most often missed</h3><ul>{missed_rows or '<li>none</li>'}</ul>"
        f"<details><summary>The model answer</summary><figure>{_svg(reference, reference_svg, 'ref', {})}"
        "</figure></details>"
    )


def _rubric_html(rubric: Rubric) -> str:
    """The points lost per kind of mistake."""
    rows = "".join(
        f'<tr><td><code>{escape(k)}</code></td><td class="num">{rubric.weight(k):g}</td><td>{escape(meaning)}</td></tr>'
        for k, meaning in MISTAKES.items()
    )
    return f"<details><summary>The rubric (points lost per mistake)</summary><table>{rows}</table></details>"
