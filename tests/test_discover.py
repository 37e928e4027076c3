"""Discovery of facts nobody wrote a rule for: grouping claims across outlets by kind, unit and subject."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib.util
import os
import random
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.articles import parse_article, read_article
from factcheck.discover import (
    DEFAULT,
    CandidateFact,
    DiscoverySettings,
    Figure,
    _can_merge,
    _claim_order,
    _eligible,
    _Group,
    _interval,
    _joins,
    _new_group,
    _Signature,
    _signatures,
    _subject_from_json,
    _subject_json,
    conflicts,
    discover,
    discover_figures,
    policy_for_kind,
    subjects_of,
)
from factcheck.intervals import Interval, Qualifier
from factcheck.models import Claim, ClaimKind
from factcheck.pipeline import claims_of
from factcheck.rules.loader import RuleSet, load_rules

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "data" / "stories"
GENEVA = ROOT / "corpus" / "geneva-2022"
PUBLISHED = dt.date(2024, 3, 12)  # a Tuesday


def _quality() -> ModuleType:
    """benchmarks/discovery_quality.py, which scores discovery against the stories' answers (one scorer for the
    test and the benchmark)."""
    path = ROOT / "benchmarks" / "discovery_quality.py"
    spec = importlib.util.spec_from_file_location("discovery_quality", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("discovery_quality", module)
    spec.loader.exec_module(module)
    return module


quality = _quality()


def claims_of_texts(texts: dict[str, str]) -> list[Claim]:
    """The claims of a few one-paragraph articles, read with an empty rule set."""
    rules = RuleSet()
    claims: list[Claim] = []
    for source, text in texts.items():
        article = parse_article(f"{source}.md", text, published=PUBLISHED, require_front_matter=False)
        claims.extend(claims_of(article, rules))
    return claims


def texts(candidate: CandidateFact) -> set[tuple[str, str]]:
    return {(c.source, c.text) for c in candidate.claims}


def holding(found: Sequence[CandidateFact], source: str, text: str) -> list[CandidateFact]:
    return [f for f in found if (source, text) in texts(f)]


@functools.cache
def story(name: str) -> tuple[Claim, ...]:
    return tuple(quality.story_claims(STORIES / name)[1])


@functools.cache
def geneva() -> tuple[Claim, ...]:
    rules = RuleSet()
    return tuple(c for p in sorted(GENEVA.glob("*.md")) for c in claims_of(read_article(p), rules))


# ----------------------------------------------------------------------------------------------------------------
# Subjects


def test_deaths_and_injuries_in_one_sentence_are_never_grouped() -> None:
    claims = claims_of_texts(
        {
            "a": "Five people were killed and 12 injured when the bridge collapsed on Monday.",
            "b": "The bridge collapse on Monday killed six people and injured 12 others, police said.",
            "c": "Six people died and 12 people were hurt in the collapse, officials said.",
        }
    )
    found = discover(claims)
    deaths = {("a", "Five people"), ("b", "six people"), ("c", "Six people")}
    injuries = {("a", "12"), ("b", "12 others"), ("c", "12 people")}
    for candidate in found:
        assert not (texts(candidate) & deaths and texts(candidate) & injuries), candidate
    [killed] = holding(found, "a", "Five people")
    assert texts(killed) == deaths and conflicts(killed)
    assert killed.kind is ClaimKind.QUANTITY and killed.id.startswith("auto.quantity.people-")
    [injured] = holding(found, "a", "12")
    assert texts(injured) == injuries and not conflicts(injured)


def test_deaths_and_injuries_in_otherwise_identical_words_are_different_facts() -> None:
    """Nothing but the verb tells these apart (close values, one claim per outlet, the rest of the words nearer
    and the same): the concepts do."""
    claims = claims_of_texts(
        {
            "a": "Five people on the crowded Kelso commuter train were killed.",
            "b": "Seven people on the crowded Kelso commuter train were injured.",
            "c": "Six people on the crowded Kelso commuter train were killed.",
        }
    )
    found = [f for f in discover(claims) if f.kind is ClaimKind.QUANTITY]
    assert [texts(f) for f in found] == [{("a", "Five people"), ("c", "Six people")}]


def test_a_year_in_the_clause_is_another_time() -> None:
    """Nothing but the year tells these apart (same concept, close values, one claim per outlet)."""
    claims = claims_of_texts(
        {
            "a": "The hurricane killed 14 people in 1998.",
            "b": "The hurricane killed 11 people, officials said.",
            "c": "The hurricane killed 12 people.",
        }
    )
    [deaths] = [f for f in discover(claims) if f.kind is ClaimKind.QUANTITY]
    assert texts(deaths) == {("b", "11 people"), ("c", "12 people")}


def test_the_same_fact_in_different_words_is_grouped() -> None:
    claims = claims_of_texts(
        {
            "a": "Five people were killed when the bridge collapsed.",
            "b": "Six people died in the bridge collapse.",
            "c": "The death toll from the collapse rose to 6 on Tuesday.",
            "d": "Officials confirmed six fatalities after the collapse.",
        }
    )
    [candidate] = discover(claims)
    assert texts(candidate) == {("a", "Five people"), ("b", "Six people"), ("c", "6"), ("d", "six fatalities")}
    assert conflicts(candidate)
    assert "killed" in candidate.key_terms or "died" in candidate.key_terms or "fatalities" in candidate.key_terms


def test_a_record_of_another_year_is_never_grouped_with_today() -> None:
    claims = claims_of_texts(
        {
            "a": "Gusts reached 90 mph on Tuesday, short of the record 120 mph set in 1998.",
            "b": "Winds gusted to 95 mph on Tuesday. The record of 120 mph was set during Hurricane Ada in 1998.",
            "c": "A gust of 90 mph was recorded at the airport. The strongest gust ever recorded was 125 mph, in 1998.",
        }
    )
    found = discover(claims)
    today = {("a", "90 mph"), ("b", "95 mph"), ("c", "90 mph")}
    record = {("a", "120 mph"), ("b", "120 mph"), ("c", "125 mph")}
    for candidate in found:
        assert not (texts(candidate) & today and texts(candidate) & record), candidate
    [gust] = holding(found, "b", "95 mph")
    assert texts(gust) == today and conflicts(gust)


def test_last_years_final_is_kept_apart_from_this_years() -> None:
    claims = claims_of_texts(
        {
            "a": "A crowd of 41,000 watched the final at the stadium. Last year's final drew 35,000.",
            "b": "The final was watched by a crowd of 41,200. Last year's final was watched by 30,000.",
        }
    )
    found = discover(claims)
    for candidate in found:
        values = {c.stated_low for c in candidate.claims}
        assert not (values & {41_000.0, 41_200.0} and values & {35_000.0, 30_000.0}), candidate


def test_a_class_of_things_over_a_bound_is_no_fact_about_one() -> None:
    claims = claims_of_texts(
        {
            "a": "The 12,000 sq m warehouse was destroyed.",
            "b": "Only 28% of warehouses over 10,000 sq m have sprinklers. The 21,000 sq m warehouse was destroyed.",
        }
    )
    [candidate] = discover(claims)
    assert texts(candidate) == {("a", "12,000 sq m"), ("b", "21,000 sq m")}


def test_values_far_apart_are_different_facts() -> None:
    claims = claims_of_texts(
        {
            "a": "About 80 firefighters were sent to the warehouse. Two firefighters were treated in hospital.",
            "b": "Eighty firefighters were sent to the warehouse.",
            "c": "Two firefighters were treated in hospital for heat exhaustion.",
        }
    )
    for candidate in discover(claims):
        values = {c.stated_low for c in candidate.claims}
        assert not (80.0 in values and 2.0 in values), candidate


def test_different_places_are_different_facts() -> None:
    claims = claims_of_texts(
        {
            "a": "About 6,200 people rallied in Bucharest on Wednesday.",
            "b": "About 5,600 people rallied in London on Wednesday.",
            "c": "Some 6,000 people rallied in Bucharest on Wednesday.",
        }
    )
    for candidate in discover(claims):
        assert {c.source for c in candidate.claims} != {"a", "b"}
        assert "b" not in {c.source for c in candidate.claims}, candidate


def test_said_tuesday_is_never_the_date_of_an_event() -> None:
    claims = claims_of_texts(
        {
            "a": "The bridge collapsed on Monday, the mayor said Tuesday.",
            "b": "The bridge collapsed on Sunday, officials said on Wednesday.",
        }
    )
    found = discover(claims)
    [collapse] = found
    assert texts(collapse) == {("a", "Monday"), ("b", "Sunday")}
    assert conflicts(collapse)  # dates compare in days, as a rule-defined date fact's do


# ----------------------------------------------------------------------------------------------------------------
# Units


def test_speeds_in_km_h_and_mph_are_one_dimension_and_lengths_another() -> None:
    claims = claims_of_texts(
        {
            "a": "The storm brought gusts of 100 km/h to the coast. The 40-mile causeway was closed.",
            "b": "Gusts of 70 mph battered the coast. The causeway, 40 miles long, was closed.",
        }
    )
    found = discover(claims)
    [gusts] = holding(found, "b", "70 mph")
    assert texts(gusts) == {("a", "100 km/h"), ("b", "70 mph")}
    assert conflicts(gusts)  # 100 km/h is 62 mph
    [causeway] = holding(found, "b", "40 miles")
    assert texts(causeway) == {("a", "40-mile"), ("b", "40 miles")} and not conflicts(causeway)


def test_money_in_different_currencies_is_never_grouped() -> None:
    claims = claims_of_texts(
        {
            "a": "The club was fined €250,000 for crowd trouble.",
            "b": "The club was fined £250,000 for crowd trouble.",
            "c": "The club was fined €200,000 for crowd trouble.",
        }
    )
    [fine] = discover(claims)
    assert {c.source for c in fine.claims} == {"a", "c"} and fine.unit == "EUR"


def test_clock_times_in_utc_and_local_time_are_never_grouped() -> None:
    claims = claims_of_texts(
        {
            "a": "The storm made landfall at 3:40 a.m. EDT.",
            "b": "The storm made landfall at 3:40 a.m.",
            "c": "The storm made landfall at 4:10 a.m.",
        }
    )
    [landfall] = discover(claims)
    assert {c.source for c in landfall.claims} == {"b", "c"} and conflicts(landfall)


def test_only_the_kinds_asked_for_are_grouped() -> None:
    claims = claims_of_texts(
        {"a": "Six people died in Halden on Monday.", "b": "Five people died in Halden on Monday."}
    )
    only_dates = discover(claims, DiscoverySettings(kinds=frozenset({ClaimKind.DATE})))
    assert [f.kind for f in only_dates] == [ClaimKind.DATE]
    assert {f.kind for f in discover(claims)} == {ClaimKind.DATE, ClaimKind.QUANTITY}


# ----------------------------------------------------------------------------------------------------------------
# Determinism, ids


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_order_of_the_claims_does_not_matter(rng: random.Random) -> None:
    claims = list(story("storm-port-callow"))
    expected = discover(claims)
    rng.shuffle(claims)
    assert discover(claims) == expected


def test_the_result_does_not_depend_on_string_hashing() -> None:
    """Sets of strings iterate in another order in another process: nothing may depend on it."""
    script = (
        "import sys; sys.path.insert(0, 'tests'); import test_discover as t; "
        "claims = [c for s in ('carran-cup-final', 'halden-warehouse-fire', 'storm-port-callow') for c in t.story(s)]"
        " + list(t.geneva()); "
        "print([(f.id, [(c.source, c.start) for c in f.claims]) for f in t.discover(claims)])"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_ids_are_unique_stable_and_made_of_key_terms() -> None:
    claims = list(story("halden-warehouse-fire")) + list(story("storm-port-callow"))
    found = discover(claims)
    ids = [f.id for f in found]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    assert [f.id for f in discover(list(reversed(claims)))] == ids
    for fact in found:
        assert re.fullmatch(r"auto\.[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*", fact.id), fact.id
        assert fact.id.startswith(f"auto.{fact.kind.value}.")
        assert fact.title == " ".join(fact.key_terms) and fact.key_terms
        assert len({c.source for c in fact.claims}) >= 2
        assert list(fact.claims) == sorted(fact.claims, key=lambda c: (c.source, c.start, c.end))


def test_claims_of_ignored_kinds_are_never_grouped() -> None:
    ignored = {ClaimKind.QUOTE, ClaimKind.PERSON, ClaimKind.ORGANIZATION, ClaimKind.PLACE}
    for fact in discover(story("carran-cup-final")):
        assert fact.kind not in ignored and all(c.kind is fact.kind for c in fact.claims)


def test_copies_of_a_corpus_group_the_same_claims() -> None:
    """Outlets repeat each other word for word: a corpus repeated under other source ids groups the same claims
    (and more: a claim only one outlet made is now made by every copy of it)."""
    claims = list(geneva())
    copies = [c.model_copy(update={"source": f"{c.source}~{n}"}) for n in range(20) for c in claims]

    def original(c: Claim) -> tuple[str, int, int]:
        return (c.source.split("~")[0], c.start, c.end)

    once = {frozenset(original(c) for c in f.claims): conflicts(f) for f in discover(claims)}
    many = {frozenset(original(c) for c in f.claims): conflicts(f) for f in discover(copies)}
    assert once == {group: status for group, status in many.items() if len({s for s, _, _ in group}) >= 2}


# ----------------------------------------------------------------------------------------------------------------
# Subjects kept at analysis, figures grouped without their claims


def kept(claims: Sequence[Claim]) -> tuple[list[Figure], list[str], list[Claim]]:
    """What the claim cache keeps of claims no rule placed, read article by article (source by source) as
    analysis reads them: each discoverable claim's figure and subject, and the claim itself."""
    figures: list[Figure] = []
    subjects: list[str] = []
    kept_claims: list[Claim] = []
    for source in sorted({c.source for c in claims}):
        own = [c for c in claims if c.source == source]
        for claim, subject in zip(own, subjects_of(own), strict=True):
            if subject is not None:
                figures.append(Figure.of(claim))
                subjects.append(subject)
                kept_claims.append(claim)
    return figures, subjects, kept_claims


