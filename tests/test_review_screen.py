"""The interactive ``factcheck review`` screen: its pure helpers, the screen driven in-process by scripted keys,
and the real terminal program driven through a pseudo-terminal with pexpect."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from rich.console import Console

from factcheck.cache import ClaimCache
from factcheck.intervals import Qualifier
from factcheck.models import Claim, ClaimKind, Report, ReviewDecision, Verdict
from factcheck.pipeline import cached_report
from factcheck.render.terminal import THEME
from factcheck.review_screen import (
    CLOSE_MARK,
    ENTER,
    ESCAPE,
    INTERRUPTED,
    Action,
    LineKeyboard,
    TerminalKeyboard,
    action_for,
    marked,
    ordered_claims,
    outlet_choices,
    run_screen,
    why,
)
from factcheck.reviews import ReviewItem, ReviewStore, review_items, reviewed
from factcheck.rules.loader import load_rules

REPO = Path(__file__).resolve().parent.parent
CORPUS = "corpus/geneva-2022"
SCRIPT = str(Path(sys.executable).parent / "factcheck")
# The screen is tested on the story's three numeric findings: quotes and names compared too would only add items.
NUMBERS_ONLY = """rules:
  - id: tests.settings
    kind: settings
    title: Numbers only
    quotes: {compare: false}
    names: {compare: false}
