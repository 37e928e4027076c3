"""Facts no rule declares one by one: the same quote, person or organization across outlets.

Matching puts every quote (with a speaker), person and organization claim of an article in a bucket of its kind;
this stage groups a corpus's buckets into facts and judges each:

- quotes: passages aligned word by word (``quotematch``) are one fact; different speakers for the same words
  are a conflict of ``attribution``, different words for the same passage one of ``wording``;
- people: names that are the same person (middle initials, transliterations) or a misspelling of one are one
  person; a different spelling is a conflict of ``spelling``, a different formal title one of ``title``;
- organizations: names that are one organization written differently; a variant that drops or changes a word
  is a conflict of ``spelling``.

Claims are grouped through keys and small blocks (a surname, an acronym, shared runs of words), never all pairs
of the corpus. A fact only one outlet states is left out unless it is at odds with itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, Protocol, TypeVar

from factcheck import names, organizations
from factcheck.compare import NO_CONTEXT, Context, Placed, judge
from factcheck.discover import CandidateFact, discover, policy_for
from factcheck.models import (
    Claim,
    ClaimKind,
    FactInfo,
    Finding,
    JudgedClaim,
    Reason,
    Status,
    Verdict,
    WordChange,
)
from factcheck.quotematch import Alignment, align, quote_words
from factcheck.rules.loader import RuleSet
from factcheck.rules.schema import DiscoverySettings, NamedRule, NameSettings, PersonRule, QuoteSettings

QUOTES = "factcheck.quotes"
PEOPLE = "factcheck.people"
ORGANIZATIONS = "factcheck.organizations"
UNPLACED = "factcheck.unplaced"  # claims no rule placed, for discovery
BUCKETS = {ClaimKind.QUOTE: QUOTES, ClaimKind.PERSON: PEOPLE, ClaimKind.ORGANIZATION: ORGANIZATIONS}
ALL_BUCKETS = (QUOTES, PEOPLE, ORGANIZATIONS, UNPLACED)
_SHINGLE = 3  # quotes sharing a run of this many words are aligned
_COMMON_SHINGLE = 500  # a run of words this many quotes share is a stock phrase, no sign of one passage
_SHOWN = QuoteSettings(min_shared=2, overlap=0.01)  # for showing two quotes of one passage word by word


def is_bucket(fact_id: str) -> bool:
    return fact_id in ALL_BUCKETS


def bucket_of(claim: Claim, settings: QuoteSettings) -> str | None:
    """The bucket a claim goes in, if any: quotes need a speaker and enough words to be compared."""
    if claim.kind is ClaimKind.QUOTE:
        if claim.speaker is None or quote_words(quoted(claim)).size < settings.min_words:
            return None
        return QUOTES
    return BUCKETS.get(claim.kind)


class Mention(Placed, Protocol):
    """What grouping and judging read of a quote, person or organization claim: a :class:`Claim` is one, and so
    is the :class:`MentionRow` a store keeps of it in columns."""

    @property
    def title(self) -> str | None: ...

    @property
    def speaker(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class MentionRow:
    """A quote, person or organization claim as the claim store keeps it in columns: its row, and what grouping
    and judging read of it (a few strings, where a whole claim is some kilobytes)."""

    row: int
    source: str
    start: int
    end: int
    text: str
    label: str | None
    title: str | None
    speaker: str | None


M = TypeVar("M", bound=Mention)


@dataclass(frozen=True, slots=True)
class Wording:
    """A quote's words against its passage's reference wording, as its judged claim shows them: the reference
    itself (the first claim in those words), part of the passage, or the words it changes."""

    reference: bool = False
    partial: bool = False
    changes: tuple[WordChange, ...] = ()


AS_WRITTEN = Wording()  # a claim with no wording to show: no quote of a wording conflict, or not a quote


@dataclass(frozen=True)
class GroupedFact(Generic[M]):
    """A quote, person or organization fact grouped and judged from its mentions (in report order): all its
    finding still needs is their claims."""

    info: FactInfo
    members: tuple[M, ...]
    judged: _Judgement
    reason: Reason
    wordings: tuple[Wording, ...] | None = None  # a quote fact's: each member's against the reference

    def finding(self, claims: Sequence[Claim]) -> Finding:
        """The finding, given the claims of the members, in their order."""
        return _finding(self.info, claims, self.judged, self.reason, self.wordings)

    def head(self) -> Finding:
        """The finding without its claims: what a fact too big to hold whole is written around, a part of its
        claims at a time."""
        return _finding(self.info, (), replace(self.judged, verdicts=()), self.reason)


def quoted(claim: Mention) -> str:
    """A quote's words alone (its ``text`` is the passage as it stands, attributions included)."""
    return claim.label or claim.text


