"""``deconfliction-line report DIR [--out report.html] [--csv results.csv]``: the class report.

One self-contained HTML file (inline CSS, inline SVG charts, no scripts, nothing loaded
from anywhere) that a teacher opens in any browser, and a CSV with one row per session
for a spreadsheet. The figures come from :func:`class_report`, a pure function of the
sessions read, so tests check them against hand-computed values.
"""

from __future__ import annotations

import csv
import io
import math
import re
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TextIO

import jinja2

from game import __version__
from game.classroom import charts
from game.classroom.quiz import QuizAnswer, in_words, is_measurable, mean_difference
from game.classroom.quiz import detection as quiz_detection
from game.classroom.results import SessionRecord, read_results, visible
from game.engine.debrief import JUDGEMENTS
from game.engine.scoring import Detection
from game.i18n import tr

EXIT_OK = 0
EXIT_NO_RESULTS = 1
EXIT_USAGE = 2

CALL_ORDER = ("fact", "attributed", "hold", "reject")
CALL_LABELS = {"fact": "ran as fact", "attributed": "ran attributed", "hold": "held",
               "reject": "rejected"}
MISJUDGED_SHOWN = 6


# --- the figures ------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseSummary:
    """The class on one measure: each student's d′ and c, and their means."""

    d_primes: tuple[float, ...]
    criteria: tuple[float, ...]
    differences: tuple[float, ...]  # mean rating, reliable minus unreliable (quiz only)

    @property
    def students(self) -> int:
        return len(self.d_primes)

    @property
    def mean_d_prime(self) -> float | None:
        return statistics.fmean(self.d_primes) if self.d_primes else None

    @property
    def mean_criterion(self) -> float | None:
        return statistics.fmean(self.criteria) if self.criteria else None

    @property
    def mean_difference(self) -> float | None:
        return statistics.fmean(self.differences) if self.differences else None


@dataclass(frozen=True)
class StudentRow:
    record: SessionRecord
    before: Detection | None  # None when that quiz was not (measurably) answered
    after: Detection | None
    before_difference: float | None
    after_difference: float | None

    @property
    def label(self) -> str:
        return self.record.label

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after.d_prime - self.before.d_prime


@dataclass(frozen=True)
class SourceRow:
    """How the class treated one source's claims, and how those claims held up later."""

    source: str
    name: str
    calls: int  # first calls made on its claims, all students together
    runs: int  # of which ran it (as fact or attributed)
    claims: int  # its distinct claims that anyone called
    held_up: int  # of which later reporting supported

    @property
    def run_share(self) -> float:
        return charts.percent(self.runs, self.calls)

    @property
    def held_share(self) -> float:
        return charts.percent(self.held_up, self.claims)


@dataclass(frozen=True)
class ClaimRow:
    """One claim as a discussion starter: what the class did with it."""

    claim: str
    text: str
    source: str
    holds_up: bool
    judgement: str
    calls: dict[str, int]
    misjudged: int  # first calls graded error (first-edition files: by holds_up)
    errors: dict[str, int] = field(default_factory=dict)  # call -> first calls graded error

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    @property
    def misjudged_share(self) -> float:
        return charts.percent(self.misjudged, self.total)

    @property
    def mistake(self) -> str:
        """The call most often graded an error on this claim ("" if none was)."""
        made = [c for c in CALL_ORDER if self.errors.get(c)]
        return max(made, key=lambda c: self.errors[c]) if made else ""

    @property
    def usual_mistake(self) -> str:
        """The wrong call most often made: for the caption under the bar."""
        return CALL_LABELS.get(self.mistake, "")

    @property
    def question(self) -> str:
        """A discussion question aimed at the usual mistake."""
        if self.mistake == "fact":
            return tr("report.question_fact",
                      "Many ran it as fact. Who was saying it, and could the desk know that "
                      "night that it was true, or only that it had been said?")
        if self.mistake == "attributed":
            return tr("report.question_attributed",
                      "Many ran it with its source named. Did naming the source make it safe "
                      "here: was the speaker real, the quotation exact, the figure checked?")
        return tr("report.question_kept_out",
                  "Many kept it out. What made it look doubtful, and what would have shown "
                  "it could be run, at least with its source named?")