def every_story() -> list[tuple[Claim, ...]]:
    names = ("carran-cup-final", "halden-warehouse-fire", "storm-port-callow", "quake-parties", "flood-toll")
    return [*(story(name) for name in names), geneva()]


def test_figures_grouped_from_kept_subjects_are_the_claims_grouped_whole() -> None:
    found_any = 0
    for claims in every_story():
        figures, subjects, kept_claims = kept(claims)
        grouped = [g.with_claims([kept_claims[i] for i in g.members]) for g in discover_figures(figures, subjects)]
        assert grouped == discover(claims)
        found_any += len(grouped)
    assert found_any >= 20


@settings(max_examples=10, deadline=None)
@given(st.randoms(use_true_random=False))
def test_figures_are_grouped_alike_in_any_order(rng: random.Random) -> None:
    figures, subjects, kept_claims = kept(story("storm-port-callow"))
    expected = [g.with_claims([kept_claims[i] for i in g.members]) for g in discover_figures(figures, subjects)]
    order = list(range(len(figures)))
    rng.shuffle(order)
    shuffled = discover_figures([figures[i] for i in order], [subjects[i] for i in order])
    assert [g.with_claims([kept_claims[order[i]] for i in g.members]) for g in shuffled] == expected


def test_a_claim_discovery_leaves_alone_keeps_no_subject() -> None:
    claims = claims_of_texts({"a": "Dozens of homes were flooded. Police said on Tuesday that 12 people were hurt."})
    subjects = dict(zip((c.text for c in claims), subjects_of(claims), strict=True))
    assert subjects["Dozens of homes"] is None  # vague
    assert subjects["Tuesday"] is None  # when somebody spoke
    assert subjects["12 people"] is not None


