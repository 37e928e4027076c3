"""Editors' review decisions, kept in an embedded SQLite database: append-only, one row per decision taken.

A finding is known by its fingerprint (see :func:`factcheck.decisions.fingerprint`: fact, source, kind of finding
and the claim's normalized value, never its line). Changing a decision adds a row, so the history stays visible;
the current decision is the latest row. Every write is one transaction (``BEGIN IMMEDIATE``, in WAL mode), so two
editors deciding at once both keep their decisions and a crash leaves the database whole.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from pydantic import Field, ValidationError

from factcheck.decisions import Decision, DecisionKind, fingerprint
from factcheck.errors import InputError, Problem
from factcheck.models import (
    Claim,
    Finding,
    FindingKind,
    JudgedClaim,
    Record,
    Report,
    Review,
    ReviewDecision,
    Status,
    Verdict,
)
from factcheck.output import atomic_write_text
from factcheck.render.values import describe
from factcheck.yamlfile import read_utf8

DEFAULT_DECISIONS = Path("reports/decisions.sqlite")
ENV_DECISIONS = "FACTCHECK_DECISIONS"
EXPORT_SCHEMA = "factcheck.reviews/1"
STORE_LAYOUT = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'not-a-conflict', 'different-facts')),
    wrong TEXT,
    note TEXT,
    editor TEXT NOT NULL,
    at TEXT NOT NULL,
    fact TEXT NOT NULL,
    source TEXT NOT NULL,
    finding TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_by_fingerprint ON decisions (fingerprint, id);
"""

# How a review decision reads as a baseline decision (the YAML decision file CI reads).
AS_BASELINE = {
    ReviewDecision.CONFIRMED: DecisionKind.CONFIRMED_ERROR,
    ReviewDecision.NOT_A_CONFLICT: DecisionKind.FALSE_ALARM,
    ReviewDecision.DIFFERENT_FACTS: DecisionKind.DIFFERENT_FACTS,
}


class Entry(Record):
    """One decision taken: what about (fingerprint and the finding in words), what, by whom, when."""

    fingerprint: str = Field(pattern=r"^[0-9a-f]{32}$")
    fact: str
    source: str
    finding: FindingKind = FindingKind.CONFLICT
    value: str
    decision: ReviewDecision
    wrong: str | None = None
    note: str | None = None
    editor: str = Field(min_length=1)
    at: dt.datetime

    def review(self) -> Review:
        return Review(
            fingerprint=self.fingerprint,
            decision=self.decision,
            editor=self.editor,
            at=self.at,
            note=self.note,
            wrong=self.wrong,
        )

    def as_baseline(self) -> Decision:
        return Decision(
            fingerprint=self.fingerprint,
            fact=self.fact,
            source=self.source,
            finding=self.finding,
            value=self.value,
            decision=AS_BASELINE[self.decision],
            note=self.note,
        )


class ExportFile(Record):
    schema_: Literal["factcheck.reviews/1"] = Field(alias="schema")
    decisions: tuple[Entry, ...] = ()


def decisions_path(option: Path | None) -> Path:
    """``--decisions``, else ``$FACTCHECK_DECISIONS``, else reports/decisions.sqlite."""
    if option is not None:
        return option
    configured = os.environ.get(ENV_DECISIONS)
    return Path(configured) if configured else DEFAULT_DECISIONS


