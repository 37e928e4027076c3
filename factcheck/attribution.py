"""Who asserts each figure of a sentence: the outlet itself, or a party it cites ("officials said", "according to")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from factcheck.names import COUNTRY_FORMS, _is_initial, _surname_key, parse_name, same_person
from factcheck.organizations import acronym, organization_key, same_organization
from factcheck.people import FIRST_NAMES, PLACES

__all__ = ["Attribution", "PartyIndex", "figure_attributions", "party_key", "same_party", "speaks_for"]

_CACHE = 8192
_MAX_WORDS = 8  # a party's words at most (a leading determiner not counted)


@dataclass(frozen=True)
class Attribution:
    """The party a sentence cites for a figure, as written, and where its words are in the sentence.

    ``party`` is ``sentence[start:end]``, without a leading "the"/"a"/"an" ("U.S. intelligence", "fire agency",
    "Washington and Kyiv", "its operator"); a document the party issued is left out ("ministry" for "the
    ministry's figures", "World Bank" for "data from the World Bank"). ``pronoun`` is set when the party is a
    pronoun ("he", "They", "it"), as written: the caller resolves it.
    """

    party: str
    start: int
    end: int
    pronoun: bool = False


# --- Vocabulary. ------------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


# Verbs that give what follows them to their subject and, after a comma, what comes before them.
_SAY_VERBS = _words(
    """
    said says say told tells tell warned warns warn believes believe believed claimed claims claim concluded
    concludes conclude predicted predicts predict forecast forecasts projected projects project announced announces
    announce confirmed confirms confirm stated states state noted notes note wrote writes write argued argues argue
    insisted insists insist acknowledged acknowledges acknowledge admitted admits admit alleged alleges allege
    accused accuses accuse estimated estimates estimate reported reports report counted counts count recorded
    records record registered registers tallied tallies calculated calculates calculate assessed assesses assess
    asserted asserts assert maintained maintains maintain contended contends contend testified testifies disclosed
    discloses revealed reveals suggested suggests added adds explained explains stressed stresses emphasized
    emphasizes emphasised cautioned cautions expect expects expected found finds find showed shows show put puts
    indicated indicates indicate measured measures rated rates
    """
)
# Forms that are also nouns ("insurance claims", "the count") or participles ("cases reported Tuesday"): their
# subject must read as a party.
_AMBIGUOUS_VERBS = _words(
    """
    claims claim reports report estimates estimate notes note counts count records record states state finds find
    projects project forecasts forecast tallies shows show expected predicted projected announced confirmed
    reported estimated counted recorded registered tallied calculated assessed alleged accused stated disclosed
    revealed indicated found measured measures rated rates
    """
)
# Forms that are also nouns, and so may stand in a party's name ("state media", "Monitoring Report").
_NOUN_FORMS = _words(
    """
    state states report reports count counts record records project projects forecast forecasts estimate
    estimates claim claims note notes find finds show shows tallies
    """
)
_VERB_STOPS = _SAY_VERBS - _NOUN_FORMS
# Verbs that attribute only before "that" or a colon, or in a trailing attribution ("he added."): "The club added
# 2,000 seats", "She wrote 14 books".
_WEAK_VERBS = _words(
    """
    added adds noted notes note explained explains stressed stresses emphasized emphasizes emphasised wrote writes
    write
    """
)
_FIND_VERBS = _words("found finds find")
_SHOW_VERBS = _words("showed shows show indicated indicates indicate")
_PUT_VERBS = _words("put puts")
_TELL_VERBS = _words("told tells tell")
_ORDER_VERBS = _TELL_VERBS | _words("warned warns warn")
# Verbs that may come before their subject after a comma: "…, said the fire agency."
_INVERTED_VERBS = _words("said says added adds wrote writes warned warns noted notes explained")
# Between a subject and its verb: auxiliaries and a few adverbs ("has also said", "have so far confirmed").
_BETWEEN = _words(
    """
    has have had will would could can may might must should shall did does do also later then again now still
    previously earlier separately repeatedly reportedly publicly privately initially recently already first once
    further officially formally quickly immediately subsequently originally jointly independently currently
    consistently long since so far
    """
)
_BE = _words("is are was were be been being am 's")
_DETERMINERS = _words("the a an")
# Before a verb, these make it no verb of a subject: "was reported", "the said company", "an estimated", "to say".
_BLOCKING_BEFORE_VERB = _BE | _DETERMINERS | _words("to this that these those his her its their our my your no")
_PRONOUNS = _words("he she they it we i")
_CLAUSE_STOPS = (
    _words(
        """
        that which who whom whose because since while when whenever where if although though as but or nor so
        than until unless whether yet once and however meanwhile separately still also now then later earlier
        yesterday today tonight previously already instead otherwise moreover furthermore thus therefore hence
        finally initially there here not never only even just more less most about some many several all both each
        every other such what how why has have had will would could can may might must should shall did does do
        """
    )
    | _BE
)
_TIME_WORDS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december week weeks month months year years day days night nights morning mornings
    afternoon evening weekend hours hour minutes decade century
    """
)
_PREPOSITIONS = _words(
    """
    in on at for from with to by during after before over under into through across near against among between
    without within amid around via despite toward towards upon off out up down like per
    """
)
# Prepositions that may continue a party's name: "officials in Kyiv", "a spokesman for the agency", "data from".
_NAME_PREPOSITIONS = _words("in at for from with")
_PERSON_NOUNS = _words(
    """
    officials official authorities police spokesman spokeswoman spokesperson spokespeople spokesmen representative
    representatives analysts analyst experts expert researchers researcher scientists scientist doctors doctor
    investigators investigator prosecutors prosecutor diplomats diplomat sources source workers rescuers residents
    witnesses engineers economists economist forecasters meteorologists officers officer leaders leader lawmakers
    members staff firefighters medics paramedics head chief director minister secretary president governor mayor
    commander general adviser advisor envoy ambassador aides aide organizers organisers activists monitors
    observers administrators administrator inspectors inspector auditors auditor coroner coroners historians
    pollsters statisticians owners operators managers executives executive
    """
)
_BODY_NOUNS = _words(
    """
    agency agencies ministry ministries department office government administration authority service services
    company firm group council commission committee army military navy intelligence bureau board court union bank
    opposition institute university center centre observatory hospital hospitals network media newspaper
    broadcaster outlet watchdog regulator operator utility coalition alliance campaign party parliament senate
    congress cabinet embassy mission kremlin pentagon city county state province region district municipality
    """
)
# Documents a party issues: "ministry figures show", "data from the World Bank", "the agency's count".
_DOC_NOUNS = _words(
    """
    figures data statistics stats estimate estimates count counts tally tallies numbers report reports statement
    statements survey surveys poll polls study studies analysis assessment assessments records census calculations
    calculation projections projection forecast findings review audit reckoning view
    """
)
_DOC_ADJECTIVES = _words(
    """
    latest new preliminary official initial final own updated revised annual monthly weekly daily internal early
    provisional partial unofficial recent
    """
)
# Between a document and its issuer: "figures released on Tuesday by the ministry".
_DOC_PARTICIPLES = _words("released published compiled issued provided gathered collected")
_ISSUE_TIME = _TIME_WORDS | _words("on last this yesterday today")
# What shows a figure without being a party's document: "satellite images show".
_EVIDENCE_NOUNS = _words("images imagery footage photos photographs video videos recordings documents")
_PARTY_HEADS = (
    _PERSON_NOUNS
    | _BODY_NOUNS
    | _EVIDENCE_NOUNS
    | _words("study survey report analysis assessment review audit poll census investigation inquiry probe")
)
# Heads that are what is counted, never who counts: "deaths reported in the province".
_NOT_PARTIES = _words(
    """
    deaths cases people persons casualties injuries infections troops soldiers forces homes houses buildings cars
    vehicles jobs votes tanks dollars euros percent tons tonnes acres hectares miles kilometers bodies victims
    patients students children women men units figures numbers data
    """
)
# What "according to" cites when it cites nobody: "according to plan".
_NOT_CITED = _words(
    """
    plan plans schedule script tradition custom design form protocol rules expectations taste size need needs age
    rank type kind instructions procedure
    """
)

