"""Judging one fact's claims across sources: agree, conflict with majority and outliers, disputed, single."""

from __future__ import annotations

from collections import Counter

from hypothesis import assume, example, given
from hypothesis import strategies as st

from factcheck.compare import Context, Policy, compared_interval, judge, normalize_text, unnamed_party
from factcheck.intervals import Interval, Qualifier, Slack
from factcheck.models import Claim, ClaimKind, Confidence, FactInfo, Finding, Reason, Severity, Status, Verdict
from factcheck.rules.schema import Evolving

TROOPS = FactInfo(id="geneva.troops-at-border", title="Troops", kind=ClaimKind.QUANTITY, severity=Severity.ERROR)
DURATION = FactInfo(id="geneva.meeting-duration", title="Length", kind=ClaimKind.DURATION, severity=Severity.ERROR)
PLACE = FactInfo(id="geneva.next-meeting-place", title="Where", kind=ClaimKind.PLACE, severity=Severity.WARNING)

OVERLAP = Policy()
GENEVA_TROOPS = Policy(slack=Slack(rounding=0.02))
GENEVA_DURATION = Policy(slack=Slack(rounding=0.05, near=0.05))
SAME_TEXT = Policy(method="same-text")


def claim(
    source: str,
    low: float | None,
    qualifier: Qualifier = Qualifier.EXACT,
    high: float | None = None,
    start: int = 0,
    kind: ClaimKind = ClaimKind.QUANTITY,
    text: str | None = None,
    label: str | None = None,
) -> Claim:
    high = low if high is None else high
    shown = text if text is not None else f"{qualifier.value} {low}"
    return Claim(
        source=source,
        kind=kind,
        text=shown,
        start=start,
        end=start + len(shown),
        line=1,
        sentence=shown,
        sentence_start=start,
        qualifier=qualifier,
        stated_low=low,
        stated_high=high,
        unit="troops" if kind is ClaimKind.QUANTITY else None,
        label=label,
    )


def place(source: str, name: str, start: int = 0) -> Claim:
    return Claim(
        source=source,
        kind=ClaimKind.PLACE,
        text=name,
        start=start,
        end=start + len(name),
        line=1,
        sentence=f"They will meet next in {name}.",
        sentence_start=start,
        qualifier=Qualifier.EXACT,
        stated_low=None,
        stated_high=None,
        unit=None,
    )


def verdicts_by_source(finding: Finding) -> dict[str, set[Verdict]]:
    out: dict[str, set[Verdict]] = {}
    for judged in finding.claims:
        out.setdefault(judged.claim.source, set()).add(judged.verdict)
    return out


# --------------------------------------------------------------------------------------------------------------
# Unit cases


def test_all_overlapping_agree() -> None:
    claims = [
        claim("ap", 100_000, Qualifier.ABOUT),
        claim("reuters", 100_000),
        claim("bbc", 95_000, Qualifier.AT_LEAST),
        claim("cnn", 110_000, Qualifier.UP_TO),
    ]
    finding = judge(TROOPS, claims, OVERLAP)
    assert finding.status is Status.AGREE
    assert {j.verdict for j in finding.claims} == {Verdict.MAJORITY}
    assert finding.majority == ("ap", "bbc", "cnn", "reuters")
    assert finding.outliers == ()
    assert finding.fact == TROOPS


def test_one_outlier_against_three() -> None:
    claims = [
        claim("ap", 100_000),
        claim("reuters", 100_000, Qualifier.ABOUT),
        claim("bbc", 98_000),
        claim("cnn", 175_000),
    ]
    finding = judge(TROOPS, claims, OVERLAP)
    assert finding.status is Status.CONFLICT
    assert finding.majority == ("ap", "bbc", "reuters")
    assert finding.outliers == ("cnn",)
    assert verdicts_by_source(finding) == {
        "ap": {Verdict.MAJORITY},
        "bbc": {Verdict.MAJORITY},
        "reuters": {Verdict.MAJORITY},
        "cnn": {Verdict.OUTLIER},
    }


def test_two_against_two_is_disputed() -> None:
    claims = [
        claim("ap", 100_000, Qualifier.MORE_THAN),
        claim("reuters", 120_000),
        claim("bbc", 100_000, Qualifier.ALMOST),
        claim("cnn", 90_000, Qualifier.ABOUT),
    ]
    finding = judge(TROOPS, claims, OVERLAP)
    assert finding.status is Status.CONFLICT
    assert finding.majority == ()
    assert finding.outliers == ("ap", "bbc", "cnn", "reuters")
    assert {j.verdict for j in finding.claims} == {Verdict.DISPUTED}


