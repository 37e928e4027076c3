"""How well and how fast ``factcheck.discover`` finds facts nobody wrote a rule for.

Quality: for each story of tests/data/stories (articles plus an ``answers.yaml``), the claims are read with an
empty rule set, discovered, and the candidate facts in conflict scored against the answers:

* an answer claim is the span where its ``text`` occurs in its article's body; a discovered claim matches it
  when the source is the same and the spans overlap;
* a discovered conflict is a true positive when its claims include claims of at least two sources of ONE answer
  ``conflicts`` entry and no claim of another answer entry (a conflict, an agreement, or a member of a
  ``distinct`` trap that is not in that entry); any other discovered conflict is a false positive;
* recall counts the answer conflicts of kinds quantity, money, duration, date, time and measure that some true
  positive finds. An answer conflict the extractor cannot read (fewer than two sources with a readable claim, or
  readable claims that do not disagree) is skipped, and listed.

Speed: ``discover`` timed on the stories, on corpus/geneva-2022, and on synthetic corpora of 1,000 and 10,000
articles: /tmp/fc-bench/n1000 and n10000 when they exist (``benchmarks/run.py --keep /tmp/fc-bench``), otherwise
the Geneva articles copied N/5 times with their ids changed.

    .venv/bin/python benchmarks/discovery_quality.py                 # stories, Geneva, 1,000 and 10,000
    .venv/bin/python benchmarks/discovery_quality.py --sizes 1000    # fewer sizes
    .venv/bin/python benchmarks/discovery_quality.py --quality-only  # no timing of large corpora
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from factcheck.articles import parse_article, read_article  # noqa: E402
from factcheck.compare import assess  # noqa: E402
from factcheck.discover import (  # noqa: E402
    DEFAULT,
    CandidateFact,
    DiscoverySettings,
    _eligible,
    discover,
    policy_for_kind,
)
from factcheck.models import Article, Claim, ClaimKind, Status  # noqa: E402
from factcheck.pipeline import claims_of  # noqa: E402
from factcheck.rules.loader import RuleSet  # noqa: E402

STORIES = ROOT / "tests" / "data" / "stories"
GENEVA = ROOT / "corpus" / "geneva-2022"
SCORED_KINDS = frozenset({"quantity", "money", "duration", "date", "time", "measure"})
Span = tuple[str, int, int]  # source, start, end


@dataclass
class Entry:
    """One answer entry: a conflict, an agreement or a distinct trap, with its claims located in the articles."""

    id: str
    section: str  # conflicts, agreements, distinct
    kind: str | None
    spans: list[Span]
    missing: list[str] = field(default_factory=list)  # answer texts not found in their article's body


@dataclass
class StoryScore:
    story: str
    claims: int
    candidates: int
    conflicts: int
    true_positives: list[str]
    false_positives: list[CandidateFact]
    scored: list[str]  # answer conflicts of the scored kinds the extractor can read
    found: list[str]
    unreadable: list[str]
    seconds: float
    problems: list[str]

    @property
    def precision(self) -> float:
        return len(self.true_positives) / self.conflicts if self.conflicts else 1.0

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.scored) if self.scored else 1.0


def story_claims(folder: Path) -> tuple[list[Article], list[Claim]]:
    """A story's articles, and their claims read with an EMPTY rule set."""
    articles = [read_article(p) for p in sorted(folder.glob("*.md"))]
    rules = RuleSet()
    return articles, [c for a in articles for c in claims_of(a, rules)]


def _occurrences(article: Article, text: str) -> list[tuple[int, int]]:
    spans = []
    at = article.text.find(text, article.body_start)
    while at >= 0:
        spans.append((at, at + len(text)))
        at = article.text.find(text, at + 1)
    return spans


def answer_entries(folder: Path, articles: Sequence[Article]) -> list[Entry]:
    data = yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8"))
    by_id = {a.id: a for a in articles}
    entries: list[Entry] = []
    for section in ("conflicts", "agreements", "distinct"):
        for n, item in enumerate(data.get(section) or []):
            entry = Entry(id=item.get("id") or f"{section}-{n}", section=section, kind=item.get("kind"), spans=[])
            for claim in item["claims"]:
                article = by_id.get(claim["source"])
                found = _occurrences(article, claim["text"]) if article is not None else []
                if not found:
                    entry.missing.append(f"{claim['source']}: {claim['text']!r}")
                entry.spans += [(claim["source"], s, e) for s, e in found]
            entries.append(entry)
    return entries


