"""Facts nobody wrote a rule for: comparable claims of several outlets grouped into candidate facts.

A claim's *subject* is read from the words around it: the noun it counts ("people", "homes"), the verb or event
noun next to it ("killed", "injured", "hours to put out the fire", "kick-off"), the other key terms of its
clause, each weighted by its distance in words (clause breaks count extra) and by how much it tells facts apart:
rarity among the claims of the kind (IDF) times *specificity*, the sources that use the term over the claims
that do (a fact's word stands next to it about once per outlet; a story's word, "talks" in a story about talks,
next to many claims of each outlet). A small table of newsroom concepts folds words into one ("killed", "died",
"death toll", "fatalities" are deaths). Claims of one kind, compatible units and similar subjects (average
cosine similarity, plus a bonus for a shared concept that says which fact) are grouped; a group stated by two or
more sources is a candidate fact, which :func:`conflicts` compares as a rule-defined fact of its kind would be.

Precision comes first: a candidate that mixes two facts (deaths with injuries, a 1998 record with today's gust,
last year's final with this year's) is worse than a claim left ungrouped. So guards keep claims apart whatever
their similarity:

* **blocks**: only claims of one kind and one unit are compared: quantities by the class of their counted noun
  ("homes" and "households" are one, "firefighters" and "engines" two), money by currency, measures by
  dimension (km/h and mph are both speeds), clock times by zone, dates by resolution; and only claims with the
  same *time anchor*: an explicit other year in the claim's clause ("in 1998"), "last year", "on record";
* **rival concepts**: concepts of one category never mix: deaths, injuries, hospital cases, arrests (people);
  gusts, sustained winds, surge, rain (weather); the fire, the meeting, the parade (events; for a date or a time
  every concept is an event: "evacuated on Sunday" is not "the fire on Saturday night");
* **places**: claims whose clauses name different places ("rallied in Bucharest", "rallied in London");
* **one outlet, one value**: an outlet giving two values that cannot both hold states two facts, so a group never
  holds disagreeing claims of one source;
* **spread**: the values of a group stay within a factor (``max_ratio``), a number of days or of minutes;
* **not facts**: a bound on a class of things ("warehouses over 10,000 sq m"), a date on which somebody spoke
  ("said Tuesday"), vague amounts ("dozens of homes"), a bare number with nothing next to it.

Cost, near linear in the claims: each sentence is read once (and a sentence repeated word for word, wire copy,
only once); claims with the same signature are one *subject*, compared once; a subject is compared only with the
subjects of its block that share one of its strongest terms (an inverted index; a common term only proposes
those sharing a second one), and keeps its nearest few; claims of one subject are grouped first, then groups
are clustered by average linkage over that sparse graph. Nothing compares all pairs of the corpus.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import heapq
import json
import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from factcheck.collecting import collecting_later
from factcheck.compare import Policy, assess, compared_interval
from factcheck.cues import fold
from factcheck.intervals import DATE_SLACK, DEFAULT_SLACK, TIME_SLACK, Interval, Qualifier, Slack
from factcheck.models import Claim, ClaimKind, ClaimRole, Confidence, Status
from factcheck.numbers import SCALES, TENS, UNITS
from factcheck.rules.schema import DiscoverySettings as SettingsDiscovery
from factcheck.rules.schema import Evolving

__all__ = [
    "DEFAULT",
    "CandidateFact",
    "DiscoverySettings",
    "Figure",
    "Grouping",
    "conflicts",
    "discover",
    "discover_figures",
    "policy_for_kind",
    "subjects_of",
]


@dataclass(frozen=True)
class DiscoverySettings:
    """The thresholds of discovery. The defaults were measured on tests/data/stories and corpus/geneva-2022 (see
    benchmarks/discovery_quality.py): every value from threshold 0.15 to 0.35, window 6 to 14, gives the same
    candidates there."""

    # The claim kinds grouped (places, quotes, people and organizations are compared elsewhere).
    kinds: frozenset[ClaimKind] = frozenset(
        {ClaimKind.QUANTITY, ClaimKind.MONEY, ClaimKind.DURATION, ClaimKind.DATE, ClaimKind.TIME, ClaimKind.MEASURE}
    )
    # How far (in words; function words count 1/2, auxiliaries 1/4) from a claim its subject words are read, and
    # what crossing a clause break (";", " — ", ", and", brackets) or a plain comma adds.
    window: float = 10.0
    clause_penalty: float = 4.0
    comma_penalty: float = 1.5
    # How near a concept word must be to give a claim its concept (dates and times often end the clause that
    # names their event: farther); concepts up to ``concept_margin`` farther than the nearest are the claim's too.
    concept_window: float = 6.0
    event_window: float = 8.0
    concept_margin: float = 2.0
    # The weight kept by a word nearer to another claim of the same kind ("four were killed and 27 injured"), and
    # by a capitalized word (names say which story, "Port Callow", more than which fact).
    shared_weight: float = 0.3
    name_weight: float = 0.5
    # Two groups merge when the average similarity of their claims is at least ``threshold``: the cosine of their
    # weighted subject terms, plus ``concept_bonus`` for a concept they share that is a kind of fact (deaths, gusts)
    # or stands next to at least ``min_specificity`` claims per source among the kind's claims that have it.
    threshold: float = 0.3
    concept_bonus: float = 0.3
    min_specificity: float = 0.6
    # The values of a group stay within a factor (quantities, money, durations, measures), days or minutes.
    max_ratio: float = 3.0
    max_days: float = 10.0
    max_minutes: float = 180.0
    # Whether vague claims ("dozens of homes", "several days") are grouped.
    include_vague: bool = False
    # A subject's ``top_terms`` strongest terms (and its concepts) propose the subjects to compare it with; a term
    # of more than ``common_postings`` subjects of a block proposes only those that share a second such term, one
    # of more than ``max_postings`` none. Each subject keeps its ``max_neighbors`` most similar, above ``min_edge``.
    top_terms: int = 4
    common_postings: int = 40
    max_postings: int = 5000
    max_neighbors: int = 12
    min_edge: float = 0.05


DEFAULT = DiscoverySettings()


@dataclass(frozen=True, slots=True)
class Figure:
    """What grouping reads of a claim besides its subject: whose it is, where it stands, its value. A few hundred
    bytes, where the claim with its sentence is a few kilobytes: a big story's figures are grouped as these."""

    source: str
    start: int
    end: int
    kind: ClaimKind
    text: str
    stated_low: float
    stated_high: float
    qualifier: Qualifier
    unit: str | None

    @classmethod
    def of(cls, claim: Claim) -> Figure:
        assert claim.stated_low is not None and claim.stated_high is not None  # discovery takes only values
        return cls(
            claim.source,
            claim.start,
            claim.end,
            claim.kind,
            claim.text,
            claim.stated_low,
            claim.stated_high,
            claim.qualifier,
            claim.unit,
        )


@dataclass(frozen=True)
class Grouping:
    """A candidate fact as grouping finds it: its claims by their index among the figures grouped."""

    id: str
    title: str
    kind: ClaimKind
    unit: str | None
    key_terms: tuple[str, ...]
    members: tuple[int, ...]
    concept: str | None = None

    def with_claims(self, claims: Sequence[Claim]) -> CandidateFact:
        """The candidate fact of these claims (those of :attr:`members`, in that order)."""
        return CandidateFact(
            id=self.id,
            title=self.title,
            kind=self.kind,
            unit=self.unit,
            key_terms=self.key_terms,
            claims=tuple(claims),
            concept=self.concept,
        )


