"""The rubric: points per mistake, from the built-in table or a TOML file."""

from __future__ import annotations

import pytest

from argmap.config import ArgmapConfigError
from argmap.teaching.rubric import (
    DEFAULT_RUBRIC,
    DEFAULT_WEIGHTS,
    MISTAKES,
    find_rubric,
    load_rubric,
    rubric_table_markdown,
    score,
)


class TestTable:
    """The built-in table."""

    def test_every_mistake_has_a_weight(self):
        """Each kind of mistake has points, and nothing else does."""
        assert list(DEFAULT_WEIGHTS) == list(MISTAKES)
        assert all(value >= 0 for value in DEFAULT_WEIGHTS.values())

    def test_documented(self):
        """docs/teaching.md shows the built-in table as it is."""
        from pathlib import Path

        docs = (Path(__file__).parents[2] / "docs" / "teaching.md").read_text(encoding="utf-8")
        assert rubric_table_markdown() in docs

    def test_score(self):
        """The score is the share of points kept, rounded, never below 0."""
        assert score(20, 0) == 100
        assert score(20, 5) == 75
        assert score(8, 1) == 88  # 87.5 rounds up
        assert score(10, 30) == 0


class TestFiles:
    """Rubrics read from files."""

    def test_rubric_table(self, tmp_path):
        """A [rubric] table changes the rows it names."""
        path = tmp_path / "rubric.toml"
        path.write_text("[rubric]\nextra-node = 0\nmissing-objection = 3.5\n")
        rubric = load_rubric(path)
        assert rubric.weight("extra-node") == 0 and rubric.weight("missing-objection") == 3.5
        assert rubric.weight("missing-reason") == DEFAULT_WEIGHTS["missing-reason"]

    def test_top_level_keys(self, tmp_path):
        """A file without a [rubric] table is read as the table itself."""
        path = tmp_path / "rubric.toml"
        path.write_text("wrong-kind = 4\n")
        assert load_rubric(path).weight("wrong-kind") == 4

    def test_unknown_mistake(self, tmp_path):
        """A misspelt mistake is an error that names the right one."""
        path = tmp_path / "rubric.toml"
        path.write_text("[rubric]\nmissing-objections = 3\n")
        with pytest.raises(ArgmapConfigError) as caught:
            load_rubric(path)
        assert "missing-objections" in caught.value.message and "missing-objection" in caught.value.hint

    @pytest.mark.parametrize("value", ["-1", '"three"', "true"])
    def test_bad_points(self, tmp_path, value):
        """Points must be numbers of 0 or more."""
        path = tmp_path / "rubric.toml"
        path.write_text(f"[rubric]\nwrong-kind = {value}\n")
        with pytest.raises(ArgmapConfigError):
            load_rubric(path)

    def test_not_toml(self, tmp_path):
        """A file that is not TOML is an error."""
        path = tmp_path / "rubric.toml"
        path.write_text("[rubric\n")
        with pytest.raises(ArgmapConfigError, match="not valid TOML"):
            load_rubric(path)

    def test_found_near_the_model_answer(self, tmp_path):
        """The nearest argmap.toml with a [rubric] table above the model answer
        gives the rubric; pyproject.toml's [tool.argmap.rubric] too."""
        course = tmp_path / "course"
        week = course / "week4"
        week.mkdir(parents=True)
        (course / "argmap.toml").write_text("strict = true\n[rubric]\nextra-node = 2\n")
        assert find_rubric(week / "model.arg").weight("extra-node") == 2
        (week / "pyproject.toml").write_text("[tool.argmap.rubric]\nextra-node = 3\n")
        assert find_rubric(week / "model.arg").weight("extra-node") == 3

    def test_default_when_none(self, tmp_path):
        """Without a rubric file the built-in table is used."""
        assert find_rubric(tmp_path / "model.arg") == DEFAULT_RUBRIC
