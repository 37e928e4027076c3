"""The claim cache: each article's fact matches, kept in SQLite under the user's cache folder.

An article is analyzed once per content and rule set: rows are keyed by the file's path, the SHA-256 of its
bytes and a key of the rules' digest, the program version and this cache's layout. A file whose size and
modification time are what they were when it was hashed (and not so recent that a same-second edit could hide)
is taken as unchanged without reading it again. Claims are stored both as columns (what comparing needs, so a
check loads only the facts it touches, without parsing JSON) and whole, in a table of their own so that reading
columns never reads them: the full claim JSON, and the claim's own fields as the JSON report writes them
(:func:`factcheck.render.json_format.claim_members`: a report copies them rather than render each claim again),
packed together (:mod:`factcheck.packed`: about a sixth of their size, so that a big story's cache stays in
memory).
A figure no rule placed also keeps its *subject*, what discovery reads of its sentence
(:func:`factcheck.discover.subjects_of`), so a report groups a big story's figures from columns and reads whole
claims only of the candidate facts found.

A cache that cannot be read, has another layout or holds rows that do not parse is rebuilt, never trusted;
every write is one SQLite transaction, so a run cut short leaves the cache as it was before the batch.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import orjson
from pydantic import ValidationError

from factcheck import __version__, packed
from factcheck.collecting import collecting_later
from factcheck.engine import Engine, LocalEngine
from factcheck.errors import InputError, Problem
from factcheck.intervals import Qualifier
from factcheck.lines import LineIndex
from factcheck.models import Claim, ClaimKind, Confidence, FactMatch, Location, Source
from factcheck.packed import DamagedClaim, pack_claim, unpack
from factcheck.parallel import MIN_PARALLEL, Analysis
from factcheck.render.json_format import REPORT_SCHEMA, ShownClaims
from factcheck.render.values import describe
from factcheck.rules.loader import RuleSet
from factcheck.wires import WireArticle, WireGroup, wire_groups

if TYPE_CHECKING:
    from rich.console import Console

    from factcheck.crossref import MentionRow
    from factcheck.discover import Figure
    from factcheck.report_stream import StoryStore

CACHE_LAYOUT = 8
CACHE_FILE = "claims.sqlite3"
ENV_CACHE_DIR = "FACTCHECK_CACHE_DIR"
# A file modified this close to when it was hashed may change again within the clock's resolution unseen.
RACY_NS = 2_000_000_000
_BATCH = 200
_FEW_ARTICLES = 500  # up to this many articles, reads name them (an index look-up) rather than scan a fact
_ROWS_PER_QUERY = 500  # claims read by row id, this many per query
BRIEF_WAIT = 1.0  # seconds a write that only saves work later waits for another run's lock, then is skipped
WIRE_STORIES = 32  # the wire groups of this many sets of articles are kept, the least recently used let go
T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    ruleset TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hashed_ns INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    published TEXT,
    published_at TEXT,
    wire TEXT,
    credit TEXT,
    fingerprint BLOB NOT NULL,
    UNIQUE (path, ruleset)
);
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    fact TEXT NOT NULL,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    unit TEXT,
    qualifier TEXT NOT NULL,
    low REAL,
    high REAL,
    text TEXT NOT NULL,
    label TEXT,
    title TEXT,
    speaker TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    line INTEGER NOT NULL,
    col INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    end_col INTEGER NOT NULL,
    value TEXT NOT NULL,
    confidence TEXT NOT NULL,
    party TEXT,
    as_of TEXT,
    distance REAL NOT NULL,
    subject TEXT
);
CREATE TABLE IF NOT EXISTS whole_claims (
    id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
    packed BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_by_fact ON claims (fact, article);
CREATE INDEX IF NOT EXISTS claims_by_article ON claims (article);
CREATE INDEX IF NOT EXISTS claims_by_kind ON claims (fact, kind, article);
CREATE TABLE IF NOT EXISTS wire_groups (story BLOB PRIMARY KEY, groups BLOB NOT NULL, used_ns INTEGER NOT NULL);
"""


