"""Quoted passages and who said them: each quote of an article as one claim, with its speaker and venue.

A quote is the text between quote marks — straight ("), curly (“ ”) or single curly (‘ ’; a ’ between letters or
before digits is an apostrophe, never a mark) — in the article's content sentences and its headline. A quote split
by its attribution (`"We will not allow …," Sherman said. "We will not forgo …"`) and a quote running over several
paragraphs (each continuing paragraph opens with a quote mark) are one claim.

The speaker is read from the attribution, in either order (`"…," Sherman said` / `"…," said Sherman`), before the
quote (`Sherman told reporters: "…"`, `according to Sherman, "…"`, a partial quote in a sentence whose subject
said it), or in a headline (`Blinken: "…"`). Pronouns resolve to the person the article was just talking about; a
bare surname to the full name given earlier. An unnamed speaker keeps the description as written ("State
Department spokesperson"). The venue is where the words were said, when the attribution states it ("ABC's This
Week", "CNN", "news conference").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from factcheck.lines import LineIndex
from factcheck.models import Article, Claim, ClaimKind, Sentence
from factcheck.people import (
    NAME_WORD,
    NOT_NAMES,
    PLACES,
    ROLE,
    SPEECH_VERBS,
    Gender,
    PersonMention,
    first_name_gender,
    surname_keys,
)
from factcheck.segment import normalize_space, paragraphs

_DOUBLE_MARKS = re.compile(r"[\"“”‘’]")
_HEADLINE_MARKS = re.compile(r"[\"“”‘’']")
_OPENING_CONTEXT = frozenset(" \t\n\r([{—–-/“‘")

# --- attribution grammar ---------------------------------------------------------------------------------------

_ADVERBS = (
    r"(?:also|later|then|again|previously|earlier|separately|repeatedly|reportedly|once|further|simply|quickly|"
    r"recently|immediately|publicly|privately|flatly|bluntly|meanwhile|too|[a-z]+ly)"
)
_AUXILIARIES = r"(?:has|had|have|would|will|did|does|do|could|can|may|might|must|should|was|were|is)"
# `"…," Sherman said` / `"…," Ryabkov, the deputy foreign minister, told reporters` / `"…," he added`.
_SUBJECT_THEN_VERB = re.compile(
    r"[ \t]*,?\s*(?P<subj>[^\s,;:!?\"“”‘()\[\]]+(?:[ \t\n]+[^\s,;:!?\"“”‘()\[\]]+){0,7}?)"
    r"(?P<app>[ \t]*,[^;:!?\"“”()]{1,200}?,|\s*[—–][^;:!?\"“”()—–]{1,200}[—–]|\s*\([^()]{1,80}\))?"
    rf"\s+(?:{_ADVERBS}\s+){{0,2}}(?:{_AUXILIARIES}\s+(?:{_ADVERBS}\s+)?)?(?P<verb>{SPEECH_VERBS})(?![\w-])"
)
_INVERTED_VERBS = (
    r"(?:said|says|added|adds|asked|asks|wrote|writes|continued|continues|recalled|explained|insisted|noted|warned|"
    r"declared|argued|stressed|replied|responded|tweeted|posted|observed|remarked|concluded|countered|cautioned|"
    r"according\s+to)"
)
# `"…," said Sherman` / `"…," according to a White House official`.
_VERB_THEN_SUBJECT = re.compile(rf"[ \t]*,?\s*(?P<verb>{_INVERTED_VERBS})\s+")
# Speech verbs that introduce a quote later in their sentence (noun-like forms such as "notes", "estimated",
# "posted" left out: "an estimated 100,000", "forces posted near the border").
_INTRODUCING_VERBS_TEXT = (
    r"(?<![\w-])(?:said|says|say|told|tells|tell|added|adds|warned|warns|warn|wrote|writes|write|noted|argued|"
    r"argues|argue|stressed|insisted|insists|insist|explained|explains|asked|asks|declared|declares|tweeted|"
    r"recalled|continued|replied|responded|answered|acknowledged|acknowledges|admitted|admits|conceded|cautioned|"
    r"claimed|suggested|suggests|announced|announces|emphasized|emphasised|observed|remarked|commented|predicted|"
    r"predicts|promised|vowed|pledged|urged|urges|reiterated|reiterates|repeated|concluded|complained|maintained|"
    r"maintains|countered|contended|testified|agreed|joked|quipped|lamented|boasted|assured|confirmed|denied|"
    r"denies|described|describes|called|calls|dubbed|termed|labeled|labelled|characterized|characterised|"
    r"characterizes|accused|accuses|accusing|demanded|threatened|signaled|signalled|stated|wondered|exclaimed|"
    r"echoed|reported|hinted|alleged|proclaimed|pleaded|summarized|portrayed|depicted|"
    r"(?P<after>according\s+to|quoted|quoting|citing))(?![\w-])"
)
_INTRODUCING_VERBS = re.compile(_INTRODUCING_VERBS_TEXT.replace("(?P<after>according", "(?P<after>(?i:according)"))
# Headlines capitalize their verbs: "Zelensky Says Ukraine 'Will Never Surrender'".
_HEADLINE_VERBS = re.compile(_INTRODUCING_VERBS_TEXT, re.IGNORECASE)
_TRAILING_MODIFIERS = re.compile(
    rf"(?:\s+(?:{_ADVERBS}|{_AUXILIARIES}|not|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|rhetorically))*\s*$"
)
_PRONOUN_END = re.compile(r"(?<![\w’'])(?P<p>he|she|they|He|She|They|I|we|We)\s*$")
# What may stand between a subject's name and its verb: ", the deputy foreign minister," / " — who led the talks —" /
# " (pictured)".
_ASIDE = r"(?:\s*,[^;:\"“”()]+,|\s*[—–][^;:\"“”()—–]+[—–]|\s*\([^()]{1,80}\))"
_APPOSITIVE_TO_VERB = re.compile(rf"(?:\s+{_ADVERBS})?{_ASIDE}\s*$")
_NOUN_PHRASE_END = re.compile(r"(?P<np>(?:[\w.’'&-]+[ \t\n]+){0,7}[\w.’'&-]+)\s*$")
_CLAUSE_WORDS = frozenset(
    """
    that which who whom whose because but if when while although though is was were are be been being has have had
    not to do does did will would could should may might can must so then there it this these those as than
    where why how what after before since until unless whether yet nor or also only even just about into over
    """.split()
)
_NAME_WORD = re.compile(NAME_WORD)
_CONJUNCTIONS = frozenset("and but or nor for".split())
_DETERMINERS = re.compile(r"^(?:the|a|an|The|A|An)\s+")
_PRONOUNS = {"he": "he", "she": "she", "they": "they", "i": "i", "we": "we"}
_NP_STOP = re.compile(
    r"\s*(?:[,.;:!?—–()\"“”]|\s(?:who|which|that|in|on|at|during|after|before|to|from|as|when|while|with|for|"
    r"about|over|via|whose|and|but|if)\b)"
)
_COLON_NAME = re.compile(rf"\s*(?P<n>{NAME_WORD}(?:\s+(?:{NAME_WORD}|[A-Z]\.)){{0,3}})\s*:\s*")
_TITLEISH = re.compile(
    rf"(?:(?:[A-Z][\w.'’&\-]*|{ROLE}|(?i:the|a|an|of|to|for|at|and|former|top|senior|deputy|acting|chief|lead|"
    r"foreign|state|press|national|security|vice|then|ex))[\s-]+)*"
)
# "The Associated Press’s characterization of … is that “…”": the owner of the words is the speaker.
_POSSESSED_WORDS = re.compile(
    r"(?P<who>(?:[A-Z][\w.&-]*\s+){0,4}[A-Z][\w.&-]*)['’]s\s+(?:\w+\s+)?(?:characterization|characterisation|"
    r"description|assessment|words|account|statement|view|verdict|summary|conclusion|response|message|warning|"
    r"argument|position|reading|take|remarks|comments|answer|reply|promise|pledge|claim|headline)\b"
)
_DOCUMENTS = frozenset("article piece report story analysis editorial column op-ed newspaper paper study".split())
_PUBLICATION = re.compile(
    r"(?:(?:The|A|An)\s+)?(?P<pub>(?:[A-Z][\w&.-]*\s+){0,3}(?:Times|Post|Journal|Press|News|Herald|Tribune|Guardian|"
    r"Telegraph|Economist|Atlantic|Reuters|Bloomberg|Politico|Axios|Monitor|Review|Magazine|Gazette|Independent|"
    r"Observer|Standard|Chronicle))\b"
)
# After a quote that ends its sentence ("…."), an attribution is only that: no new clause after its verb.
_MODIFIER_TAIL = re.compile(
    r"\s*(?:$|[.,;!?—–)]|(?:on|in|at|during|after|before|of|to|from|with|via|about|while|when|as|this|last|earlier|"
    r"later|reporters|journalists|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"[a-z]+ly|[A-Z]{2,})\b)"
)
_JOIN_BLOCKERS = re.compile(r"\b(?:adding|noting|saying|explaining|arguing|insisting|warning|that|but|while)\b|;")

# --- venues ----------------------------------------------------------------------------------------------------

_MEDIA_CUE = re.compile(
    r"['’]s\s+\S|[\"“‘]|\b[A-Z]{2,}\b|\b(?:News|Press|Nation|Times|Post|Journal|Radio|"
    r"Television|TV|Twitter|Facebook|Telegram|Instagram|YouTube|TikTok|Threads|Bluesky|LinkedIn|Fox|Sky|Reuters|"
    r"Bloomberg|Politico|Axios|Guardian|Telegraph|Economist|Atlantic|Channel|Show|Hour|Tonight|Meet)\b"
)
_CAP = r"[A-Z][\w.&'’\-]*"
_QUOTE_MARKS_AROUND = re.compile(r"(?:(?<=\s)|^)[\"“‘]|[\"”’](?=\s|$|[.,])")
_VENUE_INTERVIEW = re.compile(
    rf"\b(?i:in|during)\s+(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+)?interview\s+(?:with|on)\s+"
    rf"(?P<v>(?:The\s+)?{_CAP}(?:\s+(?:{_CAP}|of|the|and))*)"
)
_QUOTED_TITLE = r"[\"“‘][^\"”’]{1,60}[\"”’]"
_TITLE_WORDS = rf"{_CAP}(?:\s+(?:of\s+the|of|the|{_CAP}))*"
# `on ABC's "This Week"`, `on CNN's State of the Union`, `on "Face the Nation"`, `on MSNBC`, `on Twitter`.
_VENUE_SHOW = re.compile(
    rf"\bon\s+(?P<v>(?:{_CAP}\s+){{0,3}}{_CAP}['’]s\s+(?:{_QUOTED_TITLE}|{_TITLE_WORDS})|{_QUOTED_TITLE}|{_TITLE_WORDS})"
)
_VENUE_TOLD = re.compile(rf"\b(?:told|spoke\s+(?:with|to))\s+(?:the\s+)?(?P<v>(?:The\s+)?{_CAP}(?:\s+{_CAP})*)")
_VENUE_WROTE = re.compile(rf"\b(?:wrote|writes|writing)\s+(?:at|in|for|on)\s+(?P<v>(?:The\s+)?{_CAP}(?:\s+{_CAP})*)")
_VENUE_EVENT = re.compile(
    r"\b(?i:at|in|during)\s+(?:an?|the|his|her|their|its|[A-Z][\w.&-]*['’]s)\s+(?P<v>(?:[\w’'-]+\s+){0,3}"
    r"(?i:news\s+conference|press\s+conference|conference\s+call|briefing\s+call|news\s+briefing|press\s+briefing|"
    r"briefing|hearing|speech|address|statement|interview|rally|summit|forum|town\s+hall|news\s+release|"
    r"press\s+release|op-ed|tweet|post|letter|video|podcast|conference))\b"
)
_VENUE_TRAILING = re.compile(
    r"(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|morning|evening|night|last|this|on))+$|[.,]+$"
)
# A quoted name of a show, book or paper: `on ABC's "This Week"`, `a book titled "…"`.
_TITLE_CONTEXT = re.compile(
    rf"(?:\bon\s+(?:{_CAP}\s+){{0,4}}|\b(?:titled|entitled|headlined|program|programme|show|newspaper|magazine|"
    r"book|film|documentary|podcast|column|series)\s+)$"
)

Kind = Literal["person", "name", "pronoun", "description"]


@dataclass(frozen=True)
class _Subject:
    """Who an attribution names, as read: a person mention, a bare name, a pronoun, or a description."""

    kind: Kind
    value: str
    position: int
    end: int
    mention: PersonMention | None = None


@dataclass(frozen=True)
class _Attribution:
    subject: _Subject
    verb: int  # where the speech verb stands
    end: int  # end of the attribution's core (its verb, or its subject when the verb comes first)
    scope: tuple[int, int]  # the text where a venue may be stated


@dataclass
class _Piece:
    """The text between one pair of quote marks (or from an opening mark to the end of its paragraph)."""

    open: int
    end: int  # just after the closing mark, or the paragraph's end
    closed: bool
    group: int  # index of its paragraph
    continues: bool = False  # it continues the previous piece's quote into a new paragraph
    title: bool = False  # the quoted name of a show or paper, part of an attribution

    @property
    def content(self) -> tuple[int, int]:
        return self.open + 1, self.end - 1 if self.closed else self.end


@dataclass(order=True)
class _Event:
    """A person the article was talking about at ``position``: a mention, or a resolved speaker."""

    position: int
    name: str = field(compare=False)
    gender: Gender | None = field(compare=False)
    prominent: bool = field(compare=False)  # the subject of its clause, or a speaker
    sentence: int = field(compare=False)


class _Reader:
    """One article's quotes, read in file order."""

    def __init__(self, article: Article, sentences: Sequence[Sentence], people: Sequence[PersonMention]) -> None:
        self.article = article
        self.text = article.text
        self.sentences = sorted(sentences, key=lambda s: s.start)
        self.sentence_starts = [s.start for s in self.sentences]
        self.people = sorted(people, key=lambda m: m.start)
        self.people_starts = [m.start for m in self.people]
        self.people_by_end = {m.end: m for m in self.people}
        self.groups = self._groups()
        title = normalize_space(article.title).casefold() if article.title else None
        self.headline = {i for i, s in enumerate(self.sentences) if self._is_headline(s, title)}
        self.pieces = self._pieces()
        self.spans = sorted((p.open, p.end) for p in self.pieces)
        self.span_starts = [s for s, _e in self.spans]
        self.events = self._mention_events()
        self.event_positions = [e.position for e in self.events]
        self._after: dict[int, _Attribution | None] = {}

    # --- layout ------------------------------------------------------------------------------------------------

    def _is_headline(self, sentence: Sentence, title: str | None) -> bool:
        """The title in the front matter, or its copy at the top of the body."""
        if sentence.start < self.article.body_start:
            return True
        if title is None or abs(len(sentence.text) - len(title)) > len(title) // 4 + 4:
            return False
        return normalize_space(sentence.text).casefold() == title

    def _groups(self) -> list[list[int]]:
        """The sentences (by index) of each paragraph, in file order; the headline is a paragraph of its own."""
        spans = list(paragraphs(self.text, self.article.body_start, len(self.text)))
        groups: list[list[int]] = []
        current: tuple[int, int] | None = None
        span_index = 0
        for index, sentence in enumerate(self.sentences):
            if sentence.start < self.article.body_start:
                groups.append([index])
                current = None
                continue
            while span_index < len(spans) and spans[span_index][1] < sentence.start:
                span_index += 1
            span = spans[span_index] if span_index < len(spans) else None
            if span is not None and span == current and groups:
                groups[-1].append(index)
            else:
                groups.append([index])
                current = span
        return groups

    def sentence_at(self, position: int) -> int:
        return max(0, bisect_right(self.sentence_starts, position) - 1)

    def in_quote(self, position: int) -> bool:
        index = bisect_right(self.span_starts, position) - 1
        return index >= 0 and self.spans[index][0] < position < self.spans[index][1]

    def mentions_in(self, start: int, end: int) -> list[PersonMention]:
        low, high = bisect_left(self.people_starts, start), bisect_left(self.people_starts, end)
        return [m for m in self.people[low:high] if m.end <= end]

    # --- quote marks -------------------------------------------------------------------------------------------

    def _pieces(self) -> list[_Piece]:
        pieces: list[_Piece] = []
        carried: int | None = None  # a quote left open by the previous paragraph, continued by this one
        for group_index, group in enumerate(self.groups):
            start, end = self.sentences[group[0]].start, self.sentences[group[-1]].end
            headline = group[0] in self.headline
            found, left_open, continues = self._marks(start, end, headline, group_index, carried)
            pieces.extend(found)
            carried = None
            if left_open is None:
                continue
            pieces.append(_Piece(left_open, end, False, group_index, continues))
            following = self.groups[group_index + 1] if group_index + 1 < len(self.groups) else None
            if following is not None and following[0] not in self.headline:
                next_start = self.sentences[following[0]].start
                if self.text[next_start] in '"“':
                    carried = next_start  # the next paragraph opens with a quote mark: the quote goes on
        return pieces

    def _marks(
        self, start: int, end: int, headline: bool, group: int, carried: int | None
    ) -> tuple[list[_Piece], int | None, bool]:
        """The closed quotes of one paragraph, the opening mark of a quote it leaves open (if any), and whether that
        open quote continues one from the previous paragraph."""
        text = self.text
        found: list[_Piece] = []
        open_double: int | None = None
        open_single: int | None = None
        continues = False
        pattern = _HEADLINE_MARKS if headline else _DOUBLE_MARKS
        for match in pattern.finditer(text, start, end):
            pos = match.start()
            mark = text[pos]
            before = text[pos - 1] if pos > start else " "
            if headline and before == "\\":
                before = text[pos - 2] if pos - 1 > start else " "
            after = text[pos + 1] if pos + 1 < end else " "
            if pos == carried:
                open_double, continues = pos, True
                continue
            if mark in '"“”':
                if open_single is not None:
                    continue  # a double quote inside a single-quoted passage
                reopening = mark == '"' and before.isspace() and after.isalnum()  # the earlier quote was never closed
                if mark == "”" or (mark == '"' and open_double is not None and not reopening):
                    if open_double is not None:
                        found.append(_Piece(open_double, pos + 1, True, group, continues))
                        open_double, continues = None, False
                elif mark == "“" or before in _OPENING_CONTEXT or after.isalnum():
                    open_double, continues = pos, False
            elif open_double is None:
                word_inside = before.isalnum() and after.isalnum()
                if mark in "‘'" and open_single is None and (mark == "‘" or before in _OPENING_CONTEXT):
                    if not after.isdigit() and not after.isspace():
                        open_single = pos
                elif mark in "’'" and open_single is not None and not word_inside and not before.isspace():
                    found.append(_Piece(open_single, pos + 1, True, group))
                    open_single = None
        return found, open_double, continues

    # --- who the article was talking about ---------------------------------------------------------------------

    def _mention_events(self) -> list[_Event]:
        events: list[_Event] = []
        for mention in self.people:
            if self.in_quote(mention.start):
                continue
            index = self.sentence_at(mention.start)
            prominent = self._subject_like(mention, self.sentences[index]) or self._speech_linked(mention, index)
            events.append(_Event(mention.start, mention.full_name, _gender(mention), prominent, index))
        return events

    def _subject_like(self, mention: PersonMention, sentence: Sentence) -> bool:
        if self.text.startswith(("’s", "'s"), mention.end):
            return False
        lead = self.text[sentence.start : mention.start]
        cut = max(lead.rfind(", "), lead.rfind("; "), lead.rfind("—"), lead.rfind("– "))
        for boundary in _CONJUNCTION.finditer(lead):
            cut = max(cut, boundary.end() - 1)
        lead = lead[cut + 1 :] if cut >= 0 else lead
        lead = _LEADING_SUBORDINATOR.sub("", lead.strip())
        return not lead or _SUBJECT_LEAD.fullmatch(lead + " ") is not None

    def _speech_linked(self, mention: PersonMention, index: int) -> bool:
        sentence = self.sentences[index]
        after = _SUBJECT_AFTER_NAME.match(self.text, mention.end, sentence.end)
        before = _SPEECH_BEFORE_NAME.search(self.text, max(sentence.start, mention.start - 80), mention.start)
        return after is not None or (before is not None and _TITLEISH.fullmatch(before.group("t")) is not None)

    def _add_event(self, position: int, name: str, gender: Gender | None) -> None:
        event = _Event(position, name, gender, True, self.sentence_at(position))
        insort(self.events, event)
        self.event_positions = [e.position for e in self.events]

    def resolve_pronoun(self, pronoun: str, position: int) -> str | None:
        """The person a "he", "she" or "they" at ``position`` most likely stands for."""
        if pronoun not in ("he", "she", "they"):
            return None
        if pronoun == "they":
            group = self._plural_group(position)
            if group is not None:
                return group
        wanted: Gender | None = "male" if pronoun == "he" else "female" if pronoun == "she" else None
        here = self.sentence_at(position)
        upto = bisect_left(self.event_positions, position)
        candidates = [
            e
            for e in reversed(self.events[:upto])
            if here - e.sentence <= 6 and (wanted is None or e.gender in (None, wanted))
        ]
        for reach in (1, 4):
            for event in candidates:
                if here - event.sentence <= reach and event.prominent:
                    return event.name
        if candidates:
            return candidates[0].name
        for event in reversed(self.events[:upto]):
            if wanted is None or event.gender in (None, wanted):
                return event.name
        return None

    def _plural_group(self, position: int) -> str | None:
        """For "they": a group named in this or the previous sentence ("Russian officials"), as written."""
        here = self.sentence_at(position)
        for index in (here, here - 1):
            if index < 0:
                break
            sentence = self.sentences[index]
            for match in _PLURAL_GROUP.finditer(self.text, sentence.start, min(sentence.end, position)):
                if not self.in_quote(match.start()):
                    return _DETERMINERS.sub("", match.group("g"))  # the first: the sentence's subject, most often
        return None

    # --- subjects ----------------------------------------------------------------------------------------------

    def subject_in(self, start: int, end: int) -> _Subject | None:
        """The subject written in ``text[start:end]`` (the words between a quote and its verb)."""
        text = self.text
        while start < end and text[start] in " \t\n,—–(":
            start += 1
        while end > start and text[end - 1] in " \t\n,—–)":
            end -= 1
        if start >= end:
            return None
        for mention in self.mentions_in(start, end):
            if _TITLEISH.fullmatch(text[start : mention.start]) is not None:
                return _Subject("person", mention.full_name, mention.start, mention.end, mention)
            break
        words = text[start:end].split()
        if len(words) == 1 and words[0].lower() in _PRONOUNS:
            return _Subject("pronoun", words[0].lower(), start, end)
        if any(w.lower() in _CLAUSE_WORDS for w in words) or words[0].lower() in _CONJUNCTIONS:
            return None
        return self._named_or_described(" ".join(words), start, end)

    def _named_or_described(self, words: str, position: int, end: int) -> _Subject | None:
        words = _DETERMINERS.sub("", words).strip()
        if not words or words.lower() in _CLAUSE_WORDS:
            return None
        parts = words.split()
        named = all(_NAME_WORD.fullmatch(p) for p in parts) and not all(p in NOT_NAMES for p in parts)
        if named and len(parts) <= 3 and not any(p in PLACES for p in parts):
            return _Subject("name", words, position, end)
        return _Subject("description", words, position, end)

    def subject_before(self, start: int, verb: int) -> _Subject | None:
        """The subject of a speech verb at ``verb``, read backward to ``start`` (its sentence's start)."""
        text = self.text
        left = text[start:verb]
        trimmed = _TRAILING_MODIFIERS.search(left)
        end = start + (trimmed.start() if trimmed is not None else len(left))
        for attempt in range(2):
            mention = self.people_by_end.get(end)
            if mention is not None and mention.start >= start:
                return _Subject("person", mention.full_name, mention.start, mention.end, mention)
            pronoun = _PRONOUN_END.search(text, start, end)
            if pronoun is not None:
                return _Subject("pronoun", pronoun.group("p").lower(), pronoun.start(), pronoun.end("p"))
            for mention in reversed(self.mentions_in(start, end)):
                if _APPOSITIVE_TO_VERB.fullmatch(text, mention.end, end):
                    return _Subject("person", mention.full_name, mention.start, mention.end, mention)
            if attempt == 0 and text[start:end].rstrip().endswith(","):
                # "Russia, accusing the West of …": the subject stands before the comma
                end = start + len(text[start:end].rstrip()) - 1
                trimmed = _TRAILING_MODIFIERS.search(text[start:end])
                end = start + (trimmed.start() if trimmed is not None else end - start)
                continue
            break
        phrase = _NOUN_PHRASE_END.search(text, start, end)
        if phrase is None:
            return None
        words = phrase.group("np").split()
        kept: list[str] = []
        for word in reversed(words):
            if word.lower() in _CLAUSE_WORDS or word.lower() in ("and", "but", "or", "with", "by", "for", "of", "in"):
                break
            kept.insert(0, word)
            if word.lower() in ("the", "a", "an") or word.lower() in ("his", "her", "its", "their"):
                break
        if not kept:
            return None
        return self._named_or_described(" ".join(kept), end - len(" ".join(kept)), end)

    def subject_after(self, start: int, limit: int) -> _Subject | None:
        """The subject standing after a verb at ``start`` ("said U.S. Deputy Secretary of State Wendy Sherman")."""
        text = self.text
        for mention in self.mentions_in(start, min(limit, start + 160)):
            if _TITLEISH.fullmatch(text[start : mention.start]) is not None:
                return _Subject("person", mention.full_name, mention.start, mention.end, mention)
            break
        stop = _NP_STOP.search(text, start, limit)
        end = stop.start() if stop is not None else limit
        words = text[start:end].split()
        if not words or len(words) > 8:
            return None
        if len(words) == 1 and words[0].lower() in _PRONOUNS:
            return _Subject("pronoun", words[0].lower(), start, end)
        return self._named_or_described(" ".join(words), start, end)

    # --- attributions ------------------------------------------------------------------------------------------

    def after(self, piece: _Piece) -> _Attribution | None:
        """The attribution right after a closed quote: `"…," Sherman said` or `"…," said Sherman`."""
        if piece.open not in self._after:
            self._after[piece.open] = self._read_after(piece)
        return self._after[piece.open]

    def _read_after(self, piece: _Piece) -> _Attribution | None:
        if not piece.closed:
            return None
        text = self.text
        group = self.groups[piece.group]
        limit = self.sentences[group[-1]].end
        position = piece.end
        while position < limit and text[position] in " \t\n":
            position += 1
        if position >= limit:
            return None
        scope_end = self.sentences[self.sentence_at(position)].end
        inverted = _VERB_THEN_SUBJECT.match(text, piece.end, scope_end)
        if inverted is not None:
            subject = self.subject_after(inverted.end(), scope_end)
            if subject is not None:
                return _Attribution(subject, inverted.start("verb"), subject.end, (piece.end, scope_end))
        match = _SUBJECT_THEN_VERB.match(text, piece.end, scope_end)
        if match is None:
            return None
        content_end = piece.content[1]
        ends_sentence = text[content_end - 1 : content_end] in (".", "!", "?") and not text.startswith(
            ("?", "!"), content_end - 1
        )
        if ends_sentence and match.group("verb") != "told" and not _MODIFIER_TAIL.match(text, match.end(), scope_end):
            return None
        subject = self.subject_in(match.start("subj"), match.end("subj"))
        if match.group("app") and (subject is None or subject.kind not in ("person", "name")):
            # "his deputy, Oleg Marin, added": the name set off by commas is the speaker
            subject = self.subject_in(match.start("app"), match.end("app"))
            if subject is None or subject.kind not in ("person", "name"):
                return None
        if subject is None:
            return None
        return _Attribution(subject, match.start("verb"), match.end("verb"), (piece.end, scope_end))

    def before(self, piece: _Piece) -> _Attribution | None:
        """The attribution of a quote read in its own sentence before it: `Sherman told reporters: "…"`."""
        text = self.text
        index = self.sentence_at(piece.open)
        sentence = self.sentences[index]
        start = sentence.start
        opening = piece.open - 1 if index in self.headline and text[piece.open - 1] == "\\" else piece.open
        colon = _COLON_NAME.fullmatch(text, start, opening)
        if colon is not None:
            named = self._name_subject(colon.group("n"), colon.start("n"))
            return _Attribution(named, colon.end("n"), colon.end("n"), (start, piece.open))
        verb = None
        verbs = _HEADLINE_VERBS if index in self.headline else _INTRODUCING_VERBS
        for match in verbs.finditer(text, start, opening):
            if not self.in_quote(match.start()):
                verb = match
        if verb is not None:
            if verb.group("after"):
                subject = self.subject_after(verb.end() + 1, piece.open)
            else:
                subject = self.subject_before(start, verb.start())
            if subject is not None:
                return _Attribution(subject, verb.start(), verb.end(), (start, piece.open))
        owner = None
        for match in _POSSESSED_WORDS.finditer(text, start, piece.open):
            owner = match
        if owner is not None:
            words = _DETERMINERS.sub("", owner.group("who"))
            kind: Kind = "name" if len(words.split()) == 1 else "description"
            subject = _Subject(kind, words, owner.start("who"), owner.end("who"))
            return _Attribution(subject, owner.end(), owner.end(), (start, piece.open))
        return None

    def _name_subject(self, name: str, position: int) -> _Subject:
        mention = self.people_by_end.get(position + len(name))
        if mention is not None:
            return _Subject("person", mention.full_name, mention.start, mention.end, mention)
        return _Subject("name", name, position, position + len(name))

    # --- speakers ----------------------------------------------------------------------------------------------

    def speaker(self, subject: _Subject) -> str | None:
        if subject.kind == "pronoun":
            return self.resolve_pronoun(subject.value, subject.position)
        if subject.kind == "description":
            return self._document(subject) or subject.value
        name = subject.value
        if subject.kind == "person" and subject.mention is not None and subject.mention.full:
            return name
        bare = subject.mention.name if subject.mention is not None else name
        if " " in bare:
            return name
        upto = bisect_left(self.people_starts, subject.position)
        for mention in reversed(self.people[:upto]):
            if mention.full and bare in surname_keys(mention.full_name):
                return mention.full_name
        if self.sentence_at(subject.position) in self.headline:
            for mention in self.people[upto:]:
                if mention.full and bare in surname_keys(mention.full_name):
                    return mention.full_name
        return name

    def _document(self, subject: _Subject) -> str | None:
        """For "the article"/"the piece": the publication named just before it."""
        words = subject.value.lower().split()
        if len(words) != 1 or words[0] not in _DOCUMENTS:
            return None
        here = self.sentence_at(subject.position)
        for index in range(here, max(-1, here - 4), -1):
            sentence = self.sentences[index]
            end = min(sentence.end, subject.position)
            found = None
            for match in _PUBLICATION.finditer(self.text, sentence.start, end):
                found = match
            if found is not None:
                return found.group("pub")
        return None

    def venue(self, scope: tuple[int, int]) -> str | None:
        text = self.text[scope[0] : scope[1]]
        for pattern, needs_cue in (
            (_VENUE_INTERVIEW, False),
            (_VENUE_SHOW, True),
            (_VENUE_TOLD, True),
            (_VENUE_WROTE, False),
            (_VENUE_EVENT, False),
        ):
            for match in pattern.finditer(text):
                value = match.group("v")
                if needs_cue and _MEDIA_CUE.search(value) is None:
                    continue
                value = _QUOTE_MARKS_AROUND.sub("", value) if needs_cue else value
                value = value.strip()
                while (trimmed := _VENUE_TRAILING.sub("", value).strip()) != value:
                    value = trimmed
                if value and value not in ("reporters", "journalists"):
                    return value
        return None


