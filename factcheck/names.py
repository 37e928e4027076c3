"""People's names and titles as outlets write them: parsed, folded to keys, and compared.

One outlet writes "Sergei A. Ryabkov", another "Sergey Ryabkov", a third "Russia's deputy foreign minister Sergei
Ryabkov": one person. ``name_key`` folds the differences that transliteration and house style make;
``same_person`` also lets a bare surname, an initial, a nickname or a middle name stand for the whole name; and
``spelling_variant`` finds the near misses an editor should look at (USA TODAY's "Antony Blink" for "Antony
Blinken"). ``title_key`` reduces a title to the office it names, so that "U.S. Deputy Secretary of State" and
"deputy secretary of state" agree and "top U.S. negotiator" is never compared at all.

Everything here is a pure function of its text, cached: the same names come back in every article.

The folds ``name_key`` makes, each to a name part (first name or surname) after transliteration to ASCII
(``anyascii``: "Сергей" → "Sergey", "Erdoğan" → "Erdogan") and case folding, letters only:

- ``ks`` before a vowel → ``x``: Aleksei/Alexei, Maksim/Maxim. Not at the end: Marks and Marx stay apart.
- ``kh`` inside a word before a vowel → ``h``: Mikhail/Mihail, Zakharova/Zaharova. Not first: Khan and Han
  stay apart.
- ``gu`` inside a word before e or i → ``g``: the French Serguei is Sergei.
- ``j`` after t, l, n, d, r or s and before a vowel → ``y``: Tatjana/Tatyana, Natalja/Natalya, Sonja/Sonya. Not
  first (Jin and Yin, Jan and Yan stay apart) and not after a vowel (Raja and Raya stay apart).
- ``you`` first, before a consonant other than n → ``yu``: Youri/Yuri, Youssef/Yussef. Young stays Young.
  Otherwise ``ou`` is never folded to ``u``: Louis/Luis, Houston/Huston and Lou/Lu are different names.
- ``iu`` first → ``yu``: Iurii/Yurii.
- endings ``-iy``, ``-yy``, ``-ii``, ``-ij``, ``-yj`` after three letters or more, and ``-kyi``, → ``-y``:
  Zelenskiy/Zelenskyy/Zelenskii/Zelenskyi → Zelensky, Dmitriy/Dmitrii → Dmitry, Navalnyy → Navalny. Not a
  short word or another ``-yi``: Wang Yi stays Yi. ``-ski`` → ``-sky``: Zelenski. ``-ey`` and ``-ej`` →
  ``-ei``: Sergey/Sergej/Sergei, Aleksey/Alexei. A bare final ``-y``/``-i`` is never folded: Terry/Terri,
  Tony/Toni and Randy/Randi are different names.
- ``-ya`` and ``-iya`` after a consonant at the end → ``-ia``: Mariya/Maria, Natalya/Natalia, Sofiya/Sofia.
- surnames only: ``ya`` and ``yu`` after a consonant → ``ia``, ``iu``: Ryabkov/Riabkov, Nebenzya/Nebenzia. Not in
  first names, where Bryan and Brian are two names.
- doubled letters → one: Zelenskyy, Kirill/Kiril, Phillip/Philip, Gennady/Genady.
- first names only, a short table of Russian and Arabic given names whose transliterations differ in a way no
  rule above may safely fold (Dmitri/Dmitry, Yuri/Yury, Anatoli/Anatoly, Evgeny/Yevgeny, Aleksandr/Alexander,
  Nikolay/Nikolai, Tatiana/Tatyana, Mohammed/Muhammad …): ``_GIVEN_NAME_VARIANTS``.
- surnames: a leading Arabic article ``al-``/``el-`` is dropped (Bashar al-Assad, Bashar Assad); other particles
  stay ("de la Fuente" → "delafuente"; "van der Leyen" and "von der Leyen" are a misspelling, not one key).

Not folded, on purpose: German ``ue``/``ü`` (Mueller and Müller are different people in American news), ``kh``
first, ``ou``, ``c``/``k``, ``ph``/``f``, ``s``/``z``, and the Ukrainian and Russian forms of one name
(Volodymyr/Vladimir, Oleksandr/Aleksandr): those are different written names, not spellings of one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import OSA, JaroWinkler

__all__ = [
    "COUNTRY_FORMS",
    "PersonName",
    "name_key",
    "parse_name",
    "same_person",
    "speaker_key",
    "spelling_variant",
    "split_title",
    "title_key",
    "titles_agree",
]

_CACHE = 65536

# --- Countries and nationalities: what a title or a description names a person's country by. -------------------

# Canonical short name → the forms an outlet writes (ASCII, case folded, periods removed): name, demonym, acronym.
COUNTRY_FORMS: dict[str, tuple[str, ...]] = {
    "us": ("us", "usa", "united states", "united states of america", "america", "american"),
    "russia": ("russia", "russian", "russian federation"),
    "ukraine": ("ukraine", "ukrainian"),
    "uk": ("uk", "united kingdom", "britain", "great britain", "british"),
    "china": ("china", "chinese", "prc", "peoples republic of china"),
    "france": ("france", "french"),
    "germany": ("germany", "german"),
    "turkey": ("turkey", "turkish", "turkiye"),
    "saudi arabia": ("saudi arabia", "saudi"),
    "israel": ("israel", "israeli"),
    "iran": ("iran", "iranian"),
    "iraq": ("iraq", "iraqi"),
    "syria": ("syria", "syrian"),
    "japan": ("japan", "japanese"),
    "india": ("india", "indian"),
    "pakistan": ("pakistan", "pakistani"),
    "afghanistan": ("afghanistan", "afghan"),
    "north korea": ("north korea", "north korean"),
    "south korea": ("south korea", "south korean"),
    "canada": ("canada", "canadian"),
    "mexico": ("mexico", "mexican"),
    "brazil": ("brazil", "brazilian"),
    "italy": ("italy", "italian"),
    "spain": ("spain", "spanish"),
    "poland": ("poland", "polish"),
    "belarus": ("belarus", "belarusian"),
    "georgia": ("georgia", "georgian"),
    "kazakhstan": ("kazakhstan", "kazakh"),
    "hungary": ("hungary", "hungarian"),
    "czech republic": ("czech republic", "czechia", "czech"),
    "romania": ("romania", "romanian"),
    "bulgaria": ("bulgaria", "bulgarian"),
    "greece": ("greece", "greek"),
    "sweden": ("sweden", "swedish"),
    "finland": ("finland", "finnish"),
    "norway": ("norway", "norwegian"),
    "denmark": ("denmark", "danish"),
    "netherlands": ("netherlands", "dutch"),
    "belgium": ("belgium", "belgian"),
    "switzerland": ("switzerland", "swiss"),
    "austria": ("austria", "austrian"),
    "estonia": ("estonia", "estonian"),
    "latvia": ("latvia", "latvian"),
    "lithuania": ("lithuania", "lithuanian"),
    "moldova": ("moldova", "moldovan"),
    "serbia": ("serbia", "serbian"),
    "armenia": ("armenia", "armenian"),
    "azerbaijan": ("azerbaijan", "azerbaijani"),
    "egypt": ("egypt", "egyptian"),
    "qatar": ("qatar", "qatari"),
    "uae": ("uae", "united arab emirates", "emirati"),
    "jordan": ("jordan", "jordanian"),
    "lebanon": ("lebanon", "lebanese"),
    "yemen": ("yemen", "yemeni"),
    "libya": ("libya", "libyan"),
    "palestine": ("palestine", "palestinian"),
    "australia": ("australia", "australian"),
    "new zealand": ("new zealand",),
    "south africa": ("south africa", "south african"),
    "nigeria": ("nigeria", "nigerian"),
    "kenya": ("kenya", "kenyan"),
    "ethiopia": ("ethiopia", "ethiopian"),
    "venezuela": ("venezuela", "venezuelan"),
    "cuba": ("cuba", "cuban"),
    "colombia": ("colombia", "colombian"),
    "argentina": ("argentina", "argentine", "argentinian"),
    "chile": ("chile", "chilean"),
    "taiwan": ("taiwan", "taiwanese"),
    "vietnam": ("vietnam", "vietnamese"),
    "philippines": ("philippines", "philippine", "filipino"),
    "indonesia": ("indonesia", "indonesian"),
    "thailand": ("thailand", "thai"),
}
# Bodies a title may be "of" ("NATO Secretary General", "State Department spokesperson"): not part of the office.
_BODY_FORMS = (
    "nato", "eu", "european union", "un", "united nations", "osce", "white house", "kremlin", "pentagon",
    "state department", "department of state", "foreign ministry", "ministry of foreign affairs", "defense ministry",
    "defence ministry", "foreign office", "administration", "biden administration", "trump administration",
)  # fmt: skip
_COUNTRY_OF_FORM = {form: country for country, forms in COUNTRY_FORMS.items() for form in forms}
# Country words that are also given names: never taken for a country when reading a name.
_NAME_LIKE_COUNTRIES = frozenset(
    {"jordan", "georgia", "chad", "israel", "india", "kenya", "america", "china", "france", "cuba", "iran", "chile"}
)


def _alternation(forms: Iterable[str]) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))


_PLACE_FORMS = _alternation([*_COUNTRY_OF_FORM, *_BODY_FORMS])
_OF_PLACE = re.compile(rf"\b(?:of|for|from|at|with|to)\s+(?:the\s+)?(?:{_PLACE_FORMS})\b(?:'s?)?")
_PLACE = re.compile(rf"(?<![\w'])(?:the\s+)?(?:{_PLACE_FORMS})(?:'s?)?(?![\w'])")
_COUNTRY = re.compile(rf"(?<![\w'])(?:{_alternation(_COUNTRY_OF_FORM)})(?:'s?)?(?![\w'])")

_NON_LETTERS = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"([a-z])\1+")


def _undouble(text: str) -> str:
    """Doubled letters made single, unless that leaves one letter ("III" is not an initial)."""
    single = _DOUBLED.sub(r"\1", text)
    return single if len(single) > 1 or len(text) <= 1 else text


@lru_cache(maxsize=_CACHE)
def _plain(word: str) -> str:
    """A word as ASCII letters, case folded, doubled letters made single: the form words are looked up by."""
    return _undouble(_NON_LETTERS.sub("", anyascii(word.casefold()).casefold()))


def _lexicon(words: str) -> frozenset[str]:
    """Words as they are looked up (``_plain``): "Ambassador" is "ambasador", "Sen." is "sen"."""
    return frozenset(_plain(w) for w in words.split())


# --- Words in and around names. -------------------------------------------------------------------------------

# Words that stand before a name without being part of it: honorifics, offices, descriptions, ranks. Case folded,
# without periods ("Sen." is "sen"). Reading backwards from the end of "Russia's deputy foreign minister Sergei
# Ryabkov", the name stops at the first of these.
_TITLE_WORDS = _lexicon(
    """
    mr mrs ms miss mx messrs dr prof sir dame lord lady rev reverend hon honorable sheikh sheik imam rabbi
    cardinal archbishop bishop ayatollah pope king queen prince princess crown monarch emperor
    president vicepresident presidentelect vice prime premier minister secretary undersecretary secretarygeneral
    deputy assistant ambassador envoy spokesperson spokesman spokeswoman adviser advisor counselor counsellor
    director chairman chairwoman chairperson chair chief chancellor governor gov senator sen representative rep
    congressman congresswoman mayor general gen admiral adm commander cmdr colonel col lieutenant lt captain capt
    sergeant sgt marshal speaker leader attorney justice judge commissioner coordinator administrator executive ceo
    officer head manager editor professor correspondent reporter columnist analyst expert official negotiator
    diplomat researcher fellow scholar strategist economist lawmaker legislator aide founder member officials
    spokespeople czar
    """
)
# Office words that are also surnames: allowed as the last word of a name ("Martin Luther King").
_SURNAME_TITLES = _lexicon("king prince bishop judge pope cardinal marshal chancellor")
# Organization words: "State Department" is not a person.
_ORGANIZATION_WORDS = _lexicon(
    """
    department ministry council organization organisation agency alliance union commission committee institute
    center centre foundation fund bank party parliament assembly court office service corporation university
    association federation forces group house kremlin pentagon administration government embassy mission
    """
)
# Words that end a name read backwards and are never part of one.
_NOT_NAME_WORDS = _lexicon("and the of for with from by at then former acting")
_PARTICLES = _lexicon("de da del della di du des la le van von der den ter ten bin ibn al el dos das do")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ul)[-\s'’]+(?=\w)", re.IGNORECASE)
_SUFFIXES = {"jr": "jr", "jnr": "jr", "sr": "sr", "snr": "sr", "ii": "ii", "iii": "iii", "iv": "iv", "2nd": "ii"}
_SUFFIXES |= {"3rd": "iii", "4th": "iv"}
_DEGREES = _lexicon("phd md esq mp mep obe mbe cbe kbe qc kc")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)
_INITIAL = re.compile(r"^(?:[^\W\d_]\.?|(?:[^\W\d_]\.){2,}|[^\W\d_]\.[^\W\d_])$")
_SPACE = re.compile(r"\s+")

# --- Transliteration folds (see the module docstring). -------------------------------------------------------

_COMMON_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[a-z])ks(?=[aeiouy])"), "x"),
    (re.compile(r"(?<=[a-z])kh(?=[aeiouy])"), "h"),
    (re.compile(r"(?<=[a-z])gu(?=[ei])"), "g"),
    (re.compile(r"(?<=[tlndrs])j(?=[aeiou])"), "y"),
    (re.compile(r"^you(?=[b-df-hj-mp-tv-z])"), "yu"),
    (re.compile(r"^iu"), "yu"),
    (re.compile(r"(?<=[a-z]{3})(?:iy|yy|ii|ij|yj)$|(?<=k)yi$"), "y"),
    (re.compile(r"ski$"), "sky"),
    (re.compile(r"e[yj]$"), "ei"),
    (re.compile(r"(?<=[b-df-hj-np-tv-z])i?ya$"), "ia"),
)
_SURNAME_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = ((re.compile(r"(?<=[b-df-hj-np-tv-z])y(?=[au])"), "i"),)

# Folded given names (after the rules above) → one spelling.
_GIVEN_NAME_VARIANTS: dict[str, str] = {
    "dmitri": "dmitry", "yuri": "yury", "vasili": "vasily", "anatoli": "anatoly", "valeri": "valery",
    "genadi": "genady", "vitali": "vitaly", "arkadi": "arkady", "georgi": "georgy", "grigori": "grigory",
    "evgeni": "yevgeny", "evgeny": "yevgeny", "yevgeni": "yevgeny", "alexandr": "alexander", "nikolay": "nikolai",
    "tatyana": "tatiana", "petr": "pyotr", "fedor": "fyodor", "semen": "semyon",
    "mohamed": "muhamad", "mohamad": "muhamad", "muhamed": "muhamad", "mohamud": "muhamad",
}  # fmt: skip

# Nicknames → the given names they are short for. Only a nickname and its name agree, never two nicknames of
# one name (Bill and Will Smith may be two people). Folded when first used (``_nicknames``).
_NICKNAME_NAMES: dict[str, str] = {
    "tony": "antony anthony", "bill": "william", "will": "william", "billy": "william", "bob": "robert",
    "rob": "robert", "bobby": "robert", "robbie": "robert", "dick": "richard", "rick": "richard", "rich": "richard",
    "jim": "james", "jimmy": "james", "jamie": "james", "joe": "joseph", "joey": "joseph", "mike": "michael",
    "mick": "michael", "tom": "thomas", "tommy": "thomas", "chris": "christopher christine christina",
    "charlie": "charles", "chuck": "charles", "ed": "edward", "eddie": "edward", "ted": "edward", "ned": "edward",
    "dan": "daniel", "danny": "daniel", "dave": "david", "steve": "steven stephen", "liz": "elizabeth",
    "beth": "elizabeth", "betty": "elizabeth", "kate": "katherine catherine kathryn", "kathy": "katherine kathryn",
    "katie": "katherine catherine kathryn", "cathy": "catherine", "maggie": "margaret", "peggy": "margaret",
    "meg": "margaret", "pat": "patrick patricia", "jen": "jennifer", "jenny": "jennifer", "becky": "rebecca",
    "sue": "susan", "deb": "deborah", "debbie": "deborah", "sam": "samuel", "ben": "benjamin", "nick": "nicholas",
    "matt": "matthew", "andy": "andrew", "drew": "andrew", "alex": "alexander alexandra", "greg": "gregory",
    "jeff": "jeffrey", "josh": "joshua", "jon": "jonathan", "jack": "john", "johnny": "john", "ken": "kenneth",
    "larry": "lawrence", "ron": "ronald", "don": "donald", "jerry": "gerald", "tim": "timothy", "pete": "peter",
    "phil": "philip", "fred": "frederick", "al": "albert", "hank": "henry", "harry": "henry", "jake": "jacob",
    "abe": "abraham", "vlad": "vladimir",
}  # fmt: skip


@lru_cache(maxsize=_CACHE)
def _fold(word: str, surname: bool) -> str:
    """A name part folded for identity: transliteration variants made one (see the module docstring)."""
    text = _NON_LETTERS.sub("", anyascii(word.casefold()).casefold())
    folds = _COMMON_FOLDS + _SURNAME_FOLDS if surname else _COMMON_FOLDS
    for _ in range(8):
        before = text
        for pattern, replacement in folds:
            text = pattern.sub(replacement, text)
        text = _undouble(text)
        if not surname:
            text = _GIVEN_NAME_VARIANTS.get(text, text)
        if text == before:
            break
    return text


def _is_word(word: str, words: frozenset[str]) -> bool:
    """Whether a written word is one of ``words``, as plainly written or as a folded first name."""
    return _plain(word) in words or _fold(word, False) in words


# --- Parsing names. ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonName:
    """A person's name in its parts, as written (honorifics, titles and possessives left off).

    ``last`` keeps its particles ("de la Fuente", "al-Assad"); ``first`` is None for a bare surname ("Ryabkov");
    ``suffix`` is the generation, folded ("jr", "sr", "ii", "iii", "iv").
    """

    first: str | None
    middle: tuple[str, ...]
    last: str
    suffix: str | None = None

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.first, *self.middle, self.last, _written_suffix(self.suffix)) if p)


def _written_suffix(suffix: str | None) -> str:
    if not suffix:
        return ""
    return f"{suffix.capitalize()}." if suffix in ("jr", "sr") else suffix.upper()


def _is_initial(word: str) -> bool:
    return bool(_INITIAL.match(word))


def _tokens(text: str) -> list[str]:
    """The words of a name or a title phrase, a final possessive ("Putin's") dropped."""
    text = _plain_quotes(text).strip().strip(',;:"“”()[]')
    words = [w.strip('"“”()[];:') for w in _SPACE.split(text)]
    words = [w for w in words if _plain(w)]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1].rstrip(","))
    return [w for w in words if _plain(w)]


def _plain_quotes(text: str) -> str:
    """The text with typographic apostrophes made plain ("Russia’s" → "Russia's")."""
    return text.replace("’", "'").replace("‘", "'")


def _suffix_of(words: list[str]) -> tuple[list[str], str | None]:
    """The words less a trailing generation suffix ("Jr.", "III") and degrees ("Ph.D."), and the suffix."""
    suffix = None
    while len(words) > 2 and _plain(words[-1]) in _DEGREES and not _is_initial(words[-2]):
        words = words[:-1]
    if len(words) > 2 and not _is_initial(words[-2]):
        suffix = _suffix_key(words[-1])
        if suffix:
            words = words[:-1]
    return words, suffix


def _is_title_word(word: str) -> bool:
    return _is_word(word, _TITLE_WORDS)


@lru_cache(maxsize=1)
def _country_phrases() -> frozenset[str]:
    """Country forms as words are looked up, less those that are also given names."""
    phrases = set()
    for form in _COUNTRY_OF_FORM:
        if form not in _NAME_LIKE_COUNTRIES:
            phrases.add(" ".join(_plain(w) for w in form.split()))
            phrases.add(" ".join(_fold(w, False) for w in form.split()))
    return frozenset(phrases)


def _country_at(words: list[str], index: int) -> bool:
    """Whether ``words[index]`` ends a country's name or nationality ("Russian", "Saudi Arabia", "U.S.")."""
    phrases = _country_phrases()
    for size in (1, 2, 3):
        if index - size + 1 < 0:
            break
        part = [_POSSESSIVE.sub("", w) for w in words[index - size + 1 : index + 1]]
        if " ".join(_plain(w) for w in part) in phrases or " ".join(_fold(w, False) for w in part) in phrases:
            return True
    return False


