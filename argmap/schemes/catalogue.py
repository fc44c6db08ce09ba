"""The scheme catalogue: argument schemes with premise roles and critical questions.

The catalogue shipped with argmap is ``catalogue.toml`` next to this module; a user's
own TOML file in the same format extends it (a scheme with a new id is added, one
with a known id replaces the shipped one). Every file is validated when it is read,
and a mistake is reported as ``file:line: message`` with a hint, never a traceback.
"""

from __future__ import annotations

import difflib
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import cast

import attrs

from ..errors import ArgmapInputError, Location
from ..model import is_valid_id

QUESTION_KINDS = ("assumption", "exception")
"""A critical question is an *assumption* the proponent must secure (a hidden
co-premise) or an *exception* the opponent may raise (an undercut), as in Carneades."""

BUILTIN_PATH = Path(__file__).with_name("catalogue.toml")

_SCHEME_KEYS = ("id", "name", "aliases", "conclusion", "source", "premises", "questions")
_REQUIRED_TEXT = ("id", "name", "conclusion", "source")


class SchemeCatalogueError(ArgmapInputError):
    """A scheme catalogue file cannot be read or breaks the catalogue's rules."""

    label = "scheme-catalogue"


@attrs.frozen
class PremiseRole:
    """A premise of a scheme: the role a premise of a map can name, and its form."""

    role: str
    text: str


@attrs.frozen
class CriticalQuestion:
    """A critical question of a scheme: ``kind`` is ``assumption`` or ``exception``."""

    id: str
    kind: str
    text: str


@attrs.frozen
class Scheme:
    """An argument scheme: premise roles, conclusion form, critical questions, source."""

    id: str
    name: str
    aliases: tuple[str, ...]
    premises: tuple[PremiseRole, ...]
    conclusion: str
    questions: tuple[CriticalQuestion, ...]
    source: str
    origin: str = attrs.field(default="builtin", eq=False)

    @property
    def roles(self) -> tuple[str, ...]:
        """The premise roles, in order."""
        return tuple(premise.role for premise in self.premises)

    def question(self, question_id: str) -> CriticalQuestion | None:
        """The critical question with id *question_id*, if the scheme has one."""
        return next((q for q in self.questions if q.id == question_id), None)

    def as_dict(self) -> dict:
        """The scheme as JSON-ready data (the shape of the TOML file)."""
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "premises": [{"role": p.role, "text": p.text} for p in self.premises],
            "conclusion": self.conclusion,
            "questions": [{"id": q.id, "kind": q.kind, "text": q.text} for q in self.questions],
            "source": self.source,
        }


def _key(name: str) -> str:
    """How a scheme name is compared: case and spacing do not matter."""
    return re.sub(r"[\s_]+", "-", name.strip().lower())


@attrs.frozen
class Catalogue:
    """Schemes by id, in catalogue order; ids, names and aliases are looked up alike."""

    schemes: tuple[Scheme, ...]

    @cached_property
    def _by_name(self) -> dict[str, Scheme]:
        names: dict[str, Scheme] = {}
        for scheme in self.schemes:
            for alias in (scheme.name, *scheme.aliases):
                names.setdefault(_key(alias), scheme)
        names.update((_key(scheme.id), scheme) for scheme in self.schemes)
        return names

    def find(self, name: str) -> Scheme | None:
        """The scheme *name* stands for (its id, name or an alias), or ``None``."""
        return self._by_name.get(_key(name))

    def nearest(self, name: str, n: int = 3) -> list[str]:
        """The ids of the schemes whose id or alias is closest to *name*."""
        names = self._by_name
        close = difflib.get_close_matches(_key(name), list(names), n=n * 2, cutoff=0.6)
        return list(dict.fromkeys(names[found].id for found in close))[:n]

    def extended(self, other: Catalogue) -> Catalogue:
        """This catalogue with *other*'s schemes added (a known id is replaced)."""
        replaced = {scheme.id: scheme for scheme in other.schemes}
        kept = [replaced.pop(scheme.id, scheme) for scheme in self.schemes]
        return Catalogue((*kept, *replaced.values()))


@lru_cache(maxsize=1)
def builtin_catalogue() -> Catalogue:
    """The catalogue shipped with argmap."""
    return read_catalogue(BUILTIN_PATH, origin="builtin")


def scheme_name(written: str, catalogue: Catalogue | None = None) -> str:
    """The name of the scheme written *written* in a map: the catalogue's (argmap's
    own by default), else the words as written."""
    scheme = (catalogue or builtin_catalogue()).find(written)
    return scheme.name if scheme is not None else written


def load_catalogue(user_file: str | Path | None = None) -> Catalogue:
    """The shipped catalogue, extended by *user_file* when one is named."""
    if user_file is None:
        return builtin_catalogue()
    return builtin_catalogue().extended(read_catalogue(user_file))


