"""JSON output: the versioned report and claims documents (see docs/json-format.md), byte-identical run to run."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, BinaryIO, TextIO

import orjson

from factcheck.intervals import Interval
from factcheck.models import (
    CheckFinding,
    CheckReport,
    Claim,
    ClaimKind,
    Finding,
    JudgedClaim,
    Reason,
    Report,
    Review,
    Verdict,
    WordChange,
)
from factcheck.render.values import bound, interval_words, stated

REPORT_SCHEMA = "factcheck.report/2"
CLAIMS_SCHEMA = "factcheck.claims/1"


def claim_fields(claim: Claim) -> dict[str, Any]:
    return _fields(claim, *_own_bounds(claim), kind=True)


def _own_bounds(claim: Claim) -> tuple[Any, Any]:
    """The bounds of what the claim allows, as JSON (nulls for a claim without an interval)."""
    interval = claim.interval
    if interval is None:
        return None, None
    return bound(claim, interval.low), bound(claim, interval.high)


def _fields(claim: Claim, low: Any, high: Any, *, kind: bool) -> dict[str, Any]:
    """A claim's fields in document order (its kind's only with ``kind``), with these bounds. The enumerations
    are left as they are (orjson writes a string enumeration as its value): a big story's report makes this for
    millions of claims."""
    fields: dict[str, Any] = {"source": claim.source}
    if kind:
        fields["kind"] = claim.kind
    fields["text"] = claim.text
    fields["sentence"] = " ".join(claim.sentence.split())
    fields["line"] = claim.line
    fields["start"] = claim.start
    fields["end"] = claim.end
    fields["value"] = stated(claim)
    fields["qualifier"] = claim.qualifier
    fields["low"] = low
    fields["high"] = high
    fields["unit"] = claim.unit
    fields["role"] = claim.role
    fields["confidence"] = claim.confidence
    fields["note"] = claim.note
    fields["attributed_to"] = claim.attributed_to
    fields["as_of"] = claim.as_of
    named = claim.kind
    if named is ClaimKind.QUOTE:  # a quote's speaker and where it was said; a person's title
        fields["speaker"] = claim.speaker
        fields["venue"] = claim.venue
    elif named is ClaimKind.PERSON:
        fields["title"] = claim.title
    return fields


def judged_fields(judged: JudgedClaim) -> dict[str, Any]:
    claim = judged.claim
    compared = judged.compared
    if compared is not None:  # the claim's bounds as compared, and their words
        low, high, words, _ = _compared_fields(claim, compared)
        fields = _fields(claim, low, high, kind=False)
    else:
        fields = _fields(claim, *_own_bounds(claim), kind=False)
        words = None
    fields.update(_judgement(judged, words))
    return fields


def _judgement(judged: JudgedClaim, words: str | None) -> dict[str, Any]:
    """What judging a claim adds to its fields: the words of its interval as compared, its verdict and review."""
    return _judgement_of(
        words,
        judged.verdict,
        judged.reason,
        judged.fingerprint,
        judged.review,
        judged.claim.kind is ClaimKind.QUOTE,
        judged.reference,
        judged.partial,
        judged.changes,
    )


def _judgement_of(
    words: str | None,
    verdict: Verdict,
    reason: Reason | None,
    fingerprint: str | None,
    review: Review | None,
    quote: bool,
    reference: bool,
    partial: bool,
    changes: Sequence[WordChange],
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "interval": words,
        "verdict": verdict,
        "reason": reason,
        "fingerprint": fingerprint,
        "review": review_fields(review),
    }
    if quote:
        fields["reference"] = reference
        fields["partial"] = partial
        fields["changes"] = [{"op": c.op, "words": c.words, "reference": c.reference} for c in changes]
    return fields


_COMPARED: dict[tuple[ClaimKind, float | None, float | None, bool, bool], tuple[Any, Any, str, bytes]] = {}


def _compared_fields(claim: Claim, interval: Interval) -> tuple[Any, Any, str, bytes]:
    """A compared interval's bounds, words and bounds as members of a claim in the report: the same for every
    claim of a kind with that interval (a fact of a big story has thousands), so made once each."""
    key = (claim.kind, interval.low, interval.high, interval.low_open, interval.high_open)
    done = _COMPARED.get(key)
    if done is None:
        if len(_COMPARED) > 100_000:
            _COMPARED.clear()
        low, high = bound(claim, interval.low), bound(claim, interval.high)
        done = _COMPARED[key] = (low, high, interval_words(claim, interval), _members({"low": low, "high": high}))
    return done


# --- a judged claim's bytes from what analysis made of its claim ---------------------------------------------------

_CLAIM_DEPTH = b"\n" + b" " * 8  # a finding's claims in the report: the list's items at 8 spaces, their fields at 10
_OPEN, _CLOSE = _CLAIM_DEPTH + b"{", _CLAIM_DEPTH + b"}"
_LOW = _CLAIM_DEPTH + b'  "low": '
_UNIT = b"," + _CLAIM_DEPTH + b'  "unit": '


def _members(fields: dict[str, Any]) -> bytes:
    """These fields as members of a claim in the report, each on its line (no braces): ``{`` and ``}`` around
    the members of a claim's parts, joined by commas, are the claim as :func:`dump` writes it there."""
    return orjson.dumps(fields, option=_INDENT)[1:-2].replace(b"\n", _CLAIM_DEPTH)


