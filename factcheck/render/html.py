"""HTML output: one self-contained page an editor opens in a browser.

Everything is inline (CSS, a small script, no fonts or images), and a Content-Security-Policy with the hashes of
the one style and the one script forbids loading anything else. The page holds a summary (outlets with their
counts, facts by status, the wire stories run under several mastheads), filters by status and by outlet, each fact
(conflicts first) with every outlet's sentence, value, compared interval, verdict and editors' review, and what
each party says or how an evolving figure changed when it has them, and each article's text with every claim
marked and linked to its fact (the facts' rows link back). Every piece of text is escaped, and the output is the
same, byte for byte, for the same report: ids derive from fact ids, source ids and offsets, never from a clock.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from factcheck import __version__
from factcheck.models import (
    ArticleText,
    Finding,
    JudgedClaim,
    Mark,
    Reason,
    Report,
    Review,
    ReviewDecision,
    SourceSummary,
    Status,
    Verdict,
    WordChange,
)
from factcheck.render.values import REASON_WORDS, interval_words, one_line, party_name, shown_value

STATUS_LABELS = {
    Status.CONFLICT: "Conflict",
    Status.PARTIES: "Parties differ",
    Status.UPDATED: "Updated",
    Status.AGREE: "Agree",
    Status.SINGLE: "Single source",
}
# How an evolving fact's value changed at each time of its timeline.
CHANGE_LABELS = {
    "first": "first report",
    "same": "unchanged",
    "updated": "updated",
    "decrease": "LOWER than an earlier report of a figure that can only grow",
    "disputed": "reports of the same time disagree",
}
DECISION_LABELS = {
    ReviewDecision.CONFIRMED: "Confirmed error",
    ReviewDecision.NOT_A_CONFLICT: "Not a conflict",
    ReviewDecision.DIFFERENT_FACTS: "Different facts",
}

# The page's colours. Every (text, background) pair the page uses is listed in CONTRAST_PAIRS, and the tests
# check each against WCAG AA (4.5:1 for text).
PALETTE = {
    "text": "#1b1b1b",
    "bg": "#ffffff",
    "muted": "#545454",
    "panel": "#f3f4f6",
    "rule": "#8a8f98",
    "link": "#0b57d0",
    "focus": "#0b57d0",
    "conflict": "#a4262c",
    "conflict-bg": "#fdeeee",
    "agree": "#1d6b2f",
    "single": "#3a5487",
    "parties": "#8a4b08",
    "updated": "#0f6470",
    "disputed": "#7a2d84",
    "mark": "#ffe27a",
    "mark-unplaced": "#e8e8e8",
    "badge-text": "#ffffff",
    "review-bg": "#eef3fc",
}
CONTRAST_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "bg"),
    ("muted", "bg"),
    ("text", "panel"),
    ("muted", "panel"),
    ("link", "bg"),
    ("link", "panel"),
    ("text", "conflict-bg"),
    ("muted", "conflict-bg"),
    ("link", "conflict-bg"),
    ("conflict", "bg"),
    ("conflict", "conflict-bg"),
    ("agree", "bg"),
    ("single", "bg"),
    ("parties", "bg"),
    ("updated", "bg"),
    ("disputed", "bg"),
    ("disputed", "conflict-bg"),
    ("badge-text", "conflict"),
    ("badge-text", "agree"),
    ("badge-text", "single"),
    ("badge-text", "parties"),
    ("badge-text", "updated"),
    ("text", "mark"),
    ("text", "mark-unplaced"),
    ("text", "review-bg"),
    ("muted", "review-bg"),
)

_CSS_TEMPLATE = """
:root { color-scheme: light; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: {text}; background: {bg};
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
a { color: {link}; text-underline-offset: 2px; }
:focus-visible { outline: 3px solid {focus}; outline-offset: 2px; }
input[type="checkbox"]:focus-visible { outline-offset: 1px; }
.skip-link { position: absolute; left: 1rem; top: -4rem; background: {bg}; padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { top: .5rem; }
.vh {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
header.page { border-bottom: 1px solid {rule}; padding: 1rem 0 .75rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid {rule}; }
h3 { font-size: 1.1rem; margin: 0 0 .35rem; overflow-wrap: anywhere; }
.lede { margin: 0; }
nav.sections ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 0; padding: .6rem 0; }
.muted, .fact-meta, .article-meta, footer { color: {muted}; }
code {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em;
  overflow-wrap: anywhere;
}
.badge {
  display: inline-block; padding: 0 .45rem; border-radius: .25rem; font-size: .8rem; font-weight: 700;
  letter-spacing: .02em; text-transform: uppercase; color: {badge-text}; vertical-align: .1em;
}
.status-conflict { background: {conflict}; }
.status-agree { background: {agree}; }
.status-single { background: {single}; }
.status-parties { background: {parties}; }
.status-updated { background: {updated}; }
.status-list { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
.errors { border-left: 4px solid {conflict}; background: {conflict-bg}; padding: .5rem 1rem; }
.errors ul { margin: .25rem 0; padding-left: 1.25rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid {rule}; }
thead th { font-size: .85rem; color: {muted}; border-bottom: 2px solid {rule}; }
td, th { overflow-wrap: break-word; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.claims-table .c-outlet { width: 11rem; }
.claims-table .c-value { min-width: 7rem; }
.claims-table .c-compared { min-width: 7.5rem; }
.claims-table td.c-value, .claims-table td.c-compared { overflow-wrap: normal; }
.claims-table .c-review { min-width: 12rem; }
.filters { background: {panel}; padding: .5rem 1rem .75rem; border-radius: .4rem; margin-bottom: 1rem; }
.filters fieldset { border: 0; margin: 0; padding: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.filters legend { font-weight: 700; padding: 0; margin-bottom: .15rem; float: left; width: 100%; }
.filters label { display: inline-flex; align-items: center; gap: .35rem; cursor: pointer; min-height: 1.75rem; }
.filters input { width: 1.1rem; height: 1.1rem; margin: 0; }
.filter-actions { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin-top: .35rem; }
button {
  font: inherit; color: {text}; background: {bg}; border: 1px solid {rule}; border-radius: .3rem;
  padding: .2rem .75rem; cursor: pointer;
}
.filter-result { margin: 0; font-weight: 600; }
.no-match { font-weight: 700; padding: .75rem 1rem; border: 2px dashed {rule}; }
.fact { margin: 0 0 1.75rem; padding-top: .5rem; border-top: 1px solid {rule}; scroll-margin-top: .5rem; }
.fact-meta, .fact-description, .fact-outcome { margin: .15rem 0; }
.fact-outcome { font-weight: 600; }
.fact-outcome.conflict { color: {conflict}; }
.fact-outcome.parties { color: {parties}; }
.fact-outcome.updated { color: {updated}; }
.status-detail { margin: .15rem 0 .35rem; padding-left: 1.25rem; }
.status-detail li { margin: .1rem 0; overflow-wrap: anywhere; }
.change { font-weight: 600; }
.change-decrease { color: {conflict}; font-weight: 700; }
.change-disputed { color: {disputed}; font-weight: 700; }
.wire-list { padding-left: 1.25rem; }
.wire-list li { margin: .25rem 0; overflow-wrap: anywhere; }
.wire-list ul { margin: .15rem 0; padding-left: 1.25rem; }
tr.verdict-outlier, tr.verdict-disputed { background: {conflict-bg}; }
.verdict { font-weight: 700; white-space: nowrap; }
.verdict-word-outlier { color: {conflict}; }
.verdict-word-disputed { color: {disputed}; }
.verdict-word-majority { color: {agree}; }
.verdict-word-single { color: {single}; }
.verdict-word-superseded { color: {muted}; font-weight: 400; }
.verdict-word-outlier::before, .verdict-word-disputed::before { content: "\\2716\\00a0" / ""; }
.verdict-word-majority::before { content: "\\2714\\00a0" / ""; }
.verdict-word-superseded::before { content: "\\21bb\\00a0" / ""; }
tr.verdict-superseded td.c-value { color: {muted}; }
.hl { font-weight: 700; background: {mark}; color: {text}; padding: 0 .1em; }
.note { display: block; font-size: .9em; color: {muted}; }
.changes { display: block; font-size: .9em; margin-top: .25em; }
.changes del { color: {conflict}; }
.changes ins { text-decoration: underline; font-weight: 600; }
.review { background: {review-bg}; font-size: .92em; }
.review p { margin: 0; }
.review blockquote { margin: .2rem 0 0; padding-left: .5rem; border-left: 3px solid {rule}; }
.fingerprint code { font-size: .8em; overflow-wrap: anywhere; }
.source-article { margin: 0 0 2rem; scroll-margin-top: .5rem; }
.article-meta { margin: 0 0 .5rem; }
.headline { font-weight: 700; font-size: 1.05rem; margin: .25rem 0 .5rem; }
.article-text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 48rem; margin: 0; }
mark.claim {
  background: {mark}; color: {text}; padding: 0 .1em; border-bottom: 2px solid {text}; scroll-margin-top: 4rem;
}
mark.claim.unplaced { background: {mark-unplaced}; border-bottom: 2px dashed {muted}; }
mark.claim:target { outline: 3px solid {focus}; outline-offset: 1px; }
a.claim-link { color: inherit; text-decoration: none; }
a.claim-link:hover mark { text-decoration: underline; }
sup.also a { font-size: .75rem; padding: 0 .15rem; }
.legend { font-size: .92em; }
.legend .sample { background: {mark}; border-bottom: 2px solid {text}; padding: 0 .2em; }
.legend .sample.unplaced { background: {mark-unplaced}; border-bottom: 2px dashed {muted}; }
footer { border-top: 1px solid {rule}; margin-top: 2rem; padding: .75rem 0 2rem; font-size: .9em; }
@media screen and (max-width: 40rem) {
  .stacked, .stacked tbody, .stacked tr, .stacked th, .stacked td { display: block; width: auto; min-width: 0; }
  .stacked thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .stacked tr { border-bottom: 2px solid {rule}; padding: .25rem 0; }
  .stacked th, .stacked td { border: 0; padding: .1rem .25rem; text-align: left; }
  .stacked td::before { content: attr(data-label) ": "; font-weight: 700; color: {muted}; }
  .stacked td:empty { display: none; }
}
@media print {
  body { font-size: 10pt; color: #000; background: #fff; }
  .wrap { max-width: none; padding: 0; }
  .skip-link, nav.sections, #filters, #no-match, .filter-result { display: none !important; }
  article.fact[hidden] { display: block !important; }
  article.fact tr[hidden] { display: table-row !important; }
  .fact { break-inside: auto; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .badge { color: #000; background: none; border: 1px solid #000; }
  tr.verdict-outlier, tr.verdict-disputed, .review, .errors, .hl, mark.claim, mark.claim.unplaced {
    background: none;
  }
  .hl, mark.claim { text-decoration: underline; }
  .table-wrap { overflow: visible; }
  .claims-table .c-outlet { width: auto; }
  .claims-table .c-wording { width: 40%; }
  .claims-table .c-value, .claims-table .c-compared { min-width: 0; }
  .claims-table .c-review { min-width: 0; width: 18%; }
}
"""

_SCRIPT = """
(() => {
  "use strict";
  const form = document.getElementById("filters");
  if (!form) return;
  const facts = Array.from(document.querySelectorAll("article.fact"));
  const result = document.getElementById("filter-result");
  const noMatch = document.getElementById("no-match");
  const boxes = (name) => Array.from(form.querySelectorAll('input[name="' + name + '"]'));
  const chosen = (name) => new Set(boxes(name).filter((box) => box.checked).map((box) => box.value));
  const sourcesOf = (fact) => (fact.dataset.sources || "").split(" ").filter(Boolean);
  const plural = (n) => n + (n === 1 ? " fact" : " facts");
  const setCount = (key, n) => {
    const el = form.querySelector('[data-count="' + key + '"]');
    if (el) el.textContent = String(n);
  };
  function update() {
    const statuses = chosen("status");
    const outlets = chosen("outlet");
    const byOutlet = (fact) => sourcesOf(fact).some((s) => outlets.has(s));
    let shown = 0;
    for (const fact of facts) {
      const visible = statuses.has(fact.dataset.status) && byOutlet(fact);
      fact.hidden = !visible;
      if (visible) shown += 1;
      for (const row of fact.querySelectorAll("tbody tr[data-source]")) {
        row.hidden = !outlets.has(row.dataset.source);
      }
    }
    for (const box of boxes("status")) {
      setCount("status:" + box.value, facts.filter((f) => f.dataset.status === box.value && byOutlet(f)).length);
    }
    for (const box of boxes("outlet")) {
      setCount("outlet:" + box.value,
        facts.filter((f) => statuses.has(f.dataset.status) && sourcesOf(f).includes(box.value)).length);
    }
    result.textContent = shown === facts.length
      ? "Showing all " + plural(facts.length) + "."
      : "Showing " + shown + " of " + plural(facts.length) + ".";
    noMatch.hidden = shown !== 0;
  }
  function showAll() {
    for (const box of form.querySelectorAll('input[type="checkbox"]')) box.checked = true;
    update();
  }
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("show-all").addEventListener("click", showAll);
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#fact-"]') : null;
    if (!link) return;
    const target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (target && target.hidden) showAll();
  });
  form.hidden = false;
  update();
})();
"""


def _css() -> str:
    css = _CSS_TEMPLATE
    for name, colour in PALETTE.items():
        css = css.replace("{" + name + "}", colour)
    return css


CSS = _css()


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# Nothing may be loaded: no network, no other file; only the page's own style and script run.
CSP = (
    f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(_SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)

_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


def slug(value: str) -> str:
    """A fragment-safe, one-to-one spelling of an id: letters, digits, '.' and '-' kept, anything else '_hex_'."""
    return "".join(c if c in _SAFE else f"_{ord(c):x}_" for c in value)


def fact_anchor(fact_id: str) -> str:
    return f"fact-{slug(fact_id)}"


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class _Anchors:
    """Where each claim's mark is: (source, start, end) -> the mark's element id."""

    marks: dict[tuple[str, int, int], str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    facts: tuple[str, ...]
    kinds: tuple[str, ...]


def _spans(marks: Iterable[Mark], lo: int, hi: int) -> list[_Span]:
    """Marks within [lo, hi), one span per place (a claim on two facts is one span), outer spans first."""
    facts: dict[tuple[int, int], list[str]] = {}
    kinds: dict[tuple[int, int], list[str]] = {}
    for mark in marks:
        if not (lo <= mark.start < mark.end <= hi):
            continue
        key = (mark.start, mark.end)
        facts.setdefault(key, [])
        kinds.setdefault(key, [])
        if mark.fact is not None and mark.fact not in facts[key]:
            facts[key].append(mark.fact)
        if mark.kind.value not in kinds[key]:
            kinds[key].append(mark.kind.value)
    return [
        _Span(start, end, tuple(facts[(start, end)]), tuple(kinds[(start, end)]))
        for start, end in sorted(facts, key=lambda k: (k[0], -k[1]))
    ]


@dataclass
class _Open:
    end: int
    closing: str
    linked: bool
    after: list[str]


def _marked(
    text: str,
    lo: int,
    hi: int,
    marks: Sequence[Mark],
    prefix: str,
    source: str,
    titles: dict[str, str],
    anchors: _Anchors,
) -> str:
    """The text from lo to hi, escaped, each claim in a <mark> (inside a link to its fact when it is on one).

    ``titles`` maps the facts the page shows to their titles (a mark's other facts get no link). Marks nest when
    one claim lies within another; a claim that only overlaps another is cut at the other's edge. Links never
    nest: a claim within a linked claim links to its fact from just after the outer one, and a quote (a passage
    holding other claims) links to its fact from just after its end.
    """
    out: list[str] = []
    pos = lo
    stack: list[_Open] = []

    def close_top() -> None:
        nonlocal pos
        top = stack.pop()
        out.append(e(text[pos : top.end]))
        pos = top.end
        out.append(top.closing)
        if stack:
            stack[-1].after.extend(top.after)
        else:
            out.extend(top.after)

    for span in _spans(marks, lo, hi):
        while stack and stack[-1].end <= span.start:
            close_top()
        start = max(span.start, pos)
        end = min(span.end, stack[-1].end) if stack else span.end
        if start >= end:
            continue
        out.append(e(text[pos:start]))
        pos = start
        mark_id = f"{prefix}-{span.start}-{span.end}"
        anchors.marks.setdefault((source, span.start, span.end), mark_id)
        classes = "claim " + " ".join(f"kind-{k}" for k in span.kinds)
        in_link = any(item.linked for item in stack)
        facts = [f for f in span.facts if f in titles]  # a fact the report does not show gets no link
        if facts:
            data = f' data-facts="{e(" ".join(slug(f) for f in facts))}"'
            opening = f'<mark id="{mark_id}" class="{classes}"{data}>'
            links = list(facts)
            after: list[str] = []
            # A quote's passage holds other claims: it links to its fact from its end, so theirs can link too.
            linked = not in_link and "quote" not in span.kinds
            if linked:
                first = links.pop(0)
                title = e(f"On the fact: {titles.get(first, first)}")
                opening = f'<a class="claim-link" href="#{fact_anchor(first)}" title="{title}">' + opening
                closing = "</mark></a>"
            else:
                closing = "</mark>"
            for fact in links:
                label = e(f"Also on the fact: {titles.get(fact, fact)}")
                after.append(f'<sup class="also"><a href="#{fact_anchor(fact)}" aria-label="{label}">+</a></sup>')
            stack.append(_Open(end, closing, linked, after))
        else:
            kinds = " or ".join(span.kinds)
            title = e(f"A {kinds} claim on no fact")
            out.append(f'<mark id="{mark_id}" class="{classes} unplaced" title="{title}">')
            stack.append(_Open(end, "</mark>", False, []))
            continue
        out.append(opening)
    while stack:
        close_top()
    out.append(e(text[pos:hi]))
    return "".join(out)


def _title_span(text: str, start: int) -> tuple[int, int]:
    """The title's characters on its front-matter line (as the segmenter reads them)."""
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    while end > start and text[end - 1] in "\r \t":
        end -= 1
    if end > start and text[end - 1] in "'\"":
        end -= 1
    return start, end


def _repeats_title(article: ArticleText) -> bool:
    """Whether a paragraph of the body is the title (then the text shows it, and no headline is added)."""
    title = one_line(article.title or "").casefold()
    body = article.text[article.body_start :].replace("\r\n", "\n")
    return any(one_line(paragraph).casefold() == title for paragraph in body.split("\n\n"))


def _article_html(
    article: ArticleText, anchor: str, outlet: str, meta: str, titles: dict[str, str], anchors: _Anchors
) -> str:
    text = article.text
    parts = [
        f'<article class="source-article" id="{anchor}" data-source="{e(slug(article.source))}"'
        f' aria-labelledby="{anchor}-title">'
    ]
    parts.append(f'<h3 id="{anchor}-title">{e(outlet)}</h3>')
    if meta:
        parts.append(f'<p class="article-meta">{meta}</p>')
    prefix = "m-" + anchor.removeprefix("article-")
    if article.title_start is not None and article.title:
        lo, hi = _title_span(text, article.title_start)
        if any(lo <= m.start < m.end <= hi for m in article.marks):
            headline = _marked(text, lo, hi, article.marks, prefix, article.source, titles, anchors)
            parts.append(f'<p class="headline">{headline}</p>')
        elif not _repeats_title(article):
            parts.append(f'<p class="headline">{e(one_line(article.title))}</p>')
    elif article.title and not _repeats_title(article):
        parts.append(f'<p class="headline">{e(one_line(article.title))}</p>')
    start = min(max(article.body_start, 0), len(text))
    end = max(len(text.rstrip()), start, *(m.end for m in article.marks if m.start >= start))
    body = _marked(text, start, min(end, len(text)), article.marks, prefix, article.source, titles, anchors)
    parts.append(f'<div class="article-text">{body}</div>')
    parts.append("</article>")
    return "\n".join(parts)


def _wording(judged: JudgedClaim) -> str:
    """The claim's sentence on one line, the claim's words in bold."""
    claim = judged.claim
    sentence = claim.sentence
    start = claim.start - claim.sentence_start
    end = claim.end - claim.sentence_start
    if not (0 <= start < end <= len(sentence)):
        return f'<strong class="hl">{e(one_line(claim.text))}</strong>'
    before = one_line(sentence[:start])
    middle = one_line(sentence[start:end])
    after = one_line(sentence[end:])
    space_before = " " if before and sentence[:start][-1:].isspace() else ""
    space_after = " " if after and sentence[end:][:1].isspace() else ""
    return f'{e(before)}{space_before}<strong class="hl">{e(middle)}</strong>{space_after}{e(after)}'


_COLUMN_CLASSES = {
    "Outlet": "c-outlet",
    "Line": "num",
    "Wording": "c-wording",
    "Value": "c-value",
    "Compared": "c-compared",
    "Verdict": "c-verdict",
    "Review": "c-review",
}


def _review_html(judged: JudgedClaim, outlets: dict[str, str]) -> str:
    review: Review | None = judged.review
    parts: list[str] = []
    if review is not None:
        head = f"<strong>{e(DECISION_LABELS.get(review.decision, review.decision.value))}</strong>"
        if review.wrong:
            head += f": {e(outlets.get(review.wrong, review.wrong))} is wrong"
        parts.append(f"<p>{head}</p>")
        at = review.at
        shown = at.strftime("%Y-%m-%d %H:%M")
        if at.tzinfo is not None:
            shown += f" {at.tzname() or ''}".rstrip()
        parts.append(f'<p>by {e(review.editor)}, <time datetime="{e(at.isoformat())}">{e(shown)}</time></p>')
        if review.note:
            parts.append(f"<blockquote>{e(review.note)}</blockquote>")
    elif judged.fingerprint:
        parts.append('<p class="muted">Not reviewed</p>')
    if judged.fingerprint:
        parts.append(f'<p class="fingerprint muted">finding <code>{e(judged.fingerprint)}</code></p>')
    return "".join(parts)


def _fact_html(finding: Finding, outlets: dict[str, str], anchors: _Anchors) -> str:
    fact = finding.fact
    anchor = fact_anchor(fact.id)
    sources = " ".join(slug(s) for s in finding.sources)
    reviewed = any(j.review is not None or j.fingerprint for j in finding.claims)
    parts = [
        f'<article class="fact" id="{anchor}" data-status="{finding.status.value}"'
        f' data-sources="{e(sources)}" aria-labelledby="{anchor}-title">',
        f'<h3 id="{anchor}-title"><span class="badge status-{finding.status.value}">'
        f"{STATUS_LABELS[finding.status]}</span> {e(fact.title)}</h3>",
        f'<p class="fact-meta"><code>{e(fact.id)}</code> · {e(fact.kind.value)} · severity '
        f"<strong>{e(finding.severity.value)}</strong>{' · discovered (no rule)' if fact.discovered else ''}</p>",
    ]
    if fact.description:
        parts.append(f'<p class="fact-description">{e(fact.description)}</p>')
    if finding.status is Status.CONFLICT:
        if finding.majority and finding.outliers:
            outcome = (
                f"Outlier: {', '.join(outlets.get(s, s) for s in finding.outliers)} "
                f"against {', '.join(outlets.get(s, s) for s in finding.majority)}"
            )
        else:
            outcome = "No majority: the outlets split evenly (or one outlet contradicts itself)"
        if finding.reason is not None:
            outcome += f" · reason: {finding.reason.value} ({_reason_words(finding.reason)})"
        parts.append(f'<p class="fact-outcome conflict">{e(outcome)}</p>')
    parts.extend(_status_html(finding, outlets, anchor))
    columns = ["Outlet", "Line", "Wording", "Value", "Compared", "Verdict"] + (["Review"] if reviewed else [])
    head = "".join(f'<th scope="col" class="{_COLUMN_CLASSES[c]}">{c}</th>' for c in columns)
    parts.append('<div class="table-wrap">')
    parts.append('<table class="claims-table stacked">')
    parts.append(f'<caption class="vh">What each outlet says: {e(fact.title)}</caption>')
    parts.append(f"<thead><tr>{head}</tr></thead>")
    parts.append("<tbody>")
    for judged in finding.claims:
        claim = judged.claim
        outlet = outlets.get(claim.source, claim.source)
        mark_id = anchors.marks.get((claim.source, claim.start, claim.end))
        if mark_id is not None:
            line = f'<a href="#{mark_id}" aria-label="{e(f"Line {claim.line}, in {outlet}’s text")}">{claim.line}</a>'
        else:
            line = str(claim.line)
        value = e(shown_value(claim))
        if claim.note:
            value += f'<span class="note">{e(claim.note)}</span>'
        if judged.changes:
            value += _changes_html(judged.changes)
        elif judged.reference and finding.reason is not None:
            value += '<span class="note">the quote the others are shown against</span>'
        verdict = judged.verdict.value
        verdict_html = f'<span class="verdict verdict-word-{verdict}">{verdict}</span>'
        if judged.reason is not None and judged.reason is not finding.reason:
            verdict_html += f'<span class="note">{e(_reason_words(judged.reason))}</span>'
        elif judged.verdict is Verdict.SUPERSEDED:
            verdict_html += '<span class="note">an earlier figure, since updated</span>'
        cells = [
            f'<th scope="row" data-label="Outlet">{e(outlet)}</th>',
            f'<td class="num" data-label="Line">{line}</td>',
            f'<td data-label="Wording">{_wording(judged)}</td>',
            f'<td class="c-value" data-label="Value">{value}</td>',
            f'<td class="c-compared" data-label="Compared">{e(interval_words(claim, judged.compared))}</td>',
            f'<td data-label="Verdict">{verdict_html}</td>',
        ]
        if reviewed:
            review = _review_html(judged, outlets)
            cells.append(f'<td class="review" data-label="Review">{review}</td>' if review else "<td></td>")
        parts.append(f'<tr class="verdict-{verdict}" data-source="{e(slug(claim.source))}">' + "".join(cells) + "</tr>")
    parts.append("</tbody></table></div></article>")
    return "\n".join(parts)


def _reason_words(reason: Reason) -> str:
    return REASON_WORDS.get(reason.value, reason.value)


def _status_html(finding: Finding, outlets: dict[str, str], anchor: str) -> list[str]:
    """What the fact's status rests on beyond its claims: each party's figure when the parties the outlets cite
    differ, and an evolving fact's values over time."""

    def names(sources: Sequence[str]) -> str:
        return e(", ".join(outlets.get(s, s) for s in sources))

    parts: list[str] = []
    if finding.parties:
        versus = " vs ".join(party_name(p.party) for p in finding.parties)
        parts.append(
            f'<p class="fact-outcome parties" id="{anchor}-parties">Parties differ ({e(versus)}): '
            "a disagreement between the parties, not the outlets</p>"
        )
        parts.append(f'<ul class="status-detail parties-list" aria-labelledby="{anchor}-parties">')
        for party in finding.parties:
            parts.append(
                f"<li><strong>{e(party_name(party.party))}</strong>: {e(party.value)}"
                f' <span class="muted">(cited by {names(party.sources)})</span></li>'
            )
        parts.append("</ul>")
    if finding.timeline:
        outcome = " updated" if finding.status is Status.UPDATED else ""
        parts.append(f'<p class="fact-outcome{outcome}" id="{anchor}-timeline">Timeline</p>')
        parts.append(f'<ol class="status-detail timeline" aria-labelledby="{anchor}-timeline">')
        for entry in finding.timeline:
            whose = f" <span>[{e(party_name(entry.party))}]</span>" if finding.parties else ""
            change = e(CHANGE_LABELS.get(entry.change, entry.change))
            parts.append(
                f'<li><time datetime="{e(entry.at)}">{e(entry.at)}</time>{whose}: {e(entry.value)}'
                f' <span class="muted">({names(entry.sources)})</span> —'
                f' <span class="change change-{e(entry.change)}">{change}</span></li>'
            )
        parts.append("</ol>")
    return parts


def _changes_html(changes: Sequence[WordChange]) -> str:
    """A quote against the reference quote: the reference's words struck through, this quote's underlined."""
    parts = []
    for change in changes:
        if change.op == "same":
            words = change.words.split()
            shown = change.words if len(words) <= 8 else " ".join(words[:4]) + " … " + " ".join(words[-4:])
            parts.append(e(shown))
        else:
            if change.reference:
                parts.append(f"<del>{e(change.reference)}</del>")
            if change.words:
                parts.append(f"<ins>{e(change.words)}</ins>")
    return f'<span class="changes" aria-label="Word by word against the reference quote">{" ".join(parts)}</span>'


def _published_html(source: SourceSummary) -> str:
    """When the article was published: the time when known (``2024-11-05T08:05+07:00``), else the day."""
    if source.published_at is not None:
        when = source.published_at.isoformat(timespec="minutes")
    else:
        when = source.published.isoformat()
    return f'<time datetime="{e(when)}">{e(when)}</time>'


def wire_anchor(key: str) -> str:
    return f"wire-{slug(key)}"


def _outlets_table(report: Report) -> str:
    wires = {w.key: w.name for w in report.wires}
    rows = []
    for source in report.sources:
        name = source.path.replace("\\", "/").rsplit("/", 1)[-1]
        wire = ""
        if source.wire is not None and source.wire in wires:
            wire = f'<a href="#{wire_anchor(source.wire)}">{e(wires[source.wire])}</a>'
        rows.append(
            f'<tr><th scope="row">{e(source.outlet)}</th>'
            f'<td data-label="Published">{_published_html(source)}</td>'
            f'<td class="num" data-label="Agree">{source.agree}</td>'
            f'<td class="num" data-label="Conflict">{source.conflict}</td>'
            f'<td class="num" data-label="Single">{source.single}</td>'
            f'<td class="num" data-label="Updated">{source.updated}</td>'
            f'<td data-label="Wire copy of">{wire}</td>'
            f'<td data-label="File"><code>{e(name)}</code></td></tr>'
        )
    return (
        '<div class="table-wrap"><table class="outlets-table stacked">'
        '<caption class="vh">Outlets and their claims</caption>'
        '<thead><tr><th scope="col">Outlet</th><th scope="col">Published</th><th scope="col" class="num">Agree</th>'
        '<th scope="col" class="num">Conflict</th><th scope="col" class="num">Single</th>'
        '<th scope="col" class="num">Updated</th><th scope="col">Wire copy of</th>'
        '<th scope="col">File</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>"
    )


def _wires_html(report: Report, outlets: dict[str, str], articles: dict[str, str]) -> str:
    """The wire stories run under several mastheads, each with its mastheads (linked to their texts, if shown)."""
    parts = [
        '<section id="wires" aria-labelledby="wires-title">',
        '<h3 id="wires-title">Wire stories</h3>',
        '<p class="muted">Articles that are one wire story under several mastheads. '
        "Each wire story counts as one source in every majority.</p>",
        '<ul class="wire-list">',
    ]
    for wire in report.wires:
        how = "declared" if wire.declared else f"same text, {wire.similarity:.0%} shared"
        original = ""  # the list marks the original among the mastheads; said here only when it is not one
        if wire.original is not None and wire.original not in wire.members:
            original = f"; original: {e(outlets.get(wire.original, wire.original))}"
        mastheads = []
        for k, member in enumerate(wire.members):
            name = wire.outlets[k] if k < len(wire.outlets) else outlets.get(member, member)
            shown = e(name)
            if member in articles:
                shown = f'<a href="#{articles[member]}">{shown}</a>'
            if member == wire.original:
                shown += ' <span class="muted">(original)</span>'
            mastheads.append(f"<li>{shown}</li>")
        parts.append(
            f'<li id="{wire_anchor(wire.key)}"><strong>{e(wire.name)}</strong> ({e(how)}{original}): '
            f"{len(wire.members)} mastheads<ul>{''.join(mastheads)}</ul></li>"
        )
    parts.append("</ul></section>")
    return "\n".join(parts)


def _filters(report: Report, outlets: dict[str, str], counts: dict[Status, int]) -> str:
    total = len(report.findings)
    status_boxes = []
    for status in Status:
        value = status.value
        status_boxes.append(
            f'<label><input type="checkbox" name="status" value="{value}" checked> {STATUS_LABELS[status]}'
            f' <span class="muted">(<span data-count="status:{value}">{counts[status]}</span>'
            f'<span class="vh"> facts</span>)</span></label>'
        )
    stated: dict[str, int] = {}
    for finding in report.findings:
        for source in finding.sources:
            stated[source] = stated.get(source, 0) + 1
    order = [s.id for s in report.sources] + sorted(set(stated) - {s.id for s in report.sources})
    outlet_boxes = []
    for source in order:
        value = e(slug(source))
        outlet_boxes.append(
            f'<label><input type="checkbox" name="outlet" value="{value}" checked> {e(outlets.get(source, source))}'
            f' <span class="muted">(<span data-count="outlet:{value}">{stated.get(source, 0)}</span>'
            f'<span class="vh"> facts</span>)</span></label>'
        )
    noun = "fact" if total == 1 else "facts"
    return "\n".join(
        [
            '<form id="filters" class="filters" aria-label="Filter the facts" hidden>',
            "<fieldset><legend>Status</legend>" + "".join(status_boxes) + "</fieldset>",
            "<fieldset><legend>Outlet</legend>" + "".join(outlet_boxes) + "</fieldset>",
            '<div class="filter-actions"><button type="button" id="show-all">Show all facts</button>',
            f'<p id="filter-result" class="filter-result" role="status" aria-live="polite">'
            f"Showing all {total} {noun}.</p></div>",
            "</form>",
            '<p id="no-match" class="no-match" hidden>No facts match these filters. '
            "Tick a status and an outlet, or show all facts.</p>",
        ]
    )


def render(report: Report, out: TextIO) -> None:
    out.write(document(report))


def document(report: Report) -> str:
    """The whole page for the report."""
    outlets = {s.id: s.outlet for s in report.sources}
    titles = {f.fact.id: f.fact.title for f in report.findings}
    counts = {status: sum(1 for f in report.findings if f.status is status) for status in Status}
    anchors = _Anchors()

    # The articles first (out of page order), so that the facts' rows know where each claim's mark is.
    articles_html: list[str] = []
    used: dict[str, int] = {}
    published = {s.id: s for s in report.sources}
    wires = {w.key: w for w in report.wires}
    article_anchors: dict[str, str] = {}
    for article in report.articles:
        base = f"article-{slug(article.source)}"
        used[base] = used.get(base, 0) + 1
        anchor = base if used[base] == 1 else f"{base}__{used[base]}"
        article_anchors.setdefault(article.source, anchor)
        summary = published.get(article.source)
        meta = ""
        if summary is not None:
            meta = f"Published {_published_html(summary)} · <code>{e(summary.path)}</code>"
            wire = wires.get(summary.wire) if summary.wire is not None else None
            if wire is not None:
                meta += f' · wire copy of <a href="#{wire_anchor(wire.key)}">{e(wire.name)}</a>'
        articles_html.append(
            _article_html(article, anchor, outlets.get(article.source, article.source), meta, titles, anchors)
        )

    facts_html = [_fact_html(f, outlets, anchors) for f in report.findings]
    total = len(report.findings)
    noun = "fact" if total == 1 else "facts"
    lede = (
        f"{len(report.sources)} sources, {total} {noun}: <strong>{counts[Status.CONFLICT]} in conflict</strong>, "
        + (f"{counts[Status.PARTIES]} differ by party, " if counts[Status.PARTIES] else "")
        + (f"{counts[Status.UPDATED]} updated, " if counts[Status.UPDATED] else "")
        + f"{counts[Status.AGREE]} agree, {counts[Status.SINGLE]} from a single source."
    )

    page: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="generator" content="factcheck {e(__version__)}">',
        f"<title>Consistency report: {e(report.corpus)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<a class="skip-link" href="#main">Skip to the report</a>',
        '<header class="page"><div class="wrap">',
        f"<h1>Consistency report: {e(report.corpus)}</h1>",
        f'<p class="lede">{lede}</p>',
        "</div></header>",
        '<nav class="sections" aria-label="Sections"><div class="wrap"><ul>',
        '<li><a href="#summary">Summary</a></li>',
    ]
    if report.wires:
        page.append('<li><a href="#wires">Wire stories</a></li>')
    page.append('<li><a href="#facts">Facts</a></li>')
    if report.articles:
        page.append('<li><a href="#articles">Articles</a></li>')
    page.append("</ul></div></nav>")
    page.append('<main id="main" tabindex="-1"><div class="wrap">')

    if report.errors:
        page.append('<section class="errors" aria-labelledby="errors-title">')
        page.append('<h2 id="errors-title">Input errors</h2><ul>')
        for error in report.errors:
            where = f"{error.path}:{error.line}" if error.line else error.path
            page.append(f"<li><code>{e(where)}</code>: {e(error.message)}</li>")
        page.append("</ul></section>")

    page.append('<section id="summary" aria-labelledby="summary-title">')
    page.append('<h2 id="summary-title">Summary</h2>')
    page.append(
        '<h3 id="facts-by-status">Facts by status</h3><ul class="status-list" aria-labelledby="facts-by-status">'
    )
    for status in Status:
        page.append(
            f'<li><span class="badge status-{status.value}">{STATUS_LABELS[status]}</span> {counts[status]}</li>'
        )
    page.append("</ul>")
    page.append('<h3 id="outlets-title">Outlets</h3>')
    page.append(
        '<p class="muted">How many of each outlet\'s claims agree with the other outlets, conflict with them or '
        "are the only ones on their fact, and how many of its figures later reports have since updated.</p>"
    )
    page.append(_outlets_table(report))
    if report.wires:
        page.append(_wires_html(report, outlets, article_anchors))
    page.append("</section>")

    page.append('<section id="facts" aria-labelledby="facts-title">')
    page.append('<h2 id="facts-title">Facts</h2>')
    if report.findings:
        page.append(_filters(report, outlets, counts))
        page.extend(facts_html)
    else:
        page.append("<p>No claim of any article is on a declared fact.</p>")
    page.append("</section>")

    if report.articles:
        page.append('<section id="articles" aria-labelledby="articles-title">')
        page.append('<h2 id="articles-title">Articles</h2>')
        page.append(
            '<p class="legend">Each claim found in the text is marked: '
            '<span class="sample">on a fact</span> (it links to the fact), '
            '<span class="sample unplaced">on no fact</span> (dashed underline).</p>'
        )
        page.extend(articles_html)
        page.append("</section>")

    page.append("</div></main>")
    page.append(
        f'<footer><div class="wrap">Generated by factcheck {e(__version__)} from <code>{e(report.corpus)}</code>.'
        "</div></footer>"
    )
    page.append(f"<script>{_SCRIPT}</script>")
    page.append("</body>")
    page.append("</html>")
    return "\n".join(page) + "\n"