@dataclass(frozen=True)
class EndingRow:
    title: str
    count: int
    reached: bool  # False for the row of sessions not finished yet


@dataclass(frozen=True)
class VerifyPoint:
    """Students with the same hours verifying and the same game score: one dot, sized by count."""

    hours: int
    percent: int  # share of a careful desk's points
    labels: tuple[str, ...]

    @property
    def radius(self) -> float:
        return round(7.0 + 4.0 * math.sqrt(len(self.labels) - 1), 1)


@dataclass
class ClassReport:
    """Everything the report shows, computed from the sessions read."""

    sessions: list[SessionRecord]
    students: list[StudentRow]
    before: PhaseSummary
    after: PhaseSummary
    paired: PhaseSummary  # "after" for the students who did both quizzes
    paired_before: PhaseSummary  # "before" for the same students
    game: PhaseSummary
    sources: list[SourceRow]
    claims: list[ClaimRow]  # most often misjudged first
    endings: list[EndingRow]
    warnings: list[str] = field(default_factory=list)
    files_seen: int = 0
    flags: list[str] = field(default_factory=list)  # files used but to be looked at

    @property
    def classes(self) -> list[str]:
        return sorted({s.class_code for s in self.sessions})

    @property
    def finished(self) -> int:
        return sum(1 for s in self.sessions if s.finished)

    @property
    def scenario_title(self) -> str:
        """The story the class played, by its own title (its id for a file without one)."""
        if not self.sessions:
            return ""
        return self.sessions[0].scenario_title or self.sessions[0].scenario_id

    @property
    def quiz_phases(self) -> list[tuple[str, str, PhaseSummary]]:
        """The quiz rows to chart: students who did both quizzes, else whatever there is."""
        before = tr("report.before", "Before play")
        after = tr("report.after", "After play")
        if self.paired.students:
            return [("before", before, self.paired_before), ("after", after, self.paired)]
        rows = [("before", before, self.before), ("after", after, self.after)]
        return [row for row in rows if row[2].students]

    @property
    def quiz_size(self) -> int:
        """How many headlines a quiz had (the most common count of answers)."""
        sizes = Counter(len(s.before) for s in self.sessions if s.before)
        sizes.update(len(s.after) for s in self.sessions if s.after)
        return sizes.most_common(1)[0][0] if sizes else 0

    @property
    def changes(self) -> list[StudentRow]:
        """Students who did both quizzes, biggest gain first."""
        rows = [s for s in self.students if s.change is not None]
        return sorted(rows, key=lambda s: (-(s.change or 0.0), s.label))

    @property
    def misjudged(self) -> list[ClaimRow]:
        return [c for c in self.claims if c.misjudged][:MISJUDGED_SHOWN]

    @property
    def median_time_verifying(self) -> float | None:
        times = [p.hours for p in self.verify_points for _ in p.labels]
        return statistics.median(times) if times else None

    @property
    def verify_points(self) -> list[VerifyPoint]:
        """Hours verifying against the game score, for each session that made a call."""
        groups: dict[tuple[int, int], list[str]] = {}
        for s in self.sessions:
            if s.percent is not None and s.decisions:
                groups.setdefault((s.time_verifying, s.percent), []).append(s.label)
        return [VerifyPoint(hours, percent, tuple(labels))
                for (hours, percent), labels in sorted(groups.items())]

    @property
    def scored(self) -> list[SessionRecord]:
        """Sessions with a game score (at least one call made)."""
        return [s for s in self.sessions if s.percent is not None and s.decisions]

    @property
    def mean_game_percent(self) -> float | None:
        """The class's mean share of a careful desk's points."""
        scores = [s.percent for s in self.scored if s.percent is not None]
        return statistics.fmean(scores) if scores else None

    @property
    def first_edition_sessions(self) -> int:
        """Sessions read from first-edition results files (no grades on their calls)."""
        return sum(1 for s in self.sessions if s.decisions and s.first_edition)

    def call_errors(self, call: str) -> tuple[int, int]:
        """(graded errors, graded first calls) for one kind of call, the whole class."""
        made = [d for s in self.sessions for d in s.decisions if d.call == call and d.grade]
        return sum(1 for d in made if d.grade == "error"), len(made)