# --- What follows a verb. ---------------------------------------------------------------------------------------

_THAT = re.compile(r"\bthat\b")
_TO_BE = re.compile(r"\s+to\s+(?:be|have)\b")  # "said to be", "reported to have"
_DIRECT_TO = re.compile(r"\s+to\b")  # "expected to"
# "told 3,000 troops to stand by", "warned residents to leave": an order, not an assertion.
_ORDERED_TO = re.compile(
    r"\s+(?:the\s+)?(?:(?!(?:it|he|she|they|we|that)\b)[\w,’'-]+\s+){0,4}?to\s+(?!the\b|a\b|an\b|reporters\b)[a-z]+\b"
)
_PLANS = re.compile(
    r"\s+(?:(?:its|their|his|her|the|a|new)\s+)?(?:plans?|intentions?|intent|bid|decision|candidacy|resignation|"
    r"retirement)\b"
)
# "put the toll at 40", "put losses at $3 million".
_PUT_AT = re.compile(
    r"\s+(?:[\w’'-]+\s+){1,6}?at\s+(?:[a-z-]+\s+){0,2}(?:about|around|roughly|some|least|more|nearly|almost|over|\$|€|£|\d)"
)
_AT_VALUE = re.compile(r"\s+at\s+(?!least\b|most\b|about\b|around\b|roughly\b|some\b)")  # "estimated at $4 million"
_OBJECT_START = re.compile(r"(?:\d|[$€£]|(?:the|a|an|its|their|his|her|more|nearly|about|some|at\s+least|up\s+to)\b)")
# What may follow a trailing attribution's verb up to the next mark: "…, the agency said on Tuesday in a statement."
_TAIL_MODIFIER = re.compile(
    r"\s*(?:$|(?:on|in|at|during|late|early|last|this|after|before|from|via|through|when|while|as|again|also|too|"
    r"earlier|later|yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|reporters|"
    r"journalists|lawmakers|[a-z]+ly)\b)",
    re.IGNORECASE,
)
_TAIL_END = re.compile(r"[,.;:!?()\[\]\"“”—–]")
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WHEN = (
    rf"(?:(?:on|late|early|last|this|next)\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:(?:earlier|later)\s+)?(?:last|this|next)\s+(?:week|weekend|month|year)"
    r"|yesterday|today|tonight|earlier|later|again|also|too|repeatedly|publicly|privately"
)
_OCCASION = (
    r"(?:in|at|during|on|after|before|via|through|over|following)\s+"
    r"(?:an?|the|its|his|her|their|[A-Z][\w.&'’-]*['’]s)\s+(?:[\w.&'’-]+\s+){0,3}"
    r"(?:statement|interview|briefing|conference|call|post|speech|address|letter|release|hearing|session|video|"
    r"tweet|meeting|summit|appearance|memo|filing|update|bulletin|broadcast|message|email|remarks|talks|visit|"
    r"event|rally|debate|podcast|program|programme|show|website|channel|account|report)s?"
)
_PLACE = r"(?:in|at|from)\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}"
# What follows a verb of saying and belongs to the saying, not to what is said ("said on Monday", "told reporters
# at a press conference in Brussels"): the outlet's own report of when and where.
_VERB_MODIFIERS = re.compile(rf"(?:\s*,?\s+(?:{_WHEN}|{_OCCASION}|{_PLACE})(?![\w'’-]))*")
_AUDIENCE = re.compile(
    r"\s+(?:the\s+)?(?:reporters|journalists|lawmakers|legislators|senators|parliament|the\s+press|"
    r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})(?![\w'’-])"
)

# --- Phrases that cite. -----------------------------------------------------------------------------------------

_ACCORDING = re.compile(r"(?i:according)\s+to\s+")
_CITING = re.compile(r"(?:^|(?<=[\"“‘(]))\s*(?:Citing|Per(?!\s+(?:capita|cent)\b))\s+")  # opening the sentence
_MID_PER = re.compile(r",\s+per\s+(?=the\s+[A-Za-z]|[A-Z])")  # "…, per the coast guard."
_AGENT = re.compile(
    r"(?<![\w-])(?:reported|confirmed|recorded|estimated|counted|tallied|compiled|published|released|issued|"
    r"provided|cited|given|predicted|forecast|projected|calculated|registered|put|valued)"
    r"(?:\s+at\s+[^,;()]{1,40}?)?\s+by\s+"
)  # "40 casualties reported by local media", "estimated at $4 million by the assessor"
_OWNED_DOC = re.compile(
    r"(?:['’]s|(?<=s)['’])\s+(?:(?:own|latest|new|preliminary|official|initial|updated|revised|final)\s+){0,2}"
    r"(?:estimate|estimates|count|tally|reckoning|calculations?|assessment|figures|numbers|view|records|data|"
    r"forecasts?|projections?|expectations)\b"
)  # "by the agency's count", "in the ministry's estimate", "analysts' forecasts of"

# A quick test: a sentence without any of these attributes nothing.
_CUE = re.compile(
    r"(?i:\b(?:sa(?:id|ys?)|t(?:old|ells?)|warn|believ|claim|conclu|predict|forecast|project|announc|confirm|"
    r"stat(?:e|es|ed)\b|not(?:e|es|ed)\b|wr(?:ote|ite)|argu|insist|acknowledg|admit|alleg|accus|estimat|report|"
    r"count(?:s|ed)?\b|record|regist|tall(?:y|ied|ies)|calculat|assess|assert|maintain|contend|testif|disclos|"
    r"reveal|suggest|add(?:s|ed)\b|explain|stress|emphasi|caution|expect|f(?:ou|i)nd|show|puts?\b|indicat|measur|rate[sd]?\b|"
    r"according|citing|per\b|(?:compil|publish|releas|issu|provid|cit|giv)ed\s+by\b)"
    r"|['’]s\s+(?:\w+\s+){0,2}(?:estimat|count|tally|reckon|calculat|assess|figures|numbers|view|records|data))"
)

# --- Tokens. ----------------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # "U.S."
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Maj|Adm|Prof|St|Jr|Sr)\.(?=\s)"
    r"|[A-Z]\.(?=\s+[A-Z])"  # an initial
    r"|(?:\d[\d,.]*\d|\d)(?:-[^\W\d_]+)*"  # "175,000", "27-member"
    r"|[^\W_][\w'’&.-]*s['’](?=\s)"  # "farmers'"
    r"|[^\W_](?:[\w'’&.-]*[^\W_])?"
    r"|\S"
)
_QUOTES = frozenset("\"“”‘’'")
_CLOSING_QUOTES = frozenset('”"')
_APPOSITIVE_MARKS = frozenset(",—–")
_TRAILING_MARKS = frozenset(",(—–")
_POSSESSIVE = re.compile(r"['’]s$|(?<=s)['’]$")


