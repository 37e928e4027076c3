"""The interactive ``factcheck review`` screen: editors walk the unreviewed findings, worst first, and decide each.

One finding at a time: the fact, why it was flagged, every outlet's sentence with the claim marked, and the
decision keys. Each decision is recorded the moment it is complete (one transaction), so quitting or Ctrl-C at
any moment keeps every decision taken and records nothing half-made; the next run starts at the first finding
still unreviewed. Keys are read one keypress at a time with the terminal in raw mode, restored on every way out.
"""

from __future__ import annotations

import codecs
import os
import select
import signal
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from types import FrameType, TracebackType
from typing import IO, Any, Protocol, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from factcheck.models import Claim, ExitCode, JudgedClaim, Report, ReviewDecision, Severity, Verdict
from factcheck.render.terminal import THEME, excerpt
from factcheck.render.values import describe, interval_words, one_line, said
from factcheck.reviews import Entry, ReviewItem, ReviewStore

INTERRUPTED = 130

ENTER = "\r"
ESCAPE = "\x1b"
_CTRL_C = "\x03"
_CTRL_D = "\x04"
_CTRL_U = "\x15"
_BACKSPACES = ("\x7f", "\x08")

OPEN_MARK = "»"
CLOSE_MARK = "«"
_CLAIM_STYLE = (THEME.styles.get("factcheck.claim") or Style(bold=True)) + Style(bold=True, reverse=True)
_SEVERITY_STYLE = {
    Severity.ERROR: "factcheck.conflict",
    Severity.WARNING: "factcheck.disputed",
    Severity.INFO: "factcheck.single",
}
_VERDICT_RANK = {Verdict.OUTLIER: 0, Verdict.DISPUTED: 1, Verdict.MAJORITY: 2, Verdict.SINGLE: 3}


class Action(Enum):
    """What a key on the finding screen asks for."""

    CONFIRMED = "confirmed"
    NOT_A_CONFLICT = "not-a-conflict"
    DIFFERENT_FACTS = "different-facts"
    SKIP = "skip"
    QUIT = "quit"
    HELP = "help"


KEYS: dict[str, Action] = {
    "c": Action.CONFIRMED,
    "n": Action.NOT_A_CONFLICT,
    "d": Action.DIFFERENT_FACTS,
    "s": Action.SKIP,
    "q": Action.QUIT,
    "?": Action.HELP,
    "h": Action.HELP,
    _CTRL_D: Action.QUIT,
}

DECISIONS = {
    Action.CONFIRMED: ReviewDecision.CONFIRMED,
    Action.NOT_A_CONFLICT: ReviewDecision.NOT_A_CONFLICT,
    Action.DIFFERENT_FACTS: ReviewDecision.DIFFERENT_FACTS,
}

KEYS_LINE = "c confirmed · n not a conflict · d different facts · s skip · q quit · ? help"

HELP_KEYS = (
    (
        "c",
        "confirmed error: an outlet got it wrong. Pick which one by its number (Enter: the flagged"
        " outlet), then add a note if you like. It keeps being reported until the article is fixed.",
    ),
    (
        "n",
        "not a conflict: a false alarm, the outlets do not really disagree (rounding, another way of"
        " saying the same). Say why: a reason is required. It is no longer reported.",
    ),
    (
        "d",
        "different facts: the sentences are about different things, and the rule should tell them"
        " apart. Add a note if you like. It is no longer reported.",
    ),
    ("s", "skip: decide later. It stays unreviewed and comes back next time."),
    ("q", "quit. Every decision taken is saved already; the next run starts where you left off."),
    ("?", "this help."),
)


def help_view() -> Group:
    """The help screen: what each key decides, in an editor's words."""
    keys = Table.grid(padding=(0, 2))
    keys.add_column(style="bold", no_wrap=True)
    keys.add_column(overflow="fold")
    for key, meaning in HELP_KEYS:
        keys.add_row(key, meaning)
    return Group(
        Text("How to review", style="bold"),
        Text(),
        Text(
            "Each finding is one outlet's claim that disagrees with what the other outlets say about the same"
            f" fact. Read the sentences ({OPEN_MARK}…{CLOSE_MARK} marks the words the claim was read from),"
            " then decide:"
        ),
        Text(),
        keys,
        Text(),
        Text(
            "At a prompt, Enter accepts and Esc goes back without saving anything. Ctrl-C stops the review;"
            " the decisions already taken are kept."
        ),
        Text(),
        Text("Press any key to go back to the finding.", style="bold"),
    )


