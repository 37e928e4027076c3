"""Organizations named in full, found in sentences, folded to keys and compared across outlets.

Security Management writes "Organization for Security and Co-operation in Europe", The Washington Post
"Organization for Security and Cooperation in Europe", USA TODAY "Organization for Security Cooperation in
Europe": one organization, and USA TODAY's spelling drops a word. ``organization_claims`` finds the names,
``organization_key`` folds the spellings that are house style (Co-operation/Cooperation, Organisation/Organization,
Centre/Center, "&"/"and"), and ``organization_difference`` says what else differs between two spellings of one
organization ("drops “and”") — and nothing for two organizations ("European Union", "African Union").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from factcheck.lines import LineIndex
from factcheck.models import Article, Claim, ClaimKind, Sentence

__all__ = [
    "acronym",
    "organization_claims",
    "organization_difference",
    "organization_key",
    "same_organization",
]

_CACHE = 65536

# --- Reading names in sentences. --------------------------------------------------------------------------------

# The words an organization's name ends on (or that its complement follows: "Center for Naval Analyses").
HEAD_WORDS = frozenset(
    """
    Organization Organisation Council Ministry Department Agency Alliance Union Commission Committee Institute
    Institution Center Centre Foundation Fund Bank Party Parliament Assembly Court Office Service Corporation
    University Association Federation Forces Nations Group Board Authority Bureau Secretariat Directorate Command
    Army Navy Guard Police Society Academy Congress Senate League Coalition Company Corps Inc
    """.split()
)
# Names made of those words that are places or states, not organizations.
_NOT_ORGANIZATIONS = frozenset(
    {"Soviet Union", "Russian Federation", "West Bank", "Oval Office", "World Trade Center", "State of the Union"}
)
# Capitalized words after a head word that make the whole a document or an event: "Intermediate-Range Nuclear
# Forces Treaty" names a treaty, not forces.
_DOCUMENT_WORDS = frozenset(
    """
    Treaty Agreement Accord Accords Act Convention Summit Conference Talks Meeting Meetings Charter Report Building
    Headquarters Award Prize Resolution Declaration Protocol Pact Statute Program Programme Plan Strategy Doctrine
    Initiative Chamber Hearing Session Vote Election Elections
    """.split()
)
# Capitalized words that never begin a name: sentence openers, titles, days and months.
_NOT_LEADING = frozenset(
    """
    The A An But And Or Nor So Yet Both Many Some Most Several Other Others All Any Each Every No Only Even Still
    Instead Meanwhile Earlier Later Former Top Senior If When While After Before Since Although Though As At In On
    For With Without By From To Under Over Why How What Who Whom This That These Those Its His Her Their Our My
    Your Then Now Also Last Next New Secretary Minister President Ambassador Spokesperson Spokesman Spokeswoman
    Director Chairman Chief Deputy Said Says Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
    February March April May June July August September October November December Mr Mrs Ms Dr
    """.split()
)
_TIME_WORDS = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    """.split()
)
# "in" belongs to a name only before a region: "… Co-operation in Europe", not "… in Vienna".
_REGIONS = frozenset(
    """
    Europe Asia Africa America Americas Eurasia Middle Pacific Atlantic Arctic Antarctic Mediterranean Caribbean
    Balkans Baltic Gulf Latin Central Eastern Western Northern Southern East West North South Asia-Pacific
    """.split()
)
_COMPLEMENT_STARTS = frozenset({"for", "of", "on", "in", "de"})
_CONNECTORS = frozenset({"for", "of", "and", "in", "on", "&", "de"})
_COUNTRY_WORDS = frozenset(
    """
    Russia Ukraine China France Germany Britain America Turkey Iran Iraq Syria Japan India Israel Poland Belarus
    Georgia Moscow Washington Kyiv Kiev Beijing Geneva Brussels Vienna London Paris Berlin
    """.split()
)
_HEAD_SEARCH = re.compile(r"\b(?:" + "|".join(sorted(HEAD_WORDS, key=len, reverse=True)) + r")\b")
# A word: a dotted abbreviation ("U.S."), a word with inner hyphens and apostrophes ("Co-operation",
# "NATO-Russia", "Department’s"), or an ampersand.
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_](?:[\w’'-]*[^\W_])?|&")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    joined: bool  # only spaces between it and the word before
    possessive: bool


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    previous_end: int | None = None
    for match in _WORD.finditer(text):
        raw = match.group(0)
        possessive = bool(_POSSESSIVE.search(raw))
        word = raw[:-2] if possessive else raw
        gap = text[previous_end : match.start()] if previous_end is not None else "."
        joined = gap.isspace()
        words.append(_Word(word, match.start(), match.start() + len(word), joined, possessive))
        previous_end = match.end()
    return words


def _is_head(word: _Word) -> bool:
    return word.text in HEAD_WORDS


def _is_name_word(word: _Word) -> bool:
    """A capitalized word that may stand in a name ("NATO-Russia", "U.S.", "Co-operation")."""
    return word.text[:1].isupper() and word.text not in _TIME_WORDS


def _chain_end(words: Sequence[_Word], index: int) -> int:
    """The index after the run of joined capitalized words that ``index`` begins."""
    end = index + 1
    while end < len(words) and words[end].joined and not words[end - 1].possessive and _is_name_word(words[end]):
        end += 1
    return end


def _leading(words: Sequence[_Word], head: int) -> int:
    """Where the name ending at the head word begins: the joined capitalized words before it ("North Atlantic")."""
    start = head
    while start > 0 and words[start].joined and not words[start - 1].possessive:
        before = words[start - 1]
        if not _is_name_word(before) or before.text in _NOT_LEADING:
            break
        start -= 1
    return start


def _complement(words: Sequence[_Word], after: int) -> int:
    """Where the name goes on to after its head word: "for Security and Co-operation in Europe"."""
    end = after
    position = after
    started = False
    for _ in range(6):
        if position >= len(words) or not words[position].joined or words[position - 1].possessive:
            break
        connector = words[position].text
        if connector not in _CONNECTORS or (not started and connector not in _COMPLEMENT_STARTS):
            break
        nxt = position + 1
        if nxt < len(words) and words[nxt].text == "the" and words[nxt].joined:
            nxt += 1
        if nxt >= len(words) or not words[nxt].joined or not _is_name_word(words[nxt]):
            break
        chain = _chain_end(words, nxt)
        chain_words = [w.text for w in words[nxt:chain]]
        if connector == "in" and chain_words[0] not in _REGIONS:
            break  # "… in Vienna"
        if connector in ("and", "&") and (
            any(w in HEAD_WORDS for w in chain_words)
            or chain_words[0] in _COUNTRY_WORDS
            or all(w.isupper() for w in chain_words)
        ):
            break  # "… and NATO", "Department of State and Department of Defense"
        end = position = chain
        started = True
        if words[chain - 1].possessive:
            break
    return end


def _names(text: str) -> list[tuple[int, int]]:
    """The spans of organizations' names written out in full in a sentence."""
    if not _HEAD_SEARCH.search(text):
        return []
    words = _words(text)
    spans: list[tuple[int, int]] = []
    taken_to = 0
    for index, word in enumerate(words):
        if not _is_head(word) or word.start < taken_to:
            continue
        chain = _chain_end(words, index)
        later = [w.text for w in words[index + 1 : chain]]
        if any(w in HEAD_WORDS for w in later):
            continue  # a later head word ends the name: "United Nations Security Council"
        if later and later[0] in _DOCUMENT_WORDS:
            continue
        start = _leading(words, index)
        end = index + 1 if later or word.possessive else _complement(words, index + 1)
        if end - start < 2:
            continue
        span = (words[start].start, words[end - 1].end)
        if text[span[0] : span[1]] in _NOT_ORGANIZATIONS:
            continue
        spans.append(span)
        taken_to = span[1]
    return spans


def organization_claims(article: Article, sentences: Sequence[Sentence], index: LineIndex) -> list[Claim]:
    """A claim for each organization the article names in full, once per spelling (its first).

    A name is two words or more, capitalized, joined by "for", "of", "and", "the", "in", "on", "&" or "de", with an
    organization word: "Organization for Security and Co-operation in Europe", "North Atlantic Treaty
    Organization", "NATO-Russia Council", "State Department", "Center for Naval Analyses". Acronyms alone ("NATO")
    and single words ("Kremlin") are not claims; neither are places and states ("Soviet Union").
    """
    claims: list[Claim] = []
    seen: set[str] = set()
    for sentence in sentences:
        for start, end in _names(sentence.text):
            text = sentence.text[start:end]
            label = " ".join(text.split())
            if label in seen:
                continue
            seen.add(label)
            absolute = sentence.start + start
            claims.append(
                Claim.of_words(
                    ClaimKind.ORGANIZATION,
                    sentence,
                    absolute,
                    sentence.start + end,
                    text,
                    index.line(absolute),
                    label=label,
                )
            )
    return claims


# --- Keys. ------------------------------------------------------------------------------------------------------

_PREFIX_HYPHEN = re.compile(r"\b(co|non|re|pre|anti|inter|multi|counter|post|sub|trans|pan|intra|extra)-(?=[a-z])")
_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"\bcentre(s?)\b"), r"center\1"),
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\bprogramme(s?)\b"), r"program\1"),
)
_KEY_PUNCTUATION = re.compile(r"[^a-z0-9\s]+")
_SPACE = re.compile(r"\s+")
_LEADING_DROPS = re.compile(r"^(?:the )+")
_LEADING_COUNTRY = re.compile(r"^(?:us|uk) (?=\S+ \S)")
_REORDER = (
    (re.compile(r"(department|ministry) of (?:the )?(\w+)(?: affairs)?"), r"\2 \1"),
    (re.compile(r"(\w+) affairs (ministry|department)"), r"\1 \2"),
)


