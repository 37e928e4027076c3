"""Wire copies: body fingerprints, wire credits, and the groups of articles that are one wire story."""

from __future__ import annotations

import re
import struct
import sys
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from hashlib import blake2b
from itertools import accumulate, chain, compress, islice, pairwise, repeat
from math import ceil
from operator import ge, getitem, le, lt

__all__ = [
    "WireArticle",
    "WireGroup",
    "body_fingerprint",
    "independent_sources",
    "wire_credit",
    "wire_groups",
    "wire_key",
    "wire_name",
]

SHINGLE_WORDS = 6  # words per shingle
SAMPLE_MODULUS = 2  # a shingle's hash is kept when hash % SAMPLE_MODULUS == 0: about one shingle in two
HASH_BYTES = 8  # blake2b digest size, packed big-endian
EVIDENCE = 20  # a hash in more articles is common (stock phrase, boilerplate, syndication): not evidence on its own
BOILERPLATE_FLOOR = 20  # a hash is frequent (boilerplate, or syndicated) in > max(BOILERPLATE_FLOOR, common * N)
ANCHORS = 20  # the longest (and shortest) articles of a syndicated hash that the others are compared with in full
PART_HASHES = 1 << 18  # hashes counted at once when finding how many articles have each (≈ 25 MB of dictionary)
SLICE_HASHES = 16  # ... unless that cuts fingerprints into fewer hashes each on average
LONG_SHARED = 4  # a link through a story syndicated beyond EVIDENCE needs LONG_SHARED * min_shared hashes (≈ 45 words)

# --- Fingerprints --------------------------------------------------------------------------------------------------

# Words without their apostrophes ("Russia's" -> russias) and numbers whole ("100,000" -> 100000, "3.5").
_APOSTROPHES = str.maketrans("", "", "'’ʼ")
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d)")
_TOKEN = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+")


def _tokens(body: str) -> list[str]:
    """The body's words and numbers, case-folded, punctuation stripped."""
    text = unicodedata.normalize("NFKC", body).casefold().translate(_APOSTROPHES)
    return _TOKEN.findall(_DIGIT_COMMA.sub("", text))


def body_fingerprint(body: str) -> bytes:
    """A compact fingerprint of an article body for near-duplicate detection.

    The blake2b hashes (8 bytes, big-endian) of its shingles of 6 words (case-folded, punctuation stripped, numbers
    kept as tokens), keeping the hashes divisible by 2 (about one shingle in two, the same ones in every copy of a
    text), sorted, deduplicated and packed 8 bytes each. A body of fewer than 6 words gives ``b""``.
    """
    words = _tokens(body)
    count = len(words) - SHINGLE_WORDS + 1
    if count <= 0:
        return b""
    joined = " ".join(words)
    data = joined.encode("utf-8")
    sizes = map(len, words) if len(data) == len(joined) else (len(w.encode("utf-8")) for w in words)
    starts = [0, *accumulate(size + 1 for size in sizes)]  # byte offset of each word (and one past the end)
    digests = [
        blake2b(data[start : end - 1], digest_size=HASH_BYTES).digest()
        for start, end in zip(starts, starts[SHINGLE_WORDS:], strict=False)
    ]
    kept = {d for d in digests if d[-1] % SAMPLE_MODULUS == 0}  # the value's remainder: SAMPLE_MODULUS divides 256
    return b"".join(sorted(kept))  # big-endian digests of one length sort as their values do


def _hashes(fingerprint: bytes) -> array[int]:
    """The hashes of a fingerprint, sorted and distinct, 8 bytes each."""
    if len(fingerprint) % HASH_BYTES:
        raise ValueError(f"a fingerprint is a multiple of {HASH_BYTES} bytes, not {len(fingerprint)}")
    values = array("Q")
    if values.itemsize == HASH_BYTES:  # the bytes as they are, in the machine's order
        values.frombytes(fingerprint)
        if sys.byteorder == "little":
            values.byteswap()
    else:
        values.extend(struct.unpack(f">{len(fingerprint) // HASH_BYTES}Q", fingerprint))
    listed = values.tolist()
    if not all(map(lt, listed, islice(listed, 1, None))):
        values = array("Q", sorted(set(listed)))
    return values