def _phase(answers: Sequence[QuizAnswer]) -> tuple[Detection | None, float | None]:
    d = quiz_detection(answers)
    return (d if is_measurable(d) else None), mean_difference(answers)


def _summary(detections: Sequence[Detection], differences: Sequence[float | None] = ()
             ) -> PhaseSummary:
    return PhaseSummary(tuple(d.d_prime for d in detections),
                        tuple(d.criterion for d in detections),
                        tuple(x for x in differences if x is not None))


def class_report(sessions: list[SessionRecord], warnings: list[str] | None = None,
                 files_seen: int = 0, flags: list[str] | None = None) -> ClassReport:
    """The class's figures: quiz before and after, each student, sources, claims, endings."""
    students = []
    for record in sessions:
        before, before_diff = _phase(record.before)
        after, after_diff = _phase(record.after)
        students.append(StudentRow(record, before, after, before_diff, after_diff))
    both = [s for s in students if s.before is not None and s.after is not None]

    by_source: dict[str, list[tuple[str, bool, bool]]] = {}
    names: dict[str, str] = {}
    by_claim: dict[str, list[tuple[str, bool]]] = {}
    claim_info: dict[str, tuple[str, str, bool, str]] = {}
    for record in sessions:
        names.update(record.source_names)
        for d in record.decisions:
            by_source.setdefault(d.source, []).append((d.claim, d.runs, d.holds_up))
            by_claim.setdefault(d.claim, []).append((d.call, d.misjudged))
            claim_info[d.claim] = (record.claim_text.get(d.claim, d.claim), d.source, d.holds_up,
                                   record.claim_judgement.get(d.claim, ""))
    sources = []
    for source, rows in by_source.items():
        distinct = {claim: holds for claim, _, holds in rows}
        sources.append(SourceRow(source, names.get(source, source), len(rows),
                                 sum(1 for _, runs, _ in rows if runs), len(distinct),
                                 sum(1 for holds in distinct.values() if holds)))
    sources.sort(key=lambda s: (-s.run_share, s.name))
    claims = []
    for claim, calls in by_claim.items():
        text, source, holds_up, judgement = claim_info[claim]
        tally = Counter(call for call, _ in calls)
        errors = Counter(call for call, wrong in calls if wrong)
        claims.append(ClaimRow(claim, text, names.get(source, source), holds_up,
                               tr(f"judgement.{judgement}", JUDGEMENTS.get(judgement, judgement)),
                               {c: tally.get(c, 0) for c in CALL_ORDER}, sum(errors.values()),
                               dict(errors)))
    claims.sort(key=lambda c: (-c.misjudged_share, -c.misjudged, c.claim))
    not_finished = tr("report.not_finished", "Not finished yet")
    endings = Counter(s.ending or not_finished for s in sessions)
    return ClassReport(
        sessions=sessions, students=students,
        before=_summary([s.before for s in students if s.before],
                        [s.before_difference for s in students if s.before]),
        after=_summary([s.after for s in students if s.after],
                       [s.after_difference for s in students if s.after]),
        paired_before=_summary([s.before for s in both if s.before],
                               [s.before_difference for s in both]),
        paired=_summary([s.after for s in both if s.after], [s.after_difference for s in both]),
        game=_summary([s.game for s in sessions if s.game and is_measurable(s.game)]),
        sources=sources, claims=claims,
        endings=[EndingRow(t, n, t != not_finished or any(s.ending == t for s in sessions))
                 for t, n in sorted(endings.items(), key=lambda kv: (-kv[1], kv[0]))],
        warnings=list(warnings or []), files_seen=files_seen, flags=list(flags or []),
    )


