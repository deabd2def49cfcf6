"""Word lists that drive attribution.

They live in one place so that a new reporting verb or title is a one-line change, not a rule
edit; every list is lower-case and matched against lower-cased token text.
"""

from __future__ import annotations

_IRREGULAR = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "put": ("put", "puts", "putting"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
}

_REGULAR = (
    "add acknowledge admit affirm allege announce answer argue ask assert boast call caution "
    "claim comment complain concede conclude confirm contend continue declare deny describe "
    "emphasise emphasize estimate explain insist joke lament maintain mention note observe "
    "plead pledge point post predict promise quip recall reiterate remark repeat reply report "
    "respond reveal state stress suggest testify term urge vow warn wonder dub label"
)

_IRREGULAR_STEMS = {"dub": "dubb", "quip": "quipp"}


def _inflect(verb: str) -> tuple[str, ...]:
    """Regular English inflections; enough for reporting verbs, which are all regular here."""
    stem = _IRREGULAR_STEMS.get(verb, verb)
    if verb.endswith("e"):
        past, ing = verb + "d", verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        past, ing = verb[:-1] + "ied", verb + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    third = verb + "es" if verb.endswith(("s", "sh", "ch", "x")) else verb + "s"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        third = verb[:-1] + "ies"
    return verb, third, past, ing


def _cue_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma, inflections in _IRREGULAR.items():
        forms.update(dict.fromkeys(inflections, lemma))
    for lemma in _REGULAR.split():
        forms.update(dict.fromkeys(_inflect(lemma), lemma))
    return forms


CUE_FORMS: dict[str, str] = _cue_forms()
"""Inflected reporting-verb form -> lemma."""

NAMING_CUES = frozenset({"call", "describe", "term", "dub", "label"})
"""Cues whose quote is a characterisation (`X called the plan "..."`), not a whole statement."""

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mx"})
MALE_HONORIFICS = frozenset({"mr", "sir"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "madam"})

TITLE_ALIASES = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "prof": "professor",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "adm": "admiral",
    "rev": "reverend",
    "pres": "president",
    "atty": "attorney",
    "cllr": "councillor",
    "amb": "ambassador",
    "cmdr": "commander",
    "dr": "doctor",
}

PERSON_ROLES = frozenset(
    [
        "delegate",
        "president",
        "vice",
        "premier",
        "prime",
        "minister",
        "chancellor",
        "governor",
        "mayor",
        "senator",
        "representative",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "cio",
        "executive",
        "manager",
        "official",
        "officer",
        "commissioner",
        "superintendent",
        "ambassador",
        "envoy",
        "diplomat",
        "judge",
        "justice",
        "prosecutor",
        "attorney",
        "lawyer",
        "sheriff",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "alderman",
        "deputy",
        "aide",
        "adviser",
        "advisor",
        "coach",
        "captain",
        "general",
        "admiral",
        "colonel",
        "lieutenant",
        "sergeant",
        "inspector",
        "detective",
        "professor",
        "doctor",
        "researcher",
        "scientist",
        "economist",
        "analyst",
        "expert",
        "founder",
        "owner",
        "leader",
        "head",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "bishop",
        "reverend",
        "president-elect",
        "candidate",
        "speaker",
        "treasurer",
        "auditor",
        "administrator",
        "inspector-general",
        "engineer",
        "driver",
        "resident",
        "witness",
        "mother",
        "father",
        "parent",
        "teacher",
        "student",
        "worker",
        "nurse",
        "fisherman",
        "farmer",
        "activist",
        "organizer",
        "organiser",
        "historian",
        "author",
        "editor",
        "chancellor",
        "dean",
        "principal",
        "commander",
        "minister-president",
        "representative-elect",
        "governor-elect",
        "mayor-elect",
        "spokesmen",
        "spokeswomen",
        "officials",
        "leaders",
        "residents",
        "workers",
        "experts",
        "analysts",
        "lawmakers",
        "presidents",
        "ministers",
    ]
)

ORG_WORDS = frozenset(
    [
        "house",
        "kremlin",
        "ministry",
        "office",
        "department",
        "authority",
        "council",
        "agency",
        "commission",
        "committee",
        "government",
        "administration",
        "police",
        "court",
        "bank",
        "university",
        "company",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "llc",
        "group",
        "party",
        "union",
        "association",
        "board",
        "service",
        "services",
        "institute",
        "center",
        "centre",
        "foundation",
        "bureau",
        "parliament",
        "senate",
        "congress",
        "cabinet",
        "embassy",
        "army",
        "navy",
        "military",
        "club",
        "federation",
        "league",
        "airport",
        "port",
        "hospital",
        "school",
        "college",
        "assembly",
        "coalition",
        "alliance",
        "network",
        "organisation",
        "organization",
        "secretariat",
        "directorate",
        "regulator",
        "inspectorate",
        "prosecutor's",
        "tribunal",
        "fund",
        "trust",
        "society",
        "campaign",
        "team",
        "firm",
        "operator",
        "railway",
        "railways",
        "airline",
        "utility",
        "commission's",
        "secretariat",
        "council's",
        "palace",
        "pentagon",
        "vatican",
        "elysee",
        "downing",
        "whitehall",
    ]
)
"""Head words that make a name an institution (`White House`, `Transit Authority`)."""

DOC_NOUNS = frozenset(
    [
        "statement",
        "statements",
        "release",
        "readout",
        "communique",
        "communiqué",
        "announcement",
        "letter",
        "memo",
        "memorandum",
        "post",
        "tweet",
        "filing",
        "report",
        "notice",
        "transcript",
        "declaration",
        "bulletin",
        "email",
        "message",
        "note",
        "briefing",
        "lawsuit",
        "complaint",
        "indictment",
        "ruling",
        "ad",
        "advertisement",
        "video",
        "editorial",
        "reports",
        "letters",
        "emails",
        "tweets",
        "posts",
    ]
)
"""Documents that can be the grammatical subject of a cue (`the statement said`); they speak
for their owner (`a statement from the mayor's office`), never for themselves."""