def editor_name(option: str | None) -> str:
    """``--editor``, else git's user.name, else the operating system's user name."""
    if option and option.strip():
        return option.strip()
    try:
        found = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=5, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    if found:
        return found
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name at all
        return "unknown"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class ReviewStore:
    """The decisions database. Opened lazily for reading: a store that does not exist yet reads as empty."""

    def __init__(self, path: Path, timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        name = str(self.path)
        if not create and not self.path.exists():
            return None
        if self.path.exists() and not self.path.is_file():
            raise InputError(Problem(name, "not a file: --decisions names a decisions database", line=1))
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, STORE_LAYOUT):
                db.close()
                raise InputError(Problem(name, f"a decisions database of another layout ({version})", line=1))
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if version == 0 and tables - {"decisions", "sqlite_sequence"}:
                db.close()
                raise InputError(Problem(name, "not a factcheck decisions database", line=1))
            db.executescript(_SCHEMA)
            if version == 0:
                db.execute(f"PRAGMA user_version = {STORE_LAYOUT}")
        except OSError as exc:
            raise InputError(
                Problem(name, f"cannot open the decisions database: {exc.strerror or exc}", line=1)
            ) from None
        except sqlite3.DatabaseError as exc:
            raise InputError(Problem(name, f"cannot use the decisions database: {exc}", line=1)) from None
        self._db = db
        return db

    # --- writing ----------------------------------------------------------------------------------------------

    def record(self, entries: Iterable[Entry]) -> int:
        """Append decisions in one transaction; returns how many were added."""
        db = self._connect(create=True)
        assert db is not None
        rows = [_row(e) for e in entries]
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(
                    "INSERT INTO decisions (fingerprint, decision, wrong, note, editor, at, fact, source, finding,"
                    " value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            raise InputError(Problem(str(self.path), f"cannot record the decision: {exc}", line=1)) from None
        return len(rows)

    def import_entries(self, entries: Sequence[Entry]) -> int:
        """Add the entries not already in the history (same fingerprint, decision, editor, time, note, wrong)."""
        known = {_identity(e) for e in self.history()}
        fresh: list[Entry] = []
        for entry in entries:
            key = _identity(entry)
            if key not in known:
                known.add(key)
                fresh.append(entry)
        return self.record(fresh) if fresh else 0

    # --- reading ----------------------------------------------------------------------------------------------

    def _select(self, where: str = "", params: Sequence[object] = ()) -> Iterator[Entry]:
        db = self._connect(create=False)
        if db is None:
            return
        query = (
            "SELECT fingerprint, decision, wrong, note, editor, at, fact, source, finding, value FROM decisions"
            f" {where} ORDER BY id"
        )
        try:
            cursor = db.execute(query, params)
            for row in cursor:
                yield _entry(row)
        except sqlite3.DatabaseError as exc:
            raise InputError(Problem(str(self.path), f"cannot read the decisions database: {exc}", line=1)) from None

    def history(self, fingerprint: str | None = None) -> list[Entry]:
        """Every decision taken (on one finding, if given), oldest first."""
        if fingerprint is None:
            return list(self._select())
        return list(self._select("WHERE fingerprint=?", (fingerprint,)))

    def current(self) -> dict[str, Entry]:
        """The latest decision on each finding."""
        latest: dict[str, Entry] = {}
        for entry in self._select():
            latest[entry.fingerprint] = entry
        return latest

    def reviews(self) -> dict[str, Review]:
        return {key: entry.review() for key, entry in self.current().items()}


def _row(entry: Entry) -> tuple[object, ...]:
    return (
        entry.fingerprint,
        entry.decision.value,
        entry.wrong,
        entry.note,
        entry.editor,
        entry.at.isoformat(),
        entry.fact,
        entry.source,
        entry.finding.value,
        entry.value,
    )


def _entry(row: tuple[Any, ...]) -> Entry:
    fingerprint, decision, wrong, note, editor, at, fact, source, finding, value = row
    return Entry(
        fingerprint=fingerprint,
        decision=ReviewDecision(decision),
        wrong=wrong,
        note=note,
        editor=editor,
        at=dt.datetime.fromisoformat(at),
        fact=fact,
        source=source,
        finding=FindingKind(finding),
        value=value,
    )


def _identity(entry: Entry) -> tuple[object, ...]:
    return (entry.fingerprint, entry.decision, entry.editor, entry.at, entry.note, entry.wrong)


def export_text(entries: Iterable[Entry]) -> str:
    """The history as JSON (``factcheck.reviews/1``), by finding then time: byte-identical for the same history."""
    ordered = sorted(entries, key=lambda e: (e.fact, e.source, e.fingerprint, e.at))
    document = {
        "schema": EXPORT_SCHEMA,
        "decisions": [e.model_dump(mode="json") for e in ordered],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_export(path: Path, entries: Iterable[Entry]) -> None:
    atomic_write_text(path, export_text(entries))


def read_export(path: Path) -> list[Entry]:
    """A ``factcheck.reviews/1`` file, validated; problems name the file (and the line, for bad JSON)."""
    name = str(path)
    _raw, text = read_utf8(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(Problem(name, f"not JSON: {exc.msg}", line=exc.lineno, column=exc.colno)) from None
    try:
        parsed = ExportFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        message = "unknown field" if err["type"] == "extra_forbidden" else str(err["msg"])
        raise InputError(Problem(name, f"{where}: {message}", line=1)) from None
    return list(parsed.decisions)


# --- findings to review ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    """One finding of a report to review: a claim of a conflict that is not with the majority, in its fact."""

    fingerprint: str
    finding: Finding
    judged: JudgedClaim

    @property
    def claim(self) -> Claim:
        return self.judged.claim

    def entry(self, decision: ReviewDecision, editor: str, note: str | None, wrong: str | None) -> Entry:
        return Entry(
            fingerprint=self.fingerprint,
            fact=self.finding.fact.id,
            source=self.claim.source,
            finding=FindingKind.CONFLICT,
            value=describe(self.claim),
            decision=decision,
            wrong=wrong,
            note=note,
            editor=editor,
            at=now(),
        )


def reviewed(report: Report, reviews: Mapping[str, Review]) -> Report:
    """The report with each finding's fingerprint and current review set on its claims.

    The findings are the claims of a conflict that are outliers or disputed: the same claims, with the same
    fingerprints, that ``check`` reports and ``baseline create`` records.
    """
    findings = tuple(reviewed_finding(finding, reviews) for finding in report.findings)
    return report.model_copy(update={"findings": findings})


def is_reviewed(status: Status, verdict: Verdict) -> bool:
    """Whether a claim of this verdict, in a finding of this status, is one editors review: an outlier or a
    disputed claim of a conflict (it has a fingerprint, and their review, if any). Every other claim is reported
    as judging left it."""
    return status is Status.CONFLICT and verdict in (Verdict.OUTLIER, Verdict.DISPUTED)


def reviewed_finding(finding: Finding, reviews: Mapping[str, Review]) -> Finding:
    """One fact's finding as :func:`reviewed` sets it in a report."""
    if finding.status is not Status.CONFLICT:
        return finding
    claims = []
    for judged in finding.claims:
        if is_reviewed(finding.status, judged.verdict):
            key = fingerprint(FindingKind.CONFLICT, finding.fact.id, judged.claim.source, describe(judged.claim))
            judged = judged.model_copy(update={"fingerprint": key, "review": reviews.get(key)})
        claims.append(judged)
    return finding.model_copy(update={"claims": tuple(claims)})


def review_items(report: Report) -> list[ReviewItem]:
    """Every finding of a :func:`reviewed` report, worst first: severity, then fact, outlet and place."""
    items: dict[str, ReviewItem] = {}
    for finding in report.findings:
        for judged in finding.claims:
            if judged.fingerprint is not None and judged.fingerprint not in items:
                items[judged.fingerprint] = ReviewItem(judged.fingerprint, finding, judged)
    return sorted(
        items.values(),
        key=lambda i: (-i.finding.severity.rank, i.finding.fact.id, i.claim.source, i.claim.start, i.fingerprint),
    )


def is_open(review: Review | None) -> bool:
    """Whether a finding with this review still fails runs: not yet reviewed, or confirmed as an error."""
    return review is None or review.decision is ReviewDecision.CONFIRMED
