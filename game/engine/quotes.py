"""Where a quote that is not verbatim comes closest in the article, for DL014's message."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class NearMiss:
    """The article's passage most like a quote, and the first word where they part."""

    passage: str  # as many words of the article as the quote has, from the best start
    word: int  # 1-based position of the first differing word in the quote
    article_word: str  # "" when the article ends first
    quote_word: str


def _key(word: str) -> str:
    """A word for finding candidates: case and surrounding punctuation do not count here."""
    return word.strip(".,;:!?\"'()[]").casefold()


class Article:
    """An article's words (already normalised), indexed once for many near-miss searches."""

    def __init__(self, normalized: str) -> None:
        self.words = normalized.split()
        self._where: dict[str, list[int]] | None = None

    def _index(self) -> dict[str, list[int]]:
        if self._where is None:
            where: dict[str, list[int]] = {}
            for position, word in enumerate(self.words):
                where.setdefault(_key(word), []).append(position)
            self._where = where
        return self._where

    def near_miss(self, normalized_quote: str) -> NearMiss | None:
        """The closest passage: the start where most of the quote's words line up.

        Each quote word found in the article votes for the start that would put it in
        place; the start with most votes wins (the earliest on a tie). None when no
        word of the quote is in the article at all.
        """
        quote = normalized_quote.split()
        if not quote or not self.words:
            return None
        index = self._index()
        votes: Counter[int] = Counter()
        for offset, word in enumerate(quote):
            for position in index.get(_key(word), ()):
                start = position - offset
                if 0 <= start < len(self.words):
                    votes[start] += 1
        if not votes:
            return None
        top = max(votes.values())
        start = min(s for s, n in votes.items() if n == top)
        passage = self.words[start:start + len(quote)]
        for offset, word in enumerate(quote):
            theirs = passage[offset] if offset < len(passage) else ""
            if theirs != word:
                return NearMiss(" ".join(passage), offset + 1, theirs, word)
        return None  # pragma: no cover - a verbatim quote has no near miss
