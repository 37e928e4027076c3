"""The typed records passed from stage to stage: article, sentence, claim, fact match, finding, report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import IntEnum, StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from factcheck.intervals import Interval, Qualifier


class Record(BaseModel):
    """Base of every record: immutable, and strict about its fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ClaimKind(StrEnum):
    QUANTITY = "quantity"
    MONEY = "money"
    DURATION = "duration"
    DATE = "date"
    TIME = "time"
    MEASURE = "measure"
    PLACE = "place"
    QUOTE = "quote"
    PERSON = "person"
    ORGANIZATION = "organization"


class Confidence(StrEnum):
    """How surely a claim's value was read from its words.

    ``clear``: the words state the value (hedged or not: "more than 100,000" is clear). ``vague``: the words only
    bound it loosely ("tens of thousands", "hours-long", "lengthy"); a vague claim never makes an error-severity
    conflict on its own. ``ambiguous``: the words allow more than one value and one was chosen ("1/12/2022" with no
    day/month order declared).
    """

    CLEAR = "clear"
    VAGUE = "vague"
    AMBIGUOUS = "ambiguous"


class ClaimRole(StrEnum):
    """What a claim is about: an event, or when somebody said something ("said Sunday")."""

    EVENT = "event"
    STATEMENT = "statement"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class Status(StrEnum):
    """How a fact's claims came out: ``conflict`` (outlets disagree), ``parties`` (the outlets agree on what each
    party they cite says, and the parties disagree), ``updated`` (an evolving figure changed over time), ``agree``
    or ``single`` (one independent source states it)."""

    CONFLICT = "conflict"
    PARTIES = "parties"
    UPDATED = "updated"
    AGREE = "agree"
    SINGLE = "single"

    @property
    def rank(self) -> int:
        return {"conflict": 0, "parties": 1, "updated": 2, "agree": 3, "single": 4}[self.value]


class Reason(StrEnum):
    """Why the claims of a fact in conflict disagree."""

    VALUE = "value"  # different numbers, dates, times or places
    WORDING = "wording"  # a quote in different words
    ATTRIBUTION = "attribution"  # the same words given to different speakers
    SPELLING = "spelling"  # a person's or an organization's name spelt differently
    TITLE = "title"  # a different title for the same person
    COPY = "copy"  # a wire copy changed a figure of the wire's original
    DECREASE = "decrease"  # a later report gives less of a figure that can only grow (a death toll)
    CITATION = "citation"  # an outlet's own figure contradicts the figure it attributes to the party it cites


class Verdict(StrEnum):
    MAJORITY = "majority"
    OUTLIER = "outlier"
    DISPUTED = "disputed"
    SINGLE = "single"
    SUPERSEDED = "superseded"  # an evolving figure's earlier value, since updated


class ExitCode(IntEnum):
    CLEAN = 0
    FINDINGS = 1
    INPUT_ERROR = 2


class Article(Record):
    """One outlet's article: front matter plus the text exactly as captured."""

    id: str
    path: str
    outlet: str
    title: str | None
    published: dt.date | None
    url: str | None = None
    byline: str | None = None
    text: str
    body_start: int
    title_start: int | None = None
    date_order: Literal["day-first", "month-first"] | None = None  # how its numeric dates read ("1/12/2022")
    published_at: dt.datetime | None = None  # the publication time, when the front matter gives one
    wire: str | None = None  # the wire agency whose story this is, when the front matter declares it

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


class Source(Record):
    """An article's outlet and place, without its text: what a report keeps of each article it has read."""

    id: str
    outlet: str
    published: dt.date | None
    path: str
    published_at: dt.datetime | None = None
    wire: str | None = None  # declared in the front matter

    @classmethod
    def of(cls, article: Article) -> Source:
        return cls(
            id=article.id,
            outlet=article.outlet,
            published=article.published,
            path=article.path,
            published_at=article.published_at,
            wire=article.wire,
        )

    @property
    def when(self) -> str | None:
        """When it was published, as ISO 8601 text: the time if known, else the date."""
        if self.published_at is not None:
            return self.published_at.isoformat(timespec="minutes")
        return None if self.published is None else self.published.isoformat()


class Sentence(Record):
    """A sentence of an article's content, with its offsets into the raw file text."""

    source: str
    text: str
    start: int
    end: int


