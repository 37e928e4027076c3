"""The command line through its real entry point: the installed ``factcheck`` console script, in a subprocess."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pytest

import factcheck

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "geneva-2022"
GOOD_SOURCES = ["foreign-policy", "security-management", "the-week", "usa-today", "washington-post"]
ERROR_LINE = re.compile(r"^factcheck: (?P<path>.+?):(?P<line>\d+)(?::(?P<column>\d+))?: (?P<message>\S.*)$")
IS_ROOT = os.geteuid() == 0


def _script() -> str:
    beside = Path(sys.executable).parent / "factcheck"
    if beside.is_file():
        return str(beside)
    found = shutil.which("factcheck")
    if found is None:  # pragma: no cover - the package is installed in the test environment
        raise RuntimeError("the factcheck console script is not installed")
    return found


SCRIPT = _script()


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def run(*args: str | Path, cwd: Path = REPO) -> Result:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORCE_COLOR", "PYTHON"))}
    env["NO_COLOR"] = "1"
    done = subprocess.run(
        [SCRIPT, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    return Result(done.returncode, done.stdout, done.stderr)


def one_error(result: Result, path: Path | str) -> re.Match[str]:
    """The run failed with exit 2 and exactly one `factcheck: PATH:LINE[:COL]: message` line on stderr."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.code == 2, result
    assert len(result.stderr_lines) == 1, result.stderr
    match = ERROR_LINE.match(result.stderr_lines[0])
    assert match is not None, f"not 'factcheck: PATH:LINE: message': {result.stderr!r}"
    assert match["path"] == str(path), result.stderr
    return match


def error_lines(result: Result) -> list[re.Match[str]]:
    """Each `factcheck: PATH:LINE[:COL]: message` line of stderr; any other line must be indented context."""
    assert "Traceback" not in result.stderr, result.stderr
    matches = []
    for line in result.stderr_lines:
        if line.startswith("factcheck:"):
            match = ERROR_LINE.match(line)
            assert match is not None, f"not 'factcheck: PATH:LINE: message': {line!r}"
            matches.append(match)
        else:
            assert line.startswith("    "), f"stray stderr line {line!r}"
    return matches


