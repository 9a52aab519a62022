"""Reading a classroom results folder: every usable session, and a warning for each file skipped.

Nothing here is fatal. A file that is damaged, not a session, from another results
format, or from other content than most of the class played, is skipped with a warning
that names it. The folder is only read: files are never moved, so a report can be
made while students are still playing.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from game.classroom.quiz import QuizAnswer, answers_from
from game.classroom.session import RESULTS_FORMAT, RESULTS_KIND
from game.engine.scoring import Detection
from game.i18n import tr

SCHEMA_PATH = Path(__file__).with_name("results.schema.json")
MAX_FILE_BYTES = 4 * 1024 * 1024  # a session is a few kilobytes; anything huge is not one


class SkippedFile(Exception):
    """A results file that cannot be used; the message says why, in plain words."""


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def parse_session(path: Path, raw: bytes) -> dict[str, Any]:
    """A results file's content, checked against the schema; SkippedFile says why not."""
    if len(raw) > MAX_FILE_BYTES:
        raise SkippedFile(tr("results.too_big", "{name}: too large to be a results file",
                             name=path.name))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SkippedFile(tr("results.damaged", "{name}: damaged (not complete JSON)",
                             name=path.name)) from None
    if not isinstance(data, dict) or data.get("kind") != RESULTS_KIND:
        raise SkippedFile(tr("results.not_session",
                             "{name}: not a Deconfliction Line results file", name=path.name))
    if data.get("format") != RESULTS_FORMAT:
        raise SkippedFile(tr("results.other_format",
                             "{name}: written by another version of the game (results format "
                             "{found!r}; this version reads {wanted})",
                             name=path.name, found=data.get("format"), wanted=RESULTS_FORMAT))
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise SkippedFile(tr("results.invalid", "{name}: damaged ({where}: {message})",
                             name=path.name, where=where, message=error.message))
    return data


@dataclass(frozen=True)
class Decision:
    """A claim's first call in one session (the one that counts in class, as in scoring)."""

    claim: str
    call: str
    source: str
    holds_up: bool

    @property
    def runs(self) -> bool:
        return self.call in ("fact", "attributed")

    @property
    def misjudged(self) -> bool:
        """A miss (doubting what held up) or a false alarm (running what did not)."""
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
    def label(self) -> str:
        """How the report names the student: the nickname, else the start of the anonymous id."""
        return self.nickname or tr("report.anonymous", "anon-{short}", short=self.id[:6])


def record_from(data: dict[str, Any], file: str) -> SessionRecord:
    claims = data["claims"]
    first: dict[str, Decision] = {}
    for row in data["decisions"]:
        claim, call = row["claim"], row["call"]
        if claim and call and claim not in first and claim in claims:
            first[claim] = Decision(claim, call, claims[claim]["source"],
                                    bool(claims[claim]["holds_up"]))
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