class Claim(Record):
    """A checkable statement found in a sentence, normalized.

    ``stated_low``/``stated_high`` hold the stated value in the kind's canonical unit (hours for durations,
    US dollars for money, proleptic ordinals of the first and last day for dates); they are equal for a single
    stated number. ``interval`` is what the claim allows once its qualifier is applied with default slack.
    """

    source: str
    kind: ClaimKind
    text: str
    start: int
    end: int
    line: int
    sentence: str
    sentence_start: int
    qualifier: Qualifier
    stated_low: float | None
    stated_high: float | None
    unit: str | None
    label: str | None = None
    interval: Interval | None = None
    resolution: str | None = None
    role: ClaimRole = ClaimRole.EVENT
    value_start: int | None = None  # where the stated value begins, after any qualifier words ("nearly |8")
    confidence: Confidence = Confidence.CLEAR
    note: str | None = None  # what is wrong within the claim itself ("Friday" with a date that is a Wednesday)
    speaker: str | None = None  # a quote's speaker, resolved to the full name the article gives
    venue: str | None = None  # where a quote was said, when stated ("ABC's This Week")
    title: str | None = None  # a person's title as the outlet gives it ("Deputy Secretary of State")
    attributed_to: str | None = None  # the party the outlet cites for it ("U.S. intelligence"); None: its own
    as_of: str | None = None  # the time the figure is stated to hold ("as of 7 p.m."), ISO 8601

    @classmethod
    def of_words(
        cls, kind: ClaimKind, sentence: Sentence, start: int, end: int, text: str, line: int, **extra: str | None
    ) -> Claim:
        """A claim whose value is words, not a number (a quote, a person, an organization): ``start``/``end`` are
        offsets into the file; ``extra`` sets its label, speaker, venue or title."""
        return cls(
            source=sentence.source,
            kind=kind,
            text=text,
            start=start,
            end=end,
            line=line,
            sentence=sentence.text,
            sentence_start=sentence.start,
            qualifier=Qualifier.EXACT,
            stated_low=None,
            stated_high=None,
            unit=None,
            **extra,
        )


class FactMatch(Record):
    """A claim placed on a fact by a rule, with how close its nearest cue was (in words)."""

    fact_id: str
    claim: Claim
    distance: float


class FactInfo(Record):
    id: str
    title: str
    kind: ClaimKind
    severity: Severity
    description: str | None = None
    discovered: bool = False  # grouped from claims no rule placed (``auto.<kind>.<slug>``), not declared by a rule


class ReviewDecision(StrEnum):
    """What an editor decided about a finding."""

    CONFIRMED = "confirmed"  # a real error: an outlet is wrong (it keeps failing CI until fixed)
    NOT_A_CONFLICT = "not-a-conflict"  # a false alarm: the outlets do not disagree
    DIFFERENT_FACTS = "different-facts"  # the claims are about different things; the rule should separate them


class Review(Record):
    """An editor's current decision on a finding (the latest in its history)."""

    fingerprint: str
    decision: ReviewDecision
    editor: str
    at: dt.datetime
    note: str | None = None
    wrong: str | None = None  # for a confirmed error: the source id of the outlet that is wrong


class WordChange(Record):
    """One stretch of a quote against the fact's reference quote, word by word.

    ``same``: both say it; ``replaced``: different words (``words`` here, ``reference`` there); ``added``: words
    only this quote has; ``dropped``: words of the reference this quote does not have.
    """

    op: Literal["same", "replaced", "added", "dropped"]
    words: str
    reference: str


class JudgedClaim(Record):
    """A claim as compared within its fact: the interval used and the verdict.

    A claim that is a finding (an outlier or a disputed claim of a conflict) has a ``fingerprint`` — the same
    as ``check`` gives it — and the editors' current ``review`` of it, if any.
    """

    claim: Claim
    compared: Interval | None
    verdict: Verdict
    fingerprint: str | None = None
    review: Review | None = None
    changes: tuple[WordChange, ...] = ()  # a quote in a wording conflict: its words against the reference quote
    reference: bool = False  # the quote the others are shown against
    partial: bool = False  # a quote that gives only part of the passage another outlet quotes
    reason: Reason | None = None  # an outlier's or a disputed claim's: why it is at odds (a changed wire copy...)


class PartyFigure(Record):
    """What one party says of a fact, by the sources that cite it (``party`` None: the outlets' own figure)."""

    party: str | None
    value: str
    sources: tuple[str, ...]


Change = Literal["first", "same", "updated", "decrease", "disputed"]


class TimelineEntry(Record):
    """An evolving fact's value at one time, by the sources that report it then.

    ``change``: ``first``; ``same`` (as before); ``updated`` (a new value); ``decrease`` (less of a figure that can
    only grow); ``disputed`` (the reports of that time disagree).
    """

    at: str
    value: str
    sources: tuple[str, ...]
    change: Change
    party: str | None = None  # when the parties disagree: whose figure (None: the outlets' own)


class Finding(Record):
    """What the outlets say about one fact, and whether they agree."""

    fact: FactInfo
    status: Status
    severity: Severity  # the fact's, or less when the conflict rests on vague claims alone
    claims: tuple[JudgedClaim, ...]
    majority: tuple[str, ...]
    outliers: tuple[str, ...]
    reason: Reason | None = None  # for a conflict: what the claims disagree on
    parties: tuple[PartyFigure, ...] = ()  # when claims cite different parties: each party's figure
    timeline: tuple[TimelineEntry, ...] = ()  # for an evolving fact: its values over time

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({j.claim.source for j in self.claims}))


