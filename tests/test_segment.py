"""Paragraphs, page furniture, repeated paragraphs and sentence boundaries."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from factcheck.articles import parse_article, read_article
from factcheck.rules.loader import load_rules
from factcheck.segment import ABBREVIATIONS, BoilerplatePattern, paragraphs, sentences, split_sentences

ROOT = Path(__file__).resolve().parents[1]


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "The U.S. and Russia met on Jan. 10 in Geneva. Sergei A. Ryabkov spoke at 10 a.m. local time. It ended."
    assert split(text) == [
        "The U.S. and Russia met on Jan. 10 in Geneva.",
        "Sergei A. Ryabkov spoke at 10 a.m. local time.",
        "It ended.",
    ]


def test_abbreviation_at_a_sentence_end() -> None:
    assert split("Russia blamed the U.S. The talks ended.") == ["Russia blamed the U.S.", "The talks ended."]


def test_quotes_and_question_marks() -> None:
    text = "He asked, “Should Russia live constantly looking back?” We need to think. “No,” she said."
    assert split(text) == [
        "He asked, “Should Russia live constantly looking back?”",
        "We need to think.",
        "“No,” she said.",
    ]


PLAIN_SENTENCE = st.from_regex(r"[A-Z][a-z]{2,8}( [a-z]{2,8}){0,6}\.", fullmatch=True).filter(
    lambda s: s.rstrip(".").split()[-1].lower() not in ABBREVIATIONS
)


@given(st.lists(PLAIN_SENTENCE, min_size=1, max_size=6))
def test_sentences_cover_the_text_in_order(parts: list[str]) -> None:
    text = " ".join(parts)
    spans = list(split_sentences(text))
    assert [text[s:e] for s, e in spans] == parts
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_hard_wrapped_lines_join_and_blank_lines_separate() -> None:
    text = "A long paragraph that was wrapped by the editor at forty or so\ncolumns continues here.\n\nNext one."
    spans = [text[s:e] for s, e in paragraphs(text, 0, len(text))]
    assert spans == [
        "A long paragraph that was wrapped by the editor at forty or so\ncolumns continues here.",
        "Next one.",
    ]


def test_repeated_paragraphs_count_once() -> None:
    text = "---\noutlet: X\npublished: 2022-01-13\n---\nSame lede here.\n\nSame lede here.\n\nOther.\n"
    article = parse_article("x.md", text)
    assert [s.text for s in sentences(article)] == ["Same lede here.", "Other."]


def test_boilerplate_skips_a_paragraph_or_the_rest() -> None:
    text = (
        "---\noutlet: X\npublished: 2022-01-13\n---\n"
        "Subscribe now\n\nReal news.\n\nMore from X\n\nTeaser on June 22, 2022.\n"
    )
    article = parse_article("x.md", text)
    patterns = [
        BoilerplatePattern("a.sub", re.compile("^Subscribe"), "paragraph"),
        BoilerplatePattern("a.more", re.compile("^More from"), "rest"),
    ]
    assert [s.text for s in sentences(article, patterns)] == ["Real news."]


def test_title_is_read_when_the_body_lacks_it() -> None:
    text = '---\noutlet: X\ntitle: "Talks last seven hours"\npublished: 2022-01-13\n---\nBody.\n'
    article = parse_article("x.md", text)
    found = sentences(article)
    assert [s.text for s in found] == ["Talks last seven hours", "Body."]
    assert text[found[0].start : found[0].end] == "Talks last seven hours"


def test_bundled_corpus_furniture_is_skipped() -> None:
    rules = load_rules(ROOT / "rules")
    article = read_article(ROOT / "corpus" / "geneva-2022" / "foreign-policy.md")
    texts = [s.text for s in sentences(article, rules.boilerplate)]
    joined = "\n".join(texts)
    assert "June 22, 2022" not in joined
    assert "Join the Conversation" not in joined
    assert sum("A flurry of high-level diplomacy" in t for t in texts) == 1
    for sentence in sentences(article, rules.boilerplate):
        assert article.text[sentence.start : sentence.end] == sentence.text
