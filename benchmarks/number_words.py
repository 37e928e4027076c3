"""Number words: factcheck's hand-written reader against text2num, on the number-word spans of the labelled set.

    .venv/bin/python benchmarks/number_words.py [--repeat 2000]

The spans come from tests/data/normalization/: every expected claim whose value is written in words ("Twelve
candidates", "two and a half weeks", "A dozen protesters"); the span is the number words (with "a", "half a",
"and a half" and a trailing scale word) and its expected value is the claim's value in the unit of its words
("two and a half weeks" is 2.5, not 420 hours). Each reader gets the same span text:

- ``parse_number_words``: the plain word-run reader (factcheck/numbers.py);
- ``parse_number``: the same plus the forms around it that the extractor reads ("a dozen", "half a million",
  "five and a half");
- ``text2num``: ``text_to_num.text2num(span, "en")`` from the text2num package, when it is installed
  (``pip install text2num``); skipped otherwise.

It prints, per file and overall, how many spans each reader gets right, and the time per call.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from common import aligned  # noqa: E402

from factcheck.numbers import NUMBER_WORDS, parse_number, parse_number_words  # noqa: E402

DATA = ROOT / "tests" / "data" / "normalization"
# The number words of a claim: "a"/"half a" before, "and a half" and a scale word after.
_SPAN = re.compile(
    r"(?:\b(?:half\s+)?an?\s+)?(?:" + NUMBER_WORDS.pattern + r")(?:[\s-]+and[\s-]+a[\s-]+half\b)?"
    r"(?:\s+(?:thousand|million|billion)\b)?",
    re.IGNORECASE,
)
_HOURS = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.485}
_HOURS |= {"year": 8765.82, "decade": 87658.2}
_UNIT_AFTER = re.compile(r"[\s-]+(second|minute|hour|day|week|month|year|decade)s?\b", re.IGNORECASE)

Reader = Callable[[str], float | None]


def spans() -> dict[str, list[tuple[str, float]]]:
    """Number-word spans and their values, by file."""
    found: dict[str, list[tuple[str, float]]] = {}
    for path in sorted(DATA.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in document["cases"]:
            for claim in case["expect"]:
                if claim["kind"] not in ("quantity", "money", "duration") or claim.get("value") is None:
                    continue
                if claim.get("qualifier") == "range" or claim.get("confidence", "clear") != "clear":
                    continue
                m = _SPAN.search(claim["text"])
                if m is None or any(c.isdigit() for c in claim["text"]) or "quarter" in claim["text"].lower():
                    continue  # digits, or a fraction the span pattern does not take ("a quarter of a million")
                if re.search(r"\band\s+a\s+half\b", claim["text"][m.end() :], re.IGNORECASE):
                    continue  # "two hours and a half": the half is after the unit
                value = float(claim["value"])
                if claim["kind"] == "duration":
                    unit = _UNIT_AFTER.match(claim["text"], m.end())
                    if unit is None:
                        continue  # "an hour and a half": the unit is inside the span
                    value /= _HOURS[unit.group(1).lower()]
                found.setdefault(path.stem, []).append((m.group(0), value))
    return found


def text2num_reader() -> Reader | None:
    try:
        from text_to_num import text2num  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        return None

    def read(span: str) -> float | None:
        try:
            return float(text2num(span, "en"))
        except ValueError:
            return None

    return read


def right(reader: Reader, cases: list[tuple[str, float]]) -> int:
    count = 0
    for span, value in cases:
        got = reader(span)
        count += got is not None and abs(got - value) <= 1e-9 * max(1.0, abs(value))
    return count


def per_call(reader: Reader, cases: list[tuple[str, float]], repeat: int) -> float:
    texts = [span for span, _ in cases]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            for text in texts:
                reader(text)
        best = min(best, (time.perf_counter() - start) / (repeat * len(texts)))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="timing passes over the spans (default 200)")
    parser.add_argument("--show", action="store_true", help="list the spans a reader gets wrong")
    args = parser.parse_args(argv)

    readers: dict[str, Reader] = {"parse_number_words": parse_number_words, "parse_number": parse_number}
    t2n = text2num_reader()
    if t2n is None:
        print("text2num is not installed (pip install text2num): its column is skipped\n")
    else:
        readers["text2num"] = t2n
    by_file = spans()
    everything = [case for cases in by_file.values() for case in cases]
    rows = [
        [name, str(len(cases)), *(f"{right(r, cases)}" for r in readers.values())] for name, cases in by_file.items()
    ]
    rows.append(["all", str(len(everything)), *(f"{right(r, everything)}" for r in readers.values())])
    rows.append(["accuracy", "", *(f"{right(r, everything) / len(everything):.1%}" for r in readers.values())])
    rows.append(["µs per call", "", *(f"{per_call(r, everything, args.repeat) * 1e6:.2f}" for r in readers.values())])
    print("\n".join(aligned(["spans", "n", *readers], rows)))
    if args.show:
        for name, reader in readers.items():
            wrong = [(s, v, reader(s)) for s, v in everything if right(reader, [(s, v)]) == 0]
            print(f"\n{name} gets wrong: " + "; ".join(f"{s!r} -> {got} (want {v:g})" for s, v, got in wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
