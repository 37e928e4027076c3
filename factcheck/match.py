"""Placing claims on facts: a rule takes a claim of its kind when a cue is near it and no exclusion is."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable

from factcheck.crossref import UNPLACED, bucket_of
from factcheck.cues import Cue, fold, word_positions
from factcheck.discover import discoverable
from factcheck.models import Claim, ClaimKind, FactMatch
from factcheck.rules.loader import CompiledFact, RuleSet, unit_key
from factcheck.selfcheck import self_matches

# A claim before its cue is a little less likely to belong to it ("on Tuesday before the Council meeting on
# Wednesday"): English usually names the event first, then its time and place.
BEFORE_PENALTY = 2
# Crossing one of these between a claim and its cue counts as this many extra words: "…, and on Thursday …".
CLAUSE_PENALTY = 10
_CLAUSE_BREAK = re.compile(r";|:\s|\s[—–]\s|—|,\s+(?:and|but|while|whereas|or)\b|\(|\)")
_RESOLUTION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


class _SentenceView:
    """One sentence, folded and split into words once, for all the rules that look at it."""

    def __init__(self, text: str) -> None:
        self.folded = fold(text)
        words = word_positions(text)
        self.word_starts = [s for s, _ in words]
        self.word_ends = [e for _, e in words]
        self.breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
        self._hits: dict[int, list[tuple[int, int]]] = {}

    def hits(self, cues: tuple[Cue, ...], fuzzy: int) -> list[tuple[int, int]]:
        """Every span where one of ``cues`` occurs, searched once per sentence for each cue list."""
        key = id(cues)
        found = self._hits.get(key)
        if found is None:
            found = sorted({span for cue in cues for span in cue.find(self.folded, fuzzy)})
            self._hits[key] = found
        return found

    def distance(self, a: tuple[int, int], b: tuple[int, int]) -> float:
        """Words strictly between claim span ``a`` and cue span ``b``, plus penalties for clause breaks and order."""
        (_, a_end), (b_start, _) = sorted((a, b))
        if b_start < a_end:
            return 0.0
        between = bisect_left(self.word_starts, b_start) - bisect_right(self.word_ends, a_end)
        breaks = bisect_left(self.breaks, b_start) - bisect_left(self.breaks, a_end)
        before = BEFORE_PENALTY if a[0] < b[0] else 0
        return float(max(0, between) + CLAUSE_PENALTY * breaks + before)


_DIMENSIONED = (ClaimKind.MEASURE, ClaimKind.TIME)


def _accepts(fact: CompiledFact, claim: Claim) -> bool:
    rule = fact.rule
    if claim.role not in rule.roles:
        return False
    if claim.kind is ClaimKind.QUANTITY or claim.kind is ClaimKind.MONEY:
        if claim.unit is None:
            return rule.allow_unitless
        if fact.units and unit_key(claim.unit) not in fact.units:
            return False
    elif claim.kind in _DIMENSIONED and fact.units and (claim.unit is None or unit_key(claim.unit) not in fact.units):
        return False  # a measure's unit is its dimension (length, mass …); a time's is UTC or local
    if rule.resolution is not None and claim.resolution is not None:
        return _RESOLUTION_ORDER.get(claim.resolution, 9) <= _RESOLUTION_ORDER[rule.resolution]
    return True


def _nearest(
    view: _SentenceView, hits: list[tuple[int, int]], span: tuple[int, int], ignore: tuple[int, int]
) -> float | None:
    """Distance from the claim's span to the nearest hit that does not overlap ``ignore``."""
    best: float | None = None
    for hit in hits:
        if hit[0] < ignore[1] and ignore[0] < hit[1]:
            continue
        d = view.distance(span, hit)
        if best is None or d < best:
            best = d
    return best


def match_sentence(claims: list[Claim], facts_by_kind: dict[ClaimKind, list[CompiledFact]]) -> list[FactMatch]:
    """Matches for the claims of one sentence: each claim to its nearest fact, each fact to its nearest claim."""
    if not claims:
        return []
    view = _SentenceView(claims[0].sentence)
    best_for_claim: dict[int, tuple[float, str]] = {}
    for i, claim in enumerate(claims):
        span = (claim.start - claim.sentence_start, claim.end - claim.sentence_start)
        # Cues in the claim's own words are no context ("an estimated 100,000" is no estimate of an offensive);
        # exclusions count in them, but for the qualifier ("about 250,000 Ukrainian troops" is Ukraine's army).
        value_start = span[0] if claim.value_start is None else claim.value_start - claim.sentence_start
        qualifier_words = (span[0], value_start)
        for fact in facts_by_kind.get(claim.kind, ()):
            if not _accepts(fact, claim):
                continue
            cue_hits = view.hits(fact.cues, fact.rule.fuzzy)
            if not cue_hits:
                continue
            distance = _nearest(view, cue_hits, span, span)
            if distance is None or distance > fact.rule.window:
                continue
            if fact.requires:
                required = _nearest(view, view.hits(fact.requires, fact.rule.fuzzy), span, span)
                if required is None or required > fact.rule.window:
                    continue
            excluded = _nearest(view, view.hits(fact.excludes, 0), span, qualifier_words)
            exclude_window = fact.rule.window if fact.rule.exclude_window is None else fact.rule.exclude_window
            if excluded is not None and excluded <= exclude_window:
                continue
            option = (distance, fact.rule.id)
            if i not in best_for_claim or option < best_for_claim[i]:
                best_for_claim[i] = option
    best_for_fact: dict[str, tuple[float, int]] = {}
    for i, (distance, fact_id) in best_for_claim.items():
        candidate = (distance, i)
        if fact_id not in best_for_fact or candidate < best_for_fact[fact_id]:
            best_for_fact[fact_id] = candidate
    return [
        FactMatch(fact_id=fact_id, claim=claims[i], distance=distance)
        for fact_id, (distance, i) in sorted(best_for_fact.items())
    ]


def match_claims(claims: Iterable[Claim], rules: RuleSet) -> list[FactMatch]:
    """Every fact match for the claims of an article (or many), sentence by sentence."""
    facts_by_kind: dict[ClaimKind, list[CompiledFact]] = defaultdict(list)
    for fact in rules.facts:
        facts_by_kind[fact.rule.claim_kind].append(fact)
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for claim in claims:
        by_sentence[(claim.source, claim.sentence_start)].append(claim)
    matches: list[FactMatch] = []
    quote_settings = rules.settings.quotes
    for key in sorted(by_sentence):
        first = len(matches)
        matches.extend(match_sentence(by_sentence[key], facts_by_kind))
        matches.extend(self_matches(by_sentence[key]))
        placed = {(m.claim.start, m.claim.end, m.claim.kind) for m in matches[first:]}
        for claim in by_sentence[key]:
            bucket = bucket_of(claim, quote_settings)
            if bucket is None and (claim.start, claim.end, claim.kind) not in placed and discoverable(claim):
                bucket = UNPLACED  # for discovery, across the corpus
            if bucket is not None:  # grouped into facts across the corpus, by the crossref stage
                matches.append(FactMatch(fact_id=bucket, claim=claim, distance=0.0))
    return matches