def test_one_subject_text_of_figures_of_two_kinds_is_read_for_each_kind() -> None:
    """Figures of different kinds may keep the same subject text: each is grouped within its own kind."""
    sig = _Signature(
        block=(ClaimKind.DURATION, "", ""),
        terms=(("=meeting", 1.0),),
        concept="meeting",
        concepts=frozenset({"meeting"}),
        rivals=frozenset({("event", "meeting", frozenset({"meeting"}))}),
        places=frozenset(),
        surface=(("=meeting", "meeting"),),
        unit_label=None,
    )
    text = _subject_json(sig)

    def figure(source: str, kind: ClaimKind) -> Figure:
        return Figure(source, 10, 20, kind, "two hours", 120.0, 120.0, Qualifier.EXACT, None)

    figures = [figure("a", ClaimKind.DURATION), figure("b", ClaimKind.DURATION), figure("c", ClaimKind.TIME)]
    [grouping] = discover_figures(figures, [text, text, text])
    assert grouping.kind is ClaimKind.DURATION and grouping.members == (0, 1)


_words = st.text(alphabet="abcdefghij=-’é ", min_size=1, max_size=8)


@st.composite
def signatures(draw: st.DrawFn) -> _Signature:
    kind = draw(st.sampled_from(sorted(ClaimKind)))
    terms = draw(st.dictionaries(_words, st.floats(min_value=0.0, max_value=1.0), max_size=6))
    close = st.frozensets(_words, max_size=3)
    return _Signature(
        block=(kind, draw(_words), draw(st.sampled_from(["", "past", "y1998+y2001", "record"]))),
        terms=tuple(sorted(terms.items())),
        concept=draw(st.none() | _words),
        concepts=draw(close),
        rivals=draw(st.frozensets(st.tuples(_words, _words, close), max_size=3)),
        places=draw(close),
        surface=tuple(sorted((t, draw(_words)) for t in terms)),
        unit_label=draw(st.none() | _words),
    )