def crossref_findings(buckets: dict[str, list[Claim]], rules: RuleSet, context: Context = NO_CONTEXT) -> list[Finding]:
    """The facts of the quote, person and organization buckets of a corpus, and those discovered among its
    figures no rule placed, in order of id."""
    found = [fact.finding(fact.members) for fact in grouped_facts(buckets, rules)]
    if rules.settings.discovery.enabled:
        found.extend(discovered_findings(buckets.get(UNPLACED, []), rules.settings.discovery, context))
    return sorted(found, key=lambda f: (f.fact.id, f.claims[0].claim.source, f.claims[0].claim.start))


def grouped_facts(buckets: Mapping[str, Sequence[M]], rules: RuleSet) -> list[GroupedFact[M]]:
    """The quote, person and organization facts of a corpus's buckets, grouped from their mentions and judged,
    in order of id (ids made unique). What a finding needs beyond that, its claims, is read one fact at a time by
    a big story's report (:mod:`factcheck.report_stream`)."""
    settings = rules.settings
    people = buckets.get(PEOPLE, ())
    found: list[GroupedFact[M]] = []
    if settings.names.compare:
        found.extend(_people_facts(people, rules.people, settings.names))
        found.extend(_organization_facts(buckets.get(ORGANIZATIONS, ()), rules.organizations, settings.names))
    if settings.quotes.compare:
        found.extend(_quote_facts(buckets.get(QUOTES, ()), people, settings.quotes, settings.names))
    return _unique_ids(found)


def discovered_findings(
    claims: Sequence[Claim], settings: DiscoverySettings, context: Context = NO_CONTEXT
) -> list[Finding]:
    """Candidate facts grouped from the claims no rule placed, each judged as a rule-defined fact of its kind
    (casualty and count facts as evolving, unless the settings say not)."""
    return [discovered_finding(candidate, settings, context) for candidate in discover(claims)]


def discovered_finding(candidate: CandidateFact, settings: DiscoverySettings, context: Context = NO_CONTEXT) -> Finding:
    """A candidate fact judged as a rule-defined fact of its kind."""
    info = FactInfo(
        id=candidate.id,
        title=candidate.title,
        kind=candidate.kind,
        severity=settings.severity,
        description=f"Discovered: {candidate.kind.value} claims of {len(candidate.sources)} outlets that read as "
        f"one fact ({', '.join(candidate.key_terms)}); no rule declares it.",
        discovered=True,
    )
    return judge(info, candidate.claims, policy_for(candidate, settings), context)


# --- judging one fact whose claims have a key each ----------------------------------------------------------------


@dataclass(frozen=True)
class _Judgement:
    status: Status
    verdicts: tuple[Verdict, ...]
    majority: tuple[str, ...]
    outliers: tuple[str, ...]
    best: Hashable


