"""``argmap schemes``: the argument schemes argmap knows, with their critical questions.

The catalogue shipped with argmap, extended by the user's own file: ``--schemes
FILE``, else ``schemes = "..."`` in the nearest ``argmap.toml`` (or ``[tool.argmap]``
of ``pyproject.toml``) from the current folder upward.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..cli import EXIT_FOUND, EXIT_USAGE, _report
from ..errors import ArgmapError
from ..schemes import Catalogue, Scheme, load_catalogue

SCHEMES_OPTION_HELP = (
    "A scheme catalogue (TOML) that extends argmap's; default: 'schemes' in the nearest argmap.toml or pyproject.toml."
)


def catalogue_for(option: str | None, near: str | Path | None = None) -> Catalogue:
    """The catalogue a command works with: argmap's, extended by *option* (a file) or
    by the ``schemes`` setting found from *near* (a map's path; default: the current
    folder). Raises :class:`~argmap.errors.ArgmapError` for a bad file."""
    if option is None:
        from ..config import find_settings

        option = find_settings(near if near is not None else Path.cwd() / "argmap.toml").schemes
    return load_catalogue(option)


def load_catalogue_or_exit(option: str | None, near: str | Path | None = None) -> Catalogue:
    """:func:`catalogue_for`, reporting a bad file and exiting 1."""
    try:
        return catalogue_for(option, near)
    except ArgmapError as error:
        _report(error)
        sys.exit(EXIT_FOUND)


@click.command("schemes")
@click.argument("scheme_id", required=False, metavar="[ID]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A listing for people, or JSON (the catalogue's own shape).",
)
@click.option("--schemes", "schemes_file", type=click.Path(exists=True, dir_okay=False), help=SCHEMES_OPTION_HELP)
def schemes_command(scheme_id: str | None, output_format: str, schemes_file: str | None) -> None:
    """List the argument schemes, or show one with its premises and critical questions.

    A map names a scheme on a reason ({scheme: expert-opinion}), a premise its role
    ({role: expert}) and an objection the critical question it raises ({cq: field})."""
    catalogue = load_catalogue_or_exit(schemes_file)
    if scheme_id is None:
        chosen = list(catalogue.schemes)
    else:
        scheme = catalogue.find(scheme_id)
        if scheme is None:
            near = catalogue.nearest(scheme_id)
            hint = f"did you mean {', '.join(repr(n) for n in near)}?" if near else "see `argmap schemes` for the list"
            click.echo(f"error: no scheme is called '{scheme_id}'\nhint: {hint}", err=True)
            sys.exit(EXIT_USAGE)
        chosen = [scheme]
    if output_format == "json":
        data = [scheme.as_dict() for scheme in chosen]
        click.echo(json.dumps(data[0] if scheme_id else data, ensure_ascii=False, indent=2))
    elif scheme_id is None:
        width = max(len(scheme.id) for scheme in chosen)
        for scheme in chosen:
            count = len(scheme.questions)
            click.echo(f"{scheme.id:<{width}}  {scheme.name}  ({count} question{'' if count == 1 else 's'})")
    else:
        click.echo(describe(chosen[0]))


def describe(scheme: Scheme) -> str:
    """One scheme as text: name, aliases, premises by role, conclusion, questions, source."""
    lines = [f"{scheme.id}: {scheme.name}"]
    if scheme.aliases:
        lines.append(f"  also called: {', '.join(scheme.aliases)}")
    lines.append("  premises:")
    lines.extend(f"    {premise.role}: {premise.text}" for premise in scheme.premises)
    lines.append(f"  conclusion: {scheme.conclusion}")
    lines.append("  critical questions:")
    lines.extend(f"    {q.id} ({q.kind}): {q.text}" for q in scheme.questions)
    lines.append(f"  source: {scheme.source}")
    return "\n".join(lines)
