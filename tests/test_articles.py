"""Unit tests of factcheck.articles: bytes to text, front matter to fields, each failure located in the file."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.articles import ARTICLE_SUFFIXES, decode, list_articles, parse_article, read_article
from factcheck.errors import InputError, Problem
from factcheck.models import Article

HEADER = "---\noutlet: The Outlet\ntitle: A Title\npublished: 2022-01-10\n---\n"
BODY = "Russia has amassed more than 100,000 troops along Ukraine's border.\n\nSecond paragraph.\n"


def the_problem(call: Callable[[], object]) -> Problem:
    """The single located problem ``call`` raises as an InputError."""
    with pytest.raises(InputError) as info:
        call()
    assert len(info.value.problems) == 1, info.value.problems
    return info.value.problems[0]


def parse(text: str, **kwargs: object) -> Article:
    return parse_article("story/outlet-a.md", text, **kwargs)  # type: ignore[arg-type]


def parse_problem(text: str, **kwargs: object) -> Problem:
    return the_problem(lambda: parse(text, **kwargs))


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- front matter fields -------------------------------------------------------------------------------------------


def test_parse_article_reads_every_front_matter_field() -> None:
    text = (
        "---\n"
        "outlet: The Washington Post\n"
        'title: "Talks hit impasse"\n'
        "published: 2022-01-10\n"
        "url: https://example.com/story\n"
        "byline: Jane Doe and John Roe\n"
        "---\n" + BODY
    )
    article = parse(text)
    assert article.id == "outlet-a"
    assert article.path == "story/outlet-a.md"
    assert article.outlet == "The Washington Post"
    assert article.title == "Talks hit impasse"
    assert article.published == dt.date(2022, 1, 10)
    assert article.url == "https://example.com/story"
    assert article.byline == "Jane Doe and John Roe"
    assert article.text == text  # the text is kept exactly as captured, front matter included


def test_optional_fields_default_to_none() -> None:
    article = parse("---\noutlet: X\npublished: 2022-01-10\n---\nBody.\n")
    assert article.title is None
    assert article.url is None
    assert article.byline is None
    assert article.title_start is None
    assert article.date_order is None


def test_published_as_quoted_string_and_as_datetime_become_a_date() -> None:
    quoted = parse("---\noutlet: X\npublished: '2022-01-10'\n---\nBody.\n")
    stamped = parse("---\noutlet: X\npublished: 2022-01-10T10:30:00\n---\nBody.\n")
    assert quoted.published == dt.date(2022, 1, 10)
    assert stamped.published == dt.date(2022, 1, 10)


def test_numeric_outlet_and_title_are_read_as_text() -> None:
    article = parse("---\noutlet: 2022\ntitle: 1997\npublished: 2022-01-10\n---\nBody.\n")
    assert article.outlet == "2022"
    assert article.title == "1997"


def test_published_argument_overrides_front_matter() -> None:
    article = parse(HEADER + BODY, published=dt.date(2023, 5, 6))
    assert article.published == dt.date(2023, 5, 6)


def test_without_front_matter_when_not_required() -> None:
    article = parse(BODY, published=dt.date(2022, 1, 10), require_front_matter=False)
    assert article.body_start == 0
    assert article.outlet == "outlet-a"  # the file's stem stands in for the outlet
    assert article.title is None
    assert article.published == dt.date(2022, 1, 10)
    assert article.text == BODY


def test_without_front_matter_and_without_date_when_not_required() -> None:
    article = parse(BODY, require_front_matter=False)
    assert article.published is None


def test_front_matter_is_still_read_when_not_required() -> None:
    article = parse(HEADER + BODY, require_front_matter=False)
    assert article.outlet == "The Outlet"
    assert article.body_start == len(HEADER)


# --- offsets ---------------------------------------------------------------------------------------------------


def test_body_start_is_the_first_character_after_the_closing_fence() -> None:
    article = parse(HEADER + BODY)
    assert article.body_start == len(HEADER)
    assert article.text[article.body_start :] == BODY


def test_body_start_with_trailing_blanks_on_the_closing_fence() -> None:
    header = "---\noutlet: X\npublished: 2022-01-10\n--- \t\n"
    article = parse(header + BODY)
    assert article.body_start == len(header)


def test_body_start_when_the_file_ends_at_the_closing_fence() -> None:
    text = "---\noutlet: X\npublished: 2022-01-10\n---"
    article = parse(text)
    assert article.body_start == len(text)
    assert article.text[article.body_start :] == ""


def test_body_start_when_the_body_is_empty() -> None:
    text = "---\noutlet: X\npublished: 2022-01-10\n---\n"
    assert parse(text).body_start == len(text)


@settings(max_examples=60, deadline=None, database=None)
@given(body=st.text(max_size=200))
def test_body_start_points_at_the_body_whatever_it_holds(body: str) -> None:
    article = parse(HEADER + body)
    assert article.text[article.body_start :] == body


@pytest.mark.parametrize(
    ("title_line", "title"),
    [
        ("title: A Title", "A Title"),
        ('title: "A Title"', "A Title"),
        ("title: 'A Title'", "A Title"),
        ("title:    Spaced Title", "Spaced Title"),
    ],
)
def test_title_start_points_at_the_title_in_the_raw_text(title_line: str, title: str) -> None:
    text = f"---\noutlet: X\n{title_line}\npublished: 2022-01-10\n---\n{BODY}"
    article = parse(text)
    assert article.title == title
    assert article.title_start is not None
    assert article.text[article.title_start :].startswith(title)


# --- CRLF and BOM ----------------------------------------------------------------------------------------------


def test_crlf_front_matter() -> None:
    header = "---\r\noutlet: The Outlet\r\ntitle: 'A Title'\r\npublished: 2022-01-10\r\n---\r\n"
    body = "First paragraph.\r\n\r\nSecond.\r\n"
    article = parse(header + body)
    assert article.outlet == "The Outlet"
    assert article.title == "A Title"
    assert article.published == dt.date(2022, 1, 10)
    assert article.body_start == len(header)
    assert article.text[article.body_start :] == body
    assert article.title_start is not None
    assert article.text[article.title_start :].startswith("A Title")


def test_crlf_front_matter_errors_keep_their_line() -> None:
    problem = parse_problem("---\r\noutlet: X\r\npublished: 2022-01-10\r\nauthor: Y\r\n---\r\nBody.\r\n")
    assert problem.line == 4
    assert "author" in problem.message


def test_bom_is_dropped_and_offsets_refer_to_the_text_without_it(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "bom.md", b"\xef\xbb\xbf" + (HEADER + BODY).encode())
    article = read_article(path)
    assert not article.text.startswith("\ufeff")
    assert article.outlet == "The Outlet"
    assert article.text[article.body_start :] == BODY
    assert article.title_start is not None
    assert article.text[article.title_start :].startswith("A Title")


def test_bom_with_crlf_front_matter(tmp_path: Path) -> None:
    text = "---\r\noutlet: X\r\npublished: 2022-01-10\r\n---\r\nBody.\r\n"
    article = read_article(write_bytes(tmp_path, "bom-crlf.md", b"\xef\xbb\xbf" + text.encode()))
    assert article.outlet == "X"
    assert article.text[article.body_start :] == "Body.\r\n"


def test_decode_drops_a_leading_bom_only() -> None:
    assert decode(Path("a.md"), "\ufeffA \ufeff B".encode()) == "A \ufeff B"


# --- front matter errors, each with its line ---------------------------------------------------------------------


def test_missing_front_matter_when_required() -> None:
    problem = parse_problem(BODY)
    assert problem.path == "story/outlet-a.md"
    assert problem.line == 1
    assert "no front matter" in problem.message


@pytest.mark.parametrize("first_line", ["--- x", "----", "---title: x"])
def test_opening_fence_not_alone_on_its_line(first_line: str) -> None:
    problem = parse_problem(f"{first_line}\noutlet: X\npublished: 2022-01-10\n---\nBody.\n")
    assert problem.line == 1
    assert "malformed front matter" in problem.message


def test_no_closing_fence() -> None:
    problem = parse_problem("---\noutlet: X\npublished: 2022-01-10\nBody without a closing fence.\n")
    assert problem.line == 1
    assert "no closing '---'" in problem.message


def test_invalid_yaml_names_the_line_of_the_error() -> None:
    problem = parse_problem("---\noutlet: X\ntitle: a: b\npublished: 2022-01-10\n---\nBody.\n")
    assert problem.line == 3
    assert problem.message.startswith("malformed front matter:")


def test_invalid_yaml_on_an_indented_line() -> None:
    problem = parse_problem("---\noutlet: X\npublished: 2022-01-10\n  title: T\n---\nBody.\n")
    assert problem.line == 4


def test_empty_front_matter() -> None:
    problem = parse_problem("---\n---\nBody.\n")
    assert problem.line == 2
    assert "empty" in problem.message


def test_front_matter_that_is_not_a_mapping() -> None:
    problem = parse_problem("---\n- outlet\n- published\n---\nBody.\n")
    assert problem.line == 2
    assert "key: value" in problem.message


@pytest.mark.parametrize("missing", ["published", "outlet"])
def test_missing_required_field(missing: str) -> None:
    fields = {"outlet": "outlet: X", "published": "published: 2022-01-10"}
    del fields[missing]
    problem = parse_problem("---\ntitle: T\n" + "\n".join(fields.values()) + "\n---\nBody.\n")
    assert problem.line is not None
    assert f"missing required field '{missing}'" in problem.message


@pytest.mark.parametrize("value", ["January 10", "10/01/2022", "2022-01", "yesterday"])
def test_published_that_is_not_a_date(value: str) -> None:
    problem = parse_problem(f"---\noutlet: X\npublished: {value}\n---\nBody.\n")
    assert problem.line == 3
    assert "published" in problem.message
    assert "YYYY-MM-DD" in problem.message


@pytest.mark.parametrize("value", ["2022-13-45", "2022-02-30", "2022-01-10T25:00:00"])
def test_published_that_looks_like_a_date_but_is_no_calendar_day(value: str) -> None:
    # YAML's timestamp resolver turns these into a ValueError from datetime; it must surface as a located InputError.
    problem = parse_problem(f"---\noutlet: X\npublished: {value}\n---\nBody.\n")
    assert problem.path == "story/outlet-a.md"
    assert problem.line == 3
    assert "published" in problem.message or value in problem.message


def test_unknown_field_names_its_line_and_the_expected_fields() -> None:
    problem = parse_problem("---\noutlet: X\npublished: 2022-01-10\nauthor: Y\n---\nBody.\n")
    assert problem.line == 4
    assert "author" in problem.message
    assert "unknown field" in problem.message
    for field in ("outlet", "title", "published", "url", "byline"):
        assert field in problem.message


def test_wrongly_typed_field_names_its_line() -> None:
    problem = parse_problem("---\noutlet: X\npublished: 2022-01-10\ntitle: [a, b]\n---\nBody.\n")
    assert problem.line == 4
    assert "title" in problem.message


@pytest.mark.parametrize("order", ["day-first", "month-first"])
def test_date_order_is_read(order: str) -> None:
    article = parse(f"---\noutlet: X\npublished: 2022-01-10\ndate_order: {order}\n---\nBody.\n")
    assert article.date_order == order


@pytest.mark.parametrize("value", ["dmy", "Day-First", "3", "[day-first]", "''"])
def test_a_date_order_that_is_neither_names_its_line_and_the_choices(value: str) -> None:
    problem = parse_problem(f"---\noutlet: X\npublished: 2022-01-10\ndate_order: {value}\n---\nBody.\n")
    assert problem.line == 4
    assert problem.message.startswith("malformed front matter: date_order:")
    assert "day-first, month-first" in problem.message


def test_the_declared_date_order_reads_the_articles_numeric_dates() -> None:
    from factcheck.extract import extract_article
    from factcheck.models import Sentence

    text = "---\noutlet: X\npublished: 2022-01-10\ndate_order: day-first\n---\nThe memo of 3/4/2022 leaked.\n"
    article = parse(text)
    body = text[article.body_start :].strip()
    sentence = Sentence(source=article.id, text=body, start=article.body_start, end=article.body_start + len(body))
    (claim,) = extract_article(article, [sentence])
    assert (claim.label, claim.confidence.value) == ("2022-04-03", "clear")


# --- reading files: bytes to text ------------------------------------------------------------------------------


def test_read_article_reads_a_file(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "outlet.md", (HEADER + BODY).encode())
    article = read_article(path)
    assert article.id == "outlet"
    assert article.path == str(path)
    assert article.published == dt.date(2022, 1, 10)


def test_read_article_without_front_matter_when_not_required(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "plain.txt", BODY.encode())
    article = read_article(path, published=dt.date(2022, 1, 10), require_front_matter=False)
    assert article.text == BODY
    assert article.body_start == 0


def test_binary_file_names_the_line_of_the_nul_byte(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "binary.md", b"---\noutlet: X\x00\n")
    problem = the_problem(lambda: read_article(path))
    assert problem.path == str(path)
    assert problem.line == 2
    assert "binary" in problem.message


def test_invalid_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "latin1.md", HEADER.encode() + "Café\n".encode("latin-1"))
    problem = the_problem(lambda: read_article(path))
    assert problem.path == str(path)
    assert problem.line == HEADER.count("\n") + 1
    assert "UTF-8" in problem.message
    assert "0xe9" in problem.message


def test_invalid_utf8_on_a_crlf_line(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "crlf.md", b"one\r\ntwo\r\nthree \xff\r\n")
    assert the_problem(lambda: read_article(path)).line == 3


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\r\n"], ids=["empty", "blank"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = write_bytes(tmp_path, "empty.md", data)
    problem = the_problem(lambda: read_article(path))
    assert problem.line == 1
    assert "empty" in problem.message


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\n \n"], ids=["bom", "bom-blank"])
def test_file_holding_only_a_bom_is_empty(tmp_path: Path, data: bytes) -> None:
    # A text editor's "empty" UTF-8 file: no text at all once the BOM is dropped.
    path = write_bytes(tmp_path, "bom-only.txt", data)
    problem = the_problem(lambda: read_article(path, require_front_matter=False))
    assert problem.line == 1
    assert "empty" in problem.message


def test_directory_is_not_an_article(tmp_path: Path) -> None:
    folder = tmp_path / "folder.md"
    folder.mkdir()
    problem = the_problem(lambda: read_article(folder))
    assert problem.path == str(folder)
    assert "directory" in problem.message


def test_dangling_symlink_cannot_be_read(tmp_path: Path) -> None:
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "nowhere.md")
    problem = the_problem(lambda: read_article(link))
    assert problem.path == str(link)
    assert "cannot read" in problem.message


def test_missing_file_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "missing.md"
    problem = the_problem(lambda: read_article(path))
    assert problem.path == str(path)
    assert "cannot read" in problem.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "locked.md", (HEADER + BODY).encode())
    path.chmod(0)
    try:
        problem = the_problem(lambda: read_article(path))
    finally:
        path.chmod(0o644)
    assert problem.path == str(path)
    assert "cannot read" in problem.message


# --- listing a story folder ------------------------------------------------------------------------------------


def test_list_articles_keeps_article_suffixes_in_a_stable_order(tmp_path: Path) -> None:
    for name in (
        "b.md",
        "a.txt",
        "c.markdown",
        "D.MD",
        "sub/e.md",
        "sub/deeper/f.txt",
        "notes.yaml",
        "page.html",
        "README",
        ".hidden.md",
        "sub/.also-hidden.txt",
    ):
        write_bytes(tmp_path, name, b"x")
    (tmp_path / "folder.md").mkdir()
    found = [p.relative_to(tmp_path).as_posix() for p in list_articles(tmp_path)]
    assert found == ["D.MD", "a.txt", "b.md", "c.markdown", "sub/deeper/f.txt", "sub/e.md"]
    assert set(ARTICLE_SUFFIXES) == {".md", ".txt", ".markdown"}


def test_list_articles_of_the_bundled_corpus() -> None:
    corpus = Path(__file__).resolve().parent.parent / "corpus" / "geneva-2022"
    names = [p.name for p in list_articles(corpus)]
    assert names == ["foreign-policy.md", "security-management.md", "the-week.md", "usa-today.md", "washington-post.md"]
    for path in list_articles(corpus):
        article = read_article(path)
        assert article.text[article.body_start :].strip()
        assert article.published is not None
