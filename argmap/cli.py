"""The ``argmap`` command line.

Exit codes, the same for every subcommand: 0 when nothing at error level was found,
1 when something was (or a warning under ``--strict``), 2 for a usage error (an
unknown option, a missing or unreadable file). No command shows a traceback for bad
input: every problem is reported as ``file:line:col: message``.

Each subcommand imports only what it needs: ``check``, ``fmt`` and ``export --to
json`` never import a renderer.
"""

from __future__ import annotations

import difflib
import gc
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .errors import ArgmapError
from .terminal import echo

if TYPE_CHECKING:
    from .checks.registry import Selection
    from .config import Settings
    from .diagnostics import Diagnostic

EXIT_OK, EXIT_FOUND, EXIT_USAGE = 0, 1, 2


def _colour(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def _read_text(path: str) -> str:
    """The file's text; an unreadable file is a usage error (exit 2)."""
    from .parsing import decode

    return decode(_read_bytes(path), path)


def _read_bytes(path: str) -> bytes:
    """The file's bytes; an unreadable file is a usage error (exit 2)."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        echo(f"error: cannot read {path}: {error.strerror}", err=True)
        sys.exit(EXIT_USAGE)


def _report(error: ArgmapError) -> None:
    from .diagnostics import format_error

    click.echo(format_error(error, colour=_colour(sys.stderr)), err=True)


def _load(path: str):
    """Parse a file; on a mistake, report it and exit 1."""
    from . import parse

    try:
        return parse(_read_text(path), path)
    except ArgmapError as error:
        _report(error)
        sys.exit(EXIT_FOUND)


def _output(data: bytes | str | Iterable[str], out: str | None, *, coloured: bool = False) -> None:
    """Write *data* (bytes, text, or text in pieces) to *out*, or to standard output
    (``-`` or None). Text for a terminal shows control characters visibly (see
    :mod:`argmap.terminal`), unless it is *coloured*: then its writer has made its words
    visible and added escapes of its own."""
    from .files import write_atomically

    if out is None or out == "-":
        if not isinstance(data, bytes | str):
            data = "".join(data)
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        elif sys.stdout.isatty() and not coloured:  # a map's words may hold terminal escapes
            echo(data, nl=False)
        else:
            click.echo(data, nl=False)
        return
    try:
        write_atomically(out, data)
    except OSError as error:
        echo(f"error: cannot write {out}: {error.strerror}", err=True)
        sys.exit(EXIT_USAGE)


EXISTING_FILE = click.Path(exists=True, dir_okay=False)


def _rewrite(path: str, formatted: str, original: bytes) -> int:
    """Replace the map at *path* by *formatted*, unless it changed since it was read
    (*original*) or cannot be written; the exit status."""
    from .files import ChangedSinceReadError, write_atomically

    try:
        write_atomically(path, formatted, unchanged_from=original)
    except ChangedSinceReadError:
        echo(f"error: {path} changed while it was being formatted; it is left as it is now", err=True)
        echo("hint: run 'argmap fmt' on it again", err=True)
        return EXIT_USAGE
    except OSError as error:
        echo(f"error: cannot write {path}: {error.strerror}", err=True)
        return EXIT_USAGE
    echo(f"reformatted {path}", err=True)
    return EXIT_OK


# Commands that live in their own modules, imported only when used (so that
# `argmap check` never pays for them): name -> "module:attribute".
LAZY_COMMANDS = {
    "eval": "argmap.commands.evaluate:eval_command",
    "import": "argmap.commands.interop:import_command",
    "compare": "argmap.commands.teaching:compare_command",
    "grade": "argmap.commands.teaching:grade_command",
    "reveal": "argmap.commands.teaching:reveal_command",
    "schemes": "argmap.commands.schemes:schemes_command",
    "skeleton": "argmap.commands.teaching:skeleton_command",
    "serve": "argmap.commands.teaching:serve_command",
    "lsp": "argmap.commands.lsp:lsp_command",
}


class LazyGroup(click.Group):
    """A group whose listed commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str):
        if name in LAZY_COMMANDS:
            import importlib

            module_name, attribute = LAZY_COMMANDS[name].split(":")
            try:
                return getattr(importlib.import_module(module_name), attribute)
            except ModuleNotFoundError:
                return None
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def main() -> None:
    """argmap: argument maps written by hand, checked, evaluated and drawn."""