class SourceSummary(Record):
    id: str
    outlet: str
    published: dt.date
    path: str
    agree: int
    conflict: int
    single: int
    updated: int = 0  # claims of evolving facts since updated by later reports
    published_at: dt.datetime | None = None
    wire: str | None = None  # the wire story it is a copy of (a WireCopies key)


class WireCopies(Record):
    """Articles that are one wire story under several mastheads: one independent source in every majority."""

    key: str
    name: str
    members: tuple[str, ...]
    outlets: tuple[str, ...]
    declared: bool  # some member's front matter declares the wire
    original: str | None  # the wire's own article, or the earliest copy
    similarity: float  # the lowest text containment between linked copies


class ReportError(Record):
    path: str
    line: int | None
    message: str


class Mark(Record):
    """A claim's place in an article's text (offsets into ``ArticleText.text``), and the fact it is on, if any."""

    start: int
    end: int
    fact: str | None
    kind: ClaimKind


class ArticleText(Record):
    """An article's full text with its claims marked, for formats that show the text (HTML).

    ``text`` is the file's text exactly; its body begins at ``body_start`` (the front matter before it is not
    shown). A claim read from the front matter's ``title`` stands in the title line, from ``title_start``.
    """

    source: str
    title: str | None
    text: str
    body_start: int
    marks: tuple[Mark, ...]
    title_start: int | None = None


class Report(Record):
    """The one model every output format renders.

    ``articles`` holds the articles' texts only when a format needs them (HTML); the JSON document never has it.
    """

    corpus: str
    sources: tuple[SourceSummary, ...]
    findings: tuple[Finding, ...]
    errors: tuple[ReportError, ...] = ()
    articles: tuple[ArticleText, ...] = ()
    wires: tuple[WireCopies, ...] = ()


class FindingKind(StrEnum):
    """What a check found about a checked article's claim."""

    CONFLICT = "conflict"  # it contradicts what the rest of the corpus says
    FIRST = "first"  # no other article states this fact yet


class Location(Record):
    """Where a claim stands in its file: 1-based lines and columns, the end column exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


class CorpusClaim(Record):
    """A claim of another article, as a check quotes it: who said it, in what words, where."""

    source: str
    outlet: str
    text: str
    value: str
    location: Location


class CheckFinding(Record):
    """One finding against a checked article: a claim at odds with the corpus, or a fact it is first to state.

    ``disagrees`` lists the corpus claims it is at odds with (at most a handful; ``disagree_count`` counts all
    of them, and ``disagree_sources`` the outlets). ``fingerprint`` identifies the finding across edits.
    """

    kind: FindingKind
    fact: FactInfo
    severity: Severity
    source: str
    outlet: str
    text: str
    value: str
    location: Location
    message: str
    fingerprint: str
    disagrees: tuple[CorpusClaim, ...] = ()
    disagree_count: int = 0
    disagree_sources: int = 0
    corpus_sources: int = 0
    review: Review | None = None  # the editors' current decision on it, if any


class FactCheck(Record):
    """One fact a checked article states, and how the check of it came out (one JUnit test case)."""

    source: str
    path: str
    fact: FactInfo
    claims: int
    corpus_sources: int
    findings: tuple[CheckFinding, ...]
    baselined: tuple[CheckFinding, ...] = ()


def _by_place(findings: Iterable[CheckFinding]) -> tuple[CheckFinding, ...]:
    return tuple(
        sorted(
            findings,
            key=lambda f: (f.location.path, f.location.line, f.location.column, f.fact.id, f.kind.value),
        )
    )


class CheckReport(Record):
    """What ``factcheck check`` renders: the checked articles' facts and the findings against them."""

    corpus: str
    articles: tuple[Source, ...]
    corpus_articles: int
    checks: tuple[FactCheck, ...]
    report: Report | None = None  # the report restricted to the facts the checked articles state (for JSON)
    fail_on: Severity | None = Severity.ERROR
    errors: tuple[ReportError, ...] = ()

    @property
    def findings(self) -> tuple[CheckFinding, ...]:
        """The findings, in the order of their places in the checked files."""
        return _by_place(f for check in self.checks for f in check.findings)

    @property
    def baselined(self) -> tuple[CheckFinding, ...]:
        return _by_place(f for check in self.checks for f in check.baselined)

    def failing(self) -> tuple[CheckFinding, ...]:
        """The findings at or above the severity that fails the run."""
        if self.fail_on is None:
            return ()
        threshold = self.fail_on.rank
        return tuple(f for f in self.findings if f.severity.rank >= threshold)