def test_one_source_alone_is_single() -> None:
    finding = judge(TROOPS, [claim("ap", 100_000)], OVERLAP)
    assert finding.status is Status.SINGLE
    assert [j.verdict for j in finding.claims] == [Verdict.SINGLE]
    assert finding.majority == () and finding.outliers == ()
    assert finding.sources == ("ap",)


def test_one_source_repeating_itself_is_single() -> None:
    claims = [claim("ap", 100_000, start=10), claim("ap", 100_000, Qualifier.ABOUT, start=90)]
    finding = judge(TROOPS, claims, OVERLAP)
    assert finding.status is Status.SINGLE
    assert {j.verdict for j in finding.claims} == {Verdict.SINGLE}


def test_one_source_contradicting_itself_is_a_conflict() -> None:
    claims = [claim("ap", 100_000, Qualifier.MORE_THAN, start=10), claim("ap", 100_000, Qualifier.ALMOST, start=90)]
    finding = judge(TROOPS, claims, OVERLAP)
    assert finding.status is Status.CONFLICT
    assert {j.verdict for j in finding.claims} == {Verdict.DISPUTED}
    assert finding.majority == ()
    assert finding.outliers == ("ap",)


def test_sources_not_claims_are_counted() -> None:
    claims = [
        claim("ap", 100_000, start=10),
        claim("ap", 100_000, start=200),
        claim("ap", 100_000, Qualifier.ABOUT, start=400),
        claim("bbc", 175_000),
        claim("cnn", 175_000, Qualifier.ABOUT),
    ]
    finding = judge(TROOPS, claims, OVERLAP)
    assert finding.status is Status.CONFLICT
    assert finding.majority == ("bbc", "cnn")
    assert finding.outliers == ("ap",)
    assert verdicts_by_source(finding) == {
        "ap": {Verdict.OUTLIER},
        "bbc": {Verdict.MAJORITY},
        "cnn": {Verdict.MAJORITY},
    }


def test_claims_come_back_sorted_with_their_compared_intervals() -> None:
    claims = [claim("cnn", 7), claim("ap", 7, start=50), claim("ap", 7, start=5)]
    finding = judge(DURATION, claims, GENEVA_DURATION)
    assert [(j.claim.source, j.claim.start) for j in finding.claims] == [("ap", 5), ("ap", 50), ("cnn", 0)]
    for judged in finding.claims:
        assert judged.compared == compared_interval(judged.claim, GENEVA_DURATION)
        assert judged.compared is not None and judged.compared.contains(7)


def test_exact_method_drops_rounding_slack_but_keeps_qualifiers() -> None:
    claims = [claim("ap", 100_000), claim("bbc", 101_000)]
    assert judge(TROOPS, claims, OVERLAP).status is Status.AGREE
    assert judge(TROOPS, claims, Policy(method="exact")).status is Status.CONFLICT
    assert compared_interval(claim("ap", 100_000), Policy(method="exact")) == Interval(low=100_000, high=100_000)
    # "about 100,000" still means about: exact comparison only stops widening bare numbers.
    assert compared_interval(claim("ap", 100_000, Qualifier.ABOUT), Policy(method="exact")) == Interval(
        low=90_000, high=110_000
    )


def test_exact_method_two_outlets_saying_the_same_almost_agree() -> None:
    # Two outlets with the identical hedge "almost 90,000" say the same thing and must not conflict.
    claims = [claim("ap", 90_000, Qualifier.ALMOST), claim("bbc", 90_000, Qualifier.ALMOST, start=5)]
    assert judge(TROOPS, claims, OVERLAP).status is Status.AGREE
    finding = judge(TROOPS, claims, Policy(method="exact"))
    assert finding.status is Status.AGREE, [j.compared for j in finding.claims]
    alone = judge(TROOPS, claims[:1], Policy(method="exact"))
    assert alone.status is Status.SINGLE


