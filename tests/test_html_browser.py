"""The HTML report in a real headless browser: Debian's chromium, driven by playwright.

Skipped (with the reason) when chromium or the playwright package is missing, except in CI (``CI=true``), where
a missing browser fails: CI must run these. ``.ci/run`` installs chromium; ``playwright`` is in the test extra.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


def _missing() -> str | None:
    if not Path(CHROMIUM).is_file():
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def _script() -> str:
    beside = Path(sys.executable).parent / "factcheck"
    found = str(beside) if beside.is_file() else shutil.which("factcheck")
    assert found is not None, "the factcheck console script is not installed"
    return found


def _run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORCE_COLOR", "PYTHON"))}
    env["FACTCHECK_DECISIONS"] = str(tmp / "decisions.sqlite")
    env["FACTCHECK_CACHE_DIR"] = str(tmp / "cache")
    return subprocess.run(
        [_script(), "report", "corpus/geneva-2022", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def report_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The bundled corpus's report, as the CLI writes it: the page, and the JSON document to check it against."""
    tmp = tmp_path_factory.mktemp("html-browser")
    page = tmp / "report.html"
    done = _run(tmp, "--format", "html", "--output", str(page))
    assert done.returncode == 1, done.stderr
    document = json.loads(_run(tmp, "--format", "json").stdout)
    return page, document


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"CI=true and the browser tests cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Loaded:
    """A page with every console message, script error and request recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1280) -> None:
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def visible_facts(self) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(
            "article.fact", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
        )
        return ids

    def visible_rows(self, fact: str) -> list[str]:
        sources: list[str] = self.page.eval_on_selector_all(
            f'[id="{fact}"] tbody tr', "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.source)"
        )
        return sources

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def loaded(browser: Any, report_files: tuple[Path, dict[str, Any]]) -> Iterator[Loaded]:
    page = Loaded(browser, report_files[0])
    yield page
    page.close()


def _fact_ids(document: dict[str, Any], keep: Any = lambda fact: True) -> list[str]:
    return [f"fact-{fact['id']}" for fact in document["facts"] if keep(fact)]


def test_loads_without_errors_or_requests(loaded: Loaded, report_files: tuple[Path, dict[str, Any]]) -> None:
    assert loaded.page.title() == "Consistency report: corpus/geneva-2022"
    assert loaded.errors == []
    assert loaded.failed == []
    assert loaded.requests == [report_files[0].as_uri()]  # the page itself, nothing else
    assert loaded.page.is_visible("#filters")  # the script ran (the filters show only with it)
    assert loaded.page.text_content("#filter-result") == f"Showing all {len(report_files[1]['facts'])} facts."


def test_filtering_by_status_hides_and_shows_facts(loaded: Loaded, report_files: tuple[Path, dict[str, Any]]) -> None:
    document = report_files[1]
    page = loaded.page
    total = len(document["facts"])
    assert loaded.visible_facts() == _fact_ids(document)
    for status in page.eval_on_selector_all("input[name=status]", "els => els.map(e => e.value)"):
        if status != "conflict":
            page.uncheck(f"input[name=status][value={status}]")
    conflicts = _fact_ids(document, lambda f: f["status"] == "conflict")
    assert conflicts and loaded.visible_facts() == conflicts
    assert page.text_content("#filter-result") == f"Showing {len(conflicts)} of {total} facts."
    assert page.get_attribute("#filter-result", "aria-live") == "polite"
    page.uncheck("input[name=status][value=conflict]")
    assert loaded.visible_facts() == []
    assert page.is_visible("#no-match")
    assert page.text_content("#filter-result") == f"Showing 0 of {total} facts."
    page.check("input[name=status][value=single]")
    singles = _fact_ids(document, lambda f: f["status"] == "single")
    assert loaded.visible_facts() == singles
    assert not page.is_visible("#no-match")
    page.click("#show-all")
    assert loaded.visible_facts() == _fact_ids(document)
    assert loaded.errors == []


def test_filtering_by_outlet_hides_facts_and_rows(loaded: Loaded, report_files: tuple[Path, dict[str, Any]]) -> None:
    document = report_files[1]
    page = loaded.page
    outlets = [s["id"] for s in document["sources"]]
    for source in outlets:
        if source != "the-week":
            page.uncheck(f"input[name=outlet][value={source}]")
    stating = _fact_ids(document, lambda f: any(c["source"] == "the-week" for c in f["claims"]))
    assert stating and loaded.visible_facts() == stating
    for fact in stating:
        assert set(loaded.visible_rows(fact)) == {"the-week"}
    count = page.text_content('[data-count="outlet:the-week"]')
    assert count == str(len(stating))
    # The status counts follow the outlet filter.
    conflicts = [f for f in document["facts"] if f["status"] == "conflict" and f"fact-{f['id']}" in stating]
    assert page.text_content('[data-count="status:conflict"]') == str(len(conflicts))
    page.check("input[name=outlet][value=washington-post]")
    either = _fact_ids(document, lambda f: any(c["source"] in ("the-week", "washington-post") for c in f["claims"]))
    assert loaded.visible_facts() == either


def test_keyboard_reaches_and_operates_the_filters(loaded: Loaded) -> None:
    page = loaded.page
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#filters') !== null"):
            break
    else:
        pytest.fail("Tab never reached the filters")
    focused = page.evaluate(
        "(() => { const el = document.activeElement; const style = getComputedStyle(el);"
        " return {tag: el.tagName, type: el.type, label: el.labels && el.labels.length ? el.labels[0].textContent : '',"
        " outline: style.outlineStyle, width: style.outlineWidth}; })()"
    )
    assert focused["tag"] == "INPUT" and focused["type"] == "checkbox"
    assert focused["label"].strip()  # every control is labelled
    assert focused["outline"] != "none" and focused["width"] == "3px"  # the focus is visible
    before = len(loaded.visible_facts())
    page.keyboard.press("Space")
    assert len(loaded.visible_facts()) < before
    page.keyboard.press("Space")
    assert len(loaded.visible_facts()) == before
    unlabelled = page.evaluate(
        "Array.from(document.querySelectorAll('input, button, select, textarea'))"
        ".filter(el => !(el.labels && el.labels.length) && !el.textContent.trim() && !el.getAttribute('aria-label'))"
        ".length"
    )
    assert unlabelled == 0


def test_every_mark_is_its_claim_in_the_right_article(
    loaded: Loaded, report_files: tuple[Path, dict[str, Any]]
) -> None:
    document = report_files[1]
    page = loaded.page
    marks = page.eval_on_selector_all(
        "mark.claim",
        "els => els.map(m => ({id: m.id, text: m.textContent,"
        " article: m.closest('article.source-article') && m.closest('article.source-article').dataset.source,"
        " link: m.closest('a') && m.closest('a').getAttribute('href'), facts: m.dataset.facts || ''}))",
    )
    by_id = {m["id"]: m for m in marks}
    assert len(by_id) == len(marks) > 0
    assert all(m["article"] for m in marks)  # every mark sits in an article's text
    claims = 0
    for fact in document["facts"]:
        for claim in fact["claims"]:
            mark = by_id[f"m-{claim['source']}-{claim['start']}-{claim['end']}"]
            assert mark["text"] == claim["text"]
            assert mark["article"] == claim["source"]
            assert fact["id"] in mark["facts"].split()
            if fact["kind"] == "quote":  # a passage links from its end, so the claims within it can link
                assert mark["link"] != f"#fact-{fact['id']}"
            else:
                assert mark["link"] == f"#fact-{mark['facts'].split()[0]}"
            claims += 1
    assert claims == sum(len(f["claims"]) for f in document["facts"])
    # Following a mark to a fact the filters hide shows the fact again.
    first = document["facts"][0]
    claim = first["claims"][0]
    page.uncheck(f"input[name=status][value={first['status']}]")
    assert f"fact-{first['id']}" not in loaded.visible_facts()
    page.click(f"#m-{claim['source']}-{claim['start']}-{claim['end']}")
    assert f"fact-{first['id']}" in loaded.visible_facts()
    assert page.evaluate("location.hash") == f"#fact-{first['id']}"
    # And a fact's row leads back to the mark.
    page.click(f"[id='fact-{first['id']}'] tbody tr a[href^='#m-']")
    assert page.evaluate("location.hash").startswith(f"#m-{claim['source']}-")


def test_print_hides_the_filters_and_shows_every_fact(
    loaded: Loaded, report_files: tuple[Path, dict[str, Any]]
) -> None:
    document = report_files[1]
    page = loaded.page
    page.uncheck("input[name=status][value=conflict]")
    page.uncheck("input[name=outlet][value=usa-today]")
    assert len(loaded.visible_facts()) < len(document["facts"])
    page.emulate_media(media="print")
    assert not page.is_visible("#filters")
    assert not page.is_visible("nav.sections")
    assert loaded.visible_facts() == _fact_ids(document)
    for fact in document["facts"]:
        assert len(loaded.visible_rows(f"fact-{fact['id']}")) == len(fact["claims"])
    page.emulate_media(media="screen")
    assert page.is_visible("#filters")


def test_narrow_screen_needs_no_sideways_scrolling(browser: Any, report_files: tuple[Path, dict[str, Any]]) -> None:
    narrow = Loaded(browser, report_files[0], width=375)
    try:
        overflow = narrow.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        assert narrow.errors == []
    finally:
        narrow.close()


STORIES = ROOT / "tests" / "data" / "stories"


@pytest.fixture(scope="module")
def story_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Any]]:
    """Pages of the bundled test stories with evolving figures (flood-toll) and a wire story (rail-wire), each
    with its report."""
    from factcheck.cache import ClaimCache
    from factcheck.pipeline import run_report
    from factcheck.render.html import document
    from factcheck.rules.loader import load_rules
    from factcheck.texts import article_texts, on_findings

    tmp = tmp_path_factory.mktemp("html-stories")
    # A long, unbreakable folder path (as on a CI runner) is shown in the page and must wrap, not widen it.
    deep = tmp / ("checkout-" + "0123456789abcdef" * 4) / "tests" / "data" / "stories"
    pages = {}
    for name in ("flood-toll", "rail-wire"):
        folder = deep / name
        shutil.copytree(STORIES / name, folder)
        rules = load_rules(folder / "rules.yaml")
        plain = run_report(folder, rules)
        with ClaimCache(None) as cache:
            texts = on_findings(article_texts(folder, rules, cache), plain.findings)
        report = plain.model_copy(update={"articles": texts})
        path = tmp / f"{name}.html"
        path.write_text(document(report), encoding="utf-8")
        pages[name] = (path, report)
    return pages


def _colour(page: Any, selector: str, prop: str) -> str:
    value: str = page.eval_on_selector(selector, f"el => getComputedStyle(el).{prop}")
    return value


def test_the_new_statuses_filter_and_show(browser: Any, story_pages: dict[str, tuple[Path, Any]]) -> None:
    from factcheck.models import Status, Verdict
    from factcheck.render.html import PALETTE

    def rgb(name: str) -> str:
        colour = PALETTE[name]
        return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))

    path, report = story_pages["flood-toll"]
    loaded = Loaded(browser, path)
    try:
        page = loaded.page
        assert loaded.errors == [] and loaded.failed == []
        assert loaded.requests == [path.as_uri()]
        statuses = page.eval_on_selector_all("input[name=status]", "els => els.map(e => e.value)")
        assert statuses == [s.value for s in Status]
        for status in Status:
            if status is not Status.UPDATED:
                page.uncheck(f"input[name=status][value={status.value}]")
        updated = [f"fact-{f.fact.id}" for f in report.findings if f.status is Status.UPDATED]
        assert updated and loaded.visible_facts() == updated
        assert page.text_content('[data-count="status:updated"]') == str(len(updated))
        assert page.text_content("#filter-result") == f"Showing {len(updated)} of {len(report.findings)} facts."
        first = updated[0]
        assert page.is_visible(f'[id="{first}"] ol.timeline')
        assert _colour(page, f'[id="{first}"] .badge', "backgroundColor") == rgb("updated")
        superseded = [j for f in report.findings for j in f.claims if j.verdict is Verdict.SUPERSEDED]
        assert superseded
        assert _colour(page, ".verdict-word-superseded", "color") == rgb("muted")
        assert _colour(page, "#summary .status-parties", "backgroundColor") == rgb("parties")
        page.click("#show-all")
        assert len(loaded.visible_facts()) == len(report.findings)
        assert loaded.errors == []
    finally:
        loaded.close()


def test_wire_stories_are_listed_and_linked(browser: Any, story_pages: dict[str, tuple[Path, Any]]) -> None:
    from factcheck.render.html import wire_anchor

    path, report = story_pages["rail-wire"]
    loaded = Loaded(browser, path)
    try:
        page = loaded.page
        assert loaded.errors == []
        assert page.is_visible("#wires")
        wire = report.wires[0]
        row = next(k for k, s in enumerate(report.sources, start=1) if s.wire == wire.key)
        page.click(f"table.outlets-table tbody tr:nth-child({row}) a")
        assert page.evaluate("location.hash") == f"#{wire_anchor(wire.key)}"
        top = page.evaluate("document.getElementById(location.hash.slice(1)).getBoundingClientRect().top")
        assert 0 <= top < 900  # scrolled to the wire's entry
        mastheads = page.eval_on_selector_all(
            "#wires .wire-list > li > ul > li a", "els => els.map(a => a.textContent)"
        )
        assert mastheads == list(wire.outlets)
    finally:
        loaded.close()


@pytest.mark.parametrize("name", ["flood-toll", "rail-wire"])
def test_story_pages_need_no_sideways_scrolling_on_a_narrow_screen(
    browser: Any, story_pages: dict[str, tuple[Path, Any]], name: str
) -> None:
    narrow = Loaded(browser, story_pages[name][0], width=375)
    try:
        assert narrow.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        assert narrow.errors == []
    finally:
        narrow.close()
