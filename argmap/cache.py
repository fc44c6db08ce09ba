"""argmap's own cache directory, and which files in it may be loaded.

Two things are cached there: Lark's parse tables (a pickle) and the compiled
Graphviz module of the embedded engine (machine code). Loading either runs code, so a
cached file is used only when it is a regular file of ours that nobody else may write.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def cache_dir() -> Path:
    """Where argmap keeps its caches: ``$ARGMAP_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/argmap``, else ``~/.cache/argmap``."""
    explicit = os.environ.get("ARGMAP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "argmap"


def is_trusted(path: Path) -> bool:
    """Whether *path* is a regular file owned by this user that nobody else may write
    (a symbolic link is not followed)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()