def test_a_range_is_not_averaged() -> None:
    # 60,000-80,000 averages to 70,000, but the range allows 79,000 and does not allow 90,000.
    claims = [claim("ap", 60_000, Qualifier.RANGE, high=80_000), claim("bbc", 79_000)]
    assert judge(TROOPS, claims, OVERLAP).status is Status.AGREE
    claims = [claim("ap", 60_000, Qualifier.RANGE, high=80_000), claim("bbc", 90_000)]
    assert judge(TROOPS, claims, OVERLAP).status is Status.CONFLICT


# --------------------------------------------------------------------------------------------------------------
# The Geneva cases, judged


def test_geneva_more_than_against_almost_100000() -> None:
    claims = [claim("ap", 100_000, Qualifier.MORE_THAN), claim("bbc", 100_000, Qualifier.ALMOST)]
    finding = judge(TROOPS, claims, GENEVA_TROOPS)
    assert finding.status is Status.CONFLICT
    assert finding.majority == ()


def test_geneva_bare_100000_sits_with_either_hedge() -> None:
    for hedge in (Qualifier.MORE_THAN, Qualifier.ALMOST):
        claims = [claim("ap", 100_000, hedge), claim("reuters", 100_000)]
        assert judge(TROOPS, claims, GENEVA_TROOPS).status is Status.AGREE


def test_geneva_bare_100000_cannot_settle_more_than_against_almost() -> None:
    claims = [
        claim("ap", 100_000, Qualifier.MORE_THAN),
        claim("bbc", 100_000, Qualifier.ALMOST),
        claim("reuters", 100_000),
    ]
    finding = judge(TROOPS, claims, GENEVA_TROOPS)
    assert finding.status is Status.CONFLICT
    assert finding.majority == ()
    assert {j.verdict for j in finding.claims} == {Verdict.DISPUTED}


def test_geneva_more_than_outvoted_by_almost() -> None:
    claims = [
        claim("ap", 100_000, Qualifier.MORE_THAN),
        claim("bbc", 100_000, Qualifier.ALMOST),
        claim("cnn", 100_000, Qualifier.ALMOST),
    ]
    finding = judge(TROOPS, claims, GENEVA_TROOPS)
    assert finding.status is Status.CONFLICT
    assert finding.majority == ("bbc", "cnn")
    assert finding.outliers == ("ap",)


def test_geneva_seven_hours_against_nearly_eight() -> None:
    seven = claim("ap", 7, text="seven-hour")
    nearly_eight = claim("reuters", 8, Qualifier.ALMOST, text="nearly eight-hour")
    eight = claim("cnn", 8, text="eight hours")
    assert judge(DURATION, [seven, nearly_eight], GENEVA_DURATION).status is Status.CONFLICT
    assert judge(DURATION, [eight, nearly_eight], GENEVA_DURATION).status is Status.AGREE
    finding = judge(DURATION, [seven, nearly_eight, eight], GENEVA_DURATION)
    assert finding.status is Status.CONFLICT
    assert finding.majority == ("cnn", "reuters")
    assert finding.outliers == ("ap",)


# --------------------------------------------------------------------------------------------------------------
# Places: the same text


def test_normalize_text() -> None:
    assert normalize_text("The  Brussels") == "brussels"
    assert normalize_text("Zürich") == "zurich"
    assert normalize_text("NATO-Russia") == "nato russia"


def test_same_text_groups_case_and_typos() -> None:
    claims = [place("ap", "Brussels"), place("bbc", "brussels"), place("cnn", "Brussles"), place("dw", "Vienna")]
    # "Brussles" (a transposition) scores 87.5 against "brussels": inside a similarity of 85.
    finding = judge(PLACE, claims, Policy(method="same-text", similarity=85))
    assert finding.status is Status.CONFLICT
    assert finding.majority == ("ap", "bbc", "cnn")
    assert finding.outliers == ("dw",)
    assert all(j.compared is None for j in finding.claims)


def test_same_text_default_similarity() -> None:
    claims = [place("ap", "Brussels"), place("bbc", "BRUSSELS"), place("cnn", "Brusels"), place("dw", "Vienna")]
    finding = judge(PLACE, claims, SAME_TEXT)
    assert finding.status is Status.CONFLICT
    assert finding.majority == ("ap", "bbc", "cnn")
    assert finding.outliers == ("dw",)