@dataclass(frozen=True)
class CandidateFact:
    """Claims of several sources that look like one fact nobody wrote a rule for."""

    id: str
    title: str
    kind: ClaimKind
    unit: str | None
    key_terms: tuple[str, ...]
    claims: tuple[Claim, ...]
    concept: str | None = None  # what kind of fact it reads as ("death", "evacuation"), when its words say

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({c.source for c in self.claims}))

    @property
    def evolving(self) -> Evolving | None:
        """Casualty and count facts change as a story unfolds; a death toll can only grow."""
        if self.kind not in (ClaimKind.QUANTITY, ClaimKind.MEASURE) or self.concept not in _EVOLVING_CONCEPTS:
            return None
        return Evolving(grows=self.concept in _GROWING_CONCEPTS)


# Concepts of figures that change as a story unfolds, and of those the ones that only grow.
_EVOLVING_CONCEPTS = frozenset("death casualty injury hospital missing arrest evacuation rescue displaced vote".split())
_GROWING_CONCEPTS = frozenset({"death"})


def policy_for_kind(kind: ClaimKind, evolving: Evolving | None = None) -> Policy:
    """The policy a rule-defined fact of this kind gets by default: slack in days for dates, minutes for times."""
    return Policy(slack=_slack_for(kind), evolving=evolving)


def policy_for(candidate: CandidateFact, settings: SettingsDiscovery | None = None) -> Policy:
    """The policy a candidate fact is judged by: its kind's, evolving when it counts casualties (unless the
    settings turn that off)."""
    evolving = candidate.evolving if settings is None or settings.evolving else None
    return policy_for_kind(candidate.kind, evolving)


def conflicts(candidate: CandidateFact) -> bool:
    """Whether the candidate's claims disagree, compared as a rule-defined fact of its kind would be."""
    return assess(candidate.claims, policy_for(candidate)).status is Status.CONFLICT


def _slack_for(kind: ClaimKind) -> Slack:
    return {ClaimKind.DATE: DATE_SLACK, ClaimKind.TIME: TIME_SLACK}.get(kind, DEFAULT_SLACK)


# ----------------------------------------------------------------------------------------------------------------
# Vocabulary

_STOPWORDS = frozenset(
    """
    a an the of to in on at by for with from into onto over under near along around across about as than and or
    but nor so that which who whom whose this these those it its their they them he she his her we our you your i
    me my is are was were be been being have has had do does did will would could can may might should must shall
    not no more less per each every all some any if when while where after before since until because though
    although says said say saying told tells according also still already again too out up down off just only
    even then there here what how why also than other others another both such very much many most least nearly
    almost roughly approximately estimated some just around about over under up least fewer close shy upwards
    excess minimum maximum approx circa exactly precisely
    yesterday today tonight tomorrow monday tuesday wednesday thursday friday saturday sunday january february
    march april june july august september october november december jan feb mar apr jun jul aug sep sept oct
    nov dec week weeks month months year years day days hour hours minute minutes decade decades second seconds
    am pm a.m p.m mr mrs ms dr st us u.s per cent percent
    """.split()
)
_AUXILIARIES = frozenset("is are was were be been being has have had will would".split())
_NUMBER_WORDS = frozenset([*UNITS, *TENS, *SCALES, "hundred", "dozen", "dozens", "half", "quarter", "score"])
# How far walking past a word takes a claim from its subject: a word 1, a function word 1/2, an auxiliary 1/4.
_STEP = {**dict.fromkeys(_STOPWORDS, 0.5), **dict.fromkeys(_AUXILIARIES, 0.25)}

# Newsroom concepts: surface words (as folded, lower case) -> concept. A claim's concept is the nearest of these.
_CONCEPT_WORDS: dict[str, list[str]] = {
    "death": (
        "kill killed kills killing dead death deaths die died dies dying fatalities fatality fatal fatally perished"
        " lives toll"
    ).split(),
    "injury": "injured injuring injure injures injuries injury hurt hurting wounded wounding wounds".split(),
    "hospital": "hospital hospitals hospitalised hospitalized hospitalisation hospitalization treated".split(),
    "missing": "missing unaccounted".split(),
    "arrest": "arrest arrests arrested arresting detained detention detentions custody".split(),
    "evacuation": "evacuated evacuate evacuating evacuation evacuations evacuees evacuee".split(),
    "rescue": "rescued rescue rescues rescuing".split(),
    "displaced": "displaced homeless".split(),
    "casualty": "casualties casualty".split(),
    "attendance": "crowd crowds spectators spectator fans attendance attended watched".split(),
    "vote": "votes vote voted ballots".split(),
    "turnout": "turnout".split(),
    "seat": "seats seat".split(),
    "gust": "gust gusts gusting gusted".split(),
    "wind": "wind winds sustained".split(),
    "surge": "surge surges".split(),
    "rain": "rain rainfall rains precipitation".split(),
    "snow": "snow snowfall".split(),
    "quake": "earthquake quake tremor magnitude".split(),
    "aftershock": "aftershock aftershocks".split(),
    "outage": "power outage outages electricity blackout".split(),
    "fire": (
        "fire fires blaze blazes flames inferno fight fighting fought battle battling tackle tackling firefighting"
    ).split(),
    "contained": "control contained extinguished".split(),
    "building": "building buildings warehouse warehouses facility facilities premises plant factory depot".split(),
    "storm": "storm storms hurricane hurricanes typhoon cyclone tornado".split(),
    "meeting": "meeting meetings talks session sessions negotiations discussions summit".split(),
    "kickoff": "kick kickoff".split(),
    "parade": "parade parades homecoming procession".split(),
    "landfall": "landfall ashore".split(),
    "loss": "loss losses lost damage damages".split(),
    "prize": "prize cheque payday purse".split(),
    "wait": "wait drought".split(),
}
_CONCEPTS: dict[str, str] = {word: concept for concept, words in _CONCEPT_WORDS.items() for word in words}
# Things rather than events: the subject of a measure ("the 12,000 sq m warehouse"), never what a date is of.
_OBJECT_CONCEPTS = frozenset({"building"})
# Concepts of one category are rivals (deaths or injuries; a gust or sustained winds; a fire or a meeting);
# concepts of different categories are not (the gust of a hurricane, the deaths in a fire).
_CATEGORIES: dict[str, list[str]] = {
    "people": ("death injury hospital missing arrest evacuation rescue displaced casualty attendance".split()),
    "weather": "gust wind surge rain snow quake aftershock".split(),
    "election": "vote turnout seat".split(),
    "event": "fire contained storm meeting kickoff parade landfall".split(),
    "money": "loss prize".split(),
}
_CATEGORY: dict[str, str] = {c: category for category, cs in _CATEGORIES.items() for c in cs}
# Verbs that look like plural nouns before a bound ("kills more than 40"): not a class of things.
_VERBS_S = frozenset(
    "kills leaves reaches tops hits affects exceeds costs takes sees has gets needs employs includes involves"
    " claims injures wounds displaces forces".split()
)
# Words that make a concept word part of a name: "fire service", "Fire and Rescue Service", "storm drains".
_NAMING_AFTER = frozenset(
    "service services department brigade station stations authority chief officer officers engine engines crew"
    " crews drains drain".split()
)
# Concepts that are a kind of fact in themselves: two claims next to one are likelier one fact. Events (a fire,
# a meeting, a storm) are what whole stories are about, and say less.
_FACT_CONCEPTS = frozenset(
    "death injury hospital missing arrest evacuation rescue displaced casualty attendance vote turnout seat gust"
    " wind surge rain snow quake aftershock outage loss prize kickoff landfall parade wait".split()
)
# Concepts of people: a number without a counted noun next to one of these counts people ("27 injured", "a crowd
# of 7,912").
_PEOPLE_CONCEPTS = frozenset(_CATEGORIES["people"])

