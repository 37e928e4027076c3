"""Wire copies: fingerprints, credits, wire names, and grouping the articles that are one wire story."""

from __future__ import annotations

import random
import struct
from collections import Counter
from dataclasses import replace
from hashlib import blake2b

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import wires
from factcheck.wires import (
    WireArticle,
    WireGroup,
    _tokens,
    body_fingerprint,
    independent_sources,
    wire_credit,
    wire_groups,
    wire_key,
    wire_name,
)

# --------------------------------------------------------------------------------------------------------------
# An invented story: the wire's original, three copies, and an outlet's own reporting of the same event.

QUOTE = (
    '"We have waited three years for a contract that respects the people who keep this port running, and we will '
    'not wait any longer while our members work double shifts in the dark," union president Ilse Marwick told '
    "reporters outside the main gate."
)

ORIGINAL_PARAGRAPHS = [
    "VALMORA, Norland (AP) — Dockworkers at the port of Valmora walked off the job on Tuesday, halting the loading "
    "of grain ships in the country's busiest harbor and stranding dozens of vessels at anchor, union officials said.",
    "About 4,200 members of the Harbor Workers Union joined the strike after talks with the port authority over "
    "wages and night-shift safety broke down late Monday. The union is seeking a 12 percent raise over two years; "
    "the authority has offered 6 percent.",
    QUOTE,
    "The port authority said in a statement that it remained open to negotiations but warned that a prolonged "
    "stoppage could cost the regional economy more than 30 million euros a day. Its director, Tomas Reiner, called "
    "the walkout premature and said a mediator had been proposed.",
    "Grain exporters said at least 38 ships were waiting to load, and shipping agents began diverting some vessels "
    "to the smaller port of Kessby, about 140 kilometers to the north. Freight rates for the route rose sharply on "
    "Tuesday afternoon.",
    "The strike is the first at Valmora since 2009, when a nine-day stoppage led to a national law on minimum "
    "staffing for port cranes. Transport Minister Anja Holt said she would meet both sides on Thursday.",
    "Police reported no incidents at the picket lines, where several hundred workers gathered around fires through "
    "the night.",
]
ORIGINAL = "\n\n".join(ORIGINAL_PARAGRAPHS)

# Trimmed: a byline line instead of the dateline, the last two paragraphs dropped (the headline is not the body).
TRIMMED = "\n\n".join(
    [
        "By The Associated Press",
        ORIGINAL_PARAGRAPHS[0].removeprefix("VALMORA, Norland (AP) — "),
        *ORIGINAL_PARAGRAPHS[1:5],
    ]
)

# A local outlet's new first paragraph on top of the wire text.
WITH_INTRO = "\n\n".join(
    [
        "Shoppers in Northbridge could see higher bread prices within weeks if a strike at Norland's largest port "
        "drags on, grocers in the city warned on Tuesday, as mills said their flour stocks would last about a month.",
        *ORIGINAL_PARAGRAPHS,
    ]
)

# The same text with figures changed: 4,500 members, 40 ships.
CHANGED_NUMBER = ORIGINAL.replace("About 4,200 members", "About 4,500 members").replace("38 ships", "40 ships")

# Another outlet's own story of the same strike: it quotes the same long statement, nothing else in common.
INDEPENDENT = "\n\n".join(
    [
        "The gates of Valmora's container terminal stayed shut on Tuesday morning as striking dockworkers lit "
        "braziers and hung banners along the harbor road, the first walkout at the port in more than a decade.",
        "Workers on the picket line described months of mounting frustration. Crane operator Piet Lasko, who has "
        "worked at the port for 22 years, said night crews had been cut in half since the spring while the volume "
        "of grain passing through the terminals kept climbing.",
        QUOTE,
        "Management sees it differently. In an interview, a senior port official who asked not to be named because "
        "talks are ongoing said the pay offer on the table was the most generous in the region and that safety "
        "improvements were already planned for next year.",
        "Farmers are watching closely. The harvest is arriving at inland silos faster than expected, and "
        "cooperatives said storage could run out within two weeks if exports stop. Some growers have begun asking "
        "rail operators about routes to ports abroad.",
        "City council members from all parties called on both sides to return to the table. A mediator from the "
        "national labor office is expected to arrive on Wednesday, according to the council's press office.",
    ]
)

# A second outlet's own story, quoting the same statement too.
INDEPENDENT_TWO = "\n\n".join(
    [
        "NORTHBRIDGE — Bakers and millers across the north are bracing for a shortage of imported wheat after "
        "dockworkers in Valmora stopped work on Tuesday, and some have already raised prices for the weekend.",
        QUOTE,
        "Erik Sand, who runs three bakeries in the old town, said his supplier had warned him on Monday evening "
        "that deliveries could be late. He has ordered extra flour from a mill in the south, at a higher price, "
        "and expects to pass part of the cost on to customers.",
        "Economists at the regional chamber of commerce said the effect on shop prices would be small if the "
        "dispute ends within a week but could become noticeable by the end of the month, especially for bread, "
        "pasta and animal feed.",
        "The chamber has asked the government to appoint a mediator and to let grain ships use military piers "
        "while the strike lasts, a request the defense ministry said it would consider.",
    ]
)