def _is_acronym(word: str) -> bool:
    return len(word) >= 3 and word.isupper() and word.isalpha()


def _ends_name(words: list[str], index: int, strict: bool) -> bool:
    """Whether ``words[index]``, read backwards from the end of a name, is not part of it (a title, a country…)."""
    word = words[index]
    if _is_title_word(word) or _is_word(word, _NOT_NAME_WORDS) or _POSSESSIVE.search(word):
        return True
    if _is_word(word, _ORGANIZATION_WORDS) or _country_at(words, index):
        return True
    if index > 0 and _plain(words[index - 1]) in {"of", "for", "to"}:
        return True  # "Secretary of State Antony Blinken": State is the office's
    return strict and (_is_acronym(word) or (word[:1].islower() and _plain(word) not in _PARTICLES))


def _suffix_key(word: str) -> str | None:
    key = word.casefold().rstrip(".") if word[:1].isdigit() else _NON_LETTERS.sub("", word.casefold())
    return _SUFFIXES.get(key)


def _split(text: str, strict: bool) -> tuple[list[str], list[str], str | None]:
    """A title-and-name phrase as its title words, its name words and the name's suffix.

    Read backwards from the end: the name is the run of words before which a title word, a country, a
    possessive or "of" stands. ``strict`` (for speakers) wants a capitalized last word that is not an office, an
    organization or a country; otherwise the last word is always the surname ("Martin Luther King").
    """
    head, _, tail = text.partition(",")
    words = _tokens(head)
    after = _tokens(tail) if tail else []
    suffix = None
    title_after: list[str] = []
    if after:
        if len(after) == 1 and _suffix_key(after[0]):
            suffix = _suffix_key(after[0])  # "King, Jr."
        elif len(words) == 1 and len(after) <= 3 and not any(_ends_name(after, i, strict) for i in range(len(after))):
            words = [*after, *words]  # "Blinken, Antony"
        else:
            title_after = after  # "Price, a State Department spokesperson"
    words, own_suffix = _suffix_of(words)
    suffix = suffix or own_suffix
    if not words:
        return title_after, [], suffix
    last = words[-1]
    if strict and (
        not (last[:1].isupper() or _ARABIC_ARTICLE.match(last))
        or (_is_title_word(last) and _plain(last) not in _SURNAME_TITLES)
        or _is_word(last, _ORGANIZATION_WORDS)
        or _country_at(words, len(words) - 1)
        or _is_acronym(last)
    ):
        return words + title_after, [], suffix
    start = len(words) - 1
    while start > 0 and not _ends_name(words, start - 1, strict):
        start -= 1
    return words[:start] + title_after, words[start:], suffix


