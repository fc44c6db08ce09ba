"""``argmap import``: Argdown, AIF or argmap JSON in, an ``.arg`` map out."""

from __future__ import annotations

import sys

import click

from ..cli import EXISTING_FILE, EXIT_FOUND, _output, _read_text, _report
from ..errors import ArgmapError
from ..terminal import echo


@click.command("import")
@click.argument("file", type=EXISTING_FILE)
@click.option(
    "-o", "--output", "out", type=click.Path(dir_okay=False), help="Write the .arg map here instead of stdout."
)
@click.option(
    "--from",
    "source_format",
    type=click.Choice(["auto", "argdown", "aif", "json"]),
    default="auto",
    show_default=True,
    help="The format of FILE (auto: .argdown is Argdown; JSON is told apart by shape).",
)
def import_command(file: str, out: str | None, source_format: str) -> None:
    """Read an Argdown, AIF or argmap JSON file and write it as an .arg map.

    One line on stderr sums up the import: what the file had, what the map has, and
    what was kept as attributes, changed or not carried over (docs/interop.md)."""
    from ..interop.importing import import_text
    from ..write import to_arg

    try:
        text = _read_text(file)
        result = import_text(text, file, None if source_format == "auto" else source_format)
        arg_text = to_arg(result.map)
    except ArgmapError as error:
        _report(error)
        sys.exit(EXIT_FOUND)
    _output(arg_text, out)
    echo(f"{file}: {result.summary()}", err=True)