def test_same_text_all_agree_and_ties() -> None:
    agree = judge(PLACE, [place("ap", "Geneva"), place("bbc", "the Geneva"), place("cnn", "geneva")], SAME_TEXT)
    assert agree.status is Status.AGREE
    assert agree.majority == ("ap", "bbc", "cnn")
    tie = judge(PLACE, [place("ap", "Brussels"), place("bbc", "Vienna")], SAME_TEXT)
    assert tie.status is Status.CONFLICT
    assert tie.majority == ()
    assert {j.verdict for j in tie.claims} == {Verdict.DISPUTED}


def test_same_text_counts_sources_not_claims() -> None:
    claims = [
        place("ap", "Vienna", start=1),
        place("ap", "Vienna", start=2),
        place("ap", "Vienna", start=3),
        place("bbc", "Brussels"),
        place("cnn", "Brussels"),
    ]
    finding = judge(PLACE, claims, SAME_TEXT)
    assert finding.majority == ("bbc", "cnn")
    assert finding.outliers == ("ap",)


def test_same_text_uses_the_label_when_there_is_one() -> None:
    a = place("ap", "the Belgian capital").model_copy(update={"label": "Brussels"})
    finding = judge(PLACE, [a, place("bbc", "Brussels")], SAME_TEXT)
    assert finding.status is Status.AGREE


# --------------------------------------------------------------------------------------------------------------
# Properties

SOURCES = ["ap", "bbc", "cnn", "dw", "reuters"]
VALUES = [90_000.0, 95_000.0, 100_000.0, 105_000.0, 120_000.0, 175_000.0]


@st.composite
def claim_lists(draw: st.DrawFn, min_size: int = 1, max_size: int = 7) -> list[Claim]:
    """Claims on one fact; every claim has its own position, so that sorting them is total."""
    n = draw(st.integers(min_value=min_size, max_value=max_size))
    out: list[Claim] = []
    for i in range(n):
        source = draw(st.sampled_from(SOURCES))
        qualifier = draw(st.sampled_from(list(Qualifier)))
        low = draw(st.sampled_from(VALUES))
        high = low
        if qualifier is Qualifier.RANGE:
            high = draw(st.sampled_from([v for v in VALUES if v >= low]))
        out.append(claim(source, low, qualifier, high=high, start=100 * i))
    return out


def policies() -> st.SearchStrategy[Policy]:
    return st.sampled_from([OVERLAP, GENEVA_TROOPS, Policy(method="exact"), Policy(slack=Slack(rounding=0))])


@given(data=st.data(), claims=claim_lists(), policy=policies())
def test_finding_does_not_depend_on_claim_order(data: st.DataObject, claims: list[Claim], policy: Policy) -> None:
    shuffled = data.draw(st.permutations(claims))
    assert judge(TROOPS, shuffled, policy) == judge(TROOPS, claims, policy)


@given(
    data=st.data(),
    names=st.lists(
        st.sampled_from(["Brussels", "brussels", "Brussles", "Brusels", "Vienna", "VIENNA", "Geneva"]),
        min_size=1,
        max_size=7,
    ),
    similarity=st.sampled_from([80, 85, 90, 100]),
)
def test_same_text_finding_does_not_depend_on_claim_order(
    data: st.DataObject, names: list[str], similarity: int
) -> None:
    claims = [place(data.draw(st.sampled_from(SOURCES)), name, start=i) for i, name in enumerate(names)]
    shuffled = data.draw(st.permutations(claims))
    policy = Policy(method="same-text", similarity=similarity)
    assert judge(PLACE, shuffled, policy) == judge(PLACE, claims, policy)


@given(data=st.data(), claims=claim_lists(), policy=policies())
def test_renaming_sources_changes_nothing_but_names(data: st.DataObject, claims: list[Claim], policy: Policy) -> None:
    new_names = data.draw(st.permutations(["zdf", "afp", "nyt", "ft", "wsj"]))
    rename = dict(zip(SOURCES, new_names, strict=True))
    renamed = [c.model_copy(update={"source": rename[c.source]}) for c in claims]
    before = judge(TROOPS, claims, policy)
    after = judge(TROOPS, renamed, policy)
    assert after.status is before.status
    verdict_before = {j.claim.start: j.verdict for j in before.claims}
    verdict_after = {j.claim.start: j.verdict for j in after.claims}
    assert verdict_after == verdict_before
    assert set(after.majority) == {rename[s] for s in before.majority}
    assert set(after.outliers) == {rename[s] for s in before.outliers}


