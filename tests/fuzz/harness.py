"""What the fuzzer asserts about any input, whatever its shape.

:func:`exercise` runs one text through every stage that takes a map from a stranger:
the parser, the checks, the evaluation, every exporter, and the formatter. It fails
(with an ``AssertionError`` or the stray exception itself) when

- anything but an :class:`~argmap.ArgmapError` escapes a stage;
- an error or a diagnostic points to a line or column outside the input;
- a text that parses does not survive ``fmt`` unchanged in meaning:
  ``parse(fmt(x)) == parse(x)``, and ``fmt`` is idempotent;
- ``to_arg`` does not write its own output again unchanged.

Stages that other modules are still growing (evaluation, exporters registered in
:data:`argmap.cli.EXPORTERS`) are run when they can be imported.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

import argmap
from argmap.errors import ArgmapError
from argmap.parsing import decode, normalise_newlines


def source_lines(text: str) -> list[str]:
    """The lines as argmap numbers them (CRLF, lone CR and LF end a line)."""
    return normalise_newlines(text).split("\n")


def assert_inside(where: str, line: int | None, column: int | None, lines: list[str]) -> None:
    """*line* and *column* (1-based) name a place in *lines*: a character of the line,
    or just after its end."""
    if line is None and column is None:
        return
    assert line is not None and column is not None, f"{where}: line {line}, column {column}: half a place"
    assert 1 <= line <= len(lines), f"{where}: line {line} is outside the input ({len(lines)} lines)"
    width = len(lines[line - 1])
    assert 1 <= column <= width + 1, f"{where}: column {column} is outside line {line} ({width} characters)"


def assert_shown_safely(message: str, where: str) -> None:
    """What argmap prints holds no control character but line breaks and tabs: a map's
    terminal escapes are shown (``\\x1b``), never sent to the terminal."""
    found = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", message)
    assert found is None, f"{where}: the message sends {found.group()!r} to the terminal: {message[:200]!r}"


def assert_error_inside(error: ArgmapError, lines: list[str], where: str) -> None:
    from argmap.diagnostics import format_error

    assert_shown_safely(format_error(error), where)
    assert_inside(f"{where}: {error.label}: {error.message}", error.line, error.column, lines)
    if error.end_line is not None:
        assert error.line <= error.end_line <= len(lines), (
            f"{where}: {error.label}: the end line {error.end_line} is outside the input"
        )


def assert_end_on_its_line(error: ArgmapError, lines: list[str], where: str) -> None:
    """The end of an error's place (exclusive) is at most just after its line's last character.
    (Checked for the .arg reader; the Argdown reader's ends can still run past their line.)"""
    if error.end_line is not None and error.end_column is not None and 1 <= error.end_line <= len(lines):
        assert error.end_column <= len(lines[error.end_line - 1]) + 1, (
            f"{where}: {error.label}: the end column {error.end_column} is past the end of line {error.end_line}"
        )


def exporters() -> list[tuple[str, Callable]]:
    """Every exporter that can be imported: ``to_arg``, ``to_json``, DOT, and those of
    :data:`argmap.cli.EXPORTERS` (some are being written; a missing one is skipped)."""
    found: list[tuple[str, Callable]] = [("to_arg", argmap.to_arg), ("to_json", argmap.to_json)]
    try:
        from argmap.draw import to_dot

        found.append(("to_dot", to_dot))
    except ImportError:  # pragma: no cover - the renderer is optional here
        pass
    try:
        from argmap.cli import EXPORTERS
    except ImportError:  # pragma: no cover
        return found
    for name, target in sorted(EXPORTERS.items()):
        module_name, attribute = target.split(":")
        try:
            function = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError):
            continue
        found.append((f"export --to {name}", function))
    return found


def _guarded(stage: str, action: Callable[[], object]) -> object | None:
    """Run *action*; an ArgmapError is an answer, anything else a failure that names
    the stage."""
    try:
        return action()
    except ArgmapError:
        return None
    except RecursionError as error:  # pragma: no cover - reported with its stage
        raise AssertionError(f"{stage}: RecursionError") from error
    except Exception as error:
        raise AssertionError(f"{stage} raised {type(error).__name__}: {error}") from error


