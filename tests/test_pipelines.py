"""The CI integrations: the GitHub Action (action.yml), the pre-commit hooks and the examples of docs/ci.md.

The action's shell steps run here for real, in a temporary git repository, with a stand-in ``factcheck`` on the
PATH that records its arguments; those arguments are then parsed by factcheck's own command-line parser.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.cli import UsageError, build_parser

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
CHANGED = ROOT / "scripts" / "changed-articles.sh"
DOCS = ROOT / "docs" / "ci.md"

needs_git = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash")


def load_action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def load_hooks() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return {hook["id"]: hook for hook in hooks}


def subparser(*names: str) -> argparse.ArgumentParser:
    """The parser of ``factcheck NAME…`` (such as ``check``, or ``rules test``)."""
    parser = build_parser()
    for name in names:
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = commands.choices[name]
    return parser


def option_strings(*names: str) -> set[str]:
    return {option for action in subparser(*names)._actions for option in action.option_strings}


def parse(argv: list[str]) -> argparse.Namespace:
    """factcheck's own parsing of a command line (without the program name)."""
    try:
        return build_parser().parse_args(argv)
    except (UsageError, SystemExit) as exc:  # pragma: no cover - shown when a test fails
        pytest.fail(f"factcheck {shlex.join(argv)}: {exc}")


def step(action: dict[str, Any], step_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in action["runs"]["steps"] if s.get("id") == step_id)
    return found


# --- action.yml, read -----------------------------------------------------------------------------------------------


def test_action_is_composite_with_its_inputs() -> None:
    action = load_action()
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    for name in ("articles", "paths", "against", "rules", "fail-on", "baseline", "sarif", "python-version"):
        assert name in inputs, name
        assert inputs[name].get("required", False) is False, name
        assert inputs[name].get("description"), name
    assert inputs["rules"]["default"] == "rules"
    assert inputs["fail-on"]["default"] == "error"
    assert inputs["sarif"]["default"] == "false"
    assert str(inputs["python-version"]["default"]) == "3.11"
    assert inputs["paths"]["default"] == "corpus/**"
    assert inputs["articles"]["default"] == ""
    fail_on = next(a for a in subparser("check")._actions if "--fail-on" in a.option_strings)
    assert inputs["fail-on"]["default"] in (fail_on.choices or ())


