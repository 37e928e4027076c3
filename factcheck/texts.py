"""Articles' full texts with every claim marked, for the HTML report.

The fact matches come from the claim cache (the same ones the report was built from); the claims that landed on
no fact are found by extracting the article again (a story is tens of articles: this costs milliseconds). An
article that cannot be read has no text here: its error is in the report's ``errors``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.articles import read_article
from factcheck.crossref import is_bucket
from factcheck.errors import InputError
from factcheck.models import Article, ArticleText, Claim, ClaimKind, FactMatch, Finding, Mark
from factcheck.rules.loader import RuleSet

if TYPE_CHECKING:
    from factcheck.cache import ClaimCache


def marks_of(article: Article, matches: Iterable[FactMatch], claims: Iterable[Claim] = ()) -> tuple[Mark, ...]:
    """A mark per fact match, and one (with no fact) per other claim; offsets outside the text are dropped."""
    size = len(article.text)
    found: set[Mark] = set()
    placed: set[tuple[int, int, str]] = set()
    for match in matches:
        claim = match.claim
        if 0 <= claim.start < claim.end <= size:
            found.add(Mark(start=claim.start, end=claim.end, fact=match.fact_id, kind=claim.kind))
            placed.add((claim.start, claim.end, claim.kind.value))
    for claim in claims:
        if (claim.start, claim.end, claim.kind.value) not in placed and 0 <= claim.start < claim.end <= size:
            found.add(Mark(start=claim.start, end=claim.end, fact=None, kind=claim.kind))
    return tuple(sorted(found, key=lambda m: (m.start, m.end, m.fact is None, m.fact or "", m.kind.value)))


def article_text(article: Article, matches: Iterable[FactMatch], claims: Iterable[Claim] = ()) -> ArticleText:
    return ArticleText(
        source=article.id,
        title=article.title,
        text=article.text,
        body_start=article.body_start,
        title_start=article.title_start,
        marks=marks_of(article, matches, claims),
    )


def on_findings(texts: Iterable[ArticleText], findings: Iterable[Finding]) -> tuple[ArticleText, ...]:
    """Marks of quotes, people, organizations and claims no rule placed, on the facts the report grouped them into.

    Matching puts such claims in a bucket of their kind; the report's cross-outlet stage makes the facts. A claim
    of a fact the report leaves out (a quote only one outlet has) is marked with no fact.
    """
    facts_of: dict[tuple[str, int, int, ClaimKind], list[str]] = defaultdict(list)
    for finding in findings:
        for judged in finding.claims:
            claim = judged.claim
            facts_of[(claim.source, claim.start, claim.end, claim.kind)].append(finding.fact.id)
    out = []
    for text in texts:
        marks: set[Mark] = set()
        for mark in text.marks:
            if mark.fact is None or not is_bucket(mark.fact):
                marks.add(mark)
                continue
            placed = facts_of.get((text.source, mark.start, mark.end, mark.kind), [])
            marks.update(mark.model_copy(update={"fact": fact}) for fact in placed)
            if not placed:
                marks.add(mark.model_copy(update={"fact": None}))
        ordered = sorted(marks, key=lambda m: (m.start, m.end, m.fact is None, m.fact or "", m.kind.value))
        out.append(text.model_copy(update={"marks": tuple(ordered)}))
    return tuple(out)


def article_texts(
    corpus_dir: Path, rules: RuleSet, cache: ClaimCache, unplaced: bool = True
) -> tuple[ArticleText, ...]:
    """Every readable article of the story, in the corpus's order, with its claims marked.

    ``unplaced``: also mark the claims that are on no fact (re-extracting each article to find them).
    """
    from factcheck.pipeline import claims_of, corpus_paths

    paths = corpus_paths(corpus_dir)

    def from_cache() -> tuple[ArticleText, ...]:
        entries, _problems = cache.load(paths, rules)
        ids = Counter(entry.source.id for entry in entries)
        by_source: dict[str, list[FactMatch]] = defaultdict(list)
        for match in cache.matches(entry.key for entry in entries if ids[entry.source.id] == 1):
            by_source[match.claim.source].append(match)
        texts: list[ArticleText] = []
        for entry in entries:
            try:
                article = read_article(Path(entry.path))
            except InputError:
                continue  # changed since it was analyzed, and now unreadable: the next run reports it
            if ids[entry.source.id] == 1:
                matches: list[FactMatch] = by_source.get(entry.source.id, [])
            else:  # two files of the same name in different folders: ask for this one's own rows
                matches = list(cache.matches([entry.key]))
            claims = claims_of(article, rules) if unplaced else []
            texts.append(article_text(article, matches, claims))
        return tuple(texts)

    return cache.retrying(from_cache)