"""


def numbers_only_rules(tmp: Path) -> Path:
    folder = tmp / "rules"
    if not folder.exists():
        shutil.copytree(REPO / "rules", folder)
        (folder / "settings.yaml").write_text(NUMBERS_ONLY, encoding="utf-8")
    return folder


TIMEOUT = 30
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

# --- pure helpers ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "action"),
    [
        ("c", Action.CONFIRMED),
        ("C", Action.CONFIRMED),
        ("n", Action.NOT_A_CONFLICT),
        ("N", Action.NOT_A_CONFLICT),
        ("d", Action.DIFFERENT_FACTS),
        ("s", Action.SKIP),
        ("q", Action.QUIT),
        ("Q", Action.QUIT),
        ("\x04", Action.QUIT),
        ("?", Action.HELP),
        ("h", Action.HELP),
        ("x", None),
        ("1", None),
        (ENTER, None),
        (ESCAPE, None),
        ("", None),
        ("cn", None),
    ],
)
def test_keys_map_to_actions(key: str, action: Action | None) -> None:
    assert action_for(key) is action


def _claim(sentence: str, words: str, sentence_start: int = 100) -> Claim:
    at = sentence.index(words)
    return Claim(
        source="a",
        kind=ClaimKind.QUANTITY,
        text=words,
        start=sentence_start + at,
        end=sentence_start + at + len(words),
        line=3,
        sentence=sentence,
        sentence_start=sentence_start,
        qualifier=Qualifier.EXACT,
        stated_low=7.0,
        stated_high=7.0,
        unit=None,
    )


def test_a_short_sentence_is_shown_whole_with_the_claim_marked() -> None:
    text = marked(_claim("The talks lasted seven hours on Monday.", "seven hours"), limit=72)
    assert text.plain == "The talks lasted »seven hours« on Monday."
    claim_spans = [s for s in text.spans if text.plain[s.start : s.end] == "seven hours"]
    assert claim_spans, text.spans  # highlighted, not only marked


def test_a_long_sentence_is_cut_to_a_window_around_the_claim() -> None:
    before = " ".join(f"word{i}" for i in range(40))
    after = " ".join(f"tail{i}" for i in range(40))
    sentence = f"{before} the meeting lasted seven hours, officials said {after}."
    text = marked(_claim(sentence, "seven hours"), limit=60)
    plain = text.plain
    assert "»seven hours«" in plain
    assert plain.startswith("…") and plain.endswith("…")
    assert len(plain) <= 60
    assert "meeting lasted" in plain and "officials" in plain  # context on both sides


def test_a_claim_at_the_start_keeps_the_start_of_its_sentence() -> None:
    sentence = "Seven hours of talks " + " ".join(f"ended{i}" for i in range(30)) + "."
    plain = marked(_claim(sentence, "Seven hours"), limit=50).plain
    assert plain.startswith("»Seven hours« of talks")
    assert plain.endswith("…") and len(plain) <= 50


def test_line_keyboard_reads_keys_and_lines() -> None:
    keys = LineKeyboard(io.StringIO("c\n\nA note\n\x1b\n"))
    assert keys.key() == "c"
    assert keys.key() == ENTER
    assert keys.line() == "A note"
    assert keys.line() is None  # Esc: back
    with pytest.raises(EOFError):
        keys.key()
    assert keys.line() is None


def test_terminal_keyboard_reads_keypresses_and_restores_the_terminal() -> None:
    termios = pytest.importorskip("termios")
    main, side = os.openpty()
    try:
        before = termios.tcgetattr(side)
        echo = io.StringIO()
        with TerminalKeyboard(side, echo) as keys:
            raw = termios.tcgetattr(side)
            assert not raw[3] & (termios.ICANON | termios.ECHO | termios.ISIG)
            os.write(main, "c\r\x1b[Aé".encode())
            assert [keys.key(), keys.key(), keys.key(), keys.key()] == ["c", ENTER, "", "é"]
            os.write(main, b"roundx\x7fing\r")
            assert keys.line() == "rounding"
            os.write(main, b"abc\x1b")
            assert keys.line() is None  # Esc
            os.write(main, b"\x03")
            with pytest.raises(KeyboardInterrupt):
                keys.line()
        assert termios.tcgetattr(side) == before
        assert "roundx\b \bing\n" in echo.getvalue()  # typed keys are echoed, Backspace erases
        with pytest.raises(RuntimeError), TerminalKeyboard(side, echo):
            raise RuntimeError("boom")
        assert termios.tcgetattr(side) == before
    finally:
        os.close(main)
        os.close(side)


# --- the screen, in-process -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    rules = load_rules(numbers_only_rules(tmp_path_factory.mktemp("screen")))
    with ClaimCache(None) as cache:
        found = cached_report(REPO / CORPUS, rules, cache)
    return reviewed(found, {})


@pytest.fixture
def items(report: Report) -> list[ReviewItem]:
    found = review_items(report)
    assert len(found) == 3
    return found


def _outlets(report: Report) -> dict[str, str]:
    return {s.id: s.outlet for s in report.sources}


def test_the_flagged_claim_and_its_outlet_come_first(report: Report, items: list[ReviewItem]) -> None:
    for item in items:
        rows = ordered_claims(item)
        assert rows[0] == item.judged
        assert sorted(map(id, rows)) == sorted(map(id, item.finding.claims))
        choices = outlet_choices(item)
        assert choices[0] == item.claim.source
        assert sorted(choices) == list(item.finding.sources)


def test_why_names_the_outlets_and_values(report: Report, items: list[ReviewItem]) -> None:
    outlets = _outlets(report)
    for item in items:
        assert item.judged.verdict is Verdict.OUTLIER
        words = why(item, outlets)
        assert words.startswith(f"{outlets[item.claim.source]} says ")
        assert "but the others say" in words
        majority = {outlets[j.claim.source] for j in item.finding.claims if j.verdict is Verdict.MAJORITY}
        assert any(name in words for name in majority), words


class Script:
    """Scripted answers: a key is a one-character string (or ENTER/ESCAPE), a line is ("line", text)."""

    INTERRUPT = object()

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)

    def _next(self) -> object:
        if not self.answers:
            raise EOFError
        answer = self.answers.pop(0)
        if answer is self.INTERRUPT:
            raise KeyboardInterrupt
        return answer

    def key(self) -> str:
        answer = self._next()
        assert isinstance(answer, str), f"a key was read where the script has {answer!r}"
        return answer

    def line(self) -> str | None:
        answer = self._next()
        assert isinstance(answer, tuple), f"a line was read where the script has {answer!r}"
        text = answer[1]
        assert text is None or isinstance(text, str)
        return text


def _console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=80, height=24, theme=THEME, no_color=True, highlight=False), out


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReviewStore]:
    with ReviewStore(tmp_path / "decisions.sqlite") as opened:
        yield opened


def test_screen_records_each_decision_and_the_wrong_outlet(
    report: Report, items: list[ReviewItem], store: ReviewStore
) -> None:
    console, out = _console()
    keys = Script("c", "2", ("line", "  checked   the tape "), "d", ("line", ""), "s")
    assert run_screen(items, report, store, "Ann", console=console, keyboard=keys) == 0
    history = store.history()
    assert [(e.fingerprint, e.decision, e.note, e.editor) for e in history] == [
        (items[0].fingerprint, ReviewDecision.CONFIRMED, "checked the tape", "Ann"),
        (items[1].fingerprint, ReviewDecision.DIFFERENT_FACTS, None, "Ann"),
    ]
    assert history[0].wrong == outlet_choices(items[0])[1]
    text = out.getvalue()
    assert "Finding 1 of 3" in text and "Finding 3 of 3" in text
    assert "2 decided, 1 skipped, 1 left to review" in text


def test_escape_goes_back_and_records_nothing(report: Report, items: list[ReviewItem], store: ReviewStore) -> None:
    console, out = _console()
    keys = Script("c", ESCAPE, "c", ENTER, ("line", None), "n", ("line", None), "q")
    assert run_screen(items, report, store, "Ann", console=console, keyboard=keys) == 0
    assert store.history() == []
    assert "back: nothing recorded" in out.getvalue()


def test_a_reason_is_required_for_not_a_conflict(report: Report, items: list[ReviewItem], store: ReviewStore) -> None:
    console, out = _console()
    keys = Script("n", ("line", ""), ("line", "   "), ("line", "same meeting, rounded"), "q")
    assert run_screen(items, report, store, "Ann", console=console, keyboard=keys) == 0
    assert [(e.decision, e.note) for e in store.history()] == [(ReviewDecision.NOT_A_CONFLICT, "same meeting, rounded")]
    assert out.getvalue().count("A reason is needed") == 2


def test_unknown_keys_and_help_record_nothing(report: Report, items: list[ReviewItem], store: ReviewStore) -> None:
    console, out = _console()
    keys = Script("x", "", "?", "z", "c", "9", "0", ENTER, ("line", ""), "q")
    assert run_screen(items, report, store, "Ann", console=console, keyboard=keys) == 0
    text = out.getvalue()
    assert "x is not a key here" in text
    assert "How to review" in text
    assert f"Choose 1 to {len(outlet_choices(items[0]))}" in text
    [entry] = store.history()
    assert entry.decision is ReviewDecision.CONFIRMED and entry.wrong == items[0].claim.source


def test_ctrl_c_keeps_what_was_decided(report: Report, items: list[ReviewItem], store: ReviewStore) -> None:
    console, out = _console()
    keys = Script("d", ("line", "two meetings"), "n", Script.INTERRUPT)
    assert run_screen(items, report, store, "Ann", console=console, keyboard=keys) == INTERRUPTED
    assert [e.note for e in store.history()] == ["two meetings"]
    assert out.getvalue().rstrip().endswith("stopped: 1 decided, 2 left")


def test_end_of_input_quits(report: Report, items: list[ReviewItem], store: ReviewStore) -> None:
    console, out = _console()
    assert run_screen(items, report, store, "Ann", console=console, keyboard=Script()) == 0
    assert "0 decided, 0 skipped, 3 left to review" in out.getvalue()


def test_nothing_to_review(report: Report, items: list[ReviewItem], store: ReviewStore) -> None:
    store.record([item.entry(ReviewDecision.NOT_A_CONFLICT, "Ann", "fine", None) for item in items])
    decided = review_items(reviewed(report, store.reviews()))
    console, out = _console()
    assert run_screen(decided, report, store, "Ann", console=console, keyboard=Script()) == 0
    assert "Nothing to review" in out.getvalue()
    console, out = _console()
    assert run_screen([], report, store, "Ann", console=console, keyboard=Script()) == 0
    assert "Nothing to review" in out.getvalue()


def test_the_screen_fits_a_small_terminal(report: Report, items: list[ReviewItem], store: ReviewStore) -> None:
    for item in items:
        console, out = _console()
        run_screen([item], report, store, "Ann", console=console, keyboard=Script("q"))
        screen = out.getvalue().split("Decision: ")[0]
        lines = screen.rstrip("\n").split("\n")
        assert len(lines) <= 24 - 2, screen  # room for the prompts below
        assert max(len(line.rstrip()) for line in lines) <= 80
        assert CLOSE_MARK in screen


# --- the real program on a pseudo-terminal --------------------------------------------------------------------------


def _spawn(tmp: Path, *extra: str) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORCE_COLOR", "PYTHON", "FACTCHECK"))}
    env.update(TERM="xterm", NO_COLOR="1")
    args = ["review", CORPUS, "--rules", str(numbers_only_rules(tmp))]
    args += ["--decisions", str(tmp / "decisions.sqlite"), "--editor", "Tester"]
    return pexpect.spawn(
        SCRIPT,
        [*args, "--cache-dir", str(tmp / "cache"), *extra],
        cwd=str(REPO),
        env=env,
        dimensions=(40, 120),
        encoding="utf-8",
        timeout=TIMEOUT,
    )


def _store_options(tmp: Path) -> list[str]:
    return ["--decisions", str(tmp / "decisions.sqlite"), "--cache-dir", str(tmp / "cache")]


def _finish(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    rest = ANSI.sub("", child.before or "")
    child.close()
    assert child.exitstatus is not None, f"killed by signal {child.signalstatus}"
    return child.exitstatus, rest


def _listed(tmp: Path) -> list[str]:
    """The findings' fingerprints in `review --list` order (worst first): the screen's order."""
    done = subprocess.run(
        [SCRIPT, "review", CORPUS, "--list", "--rules", str(numbers_only_rules(tmp)), *_store_options(tmp)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [line.split()[0] for line in done.stdout.splitlines()]


def _history(tmp: Path) -> list[tuple[str, str, str | None, str | None, str]]:
    with ReviewStore(tmp / "decisions.sqlite") as store:
        return [(e.fingerprint, e.decision.value, e.wrong, e.note, e.editor) for e in store.history()]


def _source(tmp: Path, fingerprint: str) -> str:
    with ReviewStore(tmp / "decisions.sqlite") as store:
        return store.history(fingerprint)[0].source


def test_decide_two_quit_and_resume_at_the_third(tmp_path: Path) -> None:
    order = _listed(tmp_path)
    assert len(order) == 3
    child = _spawn(tmp_path)
    child.expect(r"Finding 1 of 3(?!\d)")
    child.expect(order[0][:8])
    child.expect("Decision: ")
    child.send("n")
    child.expect("Why is it not a conflict")
    child.send("roundx\x7fing\r")  # a typo, erased with Backspace
    child.expect(r"Finding 2 of 3(?!\d)")
    child.expect(order[1][:8])
    child.expect("Decision: ")
    child.send("c")
    child.expect("Which outlet is wrong")
    child.send("\r")  # Enter: the flagged claim's outlet
    child.expect("Note")
    child.send("\r")  # no note
    child.expect(r"Finding 3 of 3(?!\d)")
    child.expect("Decision: ")
    child.send("q")
    status, rest = _finish(child)
    assert status == 0
    assert "2 decided, 0 skipped, 1 left to review" in rest
    wrong = _source(tmp_path, order[1])
    assert _history(tmp_path) == [
        (order[0], "not-a-conflict", None, "rounding", "Tester"),
        (order[1], "confirmed", wrong, None, "Tester"),
    ]

    again = _spawn(tmp_path)
    again.expect(r"Finding 1 of 1(?!\d)")
    again.expect(order[2][:8])
    again.expect("Decision: ")
    again.send("q")
    status, _ = _finish(again)
    assert status == 0
    assert len(_history(tmp_path)) == 2


def test_ctrl_c_in_a_reason_keeps_earlier_decisions(tmp_path: Path) -> None:
    order = _listed(tmp_path)
    child = _spawn(tmp_path)
    child.expect("Decision: ")
    child.send("d")
    child.expect("Note")
    child.send("two different meetings\r")
    child.expect(r"Finding 2 of 3(?!\d)")
    child.expect("Decision: ")
    child.send("n")
    child.expect("Why is it not a conflict")
    child.send("half a rea")
    child.expect("half a rea")  # echoed as typed
    child.send("\x03")
    status, rest = _finish(child)
    assert status == 130
    assert "stopped: 1 decided, 2 left" in rest
    assert _history(tmp_path) == [(order[0], "different-facts", None, "two different meetings", "Tester")]


def test_the_terminal_is_restored_after_ctrl_c(tmp_path: Path) -> None:
    args = f"review {CORPUS} --decisions {tmp_path / 'decisions.sqlite'} --cache-dir {tmp_path / 'cache'}"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f"{SCRIPT} {args} --editor Tester; echo status=$?; stty -a"],
        cwd=str(REPO),
        env={**os.environ, "TERM": "xterm", "NO_COLOR": "1"},
        dimensions=(40, 120),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    child.expect("Decision: ")
    child.send("\x03")
    child.expect("status=130")
    child.expect(pexpect.EOF)
    settings = child.before
    child.close()
    for flag in ("icanon", "echo", "isig", "icrnl"):
        assert re.search(rf"(?<![-\w]){flag}\b", settings), f"{flag} left off: {settings}"


def test_skip_and_escape_record_nothing(tmp_path: Path) -> None:
    child = _spawn(tmp_path)
    child.expect(r"Finding 1 of 3(?!\d)")
    child.expect("Decision: ")
    child.send("\x1b[A")  # an arrow key means nothing here
    child.send("c")
    child.expect("Which outlet is wrong")
    child.send("\x1b")  # Esc: back to the finding
    child.expect("back: nothing recorded")
    child.expect("Decision: ")
    child.send("s")
    child.expect(r"Finding 2 of 3(?!\d)")
    child.expect("Decision: ")
    child.send("q")
    status, rest = _finish(child)
    assert status == 0
    assert "0 decided, 1 skipped, 3 left to review" in rest
    assert _history(tmp_path) == []


def test_nothing_left_to_review_says_so(tmp_path: Path) -> None:
    decide = ["--editor", "Tester", "--as", "not-a-conflict", "--note", "checked", "--decide"]
    for fingerprint in _listed(tmp_path):
        subprocess.run(
            [SCRIPT, "review", CORPUS, *_store_options(tmp_path), *decide, fingerprint],
            cwd=REPO,
            capture_output=True,
            timeout=60,
            check=True,
        )
    child = _spawn(tmp_path)
    child.expect("Nothing to review")
    status, _ = _finish(child)
    assert status == 0
    assert len(_history(tmp_path)) == 3


def test_the_screen_needs_a_terminal(tmp_path: Path) -> None:
    done = subprocess.run(
        [SCRIPT, "review", CORPUS, *_store_options(tmp_path)],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "needs a terminal" in lines[0] and "--decide" in lines[0]
    assert not (tmp_path / "decisions.sqlite").exists()