def split_title(text: str) -> tuple[str | None, str]:
    """A phrase such as "Russia's deputy foreign minister Sergei Ryabkov" split into its title and its name.

    ``("Russia's deputy foreign minister", "Sergei Ryabkov")``; a phrase with no name gives ``(phrase, "")``
    ("State Department spokesperson"), one with no title ``(None, name)``.
    """
    title_words, name_words, suffix = _split(text, strict=True)
    title = " ".join(title_words).strip(" ,") or None
    name = " ".join(name_words)
    if name and suffix:
        name = f"{name} {_written_suffix(suffix)}"
    return title, name


@lru_cache(maxsize=_CACHE)
def parse_name(text: str) -> PersonName:
    """A name in its parts: "Sergei A. Ryabkov" → first Sergei, middle (A.,), last Ryabkov.

    Honorifics and titles before the name are dropped ("Dr. Jill Biden", "Deputy Secretary of State Wendy
    Sherman"), and so is a possessive ("Putin's"). Particles before the surname belong to it ("Charles de
    Gaulle", "Ludwig van Beethoven") unless the name starts with one ("Van Morrison"); a hyphenated surname is one
    word ("Ocasio-Cortez"); "Blinken, Antony" is read as "Antony Blinken" and "King, Jr." as a suffix.
    """
    _, words, suffix = _split(text, strict=False)
    if not words:
        return PersonName(first=None, middle=(), last="", suffix=suffix)
    start = len(words) - 1
    while start > 1 and _plain(words[start - 1]) in _PARTICLES and not _is_initial(words[start - 1]):
        start -= 1
    last = " ".join(words[start:])
    rest = words[:start]
    if not rest:
        return PersonName(first=None, middle=(), last=last, suffix=suffix)
    return PersonName(first=rest[0], middle=tuple(rest[1:]), last=last, suffix=suffix)