def art(
    id: str,
    body: str,
    *,
    outlet: str | None = None,
    order: str = "2031-05-06T09:00",
    declared: str | None = None,
    byline: str | None = None,
) -> WireArticle:
    """A WireArticle of a body, its credit and fingerprint computed as the pipeline does."""
    return WireArticle(
        id=id,
        outlet=outlet if outlet is not None else id.title(),
        order=order,
        declared=declared,
        credit=wire_credit(body, byline),
        fingerprint=body_fingerprint(body),
    )


def hashes(fingerprint: bytes) -> list[int]:
    return list(struct.unpack(f">{len(fingerprint) // 8}Q", fingerprint))


def containment(a: str, b: str) -> float:
    x, y = set(hashes(body_fingerprint(a))), set(hashes(body_fingerprint(b)))
    return len(x & y) / min(len(x), len(y))


def members(groups: list[WireGroup]) -> set[tuple[str, ...]]:
    return {g.members for g in groups}


def story() -> list[WireArticle]:
    return [
        art("ap", ORIGINAL, outlet="Associated Press", order="2031-05-06T08:10"),
        art("herald", TRIMMED, outlet="The Norland Herald", order="2031-05-06T09:30"),
        art("courier", WITH_INTRO, outlet="Northbridge Courier", order="2031-05-06T10:00"),
        art("gazette", CHANGED_NUMBER, outlet="Kessby Gazette", order="2031-05-06T08:45"),
        art("ledger", INDEPENDENT, outlet="The Valmora Ledger", order="2031-05-06T07:55"),
        art("chronicle", INDEPENDENT_TWO, outlet="Northbridge Chronicle", order="2031-05-06T11:00"),
    ]


# --------------------------------------------------------------------------------------------------------------
# Fingerprints


def test_story_bodies_are_news_length() -> None:
    for body in (ORIGINAL, TRIMMED, WITH_INTRO, CHANGED_NUMBER, INDEPENDENT, INDEPENDENT_TWO):
        assert 150 <= len(body.split()) <= 320


def test_fingerprint_is_sorted_distinct_packed_hashes() -> None:
    fp = body_fingerprint(ORIGINAL)
    assert len(fp) % 8 == 0 and len(fp) >= 40
    values = hashes(fp)
    assert values == sorted(set(values))
    assert all(v % 2 == 0 for v in values)
    assert body_fingerprint(ORIGINAL) == fp


def test_fingerprint_hashes_six_word_shingles_with_blake2b() -> None:
    words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen".split()
    expected = set()
    for i in range(len(words) - 5):
        value = int.from_bytes(blake2b(" ".join(words[i : i + 6]).encode(), digest_size=8).digest(), "big")
        if value % 2 == 0:
            expected.add(value)
    assert hashes(body_fingerprint(" ".join(words))) == sorted(expected)


def test_fingerprint_of_non_ascii_text() -> None:
    body = "Мэр Киева Виталий Кличко заявил в понедельник, что в Zürich и São Paulo café «прошли» встречи 12,5 часов."
    words = _tokens(body)
    assert "zürich" in words and "киева" in words
    expected = set()
    for i in range(len(words) - 5):
        digest = blake2b(" ".join(words[i : i + 6]).encode(), digest_size=8).digest()
        if int.from_bytes(digest, "big") % 2 == 0:
            expected.add(int.from_bytes(digest, "big"))
    assert hashes(body_fingerprint(body)) == sorted(expected)


def test_fingerprint_ignores_case_and_punctuation_and_keeps_numbers() -> None:
    text = "About 4,200 members of the Harbor Workers' Union joined the strike after talks broke down late Monday."
    variant = "about 4200 MEMBERS of the harbor workers union — joined the strike, after talks broke down late monday"
    assert body_fingerprint(text) == body_fingerprint(variant)
    assert body_fingerprint(text) != body_fingerprint(text.replace("4,200", "4 200"))  # "4,200" is one token
    assert body_fingerprint(CHANGED_NUMBER) != body_fingerprint(ORIGINAL)


def test_fingerprint_of_empty_or_short_body() -> None:
    assert body_fingerprint("") == b""
    assert body_fingerprint("Only five words are here.") == b""
    assert len(body_fingerprint("word " * 3)) == 0


def test_copies_are_contained_and_a_shared_quote_is_not() -> None:
    assert containment(TRIMMED, ORIGINAL) >= 0.9
    assert containment(WITH_INTRO, ORIGINAL) >= 0.9
    assert containment(CHANGED_NUMBER, ORIGINAL) >= 0.8
    assert containment(INDEPENDENT, ORIGINAL) < 0.3
    assert containment(INDEPENDENT, INDEPENDENT_TWO) < 0.3


