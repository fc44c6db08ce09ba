"""Settings for ``argmap check``, found next to the maps.

From the directory of a map upward, the first ``argmap.toml`` (its keys at the top
level) or ``pyproject.toml`` with a ``[tool.argmap]`` table gives the settings::

    [tool.argmap]
    select = ["AM1", "AM2"]   # codes or prefixes; default: every check
    ignore = ["AM104"]        # codes or prefixes
    strict = true             # warnings count as errors
    schemes = "schemes.toml"  # a scheme catalogue extending argmap's (relative to this file)

``tomllib`` is imported only when such a file exists, so that a plain
``argmap check`` stays quick.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import attrs

from .errors import ArgmapError

CONFIG_FILE = "argmap.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("select", "ignore", "strict", "schemes")


class ArgmapConfigError(ArgmapError, ValueError):
    """A settings file cannot be read or says something argmap does not know."""

    code = "AM003"
    label = "config"


@attrs.frozen
class Settings:
    """What a settings file says; ``select`` is ``None`` when it does not say."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    strict: bool = False
    path: str | None = None
    schemes: str | None = None
    """The user's scheme catalogue, as a path (relative ones resolved against the
    settings file's folder)."""


_cache: dict[Path, Settings] = {}


def find_settings(map_path: str | Path) -> Settings:
    """The settings that apply to the map at *map_path* (empty ones if no file)."""
    start = Path(map_path).resolve().parent
    visited: list[Path] = []
    found = Settings()
    for directory in (start, *start.parents):
        if directory in _cache:
            found = _cache[directory]
            break
        visited.append(directory)
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            found = load_settings(candidate)
            break
        candidate = directory / PYPROJECT
        if candidate.is_file():
            settings = _from_pyproject(candidate)
            if settings is not None:
                found = settings
                break
    for directory in visited:
        _cache[directory] = found
    return found


def load_settings(path: str | Path) -> Settings:
    """Settings from an ``argmap.toml`` (top-level keys) or a ``pyproject.toml``
    (its ``[tool.argmap]`` table)."""
    path = Path(path)
    if path.name == PYPROJECT:
        return _from_pyproject(path) or Settings(path=str(path))
    return _from_table(_read_toml(path), path)


def _from_pyproject(path: Path) -> Settings | None:
    data = _read_toml(path)
    tool = data.get("tool")
    table = tool.get("argmap") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise _error(path, "[tool.argmap] must be a table")
    return _from_table(table, path)


def _read_toml(path: Path) -> dict:
    import tomllib

    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except OSError as error:
        raise _error(path, f"cannot read it: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise _error(path, f"not valid TOML: {error}") from None
    except UnicodeDecodeError as error:  # tomllib reads UTF-8 only
        raise _error(path, f"not valid TOML: byte {error.start} is not UTF-8") from None


def _from_table(table: dict, path: Path) -> Settings:
    for key in table:
        near = difflib.get_close_matches(str(key), KEYS, n=1, cutoff=0.75)
        if key not in KEYS and near:
            raise _error(path, f"unknown key '{key}'", hint=f"did you mean '{near[0]}'?")
    select = _codes(table, "select", path)
    ignore = _codes(table, "ignore", path)
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise _error(path, "'strict' must be true or false")
    return Settings(
        select=select or None, ignore=ignore or (), strict=strict, path=str(path), schemes=_schemes(table, path)
    )


def _codes(table: dict, key: str, path: Path) -> tuple[str, ...] | None:
    """The check codes under *key* (a list of codes, or one string of them), or None."""
    from .checks.registry import split_codes, unknown_codes

    value = table.get(key)
    if value is None:
        return None
    if not (isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
        raise _error(path, f'\'{key}\' must be a list of codes, e.g. ["AM1", "AM201"]')
    codes = split_codes(value)
    unknown = unknown_codes(codes)
    if unknown:
        raise _error(
            path, f"unknown check code '{unknown[0]}' in '{key}'", hint="see `argmap check --list` for the codes"
        )
    return codes


def _schemes(table: dict, path: Path) -> str | None:
    """The scheme catalogue named by the settings file, relative to the file's folder."""
    schemes = table.get("schemes")
    if schemes is None:
        return None
    if not (isinstance(schemes, str) and schemes.strip()):
        raise _error(path, "'schemes' must be the path of a scheme catalogue, e.g. \"schemes.toml\"")
    return str(path.parent / schemes)


def _error(path: Path, message: str, hint: str | None = None) -> ArgmapConfigError:
    return ArgmapConfigError(f"{path}: {message}", hint=hint, location=None)


def clear_cache() -> None:
    """Forget the settings found so far (for tests and long-running tools)."""
    _cache.clear()


__all__ = ["ArgmapConfigError", "Settings", "clear_cache", "find_settings", "load_settings"]