# --- Keys and comparison. ------------------------------------------------------------------------------------


def _surname_key(last: str) -> str:
    return _fold(_ARABIC_ARTICLE.sub("", last), True)


def _first_key(first: str | None) -> str:
    return _fold(first, False) if first else ""


@lru_cache(maxsize=_CACHE)
def name_key(text: str) -> str:
    """A folded key for a person's exact identity: "Sergei A. Ryabkov" and "Sergey Riabkov" → "sergei riabkov".

    First name and surname only (middle names and initials dropped), plus a generation suffix when one is
    written with a first name ("martin king jr"); a bare surname is its own key ("ryabkov"). Folds: see the
    module docstring.
    """
    name = parse_name(text)
    first = _first_key(name.first)
    # A suffix with a bare surname is left out: "King Jr." alone is "king", as "King" is.
    parts = [first, _surname_key(name.last), name.suffix if first else ""]
    return " ".join(p for p in parts if p)


def _initial_letter(word: str) -> str:
    return anyascii(word.casefold())[:1].casefold()


def _middle_keys(name: PersonName) -> set[str]:
    return {_fold(m, False) for m in name.middle if not _is_initial(m)}


def _surnames_agree(a: PersonName, b: PersonName) -> bool:
    la, lb = _surname_key(a.last), _surname_key(b.last)
    if not la or not lb:
        return False
    if la == lb:
        return True
    # A double surname written with and without its hyphen: "Ocasio Cortez", "Ocasio-Cortez".
    for x, ly in ((a, lb), (b, la)):
        if x.middle and not _is_initial(x.middle[-1]) and _surname_key(x.middle[-1] + x.last) == ly:
            return True
    return False


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[str]]:
    return {
        _fold(nick, False): frozenset(_fold(name, False) for name in names.split())
        for nick, names in _NICKNAME_NAMES.items()
    }