def _one_shot() -> None:
    """Pause the cyclic garbage collector for the rest of a command that reads a map and
    ends. The map, its outline and its findings are hundreds of thousands of objects
    with no cycles among them; each full collection walks them all again, and one that
    fell between two stages cost a tenth of the check of a 50,000-node map. Reference
    counting still frees everything. The long-running commands (lsp, serve) keep the
    collector."""
    gc.disable()


@main.command()
@click.argument("files", nargs=-1, type=EXISTING_FILE)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", help="How to print the findings."
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Run only these checks: codes or prefixes, comma-separated (AM1,AM203).",
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these checks: codes or prefixes.")
@click.option("--strict", is_flag=True, help="Warnings count as errors.")
@click.option(
    "--expect",
    "expect",
    is_flag=True,
    help="Also evaluate the map and report every {expect: in|out} the verdicts contradict.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Read settings from this file instead of searching for argmap.toml or pyproject.toml.",
)
@click.option("--no-config", is_flag=True, help="Read no settings file.")
@click.option(
    "--schemes",
    "schemes_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A scheme catalogue (TOML) extending argmap's; default: 'schemes' in the settings file.",
)
@click.option("--list", "list_checks", is_flag=True, help="List the checks and exit.")
def check(
    files: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    expect: bool,
    strict: bool,
    config_file: str | None,
    no_config: bool,
    schemes_file: str | None,
    list_checks: bool,
) -> None:
    """Check maps for mistakes; exit 1 if any is an error (or a warning, with --strict).

    Settings come from the nearest argmap.toml or [tool.argmap] in pyproject.toml,
    then these options, then the map's header (check-select:, check-ignore:) and
    {noqa: CODE} attributes on nodes. The checks are described in docs/checks.md."""
    _one_shot()
    from .checks.registry import Selection, split_codes, unknown_codes

    if list_checks:
        _list_checks()
    if not files:
        raise click.UsageError("give one or more .arg files to check")
    cli_select, cli_ignore = split_codes(select), split_codes(ignore)
    unknown = unknown_codes((*cli_select, *cli_ignore))
    if unknown:
        raise click.BadParameter(
            f"unknown check code '{unknown[0]}' (see argmap check --list)", param_hint="'--select' / '--ignore'"
        )
    found: list[tuple[Diagnostic, str | None]] = []
    failed = False
    for path in files:
        settings = _check_settings(path, config_file, no_config)
        try:
            catalogue = _catalogue(schemes_file or settings.schemes)
        except ArgmapError as error:
            _report(error)
            sys.exit(EXIT_USAGE)
        failing = {"error", "warning"} if strict or settings.strict else {"error"}
        selection = Selection(cli_select or settings.select, (*settings.ignore, *cli_ignore))
        for diagnostic, excerpt in _check_file(path, selection, catalogue, expect):
            found.append((diagnostic, excerpt))
            failed = failed or diagnostic.severity in failing
    _print_diagnostics(found, output_format, len(files))
    sys.exit(EXIT_FOUND if failed else EXIT_OK)


def _list_checks() -> NoReturn:
    """``argmap check --list``: each check's code, severity, name and summary."""
    from .checks.registry import all_checks

    for item in all_checks():
        click.echo(f"{item.code}  {item.severity:<7}  {item.name:<26}  {item.summary}")
    sys.exit(EXIT_OK)


def _check_settings(path: str, config_file: str | None, no_config: bool) -> Settings:
    """The settings for checking *path*: none, *config_file*'s, or the nearest
    settings file's. A settings file with a mistake is a usage error (exit 2)."""
    from .config import Settings, find_settings, load_settings

    if no_config:
        return Settings()
    try:
        return load_settings(config_file) if config_file else find_settings(path)
    except ArgmapError as error:
        echo(f"error: {error.message}" + (f"\nhint: {error.hint}" if error.hint else ""), err=True)
        sys.exit(EXIT_USAGE)


