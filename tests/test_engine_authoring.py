"""What an author meets when a scenario is wrong: one cause, one error, at its place."""

from __future__ import annotations

import pytest

from game.engine.checker import check_path
from game.engine.expressions import MAX_NESTING, ExpressionError, parse_effect, parse_expression


def errors_of(folder):  # type: ignore[no-untyped-def]
    return [d for d in check_path(str(folder)).diagnostics if d.is_error]


# --- expressions nested too deeply ----------------------------------------------------------


@pytest.mark.parametrize("text", ["(" * 2000 + "1" + ")" * 2000, "not " * 2000 + "true",
                                  "-" * 2000 + "1", "min(" * 2000 + "1",
                                  "1" + " + 1" * 3000 + " > 0"])
def test_a_deeply_nested_expression_is_a_located_error(text: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert "too" in caught.value.message
    assert 0 <= caught.value.offset < len(text)


@pytest.mark.parametrize("text", ["visited()", "visited(x)", 'visited("a", "b")', "min(1)"])
def test_a_function_with_the_wrong_arguments_is_an_expression_error(text: str) -> None:
    # visited() used to crash the parser with an IndexError while compiling
    with pytest.raises(ExpressionError):
        parse_expression(text)


def test_nesting_up_to_the_limit_still_parses() -> None:
    depth = MAX_NESTING
    assert parse_expression("(" * depth + "1" + ")" * depth + " > 0").tree is not None


def test_a_deep_effect_is_a_located_error() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_effect("calls += " + "(" * 2000 + "1" + ")" * 2000)
    assert caught.value.offset >= len("calls += ")


def test_check_reports_a_deep_condition_instead_of_crashing(write_scenario, tiny_text) -> None:  # type: ignore[no-untyped-def]
    deep = "(" * 100 + "calls > 0" + ")" * 100
    text = tiny_text.replace("        text: Hold it\n", f"        text: Hold it\n        if: \"{deep}\"\n")
    found = errors_of(write_scenario(text))
    assert [d.code for d in found] == ["DL007"]
    assert "nested too deeply" in found[0].message and len(found[0].message) < 200
    assert found[0].line == text[:text.index(deep)].count("\n") + 1


# --- DL014: where a quote parts from the article ----------------------------------------------


def test_dl014_names_the_closest_passage_and_the_first_differing_word(write_scenario, tiny_text) -> None:  # type: ignore[no-untyped-def]
    text = tiny_text.replace('"13 Russians killed"', '"reported 14 Russians killed"')
    [found] = errors_of(write_scenario(text))
    assert found.code == "DL014"
    assert "closest passage is 'reported 13 Russians killed'" in found.message
    assert "differs at word 2: '14' where the article has '13'" in found.message


def test_dl014_a_quote_running_past_the_article_says_so(write_scenario, tiny_text) -> None:  # type: ignore[no-untyped-def]
    text = tiny_text.replace('"13 Russians killed"', '"15 wounded. And more"')
    [found] = errors_of(write_scenario(text))
    assert "differs at word 3: 'And' where the article has the end of the article" in found.message


def test_dl014_with_no_word_in_common_keeps_the_plain_message(write_scenario, tiny_text) -> None:  # type: ignore[no-untyped-def]
    text = tiny_text.replace('"13 Russians killed"', '"zebra"')
    [found] = errors_of(write_scenario(text))
    assert found.message == "quote is not verbatim in the article"


# --- one mistake, one error -------------------------------------------------------------------


def _shipped_copy(tmp_path):  # type: ignore[no-untyped-def]
    """The shipped story in a temporary folder, article beside it, ready to break."""
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "scenes", tmp_path / "scenes")
    (tmp_path / "assets").mkdir()
    shutil.copy(root / "assets" / "article.txt", tmp_path / "assets" / "article.txt")
    return tmp_path / "scenes"


