"""The `argmap eval NAME` transcripts of docs/evaluation.md, run again."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main

DOCS = Path(__file__).resolve().parents[2] / "docs" / "evaluation.md"


def assert_transcripts(map_start: str, name: str, tmp_path: Path, count: int = 2) -> None:
    """The map of docs/evaluation.md whose text begins with *map_start*, saved as
    *name*, gives exactly the output of each ``$ argmap eval NAME ...`` transcript
    (there are *count* of them)."""
    text = DOCS.read_text(encoding="utf-8")
    source = re.search(r"```arg\n(" + re.escape(map_start) + r".*?)```", text, re.DOTALL).group(1)
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    transcripts = re.findall(r"```text\n\$ argmap eval " + re.escape(name) + r"(.*?)\n(.*?)```", text, re.DOTALL)
    assert len(transcripts) == count
    for options, expected in transcripts:
        result = CliRunner().invoke(main, ["eval", str(path), *options.split()])
        assert result.exit_code == 0, result.output
        assert result.stdout == expected
