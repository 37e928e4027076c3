"""Render the HTML report of the bundled corpus and photograph it to docs/report-html.png (the README picture).

python docs/html_screenshot.py

Needs Debian's chromium (/usr/bin/chromium, or $FACTCHECK_CHROMIUM) and the playwright package (the test extra).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

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
OUTPUT = ROOT / "docs" / "report-html.png"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from factcheck.cache import ClaimCache
    from factcheck.pipeline import run_report
    from factcheck.render.html import document
    from factcheck.rules.loader import load_rules
    from factcheck.texts import article_texts

    os.chdir(ROOT)
    corpus = Path("corpus/geneva-2022")
    rules = load_rules(Path("rules"))
    report = run_report(corpus, rules)
    with ClaimCache(None) as cache:
        report = report.model_copy(update={"articles": article_texts(corpus, rules, cache)})
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "report.html"
        page_file.write_text(document(report), encoding="utf-8")
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                page.goto(page_file.as_uri())
                # The summary, the filters and the first conflict down to its outlier: what an editor sees first.
                bottom = page.evaluate(
                    "document.querySelector('article.fact tr.verdict-outlier').getBoundingClientRect().bottom + scrollY"
                )
                page.screenshot(
                    path=str(OUTPUT), clip={"x": 0, "y": 0, "width": 1100, "height": bottom + 24}, full_page=True
                )
            finally:
                browser.close()
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