def test_action_steps() -> None:
    action = load_action()
    steps = action["runs"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses == ["actions/setup-python@v5", "actions/cache@v4", "github/codeql-action/upload-sarif@v3"]
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    for s in steps:
        if "run" in s:
            assert s.get("shell") == "bash", s.get("name")  # a composite action's run steps must name their shell
            # Inputs and event data reach scripts through env only: never pasted into the script's text.
            assert "${{" not in s["run"], s.get("name")
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$ACTION_PATH"' in install["run"]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert "runner.temp" in cache["with"]["path"]
    assert "hashFiles(format('{0}/**', inputs.rules))" in cache["with"]["key"]
    check = step(action, "check")
    assert cache["with"]["path"] == check["env"]["CACHE_DIR"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert "always()" in upload["if"] and "inputs.sarif == 'true'" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    assert check["env"]["PR_BASE"] == "${{ github.event.pull_request.base.sha }}"
    for name, output in action["outputs"].items():
        assert output["value"] == f"${{{{ steps.check.outputs.{name} }}}}"


def test_action_factcheck_options_are_known() -> None:
    """Every option on the lines that build or run the factcheck command is one ``factcheck check`` accepts."""
    known = option_strings("check")
    script = step(load_action(), "check")["run"]
    lines = [line for line in script.splitlines() if "factcheck check" in line or re.match(r"\s*options\+?=", line)]
    assert len(lines) >= 4
    used = {option for line in lines for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", line)}
    assert used <= known, used - known
    assert {"--format", "--rules", "--fail-on", "--cache-dir", "--against", "--baseline", "--output"} <= used
    formats = set(re.findall(r"--format (\w+)", script))
    format_action = next(a for a in subparser("check")._actions if "--format" in a.option_strings)
    assert formats == {"github", "sarif"}
    assert formats <= set(format_action.choices or ())


# --- action.yml, run ------------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def write(repo: Path, name: str, text: str = "---\noutlet: X\n---\n\nText.\n") -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Story:
    """A repository with a pull request: ``base`` is the tip of main, HEAD the pull request's branch."""

    repo: Path
    base: str
    expected: set[str]


@pytest.fixture
def story(tmp_path: Path) -> Story:
    if shutil.which("git") is None or shutil.which("bash") is None:
        pytest.skip("needs git and bash")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test Editor")
    git(repo, "config", "user.email", "editor@example.com")
    git(repo, "config", "commit.gpgsign", "false")
    git(repo, "checkout", "-q", "-b", "main")
    for name in ("a.md", "b.md", "gone.md", "same.md", "README.md"):
        write(repo, f"corpus/story/{name}")
    write(repo, "rules/x.yaml", "facts: []\n")
    write(repo, "README.md", "# Newsroom\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")

    git(repo, "checkout", "-q", "-b", "edits")
    write(repo, "corpus/story/a.md", "---\noutlet: X\n---\n\nText, edited.\n")
    write(repo, "corpus/story/new one.md")  # a space in the name
    write(repo, "corpus/other story/c.TXT")  # another story, an upper-case suffix
    write(repo, "corpus/other story/d.markdown")
    write(repo, "corpus/story/notes.json", "{}\n")  # not an article
    write(repo, "corpus/story/README.md", "# Story, edited\n")  # not an article
    write(repo, "corpus/.drafts/draft.md")  # hidden
    write(repo, "docs/how.md")  # outside corpus/
    write(repo, "rules/x.yaml", "facts: [] # edited\n")
    git(repo, "mv", "corpus/story/b.md", "corpus/story/b moved.md")
    git(repo, "rm", "-q", "corpus/story/gone.md")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edits")

    git(repo, "checkout", "-q", "main")  # main moves on after the branch point: not the pull request's changes
    write(repo, "corpus/story/main only.md")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "main moves on")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "edits")
    expected = {
        "corpus/story/a.md",
        "corpus/story/new one.md",
        "corpus/story/b moved.md",
        "corpus/other story/c.TXT",
        "corpus/other story/d.markdown",
    }
    return Story(repo=repo, base=base, expected=expected)


def changed(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["bash", str(CHANGED), *args], cwd=repo, capture_output=True, check=False)


def names(output: bytes) -> list[str]:
    assert output == b"" or output.endswith(b"\0")
    return [name.decode("utf-8") for name in output.split(b"\0")[:-1]]


@needs_git
def test_changed_articles_of_a_pull_request(story: Story) -> None:
    done = changed(story.repo, story.base)
    assert done.returncode == 0, done.stderr
    assert set(names(done.stdout)) == story.expected
    assert len(names(done.stdout)) == len(story.expected)


@needs_git
def test_changed_articles_restricted_to_paths(story: Story) -> None:
    done = changed(story.repo, story.base, "corpus/other story/**")
    assert set(names(done.stdout)) == {"corpus/other story/c.TXT", "corpus/other story/d.markdown"}
    done = changed(story.repo, story.base, "corpus/story/*.md", ":(glob)docs/**")
    listed = set(names(done.stdout))
    assert listed == {"corpus/story/a.md", "corpus/story/new one.md", "corpus/story/b moved.md", "docs/how.md"}
    done = changed(story.repo, story.base, "docs/**")  # not under corpus/, but an article all the same
    assert names(done.stdout) == ["docs/how.md"]


@needs_git
def test_changed_articles_of_a_first_commit_and_bad_bases(story: Story) -> None:
    empty_tree = git(story.repo, "hash-object", "-t", "tree", "/dev/null")
    done = changed(story.repo, empty_tree)
    listed = set(names(done.stdout))
    assert story.expected <= listed and "corpus/story/same.md" in listed
    assert "corpus/story/README.md" not in listed and "corpus/.drafts/draft.md" not in listed
    assert "corpus/story/main only.md" not in listed
    done = changed(story.repo, "0123456789abcdef0123456789abcdef01234567")
    assert done.returncode == 2 and b"fetch-depth" in done.stderr
    assert changed(story.repo).returncode == 2
    assert names(changed(story.repo, "HEAD").stdout) == []


STUB = """#!{python}
import json, os, sys
args = sys.argv[1:]
with open(os.environ["STUB_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
if "--output" in args:
    with open(args[args.index("--output") + 1], "w", encoding="utf-8") as out:
        out.write("{{}}\\n")
sys.exit(int(os.environ.get("STUB_EXIT", "0")))
"""


@dataclass
class StepRun:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    calls: list[list[str]]


def expand(value: str, context: Mapping[str, str]) -> str:
    """The ``${{ … }}`` expressions of an env value, from ``context`` (an unknown one fails the test)."""

    def one(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        if expression not in context:  # pragma: no cover - shown when a test fails
            pytest.fail(f"no value for ${{{{ {expression} }}}} in the test")
        return context[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", one, value)


def run_step(
    tmp_path: Path,
    repo: Path,
    step_id: str,
    inputs: Mapping[str, str] | None = None,
    context: Mapping[str, str] | None = None,
    stub_exit: int = 0,
) -> StepRun:
    """A run step of the action, as the runner would run it (``bash -e -o pipefail``) from the repository's top,
    with its env expanded, and a stand-in ``factcheck`` first on the PATH."""
    action = load_action()
    found = step(action, step_id)
    values = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update({f"inputs.{name}": value for name, value in (inputs or {}).items()})
    temp = tmp_path / "runner-temp"
    temp.mkdir(exist_ok=True)
    values.update(
        {
            "github.action_path": str(ROOT),
            "runner.temp": str(temp),
            "github.event.pull_request.base.sha": "",
        }
    )
    values.update(context or {})
    stubs = tmp_path / "stub-bin"
    stubs.mkdir(exist_ok=True)
    stub = stubs / "factcheck"
    stub.write_text(STUB.format(python=sys.executable), encoding="utf-8")
    stub.chmod(0o755)
    log = tmp_path / "factcheck-calls.jsonl"
    log.unlink(missing_ok=True)
    outputs = tmp_path / "github-output"
    outputs.write_text("", encoding="utf-8")
    script = tmp_path / f"{step_id}.sh"
    script.write_text(found["run"], encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("INPUT_", "GITHUB_"))}
    env.update({key: expand(str(value), values) for key, value in found.get("env", {}).items()})
    env.update(
        {
            "PATH": f"{stubs}{os.pathsep}{os.environ.get('PATH', '')}",
            "GITHUB_OUTPUT": str(outputs),
            "STUB_LOG": str(log),
            "STUB_EXIT": str(stub_exit),
        }
    )
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    written = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if line)
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    return StepRun(done.returncode, done.stdout, done.stderr, written, calls)


@needs_git
@pytest.mark.parametrize("status", [0, 1, 2])
def test_action_checks_the_pull_request_articles(tmp_path: Path, story: Story, status: int) -> None:
    context = {"github.event.pull_request.base.sha": story.base}
    done = run_step(tmp_path, story.repo, "check", context=context, stub_exit=status)
    assert done.returncode == 0, done.stderr  # the step records factcheck's status; the last step exits with it
    assert done.outputs["exit-code"] == str(status)
    assert done.outputs["articles"] == str(len(story.expected))
    assert "sarif-file" not in done.outputs
    assert len(done.calls) == 1
    args = parse(done.calls[0])
    assert args.command == "check"
    assert {str(p) for p in args.articles} == story.expected
    assert args.format == "github"
    assert args.fail_on == "error"
    assert str(args.rules) == "rules"
    assert args.cache_dir == tmp_path / "runner-temp" / "factcheck-cache"
    assert args.against is None and args.baseline is None and args.output is None


@needs_git
def test_action_with_every_option_and_sarif(tmp_path: Path, story: Story) -> None:
    inputs = {
        "articles": "corpus/story/new one.md\ncorpus/story/a.md\n",
        "against": "corpus/story",
        "rules": "my rules",
        "fail-on": "warning",
        "baseline": "reports/baseline.yaml",
        "sarif": "true",
    }
    done = run_step(tmp_path, story.repo, "check", inputs=inputs, stub_exit=1)
    assert done.returncode == 0, done.stderr
    assert done.outputs["exit-code"] == "1"
    assert done.outputs["articles"] == "2"
    sarif = tmp_path / "runner-temp" / "factcheck.sarif"
    assert done.outputs["sarif-file"] == str(sarif) and sarif.is_file()
    assert [parse(call).format for call in done.calls] == ["github", "sarif"]
    for call in done.calls:
        args = parse(call)
        assert [str(p) for p in args.articles] == ["corpus/story/new one.md", "corpus/story/a.md"]
        assert (str(args.against), str(args.rules), args.fail_on) == ("corpus/story", "my rules", "warning")
        assert str(args.baseline) == "reports/baseline.yaml"
    assert parse(done.calls[1]).output == sarif


@needs_git
def test_action_without_a_pull_request_checks_the_last_commit(tmp_path: Path, story: Story) -> None:
    done = run_step(tmp_path, story.repo, "check")
    assert done.returncode == 0, done.stderr
    assert {str(p) for p in parse(done.calls[0]).articles} == story.expected
    git(story.repo, "commit", "-q", "--allow-empty", "-m", "nothing")
    done = run_step(tmp_path, story.repo, "check")
    assert done.returncode == 0, done.stderr
    assert done.calls == []
    assert "::notice" in done.stdout and "No article changed" in done.stdout
    assert done.outputs == {"articles": "0", "exit-code": "0"}


@needs_git
def test_action_on_a_first_commit(tmp_path: Path) -> None:
    repo = tmp_path / "first"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test Editor")
    git(repo, "config", "user.email", "editor@example.com")
    git(repo, "config", "commit.gpgsign", "false")
    write(repo, "corpus/story/only.md")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    done = run_step(tmp_path, repo, "check")
    assert done.returncode == 0, done.stderr
    assert [str(p) for p in parse(done.calls[0]).articles] == ["corpus/story/only.md"]


@needs_git
def test_action_fails_without_the_history(tmp_path: Path, story: Story) -> None:
    context = {"github.event.pull_request.base.sha": "0123456789abcdef0123456789abcdef01234567"}
    done = run_step(tmp_path, story.repo, "check", context=context)
    assert done.returncode == 2
    assert "fetch-depth" in done.stderr
    assert done.calls == []


@needs_git
@pytest.mark.parametrize(("status", "expected"), [("0", 0), ("1", 1), ("2", 2), ("", 2)])
def test_action_exits_with_factchecks_status(tmp_path: Path, status: str, expected: int) -> None:
    action = load_action()
    last = action["runs"]["steps"][-1]
    assert last["env"]["STATUS"] == "${{ steps.check.outputs.exit-code }}"
    assert "if" not in last  # skipped when the check step itself failed, which fails the job already
    done = run_step_from(tmp_path, last, {"steps.check.outputs.exit-code": status})
    assert done == expected


def run_step_from(tmp_path: Path, found: dict[str, Any], values: Mapping[str, str]) -> int:
    script = tmp_path / "step.sh"
    script.write_text(found["run"], encoding="utf-8")
    env = dict(os.environ)
    env.update({key: expand(str(value), values) for key, value in found.get("env", {}).items()})
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], env=env, check=False)
    return done.returncode


