"""The seminar commands: ``compare``, ``grade``, ``reveal``, ``skeleton`` and
``serve`` (see ``docs/teaching.md``). The work is done in :mod:`argmap.teaching`;
these functions read the options, call it, and write the results."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import attrs
import click

from ..cli import EXISTING_FILE, EXIT_FOUND, EXIT_OK, EXIT_USAGE, _colour, _load, _output, _report
from ..errors import ArgmapError
from ..teaching.align import DEFAULT_THRESHOLD
from ..terminal import echo

ENGINE_OPTION = click.option(
    "--engine",
    type=click.Choice(["auto", "system", "embedded"]),
    default="auto",
    show_default=True,
    help="The Graphviz that draws the maps (see argmap render --help).",
)


def _rubric(path: str | None, reference: str):
    """The rubric from --rubric, else the one found near the model answer; a bad
    rubric file is a usage error."""
    from ..teaching.rubric import find_rubric, load_rubric

    try:
        return load_rubric(path) if path else find_rubric(reference)
    except ArgmapError as error:
        echo(f"error: {error.message}" + (f"\nhint: {error.hint}" if error.hint else ""), err=True)
        sys.exit(EXIT_USAGE)


def _model_answer(path: str, rubric):
    """The model answer, read; a ``{points: N}`` that is not a number is a usage
    error shown at its line."""
    from ..teaching.compare import box_points

    reference_map = _load(path)
    try:
        box_points(reference_map, rubric)
    except ArgmapError as error:
        if error.location is not None:
            error.location = attrs.evolve(error.location, file=path)
            lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
            error.excerpt = lines[error.location.line - 1] if error.location.line <= len(lines) else None
        _report(error)
        sys.exit(EXIT_USAGE)
    return reference_map


def _rubric_options(function):
    function = click.option(
        "--hide-answers", is_flag=True, help="Word the feedback without quoting the model answer (for another try)."
    )(function)
    function = click.option(
        "--threshold",
        type=click.FloatRange(0, 1),
        default=DEFAULT_THRESHOLD,
        show_default=True,
        help="How alike two texts must be (0 to 1) to pair their boxes.",
    )(function)
    function = click.option(
        "--rubric",
        "rubric_file",
        type=click.Path(exists=True, dir_okay=False),
        help="A TOML file with a [rubric] table of points per mistake (default: the [rubric] "
        "of the nearest argmap.toml, else the built-in table).",
    )(function)
    return function


@click.command("compare")
@click.argument("student", type=EXISTING_FILE)
@click.argument("reference", type=EXISTING_FILE)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="How to write the feedback.",
)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@_rubric_options
@ENGINE_OPTION
def compare_command(
    student: str,
    reference: str,
    output_format: str,
    out: str | None,
    rubric_file: str | None,
    threshold: float,
    hide_answers: bool,
    engine: str,
) -> None:
    """Compare a student's map with the model answer: what is missing, extra,
    of the wrong kind or attached to the wrong box, split or merged, and a score
    from 0 to 100. Exit 1 when there is any mistake."""
    from ..teaching.compare import compare
    from ..teaching.grade import StudentResult
    from ..teaching.report_text import comparison_json, format_comparison

    rubric = _rubric(rubric_file, reference)
    student_map, reference_map = _load(student), _model_answer(reference, rubric)
    comparison = compare(
        student_map,
        reference_map,
        rubric=rubric,
        threshold=threshold,
        hide_answers=hide_answers,
        student_file=student,
        reference_file=reference,
    )
    if output_format == "json":
        _output(comparison_json(comparison), out)
    elif output_format == "html":
        from .. import check
        from ..teaching.report_html import comparison_report

        result = StudentResult(
            Path(student).stem, student, student_map, comparison, tuple(check(student_map, file=student))
        )
        try:
            data = comparison_report(
                result, reference_map, reference_file=reference, options={"engine": engine}, show_model=not hide_answers
            )
        except ArgmapError as error:
            _report(error)
            sys.exit(EXIT_FOUND)
        _output(data, out)
    else:
        colour = out is None and _colour(sys.stdout)
        _output(format_comparison(comparison, colour=colour), out, coloured=colour)
    sys.exit(EXIT_FOUND if comparison.mistakes else EXIT_OK)


def _progress(length: int, label: str):
    """A progress bar on the terminal (stderr), nothing when stderr is not one."""
    if sys.stderr.isatty():
        return click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True)
    return contextlib.nullcontext(_NoBar())


class _NoBar:
    def update(self, steps: int) -> None:
        """Nothing to show."""


@click.command("grade")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--reference", required=True, type=EXISTING_FILE, help="The model answer (.arg).")
@click.option("--csv", "csv_out", type=click.Path(dir_okay=False), help="Write a CSV table here: one row per student.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False),
    help="Write one HTML report here: each map drawn beside its feedback.",
)
@_rubric_options
@ENGINE_OPTION
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0, 256),
    default=0,
    show_default=True,
    help="Grade and draw maps in this many processes at once (0: one per core). "
    "The output is the same whatever the number.",
)
def grade_command(
    folder: str,
    reference: str,
    csv_out: str | None,
    html_out: str | None,
    rubric_file: str | None,
    threshold: float,
    hide_answers: bool,
    engine: str,
    jobs: int,
) -> None:
    """Grade every .arg file in FOLDER (and its subfolders) against the model
    answer: scores on the terminal, and a CSV table and an HTML report if asked.
    A file that cannot be read is reported and the others are graded; exit 1 when
    any file could not be graded."""
    from ..teaching.grade import grade_files, results_csv, student_files

    rubric = _rubric(rubric_file, reference)
    reference_map = _model_answer(reference, rubric)
    paths = student_files(folder, reference)
    if not paths:
        raise click.UsageError(f"no .arg files in {folder}")
    results = []
    steps = len(paths) * (2 if html_out else 1)
    with _progress(steps, "grading") as bar:
        for result in grade_files(
            paths, reference_map, Path(folder), rubric=rubric, threshold=threshold, hide_answers=hide_answers, jobs=jobs
        ):
            results.append(result)
            bar.update(1)
        html = None
        if html_out:
            from ..teaching.report_html import class_report

            html = class_report(
                results,
                reference_map,
                rubric,
                reference_file=reference,
                options={"engine": engine},
                on_student=lambda: bar.update(1),
                show_model=not hide_answers,
                jobs=jobs,
            )
    if csv_out:
        _output(results_csv(results), csv_out)
    if html is not None:
        _output(html, html_out)
    echo(_score_table(results))
    sys.exit(EXIT_OK if all(r.graded for r in results) else EXIT_FOUND)


def _score_table(results) -> str:
    from ..teaching.grade import class_summary

    width = max(len("student"), *(len(r.name) for r in results))
    lines = [f"{'student':<{width}}  score  mistakes"]
    for result in results:
        if result.comparison is None:
            first = (result.error or "cannot be read").splitlines()[0]
            lines.append(f"{result.name:<{width}}      -  {first}")
            continue
        counts = result.comparison.counts()
        named = ", ".join(f"{kind}" + (f" x{n}" if n > 1 else "") for kind, n in counts.items() if n) or "-"
        review = "  (check by hand)" if result.comparison.review else ""
        lines.append(f"{result.name:<{width}}  {result.comparison.score:>5}  {named}{review}")
    summary = class_summary(results)
    mean = "-" if summary["mean"] is None else f"{summary['mean']:g}"
    lines.append(f"graded {summary['graded']} of {summary['maps']} maps; mean score {mean}")
    if summary["review"]:
        lines.append(f"check by hand (boxes not confidently paired): {', '.join(summary['review'])}")
    return "\n".join(lines)


def _render_options(function):
    function = click.option(
        "--wrap",
        type=click.IntRange(8, 200),
        default=28,
        show_default=True,
        help="Wrap box text at this many characters.",
    )(function)
    function = click.option(
        "--direction", default="up", show_default=True, help="Where the conclusion stands: up, down, left or right."
    )(function)
    function = click.option(
        "--theme", default="default", show_default=True, help="default, greyscale or high-contrast."
    )(function)
    return ENGINE_OPTION(function)


@click.command("reveal")
@click.argument("file", type=EXISTING_FILE)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(),
    help="A .pdf file (one page per step), or a folder for numbered pictures.",
)
@click.option(
    "--order",
    type=click.Choice(["auto", "structure", "file", "step"]),
    default="auto",
    show_default=True,
    help="structure: conclusion, reasons, then objections and their answers; file: the order of the "
    "file; step: by {step: N} attributes; auto: step if the map has them, else structure.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["svg", "png", "pdf"]),
    default="svg",
    show_default=True,
    help="The pictures written into a folder.",
)
@click.option("--list", "list_steps", is_flag=True, help="Print the steps and write nothing.")
@_render_options
def reveal_command(
    file: str,
    out: str | None,
    order: str,
    output_format: str,
    list_steps: bool,
    engine: str,
    theme: str,
    direction: str,
    wrap: int,
) -> None:
    """Build a map up step by step, for slides: a PDF with one page per step, or
    numbered pictures in a folder. Every step is cut from one layout, so no box
    moves between slides."""
    from ..teaching.reveal import reveal_images, reveal_pdf, reveal_steps

    the_map = _load(file)
    try:
        steps = reveal_steps(the_map, order, file=file)
    except ArgmapError as error:
        _report(error)
        sys.exit(EXIT_FOUND)
    if list_steps:
        for number, step in enumerate(steps, start=1):
            echo(f"{number:>3}. {step.label}: {', '.join(step.new)}")
        sys.exit(EXIT_OK)
    if not out:
        raise click.UsageError("give -o OUT.pdf or -o FOLDER (or --list to see the steps)")
    options = {"engine": engine, "theme": theme, "direction": direction, "wrap": wrap}
    try:
        if out == "-" or out.lower().endswith(".pdf"):  # "-": the PDF on standard output
            _output(reveal_pdf(the_map, steps, **options), out)
            if out != "-":
                echo(f"wrote {len(steps)} steps to {out}", err=True)
        else:
            pictures = reveal_images(the_map, steps, output_format, **options)
            folder = Path(out)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                echo(f"error: cannot make the folder {out}: {error.strerror}", err=True)
                sys.exit(EXIT_USAGE)
            digits = max(2, len(str(len(pictures))))
            for number, data in enumerate(pictures, start=1):
                _output(data, str(folder / f"step-{number:0{digits}d}.{output_format}"))
            echo(f"wrote {len(steps)} steps to {folder}/step-*.{output_format}", err=True)
    except ValueError as error:  # an unknown theme or direction
        raise click.UsageError(str(error)) from None
    except ArgmapError as error:
        _report(error)
        sys.exit(EXIT_FOUND)
    sys.exit(EXIT_OK)


SKELETON_FORMATS = ("arg", "svg", "pdf", "png")


@click.command("skeleton")
@click.argument("reference", type=EXISTING_FILE)
@click.option(
    "-o",
    "--output",
    "outs",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Write here: .arg for the text, .svg, .pdf or .png for the drawing (may be given more than "
    "once; default: the .arg text on stdout).",
)
@click.option("--keep", multiple=True, metavar="IDS", help="Keep the texts of these boxes (ids, comma-separated).")
@click.option("--keep-conclusion", is_flag=True, help="Keep the text of the conclusion.")
@click.option(
    "--blank-kinds",
    is_flag=True,
    help="Blank the kinds too: every box for its parent a premise, every box against it an objection.",
)
@click.option(
    "--cq",
    "questions",
    is_flag=True,
    help="Keep the reasons' schemes and print their critical questions as prompts under them.",
)
@_render_options
def skeleton_command(
    reference: str,
    outs: tuple[str, ...],
    keep: tuple[str, ...],
    keep_conclusion: bool,
    blank_kinds: bool,
    questions: bool,
    engine: str,
    theme: str,
    direction: str,
    wrap: int,
) -> None:
    """Blank the texts of a map for an exercise handout: the boxes keep their
    places (and, unless --blank-kinds, their kinds) and get neutral ids (b1, b2, ...).
    With --cq, each scheme reason keeps its scheme, with its critical questions as
    // prompts under it."""
    from ..teaching.skeleton import skeleton, with_question_prompts

    the_map = _load(reference)
    kept = [part for item in keep for part in item.replace(" ", ",").split(",") if part]
    for out in outs:
        if Path(out).suffix.lower().lstrip(".") not in SKELETON_FORMATS:
            raise click.BadParameter(f"'{out}' must end in .arg, .svg, .pdf or .png", param_hint="'-o'")
    try:
        handout = skeleton(
            the_map, kept, keep_conclusion=keep_conclusion, blank_kinds=blank_kinds, keep_schemes=questions
        )
    except ArgmapError as error:
        raise click.BadParameter(
            error.message + (f" ({error.hint})" if error.hint else ""), param_hint="'--keep'"
        ) from None
    from .. import render, to_arg

    catalogue = None
    if questions:
        from .schemes import load_catalogue_or_exit

        catalogue = load_catalogue_or_exit(None, near=reference)

    def text() -> str:
        written = to_arg(handout)
        return with_question_prompts(written, catalogue) if questions else written

    if not outs:
        _output(text(), None)
        sys.exit(EXIT_OK)
    for out in outs:
        kind = Path(out).suffix.lower().lstrip(".")
        try:
            data = (
                text()
                if kind == "arg"
                else render(handout, kind, engine=engine, theme=theme, direction=direction, wrap=wrap, show_ids=True)
            )
        except ValueError as error:
            raise click.UsageError(str(error)) from None
        except ArgmapError as error:
            _report(error)
            sys.exit(EXIT_FOUND)
        _output(data, out)
    sys.exit(EXIT_OK)


@click.command("serve")
@click.argument("file", type=EXISTING_FILE)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="The port on 127.0.0.1 (0: any free port).",
)
@_render_options
def serve_command(file: str, port: int, engine: str, theme: str, direction: str, wrap: int) -> None:
    """Preview a map in the browser while you write it: a page on 127.0.0.1 that
    draws the map again, with its diagnostics beside it, whenever the file is
    saved. Stop with Ctrl-C."""
    from .. import parse
    from ..draw import RenderOptionError
    from ..draw.scene import build_scene
    from ..teaching.serve import make_server

    options = {"engine": engine, "theme": theme, "direction": direction, "wrap": wrap}
    try:  # refuse bad options now rather than on the page
        build_scene(parse("conclusion: x"), theme=theme, direction=direction, wrap=wrap)
    except RenderOptionError as error:
        raise click.UsageError(str(error)) from None
    try:
        server = make_server(file, port, render_options=options)
    except OSError as error:
        click.echo(
            f"error: cannot listen on 127.0.0.1:{port}: {error.strerror} (try another --port, or --port 0)", err=True
        )
        sys.exit(EXIT_USAGE)
    echo(f"argmap serve: previewing {file} at {server.url} (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(EXIT_OK)
