"""The game as users install it: content found inside the package (a wheel's layout, or a zip),
from any folder; the version read from the package metadata; the command line naming itself the
way it was started, with help for every argument.

The real wheel is built and installed by `.ci/wheel_smoke.sh` (run by `.ci/run`); these tests
copy the package into the layout a wheel installs, which is quick enough for every test run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import game
from game import cli, paths

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CONSOLE_SCRIPT = VENV_BIN / "deconfliction-line"
PACKAGED = "_content"  # where pyproject.toml's force-include puts scenes/ and assets/


def installed_layout(site: Path) -> Path:
    """``site`` holding the package as the wheel installs it: game/ with game/_content/."""
    shutil.copytree(ROOT / "game", site / "game",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(ROOT / "scenes", site / "game" / PACKAGED / "scenes")
    shutil.copytree(ROOT / "assets", site / "game" / PACKAGED / "assets")
    return site


def zipped_package(tmp_path: Path) -> Path:
    """The installed layout in one zip file, imported by zipimport: no file of the package
    exists on disk, so only ``importlib.resources`` can read its data files."""
    site = installed_layout(tmp_path / "site")
    archive = tmp_path / "game.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted(site.rglob("*")):
            if file.is_file():
                zipped.write(file, file.relative_to(site).as_posix())
    shutil.rmtree(site)
    return archive


def run_python(code: str, cwd: Path, import_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(import_path), "DECONFLICTION_LINE_CACHE": "off"}
    env.pop(paths.CONTENT_ENV, None)
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


WHERE_AND_CHECK = """\
import sys
import game
from game import paths
from game.cli import main
print("package:", game.__file__)
print("content:", paths.content_dir().parent)
code = main(["check"])
assert (paths.assets_dir() / "fonts" / "NotoSans-Regular.ttf").is_file(), "no fonts"
assert (paths.assets_dir() / "sounds" / "click.wav").is_file(), "no sounds"
sys.exit(code)
"""


def test_an_installed_package_finds_its_story_and_fonts_from_another_folder(tmp_path: Path) -> None:
    site = installed_layout(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run_python(WHERE_AND_CHECK, elsewhere, site)
    assert done.returncode == 0, done.stderr + done.stdout
    assert f"package: {site}" in done.stdout
    assert f"content: {site / 'game' / '_content'}" in done.stdout
    assert "0 errors" in done.stdout


def test_a_zipped_package_copies_its_content_out_and_plays(tmp_path: Path) -> None:
    archive = zipped_package(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run_python(WHERE_AND_CHECK, elsewhere, archive)
    assert done.returncode == 0, done.stderr + done.stdout
    assert f"package: {archive}" in done.stdout
    assert "0 errors" in done.stdout
    content = re.search(r"^content: (.*)$", done.stdout, re.MULTILINE)
    assert content is not None and not Path(content.group(1)).exists()  # removed at exit


SCHEMAS_AND_REPORT = """\
import sys
from pathlib import Path
from game import paths, saves, settings
from game.classroom.session import ClassroomSession
from game.cli import main
from game.engine.loader import load_scenario
from game.players import CarefulPlayer, play_through
work = Path(sys.argv[1])
settings.save_settings(work, settings.Settings(text_size=150))
assert settings.load_settings(work) == (settings.Settings(text_size=150), []), "settings schema"
assert saves._schema().problem({}) is not None, "saves schema"
scenario = load_scenario(paths.content_dir())
session = ClassroomSession("7B", work / "results", scenario, nickname="Ada")
session.finish(play_through(scenario, CarefulPlayer(), seed=1))
code = main(["report", str(work / "results"), "--out", str(work / "report.html")])
assert "Ada" in (work / "report.html").read_text(encoding="utf-8")
assert main(["schema", "--write", str(work / "editor")]) == 0, "scenario schema"
assert (work / "editor" / "scenario.schema.json").stat().st_size > 1000
sys.exit(code)
"""


def test_a_zipped_package_reads_its_schemas_and_report_template(tmp_path: Path) -> None:
    archive = zipped_package(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(archive), "DECONFLICTION_LINE_CACHE": "off"}
    env.pop(paths.CONTENT_ENV, None)
    done = subprocess.run([sys.executable, "-c", SCHEMAS_AND_REPORT, str(work)], cwd=work,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "1 sessions from class 7B" in done.stdout, done.stdout


def test_a_checkout_uses_the_repos_own_scenes_and_assets() -> None:
    assert paths.content_root() == ROOT
    assert paths.content_dir() == ROOT / "scenes"
    assert paths.assets_dir() == ROOT / "assets"


def pyproject_version() -> str:
    found = re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(),
                      re.MULTILINE)
    assert found is not None
    return found.group(1)


def test_the_version_comes_from_the_package_metadata() -> None:
    assert game.version() == pyproject_version()
    assert game.__version__ == game.version()


def test_a_source_tree_without_metadata_reads_its_pyproject(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    game.version.cache_clear()
    try:
        assert game.version() == pyproject_version()
    finally:
        game.version.cache_clear()


def test_version_prints_the_programs_name_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"deconfliction-line {pyproject_version()}"


@pytest.mark.parametrize(("argv0", "prog"), [
    ("/home/x/.venv/bin/deconfliction-line", "deconfliction-line"),
    ("/usr/lib/python3/site-packages/game/__main__.py", "python -m game"),
    (r"C:\Users\x\.venv\Scripts\deconfliction-line.exe", "deconfliction-line"),
    (r"C:\Users\x\.venv\Scripts\deconfliction-line-window.exe", "deconfliction-line-window"),
    ("/usr/bin/pytest", "deconfliction-line"),
    ("/home/x/.venv/lib/python3.11/site-packages/pytest/__main__.py", "deconfliction-line"),
])
def test_prog_follows_how_the_program_was_started(argv0: str, prog: str) -> None:
    assert cli.invoked_as(argv0) == prog


def every_action(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.Action]]:
    found: list[tuple[str, argparse.Action]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += every_action(sub)
        elif not isinstance(action, argparse._HelpAction):
            found.append((parser.prog, action))
    return found


def test_every_argument_has_help() -> None:
    missing = [f"{prog} {action.dest}" for prog, action in every_action(cli._parser())
               if not action.help]
    assert missing == []


def test_help_ends_with_examples_under_the_name_it_was_started_by() -> None:
    text = cli._parser("python -m game").format_help()
    assert text.startswith("usage: python -m game")
    assert "examples:\n" in text
    assert "\n    python -m game play --text\n" in text
    assert "\n    python -m game report R --out report.html --csv results.csv\n" in text


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason="the console script is not installed here")
def test_the_console_script_runs_beside_a_students_own_game_py(tmp_path: Path) -> None:
    (tmp_path / "game.py").write_text("raise SystemExit('the student game ran')\n")
    done = subprocess.run([str(CONSOLE_SCRIPT), "--help"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: deconfliction-line")


def test_python_m_game_ignores_a_students_library_of_the_same_name(tmp_path: Path) -> None:
    # a student's own yaml.py (or pygame.py) in the folder must not stand in for the library
    (tmp_path / "yaml.py").write_text("raise SystemExit('the student yaml.py ran')\n")
    env = {**os.environ, "DECONFLICTION_LINE_CACHE": "off"}
    done = subprocess.run([sys.executable, "-m", "game", "check", str(ROOT / "docs" / "example")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "0 errors" in done.stdout


def test_python_m_game_names_itself_so_in_its_usage(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "game", "--help"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: python -m game")



def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_ci_runs_the_readmes_test_command_exactly() -> None:
    play, tests = readme_commands()
    assert play.endswith(".venv/bin/deconfliction-line")
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in (ROOT / "docs" / "teacher-guide.md").read_text(encoding="utf-8").splitlines()


def test_the_teachers_guide_starts_the_game_with_the_command() -> None:
    guide = (ROOT / "docs" / "teacher-guide.md").read_text(encoding="utf-8")
    assert "python -m game" not in guide
    for needed in (".venv/bin/deconfliction-line --class 7B --results",
                   ".venv/bin/deconfliction-line report", r".\.venv\Scripts\deconfliction-line",
                   "py -3 -m venv .venv", "python3-venv", "deconfliction-line serve"):
        assert needed in guide, needed


@pytest.mark.parametrize("command", [["check", "scenes"], ["randomtest", "-n", "20"],
                                     ["graph"], ["words", "-n", "20"]])
def test_output_into_a_reader_that_closed_early_stops_quietly(command: list[str]) -> None:
    # `deconfliction-line check scenes | head -1`: head may go before the first line is
    # written; here the reader has closed before the program starts, so every write fails
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run([sys.executable, "-m", "game", *command], cwd=ROOT, stdout=writer,
                              stderr=subprocess.PIPE, text=True, timeout=120,
                              env={**os.environ, "DECONFLICTION_LINE_CACHE": "off"})
    finally:
        os.close(writer)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.stderr == ""
    assert done.returncode == 1  # as Python's documentation has it: EPIPE exits with 1


def test_the_guides_name_the_program_by_its_command() -> None:
    # `python -m game` runs a student's own game.py from the current folder: the guides
    # teach the console script (the README says once that `python -m game` works too)
    guides = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "benchmarks" / "README.md"]
    told = [f"{guide.name}:{number}" for guide in guides
            for number, line in enumerate(guide.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"python3? -m game\b(?!\.)", line)]
    assert told == []