def _judge_keys(
    claims: Sequence[Mention], keys: Sequence[Hashable | None], agree: Callable[[Hashable, Hashable], bool]
) -> _Judgement:
    """Majority by sources over values: the value most sources' claims agree with; a tie with another is a dispute.

    A claim with no key (an unnamed speaker) agrees with every value.
    """
    values = sorted({k for k in keys if k is not None}, key=repr)
    # Claims sharing a key share the answer: work per distinct key, not per claim (a famous quote has thousands).
    by_key: dict[Hashable | None, tuple[set[str], list[int]]] = {}
    for claim, key in zip(claims, keys, strict=True):
        entry = by_key.setdefault(key, (set(), [0]))
        entry[0].add(claim.source)
        entry[1][0] += 1

    def support(agreeing: Iterable[Hashable | None]) -> set[str]:
        """The sources of the claims whose keys agree with a value. Made when needed, never kept for every value:
        on a passage quoted by most of a big story's outlets, each would be most of the story."""
        found: set[str] = set()
        for key in agreeing:
            found |= by_key[key][0]
        return found

    agreeing: dict[Hashable, list[Hashable | None]] = {}
    supported: dict[Hashable, int] = {}
    counts: dict[Hashable, int] = {}
    for value in values:
        agreeing[value] = [key for key in by_key if key is None or agree(key, value)]
        supported[value] = len(support(agreeing[value]))
        counts[value] = sum(by_key[key][1][0] for key in agreeing[value])
    sources = sorted({c.source for c in claims})
    if not values:
        values = [None]
        agreeing[None] = list(by_key)
        supported[None] = len(sources)
        counts[None] = len(claims)
    best = min(values, key=lambda v: (-supported[v], -counts[v], -_length(v), repr(v)))
    agrees_with_best = {k: k is None or best is None or agree(k, best) for k in by_key}
    holds = [agrees_with_best[k] for k in keys]
    single = len(sources) == 1
    if all(holds):
        verdict = Verdict.SINGLE if single else Verdict.MAJORITY
        return _Judgement(
            Status.SINGLE if single else Status.AGREE,
            (verdict,) * len(claims),
            () if single else tuple(sources),
            (),
            best,
        )
    rivals = [v for v in values if v != best and supported[v] == supported[best]]
    held_by_best = support(agreeing[best]) if rivals else set()
    tie = any(support(agreeing[v]) != held_by_best for v in rivals)
    if single or tie:
        return _Judgement(Status.CONFLICT, (Verdict.DISPUTED,) * len(claims), (), tuple(sources), best)
    verdicts = tuple(Verdict.MAJORITY if h else Verdict.OUTLIER for h in holds)
    majority = tuple(sorted({c.source for c, h in zip(claims, holds, strict=True) if h}))
    outliers = tuple(sorted({c.source for c, h in zip(claims, holds, strict=True) if not h}))
    return _Judgement(Status.CONFLICT, verdicts, majority, outliers, best)


def _length(value: Hashable) -> int:
    return len(value) if isinstance(value, str) else 0


def _finding(
    info: FactInfo,
    claims: Sequence[Claim],
    judged: _Judgement,
    reason: Reason,
    wordings: Sequence[Wording] | None = None,
) -> Finding:
    rows = []
    for i, (claim, verdict) in enumerate(zip(claims, judged.verdicts, strict=True)):
        w = wordings[i] if wordings is not None else AS_WRITTEN
        judged_claim = JudgedClaim(
            claim=claim, compared=None, verdict=verdict, reference=w.reference, partial=w.partial, changes=w.changes
        )
        rows.append(judged_claim)
    return Finding(
        fact=info,
        status=judged.status,
        severity=info.severity,
        claims=tuple(rows),
        majority=judged.majority,
        outliers=judged.outliers,
        reason=reason if judged.status is Status.CONFLICT else None,
    )


def _reported(claims: Sequence[Mention], judged: _Judgement, min_sources: int) -> bool:
    return judged.status is Status.CONFLICT or len({c.source for c in claims}) >= min_sources


def _ordered(claims: Iterable[M]) -> list[M]:
    return sorted(claims, key=lambda c: (c.source, c.start, c.end))