def _fold_word(word: str) -> str:
    """One written word, folded as in keys (before words are reordered or dropped)."""
    text = anyascii(word.casefold()).casefold().replace("&", " and ").replace("’", "'")
    text = _PREFIX_HYPHEN.sub(r"\1", text)
    text = text.replace("-", " ")
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"(?<![a-z])([a-z])\.", r"\1", text)  # "u.s." → "us"
    text = re.sub(r"'s\b", "", text)
    return _SPACE.sub(" ", _KEY_PUNCTUATION.sub("", text)).strip()


def _key_once(text: str) -> str:
    key = " ".join(_fold_word(w) for w in text.split())
    key = _SPACE.sub(" ", key).strip()
    key = _LEADING_DROPS.sub("", key)
    while True:
        shorter = _LEADING_DROPS.sub("", _LEADING_COUNTRY.sub("", key))
        if shorter == key:
            break
        key = shorter
    for pattern, replacement in _REORDER:
        match = pattern.fullmatch(key)
        if match:
            key = match.expand(replacement)
    return key


@lru_cache(maxsize=_CACHE)
def organization_key(name: str) -> str:
    """A folded key for an organization's identity: two spellings with one key are one name.

    Folded: case, diacritics, punctuation and hyphens ("NATO-Russia" is "nato russia"; "Co-operation" is
    "cooperation"), "&" for "and", -isation for -ization, Centre/Center, Defence/Defense, Programme/Program, a
    leading "the", a leading "U.S."/"U.K." before a name of two words or more ("U.S. State Department"), and the
    order of a department's or ministry's name ("Department of State" is "State Department", "Ministry of Foreign
    Affairs" is "Foreign Ministry").
    """
    key = _key_once(name)
    for _ in range(4):
        again = _key_once(key)
        if again == key:
            break
        key = again
    return key


