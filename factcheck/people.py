"""People named in an article: each mention of a person, the full name it stands for, and the title it carries.

There is no entity model here: a person is a run of capitalized name words (initials, particles such as "de",
"van", "bin", "al-", hyphens, apostrophes and accents allowed) that some evidence marks as a person — a title or
role before it ("Russian Deputy Foreign Minister Sergei Ryabkov"), an appositive title after it ("Michael Kofman,
director of Russia studies at CNA,"), a speech verb ("Noah Millman wrote"), an honorific ("Ms. Sherman"), a
relative "who", or a known first name. A bare surname is a mention when the article has already given the full
name ("Ryabkov" after "Sergei Ryabkov"), and it stands for the most recent such full name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from factcheck.lines import LineIndex
from factcheck.models import Article, Claim, ClaimKind, Sentence

Gender = Literal["female", "male"]


@dataclass(frozen=True)
class PersonMention:
    """One place where an article names a person.

    ``name`` is the name as written there ("Sergei A. Ryabkov", or a bare "Ryabkov"); ``full_name`` the full name
    it stands for (its own when it spells one; for a bare surname the most recent full name with that surname
    earlier in the article, else the surname itself); ``title`` the title the outlet gives at this mention, as
    written, without a leading article; ``start``/``end`` the offsets of the name in the article's text; ``full``
    whether the mention spells a first and a last name.
    """

    name: str
    full_name: str
    title: str | None
    start: int
    end: int
    full: bool


# --- letters -------------------------------------------------------------------------------------------------


def _char_class(test: Callable[[str], bool]) -> str:
    """A regex character class of the Latin, Greek and Cyrillic letters that pass ``test``, as ranges."""
    codes = [c for block in ((0x41, 0x250), (0x370, 0x530), (0x1E00, 0x1F00)) for c in range(*block) if test(chr(c))]
    parts: list[str] = []
    first = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        parts.append(
            re.escape(chr(first)) if first == previous else f"{re.escape(chr(first))}-{re.escape(chr(previous))}"
        )
        first = previous = code
    return "[" + "".join(parts) + "]"


UPPER = _char_class(str.isupper)
LOWER = _char_class(str.islower)

# A capitalized name word: "Sherman", "McConnell", "DeSantis", "O'Brien", "D’Amato", "Jean-Yves", "Geun-hye",
# "Sherman-led" (rejected later by its suffix), optionally after an Arabic article ("al-Assad", "el-Sisi").
_ARABIC_ARTICLE = r"(?:(?:al|el|ad|as|ash|at|az|an|ar|ud|ul|ed|es|et)-)"
NAME_WORD = (
    rf"{_ARABIC_ARTICLE}?(?:{UPPER}{LOWER}+(?:{UPPER}{LOWER}+)?|{UPPER}['’]{UPPER}{LOWER}+)(?:[-‑]{UPPER}?{LOWER}+)*"
)
# Each branch starts with a letter and checks the character before it afterwards, so that the regex engine can skip
# ahead to the next capital instead of trying a lookbehind at every position.
_NOT_BEFORE = r"[\w.'’\-‑]"
_WORD_REST = rf"(?:{LOWER}+(?:{UPPER}{LOWER}+)?|['’]{UPPER}{LOWER}+)(?:[-‑]{UPPER}?{LOWER}+)*(?!\w)"
_TOKEN = re.compile(
    rf"{UPPER}(?<!{_NOT_BEFORE}.){_WORD_REST}"
    rf"|(?P<initial>{UPPER})(?<!{_NOT_BEFORE}.)\.(?=\s+{UPPER})"
    rf"|(?:a(?<!{_NOT_BEFORE}a)(?:sh|[lsdtznr])|e(?<!{_NOT_BEFORE}e)[ldst]|u(?<!{_NOT_BEFORE}u)[dl])-{UPPER}{_WORD_REST}"
)
_PARTICLES = "de da das do dos del della di du der den des van von ter ten bin ibn bint ben al el la le y zu".split()
_GAP = re.compile(r"\s+(?:(?:" + "|".join(_PARTICLES) + r")\s+)*")

# --- words that are not names ---------------------------------------------------------------------------------

_FUNCTION_WORDS = frozenset(
    """
    The A An And But Or Nor So Yet For In On At By To From With Of Into Onto Over Under About After Before During
    Since Until Till While When Whenever Where Why How What Who Whom Whose Which That This These Those There Here
    It Its He She They We I You His Her Hers Their Our My Your Him Them Us Me As If Though Although Because Unless
    Whether Also Still Then Now Meanwhile However Moreover Furthermore Indeed Instead Both Either Neither No Not
    Some Many Most All Any Each Every Few Several Such Only Even Just Already Again Once Later Earlier Today
    Tonight Yesterday Tomorrow Last Next New Old Top Senior Former Ahead Amid Amidst Among Across Against Around
    Behind Beyond Despite Inside Outside Per Via Like Unlike Than Whatever Whoever Perhaps Maybe Yes Ok Okay More
    Less Much Other Another Whole Same Why Asked Please Thank Thanks Dear Hello Sorry Well Oh Let Here Because
    Breaking Update Updated Exclusive Analysis Opinion Editorial Live Watch Read Listen Photo Photos Video Videos
    Getty Images Reuters Contributing Skip Sign Subscribe Join Already Not Click Share Comments Advertisement
    Ultimately Overall Instead Finally First Second Third Together Why Are Is Was Were Will Would Could Should Can
    May Might Must Shall Do Does Did Has Have Had Be Been Being Get Got Make Made Take See Said Says Say Told Tells
    Tell Added Adds Warned Warns Wrote Writes Noted Notes Argued Argues Asks Declared Insisted Explained Tweeted
    Posted Recalled Predicted Described Called Calls Reiterated Accused Accuses Urged Urges Vowed Vows Threatens
    Threatened Rejects Rejected Signals Signaled Denies Denied Meets Met Talks Talk Hold Holds Held Says
    """.split()
)
_MONTHS_AND_DAYS = frozenset(
    """
    January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul
    Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur
    Thurs Fri Sat Sun Christmas Easter Ramadan Eid Thanksgiving Hanukkah Passover Week Weekend Day Night Morning
    Evening Afternoon Spring Summer Autumn Fall Winter Year Month Today Noon Midnight
    """.split()
)
# Capitalized title and rank words: they introduce names, they are not names.
TITLE_WORDS = frozenset(
    """
    President Presidents Vice Prime Premier Minister Ministers Secretary Secretaries Deputy Under Undersecretary
    Assistant Associate Foreign Defense Defence State Treasury Interior Finance Justice Homeland Security National
    General Attorney Ambassador Envoy Special Representative Senator Sen Rep Representative Governor Gov Mayor
    Congressman Congresswoman Congressmember Lawmaker Speaker Chancellor Vice-Chancellor King Queen Prince Princess
    Crown Emir Sheikh Sheik Sultan Pope Cardinal Archbishop Bishop Rabbi Imam Rev Reverend Father Pastor Saint St
    Gen Lt Maj Brig Col Capt Sgt Cpl Pvt Adm Cmdr Admiral Colonel Major Captain Lieutenant Sergeant Corporal
    Commander Marshal Field Chief Chiefs Staff Chairman Chairwoman Chairperson Chair Director Professor Prof Doctor
    Dr Judge Lord Lady Sir Dame Baroness Baron Duke Duchess Earl Count Countess Mr Mrs Ms Miss Mx Messrs Madam
    Madame Monsieur Herr Frau Spokesperson Spokesman Spokeswoman Adviser Advisor Advisers Advisors Press Executive
    Officer Official Officials Leader Leaders Commissioner Inspector Sheriff Agent Detective President-elect
    Vice-President Secretary-General Director-General Ceo Head Founder Acting Interim Chief Justice Jr Sr Esq
    Negotiator Diplomat Envoy Analyst Expert Professor Editor Correspondent Reporter Columnist Author Anchor Host
    """.split()
)
_DEMONYMS = frozenset(
    """
    American Americans Russian Russians Ukrainian Ukrainians Chinese British English Scottish Welsh Irish French
    German Germans Italian Spanish Portuguese Polish Turkish Iranian Iraqi Syrian Israeli Israelis Palestinian
    Palestinians Saudi Emirati Qatari Kuwaiti Omani Yemeni Jordanian Lebanese Egyptian Libyan Tunisian Algerian
    Moroccan Sudanese Indian Pakistani Afghan Bangladeshi Japanese Korean Taiwanese Vietnamese Thai Filipino
    Indonesian Malaysian Singaporean Australian Canadian Mexican Brazilian Venezuelan Cuban Colombian Argentine
    Argentinian Chilean Peruvian Nigerian Kenyan Ethiopian Somali Ghanaian South North East West Western Eastern
    Northern Southern Central Middle European Europeans Asian African Arab Arabs Arabic Latin Soviet Belarusian
    Georgian Kazakh Hungarian Czech Slovak Slovenian Romanian Bulgarian Serbian Croatian Bosnian Albanian Greek
    Cypriot Swedish Finnish Norwegian Danish Dutch Belgian Swiss Austrian Lithuanian Latvian Estonian Moldovan
    Armenian Azerbaijani Uzbek Turkmen Tajik Kyrgyz Chechen Crimean Baltic Nordic Scandinavian Atlantic Pacific
    Trans-Atlantic Transatlantic Democratic Republican Democrat Democrats Republicans Conservative Conservatives
    Labour Liberal Liberals Communist Socialist Green Greens Muslim Muslims Jewish Catholic Orthodox Protestant
    Islamic Kurdish Kurds Taliban Houthi Western Allied Allies Allied Global International Intercontinental Federal
    Royal Imperial Supreme Grand Great Little High Upper Lower Old New Post-Cold Cold Holy Sacred
    """.split()
)
PLACES = frozenset(
    """
    Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain
    Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Herzegovina Botswana Brazil Brunei
    Bulgaria Burkina Faso Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia Cuba
    Cyprus Czechia Czechoslovakia Denmark Djibouti Dominica Ecuador Egypt Salvador Eritrea Estonia Eswatini
    Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti
    Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya
    Kiribati Korea Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania
    Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Micronesia Moldova
    Monaco Mongolia Montenegro Morocco Mozambique Myanmar Burma Namibia Nauru Nepal Netherlands Holland Zealand
    Nicaragua Niger Nigeria Macedonia Norway Oman Pakistan Palau Palestine Panama Papua Paraguay Peru Philippines
    Poland Portugal Qatar Romania Russia Rwanda Samoa Marino Arabia Senegal Serbia Seychelles Sierra Leone
    Singapore Slovakia Slovenia Somalia Africa Spain Lanka Sudan Suriname Sweden Switzerland Syria Taiwan
    Tajikistan Tanzania Thailand Togo Tonga Trinidad Tobago Tunisia Turkey Turkiye Türkiye Turkmenistan Tuvalu
    Uganda Ukraine Emirates Kingdom Britain England Scotland Wales Uruguay Uzbekistan Vanuatu Vatican Venezuela
    Vietnam Yemen Zambia Zimbabwe America Americas Europe Asia Eurasia Oceania Antarctica Arctic Balkans Caucasus
    Crimea Donbas Donbass Donetsk Luhansk Kharkiv Kherson Zaporizhzhia Dnipro Odesa Odessa Lviv Mariupol Bakhmut
    Kyiv Kiev Sevastopol Moscow Petersburg Minsk Geneva Brussels Vienna Washington London Paris Berlin Rome Madrid
    Lisbon Warsaw Prague Budapest Bucharest Sofia Athens Ankara Istanbul Tehran Baghdad Damascus Beirut Jerusalem
    Gaza Aviv Cairo Riyadh Doha Dubai Dhabi Beijing Shanghai Hong Kong Taipei Tokyo Seoul Pyongyang Delhi Mumbai
    Islamabad Kabul Almaty Astana Tbilisi Yerevan Baku Havana Caracas Bogota Ottawa Toronto Montreal Canberra
    Sydney Melbourne Brasilia Buenos Aires Lagos Nairobi Addis Ababa Pretoria Johannesburg Helsinki Stockholm Oslo
    Copenhagen Amsterdam Hague Bern Zurich Davos Munich Frankfurt Hamburg Milan Naples Belgrade Zagreb Sarajevo
    Vilnius Riga Tallinn Chisinau Kaliningrad Kremlin Pentagon Alabama Alaska Arizona Arkansas California
    Colorado Connecticut Delaware Florida Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine
    Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Hampshire Jersey York
    Carolina Dakota Ohio Oklahoma Oregon Pennsylvania Rhode Tennessee Texas Utah Vermont Virginia Wisconsin
    Wyoming Chicago Boston Houston Dallas Atlanta Miami Seattle Denver Phoenix Detroit Philadelphia Baltimore
    Angeles Vegas Orleans Brooklyn Manhattan Queens Bronx Hollywood Brussels Strasbourg Luxembourg
    Siberia Chernobyl Belgorod Rostov Voronezh Kursk Bryansk Smolensk Pskov Murmansk Vladivostok Chukotka Kuril
    Mediterranean Baltic Caspian Persian Adriatic Aegean Atlantic Pacific Indian
    Latin Scandinavia Siberia Kashmir Tibet Xinjiang Hokkaido Okinawa Sinai Negev Golan Kurdistan Darfur Sahara
    Sahel Yangtze Nile Danube Dnieper Volga Potomac Thames Rhine Capitol Downing Whitehall Westminster
    Elysee Élysée Kremlin Bundestag
    """.split()
)
# Words that make a capitalized run an organization, a place or a thing: "State Department", "NATO-Russia
# Council", "Washington Post", "Crisis Group", "Kennedy Center".
ORG_WORDS = frozenset(
    """
    Department Departments Ministry Council Union Organization Organisation Agency Committee Commission Institute
    Institution University College School Academy Foundation Fund Bank Group Party Post Times Journal News Press
    Herald Tribune Telegraph Guardian Gazette Chronicle Review Magazine Weekly Daily Network Radio Television Tv
    Channel Broadcasting Service Services Office House Senate Congress Parliament Assembly Duma Rada Court Courts
    Tribunal Corp Corporation Inc Company Co Ltd Llc Association Society Center Centre Forum Summit Conference
    Treaty Accord Accords Agreement Pact Alliance Coalition Federation Republic Empire States Army Navy Air Force
    Forces Guard Guards Police Command Administration Authority Board Bureau Cabinet Government Embassy Consulate
    Mission Delegation Club League Team Airlines Airways Railway Railways Museum Library Hospital Church Mosque
    Temple Cathedral Palace Hall Square Street Avenue Road Boulevard Bridge Airport Station Port Harbor Harbour
    River Sea Ocean Lake Mountain Mountains Island Islands Peninsula Gulf Bay Strait Canal Valley Desert Region
    Province District County City Town Village Border Front Line Wall War Wars Crisis Revolution Initiative
    Program Programme Project Plan Act Bill Law Doctrine Strategy Order Operation Declaration Charter Convention
    Protocol Memorandum Prize Award Awards Games Cup Olympics Championship Index Exchange Market Markets Partners
    Capital Holdings Industries Energy Oil Gas Motors Systems Technologies Labs Studios Records Pictures Media
    Electric Electrical Utility Utilities Power Water Telecom Logistics Shipping Freight Transit Rail Airline Insurance
    Pharmaceuticals Pharma Foods Brewery Mills Steel Mining Construction Partners Ventures Solutions Group
    Report Reports Update Insider Wire Watch Policy Affairs Studies Research Priorities Endowment Trust Images
    Photos Newsletter Newsletters Show Hour Minute Nation Union Security Council Reserve Fed Statue Garden Gardens
    Park Zoo Stadium Arena Theater Theatre Festival Conflict Talks Meeting Meetings Session Negotiations Process
    Format Framework Sanctions Economy Economics Ventures Solutions Consulting Capital Agency Agencies Company
    Companies Brigade Battalion Regiment Division Corps Fleet Unit Units Group Groups Movement Front Brotherhood
    Network Networks Times Post Tribune Observer Economist Atlantic Independent Mirror Sun Star Express Globe
    Standard Monitor Register Inquirer Bulletin Dispatch Courier Record Sentinel Examiner Enquirer Post-Gazette
    Intelligence Security Defense Defence Cooperation Co-operation Organization Treaty Summit
    """.split()
)
NOT_NAMES = _FUNCTION_WORDS | _MONTHS_AND_DAYS | TITLE_WORDS | _DEMONYMS | ORG_WORDS
# Second halves of hyphenated words that make an adjective, not a name: "Sherman-led", "Kremlin-backed".
_ADJECTIVE_SUFFIXES = frozenset(
    """
    led backed based born run owned style era like type made linked allied aligned funded controlled supported
    friendly leaning speaking held occupied annexed imposed brokered sponsored appointed elect designate era
    wide level class related oriented bound area zone ruled dominated inspired influenced
    """.split()
)
_HONORIFICS = re.compile(
    r"(?:^|(?<=[\s(“\"‘—–,;:]))(?P<h>Mr|Mrs|Ms|Miss|Mx|Messrs|Sir|Dame|Lord|Lady|Madam|Madame)\.?\s+$"
)

# --- first names ----------------------------------------------------------------------------------------------

_MALE_NAMES = """
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Antony
Donald Mark Paul Steven Stephen Andrew Kenneth Joshua Kevin Brian George Edward Ronald Timothy Jason Jeffrey Ryan
Jacob Gary Nicholas Eric Jonathan Larry Justin Scott Brandon Benjamin Samuel Gregory Frank Alexander Raymond
Patrick Jack Dennis Jerry Tyler Aaron Adam Henry Nathan Douglas Zachary Peter Kyle Walter Ethan Jeremy Harold
Keith Christian Roger Noah Gerald Carl Terry Sean Arthur Lawrence Jesse Dylan Bryan Joe Billy Bruce Albert Willie
Gabriel Logan Alan Wayne Roy Ralph Randy Eugene Vincent Russell Elijah Louis Bobby Philip Phillip Johnny Bill Mike
Jim Tom Tim Bob Rob Robbie Dan Dave Steve Chris Nick Ted Ned Jake Lloyd Mitch Chuck Rand Hakeem Merrick Rudy Rex
Jared Pete Rahm Leon Leo Liam Lucas Mason Oliver Elias Carter Owen Wyatt Luke Isaiah Caleb Connor Cameron Adrian
Colin Ian Neil Derek Craig Martin Barry Howard Stuart Glenn Marcus Dean Darren Shane Trevor Clive Graham Nigel
Rupert Hugh Giles Keir Dominic Gavin Ben Max Tony Andy Matt Josh Joel Greg Ken Fred Jeff Doug Kurt Brett Todd
Clint Rick Ricky Mitt Newt Barack Beau Ron Bernie Jamal Tucker Sherrod Marco Hunter Jens Boris Emmanuel Olaf
Rishi Volker Horst Sigmar Norbert Lars Anders Magnus Sven Nils Erik Henrik Mikael Jonas Johan Jan Piotr Pawel
Paweł Andrzej Mateusz Jaroslaw Jarosław Viktor Zoltan Zoltán Milos Miloš Aleksandar Zoran Janez Josep Xavier
Yves Luc Marc Gilles Didier Laurent Sébastien Sebastien Olivier Guillaume Julien Mathieu Jacques Pierre Michel
Philippe Alain Bernard Christophe Thierry Francois François Gerhard Helmut Wolfgang Klaus Hans Jurgen Jürgen
Heiko Friedrich Markus Frank-Walter Matteo Giuseppe Silvio Giorgio Enrico Luigi Paolo Stefano Mario Sergio
Antonio Pedro Andres Andrés Luis Carlos Miguel Jorge Javier Alejandro Francisco Manuel Rafael Fernando Ricardo
Pablo Enrique Alberto Felipe Gustavo Hugo Ivan Oscar Raul Raúl Ruben Victor Jair Nicolas Nicolás Jose José Juan
Luiz Ignacio Rodrigo Ferdinand Joko Prabowo Recep Tayyip Mevlut Mevlüt Ahmet Mehmet Mustafa Ali Hasan Hassan
Hussein Husain Mohammed Mohammad Muhammad Mohamed Ahmed Ahmad Abdullah Abdul Abdel Omar Umar Khalid Khaled Salman
Faisal Hamad Tamim Bashar Hafez Yahya Ismail Ibrahim Youssef Yousef Yusuf Karim Tariq Nabil Walid Samir Sami
Hamid Mahmoud Mahmood Imran Nawaz Shehbaz Hamza Bilal Osama Usama Ayman Qasem Qassem Hossein Javad Ebrahim Akbar
Reza Mohsen Nasser Anwar Najib Yair Naftali Isaac Itamar Avigdor Benny Gideon Yoav Ehud Shimon Moshe Yitzhak
Ariel Vladimir Sergei Sergey Dmitry Dmitri Dmitriy Alexei Alexey Aleksei Aleksey Aleksandr Nikolai Nikolay
Mikhail Yuri Yury Igor Oleg Andrei Andrey Pavel Konstantin Maxim Maksim Gleb Grigory Grigori Anatoly Anatolii
Valery Valeriy Vyacheslav Yevgeny Evgeny Yevgeniy Denis Roman Leonid Ramzan Arkady Gennady Stanislav Vitaly
Vitali Volodymyr Oleksiy Oleksii Dmytro Petro Vitaliy Serhiy Andriy Mykhailo Mykola Yuriy Oleksandr Ruslan Taras
Bohdan Kyrylo Valerii Denys Vadym Rustem Fumio Shinzo Yoshihide Taro Kenji Hiroshi Takeshi Narendra Rahul Amit
Rajan Rajnath Arvind Sanjay Vijay Raj Ravi Anil Sunil Ashok Manmohan Subrahmanyam Cyril Uhuru Abiy Bola Muhammadu
Emmerson Yoweri Jean-Yves Jean-Claude Jean-Luc Jean-Marie Jean-Pierre Jean-Noël Lula
""".split()
_FEMALE_NAMES = """
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley
Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia
Kathleen Amy Angela Rita Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel
Carolyn Janet Catherine Maria María Heather Diane Ruth Julie Olivia Joyce Victoria Kelly Lauren Christina Joan
Evelyn Judith Megan Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Abigail
Alice Judy Sophia Julia Denise Marilyn Beverly Charlotte Natalie Theresa Diana Brittany Doris Kayla Alexis Lori
Jill Kamala Hillary Wendy Julianne Karine Jen Ursula Annalena Kaja Liz Jacinda Sanna Mette Giorgia Marine
Ségolène Kristalina Avril Gina Nikki Elise Marjorie Ilhan Alexandria Tulsi Kirsten Dianne Tammy Debbie Marsha
Cori Katie Kristi Kristen Condoleezza Madeleine Olga Svetlana Tatiana Tatyana Natalia Natalya Irina Elena Yelena
Ekaterina Yekaterina Valentina Lyudmila Ludmila Marina Galina Nadezhda Vera Yulia Yuliya Alina Daria Darya
Anastasia Ksenia Oksana Olena Iryna Kateryna Viktoria Khrystyna Lesia Hanna Maryna Yuliia Fatima Aisha Layla
Leila Mariam Maryam Noor Nour Rania Hanan Amira Samira Yasmin Yasmine Zainab Huda Salma Mona Amal Indira Sonia
Priyanka Nirmala Meghan Greta Malala Karina Angelina Anne Annie Marie Sophie Claire Camille Chloe Chloé Lea Léa
Manon Isabelle Sylvie Nathalie Valerie Valérie Brigitte Agnes Agnès Christiane Petra Sabine Katarina Katharina
Ingrid Birgit Astrid Magdalena Agnieszka Ewa Beata Malgorzata Małgorzata Joanna Katarzyna Zuzana Dagmar Ivana
Jelena Ana Mia Ava Isabella Ella Zoey Nora Lily Eleanor Lucy Stella Natasha Tanya Masha Kate Kathy Cathy Susie
Sue Pam Meg Peggy Becky Beth Jane Joanne Rosemary Rosa Rosalind Gwen Gillian Fiona Nicola Priti Suella Penny
Harriet Yvette Benazir Golda Tzipi Ayelet Miri Hasina Khaleda Imelda Corazon Leni Dilma Cristina Melania Chelsea
Ivanka Kellyanne Kayleigh Lina Dina Tamara Lara Nadia Nadine Rima Reem Dalia Hala Rasha Suha Samar Lubna Haifa
""".split()
_EITHER_NAMES = frozenset("Jean Andrea Kim Robin Alex Sasha Jamie Taylor Morgan Dana Pat Leslie Lindsey Sam".split())
_FEMALE = frozenset(_FEMALE_NAMES) - _EITHER_NAMES
_MALE = frozenset(_MALE_NAMES) - _EITHER_NAMES - _FEMALE
FIRST_NAMES = _FEMALE | _MALE | _EITHER_NAMES
# Surnames written first: "Wang Yi", "Xi Jinping", "Kim Jong Un"; a bare "Wang" or "Xi" stands for them later.
_SURNAME_FIRST = frozenset(
    """
    Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Gao Luo Zheng Liang Xie Tang Xi Han
    Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Qin Kim
    Lee Choi Jung Kang Cho Yoon Jang Lim Moon Nguyen Tran Pham Hoang Vo Hun Tsai
    """.split()
)


def first_name_gender(name: str) -> Gender | None:
    """The gender a full name's first name usually has ("Wendy Sherman" → female), or None when unknown."""
    first = name.split()[0] if name.strip() else ""
    if first in _FEMALE:
        return "female"
    if first in _MALE:
        return "male"
    return None


