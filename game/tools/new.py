"""``deconfliction-line new DIR``: a small, complete starter scenario that checks clean.

It has what every scenario needs and nothing it does not: a head file (title, premise,
article, first scene, time budget, one source, one lesson, one variable), one claim
with every call graded and one check, three scenes (a desk, a side trip, the page going
out) and two endings, and an article stub that the claim quotes. Each file's first line
points the YAML language server at the installed schema, so an editor completes and
checks every key wherever the folder lives. Edit it into your own story.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TextIO

from game.cli import invoked_as
from game.i18n import tr
from game.storage import atomic_write_bytes
from game.tools.schema import schema_line, schema_path

ARTICLE = """\
Riverside Library to reopen after flood

The town council said on Thursday that the library will reopen on Monday, a week after
floodwater reached its ground floor. A post shared by a parents' group said the building
would stay shut until the summer.

(This is a stub: replace it with the article your scenario is built on. Every claim's
'quote' must appear in it word for word.)
"""

HEAD = """\
{schema}
# The scenario's head. Every key is described in the schema: your editor shows the
# description and an example as you type. The guide is docs/authoring.md.
scenario:
  id: {id}
  title: {title}
  premise: >-
    A flood closed the town library last week. Tonight you decide what the paper
    says about when it reopens.
  format: 2
  article: article.txt
  start: desk
  time: 2            # hours; it does not reset by itself (set it in a scene's effects)

variables:
  careful: false     # set by the careful call, read by the route to the endings

lessons:
  - id: who_can_know
    title: Ask who is in a position to know
    technique: Before running a claim, ask what access its source had.

sources:
  - id: council
    name: Riverside Town Council
    kind: official
    who: The council that owns and runs the library.
    access: Its own surveyors inspected the building.
    interest: Showing the town that its services are back to normal.
"""

CLAIMS = """\
{schema}
claims:
  - id: reopens_monday
    source: council
    text: The library reopens on Monday.
    quote: will reopen on Monday
    judgement: supported
    holds_up: true
    lessons: [who_can_know]
    note: >-
      The council runs the building and had it inspected; saying who gave the date lets
      readers judge the promise for themselves.
    grades:
      fact:
        grade: defensible
        why: The council is in a position to know, but a date is a promise, not a fact yet.
        response: The news editor asks who set the date.
      attributed:
        grade: best
        why: Readers see who promised the date and can weigh it.
        response: The news editor nods and moves on.
      hold:
        grade: defensible
        why: Safe, but the council's statement is news in itself.
        response: "'Fine, but the radio will have it at seven.'"
      reject:
        grade: error
        why: An on-the-record statement by the library's owner is news.
        response: A reader writes in to ask why the paper said nothing.

checks:
  - id: call_council
    title: Call the council's press office
    finding: The press office says its surveyors signed the building off this afternoon.
    lessons: [who_can_know]
"""

SCENES = """\
{schema}
scenes:
  - id: desk
    title: The night desk
    day: Thursday
    deadline: 22:00
    text:
      - The council's statement is on your screen. You have {{time|hour|hours}} left.
      - if: checked.call_council
        text: The press office's answer is in your notes.
    sources: [council]
    claims: [reopens_monday]
    choices:
      - id: call
        text: Call the council's press office (1 h)
        cost: 1
        once: true
        verify: call_council
        visit: phone
      - id: attributed
        text: Run it attributed ("the council says")
        verdict: {{claim: reopens_monday, call: attributed}}
        effects: ["careful = true"]
        goto: published
      - id: fact
        text: Run it as fact
        verdict: {{claim: reopens_monday, call: fact}}
        goto: published
      - id: hold
        text: Hold it until the morning
        verdict: {{claim: reopens_monday, call: hold}}
        goto: published

  - id: phone
    title: On the phone
    text: The press office picks up on the third ring.
    sources: [council]
    choices:
      - id: back
        text: Back to the desk
        back: true

  - id: published
    title: The page goes out
    text: The page is sent at {{time|hour|hours}} to spare.
    route:
      - if: careful
        goto: end.clear
      - goto: end.questions

  - id: end.clear
    text: Readers know who promised Monday.
    ending: {{title: Clear copy, kind: careful}}

  - id: end.questions
    text: Readers write in to ask who said what.
    ending: {{title: Questions in the morning, kind: mixed}}
"""


def _scenario_id(folder: Path) -> str:
    """An id from the folder's name: lower-case letters, digits and underscores."""
    words = re.sub(r"[^a-z0-9]+", "_", folder.resolve().name.lower()).strip("_")
    return words if words[:1].isalpha() else f"story_{words}".rstrip("_")


def run(folder: str, out: TextIO | None = None) -> int:
    """Write the starter into ``folder`` (new or empty); 1 if it has files already."""
    out = out or sys.stdout
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(tr("new.not_empty", "new: {path} is not an empty folder; choose a new one",
                 path=folder), file=sys.stderr)
        return 1
    line = schema_line(schema_path())
    ident = _scenario_id(target)
    title = ident.replace("_", " ").capitalize()
    files = {
        "scenario.yaml": HEAD.format(schema=line, id=ident, title=title),
        "claims.yaml": CLAIMS.format(schema=line),
        "scenes.yaml": SCENES.format(schema=line),
        "article.txt": ARTICLE,
    }
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            atomic_write_bytes(target / name, text.encode("utf-8"))
    except OSError as exc:
        print(tr("new.cannot_write", "new: cannot write in {path}: {error}", path=folder,
                 error=exc.strerror or exc), file=sys.stderr)
        return 1
    print(tr("new.done", "Wrote a starter scenario in {path}: {files}.\n"
             "Check it:  {prog} check {path}\n"
             "Play it:   {prog} --scenes {path} play --text",
             prog=invoked_as(), path=folder, files=", ".join(files)), file=out)
    return 0