# --- .pre-commit-hooks.yaml -----------------------------------------------------------------------------------------


def test_pre_commit_check_hook() -> None:
    hook = load_hooks()["factcheck-check"]
    assert hook["name"] == "factcheck check"
    assert hook["entry"] == "factcheck check"
    assert hook["language"] == "python"
    assert hook["args"] == ["--fail-on", "error"]
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True
    assert hook["description"]
    # pre-commit runs ENTRY ARGS FILE…
    args = parse([*hook["entry"].split()[1:], *hook["args"], "corpus/geneva-2022/the-week.md", "corpus/x/a b.md"])
    assert args.command == "check" and args.fail_on == "error"
    assert [str(p) for p in args.articles] == ["corpus/geneva-2022/the-week.md", "corpus/x/a b.md"]


def test_pre_commit_check_hook_files() -> None:
    hook = load_hooks()["factcheck-check"]
    files, exclude = re.compile(hook["files"]), re.compile(hook.get("exclude", "^$"))

    def selected(name: str) -> bool:  # as pre-commit filters: files matches, exclude does not
        return bool(files.search(name)) and not exclude.search(name)

    assert selected("corpus/geneva-2022/the-week.md")
    assert selected("corpus/story/an article.txt")
    assert selected("corpus/story/deep/article.markdown")
    assert not selected("rules/x.yaml")
    assert not selected("rules/geneva-2022.yaml")
    assert not selected("docs/ci.md")
    assert not selected("corpus/story/notes.json")
    assert not selected("corpus/story/README.md")
    assert not selected("README.md")
    for article in sorted((ROOT / "corpus").rglob("*.md")):
        assert selected(article.relative_to(ROOT).as_posix())