def surname_keys(full_name: str) -> tuple[str, ...]:
    """The bare words a full name may be referred to by later: its last name ("al-Assad" also as "Assad"), and
    for names written surname-first ("Wang Yi") the first word too."""
    words = [w for w in full_name.split() if not (len(w) == 2 and w.endswith("."))]
    words = [w for w in words if w not in _PARTICLES]
    if not words:
        return ()
    last = words[-1]
    keys = [last]
    if "-" in last and last.split("-", 1)[0] in {"al", "el", "ad", "as", "ash", "at", "az", "an", "ar", "ud", "ul"}:
        keys.append(last.split("-", 1)[1])
    if len(words) in (2, 3) and words[0] in _SURNAME_FIRST:
        keys.append(words[0])
    return tuple(keys)


# --- titles ---------------------------------------------------------------------------------------------------

_CAP_WORD = r"[A-Z][\w.'’&\-]*"
_MODIFIERS = (
    r"(?i:former|ex|then|acting|interim|top|senior|junior|chief|lead|deputy|vice|assistant|associate|principal|"
    r"under|first|second|special|executive|managing|program|programme|research|national|security|foreign|defen[cs]e|"
    r"finance|interior|state|prime|press|intelligence|military|political|policy|veteran|longtime|outgoing|incoming|"
    r"retired|current|opposition|party|campaign|communications|government|administration|economic|legal|science|"
    r"health|trade|energy|climate|justice|treasury|homeland|home|cabinet|white|house|department|ministry|"
    r"foreign-policy|nonresident|visiting|distinguished|adjunct|emeritus|founding|honorary|parliamentary)"
)
ROLE = (
    r"(?i:secretary[\s-]general|under[\s-]?secretary[\s-]general|director[\s-]general|attorney\s+general|"
    r"surgeon\s+general|solicitor\s+general|inspector\s+general|governor[\s-]general|secretary\s+of\s+state|"
    r"chief\s+of\s+staff|chief\s+executive(?:\s+officer)?|crown\s+prince|lt\.\s*gen\.|maj\.\s*gen\.|brig\.\s*gen\.|"
    r"lt\.\s*col\.|national\s+security\s+advis[eo]r|press\s+secretary|prime\s+minister|vice[\s-]president|"
    r"president(?:[\s-]elect)?|secretary|minister|premier|chancellor|ambassador|envoy|representative|rep\.|"
    r"senator|sen\.|governor|gov\.|mayor|congressman|congresswoman|lawmaker|legislator|speaker|king|queen|prince|"
    r"princess|emir|sheikh|sultan|pope|cardinal|archbishop|bishop|rabbi|imam|rev\.|reverend|pastor|general|gen\.|"
    r"admiral|adm\.|colonel|col\.|major|maj\.|captain|capt\.|lieutenant|lt\.|sergeant|sgt\.|commander|cmdr\.|"
    r"marshal|ceo|chairman|chairwoman|chairperson|chair|head|leader|founder|co-founder|spokesperson|spokesman|"
    r"spokeswoman|adviser|advisor|counselor|counsellor|aide|analyst|director|professor|prof\.|lecturer|dr\.|judge|"
    r"justice|prosecutor|lawyer|attorney|economist|historian|researcher|scholar|fellow|expert|specialist|official|"
    r"officer|diplomat|negotiator|commissioner|coordinator|strategist|pollster|author|writer|columnist|"
    r"correspondent|reporter|editor|journalist|commentator|anchor|host|activist|manager|coach|candidate|nominee|"
    r"dean|provost|scientist|physician|doctor|chief|deputy|member|president|sheriff|inspector|detective|"
    r"superintendent|minister|ombudsman|mediator|observer|monitor|partner|owner|investor|founder)"
)
_ROLE_TAIL = rf"(?:\s+(?:of|to|for|at)\s+(?:the\s+)?{_CAP_WORD}(?:\s+(?:and\s+)?{_CAP_WORD}){{0,3}})?"
# A title right before a name: "U.S. Deputy Secretary of State ", "Russia's deputy foreign minister ".
TITLE_BEFORE = re.compile(
    rf"(?:^|(?<=[\s(\[“\"‘—–,;:]))(?P<t>(?:(?:{_MODIFIERS}|{_CAP_WORD})[\s-]+){{0,5}}{ROLE}{_ROLE_TAIL})\s+$"
)
_ROLE_WORD = re.compile(rf"(?<![\w-]){ROLE}(?![\w-])")
_ROLE_ONLY = re.compile(rf"(?:\w+-)?{ROLE}|(?i:staff)")
# An appositive after a name: "Michael Kofman, director of Russia studies at CNA," / "Ryabkov, the deputy foreign
# minister, told" / "Olga Oliker, program director for Europe and Central Asia with the International Crisis Group."
_APPOSITIVE = re.compile(r",\s+(?P<a>[^,;:\"“”()—–\[\]]{2,160}?)(?=\s*(?:[,;:—–)]|(?<!\b[A-Z])\.(?=\s|$)|\.?\s*$))")
# Words in an appositive that make it a clause, not a title: "with Putin, President Biden ruled out ...".
_CLAUSE_VERB = re.compile(
    r"\b(?!(?:retired|appointed|elected|designated|named|based|unnamed|respected|renowned|celebrated|"
    r"distinguished|seasoned|noted|acclaimed|decorated)\b)[a-z]{2,}ed\b|\b(?:is|was|are|were|has|had|have|will|would)\b"
)
_NOT_APPOSITIVE = re.compile(
    r"(?i:who|whom|whose|which|that|and|or|but|said|says|told|tells|he|she|it|they|we|i|you|his|her|its|their|"
    r"as|if|when|while|because|although|though|according|in|on|at|after|before|since|with|by|from|to|for|"
    r"including|speaking|saying|adding|who's)\b"
)
_NAME_AFTER_ROLE = re.compile(rf"\s+{NAME_WORD}")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_LEADING_FUNCTION = re.compile(
    r"^(?:(?:The|the|A|a|An|an|But|And|So|Yet|Or|Then|Meanwhile|However|Also|Now|Still|Even|Only|Last|Next|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|When|While|As|If|After|Before|Since|Although|"
    r"Though|Because|Why|How|What|Where|Both|Neither|Either|Said|Says)\s+)+"
)

