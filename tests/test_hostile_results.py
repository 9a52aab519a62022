"""The class report survives any file a student (or anyone) leaves in the results folder.

Every file of the hostile corpus (tests/hostile.py) is skipped with one short warning,
the good sessions are still reported, and nothing crafted reaches the CSV as a formula
or the page as a bidi trick.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hostile import LINK_NAME, SPARSE_NAME, place_special_results, results_corpus
from test_classroom_scenario import build_scenario

from game.classroom.report import EXIT_OK, class_report, csv_text, render_html, run
from game.classroom.results import read_results
from game.classroom.session import ClassroomSession
from game.engine.story import Story


def play(results: Path, scenario_dir: Path, nickname: str, calls: int = 4) -> Path:
    scenario = build_scenario(scenario_dir)
    session = ClassroomSession("7B", results, scenario, nickname=nickname)
    story = Story(scenario, seed=1)
    for _ in range(calls):
        story.choose(next(o.index for o in story.choices() if o.id == "attributed"))
        session.update_from_story(story)
    story.choose(0)  # press time: on to the ending
    session.finish(story)
    return session.path


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    return play(tmp_path / "results", tmp_path / "scenes", "Ada")


def good_data(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_every_hostile_results_file_is_skipped_with_one_short_warning(
        good_file: Path, tmp_path: Path) -> None:
    folder = good_file.parent
    corpus = results_corpus(good_data(good_file))
    for name, content in corpus.items():
        (folder / name).write_bytes(content)
    special = place_special_results(folder, tmp_path / "outside.json")
    out, err = io.StringIO(), io.StringIO()
    code = run(str(folder), str(tmp_path / "r.html"), str(tmp_path / "r.csv"),
               stdout=out, stderr=err)
    assert code == EXIT_OK, err.getvalue()[:2000]
    lines = err.getvalue().splitlines()
    for name in [*corpus, *special]:
        mine = [line for line in lines if name in line]
        assert len(mine) == 1, (name, mine)
    assert len(lines) == len(corpus) + len(special)
    assert all(len(line) < 400 for line in lines), max(lines, key=len)[:500]
    assert "1 sessions from class 7B" in out.getvalue()
    assert (tmp_path / "r.html").stat().st_size < 200_000


def test_deep_nesting_is_skipped_not_a_recursion_error(good_file: Path) -> None:
    (good_file.parent / "7B-deep.json").write_bytes(
        results_corpus(good_data(good_file))["7B-deep-nesting.json"])
    found = read_results(good_file.parent)
    assert [w for w in found.warnings if "7B-deep.json" in w]
    assert len(found.sessions) == 1


@pytest.mark.parametrize("name", ["7B-hits-1e20.json", "7B-hits-1e400.json",
                                  "7B-time-verifying-1e9.json", "7B-long-integer.json",
                                  "7B-nan.json", "7B-infinity.json", "7B-negative-count.json"])
def test_numbers_out_of_range_skip_the_file(good_file: Path, tmp_path: Path, name: str) -> None:
    (good_file.parent / name).write_bytes(results_corpus(good_data(good_file))[name])
    found = read_results(good_file.parent)
    assert len(found.sessions) == 1 and len(found.warnings) == 1
    assert found.warnings[0].startswith(name)
    report = class_report(found.sessions, found.warnings)
    render_html(report)
    csv_text(report)


def test_a_huge_sparse_file_is_refused_before_it_is_read(good_file: Path,
                                                         tmp_path: Path) -> None:
    place_special_results(good_file.parent, tmp_path / "outside.json")
    tracemalloc.start()
    try:
        found = read_results(good_file.parent)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert any(w.startswith(SPARSE_NAME) and "too large" in w for w in found.warnings)
    assert peak < 32 * 1024 * 1024, peak


def test_a_symlink_out_of_the_folder_is_not_followed(good_file: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.json"
    shutil.copy(good_file, outside)
    data = good_data(outside)
    data["id"] = "bbbbbbbbbbbb"
    outside.write_text(json.dumps(data), encoding="utf-8")
    (good_file.parent / LINK_NAME).symlink_to(outside)
    found = read_results(good_file.parent)
    assert [s.file for s in found.sessions] == [good_file.name]
    assert any(w.startswith(LINK_NAME) and "not a regular file" in w for w in found.warnings)


def test_a_warning_quotes_only_a_short_prefix_of_a_value(good_file: Path) -> None:
    corpus = results_corpus(good_data(good_file))
    (good_file.parent / "7B-huge-nickname.json").write_bytes(corpus["7B-huge-nickname.json"])
    found = read_results(good_file.parent)
    assert len(found.warnings) == 1 and len(found.warnings[0]) < 300, found.warnings[0][:400]


def test_a_file_claiming_another_session_with_a_later_time_does_not_replace_it(
        good_file: Path) -> None:
    data = good_data(good_file)
    forged = {**data, "nickname": "Mallory", "updated": "2999-01-01T00:00:00+00:00",
              "decisions": data["decisions"][:1]}
    (good_file.parent / "7B-forged.json").write_text(json.dumps(forged), encoding="utf-8")
    found = read_results(good_file.parent)
    assert sorted(s.nickname or "" for s in found.sessions) == ["Ada", "Mallory"]
    assert all(s.flag for s in found.sessions)
    assert found.warnings == []
    assert len(found.flags) == 1 and "same session id" in found.flags[0]
    text = csv_text(class_report(found.sessions, found.warnings))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert all(row["flag"] for row in rows)


def test_an_exact_copy_of_a_session_counts_once(good_file: Path) -> None:
    shutil.copy(good_file, good_file.parent / "7B-copy.json")
    found = read_results(good_file.parent)
    assert len(found.sessions) == 1 and not found.sessions[0].flag
    assert len(found.warnings) == 1 and "exact copy of" in found.warnings[0]


FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1",
            "\n=1", "\x00=1", "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff201"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_no_cell_of_the_csv_can_start_a_formula(good_file: Path, formula: str) -> None:
    data = good_data(good_file)
    data.update(started=formula, updated=formula, game_version=formula, nickname=formula[:20])
    data["scenario"]["id"] = data["scenario"]["id"]
    good_file.write_text(json.dumps(data), encoding="utf-8")
    found = read_results(good_file.parent)
    assert len(found.sessions) == 1, found.warnings
    rows = list(csv.reader(io.StringIO(csv_text(class_report(found.sessions)))))
    for cell in rows[1]:
        assert not cell or cell[0] not in "=+-@\t\r\n\x00\uff1d\uff0b\uff0d\uff20" \
            or _is_number(cell), repr(cell)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_negative_figures_stay_numbers_in_the_csv(tmp_path: Path) -> None:
    results = tmp_path / "results"
    scenario = build_scenario(tmp_path / "scenes")
    session = ClassroomSession("7B", results, scenario, nickname="Ben")
    story = Story(scenario, seed=1)
    for _ in range(4):
        story.choose(next(o.index for o in story.choices() if o.id == "reject"))
        session.update_from_story(story)
    session.finish(story)
    rows = list(csv.DictReader(io.StringIO(csv_text(class_report(read_results(results)
                                                                 .sessions)))))
    assert rows[0]["game_c"].startswith("0.") or rows[0]["game_c"].startswith("-0.")


HIDDEN = "\u202e\u2066\u200b\u200d\ufeff\u200e"


def test_bidi_overrides_and_zero_width_characters_are_stripped(good_file: Path,
                                                               tmp_path: Path) -> None:
    data = good_data(good_file)
    data["nickname"] = f"Ev{HIDDEN}e"
    data["ending"]["title"] = f"Clean{HIDDEN} copy"
    good_file.write_text(json.dumps(data), encoding="utf-8")
    assert run(str(good_file.parent), str(tmp_path / "r.html"), str(tmp_path / "r.csv"),
               stdout=io.StringIO(), stderr=io.StringIO()) == EXIT_OK
    for out in ("r.html", "r.csv"):
        text = (tmp_path / out).read_text(encoding="utf-8-sig")
        assert not any(ch in text for ch in HIDDEN), out
        assert "Eve" in text and "Clean copy" in text


# --- files the game writes for others honour the umask (issue 10) ----------------------------

def test_results_and_report_files_get_the_mode_the_umask_gives(good_file: Path,
                                                               tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = play(tmp_path / "results2", tmp_path / "scenes2", "Sam")
        assert run(str(path.parent), str(tmp_path / "r.html"), str(tmp_path / "r.csv"),
                   stdout=io.StringIO(), stderr=io.StringIO()) == EXIT_OK
        os.umask(0o027)
        later = play(tmp_path / "results3", tmp_path / "scenes3", "Kim")
    finally:
        os.umask(old)
    for made in (path, tmp_path / "r.html", tmp_path / "r.csv"):
        assert stat.S_IMODE(made.stat().st_mode) == 0o644, made
    assert stat.S_IMODE(later.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0 or not shutil.which("runuser"),
                    reason="needs root to act as a second user")
def test_another_user_can_read_a_students_results_file(tmp_path: Path) -> None:
    shared = Path(tempfile.mkdtemp(prefix="dl-shared-"))  # /tmp, which every user can enter
    try:
        os.chmod(shared, 0o755)
        old = os.umask(0o022)
        try:
            path = play(shared / "results", tmp_path / "scenes", "Sam")
        finally:
            os.umask(old)
        python = shutil.which("python3", path="/usr/bin:/bin") or sys.executable
        read = subprocess.run(["runuser", "-u", "nobody", "--", python, "-c",
                               f"print(len(open({str(path)!r}).read()))"],
                              capture_output=True, text=True, check=False)
        assert read.returncode == 0, read.stderr
        assert int(read.stdout) > 100
    finally:
        shutil.rmtree(shared)


def test_a_file_name_cannot_smuggle_bidi_controls_into_the_warnings(good_file: Path,
                                                                     tmp_path: Path) -> None:
    (good_file.parent / f"7B-{HIDDEN}evil.json").write_text("{", encoding="utf-8")
    err = io.StringIO()
    assert run(str(good_file.parent), str(tmp_path / "r.html"), None, stdout=io.StringIO(),
               stderr=err) == EXIT_OK
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "evil.json" in err.getvalue() and "evil.json" in html
    assert not any(ch in err.getvalue() + html for ch in HIDDEN)