# Pairs of hedged values that cannot both be right (under the default policy).
DISJOINT_PAIRS = [
    ((100_000.0, Qualifier.MORE_THAN), (100_000.0, Qualifier.ALMOST)),
    ((7.0, Qualifier.ABOUT), (175_000.0, Qualifier.EXACT)),
    ((100_000.0, Qualifier.EXACT), (50.0, Qualifier.UP_TO)),
    ((120_000.0, Qualifier.AT_LEAST), (100_000.0, Qualifier.ABOUT)),
]


@given(
    sides=st.lists(st.booleans(), min_size=2, max_size=7).filter(lambda s: s.count(True) != s.count(False)),
    pair=st.sampled_from(DISJOINT_PAIRS),
)
def test_swapping_the_larger_group_swaps_majority_and_outliers(
    sides: list[bool], pair: tuple[tuple[float, Qualifier], tuple[float, Qualifier]]
) -> None:
    a, b = pair
    sources = [f"s{i}" for i in range(len(sides))]

    def build(assignment: list[bool]) -> list[Claim]:
        return [claim(s, *(a if on_a else b)) for s, on_a in zip(sources, assignment, strict=True)]

    def majority_value(finding: Finding) -> set[float | None]:
        return {j.claim.stated_low for j in finding.claims if j.verdict is Verdict.MAJORITY}

    # ``sides`` puts each source on value a (True) or b (False); its complement gives the larger group the
    # other value. The larger group of sources is the majority either way, so the majority value swaps.
    one = judge(TROOPS, build(sides), OVERLAP)
    other = judge(TROOPS, build([not x for x in sides]), OVERLAP)
    larger = sides.count(True) > sides.count(False)
    group_larger = tuple(s for s, side in zip(sources, sides, strict=True) if side == larger)
    group_smaller = tuple(s for s, side in zip(sources, sides, strict=True) if side != larger)
    if not group_smaller:
        assert one.status is Status.AGREE and other.status is Status.AGREE
        assert one.majority == other.majority == group_larger
        return
    for finding in (one, other):
        assert finding.status is Status.CONFLICT
        assert finding.majority == group_larger
        assert finding.outliers == group_smaller
    value_a, value_b = a[0], b[0]
    if value_a != value_b:
        assert majority_value(one) == {value_a if larger else value_b}
        assert majority_value(other) == {value_b if larger else value_a}
    # Per claim, the verdicts of the two values trade places.
    verdict_one = {(j.claim.stated_low, j.claim.qualifier): j.verdict for j in one.claims}
    verdict_other = {(j.claim.stated_low, j.claim.qualifier): j.verdict for j in other.claims}
    assert verdict_one[a] == verdict_other[b]
    assert verdict_one[b] == verdict_other[a]
    assert verdict_one[a] != verdict_one[b]


@given(
    claims=claim_lists(min_size=1, max_size=5),
    extra_source=st.sampled_from([*SOURCES, "newcomer"]),
    extra_qualifier=st.sampled_from(list(Qualifier)),
    extra_low=st.sampled_from(VALUES),
    extra_width=st.sampled_from([0.0, 5_000.0, 20_000.0, 100_000.0]),
    policy=policies(),
)
def test_a_claim_overlapping_everything_keeps_agreement(
    claims: list[Claim],
    extra_source: str,
    extra_qualifier: Qualifier,
    extra_low: float,
    extra_width: float,
    policy: Policy,
) -> None:
    before = judge(TROOPS, claims, policy)
    assume(before.status is not Status.CONFLICT)
    high = extra_low + extra_width if extra_qualifier is Qualifier.RANGE else extra_low
    extra = claim(extra_source, extra_low, extra_qualifier, high=high, start=10_000)
    extra_interval = compared_interval(extra, policy)
    assert extra_interval is not None
    for c in claims:
        other = compared_interval(c, policy)
        assert other is not None
        assume(extra_interval.overlaps(other))
    after = judge(TROOPS, [*claims, extra], policy)
    assert after.status is not Status.CONFLICT
    assert {j.verdict for j in after.claims} <= {Verdict.MAJORITY, Verdict.SINGLE}


