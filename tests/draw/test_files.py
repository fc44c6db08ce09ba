"""write_atomically: the old file or the new one, never half of one."""

from __future__ import annotations

import os

import pytest

from argmap.files import write_atomically


def test_writes_bytes_and_text(tmp_path):
    """Bytes are written as they are, text as UTF-8."""
    write_atomically(tmp_path / "a.bin", b"\x00\x01")
    write_atomically(tmp_path / "b.txt", "Приштина")
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "Приштина"


def test_replaces_and_keeps_the_mode(tmp_path):
    """An existing file is replaced whole and keeps its permissions."""
    target = tmp_path / "out.svg"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    """When the final move fails, the old file is intact and the temporary is gone."""
    target = tmp_path / "out.svg"
    target.write_bytes(b"old")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.svg"]


def test_text_in_pieces_is_written_as_its_join(tmp_path):
    """Text in pieces (a generator, as the DOT export gives it) is written as if joined."""
    pieces = ["digraph {\n", "  a -> b;\n", "  label=«Приштина»;\n", "}\n"]
    write_atomically(tmp_path / "out.dot", (piece for piece in pieces))
    assert (tmp_path / "out.dot").read_text(encoding="utf-8") == "".join(pieces)


def test_a_piece_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    """When making a piece fails halfway, the old file is intact and the temporary is gone."""
    target = tmp_path / "out.dot"
    target.write_bytes(b"old")

    def pieces():
        yield "digraph {\n"
        raise ValueError("no such theme")

    with pytest.raises(ValueError, match="no such theme"):
        write_atomically(target, pieces())
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["out.dot"]
