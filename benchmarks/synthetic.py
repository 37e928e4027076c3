"""Synthetic news articles about the January 2022 U.S.–Russia talks, for benchmarking factcheck at scale.

Every article is a Markdown file with the YAML front matter factcheck expects (outlet, title, published) and a
body of 8–20 content paragraphs built from varied templates: sentences stating the facts that
``rules/geneva-2022.yaml`` knows (troops at the border, the 175,000 offensive estimate, the length and day of the
Geneva meeting, the NATO–Russia Council and OSCE meetings, U.S. aid, the draft treaties, …) with varied wordings,
qualifiers and figures, mixed with filler sentences carrying other numbers, dates, places and quotes, and the page
furniture web captures carry ("Subscribe to …", "More: …", "More from …"). Some articles are hard-wrapped, some
repeat a paragraph, a few state a fact wrongly — the kinds of input the real pipeline meets.

The output is deterministic for a seed: article ``i`` draws from its own generator seeded from
``random.Random(seed)``, so a corpus of 100 articles is the first 100 files of a corpus of 1,000.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

__all__ = ["OUTLETS", "write_corpus"]


@dataclass(frozen=True)
class Outlet:
    name: str
    slug: str
    masthead: str | None = None  # a first line some captures carry
    wraps: bool = False  # hard-wrapped captures (plain-text exports)


OUTLETS: tuple[Outlet, ...] = (
    Outlet("The Washington Post", "washington-post", "The Washington PostDemocracy Dies in Darkness"),
    Outlet("USA TODAY", "usa-today", "Skip to main content"),
    Outlet("Foreign Policy", "foreign-policy"),
    Outlet("The Week", "the-week"),
    Outlet("Security Management", "security-management", "Skip to content"),
    Outlet("The Guardian", "guardian"),
    Outlet("Reuters", "reuters", wraps=True),
    Outlet("Associated Press", "ap", wraps=True),
    Outlet("Politico Europe", "politico-eu"),
    Outlet("Deutsche Welle", "dw"),
    Outlet("The Kyiv Independent", "kyiv-independent"),
    Outlet("Euronews", "euronews", "Skip to main content"),
    Outlet("The Hill", "the-hill"),
    Outlet("NPR", "npr", wraps=True),
    Outlet("Al Jazeera", "al-jazeera"),
    Outlet("Radio Free Europe", "rferl"),
)

# Publication days around the talks (Sunday 9 to Thursday 13 January 2022), weighted towards Monday and Tuesday.
PUBLISHED = (
    (dt.date(2022, 1, 9), 2),
    (dt.date(2022, 1, 10), 4),
    (dt.date(2022, 1, 11), 3),
    (dt.date(2022, 1, 12), 2),
    (dt.date(2022, 1, 13), 2),
)
TALKS_DAY = dt.date(2022, 1, 10)
COUNCIL_DAY = dt.date(2022, 1, 12)
OSCE_DAY = dt.date(2022, 1, 13)

OFFICIALS = (
    ("Deputy Secretary of State Wendy Sherman", "Sherman"),
    ("Russian Deputy Foreign Minister Sergei Ryabkov", "Ryabkov"),
    ("Secretary of State Antony Blinken", "Blinken"),
    ("NATO Secretary General Jens Stoltenberg", "Stoltenberg"),
    ("Kremlin spokesman Dmitry Peskov", "Peskov"),
    ("Foreign Minister Sergei Lavrov", "Lavrov"),
    ("Ukrainian President Volodymyr Zelensky", "Zelensky"),
    ("State Department spokesman Ned Price", "Price"),
    ("national security adviser Jake Sullivan", "Sullivan"),
    ("Deputy Foreign Minister Alexander Grushko", "Grushko"),
    ("EU foreign policy chief Josep Borrell", "Borrell"),
    ("Ukrainian Foreign Minister Dmytro Kuleba", "Kuleba"),
)
FIRST_NAMES = (
    "Anna",
    "Michael",
    "Olga",
    "James",
    "Katarzyna",
    "Dmitri",
    "Rachel",
    "Tomas",
    "Yulia",
    "Samuel",
    "Irina",
    "Daniel",
    "Marta",
    "Alexei",
    "Claire",
    "Pavel",
    "Helen",
    "Oleksandr",
    "Nina",
    "Robert",
)
LAST_NAMES = (
    "Kovalenko",
    "Harris",
    "Petrova",
    "Lindqvist",
    "Novak",
    "Whitaker",
    "Sokolov",
    "Brennan",
    "Marchetti",
    "Zhukova",
    "Fischer",
    "Tkachenko",
    "Moreau",
    "Galeotti",
    "Abrams",
    "Kowalski",
    "Volkova",
    "Reid",
)
THINK_TANKS = (
    "the Carnegie Endowment for International Peace",
    "CNA",
    "the Atlantic Council",
    "Chatham House",
    "the Center for Strategic and International Studies",
    "the Royal United Services Institute",
    "the European Council on Foreign Relations",
    "the Kennan Institute",
    "Defense Priorities",
    "the Institute for the Study of War",
    "the German Marshall Fund",
)
ROLES = (
    "a Russia expert",
    "a senior fellow",
    "a former diplomat",
    "a military analyst",
    "director of research",
    "a former NATO official",
    "a professor of political science",
    "a security analyst",
)
CITIES = (
    "Kyiv",
    "Moscow",
    "Washington",
    "Berlin",
    "Warsaw",
    "Kharkiv",
    "Minsk",
    "Paris",
    "London",
    "Riga",
    "Vilnius",
    "Tallinn",
    "Odesa",
    "Bucharest",
    "Rome",
    "Madrid",
    "Prague",
    "Helsinki",
    "Stockholm",
    "Ankara",
)
REGIONS = ("Eastern Europe", "the Baltics", "the Black Sea region", "Central Europe", "Poland and the Baltics")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SHORT_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
QUOTES = (
    "We are fed up with loose talk, half-promises and misinterpretations",
    "There will be massive consequences for Russia if it renews its aggression",
    "We must give diplomacy and dialogue the time and space required",
    "We need ironclad, waterproof, bulletproof, legally binding guarantees",
    "Nothing about Ukraine without Ukraine",
    "The door of NATO is open, and it will stay open",
    "We do not want a conflict, but we are ready for one",
    "It is hard to see progress while a gun is held to Ukraine’s head",
    "This is a moment of truth for European security",
    "The ball is in Moscow’s court now",
    "We were firm in pushing back on proposals that are simply nonstarters",
    "I don’t consider the situation hopeless",
    "Russia has a stark choice to make",
    "These are not negotiations, they are a discussion of concerns",
)
TEASERS = (
    "What's happening in Ukraine? Russian troops at border raise new invasion fear",
    "Biden warns Putin of harsh consequences if Russia invades Ukraine",
    "From Reagan and Gorbachev to Biden and Putin: how the relationship has evolved",
    "Russia's rifts with the West keep growing. How did we get here?",
    "Why Kazakhstan's unrest matters to the Kremlin",
    "Europe braces for a winter of high gas prices",
    "Inside the trenches of eastern Ukraine",
    "Ahead of talks, U.S. again warns Putin of consequences",
    "Analysis: What Putin really wants from NATO",
    "Photos: Life on Ukraine's front line",
)

Sentence = Callable[[random.Random, "Context"], str]
T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What the sentences of one article share: its outlet and its publication day."""

    outlet: Outlet
    published: dt.date

    @property
    def before_talks(self) -> bool:
        return self.published < TALKS_DAY

    def upcoming(self, day: dt.date) -> bool:
        return self.published < day