# --- Wire names ----------------------------------------------------------------------------------------------------

# Canonical name -> other names. Short all-capital acronyms match text only in capitals (an "Ani" is no ANI).
_AGENCIES: dict[str, tuple[str, ...]] = {
    "Associated Press": ("AP", "The Associated Press"),
    "Reuters": ("Thomson Reuters",),
    "Agence France-Presse": ("AFP", "Agence France Presse", "Agence France-Press"),
    "Deutsche Presse-Agentur": ("dpa", "Deutsche Presse Agentur"),
    "PA Media": ("PA", "Press Association", "The Press Association"),
    "Bloomberg News": ("Bloomberg",),
    "United Press International": ("UPI",),
    "Xinhua News Agency": ("Xinhua",),
    "Yonhap News Agency": ("Yonhap", "Yonhap News"),
    "ANSA": ("Agenzia Nazionale Stampa Associata",),
    "EFE": ("Agencia EFE",),
    "Kyodo News": ("Kyodo",),
    "Press Trust of India": ("PTI",),
    "Asian News International": ("ANI",),
    "CNA": ("Central News Agency",),  # Taiwan's agency; Singapore's CNA credits the same letters
    "Australian Associated Press": ("AAP",),
    "Jiji Press": ("Jiji",),
    "TASS": (),
    "Interfax": (),
    "Anadolu Agency": ("Anadolu",),
    "The Canadian Press": ("Canadian Press", "CP"),
}
_EXACT_CASE: dict[str, frozenset[str]] = {"dpa": frozenset({"dpa", "DPA"})}  # normalized alias -> spellings


def _normal(name: str) -> str:
    """A name for looking up aliases: case-folded, no periods, hyphens as spaces, no leading "the"."""
    text = unicodedata.normalize("NFKC", name).casefold().replace(".", "")
    text = " ".join(re.sub(r"[-‐‑–—]", " ", text).split())
    return text.removeprefix("the ")


_ALIASES: dict[str, str] = {}
for _canonical, _others in _AGENCIES.items():
    for _alias in (_canonical, *_others):
        _ALIASES[_normal(_alias)] = _canonical
        if _alias.isupper() and len(_alias) <= 3:
            _EXACT_CASE[_normal(_alias)] = frozenset({_alias})


def _known(name: str) -> str | None:
    """The canonical name of a known agency, whatever its spelling, or None."""
    return _ALIASES.get(_normal(name))


def wire_key(name: str) -> str:
    """Canonical key of a wire name: "AP", "Associated Press", "The Associated Press" -> "associated press";
    "AFP", "Agence France-Presse" -> "agence france-presse"; an unknown name case-folded, whitespace collapsed."""
    canonical = _known(name)
    if canonical is not None:
        return canonical.casefold().removeprefix("the ")
    return " ".join(name.casefold().split())


def wire_name(name: str) -> str:
    """Display name of a wire: the canonical name of a known agency ("AP" -> "Associated Press"), else the name as
    given, stripped."""
    canonical = _known(name)
    return canonical if canonical is not None else name.strip()


# --- Wire credits --------------------------------------------------------------------------------------------------


def _alias_pattern(alias: str) -> str:
    """A regular expression for an alias: any run of spaces between words, a hyphen optional."""
    parts = re.split(r"([ -])", alias.removeprefix("The "))
    return "".join(r"\s+" if p == " " else r"[-‐‑–]?\s*" if p == "-" else re.escape(p) for p in parts)


_ALTERNATIVES = sorted(
    {_alias_pattern(a) for canonical, others in _AGENCIES.items() for a in (canonical, *others)}, key=lambda p: -len(p)
)


def _agency(group: str) -> str:
    """A named group matching any agency's name as a whole word (validated afterwards by ``_credited``)."""
    return rf"(?<![\w-])(?P<{group}>(?i:{'|'.join(_ALTERNATIVES)}))(?![\w-])"


