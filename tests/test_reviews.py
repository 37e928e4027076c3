"""The editors' decisions store, and how reviews shape reports and checks."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.models import ReviewDecision
from factcheck.reviews import (
    Entry,
    ReviewStore,
    decisions_path,
    editor_name,
    export_text,
    read_export,
    review_items,
    reviewed,
    write_export,
)

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpus" / "geneva-2022"
FACTCHECK = [sys.executable, "-m", "factcheck"]


def entry(n: int, decision: ReviewDecision = ReviewDecision.NOT_A_CONFLICT, editor: str = "Ann") -> Entry:
    return Entry(
        fingerprint=f"{n:032x}",
        fact="geneva.meeting-duration",
        source="washington-post",
        value="7 h",
        decision=decision,
        editor=editor,
        note=f"note {n}",
        at=dt.datetime(2022, 1, 11, 9, 0, n % 60, tzinfo=dt.UTC),
    )


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FACTCHECK_CACHE_DIR": os.environ["FACTCHECK_CACHE_DIR"]}
    return subprocess.run([*FACTCHECK, *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)


# --- the store ------------------------------------------------------------------------------------------------------


def test_a_missing_store_reads_as_empty_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "reports" / "decisions.sqlite"
    with ReviewStore(path) as store:
        assert store.history() == []
        assert store.current() == {}
    assert not path.exists()


def test_history_is_append_only_and_the_latest_decision_is_current(tmp_path: Path) -> None:
    path = tmp_path / "decisions.sqlite"
    first = entry(1)
    second = first.model_copy(update={"decision": ReviewDecision.CONFIRMED, "editor": "Bob", "wrong": "the-week"})
    with ReviewStore(path) as store:
        store.record([first])
        store.record([second])
    with ReviewStore(path) as store:
        assert store.history(first.fingerprint) == [first, second]
        assert store.current()[first.fingerprint] == second
        review = store.reviews()[first.fingerprint]
        assert (review.decision, review.editor, review.wrong) == (ReviewDecision.CONFIRMED, "Bob", "the-week")


def test_export_and_import_round_trip(tmp_path: Path) -> None:
    entries = [entry(3), entry(1), entry(2, ReviewDecision.DIFFERENT_FACTS)]
    source = tmp_path / "a.sqlite"
    with ReviewStore(source) as store:
        store.record(entries)
        exported = tmp_path / "decisions.json"
        write_export(exported, store.history())
    assert json.loads(exported.read_text())["schema"] == "factcheck.reviews/1"
    target = tmp_path / "b.sqlite"
    with ReviewStore(target) as store:
        assert store.import_entries(read_export(exported)) == 3
        assert store.import_entries(read_export(exported)) == 0  # importing twice adds nothing
        assert export_text(store.history()) == exported.read_text()


def test_a_bad_export_file_is_one_located_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "factcheck.reviews/1",\n "decisions": [}\n')
    with pytest.raises(InputError) as caught:
        read_export(bad)
    assert caught.value.problems[0].line == 2
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"schema": "factcheck.reviews/1", "decisions": [{"fingerprint": "x"}]}')
    with pytest.raises(InputError, match=r"decisions\.0"):
        read_export(wrong)


def test_a_file_that_is_not_a_decisions_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE something (x)")
    with pytest.raises(InputError, match="not a factcheck decisions database"):
        ReviewStore(other).record([entry(1)])
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(InputError, match="cannot use the decisions database"):
        ReviewStore(garbage).history()


def _record_many(path: str, editor: str, count: int) -> None:
    with ReviewStore(Path(path), timeout=60) as store:
        for n in range(count):
            store.record([entry(n, editor=editor)])


def test_two_processes_deciding_at_once_keep_every_decision(tmp_path: Path) -> None:
    path = tmp_path / "decisions.sqlite"
    ReviewStore(path).record([entry(999, editor="Setup")])  # created before the race
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_record_many, args=(str(path), name, 40)) for name in ("Ann", "Bob")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with ReviewStore(path) as store:
        history = store.history()
    assert len(history) == 81
    assert sum(e.editor == "Ann" for e in history) == sum(e.editor == "Bob" for e in history) == 40


def test_the_decisions_path_comes_from_the_option_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_DECISIONS", raising=False)
    assert decisions_path(None) == Path("reports/decisions.sqlite")
    monkeypatch.setenv("FACTCHECK_DECISIONS", "/x/d.sqlite")
    assert decisions_path(None) == Path("/x/d.sqlite")
    assert decisions_path(Path("y.sqlite")) == Path("y.sqlite")


def test_the_editor_is_the_option_else_git_else_the_user() -> None:
    assert editor_name("  Jane Doe ") == "Jane Doe"
    assert editor_name(None)  # git's user.name or the OS user: never empty


# --- reviews in reports and checks ----------------------------------------------------------------------------------


def test_every_conflict_outlier_gets_a_fingerprint_and_its_review(tmp_path: Path) -> None:
    from factcheck.pipeline import run_report
    from factcheck.rules.loader import load_rules

    report = run_report(CORPUS, load_rules(ROOT / "rules"))
    items = review_items(reviewed(report, {}))
    assert len(items) >= 3
    assert all(len(i.fingerprint) == 32 and i.judged.review is None for i in items)
    decided = items[0].entry(ReviewDecision.NOT_A_CONFLICT, "Ann", "rounding", None)
    again = review_items(reviewed(report, {decided.fingerprint: decided.review()}))
    assert again[0].judged.review is not None and again[0].judged.review.note == "rounding"
    severities = [i.finding.severity.rank for i in items]
    assert severities == sorted(severities, reverse=True)


def test_decisions_settle_report_and_check_runs_and_confirmed_errors_keep_failing(tmp_path: Path) -> None:
    store = tmp_path / "decisions.sqlite"
    listed = run("review", str(CORPUS), "--decisions", str(store), "--list")
    assert listed.returncode == 0, listed.stderr
    fingerprints = [line.split()[0] for line in listed.stdout.splitlines()]
    assert run("report", str(CORPUS), "--decisions", str(store), "--format", "json").returncode == 1
    for fp in fingerprints[1:]:
        assert run("review", "--decisions", str(store), "--decide", fp, "--as", "not-a-conflict").returncode == 0
    decided = run("review", "--decisions", str(store), "--decide", fingerprints[0][:10], "--as", "confirmed")
    assert decided.returncode == 0, decided.stderr
    report = run("report", str(CORPUS), "--decisions", str(store), "--format", "json")
    assert report.returncode == 1  # the confirmed error still fails
    reviews = [
        c["review"] for fact in json.loads(report.stdout)["facts"] for c in fact["claims"] if c["review"] is not None
    ]
    assert sorted(r["decision"] for r in reviews) == ["confirmed"] + ["not-a-conflict"] * (len(fingerprints) - 1)
    assert (
        run("review", "--decisions", str(store), "--decide", fingerprints[0], "--as", "different-facts").returncode == 0
    )
    settled = run("report", str(CORPUS), "--decisions", str(store), "--format", "json")
    assert settled.returncode == 0, settled.stdout[-2000:]
    history = run("review", "--decisions", str(store), "--history", fingerprints[0])
    assert "confirmed" in history.stdout and "[superseded]" in history.stdout and "different-facts" in history.stdout


def test_check_shows_and_honours_reviews(tmp_path: Path) -> None:
    store = tmp_path / "decisions.sqlite"
    article = ROOT / "tests" / "data" / "check" / "new-article.md"
    checked = run("check", str(article), "--against", str(CORPUS), "--decisions", str(store), "--format", "json")
    assert checked.returncode == 1
    findings = json.loads(checked.stdout)["check"]["findings"]
    failing = [f for f in findings if f["fails"]]
    assert failing and all(f["review"] is None for f in findings)
    # a check finding and the report's finding on the same claim share the fingerprint: decide it by that
    store_entries = [
        Entry(
            fingerprint=f["fingerprint"],
            fact=f["fact"],
            source=f["source"],
            value=f["value"],
            decision=ReviewDecision.NOT_A_CONFLICT,
            editor="Ann",
            note="checked with the desk",
            at=dt.datetime(2022, 1, 11, tzinfo=dt.UTC),
        )
        for f in failing
    ]
    ReviewStore(store).record(store_entries)
    again = run("check", str(article), "--against", str(CORPUS), "--decisions", str(store), "--format", "json")
    document = json.loads(again.stdout)["check"]
    assert again.returncode == 0, again.stdout[-2000:]
    assert {f["fingerprint"] for f in document["baselined"]} >= {f["fingerprint"] for f in failing}
    assert all(f["review"]["decision"] == "not-a-conflict" for f in document["baselined"] if f["review"])


def test_an_exported_history_serves_as_a_ci_baseline(tmp_path: Path) -> None:
    store = tmp_path / "decisions.sqlite"
    article = ROOT / "tests" / "data" / "check" / "new-article.md"
    checked = run("check", str(article), "--against", str(CORPUS), "--decisions", str(store), "--format", "json")
    failing = [f for f in json.loads(checked.stdout)["check"]["findings"] if f["fails"]]
    ReviewStore(store).record(
        Entry(
            fingerprint=f["fingerprint"],
            fact=f["fact"],
            source=f["source"],
            value=f["value"],
            decision=ReviewDecision.DIFFERENT_FACTS,
            editor="Ann",
            at=dt.datetime(2022, 1, 11, tzinfo=dt.UTC),
        )
        for f in failing
    )
    exported = tmp_path / "decisions.json"
    assert run("review", "--decisions", str(store), "--export", str(exported)).returncode == 0
    empty = tmp_path / "none.sqlite"
    baseline = run(
        "check", str(article), "--against", str(CORPUS), "--decisions", str(empty), "--baseline", str(exported)
    )
    assert baseline.returncode == 0, baseline.stdout + baseline.stderr


def test_review_command_errors_are_one_line(tmp_path: Path) -> None:
    store = str(tmp_path / "d.sqlite")
    unknown = run("review", "--decisions", store, "--decide", "0123456789abcdef", "--as", "confirmed")
    assert unknown.returncode == 2 and "not a current finding's fingerprint" in unknown.stderr
    assert len(unknown.stderr.strip().splitlines()) == 1
    missing_as = run("review", "--decisions", store, "--decide", "0123456789abcdef")
    assert missing_as.returncode == 2 and "--as" in missing_as.stderr
    listed = run("review", "--decisions", store, "--list").stdout.split()[0]
    wrong = run("review", "--decisions", store, "--decide", listed, "--as", "confirmed", "--wrong", "nobody")
    assert wrong.returncode == 2 and "not a source of this fact" in wrong.stderr
    misplaced = run("review", "--decisions", store, "--decide", listed, "--as", "not-a-conflict", "--wrong", "x")
    assert misplaced.returncode == 2
    no_terminal = subprocess.run(
        [*FACTCHECK, "review", "--decisions", store],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert no_terminal.returncode == 2 and "needs a terminal" in no_terminal.stderr