def claim_members(claim: Claim) -> bytes:
    """A claim's own fields (its own bounds) as members of a judged claim in the report: what judging does not
    change, made once when the claim is analyzed and kept with it in the claim cache."""
    return _members(_fields(claim, *_own_bounds(claim), kind=False))


def judged_claim_bytes(judged: JudgedClaim, members: bytes | None = None) -> bytes:
    """A judged claim as an item of its finding's claims in the report, from ``members`` (what
    :func:`claim_members` made of its claim; made now when not given): the bytes :func:`judged_fields` makes,
    without building the fields of a claim a big story's report writes millions of."""
    claim = judged.claim
    if members is None:
        members = claim_members(claim)
    compared = judged.compared
    words = None
    if compared is not None:  # its own bounds give way to those compared
        _, _, words, bounds = _compared_fields(claim, compared)
        cut = members.index(_LOW)
        members = b"".join((members[:cut], bounds, members[members.index(_UNIT, cut) :]))
    return item_of_members(
        members,
        judged.verdict,
        claim.kind is ClaimKind.QUOTE,
        words,
        judged.reason,
        judged.reference,
        judged.partial,
        judged.changes,
        judged.fingerprint,
        judged.review,
    )


def item_of_members(
    members: bytes,
    verdict: Verdict,
    quote: bool,
    words: str | None = None,
    reason: Reason | None = None,
    reference: bool = False,
    partial: bool = False,
    changes: Sequence[WordChange] = (),
    fingerprint: str | None = None,
    review: Review | None = None,
) -> bytes:
    """A judged claim as an item of its finding's claims in the report, from its ``members`` (see
    :func:`judged_claim_bytes`) and its judgement, without the claim itself: what a big story's report writes
    of millions of claims. ``quote``: a quote's (which has ``reference``, ``partial`` and ``changes``)."""
    if changes or fingerprint is not None or review is not None:
        judgement = _judgement_of(words, verdict, reason, fingerprint, review, quote, reference, partial, changes)
        return b"".join((_OPEN, members, b",", _members(judgement), _CLOSE))
    key = (words, verdict, reason, quote, reference, partial)  # the same for all its fact's claims of its verdict
    done = _JUDGEMENTS.get(key)
    if done is None:
        if len(_JUDGEMENTS) > 100_000:
            _JUDGEMENTS.clear()
        done = _JUDGEMENTS[key] = _members(
            _judgement_of(words, verdict, reason, None, None, quote, reference, partial, ())
        )
    return b"".join((_OPEN, members, b",", done, _CLOSE))


_JUDGEMENTS: dict[tuple[str | None, Verdict, Reason | None, bool, bool, bool], bytes] = {}


class ShownClaims:
    """Claims read from the claim cache with what :func:`claim_members` made of each when it was analyzed: a
    claim judged as it was read is written from them. A claim is known by identity (each one is held here, so
    no other object takes its identity); one made anew while judging is rendered afresh."""

    __slots__ = ("_held",)

    def __init__(self) -> None:
        self._held: dict[int, tuple[Claim, bytes]] = {}

    def add(self, claim: Claim, members: bytes) -> None:
        self._held[id(claim)] = (claim, members)

    def members(self, claim: Claim) -> bytes | None:
        held = self._held.get(id(claim))
        return held[1] if held is not None and held[0] is claim else None

    def clear(self) -> None:
        self._held.clear()


def review_fields(review: Review | None) -> dict[str, Any] | None:
    """An editor's current decision on a finding, or None."""
    if review is None:
        return None
    return {
        "decision": review.decision.value,
        "editor": review.editor,
        "at": review.at.isoformat(),
        "note": review.note,
        "wrong": review.wrong,
    }


