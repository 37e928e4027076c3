"""The HTML report: one self-contained, escaped, deterministic page, every claim marked in its article's text."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.articles import read_article
from factcheck.cache import ClaimCache
from factcheck.intervals import Interval, Qualifier
from factcheck.models import (
    ArticleText,
    Claim,
    ClaimKind,
    FactInfo,
    Finding,
    JudgedClaim,
    Mark,
    PartyFigure,
    Reason,
    Report,
    Review,
    ReviewDecision,
    Severity,
    SourceSummary,
    Status,
    TimelineEntry,
    Verdict,
)
from factcheck.pipeline import claims_of, run_report
from factcheck.render import REPORT_FORMATS
from factcheck.render.html import (
    CONTRAST_PAIRS,
    CSS,
    PALETTE,
    STATUS_LABELS,
    document,
    fact_anchor,
    slug,
    wire_anchor,
)
from factcheck.render.json_format import render as render_json
from factcheck.render.values import REASON_WORDS
from factcheck.rules.loader import RuleSet, load_rules
from factcheck.texts import article_texts, on_findings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("corpus/geneva-2022")
STORIES = ROOT / "tests" / "data" / "stories"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    ancestors: tuple[Element, ...]
    text: list[str] = field(default_factory=list)

    def inside(self, tag: str, **attrs: str) -> Element | None:
        for element in reversed(self.ancestors):
            if element.tag == tag and all(element.attrs.get(k) == v for k, v in attrs.items()):
                return element
        return None


class Page(HTMLParser):
    """The page's elements (with their ancestors and text), checked to be well nested on the way."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.problems: list[str] = []
        self.feed(source)
        self.close()
        if self.stack:
            self.problems.append(f"unclosed: {[e.tag for e in self.stack]}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, tuple(self.stack))
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1].tag != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1].tag if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text.append(data)

    def find(self, tag: str | None = None, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if (tag is None or e.tag == tag) and all(e.attrs.get(k.rstrip("_"), None) == v for k, v in attrs.items())
        ]

    def by_id(self) -> dict[str, Element]:
        return {e.attrs["id"]: e for e in self.elements if "id" in e.attrs}

    def classed(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in e.attrs.get("class", "").split()]


def text_of(element: Element) -> str:
    return "".join(element.text)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(ROOT / "rules")


@pytest.fixture(scope="module")
def report(rules: RuleSet) -> Iterator[Report]:
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        plain = run_report(CORPUS, rules)
        with ClaimCache(None) as cache:
            texts = on_findings(article_texts(CORPUS, rules, cache), plain.findings)
        yield plain.model_copy(update={"articles": texts})
    finally:
        os.chdir(previous)


@pytest.fixture(scope="module")
def page_html(report: Report) -> str:
    return document(report)


@pytest.fixture(scope="module")
def page(page_html: str) -> Page:
    return Page(page_html)


def _story(name: str) -> Report:
    """A story folder's report (with its own rules), with the articles' texts."""
    folder = STORIES / name
    rules = load_rules(folder / "rules.yaml")
    plain = run_report(folder, rules)
    with ClaimCache(None) as cache:
        texts = on_findings(article_texts(folder, rules, cache), plain.findings)
    return plain.model_copy(update={"articles": texts})


@pytest.fixture(scope="module")
def flood() -> Report:
    return _story("flood-toll")


@pytest.fixture(scope="module")
def rail() -> Report:
    return _story("rail-wire")