@given(signatures())
def test_a_kept_subject_reads_back_as_the_signature_it_was(sig: _Signature) -> None:
    text = _subject_json(sig)
    assert _subject_from_json(text, sig.block[0]) == sig
    assert _subject_json(_subject_from_json(text, sig.block[0])) == text  # one text for one signature


# ----------------------------------------------------------------------------------------------------------------
# Reading once what is the same


def test_a_sentence_in_stories_of_other_years_reads_as_each_story_reads_it_alone() -> None:
    """A sentence is read once for every outlet that prints it; only its time anchors depend on the story's year
    (a year of the clause that is the story's own is no other time)."""
    sentence = "The hurricane killed 14 people in 1998, and 2,000 homes were lost last year."
    claims = claims_of_texts(
        {
            "a": f"{sentence} It struck on March 3, 1998, and again on March 9, 1998.",
            "b": f"{sentence} It struck on March 3, 2024.",
            "c": sentence,
            "d": f"{sentence} It struck on March 3, 1998.",
        }
    )
    ordered = sorted((c for c in claims if _eligible(c, DEFAULT)), key=_claim_order)
    alone = [sig for source in "abcd" for sig in _signatures([c for c in ordered if c.source == source], DEFAULT)]
    together = _signatures(ordered, DEFAULT)
    assert together == alone
    deaths = [(c.source, sig) for c, sig in zip(ordered, together, strict=True) if c.text == "14 people"]
    assert [(source, sig.block[2]) for source, sig in deaths if sig is not None] == [
        ("a", ""),
        ("b", "y1998"),
        ("c", "y1998"),
        ("d", ""),
    ]


