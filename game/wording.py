"""The score and the notebook in plain words, for every presenter: pure functions, no pygame.

The window and the terminal both explain the signal-detection figures with these
sentences, which a student can read aloud: how many claims that held up were run, how
many that did not were kept out, and what d′ and c mean for this player.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.debrief import call_label
from game.engine.model import Call, Check, Claim, Scenario, Source
from game.engine.scoring import Score, first_calls
from game.engine.state import State
from game.i18n import tr


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _signed(value: float) -> str:
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text


def detection_sentence(result: Score) -> str:
    """"You ran 5 of the 6 claims that held up and kept out 4 of the 5 that did not."""
    d = result.detection
    signal = d.hits + d.misses
    noise = d.false_alarms + d.correct_rejections
    if signal == 0 and noise == 0:
        return tr("score.no_calls", "You made no call on any claim, so there is nothing to score.")
    ran = tr("score.ran", "You ran {hits} of the {signal} {claims} that held up",
             hits=d.hits, signal=signal, claims=_plural(signal, "claim", "claims"))
    if signal and noise:
        return ran + tr("score.and_kept", " and kept out {kept} of the {noise} that did not.",
                        kept=d.correct_rejections, noise=noise)
    if signal:
        return ran + tr("score.all_held", " (every claim you called held up).")
    return tr("score.kept_out", "You kept out {kept} of the {noise} {claims} that did not hold "
              "up (none of the claims you called held up).", kept=d.correct_rejections,
              noise=noise, claims=_plural(noise, "claim", "claims"))


def discernment_sentence(result: Score) -> str:
    """d′ in words."""
    value = result.detection.d_prime
    if value < 0:
        judged = tr("score.d_negative", "you trusted what failed more often than what held up")
    elif value < 0.5:
        judged = tr("score.d_low", "about what blanket trust, blanket doubt or guessing gives")
    elif value < 1.5:
        judged = tr("score.d_fair", "your trust followed reliability fairly well")
    else:
        judged = tr("score.d_high", "your trust followed reliability closely")
    return tr("score.d_prime",
              "Discernment d′ = {value}: {judged}. d′ measures how far your trust followed "
              "what held up; 0 is chance, 1 is good, 2 or more is sharp.",
              value=_signed(value).lstrip("+"), judged=judged)


def criterion_sentence(result: Score) -> str:
    """c in words."""
    value = result.detection.criterion
    if value > 0.25:
        lean = tr("score.c_doubt", "you leaned towards doubt, keeping out some claims that held up")
    elif value < -0.25:
        lean = tr("score.c_trust", "you leaned towards trust, running some claims that did not")
    else:
        lean = tr("score.c_balanced", "you were balanced between trust and doubt")
    return tr("score.criterion",
              "Leaning c = {value}: {lean}. Above 0 leans to doubt, below 0 to trust; "
              "near 0 is even-handed.", value=_signed(value), lean=lean)


def points_sentence(result: Score) -> str:
    text = tr("score.points", "Points: {points} of {most} ({percent}%).",
              points=result.points, most=result.max_points, percent=result.percent)
    if result.checks_done:
        text += " " + tr("score.checks", "You made {n} {checks}, spending {hours} h verifying.",
                         n=result.checks_done,
                         checks=_plural(result.checks_done, "check", "checks"),
                         hours=result.time_verifying)
    else:
        text += " " + tr("score.no_checks", "You made no checks.")
    return text


def score_lines(result: Score, claims: list[Claim]) -> list[str]:
    """The whole score in words, first line the headline: counts, d′, c, points, disputes."""
    d = result.detection
    counts = tr("score.counts", "In signal-detection terms: {hits} hits, {misses} misses, "
                "{fa} false alarms and {cr} correct rejections.", hits=d.hits, misses=d.misses,
                fa=d.false_alarms, cr=d.correct_rejections)
    lines = [detection_sentence(result), counts, discernment_sentence(result),
             criterion_sentence(result), points_sentence(result)]
    note = disputed_note(claims)
    return [*lines, note] if note else lines


def disputed_note(claims: list[Claim]) -> str:
    """Where later reports still disagree, say there is no agreed answer."""
    if not any(claim.judgement == "disputed" for claim in claims):
        return ""
    return tr("score.disputed",
              "Later reports still disagree on some of this: there is no agreed figure. "
              "The lesson is how each claim was weighed, not a verdict on the number.")


@dataclass(frozen=True)
class NotebookEntry:
    """A claim met so far, as the notebook shows it during play (no judgement yet)."""

    claim: Claim
    source: Source
    call: str  # the player's call in words
    checks: tuple[Check, ...]  # verifications done while this claim was on the desk


def notebook(scenario: Scenario, state: State) -> list[NotebookEntry]:
    """Every claim met, with its source, the player's call and the checks done around it."""
    first = first_calls(state)
    entries = []
    for claim_id in state.met:
        claim = scenario.claims[claim_id]
        chosen = first.get(claim_id)
        call = call_label(chosen) if chosen else tr("notebook.no_call", "No call yet")
        last = str(state.vars.get(f"verdict.{claim_id}", ""))
        if claim_id in first and last and last != first[claim_id].value:
            call += " · " + tr("notebook.revised", "then: {call}", call=call_label(Call(last)))
        entries.append(NotebookEntry(claim, scenario.sources[claim.source], call,
                                     checks_near(scenario, state, claim_id=claim_id)))
    return entries


def checks_near(scenario: Scenario, state: State, *, claim_id: str = "",
                source_id: str = "") -> tuple[Check, ...]:
    """Checks done in a scene where this claim (or source) was on the desk."""
    found: dict[str, Check] = {}
    for step in state.history:
        if not step.verify or step.verify not in scenario.checks:
            continue
        scene = scenario.scenes.get(step.scene)
        if scene is None:
            continue
        if (claim_id and claim_id in scene.claims) or (source_id and source_id in scene.sources):
            found[step.verify] = scenario.checks[step.verify]
    return tuple(found.values())