# --------------------------------------------------------------------------------------------------------------
# Credits


@pytest.mark.parametrize(
    ("body", "agency"),
    [
        ("TOKYO (Kyodo) -- Japan's cabinet approved the plan on Friday.", "Kyodo News"),
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", "Associated Press"),
        ("HARRISBURG, Pa. (AP) — A state judge ruled on Monday.", "Associated Press"),
        ("**WASHINGTON (AP)** — The Senate voted on Tuesday.", "Associated Press"),
        ("(Reuters) - Oil prices rose on Monday.", "Reuters"),
        ("KYIV, Jan 10 (Reuters) - Ukraine said on Monday.", "Reuters"),
        ("PARIS (AFP) - French unions called a strike.", "Agence France-Presse"),
        ("Berlin (dpa) - Die Regierung hat am Montag beschlossen.", "Deutsche Presse-Agentur"),
        ("BEIJING, Jan. 10 (Xinhua) -- China's exports rose.", "Xinhua News Agency"),
        ("SEOUL, Jan. 10 (Yonhap) -- North Korea fired a missile.", "Yonhap News Agency"),
        ("New Delhi, Jan 10 (PTI) The government on Monday said the plan was ready.", "Press Trust of India"),
        ("New Delhi [India], Jan 10 (ANI): The Union Cabinet met on Monday.", "Asian News International"),
        ("Taipei, Jan. 10 (CNA) Taiwan's legislature passed the bill.", "CNA"),
        ("ROME (ANSA) - The Italian government said.", "ANSA"),
        ("MADRID (EFE) - El Gobierno aprobó el plan.", "EFE"),
        ("SYDNEY (AAP) - Australian shares fell.", "Australian Associated Press"),
        ("LONDON (PA) - Ministers met on Monday.", "PA Media"),
        ("WASHINGTON (UPI) -- The Pentagon said.", "United Press International"),
        ("By The Associated Press\n\nThe Senate voted on Tuesday.", "Associated Press"),
        ("BY REUTERS STAFF\n\nOil prices rose.", "Reuters"),
        ("By JOHN LEICESTER AP Diplomatic Writer\n\nThe talks ended.", "Associated Press"),
        ("By Mari Yamaguchi, The Associated Press\n\nThe talks ended.", "Associated Press"),
        ("By Jane Doe | Reuters\n\nThe talks ended.", "Reuters"),
        ("By Jane Doe and John Roe, Bloomberg\n\nMarkets fell.", "Bloomberg News"),
        ("By MATTHEW LEE and ELLEN KNICKMEYER Associated Press\n\nThe talks ended.", "Associated Press"),
        ("By Jane Doe for AFP\n\nThe talks ended.", "Agence France-Presse"),
        ("The talks ended on Monday.\n\nAssociated Press", "Associated Press"),
        ("The talks ended on Monday.\n\nAgence France-Presse", "Agence France-Presse"),
        ("The talks ended on Monday.\n\n— AFP", "Agence France-Presse"),
        ("The talks ended on Monday, the ministry said. — AFP", "Agence France-Presse"),
        ("The talks ended on Monday, the ministry said. (AFP)", "Agence France-Presse"),
        ("The talks ended on Monday.\n\ndpa", "Deutsche Presse-Agentur"),
        ("The talks ended on Monday.\n\nPA Media", "PA Media"),
        ("The talks ended on Monday.\n\nBloomberg", "Bloomberg News"),
        ("The talks ended on Monday.\n\nUPI", "United Press International"),
        ("The talks ended on Monday.\n\nXinhua", "Xinhua News Agency"),
        ("The talks ended on Monday.\n\nYonhap", "Yonhap News Agency"),
        ("The talks ended on Monday.\n\nANSA", "ANSA"),
        ("The talks ended on Monday.\n\nEFE", "EFE"),
        ("The talks ended on Monday.\n\nKyodo News", "Kyodo News"),
        ("The talks ended on Monday.\n\nPress Trust of India", "Press Trust of India"),
        ("The talks ended on Monday.\n\n— PTI", "Press Trust of India"),
        ("The talks ended on Monday.\n\nANI", "Asian News International"),
        ("The talks ended on Monday.\n\nCNA", "CNA"),
        ("The talks ended on Monday.\n\nAAP", "Australian Associated Press"),
        ("The talks ended on Monday.\n\nAFP/Reuters", "Agence France-Presse"),
        (ORIGINAL, "Associated Press"),
        (TRIMMED, "Associated Press"),
    ],
)
def test_credits(body: str, agency: str) -> None:
    assert wire_credit(body) == agency