SPEECH_VERBS = (
    r"(?:said|says|say|told|tells|tell|added|adds|warned|warns|warn|wrote|writes|write|noted|notes|argued|argues|"
    r"argue|stressed|stresses|insisted|insists|insist|explained|explains|asked|asks|declared|declares|tweeted|"
    r"tweets|posted|recalled|recalls|continued|continues|replied|replies|responded|responds|answered|acknowledged|"
    r"acknowledges|admitted|admits|conceded|concedes|cautioned|cautions|claimed|suggested|suggests|announced|"
    r"announces|emphasized|emphasizes|emphasised|observed|remarked|commented|predicted|predicts|promised|vowed|"
    r"pledged|urged|urges|reiterated|reiterates|repeated|concluded|complained|maintained|maintains|countered|"
    r"contended|contends|testified|agreed|joked|quipped|lamented|boasted|mused|assured|confirmed|confirms|denied|"
    r"denies|described|describes|called|dubbed|termed|labeled|labelled|characterized|characterised|characterizes|"
    r"accused|accuses|accusing|demanded|threatened|signaled|signalled|stated|wondered|shouted|exclaimed|texted|"
    r"emailed|echoed|reported|hinted|alleged|proclaimed|pleaded|estimated|summarized|portrayed|depicted)"
)
_SPEECH_AFTER = re.compile(
    rf"(?:\s*,[^,;:\"“”]{{1,160}},|\s*[—–][^;:\"“”—–]{{1,160}}[—–]|\s*\([^()]{{1,80}}\))?\s+(?:(?:also|later|then|again|previously|earlier|reportedly|[a-z]+ly)\s+)?"
    rf"(?:has\s+|had\s+|have\s+|would\s+|will\s+)?{SPEECH_VERBS}\b"
)
_SPEECH_BEFORE = re.compile(r"(?:\b(?:said|says|according\s+to|quoted|quoting|citing|asked|added|wrote)\s+)$")
_RELATIVE_AFTER = re.compile(r",\s+(?:who|whose)\b")


