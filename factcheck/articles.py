"""Reading articles: bytes to text, YAML front matter to fields, every failure located in the file."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from factcheck.collecting import collecting_later
from factcheck.dates import DATE_ORDERS, DateOrder
from factcheck.errors import InputError, Problem
from factcheck.models import Article
from factcheck.yamlfile import load_marked

ARTICLE_SUFFIXES = (".md", ".txt", ".markdown")
_FENCE = re.compile(r"^---[ \t]*\r?$", re.M)


class FrontMatter(BaseModel):
    """The fields an article may declare between its ``---`` lines."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    outlet: str
    title: str | None = None
    published: dt.date | dt.datetime
    url: str | None = None
    byline: str | None = None
    date_order: DateOrder | None = None
    wire: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        """A date (``2024-04-03``) or a time (``2024-04-03T19:30+08:00``; the offset optional)."""
        if isinstance(value, (dt.date, dt.datetime)):
            return value
        if isinstance(value, str):
            text = value.strip()
            try:
                return dt.date.fromisoformat(text) if len(text) <= 10 else dt.datetime.fromisoformat(text)
            except ValueError:
                pass
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM, offset optional)")

    @property
    def published_date(self) -> dt.date:
        return self.published.date() if isinstance(self.published, dt.datetime) else self.published

    @property
    def published_at(self) -> dt.datetime | None:
        return self.published if isinstance(self.published, dt.datetime) else None

    @field_validator("date_order", mode="before")
    @classmethod
    def _date_order(cls, value: Any) -> Any:
        if value is None or value in DATE_ORDERS:
            return value
        raise ValueError(f"{value!r} is not a date order (expected one of: {', '.join(DATE_ORDERS)})")

    @field_validator("outlet", "title", "url", "byline", "wire", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
            return str(value)
        return value


def decode(path: Path, data: bytes) -> str:
    """Bytes to text, refusing what is not a UTF-8 text article."""
    name = str(path)
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise InputError(Problem(name, "empty file: an article needs text", line=1))
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(Problem(name, "binary file (NUL byte): not a text article", line=line))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            Problem(name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line=line)
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def check_file_name(name: str) -> None:
    """An error for a file name that is not valid UTF-8 (bytes the file system's encoding could not decode): no
    report, JSON document or cache can hold it. The error shows its undecodable bytes as ``\\xNN``."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(name).decode("utf-8", "backslashreplace")
        raise InputError(Problem(shown, "the file name is not valid UTF-8: rename the file", line=1)) from None


def read_article(path: Path, published: dt.date | None = None, require_front_matter: bool = True) -> Article:
    """Read one article file. ``published`` overrides (or, without front matter, supplies) the reference date."""
    name = str(path)
    check_file_name(name)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(Problem(name, "is a directory, not an article file", line=1)) from None
    except OSError as exc:
        raise InputError(Problem(name, f"cannot read: {exc.strerror or exc}", line=1)) from None
    text = decode(path, data)
    return parse_article(name, text, published=published, require_front_matter=require_front_matter)


def parse_article(name: str, text: str, published: dt.date | None = None, require_front_matter: bool = True) -> Article:
    article_id = Path(name).stem
    if not text.startswith("---"):
        if require_front_matter:
            raise InputError(
                Problem(
                    name, "no front matter: the article must start with '---' and declare outlet and published", line=1
                )
            )
        return Article(
            id=article_id, path=name, outlet=article_id, title=None, published=published, text=text, body_start=0
        )
    first_break = text.find("\n")
    if first_break == -1 or _FENCE.match(text, 0) is None:
        raise InputError(Problem(name, "malformed front matter: the opening '---' must be alone on its line", line=1))
    closing = _FENCE.search(text, first_break + 1)
    if closing is None:
        raise InputError(Problem(name, "malformed front matter: no closing '---' line", line=1))
    header = text[first_break + 1 : closing.start()]
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    fields = _load_header(name, header)
    try:
        front = FrontMatter.model_validate(fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else ""
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "missing":
            raise InputError(Problem(name, f"malformed front matter: missing required field '{key}'", line=1)) from None
        if err["type"] == "extra_forbidden":
            message = f"unknown field (expected one of: {', '.join(FrontMatter.model_fields)})"
        line = _key_line(header, key)
        raise InputError(Problem(name, f"malformed front matter: {key}: {message}", line=line)) from None
    title_start = None
    if front.title:
        match = re.search(r"^title:[ \t]*['\"]?", header, re.M)
        if match is not None:
            title_start = first_break + 1 + match.end()
    return Article(
        id=article_id,
        path=name,
        outlet=front.outlet,
        title=front.title,
        published=published or front.published_date,
        published_at=None if published is not None else front.published_at,
        wire=front.wire.strip() if front.wire and front.wire.strip() else None,
        url=front.url,
        byline=front.byline,
        date_order=front.date_order,
        text=text,
        body_start=body_start,
        title_start=title_start,
    )


def _load_header(name: str, header: str) -> dict[str, Any]:
    marked = load_marked(header, name, first_line=2)
    if marked.problems:
        first = marked.problems[0]
        raise InputError(Problem(name, f"malformed front matter: {first.message}", first.line, first.column))
    fields = marked.data
    if fields is None:
        raise InputError(Problem(name, "malformed front matter: it is empty", line=2))
    if not isinstance(fields, dict):
        raise InputError(Problem(name, "malformed front matter: expected 'key: value' lines", line=2))
    return {str(k): v for k, v in fields.items()}


def _key_line(header: str, key: str) -> int:
    for number, line in enumerate(header.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def list_articles(folder: Path) -> list[Path]:
    """The article files of a story folder, in a stable order (hidden files and folders, READMEs left out).

    A link whose target is missing is listed, so that reading it reports the problem instead of losing it. Linked
    folders are not followed. One ``scandir`` per folder: a story of ten thousand articles lists in milliseconds.
    """
    found: list[tuple[str, Path]] = []

    def walk(directory: str, relative: str) -> None:
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except (PermissionError, FileNotFoundError, NotADirectoryError):
            return
        for entry in listed:
            if entry.name.startswith("."):
                continue
            inner = f"{relative}/{entry.name}" if relative else entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_folder:
                walk(entry.path, inner)
                continue
            stem, suffix = os.path.splitext(entry.name)
            if suffix.lower() not in ARTICLE_SUFFIXES or stem.upper() == "README":
                continue
            if entry.is_file() or (entry.is_symlink() and not os.path.exists(entry.path)):
                found.append((inner, folder / inner))

    with collecting_later():  # an archive's folder lists hundreds of thousands of paths
        walk(str(folder), "")
        return [path for _relative, path in sorted(found)]