@pytest.mark.parametrize(
    "body",
    [
        "The minister told Reuters that the talks had failed.",
        "Prices rose, according to AP reporting from the border.",
        "Newsrooms follow the AP Stylebook on numbers.",
        "AP Stylebook",
        "A protester waves a flag. (AP Photo/Evan Vucci)",
        "REUTERS/Kevin Lamarque",
        "AFP/Getty Images",
        "Photo: AFP",
        "The Associated Press contributed to this report.",
        "Reuters reported on Monday that the plant had closed.",
        "By contrast, officials told Reuters the plan was dead.",
        "By Reuters' count, five ships were hit.",
        "By Ani Sharma\n\nThe talks ended.",
        "By Michael R. Bloomberg\n\nCities can lead on climate.",
        "By contrast with AP style, the paper spells out numbers.",
        "Efe Yilmaz, a trader, said prices fell.",
        "(AP) The senator said.",
        "An AFP reporter saw three tanks near the border.",
        "A spokesman for Bloomberg declined to comment on the report that day.",
        INDEPENDENT,
        WITH_INTRO.split("\n\n")[0],
        "",
    ],
)
def test_not_credits(body: str) -> None:
    assert wire_credit(body) is None


@pytest.mark.parametrize(
    ("byline", "agency"),
    [
        ("The Associated Press", "Associated Press"),
        ("By The Associated Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("Reuters Staff", "Reuters"),
        ("Jane Doe, AFP", "Agence France-Presse"),
        ("Jane Doe (AFP)", "Agence France-Presse"),
        ("Jane Doe", None),
        ("Ani Sharma", None),
        ("", None),
    ],
)
def test_byline_credits(byline: str, agency: str | None) -> None:
    assert wire_credit("The talks ended on Monday.", byline) == agency


def test_dateline_comes_before_byline() -> None:
    assert wire_credit("PARIS (AFP) - Unions struck.", "By Jane Doe, Reuters") == "Agence France-Presse"


# --------------------------------------------------------------------------------------------------------------
# Wire names


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("AP", "associated press"),
        ("Associated Press", "associated press"),
        ("The Associated Press", "associated press"),
        ("  the associated   press ", "associated press"),
        ("AFP", "agence france-presse"),
        ("Agence France-Presse", "agence france-presse"),
        ("Agence France Presse", "agence france-presse"),
        ("Reuters", "reuters"),
        ("Thomson Reuters", "reuters"),
        ("dpa", "deutsche presse-agentur"),
        ("PTI", "press trust of india"),
        ("Kyodo", "kyodo news"),
        ("Yonhap", "yonhap news agency"),
        ("The  Daily\tPlanet ", "the daily planet"),
    ],
)
def test_wire_key(name: str, key: str) -> None:
    assert wire_key(name) == key


def test_wire_name() -> None:
    assert wire_name("AP") == "Associated Press"
    assert wire_name("the associated press") == "Associated Press"
    assert wire_name("AFP") == "Agence France-Presse"
    assert wire_name("  The Daily Planet ") == "The Daily Planet"


# --------------------------------------------------------------------------------------------------------------
# Groups


def test_original_and_three_copies_are_one_group_and_quotes_are_not() -> None:
    groups = wire_groups(story())
    assert members(groups) == {("ap", "courier", "gazette", "herald")}
    (group,) = groups
    assert group.name == "Associated Press"
    assert group.key == "wire:associated press"
    assert group.original == "ap"  # the wire's own article, though the Ledger's is earlier
    assert group.declared is False
    assert 0.8 <= group.similarity <= 1.0
    assert group.similarity == round(group.similarity, 3)


def test_uncredited_copies_are_found_by_text() -> None:
    plain = ORIGINAL.removeprefix("VALMORA, Norland (AP) — ")
    articles = [
        art("herald", plain, outlet="The Norland Herald", order="2031-05-06T09:30"),
        art("courier", WITH_INTRO.replace("VALMORA, Norland (AP) — ", ""), outlet="Courier", order="2031-05-06T10:00"),
        art("ledger", INDEPENDENT, outlet="The Valmora Ledger", order="2031-05-06T07:55"),
    ]
    (group,) = wire_groups(articles)
    assert group.members == ("courier", "herald")
    assert group.name == "The Norland Herald copy"
    assert group.key == "wire:the norland herald copy"
    assert group.original == "herald"
    assert group.declared is False


def test_thresholds_are_parameters() -> None:
    uncredited = [replace(a, credit=None) for a in story()]
    assert members(wire_groups(uncredited)) == {("ap", "courier", "gazette", "herald")}
    assert members(wire_groups(uncredited, containment=0.999)) == {("ap", "courier")}  # the intro copy holds it all
    assert members(wire_groups(uncredited, min_shared=1000)) == set()
    assert members(wire_groups(story(), min_shared=1000)) == set()  # credits alone join nothing
    declared = [replace(a, declared="AP") if a.id == "ap" else a for a in story()]
    assert members(wire_groups(declared, min_shared=1000)) == {("ap", "courier", "gazette", "herald")}