@dataclass(frozen=True)
class _Token:
    text: str
    low: str
    start: int
    end: int
    word: bool  # letters first: not a number or a mark

    @property
    def capitalized(self) -> bool:
        """Whether the token is a word written with a capital."""
        return self.word and self.text[0].isupper()

    @property
    def possessive(self) -> bool:
        """Whether the token is a word in the possessive ("agency's", "farmers'")."""
        return self.word and bool(_POSSESSIVE.search(self.text))

    @property
    def bare_end(self) -> int:
        """Where the word ends without its possessive ("agency" of "agency's", "analysts" of "analysts'")."""
        match = _POSSESSIVE.search(self.text) if self.word else None
        return self.start + match.start() if match else self.end


def _tokens(sentence: str) -> list[_Token]:
    """The sentence's words, numbers and marks."""
    return [
        _Token(m.group(0), m.group(0).lower(), m.start(), m.end(), m.group(0)[0].isalpha())
        for m in _TOKEN.finditer(sentence)
    ]


def _token_at(tokens: Sequence[_Token], position: int) -> int:
    """The index of the first token that starts at or after ``position``."""
    return next((index for index, token in enumerate(tokens) if token.start >= position), len(tokens))


# --- Noun phrases. ----------------------------------------------------------------------------------------------


def _stop(token: _Token) -> bool:
    """Whether a token never stands in a party's name: a mark, a clause word, a time word, a verb."""
    if not token.word:
        return token.text != "&"
    return token.low in _CLAUSE_STOPS or token.low in _TIME_WORDS or token.low in _VERB_STOPS


def _name_preposition(before: _Token, after: Sequence[_Token]) -> bool:
    """Whether a preposition between ``before`` and the words ``after`` it continues a party's name: "officials
    in Kyiv", "a spokesman for the agency", "data from the ministry"; not "the agency in a statement"."""
    head = before.low
    if not after or not (head in _PERSON_NOUNS or head in _DOC_NOUNS or head in _BODY_NOUNS):
        return False
    if after[0].capitalized:
        return True
    return after[0].low in _DETERMINERS and len(after) > 1 and (after[1].capitalized or head in _DOC_NOUNS)


def _joins(before: _Token, after: _Token) -> bool:
    """Whether "and" between two words joins two parties: "Washington and Kyiv", "police and fire officials"."""
    if not before.word or not after.word:
        return False
    return (before.capitalized and after.capitalized) or before.low in _PERSON_NOUNS or before.low in _BODY_NOUNS


def _opens_participle(token: _Token, before: _Token | None) -> bool:
    """Whether a word opens a participle phrase: a lowercase -ing word after a mark ("…, beating analysts")."""
    return token.text.endswith("ing") and token.text.islower() and (before is None or not before.word)