_ANY_AGENCY = rf"(?<![\w-])(?i:{'|'.join(_ALTERNATIVES)})(?![\w-])"  # a further agency: "AFP/Reuters"
_LEAD = r"^[ \t>*_#]*"  # the start of a line, with any Markdown quote, emphasis or heading marks
_DASH = r"(?:--|[-‐‑–—―])"
_THE = r"(?i:the\s+)?"
# "TOKYO (Kyodo) --", "WASHINGTON (AP) —", "(Reuters) -", "KYIV, Jan 10 (Reuters) -", "New Delhi [India], Jan 10
# (ANI):", "New Delhi, Jan 10 (PTI) The ..." (a place, then no dash, only before a capital).
_DATELINE = re.compile(
    _LEAD
    + r"(?P<place>[A-Z][^\n()]{0,60}?)?\(\s*"
    + _agency("agency")
    + r"\s*(?:[/,&][^()\n]{0,40})?\)[*_]*[ \t]*(?:(?P<dash>"
    + _DASH
    + r"|:)|(?=[A-Z\"“‘']))",
    re.MULTILINE,
)
_BYLINE_TRAIL = r"(?:\s+(?i:staff|news|newsroom|reporters?|writers?|correspondents?|wire|service))*"
# "By The Associated Press", "BY REUTERS STAFF", "By AFP | January 10, 2022".
_BYLINE_WIRE = re.compile(
    _LEAD
    + r"(?i:by|from|written\s+by)\s+"
    + _THE
    + _agency("agency")
    + _BYLINE_TRAIL
    + r"[*_]*\s*(?:(?:[|,·•]|"
    + _DASH
    + r")[^\n]{0,50})?$",
    re.MULTILINE,
)
_NAME = r"[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|de|van|von|da|del|la|le|bin|al))*"
_NAMES = _NAME + r"(?:\s*(?:,|&|\band\b)\s*" + _NAME + r")*"
_CAPITALS = r"[A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*)*"
_CAPITAL_NAMES = _CAPITALS + r"(?:\s*(?:,|&|\b(?i:and)\b)\s*" + _CAPITALS + r")*"
# "By Jane Doe, Associated Press", "By Jane Doe and John Roe | Reuters", "By JANE DOE AP Diplomatic Writer" (the
# agency after a space only after a name in capitals, as the AP writes them: "By Michael R. Bloomberg" is no credit).
_BYLINE_NAMED = re.compile(
    _LEAD
    + r"(?i:by)\s+(?:"
    + _NAMES
    + r"(?:\s*[,|/·•(]\s*|\s+(?i:for|of)\s+)|"
    + _CAPITAL_NAMES
    + r"\s+)"
    + _THE
    + _agency("agency")
    + r"\)?(?:\s+[A-Z][A-Za-z]+){0,3}[*_]*\s*$",
    re.MULTILINE,
)
# A line that is only a credit: "Associated Press", "— AFP", "(Reuters)", "Kyodo News", "AFP/Reuters" (not a
# photographer's credit, "REUTERS/Kevin Lamarque").
_CREDIT_LINE = re.compile(
    _LEAD
    + r"(?:"
    + _DASH
    + r"\s*)?\(?\s*"
    + _THE
    + _agency("agency")
    + r"(?:\s+(?i:staff|news))?\s*\)?(?:\s*(?:/|,|&|\band\b)\s*"
    + _THE
    + _ANY_AGENCY
    + r")*[*_.]*\s*$",
    re.MULTILINE,
)
# A credit closing a paragraph: "… the ministry said. — AFP", "… on Monday. (AFP)".
_CREDIT_END = re.compile(
    r"[.!?\"”’)]\s*(?:"
    + _DASH
    + r"\s*"
    + _THE
    + _agency("agency")
    + r"|\(\s*"
    + _agency("paren")
    + r"\s*\))[*_]*[ \t]*$",
    re.MULTILINE,
)
_PICTURE = re.compile(
    r"(?i)\b(?:photos?|photograph\w*|pics?|pictures?|images?|getty|file|video|graphics?|illustration|caption)\b"
)


