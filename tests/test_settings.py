"""Settings survive a restart; a bad settings file is set aside and the defaults used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.settings import Settings, load_settings, save_settings, settings_path


def test_settings_saved_are_the_settings_loaded(tmp_path: Path) -> None:
    chosen = Settings(text_size=160, theme="high_contrast", text_speed="instant",
                      reduced_motion=True, sound=False, projector=True)
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == (chosen, [])


def test_no_settings_file_means_the_defaults_and_no_complaint(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == (Settings(), [])


@pytest.mark.parametrize(("content", "why"), [
    (b'{"kind": "deconfliction-line-settings", "form', "not valid JSON"),
    (b"\x00\xff\xfe garbage", "not valid JSON"),
    (b'{"hello": "world"}', "not a settings file"),
    (b'{"kind": "deconfliction-line-settings", "format": 0}', "older version"),
    (b'{"kind": "deconfliction-line-settings", "format": 99}', "newer version"),
])
def test_a_bad_settings_file_is_reported_and_moved_aside(tmp_path: Path, content: bytes,
                                                         why: str) -> None:
    settings_path(tmp_path).write_bytes(content)
    settings, problems = load_settings(tmp_path)
    assert settings == Settings()
    assert len(problems) == 1 and why in problems[0]
    assert not settings_path(tmp_path).exists()
    kept = list(tmp_path.glob("settings.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content


def test_out_of_range_values_are_brought_into_range(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text(json.dumps({
        "kind": "deconfliction-line-settings", "format": 1, "text_size": 900,
        "theme": "neon", "sound": False}))
    settings, problems = load_settings(tmp_path)
    assert problems == []
    assert settings.text_size == 200 and settings.theme == "light" and settings.sound is False


def test_a_value_of_the_wrong_kind_is_damage(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text(json.dumps({
        "kind": "deconfliction-line-settings", "format": 1, "sound": "loud"}))
    settings, problems = load_settings(tmp_path)
    assert settings == Settings()
    assert len(problems) == 1 and "sound" in problems[0] and "'loud'" in problems[0]
