"""The command line: ``factcheck report``, ``extract`` and ``rules``; exit 0 clean, 1 findings, 2 input errors."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import gc
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from factcheck import __version__
from factcheck.engine import ENGINES
from factcheck.errors import InputError, Problem
from factcheck.models import ExitCode, ReviewDecision, Severity
from factcheck.output import atomic_write_text, atomic_writer

if TYPE_CHECKING:
    from factcheck.cache import ClaimCache
    from factcheck.decisions import Decision
    from factcheck.engine import Engine
    from factcheck.rules.loader import RuleSet

DEFAULT_CORPUS = Path("corpus/geneva-2022")
DEFAULT_RULES = Path("rules")
DEFAULT_BASELINE = Path("reports/baseline.yaml")
REPORT_FORMAT_NAMES = ("rich", "json", "markdown", "html")
CHECK_FORMAT_NAMES = ("rich", "json", "github", "sarif", "junit", "markdown")
FAIL_ON = ("error", "warning", "info", "never")


class UsageError(Exception):
    """Bad command-line arguments."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck", description="Cross-source fact-consistency checks for newsrooms.")
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    report = commands.add_parser("report", help="compare what a story's outlets say, fact by fact")
    _corpus_argument(report)
    _rules_option(report)
    report.add_argument(
        "--format",
        choices=REPORT_FORMAT_NAMES,
        default="rich",
        help="rich (terminal), json, markdown, or html (one self-contained page with the articles' texts)",
    )
    report.add_argument("--output", type=Path, metavar="FILE", help="write the report here instead of stdout")
    report.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="exit 1 when a fact of this severity or worse is in conflict (default: error)",
    )
    _decisions_option(report)
    _cache_options(report)

    check = commands.add_parser("check", help="check new or edited articles against the rest of their story")
    check.add_argument("articles", nargs="+", type=Path, metavar="ARTICLE")
    check.add_argument(
        "--against",
        type=Path,
        metavar="CORPUS_DIR",
        help="the story's folder (default: each article's own folder)",
    )
    _rules_option(check)
    check.add_argument("--format", choices=CHECK_FORMAT_NAMES, default="rich")
    check.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="exit 1 on a finding of this severity or worse (default: error)",
    )
    check.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="decisions whose findings do not fail the run (a decision file, or a `review --export` JSON file)",
    )
    check.add_argument("--output", type=Path, metavar="FILE", help="write the findings here instead of stdout")
    _decisions_option(check)
    _cache_options(check)

    review = commands.add_parser("review", help="decide flagged conflicts: interactively, or one by one for scripts")
    _corpus_argument(review)
    _rules_option(review)
    _decisions_option(review)
    review.add_argument("--editor", metavar="NAME", help="who decides (default: git's user.name, else the OS user)")
    actions = review.add_mutually_exclusive_group()
    actions.add_argument(
        "--decide", metavar="FINGERPRINT", help="record a decision on this finding, without the screen"
    )
    actions.add_argument("--history", metavar="FINGERPRINT", help="every decision taken on this finding, oldest first")
    actions.add_argument("--list", action="store_true", help="list the findings, their fingerprints and reviews")
    actions.add_argument("--export", type=Path, metavar="FILE.json", help="write every decision taken as JSON")
    actions.add_argument("--import", dest="import_", type=Path, metavar="FILE.json", help="add decisions from JSON")
    review.add_argument("--as", dest="decision", choices=[d.value for d in ReviewDecision], help="with --decide")
    review.add_argument("--wrong", metavar="SOURCE", help="with --decide --as confirmed: the outlet that is wrong")
    review.add_argument("--note", metavar="TEXT", help="with --decide: why")
    _cache_options(review)

    baseline = commands.add_parser("baseline", help="record the current findings so they no longer fail checks")
    baseline_commands = baseline.add_subparsers(dest="baseline_command", metavar="ACTION", parser_class=_Parser)
    create = baseline_commands.add_parser("create", help="write a baseline of every current finding")
    _corpus_argument(create)
    _rules_option(create)
    create.add_argument(
        "--output", type=Path, default=DEFAULT_BASELINE, metavar="FILE", help=f"(default: {DEFAULT_BASELINE})"
    )
    _cache_options(create)

    extract = commands.add_parser("extract", help="list every claim found in articles, before any rule")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.add_argument(
        "--published",
        type=_date,
        metavar="YYYY-MM-DD",
        help="reference date for relative dates (overrides front matter)",
    )
    extract.add_argument("--format", choices=("json", "rich"), default="json")
    extract.add_argument(
        "--rules",
        type=Path,
        default=None,
        metavar="DIR",
        help="rules whose boilerplate patterns apply (default: rules/ when present)",
    )
    extract.add_argument("--output", type=Path, metavar="FILE")

    rules = commands.add_parser("rules", help="check rule files")
    rule_commands = rules.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=_Parser)
    test = rule_commands.add_parser("test", help="run every rule's own examples")
    _rules_option(test)
    listing = rule_commands.add_parser("list", help="list the rules")
    _rules_option(listing)
    suggest = rule_commands.add_parser("suggest", help="write rules for the facts discovery finds in a story")
    _corpus_argument(suggest)
    _rules_option(suggest)
    suggest.add_argument("--output", type=Path, metavar="FILE", help="write the rule file here (default: stdout)")
    return parser