# A group that "they" may stand for: "Russian officials", "Diplomats from both sides", "the two leaders".
_PLURAL_GROUP = re.compile(
    r"(?<![\w-])(?P<g>(?:(?:[Tt]he|[Bb]oth|[Ss]ome|[Mm]any|[Tt]wo|[Tt]hree|[A-Z][\w.'’-]*|senior|top|local|foreign|"
    r"military|government|administration|western|european|american|russian|ukrainian|federal|state|city|"
    r"opposition|party)\s+){0,3}(?i:officials|diplomats|leaders|negotiators|analysts|experts|lawmakers|"
    r"authorities|sources|critics|residents|protesters|members|ministers|observers|witnesses|activists|organizers|"
    r"investigators|prosecutors|researchers|scientists|economists|spokespeople|representatives|envoys|delegates|"
    r"delegations|officers|commanders|allies|sides|police|governments|countries|nations))(?![\w-])"
)
_CONJUNCTION = re.compile(r"\b(?:that|and|but|because|although|though|while|when|if|so|yet)\s")
_LEADING_SUBORDINATOR = re.compile(
    r"^(?:(?:Although|Though|But|And|When|While|If|As|Because|Since|Meanwhile|However|Yet|So|Still|Then|Later|"
    r"Instead|Now|Indeed|Also)\s+)+"
)
# What may stand between a clause's start and its subject's name: "Russian Deputy Foreign Minister", "the U.S.
# envoy" — not "a former adviser to" (an appositive) nor "talks with" (an object).
_SUBJECT_LEAD = re.compile(
    rf"(?:(?:The|the)\s+)?(?:(?:[A-Z][\w.'’&\-]*|{ROLE}|of|(?i:former|top|senior|deputy|acting|chief|lead|foreign|"
    r"state|press|national|security|vice|then|ex))[\s-]+)*"
)
_SUBJECT_AFTER_NAME = re.compile(rf"{_ASIDE}?\s+(?:{_ADVERBS}\s+){{0,2}}(?:{_AUXILIARIES}\s+)?{SPEECH_VERBS}(?![\w-])")
_SPEECH_BEFORE_NAME = re.compile(r"\b(?:said|says|added|wrote|according\s+to|quoted|quoting|citing)\s+(?P<t>[^,;:]*)$")


