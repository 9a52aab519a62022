"""Scalars are read as YAML 1.2's core schema reads them, as the editor's language server does.

The reference reading is ruamel.yaml (YAML 1.2). It departs from the core schema where the
language server does not (digits with underscores, 0b binary numbers, dates as date objects,
YAML 1.1's "=" value key), so the comparison leaves those out and a table pins the spec itself.
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from game.engine.checker import check_path
from game.engine.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parent.parent

# plain scalar -> the value YAML 1.2's core schema gives it (yaml.org/spec/1.2.2, 10.3.2)
CORE = {
    "18:00": "18:00", "1:30:00": "1:30:00", "No": "No", "no": "no", "yes": "yes", "Yes": "Yes",
    "on": "on", "off": "off", "y": "y", "n": "n", "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False, "tRue": "tRue", "~": None, "null": None,
    "Null": None, "NULL": None, "nULL": "nULL", "012": 12, "08": 8, "0o17": 15, "0x1F": 31,
    "+12": 12, "-7": -7, "1e3": 1000.0, "1.5": 1.5, ".5": 0.5, "1.": 1.0, "-.inf": -math.inf,
    ".Inf": math.inf, "2018-02-15": "2018-02-15", "1_000": "1_000", "0b101": "0b101",
    "0o8": "0o8", "0x": "0x", "12 h": "12 h", "Day 2": "Day 2", "=": "=",
}
RUAMEL_DEPARTURES = {"1_000", "0b101", "2018-02-15", "="}


def _reference(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def _normalise(value: Any) -> Any:
    """ruamel's dates as the text they were written as (the core schema has no dates)."""
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize(("plain", "expected"), sorted(CORE.items(), key=lambda kv: kv[0]))
def test_plain_scalars_are_read_by_the_core_schema(plain: str, expected: Any) -> None:
    value = parse_yaml("t.yaml", f"k: {plain}\n".encode()).data["k"]
    assert type(value) is type(expected) and value == expected


def test_the_loader_and_a_yaml_1_2_reader_agree_on_tricky_scalars() -> None:
    shared = [p for p in CORE if p not in RUAMEL_DEPARTURES]
    text = "".join(f"k{i}: {plain}\n" for i, plain in enumerate(shared))
    assert parse_yaml("t.yaml", text.encode()).data == _reference(text)


def test_nan_is_read_as_nan() -> None:
    assert math.isnan(parse_yaml("t.yaml", b"k: .NaN\n").data["k"])


@pytest.mark.parametrize("folder", ["scenes", "docs/example", "tests/scenarios/dockfire"])
def test_the_loader_and_a_yaml_1_2_reader_agree_on_every_content_file(folder: str) -> None:
    files = sorted((ROOT / folder).rglob("*.yaml"))
    assert files
    for file in files:
        raw = file.read_bytes()
        assert parse_yaml(str(file), raw).data == _normalise(_reference(raw.decode())), file


def test_a_clock_time_and_a_bare_no_check_clean(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("Nothing.\n", encoding="utf-8")
    (tmp_path / "story.yaml").write_text(
        "scenario: {id: clock, title: Clock, premise: A test., article: article.txt,"
        " start: desk, time: 3}\n"
        "scenes:\n"
        "  - id: desk\n"
        "    day: Monday\n"
        "    deadline: 18:00\n"
        "    text: Is it over?\n"
        "    choices:\n"
        "      - text: No\n"
        "        goto: done\n"
        "  - id: done\n"
        "    text: Yes\n"
        "    ending: {title: Off}\n", encoding="utf-8")
    result = check_path(str(tmp_path))
    assert [str(d) for d in result.diagnostics] == []
    assert result.scenario is not None
    desk = result.scenario.scenes["desk"]
    assert (desk.deadline, desk.choices[0].text) == ("18:00", "No")
    assert result.scenario.scenes["done"].ending is not None
    assert result.scenario.scenes["done"].ending.title == "Off"