def test_declared_only_groups() -> None:
    articles = [
        art("one", INDEPENDENT, outlet="The Valmora Ledger", declared="AP", order="2031-05-06T10:00"),
        art("two", INDEPENDENT_TWO, outlet="Northbridge Chronicle", declared="The Associated Press"),
        art("three", "Short item about the weather on Tuesday in the north of the country.", declared="Kyodo"),
        art("four", "Another short item about a football match on Sunday evening.", outlet="Kyodo News"),
        art("five", "A third short item that names no wire at all in its text.", declared="Reuters"),
    ]
    groups = wire_groups(articles)
    assert [(g.key, g.members) for g in groups] == [
        ("wire:associated press", ("one", "two")),
        ("wire:kyodo news", ("four", "three")),
    ]
    ap, kyodo = groups
    assert ap.declared and kyodo.declared
    assert ap.similarity == 1.0 and kyodo.similarity == 1.0
    assert ap.name == "Associated Press"
    assert ap.original == "two"  # the earliest: no member's outlet is the wire
    assert kyodo.original == "four"  # the wire's own article


def test_declared_wire_and_credited_wire_are_the_same() -> None:
    articles = [
        art("one", INDEPENDENT, outlet="The Valmora Ledger", declared="AP"),
        art("two", "WASHINGTON (AP) — The Senate voted on Tuesday to extend the program.", outlet="The Hill"),
        art("three", "LONDON (Reuters) - Shares fell on Tuesday.", outlet="City Wire"),
    ]
    (group,) = wire_groups(articles)
    assert group.members == ("one", "two")
    assert group.declared is True


def test_credits_alone_join_nothing() -> None:
    articles = [
        art("one", "WASHINGTON (AP) — " + INDEPENDENT, outlet="Outlet A"),
        art("two", "WASHINGTON (AP) — " + INDEPENDENT_TWO, outlet="Outlet B"),
        art("three", INDEPENDENT_TWO, outlet="Associated Press"),
    ]
    (group,) = wire_groups(articles)  # two AP stories: only the second one's copies are a group
    assert group.members == ("three", "two")
    assert group.name == "Associated Press"
    assert group.original == "three"


def test_different_declared_wires_are_not_forced_together() -> None:
    plain = ORIGINAL.removeprefix("VALMORA, Norland (AP) — ")
    articles = [
        art("a1", plain, outlet="Outlet A", declared="AP"),
        art("a2", TRIMMED.replace("By The Associated Press\n\n", ""), outlet="Outlet B", declared="AP"),
        art("r1", plain, outlet="Outlet C", declared="Reuters"),
        art("r2", plain, outlet="Outlet D", declared="Reuters"),
    ]
    groups = wire_groups(articles)
    assert [(g.key, g.members) for g in groups] == [
        ("wire:associated press", ("a1", "a2")),
        ("wire:reuters", ("r1", "r2")),
    ]


def test_text_crediting_the_other_wire_joins() -> None:
    plain = ORIGINAL.removeprefix("VALMORA, Norland (AP) — ")
    articles = [
        art("a1", plain, outlet="Outlet A", declared="AP"),
        art("r1", ORIGINAL, outlet="Outlet C", declared="Reuters"),  # its text says (AP)
    ]
    (group,) = wire_groups(articles)
    assert group.members == ("a1", "r1")
    assert group.name == "Associated Press"  # one declaration each: the smaller key


def test_an_undeclared_copy_joins_a_declared_group_by_text() -> None:
    plain = ORIGINAL.removeprefix("VALMORA, Norland (AP) — ")
    articles = [
        art("a1", INDEPENDENT, outlet="Outlet A", declared="AP"),
        art("a2", plain, outlet="Outlet B", declared="AP"),
        art("copy", TRIMMED.replace("By The Associated Press\n\n", ""), outlet="Outlet C"),
    ]
    (group,) = wire_groups(articles)
    assert group.members == ("a1", "a2", "copy")
    assert group.similarity >= 0.8


def test_original_is_the_wires_own_article_else_the_earliest() -> None:
    plain = ORIGINAL.removeprefix("VALMORA, Norland (AP) — ")
    own = [
        art("x", plain, outlet="Outlet X", order="2031-05-06T07:00"),
        art("ap", ORIGINAL, outlet="The Associated Press", order="2031-05-06T09:00"),
        art("y", WITH_INTRO, outlet="Outlet Y", order="2031-05-06T08:00"),
    ]
    assert wire_groups(own)[0].original == "ap"
    others = [
        art("x", plain, outlet="Outlet X", order="2031-05-06T08:00"),
        art("y", WITH_INTRO, outlet="Outlet Y", order="2031-05-06T07:00"),
        art("z", CHANGED_NUMBER, outlet="Outlet Z", order=""),  # unknown: last
    ]
    assert wire_groups(others)[0].original == "y"
    ties = [
        art("b", plain, outlet="Outlet B", order="2031-05-06T08:00"),
        art("a", WITH_INTRO, outlet="Outlet A", order="2031-05-06T08:00"),
    ]
    assert wire_groups(ties)[0].original == "a"