def _nickname_of(a: str, b: str) -> bool:
    """Whether folded first name ``a`` is a nickname of folded first name ``b`` ("joe", "joseph")."""
    names = _nicknames().get(a)
    return names is not None and b in names


def _first_names_agree(a: PersonName, b: PersonName) -> bool:
    """Whether two first names may be one person's: equal keys, an initial, a nickname, a middle name used."""
    if not a.first or not b.first:
        return True
    fa, fb = _first_key(a.first), _first_key(b.first)
    if fa == fb:
        return True
    if _is_initial(a.first) or _is_initial(b.first):
        return _initial_letter(a.first) == _initial_letter(b.first)
    if _nickname_of(fa, fb) or _nickname_of(fb, fa):
        return True
    if fa in _middle_keys(b) or fb in _middle_keys(a):
        return True  # "Tayyip Erdogan", "Recep Tayyip Erdogan"
    # A hyphenated first name written with a space: "Jean-Luc", "Jean Luc".
    joined_a = _fold(a.first + a.middle[0], False) if a.middle and not _is_initial(a.middle[0]) else ""
    joined_b = _fold(b.first + b.middle[0], False) if b.middle and not _is_initial(b.middle[0]) else ""
    return fa in (joined_b,) or fb in (joined_a,)


def _suffixes_agree(a: PersonName, b: PersonName) -> bool:
    return a.suffix is None or b.suffix is None or a.suffix == b.suffix