# Counted nouns -> their class; nouns of a class are one unit ("homes" and "households"), classes never mix.
_UNIT_CLASSES: dict[str, list[str]] = {
    "people": (
        "people person persons others individuals residents inhabitants locals citizens civilians victims adults"
        " men women children dead fatalities deaths injured wounded casualties evacuees spectators fans"
        " supporters crowd"
    ).split(),
    "homes": "homes home households household houses house properties dwellings customers premises".split(),
    "troops": "troops troop soldiers soldier forces servicemen personnel".split(),
    "firefighters": "firefighters firefighter firemen".split(),
    "engines": "engines engine appliances appliance pumps".split(),
    "staff": "staff employees workers jobs".split(),
    "percent": ["percent", "percentage points"],
}
_UNIT_CLASS: dict[str, str] = {word: cls for cls, words in _UNIT_CLASSES.items() for word in words}

# Time anchors: a claim about another time than the story's (a 1998 record, last year's final).
_YEAR = re.compile(r"(?<![\w.,])(1[89]\d\d|20\d\d)(?![\w])")
_NOT_ANCHOR_BEFORE = re.compile(
    r"\b(?:since|opened|built|founded|established|launched|completed|constructed|created|formed|until|till)"
    r"(?:\s+in)?\s+$"
)
_RELATIVE_ANCHORS = (
    (re.compile(r"\b(?:last|previous|prior)\s+(?:year|season|month|week)|\ba\s+year\s+(?:ago|earlier|before)"), "past"),
    (re.compile(r"\bthe\s+year\s+before|\bprevious\b|\bformer\b"), "past"),
    (re.compile(r"\bnext\s+(?:year|season|month)"), "future"),
    (re.compile(r"\bon\s+record\b|\bever\s+recorded\b|\ball[\s-]time\b|\brecord\b(?!ed)"), "record"),
)
_ANCHOR_WORDS = ("last", "previous", "prior", "year", "former", "next", "record", "all")
# Where a clause of the sentence ends: a claim's time anchor and subject are read within its own clause.
_SEGMENT_BREAK = re.compile(r",\s|;|:\s|\s[—–]\s|—|\(|\)")
_CLAUSE_BREAK = re.compile(r";|:\s|\s[—–]\s|—|,\s+(?:and|but|while|whereas|or|which|who)\b|\(|\)")
# Clause breaks first: ", and" is a clause break, a plain ", " a comma.
_BREAK = re.compile(_CLAUSE_BREAK.pattern + r"|(?P<comma>,\s)")
_PLACE = re.compile(
    r"\b(?:in|at|near|outside|(?<!according )to)\s+(?P<name>[A-Z][\w’'.-]*[\w](?:\s+[A-Z][\w’'.-]*[\w])*)"
)
_NOT_PLACES = frozenset(
    """
    January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec The A An This
    That These Those It He She They We I His Her Their Our My
    """.split()
)
_WORD = re.compile(r"[a-z][a-z'’]*")


# ----------------------------------------------------------------------------------------------------------------
# Signatures

_EVENT_KINDS = frozenset({ClaimKind.DATE, ClaimKind.TIME})
# A bound on a class rather than a value: "warehouses over 10,000 sq m", "people under 18".
_THRESHOLD_QUALIFIERS = frozenset({Qualifier.MORE_THAN, Qualifier.LESS_THAN})
_PLURAL_BEFORE = re.compile(r"(?<![\w'’])(?P<w>[a-z]{3,}s)\s+$")


@functools.lru_cache(maxsize=65536)
def _plain(word: str) -> str:
    """A word without its possessive: "storm's" -> "storm", "Brannock’s" -> "brannock"."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word.strip("'")


def _lemma(word: str) -> str:
    """A light stem, the same for a word's forms: 'killed', 'kills', 'killing' -> 'kill'; 'served', 'serves' ->
    'serv'; 'homes' -> 'hom'. Only ever compared with other stems, never shown."""
    if len(word) > 4:
        if word.endswith("ies") and len(word) > 5:
            word = word[:-3] + "y"
        elif word.endswith(("ches", "shes", "sses", "xes")):
            word = word[:-2]
        else:
            for suffix in ("ing", "ed", "es", "s"):
                if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "us", "is")):
                    word = word[: -len(suffix)]
                    if suffix in ("ing", "ed") and len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiosl":
                        word = word[:-1]  # "stopped" -> "stop"
                    break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


# Parts of the day stand next to a date or a time ("Tuesday afternoon"): they are its value, not its subject.
_TIMES_OF_DAY = frozenset(
    _lemma(w) for w in "morning afternoon evening night overnight early late midday midnight noon dawn dusk".split()
)


@functools.lru_cache(maxsize=65536)
def _term(word: str) -> str | None:
    """The subject term of a word: '=concept' for a concept word, else its stem; None for words that say nothing
    of a subject (function words, number words, parts of dates)."""
    word = _plain(word)
    if word in _STOPWORDS or word in _NUMBER_WORDS or len(word) < 3:
        return None
    concept = _CONCEPTS.get(word)
    if concept is not None:
        return f"={concept}"
    return _lemma(word)


def _unit_class(claim: Claim) -> tuple[str, str | None]:
    """A quantity's unit class and the concept its counted noun names ("fatalities" -> people, death)."""
    unit = (claim.unit or "").lower()
    if not unit:
        return "", None
    cls = _UNIT_CLASS.get(unit)
    last = unit.split()[-1]
    if cls is None:
        cls = _UNIT_CLASS.get(last) or _lemma(last)
    return cls, _CONCEPTS.get(last)


