"""Reading inputs and writing outputs safely.

Outputs are written atomically: into a temporary file beside the target, then moved
over it, so a failure midway leaves any earlier file intact. The temporary file is
removed when the write fails, and when the process is stopped with SIGTERM while
writing; one left by a process that was killed outright (SIGKILL, a power cut) is
removed by the next write beside it, once no running process owns it (its name holds
the id of the process that made it).

A special file (a terminal, ``/dev/null``, a pipe such as ``/dev/fd/1``) is written
directly: it cannot be replaced, and must not be.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO


class ChangedSinceReadError(OSError):
    """The file changed on disk after it was read, so writing would lose that change."""


def _write(stream: BinaryIO, data: bytes | str | Iterable[str]) -> None:
    """Write *data* (bytes, text, or text in pieces) to the binary *stream* as UTF-8."""
    if isinstance(data, bytes):
        stream.write(data)
    elif isinstance(data, str):
        stream.write(data.encode("utf-8"))
    else:
        for piece in data:
            stream.write(piece.encode("utf-8"))


def write_atomically(
    path: str | Path, data: bytes | str | Iterable[str], *, unchanged_from: bytes | None = None
) -> None:
    """Write *data* to *path* so that readers see the old file or the new one, never
    a half-written one. *data* may be text in pieces, written as they come (a large
    output then never has to be held whole); a piece that fails leaves the old file.

    With *unchanged_from* (the bytes the file held when it was read), refuse with
    :class:`ChangedSinceReadError` when the file holds something else just before it
    would be replaced: an edit saved meanwhile is kept, not overwritten."""
    target = Path(path)
    if _is_special(target):
        with open(target, "wb") as stream:
            _write(stream, data)
        return
    directory = target.parent or Path(".")
    _remove_stale_temporaries(directory, target.name)
    with _terminated_as_exception():
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(handle, "wb") as stream:
                _write(stream, data)
                stream.flush()
                os.fsync(stream.fileno())
            if target.exists():
                os.chmod(temporary, target.stat().st_mode & 0o7777)
            else:
                os.chmod(temporary, 0o666 & ~_umask())
            if unchanged_from is not None and _current_bytes(target) != unchanged_from:
                raise ChangedSinceReadError(f"{target} changed on disk after it was read")
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _is_special(target: Path) -> bool:
    """Whether *target* is (or links to) a character device or a pipe."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _current_bytes(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except FileNotFoundError:
        return None


class Terminated(SystemExit):
    """SIGTERM arrived while a file was being written."""


@contextlib.contextmanager
def _terminated_as_exception() -> Iterator[None]:
    """Turn SIGTERM into an exception while the block runs, so that the temporary file is
    removed (by default SIGTERM ends the process at once). Only the main thread can set
    a signal handler; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum, frame):
        raise Terminated(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _remove_stale_temporaries(directory: Path, name: str) -> None:
    """Remove temporary files that a write of *name* left in *directory* when its
    process was killed: those named by :func:`write_atomically` for a process that no
    longer runs, and owned by this user."""
    pattern = re.compile(rf"\.{re.escape(name)}\.(\d+)\.[a-z0-9_]+\.tmp\Z")
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        found = pattern.match(entry.name)
        if found is None or _process_runs(int(found.group(1))):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid():
                os.unlink(entry.path)


def _process_runs(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it runs, as someone else
        return True
    return True


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
