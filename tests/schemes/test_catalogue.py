"""The scheme catalogue: what ships, how a user's file extends it, how mistakes read."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import config
from argmap.cli import main
from argmap.schemes import QUESTION_KINDS, SchemeCatalogueError, builtin_catalogue, load_catalogue, read_catalogue
from argmap.schemes.catalogue import BUILTIN_PATH

TAUGHT = (
    "expert-opinion",
    "position-to-know",
    "witness-testimony",
    "popular-opinion",
    "analogy",
    "positive-consequences",
    "negative-consequences",
    "practical-reasoning",
    "cause-to-effect",
    "correlation-to-cause",
    "sign",
    "example",
    "verbal-classification",
    "commitment",
    "inconsistent-commitment",
    "ad-hominem",
    "circumstantial-ad-hominem",
    "slippery-slope",
    "precedent",
    "rules",
    "established-rule",
    "sunk-costs",
    "ignorance",
    "gradualism",
    "values",
    "waste",
    "alternatives",
)

USER = """\
[[scheme]]
id = "my-scheme"
name = "Argument from the syllabus"
aliases = ["syllabus"]
conclusion = "Students must do A."
source = "our course"
premises = [{ role = "syllabus", text = "The syllabus asks for A." }]
questions = [{ id = "current", kind = "assumption", text = "Is this year's syllabus meant?" }]
"""


@pytest.fixture(autouse=True)
def fresh_settings():
    config.clear_cache()
    yield
    config.clear_cache()


def test_the_shipped_catalogue_has_the_taught_schemes() -> None:
    catalogue = builtin_catalogue()
    ids = [scheme.id for scheme in catalogue.schemes]
    assert len(ids) >= 25
    assert [scheme_id for scheme_id in TAUGHT if scheme_id not in ids] == []


def test_every_shipped_scheme_is_complete() -> None:
    raw = tomllib.loads(BUILTIN_PATH.read_text(encoding="utf-8"))["scheme"]
    assert len(raw) == len(builtin_catalogue().schemes)
    for scheme in builtin_catalogue().schemes:
        assert scheme.premises and scheme.questions and scheme.source, scheme.id
        assert {q.kind for q in scheme.questions} <= set(QUESTION_KINDS)
        assert "WRM 2008" in scheme.source, scheme.id


def test_ids_and_aliases_are_looked_up_alike() -> None:
    catalogue = builtin_catalogue()
    assert catalogue.find("Expert Testimony").id == "expert-opinion"
    assert catalogue.find("expert_opinion").id == "expert-opinion"
    assert catalogue.find("no-such-scheme") is None
    assert catalogue.nearest("expert-opinon")[0] == "expert-opinion"


def test_a_user_file_adds_and_replaces_schemes(tmp_path: Path) -> None:
    replacing = USER + USER.replace('"my-scheme"', '"analogy"').replace("syllabus", "ours")
    path = tmp_path / "mine.toml"
    path.write_text(replacing, encoding="utf-8")
    catalogue = load_catalogue(path)
    assert catalogue.find("my-scheme").source == "our course"
    assert catalogue.find("analogy").name == "Argument from the ours"
    assert len(catalogue.schemes) == len(builtin_catalogue().schemes) + 1
    assert catalogue.find("analogy").origin == str(path)


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (('kind = "assumption"', 'kind = "assumed"'), "question 'current' has kind 'assumed'", 8),
        (("aliases =", "alias ="), "unknown key 'alias'", 4),
        (('source = "our course"\n', ""), "'source' must be a text", 2),
        (('role = "syllabus"', 'role = "the syllabus"'), "the role 'the syllabus' is not one word", 2),
        (('id = "current"', 'ident = "current"'), "each entry needs exactly id, kind, text", 2),
        (("[[scheme]]", "[[schema]]"), "unknown table 'schema'", 1),
        (('name = "Argument', "name = Argument"), "not valid TOML", 3),
    ],
)
def test_a_bad_user_file_is_reported_with_its_line(tmp_path: Path, change, message: str, line: int) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(USER.replace(*change), encoding="utf-8")
    with pytest.raises(SchemeCatalogueError) as caught:
        read_catalogue(path)
    assert message in caught.value.message
    assert caught.value.line == line and caught.value.file == str(path)
    assert caught.value.hint


def test_a_scheme_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(USER + USER, encoding="utf-8")
    with pytest.raises(SchemeCatalogueError, match="given twice"):
        read_catalogue(path)


def test_cli_lists_and_shows(tmp_path: Path) -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["schemes"])
    assert listing.exit_code == 0
    assert len(listing.output.splitlines()) == len(builtin_catalogue().schemes)
    shown = runner.invoke(main, ["schemes", "expert-opinion"])
    assert "trustworthy (exception)" in shown.output and "expert: " in shown.output
    data = json.loads(runner.invoke(main, ["schemes", "analogy", "--format", "json"]).output)
    assert data == builtin_catalogue().find("analogy").as_dict()
    every = json.loads(runner.invoke(main, ["schemes", "--format", "json"]).output)
    assert [item["id"] for item in every] == [s.id for s in builtin_catalogue().schemes]


def test_cli_suggests_a_near_scheme() -> None:
    result = CliRunner().invoke(main, ["schemes", "expert-opinon"])
    assert result.exit_code == 2
    assert "did you mean 'expert-opinion'" in result.output


def test_cli_reads_the_user_file_from_an_option_and_from_argmap_toml(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mine.toml").write_text(USER, encoding="utf-8")
    runner = CliRunner()
    assert "my-scheme" in runner.invoke(main, ["schemes", "--schemes", str(tmp_path / "mine.toml")]).output
    assert "my-scheme" not in runner.invoke(main, ["schemes"]).output
    (tmp_path / "argmap.toml").write_text('schemes = "mine.toml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "my-scheme" in runner.invoke(main, ["schemes"]).output


def test_cli_reports_a_bad_user_file_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(USER.replace("assumption", "assumed"), encoding="utf-8")
    result = CliRunner().invoke(main, ["schemes", "--schemes", str(tmp_path / "mine.toml")])
    assert result.exit_code == 1
    assert "mine.toml:8:1: error: scheme 'my-scheme'" in result.output
    assert "Traceback" not in result.output


def test_check_uses_the_user_catalogue(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(USER, encoding="utf-8")
    (tmp_path / "map.arg").write_text(
        "conclusion: Students must hand in a essay.\n  premise: The syllabus asks for an essay. {scheme: syllabus}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    plain = runner.invoke(main, ["check", "--select", "AM5", str(tmp_path / "map.arg")])
    assert "[AM501]" in plain.output
    extended = runner.invoke(
        main, ["check", "--select", "AM5", "--schemes", str(tmp_path / "mine.toml"), str(tmp_path / "map.arg")]
    )
    assert "[AM501]" not in extended.output
    assert "open critical question 'current' (assumption) of my-scheme" in extended.output
    (tmp_path / "argmap.toml").write_text('schemes = "mine.toml"\n', encoding="utf-8")
    config.clear_cache()  # the folder was searched, and found empty, by the runs above
    configured = runner.invoke(main, ["check", "--select", "AM5", str(tmp_path / "map.arg")])
    assert configured.output == extended.output