@lru_cache(maxsize=_CACHE)
def _same_person(a: str, b: str) -> bool:
    pa, pb = parse_name(a), parse_name(b)
    return _surnames_agree(pa, pb) and _suffixes_agree(pa, pb) and _first_names_agree(pa, pb)


def same_person(a: str, b: str) -> bool:
    """Whether two names can be one person's.

    The surnames' keys must be equal; the first names must agree: equal keys, or one an initial of the other
    ("A. Blinken"), a nickname of it ("Joe", "Joseph R. Biden Jr."), the other's middle name ("Tayyip Erdogan"),
    or missing (a bare surname: "Ryabkov" matches any Ryabkov). Middle initials never matter. Joe and Jill
    Biden are two people.
    """
    return _same_person(*sorted((a, b)))


# Sound-alike spellings of one first name: silent or added h (Anthony/Antony, John/Jon, Sarah/Sara), c/k
# (Eric/Erik, Mark/Marc, Carl/Karl), y/i inside (Brian/Bryan), ph/f (Philip/Filip).
_SILENT_H = (re.compile(r"(?<=[tdgr])h"), re.compile(r"(?<=[aeiou])h(?![aeiouy])"))


def _sounds(name: str) -> str:
    text = name.replace("ph", "f")
    for pattern in _SILENT_H:
        text = pattern.sub("", text)
    text = text.replace("k", "c")
    if len(text) > 2:
        text = text[0] + text[1:-1].replace("y", "i") + text[-1]
    return _DOUBLED.sub(r"\1", text)


