"""Aligning quotes word by word: same passage, fragment, different wording; symmetric and indifferent to marks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck.quotematch import GAP, align, quote_words
from factcheck.rules.schema import QuoteSettings

SHERMAN = (
    "We will not allow anyone to slam closed NATO’s open-door policy, which has always been central to the NATO "
    "alliance."
)
WEEK = "massive consequences for Russia if it renews its aggression on Ukraine."
POST = (
    "It’s clear that we’ve offered him two paths forward. One is through diplomacy and dialogue; the other is "
    "through deterrence and massive consequences for Russia if it renews its aggression against Ukraine."
)
USAT = (
    "There will be massive consequences for Russia if it renews its aggression, by which I mean economic, "
    "financial, and other consequences"
)


def test_words_fold_case_marks_and_punctuation() -> None:
    words = quote_words("NATO’s open-door — policy, “really”!")
    assert words.folded == ("nato's", "open", "door", "policy", "really")
    assert words.written[0] == "NATO’s"


def test_ellipsis_and_brackets_are_gaps() -> None:
    words = quote_words("If Putin believes he could achieve [territorial gains in Ukraine] easily … by force")
    assert words.folded.count(GAP) == 2
    assert words.size == 9


def test_identical_passages_agree() -> None:
    found = align(SHERMAN, SHERMAN.replace("’", "'"))
    assert found.same_passage and not found.differs and not found.partial


def test_fragment_agrees_as_partial() -> None:
    longer = SHERMAN + " We will not forgo bilateral cooperation with sovereign states."
    found = align(SHERMAN, longer)
    assert found.same_passage and not found.differs and found.partial


def test_different_object_is_a_wording_difference() -> None:
    found = align(WEEK, POST)
    assert found.same_passage and found.differs
    replaced = [c for c in found.changes if c.op == "replaced"]
    assert replaced and replaced[0].words == "on Ukraine." and replaced[0].other == "against Ukraine."


def test_quote_going_on_differently_is_a_difference() -> None:
    found = align(WEEK, USAT)
    assert found.same_passage and found.differs
    assert found.changes[-1].op == "replaced"
    assert found.changes[-1].words.startswith("on Ukraine")


def test_added_word_inside_the_passage() -> None:
    found = align(
        "we are prepared to impose severe costs for further Russian aggression",
        "we are prepared to impose very severe costs for further Russian aggression",
    )
    assert found.differs
    assert [c.op for c in found.changes] == ["same", "dropped", "same"]
    assert found.changes[1].other == "very"


def test_ellipsis_is_not_a_difference() -> None:
    found = align(
        "We do expect that, in the coming days, the United States … will have an opportunity to plot out next steps",
        "We do expect that, in the coming days, the United States and the Russian Federation will have an "
        "opportunity to plot out next steps",
    )
    assert found.same_passage and not found.differs


def test_sentence_boundary_is_another_stretch_not_another_wording() -> None:
    found = align(
        "Russia has a stark choice to make. We are ready for any outcome.",
        "Russia has a stark choice to make, and it must make it soon.",
        QuoteSettings(min_shared=4),
    )
    assert found.same_passage and not found.differs


def test_unrelated_quotes_sharing_a_stock_phrase_are_not_one_passage() -> None:
    found = align(
        "There will be massive consequences for Russia if it moves again",
        "The sanctions would bring massive consequences for the Russian economy",
    )
    assert not found.same_passage


_WORDS = st.sampled_from(
    "we will not allow anyone to slam closed nato's open door policy which has always been central alliance "
    "russia ukraine massive consequences renews aggression".split()
)
_QUOTES = st.lists(_WORDS, min_size=1, max_size=18).map(" ".join)


@given(_QUOTES, _QUOTES)
def test_alignment_is_symmetric(a: str, b: str) -> None:
    one, other = align(a, b), align(b, a)
    assert (one.same_passage, one.differs, one.partial, one.shared) == (
        other.same_passage,
        other.differs,
        other.partial,
        other.shared,
    )


_MARKS = st.sampled_from(["’", "'"])
_SPACES = st.sampled_from([" ", "  ", "\n", " \t "])


@given(st.lists(_WORDS, min_size=1, max_size=18), _MARKS, _SPACES, st.booleans())
def test_alignment_ignores_quote_marks_whitespace_and_case(
    words: list[str], mark: str, space: str, upper: bool
) -> None:
    plain = " ".join(words)
    styled = space.join(w.upper() if upper else w for w in words).replace("'", mark)
    found = align(plain, f"“{styled}”")
    assert found.same_passage and not found.differs and not found.partial


@given(_QUOTES, _QUOTES)
def test_changes_read_back_to_the_quotes_words(a: str, b: str) -> None:
    found = align(a, b)
    for change in found.changes:
        assert change.words in a or change.words.strip(" …") in a