def _gender(mention: PersonMention) -> Gender | None:
    gender = first_name_gender(mention.full_name) if " " in mention.full_name else None
    if gender is None and mention.title:
        lowered = mention.title.lower()
        if re.search(r"\b(?:spokeswoman|chairwoman|congresswoman|queen|princess|duchess|countess|ms|mrs)\b", lowered):
            return "female"
        if re.search(r"\b(?:spokesman|chairman|congressman|king|prince|duke|earl|mr)\b", lowered):
            return "male"
    return gender


@dataclass
class _Quote:
    pieces: list[_Piece]
    attribution: _Attribution | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class QuotedSpan:
    """Words between quote marks (offsets into the article's text) and who says them, if known."""

    start: int
    end: int
    speaker: str | None


def quote_claims(
    article: Article, sentences: Sequence[Sentence], index: LineIndex, people: Sequence[PersonMention]
) -> list[Claim]:
    """The article's quotes as claims of kind QUOTE, in file order, each with its speaker and venue."""
    return read_quotes(article, sentences, index, people)[0]


def read_quotes(
    article: Article, sentences: Sequence[Sentence], index: LineIndex, people: Sequence[PersonMention]
) -> tuple[list[Claim], list[QuotedSpan]]:
    """The article's quotes as claims, and the quoted words' spans with their speakers (figures a speaker gives
    are that speaker's)."""
    reader = _Reader(article, sentences, people)
    quotes = _quotes(reader)
    claims: list[Claim] = []
    spans: list[QuotedSpan] = []
    previous: _Quote | None = None
    for quote in quotes:
        _attribute(reader, quote, previous)
        claim = _claim(reader, quote, index)
        if claim is not None:
            claims.append(claim)
            previous = quote
            spans.extend(QuotedSpan(*piece.content, quote.speaker) for piece in quote.pieces if not piece.title)
    return claims, spans