def default_cache_dir() -> Path:
    """``$FACTCHECK_CACHE_DIR``, or the platform's user cache folder for factcheck."""
    configured = os.environ.get(ENV_CACHE_DIR)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("factcheck", appauthor=False))


def ruleset_key(rules: RuleSet) -> str:
    """What cached claims depend on besides the article: the rules, the program, the cache layout, the JSON
    report's schema (a claim's fields are kept as the report writes them) and the dictionary claims are packed
    with."""
    key = f"{rules.digest}\0{__version__}\0{CACHE_LAYOUT}\0{REPORT_SCHEMA}\0{packed.dictionary_digest()}"
    return hashlib.sha256(key.encode()).hexdigest()


class ClaimRow(NamedTuple):
    """A cached fact match: what comparing needs, where it stands, and its value in words."""

    article: int
    fact: str
    source: str
    qualifier: Qualifier
    stated_low: float | None
    stated_high: float | None
    text: str
    label: str | None
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    value: str
    confidence: Confidence
    attributed_to: str | None
    as_of: str | None

    def location(self, path: str) -> Location:
        return Location(
            path=path, line=self.line, column=self.column, end_line=self.end_line, end_column=self.end_column
        )


_QUALIFIERS = {q.value: q for q in Qualifier}
_KINDS = {k.value: k for k in ClaimKind}
_CONFIDENCES = {c.value: c for c in Confidence}


class CorpusEntry:
    """An article of the corpus as the cache knows it: its row, its path, its source (made when asked for), the
    SHA-256 of its bytes, and what finding its wire copies needs (the credit its text gives; its text's
    fingerprint when it was just analyzed, else read from the cache only if the wire copies must be found
    afresh: see :meth:`ClaimCache.wire_groups`)."""

    __slots__ = ("_details", "_source", "credit", "digest", "fingerprint", "key", "path")

    def __init__(
        self,
        key: int,
        path: str,
        details: tuple[object, ...],
        credit: str | None,
        digest: str,
        fingerprint: bytes | None = None,
        source: Source | None = None,
    ) -> None:
        self.key = key
        self.path = path
        self._details = details  # outlet, published, published_at, wire
        self.credit = credit
        self.digest = digest
        self.fingerprint = fingerprint
        self._source = source

    @property
    def source(self) -> Source:
        if self._source is None:
            self._source = _source(self.path, *self._details)
        return self._source


def location_of(claim: Claim, index: LineIndex, path: str) -> Location:
    return Location(
        path=path,
        line=index.line(claim.start),
        column=index.column(claim.start),
        end_line=index.line(claim.end),
        end_column=index.column(claim.end),
    )