class _SentenceView:
    """One sentence split into words once, with the cost of walking past each word and each clause break."""

    def __init__(self, text: str, settings: DiscoverySettings) -> None:
        self.text = text
        self.folded = fold(text)
        self.words: list[tuple[int, int, str]] = [(*m.span(), m.group()) for m in _WORD.finditer(self.folded)]
        self.starts = [w[0] for w in self.words]
        self.ends = [w[1] for w in self.words]
        # Names say which story, not which fact ("Port Callow"); the first word of a sentence is no name.
        self.proper = [k > 0 and text[s].isupper() for k, s in enumerate(self.starts)]
        plain = [w[2] for w in self.words]
        self.terms = list(map(_term, plain))
        # Function words count half, auxiliaries a quarter.
        self.cost = list(accumulate([_STEP.get(word, 1.0) for word in plain], initial=0.0))
        self.break_at: list[int] = []
        penalty = [0.0]
        for m in _BREAK.finditer(text):
            self.break_at.append(m.start())
            penalty.append(penalty[-1] + (settings.comma_penalty if m.group("comma") else settings.clause_penalty))
        self.penalty = penalty
        if self.break_at:
            self.penalty_at_start = [penalty[bisect_left(self.break_at, s)] for s in self.starts]
            self.penalty_at_end = [penalty[bisect_left(self.break_at, e)] for e in self.ends]
        else:
            self.penalty_at_start = self.penalty_at_end = [0.0] * len(self.words)
        self._segments: list[int] | None = None

    @property
    def segments(self) -> list[int]:
        if self._segments is None:
            self._segments = [0, *(m.end() for m in _SEGMENT_BREAK.finditer(self.text)), len(self.text) + 1]
        return self._segments

    def distances(self, span: tuple[int, int], window: float) -> tuple[int, list[float]]:
        """The distances from a span of the words near it: words walked past and clause breaks crossed (0 inside
        the span). Returns the index of the first word given, and the distances from there on; the words left
        out are farther than ``window``."""
        before = bisect_right(self.ends, span[0])  # words [0, before) end before the span
        after = max(before, bisect_left(self.starts, span[1]))  # words [after, n) start after it
        cost, at_start, at_end = self.cost, self.penalty_at_start, self.penalty_at_end
        first = max(0, bisect_left(cost, cost[before] - window) - 1)
        last = min(len(self.words), bisect_right(cost, cost[after] + window))
        start_penalty = self.penalty[bisect_left(self.break_at, span[0])]
        end_penalty = self.penalty[bisect_left(self.break_at, span[1])]
        out = [cost[before] - cost[w + 1] + start_penalty - at_end[w] for w in range(first, before)]
        out += [0.0] * (after - before)
        out += [cost[w] - cost[after] + at_start[w] - end_penalty for w in range(after, last)]
        return first, out

    def words_between(self, span: tuple[int, int], position: int) -> int:
        if position >= span[1]:
            return max(0, bisect_left(self.starts, position) - bisect_left(self.starts, span[1]))
        return max(0, bisect_right(self.ends, span[0]) - bisect_right(self.ends, position))

    def clause(self, span: tuple[int, int], tail: int = 0) -> tuple[int, int]:
        """The comma-delimited stretch of the sentence the span stands in, and the stretch after it when that has
        at most ``tail`` words ("125 mph, in 1998")."""
        segments = self.segments
        i = bisect_right(segments, span[0]) - 1
        j = bisect_right(segments, max(span[0], span[1] - 1)) - 1
        end = min(segments[j + 1], len(self.text))
        if tail and j + 2 < len(segments):
            following = min(segments[j + 2], len(self.text))
            if bisect_left(self.starts, following) - bisect_left(self.starts, end) <= tail:
                end = following
        return segments[i], end

    def names_organization(self, w: int) -> bool:
        """Whether a concept word is part of a name: "fire service", "Fire and Rescue Service", "storm drains"."""
        after = [word for _, _, word in self.words[w + 1 : w + 3]]
        return bool(after) and (after[0] in _NAMING_AFTER or after[:2] == ["and", "rescue"])


@dataclass(frozen=True)
class _Signature:
    """What discovery reads of one claim: where it may be grouped (``block``), its subject terms and their
    weights, its concept (and the concepts nearly as near), the places of its clause, its value."""

    block: tuple[str, str, str]
    terms: tuple[tuple[str, float], ...]
    concept: str | None
    concepts: frozenset[str]
    # per category of concept: the nearest concept, and those nearly as near
    rivals: frozenset[tuple[str, str, frozenset[str]]]
    places: frozenset[str]
    surface: tuple[tuple[str, str], ...]  # a word of the text for each term, to name candidate facts
    unit_label: str | None

    @property
    def subject(self) -> tuple[object, ...]:
        return (self.block, self.terms, self.concept, self.rivals, self.places)


def _signatures(claims: Sequence[Claim], settings: DiscoverySettings) -> list[_Signature | None]:
    """Each claim's signature (None for a claim discovery leaves alone), reading each sentence once."""
    references = _reference_years(claims)
    by_sentence: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        by_sentence[(claim.source, claim.sentence_start, claim.sentence)].append(i)
    # Outlets repeat wire copy word for word: a sentence is read once, and its claims' signatures once for the same
    # claims in it; only their time anchors depend on the outlet's (the story's) year.
    by_text: dict[str, list[tuple[str, int, list[int]]]] = defaultdict(list)
    for (source, sentence_start, sentence), members in by_sentence.items():
        by_text[sentence].append((source, sentence_start, members))
    out: list[_Signature | None] = [None] * len(claims)
    for sentence, occurrences in by_text.items():
        view: _SentenceView | None = None
        read: dict[tuple[object, ...], list[_Signature | None]] = {}
        done: dict[tuple[object, ...], list[_Signature | None]] = {}
        for source, sentence_start, members in occurrences:
            spans = [(claims[i].start - sentence_start, claims[i].end - sentence_start) for i in members]
            reference = references.get(source)
            shapes = tuple(_shape(claims[i], span) for i, span in zip(members, spans, strict=True))
            found = done.get((reference, shapes))
            if found is None:
                if view is None:
                    view = _SentenceView(sentence, settings)
                first = read.get(shapes)
                if first is None:
                    found = read[shapes] = _sentence_signatures(
                        [claims[i] for i in members], view, spans, reference, settings
                    )
                else:
                    found = [_anchored(sig, view, span, reference) for sig, span in zip(first, spans, strict=True)]
                done[(reference, shapes)] = found
            for i, sig in zip(members, found, strict=True):
                out[i] = sig
    return out


def _shape(claim: Claim, span: tuple[int, int]) -> tuple[object, ...]:
    """What a claim's signature depends on besides its sentence (and the story's year)."""
    return (span, claim.kind, claim.unit, claim.qualifier, claim.resolution)


def _anchored(
    sig: _Signature | None, view: _SentenceView, span: tuple[int, int], reference: int | None
) -> _Signature | None:
    """A signature read for a story of another year, for a story of ``reference``'s: its time anchor read again."""
    if sig is None or sig.block[0] is ClaimKind.DATE:
        return sig
    kind, unit, anchor = sig.block
    again = _anchor(view, span, reference)
    return sig if again == anchor else dataclasses.replace(sig, block=(kind, unit, again))


def _sentence_signatures(
    claims: list[Claim],
    view: _SentenceView,
    spans: list[tuple[int, int]],
    reference: int | None,
    settings: DiscoverySettings,
) -> list[_Signature | None]:
    distances = [view.distances(span, settings.window) for span in spans]
    # A word belongs to the nearest claim of the same kind: "four people were killed and 27 injured" (a verb
    # between a date and a length is the length's as much as the date's).
    nearest: dict[ClaimKind, list[float]] = {}
    for claim, (first, values) in zip(claims, distances, strict=True):
        row = nearest.setdefault(claim.kind, [math.inf] * len(view.words))
        for w, d in enumerate(values, first):
            if d < row[w]:
                row[w] = d
    return [
        _signature(claim, view, span, near, nearest[claim.kind], reference, settings)
        for claim, span, near in zip(claims, spans, distances, strict=True)
    ]


def _reference_years(claims: Sequence[Claim]) -> dict[str, int]:
    """Per source, the story's year: the most common year of its day-precise event dates."""
    years: dict[str, Counter[int]] = defaultdict(Counter)
    for claim in claims:
        day = claim.kind is ClaimKind.DATE and claim.resolution == "day" and claim.role is ClaimRole.EVENT
        if day and claim.stated_low is not None and claim.stated_low >= 1:
            years[claim.source][dt.date.fromordinal(int(claim.stated_low)).year] += 1
    return {source: min(c, key=lambda y: (-c[y], y)) for source, c in years.items()}