def _phrase_before(tokens: Sequence[_Token], last: int) -> int | None:
    """The first token of the noun phrase that ends at token ``last``, or None when there is none."""
    if last < 0 or _stop(tokens[last]) or tokens[last].low in _PREPOSITIONS or tokens[last].low == "of":
        return None
    first = last
    after_determiner = tokens[last].low in _DETERMINERS
    while first > 0 and last - first < _MAX_WORDS:
        token = tokens[first - 1]
        before = tokens[first - 2] if first >= 2 else None
        if token.low == "of" or token.text == "&":
            ok = before is not None and before.word and not _stop(before)
        elif token.low in _NAME_PREPOSITIONS:
            ok = before is not None and _name_preposition(before, tokens[first : last + 1])
        elif token.low == "and":
            ok = before is not None and _joins(before, tokens[first])
        elif after_determiner or _opens_participle(token, before):
            ok = False  # a determiner opens the phrase
        else:
            ok = token.word and not _stop(token) and token.low not in _PREPOSITIONS
        if not ok:
            break
        first -= 1
        after_determiner = token.low in _DETERMINERS
    return first


def _continues_after(previous: _Token, token: _Token, rest: Sequence[_Token]) -> bool:
    """Whether ``token`` (after ``previous``, before ``rest``) continues a noun phrase read forward."""
    low = token.low
    if low == "of" or token.text == "&":
        return bool(rest) and rest[0].word and not _stop(rest[0])
    if low in _NAME_PREPOSITIONS:
        return _name_preposition(previous, rest)
    if low == "and":
        return bool(rest) and _joins(previous, rest[0])
    if low in _DETERMINERS:
        return previous.low in _PREPOSITIONS or previous.low in ("of", "and")
    if low in _DOC_PARTICIPLES:
        return previous.low in _DOC_NOUNS
    if low in _ISSUE_TIME:  # "figures released on Tuesday by the statistics office"
        return previous.low in _DOC_PARTICIPLES or previous.low in _ISSUE_TIME
    if low == "by":
        return previous.low in _DOC_PARTICIPLES or previous.low in _DOC_NOUNS or previous.low in _ISSUE_TIME
    return token.word and not _stop(token) and low not in _PREPOSITIONS


def _phrase_after(tokens: Sequence[_Token], first: int) -> int | None:
    """The last token of the noun phrase that begins at token ``first``, or None when there is none."""
    start = first
    while start < len(tokens) and tokens[start].low in _DETERMINERS:
        start += 1
    if start >= len(tokens) or _stop(tokens[start]) or tokens[start].low in _PREPOSITIONS:
        return None
    last = start
    while last + 1 < len(tokens) and last - first < _MAX_WORDS:
        if not _continues_after(tokens[last], tokens[last + 1], tokens[last + 2 : last + 4]):
            break
        last += 1
    while last > start and (tokens[last].low in _PREPOSITIONS or tokens[last].low in _DETERMINERS):
        last -= 1
    return last


@dataclass(frozen=True)
class _Party:
    first: int  # its tokens, inclusive
    last: int
    start: int  # its words' span in the sentence
    end: int
    pronoun: bool


def _party(tokens: Sequence[_Token], first: int, last: int) -> _Party | None:
    """The party a noun phrase (tokens ``first`` to ``last``) names: determiners dropped, a document reduced to
    its issuer ("data from the World Bank", "health ministry figures", "the agency's latest count")."""
    while first <= last and tokens[first].low in _DETERMINERS:
        first += 1
    if first > last:
        return None
    index = first
    while index <= last and (tokens[index].low in _DOC_ADJECTIVES or tokens[index].low in _DOC_NOUNS):
        index += 1
    if index > first and tokens[index - 1].low in _DOC_NOUNS:
        while index <= last and (tokens[index].low in _DOC_PARTICIPLES or tokens[index].low in _ISSUE_TIME):
            index += 1
        if index < last and tokens[index].low in ("from", "by", "of"):
            first = index + 1
            while first <= last and tokens[first].low in _DETERMINERS:
                first += 1
            if first > last:
                return None
    owner = last
    while owner > first and tokens[owner].text in _DOC_NOUNS | _DOC_ADJECTIVES:
        owner -= 1  # lowercase only: "U.S. Geological Survey" is a name
    if owner < last and tokens[last].text in _DOC_NOUNS:
        word = tokens[owner]
        proper = word.capitalized and (owner > 0 or word.text.isupper())  # not "Opinion" of "Opinion polls"
        if word.possessive or proper or word.low in _PARTY_HEADS:
            last = owner
    end = tokens[last].bare_end
    if end <= tokens[first].start:
        return None
    pronoun = first == last and tokens[first].low in _PRONOUNS
    return _Party(first, last, tokens[first].start, end, pronoun)


def _partyish(tokens: Sequence[_Token], party: _Party, strict: bool) -> bool:
    """Whether a subject reads as a party rather than a thing counted ("deaths", "insurance").

    With ``strict``, a lone capitalized word opening the sentence is not enough ("Insurance claims rose").
    """
    if party.pronoun:
        return True
    head = tokens[party.last]
    if head.low in _NOT_PARTIES:
        return False
    if head.low in _PARTY_HEADS or head.low in _DOC_NOUNS:
        return True
    if not head.capitalized:
        return False
    return not strict or party.first > 0 or party.last > party.first or head.text.isupper() or head.text in PLACES


# --- Clauses and scopes. ----------------------------------------------------------------------------------------

_SOFT_BOUNDARY = re.compile(r";|,\s*(?:and|but|while|whereas|although|though|yet|or|so)(?![\w-])")
_HARD_BOUNDARY = re.compile(r";")
_RELATIVE = re.compile(r",\s*(?:who|which|whose)\b[^,;]*")


@dataclass(frozen=True)
class _Scope:
    start: int
    end: int
    size: int  # the extent of the whole scope this piece is part of: the narrowest attribution wins


def _scope(start: int, end: int) -> tuple[_Scope, ...]:
    """One whole scope from ``start`` to ``end`` (none when empty)."""
    return (_Scope(start, end, end - start),) if end > start else ()