@given(claims=claim_lists(), policy=policies())
@example(
    claims=[claim("ap", 90_000, Qualifier.ALMOST), claim("bbc", 90_000, Qualifier.ALMOST, start=100)],
    policy=Policy(method="exact"),
)
def test_finding_is_internally_consistent(claims: list[Claim], policy: Policy) -> None:
    finding = judge(TROOPS, claims, policy)
    sources = {c.source for c in claims}
    assert set(finding.sources) == sources
    assert Counter(j.claim for j in finding.claims) == Counter(claims)
    verdicts = {j.verdict for j in finding.claims}
    if finding.status is Status.SINGLE:
        assert len(sources) == 1 and verdicts == {Verdict.SINGLE}
    elif finding.status is Status.AGREE:
        assert len(sources) > 1 and verdicts == {Verdict.MAJORITY}
        assert set(finding.majority) == sources and finding.outliers == ()
    else:
        assert verdicts == {Verdict.DISPUTED} or (Verdict.OUTLIER in verdicts and Verdict.MAJORITY in verdicts)
        if verdicts == {Verdict.DISPUTED}:
            assert finding.majority == () and set(finding.outliers) == sources
        else:
            majority_sources = {j.claim.source for j in finding.claims if j.verdict is Verdict.MAJORITY}
            assert set(finding.majority) == majority_sources
            # The majority value holds for more sources than any single outlier value could claim.
            assert len(finding.majority) >= 1
    # A common value exists exactly when the finding is not a conflict.
    if finding.status is not Status.CONFLICT:
        intervals = [j.compared for j in finding.claims]
        common = intervals[0]
        assert common is not None
        for interval in intervals[1:]:
            assert interval is not None
            common = common.intersect(interval)
        assert not common.is_empty()


# --- vague claims --------------------------------------------------------------------------------------------------


def vague(source: str, low: float | None, high: float | None = None, start: int = 0) -> Claim:
    base = claim(source, low, Qualifier.RANGE if low is not None else Qualifier.EXACT, high, start=start)
    return base.model_copy(update={"confidence": Confidence.VAGUE, "stated_high": high if low is not None else None})


def test_a_claim_with_no_value_agrees_with_everything() -> None:
    lengthy = vague("a", None)
    finding = judge(DURATION, [lengthy, claim("b", 7), claim("c", 7)], OVERLAP)
    assert finding.status is Status.AGREE
    assert all(j.verdict is Verdict.MAJORITY for j in finding.claims)


def test_a_conflict_resting_on_a_vague_claim_is_at_most_a_warning() -> None:
    finding = judge(TROOPS, [vague("a", 20_000, 99_999), claim("b", 150_000), claim("c", 150_000)], OVERLAP)
    assert finding.status is Status.CONFLICT
    assert finding.outliers == ("a",)
    assert finding.severity is Severity.WARNING
    assert finding.fact.severity is Severity.ERROR


def test_a_conflict_among_clear_claims_keeps_its_severity_despite_vague_ones() -> None:
    claims = [vague("a", 20_000, 99_999), claim("b", 150_000), claim("c", 150_000), claim("d", 90_000)]
    finding = judge(TROOPS, claims, OVERLAP)
    assert finding.status is Status.CONFLICT
    assert finding.severity is Severity.ERROR


def test_agreement_keeps_the_facts_severity() -> None:
    finding = judge(TROOPS, [vague("a", 20_000, 99_999), claim("b", 50_000)], OVERLAP)
    assert finding.status is Status.AGREE
    assert finding.severity is Severity.ERROR


@given(st.lists(st.integers(min_value=1, max_value=10**6), min_size=2, max_size=6))
def test_vague_claims_alone_never_make_an_error(values: list[int]) -> None:
    claims = [vague(f"s{i}", v, v * 2) for i, v in enumerate(values)]
    finding = judge(TROOPS, claims, OVERLAP)
    expected = Severity.WARNING if finding.status is Status.CONFLICT else Severity.ERROR
    assert finding.severity is expected


# --- parties, evolving facts, wire copies -------------------------------------------------------------------------

EVOLVING = Policy(slack=Slack(rounding=0.0), evolving=Evolving(grows=True))
TOLL = FactInfo(id="flood.deaths", title="Deaths", kind=ClaimKind.QUANTITY, severity=Severity.ERROR)


def cited(source: str, value: float, party: str | None = None, as_of: str | None = None, start: int = 0) -> Claim:
    return claim(source, value, start=start).model_copy(update={"attributed_to": party, "as_of": as_of})