# --- the CSV ----------------------------------------------------------------------------

CSV_COLUMNS = (
    "session", "class", "nickname", "started", "updated", "finished", "scenario",
    "content_version", "game_version",
    "quiz_before_answers", "quiz_before_hits", "quiz_before_false_alarms", "quiz_before_d_prime",
    "quiz_before_c", "quiz_before_mean_difference",
    "quiz_after_answers", "quiz_after_hits", "quiz_after_false_alarms", "quiz_after_d_prime",
    "quiz_after_c", "quiz_after_mean_difference", "quiz_d_prime_change",
    "game_points", "game_max_points", "game_hits", "game_misses", "game_false_alarms",
    "game_correct_rejections", "game_d_prime", "game_c", "checks_done", "time_verifying",
    "ending", "game_percent", "game_best", "game_defensible", "game_errors", "score_edition",
    "flag",
)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value + 0.0:.3f}".replace("-0.000", "0.000")


# A cell starting with one of these is read as a formula by some spreadsheet program
# (OWASP's CSV injection list, with the full-width forms that some programs fold).
_FORMULA_START = frozenset("=+-@\t\r\n\x00\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _cell(text: str | None) -> str:
    """Text a spreadsheet shows as text, never as a formula.

    Hidden characters go first (control characters become spaces); then a cell whose
    first visible character is = + - @ (or a full-width one), or that started with a
    tab, CR, LF or NUL, gets a quote before it. A plain number such as -0.674 stays a
    number: it cannot be a formula.
    """
    if not text:
        return ""
    risky = text[0] in _FORMULA_START
    text = visible(text)
    if (risky or text.lstrip()[:1] in _FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _grades_cells(record: SessionRecord) -> list[str]:
    """game_percent, game_best, game_defensible, game_errors, score_edition."""
    if not record.decisions:
        return [""] * 5
    percent = "" if record.percent is None else str(record.percent)
    if record.first_edition:
        return [percent, "", "", "", "first"]
    return [percent, *(str(record.graded(g)) for g in ("best", "defensible", "error")), "2"]


def csv_text(report: ClassReport) -> str:
    """One row per session, in CSV_COLUMNS order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.students:
        r = row.record
        quiz: list[str] = []
        for answers, d, diff in ((r.before, row.before, row.before_difference),
                                 (r.after, row.after, row.after_difference)):
            quiz += [str(len(answers)), str(d.hits) if d else "", str(d.false_alarms) if d else "",
                     _number(d.d_prime if d else None), _number(d.criterion if d else None),
                     _number(diff)]
        g = r.game
        game = ([str(r.points), str(r.max_points), str(g.hits), str(g.misses),
                 str(g.false_alarms), str(g.correct_rejections),
                 _number(g.d_prime if is_measurable(g) else None),
                 _number(g.criterion if is_measurable(g) else None)]
                if g is not None else [""] * 8)
        cells = [r.id, r.class_code, r.nickname, r.started, r.updated,
                 "yes" if r.finished else "no", r.scenario_id, r.content_version,
                 r.game_version, *quiz, _number(row.change), *game, str(r.checks_done),
                 str(r.time_verifying), r.ending, *_grades_cells(r), r.flag]
        writer.writerow([_cell(cell) for cell in cells])  # every cell: none can be a formula
    return out.getvalue()


# --- the HTML ---------------------------------------------------------------------------

def _template_source(name: str) -> str:
    """A template of this package (report.html), read through the package so that a zipped
    install finds it too: there is no folder beside this file to point a FileSystemLoader at."""
    return resources.files("game.classroom").joinpath(name).read_text(encoding="utf-8")


def fixed(value: float | None, places: int = 2) -> str:
    """A figure as the report prints it: fixed places, no "-0.00", a dash when missing."""
    if value is None:
        return "–"
    text = f"{value:.{places}f}"
    return text[1:] if text.startswith("-") and text.strip("-0.") == "" else text


def signed(value: float | None, places: int = 2) -> str:
    if value is None:
        return "–"
    text = fixed(value, places)
    return text if text.startswith("-") else "+" + text


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_template_source),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = fixed
    env.filters["signed"] = signed
    env.globals["tr"] = tr
    return env


def _axes(report: ClassReport) -> dict[str, charts.Axis]:
    d_values = [*report.before.d_primes, *report.after.d_primes]
    c_values = [*report.before.criteria, *report.after.criteria]
    c_reach = max([1.5, *(abs(c) for c in c_values)])
    times = [p.hours for p in report.verify_points]
    return {
        "d": charts.padded_axis(d_values, -0.5, 3.0),
        "c": charts.padded_axis(c_values, -c_reach, c_reach),
        "share": charts.Axis(0.0, 100.0),
        "score": charts.Axis(0.0, 100.0),
        "time": charts.padded_axis(times, 0.0, 4.0, step=2.0),
        "endings": charts.Axis(0.0, max([1, *(e.count for e in report.endings)])),
    }


def render_html(report: ClassReport, generated: str | None = None) -> str:
    """The report page, from report.html (this package's data) with autoescaping on."""
    template = _environment().get_template("report.html")
    return template.render(
        r=report, axes=_axes(report), charts=charts, in_words=in_words, measurable=is_measurable,
        call_order=CALL_ORDER, call_labels=CALL_LABELS,
        generated=generated or datetime.now().strftime("%Y-%m-%d %H:%M"),
        version=__version__,
    )


def summary_line(report: ClassReport, out_name: str) -> str:
    before, after = report.paired_before.mean_d_prime, report.paired.mean_d_prime
    quiz = ""
    if before is not None and after is not None:
        quiz = tr("report.summary_quiz", "; quiz d′ {before:.2f} → {after:.2f} ({n} students)",
                  before=before, after=after, n=report.paired.students)
    game = report.mean_game_percent
    if game is not None:
        quiz += tr("report.summary_game", "; game score {percent:.0f}% ({n} students)",
                   percent=game, n=len(report.scored))
    skipped = len(report.warnings)
    return tr("report.summary", "{out}: {n} sessions from class {classes} ({finished} finished), "
              "{skipped}{quiz}",
              out=out_name, n=len(report.sessions), classes=", ".join(report.classes),
              finished=report.finished, quiz=quiz,
              skipped=tr("report.skipped_one", "1 file skipped") if skipped == 1 else
              tr("report.skipped", "{n} files skipped", n=skipped))


def run(folder: str, out: str = "report.html", csv_path: str | None = None,
        stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Make the report; 0 done, 1 no readable results, 2 the folder is not a folder."""
    from game.storage import atomic_write_bytes

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if not Path(folder).is_dir():
        print(tr("report.no_folder", "error: {folder} is not a folder", folder=folder),
              file=stderr)
        return EXIT_USAGE
    found = read_results(folder)
    for warning in found.warnings:
        print(tr("report.warning", "warning: skipped {warning}", warning=warning), file=stderr)
    for flag in found.flags:
        print(tr("report.flag", "warning: {flag}", flag=flag), file=stderr)
    if not found.sessions:
        print(tr("report.no_results", "error: no readable results in {folder} ({n} files looked "
                 "at)", folder=folder, n=found.files_seen), file=stderr)
        return EXIT_NO_RESULTS
    report = class_report(found.sessions, found.warnings, found.files_seen, found.flags)
    try:
        atomic_write_bytes(Path(out), render_html(report).encode("utf-8"))
        if csv_path:
            # utf-8-sig: spreadsheet programs then read accented nicknames correctly
            atomic_write_bytes(Path(csv_path), csv_text(report).encode("utf-8-sig"))
    except OSError as exc:
        print(tr("report.cannot_write", "error: cannot write the report ({why})",
                 why=exc.strerror or exc), file=stderr)
        return EXIT_USAGE
    print(summary_line(report, out), file=stdout)
    return EXIT_OK
