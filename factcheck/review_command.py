"""``factcheck review``: decide flagged conflicts, on the interactive screen or one by one for scripts."""

from __future__ import annotations

import argparse
import sys

from factcheck.errors import InputError, Problem
from factcheck.models import ExitCode, Report, ReviewDecision
from factcheck.reviews import (
    Entry,
    ReviewItem,
    ReviewStore,
    decisions_path,
    editor_name,
    read_export,
    review_items,
    reviewed,
    write_export,
)


def review(args: argparse.Namespace) -> int:
    """Run the review command; returns the exit status."""
    _check_options(args)
    path = decisions_path(args.decisions)
    with ReviewStore(path) as store:
        if args.history is not None:
            return _history(store, args.history)
        if args.export is not None:
            entries = store.history()
            write_export(args.export, entries)
            print(f"factcheck: {len(entries)} decisions written to {args.export}", file=sys.stderr)
            return ExitCode.CLEAN
        if args.import_ is not None:
            added = store.import_entries(read_export(args.import_))
            print(f"factcheck: {added} decisions added to {path}", file=sys.stderr)
            return ExitCode.CLEAN
        report = _current_report(args, store)
        items = review_items(report)
        if args.list:
            return _list(items, report)
        if args.decide is not None:
            return _decide(args, store, items)
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InputError(
                Problem("factcheck review", "the interactive review needs a terminal; for scripts use --decide")
            )
        from factcheck.review_screen import run_screen

        status = run_screen(items, report, store, editor_name(args.editor))
        if report.errors:
            _print_errors(report)
            return ExitCode.INPUT_ERROR
        return status


def _check_options(args: argparse.Namespace) -> None:
    from factcheck.cli import UsageError

    if args.decide is not None and args.decision is None:
        raise UsageError("factcheck review: --decide needs --as confirmed|not-a-conflict|different-facts")
    if args.decide is None and (args.decision is not None or args.wrong is not None or args.note is not None):
        raise UsageError("factcheck review: --as, --wrong and --note go with --decide FINGERPRINT")
    if args.wrong is not None and args.decision != ReviewDecision.CONFIRMED.value:
        raise UsageError("factcheck review: --wrong names the outlet at fault of a confirmed error (--as confirmed)")


def _current_report(args: argparse.Namespace, store: ReviewStore) -> Report:
    from factcheck.cli import _open_cache
    from factcheck.pipeline import cached_report, corpus_paths
    from factcheck.rules.loader import load_rules

    rules = load_rules(args.rules)
    corpus_paths(args.corpus)
    with _open_cache(args, [args.corpus]) as cache:
        report = cached_report(args.corpus, rules, cache)
    return reviewed(report, store.reviews())


def _decide(args: argparse.Namespace, store: ReviewStore, items: list[ReviewItem]) -> int:
    by_key = {item.fingerprint: item for item in items}
    wanted = str(args.decide).strip().lower()
    matching = [key for key in by_key if key.startswith(wanted)] if len(wanted) >= 6 else []
    if wanted in by_key:
        matching = [wanted]
    if len(matching) != 1:
        why = "is the start of several" if matching else "is not"
        raise InputError(
            Problem("factcheck review", f"'{args.decide}' {why} a current finding's fingerprint (see review --list)")
        )
    item = by_key[matching[0]]
    decision = ReviewDecision(args.decision)
    wrong = args.wrong
    sources = sorted({j.claim.source for j in item.finding.claims})
    if decision is ReviewDecision.CONFIRMED and wrong is None:
        wrong = item.claim.source
    if wrong is not None and wrong not in sources:
        raise InputError(
            Problem("factcheck review", f"--wrong {wrong}: not a source of this fact ({', '.join(sources)})")
        )
    note = args.note.strip() if args.note and args.note.strip() else None
    entry = item.entry(decision, editor_name(args.editor), note, wrong)
    store.record([entry])
    print(f"factcheck: {entry.fingerprint} {item.finding.fact.id} ({item.claim.source}): {decision.value}")
    return ExitCode.CLEAN


def _list(items: list[ReviewItem], report: Report) -> int:
    outlets = {s.id: s.outlet for s in report.sources}
    for item in items:
        review = item.judged.review
        state = "unreviewed" if review is None else f"{review.decision.value} by {review.editor}"
        claim = item.claim
        words = " ".join(claim.text.split())
        print(
            f"{item.fingerprint}  {item.finding.severity.value:<7}  {item.finding.fact.id}  "
            f'{outlets.get(claim.source, claim.source)}: "{words}"  [{state}]'
        )
    if report.errors:
        _print_errors(report)
        return ExitCode.INPUT_ERROR
    return ExitCode.CLEAN


def _history(store: ReviewStore, fingerprint: str) -> int:
    entries = store.history(fingerprint.strip().lower())
    if not entries:
        print(f"factcheck: no decision taken on {fingerprint}", file=sys.stderr)
        return ExitCode.CLEAN
    for number, entry in enumerate(entries, 1):
        print(_history_line(number, entry, current=number == len(entries)))
    return ExitCode.CLEAN


def _history_line(number: int, entry: Entry, current: bool) -> str:
    line = f"{number}. {entry.at.isoformat()}  {entry.editor}: {entry.decision.value}"
    if entry.wrong:
        line += f" (wrong: {entry.wrong})"
    if entry.note:
        line += f" — {entry.note}"
    return line + ("  [current]" if current else "  [superseded]")


def _print_errors(report: Report) -> None:
    for error in report.errors:
        print(f"factcheck: {Problem(error.path, error.message, error.line).one_line()}", file=sys.stderr)