@dataclass(frozen=True)
class _Token:
    start: int  # offsets within the sentence text
    end: int
    text: str
    initial: bool


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group(0), m.group("initial") is not None) for m in _TOKEN.finditer(text)]


def _not_name(token: _Token) -> bool:
    if token.initial:
        return False
    word = token.text
    if word in NOT_NAMES:
        return True
    if "-" in word or "‑" in word:
        tail = re.split(r"[-‑]", word)[-1]
        if tail.lower() in _ADJECTIVE_SUFFIXES or (tail.islower() and len(tail) > 3):
            return True
        if any(part in NOT_NAMES for part in re.split(r"[-‑]", word)):
            return True
    return False


def _segments(text: str, tokens: list[_Token]) -> Iterable[tuple[list[_Token], _Token | None]]:
    """Runs of adjacent name-capable tokens, each with the token that directly follows it (if adjacent)."""
    run: list[_Token] = []
    previous: _Token | None = None
    for token in tokens:
        adjacent = previous is not None and _GAP.fullmatch(text, previous.end, token.start) is not None
        if not adjacent and run:
            yield run, None
            run = []
        if _not_name(token):
            if run:
                yield run, token if adjacent else None
                run = []
        else:
            run.append(token)
        previous = token
    if run:
        yield run, None