def _corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        metavar="CORPUS_DIR",
        help=f"folder of the story's articles (default: {DEFAULT_CORPUS})",
    )


def _rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        type=Path,
        default=DEFAULT_RULES,
        metavar="DIR",
        help=f"folder of rule files (default: {DEFAULT_RULES})",
    )


def _decisions_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--decisions",
        type=Path,
        metavar="PATH",
        help="the editors' decisions database (default: $FACTCHECK_DECISIONS, else reports/decisions.sqlite)",
    )


def _cache_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="where analyzed articles are kept (default: $FACTCHECK_CACHE_DIR, or the user cache folder)",
    )
    parser.add_argument("--no-cache", action="store_true", help="analyze every article afresh, keep nothing")
    parser.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="worker processes that analyze new or changed articles (default: every core; 1: none)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="where articles are analyzed and facts judged: this machine (local, the default) or a Dask cluster",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler to run on, with --engine dask (tcp://host:8786)",
    )


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of jobs") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("--jobs must be 1 or more")
    return jobs


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return ExitCode.INPUT_ERROR
    except InputError as exc:
        _print_problems(exc.problems)
        return ExitCode.INPUT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return ExitCode.CLEAN
    except OSError as exc:
        if exc.errno not in _CANNOT_WRITE:
            raise
        # Writing the output failed (a full disk, a device that takes nothing): one line, and what is still
        # buffered for standard output let go rather than failing again at exit.
        where = exc.filename if isinstance(exc.filename, str) else "standard output"
        print(f"factcheck: {where}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.INPUT_ERROR


_CANNOT_WRITE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "report":
        return _report(args)
    if args.command == "extract":
        return _extract(args)
    if args.command == "check":
        return _check(args)
    if args.command == "review":
        return _review(args)
    if args.command == "baseline":
        if args.baseline_command == "create":
            return _baseline_create(args)
        raise UsageError("factcheck baseline: choose an action: create (see 'factcheck baseline --help')")
    if args.command == "rules":
        if args.rules_command == "test":
            return _rules_test(args)
        if args.rules_command == "list":
            return _rules_list(args)
        if args.rules_command == "suggest":
            return _rules_suggest(args)
        raise UsageError("factcheck rules: choose an action: test or list (see 'factcheck rules --help')")
    parser.print_help()
    return ExitCode.INPUT_ERROR


def _print_problems(problems: Sequence[Problem]) -> None:
    """One line per problem; at a terminal, the rule file's lines around it follow, indented."""
    show_context = sys.stderr.isatty()
    for problem in problems:
        print(f"factcheck: {problem.one_line()}", file=sys.stderr)
        for line in problem.context if show_context else ():
            print(f"    {line}", file=sys.stderr)


def _emit(text_writer: TextIO, output: Path | None) -> None:
    assert isinstance(text_writer, io.StringIO)
    if output is None:
        sys.stdout.write(text_writer.getvalue())
        sys.stdout.flush()
    else:
        atomic_write_text(output, text_writer.getvalue())


def _open_cache(args: argparse.Namespace, corpora: Sequence[Path]) -> ClaimCache:
    """The claim cache the options ask for; refused inside a corpus, where it would be read as articles' kin."""
    from factcheck.engine import open_engine
    from factcheck.parallel import default_jobs, show_progress

    jobs = args.jobs if args.jobs is not None else default_jobs()
    progress = show_progress()
    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("factcheck: --scheduler is for --engine dask")
    engine = open_engine(args.engine, jobs, args.scheduler)
    try:
        return _cache_for(args, corpora, engine, progress)
    except BaseException:
        engine.close()
        raise


def _cache_for(args: argparse.Namespace, corpora: Sequence[Path], engine: Engine, progress: bool) -> ClaimCache:
    from factcheck.cache import ClaimCache, default_cache_dir

    if args.no_cache:
        return ClaimCache(None, progress=progress, engine=engine)
    folder: Path = args.cache_dir if args.cache_dir is not None else default_cache_dir()
    resolved = folder.resolve()
    for corpus in corpora:
        story = corpus.resolve()
        if resolved == story or story in resolved.parents:
            raise InputError(
                Problem(str(folder), f"the claim cache must not be inside the corpus {corpus}; choose --cache-dir")
            )
    try:
        return ClaimCache(folder, progress=progress, engine=engine)
    except InputError as exc:
        if args.cache_dir is not None:
            raise
        # The default folder is a convenience: without it (a read-only home, say) the run goes on uncached.
        print(f"factcheck: note: {exc.problems[0].one_line()}; going on without a cache", file=sys.stderr)
        return ClaimCache(None, progress=progress, engine=engine)


def _report(args: argparse.Namespace) -> int:
    from factcheck.pipeline import cached_report, corpus_paths, fails
    from factcheck.render import REPORT_FORMATS
    from factcheck.reviews import ReviewStore, decisions_path, reviewed
    from factcheck.rules.loader import load_rules

    rules = load_rules(args.rules)
    paths = corpus_paths(args.corpus)  # a missing or empty folder is an error before any cache is opened
    threshold = None if args.fail_on == "never" else Severity(args.fail_on)
    if args.format == "json":
        return _json_report(args, rules, threshold, paths)
    with _open_cache(args, [args.corpus]) as cache:
        report = cached_report(args.corpus, rules, cache)
        if args.format == "html":  # the page shows each article's text with its claims marked
            from factcheck.texts import article_texts, on_findings

            texts = on_findings(article_texts(args.corpus, rules, cache), report.findings)
            report = report.model_copy(update={"articles": texts})
    with ReviewStore(decisions_path(args.decisions)) as store:
        report = reviewed(report, store.reviews())
    # The report lives until the command ends: out of the collector's sight, it is not walked again (a second
    # or more on a big story) while it is rendered. Only here, where the process ends with it.
    gc.freeze()
    renderer = REPORT_FORMATS[args.format]
    if args.output is None:
        renderer(report, sys.stdout)
        sys.stdout.flush()
    else:
        with atomic_writer(args.output) as handle:  # written piece by piece, in place only when whole
            renderer(report, handle)
    if report.errors:
        _print_problems([Problem(e.path, e.message, e.line) for e in report.errors])
        return ExitCode.INPUT_ERROR
    return ExitCode.FINDINGS if fails(report, threshold) else ExitCode.CLEAN


def _json_report(args: argparse.Namespace, rules: RuleSet, threshold: Severity | None, paths: Sequence[Path]) -> int:
    """``report --format json`` of the story's articles ``paths``: written fact by fact from the claim store,
    never held whole (an archive's report is bigger than memory); the same bytes as the report rendered whole."""
    from factcheck.render.json_format import byte_sink
    from factcheck.report_stream import write_json_report
    from factcheck.reviews import ReviewStore, decisions_path

    with ReviewStore(decisions_path(args.decisions)) as store:
        reviews = store.reviews()
    with _open_cache(args, [args.corpus]) as cache:
        if args.output is None:
            written = write_json_report(args.corpus, rules, cache, reviews, byte_sink(sys.stdout), paths)
            sys.stdout.flush()
        else:
            with atomic_writer(args.output) as handle:  # in place only when whole
                written = write_json_report(args.corpus, rules, cache, reviews, byte_sink(handle), paths)
    if written.errors:
        _print_problems([Problem(e.path, e.message, e.line) for e in written.errors])
        return ExitCode.INPUT_ERROR
    return ExitCode.FINDINGS if written.fails(threshold) else ExitCode.CLEAN


def _check(args: argparse.Namespace) -> int:
    from factcheck.check import run_check
    from factcheck.decisions import Decisions
    from factcheck.render import CHECK_FORMATS
    from factcheck.reviews import ReviewStore, decisions_path
    from factcheck.rules.loader import load_rules

    rules = load_rules(args.rules)
    baseline = _load_baseline(args.baseline) if args.baseline is not None else []
    with ReviewStore(decisions_path(args.decisions)) as store:
        decisions = Decisions(baseline, store.reviews())
    threshold = None if args.fail_on == "never" else Severity(args.fail_on)
    corpora = [args.against] if args.against is not None else sorted({p.parent for p in args.articles})
    with _open_cache(args, corpora) as cache:
        result = run_check(args.articles, args.against, rules, cache, decisions, threshold, full=args.format == "json")
    renderer = CHECK_FORMATS[args.format]
    if args.format == "rich" and args.output is None:
        renderer(result, sys.stdout)
    else:
        buffer = io.StringIO()
        renderer(result, buffer)
        _emit(buffer, args.output)
    if result.errors:
        _print_problems([Problem(e.path, e.message, e.line) for e in result.errors])
        return ExitCode.INPUT_ERROR
    return ExitCode.FINDINGS if result.failing() else ExitCode.CLEAN


def _load_baseline(path: Path) -> list[Decision]:
    """A decision file (YAML), or a ``review --export`` file (JSON): its latest decision on each finding."""
    from factcheck.decisions import load_decisions
    from factcheck.reviews import read_export

    if path.suffix.lower() == ".json":
        latest = {e.fingerprint: e for e in sorted(read_export(path), key=lambda e: e.at)}
        return [e.as_baseline() for e in latest.values()]
    return list(load_decisions(path).by_fingerprint.values())


def _review(args: argparse.Namespace) -> int:
    from factcheck.review_command import review

    return review(args)


def _baseline_create(args: argparse.Namespace) -> int:
    from factcheck.decisions import baseline_of, write_decisions
    from factcheck.pipeline import cached_report, corpus_paths
    from factcheck.rules.loader import load_rules

    rules = load_rules(args.rules)
    corpus_paths(args.corpus)
    with _open_cache(args, [args.corpus]) as cache:
        report = cached_report(args.corpus, rules, cache)
    decisions = baseline_of(report)
    write_decisions(args.output, decisions)
    print(f"factcheck: {len(decisions)} findings recorded in {args.output}", file=sys.stderr)
    if report.errors:
        _print_problems([Problem(e.path, e.message, e.line) for e in report.errors])
        return ExitCode.INPUT_ERROR
    return ExitCode.CLEAN


def _extract(args: argparse.Namespace) -> int:
    from factcheck.pipeline import extract_files
    from factcheck.render.json_format import render_claims
    from factcheck.rules.loader import RuleSet, load_rules

    rules_dir = args.rules if args.rules is not None else (DEFAULT_RULES if DEFAULT_RULES.is_dir() else None)
    rules = load_rules(rules_dir) if rules_dir is not None else RuleSet()
    claims, problems = extract_files(args.files, rules, args.published)
    buffer = io.StringIO()
    if args.format == "json":
        render_claims(claims, buffer, [{"path": p.path, "line": p.line, "message": p.message} for p in problems])
    else:
        from factcheck.render.claims_table import render_claims_table

        render_claims_table(claims, buffer if args.output else sys.stdout)
    if args.format == "json" or args.output:
        _emit(buffer, args.output)
    if problems:
        _print_problems(problems)
        return ExitCode.INPUT_ERROR
    return ExitCode.CLEAN


def _rules_test(args: argparse.Namespace) -> int:
    from rich.text import Text

    from factcheck.render.terminal import console_for
    from factcheck.rules.examples import run_examples
    from factcheck.rules.loader import load_rules

    rules = load_rules(args.rules)
    results = run_examples(rules)
    console = console_for(sys.stdout)
    failed = [r for r in results if not r.passed]
    for result in failed:
        console.print(
            Text.assemble(("FAIL ", "factcheck.error"), (result.rule_id, "factcheck.fact"), f": {result.message}")
        )
        if result.text:
            console.print(Text(f"     {result.text}", style="factcheck.muted"))
    rule_count = len({r.rule_id for r in results})
    console.print(f"{len(results) - len(failed)} passed, {len(failed)} failed ({rule_count} rules)")
    return ExitCode.FINDINGS if failed else ExitCode.CLEAN


def _rules_suggest(args: argparse.Namespace) -> int:
    from factcheck.output import atomic_write_text
    from factcheck.rules.loader import load_rules
    from factcheck.suggest import suggest_rules

    suggestion = suggest_rules(args.corpus, load_rules(args.rules))
    if args.output is None:
        sys.stdout.write(suggestion.text)
    else:
        atomic_write_text(args.output, suggestion.text)
    dropped = f"; {len(suggestion.dropped)} left out (no example reproduced)" if suggestion.dropped else ""
    where = f" to {args.output}" if args.output is not None else ""
    print(f"{suggestion.rules} rules with {suggestion.examples} examples written{where}{dropped}", file=sys.stderr)
    if suggestion.problems:
        _print_problems(list(suggestion.problems))
        return ExitCode.INPUT_ERROR
    return ExitCode.CLEAN


def _rules_list(args: argparse.Namespace) -> int:
    from rich.table import Table

    from factcheck.render.terminal import console_for
    from factcheck.rules.loader import DEFAULT_SETTINGS, load_rules

    rules = load_rules(args.rules)
    table = Table(box=None, pad_edge=False)
    for column in ("id", "kind", "severity", "title"):
        table.add_column(column)
    for fact in rules.facts:
        table.add_row(fact.rule.id, fact.rule.kind, fact.rule.severity.value, fact.rule.title)
    for rule in sorted(rules.boilerplate_rules, key=lambda r: r.id):
        table.add_row(rule.id, rule.kind, f"({rule.scope})", rule.title)
    for person in rules.people:
        table.add_row(person.id, person.kind, person.severity.value, person.title)
    for organization in rules.organizations:
        table.add_row(organization.id, organization.kind, organization.severity.value, organization.title)
    if rules.settings is not DEFAULT_SETTINGS:
        table.add_row(rules.settings.id, rules.settings.kind, "", rules.settings.title)
    console_for(sys.stdout).print(table)
    return ExitCode.CLEAN
