"""The fast schema check is exact: it says valid exactly when jsonschema finds no error.

Each schema the game reads files with (results, saves, settings) is tried on a good
document and on that document with one value replaced, for every value in it and a
spread of replacements (other types, edges of ranges, long texts, 1.0 for 1).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import jsonschema
import pytest
from test_classroom_scenario import build_scenario

from game.classroom.results_file import SCHEMA_FILE as RESULTS_SCHEMA
from game.classroom.session import ClassroomSession
from game.engine.story import Story
from game.saves import SCHEMA_FILE as SAVES_SCHEMA
from game.schemacheck import SchemaCheck
from game.settings import SCHEMA_FILE as SETTINGS_SCHEMA

if TYPE_CHECKING:
    from importlib.abc import Traversable

REPLACEMENTS: list[Any] = [None, True, False, 0, 1, 1.0, 1.5, -1, 7, 8, 100, 101, 10**20,
                           -(10**20), "", "x", "fact", "best", "a" * 41, "a" * 201,
                           "0123456789ab", [], [1], {}, {"a": "b"}, 1e308]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from paths(item, (*prefix, index))


def replaced(document: Any, where: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(document))
    if not where:
        return value
    target = copy
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    return copy


def agree(schema_path: Traversable, document: Any) -> int:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    fast = SchemaCheck(schema)
    slow = jsonschema.validators.validator_for(schema)(schema)
    assert fast.is_valid(document) and slow.is_valid(document)
    tried = 0
    for where in paths(document):
        for value in REPLACEMENTS:
            candidate = replaced(document, where, value)
            assert fast.is_valid(candidate) == slow.is_valid(candidate), (where, value)
            if fast.is_valid(candidate):
                assert fast.problem(candidate) is None
            else:
                problem = fast.problem(candidate)
                assert problem is not None and len(problem) < 300
            tried += 1
    return tried


@pytest.fixture(scope="module")
def results_document(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("results")
    scenario = build_scenario(folder / "scenes")
    session = ClassroomSession("7B", folder / "results", scenario, nickname="Ada")
    for phase in ("before",):
        for item in session.quiz_items(phase)[:2]:
            session.record_quiz(phase, item.id, 5, 2.0)
    story = Story(scenario, seed=1)
    while not story.is_over:
        story.choose(0)
        session.update_from_story(story)
    session.finish(story)
    return json.loads(session.path.read_text(encoding="utf-8"))


def test_the_results_check_agrees_with_jsonschema(results_document: Any) -> None:
    assert agree(RESULTS_SCHEMA, results_document) > 1000


def test_the_save_check_agrees_with_jsonschema() -> None:
    step = {"scene": "start", "choice": "run", "text": "Run it", "time_left": 2,
            "verdict": "count=attributed", "verify": None}
    save = {"kind": "deconfliction-line-save", "format": 1, "saved_at": 1.7e9,
            "scenario": "tiny", "scenario_title": "Tiny", "scene_title": "The desk",
            "day": "Monday", "time_left": 2, "ended": False, "classroom": True,
            "snapshot": {"format": 1, "scenario": "tiny", "content": "abc", "scene": "start",
                         "vars": {"time": 2, "calls": 1, "verdict.count": "attributed",
                                  "flag": True},
                         "visits": {"start": 1}, "chosen": {"start/run": 1}, "stack": [],
                         "met": ["count"], "rng": 12345, "history": [step]},
            "transcript": [{"kind": "scene", "text": "The wire moves."}],
            "record": {"class": "7B", "id": "0123456789ab"}}
    assert agree(SAVES_SCHEMA, save) > 500


def test_the_settings_check_agrees_with_jsonschema() -> None:
    settings = {"kind": "deconfliction-line-settings", "format": 1, "text_size": 120,
                "theme": "dark", "text_speed": "fast", "reduced_motion": False, "sound": True,
                "projector": False, "fullscreen": False}
    assert agree(SETTINGS_SCHEMA, settings) > 200
