"""The order of the stages: articles -> sentences -> claims -> fact matches -> findings -> report."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.articles import list_articles, parse_article, read_article
from factcheck.collecting import collecting_later
from factcheck.compare import NO_CONTEXT, Context, Policy, judge
from factcheck.crossref import ORGANIZATIONS, PEOPLE, QUOTES, UNPLACED, crossref_findings, is_bucket
from factcheck.engine import Engine, FactJob, FactTask, LocalEngine
from factcheck.errors import InputError, Problem
from factcheck.models import (
    Article,
    Claim,
    FactInfo,
    FactMatch,
    Finding,
    Report,
    ReportError,
    ReviewDecision,
    Severity,
    Source,
    SourceSummary,
    Status,
    Verdict,
    WireCopies,
)
from factcheck.rules.loader import RuleSet
from factcheck.wires import WireArticle, WireGroup, body_fingerprint, independent_sources, wire_credit, wire_groups

if TYPE_CHECKING:
    from factcheck.cache import ClaimCache, CorpusEntry
from factcheck.selfcheck import is_self_fact, self_finding


@dataclass(frozen=True)
class AnalyzedArticle:
    """One article through extraction and matching."""

    article: Article
    claims: tuple[Claim, ...]
    matches: tuple[FactMatch, ...]


def claims_of(article: Article, rules: RuleSet) -> list[Claim]:
    # Extraction's readers compile hundreds of patterns: imported only by runs that read articles, so that a
    # check whose corpus is all cached starts fast.
    from factcheck.extract import extract_article
    from factcheck.segment import sentences

    return extract_article(article, sentences(article, rules.boilerplate))


def analyze(article: Article, rules: RuleSet) -> AnalyzedArticle:
    from factcheck.match import match_claims

    claims = claims_of(article, rules)
    return AnalyzedArticle(article, tuple(claims), tuple(match_claims(claims, rules)))


def corpus_paths(folder: Path) -> list[Path]:
    """The article files of a story folder; an error if there is no such folder or nothing in it."""
    if not folder.is_dir():
        raise InputError(Problem(str(folder), "no such corpus folder" if not folder.exists() else "not a folder"))
    paths = list_articles(folder)
    if not paths:
        raise InputError(Problem(str(folder), "no articles (*.md, *.txt) in this folder"))
    return paths


def read_corpus(folder: Path) -> tuple[list[Article], list[Problem]]:
    """Every readable article in the folder, and a problem for each one that is not."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in corpus_paths(folder):
        try:
            articles.append(read_article(path))
        except InputError as exc:
            problems.extend(exc.problems)
    return articles, problems


def policy_for(rules: RuleSet, fact_id: str) -> tuple[FactInfo, Policy]:
    compiled = rules.fact(fact_id)
    if compiled is None:  # pragma: no cover - matches only come from loaded rules
        raise KeyError(fact_id)
    rule = compiled.rule
    info = FactInfo(
        id=rule.id, title=rule.title, kind=rule.claim_kind, severity=rule.severity, description=rule.description
    )
    policy = Policy(
        method=rule.compare.method, slack=rule.slack(), similarity=rule.compare.similarity, evolving=rule.evolving
    )
    return info, policy


# The cross-outlet buckets judged together: a quote's speaker is checked against the people named; organizations
# and the figures no rule placed stand alone.
BUCKET_GROUPS = ((PEOPLE, QUOTES), (ORGANIZATIONS,), (UNPLACED,))


def fact_jobs(sizes: Iterable[tuple[str, int]], figure_kinds: Iterable[tuple[str, int]] = ()) -> list[FactJob]:
    """How a story's facts, with these many claims each, are judged: the groups of :data:`BUCKET_GROUPS` first,
    then each rule's fact alone, in fact order. With the kinds of the figures no rule placed (and how many
    claims each), each kind is a job of its own: discovery groups each kind's figures apart from the others'."""
    count = dict(sizes)
    kinds = dict(figure_kinds)
    jobs: list[FactJob] = []
    for group in BUCKET_GROUPS:
        present = tuple(fact for fact in group if fact in count)
        if present == (UNPLACED,) and len(kinds) > 1:
            del count[UNPLACED]
            jobs.extend(FactJob(present, kinds[kind], (kind,)) for kind in sorted(kinds))
        elif present:
            jobs.append(FactJob(present, sum(count.pop(fact) for fact in present)))
    jobs.extend(FactJob((fact,), count[fact]) for fact in sorted(count))
    return jobs