def _check_file(path: str, selection: Selection, catalogue, expect: bool) -> list[tuple[Diagnostic, str | None]]:
    """Every diagnostic of one file (its mistakes, the checks of the rest, and with
    *expect* the verdicts it expects), each with the line it points at."""
    from .diagnostics import Diagnostic
    from .recovery import parse_recovering

    try:
        text = _read_text(path)
    except ArgmapError as error:
        return [(Diagnostic.from_error(error, path), error.excerpt)]
    reading = parse_recovering(text, path)  # every mistake, and the checks of the rest
    lines = reading.source_lines
    diagnostics = reading.check(selection, catalogue=catalogue)
    if expect and reading.ok and reading.map is not None:
        from .teaching.expect import expectation_diagnostics

        diagnostics.extend(expectation_diagnostics(reading.map, file=path))
    return [
        (diagnostic, lines[diagnostic.line - 1] if 0 < diagnostic.line <= len(lines) else None)
        for diagnostic in diagnostics
    ]


def _print_diagnostics(found: list[tuple[Diagnostic, str | None]], output_format: str, file_count: int) -> None:
    """The diagnostics as JSON on stdout, or as text with a summary on stderr."""
    from .diagnostics import format_diagnostic, to_records

    if output_format == "json":
        click.echo(json.dumps(to_records(d for d, _ in found), ensure_ascii=False, indent=2))
        return
    colour = _colour(sys.stderr)
    blocks = [format_diagnostic(diagnostic, excerpt, colour=colour) for diagnostic, excerpt in found]
    if blocks:  # like every diagnostic of every command, on stderr
        click.echo("\n\n".join(blocks) + "\n\n" + _summary([d for d, _ in found], file_count), err=True)


def _catalogue(user_file: str | None):
    """The scheme catalogue, extended by *user_file*; ``None`` (argmap's own, loaded
    only if a check asks for it) when there is no such file."""
    if user_file is None:
        return None
    from .schemes import load_catalogue

    return load_catalogue(user_file)


def _summary(diagnostics: list, file_count: int) -> str:
    """``found 2 errors, 1 warning, 3 infos in 2 of 3 files``."""
    counts = {severity: 0 for severity in ("error", "warning", "info")}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    files = len({d.file for d in diagnostics})
    parts = [f"{n} {severity}{'' if n == 1 else 's'}" for severity, n in counts.items() if n]
    return f"found {', '.join(parts)} in {files} of {file_count} file{'' if file_count == 1 else 's'}"


@main.command()
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file would change.")
@click.option("--diff", is_flag=True, help="Print what would change as a unified diff; change nothing.")
def fmt(files: tuple[str, ...], check_only: bool, diff: bool) -> None:
    """Rewrite maps in canonical form, keeping comments and order."""
    from .fmt import format_text
    from .parsing import decode

    status = EXIT_OK
    for path in files:
        original_bytes = _read_bytes(path)
        try:
            original = decode(original_bytes, path)
            formatted = format_text(original, path)
        except ArgmapError as error:
            _report(error)
            status = EXIT_FOUND
            continue
        if formatted == original:
            continue
        if diff:
            lines = difflib.unified_diff(original.splitlines(True), formatted.splitlines(True), path, path)
            echo("".join(lines), nl=False)
        if check_only or diff:
            echo(f"would reformat {path}", err=True)
            status = EXIT_FOUND
        else:
            status = max(status, _rewrite(path, formatted, original_bytes))
    sys.exit(status)


# Export formats: name -> "module:function" taking a Map and returning str or bytes.
EXPORTERS = {
    "json": "argmap.jsonio:to_json",
    "arg": "argmap.write:to_arg",
    "apx": "argmap.evaluation:to_apx",
    "af": "argmap.evaluation:to_af",
    "argdown": "argmap.interop.argdown:to_argdown",
    "aif": "argmap.interop.aif:to_aif",
    "markdown": "argmap.interop.markdown:to_markdown",
}


