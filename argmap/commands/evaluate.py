"""``argmap eval``: which statements of a map stand, under a chosen semantics.

See ``docs/evaluation.md``. Exit codes as for every command: 0 when the map was
evaluated, 1 when it could not be (a mistake in the file, a search over the limit),
2 for a usage error (a malformed ``--assume``, an unknown id).
"""

from __future__ import annotations

import sys

import click

from ..cli import EXISTING_FILE, EXIT_FOUND, EXIT_USAGE, _colour, _load, _output, _report
from ..errors import ArgmapError
from ..evaluation import SEMANTICS, VERDICTS, evaluate, parse_assumptions
from ..frameworks import DEFAULT_STEP_LIMIT, DEFAULT_TIME_LIMIT


@click.command("eval")
@click.argument("file", type=EXISTING_FILE)
@click.option(
    "--semantics",
    type=click.Choice(SEMANTICS),
    default="grounded",
    show_default=True,
    help="grounded (one labelling, the sceptic's), complete, preferred or stable (all labellings).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A report for people, or the JSON contract of docs/evaluation.md.",
)
@click.option(
    "--assume",
    multiple=True,
    metavar="ID=VERDICT",
    help="Take a node as accepted, rejected or undecided, over its verdict attribute (repeatable).",
)
@click.option(
    "--unmarked",
    type=click.Choice(VERDICTS),
    default="accepted",
    show_default=True,
    help="The verdict for a statement with no verdict attribute and no reasons of its own.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_STEP_LIMIT,
    show_default=True,
    help="Give up complete, preferred and stable after this many search steps.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    help="Give up complete, preferred and stable after this many seconds of search.",
)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option(
    "--schemes",
    "schemes_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A scheme catalogue (TOML) extending argmap's; default: 'schemes' in the settings file.",
)
def eval_command(
    file: str,
    semantics: str,
    output_format: str,
    assume: tuple[str, ...],
    unmarked: str,
    limit: int,
    time_limit: float,
    out: str | None,
    schemes_file: str | None,
) -> None:
    """Label every statement in, out or undecided, with the reason why.

    A statement is in when it has a basis (the reader accepts it, or it has no
    reasons of its own, or one of its reasons stands) and every objection to it
    fails; out when an objection stands, every reason fails, or it is rejected;
    undecided otherwise. Mark statements {verdict: accepted|rejected|undecided} in
    the map, or try what-ifs with --assume ID=rejected. A critical question raised
    against a scheme reason ({cq: ...}) counts: an exception as an undercut, an
    assumption as a co-premise."""
    the_map = _load(file)
    catalogue = None
    if any(relation.attributes for relation in the_map.relations):
        from .schemes import load_catalogue_or_exit

        catalogue = load_catalogue_or_exit(schemes_file, near=file)
    try:
        result = evaluate(
            the_map,
            semantics,
            assume=parse_assumptions(assume),
            unmarked=unmarked,
            limit=limit,
            catalogue=catalogue,
            time_limit=time_limit,
        )
        colour = output_format != "json" and out is None and _colour(sys.stdout)
        text = result.to_json() if output_format == "json" else result.to_text(colour=colour)
    except ArgmapError as error:
        _report(error)
        sys.exit(EXIT_USAGE if error.label == "usage" else EXIT_FOUND)
    _output(text, out, coloured=colour)
