#!/usr/bin/env bash
# The package as users get it: build the sdist and the wheel (the wheel from the sdist, as pip
# does), install the wheel into a fresh venv, and use it from an empty folder far from the
# checkout, so nothing can be found through the source tree. Fails if the story, the article,
# the fonts or the report template did not make it into the package.
#
#   bash .ci/wheel_smoke.sh            (PYTHON=python3.12 picks another interpreter)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy NO_COLOR=1
export DECONFLICTION_LINE_DATA="$work/data" DECONFLICTION_LINE_CACHE="$work/cache"
unset DECONFLICTION_LINE_SCENES

step() { printf '\n== wheel smoke: %s\n' "$*"; }

step "build the sdist, and the wheel from it"
"$python" -m venv "$work/build-env"
"$work/build-env/bin/pip" install -q build
"$work/build-env/bin/python" -m build --outdir "$work/dist" "$repo"
wheel="$(ls "$work"/dist/*.whl)"
sdist="$(ls "$work"/dist/*.tar.gz)"
"$work/build-env/bin/python" - "$wheel" "$sdist" <<'PY'
import os, sys, tarfile, zipfile
wheel, sdist = sys.argv[1:3]
archive = zipfile.ZipFile(wheel)
in_wheel = archive.namelist()
metadata = archive.read(next(n for n in in_wheel if n.endswith(".dist-info/METADATA"))).decode()
entry_points = archive.read(next(n for n in in_wheel if n.endswith("entry_points.txt"))).decode()
in_sdist = ["/".join(n.split("/")[1:]) for n in tarfile.open(sdist).getnames()]
need_wheel = ["game/_content/scenes/scenario.yaml", "game/_content/assets/article.txt",
              "game/_content/assets/fonts/NotoSans-Regular.ttf", "game/_content/assets/sounds/click.wav",
              "game/engine/scenario.schema.json", "game/classroom/results.schema.json",
              "game/classroom/report.html"]
need_sdist = ["scenes/scenario.yaml", "assets/article.txt", "assets/fonts/NotoSans-Regular.ttf",
              "LICENSE", "pyproject.toml", "game/classroom/report.html"]
missing = [f"wheel: {n}" for n in need_wheel if n not in in_wheel]
missing += [f"sdist: {n}" for n in need_sdist if n not in in_sdist]
missing += [f"wheel: {n}" for n in ("dist-info/licenses/LICENSE", "dist-info/licenses/assets/fonts/OFL.txt")
            if not any(name.endswith(n) for name in in_wheel)]
missing += [f"metadata: {line}" for line in ("License-Expression: MIT",
                                             "Classifier: Intended Audience :: Education",
                                             "Classifier: Topic :: Games/Entertainment")
            if line not in metadata.splitlines()]
missing += [f"entry point: {name}" for name in ("deconfliction-line = game.cli:main",
                                                "deconfliction-line-window = game.cli:main")
            if name not in entry_points]
for name in missing:
    print(f"missing from the package: {name}", file=sys.stderr)
print(f"wheel: {len(in_wheel)} files, {os.path.getsize(wheel):,} bytes "
      f"({sum(i.file_size for i in archive.infolist()):,} unpacked); "
      f"sdist: {len(in_sdist)} entries, {os.path.getsize(sdist):,} bytes")
sys.exit(1 if missing else 0)
PY

step "install the wheel into a fresh venv"
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$wheel"
game="$work/venv/bin/deconfliction-line"
mkdir "$work/elsewhere"
cd "$work/elsewhere"

step "--version"
"$game" --version | tee "$work/version.txt"
grep -q '^deconfliction-line [0-9]' "$work/version.txt"

step "check"
"$game" check

# A player who types 1, 2, ... 9 over and over, starting at FIRST: a number not on offer (or not
# available) is asked again, so each prompt is answered by the next number that works.
answers() {  # answers FIRST [NICKNAME]
  "$work/venv/bin/python" -c '
import sys
first, nickname = int(sys.argv[1]), sys.argv[2:]
cycle = [str((first - 1 + i) % 9 + 1) for i in range(9)]
print("\n".join(nickname + cycle * 400))' "$@"
}

step "play --text to an ending, with piped input"
answers 1 | "$game" play --text --seed 7 > "$work/play.txt"
tail -n 5 "$work/play.txt"
grep -q '^The end: ' "$work/play.txt" || { echo "play --text reached no ending" >&2; exit 1; }

step "randomtest"
"$game" randomtest -n 200 > "$work/randomtest.txt"
tail -n 1 "$work/randomtest.txt"

step "three students in the terminal's classroom route, then the class report"
for student in 1 2 3; do
  answers "$((student * 3))" "student$student" \
    | "$game" play --text --class 9C --results "$work/results" --seed "$student" \
    > "$work/class$student.txt"
  grep -q '^The end: ' "$work/class$student.txt" || { echo "student $student reached no ending" >&2; exit 1; }
done
"$game" report "$work/results" --out report.html --csv results.csv | tee "$work/report.txt"
grep -q '3 sessions from class 9C (3 finished)' "$work/report.txt"
grep -q '<html' report.html
test "$(wc -l < results.csv)" -eq 4

step "passed"