class ClaimCache:
    """The claim cache in ``folder`` (created when missing), or in memory when ``folder`` is None."""

    def __init__(
        self,
        folder: Path | None,
        timeout: float = 30.0,
        jobs: int = 1,
        progress: bool = False,
        engine: Engine | None = None,
    ) -> None:
        self.folder = folder
        self.timeout = timeout
        # Where new or changed articles are analyzed and facts judged: by default ``jobs`` local processes.
        self.engine = engine if engine is not None else LocalEngine(jobs)
        self.progress = progress  # a progress bar on stderr while they do
        self.path = None if folder is None else folder / CACHE_FILE
        self.rebuilt = False
        self.analyzed = 0
        self._db = self._open()

    # --- opening, and rebuilding what cannot be trusted ------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._prepare(sqlite3.connect(":memory:", isolation_level=None))
        assert self.folder is not None
        if self.folder.exists() and not self.folder.is_dir():
            raise InputError(
                Problem(str(self.folder), "not a folder: --cache-dir names the folder the claim cache is kept in")
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            return self._prepare(sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None))
        except OSError as exc:
            message = f"cannot create the cache folder: {exc.strerror or exc}"
            raise InputError(Problem(str(self.folder), message)) from None
        except sqlite3.OperationalError as exc:
            raise InputError(Problem(str(self.path), f"cannot use the claim cache: {exc}")) from None
        except sqlite3.DatabaseError:
            return self._rebuild()

    def _prepare(self, db: sqlite3.Connection) -> sqlite3.Connection:
        db.execute("PRAGMA foreign_keys = ON")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, CACHE_LAYOUT):
            db.close()
            raise sqlite3.DatabaseError("another cache layout")
        db.executescript(_SCHEMA)
        if version == 0:
            db.execute(f"PRAGMA user_version = {CACHE_LAYOUT}")
        # A quick look at every table: a file that is not a cache fails here rather than halfway through a run
        # (a row, not a count: counting a big cache's claims reads all of them; damage further in is found when
        # read, and the cache rebuilt then).
        for table in ("meta", "articles", "claims", "whole_claims", "wire_groups"):
            db.execute(f"SELECT * FROM {table} LIMIT 1").fetchone()
        return db

    def _rebuild(self) -> sqlite3.Connection:
        """Remove a damaged or foreign cache file and start an empty one."""
        assert self.path is not None
        self.rebuilt = True
        with contextlib.suppress(AttributeError, sqlite3.Error):
            self._db.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")
        try:
            return self._prepare(sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None))
        except sqlite3.DatabaseError as exc:
            raise InputError(Problem(str(self.path), f"cannot use the claim cache: {exc}")) from None

    def retrying(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the cache; if the cache proves damaged on the way, rebuild it and run it once more.

        A cache that is busy (another run holding it past the timeout) or read-only is an input error, not damage:
        it is left as it is.
        """
        try:
            return work()
        except sqlite3.OperationalError as exc:
            raise InputError(Problem(str(self.path or ":memory:"), f"cannot use the claim cache: {exc}")) from None
        except sqlite3.DatabaseError:
            if self.path is None:
                raise
            self._db = self._rebuild()
            return work()

    def close(self) -> None:
        self._db.close()
        self.engine.close()

    def __enter__(self) -> ClaimCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- filling ------------------------------------------------------------------------------------------------

    def load(self, paths: Sequence[Path], rules: RuleSet) -> tuple[list[CorpusEntry], list[Problem]]:
        """Every readable article among ``paths`` as a cache entry (analyzing what is new or changed)."""
        return self.retrying(lambda: self._load(paths, rules))

    def _load(self, paths: Sequence[Path], rules: RuleSet) -> tuple[list[CorpusEntry], list[Problem]]:
        key = ruleset_key(rules)
        with collecting_later():  # a row and an entry an article: hundreds of thousands in an archive's story
            slots, problems, todo = self._known(paths, key)
        return self._analyzed(rules, key, slots, problems, todo)

    def _known(
        self, paths: Sequence[Path], key: str
    ) -> tuple[list[CorpusEntry | None], list[Problem], list[tuple[int, str, str, Any, os.stat_result]]]:
        """The entries of the articles the cache holds as they are now (None in their slots for the others), the
        problems of those that cannot be read, and what is to be analyzed: slot, path, absolute path, the cache's
        row if it has one, the file's status."""
        known = {
            row[1]: row
            for row in self._db.execute(
                "SELECT id, path, sha256, size, mtime_ns, hashed_ns, outlet, published, published_at, wire, credit"
                " FROM articles WHERE ruleset=?",
                (key,),
            )
        }
        slots: list[CorpusEntry | None] = []
        problems: list[Problem] = []
        todo: list[tuple[int, str, str, Any, os.stat_result]] = []
        for path in paths:
            name = str(path)
            absolute = os.path.abspath(name)
            row = known.get(absolute)
            try:
                status = os.stat(name)
            except OSError as exc:
                problems.append(Problem(name, f"cannot read: {exc.strerror or exc}", line=1))
                continue
            if row is not None and _unchanged(row, status):
                slots.append(CorpusEntry(row[0], name, row[6:10], row[10], row[2]))
                continue
            todo.append((len(slots), name, absolute, row, status))
            slots.append(None)
        return slots, problems, todo

    def _analyzed(
        self,
        rules: RuleSet,
        key: str,
        slots: list[CorpusEntry | None],
        problems: list[Problem],
        todo: list[tuple[int, str, str, Any, os.stat_result]],
    ) -> tuple[list[CorpusEntry], list[Problem]]:
        """``slots`` filled with the entries of the articles of ``todo``, analyzed (or found unchanged by their
        SHA-256) and kept under the rule set's ``key``; their problems added to ``problems``."""
        pending = 0
        self._db.execute("BEGIN")
        try:
            with self._progress(len(todo)) as advance:
                items = [(name, None if row is None else str(row[2])) for _, name, _, row, _ in todo]
                for (slot, name, absolute, row, status), done in zip(
                    todo, self.engine.analyze(items, rules, advance), strict=True
                ):
                    if done.problems:
                        problems.extend(done.problems)
                        continue
                    if done.same and row is not None:
                        self._db.execute(
                            "UPDATE articles SET size=?, mtime_ns=?, hashed_ns=? WHERE id=?",
                            (status.st_size, status.st_mtime_ns, time.time_ns(), row[0]),
                        )
                        slots[slot] = CorpusEntry(row[0], name, row[6:10], row[10], row[2])
                        continue
                    assert done.source is not None and done.digest is not None
                    entry_key = self._store(absolute, key, done.digest, status, done)
                    slots[slot] = CorpusEntry(
                        entry_key, name, (), done.credit, done.digest, done.fingerprint, done.source
                    )
                    self.analyzed += 1
                    pending += 1
                    if pending >= _BATCH:
                        self._db.execute("COMMIT")
                        self._db.execute("BEGIN")
                        pending = 0
            self._db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise
        return [e for e in slots if e is not None], problems

    @contextlib.contextmanager
    def _progress(self, total: int) -> Iterator[Callable[[], None] | None]:
        """A progress bar on stderr for a long analysis at a terminal; nothing otherwise."""
        if total < MIN_PARALLEL or not self.progress:
            yield None
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("analyzing articles"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, transient=True, console=_stderr_console()) as bar:
            task = bar.add_task("analyzing", total=total)
            yield lambda: bar.advance(task)

    def _store(self, absolute: str, key: str, digest: str, status: os.stat_result, done: Analysis) -> int:
        source = done.source
        assert source is not None
        self._db.execute("DELETE FROM articles WHERE path=?", (absolute,))
        cursor = self._db.execute(
            "INSERT INTO articles (path, ruleset, sha256, size, mtime_ns, hashed_ns, outlet, published, published_at,"
            " wire, credit, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                absolute,
                key,
                digest,
                status.st_size,
                status.st_mtime_ns,
                time.time_ns(),
                source.outlet,
                source.published.isoformat() if source.published else None,
                source.published_at.isoformat() if source.published_at else None,
                source.wire,
                done.credit,
                done.fingerprint,
            ),
        )
        row_id = cursor.lastrowid
        assert row_id is not None
        first = self._db.execute("SELECT coalesce(max(id), 0) + 1 FROM claims").fetchone()[0]
        self._db.executemany(
            "INSERT INTO claims (id, article, fact, source, kind, unit, qualifier, low, high, text, label, title,"
            ' speaker, start, "end", line, col, end_line, end_col, value, confidence, party, as_of, distance, subject)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                _claim_row(first + n, row_id, match, place, subject)
                for n, (match, place, subject) in enumerate(zip(done.matches, done.places, done.subjects, strict=True))
            ],
        )
        self._db.executemany(
            "INSERT INTO whole_claims (id, packed) VALUES (?, ?)",
            [(first + n, pack_claim(match.claim)) for n, match in enumerate(done.matches)],
        )
        return row_id

    # --- wire copies --------------------------------------------------------------------------------------------

    def wire_groups(self, entries: Sequence[CorpusEntry]) -> list[WireGroup]:
        """:func:`factcheck.wires.wire_groups` of the articles of these entries, kept for the next run over the
        same ones (what is kept of an article is its file's SHA-256, its credit, outlet, date and declared wire:
        any change is another set). A run over a big unchanged story skips comparing every text with every other
        (17 s at 100,000 articles) and never loads the texts' fingerprints (270 MB), read from the cache only
        when the groups must be found afresh; what cannot be read back is found afresh, and a cache that cannot
        be written to only means it is not kept."""
        story = _wire_story(entries)
        now = time.time_ns()
        row = self._db.execute("SELECT groups FROM wire_groups WHERE story=?", (story,)).fetchone()
        if row is not None:
            kept = _read_wire_groups(row[0])
            if kept is not None:
                with contextlib.suppress(sqlite3.OperationalError), self._waiting_briefly():  # read-only, busy
                    self._db.execute("UPDATE wire_groups SET used_ns=? WHERE story=?", (now, story))
                return kept
        groups = wire_groups(self._wire_copies(entries))
        with contextlib.suppress(sqlite3.OperationalError), self._waiting_briefly():
            self._db.execute("BEGIN")
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO wire_groups (story, groups, used_ns) VALUES (?, ?, ?)",
                    (story, orjson.dumps(groups), now),
                )
                self._db.execute(
                    "DELETE FROM wire_groups WHERE story NOT IN"
                    " (SELECT story FROM wire_groups ORDER BY used_ns DESC, story LIMIT ?)",
                    (WIRE_STORIES,),
                )
                self._db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise
        return groups

    def _wire_copies(self, entries: Sequence[CorpusEntry]) -> list[WireArticle]:
        """What finding the wire copies of these entries needs, their fingerprints read where not held."""
        from factcheck.pipeline import wire_article

        missing = sorted(e.key for e in entries if e.fingerprint is None)
        read: dict[int, bytes] = {}
        for at in range(0, len(missing), _ROWS_PER_QUERY):
            chunk = missing[at : at + _ROWS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            read.update(self._db.execute(f"SELECT id, fingerprint FROM articles WHERE id IN ({marks})", chunk))
        if len(read) != len(missing):
            raise sqlite3.DatabaseError("an article's fingerprint is missing")
        return [
            wire_article(e.source, e.credit, e.fingerprint if e.fingerprint is not None else read[e.key])
            for e in entries
        ]

    @contextlib.contextmanager
    def _waiting_briefly(self) -> Iterator[None]:
        """Writes that only save work later wait :data:`BRIEF_WAIT` seconds at most for another run's lock."""
        self._db.execute(f"PRAGMA busy_timeout = {int(BRIEF_WAIT * 1000)}")
        try:
            yield
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")

    # --- reading --------------------------------------------------------------------------------------------------

    def facts_of(self, keys: Iterable[int]) -> dict[int, set[str]]:
        """The facts each of these articles states."""
        found: dict[int, set[str]] = {}
        for key in keys:
            found[key] = {row[0] for row in self._db.execute("SELECT fact FROM claims WHERE article=?", (key,))}
        return found

    def rows(self, fact: str, keys: set[int]) -> list[ClaimRow]:
        """The cached claims of one fact, from the articles in ``keys``."""
        out: list[ClaimRow] = []
        query = (
            'SELECT article, fact, source, qualifier, low, high, text, label, start, "end", line, col, end_line,'
            " end_col, value, confidence, party, as_of FROM claims WHERE fact=?"
        )
        make = ClaimRow._make
        qualifiers = _QUALIFIERS
        confidences = _CONFIDENCES
        for row in self._select(query, (fact,), keys):
            if row[0] in keys:
                out.append(
                    make((row[0], row[1], row[2], qualifiers[row[3]], *row[4:15], confidences[row[15]], *row[16:]))
                )
        return out

    def _select(self, query: str, params: tuple[object, ...], keys: set[int]) -> Iterable[tuple[Any, ...]]:
        return select_rows(self._db, query, params, keys)

    def matches(self, keys: Iterable[int], fact: str | None = None) -> Iterator[FactMatch]:
        """The full fact matches of these articles (of one fact, if given), parsed from their JSON."""
        return read_matches(self._db, set(keys), fact)

    def reader(self, keys: Iterable[int]) -> StoryStore:
        """The claims of these articles, read fact by fact."""
        from factcheck.report_stream import StoryStore

        return StoryStore(self._db, frozenset(keys))

    def story_sizes(self, keys: Iterable[int], split: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """The facts these articles state and how many claims each has, in fact order; and the kinds of the fact
        ``split``'s claims with how many each (see :func:`story_sizes`)."""
        return story_sizes(self._db, set(keys), split)


def _wire_story(entries: Iterable[CorpusEntry]) -> bytes:
    """A digest of what finding wire copies depends on in these articles (id, outlet, publication order,
    declared wire, credit, and the SHA-256 of the file, which its text's fingerprint is made from), in any order
    (the groups do not depend on it), and of the program that finds them."""
    digest = hashlib.blake2b(f"{__version__}\0{CACHE_LAYOUT}".encode(), digest_size=32)
    for entry in sorted(entries, key=lambda e: e.source.id):
        source = entry.source
        for part in (source.id, source.outlet, source.when or "", source.wire, entry.credit, entry.digest):
            data = b"\xff" if part is None else part.encode("utf-8", "surrogatepass")  # 0xff: never in UTF-8
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
    return digest.digest()


def _read_wire_groups(data: object) -> list[WireGroup] | None:
    """Wire groups as :meth:`ClaimCache.wire_groups` keeps them; None if they do not read back as such."""
    if not isinstance(data, bytes):
        return None
    try:
        return [
            WireGroup(
                name=str(g["name"]),
                key=str(g["key"]),
                members=tuple(str(m) for m in g["members"]),
                declared=bool(g["declared"]),
                original=None if g["original"] is None else str(g["original"]),
                similarity=float(g["similarity"]),
            )
            for g in orjson.loads(data)
        ]
    except (orjson.JSONDecodeError, TypeError, KeyError, ValueError):
        return None


def select_rows(
    db: sqlite3.Connection,
    query: str,
    params: tuple[object, ...],
    keys: AbstractSet[int],
    kinds: Sequence[str] = (),
) -> Iterable[tuple[Any, ...]]:
    """Rows of ``query`` (ordered by article, then as stored) of claims of these kinds (all, if none are given),
    from the articles in ``keys`` when they are a few of what the cache holds (a story's check in a cache shared
    by many stories), else all of them (the caller keeps the wanted ones: one scan beats thousands of look-ups)."""
    if kinds:
        query += f" AND kind IN ({','.join('?' * len(kinds))})"
        params = (*params, *kinds)
    if len(keys) <= _FEW_ARTICLES:
        marks = ",".join("?" * len(keys))
        query += f" AND article IN ({marks})"
        params = (*params, *sorted(keys))
    return db.execute(query + " ORDER BY article, claims.id", params)


def read_matches(
    db: sqlite3.Connection,
    keys: AbstractSet[int],
    fact: str | None = None,
    shown: ShownClaims | None = None,
    kinds: Sequence[str] = (),
) -> Iterator[FactMatch]:
    """The full fact matches of the articles ``keys`` (of one fact, and of these kinds, if given) in a cache's
    database, parsed from their JSON: what a worker process reads of the store through its own connection. With
    ``shown``, each claim is kept there with its fields as the report writes them."""
    query = "SELECT article, fact, distance, packed FROM claims LEFT JOIN whole_claims USING (id) WHERE "
    if fact is None:
        cursor = select_rows(db, query + "1", (), keys, kinds)
    else:
        cursor = select_rows(db, query + "fact=?", (fact,), keys, kinds)
    for article, fact_id, distance, blob in cursor:
        if article not in keys:
            continue
        parsed = _parsed(blob, shown)
        yield FactMatch(fact_id=fact_id, claim=parsed, distance=distance)


def _parsed(blob: object, shown: ShownClaims | None) -> Claim:
    """A cached claim unpacked and parsed (and kept in ``shown`` with its members, if given)."""
    if blob is None:
        raise sqlite3.DatabaseError("a cached claim is missing")
    try:
        claim, members = unpack(blob)
        parsed = Claim.model_validate_json(claim)
    except DamagedClaim as exc:
        raise sqlite3.DatabaseError(str(exc)) from None
    except ValidationError:
        raise sqlite3.DatabaseError("a cached claim does not parse") from None
    if shown is not None:
        shown.add(parsed, members)
    return parsed


def read_figures(
    db: sqlite3.Connection, keys: AbstractSet[int], fact: str, kinds: Sequence[str] = ()
) -> tuple[list[int], list[Figure], list[str]]:
    """The figures of one fact (the bucket of figures no rule placed) that discovery reads, in the articles
    ``keys`` (of these kinds only, if given): each one's row, its figure and its subject as analysis kept it, in
    store order. Columns only: no claim is parsed, so a big story's figures are grouped in a fraction of its
    claims' memory."""
    from factcheck.discover import Figure

    rows: list[int] = []
    figures: list[Figure] = []
    subjects: list[str] = []
    kind_of, qualifiers = _KINDS, _QUALIFIERS
    held: dict[str, str] = {}  # each distinct string once: a story repeats its sources, words and subjects
    once = held.setdefault
    query = (
        'SELECT article, id, source, kind, unit, qualifier, low, high, text, start, "end", subject FROM claims'
        " WHERE fact=? AND subject IS NOT NULL"
    )
    for article, row, source, kind, unit, qualifier, low, high, text, start, end, subject in select_rows(
        db, query, (fact,), keys, kinds
    ):
        if article not in keys:
            continue
        rows.append(row)
        unit = None if unit is None else once(unit, unit)
        figure = Figure(
            once(source, source), start, end, kind_of[kind], once(text, text), low, high, qualifiers[qualifier], unit
        )
        figures.append(figure)
        subjects.append(once(subject, subject))
    return rows, figures, subjects


def read_mentions(db: sqlite3.Connection, keys: AbstractSet[int], fact: str) -> list[MentionRow]:
    """The mentions of one bucket (quotes, people or organizations) in the articles ``keys``, in store order:
    columns only, no claim parsed, each distinct string held once (a story names the same people thousands of
    times)."""
    from factcheck.crossref import MentionRow

    found: list[MentionRow] = []
    held: dict[str, str] = {}
    once = held.setdefault
    query = 'SELECT article, id, source, start, "end", text, label, title, speaker FROM claims WHERE fact=?'
    for article, row, source, start, end, text, label, title, speaker in select_rows(db, query, (fact,), keys):
        if article not in keys:
            continue
        found.append(
            MentionRow(
                row,
                once(source, source),
                start,
                end,
                once(text, text),
                None if label is None else once(label, label),
                None if title is None else once(title, title),
                None if speaker is None else once(speaker, speaker),
            )
        )
    return found


def read_claims_at(db: sqlite3.Connection, rows: Sequence[int], shown: ShownClaims | None = None) -> list[Claim]:
    """The claims of these rows, in the order given (with ``shown``, each kept there with its fields as the
    report writes them)."""
    return _read_at(db, rows, lambda blob: _parsed(blob, shown))


def read_members_at(db: sqlite3.Connection, rows: Sequence[int]) -> list[bytes]:
    """The fields of the claims of these rows as the report writes them (what
    :func:`factcheck.render.json_format.claim_members` made of each when it was analyzed), in the order given:
    all the report needs of a claim that judging and reviews leave as it is, read without parsing the claim."""
    return _read_at(db, rows, _members)


def _members(blob: object) -> bytes:
    try:
        return unpack(blob)[1]
    except DamagedClaim as exc:
        raise sqlite3.DatabaseError(str(exc)) from None


def _read_at(db: sqlite3.Connection, rows: Sequence[int], made: Callable[[object], T]) -> list[T]:
    """What ``made`` makes of the packed claims of these rows, in the order given."""
    found: dict[int, T] = {}
    wanted = sorted(set(rows))
    for at in range(0, len(wanted), _ROWS_PER_QUERY):
        chunk = wanted[at : at + _ROWS_PER_QUERY]
        marks = ",".join("?" * len(chunk))
        for row, blob in db.execute(f"SELECT id, packed FROM whole_claims WHERE id IN ({marks})", chunk):
            found[row] = made(blob)
    if len(found) != len(wanted):
        raise sqlite3.DatabaseError("a cached claim is missing")
    return [found[row] for row in rows]


def story_sizes(
    db: sqlite3.Connection, keys: AbstractSet[int], split: str
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Each fact the articles ``keys`` state, with its number of claims, in fact order; and the kinds of the
    claims of the fact ``split`` (the bucket of figures no rule placed), with theirs, in kind order. One
    ``GROUP BY`` in the store (over an index that holds fact, kind and article, for a big story)."""
    grouped = "SELECT fact, CASE WHEN fact=? THEN kind END AS part, count(*) FROM claims"
    ordered = " GROUP BY fact, part ORDER BY fact, part"
    rows: list[tuple[str, str | None, int]]
    if len(keys) <= _FEW_ARTICLES:
        marks = ",".join("?" * len(keys))
        rows = db.execute(f"{grouped} WHERE article IN ({marks}){ordered}", (split, *sorted(keys))).fetchall()
    else:
        snapshot = not db.in_transaction  # the articles counted and their claims grouped as of one moment
        if snapshot:
            db.execute("BEGIN")
        try:
            (held,) = db.execute("SELECT count(*) FROM articles").fetchone()
            if held == len(keys):  # the story is all the cache holds (keys are its articles): none to leave out
                rows = db.execute(f"{grouped} INDEXED BY claims_by_kind{ordered}", (split,)).fetchall()
            else:
                rows = _grouped_in_story(db, keys, f"{grouped} INDEXED BY claims_by_kind", ordered, split)
        finally:
            if snapshot:
                db.execute("COMMIT")
    facts: dict[str, int] = {}
    kinds: list[tuple[str, int]] = []
    for fact, kind, n in rows:
        facts[str(fact)] = facts.get(str(fact), 0) + int(n)
        if kind is not None:
            kinds.append((str(kind), int(n)))
    return list(facts.items()), kinds


def _grouped_in_story(
    db: sqlite3.Connection, keys: AbstractSet[int], grouped: str, ordered: str, split: str
) -> list[tuple[str, str | None, int]]:
    """The ``grouped`` query's rows over the claims of the articles ``keys`` only, joined with them in a temporary
    table (thousands of articles among more in the cache)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS story (article INTEGER PRIMARY KEY)")
    try:
        db.executemany("INSERT OR IGNORE INTO temp.story VALUES (?)", ((k,) for k in sorted(keys)))
        return db.execute(f"{grouped} JOIN temp.story USING (article){ordered}", (split,)).fetchall()
    finally:
        db.execute("DELETE FROM temp.story")


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(file=sys.stderr)


def _unchanged(row: tuple[object, ...], status: os.stat_result) -> bool:
    size, mtime_ns, hashed_ns = row[3], row[4], row[5]
    assert isinstance(hashed_ns, int)
    return size == status.st_size and mtime_ns == status.st_mtime_ns and status.st_mtime_ns < hashed_ns - RACY_NS


def _source(path: str, outlet: object, published: object, published_at: object, wire: object) -> Source:
    import datetime as dt

    return Source(
        id=os.path.splitext(os.path.basename(path))[0],
        outlet=str(outlet),
        published=dt.date.fromisoformat(published) if isinstance(published, str) else None,
        path=path,
        published_at=dt.datetime.fromisoformat(published_at) if isinstance(published_at, str) else None,
        wire=wire if isinstance(wire, str) else None,
    )


def _claim_row(
    claim_id: int, article: int, match: FactMatch, place: tuple[int, int, int, int], subject: str | None
) -> tuple[object, ...]:
    claim = match.claim
    line, column, end_line, end_column = place
    return (
        claim_id,
        article,
        match.fact_id,
        claim.source,
        claim.kind.value,
        claim.unit,
        claim.qualifier.value,
        claim.stated_low,
        claim.stated_high,
        claim.text,
        claim.label,
        claim.title,
        claim.speaker,
        claim.start,
        claim.end,
        line,
        column,
        end_line,
        end_column,
        describe(claim),
        claim.confidence.value,
        claim.attributed_to,
        claim.as_of,
        match.distance,
        subject,
    )