def usage_error(result: Result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.code == 2, result
    assert len(result.stderr_lines) == 1, result.stderr
    assert result.stderr_lines[0].startswith("factcheck"), result.stderr
    return result.stderr_lines[0]


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# --- bad articles: one located line on stderr, exit 2 ---------------------------------------------------------

FRONT = "---\noutlet: X\npublished: 2022-01-10\n---\n"

# name -> (file content, line the error must name)
BAD_ARTICLES: dict[str, tuple[bytes, int]] = {
    "binary": (b"---\noutlet: X\npublished: 2022-01-10\n---\nA \x00 B\n", 5),
    "bad-encoding": (FRONT.encode() + b"First line.\nCaf\xe9 au lait.\n", 6),
    "empty": (b"", 1),
    "no-closing-fence": (b"---\noutlet: X\npublished: 2022-01-10\nBody.\n", 1),
    "invalid-yaml": (b"---\noutlet: X\ntitle: a: b\npublished: 2022-01-10\n---\nBody.\n", 3),
    "missing-published": (b"---\noutlet: X\ntitle: T\n---\nBody.\n", 1),
    "bad-date": (b"---\noutlet: X\npublished: January 10\n---\nBody.\n", 3),
    "impossible-date": (b"---\noutlet: X\npublished: 2022-13-45\n---\nBody.\n", 3),
    "unknown-field": (b"---\noutlet: X\npublished: 2022-01-10\nauthor: Y\n---\nBody.\n", 4),
}


@pytest.mark.parametrize("kind", sorted(BAD_ARTICLES))
def test_extract_bad_article_gives_one_located_error(tmp_path: Path, kind: str) -> None:
    data, line = BAD_ARTICLES[kind]
    path = write(tmp_path, f"{kind}.md", data)
    match = one_error(run("extract", path, "--published", "2022-01-10"), path)
    assert int(match["line"]) == line


def test_bad_encoding_error_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.txt", b"one\ntwo\nthree\n" + "Zürich\n".encode("latin-1"))
    match = one_error(run("extract", path), path)
    assert match["line"] == "4"
    assert "UTF-8" in match["message"]


def _unreadable(tmp_path: Path, how: str) -> Path:
    if how == "chmod-000":
        if IS_ROOT:
            pytest.skip("root reads files whatever their mode")
        path = write(tmp_path, "locked.md", FRONT + "Body.\n")
        path.chmod(0)
        return path
    if how == "directory":
        path = tmp_path / "folder.md"
        path.mkdir()
        return path
    path = tmp_path / "dangling.md"
    path.symlink_to(tmp_path / "nowhere.md")
    return path


@pytest.mark.parametrize("how", ["chmod-000", "directory", "dangling-symlink"])
def test_extract_unreadable_file_gives_one_error(tmp_path: Path, how: str) -> None:
    path = _unreadable(tmp_path, how)
    result = run("extract", path)
    assert "Traceback" not in result.stderr
    assert result.code == 2
    assert len(result.stderr_lines) == 1, result.stderr
    assert result.stderr_lines[0].startswith(f"factcheck: {path}:")


@pytest.mark.parametrize("how", ["chmod-000", "directory", "dangling-symlink"])
def test_extract_unreadable_file_error_has_the_path_line_format(tmp_path: Path, how: str) -> None:
    # The standard: every bad-input error reads `factcheck: PATH:LINE: message`, unreadable files included.
    path = _unreadable(tmp_path, how)
    one_error(run("extract", path), path)


# --- bad rule files: each error names file, line and key path -------------------------------------------------

GOOD_RULE = """\
  - id: test.ok
    kind: boilerplate
    title: Ok
    pattern: '^Skip$'
    examples:
      match: [{text: "Skip", value: paragraph}]
      no_match: ["Skip it."]
"""


def test_rules_bad_regex(tmp_path: Path) -> None:
    bad = "  - id: test.bad\n    kind: boilerplate\n    title: Bad\n    pattern: '^Skip ('\n"
    path = write(tmp_path, "rules/r.yaml", "rules:\n" + GOOD_RULE + bad)
    (match,) = error_lines(run("rules", "test", "--rules", tmp_path / "rules"))
    assert match["path"] == str(path)
    assert match["line"] == "12"
    assert match["message"].startswith("rules[1].pattern: invalid regular expression")


def test_rules_unknown_field(tmp_path: Path) -> None:
    path = write(tmp_path, "rules/r.yaml", "rules:\n" + GOOD_RULE + "    colour: red\n")
    result = run("rules", "test", "--rules", tmp_path / "rules")
    assert result.code == 2
    (match,) = error_lines(result)
    assert (match["path"], match["line"]) == (str(path), "9")
    assert match["message"] == "rules[0].colour: unknown field"


def test_rules_unknown_kind_lists_the_valid_kinds(tmp_path: Path) -> None:
    path = write(tmp_path, "rules/r.yaml", "rules:\n  - id: test.weird\n    kind: banana\n    title: Weird\n")
    result = run("rules", "test", "--rules", tmp_path / "rules")
    assert result.code == 2
    (match,) = error_lines(result)
    assert match["path"] == str(path)
    assert match["line"] in ("2", "3")
    assert match["message"].startswith("rules[0]")
    assert "unknown rule kind 'banana'" in match["message"]
    assert "valid kinds: quantity, money, duration, measure, date, time, place, boilerplate" in match["message"]


def test_rules_duplicate_id_across_two_files(tmp_path: Path) -> None:
    first = write(tmp_path, "rules/a.yaml", "rules:\n" + GOOD_RULE)
    second = write(tmp_path, "rules/b.yaml", "rules:\n" + GOOD_RULE.replace("test.ok", "test.other") + GOOD_RULE)
    result = run("rules", "test", "--rules", tmp_path / "rules")
    assert result.code == 2
    (match,) = error_lines(result)
    assert (match["path"], match["line"]) == (str(second), "9")
    assert "test.ok" in match["message"]
    assert f"{first}:2" in match["message"]


def test_rules_duplicate_id_error_names_the_key_path(tmp_path: Path) -> None:
    # The standard: each rule-file error names file, line and the key path (here rules[1].id).
    write(tmp_path, "rules/a.yaml", "rules:\n" + GOOD_RULE)
    write(tmp_path, "rules/b.yaml", "rules:\n" + GOOD_RULE.replace("test.ok", "test.other") + GOOD_RULE)
    (match,) = error_lines(run("rules", "test", "--rules", tmp_path / "rules"))
    assert "rules[1].id" in match["message"]


def test_rules_invalid_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, "rules/r.yaml", "rules:\n  - id: test.x\n    title: a: b\n")
    result = run("rules", "test", "--rules", tmp_path / "rules")
    assert result.code == 2
    (match,) = error_lines(result)
    assert (match["path"], match["line"], match["column"]) == (str(path), "3", "13")
    assert match["message"].startswith("invalid YAML")