def _credited(match: re.Match[str], *groups: str) -> str | None:
    """The canonical agency a match names, if its spelling is one the agency uses (acronyms in capitals)."""
    for group in groups:
        surface = match.group(group)
        if surface is None:
            continue
        canonical = _known(surface)
        exact = _EXACT_CASE.get(_normal(surface))
        if canonical is not None and (exact is None or surface in exact):
            return canonical
    return None


def _first(pattern: re.Pattern[str], text: str, *, pictures: bool = False) -> str | None:
    """The agency of the first match of ``pattern`` in ``text`` (skipping picture credits if asked)."""
    for match in pattern.finditer(text):
        if pattern is _DATELINE and match.group("dash") is None and match.group("place") is None:
            continue  # "(AP) The …" without a place before it is no dateline
        if pictures and _PICTURE.search(match.group(0)):
            continue
        agency = _credited(match, *(g for g in ("agency", "paren") if g in pattern.groupindex))
        if agency is not None:
            return agency
    return None


def _byline_credit(byline: str) -> str | None:
    """The agency a front-matter byline names ("The Associated Press", "Reuters Staff", "Jane Doe, AFP")."""
    text = " ".join(byline.split())
    if not text:
        return None
    if not re.match(r"(?i)(?:by|from)\s", text):
        text = "By " + text
    for pattern in (_BYLINE_WIRE, _BYLINE_NAMED):
        agency = _first(pattern, text)
        if agency is not None:
            return agency
    return None


def wire_credit(body: str, byline: str | None = None) -> str | None:
    """The wire agency the text credits, by its canonical name, or None.

    Credits are datelines ("TOKYO (Kyodo) --", "WASHINGTON (AP) —", "(Reuters) -"), the byline given, byline lines
    of the body ("By The Associated Press", "By Jane Doe, Reuters"), and credit lines ("Associated Press", "— AFP"
    on a line of its own or closing a paragraph), tried in that order. A mention in running text ("told Reuters",
    "the AP Stylebook"), a picture credit ("AFP/Getty Images") or a contribution line ("The Associated Press
    contributed to this report") is no credit.
    """
    found = _first(_DATELINE, body)
    if found is None and byline:
        found = _byline_credit(byline)
    if found is None:
        found = _first(_BYLINE_WIRE, body) or _first(_BYLINE_NAMED, body)
    if found is None:
        found = _first(_CREDIT_LINE, body, pictures=True) or _first(_CREDIT_END, body, pictures=True)
    return found


# --- Groups --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WireArticle:
    """What finding wire copies needs of one article."""

    id: str  # source id (unique)
    outlet: str
    order: str  # sortable publication key (ISO text; "" when unknown, which sorts last), for the earliest
    declared: str | None  # the front matter's ``wire:``, if any
    credit: str | None  # wire_credit(...) of its text
    fingerprint: bytes  # body_fingerprint(...) of its body


@dataclass(frozen=True)
class WireGroup:
    """Articles that are one wire story: one independent source."""

    name: str  # the declared wire, else the most common credit, else "<earliest outlet> copy"
    key: str  # "wire:" + wire_key(name), with ":2", ":3" … when distinct groups would share it
    members: tuple[str, ...]  # source ids, sorted
    declared: bool  # some member's front matter declares the wire
    original: str | None  # the wire's own article (its outlet is the wire), else the earliest member
    similarity: float  # the lowest containment between linked members (1.0 if none is linked by text), 3 places


class _Components:
    """Union-find over article indices, each component with the wire keys its members are (``ids``) and the keys
    its members' front matter or text name (``named``)."""

    def __init__(self, ids: Sequence[str | None], named: Sequence[set[str]]) -> None:
        self.parent = list(range(len(ids)))
        self.ids: list[set[str]] = [{k} if k is not None else set() for k in ids]
        self.named: list[set[str]] = [set(n) for n in named]

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def compatible(self, a: int, b: int) -> bool:
        """Whether two roots may join: unless both are wires, and neither names the other's wire."""
        ids_a, ids_b = self.ids[a], self.ids[b]
        return not ids_a or not ids_b or bool(ids_a & self.named[b]) or bool(ids_b & self.named[a])

    def union(self, i: int, j: int, *, force: bool = False) -> bool:
        """Join the components of ``i`` and ``j`` (if compatible, or ``force``); whether they were joined now."""
        a, b = self.find(i), self.find(j)
        if a == b or not (force or self.compatible(a, b)):
            return False
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.ids[a] |= self.ids[b]
        self.named[a] |= self.named[b]
        self.ids[b] = set()
        self.named[b] = set()
        return True


