"""Article text to sentences: paragraphs, page furniture skipped, repeats dropped, offsets kept into the file."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from factcheck.models import Article, Sentence


@dataclass(frozen=True)
class BoilerplatePattern:
    """A paragraph pattern from the rules: skip the paragraph, or it and the rest of the article."""

    rule_id: str
    pattern: re.Pattern[str]
    scope: Literal["paragraph", "rest"]


_TERMINAL = tuple('.!?:;"”’)]…')
_WS = re.compile(r"\s+")

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt sgt cpl adm cmdr sen rep gov pres st mt ft jr sr inc co corp ltd bros
    vs etc e.g i.e a.m p.m u.s u.k u.n e.u u.s.a d.c jan feb mar apr jun jul aug sep sept oct nov dec no nos approx
    est rev hon amb atty supt dept univ ave blvd fig al
    """.split()
)
# Abbreviations that often end a sentence too: a period after them ends one when a usual first word follows.
_ENDING_ABBREVIATIONS = frozenset(
    {"u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "a.m", "p.m", "etc", "inc", "co", "corp", "ltd"}
)
_SENTENCE_STARTERS = frozenset(
    """
    The A An But And In It He She They We I This That These Those His Her Their Its Our On At After Before
    However Meanwhile Still Yet So Officials There When While If As Some Many Most Both Neither No
    """.split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[]?([A-Za-z0-9]+)")


def normalize_space(text: str) -> str:
    return _WS.sub(" ", text).strip()


def paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Paragraph spans of ``text[start:end]``: one per line, hard-wrapped lines joined."""
    para_start: int | None = None
    para_end = start
    prev_line = ""
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        line_end = end if newline == -1 else newline
        line = text[pos:line_end].rstrip("\r")
        stripped = line.strip()
        if not stripped:
            if para_start is not None:
                yield para_start, para_end
            para_start = None
        elif para_start is not None and _continues(prev_line, stripped):
            para_end = pos + len(line.rstrip())
        else:
            if para_start is not None:
                yield para_start, para_end
            para_start = pos + (len(line) - len(line.lstrip()))
            para_end = pos + len(line.rstrip())
        prev_line = stripped if stripped else ""
        pos = line_end + 1
    if para_start is not None:
        yield para_start, para_end


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues the hard-wrapped paragraph that ``previous`` ended on."""
    if not previous or previous.endswith(_TERMINAL):
        return False
    return line[0].islower() or len(previous) >= 40


def split_sentences(text: str, offset: int = 0) -> Iterator[tuple[int, int]]:
    """Sentence spans in ``text`` (shifted by ``offset``); abbreviations and initials do not end sentences."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0)[0] == "." and not _ends_sentence(text, match.start(), match.end()):
            continue
        yield offset + start, offset + match.end()
        rest = match.end()
        while rest < len(text) and text[rest].isspace():
            rest += 1
        start = rest
    tail = text[start:].rstrip()
    if tail:
        yield offset + start, offset + start + len(tail)


def _ends_sentence(text: str, period: int, after: int) -> bool:
    word_match = _WORD_BEFORE.search(text, 0, period)
    if word_match is None:
        return True
    word = word_match.group(1)
    key = word.lower().rstrip(".")
    if len(word) == 1 and word.isupper():
        return False  # an initial: "Sergei A. Ryabkov"
    if key not in ABBREVIATIONS:
        return True
    if key in _ENDING_ABBREVIATIONS:
        next_word = _NEXT_WORD.match(text, after)
        return next_word is not None and next_word.group(1) in _SENTENCE_STARTERS
    return False


def sentences(article: Article, boilerplate: Sequence[BoilerplatePattern] = ()) -> list[Sentence]:
    """The article's content sentences, in file order, page furniture and repeated paragraphs left out."""
    text = article.text
    seen: set[str] = set()
    spans: list[tuple[int, int]] = []
    for para_start, para_end in paragraphs(text, article.body_start, len(text)):
        normalized = normalize_space(text[para_start:para_end])
        verdict = _boilerplate(normalized, boilerplate)
        if verdict == "rest":
            break
        if verdict == "paragraph":
            continue
        key = normalized.casefold()
        if key in seen:
            continue
        seen.add(key)
        spans.append((para_start, para_end))
    if article.title and article.title_start is not None:
        title = normalize_space(article.title)
        if title.casefold() not in seen:
            spans.append(_title_span(text, article.title_start))
    spans.sort()
    result: list[Sentence] = []
    for para_start, para_end in spans:
        for s_start, s_end in split_sentences(text[para_start:para_end], para_start):
            result.append(Sentence(source=article.id, text=text[s_start:s_end], start=s_start, end=s_end))
    return result


def _title_span(text: str, start: int) -> tuple[int, int]:
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    while end > start and text[end - 1] in "\r \t":
        end -= 1
    if end > start and text[end - 1] in "'\"":
        end -= 1
    return start, end


def _boilerplate(paragraph: str, patterns: Sequence[BoilerplatePattern]) -> str | None:
    for item in patterns:
        if item.pattern.search(paragraph):
            return item.scope
    return None