def test_two_named_parties_giving_different_figures_differ_as_parties() -> None:
    claims = [
        cited("a", 7.4, "U.S. Geological Survey"),
        cited("b", 7.2, "Central Weather Administration"),
        cited("c", 7.4, "USGS"),
        cited("d", 7.2, "CWA"),
    ]
    found = judge(TROOPS, claims, Policy(slack=Slack(rounding=0.0)))
    assert found.status is Status.PARTIES
    assert found.outliers == ()
    assert {(p.party, p.sources) for p in found.parties} == {
        ("U.S. Geological Survey", ("a", "c")),
        ("Central Weather Administration", ("b", "d")),
    }


def test_two_outlets_giving_one_party_different_figures_stay_a_conflict() -> None:
    claims = [cited("a", 10, "USGS"), cited("b", 10, "U.S. Geological Survey"), cited("c", 35, "USGS")]
    found = judge(TROOPS, claims, Policy(slack=Slack(rounding=0.0)))
    assert found.status is Status.CONFLICT and found.outliers == ("c",)


def test_a_party_that_names_no_one_is_the_outlets_own() -> None:
    # "Officials" and "local officials" relay one count: the outlet that cites the county alone is outvoted.
    claims = [cited("a", 4, "local officials"), cited("b", 4), cited("c", 4, "Officials")]
    claims.append(cited("d", 3, "Wexley County"))
    found = judge(TROOPS, claims, Policy(slack=Slack(rounding=0.0)))
    assert found.status is Status.CONFLICT and found.outliers == ("d",) and found.parties == ()


def test_an_own_figure_that_is_no_partys_is_at_odds_with_them() -> None:
    claims = [cited("a", 7.4, "USGS"), cited("b", 7.2, "CWA"), cited("c", 7.4, "USGS"), cited("e", 6.1)]
    found = judge(TROOPS, claims, Policy(slack=Slack(rounding=0.0)))
    assert found.status is Status.CONFLICT and found.outliers == ("e",)


def test_an_outlets_own_figure_against_the_party_it_cites_is_a_citation_conflict() -> None:
    claims = [cited("a", 12, "Fire Agency", start=0), cited("a", 15, start=50), cited("b", 12, "Fire Agency")]
    found = judge(TROOPS, claims, Policy(slack=Slack(rounding=0.0)))
    assert found.status is Status.CONFLICT and found.reason is Reason.CITATION
    assert [j.claim.stated_low for j in found.claims if j.verdict is Verdict.OUTLIER] == [15]


def test_a_later_toll_updates_and_earlier_ones_are_superseded() -> None:
    context = Context(published={"a": "2024-11-05T08:00+07:00", "b": "2024-11-05T13:00+07:00", "c": "2024-11-06"})
    found = judge(TOLL, [cited("a", 4), cited("b", 9), cited("c", 12)], EVOLVING, context)
    assert found.status is Status.UPDATED
    assert [j.verdict for j in found.claims] == [Verdict.SUPERSEDED, Verdict.SUPERSEDED, Verdict.SINGLE]
    assert [t.change for t in found.timeline] == ["first", "updated", "updated"]


def test_same_time_reports_that_disagree_conflict_and_a_lower_later_toll_is_flagged() -> None:
    context = Context(
        published={"a": "2024-11-05T08:05+07:00", "b": "2024-11-05T08:20+07:00", "c": "2024-11-05T21:00+07:00"}
    )
    claims = [cited("a", 4), cited("b", 6), cited("c", 12, as_of="2024-11-05T18:00+07:00"), cited("d", 10)]
    context = Context(published={**context.published, "d": "2024-11-05T21:30+07:00"})
    found = judge(TOLL, claims, EVOLVING, context)
    assert found.status is Status.CONFLICT and found.reason is Reason.VALUE
    reasons = {j.claim.source: (j.verdict, j.reason) for j in found.claims}
    assert reasons["a"] == reasons["b"] == (Verdict.DISPUTED, Reason.VALUE)
    assert reasons["d"] == (Verdict.OUTLIER, Reason.DECREASE)
    assert [t.change for t in found.timeline] == ["disputed", "first", "decrease"]


def test_a_fact_that_may_fall_is_updated_not_flagged_when_it_falls() -> None:
    context = Context(published={"a": "2024-11-05T08:00", "b": "2024-11-05T21:00"})
    policy = Policy(slack=Slack(rounding=0.0), evolving=Evolving())
    found = judge(TOLL, [cited("a", 5000), cited("b", 2600)], policy, context)
    assert found.status is Status.UPDATED