def test_keys_are_unique() -> None:
    rng = random.Random(7)
    first, second = random_body(rng, 200), random_body(rng, 200)
    articles = [
        art("p1", first, outlet="The Daily Planet", order="2031-01-01"),
        art("c1", trimmed(first), outlet="Copy One", order="2031-01-02"),
        art("p2", second, outlet="The Daily Planet", order="2031-01-01"),
        art("c2", trimmed(second), outlet="Copy Two", order="2031-01-02"),
    ]
    groups = wire_groups(articles)
    assert [(g.key, g.members) for g in groups] == [
        ("wire:the daily planet copy", ("c1", "p1")),
        ("wire:the daily planet copy:2", ("c2", "p2")),
    ]
    assert {g.name for g in groups} == {"The Daily Planet copy"}


def test_independent_sources() -> None:
    groups = wire_groups(story())
    assert independent_sources(groups) == {
        "ap": "wire:associated press",
        "courier": "wire:associated press",
        "gazette": "wire:associated press",
        "herald": "wire:associated press",
    }
    assert independent_sources([]) == {}


def test_no_groups_of_one_and_no_duplicate_ids() -> None:
    assert wire_groups([]) == []
    assert wire_groups([art("solo", ORIGINAL)]) == []
    with pytest.raises(ValueError, match="the id"):
        wire_groups([art("a", ORIGINAL), art("a", TRIMMED)])
    with pytest.raises(ValueError, match="multiple"):
        wire_groups([WireArticle("a", "A", "", None, None, b"123"), art("b", ORIGINAL)])


@settings(max_examples=40, deadline=None)
@given(st.permutations(range(len(story()) + 4)))
def test_groups_do_not_depend_on_input_order(order: list[int]) -> None:
    articles = [
        *story(),
        art("r1", ORIGINAL, outlet="Outlet C", declared="Reuters"),
        art("k1", "Short item about the weather on Tuesday in the north of the country.", declared="Kyodo"),
        art("k2", "Another short item about a football match on Sunday evening.", outlet="Kyodo News"),
        art("d1", INDEPENDENT, outlet="Outlet D", declared="Reuters"),
    ]
    assert wire_groups([articles[i] for i in order]) == wire_groups(articles)


# --------------------------------------------------------------------------------------------------------------
# Synthetic corpora: random words from a fixed seed


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return sorted({"".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(size)})


VOCAB = vocabulary(random.Random(20310506))


def random_body(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(VOCAB, k=words))


def trimmed(body: str, keep: float = 0.7) -> str:
    words = body.split()
    return " ".join(words[: int(len(words) * keep)])


def copy_of(rng: random.Random, body: str, kind: int) -> str:
    words = body.split()
    if kind == 0:  # trimmed: the last 20–40% dropped
        return " ".join(words[: int(len(words) * rng.uniform(0.6, 0.8))])
    if kind == 1:  # a new first paragraph
        return random_body(rng, rng.randint(30, 60)) + "\n\n" + body
    if kind == 2:  # a few words (numbers) changed
        changed = list(words)
        for i in rng.sample(range(len(changed)), 3):
            changed[i] = str(rng.randint(2, 99_999))
        return " ".join(changed)
    # trimmed, a new first paragraph and a changed word
    cut = words[: int(len(words) * 0.75)]
    cut[rng.randrange(len(cut))] = str(rng.randint(2, 99_999))
    return random_body(rng, 40) + "\n\n" + " ".join(cut)


def test_scale_groups_found_exactly() -> None:
    rng = random.Random(3000)
    outlets = [f"Outlet {i:02d}" for i in range(10)]
    footers = {o: random_body(rng, 40) for o in outlets}  # each outlet's boilerplate: 300 articles each
    articles: list[WireArticle] = []
    expected: set[tuple[str, ...]] = set()

    def add(id: str, body: str) -> None:
        outlet = outlets[len(articles) % len(outlets)]
        order = f"2031-05-{1 + len(articles) % 28:02d}"
        articles.append(art(id, body + "\n\n" + footers[outlet], outlet=outlet, order=order))

    for g in range(100):
        original = random_body(rng, rng.randint(150, 300))
        ids = [f"g{g:03d}-0"]
        add(ids[0], original)
        for c in range(rng.randint(1, 4)):
            ids.append(f"g{g:03d}-{c + 1}")
            add(ids[-1], copy_of(rng, original, rng.randrange(4)))
        expected.add(tuple(sorted(ids)))
    while len(articles) < 3000:
        add(f"solo-{len(articles):04d}", random_body(rng, rng.randint(150, 300)))
    rng.shuffle(articles)

    groups = wire_groups(articles)
    assert members(groups) == expected
    assert len({g.key for g in groups}) == 100
    assert all(g.similarity >= 0.5 for g in groups)
    assert len(independent_sources(groups)) == sum(len(m) for m in expected)


