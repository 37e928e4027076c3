"""Comparing the claims of one fact across sources: agree, conflict (majority and outliers) or single."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from typing import Generic, Protocol, TypeVar

from rapidfuzz import fuzz

from factcheck.intervals import DEFAULT_SLACK, Interval, Qualifier, Slack, compared
from factcheck.models import (
    Change,
    Claim,
    Confidence,
    FactInfo,
    Finding,
    JudgedClaim,
    PartyFigure,
    Reason,
    Severity,
    Status,
    TimelineEntry,
    Verdict,
)
from factcheck.moments import Moment, moment_of
from factcheck.render.values import describe
from factcheck.rules.schema import Evolving


@dataclass(frozen=True)
class Policy:
    """How one fact's claims are compared: interval overlap with slack, exact values, or the same text; and
    whether the fact evolves (later reports update it)."""

    method: str = "overlap"
    slack: Slack = DEFAULT_SLACK
    similarity: int = 90
    evolving: Evolving | None = None


@dataclass(frozen=True)
class Context:
    """What comparing needs besides the claims: which sources are one wire story (one vote in a majority), each
    wire story's original, and when each source was published (ISO 8601 text)."""

    independent: Mapping[str, str] = field(default_factory=dict)
    originals: Mapping[str, str] = field(default_factory=dict)
    published: Mapping[str, str] = field(default_factory=dict)

    def counted_as(self, source: str) -> str:
        return self.independent.get(source, source)


NO_CONTEXT = Context()


class Stated(Protocol):
    """What a compared interval needs of a claim: its stated value and qualifier."""

    @property
    def qualifier(self) -> Qualifier: ...
    @property
    def stated_low(self) -> float | None: ...
    @property
    def stated_high(self) -> float | None: ...