def fact_tasks(matches: Iterable[FactMatch]) -> list[FactTask]:
    """Matches grouped by fact (never all pairs), a task per job of :func:`fact_jobs`, in its order."""
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for match in matches:
        grouped[match.fact_id].append(match.claim)
    jobs = fact_jobs((fact, len(claims)) for fact, claims in grouped.items())
    return [FactTask(tuple((fact, tuple(grouped[fact])) for fact in job.facts)) for job in jobs]


def judge_groups(
    groups: Sequence[tuple[str, Sequence[Claim]]], rules: RuleSet, context: Context = NO_CONTEXT
) -> list[Finding]:
    """The findings of facts given with their claims: buckets are grouped into facts by :mod:`crossref`, a
    rule's fact is judged by its rule."""
    if any(is_bucket(fact_id) for fact_id, _ in groups):
        return crossref_findings({fact_id: list(claims) for fact_id, claims in groups}, rules, context)
    result: list[Finding] = []
    for fact_id, claims in groups:
        if is_self_fact(fact_id):
            result.append(self_finding(fact_id, list(claims)))
            continue
        info, policy = policy_for(rules, fact_id)
        result.append(judge(info, claims, policy, context))
    return result


def findings(
    matches: Iterable[FactMatch],
    rules: RuleSet,
    grouped_elsewhere: Sequence[Finding] = (),
    context: Context = NO_CONTEXT,
    engine: Engine | None = None,
) -> list[Finding]:
    """Group matches by fact and judge each fact (on ``engine``, here by default); ``grouped_elsewhere`` are
    findings already made (a check's cross-outlet facts) to report with them, in the same order. ``context``
    says which sources are copies of one wire story and when each was published."""
    tasks = fact_tasks(matches)
    judged = (engine or LocalEngine()).judge(tasks, rules, context)
    result = [*grouped_elsewhere, *judged]
    result.sort(key=lambda f: (f.status.rank, -f.severity.rank, f.fact.id))
    return result


VerdictCounts = dict[str, list[int]]  # per source: agree, conflict, single, updated
_COLUMN = {Verdict.MAJORITY: 0, Verdict.SINGLE: 2, Verdict.SUPERSEDED: 3}  # every other verdict is a conflict


def count_verdicts(finding: Finding, counts: VerdictCounts) -> None:
    """Add a finding's claims to the per-source counts of verdicts."""
    for judged in finding.claims:
        count_verdict(judged.claim.source, judged.verdict, counts)


def count_verdict(source: str, verdict: Verdict, counts: VerdictCounts) -> None:
    """Add a claim of ``source`` with this verdict to the per-source counts of verdicts."""
    row = counts.get(source)
    if row is None:
        row = counts[source] = [0, 0, 0, 0]
    row[_COLUMN.get(verdict, 1)] += 1


def summarize(
    sources: Sequence[Source], found: Sequence[Finding], wires: Sequence[WireCopies] = ()
) -> list[SourceSummary]:
    counts: VerdictCounts = {}
    for finding in found:
        count_verdicts(finding, counts)
    return source_summaries(sources, counts, wires)


def source_summaries(
    sources: Sequence[Source], counts: VerdictCounts, wires: Sequence[WireCopies] = ()
) -> list[SourceSummary]:
    """Each source with its counts of verdicts, in source order."""
    wire_of = {member: wire.key for wire in wires for member in wire.members}
    out = []
    for s in sorted(sources, key=lambda s: s.id):
        agree, conflict, single, updated = counts.get(s.id, (0, 0, 0, 0))
        out.append(
            SourceSummary(
                id=s.id,
                outlet=s.outlet,
                published=s.published or dt.date.min,
                path=s.path,
                published_at=s.published_at,
                wire=wire_of.get(s.id),
                agree=agree,
                conflict=conflict,
                single=single,
                updated=updated,
            )
        )
    return out


def story_context(sources: Sequence[Source], groups: Sequence[WireGroup]) -> tuple[Context, list[WireCopies]]:
    """Which sources are copies of one wire story (``groups``, found by their texts or declared:
    :func:`factcheck.wires.wire_groups`, or what the claim cache kept of them), and when each was published: what
    comparing a story's facts needs besides their claims."""
    outlets = {s.id: s.outlet for s in sources}
    wires = [
        WireCopies(
            key=g.key,
            name=g.name,
            members=g.members,
            outlets=tuple(outlets.get(m, m) for m in g.members),
            declared=g.declared,
            original=g.original,
            similarity=g.similarity,
        )
        for g in groups
    ]
    context = Context(
        independent=independent_sources(groups),
        originals={g.key: g.original for g in groups if g.original is not None},
        published={s.id: when for s in sources if (when := s.when) is not None},
    )
    return context, wires