def exercise(text: str) -> argmap.Map | None:
    """Run *text* through every stage; return the map when it parses."""
    from argmap.diagnostics import format_diagnostic
    from argmap.fmt import format_text

    lines = source_lines(text)
    try:
        the_map = argmap.parse(text, "fuzz.arg")
    except ArgmapError as error:
        assert_error_inside(error, lines, "parse")
        assert_end_on_its_line(error, lines, "parse")
        _fmt_refuses(text)
        return None
    except Exception as error:
        raise AssertionError(f"parse raised {type(error).__name__}: {error}") from error

    diagnostics = _guarded("check", lambda: argmap.check(the_map, file="fuzz.arg")) or []
    for diagnostic in diagnostics:
        excerpt = lines[diagnostic.line - 1] if diagnostic.line and diagnostic.line <= len(lines) else None
        assert_shown_safely(format_diagnostic(diagnostic, excerpt), f"check {diagnostic.code}")
        if diagnostic.line:
            assert_inside(f"check {diagnostic.code}: {diagnostic.message}", diagnostic.line, diagnostic.column, lines)

    for semantics in ("grounded", "preferred"):
        result = _guarded(f"evaluate ({semantics})", lambda semantics=semantics: argmap.evaluate(the_map, semantics))
        if result is not None:
            report = _guarded(f"eval report ({semantics})", result.to_text)
            _assert_report_is_shallow(report)
            assert_shown_safely(report, f"eval report ({semantics})")

    for name, function in exporters():
        _guarded(name, lambda function=function: function(the_map))

    written = _guarded("to_arg", lambda: argmap.to_arg(the_map))
    if written is not None:
        assert argmap.to_arg(argmap.parse(written)) == written, f"to_arg is not stable\n--- it wrote:\n{written}"

    formatted = _guarded("fmt", lambda: format_text(text, "fuzz.arg"))
    assert formatted is not None, "fmt refused a text that parses"
    try:
        again = argmap.parse(formatted)
    except ArgmapError as error:
        raise AssertionError(f"fmt's output does not parse: {error}\n--- fmt wrote:\n{formatted}") from error
    assert again == the_map, f"fmt changed the meaning\n--- fmt wrote:\n{formatted}"
    assert format_text(formatted) == formatted, "fmt is not idempotent"
    return the_map


def _assert_report_is_shallow(report: str) -> None:
    """``eval``'s report indents no row deeper than to_arg nests a block, so that it
    grows in proportion to the map (it once grew with the square of a chain's depth)."""
    from argmap.write import SECTION_DEPTH

    for row in report.splitlines()[1:]:
        name = row[11:]
        indent = len(name) - len(name.lstrip(" "))
        assert indent <= 2 * SECTION_DEPTH, f"eval's report indents a row {indent} spaces: {row[:80]!r}..."


def _fmt_refuses(text: str) -> None:
    """The formatter refuses what the parser refuses, with an ArgmapError."""
    from argmap.fmt import format_text

    try:
        format_text(text, "fuzz.arg")
    except ArgmapError:
        return
    except Exception as error:
        raise AssertionError(f"fmt raised {type(error).__name__}: {error}") from error
    raise AssertionError("fmt rewrote a text that does not parse")


def exercise_bytes(data: bytes) -> argmap.Map | None:
    """Run the bytes of a file through decoding, then :func:`exercise`."""
    try:
        text = decode(data, "fuzz.arg")
    except ArgmapError as error:
        lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        assert 1 <= error.line <= len(lines), f"decode: line {error.line} is outside the input"
        assert 1 <= error.column <= len(lines[error.line - 1]) + 1, f"decode: column {error.column} is outside"
        named = re.search(r"byte (\d+) \(0x([0-9a-f]{2})\)", error.message)
        if named:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as cause:
                assert int(named.group(1)) == cause.start, f"decode names byte {named.group(1)}, not {cause.start}"
            assert data[int(named.group(1))] == int(named.group(2), 16), "decode names the wrong byte's value"
        return None
    return exercise(text)


def import_lines(text: str, filename: str) -> list[str]:
    """The lines as the importer numbers them: Argdown after its line breaks and
    byte-order mark are normalised, JSON as the decoder counts (at ``\\n`` only)."""
    if filename.endswith(".json"):
        return text.split("\n")
    from argmap.interop.argdown_model import normalise_source

    return normalise_source(text).split("\n")


def exercise_import(text: str, filename: str) -> argmap.Map | None:
    """Import *text* as ``argmap import`` would (the format told by *filename* and the
    content); return the map when it imports.

    Only ArgmapError (Argdown's errors among them) may escape, at a place inside the
    input; what imports is written by ``to_arg`` and reads back as the same map."""
    from argmap.interop.importing import import_text

    try:
        result = import_text(text, filename)
    except ArgmapError as error:
        assert_error_inside(error, import_lines(text, filename), f"import {filename}")
        return None
    except RecursionError as error:
        raise AssertionError(f"import {filename}: RecursionError") from error
    except Exception as error:
        raise AssertionError(f"import {filename} raised {type(error).__name__}: {error}") from error
    try:
        written = argmap.to_arg(result.map)
        again = argmap.parse(written)
    except ArgmapError as error:
        raise AssertionError(f"an imported map is not written and read back: {error}") from error
    assert again == result.map, f"an imported map reads back differently\n--- to_arg wrote:\n{written}"
    return result.map


def exercise_import_bytes(data: bytes, filename: str) -> argmap.Map | None:
    """Decode a file as the command line does, then :func:`exercise_import`."""
    try:
        text = decode(data, filename)
    except ArgmapError:
        return None
    return exercise_import(text, filename)
