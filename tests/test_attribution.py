"""Figure attribution: who asserts each figure of a sentence (tests/data/attribution/figures.yaml), party keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.attribution import (
    Attribution,
    PartyIndex,
    figure_attributions,
    party_key,
    same_party,
    speaks_for,
)

CASES_FILE = Path(__file__).resolve().parent / "data" / "attribution" / "figures.yaml"


def _load_cases() -> list[dict[str, Any]]:
    cases = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    assert isinstance(cases, list)
    return cases


CASES = _load_cases()


def _params() -> list[Any]:
    params = []
    for index, case in enumerate(CASES):
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        params.append(pytest.param(case, id=f"{index:03d}-{case['pattern'][:50]}", marks=marks))
    return params


def _span(text: str, figure: str) -> tuple[int, int]:
    start = text.index(figure)
    return start, start + len(figure)


def test_cases_are_well_formed() -> None:
    assert len(CASES) >= 70
    for case in CASES:
        assert set(case) <= {"pattern", "text", "claims", "xfail"}, case
        assert case["claims"], case
        for claim in case["claims"]:
            assert claim["figure"] in case["text"], claim
            if claim["party"] is not None:
                assert claim["party"] in case["text"], claim


@pytest.mark.parametrize("case", _params())
def test_figure_attribution(case: dict[str, Any]) -> None:
    text = case["text"]
    spans = [_span(text, claim["figure"]) for claim in case["claims"]]
    got = figure_attributions(text, spans)
    expected = [claim["party"] for claim in case["claims"]]
    assert [a.party if a else None for a in got] == expected
    for attribution in got:
        if attribution is not None:
            assert text[attribution.start : attribution.end] == attribution.party


def test_pronoun_parties_are_flagged() -> None:
    text = "At least 12 miners are still missing, he said."
    (attribution,) = figure_attributions(text, [_span(text, "12")])
    assert attribution == Attribution("he", text.index("he said"), text.index("he said") + 2, pronoun=True)
    text = "The regional health ministry said 214 people had been hospitalized."
    (attribution,) = figure_attributions(text, [_span(text, "214")])
    assert attribution is not None and not attribution.pronoun


def test_no_spans_and_no_cue_words() -> None:
    assert figure_attributions("Officials said 40 people died.", []) == []
    assert figure_attributions("The reservoir holds 40 million cubic meters.", [(19, 29)]) == [None]


# --- Keys and comparison. ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("party", "key"),
    [
        ("U.S. intelligence officials", "us intelligence"),
        ("US intelligence", "us intelligence"),
        ("the Ministry of Health's", "ministry of health"),
        ("Health ministry figures", "health ministry"),
        ("a State Department spokesperson", "state department"),
        ("Western officials", "western"),
        ("officials", "officials"),
        ("Société Générale", "societe generale"),
        ("Washington and Kyiv", "washington and kyiv"),
        ("intelligence analysts", "intelligence analysts"),
    ],
)
def test_party_key(party: str, key: str) -> None:
    assert party_key(party) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.S. intelligence officials", "US intelligence"),
        ("CWA", "Central Weather Administration"),
        ("USGS", "U.S. Geological Survey"),
        ("Sherman", "Wendy Sherman"),
        ("health ministry", "Health Ministry officials"),
        ("Central Weather Administration", "Central Wether Administration"),
        ("American officials", "U.S. officials"),
        ("the agency", "agency"),
    ],
)
def test_same_party(a: str, b: str) -> None:
    assert same_party(a, b)
    assert same_party(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia", "Ukraine"),
        ("police", "fire agency"),
        ("Iran", "Iraq"),
        ("Korea", "North Korea"),
        ("he", "she"),
        ("he", "Wendy Sherman"),
        ("European Union", "African Union"),
        ("intelligence analysts", "U.S. intelligence"),
        ("Wendy Sherman", "Linda Sherman"),
    ],
)
def test_different_parties(a: str, b: str) -> None:
    assert not same_party(a, b)
    assert not same_party(b, a)


# --- Properties. ------------------------------------------------------------------------------------------------

_PARTY_TEXT = st.text(alphabet=st.sampled_from("abcdeUSA.’' -&éCWx"), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_PARTY_TEXT, _PARTY_TEXT)
def test_same_party_is_symmetric(a: str, b: str) -> None:
    assert same_party(a, b) == same_party(b, a)


@settings(max_examples=200, deadline=None)
@given(_PARTY_TEXT)
def test_party_key_is_idempotent(party: str) -> None:
    key = party_key(party)
    assert party_key(key) == key


# --- Finding the parties a party may be one with. ---------------------------------------------------------------

# Parties that are one in every way ``same_party`` and ``speaks_for`` know: keys, acronyms written and dotted,
# organizations spelt another way or with their words in another order, people by first name and surname (a
# double surname written with a space), countries, possessives, determiners, generic nouns, a party's spokesperson,
# pronouns; and words thrown together.
_PEOPLE = st.builds(
    lambda first, middle, last: " ".join(w for w in (first, middle, last) if w),
    st.sampled_from(["", "", "Wendy", "Joe", "Joseph", "Antony", "A.", "Bashar", "Helen", "Dr."]),
    st.sampled_from(["", "", "", "R.", "Ocasio", "Tayyip"]),
    st.sampled_from(["Sherman", "Blinken", "Blink", "Cortez", "Ocasio-Cortez", "al-Assad", "Assad", "Biden Jr."]),
)
_ORGANIZATIONS = st.builds(
    lambda before, name, after: " ".join(w for w in (before, name, after) if w),
    st.sampled_from(["", "", "the", "U.S.", "US", "American", "a"]),
    st.sampled_from(
        [
            "Central Weather Administration", "Central Wether Administration", "Geological Survey", "CWA", "C.W.A.",
            "USGS", "OSCE", "NATO", "N.A.T.O.", "Organization for Security and Co-operation in Europe",
            "Organisation for Securty and Cooperation in Europe", "Organization for Security Cooperation in Europe",
            "European Union", "African Union", "Department of State", "State Department", "Ministry of Foreign Affairs",
            "Foreign Ministry", "health ministry", "Health Ministry", "agency", "agency's", "Corliss Logistics",
            "Corliss Logistics managing director Helen Ridgeway", "Kremlin", "Russia", "Russian", "intelligence",
            "United States", "he", "she", "it",
        ]
    ),
    st.sampled_from(["", "", "", "officials", "spokesman", "figures", "’s", "analysts", "managing director Helen"]),
)  # fmt: skip
_PARTY_WORDS = st.sampled_from(
    ["Wendy", "Sherman", "Central", "Weather", "Administration", "Union", "and", "&", "of", "the", "CW", "US", "-"]
)
_PARTIES = st.one_of(_PEOPLE, _ORGANIZATIONS, st.lists(_PARTY_WORDS, min_size=1, max_size=4).map(" ".join), _PARTY_TEXT)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARTIES, max_size=12, unique=True))
def test_the_index_proposes_every_party_that_may_be_one_with_a_party(parties: list[str]) -> None:
    index = PartyIndex()
    for k, party in enumerate(parties):
        candidates = index.candidates(party)
        earlier = parties[:k]
        assert [p for p in earlier if p in candidates] == candidates  # each once, in the order added
        one = [p for p in earlier if same_party(p, party) or speaks_for(party, p) or speaks_for(p, party)]
        assert set(one) <= set(candidates), (party, one, candidates)
        index.add(party)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("USGS", "U.S. Geological Survey"),
        ("CWA", "Central Weather Administration"),
        ("Central Weather Administration", "Central Wether Administration"),
        ("Sherman", "Wendy Sherman"),
        ("Ocasio-Cortez", "Alexandria Ocasio Cortez"),
        ("Corliss Logistics", "Corliss Logistics managing director Helen Ridgeway"),
        ("American officials", "U.S. officials"),
        ("Ministry of Foreign Affairs", "Foreign Ministry"),
    ],
)
def test_the_index_proposes_parties_that_are_one(a: str, b: str) -> None:
    assert same_party(a, b) or speaks_for(a, b)
    for first, second in ((a, b), (b, a)):
        index = PartyIndex()
        index.add("Kremlin")
        index.add(first)
        assert index.candidates(second) == [first]


def test_speaks_for() -> None:
    assert speaks_for("Corliss Logistics managing director Helen Ridgeway", "Corliss Logistics")
    assert speaks_for("Corliss Logistics", "Corliss Logistics managing director Helen Ridgeway")
    assert not speaks_for("Corliss Logistics", "Corliss Logisticsmanaging")
    assert not speaks_for("Corliss", "Corliss")
    assert not speaks_for("’s", "Corliss")


_WORDS = st.sampled_from(
    [
        "said", "says", "told", "reporters", "according", "to", "the", "agency", "officials", "police", "he",
        "40", "1,200", "people", ",", ".", "and", "but", "estimated", "U.S.", "intelligence", "warns", "per",
        "Citing", "that", "(", ")", "’s", "count", "figures", "show", "from", "in", "put", "toll", "at", ";",
        "Sherman", "who", "which", "was", "reported",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=25), st.data())
def test_one_entry_per_span_and_spans_in_sentence(words: list[str], data: st.DataObject) -> None:
    sentence = " ".join(words)
    bounds = st.integers(min_value=0, max_value=len(sentence))
    pairs = data.draw(st.lists(st.tuples(bounds, bounds), max_size=5))
    spans = [(min(a, b), max(a, b)) for a, b in pairs]
    got = figure_attributions(sentence, spans)
    assert len(got) == len(spans)
    for attribution in got:
        if attribution is not None:
            assert 0 <= attribution.start < attribution.end <= len(sentence)
            assert sentence[attribution.start : attribution.end] == attribution.party
            assert attribution.party == attribution.party.strip()