def test_a_story_syndicated_more_than_the_boilerplate_limit_is_one_group() -> None:
    rng = random.Random(11)
    story_text = random_body(rng, 300)
    articles = [art("s00", story_text, outlet="Wire Service", order="2031-01-01")]
    for i in range(1, 30):  # 30 copies: every hash of the story is in more than 20 articles
        body = copy_of(rng, story_text, i % 4)
        articles.append(art(f"s{i:02d}", body, outlet=f"Paper {i}", order=f"2031-01-{1 + i % 28:02d}"))
    for i in range(10):
        articles.append(art(f"other{i}", random_body(rng, 250), outlet=f"Paper {i}"))
    (group,) = wire_groups(articles)
    assert group.members == tuple(f"s{i:02d}" for i in range(30))
    assert group.original == "s00"


def test_counting_in_parts_gives_the_same_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [*story(), art("a1", INDEPENDENT, declared="AP"), art("r1", INDEPENDENT_TWO, declared="Reuters")]
    whole = wire_groups(articles)
    monkeypatch.setattr(wires, "PART_HASHES", 50)  # about 30 ranges of hash values
    monkeypatch.setattr(wires, "SLICE_HASHES", 1)  # however few hashes of each fingerprint a range holds
    assert wire_groups(articles) == whole
    monkeypatch.setattr(wires, "SLICE_HASHES", 16)  # fewer ranges: at least 16 hashes of a fingerprint on average
    assert wire_groups(articles) == whole


def test_shared_boilerplate_does_not_group() -> None:
    rng = random.Random(12)
    footer = random_body(rng, 60)  # a 60-word footer in 40 articles of one outlet
    articles = [
        art(f"a{i:02d}", random_body(rng, rng.randint(80, 250)) + "\n\n" + footer, outlet="The Daily Planet")
        for i in range(40)
    ]
    assert wire_groups(articles) == []
    # Below the boilerplate limit the footer is counted, but it is a small part of each article.
    assert wire_groups(articles[:15]) == []


def test_long_boilerplate_of_a_few_outlets_does_not_group_even_short_pages() -> None:
    rng = random.Random(13)
    footer = random_body(rng, 150)  # a network's 150-word footer on the pages of four outlets
    articles = [
        art(f"p{i:02d}", random_body(rng, rng.choice((20, 40, 300))) + "\n\n" + footer, outlet=f"Network {i % 4}")
        for i in range(60)
    ]
    assert wire_groups(articles) == []


# --------------------------------------------------------------------------------------------------------------
# Common hashes: a hash in more than EVIDENCE articles (a stock phrase, a quote everyone runs, a network's footer)
# is no evidence on its own, whatever the size of the corpus; found in linear time.


def shared_texts(rng: random.Random, n: int, spans: list[int]) -> list[str]:
    """Bodies of ``n`` articles, each with a few words of its own and passages each in ``spans[k]`` of them."""
    bodies = [random_body(rng, rng.randint(5, 60)) for _ in range(n)]
    for span in spans:
        passage = random_body(rng, rng.randint(8, 40))
        for i in rng.sample(range(n), span):
            bodies[i] += "\n\n" + passage
    return bodies


@pytest.mark.parametrize(("part_hashes", "slice_hashes"), [(1 << 20, 16), (200, 1), (200, 16), (7, 1)])
def test_frequencies_are_exact_in_any_number_of_parts(
    monkeypatch: pytest.MonkeyPatch, part_hashes: int, slice_hashes: int
) -> None:
    rng = random.Random(31)
    prints = [wires._hashes(body_fingerprint(b)) for b in shared_texts(rng, 60, list(range(1, 41)))]
    counts = Counter(h for p in prints for h in p)
    monkeypatch.setattr(wires, "PART_HASHES", part_hashes)
    monkeypatch.setattr(wires, "SLICE_HASHES", slice_hashes)
    found = wires._frequencies(prints, 4, 12, 25.5)
    assert found.shared == {h for h, n in counts.items() if 2 <= n <= 12}
    assert found.spread == {h for h, n in counts.items() if 4 < n <= 12}
    assert found.frequent == {h for h, n in counts.items() if n > 25}
    assert found.shared and found.spread and found.frequent