@dataclass(frozen=True)
class _Clauses:
    """Where a sentence's clauses begin and end: at ";" and at ", and" / ", but" / ", while" …; and its
    non-restrictive relative clauses (", which …", ", who …")."""

    soft: tuple[tuple[int, int], ...]
    hard: tuple[tuple[int, int], ...]
    relative: tuple[tuple[int, int], ...]
    length: int

    def start(self, position: int) -> int:
        """Where the clause that holds ``position`` begins."""
        return max((end for start, end in self.soft if end <= position), default=0)

    def end(self, position: int) -> int:
        """Where the clause that holds ``position`` ends."""
        return min((start for start, end in self.soft if start >= position), default=self.length)

    def hard_start(self, position: int) -> int:
        """Where the stretch (between semicolons) that holds ``position`` begins."""
        return max((end for start, end in self.hard if end <= position), default=0)

    def last_clause(self, position: int) -> bool:
        """Whether no clause begins after ``position`` (up to the next semicolon)."""
        hard_end = min((start for start, end in self.hard if start >= position), default=self.length)
        return not any(position <= start < hard_end for start, end in self.soft if (start, end) not in self.hard)

    def forward(self, start: int) -> tuple[_Scope, ...]:
        """What an attribution covers from ``start``: to its clause's end (its relative clause's, when it stands
        in one), relative clauses inside left out ("X has accused Russia, which annexed Crimea in 2014, of …")."""
        end = self.end(start)
        for hole_start, hole_end in self.relative:
            if hole_start < start <= hole_end:
                end = min(end, hole_end)
        pieces: list[_Scope] = []
        at = start
        for hole_start, hole_end in self.relative:
            if at <= hole_start and hole_end <= end:
                pieces.append(_Scope(at, hole_start, end - start))
                at = hole_end
        pieces.append(_Scope(at, end, end - start))
        return tuple(piece for piece in pieces if piece.end > piece.start)

    def back_start(self, position: int, after: int) -> int:
        """Where a trailing attribution at ``position`` (its words ending at ``after``) reaches back to: the
        sentence's start (or the last semicolon) when no clause follows it, else its clause's start."""
        return self.hard_start(position) if self.last_clause(after) else self.start(position)


def _clauses(sentence: str) -> _Clauses:
    """The clause boundaries and relative clauses of a sentence."""
    return _Clauses(
        soft=tuple((m.start(), m.end()) for m in _SOFT_BOUNDARY.finditer(sentence)),
        hard=tuple((m.start(), m.end()) for m in _HARD_BOUNDARY.finditer(sentence)),
        relative=tuple((m.start(), m.end()) for m in _RELATIVE.finditer(sentence)),
        length=len(sentence),
    )


@dataclass(frozen=True)
class _Frame:
    """An attribution: its party and the stretches of the sentence the party asserts."""

    party: _Party
    scopes: tuple[_Scope, ...]


def _mark_before(tokens: Sequence[_Token], index: int) -> str:
    """The mark just before token ``index``, quote marks skipped ("" when a word or nothing comes before)."""
    index -= 1
    while index >= 0 and tokens[index].text in _QUOTES:
        index -= 1
    return "" if index < 0 or tokens[index].word else tokens[index].text


def _opens_sentence(tokens: Sequence[_Token], index: int) -> bool:
    """Whether only quote marks and brackets come before token ``index``."""
    return all(not t.word and t.text in _QUOTES | {"(", "["} for t in tokens[:index])


def _quote_start(sentence: str, tokens: Sequence[_Token], index: int) -> int | None:
    """Where the quotation that closes just before token ``index`` opens ('"…," Sherman said'), if one does."""
    before = index - 1
    while before >= 0 and not tokens[before].word and tokens[before].text not in _CLOSING_QUOTES:
        if tokens[before].text not in _APPOSITIVE_MARKS:
            return None
        before -= 1
    if before < 0 or tokens[before].text not in _CLOSING_QUOTES:
        return None
    position = tokens[before].start
    opening = max(sentence.rfind("“", 0, position), sentence.rfind('"', 0, position))
    return opening if opening >= 0 else None


def _back_scope(
    sentence: str, tokens: Sequence[_Token], clauses: _Clauses, index: int, after: int
) -> tuple[_Scope, ...]:
    """What a trailing attribution whose words begin at token ``index`` (and end at ``after``) covers before
    them; only the quotation when they follow one."""
    start = clauses.back_start(tokens[index].start, after)
    quote = _quote_start(sentence, tokens, index)
    if quote is not None:
        start = max(start, quote)
    return _scope(start, tokens[index].start)


# --- Attributions by a verb. ------------------------------------------------------------------------------------


def _said_from(sentence: str, verb: _Token) -> int:
    """Where what a verb of saying says begins: after its audience, time, venue and place."""
    at = verb.end
    if verb.low in _TELL_VERBS:
        audience = _AUDIENCE.match(sentence, at)
        if audience:
            at = audience.end()
    modifiers = _VERB_MODIFIERS.match(sentence, at)
    return modifiers.end() if modifiers else at


def _trailing_tail(sentence: str, verb: _Token) -> bool:
    """Whether only modifiers follow a verb up to the next mark: "…, she told reporters in Geneva."."""
    tail_end = _TAIL_END.search(sentence, verb.end)
    tail = sentence[verb.end : tail_end.start() if tail_end else len(sentence)]
    if _THAT.search(tail):
        return False
    return verb.low in _TELL_VERBS or bool(_TAIL_MODIFIER.match(tail))


def _verb_allowed(sentence: str, verb: _Token) -> bool:
    """Whether what follows a verb leaves it one of asserting: not "said to be", "announced plans to", "told
    residents to", "estimated at" (a passive's value), "put" without "at", "expected to"."""
    after = sentence[verb.end :]
    low = verb.low
    if _TO_BE.match(after) or (low.startswith("expect") and _DIRECT_TO.match(after)):
        return False
    if low in _ORDER_VERBS and _ORDERED_TO.match(after) and not _THAT.search(after[:40]):
        return False
    if low.startswith("announc") and _PLANS.match(after):
        return False
    if low in _PUT_VERBS and not _PUT_AT.match(after):
        return False
    return not (low.startswith(("estimat", "put", "valu")) and _AT_VALUE.match(after))