def _search_title(before: str) -> re.Match[str] | None:
    """TITLE_BEFORE on the end of ``before``, tried only when the last words can end a title (a role word, or a role's
    "of State" / "to NATO" tail): the full search is the costly part of finding people."""
    words = before[-80:].split()
    if not words:
        return None
    if _ROLE_ONLY.fullmatch(words[-1]) is None:
        index = len(words) - 1
        while index > 0 and (words[index][:1].isupper() or words[index] in ("the", "and")):
            index -= 1
        if index == len(words) - 1 or words[index] not in ("of", "to", "for", "at"):
            return None
    return TITLE_BEFORE.search(before[-160:])


def _title_before(before: str, after: str = "") -> str | None:
    """The title right before a name; or, for a name set off by commas after its title ("The Kremlin spokesman,
    Dmitry Peskov, said"), that title."""
    match = _search_title(before)
    if match is None and after.startswith(",") and before.endswith(", "):
        match = _search_title(before[:-2] + " ")
    if match is None:
        return None
    title = _LEADING_FUNCTION.sub("", match.group("t")).strip()
    if not title or _ROLE_WORD.search(title) is None:
        return None
    return title


def _appositive_title(after: str) -> str | None:
    match = _APPOSITIVE.match(after)
    if match is None:
        return None
    text = match.group("a").strip()
    if _NOT_APPOSITIVE.match(text) or len(text.split()) > 16 or _CLAUSE_VERB.search(text):
        return None
    role = _ROLE_WORD.search(text)
    if role is not None and _NAME_AFTER_ROLE.match(text, role.end()):
        return None  # "President Biden ...": a new subject with its title, not an appositive
    text = _ARTICLE.sub("", text)
    if _ROLE_WORD.search(text) is None:
        return None
    return text