def assert_sound(page: Page) -> None:
    """Well nested, one of each landmark, headings in order, unique ids, and every fragment link lands."""
    assert page.problems == []
    for landmark in ("header", "nav", "main", "footer"):
        assert len(page.find(landmark)) == 1, landmark
    levels = [int(e.tag[1]) for e in page.elements if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    ids = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    for element in page.find("a"):
        assert element.attrs["href"][1:] in set(ids), element.attrs["href"]


def fact_element(page: Page, fact_id: str) -> Element:
    (element,) = page.find("article", id=fact_anchor(fact_id))
    return element


def within(page: Page, outer: Element, tag: str | None = None) -> list[Element]:
    return [e for e in page.elements if outer in e.ancestors and (tag is None or e.tag == tag)]


def test_registered_as_a_report_format(report: Report) -> None:
    buffer = io.StringIO()
    REPORT_FORMATS["html"](report, buffer)
    assert buffer.getvalue().startswith('<!DOCTYPE html>\n<html lang="en">')


def test_page_is_well_nested_with_landmarks_and_ordered_headings(page: Page) -> None:
    assert page.problems == []
    for landmark in ("header", "nav", "main", "footer"):
        assert len(page.find(landmark)) == 1, landmark
    assert page.find("nav")[0].attrs.get("aria-label")
    levels = [int(e.tag[1]) for e in page.elements if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_ids_are_unique_and_every_fragment_link_lands(page: Page) -> None:
    ids = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    known = set(ids)
    for element in page.find("a"):
        href = element.attrs.get("href", "")
        assert href.startswith("#"), href
        assert href[1:] in known, href


def test_nothing_is_loaded_from_anywhere(page: Page, page_html: str) -> None:
    for element in page.elements:
        for name, value in element.attrs.items():
            if name in {"src", "href", "action", "data", "poster", "srcset", "formaction", "background", "cite"}:
                assert not re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", value, re.I), (element.tag, name, value)
    assert not page.find("img") and not page.find("link") and not page.find("iframe")
    assert [e.attrs.get("src") for e in page.find("script")] == [None]
    css = "".join(text_of(e) for e in page.find("style"))
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", page_html, re.I)


def test_content_security_policy_allows_exactly_the_inline_style_and_script(page: Page) -> None:
    policy = next(
        e.attrs["content"] for e in page.find("meta") if e.attrs.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in policy
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        (element,) = page.find(tag)
        digest = base64.b64encode(hashlib.sha256(text_of(element).encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


def test_facts_in_the_report_order_with_their_claims(page: Page, report: Report) -> None:
    facts = [e for e in page.find("article") if "fact" in e.attrs.get("class", "").split()]
    assert [e.attrs["id"] for e in facts] == [fact_anchor(f.fact.id) for f in report.findings]
    assert [e.attrs["data-status"] for e in facts] == [f.status.value for f in report.findings]
    assert report.findings[0].status is Status.CONFLICT
    for element, finding in zip(facts, report.findings, strict=True):
        rows = [r for r in page.find("tr") if element in r.ancestors and "data-source" in r.attrs]
        assert [r.attrs["data-source"] for r in rows] == [slug(j.claim.source) for j in finding.claims]
        assert element.attrs["data-sources"].split() == [slug(s) for s in finding.sources]


def test_the_washington_post_outlier_is_shown_with_value_interval_and_verdict(page_html: str) -> None:
    assert "Outlier: The Washington Post against Foreign Policy, USA TODAY" in page_html
    row = re.search(r'<tr class="verdict-outlier" data-source="washington-post">.*?</tr>', page_html)
    assert row is not None
    assert '<strong class="hl">seven-hour</strong>' in row.group(0)
    assert ">7 h<" in row.group(0)
    assert ">[6.65, 7.35]<" in row.group(0)
    assert ">outlier<" in row.group(0)


def test_every_claim_is_marked_in_its_article_and_linked_both_ways(page: Page, report: Report, rules: RuleSet) -> None:
    ids = page.by_id()
    for finding in report.findings:
        for judged in finding.claims:
            claim = judged.claim
            mark = ids[f"m-{slug(claim.source)}-{claim.start}-{claim.end}"]
            assert mark.tag == "mark"
            assert text_of(mark) == claim.text
            article = mark.inside("article", **{"class": "source-article"})
            assert article is not None and article.attrs["id"] == f"article-{slug(claim.source)}"
            assert slug(finding.fact.id) in mark.attrs["data-facts"].split()
            link = mark.inside("a")
            if claim.kind is ClaimKind.QUOTE:  # a passage links from its end, so the claims within it can link
                assert link is None or link.attrs["href"] != f"#{fact_anchor(finding.fact.id)}"
            else:
                href = f"#fact-{mark.attrs['data-facts'].split()[0]}"
                assert link is not None and link.attrs["href"] == href, (claim.kind, claim.text)
            fact_id = fact_anchor(finding.fact.id)
            back = [a for a in page.find("a", href=f"#{mark.attrs['id']}") if a.inside("article", id=fact_id)]
            assert back, f"no link from {finding.fact.id} to its claim in {claim.source}"
    # The claims on no fact are marked too.
    for path in sorted((ROOT / CORPUS).glob("*.md")):
        source = read_article(path)
        for claim in claims_of(source, rules):
            mark = ids[f"m-{slug(source.id)}-{claim.start}-{claim.end}"]
            assert text_of(mark) == source.text[claim.start : claim.end]


def test_the_front_matter_is_not_shown(page_html: str) -> None:
    assert "published: 2022-01-10" not in page_html
    assert "outlet: The Washington Post" not in page_html


def test_rendering_is_byte_identical(report: Report, page_html: str) -> None:
    assert document(report) == page_html
    assert document(report.model_copy(deep=True)) == page_html


def test_json_leaves_the_article_texts_out(report: Report) -> None:
    with_texts, without = io.StringIO(), io.StringIO()
    render_json(report, with_texts)
    render_json(report.model_copy(update={"articles": ()}), without)
    assert with_texts.getvalue() == without.getvalue()
    assert "articles" not in json.loads(with_texts.getvalue())


def test_a_report_without_texts_has_no_articles_section_and_no_dangling_links(report: Report) -> None:
    page = Page(document(report.model_copy(update={"articles": ()})))
    assert page.problems == []
    assert "articles" not in page.by_id()
    assert not page.find("mark")
    known = set(page.by_id())
    assert all(a.attrs["href"][1:] in known for a in page.find("a"))


def test_colours_meet_wcag_aa() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for fg, bg in CONTRAST_PAIRS:
        high, low = sorted((luminance(PALETTE[fg]), luminance(PALETTE[bg])), reverse=True)
        ratio = (high + 0.05) / (low + 0.05)
        assert ratio >= 4.5, f"{fg} on {bg}: {ratio:.2f}"


def _hostile_corpus(folder: Path) -> Path:
    corpus = folder / "story"
    corpus.mkdir()
    (corpus / "evil.md").write_text(
        "---\n"
        "outlet: \"<script>alert('outlet')</script> & Co\"\n"
        'title: "Talks end after seven-hour meeting in Geneva <img src=x onerror=alert(1)>"\n'
        "published: 2022-01-11\n"
        'url: https://example.invalid/"><script>alert(2)</script>\n'
        "---\n"
        'Officials said the <script>alert(3)</script> talks in Geneva on Monday were </div> "frank" & useful.\n'
        "\n"
        "After a nearly eight-hour meeting with Sherman on Monday, Ryabkov spoke to <b>reporters</b>.\n",
        encoding="utf-8",
    )
    (corpus / "plain.md").write_text(
        "---\noutlet: Plain News\npublished: 2022-01-11\n---\n"
        "U.S. and Russian diplomats held a seven-hour meeting in Geneva on Monday.\n",
        encoding="utf-8",
    )
    return corpus


def test_hostile_text_is_escaped_everywhere(tmp_path: Path, rules: RuleSet) -> None:
    corpus = _hostile_corpus(tmp_path)
    plain = run_report(corpus, rules)
    with ClaimCache(None) as cache:
        texts = on_findings(article_texts(corpus, rules, cache), plain.findings)
    assert texts and plain.findings
    finding = plain.findings[0]
    judged = tuple(
        j.model_copy(
            update={
                "fingerprint": "<fp>",
                "review": Review(
                    fingerprint="<fp>",
                    decision=ReviewDecision.CONFIRMED,
                    editor="<script>alert('editor')</script>",
                    at=dt.datetime(2022, 1, 12, 9, 30, tzinfo=dt.UTC),
                    note="</td></tr><script>alert('note')</script>",
                    wrong="evil",
                ),
            }
        )
        for j in finding.claims
    )
    hostile_fact = finding.fact.model_copy(update={"title": "<script>alert('fact')</script>", "description": "a<b"})
    findings = (finding.model_copy(update={"claims": judged, "fact": hostile_fact}), *plain.findings[1:])
    report = plain.model_copy(update={"findings": findings, "articles": texts, "corpus": "<story> & 'x'"})
    page_html = document(report)
    page = Page(page_html)
    assert page.problems == []
    assert page_html.count("<script") == 1  # the page's own
    assert "<img" not in page_html and "<b>" not in page_html and '</div> "frank"' not in page_html
    assert "&lt;script&gt;alert(&#x27;outlet&#x27;)&lt;/script&gt; &amp; Co" in page_html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page_html
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(&#x27;note&#x27;)" in page_html
    assert "<title>Consistency report: &lt;story&gt; &amp; &#x27;x&#x27;</title>" in page_html
    assert "example.invalid" not in page_html  # the front matter is not shown
    # The title's claim (the body does not repeat the headline) is marked in the headline.
    headline = page.classed("headline")
    assert headline and any(m.tag == "mark" for m in page.elements if headline[0] in m.ancestors)


def test_review_is_shown_with_decision_editor_time_note_and_wrong_outlet(report: Report) -> None:
    index = next(i for i, f in enumerate(report.findings) if f.fact.id == "geneva.meeting-duration")
    finding = report.findings[index]
    claims = tuple(
        j.model_copy(
            update={
                "fingerprint": "7f2f14bf37e688c3",
                "review": Review(
                    fingerprint="7f2f14bf37e688c3",
                    decision=ReviewDecision.CONFIRMED,
                    editor="Ana Editor",
                    at=dt.datetime(2022, 1, 12, 9, 30, tzinfo=dt.UTC),
                    note="The Post counted from the start of the working lunch.",
                    wrong="washington-post",
                ),
            }
        )
        if j.verdict is Verdict.OUTLIER
        else j
        for j in finding.claims
    )
    findings = list(report.findings)
    findings[index] = finding.model_copy(update={"claims": claims})
    page_html = document(report.model_copy(update={"findings": tuple(findings)}))
    row = re.search(r'<tr class="verdict-outlier" data-source="washington-post">.*?</tr>', page_html)
    assert row is not None
    cell = row.group(0)
    assert "<strong>Confirmed error</strong>: The Washington Post is wrong" in cell
    assert "by Ana Editor" in cell
    assert '<time datetime="2022-01-12T09:30:00+00:00">2022-01-12 09:30 UTC</time>' in cell
    assert "The Post counted from the start of the working lunch." in cell
    assert "7f2f14bf37e688c3" in cell
    assert '<th scope="col" class="c-review">Review</th>' in page_html


def test_nested_overlapping_and_shared_marks_stay_well_formed() -> None:
    text = "---\noutlet: X\npublished: 2022-01-01\n---\nThe meeting on Monday, January 10, 2022 lasted seven hours.\n"
    body = text.index("The")

    def at(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    date, day, year, hours = at("Monday, January 10, 2022"), at("January 10"), at("10, 2022 lasted"), at("seven hours")
    marks = (
        Mark(start=date[0], end=date[1], fact="a.date", kind=ClaimKind.DATE),
        Mark(start=day[0], end=day[1], fact="b.date", kind=ClaimKind.DATE),  # within the first
        Mark(start=year[0], end=year[1], fact=None, kind=ClaimKind.QUANTITY),  # overlaps it
        Mark(start=hours[0], end=hours[1], fact="c.length", kind=ClaimKind.DURATION),
        Mark(start=hours[0], end=hours[1], fact="factcheck.self-contradiction.duration", kind=ClaimKind.DURATION),
    )
    article = ArticleText(source="x y", title=None, text=text, body_start=body, marks=marks)
    findings = tuple(
        Finding(
            fact=FactInfo(id=fact, title=fact.upper(), kind=kind, severity=Severity.WARNING),
            status=Status.SINGLE,
            severity=Severity.WARNING,
            claims=(),
            majority=(),
            outliers=(),
        )
        for fact, kind in (
            ("a.date", ClaimKind.DATE),
            ("b.date", ClaimKind.DATE),
            ("c.length", ClaimKind.DURATION),
            ("factcheck.self-contradiction.duration", ClaimKind.DURATION),
        )
    )
    report = Report(corpus="c", sources=(), findings=findings, articles=(article,))
    page_html = document(report)
    page = Page(page_html)
    assert page.problems == []
    ids = page.by_id()
    for link in page.find("a"):
        assert link.inside("a") is None, "links never nest"
        assert link.attrs["href"][1:] in ids
    sid = slug("x y")
    assert sid == "x_20_y"
    assert text_of(ids[f"m-{sid}-{date[0]}-{date[1]}"]) == "Monday, January 10, 2022"
    assert text_of(ids[f"m-{sid}-{day[0]}-{day[1]}"]) == "January 10"
    assert ids[f"m-{sid}-{hours[0]}-{hours[1]}"].attrs["data-facts"].split() == [
        "c.length",
        "factcheck.self-contradiction.duration",
    ]
    hrefs = [a.attrs["href"] for a in page.find("a")]
    for fact in ("a.date", "b.date", "c.length", "factcheck.self-contradiction.duration"):
        assert f"#{fact_anchor(fact)}" in hrefs
    shown = page_html.split('<div class="article-text">')[1].split("</div>")[0]
    assert html.unescape(re.sub(r"<sup.*?</sup>|<[^>]+>", "", shown)) == text[body:].rstrip()


def test_slugs_are_one_to_one() -> None:
    names = ["a b", "a_b", "a_20_b", "a-b", "a.b", "é", "_", "__"]
    assert len({slug(n) for n in names}) == len(names)
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", slug(n)) for n in names)


def _script() -> str:
    beside = Path(sys.executable).parent / "factcheck"
    found = str(beside) if beside.is_file() else shutil.which("factcheck")
    assert found is not None
    return found


def test_cli_writes_the_page_atomically_and_identically(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORCE_COLOR", "PYTHON"))}
    env["FACTCHECK_DECISIONS"] = str(tmp_path / "decisions.sqlite")  # no editors' decisions: a fresh store
    outputs = []
    for run in (1, 2):
        target = tmp_path / f"report-{run}.html"
        done = subprocess.run(
            [
                _script(),
                "report",
                "corpus/geneva-2022",
                "--format",
                "html",
                "--output",
                str(target),
                "--cache-dir",
                str(tmp_path / "cache"),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1, done.stderr  # the story has conflicts
        assert done.stdout == ""
        outputs.append(target.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]  # a cold cache, then a warm one
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    page = Page(outputs[0])
    assert page.problems == []
    assert len(page.classed("source-article")) == 5
    assert [e.attrs["data-source"] for e in page.classed("source-article")] == [
        "foreign-policy",
        "security-management",
        "the-week",
        "usa-today",
        "washington-post",
    ]
    done = subprocess.run(
        [_script(), "report", "corpus/geneva-2022", "--format", "json", "--no-cache"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    facts = json.loads(done.stdout)["facts"]
    shown = [e for e in page.find("article") if "fact" in e.attrs.get("class", "").split()]
    assert [e.attrs["id"] for e in shown] == [fact_anchor(f["id"]) for f in facts]
    assert "<h1>Consistency report: corpus/geneva-2022</h1>" in outputs[0]
    assert "Outlier: The Washington Post against Foreign Policy, USA TODAY" in outputs[0]
    assert 'id="m-washington-post-' in outputs[0]


def test_a_bad_article_has_no_text_and_its_error_is_on_the_page(tmp_path: Path, rules: RuleSet) -> None:
    corpus = _hostile_corpus(tmp_path)
    (corpus / "broken.md").write_bytes(b"---\noutlet: Broken\npublished: 2022-01-11\n---\nbad \xff byte\n")
    with ClaimCache(None) as cache:
        texts = article_texts(corpus, rules, cache)
    assert [t.source for t in texts] == ["evil", "plain"]
    for text in texts:
        assert all(0 <= m.start < m.end <= len(text.text) for m in text.marks)
        assert any(m.fact is not None for m in text.marks) and any(m.fact is None for m in text.marks)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORCE_COLOR", "PYTHON"))}
    env["FACTCHECK_DECISIONS"] = str(tmp_path / "decisions.sqlite")
    target = tmp_path / "out" / "report.html"
    done = subprocess.run(
        [_script(), "report", str(corpus), "--format", "html", "--output", str(target), "--no-cache"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "broken.md" in done.stderr
    page = Page(target.read_text(encoding="utf-8"))
    assert page.problems == []
    assert [e.attrs["data-source"] for e in page.classed("source-article")] == ["evil", "plain"]
    (errors,) = page.classed("errors")
    assert "broken.md:5" in text_of(errors) and "not valid UTF-8" in text_of(errors)


def test_every_status_has_a_label_a_badge_a_filter_box_and_a_count(page: Page, report: Report) -> None:
    assert set(STATUS_LABELS) == set(Status)
    boxes = page.find("input", name="status")
    assert [b.attrs["value"] for b in boxes] == [s.value for s in Status]
    for box, status in zip(boxes, Status, strict=True):
        label = box.inside("label")
        assert label is not None and STATUS_LABELS[status] in text_of(label)
        (count,) = page.find("span", **{"data-count": f"status:{status.value}"})
        assert text_of(count) == str(sum(1 for f in report.findings if f.status is status))
    summary = page.by_id()["summary"]
    badges = [e for e in page.classed("badge") if summary in e.ancestors]
    assert [b.attrs["class"] for b in badges] == [f"badge status-{s.value}" for s in Status]
    assert [text_of(b) for b in badges] == [STATUS_LABELS[s] for s in Status]
    for status in Status:
        assert f".status-{status.value} {{ background: {PALETTE[status.value]}; }}" in CSS
        assert ("badge-text", status.value) in CONTRAST_PAIRS


def _claim(source: str, sentence: str, words: str, value: float, party: str | None) -> Claim:
    start = sentence.index(words)
    return Claim(
        source=source,
        kind=ClaimKind.MEASURE,
        text=words,
        start=start,
        end=start + len(words),
        line=5,
        sentence=sentence,
        sentence_start=0,
        qualifier=Qualifier.EXACT,
        stated_low=value,
        stated_high=value,
        unit="magnitude",
        attributed_to=party,
    )


def _parties_report() -> Report:
    usgs, agency = "U.S. Geological Survey", "<b>Tolvana</b> & Seismic Agency"
    claims = (
        _claim("meridian", "USGS put the quake at magnitude 7.4, the U.S. Geological Survey said.", "7.4", 7.4, usgs),
        _claim("orison", "The quake had a magnitude of 7.4, according to the USGS.", "7.4", 7.4, usgs),
        _claim("tbc", "The national agency put the quake at magnitude 7.2.", "7.2", 7.2, agency),
    )
    judged = tuple(
        JudgedClaim(claim=c, compared=Interval(low=c.stated_low, high=c.stated_high), verdict=Verdict.MAJORITY)
        for c in claims
    )
    finding = Finding(
        fact=FactInfo(
            id="quake.magnitude", title="Magnitude of the quake", kind=ClaimKind.MEASURE, severity=Severity.ERROR
        ),
        status=Status.PARTIES,
        severity=Severity.ERROR,
        claims=judged,
        majority=(),
        outliers=(),
        parties=(
            PartyFigure(party=usgs, value="magnitude 7.4", sources=("meridian", "orison")),
            PartyFigure(party=agency, value="magnitude 7.2", sources=("tbc",)),
        ),
        timeline=(
            TimelineEntry(
                at="2024-09-17T05:10", value="magnitude 7.4", sources=("meridian",), change="first", party=usgs
            ),
            TimelineEntry(at="2024-09-17T06:00", value="magnitude 7.2", sources=("tbc",), change="first", party=agency),
        ),
    )
    sources = tuple(
        SourceSummary(id=s, outlet=o, published=dt.date(2024, 9, 17), path=f"q/{s}.md", agree=1, conflict=0, single=0)
        for s, o in (("meridian", "Daily Meridian"), ("orison", "Orison Wire"), ("tbc", "TBC <News>"))
    )
    return Report(corpus="quake", sources=sources, findings=(finding,))


def test_a_fact_whose_parties_differ_shows_each_partys_figure() -> None:
    report = _parties_report()
    page_html = document(report)
    assert document(report.model_copy(deep=True)) == page_html
    page = Page(page_html)
    assert_sound(page)
    fact = fact_element(page, "quake.magnitude")
    assert fact.attrs["data-status"] == "parties"
    (badge,) = [e for e in within(page, fact) if "badge" in e.attrs.get("class", "")]
    assert badge.attrs["class"] == "badge status-parties" and text_of(badge) == "Parties differ"
    (outcome,) = [e for e in within(page, fact, "p") if "parties" in e.attrs.get("class", "").split()]
    assert text_of(outcome) == (
        "Parties differ (U.S. Geological Survey vs <b>Tolvana</b> & Seismic Agency): "
        "a disagreement between the parties, not the outlets"
    )
    (listing,) = [e for e in within(page, fact, "ul") if "parties-list" in e.attrs.get("class", "")]
    assert listing.attrs["aria-labelledby"] == outcome.attrs["id"]
    items = [" ".join(text_of(li).split()) for li in within(page, listing, "li")]
    assert items == [
        "U.S. Geological Survey: magnitude 7.4 (cited by Daily Meridian, Orison Wire)",
        "<b>Tolvana</b> & Seismic Agency: magnitude 7.2 (cited by TBC <News>)",
    ]
    assert "&lt;b&gt;Tolvana&lt;/b&gt; &amp; Seismic Agency" in page_html and "<b>" not in page_html
    values = [text_of(td) for td in within(page, fact, "td") if td.attrs.get("data-label") == "Value"]
    assert values == [
        "magnitude 7.4 · per U.S. Geological Survey",
        "magnitude 7.4 · per U.S. Geological Survey",
        "magnitude 7.2 · per <b>Tolvana</b> & Seismic Agency",
    ]
    assert "1 differ by party" in text_of(page.classed("lede")[0])
    assert text_of(page.find("span", **{"data-count": "status:parties"})[0]) == "1"
    (timeline,) = [e for e in within(page, fact, "ol") if "timeline" in e.attrs.get("class", "").split()]
    assert [" ".join(text_of(li).split()) for li in within(page, timeline, "li")] == [
        "2024-09-17T05:10 [U.S. Geological Survey]: magnitude 7.4 (Daily Meridian) — first report",
        "2024-09-17T06:00 [<b>Tolvana</b> & Seismic Agency]: magnitude 7.2 (TBC <News>) — first report",
    ]
    assert "wires" not in page.by_id()


def test_an_evolving_fact_shows_its_timeline_and_superseded_claims(flood: Report) -> None:
    page_html = document(flood)
    assert document(flood.model_copy(deep=True)) == page_html
    page = Page(page_html)
    assert_sound(page)
    outlets = {s.id: s.outlet for s in flood.sources}
    updated = [f for f in flood.findings if f.status is Status.UPDATED and f.timeline]
    assert updated, "the flood story has an evolving figure that changed"
    evolving = [f for f in flood.findings if f.timeline]
    for finding in evolving:
        fact = fact_element(page, finding.fact.id)
        assert fact.attrs["data-status"] == finding.status.value
        (timeline,) = [e for e in within(page, fact, "ol") if "timeline" in e.attrs.get("class", "").split()]
        entries = within(page, timeline, "li")
        assert len(entries) == len(finding.timeline)
        for li, entry in zip(entries, finding.timeline, strict=True):
            words = " ".join(text_of(li).split())
            assert words.startswith(f"{entry.at}: {entry.value} (")
            assert ", ".join(outlets[s] for s in entry.sources) in words
            (time,) = within(page, li, "time")
            assert time.attrs["datetime"] == entry.at
            (change,) = [e for e in within(page, li, "span") if "change" in e.attrs.get("class", "").split()]
            assert f"change-{entry.change}" in change.attrs["class"]
        rows = [r for r in within(page, fact, "tr") if "data-source" in r.attrs]
        assert [r.attrs["class"] for r in rows] == [f"verdict-{j.verdict.value}" for j in finding.claims]
        for row, judged in zip(rows, finding.claims, strict=True):
            (verdict,) = [e for e in within(page, row) if "verdict" in e.attrs.get("class", "").split()]
            assert text_of(verdict) == judged.verdict.value
            assert f"verdict-word-{judged.verdict.value}" in verdict.attrs["class"]
            (value,) = [td for td in within(page, row, "td") if td.attrs.get("data-label") == "Value"]
            if judged.claim.as_of:
                assert f" · as of {judged.claim.as_of}" in text_of(value)
    superseded = [j for f in evolving for j in f.claims if j.verdict is Verdict.SUPERSEDED]
    assert superseded
    assert len(page.classed("verdict-word-superseded")) == len(superseded)
    assert ".verdict-word-superseded { color: #545454;" in CSS  # muted
    count = sum(1 for f in flood.findings if f.status is Status.UPDATED)
    assert f"{count} updated" in text_of(page.classed("lede")[0])
    # A lower death toll later in the day is flagged in the timeline, and its row says why it is an outlier.
    decreases = [f for f in evolving if any(t.change == "decrease" for t in f.timeline)]
    for finding in decreases:
        fact = fact_element(page, finding.fact.id)
        assert [e for e in within(page, fact, "span") if "change-decrease" in e.attrs.get("class", "")]
        for judged in finding.claims:
            if judged.reason is not None and judged.reason is not finding.reason:
                assert REASON_WORDS[judged.reason.value] in text_of(fact)
    # The outlets table: the updated column, and the publication time where the front matter gives one.
    (table,) = page.classed("outlets-table")
    heads = [text_of(th) for th in within(page, table, "th") if th.attrs.get("scope") == "col"]
    assert heads == ["Outlet", "Published", "Agree", "Conflict", "Single", "Updated", "Wire copy of", "File"]
    rows = within(page, table, "tr")[1:]
    assert len(rows) == len(flood.sources)
    for row, source in zip(rows, flood.sources, strict=True):
        cells = {td.attrs["data-label"]: td for td in within(page, row, "td")}
        assert text_of(cells["Updated"]) == str(source.updated)
        assert text_of(cells["Wire copy of"]) == ""
        when = (
            source.published_at.isoformat(timespec="minutes") if source.published_at else source.published.isoformat()
        )
        assert text_of(cells["Published"]) == when
        assert within(page, cells["Published"], "time")[0].attrs["datetime"] == when
    assert any(s.published_at is not None for s in flood.sources)
    assert any(s.updated for s in flood.sources)


def test_a_conflict_shows_its_reason_in_words(rail: Report) -> None:
    page = Page(document(rail))
    conflicts = [f for f in rail.findings if f.status is Status.CONFLICT and f.reason is not None]
    assert conflicts
    for finding in conflicts:
        fact = fact_element(page, finding.fact.id)
        reason = finding.reason
        assert reason is not None
        (outcome,) = [e for e in within(page, fact, "p") if "conflict" in e.attrs.get("class", "").split()]
        assert text_of(outcome).endswith(f" · reason: {reason.value} ({REASON_WORDS[reason.value]})")
    assert any(f.reason is Reason.COPY for f in conflicts)
    assert "a wire copy changed the wire&#x27;s figure" in document(rail)


def test_wire_stories_are_listed_with_their_mastheads(rail: Report) -> None:
    page_html = document(rail)
    assert document(rail.model_copy(deep=True)) == page_html
    page = Page(page_html)
    assert_sound(page)
    assert rail.wires
    ids = page.by_id()
    section = ids["wires"]
    assert section.tag == "section" and section.inside("section", id="summary") is not None
    assert text_of(ids["wires-title"]) == "Wire stories" and ids["wires-title"].tag == "h3"
    assert page.find("a", href="#wires") and page.find("a", href="#wires")[0].inside("nav") is not None
    for wire in rail.wires:
        item = ids[wire_anchor(wire.key)]
        assert item.tag == "li" and section in item.ancestors
        assert wire.name in text_of(item) and ("declared" if wire.declared else "shared") in text_of(item)
        mastheads = [li for li in within(page, item, "li")]
        assert [" ".join(text_of(li).split()) for li in mastheads] == [
            name + (" (original)" if member == wire.original else "")
            for member, name in zip(wire.members, wire.outlets, strict=True)
        ]
        for li, member in zip(mastheads, wire.members, strict=True):  # each masthead links to its text
            assert [a.attrs["href"] for a in within(page, li, "a")] == [f"#article-{slug(member)}"]
    # The outlets table says which wire each copy is, linked to the wire's entry; so does each article's header.
    (table,) = page.classed("outlets-table")
    rows = within(page, table, "tr")[1:]
    names = {w.key: w.name for w in rail.wires}
    for row, source in zip(rows, rail.sources, strict=True):
        (cell,) = [td for td in within(page, row, "td") if td.attrs["data-label"] == "Wire copy of"]
        links = within(page, cell, "a")
        if source.wire is None:
            assert text_of(cell) == "" and not links
        else:
            assert text_of(cell) == names[source.wire]
            assert [a.attrs["href"] for a in links] == [f"#{wire_anchor(source.wire)}"]
            (article,) = page.find("article", id=f"article-{slug(source.id)}")
            (meta,) = [e for e in within(page, article, "p") if "article-meta" in e.attrs.get("class", "")]
            assert f"wire copy of {names[source.wire]}" in text_of(meta)


def test_a_report_without_wires_has_no_wire_section(page: Page, report: Report) -> None:
    assert not report.wires
    assert "wires" not in page.by_id()
    assert not page.find("a", href="#wires")