def _subject_fits(sentence: str, tokens: Sequence[_Token], first: int, party: _Party, verb: _Token) -> bool:
    """Whether a subject (tokens ``first`` to the verb) and its verb make an attribution (see the verb lists)."""
    after = sentence[verb.end :].lstrip()
    certain = after.startswith(("that ", ":"))  # a verb for sure: "Seawatch estimates that …"
    if verb.low in _AMBIGUOUS_VERBS and not certain:
        if party.first > 0 and tokens[party.first - 1].text[0].isdigit():
            return False  # "40 cases reported Tuesday"
        # A noun form after a lone word is a verb only before an object: "Nordwire reports 14 tankers …".
        strict = verb.low in _NOUN_FORMS and not _OBJECT_START.match(after)
        if not _partyish(tokens, party, strict):
            return False
    if verb.low in _FIND_VERBS and not certain:  # "a study found 27 percent", not "rescuers found 11 survivors"
        head = tokens[party.last].low
        return head in _PARTY_HEADS and head not in _PERSON_NOUNS
    if verb.low in _SHOW_VERBS:  # "figures show", "satellite images show"
        subject = [t for t in tokens[first:] if t.start < verb.start]
        return any(t.low in _DOC_NOUNS or t.low in _EVIDENCE_NOUNS for t in subject)
    return True


def _subject_frame(
    sentence: str, tokens: Sequence[_Token], clauses: _Clauses, party: _Party, first: int, verb: _Token
) -> _Frame | None:
    """The attribution of a subject (from token ``first``) and its verb: forward over the rest of the clause,
    and back too when a comma opens it and only modifiers follow the verb ("…, the agency said on Tuesday.")."""
    said = _said_from(sentence, verb)
    trailing = _mark_before(tokens, first) in _TRAILING_MARKS and _trailing_tail(sentence, verb)
    if verb.low in _WEAK_VERBS and not trailing and not sentence[said:].lstrip().startswith(("that", ":")):
        return None
    forward = clauses.forward(said)
    if not trailing:
        return _Frame(party, forward)
    return _Frame(party, forward + _back_scope(sentence, tokens, clauses, first, verb.end))


def _marked_verb_frame(
    sentence: str, tokens: Sequence[_Token], clauses: _Clauses, index: int, mark: int
) -> _Frame | None:
    """The attribution of a verb right after a mark: "…, said the agency." or "Sherman, the deputy secretary of
    state, said …" (the subject before the appositive)."""
    verb = tokens[index]
    text = tokens[mark].text
    if verb.low in _INVERTED_VERBS and text in _APPOSITIVE_MARKS:
        last = _phrase_after(tokens, index + 1)
        if last is not None:
            party = _party(tokens, index + 1, last)
            rest = sentence[tokens[last].end :]
            if party is not None and (not rest.strip(' .!?"”’') or _TAIL_MODIFIER.match(rest) or rest[:1] in ",;"):
                scope = _back_scope(sentence, tokens, clauses, index, tokens[last].end)
                return _Frame(party, tuple(_Scope(s.start, min(s.end, tokens[mark].start), s.size) for s in scope))
    opening_mark = "(" if text == ")" else text
    opening = mark - 1
    while opening >= 0 and mark - opening <= 16 and tokens[opening].text != opening_mark:
        if tokens[opening].text in (";", ":") or (text != ")" and tokens[opening].text == "("):
            return None
        opening -= 1
    if opening < 0 or tokens[opening].text != opening_mark or mark - opening > 16 or opening == mark - 1:
        return None
    first = _phrase_before(tokens, opening - 1)
    party = _party(tokens, first, opening - 1) if first is not None else None
    if first is None or party is None or not _subject_fits(sentence, tokens, first, party, verb):
        return None
    return _subject_frame(sentence, tokens, clauses, party, first, verb)


def _verb_frame(sentence: str, tokens: Sequence[_Token], clauses: _Clauses, index: int) -> _Frame | None:
    """The attribution the verb at token ``index`` makes, if it makes one."""
    verb = tokens[index]
    if not _verb_allowed(sentence, verb):
        return None
    before = index - 1
    while before >= 0 and tokens[before].low in _BETWEEN and index - before <= 3:
        before -= 1
    if before >= 0 and (tokens[before].low in _BLOCKING_BEFORE_VERB or tokens[before].possessive):
        return None  # "was reported", "the said company", "an estimated", "the agency's estimate"
    mark = before
    while mark >= 0 and tokens[mark].text in _QUOTES:
        mark -= 1
    if mark >= 0 and (tokens[mark].text in _APPOSITIVE_MARKS or tokens[mark].text == ")"):
        return _marked_verb_frame(sentence, tokens, clauses, index, mark)
    first = _phrase_before(tokens, before)
    party = _party(tokens, first, before) if first is not None else None
    if first is None or party is None or not _subject_fits(sentence, tokens, first, party, verb):
        return None
    return _subject_frame(sentence, tokens, clauses, party, first, verb)


# --- Attributions by a phrase. ----------------------------------------------------------------------------------


def _cited_frame(sentence: str, tokens: Sequence[_Token], clauses: _Clauses, lead: int, party: _Party) -> _Frame:
    """The attribution of a phrase at token ``lead`` ("according to X", "citing X", "in X's estimate"): the
    sentence when it opens the sentence, else its clause (and the sentence before it when it ends it)."""
    if _opens_sentence(tokens, lead):
        return _Frame(party, _scope(party.end, len(sentence)))
    start = tokens[lead].start
    after = tokens[party.last].end
    return _Frame(party, _scope(clauses.back_start(start, after), start) + clauses.forward(after))


def _according_frames(sentence: str, tokens: Sequence[_Token], clauses: _Clauses) -> list[_Frame]:
    """The attributions of "according to X", "Citing X," / "Per X," opening the sentence, and ", per the X"."""
    frames: list[_Frame] = []
    for pattern in (_ACCORDING, _CITING, _MID_PER):
        for match in pattern.finditer(sentence):
            first = _token_at(tokens, match.end())
            last = _phrase_after(tokens, first)
            party = _party(tokens, first, last) if last is not None else None
            if party is None or (party.first == party.last and tokens[party.first].low in _NOT_CITED):
                continue  # "according to plan"
            lead = _token_at(tokens, match.start() + (1 if sentence[match.start()] == "," else 0))
            frames.append(_cited_frame(sentence, tokens, clauses, lead, party))
    return frames


