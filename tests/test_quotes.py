"""Quotes and their speakers: the attribution cases (tests/data/attribution/cases.yaml), the bundled corpus, and
the edges of quote marks (apostrophes, unbalanced and empty quotes, front matter, skipped paragraphs)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.articles import parse_article, read_article
from factcheck.intervals import Qualifier
from factcheck.lines import LineIndex
from factcheck.models import Article, Claim, ClaimKind
from factcheck.people import person_mentions
from factcheck.quotes import quote_claims
from factcheck.rules.loader import load_rules
from factcheck.segment import BoilerplatePattern, sentences

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "geneva-2022"
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "attribution" / "cases.yaml").read_text()
)


def article_of(text: str, title: str | None = None) -> Article:
    if title is None:
        return parse_article("case.md", text, require_front_matter=False)
    header = f"---\noutlet: Test\ntitle: {json.dumps(title, ensure_ascii=False)}\npublished: 2022-01-10\n---\n"
    return parse_article("case.md", header + text)


def quotes_of(article: Article, boilerplate: tuple[BoilerplatePattern, ...] = ()) -> list[Claim]:
    found = sentences(article, boilerplate)
    return quote_claims(article, found, LineIndex(article.text), person_mentions(article, found))


def found_in(case: dict[str, Any]) -> list[dict[str, str | None]]:
    claims = quotes_of(article_of(case["text"], case.get("title")))
    return [{"text": c.label, "speaker": c.speaker, "venue": c.venue} for c in claims]


@pytest.mark.parametrize("case", CASES, ids=[c["pattern"] for c in CASES])
def test_attribution_case(case: dict[str, Any]) -> None:
    assert found_in(case) == case["quotes"]


def test_attribution_accuracy(terminal_summary: list[tuple[str, str]]) -> None:
    """Every case is right; the summary gives the per-quote numbers."""
    expected = [q for case in CASES for q in case["quotes"]]
    found = {i: found_in(case) for i, case in enumerate(CASES)}
    texts = speakers = venues = 0
    for i, case in enumerate(CASES):
        by_text = {q["text"]: q for q in found[i]}
        for quote in case["quotes"]:
            got = by_text.get(quote["text"])
            if got is None:
                continue
            texts += 1
            speakers += got["speaker"] == quote["speaker"]
            venues += got["venue"] == quote["venue"]
    right = sum(found[i] == case["quotes"] for i, case in enumerate(CASES))
    terminal_summary.append(
        (
            "attribution accuracy",
            f"{right}/{len(CASES)} cases exactly right; of {len(expected)} quotes: {texts} found, "
            f"{speakers} with the right speaker, {venues} with the right venue",
        )
    )
    assert len(CASES) >= 60
    assert right == len(CASES)


# --- the bundled corpus ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_quotes() -> dict[str, tuple[Article, list[Claim]]]:
    rules = load_rules(ROOT / "rules")
    result: dict[str, tuple[Article, list[Claim]]] = {}
    for path in sorted(CORPUS.glob("*.md")):
        article = read_article(path)
        result[path.stem] = (article, quotes_of(article, tuple(rules.boilerplate)))
    return result


def quote_with(claims: list[Claim], words: str) -> Claim:
    """The claim whose text holds ``words`` (apostrophes compared loosely: outlets differ on ' and ’)."""
    wanted = words.replace("’", "'")
    matching = [c for c in claims if wanted in c.label.replace("’", "'")]
    assert len(matching) == 1, f"{words!r}: {[c.label for c in claims]}"
    return matching[0]


@pytest.mark.parametrize("source", ["security-management", "usa-today", "washington-post"])
def test_shermans_open_door_quote(corpus_quotes: dict[str, tuple[Article, list[Claim]]], source: str) -> None:
    claim = quote_with(corpus_quotes[source][1], "We will not allow anyone to slam closed NATO’s open-door policy")
    assert claim.speaker == "Wendy Sherman"


@pytest.mark.parametrize("source", ["security-management", "washington-post"])
def test_kofmans_quote(corpus_quotes: dict[str, tuple[Article, list[Claim]]], source: str) -> None:
    claim = quote_with(corpus_quotes[source][1], "Ryabkov’s task was to determine whether political will exists")
    assert claim.speaker == "Michael Kofman"
    assert "There is not. What Putin does with that information is anyone’s guess" in claim.label


def test_blinkens_massive_consequences(corpus_quotes: dict[str, tuple[Article, list[Claim]]]) -> None:
    words = "massive consequences for Russia if it renews its aggression"
    usa_today = quote_with(corpus_quotes["usa-today"][1], words)
    assert usa_today.speaker in ("Blinken", "Antony Blink")
    post = quote_with(corpus_quotes["washington-post"][1], words)
    assert post.speaker == "Antony Blinken"
    assert post.label.startswith("It’s clear that we’ve offered him two paths forward … One is through diplomacy")
    assert post.venue == "ABC News’s This Week"
    week = quote_with(corpus_quotes["the-week"][1], words)
    assert week.speaker == "Antony Blinken"  # "He also said …", after "Blinken also predicted …"


def test_venues_in_the_corpus(corpus_quotes: dict[str, tuple[Article, list[Claim]]]) -> None:
    assert quote_with(corpus_quotes["usa-today"][1], "To make actual progress").venue == "ABC's This Week"
    assert quote_with(corpus_quotes["the-week"][1], "Neither of those").venue == "CNN's State of the Union"
    assert quote_with(corpus_quotes["washington-post"][1], "We do expect that").venue == "MSNBC"
    assert quote_with(corpus_quotes["security-management"][1], "Should Russia live").venue == (
        "December press conference"
    )


# Quotes of a document rather than of a person, whose "speaker" the text does not name.
UNATTRIBUTED = {("security-management", "the post-Cold War status quo,")}


def test_every_corpus_quote_of_three_words_has_a_speaker(
    corpus_quotes: dict[str, tuple[Article, list[Claim]]],
) -> None:
    missing = [
        (source, claim.label)
        for source, (_article, claims) in corpus_quotes.items()
        for claim in claims
        if len(claim.label.split()) >= 3 and claim.speaker is None
    ]
    assert set(missing) == UNATTRIBUTED


def test_corpus_claims_point_at_their_quote_marks(corpus_quotes: dict[str, tuple[Article, list[Claim]]]) -> None:
    for article, claims in corpus_quotes.values():
        index = LineIndex(article.text)
        for claim in claims:
            assert claim.kind == ClaimKind.QUOTE
            assert article.text[claim.start] in "\"“‘'"
            assert article.text[claim.end - 1] in "\"”’'"
            assert claim.start >= article.body_start
            assert claim.line == index.line(claim.start)
            assert claim.sentence_start <= claim.start < claim.sentence_start + len(claim.sentence)
            assert article.text[claim.sentence_start :].startswith(claim.sentence)
            first_words = re.split(r"\s+", claim.label)[0]
            assert first_words in article.text[claim.start : claim.end]


def test_split_and_scare_quotes_in_the_corpus(corpus_quotes: dict[str, tuple[Article, list[Claim]]]) -> None:
    claims = corpus_quotes["usa-today"][1]
    split = quote_with(claims, "We will not allow anyone")
    assert split.label.endswith("or about NATO without NATO.")
    assert "NATO alliance … We will not forgo bilateral cooperation" in split.label
    assert quote_with(claims, "win").speaker == "Rajan Menon"
    no_progress = [c for c in claims if c.label == "no progress"]
    assert [c.speaker for c in no_progress] == ["Sergei Ryabkov", "Sergei Ryabkov"]
    assert quote_with(claims, "no intention").speaker == "Sergei Ryabkov"


# --- edges -------------------------------------------------------------------------------------------------------


def test_apostrophes_are_not_quote_marks() -> None:
    text = "NATO’s door is open, they don’t deny it, and the ’90s are over. The allies’ answer came in ’22."
    assert quotes_of(article_of(text)) == []


def test_unbalanced_quote_at_the_end_of_the_article() -> None:
    text = 'Ambassador Paul Kerr spoke last.\n\nKerr told reporters: "We will never give up this'
    (claim,) = quotes_of(article_of(text))
    assert claim.label == "We will never give up this"
    assert claim.speaker == "Paul Kerr"
    assert claim.end == len(text)


def test_unbalanced_quote_runs_to_the_end_of_its_paragraph_only() -> None:
    text = 'Kerr said "we will stay.\n\nThe talks ended on Friday. "Good," said Ambassador Paul Kerr.'
    claims = quotes_of(article_of(text))
    assert [c.label for c in claims] == ["we will stay.", "Good"]


def test_empty_quotes_make_no_claims() -> None:
    assert quotes_of(article_of('He said "" and then “ ” and left.')) == []


def test_front_matter_is_not_read_for_quotes() -> None:
    text = "---\noutlet: Test\nbyline: 'Jack \"The Pen\" Smith'\npublished: 2022-01-10\n---\nNo quotes here.\n"
    assert quotes_of(parse_article("x.md", text)) == []


def test_skipped_paragraphs_are_not_read_for_quotes() -> None:
    text = 'Real news: "We are here," Kerr said.\n\nMore: "Sanctions" on the way, Kerr warns\n'
    skip = BoilerplatePattern("more", re.compile(r"^More:"), "paragraph")
    claims = quotes_of(article_of(text), (skip,))
    assert [c.label for c in claims] == ["We are here"]


def test_headline_quote_is_read_from_the_front_matter_title() -> None:
    article = article_of("Secretary of State Jonah Pell spoke.", title='Pell: "Talks will continue"')
    (claim,) = quotes_of(article)
    assert claim.start < article.body_start
    assert claim.line == 3
    assert claim.speaker == "Jonah Pell"


def test_quote_claim_fields() -> None:
    text = 'Intro.\n\n"We are ready," said Ambassador Paul Kerr.'
    (claim,) = quotes_of(article_of(text))
    assert claim.kind == ClaimKind.QUOTE
    assert claim.qualifier == Qualifier.EXACT
    assert claim.stated_low is None and claim.stated_high is None and claim.unit is None
    assert claim.title is None and claim.label == "We are ready"
    assert claim.text == '"We are ready,"'  # the passage as it stands; the quoted words are the label
    assert (claim.start, claim.end) == (text.index('"'), text.index('," said') + 2)
    assert claim.line == 3
    assert claim.sentence == '"We are ready," said Ambassador Paul Kerr.'
    assert claim.sentence_start == text.index('"')


def test_multi_paragraph_quote_spans_its_paragraphs() -> None:
    text = '"First," said Professor Ingrid Lund. "Second.\n\n"Third."\n\nAfter.'
    (claim,) = quotes_of(article_of(text))
    assert claim.label == "First … Second. Third."  # the attribution is a cut; the paragraph break is not
    assert claim.start == 0
    assert claim.end == text.index('Third."') + len('Third."')
    assert claim.line == 1


def test_a_new_paragraph_without_a_mark_ends_an_unclosed_quote() -> None:
    text = '"We will stay, said Kerr.\n\nThe talks ended. "Good," said Ambassador Paul Kerr.'
    claims = quotes_of(article_of(text))
    assert [c.label for c in claims] == ["We will stay, said Kerr.", "Good"]
