"""Person mentions: names and their evidence, titles, bare surnames resolved, namesakes, non-people left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.articles import parse_article, read_article
from factcheck.intervals import Qualifier
from factcheck.lines import LineIndex
from factcheck.models import Article, ClaimKind
from factcheck.people import PersonMention, first_name_gender, person_claims, person_mentions, surname_keys
from factcheck.rules.loader import load_rules
from factcheck.segment import sentences

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "geneva-2022"


def article_of(text: str) -> Article:
    return parse_article("case.md", text, require_front_matter=False)


def mentions_in(text: str) -> list[PersonMention]:
    article = article_of(text)
    return person_mentions(article, sentences(article))


def names_in(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.full_name) for m in mentions_in(text)]


def corpus_mentions(stem: str) -> list[PersonMention]:
    article = read_article(CORPUS / f"{stem}.md")
    return person_mentions(article, sentences(article, load_rules(ROOT / "rules").boilerplate))


# --- evidence ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("U.S. Deputy Secretary of State Wendy Sherman met them.", "Wendy Sherman", "U.S. Deputy Secretary of State"),
        ("Russian Deputy Foreign Minister Sergei A. Ryabkov spoke.", "Sergei A. Ryabkov",
         "Russian Deputy Foreign Minister"),
        ("Russia's deputy foreign minister Sergei Ryabkov spoke.", "Sergei Ryabkov",
         "Russia's deputy foreign minister"),
        ("It quoted Michael Kofman, director of Russia studies at CNA, on Monday.", "Michael Kofman",
         "director of Russia studies at CNA"),
        ("Then Zbigniew Qwertyuk, the deputy mayor, left.", "Zbigniew Qwertyuk", "deputy mayor"),
        ("Later Zbigniew Qwertyuk said nothing.", "Zbigniew Qwertyuk", None),
        ("Zbigniew Qwertyuk, who chairs the panel, left.", "Zbigniew Qwertyuk", None),
        ("The Kremlin spokesman, Dmitry Peskov, said no.", "Dmitry Peskov", "Kremlin spokesman"),
        ("NATO Secretary-General Jens Stoltenberg arrived.", "Jens Stoltenberg", "NATO Secretary-General"),
        ("Sen. Lindsey Graham objected.", "Lindsey Graham", "Sen."),
        ("State Department spokesperson Ned Price spoke.", "Ned Price", "State Department spokesperson"),
        ("They met Crown Prince of Saudi Arabia Mohammed bin Salman.", "Mohammed bin Salman",
         "Crown Prince of Saudi Arabia"),
        ("He met Charles de Gaulle in 1958.", "Charles de Gaulle", None),
        ("Syrian President Bashar al-Assad spoke.", "Bashar al-Assad", "Syrian President"),
        ("Turkey's President Recep Tayyip Erdoğan spoke.", "Recep Tayyip Erdoğan", "Turkey's President"),
        ("The talks with Jean-Yves Le Drian ended.", "Jean-Yves Le Drian", None),
        ("Conor O'Brien said it was over.", "Conor O'Brien", None),
        ("Sinéad O’Connor told the crowd.", "Sinéad O’Connor", None),
        ("Chinese Foreign Minister Wang Yi said so.", "Wang Yi", "Chinese Foreign Minister"),
        ("The paper quoted Olga Oliker, program director for Europe with the International Crisis Group.",
         "Olga Oliker", "program director for Europe with the International Crisis Group"),
        ("Rita Okoye (pictured) told the BBC it was over.", "Rita Okoye", None),
    ],
)  # fmt: skip
def test_a_full_name_with_its_evidence_and_title(text: str, name: str, title: str | None) -> None:
    found = [m for m in mentions_in(text) if m.full]
    assert [(m.name, m.title) for m in found] == [(name, title)]
    (mention,) = found
    assert mention.full_name == name
    assert text[mention.start : mention.end] == name


def test_offsets_point_into_the_article_text() -> None:
    text = "Intro line.\n\nLater, Ambassador Linda Harrow met the press. Harrow left."
    for mention in mentions_in(text):
        assert text[mention.start : mention.end] == mention.name


def test_a_bare_surname_resolves_to_the_earlier_full_name() -> None:
    text = "Russian Deputy Foreign Minister Sergei Ryabkov arrived. Ryabkov spoke for an hour. Mr. Ryabkov left."
    assert names_in(text) == [
        ("Sergei Ryabkov", "Sergei Ryabkov"),
        ("Ryabkov", "Sergei Ryabkov"),
        ("Ryabkov", "Sergei Ryabkov"),
    ]
    assert [m.full for m in mentions_in(text)] == [True, False, False]


def test_a_bare_surname_before_any_full_name_is_no_mention() -> None:
    assert names_in("Blinken spoke first. Secretary of State Antony Blinken left.") == [
        ("Antony Blinken", "Antony Blinken")
    ]


def test_a_misspelt_full_name_does_not_resolve_another_surname() -> None:
    # USA TODAY writes "Antony Blink" once and "Blinken" later: they are not the same written name.
    names = names_in("Secretary of State Antony Blink said so. Blinken and others agreed. Blink left.")
    assert names == [("Antony Blink", "Antony Blink"), ("Blink", "Antony Blink")]


def test_a_titled_bare_name_is_a_mention_resolving_to_itself() -> None:
    (mention,) = mentions_in("During the call, President Biden ruled it out.")
    assert (mention.name, mention.full_name, mention.title, mention.full) == ("Biden", "Biden", "President", False)


def test_namesakes_stay_apart() -> None:
    text = (
        "President Joe Biden spoke first. First lady Jill Biden followed. Biden thanked the crowd. "
        "Then Joe Biden returned. Biden waved."
    )
    assert names_in(text) == [
        ("Joe Biden", "Joe Biden"),
        ("Jill Biden", "Jill Biden"),
        ("Biden", "Jill Biden"),
        ("Joe Biden", "Joe Biden"),
        ("Biden", "Joe Biden"),
    ]


def test_arabic_article_and_surname_first_names_resolve() -> None:
    text = "Syrian President Bashar al-Assad spoke. Assad left. Chinese leader Xi Jinping called. Xi agreed."
    assert names_in(text) == [
        ("Bashar al-Assad", "Bashar al-Assad"),
        ("Assad", "Bashar al-Assad"),
        ("Xi Jinping", "Xi Jinping"),
        ("Xi", "Xi Jinping"),
    ]


# --- non-people ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The State Department said the European Union and the NATO-Russia Council would meet.",
        "The Washington Post and The New York Times reported it on Monday, January 10.",
        "Talks Show No Sign of a Quick Resolution on Ukraine Crisis",
        "Officials met in Saudi Arabia, Hong Kong and Tel Aviv before going to New Delhi.",
        'Blinken spoke on ABC\'s "This Week" and on NBC\'s "Meet the Press" on Sunday.',
        "The International Crisis Group and the Kennedy Center hosted Defense Priorities.",
        "Will Russia invade? Ukraine Braces as Talks Stall in Geneva.",
        "Reviving the INF treaty could reduce the danger. Monday's talks kicked off in Europe.",
        "The Sherman-led delegation and Kremlin-backed separatists met in the Rose Garden.",
        "U.S. and NATO officials said the White House and the Pentagon agreed.",
    ],
)
def test_non_people_are_not_mentions(text: str) -> None:
    assert mentions_in(text) == []


def test_the_bundled_corpus_mentions() -> None:
    found = {(m.name, m.title) for m in corpus_mentions("foreign-policy")}
    assert ("Wendy Sherman", "U.S. Deputy Secretary of State") in found
    assert ("Julianne Smith", "U.S. ambassador to NATO") in found
    assert ("Jake Sullivan", "U.S. National Security Advisor") in found
    assert ("Sergey Lavrov", "Russian Foreign Minister") in found
    assert ("Ned Price", "U.S. State Department spokesperson") in found
    names = {m.name for m in corpus_mentions("foreign-policy")}
    assert not names & {"State Department", "NATO", "Washington", "Foreign Policy", "Crisis Group", "Cold War"}
    usa_today = corpus_mentions("usa-today")
    assert ("Rajan Menon", "director of grand strategy at Defense Priorities") in {(m.name, m.title) for m in usa_today}
    assert {m.full_name for m in usa_today if m.name == "Sherman"} == {"Wendy Sherman"}
    assert "Blinken" not in {m.name for m in usa_today}
    week = corpus_mentions("the-week")
    assert {m.full_name for m in week if m.name == "Blinken"} == {"Antony Blinken"}
    post = corpus_mentions("washington-post")
    kofman = next(m for m in post if m.name == "Michael Kofman")
    assert kofman.title == "Russia expert at the research organization CNA"


# --- claims and helpers --------------------------------------------------------------------------------------------


def test_person_claims_are_full_or_titled_mentions() -> None:
    text = (
        "Deputy Secretary of State Wendy Sherman arrived.\n\nSherman spoke. Then President Biden called. "
        "Ryabkov, the deputy foreign minister, listened."
    )
    article = article_of(text)
    found = sentences(article)
    claims = person_claims(article, found, LineIndex(text))
    assert [(c.text, c.title) for c in claims] == [
        ("Wendy Sherman", "Deputy Secretary of State"),
        ("Biden", "President"),
    ]
    claim = claims[0]
    assert claim.kind == ClaimKind.PERSON
    assert claim.qualifier == Qualifier.EXACT
    assert claim.stated_low is None and claim.stated_high is None and claim.unit is None
    assert claim.speaker is None and claim.label is None
    assert (claim.start, claim.end, claim.line) == (26, 39, 1)
    assert claim.sentence == "Deputy Secretary of State Wendy Sherman arrived."
    assert claim.sentence_start == 0
    assert claims[1].line == 3


def test_person_claims_of_the_corpus_point_at_names() -> None:
    article = read_article(CORPUS / "washington-post.md")
    found = sentences(article, load_rules(ROOT / "rules").boilerplate)
    claims = person_claims(article, found, LineIndex(article.text))
    assert claims
    given = person_claims(article, found, LineIndex(article.text), person_mentions(article, found))
    assert given == claims
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.text
        assert claim.sentence_start <= claim.start < claim.sentence_start + len(claim.sentence)


def test_first_name_gender_and_surname_keys() -> None:
    assert first_name_gender("Wendy Sherman") == "female"
    assert first_name_gender("Sergei A. Ryabkov") == "male"
    assert first_name_gender("Kim Jong Un") is None
    assert first_name_gender("Zbigniew Qwertyuk") is None
    assert surname_keys("Sergei A. Ryabkov") == ("Ryabkov",)
    assert surname_keys("Bashar al-Assad") == ("al-Assad", "Assad")
    assert surname_keys("Wang Yi") == ("Yi", "Wang")