def _agent_frames(sentence: str, tokens: Sequence[_Token], clauses: _Clauses) -> list[_Frame]:
    """The attributions of a passive's agent: "40 casualties reported by local media" covers its clause."""
    frames: list[_Frame] = []
    for match in _AGENT.finditer(sentence):
        first = _token_at(tokens, match.end())
        last = _phrase_after(tokens, first)
        party = _party(tokens, first, last) if last is not None else None
        if party is not None:
            frames.append(_Frame(party, _scope(clauses.start(match.start()), clauses.end(match.start()))))
    return frames


def _owned_frames(sentence: str, tokens: Sequence[_Token], clauses: _Clauses) -> list[_Frame]:
    """The attributions of a party's document: "In the ministry's estimate, …", "the agency's estimate of N"."""
    frames: list[_Frame] = []
    for match in _OWNED_DOC.finditer(sentence):
        owner = _token_at(tokens, match.start()) - 1
        if owner < 0 or not tokens[owner].possessive:
            continue
        first = _phrase_before(tokens, owner)
        party = _party(tokens, first, owner) if first is not None else None
        if first is None or party is None:
            continue
        if first > 0 and tokens[first - 1].low in ("in", "by"):  # "in the ministry's estimate, …"
            frames.append(_cited_frame(sentence, tokens, clauses, first - 1, party))
        elif sentence.startswith(" of", match.end()):  # "the agency's estimate of 2,000 arrivals"
            frames.append(_Frame(party, clauses.forward(match.end())))
    return frames


@lru_cache(maxsize=_CACHE)
def _frames(sentence: str) -> tuple[_Frame, ...]:
    """Every attribution in a sentence."""
    tokens = _tokens(sentence)
    clauses = _clauses(sentence)
    verbs = [
        frame
        for index, token in enumerate(tokens)
        if token.text in _SAY_VERBS and (frame := _verb_frame(sentence, tokens, clauses, index)) is not None
    ]
    return (
        *verbs,
        *_according_frames(sentence, tokens, clauses),
        *_agent_frames(sentence, tokens, clauses),
        *_owned_frames(sentence, tokens, clauses),
    )


def figure_attributions(sentence: str, spans: Sequence[tuple[int, int]]) -> list[Attribution | None]:
    """For each claim span (start, end offsets into ``sentence``), the party the sentence attributes it to, or
    None when the outlet asserts it itself.

    A verb of saying covers the rest of its clause after it and after its own modifiers ("X said Monday that …",
    "X has accused Russia of …"); after a comma, with only modifiers following it, it also covers what comes
    before it: its clause, or the whole sentence when no clause follows ("…, X said.", "…, said X.", "(X said)").
    "According to X" / "Citing X" / "Per X" / "In X's estimate" opening the sentence cover it; elsewhere, their
    clause. Relative clauses (", which …") inside a scope are the outlet's. When several attributions cover a
    figure, the narrowest wins: "Russia says …, but U.S. intelligence has found … 175,000 …" gives 175,000 to
    U.S. intelligence. Quotation marks are not read, except that a trailing attribution after a quotation
    covers only the quotation.
    """
    if not spans:
        return []
    if not _CUE.search(sentence):
        return [None] * len(spans)
    frames = _frames(sentence)
    results: list[Attribution | None] = []
    for start, end in spans:
        best: tuple[int, int] | None = None
        chosen: _Party | None = None
        for frame in frames:
            party = frame.party
            if start < party.end and end > party.start:
                continue
            for scope in frame.scopes:
                rank = (scope.size, -party.start)
                if scope.start <= start < scope.end and (best is None or rank < best):
                    best, chosen = rank, party
        results.append(
            None
            if chosen is None
            else Attribution(sentence[chosen.start : chosen.end], chosen.start, chosen.end, chosen.pronoun)
        )
    return results


# --- Comparing parties. -----------------------------------------------------------------------------------------

# Nouns after a party's name that do not change the party: "U.S. intelligence officials", "ministry figures".
_GENERIC_TAIL = _words(
    """
    officials official sources source spokesman spokeswoman spokesperson spokespeople spokesmen figures data
    statistics estimate estimates statement statements report reports count tally assessment numbers
    """
)
_KEY_DETERMINERS = _words("the a an its their his her our")
_COUNTRY_KEY = {form: country for country, forms in COUNTRY_FORMS.items() for form in forms}
_COUNTRY_SEARCH = re.compile(
    r"\b(?:" + "|".join(re.escape(f) for f in sorted(_COUNTRY_KEY, key=len, reverse=True)) + r")\b"
)
_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_KEY_MARKS = re.compile(r"[^\w\s]+|_")
_SPACES = re.compile(r"\s+")


def _trimmed(words: list[str], folded: list[str]) -> list[str]:
    """``words`` without leading determiners and generic trailing nouns (judged on their ``folded`` forms)."""
    first, last = 0, len(words)
    while first < last and folded[first] in _KEY_DETERMINERS:
        first += 1
    while last - first > 1 and folded[last - 1] in _GENERIC_TAIL:
        last -= 1
    return words[first:last]


@lru_cache(maxsize=_CACHE)
def party_key(party: str) -> str:
    """A comparable key for a party: case, accents and punctuation dropped ("U.S." is "us"), a possessive 's,
    leading determiners and the generic nouns after a party's name dropped ("officials", "sources", "spokesman",
    "figures", "data", "estimates", "statement", "report"; never the party's only word), and a country's name,
    demonym or acronym written one way ("American", "U.S." and "United States" are "us"). "U.S. intelligence
    officials" and "US intelligence" share the key "us intelligence". Analysts, experts and authorities are other
    parties than what they work for, and are kept.
    """
    text = anyascii(party).casefold()
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)
    text = re.sub(r"['’]s\b", "", text).replace("&", " and ")
    text = _SPACES.sub(" ", _KEY_MARKS.sub(" ", text)).strip()
    text = _COUNTRY_SEARCH.sub(lambda m: _COUNTRY_KEY[m.group(0)], text)
    words = text.split()
    return " ".join(_trimmed(words, words))