def _pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def _num(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _person(rng: random.Random) -> str:
    return f"{_pick(rng, FIRST_NAMES)} {_pick(rng, LAST_NAMES)}"


def _official(rng: random.Random) -> tuple[str, str]:
    return _pick(rng, OFFICIALS)


def _quote(rng: random.Random) -> str:
    return f"“{_pick(rng, QUOTES)},”"


def _short_date(day: dt.date) -> str:
    return f"{SHORT_MONTHS[day.month - 1]} {day.day}"


# --- Sentences stating the facts the Geneva rules know -----------------------------------------------------------

_TROOP_FIGURES = (100_000, 100_000, 100_000, 100_000, 100_000, 90_000, 94_000, 95_000, 97_000, 106_000, 110_000)
_TROOP_QUALIFIERS = ("more than", "almost", "nearly", "about", "some", "roughly", "over", "an estimated", "")
_TROOP_UNITS = ("troops", "troops", "soldiers", "forces", "servicemen")
_BORDER_PLACES = (
    "along Ukraine’s border",
    "near the Ukrainian border",
    "on its border with Ukraine",
    "close to Ukraine’s eastern frontier",
    "around Ukraine",
    "near Ukraine’s borders",
    "along the frontier with Ukraine",
)


def _troops_phrase(rng: random.Random) -> str:
    qualifier = _pick(rng, _TROOP_QUALIFIERS)
    figure = _pick(rng, _TROOP_FIGURES)
    number = "a hundred thousand" if figure == 100_000 and rng.random() < 0.05 else _num(figure)
    return f"{qualifier} {number}".strip()


def troops_at_border(rng: random.Random, ctx: Context) -> str:
    phrase, unit, place = _troops_phrase(rng), _pick(rng, _TROOP_UNITS), _pick(rng, _BORDER_PLACES)
    forms = (
        f"Russia has amassed {phrase} {unit} {place}, igniting fears of a fresh conflict.",
        f"{phrase[0].upper()}{phrase[1:]} Russian {unit} have massed on the Ukrainian border, and analysts warn of "
        "an attack within weeks.",
        f"Moscow has stationed {phrase} {unit} {place}, according to Western officials.",
        f"The Russian military buildup of {phrase} {unit} near Ukraine has alarmed Kyiv and its allies.",
        f"Washington and Kyiv have accused Russia of concentrating {phrase} {unit} {place} in an apparent threat "
        "of a multipronged attack.",
        f"Russia has deployed {phrase} {unit} {place}, satellite images show.",
        f"With {phrase} {unit} positioned {place}, the Kremlin holds the initiative.",
        f"The talks come as Moscow keeps {phrase} {unit} gathered {place}.",
    )
    return _pick(rng, forms)


def offensive_estimate(rng: random.Random, ctx: Context) -> str:
    figure = _num(175_000 if rng.random() < 0.93 else _pick(rng, (170_000, 180_000)))
    unit = _pick(rng, ("troops", "forces", "soldiers"))
    forms = (
        f"U.S. intelligence has found that Moscow is planning an offensive that could include as many as "
        f"{figure} {unit}.",
        f"American officials estimate an invasion force could reach {figure} {unit} early next year.",
        f"Intelligence assessments suggest an offensive involving up to {figure} {unit} could begin as early as "
        "late January.",
        f"Russia is planning a multi-front offensive involving {figure} {unit}, U.S. intelligence warns.",
        f"A U.S. intelligence estimate put the size of a possible invasion force at {figure} {unit}.",
    )
    return _pick(rng, forms)


def meeting_duration(rng: random.Random, ctx: Context) -> str:
    if ctx.before_talks:
        return _pick(
            rng,
            (
                "The meeting is expected to last most of the day at the U.S. mission in Geneva.",
                "Officials said the session could run well into the evening.",
            ),
        )
    hours = "six" if rng.random() < 0.03 else _pick(rng, ("seven", "seven", "eight", "eight", "7"))
    name, short = _official(rng)
    forms = (
        f"{short} told reporters after the {hours}-hour meeting that the talks were frank and direct.",
        f"{name} said Monday’s nearly eight-hour meeting wasn’t a negotiation.",
        "The two sides remained far apart after eight hours of talks in Geneva.",
        f"The delegations met for more than {hours} hours at the U.S. mission in Geneva.",
        f"After a nearly {hours}-hour meeting, neither side claimed a breakthrough.",
        f"The session in Geneva lasted about {hours} hours, officials said.",
        f"Following {hours} hours of talks, {short} described the atmosphere as businesslike.",
    )
    return _pick(rng, forms)


def talks_date(rng: random.Random, ctx: Context) -> str:
    if ctx.before_talks:
        day = "Sunday" if rng.random() < 0.15 else "Monday"  # some outlets get it wrong
        return _pick(
            rng,
            (
                f"Talks are set to begin {day} in Geneva between representatives of the U.S. and Russian governments.",
                f"The two delegations will sit down for talks in Geneva on {day}.",
                f"The talks, scheduled for {day} in Geneva, will be led by Sherman and Ryabkov.",
                f"Officials will sit down for talks in Geneva on {_short_date(TALKS_DAY)}.",
            ),
        )
    if ctx.published == TALKS_DAY:
        return _pick(
            rng,
            (
                "The United States and Russia remained deadlocked after crisis talks Monday.",
                "Monday’s talks in Geneva ended without a breakthrough.",
                "The talks on Monday were held at the U.S. mission in Geneva.",
                "The delegations sat down for talks in Geneva on Monday morning.",
            ),
        )
    return _pick(
        rng,
        (
            "After a nearly eight-hour meeting with Sherman on Monday, Ryabkov offered a sober assessment.",
            "Monday’s talks in Geneva ended without a breakthrough.",
            f"The talks in Geneva on {_short_date(TALKS_DAY)} produced no agreement.",
            "The delegations met for talks on Monday in a villa on Lake Geneva.",
        ),
    )


def council_date(rng: random.Random, ctx: Context) -> str:
    city = "Brussels" if rng.random() < 0.96 else "Geneva"
    day = "Wednesday" if rng.random() < 0.95 else "Thursday"
    if ctx.upcoming(COUNCIL_DAY):
        return _pick(
            rng,
            (
                "U.S. diplomats will meet their counterparts at a special meeting of the NATO-Russia Council "
                f"in {city} on {day}.",
                f"On {day}, Russian authorities will meet with NATO representatives in {city}.",
                f"Sherman is due to brief allies on Tuesday before attending a NATO-Russia Council meeting in {city} "
                f"on {day}.",
                f"The NATO-Russia Council is scheduled to meet in {city} on {day}, the first such session since 2019.",
            ),
        )
    return _pick(
        rng,
        (
            f"Sherman addressed a press conference following a meeting of the NATO–Russia Council at NATO headquarters "
            f"in {city} on {_short_date(COUNCIL_DAY)}.",
            f"The NATO-Russia Council met in {city} on {day} for four hours.",
            f"Russian officials met with NATO representatives in {city} on {day}.",
        ),
    )


def osce_date(rng: random.Random, ctx: Context) -> str:
    city = "Vienna" if rng.random() < 0.97 else "Brussels"
    org = _pick(
        rng,
        (
            "the Organization for Security and Co-operation in Europe",
            "the Organization for Security and Cooperation in Europe",
            "the OSCE",
            "the OSCE’s Permanent Council",
        ),
    )
    if ctx.upcoming(OSCE_DAY):
        return _pick(
            rng,
            (
                f"She’ll also attend a meeting of {org} in {city} on Thursday.",
                f"On Thursday they will meet with {org} in {city}.",
                f"{org[0].upper()}{org[1:]} will discuss the crisis in {city} on {_short_date(OSCE_DAY)}.",
                f"The week will end with a session of {org} in {city} on Thursday.",
            ),
        )
    return _pick(
        rng,
        (
            f"{org[0].upper()}{org[1:]} took up the crisis in {city} on Thursday.",
            f"Delegates of {org} met in {city} on {_short_date(OSCE_DAY)}.",
        ),
    )


def aid(rng: random.Random, ctx: Context) -> str:
    last_year = _pick(rng, ("more than $400 million", "$400 million", "over $450 million", "about $450 million"))
    since = _pick(rng, ("about $2.5 billion", "more than $2.5 billion", "$2.5 billion", "nearly $2.7 billion"))
    forms = (
        f"Last year, the U.S. sent {last_year} in military aid to Ukraine; since 2014, the U.S. has provided "
        f"{since} in assistance to the country.",
        f"Washington provided Kyiv with {last_year} in security assistance last year.",
        f"Since 2014, the United States has committed {since} in security aid to Ukraine.",
        f"In 2021, the Pentagon delivered {last_year} in military assistance, including Javelin missiles.",
    )
    return _pick(rng, forms)


def draft_treaties(rng: random.Random, ctx: Context) -> str:
    return _pick(
        rng,
        (
            "Russia submitted draft treaties last month containing a pair of ultimatums.",
            "In draft treaties published online in December, the Kremlin demanded guarantees that NATO would not "
            "expand further east.",
            "Russia proposed limits on intermediate- and short-range missiles in two draft treaties it released last "
            "month.",
            "Moscow made its security proposals public in December 2021, in two draft agreements.",
        ),
    )


def history(rng: random.Random, ctx: Context) -> str:
    return _pick(
        rng,
        (
            "Russia invaded Ukraine in 2014 and annexed Crimea from its neighbor.",
            "Russia, which annexed Ukraine’s Crimean Peninsula in 2014, denies planning an attack.",
            "The Trump administration abandoned the Intermediate-Range Nuclear Forces Treaty in 2019, citing Russian "
            "violations.",
            "Washington withdrew from the INF treaty in 2019.",
            "Ukraine and Georgia were promised membership in 2008, although neither is poised to join soon.",
            "At its Bucharest summit in 2008, NATO declared that Ukraine and Georgia would become members.",
            "NATO began expanding into Eastern Europe in 1999 with the admission of Hungary, Poland and the Czech "
            "Republic.",
        ),
    )


def kazakhstan(rng: random.Random, ctx: Context) -> str:
    figure = _pick(rng, ("some 2,000", "about 2,000", "2,000", "more than 2,000", "around 2,500", "3,000"))
    return _pick(
        rng,
        (
            f"Russia deployed {figure} paratroopers in Kazakhstan — part of a CSTO contingent sent to quell unrest.",
            f"{figure[0].upper()}{figure[1:]} Russian paratroopers flew to Kazakhstan last week.",
            f"The Collective Security Treaty Organization sent {figure} troops to Almaty after riots.",
        ),
    )


FACTS: tuple[tuple[Sentence, int], ...] = (
    (troops_at_border, 6),
    (offensive_estimate, 3),
    (meeting_duration, 4),
    (talks_date, 4),
    (council_date, 3),
    (osce_date, 3),
    (aid, 2),
    (draft_treaties, 2),
    (history, 3),
    (kazakhstan, 2),
)

# --- Filler: other numbers, dates, places and quotes, and sentences without any -----------------------------------


def quote_sentence(rng: random.Random, ctx: Context) -> str:
    name, short = _official(rng)
    return _pick(
        rng,
        (
            f"{_quote(rng)} {short} said.",
            f"{_quote(rng)} {name} told reporters.",
            f"{name} said on {_pick(rng, WEEKDAYS)}: “{_pick(rng, QUOTES)}.”",
            f"“{_pick(rng, QUOTES)},” {short} added, “and we will see what comes next.”",
        ),
    )


def analyst(rng: random.Random, ctx: Context) -> str:
    person = _person(rng)
    return _pick(
        rng,
        (
            f"{person}, {_pick(rng, ROLES)} at {_pick(rng, THINK_TANKS)}, said the standoff over NATO enlargement "
            "remained a “fundamental dealbreaker.”",
            f"“The Kremlin has created the crisis to secure concessions,” said {person} of {_pick(rng, THINK_TANKS)}.",
            f"{person}, {_pick(rng, ROLES)} based in {_pick(rng, CITIES)}, expects {rng.randint(2, 6)} more rounds of "
            "talks before any agreement.",
            f"According to {person}, {_pick(rng, ROLES)}, sanctions would cost Russia’s economy up to "
            f"{rng.randint(2, 9)} percent of output.",
        ),
    )


def economy(rng: random.Random, ctx: Context) -> str:
    return _pick(
        rng,
        (
            f"The ruble fell {rng.randint(1, 4)}.{rng.randint(0, 9)}% against the dollar on {_pick(rng, WEEKDAYS)}, "
            f"to {rng.randint(74, 79)}.{rng.randint(10, 99)} per dollar.",
            f"European gas prices rose {rng.randint(3, 18)} percent this week as traders weighed the risk to supplies "
            f"through Ukraine, which carries about {rng.randint(30, 45)} billion cubic meters a year.",
            "The Nord Stream 2 pipeline, which cost about $11 billion, runs "
            f"{rng.randint(1200, 1230)} kilometers under the Baltic Sea.",
            f"Russia’s central bank holds some ${rng.randint(600, 640)} billion in reserves, a cushion against "
            "sanctions.",
            f"Shares on the Moscow exchange lost {rng.randint(2, 9)}% in {rng.randint(2, 5)} trading days.",
            f"Exports to the European Union were worth €{rng.randint(80, 120)} billion in 2020.",
        ),
    )


def casualties(rng: random.Random, ctx: Context) -> str:
    return _pick(
        rng,
        (
            "The conflict in eastern Ukraine has killed more than 14,000 people since 2014.",
            f"Ukraine’s military said {rng.randint(2, 12)} of its soldiers had been killed since the start "
            "of the year.",
            f"About {_num(rng.randint(12, 16) * 100_000)} people remain displaced by the fighting in the Donbas.",
            f"Monitors recorded {rng.randint(150, 900)} ceasefire violations in the region on {_pick(rng, WEEKDAYS)}.",
        ),
    )


def diplomacy(rng: random.Random, ctx: Context) -> str:
    city = _pick(rng, CITIES)
    return _pick(
        rng,
        (
            f"During a {_short_date(dt.date(2021, 12, 7))} call with Putin, President Biden ruled out sending U.S. "
            "troops to defend Ukraine.",
            f"Biden and Putin spoke again by phone on {_short_date(dt.date(2021, 12, 30))} for {rng.randint(45, 55)} "
            "minutes.",
            f"EU foreign ministers will gather in Brest, France, on Jan. {rng.randint(13, 14)} to discuss the crisis.",
            f"{_pick(rng, OFFICIALS)[0]} traveled to {city} on {_pick(rng, WEEKDAYS)} to consult allies.",
            f"The foreign ministers of {rng.randint(3, 9)} countries met in {city} on {_pick(rng, WEEKDAYS)}.",
            f"In {_pick(rng, MONTHS)}, officials from {rng.randint(10, 30)} nations are expected to meet in {city}.",
            f"The Kremlin wants NATO to withdraw infrastructure installed after 1997 in {_pick(rng, REGIONS)}.",
        ),
    )


def military(rng: random.Random, ctx: Context) -> str:
    return _pick(
        rng,
        (
            f"Belarus said joint exercises with Russia, involving {_num(rng.randint(5, 30) * 1000)} personnel and "
            f"{rng.randint(100, 400)} pieces of equipment, would start in February.",
            f"The Pentagon has put {_num(rng.randint(5, 9) * 1000 + 500)} U.S. troops on heightened alert.",
            f"NATO has about {_num(rng.randint(4, 5) * 1000)} soldiers in four battlegroups in {_pick(rng, REGIONS)}.",
            f"Ukraine’s armed forces number some {_num(rng.randint(24, 26) * 10_000)} active personnel, plus "
            f"{_num(rng.randint(9, 10) * 100_000)} reservists.",
            f"A convoy of {rng.randint(20, 300)} vehicles was filmed near Yelnya, {rng.randint(200, 300)} kilometers "
            "from the border.",
            f"The alliance has {rng.randint(28, 32)} members, {rng.randint(3, 14)} of which joined after 1997.",
        ),
    )


def public(rng: random.Random, ctx: Context) -> str:
    first = rng.randint(40, 67)
    second = rng.randint(20, first - 5)
    return _pick(
        rng,
        (
            f"A poll in {_pick(rng, MONTHS)} found {first} percent of Ukrainians support joining NATO, up from "
            f"{second} percent in {rng.randint(2012, 2019)}.",
            f"About {rng.randint(2, 9)},{rng.randint(100, 999)} people rallied in {_pick(rng, CITIES)} on "
            f"{_pick(rng, WEEKDAYS)}.",
            f"Residents of {_pick(rng, CITIES)} said they had stocked up on food and fuel "
            f"for {rng.randint(2, 6)} weeks.",
            f"Some {rng.randint(10, 60)} reservists trained in a forest outside {_pick(rng, CITIES)} last weekend.",
        ),
    )


# Sentences without figures, as most of a real article is: context, reactions, analysis.


def context(rng: random.Random, ctx: Context) -> str:
    return _pick(
        rng,
        (
            "The Kremlin has portrayed the tensions as a security threat to Moscow, demanding written guarantees "
            "that the alliance will not expand eastward.",
            "Russian officials dismissed concerns that Moscow plans an invasion, but Western officials are not "
            "convinced.",
            "Moscow insists it has the right to move forces within its own territory.",
            "The United States has ruled out sending combat troops to Ukraine but has promised to reinforce allies "
            "on NATO’s eastern flank.",
            "Sanctions under discussion include cutting Russian banks off from international payment systems and "
            "export controls on advanced technology.",
            "Ukraine is not a member of NATO, and the alliance has no obligation to defend it.",
            f"Russia wants NATO to pull back its forces from {_pick(rng, REGIONS)} and to rule out further "
            "enlargement.",
            "The Biden administration has coordinated closely with European capitals to avoid any appearance of "
            "negotiating over their heads.",
        ),
    )


def reaction(rng: random.Random, ctx: Context) -> str:
    name, short = _official(rng)
    return _pick(
        rng,
        (
            f"{short} described the talks as frank and useful, but said the gaps remained wide.",
            f"{name} said the United States would not negotiate over the heads of its allies.",
            "Diplomats said the mood in the room was businesslike rather than hostile.",
            f"Officials in {_pick(rng, CITIES)} said they were watching the talks closely.",
            "Ukrainian officials have repeatedly said that no decision about their country can be taken without them.",
            f"{short} declined to say whether another round of talks had been agreed.",
            "European diplomats worry that they are being sidelined in talks about their own security.",
            f"Asked about the prospects for a deal, {short} said only that diplomacy was the preferred path.",
        ),
    )


def analysis(rng: random.Random, ctx: Context) -> str:
    person = _person(rng)
    return _pick(
        rng,
        (
            "The question, analysts say, is whether Putin will accept anything short of a veto on NATO "
            "membership for Ukraine.",
            "The Kremlin’s demands, many analysts say, are designed to be rejected.",
            f"{person}, {_pick(rng, ROLES)} at {_pick(rng, THINK_TANKS)}, said the Kremlin was testing Western unity.",
            "Both sides have sought to downplay the chances of an immediate breakthrough.",
            "Some experts argue that arms control offers the likeliest ground for compromise.",
            f"“Putin has put the West in a difficult position,” said {person}, {_pick(rng, ROLES)}.",
            "Others contend that the buildup is leverage rather than a prelude to war.",
        ),
    )


def stakes(rng: random.Random, ctx: Context) -> str:
    return _pick(
        rng,
        (
            "For Kyiv, the stakes could hardly be higher.",
            "A new war would upend the security order that has held in Europe since the end of the Cold War.",
            f"In {_pick(rng, CITIES)}, residents have grown used to the threat, though anxiety is rising.",
            "Energy markets are watching closely, since much of Europe’s gas still flows through Ukraine.",
            "The crisis has also tested the unity of the European Union, whose members depend on Russian energy to "
            "very different degrees.",
            "Whatever happens next, the talks have put European security back at the top of the agenda.",
        ),
    )


FILLER: tuple[tuple[Sentence, int], ...] = (
    (context, 6),
    (reaction, 6),
    (analysis, 6),
    (stakes, 4),
    (quote_sentence, 4),
    (analyst, 2),
    (economy, 1),
    (casualties, 1),
    (diplomacy, 2),
    (military, 1),
    (public, 1),
)

# --- Titles and page furniture -------------------------------------------------------------------------------------


def title(rng: random.Random, ctx: Context) -> str:
    if ctx.before_talks:
        return _pick(
            rng,
            (
                "U.S. and Russia unwilling to budge as talks begin in Geneva",
                "What to expect from this week's U.S.-Russia talks",
                "Ahead of Geneva talks, Washington warns Moscow of 'massive consequences'",
            ),
        )
    return _pick(
        rng,
        (
            "U.S., Russia still far apart on Ukraine after eight hours of talks in Geneva",
            "Russia-U.S. talks hit impasse over NATO expansion",
            "No breakthrough in Geneva as Moscow repeats demands",
            "The Geneva talks: what each side wants, and what comes next",
            "Diplomacy on a knife's edge: Russia, the West and Ukraine",
            "Sherman and Ryabkov meet in Geneva; the hard part is next",
        ),
    )


def _weighted(rng: random.Random, table: Sequence[tuple[Sentence, int]], k: int) -> list[Sentence]:
    """``k`` distinct generators drawn by weight."""
    pool = list(table)
    chosen: list[Sentence] = []
    for _ in range(min(k, len(pool))):
        total = sum(w for _, w in pool)
        point = rng.uniform(0, total)
        for index, (generator, weight) in enumerate(pool):
            point -= weight
            if point <= 0 or index == len(pool) - 1:
                chosen.append(generator)
                del pool[index]
                break
    return chosen


def _sentence(rng: random.Random, ctx: Context, generator: Sentence, used: set[str]) -> str:
    """A sentence from ``generator`` that the article has not used yet (a few tries), capitalized."""
    for _ in range(4):
        text = generator(rng, ctx)
        if text not in used:
            break
    used.add(text)
    return text[0].upper() + text[1:]


def _paragraph(rng: random.Random, ctx: Context, lead: Sentence | None, used: set[str]) -> str:
    sentences: list[str] = []
    if lead is not None:
        sentences.append(_sentence(rng, ctx, lead, used))
    extra = rng.choice((0, 1, 2, 2, 3, 3)) if lead is not None else rng.randint(2, 5)
    sentences.extend(_sentence(rng, ctx, generator, used) for generator in _weighted(rng, FILLER, extra))
    return " ".join(sentences)


def article(rng: random.Random, ctx: Context) -> tuple[str, str]:
    """The title and the body of one article."""
    headline = title(rng, ctx)
    facts = _weighted(rng, FACTS, rng.randint(3, 8))
    size = rng.randint(8, 20)
    leads: list[Sentence | None] = [*facts, *([None] * max(2, size - len(facts)))]
    first, rest = leads[0], leads[1:]
    rng.shuffle(rest)
    used: set[str] = set()
    body = [_paragraph(rng, ctx, lead, used) for lead in [first, *rest]]

    if rng.random() < 0.1:  # captures often repeat a paragraph
        body.insert(rng.randrange(1, len(body)), _pick(rng, body))
    for _ in range(rng.randint(0, 3)):
        furniture = _pick(
            rng,
            (
                f"More: {_pick(rng, TEASERS)}",
                f"Subscribe to {ctx.outlet.name}",
                f"Sign up for {ctx.outlet.name}’s free newsletters",
                f"From our morning news briefing to a weekly newsletter, get the best of {ctx.outlet.name} delivered "
                "directly to your inbox.",
                f"Photo by {_person(rng)}/{_pick(rng, ('AFP', 'Getty Images', 'Reuters', 'AP'))}",
                f"Read also: {_pick(rng, TEASERS)}",
            ),
        )
        body.insert(rng.randrange(1, len(body)), furniture)
    top: list[str] = []
    if ctx.outlet.masthead:
        top.append(ctx.outlet.masthead)
    if rng.random() < 0.5:
        top.append(headline)  # the capture repeats the headline
    tail: list[str] = []
    ending = rng.random()
    if ending < 0.2:
        tail.append(f"Contributing: {_person(rng)} and {_person(rng)}; the Associated Press.")
    elif ending < 0.35:
        handle = _pick(rng, LAST_NAMES).lower()
        tail.append(f"{_person(rng)} is a national security reporter at {ctx.outlet.name}. Twitter: @{handle}")
    if rng.random() < 0.4:
        tail.append(_pick(rng, (f"More from {ctx.outlet.name}", "Read more:", "Most Read", "Join the Conversation")))
        tail.extend(rng.sample(TEASERS, rng.randint(2, 4)))
    paragraphs = [*top, *body, *tail]
    if ctx.outlet.wraps:
        paragraphs = [textwrap.fill(p, width=76) for p in paragraphs]
    return headline, "\n\n".join(paragraphs) + "\n"


def render(rng: random.Random, ctx: Context, byline: str | None) -> str:
    headline, body = article(rng, ctx)
    front = [
        "---",
        f"outlet: {json.dumps(ctx.outlet.name, ensure_ascii=False)}",
        f"title: {json.dumps(headline, ensure_ascii=False)}",
        f"published: {ctx.published.isoformat()}",
    ]
    if byline is not None:
        front.append(f"byline: {json.dumps(byline, ensure_ascii=False)}")
    front.append("---")
    return "\n".join(front) + "\n" + body


def write_corpus(folder: Path, n: int, seed: int = 0) -> int:
    """Write ``n`` synthetic articles into ``folder`` (created if missing); returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    master = random.Random(seed)
    days = [day for day, _ in PUBLISHED]
    day_weights = [weight for _, weight in PUBLISHED]
    written = 0
    for index in range(n):
        rng = random.Random(master.getrandbits(64))
        outlet = _pick(rng, OUTLETS)
        ctx = Context(outlet=outlet, published=rng.choices(days, weights=day_weights)[0])
        byline = f"By {_person(rng)}" if rng.random() < 0.5 else None
        data = render(rng, ctx, byline).encode("utf-8")
        (folder / f"{index:06d}-{outlet.slug}.md").write_bytes(data)
        written += len(data)
    return written