def _signature(
    claim: Claim,
    view: _SentenceView,
    span: tuple[int, int],
    distances: tuple[int, list[float]],
    nearest: list[float],
    reference: int | None,
    settings: DiscoverySettings,
) -> _Signature | None:
    kind = claim.kind
    if claim.qualifier in _THRESHOLD_QUALIFIERS and kind not in _EVENT_KINDS:
        before = _PLURAL_BEFORE.search(view.folded, max(0, span[0] - 30), span[0])
        noun = None if before is None else before.group("w")
        if noun is not None and noun not in _STOPWORDS and noun not in _VERBS_S and not noun.endswith("ss"):
            return None  # "warehouses over 10,000 sq m": a class of things, not a fact about one
    terms: dict[str, float] = {}
    surface: dict[str, str] = {}
    near: list[tuple[float, str]] = []
    unit_cls, unit_concept = ("", None)
    unit_words: set[str] = set()
    if kind is ClaimKind.QUANTITY:
        unit_cls, unit_concept = _unit_class(claim)
        unit_words = set((claim.unit or "").lower().split())
        if unit_concept is not None:  # "Four fatalities", "27 injured"
            terms[f"={unit_concept}"] = 1.0
            surface[f"={unit_concept}"] = (claim.unit or "").lower()
            near.append((0.0, unit_concept))
    event = kind in _EVENT_KINDS
    concept_window = settings.event_window if event else settings.concept_window
    window, name_weight, shared_weight = settings.window, settings.name_weight, settings.shared_weight
    first, near_words = distances
    view_terms, proper, words = view.terms, view.proper, view.words
    for w, d in enumerate(near_words, first):
        term = view_terms[w]
        if term is None or d > window or (event and term in _TIMES_OF_DAY):
            continue
        start, end, word = words[w]
        if start < span[1] and span[0] < end and (kind is not ClaimKind.QUANTITY or word in unit_words):
            continue  # the claim's own words are its value, not its subject ("six-hour", "sq m", "Tuesday")
        weight = 1.0 / (1.0 + 0.5 * d)
        if proper[w]:
            weight *= name_weight
        owned = d <= nearest[w]
        if not owned:
            weight *= shared_weight
        if weight > terms.get(term, 0.0):
            terms[term] = weight
            surface[term] = _plain(word)
        if (
            owned
            and term[0] == "="
            and d <= concept_window
            and not view.names_organization(w)
            and (not event or term[1:] not in _OBJECT_CONCEPTS)
        ):
            near.append((d, term[1:]))
    concept: str | None = None
    concepts: set[str] = set()
    rivals: set[tuple[str, str, frozenset[str]]] = set()
    if near:
        near.sort()
        concept = near[0][1]
        by_category: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for d, c in near:
            # What a date or a time is of is one event or another: the fire, the evacuation, the meeting.
            by_category["event" if event else _CATEGORY.get(c, c)].append((d, c))
        for category, found in by_category.items():  # sorted, as ``near`` is
            close = frozenset(c for d, c in found if d <= found[0][0] + settings.concept_margin)
            rivals.add((category, found[0][1], close))
            concepts |= close
    anchor = "" if kind is ClaimKind.DATE else _anchor(view, span, reference)
    unit = claim.unit or ""
    if kind is ClaimKind.QUANTITY:
        if not unit_cls:
            if concept in _PEOPLE_CONCEPTS:
                unit_cls = "people"  # "27 injured", "kills at least 4"
            elif not terms or max(terms.values()) < 0.5:
                return None  # a bare number with nothing next to it ("1." of a list of links)
        unit = unit_cls
    elif kind is ClaimKind.DATE:
        unit = claim.resolution or "day"
    elif kind is ClaimKind.DURATION:
        unit = ""
    if not terms:
        return None
    return _Signature(
        block=(kind, unit, anchor),  # a ClaimKind is a str
        terms=tuple(sorted(terms.items())),
        concept=concept,
        concepts=frozenset(concepts),
        rivals=frozenset(rivals),
        places=_places(view, span, settings),
        surface=tuple(sorted(surface.items())),
        unit_label=claim.unit if kind is ClaimKind.QUANTITY else None,
    )


def _anchor(view: _SentenceView, span: tuple[int, int], reference: int | None) -> str:
    """The other time a claim's clause refers it to: 'y1998', 'past', 'record' … or '' for the story's own time."""
    lo, hi = view.clause(span, tail=4)
    clause = view.folded[lo:hi]
    years = set()
    for m in _YEAR.finditer(clause):
        if span[0] <= lo + m.start() < span[1]:
            continue
        year = int(m.group(1))
        if year == reference or _NOT_ANCHOR_BEFORE.search(clause, max(0, m.start() - 30), m.start()):
            continue  # the story's year; "opened in 2011" dates the subject, "since 2002" is a baseline
        years.add(year)
    if years:
        return "y" + "+".join(str(y) for y in sorted(years))
    if not any(word in clause for word in _ANCHOR_WORDS):
        return ""
    return "+".join(sorted({name for pattern, name in _RELATIVE_ANCHORS if pattern.search(clause)}))


def _places(view: _SentenceView, span: tuple[int, int], settings: DiscoverySettings) -> frozenset[str]:
    """Named places in the claim's clause ("in Bucharest", "to Ardmore", "at Fenwick Park"), folded."""
    lo, hi = view.clause(span)
    found = set()
    for m in _PLACE.finditer(view.text, lo, hi):
        name = m.group("name")
        if name.split()[0] not in _NOT_PLACES and view.words_between(span, m.start("name")) <= settings.window:
            found.add(fold(name))
    return frozenset(found)


# ----------------------------------------------------------------------------------------------------------------
# Grouping


@dataclass
class _Group:
    """Claims being grouped, with what the guards need to know of them."""

    members: list[int]  # claim indices
    weight: int
    concepts: set[tuple[str, str, frozenset[str]]]
    places: set[frozenset[str]]
    low: float | None
    high: float | None
    intervals: dict[str, list[Interval]] = field(default_factory=dict)  # per source, its values as compared

    def add(self, index: int, value: float, source: str, interval: Interval | None) -> None:
        """Merge a group of one claim of this group's subject (``merge``, without making the group)."""
        self.members.append(index)
        self.weight += 1
        self.low = value if self.low is None else min(self.low, value)
        self.high = value if self.high is None else max(self.high, value)
        if interval is not None:
            self.intervals.setdefault(source, []).append(interval)

    def merge(self, other: _Group) -> None:
        self.members += other.members
        self.weight += other.weight
        self.concepts |= other.concepts
        self.places |= other.places
        if other.low is not None and other.high is not None:
            self.low = other.low if self.low is None else min(self.low, other.low)
            self.high = other.high if self.high is None else max(self.high, other.high)
        for source, values in other.intervals.items():
            self.intervals.setdefault(source, []).extend(values)


def _midpoint(claim: Figure) -> float:
    return (claim.stated_low + claim.stated_high) / 2


def _interval(claim: Figure, policy: Policy, memo: dict[tuple[object, ...], Interval | None]) -> Interval | None:
    key = (claim.qualifier, claim.stated_low, claim.stated_high)
    if key not in memo:
        memo[key] = compared_interval(claim, policy)  # outlets repeat each other's figures
    return memo[key]