def exporter(name: str):
    """The export function registered under *name*."""
    import importlib

    module_name, attribute = EXPORTERS[name].split(":")
    return getattr(importlib.import_module(module_name), attribute)


@main.command()
@click.argument("file", type=EXISTING_FILE)
@click.option(
    "--to",
    "target",
    type=click.Choice(sorted(EXPORTERS)),
    default="json",
    show_default=True,
    help="The format to write.",
)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option(
    "--pretty/--compact",
    default=None,
    help="JSON: indented, or on one line (default: indented on a terminal, else compact).",
)
def export(file: str, target: str, out: str | None, pretty: bool | None) -> None:
    """Export a map to another format."""
    _one_shot()
    the_map = _load(file)
    try:
        if target == "json":
            from .jsonio import to_json

            if pretty is None:
                pretty = out in (None, "-") and sys.stdout.isatty()
            data = to_json(the_map, indent=2 if pretty else None)
        else:
            data = exporter(target)(the_map)
    except ArgmapError as error:
        _report(error)
        sys.exit(EXIT_FOUND)
    _output(data, out)


RENDER_FORMATS = ("svg", "pdf", "png", "dot", "html")
PAGES = tuple(f"{name}{side}" for name in ("a4", "a3", "letter") for side in ("", "-landscape", "-portrait"))
"""argmap.draw.shape.page_names(), written out so that the CLI starts without the renderer."""