def _first_name_variants(fa: str, fb: str, threshold: float) -> bool:
    """Whether two different first names are spellings of one name rather than two names.

    Equal once sounded alike (Antony/Anthony, Jon/John, Brian/Bryan, Eric/Erik), or one typing slip inside a
    name of five letters or more that leaves its last two letters alone (Katherine/Katharine, Fredrick/Frederick).
    Never a change at the end, where names change sex: Ivan/Ivana, Daniel/Daniela, Louis/Louise, Toni/Tony,
    Francis/Frances stay two names, and so do Joe/Jill.
    """
    if not fa or not fb or (fa[0] != fb[0] and {fa[0], fb[0]} != {"c", "k"}):
        return False
    if _sounds(fa) == _sounds(fb):
        return True
    return (
        min(len(fa), len(fb)) >= 5
        and fa[-2:] == fb[-2:]
        and OSA.distance(fa, fb) == 1
        and JaroWinkler.similarity(fa, fb) >= threshold
    )


def _similar_surnames(la: str, lb: str, threshold: float) -> bool:
    if min(len(la), len(lb)) < 4:
        return False
    if la.startswith(lb) or lb.startswith(la):
        return True  # "Blink" for "Blinken"
    return JaroWinkler.similarity(la, lb) >= threshold


@lru_cache(maxsize=_CACHE)
def _spelling_variant(a: str, b: str, threshold: float) -> bool:
    if _same_person(a, b):
        return False
    pa, pb = parse_name(a), parse_name(b)
    if not (pa.first and pb.first and pa.last and pb.last) or not _suffixes_agree(pa, pb):
        return False
    if _is_initial(pa.first) or _is_initial(pb.first):
        return False
    fa, fb = _first_key(pa.first), _first_key(pb.first)
    la, lb = _surname_key(pa.last), _surname_key(pb.last)
    if fa == fb or _nickname_of(fa, fb) or _nickname_of(fb, fa):
        return la != lb and _similar_surnames(la, lb, threshold)
    if _surnames_agree(pa, pb):
        return _first_name_variants(fa, fb, threshold)
    return False


def spelling_variant(a: str, b: str, threshold: float = 0.9) -> bool:
    """Whether two names that are not one person's by their keys are likely one person's, misspelt.

    Either the same first name (or a nickname of it) and surnames alike: Jaro–Winkler similarity at least
    ``threshold``, or one the beginning of the other, of four letters or more ("Antony Blink", "Antony
    Blinken"). Or the same surname and first names that are spellings of one name (``_first_name_variants``):
    "Anthony Blinken" for "Antony Blinken" is a spelling to check, not another person. Both first names must
    be written in full. Never two names (Joe and Jill Biden, Ivana and Ivanka Trump).
    """
    x, y = sorted((a, b))
    return _spelling_variant(x, y, threshold)


# --- Titles. ------------------------------------------------------------------------------------------------

_ABBREVIATION_DOTS = re.compile(r"(?<![a-z])([a-z])\.")
_TITLE_PUNCTUATION = re.compile(r"[^\w\s']+|_")
_POSSESSOR = re.compile(r"\b[\w.]+'s?(?=\s|$)")
_AFFILIATION = re.compile(r"\s(?:at|with)\s(?!large\b).*$")
_TITLE_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\badvisor\b"), "adviser"),
    (re.compile(r"\bcounsellor\b"), "counselor"),
    (re.compile(r"\bspokes(?:man|woman|person)\b"), "spokesperson"),
    (re.compile(r"\bchair(?:man|woman|person)\b"), "chair"),
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\bunder\s+secretary\b"), "undersecretary"),
    (re.compile(r"\bminister\s+(?:of|for)\s+(?:the\s+)?(\w+)(?:\s+affairs)?\b"), r"\1 minister"),
    (re.compile(r"\b(\w+)\s+affairs\s+minister\b"), r"\1 minister"),
    (
        re.compile(
            r"\b(state|defense|treasury|commerce|labor|energy|education|agriculture|transportation|interior"
            r"|homeland\s+security|veterans\s+affairs|health)\s+secretary\b"
        ),
        r"secretary of \1",
    ),
)
_FILLER = re.compile(r"\b(?:a|an|the|then|current|currently|now|newly)\b")
_INFORMAL = re.compile(r"\btop\b")
# The office nouns: a title whose head noun is not one of these is a description ("expert", "top diplomat").
_OFFICES = frozenset(
    """
    president premier minister secretary undersecretary ambassador envoy spokesperson adviser counselor director
    chair chief chancellor governor senator representative congressman congresswoman mayor general admiral
    commander colonel lieutenant captain major sergeant marshal king queen prince princess monarch emperor pope
    speaker leader justice judge commissioner coordinator administrator executive ceo officer head manager editor
    professor dean provost rector attorney prosecutor ombudsman treasurer emir sultan sheikh ayatollah patriarch
    archbishop bishop cardinal elect designate chairman
    """.split()
)
# Words that make another office of the same noun: "deputy secretary of state" is not "secretary of state".
_RANK_WORDS = frozenset(
    """
    former acting deputy vice assistant under undersecretary prime general elect designate interim principal
    associate executive chief first second lieutenant sub co honorary emeritus
    """.split()
)
_HEAD_BEFORE = re.compile(r"^(.*?)(?:\s+(?:of|for|to|on|in|at|with)\s|$)")