def _overlaps(claim: Claim, span: Span) -> bool:
    return claim.source == span[0] and claim.start < span[2] and span[1] < claim.end


def _hits(claims: Sequence[Claim], entry: Entry) -> list[Claim]:
    return [c for c in claims if any(_overlaps(c, s) for s in entry.spans)]


def readable(entry: Entry, claims: Sequence[Claim]) -> bool:
    """Whether the extractor reads the entry's conflict at all: claims of 2+ sources that disagree."""
    comparable = [c for c in _hits(claims, entry) if c.kind.value in SCORED_KINDS and c.stated_low is not None]
    by_kind: dict[ClaimKind, list[Claim]] = {}
    for c in comparable:
        by_kind.setdefault(c.kind, []).append(c)
    return any(
        len({c.source for c in group}) >= 2 and assess(group, policy_for_kind(kind)).status is Status.CONFLICT
        for kind, group in by_kind.items()
    )


def true_positive(candidate: CandidateFact, entries: Sequence[Entry]) -> str | None:
    """The answer conflict a discovered conflict finds, or None if it is a false positive."""
    conflicts = [e for e in entries if e.section == "conflicts"]
    for entry in conflicts:
        inside = _hits(candidate.claims, entry)
        if len({c.source for c in inside}) < 2:
            continue
        own = set(entry.spans)
        foreign = [s for other in entries if other is not entry for s in other.spans if s not in own]
        if any(_overlaps(c, s) for c in candidate.claims for s in foreign):
            return None
        return entry.id
    return None


def score_story(folder: Path, settings: DiscoverySettings = DEFAULT) -> StoryScore:
    articles, claims = story_claims(folder)
    entries = answer_entries(folder, articles)
    started = time.perf_counter()
    candidates = discover(claims, settings)
    seconds = time.perf_counter() - started
    in_conflict = [c for c in candidates if assess(c.claims, policy_for_kind(c.kind)).status is Status.CONFLICT]
    tps: list[str] = []
    fps: list[CandidateFact] = []
    for candidate in in_conflict:
        hit = true_positive(candidate, entries)
        if hit is None:
            fps.append(candidate)
        else:
            tps.append(hit)
    scored: list[str] = []
    unreadable: list[str] = []
    for entry in entries:
        if entry.section != "conflicts" or entry.kind not in SCORED_KINDS:
            continue
        (scored if readable(entry, claims) else unreadable).append(entry.id)
    problems = [f"{e.section}/{e.id}: not in the article body: {m}" for e in entries for m in e.missing]
    return StoryScore(
        story=folder.name,
        claims=len(claims),
        candidates=len(candidates),
        conflicts=len(in_conflict),
        true_positives=tps,
        false_positives=fps,
        scored=scored,
        found=sorted({t for t in tps if t in scored}),
        unreadable=unreadable,
        seconds=seconds,
        problems=problems,
    )


def score_stories(settings: DiscoverySettings = DEFAULT) -> list[StoryScore]:
    return [score_story(folder, settings) for folder in sorted(STORIES.iterdir()) if (folder / "answers.yaml").exists()]


def pooled(scores: Sequence[StoryScore]) -> tuple[float, float]:
    conflicts = sum(s.conflicts for s in scores)
    tps = sum(len(s.true_positives) for s in scores)
    scored = sum(len(s.scored) for s in scores)
    found = sum(len(s.found) for s in scores)
    return (tps / conflicts if conflicts else 1.0), (found / scored if scored else 1.0)