def _quotes(reader: _Reader) -> list[_Quote]:
    """The pieces grouped into quotes: multi-paragraph quotes and quotes split by their attribution joined."""
    pieces = reader.pieces
    for piece in pieces:
        piece.title = _is_title(reader, piece)
    quotes: list[_Quote] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        index += 1
        if piece.title:
            continue
        quote = _Quote([piece])
        while True:
            following = _next_piece(pieces, index)
            if following is None:
                break
            nxt, nxt_index = following
            last = quote.pieces[-1]
            if nxt.continues and not last.closed:
                quote.pieces.append(nxt)
                index = nxt_index + 1
                continue
            if _split_continuation(reader, last, nxt):
                quote.pieces.append(nxt)
                index = nxt_index + 1
                continue
            break
        quotes.append(quote)
    return quotes


def _next_piece(pieces: list[_Piece], index: int) -> tuple[_Piece, int] | None:
    while index < len(pieces) and pieces[index].title:
        index += 1
    return (pieces[index], index) if index < len(pieces) else None


def _is_title(reader: _Reader, piece: _Piece) -> bool:
    """Whether the quote marks enclose the name of a show or paper (`on ABC's "This Week"`)."""
    if not piece.closed:
        return False
    start, end = piece.content
    words = reader.text[start:end].strip(" .,").split()
    if not words or len(words) > 6:
        return False
    if not all(w[0].isupper() or w.lower() in ("of", "the", "a", "and", "to", "in", "on", "for") for w in words):
        return False
    sentence = reader.sentences[reader.sentence_at(piece.open)]
    before = reader.text[max(sentence.start, piece.open - 60) : piece.open]
    return _TITLE_CONTEXT.search(before) is not None