def _office_head(key: str) -> str:
    """The title's head noun: the last word before its first preposition ("secretary" of "secretary of state")."""
    match = _HEAD_BEFORE.match(key)
    words = (match.group(1) if match else key).split()
    return words[-1] if words else ""


def _title_text(title: str) -> str:
    text = anyascii(title.casefold()).casefold()
    text = _ABBREVIATION_DOTS.sub(r"\1", text)  # "u.s." → "us"
    text = text.replace("-", " ").replace("–", " ")
    text = _TITLE_PUNCTUATION.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=_CACHE)
def title_key(title: str) -> str | None:
    """A title reduced to the office it names, for comparing two outlets' titles of one person.

    Countries, nationalities and bodies are left out ("U.S.", "Russian", "Russia's", "of the United States",
    "NATO"), and so are articles, possessors and affiliations ("at CNA"); spellings are made one (adviser/advisor,
    spokesman/spokesperson, Secretary-General/Secretary General, minister of foreign affairs/foreign minister,
    defense secretary/secretary of defense). "U.S. Deputy Secretary of State" → "deputy secretary of state";
    "Russia's deputy foreign minister" → "deputy foreign minister". Former, acting, deputy and vice stay: they
    change the office.

    None for a description that names no office: "top U.S. negotiator", "top diplomat", "analyst", "a Russian
    expert at research organization CNA", "official". Those are never compared.
    """
    text = _title_text(title)
    if not text or _INFORMAL.search(text):
        return None
    text = _OF_PLACE.sub(" ", text)
    text = _PLACE.sub(" ", text)
    text = _POSSESSOR.sub(" ", text)
    text = _AFFILIATION.sub("", " " + text).strip()
    text = _FILLER.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    for pattern, replacement in _TITLE_SPELLINGS:
        text = pattern.sub(replacement, text)
    text = _SPACE.sub(" ", text).strip()
    if not text or _office_head(text) not in _OFFICES:
        return None
    return text


def titles_agree(a: str | None, b: str | None) -> bool:
    """Whether two outlets' titles for one person agree.

    True when either is not a formal office (``title_key`` None) or missing; when both name the same office; or
    when one is the other with words that do not change the office left out ("deputy secretary" and "deputy
    secretary of state", "adviser" and "national security adviser"). Never when the words left out change it:
    "secretary of state" and "deputy secretary of state", "president" and "former president" disagree.
    """
    ka = title_key(a) if a else None
    kb = title_key(b) if b else None
    if ka is None or kb is None or ka == kb:
        return True
    wa, wb = set(ka.split()), set(kb.split())
    if wa <= wb or wb <= wa:
        return not (wa ^ wb) & _RANK_WORDS
    return False


# --- Speakers. ----------------------------------------------------------------------------------------------


@lru_cache(maxsize=_CACHE)
def speaker_key(text: str) -> str:
    """A key for who said something: a named person's ``name_key``, or an unnamed speaker's folded description.

    "Kremlin spokesman Dmitry Peskov" → "dmitry peskov"; "a State Department spokesman" and "State Department
    spokesperson" → "state department spokesperson"; "a senior U.S. official" and "a senior American official"
    → "senior us official" (the country kept, written one way: a Russian official is another speaker).
    """
    _, name = split_title(text)
    if name:
        return name_key(name)
    folded = _title_text(text)
    folded = _COUNTRY.sub(lambda m: _COUNTRY_OF_FORM[_SPACE.sub(" ", m.group(0)).split("'")[0]], folded)
    folded = _FILLER.sub(" ", folded)
    for pattern, replacement in _TITLE_SPELLINGS:
        folded = pattern.sub(replacement, folded)
    return _SPACE.sub(" ", folded).strip()