def test_rules_file_with_three_problems_reports_three(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "rules/r.yaml",
        "rules:\n"
        "  - id: test.a\n    kind: boilerplate\n    title: A\n    pattern: '('\n"
        "  - id: test.b\n    kind: quantity\n    title: B\n    cues: [x]\n    colour: red\n"
        "  - id: Bad_Id\n    kind: boilerplate\n    title: C\n    pattern: 'x'\n",
    )
    result = run("report", "--rules", tmp_path / "rules")
    assert result.code == 2
    assert result.stdout == ""
    matches = error_lines(result)
    assert [(m["path"], m["line"]) for m in matches] == [(str(path), "5"), (str(path), "10"), (str(path), "11")]
    assert [m["message"].split(":")[0] for m in matches] == ["rules[0].pattern", "rules[1].colour", "rules[2].id"]


def test_rules_with_impossible_date_gives_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path, "rules/r.yaml", "published: 2022-02-30\nrules:\n" + GOOD_RULE)
    result = run("rules", "test", "--rules", tmp_path / "rules")
    assert result.code == 2, result
    (match,) = error_lines(result)
    assert (match["path"], match["line"]) == (str(path), "1")


# --- one bad article never loses the report on the others ----------------------------------------------------


def _corpus_with(tmp_path: Path, name: str, data: bytes | None) -> tuple[Path, Path]:
    folder = tmp_path / "story"
    folder.mkdir()
    for article in CORPUS.glob("*.md"):
        shutil.copy(article, folder / article.name)
    bad = folder / name
    if data is None:  # unreadable
        if IS_ROOT:
            bad.symlink_to(tmp_path / "nowhere.md")
        else:
            bad.write_text(FRONT + "Body.\n")
            bad.chmod(0)
    else:
        bad.write_bytes(data)
    return folder, bad