def _split_continuation(reader: _Reader, first: _Piece, second: _Piece) -> bool:
    """Whether ``second`` goes on with ``first``'s quote after nothing but its attribution."""
    if not first.closed or first.group != second.group or second.continues:
        return False
    attribution = reader.after(first)
    if attribution is None or reader.after(second) is not None:
        return False
    text = reader.text
    tail = text[attribution.end : second.open]
    if _JOIN_BLOCKERS.search(_without_titles(reader, attribution.end, second.open, tail)):
        return False
    verb_sentence = reader.sentence_at(attribution.verb)
    second_sentence = reader.sentence_at(second.open)
    if second_sentence == verb_sentence:
        return tail.rstrip().endswith(",")
    return second_sentence == verb_sentence + 1 and reader.sentences[second_sentence].start == second.open


def _without_titles(reader: _Reader, start: int, end: int, tail: str) -> str:
    for piece in reader.pieces:
        if piece.title and start <= piece.open < end:
            tail = tail.replace(reader.text[piece.open : piece.end], " ")
    return tail


def _attribute(reader: _Reader, quote: _Quote, previous: _Quote | None) -> None:
    first = quote.pieces[0]
    found: _Attribution | None = None
    for piece in quote.pieces:
        found = reader.after(piece)
        if found is not None:
            break
    ahead = reader.before(first)
    if found is None:
        found = ahead
    elif found.subject.kind == "pronoun" and ahead is not None and ahead.subject.kind in ("person", "name"):
        # `… quoted Michael Kofman: "…," he said.`: the named speaker before the quote
        speaker = reader.speaker(ahead.subject)
        wanted = {"he": "male", "she": "female"}.get(found.subject.value)
        if speaker is not None and (wanted is None or first_name_gender(speaker) in (None, wanted)):
            found = ahead
    quote.attribution = found
    if found is not None:
        quote.speaker = reader.speaker(found.subject)
        if quote.speaker is not None and found.subject.kind != "description":
            reader._add_event(found.verb, quote.speaker, first_name_gender(quote.speaker))
        return
    # a paragraph that is nothing but a quote goes on with the previous quote's speaker
    group = reader.groups[first.group]
    opens_paragraph = reader.sentences[group[0]].start == first.open
    if previous is None or previous.speaker is None or not opens_paragraph:
        return
    if first.group - previous.pieces[-1].group <= 1:
        quote.speaker = previous.speaker


