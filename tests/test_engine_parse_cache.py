"""The parse cache: a second load reads cached data and still reports exact places."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine.checker import check_path
from game.engine.loader import load


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DECONFLICTION_LINE_CACHE", str(folder))
    return folder


def test_a_clean_file_is_cached_and_the_second_load_matches_the_first(
        cache_folder: Path, example_path: Path) -> None:
    first = load(example_path)
    assert len(list(cache_folder.glob("*.json"))) == 1
    second = load(example_path)
    assert first.scenario is not None and second.scenario is not None
    assert first.scenario.fingerprint == second.scenario.fingerprint
    assert list(first.scenario.scenes) == list(second.scenario.scenes)
    assert [str(s.place) for s in first.scenario.scenes.values()] == \
        [str(s.place) for s in second.scenario.scenes.values()]


def test_errors_in_a_cached_file_keep_their_line_and_column(
        cache_folder: Path, tmp_path: Path, example_path: Path) -> None:
    example = example_path
    broken = tmp_path / "broken.yaml"
    source = example.read_text(encoding="utf-8").replace("goto: clean", "goto: cleen")
    source = source.replace("../../assets/article.txt",
                            str(example.parent.parent.parent / "assets" / "article.txt"))
    broken.write_text(source, encoding="utf-8")
    cold = [str(d) for d in check_path(str(broken)).diagnostics]
    assert any("DL005" in line and "cleen" in line for line in cold)
    assert list(cache_folder.glob("*.json")), "schema-valid file with a semantic error is cached"
    warm = [str(d) for d in check_path(str(broken)).diagnostics]
    assert warm == cold


def test_a_damaged_cache_entry_is_ignored(cache_folder: Path, example_path: Path) -> None:
    load(example_path)
    for entry in cache_folder.glob("*.json"):
        entry.write_bytes(b"{not json")
    result = load(example_path)
    assert result.scenario is not None and not result.errors


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                     example_path: Path) -> None:
    monkeypatch.setenv("DECONFLICTION_LINE_CACHE", "off")
    before = set(os.listdir(tmp_path))
    assert load(example_path).scenario is not None
    assert set(os.listdir(tmp_path)) == before