def finding_fields(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.fact.id,
        "title": finding.fact.title,
        "kind": finding.fact.kind.value,
        "discovered": finding.fact.discovered,
        "status": finding.status.value,
        "severity": finding.severity.value,
        "reason": finding.reason.value if finding.reason is not None else None,
        "majority": list(finding.majority),
        "outliers": list(finding.outliers),
        "parties": [{"party": p.party, "value": p.value, "sources": list(p.sources)} for p in finding.parties],
        "timeline": [
            {"at": t.at, "value": t.value, "sources": list(t.sources), "change": t.change, "party": t.party}
            for t in finding.timeline
        ],
        "claims": [judged_fields(j) for j in finding.claims],
    }


def report_document(report: Report) -> dict[str, Any]:
    head, facts, tail = _report_parts(report)
    return head | {"facts": list(facts)} | tail


def _report_parts(report: Report) -> tuple[dict[str, Any], Iterator[dict[str, Any]], dict[str, Any]]:
    """The report document before its facts, its facts (made one at a time), and what follows them."""
    head = {
        "schema": REPORT_SCHEMA,
        "corpus": report.corpus,
        "sources": [
            {
                "id": s.id,
                "outlet": s.outlet,
                "published": s.published.isoformat(),
                "published_at": s.published_at.isoformat(timespec="minutes") if s.published_at else None,
                "path": s.path,
                "wire": s.wire,
                "counts": {"agree": s.agree, "conflict": s.conflict, "single": s.single, "updated": s.updated},
            }
            for s in report.sources
        ],
        "wires": [
            {
                "key": w.key,
                "name": w.name,
                "members": list(w.members),
                "outlets": list(w.outlets),
                "declared": w.declared,
                "original": w.original,
                "similarity": w.similarity,
            }
            for w in report.wires
        ],
    }
    tail = {"errors": [{"path": e.path, "line": e.line, "message": e.message} for e in report.errors]}
    return head, (finding_fields(f) for f in report.findings), tail


_INDENT = orjson.OPT_INDENT_2


def dump(document: dict[str, Any], out: TextIO) -> None:
    """The document indented by two spaces, UTF-8 as is, keys in the order given: orjson writes the same bytes
    as the standard library's ``json.dump(indent=2, ensure_ascii=False)`` an order of magnitude faster."""
    byte_sink(out)(orjson.dumps(document, option=_INDENT | orjson.OPT_APPEND_NEWLINE))


def dump_streamed(head: dict[str, Any], key: str, items: Iterable[Any], tail: dict[str, Any]) -> Iterator[bytes]:
    """The bytes :func:`dump` writes for ``head | {key: list(items)} | tail``, piece by piece: the items are
    turned into JSON one at a time, so that a report of a whole archive is never held as one document."""
    return dump_pieces(head, key, ((item_bytes(item),) for item in items), tail)


def item_bytes(item: Any) -> bytes:
    """An item of a list at the top level of a document, as :func:`dump` writes it there (indented)."""
    return orjson.dumps(item, option=_INDENT).replace(b"\n", b"\n    ")


_CLAIMS_INDENT = b"\n" + b" " * 6  # a finding's claims in the report: the report's list at 4 spaces, the finding's at 6


def finding_bytes(finding: Finding, shown: ShownClaims | None = None) -> bytes:
    """A fact's finding as the report document holds it: what a report written fact by fact keeps of it (its
    claims written from ``shown`` where it has them)."""
    return b"".join(finding_pieces(finding, (finding.claims,), shown))


def finding_pieces(
    finding: Finding, parts: Iterable[Sequence[JudgedClaim]], shown: ShownClaims | None = None
) -> Iterator[bytes]:
    """The bytes the report document holds of ``finding`` with the claims of ``parts`` (its own left out), piece
    by piece: a fact with hundreds of thousands of claims is written a part of them at a time. A claim in
    ``shown`` is written from the members kept of it."""
    kept = shown.members if shown is not None else _none
    listed = (b",".join([judged_claim_bytes(j, kept(j.claim)) for j in part]) for part in parts if part)
    return finding_pieces_listed(finding, listed)


def finding_pieces_listed(finding: Finding, listed: Iterable[bytes]) -> Iterator[bytes]:
    """As :func:`finding_pieces`, with each part's claims already made into their items, joined by commas (no
    part empty)."""
    head = item_bytes(finding_fields(finding.model_copy(update={"claims": ()})))
    cut = head.rindex(b"[]")  # the claims are the finding's last field
    yield head[: cut + 1]
    empty = True
    for items in listed:
        yield items if empty else b"," + items
        empty = False
    yield (b"]" if empty else _CLAIMS_INDENT + b"]") + head[cut + 2 :]


