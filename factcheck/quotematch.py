"""Aligning two quoted passages word by word: the same passage, a fragment of it, or other words.

Quotes are compared as words, not characters: case, quote marks, dashes and punctuation never count, and an
ellipsis or an editor's bracket ("[territorial gains]") stands for words left out, so nothing is compared
across it. Two passages are the same when they share enough words in runs of two or more (single shared words
are chance: "the", "and"). Within the stretch they share, a word one outlet has and the other does not, or a
different word, is a difference of wording; where both quotes go on past that stretch with different words
(neither ending a sentence there), that is a difference too. A quote that stops where the other goes on is a
fragment of it, and agrees.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Indel

from factcheck.rules.schema import QuoteSettings

GAP = "\0gap"
_WORD = re.compile(r"\[[^\]]*\]|\.\.\.|…|[^\s—–\-]+")
_EDGE_PUNCT = "\"'“”‘’«»„()[]{},;:.!?*"
_SENTENCE_END = (".", "!", "?", ".”", '."', "?”", '?"', "!”", '!"')
MIN_RUN = 2  # shared words only count in runs of this many
DEFAULT_QUOTES = QuoteSettings()


@dataclass(frozen=True)
class QuoteWords:
    """A quote split into words: each word folded for comparison, as written, and whether it ends a sentence."""

    folded: tuple[str, ...]
    written: tuple[str, ...]
    ends_sentence: tuple[bool, ...]

    @property
    def size(self) -> int:
        """Words, not counting the gaps that stand for words left out."""
        return sum(1 for w in self.folded if w != GAP)


@functools.lru_cache(maxsize=65536)
def quote_words(text: str) -> QuoteWords:
    """The words of a quote: ellipses and bracketed insertions become gaps; case and punctuation are folded."""
    folded: list[str] = []
    written: list[str] = []
    ends: list[bool] = []
    for match in _WORD.finditer(unicodedata.normalize("NFKC", text)):
        word = match.group(0)
        if word.startswith("[") or word in ("...", "…"):
            if folded and folded[-1] == GAP:
                continue
            folded.append(GAP)
            written.append(word)
            ends.append(False)
            continue
        key = _fold(word)
        if not key:
            continue
        folded.append(key)
        written.append(word)
        ends.append(word.rstrip("\"'”’)").endswith((".", "!", "?", ";")))
    return QuoteWords(tuple(folded), tuple(written), tuple(ends))


def _fold(word: str) -> str:
    word = word.replace("’", "'").replace("‘", "'")
    if "…" in word:
        word = word.replace("…", "")
    word = word.strip(_EDGE_PUNCT)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


Op = Literal["same", "replaced", "added", "dropped"]


@dataclass(frozen=True)
class Change:
    """One stretch of an alignment: ``words`` of this quote against ``other`` words of the reference quote.

    ``same``: both say it; ``replaced``: different words; ``added``: words only this quote has; ``dropped``:
    words of the reference this quote does not have.
    """

    op: Op
    words: str
    other: str


@dataclass(frozen=True)
class Alignment:
    """How quote ``a`` lines up with quote ``b``."""

    shared: int  # words shared in runs of MIN_RUN or more
    same_passage: bool
    differs: bool  # a difference of wording within the stretch both quote
    partial: bool  # one quotes only part of what the other does
    changes: tuple[Change, ...]  # a's words against b's, over the stretch both quote


def align(a_text: str, b_text: str, settings: QuoteSettings = DEFAULT_QUOTES) -> Alignment:
    """Align two quotes: ``a``'s words against ``b``'s. Aligning ``b`` with ``a`` decides the same."""
    if b_text < a_text:
        return _swapped(_align(b_text, a_text, settings))
    return _align(a_text, b_text, settings)


_SWAPPED_OP: dict[Op, Op] = {"same": "same", "replaced": "replaced", "added": "dropped", "dropped": "added"}


def _swapped(found: Alignment) -> Alignment:
    changes = tuple(Change(_SWAPPED_OP[c.op], c.other, c.words) for c in found.changes)
    return Alignment(found.shared, found.same_passage, found.differs, found.partial, changes)


def _align(a_text: str, b_text: str, settings: QuoteSettings) -> Alignment:
    a, b = quote_words(a_text), quote_words(b_text)
    runs = _runs(a.folded, b.folded)
    shared = sum(size for _, _, size in runs)
    shorter = min(a.size, b.size)
    same = shorter > 0 and shared >= min(settings.min_shared, shorter) and shared >= settings.overlap * shorter
    if not same or not runs:
        return Alignment(shared, False, False, False, ())
    changes: list[Change] = []
    differs = False
    first_a, first_b, _ = runs[0]
    head = _edge(a, b, (0, first_a), (0, first_b), leading=True)
    if head is not None:
        differs = True
        changes.append(head)
    for index, (ai, bi, size) in enumerate(runs):
        changes.append(Change("same", " ".join(a.written[ai : ai + size]), " ".join(b.written[bi : bi + size])))
        if index + 1 < len(runs):
            next_a, next_b, _ = runs[index + 1]
            between = _between(a, b, (ai + size, next_a), (bi + size, next_b))
            if between is not None:
                differs = True
                changes.append(between)
    last_a, last_b, last_size = runs[-1]
    tail = _edge(a, b, (last_a + last_size, len(a.folded)), (last_b + last_size, len(b.folded)), leading=False)
    if tail is not None:
        differs = True
        changes.append(tail)
    partial = not differs and (_outside(a, runs, 0) or _outside(b, runs, 1))
    return Alignment(shared, True, differs, partial, tuple(changes))


def _runs(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """Shared runs of words, in order, of at least MIN_RUN words (or a whole one-word quote), gaps never shared."""
    blocks = Indel.editops(a, b).as_matching_blocks()
    runs: list[tuple[int, int, int]] = []
    for block in blocks:
        start_a, start_b, size = block.a, block.b, block.size
        # A gap matched to a gap is no shared word: split the block around gaps.
        offset = 0
        while offset < size:
            end = offset
            while end < size and a[start_a + end] != GAP:
                end += 1
            length = end - offset
            if length >= MIN_RUN or (length > 0 and length == min(len(a), len(b))):
                runs.append((start_a + offset, start_b + offset, length))
            offset = end + 1
    return runs


def _words(q: QuoteWords, span: tuple[int, int]) -> str:
    return " ".join(q.written[span[0] : span[1]])


def _has_gap(q: QuoteWords, span: tuple[int, int], edge: int | None = None) -> bool:
    """Whether a gap is in the span, or right next to it (``edge`` is the index beside it)."""
    if any(w == GAP for w in q.folded[span[0] : span[1]]):
        return True
    return edge is not None and 0 <= edge < len(q.folded) and q.folded[edge] == GAP


def _between(a: QuoteWords, b: QuoteWords, span_a: tuple[int, int], span_b: tuple[int, int]) -> Change | None:
    """The difference between two shared runs, if any (words left out with an ellipsis are none)."""
    if _has_gap(a, span_a) or _has_gap(b, span_b):
        return None
    words_a, words_b = _words(a, span_a), _words(b, span_b)
    if not words_a and not words_b:
        return None
    op: Op = "replaced" if words_a and words_b else "added" if words_a else "dropped"
    return Change(op, words_a, words_b)


def _edge(
    a: QuoteWords, b: QuoteWords, span_a: tuple[int, int], span_b: tuple[int, int], *, leading: bool
) -> Change | None:
    """Before the first or after the last shared run: a difference only when both quotes go on, differently.

    A quote that starts or stops there is a fragment; one that starts or stops a sentence there, or leaves words
    out with an ellipsis, quotes a different stretch of the speech, not different words.
    """
    if span_a[0] == span_a[1] or span_b[0] == span_b[1]:
        return None
    if _has_gap(a, span_a) or _has_gap(b, span_b):
        return None
    if leading:
        # Either quote starting a sentence where they meet: a different stretch, not different words.
        if a.ends_sentence[span_a[1] - 1] or b.ends_sentence[span_b[1] - 1]:
            return None
        near_a = (max(span_a[0], span_a[1] - 4), span_a[1])
        near_b = (max(span_b[0], span_b[1] - 4), span_b[1])
    else:
        if a.ends_sentence[span_a[0] - 1] or b.ends_sentence[span_b[0] - 1]:
            return None
        near_a = (span_a[0], min(span_a[1], span_a[0] + 4))
        near_b = (span_b[0], min(span_b[1], span_b[0] + 4))
    return Change("replaced", _clipped(a, near_a, span_a, leading), _clipped(b, near_b, span_b, leading))


def _clipped(q: QuoteWords, near: tuple[int, int], span: tuple[int, int], leading: bool) -> str:
    words = _words(q, near)
    if leading and near[0] > span[0]:
        return "… " + words
    if not leading and near[1] < span[1]:
        return words + " …"
    return words


def _outside(q: QuoteWords, runs: list[tuple[int, int, int]], side: int) -> bool:
    """Whether this quote has words outside the stretch both quote (the other is then a fragment of it)."""
    first = runs[0][side]
    last = runs[-1][side] + runs[-1][2]
    return first > 0 or last < len(q.folded)
