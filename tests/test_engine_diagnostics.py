"""Every diagnostic code, produced by a small broken scenario, at the right line and column.

Each test breaks one thing in the tiny clean scenario (conftest.TINY) and checks the
code, the place (found from the text itself, so the test says where it expects it)
and, where there is one, the hint.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.checker import check_path
from game.engine.diagnostics import Diagnostic, Severity


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column (from 1) where the ``occurrence``-th ``needle`` starts."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def problems(folder: Path) -> list[Diagnostic]:
    return check_path(str(folder)).diagnostics


def only(found: list[Diagnostic], code: str) -> Diagnostic:
    matching = [d for d in found if d.code == code]
    assert len(matching) == 1, f"expected one {code}, got: {[str(d) for d in found]}"
    return matching[0]


def broken(tiny_text: str, old: str, new: str) -> str:
    assert old in tiny_text, old
    return tiny_text.replace(old, new, 1)


def test_the_tiny_scenario_checks_clean(write_scenario, tiny_text):
    assert problems(write_scenario(tiny_text)) == []


def test_a_diagnostic_prints_like_a_compiler_error():
    diagnostic = Diagnostic("scenes/day2.yaml", 41, 7, Severity.ERROR, "DL005",
                            "goes to unknown scene 'day2.wire'", "did you mean 'day2.wires'?")
    assert str(diagnostic) == ("scenes/day2.yaml:41:7: error: DL005 goes to unknown scene "
                               "'day2.wire' (did you mean 'day2.wires'?)")


def test_dl001_yaml_syntax_error_is_reported_at_its_line(write_scenario, tiny_text):
    text = broken(tiny_text, "    title: The desk\n", "    title: [The desk\n")
    found = only(problems(write_scenario(text)), "DL001")
    assert found.is_error and "YAML syntax" in found.message
    line, _ = position(text, "[The desk")
    assert line <= found.line <= line + 1  # libyaml notices where the list fails to close
    assert found.column >= 1


def test_dl001_tab_indentation_is_a_located_syntax_error(write_scenario, tiny_text):
    text = broken(tiny_text, "  time: 3\n", "\ttime: 3\n")
    found = only(problems(write_scenario(text)), "DL001")
    assert (found.line, found.column) == position(text, "\ttime")


def test_dl002_a_key_written_twice_is_reported_at_the_second(write_scenario, tiny_text):
    text = broken(tiny_text, "    title: The desk\n", "    title: The desk\n    title: Again\n")
    found = only(problems(write_scenario(text)), "DL002")
    assert (found.line, found.column) == position(text, "title: Again")
    assert "'title'" in found.message


def test_dl003_unknown_key_suggests_the_known_one(write_scenario, tiny_text):
    text = broken(tiny_text, "        text: Hold it\n", "        txt: Hold it\n")
    found = [d for d in problems(write_scenario(text)) if d.code == "DL003"]
    unknown = [d for d in found if "unknown key 'txt'" in d.message]
    assert unknown, [str(d) for d in found]
    assert (unknown[0].line, unknown[0].column) == position(text, "txt: Hold it")
    assert unknown[0].hint == "did you mean 'text'?"


def test_dl003_wrong_type_is_reported_at_the_value(write_scenario, tiny_text):
    text = broken(tiny_text, "  time: 3\n", "  time: three\n")
    found = only(problems(write_scenario(text)), "DL003")
    assert (found.line, found.column) == position(text, "three")
    assert "integer" in found.message


def test_dl003_choice_without_a_destination(write_scenario, tiny_text):
    text = broken(tiny_text, "        verdict: {claim: count, call: hold}\n        goto: done\n",
                  "        verdict: {claim: count, call: hold}\n")
    found = only(problems(write_scenario(text)), "DL003")
    assert "needs one of 'goto', 'visit' or 'back'" in found.message
    assert (found.line, found.column) == position(text, "id: hold")


def test_dl004_duplicate_scene_id_names_the_first(write_scenario, tiny_text):
    text = tiny_text + "  - id: done\n    text: Again.\n    ending: {title: Again}\n"
    found = only(problems(write_scenario(text)), "DL004")
    assert (found.line, found.column) == position(text, "done", text.count("done"))
    assert "duplicate id 'done'" in found.message
    first_line, _ = position(text, "- id: done")
    assert f"story.yaml:{first_line}:" in found.hint


def test_dl005_unknown_scene_suggests_the_nearest(write_scenario, tiny_text):
    text = broken(tiny_text, "        goto: done\n  - id: done", "        goto: dnoe\n  - id: done")
    found = only(problems(write_scenario(text)), "DL005")
    assert (found.line, found.column) == position(text, "dnoe")
    assert found.message == "goes to unknown scene 'dnoe'"
    assert found.hint == "did you mean 'done'?"


def test_dl006_unknown_source_suggests_the_nearest(write_scenario, tiny_text):
    text = broken(tiny_text, "    source: wire\n", "    source: wirre\n")
    found = only(problems(write_scenario(text)), "DL006")
    assert (found.line, found.column) == position(text, "wirre")
    assert found.hint == "did you mean 'wire'?"


def test_dl007_malformed_effect_points_into_the_expression(write_scenario, tiny_text):
    text = broken(tiny_text, '["calls += 1"]', '["calls += (1"]')
    found = only(problems(write_scenario(text)), "DL007")
    line, column = position(text, '"calls += (1"')
    assert found.line == line
    assert found.column > column  # inside the text, where the ')' is missing
    assert "expected ')'" in found.message


def test_dl007_a_condition_must_be_true_or_false(write_scenario, tiny_text):
    text = broken(tiny_text, "        text: Hold it\n", "        text: Hold it\n        if: calls + 1\n")
    found = only(problems(write_scenario(text)), "DL007")
    assert (found.line, found.column) == position(text, "calls + 1")
    assert "true or false" in found.message


def test_dl008_unreachable_scene_is_reported_with_its_line(write_scenario, tiny_text):
    text = tiny_text + "  - id: lost\n    text: Nobody comes here.\n    ending: {title: Lost}\n"
    found = problems(write_scenario(text))
    dl010 = only(found, "DL010")  # an unreachable *ending* is DL010
    assert (dl010.line, dl010.column) == position(text, "id: lost")
    text = tiny_text + ("  - id: lost\n    text: Nobody comes here.\n    choices:\n"
                        "      - {text: Onward, goto: done}\n")
    found = only(problems(write_scenario(text)), "DL008")
    assert (found.line, found.column) == position(text, "id: lost")
    assert found.severity is Severity.WARNING


def test_dl009_dead_end_is_an_error(write_scenario, tiny_text):
    text = broken(tiny_text, "        goto: done\n      - id: hold", "        goto: stuck\n      - id: hold")
    text += "  - id: stuck\n    text: Nothing to do here.\n"
    found = only(problems(write_scenario(text)), "DL009")
    assert found.is_error
    assert (found.line, found.column) == position(text, "id: stuck")


def test_dl010_ending_no_path_reaches(write_scenario, tiny_text):
    text = tiny_text + "  - id: epilogue\n    text: Later.\n    ending: {title: Later}\n"
    found = only(problems(write_scenario(text)), "DL010")
    assert "'epilogue'" in found.message
    assert (found.line, found.column) == position(text, "id: epilogue")


def test_dl011_undefined_variable_suggests_the_nearest(write_scenario, tiny_text):
    text = broken(tiny_text, "        text: Hold it\n", "        text: Hold it\n        if: cals > 0\n")
    found = only(problems(write_scenario(text)), "DL011")
    assert (found.line, found.column) == position(text, "cals > 0")
    assert found.hint == "did you mean 'calls'?"


def test_dl011_undefined_variable_in_an_effect_points_at_the_name(write_scenario, tiny_text):
    text = broken(tiny_text, '["calls += 1"]', '["calls += bonus"]')
    found = only(problems(write_scenario(text)), "DL011")
    line, column = position(text, '"calls += bonus"')
    assert (found.line, found.column) == (line, column + len("calls += "))


def test_dl012_unused_variable(write_scenario, tiny_text):
    text = broken(tiny_text, "  calls: 0\n", "  calls: 0\n  spare: false\n")
    found = only(problems(write_scenario(text)), "DL012")
    assert found.message == "variable 'spare' is never used"
    assert (found.line, found.column) == position(text, "spare")


def test_dl013_unused_source(write_scenario, tiny_text):
    extra = ("  - id: blog\n    name: A blog\n    kind: social\n    who: Someone.\n"
             "    access: None.\n    interest: Attention.\n")
    text = broken(tiny_text, "claims:\n", extra + "claims:\n")
    found = only(problems(write_scenario(text)), "DL013")
    assert found.message == "source 'blog' is never used"
    assert (found.line, found.column) == position(text, "id: blog")


def test_dl014_quote_not_verbatim_in_the_article(write_scenario, tiny_text):
    text = broken(tiny_text, '"13 Russians killed"', '"14 Russians killed"')
    found = only(problems(write_scenario(text)), "DL014")
    assert (found.line, found.column) == position(text, '"14 Russians killed"')


def test_quote_matches_despite_white_space_and_quote_marks(write_scenario, tiny_text):
    text = broken(tiny_text, '"13 Russians killed"', "'the \"deconfliction\"  line'")
    article = "They called on the \u201cdeconfliction\u201d\n  line, he said.\n"
    assert problems(write_scenario(text, article=article)) == []


def test_dl015_missing_path_and_empty_file(tmp_path, write_scenario, tiny_text):
    missing = only(check_path(str(tmp_path / "nowhere")).diagnostics, "DL015")
    assert missing.is_error and "no such file" in missing.message
    folder = write_scenario(tiny_text, empty="")
    empty = only(problems(folder), "DL015")
    assert empty.severity is Severity.WARNING and empty.path.endswith("empty.yaml")
    assert (empty.line, empty.column) == (1, 1)


def test_dl015_missing_article_points_at_the_article_key(write_scenario, tiny_text):
    text = broken(tiny_text, "article: article.txt", "article: missing.txt")
    found = only(problems(write_scenario(text)), "DL015")
    assert (found.line, found.column) == position(text, "missing.txt")


def test_dl016_claim_shown_but_never_called(write_scenario, tiny_text):
    extra = ("  - id: denial\n    source: wire\n    text: No forces were involved.\n"
             "    judgement: accurate_report\n    holds_up: true\n    best: [attributed]\n"
             "    note: Careful wording.\n")
    text = broken(tiny_text, "scenes:\n", extra + "scenes:\n")
    text = broken(text, "claims: [count]", "claims: [count, denial]")
    found = only(problems(write_scenario(text)), "DL016")
    assert (found.line, found.column) == position(text, "id: denial")


def test_dl017_back_in_a_scene_no_choice_visits(write_scenario, tiny_text):
    text = broken(tiny_text, "        goto: done\n      - id: hold", "        goto: side\n      - id: hold")
    text += "  - id: side\n    text: A side room.\n    choices:\n      - text: Back\n        back: true\n"
    found = only(problems(write_scenario(text)), "DL017")
    assert (found.line, found.column) == position(text, "text: Back")


def test_dl018_unknown_substitution_suggests_the_nearest(write_scenario, tiny_text):
    text = broken(tiny_text, "Calls so far {calls}.", "Calls so far {cals}.")
    found = only(problems(write_scenario(text)), "DL018")
    assert (found.line, found.column) == position(text, "The wire moves.")
    assert found.hint == "did you mean {calls}?"


@pytest.mark.parametrize("code", [f"DL{n:03d}" for n in range(1, 19)])
def test_every_code_is_documented(code):
    doc = (Path(__file__).resolve().parent.parent / "docs" / "diagnostics.md").read_text("utf-8")
    assert f"## {code}" in doc


def test_no_code_is_used_that_the_doc_does_not_have():
    import re

    root = Path(__file__).resolve().parent.parent
    used = set()
    for module in (root / "game" / "engine").glob("*.py"):
        used |= set(re.findall(r'"(DL\d{3})"', module.read_text("utf-8")))
    documented = set(re.findall(r"^## (DL\d{3})", (root / "docs" / "diagnostics.md")
                                .read_text("utf-8"), re.MULTILINE))
    assert used == documented


def test_true_written_where_text_belongs_gets_a_quoting_hint(write_scenario, tiny_text):
    text = broken(tiny_text, "        text: Hold it\n", "        text: true\n")
    found = only(problems(write_scenario(text)), "DL003")
    assert (found.line, found.column) == position(text, "true", 2)  # the first is holds_up
    assert found.hint == "put the text in quotes"