class Placed(Protocol):
    """Whose a claim is, where it stands in the article, and its words (a Claim, or what a store keeps of one)."""

    @property
    def source(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str | None: ...


class Comparable(Stated, Placed, Protocol):
    """What comparing needs of a claim: whose it is, where, and its stated value (a Claim, or a cached row)."""

    @property
    def confidence(self) -> Confidence: ...
    @property
    def attributed_to(self) -> str | None: ...
    @property
    def as_of(self) -> str | None: ...


C = TypeVar("C", bound=Comparable)


def compared_interval(claim: Stated, policy: Policy) -> Interval | None:
    if claim.stated_low is None or claim.stated_high is None:
        return None
    slack = policy.slack
    if policy.method == "exact":
        slack = slack.model_copy(update={"rounding": 0.0})
    return compared(claim.qualifier, claim.stated_low, claim.stated_high, slack)


@dataclass(frozen=True)
class Stage:
    """An evolving fact's reports of one time (claim indices), in time order, and how its value changed."""

    party: int
    moment: Moment | None
    claims: tuple[int, ...]
    change: Change
    value: int | None  # a claim that states the value of that time (None when disputed)


@dataclass(frozen=True)
class Assessment(Generic[C]):
    """One fact's claims compared: in a stable order, each with its compared interval (or text key) and verdict.

    Claims are compared within groups: the claims that cite one party (or the outlets' own) when the parties
    disagree, and of one time when the fact evolves. ``groups`` gives each claim's group, ``reasons`` why a claim is
    an outlier or disputed; ``parties`` each party's name (None: the outlets' own) and a claim stating its figure.
    """

    claims: tuple[C, ...]
    intervals: tuple[Interval | None, ...]
    keys: tuple[str | None, ...]
    verdicts: tuple[Verdict, ...]
    status: Status
    majority: tuple[str, ...]
    outliers: tuple[str, ...]
    groups: tuple[int, ...] = ()
    reasons: tuple[Reason | None, ...] = ()
    reason: Reason | None = None
    parties: tuple[tuple[str | None, int | None, tuple[int, ...]], ...] = ()
    stages: tuple[Stage, ...] = ()
    opposed: Mapping[int, tuple[int, ...]] = field(default_factory=dict)

    def agree(self, i: int, j: int) -> bool:
        """Whether claims ``i`` and ``j`` could both hold: their intervals meet, or their texts are one value.

        A claim with no value ("a lengthy meeting") contradicts nothing.
        """
        return _agree(self.intervals, self.keys, i, j)

    def against(self, i: int) -> list[int]:
        """The claims claim ``i`` is at odds with: of its group, or what a changed copy, a decrease or an outlet's
        own figure is measured against (the wire's original, earlier reports, the party it cites)."""
        if i in self.opposed:
            return list(self.opposed[i])
        group = self.groups[i] if self.groups else 0
        memo: dict[object, bool] = {}  # claims share their value's interval: one comparison per distinct value
        out = []
        for j in range(len(self.claims)):
            if j == i or (self.groups and self.groups[j] != group):
                continue
            value = self.keys[j] if self.keys[j] is not None else id(self.intervals[j])
            if value not in memo:
                memo[value] = self.agree(i, j)
            if not memo[value]:
                out.append(j)
        return out


def _agree(intervals: Sequence[Interval | None], keys: Sequence[str | None], i: int, j: int) -> bool:
    if keys[i] is not None or keys[j] is not None:
        return keys[i] == keys[j]
    a, b = intervals[i], intervals[j]
    return a is None or b is None or a.overlaps(b)


_REASON_ORDER = (Reason.VALUE, Reason.COPY, Reason.CITATION, Reason.DECREASE)


def assess(claims: Sequence[C], policy: Policy, context: Context = NO_CONTEXT) -> Assessment[C]:
    """Compare one fact's claims. Sources, not claims, are counted: an outlet saying a thing twice counts once, and
    the copies of one wire story count once. Claims that cite different parties are compared party by party when
    the parties disagree; an evolving fact's claims are compared time by time."""
    ordered = sorted(claims, key=attrgetter("source", "start", "end"))
    if policy.method == "same-text":
        keys: list[str | None] = list(_text_groups(ordered, policy.similarity))
        intervals: list[Interval | None] = [None] * len(ordered)
    else:
        keys = [None] * len(ordered)
        # Outlets repeat each other: compute each distinct stated value's interval once.
        memo: dict[tuple[Qualifier, float | None, float | None], Interval | None] = {}
        intervals = []
        for claim in ordered:
            value = (claim.qualifier, claim.stated_low, claim.stated_high)
            if value not in memo:
                memo[value] = compared_interval(claim, policy)
            intervals.append(memo[value])
    judging = _Judging(ordered, intervals, keys, policy, context)
    found = judging.run(by_party=False)
    if found.status is Status.CONFLICT and judging.named_parties > 1 and policy.evolving is None:
        by_party = judging.run(by_party=True)
        if by_party.parties:  # named parties give different figures: compare party by party
            found = by_party
    return found


class _Judging(Generic[C]):
    """One fact's claims being judged: wire copies first, then group by group."""

    def __init__(
        self,
        claims: list[C],
        intervals: list[Interval | None],
        keys: list[str | None],
        policy: Policy,
        context: Context,
    ) -> None:
        self.claims = claims
        self.intervals = intervals
        self.keys = keys
        self.policy = policy
        self.context = context
        self.counted = [context.counted_as(c.source) for c in claims]
        self.party_of, self.party_names = _parties(claims)
        self.party_count = len(set(self.party_of))
        self.named_parties = len({p for p in self.party_of if p is not None})

    def agree(self, i: int, j: int) -> bool:
        return _agree(self.intervals, self.keys, i, j)

    def run(self, by_party: bool) -> Assessment[C]:
        n = len(self.claims)
        verdicts: list[Verdict | None] = [None] * n
        reasons: list[Reason | None] = [None] * n
        groups = [0] * n
        opposed: dict[int, tuple[int, ...]] = {}
        for i, reference in self._changed_copies().items():
            verdicts[i], reasons[i], opposed[i], groups[i] = Verdict.OUTLIER, Reason.COPY, reference, -1
        parties = sorted(set(self.party_of), key=lambda p: -1 if p is None else p) if by_party else [None]
        stages: list[Stage] = []
        figures: list[tuple[str | None, int | None, tuple[int, ...]]] = []
        group_id = 0
        waiting: dict[int | None, list[int]] = defaultdict(list)  # each party's claims (judging one sets only its own)
        for i in range(n):
            if verdicts[i] is None:
                waiting[self.party_of[i] if by_party else None].append(i)
        for party in parties:
            members = waiting[party]
            if not members:
                continue
            moments = self._moments(members) if self.policy.evolving is not None else [(None, members)]
            party_stages: list[tuple[Moment | None, list[int], list[bool]]] = []
            for moment, group in moments:
                group_id += 1
                holds = self._judge(group, verdicts, reasons)
                for i in group:
                    groups[i] = group_id
                party_stages.append((moment, group, holds))
            value = self._timeline(party if by_party else None, party_stages, verdicts, reasons, opposed, stages)
            if by_party:
                figures.append((self.party_names[party] if party is not None else None, value, tuple(members)))
        if by_party:
            self._own_against_parties(figures, verdicts, reasons, opposed)
        self._citations(verdicts, reasons, opposed)
        final = [v if v is not None else Verdict.MAJORITY for v in verdicts]
        differ = by_party and _differ([f for f in figures if f[0] is not None], self.agree)
        return self._assessment(final, reasons, groups, stages, figures if differ else [], opposed)

    def _own_against_parties(
        self,
        figures: list[tuple[str | None, int | None, tuple[int, ...]]],
        verdicts: list[Verdict | None],
        reasons: list[Reason | None],
        opposed: dict[int, tuple[int, ...]],
    ) -> None:
        """The outlets' own figure must be some named party's: when it is none of theirs, it is at odds with
        them (an outlet relaying a figure without saying whose, or getting it wrong)."""
        own = next((f for f in figures if f[0] is None), None)
        named = [value for party, value, _ in figures if party is not None and value is not None]
        if own is None or own[1] is None or not named or any(self.agree(own[1], v) for v in named):
            return
        against = tuple(i for party, _, members in figures if party is not None for i in members)
        for i in own[2]:
            if verdicts[i] in (Verdict.MAJORITY, Verdict.SINGLE):
                verdicts[i], reasons[i], opposed[i] = Verdict.OUTLIER, Reason.VALUE, against

    def _judge(self, group: list[int], verdicts: list[Verdict | None], reasons: list[Reason | None]) -> list[bool]:
        """Verdicts within one group of claims; which of them hold at the group's best-supported value."""
        counted = [self.counted[i] for i in group]
        holds, tie = self._support(counted, group)
        single = len(set(counted)) == 1
        everyone = all(holds)
        for i, held in zip(group, holds, strict=True):
            if everyone:
                verdicts[i] = Verdict.SINGLE if single else Verdict.MAJORITY
            elif single or tie:
                verdicts[i], reasons[i] = Verdict.DISPUTED, Reason.VALUE
            else:
                verdicts[i] = Verdict.MAJORITY if held else Verdict.OUTLIER
                reasons[i] = None if held else Reason.VALUE
        return holds

    def _support(self, sources: list[str], members: list[int]) -> tuple[list[bool], bool]:
        """Which of these claims hold at the value most of ``sources`` allow, and whether another value ties."""
        if self.policy.method == "same-text":
            return _best_group(sources, [{self.keys[i] or ""} for i in members])
        return _best_point(sources, [self.intervals[i] for i in members])

    def _changed_copies(self) -> dict[int, tuple[int, ...]]:
        """Claims of a wire copy that changed the figure of the wire's original (or of most copies): each with the
        claims it departs from. Evolving facts are left to their timeline: a copy may carry an earlier version."""
        if self.policy.evolving is not None or not self.context.independent:
            return {}
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(self.counted):
            by_key[key].append(i)
        changed: dict[int, tuple[int, ...]] = {}
        for key, members in by_key.items():
            sources = sorted({self.claims[i].source for i in members})
            if len(sources) < 2:
                continue
            original = self.context.originals.get(key)
            reference = [i for i in members if self.claims[i].source == original]
            if not reference:
                holds, tie = self._support([self.claims[i].source for i in members], members)
                if all(holds):
                    continue
                if tie:
                    first = min(sources, key=lambda s: (self.context.published.get(s, ""), s))
                    reference = [i for i in members if self.claims[i].source == first]
                else:
                    reference = [i for i, held in zip(members, holds, strict=True) if held]
            for i in members:
                if i not in reference and not any(self.agree(i, j) for j in reference):
                    changed[i] = tuple(reference)
        return changed

    def _moments(self, members: list[int]) -> list[tuple[Moment | None, list[int]]]:
        """An evolving fact's claims by the time they hold: reports within ``same_time`` minutes are one time;
        a report dated by its day alone joins a report of that day it agrees with, or the day's latest."""
        assert self.policy.evolving is not None
        window = self.policy.evolving.same_time
        timed: list[tuple[Moment, int]] = []
        undated: list[int] = []
        for i in members:
            claim = self.claims[i]
            moment = moment_of(claim.as_of) or moment_of(self.context.published.get(claim.source))
            if moment is None:
                undated.append(i)
            else:
                timed.append((moment, i))
        timed.sort(key=lambda t: (t[0].start, t[1]))
        out: list[tuple[Moment, list[int]]] = []
        for moment, i in timed:
            if not moment.precise:
                continue
            if out and out[-1][0].precise and moment.start - out[-1][0].start <= window:
                out[-1][1].append(i)
            else:
                out.append((moment, [i]))
        days: dict[str, tuple[Moment, list[int]]] = {}
        for moment, i in timed:
            if moment.precise:
                continue
            same_day = [m for m in out if m[0].precise and m[0].day == moment.day]
            if same_day:
                agreeing = [m for m in same_day if any(self.agree(i, j) for j in m[1])]
                (agreeing or same_day)[-1][1].append(i)
            else:
                days.setdefault(moment.day, (moment, []))[1].append(i)
        out.extend(days.values())
        out.sort(key=lambda m: (m[0].start, m[1][0]))
        if undated:
            if out:
                out[-1][1].extend(undated)
            else:
                return [(None, undated)]
        return [(m, sorted(group)) for m, group in out]

    def _timeline(
        self,
        party: int | None,
        stages: list[tuple[Moment | None, list[int], list[bool]]],
        verdicts: list[Verdict | None],
        reasons: list[Reason | None],
        opposed: dict[int, tuple[int, ...]],
        out: list[Stage],
    ) -> int | None:
        """An evolving fact's values over time: updates, decreases of a figure that can only grow, and the earlier
        values since updated (superseded). Returns a claim stating the current value."""
        grows = self.policy.evolving is not None and self.policy.evolving.grows
        seen: list[tuple[list[int], int]] = []  # each earlier time's holding claims, and one of them
        current: int | None = None
        for moment, group, holds in stages:
            holding = [i for i, held in zip(group, holds, strict=True) if held]
            disputed = any(verdicts[i] is Verdict.DISPUTED for i in group)
            change: Change
            if disputed or not holding:
                change = "disputed"
                value = None
            else:
                value = holding[0]
                earlier_higher = [
                    j for hold, _ in seen for j in hold if grows and self._below(value, j) and not self.agree(value, j)
                ]
                if earlier_higher:
                    change = "decrease"
                    for i in holding:
                        verdicts[i], reasons[i], opposed[i] = Verdict.OUTLIER, Reason.DECREASE, tuple(earlier_higher)
                elif not seen:
                    change = "first"
                elif any(self.agree(value, j) for j in seen[-1][0]):
                    change = "same"
                else:
                    change = "updated"
                if change != "decrease":
                    seen.append((holding, value))
                    current = value
            if self.policy.evolving is not None:
                out.append(Stage(party if party is not None else -1, moment, tuple(group), change, value))
        if current is not None and len(seen) > 1:
            for holding, _ in seen[:-1]:
                for i in holding:
                    if verdicts[i] in (Verdict.MAJORITY, Verdict.SINGLE) and not self.agree(i, current):
                        verdicts[i] = Verdict.SUPERSEDED
        return current

    def _below(self, i: int, j: int) -> bool:
        """Whether claim ``i``'s value lies wholly below claim ``j``'s."""
        a, b = self.intervals[i], self.intervals[j]
        if a is None or b is None or a.high is None or b.low is None:
            return False
        return a.high < b.low or (a.high == b.low and (a.high_open or b.low_open))

    def _citations(
        self, verdicts: list[Verdict | None], reasons: list[Reason | None], opposed: dict[int, tuple[int, ...]]
    ) -> None:
        """An outlet's own figure that contradicts every figure it attributes to a party it cites."""
        if self.party_count < 2:
            return
        by_source: dict[str, list[int]] = defaultdict(list)
        for i, claim in enumerate(self.claims):
            by_source[claim.source].append(i)
        for members in by_source.values():
            own = [
                i
                for i in members
                if self.party_of[i] is None and self.claims[i].attributed_to is None and reasons[i] is not Reason.COPY
            ]
            cited = [i for i in members if self.party_of[i] is not None]
            if not own or not cited:
                continue
            for i in own:
                same_time = [j for j in cited if self.claims[j].as_of == self.claims[i].as_of]
                if same_time and not any(self.agree(i, j) for j in same_time):
                    verdicts[i], reasons[i], opposed[i] = Verdict.OUTLIER, Reason.CITATION, tuple(same_time)

    def _assessment(
        self,
        verdicts: list[Verdict],
        reasons: list[Reason | None],
        groups: list[int],
        stages: list[Stage],
        figures: list[tuple[str | None, int | None, tuple[int, ...]]],
        opposed: dict[int, tuple[int, ...]],
    ) -> Assessment[C]:
        at_odds = {Verdict.OUTLIER, Verdict.DISPUTED}
        present = {r for r, v in zip(reasons, verdicts, strict=True) if v in at_odds and r is not None}
        reason = next((r for r in _REASON_ORDER if r in present), None)
        if any(v in at_odds for v in verdicts):
            status = Status.CONFLICT
        elif figures:
            status = Status.PARTIES
        elif Verdict.SUPERSEDED in verdicts:
            status = Status.UPDATED
        elif len(set(self.counted)) == 1:
            status = Status.SINGLE
        else:
            status = Status.AGREE
        if status is Status.SINGLE:
            verdicts = [Verdict.SINGLE if v is Verdict.MAJORITY else v for v in verdicts]
        elif status is Status.AGREE:
            verdicts = [Verdict.MAJORITY if v is Verdict.SINGLE else v for v in verdicts]
        majority = sorted({c.source for c, v in zip(self.claims, verdicts, strict=True) if v is Verdict.MAJORITY})
        outliers = sorted({c.source for c, v in zip(self.claims, verdicts, strict=True) if v in at_odds})
        return Assessment(
            claims=tuple(self.claims),
            intervals=tuple(self.intervals),
            keys=tuple(self.keys),
            verdicts=tuple(verdicts),
            status=status,
            majority=tuple(majority),
            outliers=tuple(outliers),
            groups=tuple(groups),
            reasons=tuple(reasons),
            reason=reason if status is Status.CONFLICT else None,
            parties=tuple(figures),
            stages=tuple(stages),
            opposed=opposed,
        )


# Words that start a party naming no one in particular ("Officials said", "Police say"): the capital is the
# sentence's, not a name's.
_COMMON_PARTY_WORDS = frozenset(
    "officials official authorities authority sources source spokesman spokeswoman spokesperson government officers"
    " local district provincial regional state federal city county municipal senior top some other several many"
    " unnamed anonymous western foreign military security police organizers organisers rescuers witnesses residents"
    " engineers doctors hospital hospitals firefighters investigators prosecutors experts analysts scientists"
    " researchers economists intelligence".split()
)


def unnamed_party(name: str) -> bool:
    """Whether a party names no one in particular ("officials", "local authorities", "the county roads
    department", "Police"): no word of it is capitalized but a common first word. Outlets relay one official figure
    through such parties, so their figures are compared with the outlets' own rather than as a party's; only named
    parties (an agency, a government, a company, a person) disagree as parties."""
    words = re.findall(r"[\w.'’&-]+", name)
    for i, word in enumerate(words):
        if not any(ch.isupper() for ch in word):
            continue
        if i == 0 and word[1:] == word[1:].lower() and word.lower().strip(".") in _COMMON_PARTY_WORDS:
            continue
        return False
    return True


def _parties(claims: Sequence[Comparable]) -> tuple[list[int | None], dict[int, str]]:
    """Each claim's party (None: the outlet's own, or a party that names no one in particular), parties that are
    one (an acronym, another spelling) merged; and each party's name as most claims give it.

    Outlets cite a few parties many times: each name as written is read once, and compared only with the names
    before it that may be the same party (found through a ``PartyIndex``), never with all of them.
    """
    written = Counter(c.attributed_to for c in claims if c.attributed_to)
    names = sorted(name for name in written if not unnamed_party(name))
    if not names:
        return [None] * len(claims), {}
    # Its patterns compile on import: only when parties are named.
    from factcheck.attribution import PartyIndex, same_party, speaks_for

    index: dict[str, int] = {}
    seen = PartyIndex()
    parties = 0
    for name in names:  # a name joins the party of the first name before it that is the same party, or that it
        # starts with ("Corliss Logistics managing director Helen Ridgeway" speaks for "Corliss Logistics")
        found = next(
            (index[other] for other in seen.candidates(name) if same_party(other, name) or speaks_for(name, other)),
            None,
        )
        if found is None:
            found, parties = parties, parties + 1
        index[name] = found
        seen.add(name)
    party_of: list[int | None] = [index.get(c.attributed_to) if c.attributed_to else None for c in claims]
    spellings: dict[int, dict[str, int]] = defaultdict(dict)
    for name in names:
        spellings[index[name]][name] = written[name]
    shown = {p: min(counts, key=lambda n: (-counts[n], -len(n), n)) for p, counts in spellings.items()}
    return party_of, shown


def _differ(
    figures: Sequence[tuple[str | None, int | None, tuple[int, ...]]], agree: Callable[[int, int], bool]
) -> bool:
    values = [value for _, value, _ in figures if value is not None]
    return any(not agree(a, b) for k, a in enumerate(values) for b in values[k + 1 :])


def judge(fact: FactInfo, claims: Sequence[Claim], policy: Policy, context: Context = NO_CONTEXT) -> Finding:
    """The finding for one fact: its claims assessed, as the report shows them."""
    found = assess(claims, policy, context)
    judged = tuple(
        JudgedClaim(claim=c, compared=i, verdict=v, reason=r if v in (Verdict.OUTLIER, Verdict.DISPUTED) else None)
        for c, i, v, r in zip(found.claims, found.intervals, found.verdicts, found.reasons, strict=True)
    )
    parties = tuple(
        PartyFigure(
            party=name,
            value=describe(found.claims[value]) if value is not None else "disputed",
            sources=tuple(sorted({found.claims[i].source for i in members})),
        )
        for name, value, members in found.parties
    )
    names = {k: name for k, (name, _, _) in enumerate(found.parties)}
    timeline = tuple(
        TimelineEntry(
            at=_stage_time(stage, found.claims, context),
            value=describe(found.claims[stage.value]) if stage.value is not None else "disputed",
            sources=tuple(sorted({found.claims[i].source for i in stage.claims})),
            change=stage.change,
            party=names.get(stage.party) if found.parties else None,
        )
        for stage in found.stages
    )
    return Finding(
        fact=fact,
        status=found.status,
        severity=conflict_severity(fact.severity, found, policy, context),
        claims=judged,
        majority=found.majority,
        outliers=found.outliers,
        reason=found.reason,
        parties=parties,
        timeline=timeline,
    )


def _stage_time(stage: Stage, claims: Sequence[Claim], context: Context) -> str:
    if stage.moment is not None:
        return stage.moment.label
    first = claims[stage.claims[0]]
    return first.as_of or context.published.get(first.source, "")


def conflict_severity(
    severity: Severity, found: Assessment[C], policy: Policy, context: Context = NO_CONTEXT
) -> Severity:
    """The fact's severity, at most a warning when the conflict holds only because of vague claims."""
    if severity is not Severity.ERROR or found.status is not Status.CONFLICT:
        return severity
    clear = [c for c in found.claims if c.confidence is not Confidence.VAGUE]
    if len(clear) == len(found.claims):
        return severity
    return severity if assess(clear, policy, context).status is Status.CONFLICT else Severity.WARNING


def capped(severity: Severity, vague: bool) -> Severity:
    """A finding that rests on vague claims alone is at most a warning."""
    return Severity.WARNING if vague and severity is Severity.ERROR else severity


def _best_point(sources: Sequence[str], intervals: Sequence[Interval | None]) -> tuple[list[bool], bool]:
    """Which claims hold at the value most sources allow, and whether another value ties with it.

    A sweep over candidate points (every endpoint, and just below and above it): O(n log n) in the claims.
    """
    distinct: dict[int, Interval] = {}  # claims sharing a value share its interval object
    for interval in intervals:
        if interval is not None:
            distinct.setdefault(id(interval), interval)
    probes: set[tuple[float, int]] = set()
    for interval in distinct.values():
        for bound in (interval.low, interval.high):
            if bound is not None:
                probes.update(((bound, -1), (bound, 0), (bound, 1)))
    if not probes:
        probes.add((0.0, 0))
    points = sorted(probes)
    at = {key: _probe_range(points, interval) for key, interval in distinct.items()}
    ranges = [None if interval is None else at[id(interval)] for interval in intervals]
    source_ranges: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for source, r in zip(sources, ranges, strict=True):
        if r is not None and r[0] <= r[1]:
            source_ranges[source].append(r)
    unions = {source: _union(rs) for source, rs in source_ranges.items()}
    n = len(points)
    by_sources = _coverage(n, ((1, union) for union in unions.values()))
    claims_at = Counter(r for r in ranges if r is not None and r[0] <= r[1])
    by_claims = _coverage(n, ((count, [r]) for r, count in claims_at.items()))
    # The most sources, then the most claims, then the lowest probe.
    best = -max(zip(by_sources, by_claims, range(0, -n, -1), strict=True))[2]
    # A claim with no value ("a lengthy meeting") holds wherever the others do.
    holds = [r is None or r[0] <= best <= r[1] for r in ranges]
    # Another value that as many sources allow, held by a different set of sources, is a tie: no majority.
    signature = _coverage(n, ((_source_weight(source), union) for source, union in unions.items()))
    most, held_by = by_sources[best], signature[best]
    tie = any(count == most and weight != held_by for count, weight in zip(by_sources, signature, strict=True))
    return holds, tie and not all(holds)


@functools.lru_cache(maxsize=65536)
def _source_weight(source: str) -> int:
    """A fixed 64-bit weight per source: sums of weights over a probe tell sets of sources apart."""
    return int.from_bytes(hashlib.blake2b(source.encode(), digest_size=8).digest(), "big")


def _probe_range(points: list[tuple[float, int]], interval: Interval) -> tuple[int, int]:
    """The first and last probe index inside the interval (first > last when none is)."""
    first = 0 if interval.low is None else bisect_left(points, (interval.low, 1 if interval.low_open else 0))
    if interval.high is None:
        last = len(points) - 1
    else:
        last = bisect_left(points, (interval.high, 0 if interval.high_open else 1)) - 1
    return first, last


def _union(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _coverage(n: int, groups: Iterable[tuple[int, list[tuple[int, int]]]]) -> list[int]:
    """Per probe, the summed weight of the groups whose ranges cover it (a difference array: O(n + ranges))."""
    diff = [0] * (n + 1)
    for weight, ranges in groups:
        for start, end in ranges:
            diff[start] += weight
            diff[end + 1] -= weight
    diff.pop()
    return list(accumulate(diff))


def normalize_text(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = " ".join(plain.replace("-", " ").split())
    return plain.removeprefix("the ")


def _text_groups(claims: Sequence[Comparable], similarity: int) -> list[str]:
    """Each claim's group key: the first (in sorted order) normalized value it is similar enough to."""
    normalized = {raw: normalize_text(raw) for raw in {c.label or c.text for c in claims}}
    representatives: list[str] = []
    for value in sorted(set(normalized.values())):
        if not any(fuzz.ratio(value, rep) >= similarity for rep in representatives):
            representatives.append(value)
    group = {
        value: next(rep for rep in representatives if rep == value or fuzz.ratio(value, rep) >= similarity)
        for value in set(normalized.values())
    }
    return [group[normalized[c.label or c.text]] for c in claims]


def _best_group(sources: Sequence[str], groups: Sequence[set[str]]) -> tuple[list[bool], bool]:
    sources_for: dict[str, set[str]] = defaultdict(set)
    claims_for: dict[str, int] = defaultdict(int)
    for source, group in zip(sources, groups, strict=True):
        for key in group:
            sources_for[key].add(source)
            claims_for[key] += 1
    ranked = sorted(sources_for, key=lambda k: (-len(sources_for[k]), -claims_for[k], k))
    best = ranked[0]
    holds = [best in group for group in groups]
    tie = len(ranked) > 1 and len(sources_for[ranked[1]]) == len(sources_for[best]) and not all(holds)
    return holds, tie
