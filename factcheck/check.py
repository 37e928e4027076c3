"""Checking articles against a story's corpus: the findings a new or edited article brings.

Each checked article is compared, fact by fact, with every other article (the corpus and the other checked
articles). Its claim is a finding when the comparison makes it an outlier, or when it starts a dispute the
corpus did not have; siding with the majority of a fact already in conflict is not a finding against it. A fact
no other article states is a finding of severity info ("first to state"). Claims come from the claim cache, so
only the facts the checked articles state are loaded, never the whole corpus.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from factcheck.cache import ClaimCache, ClaimRow, CorpusEntry
from factcheck.collecting import collecting_later
from factcheck.compare import NO_CONTEXT, Assessment, Context, Policy, assess, capped
from factcheck.crossref import ALL_BUCKETS, UNPLACED, is_bucket
from factcheck.decisions import Decisions, fingerprint
from factcheck.errors import InputError, Problem
from factcheck.models import (
    CheckFinding,
    CheckReport,
    Claim,
    Confidence,
    CorpusClaim,
    FactCheck,
    FactInfo,
    Finding,
    FindingKind,
    Reason,
    Report,
    ReportError,
    Severity,
    Source,
    Status,
    Verdict,
    WireCopies,
)
from factcheck.pipeline import build_report, corpus_paths, policy_for, story_context
from factcheck.render.values import describe, said
from factcheck.report_stream import discovered_in_store, grouped_in_store
from factcheck.reviews import reviewed
from factcheck.rules.loader import RuleSet
from factcheck.selfcheck import fact_info as self_fact_info
from factcheck.selfcheck import is_self_fact

QUOTED_CLAIMS = 5  # corpus claims a finding quotes; the rest are counted
_NO_FINDING = frozenset({Verdict.MAJORITY, Verdict.SINGLE, Verdict.SUPERSEDED})
_REASON_WORDS = {
    Reason.COPY: "a copy of a wire story that changed the wire's figure",
    Reason.DECREASE: "less than earlier reports, of a figure that can only grow",
    Reason.CITATION: "its own figure contradicts the one it attributes to the party it cites",
}


class _Sources(Mapping[int, Source]):
    """Sources by cache key, each made only when a finding needs it (a story may have thousands)."""

    def __init__(self, entries: list[CorpusEntry]) -> None:
        self._entries = {e.key: e for e in entries}

    def __getitem__(self, key: int) -> Source:
        return self._entries[key].source

    def __iter__(self) -> Iterator[int]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True)
class _Group:
    corpus_articles: int
    problems: list[Problem]
    checked: list[Source]
    checks: list[FactCheck]
    report: Report | None


def run_check(
    articles: Sequence[Path],
    corpus: Path | None,
    rules: RuleSet,
    cache: ClaimCache,
    decisions: Decisions | None = None,
    fail_on: Severity | None = Severity.ERROR,
    full: bool = False,
) -> CheckReport:
    """Check ``articles`` against ``corpus`` (default: each article's own folder).

    ``full`` also builds the report of the facts involved, with every claim (for JSON output).
    """
    decisions = decisions or Decisions()
    groups: dict[Path, list[Path]] = defaultdict(list)
    for path in articles:
        groups[corpus if corpus is not None else path.parent].append(path)
    checks: list[FactCheck] = []
    problems: list[Problem] = []
    checked_sources: list[Source] = []
    corpus_count = 0
    parts: list[Report] = []
    for folder in sorted(groups, key=str):
        group = []
        for path in _dedupe(groups[folder]):
            if os.path.lexists(path):
                group.append(path)
            else:  # no story to read for an article that is not there
                problems.append(Problem(str(path), "cannot read: No such file or directory", line=1))
        if not group:
            continue
        try:
            corpus_files = corpus_paths(folder)
        except InputError as exc:
            if corpus is not None:
                raise
            problems.extend(exc.problems)
            continue
        checked_keys = {os.path.abspath(p) for p in group}
        paths = [p for p in corpus_files if os.path.abspath(p) not in checked_keys] + group

        def one_group(paths: list[Path] = paths, group: list[Path] = group) -> _Group:
            entries, found = cache.load(paths, rules)
            with collecting_later():
                return checked_group(entries, found, group)

        def checked_group(entries: list[CorpusEntry], found: list[Problem], group: list[Path]) -> _Group:
            by_path = {os.path.abspath(e.path): e for e in entries}
            checked = [by_path[os.path.abspath(p)] for p in group if os.path.abspath(p) in by_path]
            story = story_context([e.source for e in entries], cache.wire_groups(entries))
            checked_ids = frozenset(c.source.id for c in checked)
            grouped = _CrossrefOnce([e.key for e in entries], rules, cache, story[0], checked_ids)
            outcome = _check_group(checked, entries, rules, cache, decisions, grouped, story[0])
            part = _restricted_report(entries, outcome, rules, cache, grouped, story) if full else None
            return _Group(len(entries) - len(checked), found, [c.source for c in checked], outcome, part)

        done = cache.retrying(one_group)
        problems.extend(done.problems)
        corpus_count += done.corpus_articles
        checked_sources.extend(done.checked)
        checks.extend(done.checks)
        if done.report is not None:
            parts.append(done.report)
    report = None
    if full:
        sources = tuple(s for part in parts for s in part.sources)
        report = Report(
            corpus=", ".join(sorted(str(f.as_posix()) for f in groups)),
            sources=sources,
            findings=tuple(f for part in parts for f in part.findings),
            wires=tuple(w for part in parts for w in part.wires),
        )
        report = reviewed(report, decisions.reviews)
    checks.sort(key=lambda c: (c.path, c.fact.id))
    errors = tuple(
        ReportError(path=p.path, line=p.line, message=p.message)
        for p in sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
    )
    return CheckReport(
        corpus="" if corpus is None else corpus.as_posix(),
        articles=tuple(sorted(checked_sources, key=lambda s: s.path)),
        corpus_articles=corpus_count,
        checks=tuple(checks),
        report=report,
        fail_on=fail_on,
        errors=errors,
    )


def _dedupe(paths: list[Path]) -> list[Path]:
    seen: set[str] = set()
    out = []
    for path in paths:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _check_group(
    checked: list[CorpusEntry],
    entries: list[CorpusEntry],
    rules: RuleSet,
    cache: ClaimCache,
    decisions: Decisions,
    grouped: _CrossrefOnce,
    context: Context,
) -> list[FactCheck]:
    keys = {e.key for e in entries}
    sources = _Sources(entries)
    facts_by_article = cache.facts_of(c.key for c in checked)
    wanted = sorted({fact for facts in facts_by_article.values() for fact in facts})
    out: list[FactCheck] = []
    if any(is_bucket(fact_id) for fact_id in wanted):
        out.extend(_crossref_checks(checked, keys, cache, decisions, sources, grouped))
    for fact_id in wanted:
        if is_bucket(fact_id):
            continue
        if is_self_fact(fact_id):
            out.extend(_self_checks(fact_id, checked, facts_by_article, cache, decisions))
            continue
        if rules.fact(fact_id) is None:
            continue  # pragma: no cover - cached rows always come from the same rules
        info, policy = policy_for(rules, fact_id)
        rows = cache.rows(fact_id, keys)
        after = assess(rows, policy, context)  # every article's claims: the same comparison for each checked one
        for item in checked:
            if fact_id not in facts_by_article[item.key]:
                continue
            mine = [r for r in rows if r.article == item.key]
            others = [r for r in rows if r.article != item.key]

            def split(others: list[ClaimRow] = others, policy: Policy = policy) -> bool:
                """Whether the corpus alone is in conflict with no majority (only asked when it matters)."""
                before = assess(others, policy, context)
                return before.status is Status.CONFLICT and not before.majority

            findings = _findings(info, item.source, mine, others, after, split, sources)
            kept, silenced = _settle(findings, decisions)
            out.append(
                FactCheck(
                    source=item.source.id,
                    path=item.source.path,
                    fact=info,
                    claims=len(mine),
                    corpus_sources=len({r.source for r in others}),
                    findings=kept,
                    baselined=silenced,
                )
            )
    return out


class _CrossrefOnce:
    """The quote, person, organization and discovered facts of a story, grouped once (when first asked for); of
    the discovered facts, those with a claim of the checked sources."""

    def __init__(
        self, keys: Sequence[int], rules: RuleSet, cache: ClaimCache, context: Context, checked: AbstractSet[str]
    ) -> None:
        self._args = (sorted(keys), rules, cache, context, checked)
        self._found: list[Finding] | None = None

    def findings(self) -> list[Finding]:
        if self._found is None:
            self._found = crossref_report(*self._args)
        return self._found


def crossref_report(
    keys: Sequence[int],
    rules: RuleSet,
    cache: ClaimCache,
    context: Context = NO_CONTEXT,
    about: AbstractSet[str] | None = None,
) -> list[Finding]:
    """The quote, person, organization and discovered facts of these articles (grouped across all of them); with
    ``about``, only those with a claim of these sources (the story's mentions and figures are grouped from the
    cache's columns, and only those facts' claims read and judged)."""
    store = cache.reader(keys)
    found = list(grouped_in_store(store, [b for b in ALL_BUCKETS if b != UNPLACED], rules, about))
    found.extend(discovered_in_store(store, rules, context, about))
    return found


def _crossref_checks(
    checked: list[CorpusEntry],
    keys: set[int],
    cache: ClaimCache,
    decisions: Decisions,
    sources: Mapping[int, Source],
    grouped: _CrossrefOnce,
) -> list[FactCheck]:
    """Quotes, people, organizations and discovered facts of the checked articles at odds with the other articles'
    (never the first to state one: such facts are not rules editors wrote, and every new quote would be one)."""
    rows = _BucketRows(cache)
    key_of = {sources[k].id: k for k in keys}
    out: list[FactCheck] = []
    for finding in grouped.findings():
        for item in checked:
            mine = [j for j in finding.claims if j.claim.source == item.source.id]
            others = [j for j in finding.claims if j.claim.source != item.source.id]
            if not mine or not others:
                continue
            findings: list[CheckFinding] = []
            for judged in mine:
                if judged.verdict in _NO_FINDING:
                    continue
                row = rows.at(item.key, judged.claim.start, judged.claim.end)
                if judged.verdict is Verdict.OUTLIER:
                    against = [j for j in others if j.verdict is Verdict.MAJORITY]
                else:
                    against = [j for j in others if describe(j.claim) != describe(judged.claim)]
                disagreeing = [_Stated.of(j.claim, key_of[j.claim.source]) for j in against]
                quoted = sorted(
                    disagreeing, key=lambda r: (sources[r.article].outlet, sources[r.article].path, r.start)
                )
                reason = f" ({finding.reason.value})" if finding.reason is not None else ""
                message = _message(finding.fact, row, disagreeing, sources, self_only=False) + reason
                findings.append(
                    _finding(
                        FindingKind.CONFLICT,
                        finding.severity,
                        finding.fact,
                        item.source,
                        row,
                        message,
                        [_corpus_claim(rows.at(r.article, r.start, r.end), sources) for r in quoted[:QUOTED_CLAIMS]],
                        len(disagreeing),
                        len({r.source for r in disagreeing}),
                        len({j.claim.source for j in others}),
                    )
                )
            kept, silenced = _settle(findings, decisions)
            out.append(
                FactCheck(
                    source=item.source.id,
                    path=item.source.path,
                    fact=finding.fact,
                    claims=len(mine),
                    corpus_sources=len({j.claim.source for j in others}),
                    findings=kept,
                    baselined=silenced,
                )
            )
    return out


def _settle(
    findings: Sequence[CheckFinding], decisions: Decisions
) -> tuple[tuple[CheckFinding, ...], tuple[CheckFinding, ...]]:
    """The findings that still count, and those a baseline or an editor's review settled; each with its review."""
    kept: list[CheckFinding] = []
    settled: list[CheckFinding] = []
    for finding in findings:
        review = decisions.review(finding.fingerprint)
        if review is not None:
            finding = finding.model_copy(update={"review": review})
        (settled if decisions.silences(finding.fingerprint) else kept).append(finding)
    return tuple(kept), tuple(settled)


def _self_checks(
    fact_id: str,
    checked: list[CorpusEntry],
    facts_by_article: Mapping[int, set[str]],
    cache: ClaimCache,
    decisions: Decisions,
) -> list[FactCheck]:
    """Claims of the checked articles at odds with themselves: each a finding, whatever the corpus says."""
    info = self_fact_info(fact_id)
    out: list[FactCheck] = []
    for item in checked:
        if fact_id not in facts_by_article[item.key]:
            continue
        rows = {(r.start, r.end): r for r in cache.rows(fact_id, {item.key})}
        findings = []
        for match in cache.matches([item.key], fact_id):
            claim = match.claim
            row = rows[(claim.start, claim.end)]
            message = f"{info.title}: {_wording(row)}: {claim.note}"
            findings.append(_finding(FindingKind.CONFLICT, info.severity, info, item.source, row, message, [], 0, 0))
        findings.sort(key=lambda f: (f.location.line, f.location.column))
        kept, settled = _settle(findings, decisions)
        out.append(
            FactCheck(
                source=item.source.id,
                path=item.source.path,
                fact=info,
                claims=len(findings),
                corpus_sources=0,
                findings=kept,
                baselined=settled,
            )
        )
    return out


def _findings(
    info: FactInfo,
    source: Source,
    mine: list[ClaimRow],
    corpus_rows: list[ClaimRow],
    after: Assessment[ClaimRow],
    was_split: Callable[[], bool],
    sources: Mapping[int, Source],
) -> list[CheckFinding]:
    index_of = {id(row): i for i, row in enumerate(after.claims)}
    corpus_sources = len({r.source for r in corpus_rows})
    if not corpus_rows and after.status is not Status.CONFLICT:
        first = min(mine, key=lambda r: (r.start, r.end))
        message = f"{info.title}: no other article states it; this one says {_wording(first)}"
        return [_finding(FindingKind.FIRST, Severity.INFO, info, source, first, message, [], 0, 0)]
    out: list[CheckFinding] = []
    for row in sorted(mine, key=lambda r: (r.start, r.end)):
        i = index_of[id(row)]
        verdict = after.verdicts[i]
        if verdict in _NO_FINDING:
            continue
        others = [j for j, other in enumerate(after.claims) if other.article != row.article]
        against = after.against(i)
        at_odds = [j for j in against if after.claims[j].article != row.article]
        if verdict is Verdict.DISPUTED and len(at_odds) < len(others) and was_split():
            continue  # the corpus was already split with no majority: joining one side brings nothing new
        disagreeing = [after.claims[j] for j in (at_odds or against)]
        if not disagreeing:
            continue  # pragma: no cover - an outlier always disagrees with someone
        quoted = sorted(disagreeing, key=lambda r: (sources[r.article].outlet, sources[r.article].path, r.start))
        message = _message(info, row, disagreeing, sources, self_only=not at_odds)
        reason = after.reasons[i] if after.reasons else None
        if reason in _REASON_WORDS:
            message += f" ({_REASON_WORDS[reason]})"
        vague = row.confidence is Confidence.VAGUE or all(r.confidence is Confidence.VAGUE for r in disagreeing)
        out.append(
            _finding(
                FindingKind.CONFLICT,
                capped(info.severity, vague),
                info,
                source,
                row,
                message,
                [_corpus_claim(r, sources) for r in quoted[:QUOTED_CLAIMS]],
                len(disagreeing),
                len({r.source for r in disagreeing}),
                corpus_sources,
            )
        )
    return out


def _finding(
    kind: FindingKind,
    severity: Severity,
    info: FactInfo,
    source: Source,
    row: ClaimRow,
    message: str,
    quoted: list[CorpusClaim],
    count: int,
    source_count: int,
    corpus_sources: int = 0,
) -> CheckFinding:
    return CheckFinding(
        kind=kind,
        fact=info,
        severity=severity,
        source=source.id,
        outlet=source.outlet,
        text=row.text,
        value=row.value,
        location=row.location(source.path),
        message=message,
        fingerprint=fingerprint(kind, info.id, source.id, row.value),
        disagrees=tuple(quoted),
        disagree_count=count,
        disagree_sources=source_count,
        corpus_sources=corpus_sources,
    )


def _corpus_claim(row: ClaimRow, sources: Mapping[int, Source]) -> CorpusClaim:
    source = sources[row.article]
    return CorpusClaim(
        source=source.id, outlet=source.outlet, text=row.text, value=row.value, location=row.location(source.path)
    )


class _Stated(NamedTuple):
    """What a check's message says of a corpus claim: whose it is, where, its words and its value in words."""

    article: int
    source: str
    start: int
    end: int
    text: str
    value: str

    @classmethod
    def of(cls, claim: Claim, article: int) -> _Stated:
        return cls(article, claim.source, claim.start, claim.end, claim.text, describe(claim))


class _BucketRows:
    """The cached rows of quotes, people, organizations and figures no rule placed, read an article at a time as
    a check's findings need them (the article checked, the few corpus claims a finding quotes), never the story's
    hundreds of thousands at once."""

    def __init__(self, cache: ClaimCache) -> None:
        self._cache = cache
        self._of: dict[int, dict[tuple[int, int], ClaimRow]] = {}

    def at(self, article: int, start: int, end: int) -> ClaimRow:
        rows = self._of.get(article)
        if rows is None:
            found = (r for bucket in ALL_BUCKETS for r in self._cache.rows(bucket, {article}))
            rows = self._of[article] = {(r.start, r.end): r for r in found}
        return rows[(start, end)]


def _message(
    info: FactInfo,
    row: ClaimRow,
    disagreeing: Sequence[ClaimRow | _Stated],
    sources: Mapping[int, Source],
    self_only: bool,
) -> str:
    said = f"{info.title}: this article says {_wording(row)}"
    if self_only:
        return f"{said} but also {_join(sorted({_wording(r) for r in disagreeing}))}"
    by_value: dict[str, list[ClaimRow | _Stated]] = defaultdict(list)
    for other in disagreeing:
        by_value[other.value].append(other)
    ranked = sorted(by_value.items(), key=lambda kv: (-len({r.source for r in kv[1]}), kv[0]))
    parts = []
    for _value, rows in ranked[:3]:
        names = sorted({sources[r.article].outlet for r in rows})
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        example = min(rows, key=lambda r: (sources[r.article].outlet, r.start))
        parts.append(f"{_wording(example)} ({shown})")
    if len(ranked) > 3:
        parts.append(f"{len(ranked) - 3} other values")
    return f"{said}; the corpus says {_join(parts)}"


def _wording(row: ClaimRow | _Stated) -> str:
    return said(row.text, row.value)


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" and {parts[-1]}"


def _restricted_report(
    entries: list[CorpusEntry],
    outcome: list[FactCheck],
    rules: RuleSet,
    cache: ClaimCache,
    grouped: _CrossrefOnce,
    story: tuple[Context, list[WireCopies]],
) -> Report:
    """The report of the facts the checked articles state, with every article's claims on them."""
    keys = [e.key for e in entries]
    wanted = {c.fact.id for c in outcome}

    def is_grouped(fact: str) -> bool:  # a quote, person, organization or discovered fact, not a rule's
        return rules.fact(fact) is None and not is_self_fact(fact)

    matches = [m for fact in sorted(wanted) if not is_grouped(fact) for m in cache.matches(keys, fact)]
    crossref = [f for f in grouped.findings() if f.fact.id in wanted] if any(is_grouped(f) for f in wanted) else []
    stated = {m.claim.source for m in matches} | {c.source for c in outcome} | {s for f in crossref for s in f.sources}
    shown = [e.source for e in entries if e.source.id in stated]
    return build_report("", shown, matches, rules, (), crossref, story=story)