def test_pre_commit_rules_hook() -> None:
    hook = load_hooks()["factcheck-rules-test"]
    assert hook["entry"] == "factcheck rules test"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    args = parse([*hook["entry"].split()[1:], *hook.get("args", [])])
    assert (args.command, args.rules_command) == ("rules", "test")
    files = re.compile(hook["files"])
    assert files.search("rules/geneva-2022.yaml") and files.search("rules/x.yml")
    assert not files.search("corpus/geneva-2022/the-week.md")
    for rule_file in sorted((ROOT / "rules").glob("*.yaml")):
        assert files.search(rule_file.relative_to(ROOT).as_posix())


def test_pre_commit_entries_are_the_console_script() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    scripts = project["scripts"]
    for hook in load_hooks().values():
        program = hook["entry"].split()[0]
        assert scripts.get(program) == "factcheck.cli:main", hook["id"]
    found = [e for e in importlib.metadata.entry_points(group="console_scripts") if e.name == "factcheck"]
    if not found:  # pragma: no cover - factcheck not installed in this environment
        pytest.skip("factcheck is not installed")
    assert found[0].value == "factcheck.cli:main"
    assert found[0].load() is sys.modules["factcheck.cli"].main


# --- docs/ci.md -----------------------------------------------------------------------------------------------------