def wire_article(source: Source, credit: str | None, fingerprint: bytes) -> WireArticle:
    """What finding wire copies needs of an article."""
    return WireArticle(
        id=source.id,
        outlet=source.outlet,
        order=source.when or "",
        declared=source.wire,
        credit=credit,
        fingerprint=fingerprint,
    )


def wire_article_of(article: Article) -> WireArticle:
    body = article.body
    return wire_article(Source.of(article), wire_credit(body, article.byline), body_fingerprint(body))


def build_report(
    corpus: str,
    sources: Sequence[Source],
    matches: Iterable[FactMatch],
    rules: RuleSet,
    problems: Sequence[Problem] = (),
    grouped_elsewhere: Sequence[Finding] = (),
    copies: Sequence[WireArticle] = (),
    story: tuple[Context, list[WireCopies]] | None = None,
    engine: Engine | None = None,
) -> Report:
    """The report of a story: its facts judged, its sources summed up; ``copies`` lets wire copies be found (or
    ``story`` gives what :func:`story_context` already found of them)."""
    context, wires = story if story is not None else story_context(sources, wire_groups(copies))
    found = findings(matches, rules, grouped_elsewhere, context, engine)
    errors = report_errors(problems)
    return Report(
        corpus=corpus,
        sources=tuple(summarize(sources, found, wires)),
        findings=tuple(found),
        errors=errors,
        wires=tuple(wires),
    )


def run_report(corpus_dir: Path, rules: RuleSet) -> Report:
    """The consistency report of a story folder; unreadable articles are listed as errors, the rest reported.

    Articles are read one at a time and only their fact matches are kept, so memory grows with the claims
    that land on facts, not with the corpus's text.
    """
    paths = corpus_paths(corpus_dir)
    sources: list[Source] = []
    matches: list[FactMatch] = []
    problems: list[Problem] = []
    copies: list[WireArticle] = []
    for path in paths:
        try:
            article = read_article(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        sources.append(Source.of(article))
        copies.append(wire_article_of(article))
        matches.extend(analyze(article, rules).matches)
    return build_report(corpus_dir.as_posix(), sources, matches, rules, problems, copies=copies)


def cached_report(corpus_dir: Path, rules: RuleSet, cache: ClaimCache) -> Report:
    """As :func:`run_report`, with each article's matches taken from (or added to) the claim cache."""
    paths = corpus_paths(corpus_dir)

    def from_cache() -> Report:
        entries, problems = cache.load(paths, rules)
        with collecting_later():
            return report_of(entries, problems)

    def report_of(entries: list[CorpusEntry], problems: list[Problem]) -> Report:
        matches = list(cache.matches(e.key for e in entries))
        sources = [e.source for e in entries]
        story = story_context(sources, cache.wire_groups(entries))
        return build_report(corpus_dir.as_posix(), sources, matches, rules, problems, story=story, engine=cache.engine)

    return cache.retrying(from_cache)


def extract_files(
    paths: Sequence[Path], rules: RuleSet, published: dt.date | None
) -> tuple[list[Claim], list[Problem]]:
    """Claims of individual files, front matter optional; ``published`` overrides the reference date."""
    claims: list[Claim] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            article = read_article(path, published=published, require_front_matter=False)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        claims.extend(claims_of(article, rules))
    return claims, problems


def analyze_text(text: str, rules: RuleSet, published: dt.date | None, name: str = "example") -> AnalyzedArticle:
    """A bare text (a rule example, say) through the same stages as an article."""
    article = parse_article(name, text, published=published, require_front_matter=False)
    return analyze(article, rules)


def fails(report: Report, threshold: Severity | None) -> bool:
    """Whether a fact at or above the threshold severity is in conflict."""
    if threshold is None:
        return False
    return any(failing_severity(f) is not None and f.severity.rank >= threshold.rank for f in report.findings)


def failing_severity(finding: Finding) -> Severity | None:
    """A fact's severity if it is a conflict that still fails runs (see :func:`fails`), else None."""
    return finding.severity if finding.status is Status.CONFLICT and _unsettled(finding) else None


def _unsettled(finding: Finding) -> bool:
    """Whether a conflict still fails runs: some claim of it not reviewed, or confirmed as an error.

    Editors settle a claim by deciding it is not a conflict or concerns different facts.
    """
    marked = [j for j in finding.claims if j.fingerprint is not None]
    return not marked or any(j.review is None or j.review.decision is ReviewDecision.CONFIRMED for j in marked)


def report_errors(problems: Iterable[Problem]) -> tuple[ReportError, ...]:
    """A report's errors: the problems of its unreadable articles, in file and line order."""
    return tuple(ReportError(path=p.path, line=p.line, message=p.message) for p in sorted(problems, key=problem_order))


def problem_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)