def _none(claim: Claim) -> None:
    return None


def dump_pieces(
    head: dict[str, Any], key: str, items: Iterable[Iterable[bytes]], tail: dict[str, Any]
) -> Iterator[bytes]:
    """As :func:`dump_streamed`, with the items already made by :func:`item_bytes`, each given in pieces (a fact
    of a big story may be a gigabyte: it is copied through, never held)."""
    yield b"{\n"
    for name, value in head.items():
        yield _member(name, value) + b",\n"
    yield b"  " + orjson.dumps(key) + b": ["
    empty = True
    for item in items:
        yield b"\n    " if empty else b",\n    "
        yield from item
        empty = False
    yield b"]" if empty else b"\n  ]"
    for name, value in tail.items():
        yield b",\n" + _member(name, value)
    yield b"\n}\n"


def _member(name: str, value: Any) -> bytes:
    """``"name": value`` as it stands, indented, in an object at the top level."""
    return orjson.dumps({name: value}, option=_INDENT)[2:-2]


def byte_sink(out: TextIO) -> Callable[[bytes], object]:
    """Where UTF-8 bytes for a text handle go: straight to its byte stream when it has one (a file, standard
    output; what was written as text before is flushed first, once), else decoded."""
    if isinstance(out, io.TextIOWrapper) and out.encoding.lower().replace("-", "") == "utf8":
        out.flush()
        buffer: BinaryIO = out.buffer
        return buffer.write
    return lambda data: out.write(data.decode("utf-8"))


def report_head_tail(report: Report) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a report document holds before its facts and after them (its findings are not read)."""
    head, _, tail = _report_parts(report)
    return head, tail


def render(report: Report, out: TextIO) -> None:
    head, facts, tail = _report_parts(report)
    write = byte_sink(out)
    for piece in dump_streamed(head, "facts", facts, tail):
        write(piece)


def render_claims(claims: Sequence[Claim], out: TextIO, errors: Sequence[dict[str, Any]] = ()) -> None:
    ordered = sorted(claims, key=lambda c: (c.source, c.start, c.end, c.kind.value))
    dump({"schema": CLAIMS_SCHEMA, "claims": [claim_fields(c) for c in ordered], "errors": list(errors)}, out)


def check_finding_fields(finding: CheckFinding) -> dict[str, Any]:
    loc = finding.location
    return {
        "fingerprint": finding.fingerprint,
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "fact": finding.fact.id,
        "title": finding.fact.title,
        "source": finding.source,
        "outlet": finding.outlet,
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "text": finding.text,
        "value": finding.value,
        "message": finding.message,
        "corpus_sources": finding.corpus_sources,
        "disagree_count": finding.disagree_count,
        "disagree_sources": finding.disagree_sources,
        "disagrees": [
            {
                "source": c.source,
                "outlet": c.outlet,
                "path": c.location.path,
                "line": c.location.line,
                "column": c.location.column,
                "text": c.text,
                "value": c.value,
            }
            for c in finding.disagrees
        ],
        "review": review_fields(finding.review),
    }


def check_document(result: CheckReport) -> dict[str, Any]:
    """The report schema restricted to the checked articles' facts, with the check's findings under ``check``."""
    report = result.report or Report(corpus=result.corpus, sources=(), findings=())
    document = report_document(report)
    document["corpus"] = result.corpus or report.corpus
    document["errors"] = [{"path": e.path, "line": e.line, "message": e.message} for e in result.errors]
    failing = {f.fingerprint for f in result.failing()}
    document["check"] = {
        "articles": [s.path for s in result.articles],
        "corpus_articles": result.corpus_articles,
        "fail_on": result.fail_on.value if result.fail_on else "never",
        "fails": bool(failing),
        "findings": [check_finding_fields(f) | {"fails": f.fingerprint in failing} for f in result.findings],
        "baselined": [check_finding_fields(f) for f in result.baselined],
        "facts_checked": [
            {
                "path": c.path,
                "fact": c.fact.id,
                "claims": c.claims,
                "corpus_sources": c.corpus_sources,
                "findings": len(c.findings),
                "baselined": len(c.baselined),
            }
            for c in result.checks
        ],
    }
    return document


def render_check(result: CheckReport, out: TextIO) -> None:
    dump(check_document(result), out)
