"""Settings: one table (name, default, help), overridden by a TOML file, then the environment, then options."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import ConfigError
from newsprism.settings import Settings, default_of, table

runner = CliRunner()


def test_settings_table_every_setting_has_help_and_a_valid_default():
    rows = table()
    assert len(rows) == len({f.name for f in rows}) >= 30
    for f in rows:
        assert f.metadata.get("help"), f.name
        default_of(f)  # a default exists
    Settings()  # the defaults pass their own checks


def test_settings_file_then_env_then_options(tmp_path):
    cfg = tmp_path / "newsprism.toml"
    cfg.write_text("summary_sentences = 3\nstory_lead_days = 2\nsame_event_minilm = 0.9\n", "utf-8")
    assert Settings.load(cfg, env={}).summary_sentences == 3
    env = {"NEWSPRISM_SUMMARY_SENTENCES": "4", "NEWSPRISM_CONFIG": "/nonexistent.toml"}
    s = Settings.load(cfg, env=env)  # an explicit file wins over $NEWSPRISM_CONFIG; the variable over the file
    assert (s.summary_sentences, s.story_lead_days, s.same_event_minilm) == (4, 2, 0.9)
    assert Settings.load(cfg, env=env, summary_sentences=1, story_lead_days=None).summary_sentences == 1
    assert Settings.load(env={"NEWSPRISM_CONFIG": str(cfg)}).story_lead_days == 2
    assert Settings.load(env={}).summary_sentences == 5


def test_settings_file_may_hold_a_newsprism_table(tmp_path):
    cfg = tmp_path / "pyproject-like.toml"
    cfg.write_text("[newsprism]\nallow_private = true\ncache_dir = '~/x'\n", "utf-8")
    s = Settings.load(cfg, env={})
    assert s.allow_private is True and s.cache_dir == Path("~/x").expanduser()


@pytest.mark.parametrize(("text", "env", "code", "words"), [
    ("summary_sentences = 'x'\n", {}, "config.invalid", "summary_sentences must be a whole number"),
    ("aspect_link = 1.5\n", {}, "config.invalid", "aspect_link must be in (0, 1]"),
    ("summary_sentences = 0\n", {}, "config.invalid", "summary_sentences must be positive"),
    ("no_such_setting = 1\n", {}, "config.unknown", "unknown setting no_such_setting"),
    ("x = [\n", {}, "config.file", "not valid TOML"),
    ("", {"NEWSPRISM_ALLOW_PRIVATE": "perhaps"}, "config.invalid", "allow_private must be true or false"),
    ("", {"NEWSPRISM_THREADS": "2.5"}, "config.invalid", "threads must be a whole number"),
])
def test_settings_every_bad_value_is_one_clear_config_error(tmp_path, text, env, code, words):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as err:
        Settings.load(cfg, env=env)
    assert err.value.code == code and words in str(err.value)


def test_settings_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read settings file") as err:
        Settings.load(tmp_path / "absent.toml", env={})
    assert err.value.code == "config.file"


def test_settings_command_prints_current_values_as_toml(tmp_path, monkeypatch):
    cfg = tmp_path / "n.toml"
    cfg.write_text("summary_sentences = 2\n", "utf-8")
    monkeypatch.setenv("NEWSPRISM_STORY_LEAD_DAYS", "3")
    result = runner.invoke(app, ["--config", str(cfg), "settings"])
    assert result.exit_code == 0, result.output
    if sys.version_info >= (3, 11):
        import tomllib

        printed = tomllib.loads(result.stdout)
        assert printed["summary_sentences"] == 2 and printed["story_lead_days"] == 3
        assert set(printed) == {f.name for f in table()}
    assert "# sentences in the summary (default: 5); $NEWSPRISM_SUMMARY_SENTENCES" in result.stdout
    rows = json.loads(runner.invoke(app, ["--config", str(cfg), "settings", "--json"]).stdout)
    assert {r["name"]: r["value"] for r in rows}["summary_sentences"] == 2


def test_settings_bad_file_exits_2_with_the_code(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("summary_sentences = -1\n", "utf-8")
    result = runner.invoke(app, ["--config", str(cfg), "articles", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 2
    assert "error [config.invalid]: setting summary_sentences must be positive" in result.output


def test_settings_reach_the_stages():
    """A stage reads its thresholds from the settings its models carry: no divergence is summarised when the
    confidence it needs is above every divergence's."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "render"))
    from handmade import handmade_story

    from newsprism.story.summary import summarise

    story = handmade_story()
    kinds = {s.kind for s in summarise(story, SimpleNamespace(settings=Settings())).summary}
    strict = SimpleNamespace(settings=Settings(summary_confident_divergence=1.0))
    assert "divergence" in kinds
    assert "divergence" not in {s.kind for s in summarise(story, strict).summary}