def _is_show_title(text: str, start: int, end: int) -> bool:
    """Whether the run is the whole of a quoted title ("This Week", "Meet the Press")."""
    return start > 0 and text[start - 1] in "\"“‘'" and end < len(text) and text[end] in "\"”’'"


class _Finder:
    """Walks an article's sentences in file order, remembering the full names given so far."""

    def __init__(self) -> None:
        self.latest: dict[str, str] = {}  # surname key → most recent full name with it
        self.known_full: set[str] = set()

    def sentence(self, sentence: Sentence) -> list[PersonMention]:
        text = sentence.text
        tokens = _tokens(text)
        found: list[PersonMention] = []
        for run, following in _segments(text, tokens):
            found.extend(self._segment(sentence, run, following))
        return found

    def _segment(self, sentence: Sentence, run: list[_Token], following: _Token | None) -> list[PersonMention]:
        text = sentence.text
        names = [t for t in run if not t.initial]
        if not names or len(names) > 4:
            return []
        # Leading initials belong to nobody we can tell ("A. Smith" is kept only as "Smith"); a leading place
        # belongs to the title ("Crown Prince of Saudi Arabia Mohammed bin Salman").
        while len(run) > 1 and (run[0].initial or run[0].text in PLACES):
            run = run[1:]
        names = [t for t in run if not t.initial]
        start, end = run[0].start, run[-1].end
        if following is not None and following.text in ORG_WORDS:
            return []  # "Washington Post", "Kennedy Center", "Crisis Group"
        if _is_show_title(text, start, end):
            return []
        before, after = text[:start], text[end:]
        title = _title_before(before, after)
        honorific = _HONORIFICS.search(before[-12:]) is not None
        if len(names) >= 2:
            if names[0].text in PLACES and title is None:
                return []
            name = " ".join(text[start:end].split())
            appositive = _appositive_title(after)
            evidence = (
                title is not None
                or honorific
                or appositive is not None
                or names[0].text in FIRST_NAMES
                or (names[0].text in _SURNAME_FIRST and len(names) <= 3)
                or name in self.known_full
                or _SPEECH_AFTER.match(after) is not None
                or _SPEECH_BEFORE.search(before[-20:]) is not None
                or _RELATIVE_AFTER.match(after) is not None
            )
            if evidence:
                return [self._full(sentence, name, title or appositive, start, end)]
            last = names[-1]
            if last.text in self.latest:
                return [self._bare(sentence, last, None)]
            return []
        token = names[0]
        if token.text in PLACES:
            return []
        if token.text in self.latest or title is not None or honorific:
            return [self._bare(sentence, token, title or _appositive_title(text[token.end :]))]
        return []

    def _full(self, sentence: Sentence, name: str, title: str | None, start: int, end: int) -> PersonMention:
        for key in surname_keys(name):
            self.latest[key] = name
        self.known_full.add(name)
        offset = sentence.start
        return PersonMention(name, name, title, offset + start, offset + end, True)

    def _bare(self, sentence: Sentence, token: _Token, title: str | None) -> PersonMention:
        full_name = self.latest.get(token.text, token.text)
        offset = sentence.start
        return PersonMention(token.text, full_name, title, offset + token.start, offset + token.end, False)


