"""Figure attribution: who asserts each figure of a sentence (tests/data/attribution/figures.yaml), party keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.attribution import Attribution, figure_attributions, party_key, same_party

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