def action_for(key: str) -> Action | None:
    """The action a key on the finding screen stands for (letters in either case), or None."""
    if len(key) != 1:
        return None
    return KEYS.get(key.lower())


# --- reading the keyboard -------------------------------------------------------------------------------------------


class Back(Exception):
    """The editor pressed Esc at a prompt: back to the finding, nothing recorded."""


class Keyboard(Protocol):
    """Single keypresses and typed lines.

    ``key`` returns one character, :data:`ENTER` or :data:`ESCAPE` ("" for a key that means nothing here, such as
    an arrow); ``line`` returns the line typed, or None when the editor pressed Esc. Both raise KeyboardInterrupt
    on Ctrl-C and EOFError when the input has ended.
    """

    def key(self) -> str: ...

    def line(self) -> str | None: ...


class LineKeyboard:
    """Where the input is not a terminal: every answer is a line; a key is the line's first character."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __enter__(self) -> LineKeyboard:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        return None

    def key(self) -> str:
        line = self.stream.readline()
        if not line:
            raise EOFError
        words = line.strip("\r\n")
        if not words.strip():
            return ENTER
        first = words.strip()[0]
        return _CTRL_C if first == _CTRL_C else first

    def line(self) -> str | None:
        line = self.stream.readline()
        if not line:
            return None
        text = line.rstrip("\r\n")
        return None if text.startswith(ESCAPE) else text


class TerminalKeyboard:
    """The terminal in raw mode while the screen runs (no echo, no line buffering, Ctrl-C read as a key).

    Output processing stays on, so what is printed looks as usual. ``__exit__`` puts back the terminal's
    settings as they were, whatever ends the screen; SIGTERM ends it the same orderly way.
    """

    def __init__(self, fd: int, echo: IO[str]) -> None:
        self.fd = fd
        self.echo = echo
        self._saved: list[Any] | None = None
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._old_term: object = None

    def __enter__(self) -> TerminalKeyboard:
        import termios

        self._saved = termios.tcgetattr(self.fd)
        mode = termios.tcgetattr(self.fd)
        mode[0] &= ~(termios.BRKINT | termios.ICRNL | termios.INPCK | termios.ISTRIP | termios.IXON)
        mode[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN | termios.ISIG)
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        try:
            self._old_term = signal.signal(signal.SIGTERM, _terminated)
        except ValueError:  # not the main thread: leave SIGTERM alone
            self._old_term = None
        termios.tcsetattr(self.fd, termios.TCSADRAIN, mode)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.restore()

    def restore(self) -> None:
        import termios

        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
            self._saved = None
        if self._old_term is not None:
            signal.signal(signal.SIGTERM, self._old_term)  # type: ignore[arg-type]
            self._old_term = None

    def _char(self) -> str:
        while True:
            byte = os.read(self.fd, 1)
            if not byte:
                raise EOFError
            text = self._decoder.decode(byte)
            if text:
                return text

    def _ready(self, timeout: float) -> bool:
        return bool(select.select([self.fd], [], [], timeout)[0])

    def _escape(self) -> str:
        """Esc alone, or an escape sequence (an arrow, a function key), read whole and ignored."""
        if not self._ready(0.05):
            return ESCAPE
        second = self._char()
        if second == "[":
            while self._ready(0.05):  # parameters, then one final byte from @ to ~
                if "@" <= self._char() <= "~":
                    break
        elif second == "O" and self._ready(0.05):
            self._char()
        return ""

    def key(self) -> str:
        char = self._char()
        if char == _CTRL_C:
            raise KeyboardInterrupt
        if char == ESCAPE:
            return self._escape()
        if char in ("\r", "\n"):
            return ENTER
        return char

    def line(self) -> str | None:
        typed: list[str] = []
        while True:
            char = self.key()
            if char == ENTER:
                self._write("\n")
                return "".join(typed)
            if char == ESCAPE or (char == _CTRL_D and not typed):
                self._write("\n")
                return None
            if char in _BACKSPACES:
                if typed:
                    self._erase(typed.pop())
            elif char == _CTRL_U:
                while typed:
                    self._erase(typed.pop())
            elif char and char.isprintable():
                typed.append(char)
                self._write(char)

    def _erase(self, char: str) -> None:
        from rich.cells import cell_len

        width = max(1, cell_len(char))
        self._write("\b" * width + " " * width + "\b" * width)

    def _write(self, text: str) -> None:
        self.echo.write(text)
        self.echo.flush()


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold SIGINT back while a decision is being recorded and counted: it is delivered right after."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on POSIX
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# --- what a finding looks like --------------------------------------------------------------------------------------


def marked(claim: Claim, limit: int = 72) -> Text:
    """The claim's sentence on one line, the claim bold and reversed between »…«, trimmed to a window of about
    ``limit`` characters around it (… where cut)."""
    text = excerpt(claim, max(limit - 6, 12))
    spans = [s for s in text.spans if s.style == "factcheck.claim"]
    if not spans:
        return Text.assemble(OPEN_MARK, (one_line(claim.text), _CLAIM_STYLE), CLOSE_MARK)
    span = spans[0]
    out = text[: span.start]
    out.append(OPEN_MARK)
    out.append(text.plain[span.start : span.end], style=_CLAIM_STYLE)
    out.append(CLOSE_MARK)
    out.append_text(text[span.end :])
    if out.plain.endswith(" …"):  # the cut fell after a space: keep the mark with its word
        out.right_crop(2)
        out.append("…")
    return out


def ordered_claims(item: ReviewItem) -> list[JudgedClaim]:
    """The fact's claims as shown: the flagged claim, its outlet's other claims, then the other outlets' claims
    (outliers and disputed ones before the majority), by outlet name and place."""
    flagged = item.judged
    source = flagged.claim.source
    others = [j for j in item.finding.claims if j != flagged]
    same = sorted((j for j in others if j.claim.source == source), key=lambda j: j.claim.start)
    rest = sorted(
        (j for j in others if j.claim.source != source),
        key=lambda j: (_VERDICT_RANK[j.verdict], j.claim.source, j.claim.start),
    )
    return [flagged, *same, *rest]


def outlet_choices(item: ReviewItem) -> list[str]:
    """The fact's sources, the flagged claim's first: the outlets a confirmed error can be blamed on."""
    seen: dict[str, None] = {}
    for judged in ordered_claims(item):
        seen.setdefault(judged.claim.source, None)
    return list(seen)


def why(item: ReviewItem, outlets: dict[str, str]) -> str:
    """Why the claim was flagged, in words: what this outlet says against what the others say."""
    flagged = item.judged
    name = outlets.get(flagged.claim.source, flagged.claim.source)
    value = describe(flagged.claim)
    said_here = said(flagged.claim.text, value)
    if flagged.verdict is Verdict.OUTLIER:
        against = [j for j in item.finding.claims if j.verdict is Verdict.MAJORITY]
    else:
        against = [j for j in item.finding.claims if j != flagged and j.verdict is not Verdict.SINGLE]
    against = [j for j in against if describe(j.claim) != value]
    if not against:
        return f"{name} says {said_here}, which the other claims on this fact do not allow."
    by_value: dict[str, list[JudgedClaim]] = defaultdict(list)
    for judged in against:
        by_value[describe(judged.claim)].append(judged)
    ranked = sorted(by_value.items(), key=lambda kv: (-len({j.claim.source for j in kv[1]}), kv[0]))
    parts = []
    for shown_value, claims in ranked[:3]:
        names = sorted({outlets.get(j.claim.source, j.claim.source) for j in claims})
        listed = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        example = min(claims, key=lambda j: (outlets.get(j.claim.source, j.claim.source), j.claim.start))
        parts.append(f"{said(example.claim.text, shown_value)} ({listed})")
    if len(ranked) > 3:
        parts.append(f"{len(ranked) - 3} other values")
    if flagged.verdict is Verdict.OUTLIER:
        return f"{name} says {said_here}, but the others say {_join(parts)}."
    return f"No majority: {name} says {said_here}, but {_join(parts)}."


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" and {parts[-1]}"


@dataclass
class _Widths:
    outlet: int
    value: int
    verdict: int
    sentence: int

    @classmethod
    def of(cls, total: int, claims: Sequence[JudgedClaim], outlets: dict[str, str]) -> _Widths:
        longest_outlet = max((len(outlets.get(j.claim.source, j.claim.source)) for j in claims), default=8)
        longest_value = max(
            (max(len(describe(j.claim)), len(interval_words(j.claim, j.compared))) for j in claims), default=8
        )
        outlet = max(8, min(longest_outlet, total // 7))
        value = max(10, min(longest_value, total // 4))
        verdict = 8
        padding = 2 * 3  # four columns, padded between them only
        sentence = max(20, total - outlet - value - verdict - padding)
        return cls(outlet, value, verdict, sentence)


def claims_table(
    item: ReviewItem, outlets: dict[str, str], width: int, shown: Sequence[JudgedClaim] | None = None
) -> Table:
    """The outlets' sentences side by side, a row per claim: the flagged claim's outlet first."""
    rows = ordered_claims(item)
    visible = rows if shown is None else [j for j in rows if j in shown]
    widths = _Widths.of(width, rows, outlets)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    table.add_column("Outlet", width=widths.outlet, overflow="fold", style="factcheck.source")
    table.add_column("Sentence", ratio=1, overflow="fold")
    table.add_column("Value · compared", width=widths.value, overflow="fold")
    table.add_column("Verdict", width=widths.verdict)
    for judged in visible:
        claim = judged.claim
        is_flagged = judged == item.judged
        outlet = Text(outlets.get(claim.source, claim.source))
        if is_flagged:
            outlet.append("\n(flagged)", style="factcheck.muted")
        lines = 3 if is_flagged else 2
        sentence = marked(claim, lines * (widths.sentence - 6))
        value = Text(describe(claim))
        compared = interval_words(claim, judged.compared)
        if compared:
            value.append("\n" + compared, style="factcheck.muted")
        verdict = Text(judged.verdict.value, style=f"factcheck.{judged.verdict.value}")
        table.add_row(outlet, sentence, value, verdict)
    hidden = [j for j in rows if j not in visible]
    if hidden:
        count: dict[str, int] = defaultdict(int)
        for judged in hidden:
            count[outlets.get(judged.claim.source, judged.claim.source)] += 1
        listed = ", ".join(f"{name} {n}" for name, n in sorted(count.items()))
        table.caption = f"+{len(hidden)} more claims not shown ({listed})"
        table.caption_justify = "left"
        table.caption_style = "factcheck.muted"
    return table


def _by_priority(item: ReviewItem) -> list[JudgedClaim]:
    """The rows to keep first when the screen is short: the flagged claim, one claim of each outlet, the rest."""
    rows = ordered_claims(item)
    first: list[JudgedClaim] = []
    seen: set[str] = set()
    for judged in rows:
        if judged.claim.source not in seen:
            seen.add(judged.claim.source)
            first.append(judged)
    return first + [j for j in rows if j not in first]


# --- the screen -----------------------------------------------------------------------------------------------------


@dataclass
class Session:
    """One walk through the unreviewed findings."""

    pending: list[ReviewItem]
    report: Report
    store: ReviewStore
    editor: str
    console: Console
    keyboard: Keyboard
    decided: int = 0
    skipped: int = 0
    status: Text = field(default_factory=Text)

    @property
    def outlets(self) -> dict[str, str]:
        return {s.id: s.outlet for s in self.report.sources}

    @property
    def left(self) -> int:
        return len(self.pending) - self.decided

    def walk(self) -> int:
        for number, item in enumerate(self.pending, 1):
            while True:
                self.show(item, number)
                action = self.ask_action()
                if action is Action.HELP:
                    self.help()
                    continue
                if action is Action.QUIT:
                    return self.finish(quitting=True)
                if action is Action.SKIP:
                    self.skipped += 1
                    self.status = Text("(skipped the last one)", style="factcheck.muted")
                    break
                try:
                    entry = self.decide(DECISIONS[action], item)
                except Back:
                    self.status = Text("(back: nothing recorded)", style="factcheck.muted")
                    continue
                self.record(entry)
                break
        return self.finish(quitting=False)

    # --- drawing

    def header(self, item: ReviewItem, number: int) -> list[RenderableType]:
        finding = item.finding
        fact = finding.fact
        counter = Text.assemble(
            (f"Finding {number} of {len(self.pending)}", "bold"),
            (f" to review · {self.decided} decided · {item.fingerprint[:8]}", "factcheck.muted"),
        )
        if self.status:
            counter.append("  ")
            counter.append_text(self.status)
        title = Text.assemble(
            (finding.severity.value.upper(), _SEVERITY_STYLE[finding.severity]),
            "  ",
            (fact.title, "factcheck.fact"),
            "  ",
            (f"{fact.id} · {fact.kind.value}", "factcheck.id"),
        )
        parts: list[RenderableType] = [counter, title]
        if fact.description:
            parts.append(Text(one_line(fact.description), style="factcheck.muted"))
        parts.append(Text.assemble(("Why: ", "bold"), why(item, self.outlets)))
        if item.claim.note:
            parts.append(Text.assemble(("Note: ", "bold"), one_line(item.claim.note)))
        return parts

    def show(self, item: ReviewItem, number: int) -> None:
        console = self.console
        width = console.width
        header = Group(*self.header(item, number), Text())
        footer = Text(KEYS_LINE, style="factcheck.muted")
        room = console.height - self._height(header, width) - self._height(footer, width) - 3
        table = self.fit(item, width, room)
        console.clear()
        console.print(header)
        console.print(table)
        console.print(footer)
        self.status = Text()  # said once

    def fit(self, item: ReviewItem, width: int, room: int) -> Table:
        """The claims table, with as many rows as the room allows (always the flagged claim and one more)."""
        priority = _by_priority(item)
        table = claims_table(item, self.outlets, width)
        count = len(priority)
        while count > 2 and self._height(table, width) > room:
            count -= 1
            table = claims_table(item, self.outlets, width, priority[:count])
        return table

    def _height(self, renderable: RenderableType, width: int) -> int:
        options = self.console.options.update_width(width)
        return len(self.console.render_lines(renderable, options, pad=False))

    def help(self) -> None:
        self.console.clear()
        self.console.print(help_view())
        self.keyboard.key()

    # --- asking

    def prompt(self, text: str) -> None:
        self.console.print(Text(text, style="bold"), end="")
        self.console.file.flush()

    def ask_action(self) -> Action:
        self.prompt("Decision: ")
        while True:
            try:
                key = self.keyboard.key()
            except EOFError:
                return Action.QUIT
            action = action_for(key)
            if action is not None:
                self.console.print(key if key.isprintable() else "")
                return action
            if key:
                shown = repr(key) if not key.isprintable() else key
                self.console.print()
                self.prompt(f"{shown} is not a key here (? for help). Decision: ")

    def decide(self, decision: ReviewDecision, item: ReviewItem) -> Entry:
        """Ask what the decision needs; nothing is recorded here. Esc raises :class:`Back`."""
        wrong = None
        note: str | None
        if decision is ReviewDecision.CONFIRMED:
            wrong = self.ask_wrong(item)
            note = self.ask_line("Note (optional; Enter for none, Esc to go back): ", required=False)
        elif decision is ReviewDecision.NOT_A_CONFLICT:
            note = self.ask_line("Why is it not a conflict? (required; Esc to go back): ", required=True)
        else:
            note = self.ask_line("Note for the rule's author (optional; Enter for none, Esc to go back): ", False)
        return item.entry(decision, self.editor, note, wrong)

    def ask_wrong(self, item: ReviewItem) -> str:
        choices = outlet_choices(item)
        outlets = self.outlets
        listed = Text("Which outlet is wrong?")
        for number, source in enumerate(choices, 1):
            listed.append(f"  {number} ", style="bold")
            listed.append(outlets.get(source, source))
        self.console.print(listed)
        default = outlets.get(choices[0], choices[0])
        question = f"Number (Enter: {default}; Esc to go back): "
        self.prompt(question)
        while True:
            answer = self._key() if len(choices) <= 9 else self._line_answer()
            if answer == ESCAPE:
                raise Back
            if answer == ENTER:
                self.console.print(default)
                return choices[0]
            if answer.isdigit() and 1 <= int(answer) <= len(choices):
                self.console.print(f"{answer} {outlets.get(choices[int(answer) - 1], choices[int(answer) - 1])}")
                return choices[int(answer) - 1]
            if answer:
                self.console.print()
                self.prompt(f"Choose 1 to {len(choices)}. {question}")

    def _key(self) -> str:
        try:
            return self.keyboard.key()
        except EOFError:
            raise Back from None

    def _line_answer(self) -> str:
        text = self._line()
        if text is None:
            return ESCAPE
        return text.strip() or ENTER

    def _line(self) -> str | None:
        try:
            return self.keyboard.line()
        except EOFError:
            return None

    def ask_line(self, question: str, required: bool) -> str | None:
        self.prompt(question)
        while True:
            text = self._line()
            if text is None:
                raise Back
            text = one_line(text)
            if text or not required:
                return text or None
            self.prompt("A reason is needed: what makes these claims agree? ")

    # --- recording

    def record(self, entry: Entry) -> None:
        with _uninterrupted():
            self.store.record([entry])
            self.decided += 1
        wrong = f", {self.outlets.get(entry.wrong, entry.wrong)} wrong" if entry.wrong else ""
        self.status = Text(f"(recorded: {entry.decision.value}{wrong})", style="factcheck.agree")

    def finish(self, quitting: bool) -> int:
        console = self.console
        if not quitting:
            console.clear()
        else:
            console.print()
        console.print(
            Text(f"{self.decided} decided, {self.skipped} skipped, {self.left} left to review.", style="bold")
        )
        if self.left:
            console.print("Run factcheck review again to go on from the first finding left.")
        else:
            console.print("Every finding has been reviewed.")
        return ExitCode.CLEAN


def _console() -> Console:
    # Not render.terminal.console_for: that one ignores NO_COLOR on a terminal; here NO_COLOR is honoured.
    return Console(file=sys.stdout, theme=THEME, highlight=False, emoji=False, soft_wrap=False)


def _keyboard(stream: TextIO, echo: IO[str]) -> TerminalKeyboard | LineKeyboard:
    try:
        fd = stream.fileno()
    except (AttributeError, ValueError, OSError):
        return LineKeyboard(stream)
    if os.isatty(fd):
        try:
            import termios  # noqa: F401
        except ImportError:  # pragma: no cover - no termios (Windows)
            return LineKeyboard(stream)
        return TerminalKeyboard(fd, echo)
    return LineKeyboard(stream)


def run_screen(
    items: Sequence[ReviewItem],
    report: Report,
    store: ReviewStore,
    editor: str,
    *,
    console: Console | None = None,
    keyboard: Keyboard | None = None,
) -> int:
    """Walk the unreviewed findings in ``items`` (worst first) and record each decision as it is taken.

    Returns 0 when the editor quits or the findings run out, 130 after Ctrl-C (the decisions taken are kept).
    """
    console = console or _console()
    pending = [item for item in items if item.judged.review is None]
    if not pending:
        if items:
            console.print(f"Nothing to review: all {len(items)} findings of {report.corpus} have been decided.")
        else:
            console.print(f"Nothing to review: no conflicts were found in {report.corpus}.")
        return ExitCode.CLEAN
    session = Session(pending, report, store, editor, console, keyboard or LineKeyboard(sys.stdin))
    try:
        if keyboard is None:
            with _keyboard(sys.stdin, console.file) as terminal:
                session.keyboard = terminal
                return session.walk()
        return session.walk()
    except KeyboardInterrupt:
        console.print()
        console.print(f"stopped: {session.decided} decided, {session.left} left")
        return INTERRUPTED
