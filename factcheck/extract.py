"""Claims in sentences: quantities with their unit noun, money, durations, dates and places, normalized."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

from factcheck.asof import as_of
from factcheck.attribution import Attribution, figure_attributions
from factcheck.dates import DateHit, DateOrder, find_dates
from factcheck.intervals import DATE_SLACK, DEFAULT_SLACK, TIME_SLACK, Qualifier, interval_for
from factcheck.lines import LineIndex
from factcheck.measures import measure_after
from factcheck.models import Article, Claim, ClaimKind, Confidence, Sentence
from factcheck.numbers import (
    UNAMBIGUOUS_ABBREVIATIONS,
    Number,
    find_numbers,
    number_at,
    scale_after,
    trailing_scale,
    words_of,
)
from factcheck.organizations import organization_claims
from factcheck.people import TITLE_WORDS, PersonMention, person_claims, person_mentions
from factcheck.quotes import QuotedSpan, read_quotes
from factcheck.times import TimeHit, find_times

_QUALIFIER_PHRASES: dict[str, Qualifier] = {
    r"more\s+than": Qualifier.MORE_THAN,
    r"greater\s+than": Qualifier.MORE_THAN,
    r"over": Qualifier.MORE_THAN,
    r"upwards\s+of": Qualifier.MORE_THAN,
    r"in\s+excess\s+of": Qualifier.MORE_THAN,
    r"north\s+of": Qualifier.MORE_THAN,
    r"at\s+least": Qualifier.AT_LEAST,
    r"no\s+(?:fewer|less)\s+than": Qualifier.AT_LEAST,
    r"not\s+less\s+than": Qualifier.AT_LEAST,
    r"a\s+minimum\s+of": Qualifier.AT_LEAST,
    r"almost": Qualifier.ALMOST,
    r"nearly": Qualifier.ALMOST,
    r"close\s+to": Qualifier.ALMOST,
    r"just\s+(?:under|shy\s+of|short\s+of|below)": Qualifier.ALMOST,
    r"not\s+quite": Qualifier.ALMOST,
    r"(?:fewer|less)\s+than": Qualifier.LESS_THAN,
    r"under": Qualifier.LESS_THAN,
    r"below": Qualifier.LESS_THAN,
    r"as\s+(?:many|much)\s+as": Qualifier.UP_TO,
    r"up\s+to": Qualifier.UP_TO,
    r"at\s+most": Qualifier.UP_TO,
    r"no\s+more\s+than": Qualifier.UP_TO,
    r"a\s+maximum\s+of": Qualifier.UP_TO,
    r"about": Qualifier.ABOUT,
    r"around": Qualifier.ABOUT,
    r"roughly": Qualifier.ABOUT,
    r"some": Qualifier.ABOUT,
    r"approximately": Qualifier.ABOUT,
    r"approx\.": Qualifier.ABOUT,
    r"(?:an\s+)?estimated": Qualifier.ABOUT,
    r"circa": Qualifier.ABOUT,
    r"between": Qualifier.RANGE,
    r"from": Qualifier.RANGE,
}
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|(?<=[\s(—–\"“]))(?P<q>" + "|".join(f"(?:{p})" for p in _QUALIFIER_PHRASES) + r")\s+$",
    re.IGNORECASE,
)
_QUALIFIER_PATTERNS = [(re.compile(rf"(?:{p})$", re.IGNORECASE), q) for p, q in _QUALIFIER_PHRASES.items()]
_QUALIFIER_AFTER = re.compile(r"\s+or\s+(?P<q>more|so|fewer|less)\b", re.IGNORECASE)
_AFTER_QUALIFIERS = {
    "more": Qualifier.AT_LEAST,
    "so": Qualifier.ABOUT,
    "fewer": Qualifier.UP_TO,
    "less": Qualifier.UP_TO,
}

_CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "₹": "INR", "₽": "RUB",
}  # fmt: skip
_SIGN = r"(?<![A-Za-z])(?:US\$|AU?\$|CA?\$|HK\$|NZ\$|S\$|R\$|\$|€|£|¥|₹|₽)"
_CODES = "USD|EUR|GBP|JPY|CHF|RUB|CNY|INR|CAD|AUD|HKD|NZD|SGD|BRL"
_CURRENCY_BEFORE = re.compile(rf"(?P<sign>{_SIGN})\s?$")
_CURRENCY_CODE_BEFORE = re.compile(rf"\b(?P<code>{_CODES})\s?$")
_CURRENCY_AFTER = re.compile(
    rf"\s+(?P<code>{_CODES})\b"
    r"|\s+(?P<word>(?i:(?:(?P<country>US|U\.S\.|American|Canadian|Australian|Hong\s+Kong|New\s+Zealand|Swiss)\s+)?"
    r"(?P<name>dollars|francs|euros|pounds(?:\s+sterling)?|sterling|roubles|rubles|yuan|renminbi|rupees|yen)))\b"
)
_CURRENCY_WORDS = {
    "dollars": "USD", "francs": "CHF", "euros": "EUR", "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
    "roubles": "RUB", "rubles": "RUB", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "yen": "JPY",
}  # fmt: skip
_COUNTRY_DOLLARS = {"canadian": "CAD", "australian": "AUD", "hong kong": "HKD", "new zealand": "NZD"}
# "pounds" is money with a scale ("2 million pounds"), money words around it, or a pound sign in the clause;
# "300 pounds of cocaine" and "a 500-pound bomb" are masses, read in factcheck/measures.py.
_POUNDS_MONEY_AFTER = re.compile(
    r"\s*(?:(?:a|per)\s+(?:week|month|year|head|ticket|person|night)\b|in\s+(?:damages|compensation|fines?|funding"
    r"|aid|tax)\b|sterling\b|worth\b|notes?\b|coins?\b)",
    re.IGNORECASE,
)
_MONEY_CUE_BEFORE = re.compile(
    r"\b(?:costs?|costing|worth|paid|pays?|paying|raised?|raising|fined?|fines|price[ds]?|spent|spend\w*|budget|"
    r"salary|salaries|wages?|bill|fees?|sold|bought|donat\w+|charged?|earn\w*|owe[ds]?|tax(?:es)?|compensation|"
    r"fund(?:s|ed|ing)?|grants?|loans?|debts?|bonus(?:es)?|profits?|revenues?|bail|ransom|reward|prize|"
    r"damages|award(?:ed)?|invest\w*)\b",
    re.IGNORECASE,
)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_WEIGHT_CUE_BEFORE = re.compile(r"\b(?:weigh\w*|heav(?:y|ier|iest)|lighter|lightest|lbs?)\b", re.IGNORECASE)

DURATION_HOURS = {
    "second": 1 / 3600, "minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.485,
    "year": 8765.82, "decade": 87658.2,
}  # fmt: skip
_DURATION_COMPOUND = re.compile(r"-(?P<unit>second|minute|hour|day|week|month|year|decade)(?:-long)?\b(?!-old)")
_DURATION_NOUN = re.compile(r"\s+(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?![-‑]old)")
_AND_A_HALF_AFTER = re.compile(r"\s+and\s+a\s+(?P<f>half|quarter)\b", re.IGNORECASE)
# "one day" alone is a time ("One day, the talks ..."), not a length, unless something says it is one.
_LENGTH_CUE_BEFORE = re.compile(
    r"\b(?:for|lasted|lasting|lasts?|took|takes?|spent|spends?|spend|within|only|just|after|over|in|of|barely"
    r"|than)\s+$",
    re.IGNORECASE,
)
# Vague lengths (docs/normalization.md, "Durations"): "hours-long", "hours of talks", "for days", "day-long".
_LENGTH_WORDS = re.compile(
    r"\b(?:(?P<plural>hours|days|weeks|months|years)(?P<long>-?long)?"
    r"|(?P<one>hour|minute|week|month|year|decade)-?long"
    r"|(?P<day>day-?long|all[-\s]day)"
    r"|(?P<adj>lengthy|marathon|long))\b",
    re.IGNORECASE,
)
_VAGUE_LENGTHS = {"hours": (2, 24, "hour"), "days": (2, 14, "day"), "weeks": (2, 8, "week"), "months": (2, 12, "month")}
_VAGUE_LENGTHS["years"] = (2, 10, "year")
_DAY_LONG = (4.0, 24.0)
_LENGTH_ANCHORS = frozenset(
    "hours days weeks months years hourslong dayslong weekslong monthslong yearslong hourlong daylong weeklong "
    "monthlong yearlong decadelong long lengthy marathon".split()
)
_MEETING_AFTER = re.compile(
    r"(?:,?\s+(?P<mid>[A-Za-z][\w'’-]*))?\s+(?:meetings?|talks|sessions?|negotiations|discussions|calls?|hearings?"
    r"|debates?|summits?|conversations?)\b",
    re.IGNORECASE,
)
_NOT_LONG_BEFORE = re.compile(r"\b(?:how|as|so|too|no|any)\s+$", re.IGNORECASE)
_PLURAL_LENGTH_OF = re.compile(
    r"\s+of\s+(?!(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|it|them|us)\b)[A-Za-z]",
    re.IGNORECASE,
)
_FOR_BEFORE = re.compile(r"\bfor\s+$", re.IGNORECASE)

_RANGE_AFTER = re.compile(
    rf"(?P<pct>\s*%|\s+per\s?cent\b|\s+percent\b)?\s*(?P<sep>-|–|—|\bto\b|\band\b)\s*(?:{_SIGN}|(?:{_CODES})\s)?\s?"
)
_PERCENT_AFTER = re.compile(r"\s*%|[\s-]*(?i:per[\s-]?cent|pct)\b|[\s-]+(?P<pp>(?i:percentage[\s-]+points?))\b")
_WORD = re.compile(r"\s+(?P<w>[A-Za-z](?:\.[A-Za-z])+\.|[A-Za-z][A-Za-z'’-]*)")  # "U.S." is one word
_COMPOUND = re.compile(r"-(?P<w>[a-z]+)\b(?P<old>-old\b)?")
# Second halves of hyphenated words that are not counted nouns: "a one-off", "two-way", "one-sided".
_NOT_COUNTED = frozenset(
    "off on up out down in over way ways fold and or to plus odd ish thirds quarters fifths tenths half time "
    "times all".split()
)
_IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "child": "children", "foot": "feet"}
_COUNTED_PLURALS = frozenset({"people", "men", "women", "children", "staff", "police", "personnel", "cattle"})
# Codes and designations: "Article 5", "No. 1", "Route 66", "page 12", "p. 4", "Boeing 737".
_DESIGNATION_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|no|nos|p|pp|Vol|vol|Fig|fig|Art|art|Sec|sec|Ch|ch|Para|para)\.\s?"
    r"|\b(?i:pages?|articles?|route|room|number|flight|gate|platform|terminal|highway|interstate|chapter|section"
    r"|clause|paragraph|resolution|channel|level|category|phase|episode|season|volume|exhibit|amendment|item"
    r"|appendix|district|ward|precinct|apartment|suite|pier|zone|sector|reactor|model|version|tier|road|street)\s)$"
)
_NAME_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?P<name>[A-Za-z][\w.&-]*[\w.&])\s$|(?:^|(?<=[\s(\"“]))(?P<one>[A-Z])\s$"
)
# Sports results: "won 3-1", "a 2-0 win".
_SCORE_BEFORE = re.compile(
    r"\b(?:won|wins?|winning|beat|beats|beating|lost|lose|loses|losing|drew|draws?|defeated|trailed|trailing|led"
    r"|leads?|leading)\s+(?:[A-Z][\w'’.-]*\s+)*(?:by\s+)?$"
)
_SCORE_AFTER = re.compile(
    r"\s+(?:win|victory|defeat|loss|draw|lead|scoreline|thrashing|triumph|result|home\s+win|away\s+win)\b",
    re.IGNORECASE,
)
_AT_BEFORE = re.compile(r"\bat\s+$", re.IGNORECASE)
_RATIO_AFTER = re.compile(
    r"\s+(?:in|out\s+of)\s+(?:(?!(?:1[89]|20)\d\d\b)\d|(?i:one|two|three|four|five|six|seven|eight|nine|ten)\b)"
)
_RATIO_BEFORE = re.compile(r"(?:\b\d+|\b(?i:one|two|three|four|five|six|seven|eight|nine|ten))\s+(?:in|out\s+of)\s+$")

# Words that end the noun phrase after a number: the unit noun is found before them.
_STOP_WORDS = frozenset(
    """
    a an the of to in on at by for with from into onto over under near along around across about as than and or
    but nor so that which who whom whose this these those it its it's their they them he she his her we our you
    your i me my is are was were be been being have has had do does did will would could can may might should
    must shall not no more less than per each every all some any if when while where after before since until
    because though although says said say told last next ago another also still already again apiece too out
    """.split()
)
# Capitalized words before a number that are not names ("About 200", "Only 12"): see _designation.
_FUNCTION_WORDS = (
    _STOP_WORDS
    | frozenset(w for p in _QUALIFIER_PHRASES for w in re.findall(r"[a-z]+", p))
    | frozenset(
        "only just exactly precisely another still even also then now both extra further barely fully well"
        " including plus minus total totalling totaling approx nearly".split()
    )
)
_PLACE_BEFORE_IN = re.compile(
    r"(?P<chain>(?:[A-Z][\w'’.-]*|of|for|and|the|in|on|de|du|des|la|le)(?:\s+(?:[A-Z][\w'’.-]*|of|for|and|the|in|on|de|du|des|la|le))*)\s+$"
)
_PLACE = re.compile(r"(?:\bin|^In)\s+(?P<name>(?:The\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)")
# Regions that end organization names ("Co-operation in Europe"); a city after a name is a place.
_REGIONS = frozenset(
    {
        "Europe",
        "Asia",
        "Africa",
        "America",
        "the Americas",
        "The Americas",
        "Latin America",
        "the Pacific",
        "The Pacific",
        "the Middle East",
        "The Middle East",
        "Eurasia",
    }
)
_NOT_PLACES = frozenset(
    """
    January February March April May June July August September October November December Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday English Russian French German Spanish Chinese Arabic I It He She They We
    """.split()
)


def extract_article(article: Article, sentences: Iterable[Sentence]) -> list[Claim]:
    """Every claim in the article's sentences, in file order: figures with who the outlet says gives them and
    the time they are said to hold, then people, quotes and organizations."""
    index = LineIndex(article.text)
    claims: list[Claim] = []
    ordered = list(sentences)
    for sentence in ordered:
        claims.extend(claims_in_sentence(sentence, article.published, index, date_order=article.date_order))
    mentions = person_mentions(article, ordered)
    quotes, quoted = read_quotes(article, ordered, index, mentions)
    claims = _attributed(article, ordered, claims, quoted, mentions)
    claims.extend(person_claims(article, ordered, index, mentions))
    claims.extend(quotes)
    claims.extend(organization_claims(article, ordered, index))
    return claims


_FIGURES = frozenset(
    {ClaimKind.QUANTITY, ClaimKind.MONEY, ClaimKind.DURATION, ClaimKind.MEASURE, ClaimKind.DATE, ClaimKind.TIME}
)
_PRONOUN_REACH = 600  # characters back a "he said" looks for the person it stands for


def _attributed(
    article: Article,
    sentences: Sequence[Sentence],
    claims: list[Claim],
    quoted: Sequence[QuotedSpan],
    mentions: Sequence[PersonMention],
) -> list[Claim]:
    """The figures with the party each is attributed to (a quote's speaker for a figure inside the quote) and
    the time it is said to hold ("as of 7 p.m."), when the sentence says."""
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for k, claim in enumerate(claims):
        if claim.kind in _FIGURES:
            by_sentence[claim.sentence_start].append(k)
    if not by_sentence:
        return claims
    spans = sorted(quoted, key=lambda q: (q.start, q.end))
    starts = [q.start for q in spans]
    mention_starts = [m.start for m in mentions]
    out = list(claims)
    for sentence in sentences:
        members = by_sentence.get(sentence.start)
        if not members:
            continue
        offsets = [(claims[k].start - sentence.start, claims[k].end - sentence.start) for k in members]
        parties = figure_attributions(sentence.text, offsets)
        for k, (start, end), party in zip(members, offsets, parties, strict=True):
            claim = claims[k]
            at = bisect_right(starts, claim.start) - 1
            if at >= 0 and spans[at].start <= claim.start and claim.end <= spans[at].end:
                who = spans[at].speaker
            else:
                who = _party_name(party, sentence, mentions, mention_starts)
            when = as_of(sentence.text, start, end, article.published, article.published_at)
            if who is not None or when is not None:
                out[k] = claim.model_copy(update={"attributed_to": who, "as_of": when})
    return out


def _party_name(
    party: Attribution | None, sentence: Sentence, mentions: Sequence[PersonMention], starts: Sequence[int]
) -> str | None:
    """The party's name: a person's full name when the party names one ("Sherman" -> "Wendy Sherman"), the
    person a pronoun stands for (the last named before it), else the party's words."""
    if party is None:
        return None
    begin, finish = sentence.start + party.start, sentence.start + party.end
    if party.pronoun:
        before = bisect_right(starts, begin) - 1
        if before >= 0 and begin - mentions[before].start <= _PRONOUN_REACH:
            return mentions[before].full_name
        return None
    first = bisect_left(starts, begin)
    for mention in mentions[first:]:
        if mention.start >= finish:
            break
        # The party is the person: the name alone, or after a title ("Deputy Secretary of State Wendy Sherman"),
        # not a name-like run inside an organization's name ("U.S. Geological Survey").
        lead = party.party[: max(0, len(party.party) - len(mention.name))].split()
        if mention.end == finish and all(w.strip(".,") in TITLE_WORDS or w.islower() for w in lead):
            return mention.full_name
    return party.party


def claims_in_sentence(
    sentence: Sentence, published: dt.date | None, index: LineIndex, *, date_order: DateOrder | None = None
) -> list[Claim]:
    text = sentence.text
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def make(
        kind: ClaimKind,
        start: int,
        end: int,
        qualifier: Qualifier,
        low: float | None,
        high: float | None,
        unit: str | None,
        value_start: int | None = None,
        confidence: Confidence = Confidence.CLEAR,
        **extra: object,
    ) -> None:
        file_start = sentence.start + start
        interval = None
        if low is not None and high is not None:
            slack = DATE_SLACK if kind is ClaimKind.DATE else TIME_SLACK if kind is ClaimKind.TIME else DEFAULT_SLACK
            interval = interval_for(qualifier, low, high, slack)
        found.append(
            Claim(
                source=sentence.source,
                kind=kind,
                text=text[start:end],
                start=file_start,
                end=sentence.start + end,
                line=index.line(file_start),
                sentence=text,
                sentence_start=sentence.start,
                qualifier=qualifier,
                stated_low=low,
                stated_high=high,
                unit=unit,
                interval=interval,
                value_start=None if value_start is None else sentence.start + value_start,
                confidence=confidence,
                **extra,
            )
        )
        taken.append((start, end))

    for hit in find_dates(text, published, date_order=date_order, blocked=taken):
        _add_date(make, hit)
    for time in find_times(text, published):  # before numbers: "5:47" and "5.46pm" are not quantities
        if not _overlaps(time.start, time.end, taken):
            _add_time(make, time)
    words = words_of(text)
    for number in _numbers(text, taken, words):
        _add_number(make, text, number, taken)
    if not _LENGTH_ANCHORS.isdisjoint(words) or "all" in words:
        for m in _LENGTH_WORDS.finditer(text):
            _add_length(make, text, m, taken)
    for start, end, name in _places(text):
        if all(end <= s or start >= e for s, e in taken):
            make(ClaimKind.PLACE, start, end, Qualifier.EXACT, None, None, "place", label=name)
    found.sort(key=lambda c: (c.start, c.end))
    return found


def _add_date(make: _Maker, hit: DateHit) -> None:
    make(
        ClaimKind.DATE,
        hit.start,
        hit.end,
        hit.qualifier,
        float(hit.first.toordinal()),
        float(hit.last.toordinal()),
        "date",
        label=hit.label,
        resolution=hit.resolution,
        role=hit.role,
        confidence=hit.confidence,
        note=hit.note,
    )


def _add_time(make: _Maker, hit: TimeHit) -> None:
    make(
        ClaimKind.TIME,
        hit.start,
        hit.end,
        hit.qualifier,
        float(hit.low),
        float(hit.high),
        hit.unit,
        value_start=hit.value_start,
        label=hit.label,
        confidence=hit.confidence,
        note=hit.note,
    )


class _Maker(Protocol):
    def __call__(
        self,
        kind: ClaimKind,
        start: int,
        end: int,
        qualifier: Qualifier,
        low: float | None,
        high: float | None,
        unit: str | None,
        value_start: int | None = None,
        confidence: Confidence = Confidence.CLEAR,
        **extra: object,
    ) -> None: ...


_Number = Number  # a number found in a sentence (factcheck/numbers.py)


def _numbers(text: str, taken: list[tuple[int, int]], words: frozenset[str] | None = None) -> list[_Number]:
    return [n for n in find_numbers(text, words) if not _overlaps(n.start, n.end, taken)]


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(not (end <= s or start >= e) for s, e in taken)


def _add_number(make: _Maker, text: str, number: _Number, taken: list[tuple[int, int]]) -> None:
    if _overlaps(number.start, number.end, taken):
        return  # inside a claim already made: the second number of a range, "a million" in "half a million"
    start, end, value = number.start, number.end, number.value
    high = value if number.high is None else number.high
    confidence = Confidence.VAGUE if number.vague else Confidence.CLEAR
    currency = _money_sign(text, start)
    if currency is None and not number.words and _designation(text, number):
        return
    if _RATIO_BEFORE.search(text, max(0, start - 24), start) or _RATIO_AFTER.match(text, number.end):
        return  # "one in five voters", "3 out of 10 firms": a proportion, not a count
    if not number.scaled:
        end, factor = _scale(text, end, money=currency is not None)
        value, high = value * factor, high * factor
    scaled = number.scaled or end > number.end
    if currency is not None:
        start -= len(currency[1])
    # A vague amount is a range of its own ("dozens of": 24–99); it takes no qualifier.
    qualifier, qual_start = (Qualifier.RANGE, None) if number.vague else _qualifier_before(text, start)
    # A range: "between 90,000 and 100,000", "2 to 3 million", "10-15", "5% to 7%".
    range_match = None if number.vague or number.unit else _RANGE_AFTER.match(text, end)
    if range_match and qualifier in (Qualifier.RANGE, Qualifier.EXACT, Qualifier.ABOUT):
        second = number_at(text, range_match.end())
        sep = range_match.group("sep")
        allowed = sep != "and" or qualifier is Qualifier.RANGE
        if second is not None and allowed and (not number.words or second.words or sep in ("to", "and")):
            if _is_score(text, number, second, sep):
                taken.append((number.start, second.end))
                return
            second_end, second_factor = _scale(text, second.end, money=currency is not None)
            second_value = second.value * second_factor
            first_value = value
            if second_factor > 1 and end == number.end:
                first_value = value * second_factor  # "2 to 3 million": the scale is shared
            inner = trailing_scale(text[second.start : second.end]) if second.words else None
            if inner is not None and end == number.end and value * inner < second_value:
                first_value = value * inner  # "two and three dozen", "five to seven hundred"
            percent_ok = range_match.group("pct") is None or _PERCENT_AFTER.match(text, second_end) is not None
            if second_value > first_value and percent_ok:
                value, high = first_value, second_value
                end = second_end
                if qualifier is Qualifier.ABOUT:
                    qual_start = None  # "estimated 40-50 people": the range says how rough it is
                qualifier = Qualifier.RANGE
                scaled = scaled or second_factor > 1
                taken.append((second.start, second_end))
    if qualifier is Qualifier.RANGE and high == value:
        qualifier = Qualifier.EXACT  # "from 5 people" is not a range
        qual_start = None
    qualifier, end = _qualifier_after(text, end, qualifier)
    span_start = qual_start if qual_start is not None else start

    if currency is None:
        code = _currency_after(text, end, span_start, scaled)
        if code is not None:
            unit_code, code_end = code
            qualifier, code_end = _qualifier_after(text, code_end, qualifier)
            make(
                ClaimKind.MONEY,
                span_start,
                code_end,
                qualifier,
                value,
                high,
                unit_code,
                value_start=start,
                confidence=confidence,
            )
            return
    else:
        make(
            ClaimKind.MONEY,
            span_start,
            end,
            qualifier,
            value,
            high,
            currency[0],
            value_start=start,
            confidence=confidence,
        )
        return
    if _add_duration(make, text, number, (span_start, start, end), qualifier, (value, high), confidence):
        return
    percent = _PERCENT_AFTER.match(text, end)
    if percent is not None:
        percent_unit = "percentage points" if percent.group("pp") else "percent"
        qualifier, percent_end = _qualifier_after(text, percent.end(), qualifier)
        make(
            ClaimKind.QUANTITY,
            span_start,
            percent_end,
            qualifier,
            value,
            high,
            percent_unit,
            value_start=start,
            confidence=confidence,
        )
        return
    hit = measure_after(text, start, end, value, high, span_start=span_start, qualifier=qualifier, words=number.words)
    if hit is not None:  # lengths, masses, areas, volumes, speeds, temperatures, magnitudes: factcheck/measures.py
        make(ClaimKind.MEASURE, hit.start, hit.end, hit.qualifier, hit.low, hit.high, hit.dimension, value_start=start,
             confidence=Confidence.VAGUE if number.vague else hit.confidence, note=hit.note)  # fmt: skip
        return
    unit, unit_end = unit_noun(text, end)
    if _year_like(text, number, value) and (unit is None or not _counted(unit)) and qual_start is None:
        return  # a year that the date reader chose not to take ("the 2016 election" is read there)
    if unit is None and number.words:
        return  # "one of them": a number word alone is not a claim
    if number.words and unit is not None and _name_with_number(text, number, end):
        return  # "the Three Gorges Dam", "the Twelve Days festival": a name
    if unit is not None and not number.words and _model_name_after(text, end, unit):
        return  # "the 737 MAX", "a 787 Dreamliner": a model, not a count
    if text[end : end + 1] == "-" and unit is None:
        return
    if (
        number.words
        and value == 1
        and (_AT_BEFORE.search(text, max(0, start - 4), start) or (unit_end > end and text[end] == "-"))
    ):
        return  # "at one point", "a one-off", "a one-party state": idioms, not counts
    if text[end : end + 1].isalpha():
        return  # a unit glued to the number that no reader took ("1.5m" tall, "5g")
    qualifier, quantity_end = _qualifier_after(text, unit_end if unit else end, qualifier)
    make(
        ClaimKind.QUANTITY,
        span_start,
        quantity_end,
        qualifier,
        value,
        high,
        unit,
        value_start=start,
        confidence=confidence,
    )


def _add_duration(
    make: _Maker,
    text: str,
    number: _Number,
    spans: tuple[int, int, int],
    qualifier: Qualifier,
    values: tuple[float, float],
    confidence: Confidence,
) -> bool:
    """A length of time after the number ("seven-hour", "two days", "an hour and a half"); False when none."""
    span_start, start, end = spans
    value, high = values
    if number.unit is not None:
        factor = DURATION_HOURS[number.unit]
        stop = end
    else:
        duration = _DURATION_COMPOUND.match(text, end) or _DURATION_NOUN.match(text, end)
        if duration is None:
            return False
        unit = duration.group("unit").lower().rstrip("s")
        factor = DURATION_HOURS[unit]
        stop = duration.end()
        if (
            number.words
            and value == 1
            and not number.scaled
            and text[end] != "-"
            and qualifier is Qualifier.EXACT
            and not duration.group(0).endswith("s")
            and not _LENGTH_CUE_BEFORE.search(text, max(0, start - 12), start)
            and not _OF_AFTER.match(text, stop)
        ):
            return True  # "one day" alone: a time ("One day, ..."), not a length
        fraction = _AND_A_HALF_AFTER.match(text, stop) if high == value and not number.vague else None
        if fraction is not None:  # "two hours and a half"
            extra = 0.5 if fraction.group("f").lower() == "half" else 0.25
            value = high = value + extra
            stop = fraction.end()
    qualifier, stop = _qualifier_after(text, stop, qualifier)
    make(
        ClaimKind.DURATION,
        span_start,
        stop,
        qualifier,
        value * factor,
        high * factor,
        "hours",
        value_start=start,
        confidence=confidence,
    )
    return True


def _add_length(make: _Maker, text: str, m: re.Match[str], taken: list[tuple[int, int]]) -> None:
    """A vague length with no number: "hours-long", "hours of talks", "for days", "day-long", "a lengthy meeting"."""
    start, end = m.start(), m.end()
    if _overlaps(start, end, taken):
        return
    hours = DURATION_HOURS
    vague = Confidence.VAGUE
    if m.group("plural"):
        low, high, unit = _VAGUE_LENGTHS[m.group("plural").lower()]
        if not m.group("long"):
            before = text[max(0, start - 20) : start]
            if not (_PLURAL_LENGTH_OF.match(text, end) or _FOR_BEFORE.search(before)):
                return
            if re.search(
                r"(?:\d|\b(?:few|several|many|couple|of|the|those|these|past|last|next|first|final))\s+$",
                before,
                re.IGNORECASE,
            ):
                return  # "the past few hours", "the last days of": not a vague length of its own
        make(
            ClaimKind.DURATION,
            start,
            end,
            Qualifier.RANGE,
            low * hours[unit],
            high * hours[unit],
            "hours",
            confidence=vague,
        )
    elif m.group("one"):
        factor = hours[m.group("one").lower()]
        make(ClaimKind.DURATION, start, end, Qualifier.EXACT, factor, factor, "hours")
    elif m.group("day"):
        make(ClaimKind.DURATION, start, end, Qualifier.RANGE, *_DAY_LONG, "hours", confidence=vague)
    else:
        meeting = _MEETING_AFTER.match(text, end)
        if meeting is None or _NOT_LONG_BEFORE.search(text, max(0, start - 5), start):
            return
        mid = meeting.group("mid")
        if mid is not None and (mid.lower() in _STOP_WORDS or mid.lower() in ("lengthy", "long", "marathon")):
            return
        make(ClaimKind.DURATION, start, end, Qualifier.EXACT, None, None, "hours", confidence=vague)


def _qualifier_after(text: str, end: int, qualifier: Qualifier) -> tuple[Qualifier, int]:
    """ "… or more", "… or so", "… or fewer" after a bare number (or after its unit: "100 people or more")."""
    if qualifier is not Qualifier.EXACT:
        return qualifier, end
    after = _QUALIFIER_AFTER.match(text, end)
    if after is None:
        return qualifier, end
    return _AFTER_QUALIFIERS[after.group("q").lower()], after.end()


def _scale(text: str, end: int, money: bool) -> tuple[int, float]:
    """Where a scale after a number ends and its factor: " million", "bn"; "m" is a million only with money or a
    counted noun ("$1.5m", "1.5m people"), otherwise it is left for the measures ("1.5m tall")."""
    found = scale_after(text, end)
    if found is None:
        return end, 1.0
    scale_end, factor, abbr = found
    if abbr is None or abbr in UNAMBIGUOUS_ABBREVIATIONS or money or _CURRENCY_AFTER.match(text, scale_end):
        return scale_end, factor
    if abbr in ("m", "b", "k"):
        unit, _ = unit_noun(text, scale_end)
        if (unit is not None and _counted(unit)) or (abbr == "k" and unit is None):
            return scale_end, factor
    return end, 1.0


def _counted(unit: str) -> bool:
    return unit in _COUNTED_PLURALS or _plural(unit)


def _currency_after(text: str, end: int, span_start: int, scaled: bool) -> tuple[str, int] | None:
    m = _CURRENCY_AFTER.match(text, end)
    if m is None:
        return None
    if m.group("code"):
        return m.group("code"), m.end()
    name = " ".join(m.group("name").lower().split())
    country = " ".join((m.group("country") or "").lower().split())
    if (
        name.startswith("pounds")
        and name != "pounds sterling"
        and not _pounds_are_money(text, span_start, m.end(), scaled)
    ):
        return None
    if name == "dollars" and country in _COUNTRY_DOLLARS:
        return _COUNTRY_DOLLARS[country], m.end()
    return _CURRENCY_WORDS[name], m.end()


def _pounds_are_money(text: str, span_start: int, stop: int, scaled: bool) -> bool:
    if _POUNDS_MONEY_AFTER.match(text, stop):
        return True
    if _OF_AFTER.match(text, stop):
        return False  # "300 pounds of cocaine": a mass
    if scaled:
        return True
    clause_start = max(text.rfind(";", 0, span_start), text.rfind(":", 0, span_start), span_start - 60, 0)
    money = [m.end() for m in _MONEY_CUE_BEFORE.finditer(text, clause_start, span_start)]
    weight = [m.end() for m in _WEIGHT_CUE_BEFORE.finditer(text, clause_start, span_start)]
    if weight and (not money or weight[-1] > money[-1]):
        return False  # "the bomb weighed 500 pounds": the nearer cue is a weight
    return bool(money) or "£" in text[clause_start:span_start]


def _money_sign(text: str, start: int) -> tuple[str, str] | None:
    m = _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
    if m is not None:
        return _CURRENCY_SIGNS[m.group("sign")], m.group(0)
    m = _CURRENCY_CODE_BEFORE.search(text, max(0, start - 5), start)
    if m is not None:
        return m.group("code"), m.group(0)
    return None


def _qualifier_before(text: str, start: int) -> tuple[Qualifier, int | None]:
    window_start = max(0, start - 40)
    m = _QUALIFIER_BEFORE.search(text, window_start, start)
    if m is None:
        return Qualifier.EXACT, None
    phrase = m.group("q")
    for pattern, qualifier in _QUALIFIER_PATTERNS:
        if pattern.fullmatch(phrase):
            return qualifier, m.start("q")
    return Qualifier.EXACT, None  # pragma: no cover - every phrase is in the table


def _designation(text: str, number: _Number) -> bool:
    """A number that names rather than counts: "Article 5", "No. 1", "Route 66", "page 12", "Boeing 737"."""
    start = number.start
    written = text[start : number.end]
    if not written.isdigit():
        return False  # "seat 60,000", "Russia's 2.5": designations are plain digits
    if _DESIGNATION_BEFORE.search(text, max(0, start - 16), start):
        return True
    m = _NAME_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    name = m.group("name") or m.group("one")
    if not any(c.isupper() for c in name) or name.endswith(("'s", "’s")):
        return False
    if name.lower().rstrip(".") in _FUNCTION_WORDS:
        return False
    if not text[: m.start()].strip(" \"“'‘(") and not any(c.isupper() for c in name[1:]):
        # The first word of a sentence is capitalized anyway: a name only when nothing is counted after the number
        # ("Windows 11 will …", but "Following 7 hours …", "Including 5% …").
        return unit_noun(text, number.end)[0] is None and _PERCENT_AFTER.match(text, number.end) is None
    return True


def _name_with_number(text: str, number: _Number, end: int) -> bool:
    """A capitalized number word inside a sentence, before a capitalized word: part of a name."""
    written = text[number.start : end]
    if not written[:1].isupper() or written.isupper() or not text[: number.start].strip(" \"“'‘("):
        return False
    following = _WORD.match(text, end)
    return following is not None and following.group("w")[:1].isupper()


def _model_name_after(text: str, end: int, unit: str) -> bool:
    """The word after the digits is a capitalized singular ("737 MAX"), in a sentence not set in capitals."""
    following = _WORD.match(text, end)
    if following is None or following.group("w").lower() != unit or _plural(unit) or unit in _COUNTED_PLURALS:
        return False
    return following.group("w")[:1].isupper() and not text.isupper()


def _is_score(text: str, first: _Number, second: _Number, sep: str) -> bool:
    """'won 3-1', 'a 2-0 win': a result, not a range."""
    if sep not in ("-", "–") or first.words or second.words:
        return False
    if not (text[first.start : first.end].isdigit() and text[second.start : second.end].isdigit()):
        return False
    if first.value >= 100 or second.value >= 100:
        return False
    return bool(
        _SCORE_BEFORE.search(text, max(0, first.start - 40), first.start) or _SCORE_AFTER.match(text, second.end)
    )


def _year_like(text: str, number: _Number, value: float) -> bool:
    written = text[number.start : number.end]
    return not number.words and written.isdigit() and len(written) == 4 and 1800 <= value <= 2100


def unit_noun(text: str, end: int) -> tuple[str | None, int]:
    """The noun a number counts ("100,000 Russian troops" -> "troops", "a 57-member council" -> "members") and
    where it ends."""
    position = end
    compound = _COMPOUND.match(text, end)
    if compound is not None:
        word = compound.group("w")
        if word in _NOT_COUNTED or (word.endswith("ed") and len(word) > 4):
            return None, end  # "a one-off", "two-way", "one-sided"
        if compound.group("old"):
            return f"{_pluralize(word)} old", compound.end()  # "a 20-year-old"
        return _pluralize(word), compound.end("w")
    words: list[tuple[str, int]] = []
    for _ in range(3):
        m = _WORD.match(text, position)
        if m is None:
            break
        word = m.group("w")
        lower = word.lower()
        if lower in _STOP_WORDS:
            break
        if words and (lower.endswith("ed") or lower.endswith("ing")):
            break
        if words and word[0].isupper():
            break
        words.append((lower, m.end()))
        position = m.end()
        if text[position : position + 1] in ',.;:!?)—–"”':
            break
    if not words:
        return None, end
    for word, word_end in words:
        if _plural(word):
            return word, word_end
    for word, word_end in words:
        if word in _COUNTED_PLURALS:
            return word, word_end
    first = words[0][0]
    if len(first) >= 4 and first.endswith("ed") and not first.endswith("eed"):
        return None, end  # "Seven died", "40 injured": a verb, no counted noun
    return words[-1]


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


def _pluralize(word: str) -> str:
    """The plural of a noun in a compound: "member" -> "members", "story" -> "stories"."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if _plural(word):
        return word
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _places(text: str) -> list[tuple[int, int, str]]:
    """'in Brussels', 'in Eastern Europe': places after 'in', not the 'in' inside a name ('Cooperation in Europe')."""
    places: list[tuple[int, int, str]] = []
    for m in _PLACE.finditer(text):
        name = m.group("name").rstrip(".’'")
        if name.endswith(("'s", "’s")) or text[m.start("name") + len(name) : m.start("name") + len(name) + 2] in (
            "'s",
            "’s",
        ):
            continue
        if name in _NOT_PLACES or name.split()[0] in _NOT_PLACES:
            continue
        before = _PLACE_BEFORE_IN.search(text, max(0, m.start() - 120), m.start())
        if before is not None:
            chain = before.group("chain")
            capitalized_end = chain.split()[-1][0].isupper()
            at_sentence_start = before.start() == 0 and len(chain.split()) == 1
            internal = name in _REGIONS and " in " not in f" {chain} "
            if capitalized_end and not at_sentence_start and internal:
                continue  # the 'in' of a name: "Organization for Security and Co-operation in Europe"
        places.append((m.start(), m.start("name") + len(name), name))
    return places