def slug(text: str, words: int = 8) -> str:
    """An id part from words: 'Wendy Sherman' -> 'wendy-sherman'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    parts = re.findall(r"[a-z0-9]+", plain)[:words]
    return "-".join(parts) or "x"


def _unique_ids(found: list[GroupedFact[M]]) -> list[GroupedFact[M]]:
    """Facts whose ids would clash (two people of one name in a corpus) get -2, -3 … in a stable order."""
    seen: Counter[str] = Counter()
    out = []
    for fact in sorted(found, key=lambda f: (f.info.id, f.members[0].source, f.members[0].start)):
        seen[fact.info.id] += 1
        if seen[fact.info.id] > 1:
            fact = replace(fact, info=fact.info.model_copy(update={"id": f"{fact.info.id}-{seen[fact.info.id]}"}))
        out.append(fact)
    return out


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def membership(self, items: Sequence[str], anchors: Sequence[str] = ()) -> dict[str, str]:
        """Each item's group (the group of an anchor it was joined to, say a declared rule, included)."""
        for anchor in anchors:
            self.find(anchor)
        return {item: self.find(item) for item in items}

    def groups(self, items: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for item in sorted(set(items)):
            out[self.find(item)].append(item)
        return out


# --- people ---------------------------------------------------------------------------------------------------------


def _is_full(name: str) -> bool:
    parsed = names.parse_name(name)
    return bool(parsed.first) and bool(parsed.last)


def names_declared(name: str, rule: NamedRule, settings: NameSettings) -> bool:
    """Whether a person's or organization's name as written is the one a rule declares (not a namesake)."""
    if isinstance(rule, PersonRule):
        return _rule_for(name, [rule], lambda a, b: _variant(a, b, settings), names.same_person) is not None
    return _rule_for(name, [rule], lambda a, b: _same_organization(a, b, settings), _same_key) is not None


def _same_key(a: str, b: str) -> bool:
    return organizations.organization_key(a) == organizations.organization_key(b)


def _same_organization(a: str, b: str, settings: NameSettings) -> bool:
    if organizations.organization_key(a) == organizations.organization_key(b):
        return True
    return organizations.organization_difference(a, b, settings.organization_similarity) is not None


def _declared(
    spellings: Sequence[str],
    rules: Sequence[NamedRule],
    same: Callable[[str, str], bool],
    identical: Callable[[str, str], bool],
    found: _UnionFind,
) -> dict[str, NamedRule]:
    """The spellings that are a declared person or organization, each joined to its rule's group."""
    declared: dict[str, NamedRule] = {}
    for spelling in spellings:
        found.find(spelling)
        rule = _rule_for(spelling, rules, same, identical)
        if rule is not None:
            declared[spelling] = rule
            found.union(spelling, f"\0rule:{rule.id}")
    return declared


def _rule_for(
    name: str, rules: Sequence[NamedRule], same: Callable[[str, str], bool], identical: Callable[[str, str], bool]
) -> NamedRule | None:
    """The declared person (or organization) a name is, if any: its name, another name or a misspelling of one,
    never a namesake (a name that is exactly a namesake's, even when it is close to the declared one)."""
    for rule in rules:
        if any(identical(name, namesake) for namesake in rule.namesakes):
            continue
        if any(same(name, known) for known in (rule.name, *rule.other_names)):
            return rule
    return None


def person_groups(
    spellings: Iterable[str], rules: Sequence[NamedRule], settings: NameSettings
) -> tuple[dict[str, str], dict[str, NamedRule]]:
    """Each full-name spelling's person (a group id), and the declared person of each group that has one.

    Spellings that are one person by key (initials, transliterations) are one; a misspelt surname of the same first
    name, or a misspelt first name of the same surname, joins them. A name with an initial only for a first name
    joins a person only when one person of that surname has that initial.
    """
    found = _UnionFind()
    spellings = sorted(set(spellings))
    declared = _declared(spellings, rules, lambda a, b: _variant(a, b, settings), names.same_person, found)
    by_key: dict[str, list[str]] = defaultdict(list)
    for spelling in spellings:
        if spelling not in declared:
            by_key[names.name_key(spelling)].append(spelling)
    for members in by_key.values():
        for other in members[1:]:
            found.union(members[0], other)
    keys = sorted(by_key)
    parsed = {key: names.parse_name(by_key[key][0]) for key in keys}
    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        first = names.name_key(parsed[key].first) if parsed[key].first else ""
        by_first[first].append(key)
        by_last[names.name_key(parsed[key].last)].append(key)
    by_initial: dict[str, set[str]] = defaultdict(set)
    for block in (*by_first.values(), *by_last.values()):
        if len(block) > 200:
            continue  # a block this large would cost too many comparisons for what it finds
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                one, other = by_key[a][0], by_key[b][0]
                if _namesakes(one, other, rules):
                    continue
                if names.same_person(one, other):
                    if _initial_only(parsed[a]) != _initial_only(parsed[b]):
                        short, full_name = (a, b) if _initial_only(parsed[a]) else (b, a)
                        by_initial[short].add(full_name)
                        continue
                    found.union(one, other)
                elif names.spelling_variant(one, other, settings.spelling_similarity):
                    found.union(one, other)
    for short, candidates in by_initial.items():
        if len({found.find(by_key[c][0]) for c in candidates}) == 1:  # "J. Biden" with Joe and Jill: neither
            found.union(by_key[short][0], by_key[next(iter(candidates))][0])
    groups = found.membership(spellings, [f"\0rule:{r.id}" for r in declared.values()])
    rules_by_group = {groups[s]: rule for s, rule in declared.items()}
    return groups, rules_by_group


def _variant(a: str, b: str, settings: NameSettings) -> bool:
    return names.same_person(a, b) or names.spelling_variant(a, b, settings.spelling_similarity)


def _initial_only(name: names.PersonName) -> bool:
    return name.first is not None and len(name.first.rstrip(".")) == 1


def _namesakes(a: str, b: str, rules: Sequence[NamedRule]) -> bool:
    for rule in rules:
        known = (rule.name, *rule.other_names)
        if any(names.same_person(a, k) for k in known) and any(names.same_person(b, n) for n in rule.namesakes):
            return True
        if any(names.same_person(b, k) for k in known) and any(names.same_person(a, n) for n in rule.namesakes):
            return True
    return False


def _people_facts(claims: Sequence[M], rules: Sequence[NamedRule], settings: NameSettings) -> list[GroupedFact[M]]:
    full = [c for c in claims if _is_full(c.text)]
    groups, declared = person_groups((c.text for c in full), rules, settings)
    by_group: dict[str, list[M]] = defaultdict(list)
    for claim in full:
        by_group[groups[claim.text]].append(claim)
    # A titled mention by surname alone ("Secretary Blinken") is the article's own full-name person of that surname.
    surnames: dict[tuple[str, str], set[str]] = defaultdict(set)
    for claim in full:
        surnames[(claim.source, names.name_key(names.parse_name(claim.text).last))].add(groups[claim.text])
    titled: dict[str, list[M]] = defaultdict(list)
    for claim in claims:
        if claim.title is None or names.title_key(claim.title) is None:
            continue
        if _is_full(claim.text):
            titled[groups[claim.text]].append(claim)
            continue
        owners = surnames.get((claim.source, names.name_key(names.parse_name(claim.text).last)), set())
        if len(owners) == 1:
            titled[next(iter(owners))].append(claim)
    out: list[GroupedFact[M]] = []
    for group in sorted(by_group):
        members = _ordered(by_group[group])
        rule = declared.get(group)
        display = rule.name if rule is not None else _common_name(members)
        base = rule.id if rule is not None else f"person.{slug(display)}"
        known = {names.name_key(n) for n in (rule.name, *rule.other_names)} if rule is not None else set()
        canonical = names.name_key(rule.name) if rule is not None else None

        def spelling(claim: Mention, known: set[str] = known, canonical: str | None = canonical) -> str:
            key = names.name_key(claim.text)
            return canonical if canonical is not None and key in known else key

        keys = [spelling(c) for c in members]
        severity = rule.severity if rule is not None else settings.severity
        info = FactInfo(
            id=base,
            title=f"{display}: spelling of the name",
            kind=ClaimKind.PERSON,
            severity=severity,
            description=f"How outlets spell {display}'s name (middle initials and transliterations agree).",
        )
        judged = _judge_keys(members, keys, lambda a, b: a == b)
        if canonical is not None and any(k != canonical for k in keys):  # the declared spelling is right
            judged = _against(members, [k == canonical for k in keys])
        if _reported(members, judged, settings.min_sources):
            out.append(GroupedFact(info, tuple(members), judged, Reason.SPELLING))
        with_titles = _ordered(titled.get(group, []))
        if not with_titles:
            continue
        title_keys = [names.title_key(c.title or "") for c in with_titles]
        info = FactInfo(
            id=f"{base}.title",
            title=f"{display}: title",
            kind=ClaimKind.PERSON,
            severity=settings.title_severity,
            description=f"The office outlets give {display} (a country or an article before it does not count).",
        )
        # A title that leaves words out ("manager", "Rovers manager") agrees; another office does not.
        judged = _judge_keys(with_titles, title_keys, lambda a, b: names.titles_agree(str(a), str(b)))
        if _reported(with_titles, judged, settings.min_sources):
            out.append(GroupedFact(info, tuple(with_titles), judged, Reason.TITLE))
    return out


def _against(claims: Sequence[Mention], right: Sequence[bool]) -> _Judgement:
    """A declared spelling is the majority, whatever the outlets say: the others are outliers."""
    sources = sorted({c.source for c in claims})
    verdicts = tuple(Verdict.MAJORITY if r else Verdict.OUTLIER for r in right)
    majority = tuple(sorted({c.source for c, r in zip(claims, right, strict=True) if r}))
    outliers = tuple(sorted({c.source for c, r in zip(claims, right, strict=True) if not r}))
    if not majority:
        return _Judgement(Status.CONFLICT, (Verdict.OUTLIER,) * len(claims), (), tuple(sources), None)
    return _Judgement(Status.CONFLICT, verdicts, majority, outliers, None)


def _common_name(claims: Sequence[Mention]) -> str:
    """The spelling most outlets use (then the most used, then the longest, then the first in order)."""
    sources: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        sources[" ".join(claim.text.split())].add(claim.source)
    return max(sorted(sources), key=lambda n: (len(sources[n]), len(n)))


# --- organizations ----------------------------------------------------------------------------------------------


def _organization_facts(
    claims: Sequence[M], rules: Sequence[NamedRule], settings: NameSettings
) -> list[GroupedFact[M]]:
    found = _UnionFind()
    spellings = sorted({c.text for c in claims})

    def same(a: str, b: str) -> bool:
        return _same_organization(a, b, settings)

    declared = _declared(spellings, rules, same, _same_key, found)
    by_acronym: dict[str, list[str]] = defaultdict(list)
    for spelling in spellings:
        if spelling not in declared:
            by_acronym[organizations.acronym(spelling)].append(spelling)
    for block in by_acronym.values():
        if len(block) > 200:
            continue
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if same(a, b):
                    found.union(a, b)
    groups = found.membership(spellings, [f"\0rule:{r.id}" for r in declared.values()])
    rule_of = {groups[s]: r for s, r in declared.items()}
    by_group: dict[str, list[M]] = defaultdict(list)
    for claim in claims:
        by_group[groups[claim.text]].append(claim)
    out: list[GroupedFact[M]] = []
    for group in sorted(by_group):
        members = _ordered(by_group[group])
        rule = rule_of.get(group)
        display = rule.name if rule is not None else _common_name(members)
        known = {organizations.organization_key(n) for n in (rule.name, *rule.other_names)} if rule else set()
        canonical = organizations.organization_key(rule.name) if rule is not None else None
        keys = [
            canonical
            if canonical is not None and organizations.organization_key(c.text) in known
            else organizations.organization_key(c.text)
            for c in members
        ]
        acronym = organizations.acronym(display)
        ident = rule.id if rule is not None else f"organization.{slug(acronym if len(acronym) >= 3 else display)}"
        info = FactInfo(
            id=ident,
            title=f"{display}: spelling of the name",
            kind=ClaimKind.ORGANIZATION,
            severity=rule.severity if rule is not None else settings.severity,
            description=f"How outlets write the name of the {display} (case, hyphens and British or American "
            "spelling agree).",
        )
        judged = _judge_keys(members, keys, lambda a, b: a == b)
        if canonical is not None and any(k != canonical for k in keys):  # the declared spelling is right
            judged = _against(members, [k == canonical for k in keys])
        if _reported(members, judged, settings.min_sources):
            out.append(GroupedFact(info, tuple(members), judged, Reason.SPELLING))
    return out


# --- quotes -------------------------------------------------------------------------------------------------------


def _quote_facts(
    claims: Sequence[M], people: Sequence[Mention], settings: QuoteSettings, name_settings: NameSettings
) -> list[GroupedFact[M]]:
    """Quotes grouped into passages (through shared runs of words), each passage judged."""
    texts = sorted({quoted(c) for c in claims})
    found = _UnionFind()
    shingles: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for text in texts:
        found.find(text)
        words = [w for w in quote_words(text).folded if not w.startswith("\0")]
        for shingle in {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}:
            shingles[shingle].append(text)
    tried: set[tuple[str, str]] = set()
    alignments: dict[tuple[str, str], Alignment] = {}
    for shingle in sorted(shingles):
        holders = shingles[shingle]
        if len(holders) > _COMMON_SHINGLE:
            continue
        for i, a in enumerate(holders):
            for b in holders[i + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if pair in tried:
                    continue
                tried.add(pair)
                found_alignment = align(pair[0], pair[1], settings)
                alignments[pair] = found_alignment
                if found_alignment.same_passage:
                    found.union(a, b)
    groups = found.groups(texts)
    by_text: dict[str, list[M]] = defaultdict(list)
    for claim in claims:
        by_text[quoted(claim)].append(claim)
    named = _named_speakers(people)
    out: list[GroupedFact[M]] = []
    for members_texts in groups.values():
        members = _ordered(c for t in members_texts for c in by_text[t])
        finding = _judge_passage(members, alignments, named, settings, name_settings)
        if finding is not None:
            out.append(finding)
    return out


def _named_speakers(people: Sequence[Mention]) -> dict[str, set[str]]:
    """Per source, the full names and surnames of the people it names: a speaker among them is a person."""
    out: dict[str, set[str]] = defaultdict(set)
    for claim in people:
        parsed = names.parse_name(claim.text)
        out[claim.source].add(names.name_key(claim.text))
        if parsed.last:
            out[claim.source].add(names.name_key(parsed.last))
    return out


def _judge_passage(
    members: list[M],
    alignments: dict[tuple[str, str], Alignment],
    named: dict[str, set[str]],
    settings: QuoteSettings,
    name_settings: NameSettings,
) -> GroupedFact[M] | None:
    sources = {c.source for c in members}

    def aligned(a: str, b: str) -> Alignment:
        """``a`` against ``b``; what it decides is the same either way round, so it is worked out once a pair."""
        if a == b:
            return Alignment(quote_words(a).size, True, False, False, ())
        pair = (a, b) if a < b else (b, a)
        if pair not in alignments:
            alignments[pair] = align(pair[0], pair[1], settings)
        return alignments[pair]

    speakers = _speaker_identities(members, named, name_settings)
    identities = sorted({s for s in speakers if s is not None})
    display_speaker = _display_speaker(members)
    if len(identities) > 1:
        judged = _judge_keys(members, speakers, lambda a, b: a == b)
        reason = Reason.ATTRIBUTION
        severity = settings.attribution_severity
        wordings: list[Wording] | None = None
        reference_text = max(sorted({quoted(c) for c in members}), key=lambda t: quote_words(t).size)
        leading = [(c, s) for c, s in zip(members, speakers, strict=True) if s == judged.best]
        if leading:
            display_speaker = _display_speaker([c for c, _ in leading])
    else:
        texts = [quoted(c) for c in members]

        def agree(a: Hashable, b: Hashable) -> bool:
            assert isinstance(a, str) and isinstance(b, str)
            found = aligned(a, b)
            return found.same_passage and not found.differs

        judged = _judge_keys(members, texts, agree)
        reason = Reason.WORDING
        severity = settings.severity
        reference_text = str(judged.best)
        wordings = []
        shown = False
        against: dict[str, Wording] = {}  # per wording, not per claim: a famous quote has thousands
        for claim in members:
            words = quoted(claim)
            if words == reference_text:
                wordings.append(Wording(reference=not shown))  # the first claim in these words is the one shown
                shown = True
                continue
            wording = against.get(words)
            if wording is None:
                wording = against[words] = _compared_to_reference(
                    words, reference_text, aligned(words, reference_text), settings
                )
            wordings.append(wording)
    if len(sources) < 2 and judged.status is not Status.CONFLICT:
        return None
    opening = " ".join(quote_words(reference_text).written[:10])
    more = "…" if quote_words(reference_text).size > 10 else ""
    info = FactInfo(
        id=f"quote.{slug(display_speaker, 4)}.{slug(reference_text, 6)}",
        title=f"{display_speaker}: “{opening.strip(',;:')}{more}”",
        kind=ClaimKind.QUOTE,
        severity=severity,
        description=f"A passage outlets quote {display_speaker} as saying.",
    )
    return GroupedFact(info, tuple(members), judged, reason, None if wordings is None else tuple(wordings))


def _compared_to_reference(words: str, reference_text: str, found: Alignment, settings: QuoteSettings) -> Wording:
    """A quote's words against the passage's reference wording: whether it is part of it, and its changes."""
    partial = found.same_passage and not found.differs and found.partial
    # Its words against the reference's (a quote in the passage only through another one is shown too).
    found = align(words, reference_text, settings if found.same_passage else _SHOWN)
    if not found.differs:
        return Wording(partial=partial)
    return Wording(
        partial=partial, changes=tuple(WordChange(op=c.op, words=c.words, reference=c.other) for c in found.changes)
    )


def _speaker_identities(
    members: Sequence[Mention], named: dict[str, set[str]], settings: NameSettings
) -> list[str | None]:
    """Each quote's speaker as a person (one id for the spellings of one person); None for an unnamed speaker."""
    found = _UnionFind()
    people: dict[int, str] = {}
    for i, claim in enumerate(members):
        speaker = claim.speaker or ""
        key = names.name_key(speaker)
        if key and key in named.get(claim.source, set()):
            people[i] = speaker
            found.find(speaker)
    # One representative spelling per name key: the pairs to compare are those of distinct names, not of claims.
    by_key: dict[str, str] = {}
    for speaker in sorted(set(people.values())):
        key = names.name_key(speaker)
        if key in by_key:
            found.union(by_key[key], speaker)
        else:
            by_key[key] = speaker
    # A misspelling keeps the first name or the surname: compare names sharing one of them, never all pairs.
    blocks: dict[tuple[int, str], list[str]] = defaultdict(list)
    for speaker in sorted(by_key.values()):
        parsed = names.parse_name(speaker)
        blocks[(0, names.name_key(parsed.first or ""))].append(speaker)
        blocks[(1, names.name_key(parsed.last))].append(speaker)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if names.same_person(a, b) or names.spelling_variant(a, b, settings.spelling_similarity):
                    found.union(a, b)
    return [found.find(people[i]) if i in people else None for i in range(len(members))]


def _display_speaker(members: Sequence[Mention]) -> str:
    """The speaker as most outlets name them, preferring a full name to a bare surname."""
    counted: dict[str, set[str]] = defaultdict(set)
    for claim in members:
        if claim.speaker:
            counted[claim.speaker].add(claim.source)
    if not counted:
        return "unknown speaker"
    return max(sorted(counted), key=lambda s: (len(s.split()) > 1, len(counted[s]), len(s)))
