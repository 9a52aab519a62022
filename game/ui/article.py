"""The scenario's article read as the page a reader saw: headlines, photo caption, body,
subheadings, "More news" links and the footer. Pure functions, no pygame.

An aggregator page's parts are recognised by the genre's own conventions, not by anything
in one story: short unpunctuated lines at the top are the headline stack and the last one is
the footer ("Latest News"); "Photo |" starts a caption; "More news:" a link to elsewhere; a
short question between paragraphs is a subheading.
"""

from __future__ import annotations

import re
from typing import NamedTuple

QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                        "‘": "'", "’": "'", "‚": "'", "`": "'"})
CAPTION = re.compile(r"^(top\s+)?photo\s*\|", re.IGNORECASE)
MORE = re.compile(r"^more news\s*:", re.IGNORECASE)
HEADLINE_MOST = 160  # characters


class Part(NamedTuple):
    kind: str  # headline | caption | body | subhead | more | footer
    text: str


def _headline_like(text: str) -> bool:
    return len(text) <= HEADLINE_MOST and "\n" not in text and text[-1:] not in '.!?"\'”’:'


def page_parts(article: str) -> list[Part]:
    """The article's paragraphs, each with what it is on the page."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", article) if p.strip()]
    parts: list[Part] = []
    top = True
    for k, text in enumerate(paragraphs):
        last = k == len(paragraphs) - 1
        if top and _headline_like(text):
            parts.append(Part("headline", text))
            continue
        top = False
        if CAPTION.match(text):
            parts.append(Part("caption", text))
        elif MORE.match(text):
            parts.append(Part("more", text))
        elif last and _headline_like(text):
            parts.append(Part("footer", text))
        elif len(text) <= HEADLINE_MOST and text.endswith("?") and text.count(" ") < 12:
            parts.append(Part("subhead", text))
        else:
            parts.append(Part("body", text))
    return parts


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` with quote marks unified and white space folded, and for each character
    kept, its index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for k, ch in enumerate(text.translate(QUOTES)):
        if ch.isspace():
            space = bool(out)
            continue
        if space:
            out.append(" ")
            where.append(k - 1)
            space = False
        out.append(ch)
        where.append(k)
    return "".join(out), where


def find_quote(paragraph: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``paragraph`` (start, end), matched as the loader checks
    quotes: quote marks unified, white space folded. None when it is not there."""
    folded, where = _folded(paragraph)
    needle, _ = _folded(quote)
    if not needle:
        return None
    at = folded.find(needle)
    if at < 0:
        return None
    return where[at], where[at + len(needle) - 1] + 1
