"""Organizations: names found in sentences, keys, acronyms, and whether two spellings are one organization."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.articles import parse_article
from factcheck.intervals import Qualifier
from factcheck.lines import LineIndex
from factcheck.models import Article, Claim, ClaimKind
from factcheck.organizations import (
    acronym,
    organization_claims,
    organization_difference,
    organization_key,
    same_organization,
)
from factcheck.segment import sentences

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "geneva-2022"
OSCE = "Organization for Security and Co-operation in Europe"


def claims_of(text: str, name: str = "t.md") -> list[Claim]:
    article = parse_article(name, text, published=None, require_front_matter=False)
    return organization_claims(article, sentences(article), LineIndex(article.text))


def names_in(text: str) -> list[str]:
    return [c.text for c in claims_of(text)]


def corpus_article(name: str) -> Article:
    path = CORPUS / name
    return parse_article(str(path), path.read_text(encoding="utf-8"))


# --- Finding names. ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Russia and the North Atlantic Treaty Organization (NATO) are at an impasse.",
            ["North Atlantic Treaty Organization"],
        ),
        (
            "Talks at the Organization for Security and Cooperation in Europe in Vienna on Thursday.",
            ["Organization for Security and Cooperation in Europe"],
        ),
        (
            "Blinken will meet NATO and European Union allies before a NATO-Russia Council meeting.",
            ["European Union", "NATO-Russia Council"],
        ),
        ("Michael Kofman of the Center for Naval Analyses said so.", ["Center for Naval Analyses"]),
        ("The Russian Foreign Ministry said on Monday that talks failed.", ["Russian Foreign Ministry"]),
        ("Russia's Foreign Ministry spokesperson Maria Zakharova said.", ["Foreign Ministry"]),
        ("The State Department’s spokesman, Ned Price, said.", ["State Department"]),
        ("The United Nations Security Council met in New York.", ["United Nations Security Council"]),
        (
            "The Department of State and Department of Defense disagreed.",
            ["Department of State", "Department of Defense"],
        ),
        ("Instead, the Department of Health and Human Services will pay.", ["Department of Health and Human Services"]),
        ("The Court of Justice of the European Union ruled.", ["Court of Justice of the European Union"]),
        ("Both State Department officials said so.", ["State Department"]),
        ("Sherman spoke at the Bank of England on Tuesday.", ["Bank of England"]),
        ("The Council of Europe and Russia argued.", ["Council of Europe"]),
        (
            "Officials of the International Monetary Fund and the World Bank met.",
            ["International Monetary Fund", "World Bank"],
        ),
        (
            "The Organisation for Economic Co-operation and Development said.",
            ["Organisation for Economic Co-operation and Development"],
        ),
        ("It was the NATO-Russia Council’s first meeting since 2019.", ["NATO-Russia Council"]),
    ],
)
def test_names_in_sentences(sentence: str, expected: list[str]) -> None:
    assert names_in(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "He visited Geneva on Monday.",  # a place
        "The Soviet Union collapsed in 1991.",  # a state
        "Russia is no longer the Russian Federation of the 1990s.",
        "The administration abandoned the Intermediate-Range Nuclear Forces Treaty in 2019.",  # a treaty
        "NATO Secretary General Jens Stoltenberg said the Kremlin must choose.",  # an acronym, a person, a word
        "Secretary of State Antony Blinken spoke on CNN's State of the Union.",
        "Council members met on Wednesday.",  # one word
        "Deputy Secretary of State Wendy Sherman said talks were candid.",
    ],
)
def test_not_organizations(sentence: str) -> None:
    assert names_in(sentence) == []


def test_claim_fields_point_into_the_text() -> None:
    text = "Intro line.\n\nMichael Kofman, of the Centre for Naval Analyses, said so.\n"
    (claim,) = claims_of(text)
    assert claim.kind is ClaimKind.ORGANIZATION
    assert claim.text == "Centre for Naval Analyses"
    assert text[claim.start : claim.end] == claim.text
    assert claim.line == 3
    assert claim.qualifier is Qualifier.EXACT
    assert claim.stated_low is None and claim.stated_high is None and claim.unit is None
    assert claim.sentence == "Michael Kofman, of the Centre for Naval Analyses, said so."
    assert text[claim.sentence_start :].startswith(claim.sentence)
    assert claim.source == "t"


def test_one_claim_per_spelling() -> None:
    text = (
        "The State Department said so. Later the State Department said more.\n\n"
        "The Department of State did not comment. The State Department declined."
    )
    claims = claims_of(text)
    assert [c.text for c in claims] == ["State Department", "Department of State"]
    assert claims[0].start == text.index("State Department")


@pytest.mark.parametrize(
    ("name", "spelling"),
    [
        ("security-management.md", "Organization for Security and Co-operation in Europe"),
        ("washington-post.md", "Organization for Security and Cooperation in Europe"),
        ("usa-today.md", "Organization for Security Cooperation in Europe"),
    ],
)
def test_corpus_osce_spellings(name: str, spelling: str) -> None:
    article = corpus_article(name)
    claims = organization_claims(article, sentences(article), LineIndex(article.text))
    found = [c for c in claims if acronym(c.text) == "OSCE"]
    assert [c.text for c in found] == [spelling]
    assert article.text[found[0].start : found[0].end] == spelling
    assert same_organization(found[0].text, OSCE)


def test_corpus_names() -> None:
    found = {}
    for path in sorted(CORPUS.glob("*.md")):
        article = corpus_article(path.name)
        found[path.stem] = [c.text for c in organization_claims(article, sentences(article), LineIndex(article.text))]
    assert found["security-management"] == ["North Atlantic Treaty Organization", OSCE]
    assert found["washington-post"] == [
        "NATO-Russia Council",
        "Organization for Security and Cooperation in Europe",
        "State Department",
    ]
    assert found["usa-today"] == [
        "European Union",
        "NATO-Russia Council",
        "Organization for Security Cooperation in Europe",
    ]
    assert "State Department" in found["foreign-policy"] and "NATO-Russia Council" in found["foreign-policy"]
    assert found["the-week"] == []
    every = [name for names in found.values() for name in names]
    assert not {"Soviet Union", "Russian Federation", "Geneva"} & set(every)


def test_corpus_speed(terminal_summary: list[tuple[str, str]]) -> None:
    prepared = []
    for path in sorted(CORPUS.glob("*.md")):
        article = corpus_article(path.name)
        prepared.append((article, sentences(article), LineIndex(article.text)))
    rounds = 20
    began = time.perf_counter()
    for _ in range(rounds):
        for article, article_sentences, index in prepared:
            organization_claims(article, article_sentences, index)
    per_article = (time.perf_counter() - began) / rounds / len(prepared) * 1000
    terminal_summary.append(("organization_claims", f"{per_article:.2f} ms per article (geneva-2022)"))
    assert per_article < 20


# --- Keys and acronyms. -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        [
            OSCE,
            "Organization for Security and Cooperation in Europe",
            "Organisation for Security and Co-operation in Europe",
            "organization for security & co-operation in europe",
            "the Organization for Security and Co-operation in Europe",
        ],
        ["North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"],
        ["NATO-Russia Council", "NATO Russia Council", "Nato-Russia Council"],
        ["Center for Naval Analyses", "Centre for Naval Analyses"],
        ["State Department", "Department of State", "the U.S. State Department", "U.S. Department of State"],
        ["Foreign Ministry", "Ministry of Foreign Affairs", "Foreign Affairs Ministry"],
        ["Ministry of Defence", "Defense Ministry"],
    ],
)
def test_keys_fold_house_style(spellings: list[str]) -> None:
    assert len({organization_key(s) for s in spellings}) == 1, {s: organization_key(s) for s in spellings}


def test_key_examples() -> None:
    assert organization_key(OSCE) == "organization for security and cooperation in europe"
    assert organization_key("The NATO-Russia Council's") == "nato russia council"
    assert organization_key("European Union") != organization_key("African Union")


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        (OSCE, "OSCE"),
        ("Organization for Security and Cooperation in Europe", "OSCE"),
        ("Organization for Security Cooperation in Europe", "OSCE"),
        ("North Atlantic Treaty Organization", "NATO"),
        ("the European Union", "EU"),
        ("Center for Naval Analyses", "CNA"),
        ("Department of Health & Human Services", "DHHS"),
    ],
)
def test_acronym(name: str, letters: str) -> None:
    assert acronym(name) == letters


# --- Differences. -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "difference"),
    [
        (OSCE, "Organization for Security Cooperation in Europe", "drops “and”"),
        ("Organization for Security Cooperation in Europe", OSCE, "adds “and”"),
        (
            "Organization for Security and Cooperation in Europe",
            "Organization for Securty and Cooperation in Europe",
            "spells “Securty” for “Security”",
        ),
        ("Bank of England", "Bank England", "drops “of”"),
        ("Center for Naval Analyses", "Center of Naval Analyses", "has “of” for “for”"),
        ("Center for Naval Analyses", "Centre for Naval Analysis", "spells “Analysis” for “Analyses”"),
        (
            "Organization for Security Cooperation in Europe",
            "Organization for Securty and Cooperation in Europe",
            "spells “Securty” for “Security”; adds “and”",
        ),
    ],
)
def test_variants_are_described(a: str, b: str, difference: str) -> None:
    assert organization_difference(a, b) == difference
    assert organization_difference(b, a) is not None
    assert same_organization(a, b) and same_organization(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (OSCE, "Organization for Security and Cooperation in Europe"),
        (OSCE, "Organisation for Security and Co-operation in Europe"),
        ("State Department", "Department of State"),
        ("NATO-Russia Council", "NATO Russia Council"),
    ],
)
def test_house_style_is_no_difference(a: str, b: str) -> None:
    assert organization_difference(a, b) is None
    assert same_organization(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("European Union", "African Union"),
        ("Security Council", "Human Rights Council"),
        ("Department of State", "Department of Defense"),
        ("NATO-Russia Council", "NATO Council"),
        ("Austrian Academy of Sciences", "Australian Academy of Sciences"),
        ("Organization for Security and Co-operation in Europe", "Organization for Security in Europe"),
        ("Center for Naval Analyses", "Center for Naval Warfare Analyses"),
        ("World Bank", "World Health Organization"),
    ],
)
def test_different_organizations(a: str, b: str) -> None:
    assert organization_difference(a, b) is None
    assert organization_difference(b, a) is None
    assert not same_organization(a, b)


def test_acronyms_stand_for_names() -> None:
    assert same_organization("OSCE", OSCE)
    assert same_organization("NATO", "North Atlantic Treaty Organization")
    assert same_organization("CNA", "Center for Naval Analyses")
    assert not same_organization("NATO", "European Union")


def test_threshold() -> None:
    misspelt = "Organization for Securty and Cooperation in Europe"
    assert organization_difference(OSCE, misspelt, threshold=100) is None
    assert organization_difference(OSCE, misspelt, threshold=90) is not None


# --- Properties. ------------------------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    "Organization Organisation for Security and Co-operation Cooperation in Europe the The Council NATO-Russia "
    "European African Union Centre Center of Naval Analyses Analysis Department State Defence Defense Ministry "
    "Foreign Affairs U.S. & Securty Bank England Human Rights".split()
)
_NAMES = st.one_of(st.lists(_WORDS, min_size=1, max_size=8).map(" ".join), st.text(max_size=40))


@settings(max_examples=300)
@given(_NAMES, _NAMES)
def test_comparisons_are_symmetric(a: str, b: str) -> None:
    assert (organization_difference(a, b) is None) == (organization_difference(b, a) is None)
    assert same_organization(a, b) == same_organization(b, a)


@settings(max_examples=300)
@given(_NAMES)
def test_key_is_idempotent(name: str) -> None:
    key = organization_key(name)
    assert organization_key(key) == key
    assert organization_key(name.upper()) == organization_key(name.lower())
    assert same_organization(name, name) or not key


@settings(max_examples=100)
@given(st.lists(st.text(alphabet="abc ABC.,;-&’'\n", max_size=30), max_size=6))
def test_extraction_never_fails(parts: list[str]) -> None:
    text = "The Council of Europe met. " + " ".join(parts) + " The European Union agreed."
    for claim in claims_of(text):
        assert text[claim.start : claim.end] == claim.text