def table(scores: Sequence[StoryScore]) -> str:
    rows = [
        (
            s.story,
            str(s.claims),
            str(s.candidates),
            str(s.conflicts),
            str(len(s.true_positives)),
            str(len(s.false_positives)),
            f"{s.precision:.2f}",
            f"{len(s.found)}/{len(s.scored)}",
            f"{s.recall:.2f}",
            str(len(s.unreadable)),
            f"{s.seconds * 1000:.1f}",
        )
        for s in scores
    ]
    precision, recall = pooled(scores)
    found = sum(len(s.found) for s in scores)
    scored = sum(len(s.scored) for s in scores)
    rows.append(
        (
            "pooled",
            str(sum(s.claims for s in scores)),
            str(sum(s.candidates for s in scores)),
            str(sum(s.conflicts for s in scores)),
            str(sum(len(s.true_positives) for s in scores)),
            str(sum(len(s.false_positives) for s in scores)),
            f"{precision:.2f}",
            f"{found}/{scored}",
            f"{recall:.2f}",
            str(sum(len(s.unreadable) for s in scores)),
            f"{sum(s.seconds for s in scores) * 1000:.1f}",
        )
    )
    columns = ("story", "claims", "cands", "conflicts", "TP", "FP", "prec", "found", "recall", "unread", "ms")
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
    for s in scores:
        if s.unreadable:
            lines.append(f"{s.story}: answer conflicts the extractor does not read: {', '.join(s.unreadable)}")
        missed = sorted(set(s.scored) - set(s.found))
        if missed:
            lines.append(f"{s.story}: missed: {', '.join(missed)}")
        for fp in s.false_positives:
            lines.append(
                f"{s.story}: FALSE POSITIVE {fp.id}: " + "; ".join(f"{c.source}:{c.text!r}" for c in fp.claims)
            )
        for problem in s.problems:
            lines.append(f"{s.story}: {problem}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------------------------
# Speed


def corpus_claims(folder: Path) -> tuple[int, list[Claim]]:
    rules = RuleSet()
    paths = sorted(folder.glob("*.md"))
    return len(paths), [c for p in paths for c in claims_of(read_article(p), rules)]


def copied_geneva(n: int) -> list[Claim]:
    """Claims of ``n`` articles: the Geneva articles copied over and over, each copy re-parsed under a new id."""
    originals = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(GENEVA.glob("*.md"))]
    rules = RuleSet()
    claims: list[Claim] = []
    for i in range(n):
        stem, text = originals[i % len(originals)]
        article = parse_article(f"{stem}-{i // len(originals):05d}.md", text)
        claims.extend(claims_of(article, rules))
    return claims


def eligible(claims: Sequence[Claim]) -> int:
    """The claims discovery groups: of its kinds, with a value, not vague, not the day somebody spoke."""
    return sum(1 for c in claims if _eligible(c, DEFAULT))


def timed(claims: Sequence[Claim], repeat: int = 1) -> tuple[float, int, int]:
    best = float("inf")
    found: list[CandidateFact] = []
    for _ in range(repeat):
        started = time.perf_counter()
        found = discover(claims)
        best = min(best, time.perf_counter() - started)
    conflicting = sum(1 for c in found if assess(c.claims, policy_for_kind(c.kind)).status is Status.CONFLICT)
    return best, len(found), conflicting


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="synthetic corpus sizes (articles), comma-separated")
    parser.add_argument("--bench", default="/tmp/fc-bench", help="folder of synthetic corpora nN (benchmarks/run.py)")
    parser.add_argument("--repeat", type=int, default=1, help="time each discovery this many times, keep the best")
    parser.add_argument("--quality-only", action="store_true", help="score the stories only")
    args = parser.parse_args(argv)

    scores = score_stories()
    print("Discovery quality on tests/data/stories (empty rule set; conflicts only)\n")
    print(table(scores))
    precision, recall = pooled(scores)
    print(f"\npooled precision {precision:.3f}, recall {recall:.3f}")
    if args.quality_only:
        return 0

    print("\nDiscovery speed\n")
    rows: list[tuple[str, ...]] = []
    n, claims = corpus_claims(GENEVA)
    seconds, candidates, conflicting = timed(claims, args.repeat)
    rows.append(
        (
            "geneva-2022",
            str(n),
            str(len(claims)),
            str(eligible(claims)),
            f"{seconds:.3f}",
            str(candidates),
            str(conflicting),
            "",
        )
    )
    previous: tuple[int, float] | None = None
    for size in [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]:
        folder = Path(args.bench) / f"n{size}"
        if folder.is_dir():
            label = str(folder)
            started = time.perf_counter()
            n, claims = corpus_claims(folder)
        else:
            label = f"geneva copied to {size}"
            started = time.perf_counter()
            n, claims = size, copied_geneva(size)
        extract = time.perf_counter() - started
        seconds, candidates, conflicting = timed(claims, args.repeat)
        ratio = ""
        if previous is not None:
            ratio = f"claims x{len(claims) / previous[0]:.1f}, time x{seconds / previous[1]:.1f}"
        previous = (len(claims), seconds)
        rows.append(
            (
                label,
                str(n),
                str(len(claims)),
                str(eligible(claims)),
                f"{seconds:.3f}",
                str(candidates),
                str(conflicting),
                ratio,
            )
        )
        print(f"  ({label}: extraction took {extract:.1f} s)", flush=True)
    columns = ("corpus", "articles", "claims", "eligible", "discover s", "candidates", "in conflict", "scaling")
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(columns)]
    print("  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