def _new_group(
    index: int, claim: Figure, sig: _Signature, policy: Policy, memo: dict[tuple[object, ...], Interval | None]
) -> _Group:
    value = _midpoint(claim)  # discovery takes only claims with a value
    interval = _interval(claim, policy, memo)
    return _Group(
        members=[index],
        weight=1,
        concepts=set(sig.rivals),
        places={sig.places} if sig.places else set(),
        low=value,
        high=value,
        intervals={} if interval is None else {claim.source: [interval]},
    )


def _can_merge(a: _Group, b: _Group, kind: ClaimKind, settings: DiscoverySettings) -> bool:
    """Whether two groups may be one fact: no guard tells them apart."""
    if (
        a.low is not None
        and b.low is not None
        and a.high is not None
        and b.high is not None
        and _spread(min(a.low, b.low), max(a.high, b.high), kind, settings)
    ):
        return False  # 80 firefighters and the two taken to hospital; hours and years
    for category, primary, near in a.concepts:
        for other_category, other, other_near in b.concepts:
            if category == other_category and primary != other and primary not in other_near and other not in near:
                return False  # deaths and injuries, a gust and sustained winds, a fire and a meeting
    for here in a.places:
        for there in b.places:
            if here.isdisjoint(there):
                return False  # "rallied in Bucharest", "rallied in London"
    small, large = (a.intervals, b.intervals) if len(a.intervals) <= len(b.intervals) else (b.intervals, a.intervals)
    for source, values in small.items():
        others = large.get(source)
        if others is not None and any(x is not y and not x.overlaps(y) for x in values for y in others):
            return False  # one outlet, two values that cannot both hold: two facts
    return True


def _spread(low: float, high: float, kind: ClaimKind, settings: DiscoverySettings) -> bool:
    """Whether values from ``low`` to ``high`` are too far apart to be one fact's."""
    if kind is ClaimKind.DATE:
        return high - low > settings.max_days
    if kind is ClaimKind.TIME:
        return high - low > settings.max_minutes
    return low <= 0 < high or (low > 0 and high / low > settings.max_ratio)


def _joins(
    group: _Group, value: float, source: str, interval: Interval | None, kind: ClaimKind, settings: DiscoverySettings
) -> bool:
    """``_can_merge`` of a group and a group of one more claim of its subject (of ``value``, from ``source``, as
    compared ``interval``), without making that group: within a subject, concepts and places are the same."""
    low, high = group.low, group.high
    if low is not None and high is not None and _spread(min(low, value), max(high, value), kind, settings):
        return False
    if interval is None:
        return True
    # As _can_merge pairs them: the values of the group with fewer sources first.
    if len(group.intervals) <= 1:
        values = group.intervals.get(source, ())
        return not any(x is not interval and not x.overlaps(interval) for x in values)
    return not any(interval is not y and not interval.overlaps(y) for y in group.intervals.get(source, ()))


def _cluster(
    groups: list[_Group], links: dict[int, dict[int, float]], kind: ClaimKind, settings: DiscoverySettings
) -> list[_Group]:
    """Average-linkage clustering over sparse similarities: merge the two groups of highest average similarity
    (summed similarities of their claims over the product of their sizes, a missing pair counting 0) while it is
    at least the threshold and no guard forbids it. ``links[a][b]`` holds the summed similarity of a and b."""
    alive = dict(enumerate(groups))
    heap: list[tuple[float, int, int]] = []

    def push(a: int, b: int) -> None:
        average = links[a][b] / (alive[a].weight * alive[b].weight)
        if average >= settings.threshold:
            heapq.heappush(heap, (-average, min(a, b), max(a, b)))

    for a in sorted(links):
        for b in sorted(links[a]):
            if a < b:
                push(a, b)
    next_id = len(groups)
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in alive or b not in alive or b not in links[a]:
            continue  # merged since, or found apart
        if not _can_merge(alive[a], alive[b], kind, settings):
            del links[a][b], links[b][a]  # the guards only grow stricter as groups grow: never again
            continue
        c = next_id
        next_id += 1
        merged = alive.pop(a)
        merged.merge(alive.pop(b))
        alive[c] = merged
        combined: dict[int, float] = {}
        for old in (a, b):
            for n, total in links.pop(old).items():
                if n != a and n != b:
                    combined[n] = combined.get(n, 0.0) + total
                    del links[n][old]
        links[c] = combined
        for n in sorted(combined):
            links[n][c] = combined[n]
            push(n, c)
    return [alive[k] for k in sorted(alive)]


def discover(claims: Iterable[Claim], settings: DiscoverySettings = DEFAULT) -> list[CandidateFact]:
    """Candidate facts among claims no rule placed: groups of comparable claims stated by two or more sources.

    The result does not depend on the order of ``claims``.
    """
    # Discovery makes many small objects and no cycles: the cyclic garbage collector, which would walk every claim
    # of a large corpus again and again meanwhile, is paused (and restored as it was).
    with collecting_later():
        ordered = sorted((c for c in claims if _eligible(c, settings)), key=_claim_order)
        signatures = _signatures(ordered, settings)
        found = _grouped([Figure.of(c) for c in ordered], signatures, settings)
        return [grouping.with_claims([ordered[i] for i in grouping.members]) for grouping in found]


def discover_figures(
    figures: Sequence[Figure], subjects: Sequence[str], settings: DiscoverySettings = DEFAULT
) -> list[Grouping]:
    """As :func:`discover`, over the figures of claims and their subjects as :func:`subjects_of` kept them:
    what grouping a big story's figures needs, without the claims themselves. Members are indices of
    ``figures``; the result is that of :func:`discover` of the claims (tested), whatever their order."""
    with collecting_later():
        # Sorted by source, then each source's few figures by the whole key: the same order as sorting them all by
        # it, without a key for every figure of the story at once.
        of_source: dict[str, list[int]] = defaultdict(list)
        for i, figure in enumerate(figures):
            of_source[figure.source].append(i)
        order = [
            i
            for source in sorted(of_source)
            for i in sorted(of_source.pop(source), key=lambda i: _claim_order(figures[i]))
        ]
        read: dict[tuple[ClaimKind, str], _Signature] = {}  # outlets repeat sentences: a subject read once
        signatures: list[_Signature | None] = []
        for i in order:
            key = (figures[i].kind, subjects[i])
            sig = read.get(key)
            if sig is None:
                sig = read[key] = _subject_from_json(subjects[i], figures[i].kind)
            signatures.append(sig)
        found = _grouped([figures[i] for i in order], signatures, settings)
        return [dataclasses.replace(g, members=tuple(order[i] for i in g.members)) for g in found]


def subjects_of(claims: Sequence[Claim], settings: DiscoverySettings = DEFAULT) -> list[str | None]:
    """What discovery reads of each of one article's claims that no rule placed (its subject: the words around
    it, its concept, its places, its time anchor), as text to keep with the claim, or None for a claim it leaves
    alone. It depends only on the article (its sentences, its own year), so it is read once, when the article
    is analyzed, and a big story's figures are grouped from what was kept (:func:`discover_figures`)."""
    eligible = [i for i, c in enumerate(claims) if _eligible(c, settings)]
    out: list[str | None] = [None] * len(claims)
    ordered = sorted(eligible, key=lambda i: _claim_order(claims[i]))
    for i, sig in zip(ordered, _signatures([claims[i] for i in ordered], settings), strict=True):
        if sig is not None:
            out[i] = _subject_json(sig)
    return out