def test_wire_copies_count_once_and_a_changed_copy_is_a_finding() -> None:
    context = Context(independent=dict.fromkeys(("w1", "w2", "w3"), "wire:ap"), originals={"wire:ap": "w1"})
    passengers = [cited("w1", 212), cited("w2", 212), cited("w3", 212), cited("i1", 240), cited("i2", 240)]
    found = judge(TROOPS, passengers, Policy(slack=Slack(rounding=0.0)), context)
    assert found.majority == ("i1", "i2") and found.outliers == ("w1", "w2", "w3")
    carriages = [cited("w1", 4), cited("w2", 4), cited("w3", 5)]
    found = judge(TROOPS, carriages, Policy(slack=Slack(rounding=0.0)), context)
    assert found.status is Status.CONFLICT and found.reason is Reason.COPY and found.outliers == ("w3",)
    assert judge(TROOPS, carriages[:2], OVERLAP, context).status is Status.SINGLE  # one wire: one source


@st.composite
def timed_claims(draw: st.DrawFn) -> tuple[list[Claim], Context]:
    sources = draw(st.lists(st.sampled_from("abcdefg"), min_size=1, max_size=7, unique=True))
    claims = [cited(s, draw(st.integers(0, 20)), start=10 * k) for k, s in enumerate(sources)]
    hours = {s: draw(st.integers(0, 47)) for s in sources}
    published = {s: f"2024-11-{5 + h // 24:02d}T{h % 24:02d}:00+07:00" for s, h in hours.items()}
    return claims, Context(published=published)


@given(data=st.data(), drawn=timed_claims(), grows=st.booleans())
def test_an_evolving_facts_finding_does_not_depend_on_claim_order(
    data: st.DataObject, drawn: tuple[list[Claim], Context], grows: bool
) -> None:
    claims, context = drawn
    policy = Policy(slack=Slack(rounding=0.0), evolving=Evolving(grows=grows))
    shuffled = data.draw(st.permutations(claims))
    assert judge(TOLL, claims, policy, context) == judge(TOLL, shuffled, policy, context)


@given(st.lists(st.sampled_from(["officials", "Police", "USGS", "U.S. intelligence", "county engineers", "Russia"])))
def test_party_naming_is_a_property_of_the_name_alone(names: list[str]) -> None:
    assert [unnamed_party(n) for n in names] == [unnamed_party(n) for n in names]
    assert all(unnamed_party(n) == (n in ("officials", "Police", "county engineers")) for n in names)


def _parties_all_pairs(names: list[str]) -> dict[str, int]:
    """The rule of grouping parties, each name checked against every name before it (sorted): the reference."""
    from factcheck.attribution import same_party, speaks_for

    index: dict[str, int] = {}
    for name in sorted(set(names)):
        if unnamed_party(name):
            continue
        found = next((index[o] for o in index if same_party(o, name) or speaks_for(name, o)), None)
        index[name] = len(set(index.values())) if found is None else found
    return index


_CITED = st.sampled_from(
    [
        "USGS", "U.S. Geological Survey", "US Geological Survey", "CWA", "Central Weather Administration",
        "Central Wether Administration", "Sherman", "Wendy Sherman", "Linda Sherman", "W. Sherman", "Ocasio-Cortez",
        "Wendy Ocasio Cortez", "Corliss Logistics", "Corliss Logistics managing director Helen Ridgeway",
        "State Department", "Department of State", "officials", "Police", "he", "American officials",
        "U.S. officials", "Kremlin", "Russia", "Russian officials", "the agency", "agency", "Agency’s",
    ]
)  # fmt: skip


@given(st.lists(st.one_of(st.none(), _CITED), max_size=20))
def test_parties_are_grouped_as_each_name_against_every_name_before_it(cited_as: list[str | None]) -> None:
    from factcheck.compare import _parties

    claims = [cited(f"s{k % 5}", 1, party, start=10 * k) for k, party in enumerate(cited_as)]
    party_of, shown = _parties(claims)
    expected = _parties_all_pairs([c.attributed_to for c in claims if c.attributed_to])
    assert party_of == [expected.get(c.attributed_to) if c.attributed_to else None for c in claims]
    for party, name in shown.items():
        counts = Counter(c.attributed_to for c, p in zip(claims, party_of, strict=True) if p == party)
        assert counts[name] == max(counts.values())