def test_one_capital_letter_in_a_claim_id_is_exactly_one_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    scenes = _shipped_copy(tmp_path)
    claims = scenes / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("  - id: coalition_repelled\n", "  - id: Coalition_repelled\n", 1),
                      encoding="utf-8")
    line = text[: text.index("  - id: coalition_repelled\n")].count("\n") + 1
    found = errors_of(scenes)
    assert [(d.code, d.path.endswith("claims.yaml"), d.line) for d in found] == [("DL003", True, line)]


def test_a_typo_in_one_scene_leaves_the_other_files_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    scenes = _shipped_copy(tmp_path)
    claims = scenes / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    # two independent mistakes: a schema error in one claim, a bad reference in another
    text = text.replace("  - id: coalition_repelled\n", "  - id: coalition_repelled\n    sauce: x\n", 1)
    text = text.replace("    source: ru_officials_nyt\n", "    source: nowhere\n", 1)
    claims.write_text(text, encoding="utf-8")
    found = errors_of(scenes)
    assert [d.code for d in found] == ["DL003", "DL006"], [str(d) for d in found]
    assert "unknown key 'sauce'" in found[0].message and "'nowhere'" in found[1].message


def test_a_syntax_error_in_one_file_does_not_cascade_through_the_others(tmp_path) -> None:  # type: ignore[no-untyped-def]
    scenes = _shipped_copy(tmp_path)
    claims = scenes / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("  - id: coalition_repelled\n", "  - id: [coalition_repelled\n", 1),
                      encoding="utf-8")
    found = errors_of(scenes)
    assert found[0].code == "DL001" and found[0].path.endswith("claims.yaml")
    follow_ons = [d for d in found[1:] if "because of the error at" not in d.hint]
    assert follow_ons == [], [str(d) for d in follow_ons]


def test_root_causes_print_before_what_follows_from_them(write_scenario, tiny_text) -> None:  # type: ignore[no-untyped-def]
    text = tiny_text.replace("    goto: done\n", "    goto: dnoe\n", 1)
    text = text.replace("  time: 3\n", "  time: 3\n  tiem: 4\n")
    found = errors_of(write_scenario(text))
    assert [d.code for d in found] == ["DL003", "DL005"]


# --- plural-aware substitution ----------------------------------------------------------------


def test_a_plural_substitution_agrees_with_its_number(write_scenario, tiny_text) -> None:  # type: ignore[no-untyped-def]
    from game.engine.loader import load_scenario
    from game.engine.story import Story

    text = tiny_text.replace("Calls so far {calls}.", "So far {calls|call|calls}; {time|hour|hours} left.")
    story = Story(load_scenario(write_scenario(text)))
    assert story.paragraphs()[0].text.endswith("So far 0 calls; 3 hours left.")
    for value, shown in ((1, "So far 1 call; 1 hour left."), (2, "So far 2 calls; 2 hours left.")):
        story.state.vars["calls"] = story.state.vars["time"] = value
        assert story.paragraphs()[0].text.endswith(shown)


@pytest.mark.parametrize("bad", ["{calls|call}", "{source.wire|wire|wires}", "{calls|call|}"])
def test_a_malformed_plural_substitution_is_dl018(write_scenario, tiny_text, bad) -> None:  # type: ignore[no-untyped-def]
    text = tiny_text.replace("Calls so far {calls}.", f"Calls so far {bad}. Calls {{calls}}.")
    found = errors_of(write_scenario(text))
    assert [d.code for d in found] == ["DL018"] and "plural" in found[0].message


@pytest.mark.parametrize(("old", "new", "message"), [
    ("        goto: done\n      - id: hold", "        gotoo: done\n      - id: hold",
     "unknown key 'gotoo'"),  # not also "needs one of goto, visit or back"
    ("  - id: done\n", "  - id: 2done\n", "'2done' is not a valid id"),  # nor "unknown scene 'done'"
])
def test_one_typo_is_one_error(write_scenario, tiny_text, old, new, message) -> None:  # type: ignore[no-untyped-def]
    assert old in tiny_text
    found = errors_of(write_scenario(tiny_text.replace(old, new, 1)))
    assert [d.code for d in found] == ["DL003"], [str(d) for d in found]
    assert message in found[0].message