def code_blocks(language: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.S | re.M)


def test_docs_yaml_examples_parse() -> None:
    blocks = code_blocks("yaml")
    assert len(blocks) == 4
    for block in blocks:
        assert isinstance(yaml.safe_load(block), dict)
    workflow = yaml.safe_load(blocks[0])
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    used = steps[1]
    assert used["uses"] == "your-org/factcheck@v1"
    assert set(used["with"]) <= set(load_action()["inputs"])
    pre_commit = yaml.safe_load(blocks[2])
    ids = {hook["id"] for repo in pre_commit["repos"] for hook in repo["hooks"]}
    assert ids <= set(load_hooks())
    gitlab = yaml.safe_load(blocks[3])["factcheck"]
    assert gitlab["artifacts"]["reports"]["junit"] == "factcheck.xml"


def test_docs_factcheck_commands_parse() -> None:
    """Every factcheck command in the examples (YAML scripts and shell) is one factcheck's parser accepts."""
    commands = []
    for block in code_blocks("yaml") + code_blocks("sh"):
        for line in block.replace("\\\n", " ").splitlines():
            if not re.match(r"\s*factcheck\s", line):
                continue
            words = shlex.split(line, comments=True)
            start = words.index("factcheck")
            argv = []
            for word in words[start + 1 :]:
                if word in ("&&", "||", ";", "|"):
                    break
                argv.append(word)
            commands.append(argv)
    assert len(commands) >= 4
    formats = set()
    for argv in commands:
        args = parse(argv)
        if args.command == "check":
            formats.add(args.format)
            assert args.baseline == Path("reports/baseline.yaml")
    assert {"github", "junit"} <= formats
