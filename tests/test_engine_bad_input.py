"""Bad input never raises: every case ends in a located error, quickly and in bounded memory."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import schema
from game.engine.diagnostics import Diagnostic
from game.engine.expressions import ExpressionError, check_effect, infer, parse_effect, parse_expression
from game.engine.loader import load
from game.engine.yamlsource import MAX_FILE_BYTES, YamlProblem, parse_yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example" / "example.yaml"


def load_bytes(tmp_path: Path, raw: bytes, name: str = "story.yaml") -> list[Diagnostic]:
    folder = tmp_path / "bad"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(raw)
    result = load(folder)
    assert result.diagnostics, "bad input must be reported"
    for diagnostic in result.diagnostics:
        assert diagnostic.path.endswith(name) or diagnostic.line == 0
    return result.diagnostics


def first_error(found: list[Diagnostic]) -> Diagnostic:
    return next(d for d in found if d.is_error)


def test_malformed_yaml_is_a_located_syntax_error(tmp_path):
    found = first_error(load_bytes(tmp_path, b"scenes:\n  - id: a\n    text: 'unclosed\n"))
    assert found.code == "DL001" and found.line >= 3


def test_wrong_types_are_schema_errors_at_the_value(tmp_path):
    found = load_bytes(tmp_path, b"scenes:\n  - id: 7\n    text: [1, 2]\n")
    assert {d.code for d in found} == {"DL003"}
    assert {d.line for d in found} == {2, 3}


def test_unknown_top_level_key_is_located_at_the_key(tmp_path):
    found = first_error(load_bytes(tmp_path, b"scenes: []\nsenes: []\n"))
    assert (found.code, found.line, found.column) == ("DL003", 2, 1)
    assert "did you mean 'scenes'?" in found.hint


def test_a_top_level_list_is_rejected(tmp_path):
    found = first_error(load_bytes(tmp_path, b"- a\n- b\n"))
    assert found.code == "DL003" and "mapping" in found.message


def test_empty_file_is_a_warning_and_then_no_scenario(tmp_path):
    found = load_bytes(tmp_path, b"")
    assert [d.code for d in found] == ["DL015", "DL015"]
    assert found[0].is_error and not found[1].is_error  # errors print first


def test_comment_only_file_counts_as_empty(tmp_path):
    found = load_bytes(tmp_path, b"# nothing yet\n")
    assert any(d.code == "DL015" and "empty" in d.message and not d.is_error for d in found)


def test_binary_garbage_is_rejected_with_a_location(tmp_path):
    found = first_error(load_bytes(tmp_path, bytes(range(256)) * 4))
    assert found.code == "DL001" and found.line >= 1


def test_nul_bytes_are_rejected_as_binary(tmp_path):
    found = first_error(load_bytes(tmp_path, b"scenes:\n  - id: a\x00\n"))
    assert found.code == "DL001" and found.line == 2 and "NUL" in found.message


def test_latin1_text_is_rejected_as_not_utf8_at_the_byte(tmp_path):
    found = first_error(load_bytes(tmp_path, b"scenes:\n  - id: caf\xe9\n"))
    assert (found.code, found.line, found.column) == ("DL001", 2, 12)


def test_huge_file_is_rejected_before_parsing(tmp_path):
    raw = b"# " + b"x" * (MAX_FILE_BYTES + 10) + b"\n"
    started = time.perf_counter()
    found = first_error(load_bytes(tmp_path, raw))
    assert time.perf_counter() - started < 1.0
    assert found.code == "DL001" and "too large" in found.message


def test_deep_nesting_is_rejected_with_a_location(tmp_path):
    raw = b"scenes: " + b"[" * 200 + b"]" * 200 + b"\n"
    started = time.perf_counter()
    found = first_error(load_bytes(tmp_path, raw))
    assert time.perf_counter() - started < 1.0
    assert found.code == "DL001" and found.line == 1 and found.column > 1
    assert "nested" in found.message


def test_very_deep_nesting_stops_in_the_parser(tmp_path):
    found = first_error(load_bytes(tmp_path, b"a: " + b"[" * 100_000))
    assert found.code == "DL001" and "depth" in found.message


BILLION_LAUGHS = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
).encode()


def test_alias_bomb_is_rejected_with_a_location(tmp_path):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        found = first_error(load_bytes(tmp_path, BILLION_LAUGHS))
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found.code == "DL001" and "alias bomb" in found.message
    assert 1 <= found.line <= 10 and found.column > 1
    assert elapsed < 1.0
    assert peak < 50 * 1024 * 1024


def test_a_small_alias_is_still_allowed():
    document = parse_yaml("x.yaml", b"a: &one [1, 2]\nb: *one\n")
    assert document.data == {"a": [1, 2], "b": [1, 2]}


def test_python_tags_are_refused(tmp_path):
    found = first_error(load_bytes(tmp_path, b"scenes: !!python/object:os.system ls\n"))
    assert found.code == "DL001" and "tag" in found.message


def test_a_mapping_key_must_be_text(tmp_path):
    found = first_error(load_bytes(tmp_path, b"? [a, b]\n: c\n"))
    assert found.code == "DL001" and "keys" in found.message


def test_a_missing_folder_is_an_error_not_a_traceback(tmp_path):
    result = load(tmp_path / "nowhere")
    assert [d.code for d in result.diagnostics] == ["DL015"]


def test_a_folder_without_yaml_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    assert [d.code for d in load(tmp_path).diagnostics] == ["DL015"]


# --- property-based: random and mutated input only ever gives our own errors -------------

EXAMPLE_BYTES = EXAMPLE.read_bytes()


def _only_our_errors(raw: bytes) -> None:
    try:
        document = parse_yaml("fuzz.yaml", raw)
    except YamlProblem as problem:
        assert problem.diagnostic.line >= 1 and problem.diagnostic.code in ("DL001", "DL002")
        return
    for diagnostic in schema.validate(document):
        assert isinstance(diagnostic, Diagnostic) and diagnostic.code == "DL003"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_give_only_located_errors(raw):
    _only_our_errors(raw)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutated_example_gives_only_located_errors(tmp_path_factory, data):
    raw = bytearray(EXAMPLE_BYTES)
    for _ in range(data.draw(st.integers(1, 6))):
        kind = data.draw(st.sampled_from(["flip", "delete", "insert", "swap_lines"]))
        where = data.draw(st.integers(0, len(raw) - 1))
        if kind == "flip":
            raw[where] = data.draw(st.sampled_from(b" :-[]{}&*!#'\"\t\n|>%@`,?abc01"))
        elif kind == "delete":
            del raw[where:where + data.draw(st.integers(1, 40))]
        elif kind == "insert":
            raw[where:where] = data.draw(st.sampled_from(
                [b"\n  - ", b": ", b"{", b"*x", b"&x ", b"\t", b"  ", b"goto: nowhere\n", b"\x00"]))
        else:
            lines = bytes(raw).split(b"\n")
            i, j = data.draw(st.integers(0, len(lines) - 1)), data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            raw = bytearray(b"\n".join(lines))
        if not raw:
            break
    _only_our_errors(bytes(raw))
    folder = tmp_path_factory.mktemp("mutated")
    (folder / "example.yaml").write_bytes(bytes(raw))
    result = load(folder)  # the whole loader, with its cross-references: never raises
    for diagnostic in result.diagnostics:
        assert diagnostic.code.startswith("DL")


NAMES = {"time": int, "calls": int, "warned": bool, "verdict.photo": str, "trust.wire": int}
SCENES = {"desk": object(), "day2.wires": object()}

expression_pieces = st.sampled_from([
    "time", "calls", "warned", "verdict.photo", "trust.wire", "nope", "1", "0", "'fact'", '"x"',
    "true", "false", "and", "or", "not", "==", "!=", "<", ">=", "+", "-", "*", "(", ")", ",",
    "visited(", "random(", "min(", "'desk'", "=", "+=", "-=", "$", "%", "\\", "\n", " ",
])


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(expression_pieces, max_size=12).map(" ".join)))
def test_expression_parser_raises_only_expression_errors(source):
    for parse in (parse_expression, parse_effect):
        try:
            parsed = parse(source)
        except ExpressionError as exc:
            assert 0 <= exc.offset <= len(source)
            continue
        try:
            if parse is parse_expression:
                infer(parsed.tree, NAMES, SCENES)  # type: ignore[union-attr]
            else:
                check_effect(parsed, NAMES, NAMES, SCENES)  # type: ignore[arg-type]
        except ExpressionError as exc:
            assert exc.offset >= 0


@pytest.mark.parametrize("source", [123, None, ["a"], {"a": 1}])
def test_expression_parser_rejects_values_that_are_not_text(source):
    with pytest.raises(ExpressionError):
        parse_expression(source)
    with pytest.raises(ExpressionError):
        parse_effect(source)