def _acronym_words(name: str) -> list[str]:
    words = [w for w in anyascii(name).replace("&", " & ").split() if any(c.isalnum() for c in w)]
    return [w for w in words if w.casefold().strip(".,") not in _ACRONYM_SKIPS]


_ACRONYM_SKIPS = frozenset({"for", "of", "and", "the", "in", "on", "de", "du", "des", "la", "le", "et", "a", "an"})


@lru_cache(maxsize=_CACHE)
def acronym(name: str) -> str:
    """The initials of a name's words, connectors skipped: "OSCE", "NATO" ("North Atlantic Treaty Organization").

    A hyphenated word counts once ("Co-operation" → C), so spellings with and without the hyphen agree.
    """
    return "".join(next(c for c in w if c.isalnum()).upper() for w in _acronym_words(name))


# --- Comparing two spellings. -----------------------------------------------------------------------------------

_KEY_CONNECTORS = frozenset({"for", "of", "and", "the", "in", "on", "de", "at", "to"})


def _written_words(name: str) -> list[tuple[str, str]]:
    """A name's words as written, each with its folded form, in the order of its key's words when they agree."""
    pairs: list[tuple[str, str]] = []
    for word in name.split():
        folded = _fold_word(word)
        parts = folded.split()
        if len(parts) == 1:
            pairs.append((word.strip(".,;:’'\"“”()"), parts[0]))
        else:
            pairs.extend((part, part) for part in parts)
    return pairs


