"""Finding a rule's cue words in a sentence: exact phrases with ``*`` wildcards, and fuzzy via rapidfuzz."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

_DASHES = str.maketrans({"-": " ", "–": " ", "—": " ", "‐": " ", "‑": " ", "’": "'", "\u00a0": " "})
_WORDS = re.compile(r"[\w']+")
FUZZY_MIN_LENGTH = 7


def fold(text: str) -> str:
    """Lower case, dashes as spaces, curly apostrophes straight: same length as ``text``, so offsets hold."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few capitals lower to two characters ("İ"): keep those as they are
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return lowered.translate(_DASHES)


@dataclass(frozen=True)
class Cue:
    """One cue phrase of a rule: ``"NATO-Russia Council"``, ``"amass*"``, ``"build up"``."""

    phrase: str
    pattern: re.Pattern[str]
    fuzzy_text: str | None
    literal: str = ""  # the longest plain word of the phrase: absent from a sentence, the pattern cannot match
    anchors: tuple[str, ...] = ()  # a misspelt phrase of several words keeps at least one of these intact

    @classmethod
    def compile(cls, phrase: str, fuzzy: int) -> Cue:
        words = fold(phrase).split()
        parts = [re.escape(w.rstrip("*")) + (r"[\w']*" if w.endswith("*") else "") for w in words]
        pattern = re.compile(r"(?<![\w'])" + r"\s+".join(parts) + r"(?![\w])" if parts else r"(?!x)x")
        plain = " ".join(words)
        use_fuzzy = fuzzy > 0 and "*" not in phrase and len(plain) >= FUZZY_MIN_LENGTH
        literal = max((w.rstrip("*") for w in words), key=len, default="")
        anchors = tuple(w for w in words if len(w) >= 4) if len(words) > 1 else ()
        return cls(
            phrase=phrase, pattern=pattern, fuzzy_text=plain if use_fuzzy else None, literal=literal, anchors=anchors
        )

    def find(self, folded: str, fuzzy: int) -> list[tuple[int, int]]:
        """Character spans of this cue in an already folded sentence."""
        spans = [(m.start(), m.end()) for m in self.pattern.finditer(folded)] if self.literal in folded else []
        if spans or self.fuzzy_text is None:
            return spans
        if self.anchors and not any(anchor in folded for anchor in self.anchors):
            return []
        return fuzzy_find(self.fuzzy_text, folded, fuzzy)


def fuzzy_find(phrase: str, folded: str, threshold: int) -> list[tuple[int, int]]:
    """Runs of whole words in ``folded`` that read as ``phrase`` with a rapidfuzz score of at least ``threshold``.

    Windows of two words fewer to one more than the phrase are scored, so that a dropped or an added word
    ("Organization for Security Cooperation in Europe", where "Co-operation" counts two) still counts;
    overlapping hits keep the best.
    """
    # partial_ratio (in C) bounds what any window can score from above, closely enough to skip most sentences.
    if fuzz.partial_ratio(phrase, folded, score_cutoff=threshold - 10) == 0:
        return []
    words = word_positions(folded)
    size = len(phrase.split())
    scored: list[tuple[float, int, int]] = []
    for length in range(max(1, size - 2), size + 2):
        for i in range(len(words) - length + 1):
            start, end = words[i][0], words[i + length - 1][1]
            score = fuzz.ratio(phrase, " ".join(folded[start:end].split()), score_cutoff=threshold)
            if score:
                scored.append((-score, start, end))
    hits: list[tuple[int, int]] = []
    for _, start, end in sorted(scored):
        if all(end <= s or start >= e for s, e in hits):
            hits.append((start, end))
    return sorted(hits)


def word_positions(text: str) -> list[tuple[int, int]]:
    """Spans of the words in ``text``, for measuring distances in words."""
    return [(m.start(), m.end()) for m in _WORDS.finditer(text)]