def read_catalogue(path: str | Path, origin: str | None = None) -> Catalogue:
    """Read and validate one catalogue file (raises :class:`SchemeCatalogueError`)."""
    import tomllib

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
        raise SchemeCatalogueError(
            f"{path}: cannot read it: {reason}", hint="name a TOML file of [[scheme]] tables"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SchemeCatalogueError(
            f"not valid TOML: {error}",
            location=_location(path, _toml_line(error)),
            hint="a catalogue is [[scheme]] tables: see docs/schemes.md",
        ) from None
    return _Validator(path, text, origin or str(path)).catalogue(data)


def _toml_line(error: Exception) -> int | None:
    found = re.search(r"line (\d+)", str(error))
    return int(found.group(1)) if found else None


def _location(path: Path, line: int | None) -> Location | None:
    return Location(str(path), line, 1, line, 2) if line else None


class _Validator:
    """Checks a catalogue's data and builds it; every mistake names the file, the
    scheme and, where it can be found, the line."""

    def __init__(self, path: Path, text: str, origin: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.origin = origin

    def catalogue(self, data: dict) -> Catalogue:
        unknown = [key for key in data if key != "scheme"]
        if unknown:
            raise self._error(f"unknown table '{unknown[0]}'", "a catalogue holds [[scheme]] tables only", unknown[0])
        tables = data.get("scheme")
        if not isinstance(tables, list) or not tables:
            raise self._error("no [[scheme]] table", "write each scheme as a [[scheme]] table", None)
        schemes: dict[str, Scheme] = {}
        for number, table in enumerate(tables, start=1):
            scheme = self._scheme(table, number)
            if scheme.id in schemes:
                raise self._error(
                    f"the scheme id '{scheme.id}' is given twice", "give every scheme its own id", f'"{scheme.id}"'
                )
            schemes[scheme.id] = scheme
        return Catalogue(tuple(schemes.values()))

    def _scheme(self, table: dict, number: int) -> Scheme:
        label = f"scheme {number}"
        if not isinstance(table, dict):
            raise self._error(f"{label} is not a table", "write it as a [[scheme]] table", None)
        scheme_id = table.get("id")
        if isinstance(scheme_id, str):
            label = f"scheme '{scheme_id}'"
        near = f'"{scheme_id}"' if isinstance(scheme_id, str) else None
        for key in table:
            if key not in _SCHEME_KEYS:
                close = difflib.get_close_matches(key, _SCHEME_KEYS, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"the keys are: {', '.join(_SCHEME_KEYS)}"
                raise self._error(f"{label}: unknown key '{key}'", hint, key)
        for key in _REQUIRED_TEXT:
            if not _is_text(table.get(key)):
                raise self._error(f"{label}: '{key}' must be a text", f'write {key} = "..."', near)
        if not (isinstance(scheme_id, str) and is_valid_id(scheme_id)):  # a text, by the loop above
            raise self._error(
                f"{label}: the id is not one word", "use letters, digits and '-', e.g. 'expert-opinion'", near
            )
        aliases = table.get("aliases", [])
        if not (isinstance(aliases, list) and all(_is_text(alias) for alias in aliases)):
            raise self._error(f"{label}: 'aliases' must be a list of texts", 'write aliases = ["...", "..."]', near)
        return Scheme(
            id=scheme_id,
            name=table["name"].strip(),
            aliases=tuple(alias.strip() for alias in aliases),
            premises=self._premises(table.get("premises"), label, near),
            conclusion=table["conclusion"].strip(),
            questions=self._questions(table.get("questions"), label, near),
            source=table["source"].strip(),
            origin=self.origin,
        )

    def _premises(self, items: object, label: str, near: str | None) -> tuple[PremiseRole, ...]:
        hint = 'write premises = [{ role = "expert", text = "E is an expert in domain S." }, ...]'
        entries = self._tables(items, ("role", "text"), f"{label}: 'premises'", hint, near)
        roles = [entry["role"] for entry in entries]
        for role in roles:
            if not is_valid_id(role):
                raise self._error(f"{label}: the role '{role}' is not one word", "use letters, digits and '-'", near)
            if roles.count(role) > 1:
                raise self._error(f"{label}: the role '{role}' is given twice", "give every premise its own role", near)
        return tuple(PremiseRole(entry["role"], entry["text"].strip()) for entry in entries)

    def _questions(self, items: object, label: str, near: str | None) -> tuple[CriticalQuestion, ...]:
        hint = 'write questions = [{ id = "field", kind = "assumption", text = "Is E an expert in the field?" }, ...]'
        entries = self._tables(items, ("id", "kind", "text"), f"{label}: 'questions'", hint, near)
        seen: set[str] = set()
        for entry in entries:
            if not is_valid_id(entry["id"]):
                raise self._error(
                    f"{label}: the question id '{entry['id']}' is not one word", "use letters, digits and '-'", near
                )
            if entry["id"] in seen:
                raise self._error(
                    f"{label}: the question id '{entry['id']}' is given twice", "give every question its own id", near
                )
            seen.add(entry["id"])
            if entry["kind"] not in QUESTION_KINDS:
                raise self._error(
                    f"{label}: question '{entry['id']}' has kind '{entry['kind']}'",
                    "a question's kind is 'assumption' (the proponent must secure it) or "
                    "'exception' (the opponent may raise it)",
                    f'"{entry["id"]}"',
                )
        return tuple(CriticalQuestion(e["id"], e["kind"], e["text"].strip()) for e in entries)

    def _tables(
        self, items: object, keys: tuple[str, ...], label: str, hint: str, near: str | None
    ) -> list[dict[str, str]]:
        if not isinstance(items, list) or not items:
            raise self._error(f"{label} must be a non-empty list", hint, near)
        for item in items:
            if not isinstance(item, dict) or set(item) != set(keys) or not all(_is_text(item[k]) for k in keys):
                raise self._error(f"{label}: each entry needs exactly {', '.join(keys)}, as texts", hint, near)
        # every item was checked above: a table of exactly *keys*, each a text
        return cast("list[dict[str, str]]", items)

    def _error(self, message: str, hint: str, near: str | None) -> SchemeCatalogueError:
        line = next((n for n, text in enumerate(self.lines, 1) if near and near in text), None)
        excerpt = self.lines[line - 1] if line else None
        return SchemeCatalogueError(message, hint=hint, location=_location(self.path, line), excerpt=excerpt)


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


__all__ = [
    "QUESTION_KINDS",
    "Catalogue",
    "CriticalQuestion",
    "PremiseRole",
    "Scheme",
    "SchemeCatalogueError",
    "builtin_catalogue",
    "load_catalogue",
    "read_catalogue",
    "scheme_name",
]