def _written(party: str) -> str:
    """A party's words as written, possessives, leading determiners and generic trailing nouns dropped."""
    words = [_POSSESSIVE.sub("", w) for w in party.split()]
    return " ".join(_trimmed(words, [w.casefold() for w in words]))


def _initials(name: str) -> str:
    """A name's acronym, a dotted abbreviation counting each letter: "U.S. Geological Survey" → "USGS"."""
    return acronym(_DOTTED.sub(lambda m: " ".join(m.group(1).replace(".", "")), name))


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is written as the acronym of ``full`` ("CWA", "Central Weather Administration")."""
    letters = short.replace(".", "")
    if len(letters) < 2 or not letters.isalpha() or not letters.isupper() or len(full.split()) < 2:
        return False
    return letters in (_initials(full), acronym(full))


def _person_like(party: str) -> bool:
    """Whether a party may be a person's name: one to four capitalized words, no place among them."""
    words = party.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(w in PLACES for w in words)


@dataclass(frozen=True)
class _Form:
    """What comparing a party needs of it, worked out once per party as written (outlets repeat the same few)."""

    key: str  # party_key
    written: str  # _written
    person: bool  # _person_like(written)
    words: int  # the written form's words


@lru_cache(maxsize=_CACHE)
def _form(party: str) -> _Form:
    written = _written(party)
    return _Form(party_key(party), written, bool(written) and _person_like(written), len(written.split()))


@lru_cache(maxsize=_CACHE)
def _same_party(a: str, b: str) -> bool:
    """``same_party`` for two parties in sorted order (cached)."""
    form_a, form_b = _form(a), _form(b)
    key_a, key_b = form_a.key, form_b.key
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    if key_a in _PRONOUNS or key_b in _PRONOUNS:
        return False
    written_a, written_b = form_a.written, form_b.written
    if not written_a or not written_b:
        return False
    if _abbreviates(written_a, written_b) or _abbreviates(written_b, written_a):
        return True
    if form_a.person and form_b.person:  # "Sherman", "Wendy Sherman"
        # The one of more words (the first of two as long) is the full name.
        longer, shorter = (written_b, written_a) if form_b.words > form_a.words else (written_a, written_b)
        if longer.split()[0] in FIRST_NAMES and same_person(longer, shorter):
            return True
    return same_organization(written_a, written_b)


def same_party(a: str, b: str) -> bool:
    """Whether two parties (as in ``Attribution.party``) are the same: equal ``party_key``s, one an acronym of the
    other ("CWA" / "Central Weather Administration", "USGS" / "U.S. Geological Survey"), a bare surname of a full
    name with a known first name ("Sherman" / "Wendy Sherman"), or a close spelling (``same_organization``: a
    word misspelt by a slip). A pronoun is the same party only as the same pronoun: resolve pronouns first.
    """
    x, y = sorted((a, b))
    return _same_party(x, y)


def speaks_for(a: str, b: str) -> bool:
    """Whether one party's name begins with the other's whole name, keys compared: its spokesperson, officer or
    department ("Corliss Logistics managing director Helen Ridgeway" speaks for "Corliss Logistics")."""
    short, long = sorted((party_key(a), party_key(b)), key=len)
    return bool(short) and long.startswith(short + " ")


# --- Finding the parties a party may be one with. ---------------------------------------------------------------

_IndexKey = tuple[str, str]


def _surname_keys(name: str) -> list[str]:
    """The keys a person's surname is compared by (``same_person``): the surname's, and with a double surname
    written with a space ("Ocasio Cortez") the two words' together."""
    parsed = parse_name(name)
    keys = [_surname_key(parsed.last)]
    if parsed.middle and not _is_initial(parsed.middle[-1]):
        keys.append(_surname_key(parsed.middle[-1] + parsed.last))
    return [key for key in keys if key]


@lru_cache(maxsize=_CACHE)
def _index_keys(party: str) -> tuple[frozenset[_IndexKey], frozenset[_IndexKey]]:
    """The keys a party is filed under in a ``PartyIndex``, and those it is looked up by.

    Two parties that are one (``same_party``) share a key: their party key, the organization key of their written
    forms, an acronym (one written as the other's initials; two spellings of one organization have the same
    initials) or a person's surname key. When one speaks for the other (``speaks_for``), the shorter's party key is
    one of the longer's prefixes, which the longer is filed under. A party without a key is no party's.
    """
    form = _form(party)
    if not form.key:
        return frozenset(), frozenset()
    shared: set[_IndexKey] = {("key", form.key)}
    written = form.written
    if written:
        shared.add(("organization", organization_key(written)))
        shared.update({("acronym", acronym(written)), ("acronym", _initials(written))})
        letters = written.strip().replace(".", "")
        if len(letters) >= 2 and letters.isalpha() and letters.isupper():
            shared.add(("acronym", letters))
        if form.person:
            shared.update(("surname", key) for key in _surname_keys(written))
    words = form.key.split()
    prefixes = [" ".join(words[:n]) for n in range(1, len(words))]
    filed = shared | {("prefix", prefix) for prefix in prefixes}
    looked_up = shared | {("prefix", form.key)} | {("key", prefix) for prefix in prefixes}
    return frozenset(filed), frozenset(looked_up)


class PartyIndex:
    """Parties, filed by the keys that any party one with them, or speaking for them, shares with them: a party is
    compared with the few that share a key with it rather than with every party, which keeps grouping the
    parties of a fact near linear in them."""

    def __init__(self) -> None:
        self._parties: list[str] = []
        self._filed: dict[_IndexKey, list[int]] = defaultdict(list)

    def add(self, party: str) -> None:
        number = len(self._parties)
        self._parties.append(party)
        for key in _index_keys(party)[0]:
            self._filed[key].append(number)

    def candidates(self, party: str) -> list[str]:
        """The parties added so far that may be one with ``party`` (``same_party``) or speak for it or it for
        them (``speaks_for``), in the order they were added: every such party, and some others."""
        found: set[int] = set()
        for key in _index_keys(party)[1]:
            found.update(self._filed.get(key, ()))
        return [self._parties[number] for number in sorted(found)]
