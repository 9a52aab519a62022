"""Reading a classroom results folder: every usable session, and a warning for each file skipped.

Nothing here is fatal. A file that is damaged, not a session, from another results
format, or from other content than most of the class played, is skipped with a warning
that names it. The folder is only read: files are never moved, so a report can be
made while students are still playing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.classroom.quiz import QuizAnswer, answers_from
from game.classroom.results_file import (
    MAX_FILE_BYTES,
    SCHEMA_PATH,
    SkippedFile,
    parse_session,
)
from game.engine.scoring import Detection
from game.i18n import tr

__all__ = ["MAX_FILE_BYTES", "SCHEMA_PATH", "ResultsFolder", "SessionRecord", "SkippedFile",
           "parse_session", "read_results", "record_from"]


@dataclass(frozen=True)
class Decision:
    """A claim's first call in one session (the one that counts in class, as in scoring)."""

    claim: str
    call: str
    source: str
    holds_up: bool
    grade: str | None = None  # "best", "defensible" or "error"; None in first-edition files

    @property
    def runs(self) -> bool:
        return self.call in ("fact", "attributed")

    @property
    def misjudged(self) -> bool:
        """An error: by the call's grade, or in a first-edition file (no grades) a miss
        (keeping out what held up) or a false alarm (running what did not)."""
        if self.grade is not None:
            return self.grade == "error"
        return self.runs != self.holds_up


@dataclass(frozen=True)
class SessionRecord:
    """One session as the report reads it."""

    id: str
    class_code: str
    nickname: str | None
    file: str
    scenario_id: str
    content_version: str
    fingerprint: str
    game_version: str
    started: str
    updated: str
    finished: bool
    before: tuple[QuizAnswer, ...]
    after: tuple[QuizAnswer, ...]
    decisions: tuple[Decision, ...]
    claim_text: dict[str, str]
    claim_judgement: dict[str, str]
    source_names: dict[str, str]
    checks: tuple[str, ...]
    ending: str | None
    ending_kind: str | None
    game: Detection | None
    points: int | None
    max_points: int | None
    time_verifying: int
    checks_done: int
    scenario_title: str = ""  # the story's own title, for the report's heading

    @property
    def first_edition(self) -> bool:
        """Its calls carry no grades: written before format 2 graded every call. The
        report shows its stored points, marked "first edition score"."""
        return any(d.grade is None for d in self.decisions)

    @property
    def percent(self) -> int | None:
        """The share of the most a careful desk could earn, 0-100 (never below 0)."""
        if self.points is None or not self.max_points:
            return None
        return round(100 * max(self.points, 0) / self.max_points)

    def graded(self, grade: str) -> int:
        """How many first calls earned this grade (0 in a first-edition file)."""
        return sum(1 for d in self.decisions if d.grade == grade)

    @property
    def label(self) -> str:
        """How the report names the student: the nickname, else the start of the anonymous id."""
        return self.nickname or tr("report.anonymous", "anon-{short}", short=self.id[:6])


def record_from(data: dict[str, Any], file: str) -> SessionRecord:
    claims = data["claims"]
    first: dict[str, Decision] = {}
    for row in data["decisions"]:
        claim, call = row["claim"], row["call"]
        if claim and call and claim not in first and claim in claims:
            graded = claims[claim].get("grades") or {}
            first[claim] = Decision(claim, call, claims[claim]["source"],
                                    bool(claims[claim]["holds_up"]), graded.get(call))
    score = data["score"]
    game = None
    if score is not None:
        game = Detection(score["hits"], score["misses"], score["false_alarms"],
                         score["correct_rejections"])
    ending = data["ending"]
    return SessionRecord(
        id=data["id"], class_code=data["class"], nickname=data["nickname"], file=file,
        scenario_id=data["scenario"]["id"], scenario_title=data["scenario"]["title"],
        content_version=data["scenario"]["version"],
        fingerprint=data["scenario"]["fingerprint"], game_version=data["game_version"],
        started=data["started"], updated=data["updated"], finished=data["finished"] is not None,
        before=tuple(answers_from(data["quiz"]["before"])),
        after=tuple(answers_from(data["quiz"]["after"])),
        decisions=tuple(first.values()),
        claim_text={k: v["text"] for k, v in claims.items()},
        claim_judgement={k: v["judgement"] for k, v in claims.items()},
        source_names=dict(data["sources"]),
        checks=tuple(data["checks"]),
        ending=ending["title"] if ending else None,
        ending_kind=ending["kind"] if ending else None,
        game=game,
        points=score["points"] if score else None,
        max_points=score["max_points"] if score else None,
        time_verifying=score["time_verifying"] if score else 0,
        checks_done=score["checks_done"] if score else len(data["checks"]),
    )


@dataclass
class ResultsFolder:
    """What a folder held: the sessions the report uses, and why others were skipped."""

    sessions: list[SessionRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_seen: int = 0


def read_results(folder: str | Path) -> ResultsFolder:
    """Every usable session in ``folder`` (its ``*.json`` files), oldest first.

    Sessions of content other than the one most of the folder played (another scenario,
    or another version of it) are skipped: their claims cannot be compared.
    """
    found = ResultsFolder()
    parsed: list[SessionRecord] = []
    for path in sorted(Path(folder).glob("*.json")):
        if not path.is_file():
            continue
        found.files_seen += 1
        try:
            raw = path.read_bytes()
            parsed.append(record_from(parse_session(path, raw), path.name))
        except OSError as exc:
            found.warnings.append(tr("results.unreadable", "{name}: cannot be read ({why})",
                                     name=path.name, why=exc.strerror or exc))
        except SkippedFile as exc:
            found.warnings.append(str(exc))
        except (KeyError, TypeError, ValueError) as exc:  # valid shape, nonsense inside
            found.warnings.append(tr("results.inconsistent", "{name}: damaged ({why})",
                                     name=path.name, why=exc))
    if not parsed:
        return found
    content = Counter((r.scenario_id, r.content_version) for r in parsed)
    (main_id, main_version), _ = max(content.items(), key=lambda kv: (kv[1], kv[0]))
    by_id: dict[str, SessionRecord] = {}
    for record in parsed:
        if (record.scenario_id, record.content_version) != (main_id, main_version):
            found.warnings.append(tr(
                "results.other_content",
                "{name}: played on other content ({scenario} version {version}; most of the "
                "class played {main} version {main_version})",
                name=record.file, scenario=record.scenario_id, version=record.content_version,
                main=main_id, main_version=main_version))
            continue
        earlier = by_id.get(record.id)
        if earlier is not None:  # a copied file: keep the more recent
            newer, older = sorted((earlier, record), key=lambda r: r.updated, reverse=True)
            found.warnings.append(tr("results.duplicate",
                                     "{name}: same session as {other}; using the newer one",
                                     name=older.file, other=newer.file))
            by_id[record.id] = newer
        else:
            by_id[record.id] = record
    found.sessions = sorted(by_id.values(), key=lambda r: (r.started, r.id))
    return found