@dataclass(frozen=True)
class _Frequencies:
    """The hashes of a corpus that finding links needs, by their number of articles (document frequency)."""

    shared: set[int]  # in 2 to ``spread`` articles: those in 2 to ``rare`` are evidence that two are one story
    spread: set[int]  # in more than ``rare`` articles but few enough to be of as many outlets as not
    frequent: set[int]  # in more than ``limit`` articles


def _frequencies(prints: Sequence[array[int]], rare: float, spread: float, limit: float) -> _Frequencies:
    """The hashes in 2 to ``spread`` articles, in more than ``rare`` to ``spread``, and in more than ``limit``.

    The hashes are counted one range of values at a time, about PART_HASHES at once, so the dictionary of every
    distinct hash (most hashes of real text are in one article) is never held whole. Each fingerprint is sorted,
    so a range is a slice of each; the slices are cut, counted and sorted out in C (``map``, ``chain``,
    ``compress``), with no Python loop over the hashes. Cutting a slice costs about as much as counting
    SLICE_HASHES hashes, so the ranges are fewer and larger when they would cut the fingerprints finer than that
    on average (cutting each into more and more ranges as the corpus grows would be quadratic).
    """
    total = sum(map(len, prints))
    parts = max(1, min(-(-total // PART_HASHES), total // (SLICE_HASHES * max(1, len(prints))), 1 << 16))
    step = -(-(1 << 64) // parts)
    found = _Frequencies(set(), set(), set())
    starts = [0] * len(prints)
    for part in range(1, parts + 1):
        if part == parts:
            ends = list(map(len, prints))
        else:
            top = part * step
            ends = [bisect_left(p, top, start) for p, start in zip(prints, starts, strict=True)]
        counts = Counter(chain.from_iterable(map(getitem, prints, map(slice, starts, ends))))
        starts = ends
        repeated = dict(compress(counts.items(), map(lt, repeat(1), counts.values())))
        del counts
        found.shared.update(compress(repeated.keys(), map(ge, repeat(max(rare, spread)), repeated.values())))
        common = dict(compress(repeated.items(), map(lt, repeat(rare), repeated.values())))
        found.spread.update(compress(common.keys(), map(ge, repeat(spread), common.values())))
        found.frequent.update(compress(common.keys(), map(lt, repeat(limit), common.values())))
    return found


def _text_links(
    prints: Sequence[array[int]], outlets: Sequence[str], containment: float, min_shared: int, common: float
) -> list[tuple[float, int, int]]:
    """Pairs (containment, i, j), i < j, whose fingerprints overlap enough, found through an inverted index, in
    time about linear in the corpus.

    A hash in more than EVIDENCE articles is common: on its own no evidence that two of them are one story (a
    stock phrase, a quote everyone runs, boilerplate, or a story syndicated widely). Two articles are linked when
    they share at least ``min_shared`` of the other hashes (in 2 to EVIDENCE articles) making at least
    ``containment`` of the smaller fingerprint, whose size counts its common hashes too: stock phrases make no
    two articles closer (see ``_evidence_links``).

    A hash in more than max(BOILERPLATE_FLOOR, common * N) articles is frequent. Frequent in many articles of
    a few outlets, it is boilerplate (footers, newsletter prompts): not counted, neither as shared nor in a
    fingerprint's size. A common hash in articles of as many outlets as not (most of its articles from outlets of
    their own) may be a story syndicated that widely: see ``_syndicated_links``.
    """
    limit = max(BOILERPLATE_FLOOR, common * len(prints))
    found = _frequencies(prints, min(EVIDENCE, limit), 2 * len(set(outlets)), limit)

    # Each article's size, its evidence hashes and its spread ones (each fingerprint made integers once).
    sizes: list[int] = []
    rare_of: list[array[int]] = []
    spread_of: list[array[int]] = []
    for p in prints:
        values = p.tolist()
        sizes.append(len(values) - len(found.frequent.intersection(values)) if found.frequent else len(values))
        mine = found.shared.intersection(values)
        if found.spread:
            spread_of.append(array("Q", found.spread.intersection(mine)))
            mine.difference_update(found.spread)
        rare_of.append(array("Q", mine))

    links = _evidence_links(rare_of, sizes, containment, min_shared)
    if found.spread:
        _syndicated_links(prints, outlets, found.frequent, sizes, spread_of, containment, min_shared, links)
    return [(value, i, j) for (i, j), value in links.items()]


def _evidence_links(
    rare_of: Sequence[array[int]], sizes: Sequence[int], containment: float, min_shared: int
) -> dict[tuple[int, int], float]:
    """Pairs (i, j), i < j, sharing at least ``min_shared`` evidence hashes (``rare_of``: each article's) that make
    at least ``containment`` of the smaller size -> that containment.

    Each pair is counted by its article of lower rank by (size, index), the smaller, whose size sets how many
    hashes it must share: an article with fewer evidence hashes than that is passed over. Each other counts the
    hashes it shares with each larger article through postings at most EVIDENCE long: no pairs are compared, no
    fingerprints intersected.
    """
    smaller = [
        i
        for i, (mine, size) in enumerate(zip(rare_of, sizes, strict=True))
        if mine and len(mine) >= max(min_shared, ceil(containment * size))
    ]
    links: dict[tuple[int, int], float] = {}
    if not smaller:
        return links
    by_rank = sorted(range(len(sizes)), key=lambda k: (sizes[k], k))
    rank = [0] * len(sizes)
    for r, k in enumerate(by_rank):
        rank[k] = r
    wanted = set(chain.from_iterable(rare_of[i] for i in smaller))
    postings: dict[int, list[int]] = {}  # a wanted hash -> the ranks of its articles, ascending
    for r, k in enumerate(by_rank):
        if rare_of[k]:
            for h in wanted.intersection(rare_of[k]):
                postings.setdefault(h, []).append(r)
    for i in smaller:
        after, size = rank[i], sizes[i]
        counts = Counter(
            chain.from_iterable(
                posting[bisect_right(posting, after) :] for posting in map(postings.__getitem__, rare_of[i])
            )
        )
        for r, count in counts.items():
            if count >= min_shared and count >= containment * size:
                j = by_rank[r]
                links[(i, j) if i < j else (j, i)] = count / size
    return links


def _syndicated_links(
    prints: Sequence[array[int]],
    outlets: Sequence[str],
    frequent: set[int],
    sizes: Sequence[int],
    spread_of: Sequence[array[int]],
    containment: float,
    min_shared: int,
    links: dict[tuple[int, int], float],
) -> None:
    """Add to ``links`` the pairs linked through stories syndicated beyond EVIDENCE articles.

    A common hash (``spread_of``: each article's in few enough articles that they may be of as many outlets as
    not) is syndicated when most of its articles are from outlets of their own. Comparing all pairs of its
    articles would be quadratic: its anchors are its ANCHORS longest articles, which hold most of any copy, and
    its ANCHORS shortest, held by a copy padded with text of its own. Each article with at least LONG_SHARED *
    min_shared syndicated hashes (about 45 words) is compared in full with the anchors of at least
    ``containment`` of a sample of them (the 2 * LONG_SHARED * min_shared smallest values, the same in each copy
    of a text): a syndicated story's anchors are the same for all its hashes, a stock phrase's others for each
    phrase, so that an article of stock phrases is compared with few. Two are linked when at least that many
    hashes, not counting boilerplate (frequent hashes not syndicated), make ``containment`` of the smaller
    fingerprint.
    """
    articles: dict[int, list[int]] = {}  # a spread hash -> its articles, ascending
    for i, hits in enumerate(spread_of):
        for h in hits:
            articles.setdefault(h, []).append(i)
    syndicated = {h for h, posting in articles.items() if 2 * len({outlets[k] for k in posting}) >= len(posting)}
    if not syndicated:
        return
    boilerplate = frequent - syndicated
    counted = frequent & syndicated  # frequent, but in a fingerprint's size as a syndicated story's text
    whole: dict[int, int] = {}  # article -> whole_of(article), once needed

    def whole_of(k: int) -> int:
        """The size of a fingerprint without boilerplate."""
        if k not in whole:
            whole[k] = sizes[k] + len(counted.intersection(spread_of[k])) if counted else sizes[k]
        return whole[k]

    by_length = [0] * len(prints)  # article -> its place by length, longest first
    for place, k in enumerate(sorted(range(len(prints)), key=lambda k: (-len(prints[k]), k))):
        by_length[k] = place
    anchors: dict[int, tuple[int, ...]] = {}
    for h in syndicated:
        ordered = sorted(articles[h], key=by_length.__getitem__)
        anchors[h] = tuple(ordered) if len(ordered) <= 2 * ANCHORS else (*ordered[:ANCHORS], *ordered[-ANCHORS:])
    long_shared = max(min_shared, LONG_SHARED * min_shared)
    tried: set[tuple[int, int]] = set()
    for i, p in enumerate(prints):
        mine = syndicated.intersection(spread_of[i])
        if len(mine) < long_shared:
            continue
        sample = sorted(mine)[: 2 * long_shared]
        support = Counter(chain.from_iterable(map(anchors.__getitem__, sample)))
        need = max(1, ceil(containment * len(sample)))
        candidates = sorted(compress(support.keys(), map(le, repeat(need), support.values())))
        if not candidates or candidates == [i]:
            continue
        own = set(p).difference(boilerplate)
        for j in candidates:
            pair = (i, j) if i < j else (j, i)
            if j == i or pair in links or pair in tried:
                continue
            tried.add(pair)
            count = len(own.intersection(prints[j]))
            least = min(whole_of(i), whole_of(j))
            if count >= long_shared and count >= containment * least:
                links[pair] = count / least


def _most_common(keys: Iterable[str]) -> str | None:
    """The most frequent key (ties: the smallest), or None."""
    counts = Counter(keys)
    if not counts:
        return None
    return min(counts, key=lambda k: (-counts[k], k))


def _when(article: WireArticle) -> tuple[bool, str, str]:
    """Sort key for the earliest article: by ``order``, unknown ("") last, then by id."""
    return (article.order == "", article.order, article.id)


def wire_groups(
    articles: Iterable[WireArticle], *, containment: float = 0.5, min_shared: int = 5, common: float = 0.05
) -> list[WireGroup]:
    """Groups of 2+ articles that are one wire story, sorted by key, whatever the order of ``articles``.

    Joined, transitively: articles whose fingerprints share at least ``min_shared`` hashes making at least
    ``containment`` of the smaller fingerprint (containment, not Jaccard: a trimmed copy is contained in its
    original); articles declaring the same wire (by ``wire_key``), with the articles whose text credits that wire
    or whose outlet is that wire. A credit alone joins nothing: two stories both datelined "(AP)" are two groups
    unless their texts match or an article declares AP.

    Each article is a wire by its declaration, else its credit, else its outlet when another article names that
    outlet as a wire. Text links join the strongest first, and never join two different wires unless a member of
    one names the other's wire (an article declaring Reuters whose text credits AP may join AP's copies). A hash in
    more than 20 articles (a stock phrase, a quote every outlet runs) is no evidence on its own, unless those
    articles are mostly of different outlets: a story syndicated that widely; in more than max(20, ``common`` * N)
    articles of a few outlets it is boilerplate, ignored (see ``_text_links``). Near-linear in the corpus: pairs
    are found through an index from hash to articles, never by comparing all pairs.
    """
    ordered = sorted(articles, key=lambda a: a.id)
    for before, after in pairwise(ordered):
        if before.id == after.id:
            raise ValueError(f"two wire articles have the id {before.id!r}")
    prints = [_hashes(a.fingerprint) for a in ordered]

    declared = [wire_key(a.declared) if a.declared else None for a in ordered]
    credited = [wire_key(a.credit) if a.credit else None for a in ordered]
    outlets = [wire_key(a.outlet) for a in ordered]
    named_anywhere = {k for k in (*declared, *credited) if k is not None}
    ids: list[str | None] = []
    for d, c, o in zip(declared, credited, outlets, strict=True):
        if d is not None or c is not None:
            ids.append(d if d is not None else c)
        elif o in named_anywhere:
            ids.append(o)
        else:
            ids.append(None)
    named = [{k for k in (d, c, i) if k is not None} for d, c, i in zip(declared, credited, ids, strict=True)]

    components = _Components(ids, named)
    first_declaring: dict[str, int] = {}
    for i, key in enumerate(declared):
        if key is not None:
            components.union(first_declaring.setdefault(key, i), i, force=True)
    for i, key in enumerate(ids):
        if key is not None and key in first_declaring:  # credits or is the declared wire
            components.union(first_declaring[key], i, force=True)
    links = sorted(_text_links(prints, outlets, containment, min_shared, common), key=lambda x: (-x[0], x[1], x[2]))
    for _, i, j in links:
        components.union(i, j)

    members: dict[int, list[int]] = {}
    for i in range(len(ordered)):
        members.setdefault(components.find(i), []).append(i)
    groups = [m for m in members.values() if len(m) > 1]

    # The weakest text link each group needs: strongest links first, the last that joins two of its parts.
    weakest: dict[int, float] = {}
    within = _Components([None] * len(ordered), [set() for _ in ordered])
    for value, i, j in links:
        root = components.find(i)
        if root == components.find(j) and within.union(i, j):
            weakest[root] = min(weakest.get(root, 1.0), value)

    drafts: list[tuple[str, WireGroup]] = []
    for group in groups:
        root = components.find(group[0])
        chosen = [ordered[i] for i in group]
        earliest = min(chosen, key=_when)
        wire = _most_common(k for i in group if (k := declared[i]) is not None)
        is_declared = wire is not None
        if wire is None:
            wire = _most_common(k for i in group if (k := credited[i]) is not None)
        if wire is None:
            wire = _most_common(k for i in group if (k := ids[i]) is not None)
        if wire is None:  # no wire named, but an agency's own article among them
            wire = _most_common(outlets[i] for i in group if _known(ordered[i].outlet) is not None)
        if wire is None:
            name = f"{earliest.outlet.strip() or earliest.id} copy"
        else:
            spelled = [
                s
                for a in sorted(chosen, key=_when)
                for s in (a.declared, a.credit, a.outlet)
                if s and wire_key(s) == wire
            ]
            name = wire_name(spelled[0]) if spelled else wire
        key = wire_key(name)
        own = [a for a in chosen if wire_key(a.outlet) == key]
        original = min(own, key=_when) if own else earliest
        drafts.append(
            (
                "wire:" + key,
                WireGroup(
                    name=name,
                    key="",
                    members=tuple(sorted(a.id for a in chosen)),
                    declared=is_declared,
                    original=original.id,
                    similarity=round(weakest.get(root, 1.0), 3),
                ),
            )
        )

    result: list[WireGroup] = []
    taken: set[str] = set()
    for base, draft in sorted(drafts, key=lambda d: (d[0], d[1].members)):
        key, suffix = base, 1
        while key in taken:
            suffix += 1
            key = f"{base}:{suffix}"
        taken.add(key)
        result.append(replace(draft, key=key))
    result.sort(key=lambda g: g.key)
    return result


def independent_sources(groups: Iterable[WireGroup]) -> dict[str, str]:
    """Source id -> the key it counts under in a majority: its group's key (sources in no group are absent; a
    source in several groups counts under the first key in order)."""
    counted: dict[str, str] = {}
    for group in sorted(groups, key=lambda g: g.key):
        for member in group.members:
            counted.setdefault(member, group.key)
    return counted