def _mentions(sentences: Sequence[Sentence]) -> list[tuple[PersonMention, Sentence]]:
    finder = _Finder()
    return [(mention, sentence) for sentence in sentences for mention in finder.sentence(sentence)]


def _with_sentences(
    mentions: Sequence[PersonMention], sentences: Sequence[Sentence]
) -> list[tuple[PersonMention, Sentence]]:
    ordered = sorted(sentences, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    return [(m, ordered[max(0, bisect_right(starts, m.start) - 1)]) for m in mentions]


def person_mentions(article: Article, sentences: Sequence[Sentence]) -> list[PersonMention]:
    """The people named in the article's sentences, in file order, each resolved to the full name it stands for."""
    del article  # the sentences carry their offsets into its text
    return [mention for mention, _sentence in _mentions(sentences)]


def person_claims(
    article: Article,
    sentences: Sequence[Sentence],
    index: LineIndex,
    mentions: Sequence[PersonMention] | None = None,
) -> list[Claim]:
    """A person claim for each mention that spells a full name or carries a title ("Deputy Secretary of State
    Wendy Sherman"): the name as written, with the title the outlet gives there. ``mentions``, when given, are the
    article's ``person_mentions`` already found (they are not looked for again)."""
    pairs = _mentions(sentences) if mentions is None else _with_sentences(mentions, sentences)
    claims: list[Claim] = []
    for mention, sentence in pairs:
        if not mention.full and mention.title is None:
            continue
        claims.append(
            Claim.of_words(
                ClaimKind.PERSON,
                sentence,
                mention.start,
                mention.end,
                mention.name,
                index.line(mention.start),
                title=mention.title,
            )
        )
    return claims