_SUBJECT = _Signature(
    block=(ClaimKind.QUANTITY, "people", ""),
    terms=(("=death", 1.0),),
    concept="death",
    concepts=frozenset({"death"}),
    rivals=frozenset({("people", "death", frozenset({"death"}))}),
    places=frozenset({"bucharest"}),
    surface=(("=death", "killed"),),
    unit_label="people",
)
_VALUES = st.tuples(
    st.sampled_from("abc"),
    st.sampled_from([Qualifier.EXACT, Qualifier.ABOUT, Qualifier.MORE_THAN, Qualifier.AT_LEAST]),
    st.sampled_from([1.0, 2.0, 3.0, 4.0, 9.0, 10.0, 11.0, 40.0, 0.0]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_VALUES, max_size=12), st.sampled_from([ClaimKind.QUANTITY, ClaimKind.DATE, ClaimKind.TIME]))
def test_a_claim_joins_its_subjects_group_as_a_group_of_one_would_merge(
    values: list[tuple[str, Qualifier, float]], kind: ClaimKind
) -> None:
    claims = [
        Claim(
            source=source,
            kind=kind,
            text=f"{value:g} people",
            start=k,
            end=k + 1,
            line=1,
            sentence="",
            sentence_start=0,
            qualifier=qualifier,
            stated_low=value,
            stated_high=value,
            unit="people",
        )
        for k, (source, qualifier, value) in enumerate(values)
    ]
    policy = policy_for_kind(kind)
    memo: dict[tuple[object, ...], Interval | None] = {}
    merged: list[_Group] = []
    joined: list[_Group] = []
    for i, claim in enumerate(claims):
        group = _new_group(i, claim, _SUBJECT, policy, memo)
        if merged and _can_merge(merged[-1], group, kind, DEFAULT):
            merged[-1].merge(group)
        else:
            merged.append(group)
        value, interval = group.low, _interval(claim, policy, memo)
        assert value is not None
        if joined and _joins(joined[-1], value, claim.source, interval, kind, DEFAULT):
            joined[-1].add(i, value, claim.source, interval)
        else:
            joined.append(_new_group(i, claim, _SUBJECT, policy, memo))
    assert joined == merged


# ----------------------------------------------------------------------------------------------------------------
# Quality