def test_links_are_those_of_all_pairs_counting_evidence_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The index finds exactly the links that comparing every pair finds: at least min_shared hashes in 2 to
    EVIDENCE articles, making half the smaller fingerprint (common hashes counted in its size)."""
    rng = random.Random(32)
    bodies = shared_texts(rng, 150, [rng.choice((2, 3, 4, 6, 9)) for _ in range(120)])
    for _ in range(40):  # copies, some of them of copies
        bodies.append(copy_of(rng, rng.choice(bodies), rng.randrange(4)))
    prints = [wires._hashes(body_fingerprint(b)) for b in bodies]
    monkeypatch.setattr(wires, "EVIDENCE", 4)
    found = {(i, j): value for value, i, j in wires._text_links(prints, ["One"] * len(prints), 0.5, 5, 0.05)}

    counts = Counter(h for p in prints for h in p)  # 190 articles: none is frequent (in more than 20)
    assert max(counts.values()) <= 20
    sizes = [len(p) for p in prints]
    expected, stock, diluted = {}, 0, 0
    for i, p in enumerate(prints):
        for j in range(i + 1, len(prints)):
            common = set(p).intersection(prints[j])
            evidence = sum(1 for h in common if counts[h] <= 4)
            smaller = min(sizes[i], sizes[j])
            if evidence >= 5 and evidence >= 0.5 * smaller:
                expected[i, j] = evidence / smaller
                diluted += evidence < len(common)  # sharing passages in more articles, counted in the size only
            elif len(common) >= 5 and len(common) >= 0.5 * smaller:
                stock += 1  # as close by passages in more than 4 articles: no link
    assert found == expected
    assert len(expected) >= 12 and diluted >= 5 and stock >= 40


@pytest.mark.parametrize("outlets", [10, 1500])
def test_a_stock_phrase_in_every_article_makes_no_copies_and_hides_none(outlets: int) -> None:
    rng = random.Random(33)
    stock = random_body(rng, 25)  # "Subscribe to …" under every article, of few outlets or of as many as articles
    articles: list[WireArticle] = []
    expected: set[tuple[str, ...]] = set()

    def add(id: str, body: str) -> None:
        outlet = f"Outlet {len(articles) % outlets:04d}"
        articles.append(art(id, body + "\n\n" + stock, outlet=outlet, order=f"2031-05-{1 + len(articles) % 28:02d}"))

    for g in range(12):
        original = random_body(rng, rng.randint(120, 250))
        ids = [f"g{g:02d}-0"]
        add(ids[0], original)
        for c in range(rng.randint(1, 3)):
            ids.append(f"g{g:02d}-{c + 1}")
            add(ids[-1], copy_of(rng, original, rng.randrange(4)))
        expected.add(tuple(sorted(ids)))
    while len(articles) < 1500:
        add(f"solo-{len(articles):04d}", random_body(rng, rng.randint(5, 80)))  # short: most of it the stock phrase
    assert members(wire_groups(articles)) == expected


def test_a_quote_in_more_than_twenty_articles_is_no_evidence_however_large_the_corpus() -> None:
    """A 35-word quote in 40 of 1,000 articles: under 5% of them, but in more than EVIDENCE. Short items that are
    mostly the quote are no copies of each other; two copies of a story quoting it still are."""
    rng = random.Random(34)
    quote = random_body(rng, 35)
    story_text = random_body(rng, 150)
    articles = [
        art("story", story_text + "\n\n" + quote, outlet="Outlet A"),
        art("story-copy", copy_of(rng, story_text, 0) + "\n\n" + quote, outlet="Outlet B"),
    ]
    for i in range(38):
        articles.append(art(f"brief-{i:02d}", random_body(rng, rng.randint(5, 25)) + "\n\n" + quote, outlet=f"P{i}"))
    while len(articles) < 1000:
        articles.append(art(f"other-{len(articles):04d}", random_body(rng, rng.randint(60, 120)), outlet="Outlet C"))
    (group,) = wire_groups(articles)
    assert group.members == ("story", "story-copy")


def test_a_footer_in_more_than_twenty_articles_does_not_group_short_pages_in_a_large_corpus() -> None:
    """A network's 150-word footer on 40 of 1,000 pages (under 5%): pages of a few words are no copies."""
    rng = random.Random(35)
    footer = random_body(rng, 150)
    articles = [
        art(f"p{i:02d}", random_body(rng, rng.choice((5, 20, 40))) + "\n\n" + footer, outlet=f"Network {i % 4}")
        for i in range(40)
    ]
    while len(articles) < 1000:
        articles.append(art(f"other-{len(articles):04d}", random_body(rng, rng.randint(60, 120)), outlet="Outlet C"))
    assert wire_groups(articles) == []


def test_a_story_syndicated_beyond_twenty_articles_in_a_large_corpus_is_one_group() -> None:
    """30 outlets' copies of a story in 1,000 articles: more than EVIDENCE, fewer than 5% (not frequent)."""
    rng = random.Random(36)
    story_text = random_body(rng, 300)
    articles = [art("s00", story_text, outlet="Wire Service", order="2031-01-01")]
    for i in range(1, 30):
        body = copy_of(rng, story_text, i % 4)
        articles.append(art(f"s{i:02d}", body, outlet=f"Paper {i}", order=f"2031-01-{1 + i % 28:02d}"))
    while len(articles) < 1000:
        articles.append(art(f"other-{len(articles):04d}", random_body(rng, rng.randint(60, 200)), outlet="Paper 1"))
    (group,) = wire_groups(articles)
    assert group.members == tuple(f"s{i:02d}" for i in range(30))
    assert group.original == "s00"