SCARE_MARKERS = frozenset(
    {"so-called", "dubbed", "nicknamed", "titled", "entitled", "named", "branded", "billed"}
)
"""Words right before a quote that make it a label rather than someone's words."""

WORK_NOUNS = frozenset(
    [
        "film",
        "movie",
        "book",
        "novel",
        "song",
        "album",
        "series",
        "show",
        "play",
        "documentary",
        "podcast",
        "episode",
        "exhibition",
        "exhibit",
        "program",
        "programme",
        "slogan",
        "hashtag",
        "headline",
        "column",
        "essay",
        "poem",
        "painting",
        "musical",
        "opera",
        "memoir",
        "website",
        "newsletter",
        "app",
        "game",
    ]
)

PERSON_PRONOUNS = {"he": "male", "she": "female", "him": "male", "her": "female"}
GROUP_PRONOUNS = frozenset({"it", "they", "its", "their"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})

NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "de",
        "da",
        "di",
        "del",
        "van",
        "von",
        "der",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "abu",
    }
)

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gov",
        "sen",
        "rep",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "adm",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "no",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "supt",
        "insp",
        "det",
        "rev",
        "pres",
        "atty",
        "cllr",
        "amb",
        "cmdr",
        "messrs",
        "vol",
        "fig",
        "etc",
        "approx",
        "dept",
        "est",
    ]
)


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "esq", "phd"})
"""Generational and degree suffixes after a name (`Robert Casey Jr.`): part of the name, never a
name on their own."""


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# People named by no office: they can speak, unlike the things a clause may be about.
PERSON_NOUNS = _word_set(
    """
    source person man woman guy boy girl lady gentleman friend member child kid wife husband
    son daughter brother sister relative neighbor neighbour colleague insider voter critic
    supporter fan protester citizen individual someone somebody anyone everyone nobody
    veteran victim survivor participant attendee donor customer patient parent
    """
)

TIME_WORDS = _word_set(
    "monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night "
    "tonight today yesterday tomorrow noon midnight dawn dusk week weekend weekday month year day "
    "days hour hours minute minutes decade century earlier later last next this "
    "january february march september october november december"
)
"""Words of time expressions (`Thursday morning`, `Feb. 1`), which are never speakers. The
months that are also common names (May, June, April, August) are absent on purpose."""

MONTH_ABBREVIATIONS = _word_set("jan feb mar apr jun jul aug sep sept oct nov dec")
"""Month abbreviations, time words only with their full stop (`Feb.`; `Jun` is also a name)."""

NOT_NAME_WORDS = _word_set(
    "of from in on at by with for to as but and or nor so then thus also still yet however "
    "meanwhile instead indeed later earlier after before during since while when where why how "
    "what which that this these those another here there some many most all both each every "
    "such if though although because once only even just now again first finally"
)
"""Closed-class words that the tagger may take for a name when they open a sentence (`Of`,
`That`); a speaker mention made of one of them alone is junk."""

PLACE_ALIASES = frozenset(
    [
        "russia",
        "britain",
        "great britain",
        "england",
        "scotland",
        "wales",
        "turkey",
        "palestine",
        "macedonia",
        "ivory coast",
        "micronesia",
        "brunei",
        "cape verde",
        "swaziland",
        "burma",
        "holland",
        "kosovo",
        "gaza",
        "america",
        "the united states",
        "u.s.",
        "the u.s.",
        "europe",
        "asia",
        "africa",
        "south korea",
        "north korea",
        "the west bank",
        "the west",
        # Capitals that stand for their governments (`Moscow said`, `Beijing warned`).
        "moscow",
        "beijing",
        "london",
        "paris",
        "berlin",
        "tokyo",
        "kyiv",
        "kiev",
        "tehran",
        "ankara",
        "damascus",
        "jerusalem",
        "cairo",
        "riyadh",
        "brussels",
        "pyongyang",
        "seoul",
        "havana",
        "caracas",
        "baghdad",
        "kabul",
        "islamabad",
        "new delhi",
        "ottawa",
        "canberra",
        "rome",
        "madrid",
        "warsaw",
        "budapest",
        "athens",
        "tel aviv",
        "beirut",
        "doha",
        "minsk",
        "taipei",
        "hanoi",
        "manila",
        "jakarta",
        "nairobi",
        "abuja",
        "pretoria",
        "brasilia",
        "mexico city",
        "bogota",
        "tripoli",
        "amman",
        "stockholm",
        "oslo",
        "helsinki",
        "copenhagen",
        "vienna",
        "prague",
        "bucharest",
        "belgrade",
        "tbilisi",
    ]
)
"""Common short names of countries and regions that ISO lists (pycountry) spell otherwise, and
capitals that the news uses for their governments."""


def cue_lemma(word: str) -> str | None:
    """The reporting-verb lemma of ``word`` or None."""
    return CUE_FORMS.get(word.lower())


def is_title(word: str) -> bool:
    """True for honorifics and office titles (`Mr.`, `Gov.`, `President`)."""
    key = word.lower().rstrip(".")
    return key in HONORIFICS or key in TITLE_ALIASES or key in PERSON_ROLES


def role_of(word: str) -> str | None:
    """The normalised office a title word names (`Gov.` -> `governor`), if any."""
    key = word.lower().rstrip(".")
    if key in TITLE_ALIASES:
        return TITLE_ALIASES[key]
    return key if key in PERSON_ROLES else None