def test_discovered_conflicts_match_the_stories_answers(terminal_summary: list[tuple[str, str]]) -> None:
    """Precision and recall of the conflicts discovered with an empty rule set, pooled over tests/data/stories."""
    scores = quality.score_stories()
    precision, recall = quality.pooled(scores)
    table = quality.table(scores)
    terminal_summary.append(("discovery: conflicts found with no rules, against the stories' answers", table))
    print(table)
    assert precision >= 0.9, table
    assert recall >= 0.8, table
    # Answer conflicts the extractor cannot read are skipped, but they are few and listed.
    assert sum(len(s.unreadable) for s in scores) <= 1, table


def test_geneva_meeting_length_conflict_is_discovered_without_rules() -> None:
    found = [f for f in discover(geneva()) if f.kind is ClaimKind.DURATION and conflicts(f)]
    meeting = [f for f in found if {"seven-hour", "nearly eight-hour"} <= {c.text for c in f.claims}]
    assert len(meeting) == 1, found
    assert {c.source for c in meeting[0].claims} >= {"washington-post", "foreign-policy", "usa-today"}


def test_geneva_offensive_estimate_is_kept_apart_from_troops_at_the_border() -> None:
    found = discover(geneva())
    for fact in found:
        values = {c.stated_low for c in fact.claims}
        assert not (175_000.0 in values and 100_000.0 in values), fact
    border = [f for f in found if any(c.stated_low == 100_000.0 for c in f.claims)]
    assert border and all(c.unit in ("troops", "forces") for f in border for c in f.claims)


def test_geneva_discovery_mixes_no_two_rule_defined_facts() -> None:
    """The repository's Geneva rules label the claims they match: no candidate holds claims of two facts."""
    claims = list(geneva())
    from factcheck.match import match_claims

    labels = {
        (m.claim.source, m.claim.start, m.claim.end): m.fact_id
        for m in match_claims(claims, load_rules(ROOT / "rules"))
        if m.fact_id.startswith("geneva.")
    }
    for fact in discover(claims, DEFAULT):
        facts = {labels[key] for c in fact.claims if (key := (c.source, c.start, c.end)) in labels}
        assert len(facts) <= 1, (fact.id, facts)


# --- the similarity graph: each subject's best neighbours only ----------------------------------------------------

_TERMS = ("talks", "troops", "border", "hours", "meeting", "villa")


@st.composite
def _subject_vectors(draw: st.DrawFn) -> tuple[list[dict[str, float]], list[_Signature]]:
    """Subjects of one block with a few terms each from a small vocabulary (many share terms) and weights from a
    few values (many similarities tie)."""
    vectors: list[dict[str, float]] = []
    sigs: list[_Signature] = []
    for _ in range(draw(st.integers(2, 24))):
        terms = draw(st.lists(st.sampled_from(_TERMS), min_size=1, max_size=4, unique=True))
        vector = {t: draw(st.sampled_from((0.25, 0.5, 1.0))) for t in terms}
        vectors.append(vector)
        sig = _Signature(
            block=("quantity", "troops", ""),
            terms=tuple(sorted(vector.items())),
            concept=None,
            concepts=frozenset(),
            rivals=frozenset(),
            places=frozenset(),
            surface=(),
            unit_label=None,
        )
        sigs.append(sig)
    return vectors, sigs


@given(_subject_vectors(), st.integers(0, 4))
@settings(max_examples=150, deadline=None)
def test_each_subject_keeps_its_most_similar_neighbours_ties_to_the_lower_index(
    subjects: tuple[list[dict[str, float]], list[_Signature]], keep: int
) -> None:
    from factcheck.discover import _edges

    vectors, sigs = subjects
    roomy = dataclasses.replace(DEFAULT, max_neighbors=len(vectors), top_terms=len(_TERMS))
    every = _edges(vectors, sigs, frozenset(), roomy)  # every pair compared, above min_edge
    near: dict[int, list[tuple[float, int]]] = {a: [] for a in range(len(vectors))}
    for (a, b), sim in every.items():
        near[a].append((sim, b))
        near[b].append((sim, a))
    expected: dict[tuple[int, int], float] = {}
    for a, found in near.items():
        for sim, b in sorted(found, key=lambda x: (-x[0], x[1]))[:keep]:
            expected[(min(a, b), max(a, b))] = sim
    bounded = dataclasses.replace(roomy, max_neighbors=keep)
    assert _edges(vectors, sigs, frozenset(), bounded) == dict(sorted(expected.items()))