def _near_spelling(a: str, b: str) -> bool:
    """Two words that are one word misspelt: one slip (two in a word of ten letters or more), same first letter."""
    if not a or not b or a[0] != b[0] or not a.isalpha() or not b.isalpha():
        return False
    allowed = 2 if min(len(a), len(b)) >= 10 else 1
    return min(len(a), len(b)) >= 4 and OSA.distance(a, b) <= allowed


_Change = tuple[str, str, str]  # ("drop" | "add" | "connector" | "spelling", word in a, word in b)


def _changes(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> list[_Change] | None:
    """How ``b`` differs from ``a`` word by word, or None when it is not a spelling of the same name.

    The words between two runs of equal words are taken together, so that how the alignment happens to pair
    them ("Security" put for "Securty", "and" added, or "Securty" added and "and" put for "Security") does not
    matter.
    """
    blocks: list[tuple[list[tuple[str, str]], list[tuple[str, str]]]] = []
    open_block = False
    for op in Levenshtein.opcodes([f for _, f in a], [f for _, f in b]):
        if op.tag == "equal":
            open_block = False
            continue
        if not open_block:
            blocks.append(([], []))
            open_block = True
        blocks[-1][0].extend(a[op.src_start : op.src_end])
        blocks[-1][1].extend(b[op.dest_start : op.dest_end])
    changes: list[_Change] = []
    changed = 0
    for gone, added in blocks:
        changed += max(len(gone), len(added))
        if not added and all(f in _KEY_CONNECTORS for _, f in gone):
            changes.extend(("drop", w, "") for w, _ in gone)
        elif not gone and all(f in _KEY_CONNECTORS for _, f in added):
            changes.extend(("add", "", w) for w, _ in added)
        else:
            replaced = _replaced(gone, added) if gone and added else None
            if replaced is None:
                return None
            changes.extend(replaced)
    if not changes or changed > 2:
        return None
    return changes


def _replaced(gone: list[tuple[str, str]], added: list[tuple[str, str]]) -> list[_Change] | None:
    """A run of words put for another: connectors for connectors, each content word for its misspelling."""
    if len(gone) == len(added) and all(
        (o in _KEY_CONNECTORS and n in _KEY_CONNECTORS) or _near_spelling(o, n)
        for (_, o), (_, n) in zip(gone, added, strict=True)
    ):
        return [
            ("connector" if o in _KEY_CONNECTORS else "spelling", old, new)
            for (old, o), (new, n) in zip(gone, added, strict=True)
        ]
    # Otherwise connectors dropped or added around misspelt words: "Securty and" for "Security".
    old_content = [(w, f) for w, f in gone if f not in _KEY_CONNECTORS]
    new_content = [(w, f) for w, f in added if f not in _KEY_CONNECTORS]
    if len(old_content) != len(new_content):
        return None
    changes: list[_Change] = []
    for (old, o), (new, n) in zip(old_content, new_content, strict=True):
        if not _near_spelling(o, n):
            return None
        changes.append(("spelling", old, new))
    changes.extend(("drop", w, "") for w, f in gone if f in _KEY_CONNECTORS)
    changes.extend(("add", "", w) for w, f in added if f in _KEY_CONNECTORS)
    return changes


def _content(key: str) -> str:
    return " ".join(w for w in key.split() if w not in _KEY_CONNECTORS)


def _describe(changes: Sequence[_Change]) -> str:
    texts = {
        "drop": "drops “{old}”",
        "add": "adds “{new}”",
        "connector": "has “{new}” for “{old}”",
        "spelling": "spells “{new}” for “{old}”",
    }
    return "; ".join(texts[kind].format(old=old, new=new) for kind, old, new in changes)


_REVERSED = {"drop": "add", "add": "drop", "connector": "connector", "spelling": "spelling"}


def _strip_the(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    start = 0
    while start < len(words) and words[start][1] == "the":
        start += 1
    return words[start:]


@lru_cache(maxsize=_CACHE)
def _difference(a: str, b: str, threshold: float) -> tuple[_Change, ...] | None:
    """The changes from ``a`` to ``b`` when they are variants of one organization's name (``a`` ≤ ``b``)."""
    key_a, key_b = organization_key(a), organization_key(b)
    if key_a == key_b or acronym(a) != acronym(b):
        return None
    if fuzz.token_sort_ratio(_content(key_a), _content(key_b)) < threshold:
        return None
    changes = _changes(_strip_the(_written_words(a)), _strip_the(_written_words(b)))
    return tuple(changes) if changes else None


def organization_difference(a: str, b: str, threshold: float = 90) -> str | None:
    """What ``b`` spells differently from ``a`` when both name one organization, or None.

    None when the keys are equal (house style only: "Co-operation", "Cooperation") and when the names are not one
    organization's. Variants have the same acronym, content words alike (rapidfuzz token-sort ratio of the keys
    without their connectors at least ``threshold``), and differ by at most two words, each a connector added,
    dropped or changed, or a word misspelt (one slip; two in a word of ten letters or more): "drops “and”",
    "adds “of”", "has “of” for “for”", "spells “Securty” for “Security”". A different content word is another
    organization: "European Union" and "African Union", "Security Council" and "Human Rights Council",
    "NATO-Russia Council" and "NATO Council", "Austrian" and "Australian Academy of Sciences".
    """
    if a <= b:
        changes = _difference(a, b, threshold)
        return _describe(changes) if changes else None
    # Decided in one order, so that the answer is None both ways or neither, then told from ``a``'s side.
    changes = _difference(b, a, threshold)
    if not changes:
        return None
    return _describe([(_REVERSED[kind], new, old) for kind, old, new in changes])


def _abbreviates(short: str, full: str) -> bool:
    letters = short.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper() and letters == acronym(full)


def same_organization(a: str, b: str) -> bool:
    """Whether two names are one organization's: equal keys, a variant (``organization_difference``), or one the
    other's acronym ("OSCE", "NATO", "CNA" for "Center for Naval Analyses")."""
    if organization_key(a) == organization_key(b):
        return True
    if _abbreviates(a.strip(), b) or _abbreviates(b.strip(), a):
        return True
    return organization_difference(a, b) is not None