def _subject_json(sig: _Signature) -> str:
    """A signature as compact JSON, sets in sorted order (the same signature, the same text)."""
    _, unit, anchor = sig.block
    return json.dumps(
        [
            unit,
            anchor,
            [[t, w] for t, w in sig.terms],
            sig.concept,
            sorted(sig.concepts),
            sorted([category, primary, sorted(close)] for category, primary, close in sig.rivals),
            sorted(sig.places),
            [[t, w] for t, w in sig.surface],
            sig.unit_label,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _subject_from_json(text: str, kind: ClaimKind) -> _Signature:
    unit, anchor, terms, concept, concepts, rivals, places, surface, unit_label = json.loads(text)
    return _Signature(
        block=(kind, unit, anchor),
        terms=tuple((t, float(w)) for t, w in terms),
        concept=concept,
        concepts=frozenset(concepts),
        rivals=frozenset((category, primary, frozenset(close)) for category, primary, close in rivals),
        places=frozenset(places),
        surface=tuple((t, w) for t, w in surface),
        unit_label=unit_label,
    )


def _grouped(
    ordered: Sequence[Figure], signatures: Sequence[_Signature | None], settings: DiscoverySettings
) -> list[Grouping]:
    """Candidate facts among figures in :func:`_claim_order` with their signatures (None: left alone)."""
    # Claims with the same signature are one subject: their similarity is computed once. The claims of one sentence
    # read once share their signatures: each signature's subject is looked up once.
    subjects: dict[tuple[object, ...], int] = {}
    subject_claims: list[list[int]] = []
    subject_of_signature: dict[int, int] = {}  # by the signature's id: every signature is alive meanwhile
    for i, sig in enumerate(signatures):
        if sig is None:
            continue
        s = subject_of_signature.get(id(sig))
        if s is None:
            s = subject_of_signature[id(sig)] = subjects.setdefault(sig.subject, len(subjects))
            if s == len(subject_claims):
                subject_claims.append([])
        subject_claims[s].append(i)
    subject_sig = [_known(signatures[members[0]]) for members in subject_claims]
    by_kind: dict[str, list[int]] = defaultdict(list)
    by_block: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for s, sig in enumerate(subject_sig):
        by_kind[sig.block[0]].append(s)
        by_block[sig.block].append(s)
    idf: dict[str, dict[str, float]] = {}
    specific: dict[str, frozenset[str]] = {}
    for kind_name, members in by_kind.items():
        weighted = [([ordered[i].source for i in subject_claims[s]], subject_sig[s]) for s in members]
        idf[kind_name] = _idf(weighted)
        specific[kind_name] = _specific_concepts(weighted, settings)
    found: list[tuple[ClaimKind, list[int]]] = []
    for block in sorted(by_block):
        members = by_block[block]
        kind = ClaimKind(block[0])
        sigs = [subject_sig[s] for s in members]
        vectors = [_normalized(sig, idf[block[0]]) for sig in sigs]
        edges = _edges(vectors, sigs, specific[block[0]], settings)
        # Claims of one subject are the most alike there are, so they are grouped first (as average linkage would):
        # in order of value, each joins the group before it unless a guard forbids it; then groups of different
        # subjects are clustered.
        policy = policy_for_kind(kind)
        memo: dict[tuple[object, ...], Interval | None] = {}
        groups: list[_Group] = []
        of_subject: list[list[int]] = []
        for s in members:
            own: list[int] = []
            current: _Group | None = None
            for value, i in sorted((_midpoint(ordered[i]), i) for i in subject_claims[s]):
                claim = ordered[i]
                interval = _interval(claim, policy, memo)
                if current is not None and _joins(current, value, claim.source, interval, kind, settings):
                    current.add(i, value, claim.source, interval)
                else:
                    current = _new_group(i, claim, subject_sig[s], policy, memo)
                    own.append(len(groups))
                    groups.append(current)
            of_subject.append(own)
        links: dict[int, dict[int, float]] = defaultdict(dict)
        for (a, b), sim in edges.items():
            for ga in of_subject[a]:
                for gb in of_subject[b]:
                    total = sim * groups[ga].weight * groups[gb].weight
                    links[ga][gb] = total
                    links[gb][ga] = total
        for group in _cluster(groups, links, kind, settings):
            if len({ordered[i].source for i in group.members}) >= 2:
                found.append((kind, sorted(group.members)))
    subject_of = {i: s for s, members in enumerate(subject_claims) for i in members}
    return _named(found, ordered, subject_of, subject_sig, idf)


def _claim_order(c: Claim | Figure) -> tuple[str, int, int, str, str, float, float]:
    return (c.source, c.start, c.end, c.kind, c.text, c.stated_low or 0.0, c.stated_high or 0.0)


def _known(sig: _Signature | None) -> _Signature:
    assert sig is not None
    return sig


def discoverable(claim: Claim, settings: DiscoverySettings = DEFAULT) -> bool:
    """Whether discovery considers a claim: a value of a grouped kind, an event's (not a "said Tuesday"), clear."""
    return _eligible(claim, settings)


def _eligible(claim: Claim, settings: DiscoverySettings) -> bool:
    if claim.kind not in settings.kinds or claim.stated_low is None or claim.stated_high is None:
        return False
    if claim.kind is ClaimKind.DATE and claim.role is ClaimRole.STATEMENT:
        return False  # "said Tuesday" is when somebody spoke, never the date of an event
    return settings.include_vague or claim.confidence is not Confidence.VAGUE


def _idf(weighted: list[tuple[list[str], _Signature]]) -> dict[str, float]:
    """How much a subject term tells which fact a claim is of, among the claims of one kind.

    Rarity (IDF) times *specificity*: the sources that use the term over the claims that do. A fact's own word
    stands next to it about once per outlet ("fire" next to the fire's length); a story's word stands next to
    many claims of each outlet ("talks" in a story about talks), and says little about which fact.
    """
    df: Counter[str] = Counter()
    sources: dict[str, set[str]] = defaultdict(set)
    total = 0
    for claim_sources, sig in weighted:
        total += len(claim_sources)
        for term, _ in sig.terms:
            df[term] += len(claim_sources)
            sources[term].update(claim_sources)
    return {term: math.log(1.0 + total / n) * len(sources[term]) / n for term, n in sorted(df.items())}


def _specific_concepts(weighted: list[tuple[list[str], _Signature]], settings: DiscoverySettings) -> frozenset[str]:
    """The concepts that say which fact: kinds of fact in themselves (deaths, gusts), and event concepts that
    stand next to about one claim per source (the fire's length, but not the talks of a story about talks)."""
    claims: Counter[str] = Counter()
    sources: dict[str, set[str]] = defaultdict(set)
    for claim_sources, sig in weighted:
        if sig.concept is not None:
            for concept in {sig.concept} | sig.concepts:
                claims[concept] += len(claim_sources)
                sources[concept].update(claim_sources)
    return _FACT_CONCEPTS | {c for c in claims if len(sources[c]) / claims[c] >= settings.min_specificity}


def _normalized(sig: _Signature, idf: dict[str, float]) -> dict[str, float]:
    raw = {t: w * idf[t] for t, w in sig.terms}
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {t: v / norm for t, v in raw.items()}


def _edges(
    vectors: list[dict[str, float]], sigs: list[_Signature], specific: frozenset[str], settings: DiscoverySettings
) -> dict[tuple[int, int], float]:
    """Similarities of the subjects of one block, never of all pairs: a subject is compared with those that share
    one of its strongest terms or concepts (an inverted index), but not with those the guards keep apart anyway;
    the similarity is the cosine of the weighted terms, plus a bonus for a shared concept that says which fact.
    Each subject keeps its ``max_neighbors`` most similar (a sparse graph, for clustering in near-linear time)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for n, vector in enumerate(vectors):
        for term in vector:
            postings[term].append(n)
    # A common term proposes only the subjects that share a second one of the strongest terms with it.
    common = {t: set(p) for t, p in postings.items() if settings.common_postings < len(p) <= settings.max_postings}
    # Each subject's candidates, sorted, 4 bytes each (a set would take 30 or more: a big story's largest block
    # has tens of thousands of subjects with hundreds of candidates each).
    candidates: list[array[int]] = []
    both: dict[tuple[str, str], set[int]] = {}  # subjects alike share their strongest terms: each pair's, once
    for a, vector in enumerate(vectors):
        strongest = sorted(vector, key=lambda t: (-vector[t], t))[: settings.top_terms]
        sig = sigs[a]
        concepts = [] if sig.concept is None else [f"={c}" for c in sorted({sig.concept} | sig.concepts)]
        found: set[int] = set()
        shared: list[str] = []
        for term in dict.fromkeys([*strongest, *concepts]):
            if term in common:
                shared.append(term)
            elif 1 < len(postings[term]) <= settings.common_postings:
                found.update(postings[term])
        for i in range(len(shared)):
            for j in range(i + 1, len(shared)):
                pair = (shared[i], shared[j])
                if pair not in both:
                    both[pair] = common[pair[0]] & common[pair[1]]
                found |= both[pair]
        found.discard(a)
        candidates.append(array("i", sorted(found)))
    keys = [frozenset(v) for v in vectors]
    # Each subject's most similar so far, at most max_neighbors, the least similar first (a heap on similarity,
    # then on the other subject's index reversed: of two as similar, the lower index is kept). Only these are
    # held: a big block's subjects have hundreds of candidates above min_edge each.
    near: list[list[tuple[float, int]]] = [[] for _ in vectors]
    keep = settings.max_neighbors

    def offer(kept: list[tuple[float, int]], sim: float, other: int) -> None:
        if len(kept) < keep:
            heapq.heappush(kept, (sim, -other))
        elif keep and (sim, -other) > kept[0]:
            heapq.heapreplace(kept, (sim, -other))

    # What the guards and the bonus read of each subject, made once (a big block compares millions of pairs):
    # its places, its rival concepts, its concepts, and those of them that say which fact.
    places = [sig.places for sig in sigs]
    rivals = [sig.rivals for sig in sigs]
    near_concepts = [frozenset[str]() if sig.concept is None else sig.concepts | {sig.concept} for sig in sigs]
    telling = [c & specific for c in near_concepts]
    bonus, min_edge, fsum = settings.concept_bonus, settings.min_edge, math.fsum
    for a in range(len(vectors)):
        va, ka, pa, ra, ca, ta = vectors[a], keys[a], places[a], rivals[a], near_concepts[a], telling[a]
        concept_a = sigs[a].concept
        for b in candidates[a]:
            if b < a and _holds(candidates[b], a):
                continue  # done from b
            # The guards keep them apart whatever their values: different places, rival concepts.
            if pa and places[b] and pa.isdisjoint(places[b]):
                continue
            if ra and rivals[b] and _rivals_apart(ra, rivals[b]):
                continue
            vb = vectors[b]
            both_terms = ka & keys[b]
            if len(both_terms) == 1:
                (term,) = both_terms
                sim = va[term] * vb[term]
            else:
                sim = fsum([va[t] * vb[t] for t in both_terms])  # exactly rounded: in any order
            # The bonus: both next to one concept that says which fact (see _specific_concepts), the nearest of one.
            if ta and not ta.isdisjoint(telling[b]) and (concept_a in near_concepts[b] or sigs[b].concept in ca):
                sim += bonus
            if sim >= min_edge:
                offer(near[a], sim, b)
                offer(near[b], sim, a)
    edges: dict[tuple[int, int], float] = {}
    for a, found_near in enumerate(near):
        for sim, minus_b in found_near:
            b = -minus_b
            edges[(min(a, b), max(a, b))] = sim
    return dict(sorted(edges.items()))


def _holds(ordered: array[int], x: int) -> bool:
    """Whether a sorted array holds ``x``."""
    at = bisect_left(ordered, x)
    return at < len(ordered) and ordered[at] == x


def _rivals_apart(a: Iterable[tuple[str, str, frozenset[str]]], b: Iterable[tuple[str, str, frozenset[str]]]) -> bool:
    """Whether two subjects' rival concepts keep them apart: of one category, each nearest its own and not
    nearly as near the other's."""
    for category, primary, close in a:
        for other_category, other, other_close in b:
            if category == other_category and primary != other and primary not in other_close and other not in close:
                return True
    return False


# ----------------------------------------------------------------------------------------------------------------
# Naming


def _named(
    found: list[tuple[ClaimKind, list[int]]],
    ordered: Sequence[Figure],
    subject_of: dict[int, int],
    subject_sig: Sequence[_Signature],
    idf: dict[str, dict[str, float]],
) -> list[Grouping]:
    """Candidate facts with ids and titles from their key terms: the concept, then the strongest terms."""
    facts: list[Grouping] = []
    used: Counter[str] = Counter()
    taken: set[str] = set()
    for kind, members in sorted(found):  # claim indices follow the claims' canonical order
        weights: dict[str, float] = defaultdict(float)
        words: dict[str, Counter[str]] = defaultdict(Counter)
        units: Counter[str] = Counter()
        concepts: Counter[str] = Counter()
        for s, count in sorted(Counter(subject_of[i] for i in members).items()):
            sig = subject_sig[s]
            if sig.concept is not None:
                concepts[sig.concept] += count
            surface = dict(sig.surface)
            for term, weight in sig.terms:
                weights[term] += count * weight * idf[kind].get(term, 1.0)
                words[term][surface[term]] += count
            if sig.unit_label:
                units[sig.unit_label.lower()] += count
        ranked = sorted(weights, key=lambda t: (-weights[t], t))
        if concepts:
            top = f"={_top(concepts)}"
            ranked = [top, *(t for t in ranked if t != top)]
        unit = _top(units) if units else None
        picked = [w for w in (_top(words[t]) if words[t] else t.lstrip("=") for t in ranked) if w != unit][:2]
        key_terms = tuple(([unit] if unit else []) + picked)
        slug = "-".join(re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") for t in key_terms).strip("-") or "fact"
        base = f"auto.{kind.value}.{slug}"
        used[base] += 1
        fact_id = base if used[base] == 1 else f"{base}-{used[base]}"
        while fact_id in taken:  # "auto.x.a-2" named by its words, before a second "auto.x.a"
            used[base] += 1
            fact_id = f"{base}-{used[base]}"
        taken.add(fact_id)
        claim_units = Counter(u for i in members if (u := ordered[i].unit))
        facts.append(
            Grouping(
                id=fact_id,
                title=" ".join(key_terms),
                kind=kind,
                unit=_top(claim_units) if claim_units else None,
                key_terms=key_terms,
                members=tuple(members),  # in order of (source, start, end), as ``ordered`` is
                concept=_top(concepts) if concepts else None,
            )
        )
    return sorted(facts, key=lambda f: f.id)


def _top(counts: Counter[str]) -> str:
    """The most common, and of those the first in alphabetical order."""
    return min(counts, key=lambda w: (-counts[w], w))