def _claim(reader: _Reader, quote: _Quote, index: LineIndex) -> Claim | None:
    text = reader.text
    parts: list[str] = []
    for number, piece in enumerate(quote.pieces):
        start, end = piece.content
        if reader.sentence_at(piece.open) in reader.headline and text[end - 1 : end] == "\\":
            end -= 1
        words = normalize_space(text[start:end])
        attributed = number < len(quote.pieces) - 1 or reader.after(piece) is not None
        if attributed and words.endswith(","):
            words = words[:-1].rstrip()
        if words:
            if parts:
                # Words of the article's own between two pieces (an attribution) stand for a cut, as an ellipsis
                # would; a quote carried on into the next paragraph is one passage.
                between = text[quote.pieces[number - 1].end : piece.open]
                parts.append("…" if re.search(r"\w", between) else "")
            parts.append(words)
    joined = " ".join(p for p in parts if p)
    if not re.search(r"\w", joined):
        return None
    first, last = quote.pieces[0], quote.pieces[-1]
    sentence = reader.sentences[reader.sentence_at(first.open)]
    venue = reader.venue(quote.attribution.scope) if quote.attribution is not None else None
    return Claim.of_words(
        ClaimKind.QUOTE,
        sentence,
        first.open,
        last.end,
        text[first.open : last.end],  # the passage as it stands in the article, attributions and all
        index.line(first.open),
        label=joined,  # the quoted words alone: what outlets are compared on
        speaker=quote.speaker,
        venue=venue,
    )