@pytest.mark.parametrize(
    "kind", ["binary", "bad-encoding", "empty", "invalid-yaml", "missing-published", "impossible-date", "unreadable"]
)
def test_report_keeps_the_good_articles_when_one_is_bad(tmp_path: Path, kind: str) -> None:
    data = None if kind == "unreadable" else BAD_ARTICLES[kind][0]
    folder, bad = _corpus_with(tmp_path, f"zz-{kind}.md", data)
    result = run("report", folder, "--rules", REPO / "rules", "--format", "json", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.code == 2, result
    document = json.loads(result.stdout)
    assert [s["id"] for s in document["sources"]] == GOOD_SOURCES
    assert [e["path"] for e in document["errors"]] == [str(bad)]
    assert document["facts"]
    assert len(result.stderr_lines) == 1, result.stderr
    assert result.stderr_lines[0].startswith(f"factcheck: {bad}")


def test_an_article_whose_file_name_is_not_utf8_is_one_error_and_the_others_are_reported(tmp_path: Path) -> None:
    name = os.fsdecode(b"zz-bad\xff.md")  # a name the file system's encoding cannot decode
    folder, bad = _corpus_with(tmp_path, name, (CORPUS / "the-week.md").read_bytes())
    if not bad.exists():  # pragma: no cover - a file system that refuses such names
        pytest.skip("this file system does not keep names that are not UTF-8")
    shown = str(folder / "zz-bad\\xff.md")
    for cache in (["--cache-dir", tmp_path / "cache"], ["--no-cache"]):
        result = run("report", folder, "--rules", REPO / "rules", "--format", "json", *cache, cwd=tmp_path)
        match = one_error(result, shown)
        assert match["message"] == "the file name is not valid UTF-8: rename the file"
        document = json.loads(result.stdout)
        assert [s["id"] for s in document["sources"]] == GOOD_SOURCES
        assert [e["path"] for e in document["errors"]] == [shown]
    checked = run("check", bad, "--against", folder, "--rules", REPO / "rules", "--cache-dir", tmp_path / "cache")
    one_error(checked, shown)


def test_report_in_the_terminal_format_still_prints_the_others(tmp_path: Path) -> None:
    folder, bad = _corpus_with(tmp_path, "zz-binary.md", BAD_ARTICLES["binary"][0])
    result = run("report", folder, "--rules", REPO / "rules", cwd=tmp_path)
    assert result.code == 2
    for outlet in ("Foreign Policy", "Security Management", "The Week", "USA TODAY", "The Washington Post"):
        assert outlet in result.stdout
    match = one_error(result, bad)
    assert match["line"] == "5"


def test_report_with_a_bad_article_exits_2_even_when_never_failing_on_findings(tmp_path: Path) -> None:
    folder, bad = _corpus_with(tmp_path, "zz-empty.md", b"")
    result = run("report", folder, "--rules", REPO / "rules", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    one_error(result, bad)
    assert json.loads(result.stdout)["errors"][0]["path"] == str(bad)


# --- exit codes and usage errors ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_json() -> Result:
    return run("report", "--format", "json")


def test_report_on_the_bundled_corpus_exits_1(bundled_json: Result) -> None:
    assert bundled_json.code == 1
    assert bundled_json.stderr == ""
    document = json.loads(bundled_json.stdout)
    assert document["schema"] == "factcheck.report/2"
    assert [s["id"] for s in document["sources"]] == GOOD_SOURCES
    assert document["errors"] == []
    assert any(f["status"] == "conflict" and f["severity"] == "error" for f in document["facts"])


def test_report_rich_format_on_the_bundled_corpus_exits_1() -> None:
    result = run("report")
    assert result.code == 1
    assert "Traceback" not in result.stderr
    assert "conflict" in result.stdout.lower()


def test_report_fail_on_never_exits_0() -> None:
    result = run("report", "--fail-on", "never", "--format", "markdown")
    assert result.code == 0
    assert result.stdout.startswith("# ")


def test_report_fail_on_warning_exits_1() -> None:
    assert run("report", "--fail-on", "warning", "--format", "json").code == 1


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--bogus"),
        ("report", "--format", "yaml"),
        ("frobnicate",),
        ("extract", "x.txt", "--published", "2022-02-30"),
        ("rules",),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    result = run(*args)
    usage_error(result)
    assert result.stdout == ""


def test_bad_fail_on_value_is_a_usage_error_naming_the_choices() -> None:
    result = run("report", "--fail-on", "sometimes")
    line = usage_error(result)
    assert result.stdout == ""
    assert "sometimes" in line
    assert "never" in line


def test_nonexistent_corpus_folder(tmp_path: Path) -> None:
    line = usage_error(run("report", tmp_path / "missing"))
    assert str(tmp_path / "missing") in line


def test_corpus_that_is_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, "one.md", FRONT + "Body.\n")
    assert str(path) in usage_error(run("report", path))


def test_corpus_folder_without_articles(tmp_path: Path) -> None:
    assert str(tmp_path) in usage_error(run("report", tmp_path))


def test_nonexistent_rules_folder(tmp_path: Path) -> None:
    line = usage_error(run("report", "--rules", tmp_path / "missing"))
    assert str(tmp_path / "missing") in line


def test_version() -> None:
    result = run("--version")
    assert result.code == 0
    assert result.stdout.strip() == f"factcheck {factcheck.__version__}"


# --- output --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "markdown", "rich"])
def test_output_writes_the_file_and_nothing_report_like_to_stdout(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "reports" / f"report.{fmt}"
    result = run("report", "--format", fmt, "--output", out)
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr == ""
    text = out.read_text(encoding="utf-8")
    assert "Washington Post" in text
    assert not list(out.parent.glob(".*.tmp"))  # no temporary file left behind


@pytest.fixture(scope="module")
def json_output_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("output") / "report.json"
    result = run("report", "--format", "json", "--output", out)
    assert result.code == 1
    assert result.stdout == ""
    return out


def test_json_report_is_byte_identical_across_runs(json_output_file: Path, bundled_json: Result) -> None:
    # one run to stdout, another to --output: the very same bytes
    assert json_output_file.read_bytes() == bundled_json.stdout.encode("utf-8")


def test_output_file_gets_ordinary_permissions(json_output_file: Path) -> None:
    # A report written with --output should be readable like any file the user creates (mode 0666 minus umask),
    # not private to its owner as a raw mkstemp() file is.
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(json_output_file.stat().st_mode) == 0o666 & ~umask


def test_output_to_a_directory_is_a_clean_error(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    result = run("report", "--format", "json", "--output", folder)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.code == 2
    assert len(result.stderr_lines) == 1, result.stderr
    assert str(folder) in result.stderr
    assert list(tmp_path.iterdir()) == [folder]  # no temporary file left behind


# --- extract --------------------------------------------------------------------------------------------------

PLAIN = """\
Russia has amassed more than 100,000 troops along Ukraine's border, officials said.

Talks with NATO are scheduled to resume on Wednesday in Brussels.
"""


def _claims(result: Result) -> list[dict[str, Any]]:
    assert result.code == 0, result
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document["schema"] == "factcheck.claims/1"
    assert isinstance(document["claims"], list)
    return list(document["claims"])


def test_extract_plain_text_without_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.txt", PLAIN)
    claims = _claims(run("extract", path, "--published", "2022-01-10"))
    troops = [c for c in claims if c["text"] == "more than 100,000 troops"]
    assert len(troops) == 1
    assert troops[0]["kind"] == "quantity"
    assert troops[0]["qualifier"] == "more-than"
    assert troops[0]["value"] == 100000
    assert troops[0]["line"] == 1
    assert troops[0]["source"] == "plain"
    wednesday = [c for c in claims if c["kind"] == "date" and "Wednesday" in c["text"]]
    assert len(wednesday) == 1
    assert wednesday[0]["value"] == "2022-01-12"
    assert wednesday[0]["line"] == 3
    assert "on Wednesday" in wednesday[0]["sentence"]


def test_extract_published_overrides_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "story.md", "---\noutlet: X\npublished: 2022-03-01\n---\n" + PLAIN)
    claims = _claims(run("extract", path, "--published", "2022-01-10"))
    assert [c["value"] for c in claims if c["kind"] == "date"] == ["2022-01-12"]


def test_extract_several_files_with_one_bad(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", PLAIN)
    bad = write(tmp_path, "bad.txt", b"\x00\x01")
    result = run("extract", good, bad, "--published", "2022-01-10")
    one_error(result, bad)
    document = json.loads(result.stdout)
    assert any(c["text"] == "more than 100,000 troops" for c in document["claims"])
    assert [e["path"] for e in document["errors"]] == [str(bad)]


def test_extract_output_file(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.txt", PLAIN)
    out = tmp_path / "claims.json"
    result = run("extract", path, "--published", "2022-01-10", "--output", out)
    assert result.code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "factcheck.claims/1"


# --- rules test ----------------------------------------------------------------------------------------------


def test_rules_test_passes_on_the_bundled_rules() -> None:
    result = run("rules", "test")
    assert result.code == 0, result.stdout
    assert result.stderr == ""
    assert re.search(r"\b\d+ passed, 0 failed\b", result.stdout)


def test_rules_test_fails_on_a_failing_example(tmp_path: Path) -> None:
    write(
        tmp_path,
        "rules/r.yaml",
        "rules:\n"
        + GOOD_RULE
        + """\
  - id: test.skip-link
    kind: boilerplate
    title: Skip links
    pattern: '^Skip to content$'
    examples:
      match: [{text: "Skip to main content", value: paragraph}]
      no_match: ["Something else."]
""",
    )
    result = run("rules", "test", "--rules", tmp_path / "rules")
    assert result.code == 1
    assert "Traceback" not in result.stderr
    failing = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failing) == 1
    assert "test.skip-link" in failing[0]
    assert "test.ok" not in result.stdout
    assert "1 failed" in result.stdout


def test_rules_test_fails_on_a_fact_example_read_wrongly(tmp_path: Path) -> None:
    write(
        tmp_path,
        "rules/r.yaml",
        """\
published: 2022-01-10
rules:
  - id: test.troops
    kind: quantity
    title: Troops
    units: [troops]
    cues: [border*]
    examples:
      match:
        - text: "Russia has amassed more than 100,000 troops along Ukraine's border."
          value: 90000
      no_match: ["The weather was fine."]
""",
    )
    result = run("rules", "test", "--rules", tmp_path / "rules")
    assert result.code == 1
    assert any(line.startswith("FAIL") and "test.troops" in line for line in result.stdout.splitlines())


def test_rules_test_fails_for_a_rule_without_examples(tmp_path: Path) -> None:
    write(
        tmp_path,
        "rules/r.yaml",
        "rules:\n"
        + GOOD_RULE
        + """\
  - id: test.no-examples
    kind: boilerplate
    title: No examples
    pattern: '^Nothing$'
""",
    )
    result = run("rules", "test", "--rules", tmp_path / "rules")
    assert result.code == 1
    failing = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failing) == 1
    assert "test.no-examples" in failing[0]
    assert "no examples" in failing[0]


def test_rules_list_names_every_rule() -> None:
    result = run("rules", "list")
    assert result.code == 0
    assert "geneva.troops-at-border" in result.stdout
    assert "furniture.paywall" in result.stdout


def test_rules_list_names_people_organizations_and_settings(tmp_path: Path) -> None:
    (tmp_path / "people.yaml").write_text(
        "rules:\n"
        "  - {id: people.dana-whitfield, kind: person, title: Mayor Whitfield, name: Dana Whitfield}\n"
        "  - {id: orgs.nfrs, kind: organization, title: Fire service, name: Northmere Fire and Rescue Service}\n"
        "  - {id: newsroom.settings, kind: settings, title: Our settings}\n",
        encoding="utf-8",
    )
    result = run("rules", "list", "--rules", tmp_path)
    assert result.code == 0
    for rule_id in ("people.dana-whitfield", "orgs.nfrs", "newsroom.settings"):
        assert rule_id in result.stdout


def test_output_to_a_device_writes_through_it() -> None:
    """--output /dev/null must not be replaced by a regular file (atomic writes rename into place)."""
    before = os.stat("/dev/null")
    result = run("report", "--format", "json", "--output", "/dev/null")
    assert result.code == 1, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


@pytest.mark.parametrize("form", ["json", "markdown"])
def test_a_report_cut_short_leaves_the_old_output_file(
    form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report is written piece by piece into a temporary file: an error half-way leaves the file as it was."""
    from collections.abc import Iterator

    from factcheck import cli
    from factcheck.render import REPORT_FORMATS, json_format

    target = tmp_path / "report.json"
    target.write_text("old report\n", encoding="utf-8")

    def broken(report: object, out: TextIO) -> None:
        out.write('{\n  "schema": ')
        raise RuntimeError("renderer failed half-way")

    def broken_pieces(*args: object) -> Iterator[bytes]:  # the JSON report, written fact by fact
        yield b'{\n  "schema": '
        raise RuntimeError("renderer failed half-way")

    monkeypatch.setitem(REPORT_FORMATS, form, broken)
    monkeypatch.setattr(json_format, "dump_pieces", broken_pieces)
    with pytest.raises(RuntimeError):
        cli.main(["report", "corpus/geneva-2022", "--format", form, "--output", str(target), "--no-cache"])
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_standard_output_on_a_full_disk_is_one_line_exit_2(fmt: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORCE_COLOR", "PYTHON"))}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [SCRIPT, "report", str(REPO / "corpus" / "geneva-2022"), "--format", fmt],
            cwd=REPO,
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == ["factcheck: standard output: cannot write: No space left on device"]
