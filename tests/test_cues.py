"""Cue words in sentences: wildcards, hyphens and dashes, word boundaries, fuzzy matches, and folding."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from factcheck.cues import FUZZY_MIN_LENGTH, Cue, fold, fuzzy_find, word_positions

DEFAULT_FUZZY = 90  # the rule schema's default
OSCE = "Organization for Security and Co-operation in Europe"


def hits(phrase: str, sentence: str, fuzzy: int = DEFAULT_FUZZY) -> list[str]:
    """The pieces of ``sentence`` (as written) where the cue was found."""
    cue = Cue.compile(phrase, fuzzy)
    return [sentence[start:end] for start, end in cue.find(fold(sentence), fuzzy)]


# --------------------------------------------------------------------------------------------------------------
# Exact phrases and wildcards


@pytest.mark.parametrize(
    "sentence",
    ["Russia has amassed troops.", "Russia is amassing troops.", "Troops amass.", "Russia AMASSES troops."],
)
def test_wildcard_matches_any_ending(sentence: str) -> None:
    found = hits("amass*", sentence)
    assert len(found) == 1
    assert found[0].lower().startswith("amass")


def test_wildcard_does_not_match_inside_a_word() -> None:
    assert hits("amass*", "They were reamassed.") == []
    assert hits("amass*", "a mass of troops") == []


def test_wildcard_covers_the_whole_word() -> None:
    assert hits("amass*", "Russia amassed 100,000 troops") == ["amassed"]


def test_wildcard_in_the_middle_of_a_phrase() -> None:
    assert hits("build* up", "Russia is building up its forces") == ["building up"]
    assert hits("build* up", "Russia has built up its forces") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The NATO-Russia Council met in Brussels.",
        "The NATO–Russia Council met in Brussels.",  # en dash
        "The NATO—Russia Council met in Brussels.",  # em dash
        "The NATO‑Russia Council met in Brussels.",  # non-breaking hyphen
        "The NATO Russia Council met in Brussels.",
        "The NATO\u00a0Russia  Council met in Brussels.",
        "The NATO-Russia\nCouncil met in Brussels.",
        "The nato-russia council met in Brussels.",
    ],
)
def test_hyphenated_phrase_matches_dashes_and_spaces(sentence: str) -> None:
    found = hits("NATO-Russia Council", sentence)
    assert len(found) == 1
    assert found[0].lower().startswith("nato")
    assert found[0].lower().endswith("council")


def test_phrase_without_hyphen_matches_hyphenated_text() -> None:
    assert hits("NATO Russia Council", "the NATO–Russia Council") == ["NATO–Russia Council"]


def test_case_insensitive() -> None:
    assert hits("Geneva", "talks in GENEVA on Monday") == ["GENEVA"]
    assert hits("GENEVA", "talks in geneva on Monday") == ["geneva"]
    assert hits("Build Up", "the military build-up near Ukraine") == ["build-up"]


def test_spans_point_into_the_original_text() -> None:
    sentence = "Monday’s NATO–Russia Council — and the OSCE"
    cue = Cue.compile("NATO-Russia Council", DEFAULT_FUZZY)
    [(start, end)] = cue.find(fold(sentence), DEFAULT_FUZZY)
    assert sentence[start:end] == "NATO–Russia Council"


def test_curly_apostrophes_read_as_straight() -> None:
    assert hits("Ukraine's border", "along Ukraine’s border") == ["Ukraine’s border"]


def test_no_match_inside_longer_words_without_wildcard() -> None:
    assert hits("border", "a borderline case") == []
    assert hits("border", "across the borders") == []
    assert hits("border", "transborder trade") == []
    assert hits("border", "Ukraine's border.") == ["border"]
    assert hits("border", "the Border, again") == ["Border"]


def test_wildcard_extends_into_longer_words() -> None:
    assert hits("border*", "a borderline case") == ["borderline"]
    assert hits("border*", "across the borders") == ["borders"]
    assert hits("border*", "transborder trade") == []


def test_every_occurrence_is_found() -> None:
    cue = Cue.compile("talks", 0)
    assert cue.find(fold("Talks about talks: the talks."), 0) == [(0, 5), (12, 17), (23, 28)]


def test_regex_characters_in_cues_are_literal() -> None:
    assert hits("U.S. mission", "at the U.S. mission") == ["U.S. mission"]
    assert hits("U.S. mission", "at the USAS mission") == []
    assert hits("(OSCE)", "the (OSCE) said") == ["(OSCE)"]
    assert hits("(OSCE)", "the OSCE said") == []


def test_an_empty_cue_matches_nothing() -> None:
    cue = Cue.compile("   ", DEFAULT_FUZZY)
    assert cue.find(fold("anything at all"), DEFAULT_FUZZY) == []


# --------------------------------------------------------------------------------------------------------------
# Fuzzy cues


def test_fuzzy_only_for_long_plain_phrases() -> None:
    assert Cue.compile(OSCE, DEFAULT_FUZZY).fuzzy_text == "organization for security and co operation in europe"
    assert Cue.compile(OSCE, 0).fuzzy_text is None
    assert Cue.compile("border", DEFAULT_FUZZY).fuzzy_text is None  # shorter than FUZZY_MIN_LENGTH
    assert len("border") < FUZZY_MIN_LENGTH
    assert Cue.compile("concentrat*", DEFAULT_FUZZY).fuzzy_text is None  # wildcards are never fuzzy


def test_fuzzy_finds_a_dropped_word_inside_a_sentence() -> None:
    sentence = "Monitors from the Organization for Security Cooperation in Europe said on Thursday."
    found = hits(OSCE, sentence)
    assert len(found) == 1
    name = "Organization for Security Cooperation in Europe"
    start = sentence.index(name)
    [(s, e)] = Cue.compile(OSCE, DEFAULT_FUZZY).find(fold(sentence), DEFAULT_FUZZY)
    assert s <= start and e >= start + len(name)


def test_fuzzy_finds_a_dropped_word_when_it_is_the_whole_sentence() -> None:
    # The docstring of fuzzy_find names exactly this text as one that "still counts".
    assert hits(OSCE, "Organization for Security Cooperation in Europe") != []


def test_fuzzy_finds_a_misspelling() -> None:
    assert hits(OSCE, "the Organisation for Security and Co-operation in Europe met") != []
    assert hits(OSCE, "the Organization for Security and Cooperation in Europe met") != []


def test_fuzzy_threshold_100_is_exact() -> None:
    folded = fold("Monitors from the Organization for Security Cooperation in Europe said")
    assert fuzzy_find("organization for security and co operation in europe", folded, 100) == []


def test_fuzzy_is_not_used_when_the_cue_is_found_exactly() -> None:
    sentence = "the Organization for Security and Co-operation in Europe and the Organisation for Security"
    found = hits(OSCE, sentence)
    assert found == ["Organization for Security and Co-operation in Europe"]


def test_fuzzy_cue_does_not_match_a_different_phrase() -> None:
    for sentence in [
        "The World Health Organization in Geneva said on Monday.",
        "The Organization of American States met in Washington.",
        "European Security Council talks in Brussels.",
        "Security and cooperation were discussed in Europe.",
    ]:
        assert hits(OSCE, sentence) == [], sentence
    assert hits("NATO-Russia Council", "The NATO summit in Russia was cancelled") == []


VOCABULARY = [
    "the", "talks", "in", "Geneva", "lasted", "seven", "hours", "Russia", "troops", "border", "meeting", "said",
    "Monday", "Sherman", "Ryabkov", "for", "and", "Europe", "security", "council", "NATO", "delegations",
    "Ukraine", "officials", "on", "with", "of", "organization", "Vienna", "Brussels", "frank", "negotiations",
]  # fmt: skip


@given(st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=25))
@example(["the", "World", "Health", "Organization"])
def test_fuzzy_cue_never_matches_unrelated_sentences(words: list[str]) -> None:
    sentence = " ".join(words)
    # Only a run holding (nearly) all of the phrase's words may match; these sentences rarely do.
    found = hits(OSCE, sentence)
    for piece in found:
        text = fold(piece)
        for word in ("organization", "security", "europe"):
            assert word in text, (sentence, piece)


@given(st.text(alphabet="bhjkmqvwx ", min_size=0, max_size=80))
def test_fuzzy_cue_never_matches_text_sharing_no_letters(text: str) -> None:
    assert hits(OSCE, text) == []
    assert hits("NATO-Russia Council", text) == []


# --------------------------------------------------------------------------------------------------------------
# Folding


def test_fold() -> None:
    assert fold("NATO–Russia") == "nato russia"
    assert fold("Ukraine’s") == "ukraine's"
    assert fold("build-up") == "build up"
    assert fold("a\u00a0b") == "a b"


def test_fold_keeps_length_of_ascii_and_dashes() -> None:
    for text in ["NATO–Russia Council", "Ukraine’s border", "build—up", "A\u00a0B‐C‑D", ""]:
        assert len(fold(text)) == len(text)


@given(st.text(alphabet=st.characters() | st.sampled_from(["–", "—", "’", "\u00a0", "‑", "‐", "-", "İ"])))
@example("İstanbul")
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_cue_spans_hold_after_a_dotted_capital_i() -> None:
    # fold() promises offsets into the original text; "İ".lower() is two code points, which shifts them.
    sentence = "After talks in İstanbul, the NATO-Russia Council met."
    assert hits("NATO-Russia Council", sentence) == ["NATO-Russia Council"]


def test_word_positions() -> None:
    assert word_positions("Ukraine's border, again") == [(0, 9), (10, 16), (18, 23)]
    assert word_positions("") == []