@main.command()
@click.argument("file", type=EXISTING_FILE)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False),
    help="Where to write (default: the map's name with the format's extension).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(RENDER_FORMATS),
    help="svg, pdf, png, dot or html: one interactive page (default: from the output's extension, else svg).",
)
@click.option("--theme", default="default", show_default=True, help="default, greyscale or high-contrast.")
@click.option(
    "--direction", default=None, help="Where the conclusion stands: up (on top, the default), down, left or right."
)
@click.option(
    "--wrap", type=click.IntRange(8, 200), default=None, help="Wrap box text at this many characters (default 28)."
)
@click.option(
    "--page",
    type=click.Choice(PAGES),
    default=None,
    help="Fit the map to this page: choose the direction and wrapping that print its text largest "
    "(unless given), and say so.",
)
@click.option(
    "--focus",
    metavar="ID",
    help="Draw only this node and what lies within --depth steps of it, where it stands in the whole map.",
)
@click.option(
    "--depth",
    type=click.IntRange(0, 100),
    default=1,
    show_default=True,
    help="With --focus: how many steps of reasons, objections and targets around the node.",
)
@click.option(
    "--color-by",
    "color_by",
    type=click.Choice(["tag"]),
    default=None,
    help="Fill each box with a colour for its first tag, with a key to the tags.",
)
@click.option(
    "--no-repeats",
    "no_repeats",
    is_flag=True,
    help="Never draw a box twice: join a box used in two branches of the map by a line across it.",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "system", "embedded"]),
    default="auto",
    show_default=True,
    help="system Graphviz (dot on PATH) or the embedded one that pip installs.",
)
@click.option(
    "--dpi",
    type=click.FloatRange(10, 2400),
    default=None,
    help="PNG: pixels per inch (default 144, lowered for a large map to the pixels of an A3 page at 150 dpi).",
)
@click.option("--ids", "show_ids", is_flag=True, help="Show node ids.")
@click.option("--sources", "show_sources", is_flag=True, help="Show source attributes.")
@click.option("--legend", is_flag=True, help="Add a legend of the box kinds.")
@click.option(
    "--evaluate",
    "evaluate_map",
    is_flag=True,
    help="Colour every box by its verdict (grounded semantics), with a legend.",
)
@click.option(
    "--assume",
    multiple=True,
    metavar="ID=VERDICT",
    help="With --evaluate: take a node as accepted or rejected (repeatable).",
)
def render(
    file: str,
    out: str | None,
    output_format: str | None,
    theme: str,
    direction: str | None,
    wrap: int | None,
    page: str | None,
    focus: str | None,
    depth: int,
    color_by: str | None,
    no_repeats: bool,
    engine: str,
    dpi: float | None,
    show_ids: bool,
    show_sources: bool,
    legend: bool,
    evaluate_map: bool,
    assume: tuple[str, ...],
) -> None:
    """Draw a map as SVG, PDF, PNG, DOT, or one interactive HTML page."""
    _one_shot()
    output_format, out = _render_target(file, out, output_format)
    if output_format != "dot" and engine != "system":
        _prepare_embedded(engine)
    the_map = _load(file)
    from .draw import render as draw

    options: dict[str, Any] = dict(
        theme=theme,
        show_ids=show_ids,
        show_sources=show_sources,
        legend=legend or evaluate_map,
        repeats=not no_repeats,
        color_by=color_by,
    )
    if evaluate_map:
        from .evaluation import evaluate, parse_assumptions

        try:
            options["verdicts"] = evaluate(the_map, "grounded", assume=parse_assumptions(assume)).labels
        except ArgmapError as error:
            _report(error)
            sys.exit(EXIT_USAGE if error.label == "usage" else EXIT_FOUND)
    try:
        options.update(_layout_options(the_map, page, direction, wrap, options))
        if output_format == "dot":
            if focus is not None:
                raise ValueError("--focus draws a picture: use --format svg, pdf or png")
            from .draw.choice import chosen_dot

            # the DOT of the picture render would draw with the same engine
            data: bytes | str | Iterable[str] = chosen_dot(the_map, engine, **options)
        elif output_format == "html":
            from .embed.interactive import interactive_html

            data = interactive_html(the_map, _read_text(file), engine=engine, focus=focus, depth=depth, **options)
        else:
            data = draw(the_map, format=output_format, engine=engine, focus=focus, depth=depth, dpi=dpi, **options)
    except ArgmapError as error:
        _report(error)
        sys.exit(EXIT_FOUND)
    except ValueError as error:
        echo(f"error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    _output(data, out)
    if out != "-":
        echo(f"wrote {out}", err=True)


def _render_target(file: str, out: str | None, output_format: str | None) -> tuple[str, str]:
    """The format (as given, else from the output's extension, else svg) and where
    to write (as given, else the map's name with the format's extension)."""
    if output_format is None:
        suffix = Path(out).suffix.lower().lstrip(".") if out and out != "-" else ""
        output_format = suffix if suffix in RENDER_FORMATS else "svg"
    if out is None:
        out = str(Path(file).with_suffix("." + output_format))
    return output_format, out


def _layout_options(the_map, page: str | None, direction: str | None, wrap: int | None, options: dict) -> dict:
    """Direction, wrap and page for a render: as given, else fitted to *page* (said
    on stderr), else the defaults."""
    if page is None:
        return {"direction": direction or "up", "wrap": 28 if wrap is None else wrap}
    from .draw.page import fit_page

    fit = fit_page(the_map, page, direction=direction, wrap=wrap, **options)
    click.echo(fit.describe(page), err=True)
    return {"direction": fit.direction, "wrap": fit.wrap, "page": page}


def _prepare_embedded(engine: str) -> None:
    """Make the embedded Graphviz ready while the map is read, when it will be used."""
    from .draw import resolve_engine

    try:
        chosen = resolve_engine(engine)
    except ValueError:
        return  # the render reports it
    if chosen == "embedded":
        from .draw.wasm import prepare_in_background

        prepare_in_background()


def run() -> None:
    """Entry point that turns every stray exception into a message, never a traceback."""
    try:
        main(standalone_mode=True)
    except ArgmapError as error:  # pragma: no cover - commands report their own
        _report(error)
        sys.exit(EXIT_FOUND)
    except (RecursionError, MemoryError) as error:  # a last resort: every reader bounds its input
        what = "nests too deeply" if isinstance(error, RecursionError) else "is too large"
        click.echo(
            f"error: the input {what} for argmap to read\nhint: split it into smaller files, or nest it less deeply",
            err=True,
        )
        sys.exit(EXIT_FOUND)
    finally:
        # The process ends here. Python's last collection would walk every object
        # of the map once more (a tenth of a second at 50,000 nodes) only to find
        # no cycles; frozen objects are skipped by it and still freed as usual.
        gc.freeze()
