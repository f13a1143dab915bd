"""Find likely identifiers in a report's text, so they can be removed before anyone reads it.

Used to warn the reporter before sending (PRODUCT.md, privacy model 8) and, in moderation, to
show what is left to redact. It errs towards warning: a false alarm costs the reporter a
second look, a miss can cost a career. What counts, and where a finding starts and ends, is
the policy in docs/identifiers.md; `python manage.py evaluate_detector` measures it.

How it stays fast on any input: the text is split into tokens by one pattern that never
backtracks, rules about names and places walk the tokens with bounded look-around, and every
other pattern has bounded repeats and starts only where a word starts, so the work per
character is bounded whatever the text (tests/test_detector_costs.py).
"""

import gc
import re
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from reports.gazetteer import BIG_PLACE, Gazetteer, fold, gazetteer


def _words(text: str) -> frozenset[str]:
    """Return the words of a vocabulary written as text, one space apart."""
    return frozenset(text.split())


def _names(text: str) -> frozenset[str]:
    """Return names written as text, "; " apart (a name may hold spaces)."""
    return frozenset(name.strip() for name in text.split(";") if name.strip())


def _phrases(text: str, container=list):
    """Return phrases written as text, "; " apart, each as a tuple of its words."""
    return container(tuple(phrase.split()) for phrase in text.split(";") if phrase.strip())


class Kind(StrEnum):
    NAME = "name"
    NUMBER = "number"
    CASE = "case"
    PHONE = "phone"
    EMAIL = "email"
    PLATE = "plate"
    VIN = "vin"
    HANDLE = "handle"
    ADDRESS = "address"
    PLACE = "place"
    DATE = "date"
    TIME = "time"

    @property
    def label(self) -> str:
        """What the officer is told this is."""
        return _LABELS[self][0]

    @property
    def note(self) -> str:
        """The bracket note suggested in its place."""
        return _LABELS[self][1]


_LABELS = {
    Kind.NAME: ("a person's name", "[name removed]"),
    Kind.NUMBER: ("a badge, unit or call-sign number", "[number removed]"),
    Kind.CASE: ("a case, report or record number", "[case number removed]"),
    Kind.PHONE: ("a phone number", "[phone number removed]"),
    Kind.EMAIL: ("an e-mail address", "[e-mail removed]"),
    Kind.PLATE: ("a licence plate", "[plate removed]"),
    Kind.VIN: ("a vehicle identification number (VIN)", "[VIN removed]"),
    Kind.HANDLE: ("a social-media handle or profile", "[handle removed]"),
    Kind.ADDRESS: ("a street address or road location", "[location removed]"),
    Kind.PLACE: ("a town, county, agency or named place", "[place removed]"),
    Kind.DATE: ("a date or a day that can be pinned down", "[date removed]"),
    Kind.TIME: ("a clock time", "[time removed]"),
}


@dataclass(frozen=True)
class Finding:
    kind: Kind
    excerpt: str
    start: int
    end: int


# ---------------------------------------------------------------------------------------------
# Tokens

# A word (letters, the ʻokina, inner apostrophes and hyphens), a run of digits, or one other
# visible character. Each alternative consumes what it matches, so the scan is linear.
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019\u02bc-](?=[^\W\d_]))*|\d+|[^\s]", re.UNICODE)


class Token:
    """One word, number or symbol of the text (a plain class: there are many of them)."""

    __slots__ = ("text", "start", "end", "folded", "is_alpha", "is_title", "sentence_start")

    def __init__(self, text, start, end, folded, is_alpha, is_title, sentence_start):
        self.text = text
        self.start = start
        self.end = end
        self.folded = folded
        self.is_alpha = is_alpha
        # first letter upper case, the rest not all upper case ("Luis", "McAllister")
        self.is_title = is_title
        self.sentence_start = sentence_start


@lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    if word.isascii():
        return word.lower().replace("'", "")
    return fold(word)


_SENTENCE_ENDS = {".", "!", "?", ":", ";", "\u2026"}
_OPENERS = _words(
    """
    " “ ( [ ' ‘ - — – *
    """
)
_NEWLINE = re.compile("\n")


def _word_facts(word: str) -> tuple[str, bool, bool]:
    """Return a token's folded form, whether it is a word, and whether it is capitalised."""
    folded = _fold_word(word)
    first = word[0]
    if first.isalpha():
        if first in "'\u2019\u02bb":
            first = word.lstrip("'\u2019\u02bb")[:1]
        return folded, True, first.isupper() and not (len(word) > 1 and word.isupper())
    return folded, False, False


def _tokens(text: str) -> list[Token]:
    # Everything per token is done by C loops (map, comprehensions over sets); Python code
    # runs once per distinct word and once per token that can start a sentence.
    matches = list(_TOKEN.finditer(text))
    words = list(map(re.Match.group, matches))
    starts = list(map(re.Match.start, matches))
    ends = list(map(re.Match.end, matches))
    facts = {word: _word_facts(word) for word in set(words)}
    folded, alpha, title = (
        zip(*map(facts.__getitem__, words), strict=True) if words else ((), (), ())
    )
    count = len(words)
    # A new sentence after a full stop (not "Sgt."), an opener at a sentence start, a new
    # line (tokens hold no white space, so the token after a line break), or the very start.
    sentence_start = [False] * count
    after_newline = {bisect_right(starts, m.start()) for m in _NEWLINE.finditer(text)}
    after_newline.discard(count)
    marks = _SENTENCE_ENDS | _OPENERS
    candidates = after_newline.union(i + 1 for i, word in enumerate(words) if word in marks)
    candidates.discard(count)
    if count and starts[0] == 0:
        candidates.add(0)
    for i in sorted(candidates):
        if i in after_newline or i == 0:
            sentence_start[i] = True  # the very start (at 0) or after a new line
            continue
        previous = words[i - 1]
        if previous in _SENTENCE_ENDS:
            sentence_start[i] = not (previous == "." and i >= 2 and folded[i - 2] in _ABBREVIATIONS)
        else:
            sentence_start[i] = sentence_start[i - 1]  # an opener at a sentence start
    return list(map(Token, words, starts, ends, folded, alpha, title, sentence_start))


def _bare(token: Token) -> tuple[str, int]:
    """Return the folded word without a possessive, and where the word itself ends."""
    for suffix in ("'s", "\u2019s", "s'", "\u2019"):
        if token.text.endswith(suffix) and len(token.text) > len(suffix) + 1:
            cut = len(suffix) - (1 if suffix == "s'" else 0)
            return fold(token.text[:-cut]), token.end - cut
    return token.folded, token.end


# ---------------------------------------------------------------------------------------------
# Hand-written vocabularies: police language, not gazetteers.

_RANKS = _words(
    """
    officer ofc ofcr po patrolman patrolwoman patrolmen sergeant sgt sarge lieutenant lt
    lieut captain capt cpt corporal cpl detective det deputy dep dty trooper tpr chief
    sheriff undersheriff marshal constable agent sa inspector insp commander cmdr major
    maj colonel col commissioner ranger warden mr mrs ms miss dr doctor nurse judge father
    fr pastor reverend rev professor prof coach investigator inv specialist spc cadet
    recruit dispatcher paramedic firefighter ff senator mayor tfc cpo councilman
    councilwoman superintendent supt principal dpty ptl aunt uncle grandma grandpa
    brother sister sgts cpls lts officers deputies troopers detectives sergeants ofcs
    vpso agente auntie aunty doc
    """
)
# Ranks written as abbreviations: a full stop after them does not end the sentence.
_ABBREVIATIONS = _words(
    """
    ofc ofcr po sgt lt lieut capt cpt cpl det dep tpr insp cmdr maj col mr mrs ms dr prof
    fr rev inv spc supt st sa dty ptl ofcs sgts cpls lts no approx vs v mt ft jr sr co twp
    ave blvd rd hwy apt ste
    """
)
# Words after which a person's name usually follows.
_NAME_CUES = _words(
    """
    partner partners named called nicknamed aka buddy friend coworker co-worker fto
    trainee rookie boss son daughter wife husband girlfriend boyfriend ex mom dad mother
    father cousin neighbor neighbour roommate kid guy lady dude suspect victim driver
    passenger told asked yelled radioed texted with and grabbed saw tased cuffed behind
    beside by for thanked backup wit witness complainant inmate prisoner sgt lt
    """
)
# Cues strong enough that even a lowercase word after them is a name.
_STRONG_NAME_CUES = _words(
    """
    partner named nicknamed aka buddy fto trainee rookie called rp vic wit clerk mgr
    caller
    """
)
_NAME_PHRASES = re.compile(
    r"(?i:\b(?:(?:his|her|their|my|the|whose)[ \t]+(?:first[ \t]+|last[ \t]+|real[ \t]+)?"
    r"names?[ \t]+(?:is|was|were)|goes[ \t]+by|went[ \t]+by|known[ \t]+as|a\.k\.a\.?"
    # "street name is Peanut", "real name Darnell Pugh", "we call him Cheese"
    r"|(?:street|real|nick|full|legal|government)[ \t]?names?(?:[ \t]+(?:is|was))?"
    r"|call(?:s|ed)?[ \t]+(?:him|her)(?:self)?|calling[ \t]+(?:him|her)self)"
    r"[ \t]*[,:]?[ \t]*)"
)
# Relations after "my", "his", "whose": the word after them is a name even when it is a word
# ("my partner Boo", "his cousin peanut posted up").
_RELATIONS = _words(
    """
    partner buddy friend boyfriend girlfriend husband wife cousin brother sister son
    daughter nephew niece roommate neighbor neighbour coworker trainee fto rookie ex
    stepson stepdaughter stepdad grandson granddaughter bf gf homie homeboy
    """
)
_RELATIONS_AND_AKA = _RELATIONS | {"aka"}
_RELATION_STARTS = _RELATIONS_AND_AKA | {"me"}
_POSSESSIVES = _words(
    """
    my his her their our your whose
    """
)
# Words that follow a relation without being its name ("my partner never said").
_NOT_NICKNAMES = _words(
    """
    also just still never always then even already who which that there here was were
    had has is been being got gets saw told said did does do and or but so too again
    finally later first last both only really
    """
)
_RANK_PREFIXES = _words(
    """
    asst assistant deputy acting senior sr retired ret master staff first chief special
    lead field training tfc cpo sgt det
    """
)
_FAMILY = _words(
    """
    brother sister aunt uncle grandma grandpa father mother
    """
)
_SLANG = _words(
    """
    gonna wanna gotta yeah yep nope nah okay lol tho thru cuz didnt dont wasnt thats cant
    wont hes shes theres theyre youre isnt couldnt wouldnt shouldnt aint whats lets its ya
    yall bolo perp perps meth dope
    subj subjs susp vic vics veh vehs rp ro wit wits loc ncic wrnt wrnts enrt blk pkg rpt
    mgr juvie juvies yday tmrw tonite nite lst hrs adv req resp trans comp info approx
    """
)
# Regions of the US: coarse, never a finding.
_REGIONS = _names(
    """
    midwest; northeast; southwest; northwest; southeast; appalachia; ozarks; panhandle;
    delta; permian; gulf; rockies; plains; dakotas; carolinas; new england; central valley;
    four corners; upper peninsula; big island; inland empire; bay area; high desert; low
    country; lowcountry; tidewater; piedmont; bluegrass; hill country; front range; west;
    east; south; north; iraq; afghanistan; mexico; canada; somali; somalia; vietnam; korea;
    germany; army; navy; marines; air force; coast guard; national guard; guard; honor;
    gang; taurus; thruway; turnpike; interstate; pacific northwest; permian basin; gulf
    coast; oahu; maui; kauai; molokai; lanai; the big island; pacific; atlantic; east coast;
    west coast; the south; deep south; rust belt; sun belt; bible belt; great plains; great
    lakes; mid-atlantic; new york; puerto rico; guam
    """
)
_STREET_SUFFIX_WORDS = _words(
    """
    street st avenue ave road rd boulevard blvd drive lane ln court ct place pl way
    terrace circle cir parkway pkwy highway hwy trail trl pike loop alley
    """
)
_FUNCTION_WORDS = _words(
    """
    the a an of in on at and or for to my your our his her no not it is up out off
    """
)
_CLAUSE_OPENERS = _words(
    """
    and but so then when because cuz while until after before since if
    """
)
_SYLLABLES = re.compile(r"[A-Z][a-z]{1,3}-[a-z]{2,4}")
_CONTRACTION = re.compile(r"['\u2019](?:d|ll|ve|re|m|t)$", re.IGNORECASE)
_NAME_VERBS = _words(
    """
    was said had went told called came got took is and yelled asked grabbed ran pulled
    says tells has stood walked drove looked kept put did would could will shouted
    screamed saw knew found hit tried spotted can
    """
)
# Cues that speak to or act on a person: a word after them is a name even when a dictionary
# knows it ("I told Mo to", "told jenny").
# "and" as officers type it: "keoni n kainoa", "benally & nez"
_AND = {"and", "n", "&"}
_ADDRESSED = _words(
    """
    told asked yelled radioed texted thanked tased cuffed called with
    """
)
_DETERMINERS = _words(
    """
    a an the his her my their our your some this that any every each no another
    """
)
# Words after "the Okafor" that make it a family or a person, not a thing.
_PERSON_NOUNS = _words(
    """
    kid kids boy boys girl girls family brothers sisters twins house household residence
    home place clan crew man woman lady guy guys case
    """
)
_NICKNAME_PREFIXES = _words(
    """
    big little lil old young fat skinny baby crazy
    """
)
_PARTICLES = _words(
    """
    de del della la le van von der den da dos du bin ibn al el st mac ter ten
    """
)
# Capitalised words in police stories that are not people or places.
_NOT_NAMES = _RANKS | _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december christmas thanksgiving easter
    halloween dispatch dispatcher command watch swat ert sro fto cit ems fire medic medics
    narcotics vice homicide traffic investigations internal affairs academy division
    bureau unit department dept office team squad task force crimes crime services
    operations support county city state federal tribal police sheriffs court courts jail
    station headquarters hq precinct district corrections probation parole border customs
    patrol highway safety survival training program programme wellness intervention crisis
    response tactical special emergency center centre communications records evidence
    property detention da ada attorney prosecutor defender magistrate glock taser tasers
    sig sauer narcan kevlar tahoe impala charger explorer interceptor crown vic ford chevy
    chevrolet dodge ram jeep honda toyota nissan hyundai kia subaru harley motorola axon
    remington ruger colt beretta winchester mossberg benelli kimber smith wesson hk
    heckler koch springfield savage marlin kel-tec hi-point maglite streamlight surefire
    velcro fentanyl xanax benadryl adderall tylenol oxy percocet suboxone facebook
    instagram twitter tiktok snapchat google youtube reddit iphone android uber lyft
    amazon netflix craigslist gatorade camaro mustang silverado sierra f-150 civic accord
    camry corolla altima malibu durango caprice suburban expedition prius cherokee
    wrangler escalade route hwy interstate rte cadillac buick pontiac lincoln mercury
    chrysler volkswagen vw bmw audi mercedes lexus acura infiniti mazda mitsubishi volvo
    tesla gmc yukon pathfinder rogue miranda terry garrity graham brady tennessee god
    jesus christ lord allah bible mom dad ma pa sir maam bro dude buddy man mister doc
    boss honey babe down up i im ive id ill ok okay yes no hey oh english spanish american
    black white hispanic latino asian native indian mexican african caucasian creole ptsd
    cpr aed ied rv atv suv er icu or tv 911 vin dob ssn bldg building
    """
)
_ORG_WORDS = _words(
    """
    division unit team bureau section squad task affairs crimes department academy program
    office services center centre court group detail command operations
    """
)

# Agency names: the words before these are a town, county or name ("Millbrook PD").
_AGENCY_SUFFIXES = _phrases(
    """
    police department; police dept; police dept .; p . d .; pd; police; sheriff s office;
    sheriffs office; sheriff s department; sheriffs department; sheriff s dept; sheriffs
    dept; sheriff s office; sheriff; sheriffs; so; s . o .; marshal s office; marshals;
    marshal; public safety; dps; township pd; twp pd; tribal police; state patrol; highway
    patrol; state police; constables; constable; fire department; fd; jail; detention
    center; correctional facility; correctional center; da s office; county jail;
    municipal court; police dept.; marshals office; marshal s office; state troopers;
    troopers; dept . of public safety; department of public safety; police bureau; public
    safety dept; task force
    """,
    list,
)
# Named places: the words before these name one school, hospital, park, business...
_FACILITY_WORDS = _words(
    """
    school elementary high middle academy college university hospital medical clinic park
    church chapel cathedral mosque temple synagogue mall plaza motel inn lodge hotel
    tavern bar saloon lounge pub grill diner cafe café casino apartments apts estates
    courts homes cemetery market liquors liquor store mart farm ranch marina harbor
    harbour beach lake river creek reservoir bridge fairgrounds stadium arena airport
    depot terminal library campground trailhead reservation rez pueblo forest hills
    heights manor towers village commons crossing junction landing mine mill quarry yard
    brewery club gym theater theatre cinema pizza tacos taqueria bbq barbecue pawn auto
    motors towing salvage storage laundromat bakery deli kitchen buffet steakhouse
    roadhouse cantina speedway raceway resort center centre shelter mission ymca
    ministries baptist methodist mhp truckstop mercantile outfitters bros hardware feed
    general supply
    """
)
_FACILITY_TAILS = {
    ("high", "school"),
    ("middle", "school"),
    ("elementary", "school"),
    ("elementary",),
    ("junior", "high"),
    ("school",),
    ("academy",),
    ("college",),
    ("university",),
    ("hospital",),
    ("medical", "center"),
    ("regional", "medical", "center"),
    ("memorial", "hospital"),
    ("memorial",),
    ("clinic",),
    ("park",),
    ("state", "park"),
    ("county", "park"),
    ("church",),
    ("chapel",),
    ("cathedral",),
    ("mosque",),
    ("temple",),
    ("synagogue",),
    ("mall",),
    ("plaza",),
    ("motel",),
    ("inn",),
    ("lodge",),
    ("hotel",),
    ("tavern",),
    ("bar",),
    ("saloon",),
    ("lounge",),
    ("pub",),
    ("grill",),
    ("diner",),
    ("cafe",),
    ("casino",),
    ("trailer", "park"),
    ("mobile", "home", "park"),
    ("rv", "park"),
    ("apartments",),
    ("apts",),
    ("estates",),
    ("courts",),
    ("homes",),
    ("cemetery",),
    ("market",),
    ("liquors",),
    ("liquor",),
    ("liquor", "store"),
    ("mart",),
    ("farm",),
    ("ranch",),
    ("marina",),
    ("beach",),
    ("lake",),
    ("river",),
    ("creek",),
    ("reservoir",),
    ("bridge",),
    ("fairgrounds",),
    ("stadium",),
    ("arena",),
    ("airport",),
    ("depot",),
    ("truck", "stop"),
    ("travel", "center"),
    ("travel", "plaza"),
    ("library",),
    ("campground",),
    ("reservation",),
    ("pueblo",),
    ("national", "forest"),
    ("manor",),
    ("towers",),
    ("village",),
    ("commons",),
    ("landing",),
    ("brewery",),
    ("club",),
    ("gym",),
    ("theater",),
    ("theatre",),
    ("cinema",),
    ("pizza",),
    ("taqueria",),
    ("bbq",),
    ("pawn",),
    ("pawn", "shop"),
    ("auto",),
    ("motors",),
    ("towing",),
    ("salvage",),
    ("storage",),
    ("laundromat",),
    ("bakery",),
    ("deli",),
    ("kitchen",),
    ("buffet",),
    ("steakhouse",),
    ("roadhouse",),
    ("cantina",),
    ("speedway",),
    ("raceway",),
    ("resort",),
    ("shelter",),
    ("mission",),
    ("ministries",),
    ("community", "center"),
    ("rec", "center"),
    ("recreation", "center"),
    ("center",),
    ("shopping", "center"),
    ("gas",),
    ("station",),
    ("food", "mart"),
    ("quick", "stop"),
    ("mini", "mart"),
    ("bar", "and", "grill"),
    ("sports", "bar"),
    ("hills",),
    ("heights",),
    ("crossing",),
    ("junction",),
    ("mine",),
    ("mill",),
    ("quarry",),
    ("yard",),
    ("high",),
    ("packing",),
    ("plant",),
    ("warehouse",),
    ("distribution", "center"),
    ("mhp",),
    ("truckstop",),
    ("mercantile",),
    ("outfitters",),
    ("bros",),
    ("hardware",),
    ("feed", "store"),
    ("general", "store"),
    ("supply",),
    ("barbecue",),
    ("tavern",),
}
_GENERIC_PLACE_WORDS = _words(
    """
    the a an our my his her their this that local county city state town new old big
    little main public private high middle junior senior regional general community
    memorial national federal north south east west central upper lower same next other
    nearest closest first second last every trailer mobile home gas truck travel liquor
    shopping rec recreation sports food quick mini dollar corner strip police fire
    elementary school motel hotel bar and of st saint in at on to from near by for with
    outside behind called told i we me
    """
)
_PLACE_CUES = _words(
    """
    in at near outside from to of into through thru past towards toward around by between
    off leaving entering nearby north south east west northeast northwest southeast
    southwest downtown rural out across up down
    """
)
_CALENDAR_AND_RANKS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december police sheriff fire state
    county city officer
    """
)
# Words before a business one goes to: "at the Union", "outside the Sinclair".
_VISIT_CUES = _words(
    """
    at in into outside inside behind near from to by past toward towards across
    """
)
_STRONG_PLACE_CUES = _words(
    """
    in outside near from of into thru through towards toward to
    """
)
_STREET_CUES = _words(
    """
    on down up along onto off across eastbound westbound northbound southbound crossing
    cross via
    """
)
_COUNTY_WORDS = {"county", "co", "parish", "borough", "township", "twp"}
# An agency's people: the initials before them name it ("NPS RANGERS", "WSP trooper").
_PERSONNEL = _words(
    """
    ranger rangers trooper troopers agent agents deputies officers
    """
)
# Words that stand before a barrio or neighbourhood's name in Puerto Rico.
_BARRIO_WORDS = _words(
    """
    barrio bo bda barriada urb urbanizacion urbanización residencial parcelas
    """
)
_PART_OF_DAY_WORDS = _words(
    """
    end start briefing shift meeting morning night game
    """
)
# Police initials that name no agency ("DUI officers", "SRO deputies").
_POLICE_INITIALS = _words(
    """
    dui dwi owi fto ems sro gsw cad vin swat cit ert sert srt tac ois uof ia iad pio
    vpso cso
    """
)
# A police department or sheriff's office written as initials ("BPD", "NNPD", "LCSO"): a
# town's or county's initials before PD, SO or DPS.
_POLICE_DEPARTMENT_INITIALS = re.compile(r"[A-Z]{1,4}(?:PD|SO|DPS)")
_POLICE_DEPARTMENT_FOLDED = re.compile(r"[a-z]{1,4}(?:pd|so|dps)")
_OWNERS = _words(
    """
    my his her your our their an a
    """
)
_STATE_PAIRS = {"new", "north", "south", "west", "rhode"}


_NAME_STARTERS = _RANKS | _RANK_PREFIXES | {"p"}


def _titled_run_left(
    tokens: list[Token], index: int, limit: int = 4, words: frozenset[str] = frozenset()
) -> int:
    """Return the first index of the capitalised words directly before tokens[index]."""
    first = index
    while first > 0 and index - first < limit:
        token = tokens[first - 1]
        if (
            token.is_title
            or token.text in {"&", "'s"}
            or (
                token.text.isupper()
                and 2 <= len(token.text) <= 4
                and token.is_alpha
                # "BOTH CENTER MASS", "X1 TO COUNTY JAIL": a line in capitals
                and not (token.folded in words and tokens[index].text.isupper())
            )
            or (token.text.isdigit() and first - 2 >= 0 and tokens[first - 2].is_title)
            or (
                token.folded in {"of", "de", "la", "del", "st", "saint", "the"}
                and first - 2 >= 0
                and tokens[first - 2].is_title
            )
        ):
            first -= 1
            continue
        if (
            token.text == "."
            and first - 2 >= 0
            and tokens[first - 2].folded in {"st", "mt", "ste", "ft", "pt"}
        ):
            first -= 1
            continue
        break
    while first < index and tokens[first].folded in {"of", "the", "&", "'s", "."}:
        first += 1
    return first


def _case_shape(text: str) -> str | None:
    """Return "upper", "lower" or "title" for a word written in one of those ways."""
    if text.isupper():
        return "upper"
    if text.islower():
        return "lower"
    if text[:1].isupper() and text[1:].islower():
        return "title"
    return None


def _matches_tail(tokens: list[Token], index: int, tail: tuple[str, ...]) -> bool:
    if index + len(tail) > len(tokens):
        return False
    return all(tokens[index + k].folded == part for k, part in enumerate(tail))


class _Scanner:
    """Collect candidate findings from the tokens of one text."""

    def __init__(self, text: str, words: Gazetteer):
        self.text = text
        self.g = words
        self.tokens = _tokens(text)
        # Each rule visits only the tokens that can start it, found by C-speed passes over
        # these parallel lists (a Python loop over every token costs more than the rules).
        self.folded = [token.folded for token in self.tokens]
        self.distinct = set(self.folded)
        self.found: list[tuple[int, int, Kind, int]] = []
        # the tokens of lines written in capitals (CAD and teletype lines)
        self.loud: set[int] = set()
        self.shouted = self._shouted_names()
        self.whispered = self._whispered_names()
        self.overcapitalised = self._overcapitalised()
        self.coarse = self._coarse_places()
        # the characters of holidays and days said of every year: no word there is a name
        self.generic_days: set[int] = set()

    def _overcapitalised(self) -> set[int]:
        """Return the tokens of sentences that capitalise common nouns ("the Vehicle").

        Report prose often does: "The Suspect was observed exiting the Vehicle." There a
        capital letter on a rarer dictionary word ("the Roadway") does not make a name.
        """
        tokens = self.tokens
        count = len(tokens)
        words = self.g.words
        g = self.g
        nouns = [
            i
            for i, token in enumerate(tokens)
            if token.is_title
            and not token.sentence_start
            and token.folded in words
            and token.folded not in _NOT_NAMES
            and not g.is_first_name(token.folded)
            and not g.is_surname(token.folded, within=5_000)
        ]
        marked: set[int] = set()
        if len(nouns) < 2:
            return marked
        # sentence k runs from bounds[k - 1] (or 0) to bounds[k] (or the end)
        bounds = [i for i in range(1, count) if tokens[i].sentence_start]
        per_sentence: dict[int, int] = {}
        for i in nouns:
            k = bisect_right(bounds, i)
            per_sentence[k] = per_sentence.get(k, 0) + 1
        for k, nouns_in_it in per_sentence.items():
            if nouns_in_it >= 2:
                marked.update(
                    range(bounds[k - 1] if k else 0, bounds[k] if k < len(bounds) else count)
                )
        return marked

    def _shouted_names(self) -> set[int]:
        """Return the indexes of names in lines written in capitals (CAD and teletype lines).

        In "RP BRENDA FALCONE ADV HUSB" every word is in capitals, so a capital says nothing:
        a word there is read as capitalised only when the name lists know it and no
        dictionary does. Those tokens are marked as title case.
        """
        tokens = self.tokens
        shouted: set[int] = set()
        count = len(tokens)
        longer = [token.is_alpha and len(token.text) > 1 for token in tokens]
        upper = [flag and token.text.isupper() for flag, token in zip(longer, tokens, strict=True)]
        if sum(upper) < 5:
            return shouted
        # a line ends where a token follows a line break
        starts = [token.start for token in tokens]
        breaks = sorted({bisect_right(starts, m.start()) for m in _NEWLINE.finditer(self.text)})
        edges = [0, *(i for i in breaks if 0 < i < count), count]
        g = self.g
        for line_start, line_end in zip(edges[:-1], edges[1:], strict=True):
            shouting = sum(upper[line_start:line_end])
            if shouting < 5 or shouting < 0.8 * sum(longer[line_start:line_end]):
                continue
            self.loud.update(range(line_start, line_end))
            for k in range(line_start, line_end):
                if not upper[k]:
                    continue
                folded = tokens[k].folded
                if (
                    len(folded) >= 3
                    and g.is_name(folded)
                    and not g.is_dictionary_word(folded)
                    and folded not in _NOT_NAMES
                    and folded not in _SLANG
                ):
                    tokens[k].is_title = True
                    shouted.add(k)
        return shouted

    def _whispered_names(self) -> set[int]:
        """Return the indexes of names in lines written without capitals ("rp jenny adv").

        Officers typing in a hurry leave out capitals altogether, and then a missing capital
        says nothing: as in a line of capitals, a word there is read as capitalised when the
        name or place lists know it and no dictionary does. Those tokens are marked as title
        case. A line counts when none of its words past a sentence's first is capitalised.
        """
        tokens = self.tokens
        whispered: set[int] = set()
        count = len(tokens)
        starts = [token.start for token in tokens]
        breaks = sorted({bisect_right(starts, m.start()) for m in _NEWLINE.finditer(self.text)})
        edges = [0, *(i for i in breaks if 0 < i < count), count]
        g = self.g
        for line_start, line_end in zip(edges[:-1], edges[1:], strict=True):
            line = tokens[line_start:line_end]
            lower = [t for t in line if t.is_alpha and t.text.islower() and len(t.text) > 1]
            if len(lower) < 4 or any(
                t.is_title and not t.sentence_start and t.text != "I" for t in line
            ):
                continue
            for k in range(line_start, line_end):
                token = tokens[k]
                if not token.is_alpha or not token.text.islower() or token.sentence_start:
                    continue
                folded = token.folded
                if (
                    len(folded) >= 3
                    and (
                        g.first_names.get(folded, 10**9) < 30_000
                        or g.is_surname(folded, within=40_000)
                        or g.is_small_town(folded)
                    )
                    and not g.is_dictionary_word(folded)
                    and folded not in _NOT_NAMES
                    and folded not in _SLANG
                    and folded not in _RANKS
                    and folded not in _ABBREVIATIONS
                ):
                    token.is_title = True
                    whispered.add(k)
        return whispered

    def _coarse_places(self) -> set[int]:
        """Return the indexes of tokens that name a big city, a state or a region."""
        tokens = self.tokens
        coarse: set[int] = set()
        words = self.g.words
        big_starts = _big_starts(self.g)
        for i in [i for i, folded in enumerate(self.folded) if folded in big_starts]:
            token = tokens[i]
            if (
                not token.is_alpha
                or len(token.text) < 2
                or (not token.is_title and token.folded in words)
                or token.folded not in big_starts
            ):
                continue
            for length in (3, 2, 1):
                parts = tokens[i : i + length]
                if len(parts) < length or not all(t.is_alpha for t in parts):
                    continue
                if length > 1 and not all(t.is_title for t in parts):
                    continue
                key = " ".join(t.folded for t in parts)
                if not (self._is_big_or_state(key) or key in _REGIONS):
                    if length > 1 and self.g.is_small_town(key):
                        break  # "Columbia Falls" is a town, not Columbia
                    continue
                if length == 1 and len(key) == 2 and not parts[0].text.isupper():
                    continue  # "Mo" is a name, "MO" is Missouri
                lower_word = length == 1 and not parts[0].is_title
                if lower_word and (self.g.is_word(key) or key in _REGIONS):
                    break
                coarse.update(range(i, i + length))
                break
        return coarse

    def add(self, start: int, end: int, kind: Kind, strength: int = 1) -> None:
        if end > start:
            self.found.append((start, end, kind, strength))

    # -- helpers --------------------------------------------------------------------------

    def _is_big_or_state(self, folded: str) -> bool:
        return self.g.is_big_place(folded) or folded in self.g.states

    def _looks_like_name(self, index: int, context: str) -> bool:
        """Whether tokens[index] reads as a person's name in this context.

        context: "rank" (after a rank or title), "phrase" ("goes by", "his name was"),
        "strong" (after "partner", "named"), "cue" (after "told", "and", "with"...), or
        "free" (no cue at all).
        """
        token = self.tokens[index]
        after = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        if not token.is_alpha or len(token.text) < 2 or token.start in self.generic_days:
            return False
        if index in self.coarse and context in {"free", "cue"}:
            # "Tyler" is a city unless a rank, "named" or "told" says otherwise
            before = self.tokens[index - 1].folded if index else ""
            if context == "free" or before in _PLACE_CUES or before in {"and", "or", "with"}:
                return False
        if _CONTRACTION.search(token.text):
            return False  # "He'd", "they're"
        folded, _ = _bare(token)
        if folded in _NOT_NAMES or folded in _ORG_WORDS or folded.rstrip("s") in _NOT_NAMES:
            return False
        text = token.text
        shouted = index in self.shouted
        if (
            not shouted
            and len(text) > 1
            and (text.isupper() or re.fullmatch(r"[A-Z]{2,}s", text))
            # "AKA PEANUT" in a line of capitals: the cue says what the word is
            and not (context in {"phrase", "strong"} and index in self.loud)
        ):
            return False  # "SWAT", "DUIs"
        if re.search(r"(?:^|-)[A-Za-z](?:-|$)|[A-Z]{2}['\u2019]|-[a-z]", text) and not (
            self._syllable_name(token) or self._joined_names(token, context)
        ):
            return False  # "T-boned", "U-Haul", "ID'd", "Double-lock", but "Ji-hoon"
        if (
            after is not None
            and after.text == "."
            and len(text) <= 4
            and index + 2 < len(self.tokens)
            and (self.tokens[index + 2].is_title or self.tokens[index + 2].text.isdigit())
            and self.tokens[index + 2].start - after.end <= 1
            and context != "rank"
        ):
            return False  # "Fla. Stat."
        if after is not None and after.text.isdigit() and context != "rank":
            return False  # a model or a unit: "Gen 5", "Intoxilyzer 8000"
        g = self.g
        word = g.is_word(folded)
        # a rarer dictionary word ("Firearm", "Complainant", "Sharpie"): a capital letter in
        # over-capitalised report prose does not make it a name
        rare = not word and folded in g.rare_words
        first = g.is_first_name(folded)
        surname = g.is_surname(folded)
        # dictionaries hold common names too ("joseph", "walker"): those stay names
        rare_title = (
            rare
            and g.first_names.get(folded, 10**9) >= 3_000
            and not g.is_surname(folded, within=1_000)
            # mid-sentence in plain prose a capital still says "name" ("Skeeter, who")
            and (
                token.sentence_start or index in self.overcapitalised or self._after_article(index)
            )
        )
        big = self._is_big_or_state(folded) or folded in _REGIONS
        if len(folded) == 2 and not text.isupper():
            big = folded in _REGIONS
        if "-" in folded and context != "phrase":
            parts = folded.split("-")
            if all(
                len(p) <= 2 or (g.is_dictionary_word(p) and not g.is_first_name(p)) for p in parts
            ):
                return False  # "Ka-Bar", "Co-Responder", "Hi-Line": words joined up
        if token.is_title and context in {"free", "cue"} and self._is_thing(index):
            return False
        if token.is_title:
            if context == "phrase":
                return True
            if context == "rank":
                return not word or first or surname
            previous = self.tokens[index - 1].folded if index else ""
            if big and not (
                first
                and (
                    context == "strong"
                    or (context == "cue" and previous not in _PLACE_CUES | {"and", "or", "with"})
                )
            ):
                return False
            if context in {"strong", "cue"}:
                return first or not word or (surname and context == "strong")
            verb_after = after is not None and after.folded in _NAME_VERBS
            if (
                first
                and token.sentence_start
                and rare
                and g.first_names[folded] >= 300
                and not verb_after
            ):
                # "Mason jar full of", "Amber Alert went out", but "Mason said", "Carol Diaz"
                return after is not None and (
                    after.text == ","
                    or (after.is_title and not g.is_dictionary_word(_bare(after)[0]))
                )
            if first and not (token.sentence_start and word):
                return True
            if (
                not word
                and not rare_title
                and surname
                and (not token.sentence_start or g.is_surname(folded, within=20_000))
            ):
                return True
            if word or rare_title or len(folded) < 3 or folded in _SLANG:
                return False
            if token.sentence_start and not (verb_after or self._verb_like(index + 1)):
                return False
            # A capitalised word no list knows: a name ("Okafor", "Kealoha"), unless the
            # lists call it a place or a business.
            return not g.is_small_town(folded) and folded not in g.chains
        if word or len(folded) < 3 or folded in _SLANG:
            return context == "phrase" and first
        known = g.is_dictionary_word(folded)
        if context in {"phrase", "rank"}:
            # "dep. halona": after an abbreviated rank, any word no dictionary knows
            previous = self.tokens[index - 1]
            abbreviated = previous.text == "." or previous.folded in _ABBREVIATIONS
            return context == "phrase" or first or surname or (not known and abbreviated)
        if context == "strong":
            return first or g.is_surname(folded, within=30_000) or not known
        previous = self.tokens[index - 1] if index else None
        if context == "cue":
            if rare and previous is not None and previous.folded not in _ADDRESSED:
                return False  # "and fender benders", "by seniority"
            return g.first_names.get(folded, 10**9) < 5_000 or g.is_surname(folded, within=10_000)
        if rare:
            return False  # "pill mills", "lien holder"
        # a word no dictionary knows opening a clause ("yellowhorse said"), but not "the
        # hoodie was" or "the crime scene tech found": names follow no article or noun
        opens_clause = (
            token.sentence_start or previous is None or previous.folded in _CLAUSE_OPENERS
        )
        if self._verb_like(index + 1, strict=True) and (
            first or surname or (not known and len(folded) >= 4 and opens_clause)
        ):
            return True  # "jaylen said he was", "yellowhorse said"
        if not known and first and token.sentence_start:
            return True  # "priya at the ER calls us"
        if (
            not known
            and after is not None
            and after.folded in _AND
            and index + 2 < len(self.tokens)
            and self._unknown_lower(index + 2)
            and (first or surname or self.g.is_name(self.tokens[index + 2].folded))
        ):
            return True  # "kowalczyk and zielinski both swear"
        if previous is not None and previous.is_alpha and g.is_word(previous.folded):
            return False  # "slim jim", "25 yards max": a word in a phrase
        return g.first_names.get(folded, 10**9) < 2_000 or g.is_surname(folded, within=5_000)

    def _joined_names(self, token: Token, context: str) -> bool:
        """Whether a word in lower case is names joined up after a rank or a cue: "sgt
        broussard-leblanc", "dep wittenberg-ames", "ofc anne-marie"."""
        if context not in {"rank", "strong", "phrase"} or not token.text.islower():
            return False
        parts = token.folded.split("-")
        g = self.g
        return len(parts) > 1 and all(
            len(part) >= 2
            and (g.is_name(part) or not g.is_dictionary_word(part))
            and part not in _NOT_NAMES
            for part in parts
        )

    def _syllable_name(self, token: Token) -> bool:
        """Whether a word is a given name of two syllables joined up: "Ji-hoon", "Seo-yeon"."""
        if "-" not in token.text or not _SYLLABLES.fullmatch(token.text):
            return False
        return not any(self.g.is_dictionary_word(part) for part in token.folded.split("-"))

    def _unknown_lower(self, index: int) -> bool:
        token = self.tokens[index]
        return (
            token.is_alpha
            and not token.is_title
            and len(token.text) >= 3
            and not self.g.is_dictionary_word(token.folded)
            and token.folded not in _SLANG
        )

    def _after_article(self, index: int) -> bool:
        return index > 0 and self.tokens[index - 1].folded in _DETERMINERS

    def _verb_like(self, index: int, *, strict: bool = False) -> bool:
        """Whether tokens[index] reads as the verb after a subject ("Okonkwo cleared the")."""
        if index >= len(self.tokens):
            return False
        token = self.tokens[index]
        if token.is_title or not token.is_alpha:
            return False
        if token.folded in _NAME_VERBS and token.folded != "and":
            return True
        if strict:
            return False
        return token.folded.endswith("ed") and self.g.is_word(token.folded)

    def _is_thing(self, index: int) -> bool:
        """Whether a capitalised word is a thing, not a person, by the words around it.

        "a Leatherman", "the BearCat", "his Sharpie", "Two Sentras", "the PlayStation":
        people's names rarely follow an article or a count. A word after
        them that only a person has keeps it a name ("the Okafor kid", "the Nguyen family").
        """
        tokens = self.tokens
        token = tokens[index]
        parts = re.findall(r"[A-Z][a-z]+", token.text)
        k = index - 1
        if k < 0:
            return len(parts) > 1 and all(self.g.is_dictionary_word(p.lower()) for p in parts)
        before = tokens[k].folded
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            after is not None
            and after.folded in {"in", "on", "off", "at", "near", "by"}
            and index + 2 < len(tokens)
            and tokens[index + 2].is_title
        ):
            return False  # "The WinStar in Thackerville": a named place
        if before == "the" and k > 0 and tokens[k - 1].folded in _VISIT_CUES:
            return False  # "at the Sinclair", "outside the Econo"
        if len(parts) > 1 and all(self.g.is_dictionary_word(p.lower()) for p in parts):
            return True  # "BearCat", "PlayStation": two words run together
        if before in _NUMBER_WORDS or before.isdigit():
            return True
        if before not in _DETERMINERS:
            return False
        if after is not None and after.folded in _PERSON_NOUNS:
            return False
        # "the Joe Garcia who..." keeps its name
        return not (after is not None and after.is_title and self.g.is_name(_bare(after)[0]))

    def _extend_name(self, index: int) -> int:
        """Return the index after the last word of a name that starts at tokens[index]."""
        tokens = self.tokens
        lower = not tokens[index].is_title
        end = index + 1
        while end < len(tokens) and end - index < 5:
            token = tokens[end]
            gap = self.text[tokens[end - 1].end : token.start]
            if len(gap) > 1 or "\n" in gap:
                break
            if (
                token.text == "."
                and len(tokens[end - 1].text) == 1
                and tokens[end - 1].is_title
                and end + 1 < len(tokens)
                and tokens[end + 1].is_title
                and tokens[end + 1].start - token.end == 1
            ):
                end += 1  # an initial: "J. Edgar"
                continue
            if token.folded in {"jr", "sr", "ii", "iii", "iv"}:
                end += 1
                if end < len(tokens) and tokens[end].text == "." and token.folded in {"jr", "sr"}:
                    end += 1
                break
            if (
                token.text in {'"', "\u201c"}
                and end + 2 < len(tokens)
                and tokens[end + 2].text in {'"', "\u201d"}
                and tokens[end + 1].is_title
            ):
                end += 3  # Curtis "Boo" Pettaway
                continue
            if (
                token.folded in _PARTICLES
                and end + 1 < len(tokens)
                and tokens[end + 1].is_title
                and token.text != "St"
            ):
                end += 1
                continue
            if gap == "" and token.text not in {"-"}:
                break
            if lower:
                if token.is_alpha and not token.is_title and self._looks_like_name(end, "cue"):
                    end += 1
                    continue
                break
            if token.is_title and not token.sentence_start:
                folded, _ = _bare(token)
                if folded in _NOT_NAMES or folded in _ORG_WORDS or self._is_big_or_state(folded):
                    break
                if folded in _STREET_SUFFIX_WORDS:
                    break
                if self.g.is_small_town(folded) and not self.g.is_name(folded):
                    break
                end += 1
                continue
            break
        return end

    def _extend_name_left(self, index: int) -> int:
        """Return where a name found at tokens[index] starts, taking in a first name before it.

        "Ayasha Nez", "Liban Mohamud", "Cisco Peña": a capitalised word just before a
        surname that no common-word list knows belongs to it.
        """
        tokens = self.tokens
        start = index
        if (
            index
            and "-" in tokens[index].text
            and self._syllable_name(tokens[index])
            and tokens[index - 1].is_title
            and tokens[index - 1].end == tokens[index].start - 1
            and self.g.is_surname(tokens[index - 1].folded, within=2_000)
        ):
            return index - 1  # "Park Ji-hoon": the family name first
        while start > 0 and index - start < 2:
            token = tokens[start - 1]
            if (
                not token.is_title
                or token.end != tokens[start].start - 1
                or self.text[token.end] != " "
                or (token.sentence_start and self.g.is_word(token.folded))
                or self.g.is_word(token.folded)
                or token.folded in _NOT_NAMES
                or token.folded in _ORG_WORDS
                or token.folded in _STREET_SUFFIX_WORDS
                or start - 1 in self.coarse
                or (self.g.is_small_town(token.folded) and not self.g.is_name(token.folded))
                or token.folded in self.g.chains
            ):
                break
            start -= 1
        return start

    def _span_of_name(self, first: int, end: int) -> tuple[int, int]:
        last = self.tokens[end - 1]
        _, last_end = _bare(last)
        return self.tokens[first].start, last_end

    # -- rules ----------------------------------------------------------------------------

    def _rank_end(self, i: int) -> int:
        """Return the index after a rank or title starting at tokens[i], or i if none."""
        tokens = self.tokens
        j = i
        while j < len(tokens) and j - i < 6:
            token = tokens[j]
            if token.folded in _RANKS or token.folded in _RANK_PREFIXES:
                j += 1
            elif token.folded == "p" and _matches_tail(tokens, j, ("p", ".", "o")):
                j += 3  # P.O.
            elif token.text == "." and j > i:
                j += 1
            else:
                break
        if not any(t.folded in _RANKS for t in tokens[i:j]):
            return i  # "Asst." alone is not a rank
        return j

    def names(self) -> None:
        tokens = self.tokens
        phrase_at: set[int] = set()
        for match in _NAME_PHRASES.finditer(self.text):
            index = self._index_at(match.end())
            if index is not None:
                phrase_at.add(index)
        skip_to = 0
        words = self.g.words
        folded_words = self.folded
        for i in [
            i
            for i, token in enumerate(tokens)
            if token.is_alpha
            and (
                token.is_title
                or token.folded not in words
                or token.folded in _NAME_STARTERS
                or i in phrase_at
            )
            # a lone letter is no name, and starts one only as a rank ("P.O.")
            and (len(token.text) > 1 or token.folded in _NAME_STARTERS or i in phrase_at)
            or (i and token.is_alpha and folded_words[i - 1] in _NICKNAME_PREFIXES)
        ]:
            if i < skip_to:
                continue
            token = tokens[i]
            folded = token.folded
            if (
                not token.is_title
                and folded in words
                and folded not in _NAME_STARTERS
                and i not in phrase_at
                and not (i and tokens[i - 1].folded in _NICKNAME_PREFIXES)
            ):
                continue  # an everyday word: neither a name nor a rank before one
            # A rank or title, then a name ("Det. Sgt. Okafor", "cpl vance", "P.O. Delgado").
            ranked = folded in _RANKS or folded in _RANK_PREFIXES or folded == "p"
            j = self._rank_end(i) if ranked else i
            if (
                i < j < len(tokens)
                and tokens[j].start - tokens[j - 1].end <= 2
                and self._looks_like_name(j, "rank")
            ):
                # The rank is inside the span when it is a title, not in "my sister Ana".
                family = token.folded in _FAMILY and not token.is_title
                start = j if family else i
                end = self._extend_name(j)
                self._add_name(start, end - 1, strength=2)
                skip_to = end
                continue
            if (
                i < j
                and j + 1 < len(tokens)
                and tokens[j].is_title
                and tokens[j].is_alpha
                and tokens[j + 1].is_title
                and tokens[j].start - tokens[j - 1].end <= 2
                and tokens[j + 1].start == tokens[j].end + 1
                and self._looks_like_name(j + 1, "rank")
                and not self._two_word_surname(j)
            ):
                # "Tpr. Colt Halloran", "Cpl. Ada Strickland": a first name that is also a
                # word, between a rank and a surname
                end = self._extend_name(j + 1)
                self._add_name(i, end - 1, strength=2)
                skip_to = end
                continue
            if (
                i < j
                and j + 1 < len(tokens)
                and tokens[j + 1].is_title
                and self._two_word_surname(j)
            ):
                self._add_name(i, j + 1, strength=2)  # "Deputy Two Bulls"
                skip_to = j + 2
                continue
            previous = tokens[i - 1] if i else None
            before = previous
            if before is not None and before.text == "," and i >= 2:
                before = tokens[i - 2]
            if i in phrase_at:
                context = "phrase"
            elif before is not None and (
                before.folded in _STRONG_NAME_CUES
                or (before.folded in _ADDRESSED and token.is_title and before.folded != "with")
                or (
                    before.folded in _AND
                    and i >= 2
                    and tokens[i - 2].folded in {"me", "i"}
                    and before is previous
                )
                or (before.folded in _AND and before is previous and skip_to == i - 1)
            ):
                context = "strong"  # "my partner Luis", "I told Mo", "me and adeyemi"
            elif before is not None and before.folded in _NAME_CUES:
                context = "cue"
            else:
                context = "free"
            start = i
            if (
                previous is not None
                and previous.folded in _NICKNAME_PREFIXES
                and i not in self.coarse
                and i - 1 not in self.coarse
            ):
                # "Big Tony", "Lil Smoke", "big mike"
                nickname = (
                    previous.is_title
                    and token.is_title
                    and i not in self.whispered
                    and token.folded not in _NOT_NAMES
                    and not self._is_big_or_state(token.folded)
                ) or (not previous.is_title and self.g.first_names.get(token.folded, 10**9) < 1000)
                # "lil dre", "lil man": but "a lil bit"
                nickname = nickname or (
                    previous.folded == "lil"
                    and not (i >= 2 and tokens[i - 2].folded in _DETERMINERS)
                    and folded not in _FUNCTION_WORDS
                    and folded not in _NOT_NICKNAMES
                    and not (i + 1 < len(tokens) and tokens[i + 1].folded == "of")
                )
                if nickname:
                    end = self._extend_name(i)
                    self._add_name(i - 1, end - 1, strength=2)
                    skip_to = end
                    continue
            if context == "free" and not token.is_title and folded in self.g.words:
                continue  # an everyday word in lower case, with no cue before it
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            if after is not None and after.folded in _STREET_SUFFIX_WORDS and after.is_title:
                continue  # "Russell St" is a street
            if self._looks_like_name(i, context):
                end = self._extend_name(i)
                if context in {"free", "cue"} and token.is_title:
                    start = self._extend_name_left(i)
                self._add_name(start, end - 1, strength=2 if context != "free" else 1)
                skip_to = end
            elif context == "phrase":
                # "goes by Running Horse": the words after the phrase, whatever they are
                end = self._extend_name(i) if token.is_title else i
                if end > i:
                    self._add_name(i, end - 1, strength=2)
                    skip_to = end

    def _two_word_surname(self, j: int) -> bool:
        """Whether two capitalised words after a rank are a surname ("Two Bulls", "Little Sky")."""
        tokens = self.tokens
        if j + 1 >= len(tokens) or tokens[j].start - tokens[j - 1].end > 2:
            return False
        pair = tokens[j : j + 2]
        if pair[1].start - pair[0].end != 1:
            return False
        for token in pair:
            folded = _bare(token)[0]
            if (
                not token.is_title
                or not token.is_alpha
                or len(token.text) < 2
                or folded in _NOT_NAMES
                or folded in _ORG_WORDS
                or folded in _STREET_SUFFIX_WORDS
                or folded in _FACILITY_WORDS
                or self._is_big_or_state(folded)
            ):
                return False
        return True

    def relations(self) -> None:
        """Names after a relation ("my partner Boo", "his cousin peanut") or "me and" ("me and
        jimmy"), even when they are everyday words: there the word can only be a name."""
        tokens = self.tokens
        count = len(tokens)
        if self.distinct.isdisjoint(_RELATION_STARTS):
            return  # most texts: nothing to do, and nothing walked
        for r in [r for r, folded in enumerate(self.folded) if folded in _RELATIONS_AND_AKA]:
            if not (0 < r < count - 1):
                continue
            k = r + 1
            token = tokens[k]
            aka = tokens[r].folded == "aka"
            if not aka and tokens[r - 1].folded not in _POSSESSIVES:
                continue
            if not self._plain_word_name(k) or token.start - tokens[r].end != 1:
                continue
            if aka:
                if token.text.isupper() and k not in self.loud:
                    continue  # "aka CJ" is done by names(); "AKA PEANUT" in a CAD line here
            elif token.is_title:
                if token.sentence_start or self._is_thing(k):
                    continue
            elif not self._verb_like(k + 1):
                continue  # "his cousin peanut posted up", but "my partner quickly"
            end = self._extend_name(k)
            self._add_name(k, end - 1, strength=2)
        for m in (
            [m for m in range(count) if self.folded[m] == "me"] if "me" in self.distinct else []
        ):
            k = m + 2
            if k >= count or self.folded[m + 1] != "and":
                continue
            token = tokens[k]
            if (
                not token.is_title
                and self._plain_word_name(k)
                and self.g.first_names.get(token.folded, 10**9) < 1_000
            ):
                self._add_name(k, k, strength=2)  # "me and jimmy caught the burglary"

    def _plain_word_name(self, k: int) -> bool:
        """Whether tokens[k] can be a name that is also a word ("Boo", "peanut", "jimmy")."""
        token = self.tokens[k]
        folded = _bare(token)[0]
        return (
            token.is_alpha
            and len(token.text) >= 3
            and (not token.text.isupper() or k in self.loud)
            and folded not in _NOT_NAMES
            and folded not in _ORG_WORDS
            and folded not in _NOT_NICKNAMES
            and folded not in _FUNCTION_WORDS
            and folded not in _DETERMINERS
            and folded not in _SLANG
            and folded not in _NAME_VERBS
            and not (not token.is_title and re.search(r"(?:ly|ing|ed|n't|nt)$", folded) is not None)
            and not self._is_big_or_state(folded)
            and k not in self.coarse
        )

    def comma_names(self) -> None:
        """Take in the rest of a name written "SURNAME, FIRST M" ("DELEON, ADRIAN M")."""
        tokens = self.tokens
        count = len(tokens)
        text = self.text
        for low, high, kind in [
            (c[0], c[1], c[2])
            for c in self.found
            if (c[2] is Kind.NAME or c[2] is Kind.PLACE)
            and (text[c[1] : c[1] + 1] == "," or text[c[0] - 2 : c[0]] == ", ")
        ]:
            first = self._index_at(low)
            after = self._index_at(high)
            if first is None:
                continue
            loud = first in self.loud
            if kind is Kind.PLACE and not loud:
                continue  # "DELEON, ADRIAN M" is a name though a town is called De Leon
            start, end = low, high
            if (
                loud
                and first >= 2
                and tokens[first - 1].text == ","
                and tokens[first - 1].start == tokens[first - 2].end
                and self._comma_part(first - 2, loud)
                and not self.g.is_first_name(tokens[first - 2].folded)
            ):
                start = tokens[first - 2].start  # "RODRIGUEZ-PADILLA, JAVIER"
            if (
                after is not None
                and after + 1 < count
                and tokens[after].text == ","
                and tokens[after].start == high
                and tokens[after + 1].start == tokens[after].end + 1
                and self._comma_part(after + 1, loud)
                and ((loud and kind is Kind.NAME) or self.g.is_first_name(tokens[after + 1].folded))
            ):
                k = after + 2
                end = tokens[after + 1].end
                if (
                    k < count
                    and len(tokens[k].text) == 1
                    and tokens[k].text.isupper()
                    and tokens[k].start == end + 1
                ):
                    end = tokens[k].end  # the initial: "ADRIAN M"
                    if k + 1 < count and tokens[k + 1].text == "." and tokens[k + 1].start == end:
                        end = tokens[k + 1].end
            if (start, end) != (low, high):
                self.add(start, end, Kind.NAME, 2)

    def cad_names(self) -> None:
        """Find names written "SURNAME, FIRST M" in any case, as CAD lines and shorthand do:
        "TSOSIE, DARRELL J", "ORTIZ RIVERA, CARMEN L", "okonkwo, chidi e"."""
        tokens = self.tokens
        count = len(tokens)
        g = self.g
        for k in [k for k, folded in enumerate(self.folded) if folded == ","]:
            if k == 0 or k + 1 >= count:
                continue
            comma = tokens[k]
            last, first = tokens[k - 1], tokens[k + 1]
            if last.end != comma.start or first.start != comma.end + 1:
                continue
            if not (last.is_alpha and first.is_alpha and len(first.text) >= 3):
                continue
            if first.folded in _SLANG or last.folded in _SLANG:
                continue
            shape = _case_shape(last.text)
            if shape is None or _case_shape(first.text) != shape:
                continue
            initial = None
            if k + 2 < count:
                after = tokens[k + 2]
                if (
                    after.is_alpha
                    and len(after.text) == 1
                    and after.start == first.end + 1
                    and (after.text.isupper() if shape != "lower" else after.text.islower())
                    and after.folded not in {"a", "i"}
                ):
                    initial = after
            if not self._cad_surname(last):
                continue
            if not g.is_first_name(first.folded) and (
                initial is None or g.is_dictionary_word(first.folded)
            ):
                continue  # "okonkwo, chidi e": an unknown word is a first name before an initial
            if first.folded in _NOT_NAMES or (g.is_word(first.folded) and initial is None):
                continue
            if shape == "lower" and initial is None and g.is_dictionary_word(last.folded):
                continue
            start = last.start
            if k >= 2:
                before = tokens[k - 2]
                if (
                    before.is_alpha
                    and before.end == last.start - 1
                    and _case_shape(before.text) == shape
                    and self._cad_surname(before)
                    and not g.is_first_name(before.folded)
                ):
                    start = before.start  # "ORTIZ RIVERA, CARMEN"
            end = (initial or first).end
            if (
                initial is not None
                and k + 3 < count
                and tokens[k + 3].text == "."
                and tokens[k + 3].start == end
            ):
                end = tokens[k + 3].end
            self.add(start, end, Kind.NAME, 2)

    def _cad_surname(self, token: Token) -> bool:
        folded = token.folded
        if len(folded) < 2 or folded in _NOT_NAMES or folded in _RANKS or folded in _SLANG:
            return False
        if self._is_big_or_state(folded) or folded in _ABBREVIATIONS:
            return False
        return self.g.is_surname(folded, within=20_000) or not self.g.is_word(folded)

    def _comma_part(self, k: int, loud: bool) -> bool:
        token = self.tokens[k]
        if not token.is_alpha or len(token.text) < 2 or token.folded in _NOT_NAMES:
            return False
        if loud:
            return token.text.isupper() and (
                not self.g.is_dictionary_word(token.folded) or self.g.is_first_name(token.folded)
            )
        return token.is_title and not self.g.is_word(token.folded)

    def names_again(self) -> None:
        """Mark again the names already found once ("me and adeyemi ... before adeyemi").

        A word that a cue showed to be a name is a name wherever else it stands in the same
        story, unless it is an everyday word written in lower case there.
        """
        tokens = self.tokens
        text = self.text
        apostrophes = (
            [
                index
                for index, token in enumerate(tokens)
                if "'" in token.text or "\u2019" in token.text
            ]
            if "'" in text or "\u2019" in text
            else []
        )
        self._possessive_places(apostrophes)
        spans = [(c[0], c[1]) for c in self.found if c[2] is Kind.NAME]
        if not spans:
            return
        named: dict[str, bool] = {}
        covered: set[int] = set()
        for low, high in spans:
            index = self._index_at(low)
            while index is not None and index < len(tokens) and tokens[index].start < high:
                token = tokens[index]
                covered.add(index)
                if token.is_alpha and len(token.text) >= 3:
                    folded = _bare(token)[0]
                    if folded not in _NOT_NAMES and folded not in _RANKS:
                        named[folded] = named.get(folded, False) or token.is_title
                index += 1
        again = [index for index, folded in enumerate(self.folded) if folded in named]
        if apostrophes:
            again = sorted(set(again).union(apostrophes))
        for index in again:
            token = tokens[index]
            folded = token.folded
            if folded not in named:
                if not ("'" in token.text or "\u2019" in token.text):
                    continue
                folded = _bare(token)[0]
                if folded not in named:
                    continue
            if index in covered:
                continue
            end = _bare(token)[1]
            if not token.is_title and self.g.is_dictionary_word(folded):
                continue
            if (
                token.is_title
                and (token.sentence_start or not named[folded])
                and self.g.is_dictionary_word(folded)
            ):
                continue  # "Hunter orange vest ... his name is Hunter Bledsoe"
            self.add(token.start, end, Kind.NAME, 1)

    def _possessive_places(self, apostrophes: list[int]) -> None:
        """A capitalised possessive after "at", "outside"... is a named place: "at Stumpy's"."""
        tokens = self.tokens
        folded_words = self.folded
        for index in [i for i in apostrophes if i and folded_words[i - 1] in _VISIT_CUES]:
            token = tokens[index]
            if not token.is_title:
                continue
            folded, end = _bare(token)
            if end == token.end or len(folded) < 3 or folded in _NOT_NAMES:
                continue  # no possessive, or "at Dad's"
            if index in self.coarse or self._is_big_or_state(folded) or folded in _REGIONS:
                continue  # "in Chicago's south side"
            if index + 1 < len(tokens) and tokens[index + 1].folded in _PART_OF_DAY_WORDS:
                continue  # "at Sunday's briefing" is caught as _NOT_NAMES; "by Friday's end"
            self.add(token.start, token.end, Kind.PLACE, 1)

    def _add_name(self, first: int, last: int, strength: int = 1) -> None:
        start, end = self._span_of_name(first, last + 1)
        self.add(start, end, Kind.NAME, strength)

    def _index_at(self, offset: int) -> int | None:
        # tokens are few per character; a binary search keeps this cheap
        tokens = self.tokens
        low, high = 0, len(tokens)
        while low < high:
            middle = (low + high) // 2
            if tokens[middle].start < offset:
                low = middle + 1
            else:
                high = middle
        return low if low < len(tokens) else None

    def places(self) -> None:
        tokens = self.tokens
        n = len(tokens)
        chain_starts, town_starts = _starts(self.g)
        text = self.text
        agency_initials = self.g.agency_initials
        relevant = {
            folded
            for folded in self.distinct
            if _POLICE_DEPARTMENT_FOLDED.fullmatch(folded)
            or folded in chain_starts
            or folded in town_starts
            or folded in _PLACE_TAIL_WORDS
            or folded in agency_initials
            or folded in _PERSONNEL
            or folded in _BARRIO_WORDS
            or _key_of(folded) in chain_starts
        }
        for i in [i for i, folded in enumerate(self.folded) if folded in relevant]:
            token = tokens[i]
            folded = token.folded
            if not token.is_alpha:
                if (
                    token.text.isdigit()
                    and folded in chain_starts
                    and (i + 1 < n and tokens[i + 1].text == "-")
                ):
                    self._chain_at(i)  # "7-Eleven"
                continue
            if folded in _PLACE_TAIL_WORDS:
                self._tails_at(i)
            if folded in _PERSONNEL:
                self._initials_before(i)
            if folded in _BARRIO_WORDS:
                self._barrio_at(i)
            if folded in self.g.agency_initials and (
                token.text.isupper()
                or (token.text.islower() and not self.g.is_dictionary_word(folded))
            ):
                if i and tokens[i - 1].folded in _OWNERS:
                    continue  # "my ASP": a baton, not Arkansas State Police
                self.add(token.start, token.end, Kind.PLACE, 2)  # "KHP", "NYSP", "fhp"
                continue
            if _POLICE_DEPARTMENT_INITIALS.fullmatch(token.text) and not (
                self.g.is_dictionary_word(folded) or folded in _POLICE_INITIALS
            ):
                self.add(token.start, token.end, Kind.PLACE, 2)  # "BPD", "NNPD", "PRPD"
                continue
            if len(folded) == 1 and text[token.end : token.end + 1] not in {"-", "&"}:
                continue  # a single letter starts no chain or town but "K-Mart"
            if folded in chain_starts or _chain_key(token) in chain_starts:
                # Chains ("Circle K", "waffle house", "Love's").
                self._chain_at(i)
            if folded in town_starts and (
                token.is_title
                or (i and tokens[i - 1].folded in _STRONG_PLACE_CUES)
                or self._loud_name(i)
            ):
                # Towns, with their multi-word names ("Bay Minette", "Kāneʻohe").
                self._town_at(i)

    def after_agency(self, offset: int) -> bool:
        """Whether an agency's name ends just before offset: "ksp post 13", "pd area 3"."""
        index = self._index_at(offset)
        if not index:
            return False
        before = self.tokens[index - 1]
        return offset - before.end <= 1 and (
            before.folded in self.g.agency_initials
            or before.folded in {"pd", "so", "dps", "police", "patrol", "troopers"}
            or _POLICE_DEPARTMENT_FOLDED.fullmatch(before.folded) is not None
        )

    def _loud_name(self, i: int) -> bool:
        """Whether a word in a line of capitals may be a name: no dictionary knows it."""
        token = self.tokens[i]
        return (
            i in self.loud
            and token.text.isupper()
            and len(token.text) > 2
            and not self.g.is_dictionary_word(token.folded)
            and token.folded not in _NOT_NAMES
        )

    def _initials_before(self, i: int) -> None:
        """An agency written as initials before its people: "NPS RANGERS", "the WSP trooper"."""
        if i == 0:
            return
        before = self.tokens[i - 1]
        text = before.text
        if not (
            before.is_alpha
            and 2 <= len(text) <= 5
            and text.isupper()
            and before.end == self.tokens[i].start - 1
            and not self.g.is_dictionary_word(before.folded)
            and before.folded not in _NOT_NAMES
            and before.folded not in self.g.states
            and before.folded not in _ORG_WORDS
            and before.folded not in _POLICE_INITIALS
        ):
            return
        self.add(before.start, before.end, Kind.PLACE, 2)

    def _barrio_at(self, i: int) -> None:
        """A Puerto Rican barrio or neighbourhood: "BO. MANI", "Barrio Obrero", "Urb. Alturas"."""
        tokens = self.tokens
        k = i + 1
        if k < len(tokens) and tokens[k].text == ".":
            k += 1
        elif tokens[i].folded == "bo":
            return  # "Bo" is also a name: the barrio is written "Bo."
        end = k
        while end < len(tokens) and end - k < 3:
            token = tokens[end]
            if not token.is_alpha or not (token.is_title or token.text.isupper()):
                break
            if token.folded in _NOT_NAMES or self._is_big_or_state(token.folded):
                break
            end += 1
        if end > k:
            self.add(tokens[i].start, tokens[end - 1].end, Kind.PLACE, 2)

    def _tails_at(self, i: int) -> None:
        tokens = self.tokens
        n = len(tokens)
        token = tokens[i]
        if True:
            # Agencies, counties and named facilities end with a known word; the name is the
            # capitalised words before it ("Okanogan County Sheriff's Office").
            for tail in _AGENCY_TAILS.get(token.folded, ()):
                if _matches_tail(tokens, i, tail):
                    self._named_before(i, i + len(tail), agency=True)
            if token.folded in _COUNTY_WORDS and i > 0:
                end = i + 1
                if token.folded == "co" and end < n and tokens[end].text == ".":
                    end += 1
                before = tokens[i - 1]
                if before.is_title or before.folded in self.g.counties:
                    first = (
                        _titled_run_left(tokens, i, limit=3, words=self.g.words)
                        if before.is_title
                        else i - 1
                    )
                    if first < i and not all(
                        t.folded in _GENERIC_PLACE_WORDS for t in tokens[first:i]
                    ):
                        end = self._agency_after(end)
                        self.add(tokens[first].start, tokens[end - 1].end, Kind.PLACE, 2)
            for tail in _FACILITY_BY_FIRST.get(token.folded, ()):
                if _matches_tail(tokens, i, tail):
                    self._named_before(i, i + len(tail), agency=False)

    def _agency_after(self, end: int) -> int:
        """Extend "Okanogan County" over "Sheriff's Office" and the like."""
        for tail in _AGENCY_SUFFIXES:
            if _matches_tail(self.tokens, end, tail):
                return end + len(tail)
        return end

    def _named_before(self, i: int, end: int, *, agency: bool) -> None:
        tokens = self.tokens
        first = _titled_run_left(tokens, i, limit=6, words=self.g.words)
        if agency and tokens[i].folded == "so" and end == i + 1:
            # "so" is mostly the word: "in January so I", "on Route 65 so it was"
            before = tokens[i - 1] if i else None
            if before is None or not (
                before.folded in _COUNTY_WORDS
                or (
                    tokens[i].text == "SO"
                    and before.is_title
                    and before.folded not in _CALENDAR_AND_RANKS
                    and (self.g.is_small_town(before.folded) or before.folded in self.g.counties)
                )
            ):
                return
        if first >= i:
            # lowercase: "millbrook pd", "okanogan county so", "eagle pass pd"
            first = self._lower_place_before(i, agency=agency)
            if first is None:
                return
        names = [t for t in tokens[first:i] if t.folded not in _GENERIC_PLACE_WORDS]
        if not names or i in self.coarse:
            return  # nothing but generic words, or "Salt Lake" of Salt Lake City
        if (
            len(names) == 1
            and names[0].sentence_start
            and self.g.is_word(names[0].folded)
            and not self.g.is_small_town(names[0].folded)
        ):
            return  # "After school lets out": a sentence that starts with a word
        joined = " ".join(t.folded for t in tokens[first:i])
        del joined  # every named agency is a finding, big or small (PRODUCT.md, model 8)
        if tokens[i].folded == "task" and all(self.g.is_dictionary_word(t.folded) for t in names):
            return  # "the Drug Task Force" is a unit; "Tri-County Drug Task Force" an agency
        if not agency and len(names) == 1 and names[0].folded in _CALENDAR_AND_RANKS:
            return
        last = tokens[end - 1]
        if last.text == "." and end - 2 >= 0 and len(tokens[end - 2].text) > 2:
            end -= 1
        self.add(tokens[first].start, tokens[end - 1].end, Kind.PLACE, 2)

    def _lower_place_before(self, i: int, *, agency: bool) -> int | None:
        """Return where a place written in lower case ends right before tokens[i] starts.

        "eagle pass pd", "red lake pd", "hood river co", "nebraska state patrol", "tohono
        oodham pd": up to three words in lower case that the place lists know as one name
        (a town, county or state, whatever its size: every agency counts), or that no
        dictionary knows.
        """
        tokens = self.tokens
        g = self.g
        for length in (3, 2, 1):
            first = i - length
            if first < 0:
                continue
            parts = tokens[first:i]
            if any(
                not t.is_alpha
                or not t.text.islower()
                or t.folded in _GENERIC_PLACE_WORDS
                or t.folded in _RANKS
                or t.folded in _FUNCTION_WORDS
                for t in parts
            ):
                continue
            if any(b.end + 1 != a.start for b, a in zip(parts, parts[1:], strict=False)):
                continue
            key = " ".join(t.folded for t in parts)
            known = key in g.towns or key in g.counties or (agency and key in g.states)
            unknown = all(not g.is_dictionary_word(t.folded) and len(t.folded) > 2 for t in parts)
            if length == 1 and not agency:
                known = known and not g.is_word(key)
            if (known or unknown) and key not in _NOT_NAMES:
                return first
        return None

    def _chain_at(self, i: int) -> None:
        tokens = self.tokens
        if i in self.coarse:
            return
        chains = self.g.chains
        prefixes = _chain_prefixes(self.g)
        lengths = []
        key = ""
        for k in range(i, min(len(tokens), i + 4)):
            if k > i and tokens[k].start - tokens[k - 1].end > 1:
                break
            piece = _chain_key(tokens[k])
            if piece:
                key = f"{key} {piece}" if key else piece
                if key not in prefixes:
                    break  # no chain's name goes on like this
                if key in chains:
                    lengths.append(k + 1 - i)
        for length in reversed(lengths):
            parts = tokens[i : i + length]
            alpha = [t for t in parts if t.is_alpha]
            if (
                len(alpha) > 1
                and len({t.is_title for t in alpha}) > 1
                and not all(t.is_title or t.folded in {"of", "and", "the", "n", "a"} for t in alpha)
            ):
                continue  # "Don't park": mixed case is a sentence, not a name
            if length == 1:
                token = parts[0]
                if i in self.loud and token.text.isupper() and self._loud_chain(i):
                    self.add(token.start, token.end, Kind.PLACE, 2)  # "ENRT LOVES MM 231"
                    return
                plain = not token.is_title or self.g.is_first_name(token.folded)
                if plain and (self.g.is_word(token.folded) or self.g.is_name(token.folded)):
                    return
                if token.sentence_start and self.g.is_word(token.folded):
                    return
                if token.folded in _NOT_NAMES:
                    return
                if (
                    self.g.is_word(token.folded)
                    and "'" not in token.text
                    and "\u2019" not in token.text
                    and (i in self.overcapitalised or not self._place_cue_before(i))
                ):
                    return  # "the Union says", "the rear of the Residence"
            elif (
                all(self.g.is_word(t.folded) for t in parts if t.is_alpha)
                and not any(t.is_title for t in parts)
                and any(t.folded in _FUNCTION_WORDS for t in parts)
            ):
                return  # "family dollar" in lower case, but not "the counter"
            end = i + length
            if end < len(tokens) and tokens[end].text == "'" and end + 1 < len(tokens):
                end += 2 if tokens[end + 1].folded == "s" else 0
            self.add(tokens[i].start, tokens[end - 1].end, Kind.PLACE, 2)
            return

    def _loud_chain(self, i: int) -> bool:
        """Whether a chain's name of one word in a line of capitals is the chain.

        Capitals drop the apostrophe ("LOVES", "CASEYS"): after "AT THE" or "ENRT" a chain's
        name that is also a word is the chain when it ends as a possessive does.
        """
        token = self.tokens[i]
        if token.folded in _NOT_NAMES or len(token.text) < 4:
            return False
        before = self.tokens[i - 1].folded if i else ""
        if not self.g.is_dictionary_word(token.folded):
            return before in _VISIT_CUES or before in {"the", "enrt"}
        return token.folded.endswith("s") and (
            before == "enrt" or (before == "the" and self._place_cue_before(i))
        )

    def _place_cue_before(self, i: int) -> bool:
        """Whether a word like "at" or "outside" stands before tokens[i] (past a "the")."""
        k = i - 1
        if k >= 0 and self.tokens[k].folded in {"the", "a", "an"}:
            k -= 1
        return k >= 0 and self.tokens[k].folded in _VISIT_CUES

    def _town_at(self, i: int) -> None:
        tokens = self.tokens
        token = tokens[i]
        if not token.is_alpha or i in self.coarse:
            return
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if (following is None or not (following.is_alpha or following.text == ".")) and (
            not self.g.towns.get(token.folded, 0)
        ):
            return  # a town of one word only, and this word is none
        previous = tokens[i - 1].folded if i else ""
        cue = previous in _PLACE_CUES or (
            # "from Garden City and Liberal": a town right after another
            previous in {"and", "or"}
            and i >= 2
            and any(c[1] == tokens[i - 2].end and c[2] is Kind.PLACE for c in self.found[-3:])
        )
        for length in (3, 2, 1):
            if i + length > len(tokens):
                continue
            parts = tokens[i : i + length]
            if any(not t.is_alpha and t.text != "." for t in parts) or not parts[-1].is_alpha:
                continue
            if length > 1 and not all(
                t.is_title or t.text == "." or self._loud_name(i + k) for k, t in enumerate(parts)
            ):
                # in lower case ("near delta junction", "in fort washakie"): after a place
                # cue, or when a word of it is in no dictionary
                lower = all(t.text.islower() or t.text == "." for t in parts)
                words = [t for t in parts if t.is_alpha]
                unknown = any(not self.g.is_dictionary_word(t.folded) for t in words)
                if not lower or not (
                    unknown
                    or (
                        previous in _STRONG_PLACE_CUES
                        and words[0].folded != "the"
                        and not all(self.g.is_word(t.folded) for t in words)
                    )
                ):
                    continue
            key = " ".join(t.folded for t in parts if t.text != ".")
            if parts[0].folded == "st" and length > 1:
                key = "saint " + " ".join(t.folded for t in parts[1:] if t.text != ".")
            population = self.g.towns.get(key, 0)
            if not population:
                continue
            if self.g.is_big_place(key):
                return
            if key in _RANKS or key in _CALENDAR_AND_RANKS:
                return
            if key in _NOT_NAMES and not (
                previous in _STRONG_PLACE_CUES and token.is_title and length == 1
            ):
                return  # a Dodge Durango, but "headed home to Durango"
            after = tokens[i + length] if i + length < len(tokens) else None
            if (
                length == 1
                and not cue
                and after is not None
                and after.folded in _NAME_VERBS
                and after.folded not in {"and", "is", "was", "has"}
                and self.g.is_name(key)
            ):
                return  # "because Hollis had the flu": a person
            start = token.start
            if i and tokens[i - 1].text in {"Lake", "Mount", "Mt", "Fort", "Ft", "Port"}:
                start = tokens[i - 1].start  # "Lake Shelbyville"
            if length == 1:
                word = self.g.is_word(key)
                if i in self.whispered and not cue and self.g.is_name(key):
                    return  # "rp jenny adv subj marcus": a person, in lower case
                if token.is_title or self._loud_name(i):
                    if word and not cue:
                        return
                    if (
                        token.sentence_start
                        and not cue
                        and self.g.is_name(key)
                        and (self.g.is_first_name(key) or population < 5_000)
                    ):
                        return
                else:
                    if previous not in _STRONG_PLACE_CUES or word:
                        return
                    if population < 1_000 and self.g.is_name(key):
                        return
            _, end = _bare(parts[-1])
            self.add(start, end, Kind.PLACE, 1)
            return


_AGENCY_TAILS: dict[str, list[tuple[str, ...]]] = {}
for _tail in _AGENCY_SUFFIXES:
    _AGENCY_TAILS.setdefault(_tail[0], []).append(_tail)
_FACILITY_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _tail in _FACILITY_TAILS:
    _FACILITY_BY_FIRST.setdefault(_tail[0], []).append(_tail)
_PLACE_TAIL_WORDS = set(_AGENCY_TAILS) | set(_FACILITY_BY_FIRST) | _COUNTY_WORDS


@lru_cache(maxsize=4)
def _starts_for(words: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    chains = frozenset(name.split()[0] for name in words.chains)
    towns = {name.split()[0] for name in words.towns}
    towns.add("st")  # "St. Johnsbury" is looked up as "saint johnsbury"
    return chains, frozenset(towns)


@lru_cache(maxsize=4)
def _chain_prefixes(words: Gazetteer) -> frozenset[str]:
    """Return every chain name and the first words of each ("circle", "circle k")."""
    prefixes = set()
    for name in words.chains:
        parts = name.split(" ")
        prefixes.update(" ".join(parts[:k]) for k in range(1, len(parts) + 1))
    return frozenset(prefixes)


@lru_cache(maxsize=4)
def _big_starts(words: Gazetteer) -> frozenset[str]:
    """Return the first words of big places, states and regions."""
    names = {name for name, people in words.towns.items() if people >= BIG_PLACE}
    names |= words.states | _REGIONS
    return frozenset(name.split()[0] for name in names)


def _starts(words: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    """Return the first words of chain and town names, to try only where one may start."""
    return _starts_for(words)


def _chain_key(token: Token) -> str:
    return _key_of(token.folded)


@lru_cache(maxsize=100_000)
def _key_of(folded: str) -> str:
    return re.sub(r"[^a-z0-9]", "", folded)


def _at_word_edges(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern that is tried only where a word starts or ends.

    Every identifier starts at the edge of a word or at a symbol, never inside a word; saying
    so up front spares the engine every position inside a word (most of a text).
    """
    return re.compile(r"(?:(?<!\w)|(?!\w))(?:" + pattern + ")", flags)


# ---------------------------------------------------------------------------------------------
# Patterns. Every repeat is bounded and every pattern starts at a word boundary or a symbol,
# so each start costs a bounded amount of work.

_B = r"(?<![\w@.+-])"  # the start of a run that is not inside a longer word or address

_EMAIL = _at_word_edges(
    _B + r"[\w.+'-]{1,64}[ \t]?(?:@|\((?i:at)\)|\[(?i:at)\])[ \t]?[\w-]{1,63}"
    r"(?:(?:\.|[ \t]?\((?i:dot)\)[ \t]?|[ \t]?\[(?i:dot)\][ \t]?|[ \t]+(?i:dot)[ \t]+)"
    r"[\w-]{1,63}){1,4}"
    # "j smith at gmail dot com": spoken, so "dot" must be there
    r"|" + _B + r"(?:[\w+-]{1,30}[ \t]+(?i:dot)[ \t]+){0,3}[\w.+-]{1,64}[ \t]+(?i:at)[ \t]+"
    r"[\w-]{1,63}(?:[ \t]+(?i:dot)[ \t]+[\w-]{1,63}){1,3}(?<=[a-z])"
    r"|"
    + _B
    + r"[\w.+-]{1,64}[ \t]*(?:\{(?i:at)\}|[ \t](?i:at)[ \t])[ \t]*(?i:gmail|yahoo|hotmail|"
    r"outlook|aol|icloud|msn|live|comcast|protonmail|proton|ymail|att)\b(?:[ \t]*(?:\{(?i:dot)\}|"
    r"[ \t](?i:dot)[ \t]|\.)[ \t]*[\w-]{1,63}){0,3}"
)

_PHONE = _at_word_edges(
    r"(?<![\w+])(?:\+?1[ \t.-]?)?(?:\(\d{3}\)[ \t]?|\d{3}[ \t.-])\d{3}[ \t.-]\d{4}(?!\d)"
    r"(?:,?[ \t]*(?i:x|ext\.?|extension)[ \t]*\d{1,5})?"
    r"|(?<![\w+])\+\d{1,3}(?:[ \t.-]?\d{1,5}){2,6}(?!\d)"
    r"|(?<![\d-])\d{3}[ \t.-]\d{4}(?!\d)(?![ \t.-]\d)"
    r"|(?<![\w-])\d{10}(?!\d)"
)

_SPOKEN_DIGIT = r"(?:oh|zero|one|two|three|four|five|six|seven|eight|nine)"
# "six oh six, five five five, oh one two two": digits said one by one, in the groups of a
# phone number (matched only at a spoken digit)
_SPOKEN_PHONE = re.compile(
    rf"(?i:(?:{_SPOKEN_DIGIT}[ \t-]+){{2}}{_SPOKEN_DIGIT}[ \t]*[,.-]?[ \t]+)?"
    rf"(?i:(?:{_SPOKEN_DIGIT}[ \t-]+){{2}}{_SPOKEN_DIGIT}[ \t]*[,.-]?[ \t]+"
    rf"(?:{_SPOKEN_DIGIT}[ \t-]+){{3}}{_SPOKEN_DIGIT}\b)"
)
# "the first three, 4JN", "last 6 091442", "partial ... was 6PL": part of a plate or a VIN
# (matched only at "first", "last" and "partial")
_PARTIAL_CODE = re.compile(
    r"(?i:(?:first|last)[ \t]+(?:two|three|four|five|six|seven|eight|[2-8])[ \t,]+"
    r"(?:(?:digits?|characters?|chars|letters|numbers)[ \t,]+)?(?:(?:were|was|is|are|read|"
    r"reads|of[ \t]+it)[ \t,]+)?[:#]?[ \t]*)(?P<code>(?=[A-Za-z0-9]{0,7}\d)[A-Za-z0-9]{2,8})"
    r"(?![\w-])"
    r"|(?i:partial[ \t,]+(?:[a-z'\u2019]{1,12}[ \t,]+){0,7}?)"
    r"(?P<partial>(?=[A-Z0-9]{0,3}\d)(?=[A-Z0-9]{0,3}[A-Z])[A-Z0-9]{2,4})(?![\w-])"
)
_HANDLE = _at_word_edges(
    r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,29}[A-Za-z0-9_])?"
    r"|(?<![\w$])\$[A-Za-z][A-Za-z0-9_-]{2,20}\b"
    r"|(?<![\w#])[A-Za-z][\w.]{1,30}#\d{4}\b"
    r"|(?<![\w/])u/[A-Za-z0-9_-]{3,20}\b"
    r"|(?i:\b(?:https?://)?(?:www\.|m\.)?(?:facebook|fb|instagram|twitter|x|tiktok|snapchat|"
    r"youtube|linkedin|threads|reddit|venmo|cash\.app|twitch|pinterest|linktr)\.(?:com|net|me|"
    r"app|ee)/[\w.@/-]{1,60})"
)
_HANDLE_CUE = _at_word_edges(
    r"(?i:\b(?:ig|insta|instagram|snap|snapchat|tiktok|tik[ \t]tok|twitter|fb|facebook|handle|"
    r"username|user[ \t]name|screen[ \t]?name|gamertag|gamer[ \t]tag|venmo|cashapp|cash[ \t]app|"
    r"discord|telegram|kik|x[ \t]account)\b(?:[ \t]+(?:name|handle|account|page|profile|was|is|"
    r"as|under|called|named|@)){0,3}[ \t]*[:\-]?[ \t]*)(?P<handle>[@$]?[\w.]{3,30}(?:#\d{4})?)"
)

_VIN = _at_word_edges(
    r"(?i:\b(?=[A-HJ-NPR-Z0-9]{17}\b)(?=(?:[A-Z]*\d){3})(?=(?:\d*[A-Z]){2})[A-HJ-NPR-Z0-9]{17}\b)"
)
_VIN_PARTIAL = _at_word_edges(
    r"(?i:\bv\.?i\.?n\.?(?:[ \t,]*(?:#|:|(?:number|no\.?|ending|ends|ended|in|with|was|were|"
    r"is|of|the|last|first|partial|four|five|six|seven|eight|4|5|6|7|8|digits?|read|reads|"
    r"showed|started|starts|came|back|as|on|it)\b)){0,7}[ \t#:,]*)"
    r"(?P<vin>[A-Z0-9]{4,16}(?![\w-]))"
    r"|(?i:\b(?:last|ending[ \t]+in|ends[ \t]+in|ended[ \t]+in|ends|ending)[ \t]+"
    r"(?:(?:four|five|six|seven|eight|4|5|6|7|8)[ \t]+)?(?:(?:digits|characters|chars)[ \t]+)?"
    r"(?:of[ \t]+(?:the|his|her)[ \t]+(?:vin|v\.i\.n\.)[ \t,]*)?(?:(?:was|were|is|are)[ \t]+)?"
    r"[:#]?[ \t]*)"
    r"(?P<tail>[A-Z0-9]{4,8}(?![\w-]))"
)

_PLATE_KEYWORD = (
    r"(?i:\b(?:licen[cs]e[ \t]+plates?|plates?|tags?|tablillas?|registration|"
    r"reg(?:istration)?[ \t]+"
    r"(?:no|number)|lp|l/p)\b(?:[ \t]*(?:,|#|(?:number|no\.?|was|is|of|read(?:ing|s)?|showed|"
    r"started|starting|starts|began|beginning|with|ending|ends|in|like|partial|came|back|"
    r"as|it|said|says|a|to|were|are|on|the|era|es|de|con|n[uú]mero)\b)){0,5}[ \t]*[:#,]?[ \t]*)"
)
_PLATE = _at_word_edges(
    _PLATE_KEYWORD
    + r"(?P<plate>(?i:(?=[A-Z0-9 -]{0,10}\d|[A-Z]{5,8}\b)(?=[A-Z0-9 -]{0,10}[A-Z]|\d{5,7}\b)"
    r"[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,4})(?:[ -]?[A-Z0-9]{1,3})?)(?![\w-]))"
    r"|(?<![\w-])(?!(?:ORS|ARS|RCW|MCL|NRS|KRS|VIN|SIG|CAD|DUI|DWI|OWI|FTO|EMS|SRO|GSW|PC|VC"
    r"|HS|AR|MP|RT|US|SR|CR|ILCS)\b)[A-Z]{2,3}[- ]\d{3,4}(?![\w-])(?P<then>[ ][A-Z]{2,3}\b)?"
    r"|\b\d[A-Z]{3}\d{3}\b"
    r"|\b[A-Z]{2}\d{2}[ \t]?[A-Z]{3}\b"
    r"|\b[A-Z]{3}\d{4}\b"
    r"|\b\d{3}[ -]?[A-Z]{3}\b"
    # a digit and four letters ("8DFG 213"), and three letters and three digits near a car
    r"|(?P<digitfirst>\b\d[A-Z]{3,4}[ -]\d{3}\b|\b\d[A-Z]{4}\d{2,3}\b)"
    r"|(?P<short>\b(?!(?:ORS|ARS|RCW|MCL|NRS|KRS|VIN|SIG|CAD|DUI|DWI|OWI|FTO|EMS|SRO|GSW|PCS|"
    r"ILC|AED|CPR|NIK|MPH)\d)[A-Z]{3}\d{3}\b)"
    # the same shapes in lower case, kept only near the word "plate" or "tag"
    r"|(?P<lower>\b(?:[a-z]{3}\d{4}|\d[a-z]{3}\d{3}|[a-z]{3}-\d{3,4})\b)"
)

_VEHICLE_CONTEXT = re.compile(
    r"\b(?:plates?|tags?|car|truck|van|vehicle|veh|susp|sedan|suv|pickup|registered|registration|"
    r"reg|dmv|ran|stolen|bolo|hit|jeep|civic|impala|honda|ford|chevy|toyota|dodge|kia|"
    r"hyundai|nissan|camry|lpr|alpr|temp|paper|dealer|motorcycle|trailer|coupe|hatchback)\b"
)
_STATE_BEFORE = re.compile(r"\b([A-Z]{2})[ \t]+$")
_PHONETIC = (
    r"adam|baker|boy|charlie|charles|david|edward|frank|george|henry|ida|john|king|lincoln|"
    r"mary|nora|ocean|paul|queen|robert|sam|tom|union|victor|william|x-ray|young|zebra|"
    r"alpha|bravo|delta|echo|foxtrot|golf|hotel|india|juliet|kilo|lima|mike|november|oscar|"
    r"papa|romeo|sierra|tango|uniform|whiskey|yankee|zulu|nan|easy|love|able|dog|fox|how|jig|"
    r"peter|roger|sugar|uncle|william|yoke|xray"
)
_NUMBER = _at_word_edges(
    # badges and other numbers that name one officer, by their label
    r"(?i:\b(?:badge|shield|star|serial|employee|payroll|id|personnel|dsn|ibm|pin|callsign|"
    r"call[ \t]sign|radio|unit|car|cruiser|vehicle|squad|beat|zone|sector|district|post|"
    r"precinct|troop|platoon|team|cell|engine|eng|medic|ladder|truck|rescue|ambulance|station|tower|"
    r"rig|wagon|boat|air|k-?9|sam|adam|marine|battalion|battalion[ \t]chief|squad[ \t]car|"
    r"patrol[ \t]car|area|region|division|shift)\b(?:[ \t]+(?:no\.?|num(?:ber)?\.?|id|#|was|is|"
    r"of)){0,3}[ \t]*[#:,]?[ \t]*)"
    r"(?P<number>(?:(?=[A-Z-]{0,6}\d)[A-Z]{0,4}-?\d(?:[\dA-Z/-]{0,12}[\dA-Z])?|[A-Z]\b(?!['\u2019]|\.[A-Za-z])))"
    r"(?![\w-])(?![ \t]+(?i:years?|yrs|months?|days?|weeks?|hours?|hrs|minutes?|mins?|"
    r"miles?|feet|ft|yards?|times|rounds?|percent|people|calls|officers|deputies)\b)"
    # "Unit 2 of the academy": a part of something, not a unit
    r"(?![ \t]+(?i:of)[ \t]+(?i:the|a|an|this|that|our|my|his|her)\b)"
    # ordinal precincts and districts ("the 77th Precinct")
    r"|(?i:\b\d{1,3}(?:st|nd|rd|th)[ \t]+(?:precinct|pct|district|division|squad|company|"
    r"battalion))"
    r"\b"
    # call signs: 3K22, 1A12, 2-David-31, Baker 14, Lincoln 7
    r"|\b\d{1,2}[A-Z]{1,2}\d{1,3}\b"
    rf"|\b\d{{1,2}}-?(?i:{_PHONETIC})-?\d{{1,3}}\b"
    rf"|\b(?:(?:{_PHONETIC.title()}|(?-i:[A-Z][a-z]+))(?<=[a-z])|(?-i:{_PHONETIC.upper()}))"
    rf"[ \t-](?P<sign>\d{{1,3}})\b"
    r"(?![ \t]*(?:%|:|\.\d|/|(?:percent|years?|yrs|days?|hours?|hrs|minutes?|mins|seconds?|"
    r"secs|feet|ft|foot|inches|in|yards?|yds|miles?|mi|mph|rounds?|times?|people|men|pounds|"
    r"lbs|dollars|bucks|officers|deputies|cars|units|calls|shots|guys|kids|o'?clock|am|pm|"
    r"a\.m|p\.m|gauge|mm|cal|caliber|st|nd|rd|th|percent)\b))"
)
# A state police troop written in lower case: "fhp troop f", "troop b was 11-98"
_TROOP_LETTER = re.compile(r"\btroop[ \t]+[b-hj-z]\b(?![\w'\u2019.-])")
_NOT_UNIT_WORDS = _words(
    """
    code signal level priority glock taser tac channel chapter title section page step
    phase stage gen generation model series class type grade round rounds number no top
    mark version plan tier week day year years hour hours minute minutes mile miles exit
    route highway interstate hwy i us sr cr rt rte state county appendix form rule lane
    floor room apt apartment suite lot space block unit sig remington ruger colt beretta
    winchester mossberg benelli kimber springfield savage smith wesson sauer hk mp ar ak
    sks ford chevy f ram dodge toyota honda article part question amendment verse psalm
    proverbs john matthew luke interceptor explorer tahoe charger impala crown pc vc hs
    penal vehicle health ors ars rcw statute ordinance motel super studio fox abc nbc cbs
    espn catch apollo firearm ak-47 ar-15 windows office iphone galaxy pixel bay stall
    cell bunk bed door gate pod dock pump aisle register table booth seat row bus flight
    train platform zone area shift division region sam team air tower wagon boat rig
    marine post
    """
)
# Labels whose number names one unit only when the label leads (not "Zone 3 of the range").
_WEAK_UNIT_LABELS = _words(
    """
    area region division shift team air tower rig wagon boat marine sam adam post truck
    station
    """
)

_CASE = _at_word_edges(
    r"(?i:\b(?:case|incident|report|cad|event|file|docket|citation|ticket|warrant|booking|"
    r"inmate|offender|arrest|complaint|accident|crash|offense|offence|control|tracking|"
    r"receipt|dr|rb|rd|ir|or|log|run|job|call|cfs|ticket|summons|court|cause|claim|"
    r"property|evidence|item|tag|ncic|oca|ori|sid|fbi|dl|driver'?s[ \t]licen[cs]e|licen[cs]e|"
    r"ssn|social|dob|record|records|jacket|bond|protective[ \t]order|order|dvpo|tro|"
    r"reference|ref)\b(?:[ \t]+(?:no\.?|num(?:ber)?\.?|id|#|was|is|of|number[ \t]was)){0,3}"
    r"[ \t]*[#:]?[ \t]*)"
    r"(?P<case>(?=[A-Z-]{0,6}\d)(?=[\dA-Z/-]{0,20}\d[\dA-Z/-]{0,20}\d)[A-Z]{0,4}-?\d"
    r"[\dA-Z/-]{0,22}[\dA-Z])(?![\w-])(?![ \t]+(?i:times|years?|days?|hours?|pages?|words?)\b)"
    r"|(?<![\w#])#[ \t]?[A-Z]{0,3}\d{2,}(?:-[\dA-Z]{1,10}){0,3}(?![\w-])"
    # record numbers with a letter prefix: W-88213, JB-412233, IA-2022-031, A552193, TX4471120
    r"|\b[A-Z]{1,4}-\d{2,4}(?:-\d{2,8}){1,2}(?![\w-])"
    r"|\b[A-Z]{1,4}(?:-?\d{4,10}|\d{2}-\d{3,8})(?![\w-])"
    r"|\b\d{2,4}-[A-Z]{2,5}-\d{2,8}(?![\w-])"
    r"|\b\d:\d{2}-(?i:cr|cv|mj|po|mc|bk|ap)-\d{3,6}(?:-[A-Z]{2,4})?(?![\w-])"
    r"|\b(?:19|20)?\d{2}-[A-Z]{0,3}-?\d{4,8}(?:-\d{1,6})?(?![\w-])"
    r"|\b\d{2,4}[A-Z]{1,3}\d{3,8}\b"
)
_STATUTE_CUE = re.compile(
    r"(?i:\b(?:under|violat(?:ed|ing|ion[ \t]+of)|per|cited|statute|section|sec\.?|§|code|"
    r"ordinance|stat\.?|ch\.?|chapter|title|fs|f\.s\.)[ \t]*$)"
)
_STATUTE_BEFORE = re.compile(
    r"(?i:(?:\b(?:ors|ars|rcw|mcl|ilcs|nrs|krs|pc|vc|hs|cvc|penal|code|section|sec|statute|"
    r"title|chapter|ch|usc|cfr|§|stat|art|article|ordinance|rule|rules|ncgs|gs|ocga|frs|"
    r"tca|mgl|crs|icr|wis|ric|sdcl|ndcc|kar)\.?|§)[ \t]*$)"
)

_SUFFIXES = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Pl|Way|"
    "Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Alley|Pike|Loop|"
    "Crescent|Close|Row|Run|Path|Pass|Point|Ridge|Bend|Cove|Hollow|Creek|Ranch|Fwy|"
    "Freeway|Expressway|Expy|Turnpike|Tpke|Ext|Extension|Spur|Cutoff|Hill|Hills|Walk"
)
_STRONG_SUFFIXES = (
    r"Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.(?=[ \t]"
    r"*[,.;!?]|[ \t]+[a-z])|Dr\b(?![ \t]*\.?[ \t]*[A-Z])|Highway|Hwy\.?|Parkway|Pkwy\.?|Pike|"
    r"Court|Ct\.?|Terrace|Circle|Cir\.?|Trail|Trl\.?|Place|Pl\.?|Way|Loop|Alley|Turnpike|Fwy|Ext"
)
_DIRECTION = (
    r"(?:(?:[NS][EW]|[NSEW])\.?[ \t]+|North[ \t]+|South[ \t]+|East[ \t]+|West[ \t]+|"
    r"(?i:[nsew]\.?)[ \t]+)"
)
_TRAILING_DIRECTION = r"(?:[ \t]+(?:[NS][EW]|[NSEW])(?![\w'\u2019]))?"
_UPPER = r"[A-Z\u00c0-\u00de]"
_LOWER = r"[a-z\u00df-\u00ff\u0100-\u017f\u02bb'\u2019]"
_STREET_WORD = (
    rf"(?:{_UPPER}{_LOWER}{{1,20}}|\d{{1,3}}(?:st|nd|rd|th)|(?i:\d{{1,3}}(?:st|nd|rd|th))|"
    r"[A-Z](?=[ \t]+(?:St|Ave|Street|Avenue)\b))"
)
_ADDRESS = _at_word_edges(
    # 1234 Elm Street, 55 N. Maple Ave, 1412 w alder st
    rf"\b\d{{1,6}}[ \t]+{_DIRECTION}?(?:{_STREET_WORD}|(?i:[a-z]{{2,20}}))(?:[ \t]+"
    rf"(?:{_STREET_WORD}|(?i:[a-z]{{2,20}}))){{0,2}}[ \t]+(?i:{_SUFFIXES})\b\.?"
    rf"{_TRAILING_DIRECTION}"
    # a house number, a direction and a name: 1600 N Main
    rf"|\b\d{{2,6}}[ \t]+(?:[NSEW]|[NS][EW])\.?[ \t]+{_UPPER}{_LOWER}{{1,20}}\b"
    # a house number and a named street without suffix after "lives at"
    r"|(?i:\b(?:lives|lived|living|staying|stays|address|residence|house|home)[ \t]+"
    r"(?:is[ \t]+|was[ \t]+)?(?:at|on)[ \t]+)"
    rf"(?P<house>\d{{1,6}}[ \t]+{_DIRECTION}?{_STREET_WORD}(?:[ \t]+{_STREET_WORD})?"
    rf"(?:[ \t]+(?i:{_SUFFIXES})\b\.?)?)"
    # a house number on a lettered avenue: 1908 Ave A
    r"|\b\d{1,6}[ \t]+(?:Ave|Avenue|Street|St)\.?[ \t]+[A-Z]\b"
    # the 900 block of Birch
    rf"|(?i:\b\d{{1,5}}[ \t]+(?:block|blk\.?)[ \t]+(?:of[ \t]+)?{_DIRECTION}?"
    rf"(?:\d{{1,3}}(?:st|nd|rd|th)|"
    rf"[a-z][a-z'\u2019]{{1,20}})(?:[ \t]+(?:{_SUFFIXES})\b\.?)?)"
    # places pinned on a road
    r"|(?i:\b(?:mile[ \t]+(?:marker|post)|mm|milepost|mp|km|kilometer|kilometre)[ \t]*#?[ \t]*"
    r"\d{1,4}(?:\.\d{1,2})?\b)"
    r"|(?i:\bmile[ \t]+\d{1,4}(?:\.\d)?(?=[ \t]+(?:of|on|along)\b))"
    r"|(?i:\b\d{1,4}(?:\.\d)?[ \t]+mile[ \t]*(?:marker|post)\b)"
    r"|(?i:\b(?:exit|off-?ramp|on-?ramp)[ \t]+#?\d{1,3}[a-z]?\b)"
    r"|(?i:\b(?:apartment|apt\.?|suite|ste\.?|lot|space|trailer|room|rm\.?|unit[ \t]+#)"
    r"[ \t]*#?[ \t]*(?:\d{1,5}[a-z]?|[a-z]\d{1,4})\b)"
    r"|\b(?:[Bb]uilding|BUILDING|Bldg\.?|BLDG|bldg\.?)[ \t]*#?[ \t]*(?:\d{1,4}[A-Za-z]?|[A-HJ-Z])\b"
    # a named exit: the Hamlin exit
    r"|(?<=the[ \t])[A-Z][a-z]{2,20}(?:[ \t][A-Z][a-z]{2,20})?[ \t]+exit\b"
    r"|(?i:\bp\.?[ \t]?o\.?[ \t]+box[ \t]+\d{1,8}\b)"
    r"|(?i:\b(?:rural[ \t]+route|rr|county[ \t]+road|cr|forest[ \t]+road|fr|fm|farm[ \t]+to"
    r"[ \t]+market|ranch[ \t]+road|township[ \t]+road|twp[ \t]+rd)[ \t-]*\d{1,5}\b"
    r"(?:,?[ \t]+box[ \t]+\d{1,6}\b)?)"
    # a named street on its own, with a suffix that is rarely anything else
    rf"|\b{_DIRECTION}?{_STREET_WORD}(?:[ \t]+[A-Z][a-z'\u2019]{{1,20}}){{0,2}}[ \t]+"
    rf"(?:{_STRONG_SUFFIXES})(?![\w'])"
    rf"|(?i:\b[a-z]{{3,20}}[ \t]+(?:st|rd|ave|blvd|ln|hwy|pkwy|dr)\b\.?(?![ \t]*[A-Z]))"
    # a street in a line of capitals: "N 3RD ST", "UNIVERSITY AVE" (ST and DR, which are also
    # Saint and Doctor, only after a number or a direction)
    r"|(?P<caps>\b(?:[NSEW]|[NS][EW])[ \t]+(?:\d{1,3}(?:ST|ND|RD|TH)|[A-Z]{2,20})[ \t]+"
    r"(?:ST|DR|AVE|RD|BLVD|LN|HWY|PKWY|CT|CIR|WAY|TRL|PL|STREET|AVENUE|ROAD|DRIVE|LANE)\b"
    r"|\b\d{1,3}(?:ST|ND|RD|TH)[ \t]+(?:ST|AVE|RD|BLVD|STREET|AVENUE|ROAD)\b"
    r"|\b[A-Z]{2,20}(?:[ \t]+[A-Z]{2,20})?[ \t]+(?:AVE|RD|BLVD|LN|HWY|PKWY|CIR|TRL|AVENUE|"
    r"ROAD)\b)(?![\w'])"
    # a house number and a name after "at": "at 3316 Dumaine" (no dictionary word, _candidates)
    rf"|(?P<bare>\d{{2,5}}[ \t]+{_UPPER}{_LOWER}{{3,20}})(?![\w'\u2019-]|[ \t]+(?:{_UPPER}|\d))"
)
_UNIT_AFTER = re.compile(r"[ \t]*,?[ \t]*#[ \t]?[A-Za-z0-9]{1,5}\b(?![-/])")
_NUMBERED_ROAD = (
    r"(?:US|SR|CR|Hwy|HWY|Highway|Route|Rte|State[ \t]Route|County[ \t]Road|I)[ \t-]?\d{1,4}"
)
_INTERSECTION = _at_word_edges(
    rf"(?P<a>{_NUMBERED_ROAD}\b|{_DIRECTION}?(?:{_STREET_WORD}|(?i:[a-z][a-z'\u2019]{{1,20}}|"
    r"\d{1,3}(?:st|nd|rd|th)))"
    rf"(?:[ \t]+(?i:{_SUFFIXES})\b\.?{_TRAILING_DIRECTION})?)"
    r"[ \t]*(?:\band\b|&|/|\bat\b|\bx\b|@)[ \t]*"
    rf"(?P<b>{_NUMBERED_ROAD}\b|{_DIRECTION}?(?:{_STREET_WORD}|(?i:[a-z][a-z'\u2019]{{1,20}}|"
    r"\d{1,3}(?:st|nd|rd|th)))"
    rf"(?:[ \t]+(?i:{_SUFFIXES})\b\.?)?)"
)
_ORDINAL = re.compile(r"(?i:\d{1,3}(?:st|nd|rd|th)\b)")
_HAS_SUFFIX = re.compile(rf"(?i:[ \t](?:{_SUFFIXES})\.?$)")

_MONTH = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])"
_DAY = rf"{_DAY_NUMBER}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|"
    r"sat|sun)"
)
_WEEKDAY_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART_OF_DAY = r"(?:night|morning|afternoon|evening|overnight|nite)"
_HOLIDAY = (
    r"christmas(?:[ \t]+(?:eve|day))?|xmas(?:[ \t]+eve)?|new[ \t]+year'?s(?:[ \t]+(?:eve|day))?|"
    r"new[ \t]+yrs?(?:[ \t]+(?:eve|day))?|"
    r"halloween|thanksgiving(?:[ \t]+day)?|independence[ \t]+day|memorial[ \t]+day|"
    r"labou?r[ \t]+day|veterans'?[ \t]+day|valentine'?s(?:[ \t]+day)?|st\.?[ \t]+patrick'?s"
    r"(?:[ \t]+day)?|saint[ \t]+patrick'?s(?:[ \t]+day)?|easter(?:[ \t]+sunday)?|"
    r"mother'?s[ \t]+day|father'?s[ \t]+day|(?:the[ \t]+)?fourth[ \t]+of[ \t]+july|"
    r"july[ \t]+(?:4th|fourth|4)|the[ \t]+4th(?=[ \t]+(?:weekend|night|holiday))|"
    r"super[ \t]+bowl[ \t]+sunday|black[ \t]+friday|good[ \t]+friday|cinco[ \t]+de[ \t]+mayo|"
    r"mardi[ \t]+gras|mlk[ \t]+day|martin[ \t]+luther[ \t]+king[ \t]+(?:jr\.?[ \t]+)?day|"
    r"presidents'?[ \t]+day|columbus[ \t]+day|juneteenth|election[ \t]+day|"
    r"new[ \t]+year'?s|christmas|thanksgiving|easter|halloween|kamehameha[ \t]+day|"
    r"lei[ \t]+day|fat[ \t]+tuesday|ash[ \t]+wednesday|holy[ \t]+saturday|tet|"
    r"(?:the[ \t]+)?(?:fourth|4th)[ \t]+of[ \t]+july|"
    r"(?:the[ \t]+)?(?:fourth|4th)(?=[ \t]+(?:weekend|night))"
)
_NUMBER_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a[ \t]+couple(?:[ \t]+of)?|"
    r"couple(?:[ \t]+of)?|a[ \t]+few|few|\d{1,2}"
)
_DATE = _at_word_edges(
    rf"(?i:\b(?:{_MONTH})\.?[ \t]+{_DAY}\b(?:,?[ \t]+{_YEAR}\b)?)"
    rf"|(?i:\b{_DAY}[ \t]+(?:of[ \t]+)?(?:{_MONTH})\b\.?(?:,?[ \t]+{_YEAR}\b)?)"
    rf"|\b(?:0?[1-9]|1[0-2])[/.-]{_DAY_NUMBER}[/.-](?:19|20)?\d{{2}}\b"
    rf"|\b{_DAY_NUMBER}[/.](?:0?[1-9]|1[0-2])[/.]{_YEAR}\b"
    r"|\b(?:19|20)\d{2}([-./])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])\b"
    # a weekday and a month and day: "Wed 3/13", "Fri, 11/8/24"
    rf"|(?i:\b{_WEEKDAY}\.?,?[ \t]+)(?:0?[1-9]|1[0-2])/{_DAY_NUMBER}(?:/(?:19|20)?\d{{2}})?\b"
    rf"|(?P<monthday>(?<![\d/.])\b(?!9/11\b)(?:0?[1-9]|1[0-2])/{_DAY_NUMBER}\b(?![/\d-]|[ \t]*"
    r"(?:s\b|shifts?|schedule|split|rotation|of\b)))"
    # holidays, and the days around them
    rf"|(?i:\bthe[ \t]+(?:day|night|morning|weekend|week|{_WEEKDAY_FULL})[ \t]+(?:after|before|of)"
    r"[ \t]+the[ \t]+super[ \t]+bowl\b)"
    rf"|(?i:\b(?:the[ \t]+(?:day|night|morning|weekend|week|{_WEEKDAY_FULL})[ \t]+"
    r"(?:after|before|of)[ \t]+"
    rf"|(?:this[ \t]+past|this[ \t]+last|this|last)[ \t]+)?"
    rf"(?:{_HOLIDAY})\b(?:[ \t]+(?:eve|day|night|morning|afternoon|evening|weekend)\b)?"
    rf"(?:,?[ \t]+(?:of[ \t]+)?{_YEAR}\b)?)"
    rf"|(?i:\b(?:on[ \t]+)?the[ \t]+{_DAY_NUMBER}(?:st|nd|rd|th)\b(?![ \t]+(?:floor|stor(?:e)?y|"
    r"level|day|night|shift|time|try|attempt|round|call|lap|grade|street|avenue|st\b|ave\b|row|"
    r"place|precinct|district|division|squad|percentile|amendment|century|inning|hole|"
    r"and|&|birthday|anniversary|year|week|month|man|guy|person|officer|car|unit|caller|"
    rf"one|of[ \t]+(?:them|us|those|these|the)))(?:[ \t]+of[ \t]+(?:{_MONTH})\b)?)"
    # "the night of the 20th", "three weeks ago Saturday", "14MAR23", "14 de marzo"
    rf"|(?i:\b(?:the[ \t]+)?(?:night|evening|morning|afternoon|day|weekend)[ \t]+of[ \t]+the[ \t]+"
    rf"{_DAY_NUMBER}(?:st|nd|rd|th)\b)"
    rf"|(?i:\b(?:{_NUMBER_WORD}|a)[ \t]+weeks?[ \t]+ago[ \t]+(?:this[ \t]+|last[ \t]+)?"
    rf"{_WEEKDAY_FULL}\b)"
    # "two Tuesdays ago", "a couple Sundays back"
    rf"|(?i:\b(?:{_NUMBER_WORD})[ \t]+{_WEEKDAY_FULL}s[ \t]+(?:ago|back)\b)"
    r"|(?i:\b\d{1,2}(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\d{2,4}\b)"
    rf"|(?i:\b{_DAY_NUMBER}[ \t]+de[ \t]+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|setiembre|octubre|noviembre|diciembre)\b)"
    r"|(?i:\b(?:earlier|later)[ \t]+today\b)"
    rf"|(?i:\b(?:a|one|{_NUMBER_WORD})[ \t]+(?:weeks?|months?|years?)[ \t]+ago[ \t]+"
    r"(?:today|yesterday|tonight)\b)"
    rf"|(?i:\b(?:sat|sun|mon|tues?|wed|thurs?|fri)[ \t]+(?:night|morning|nite)\b)"
    # days named from the day the report is sent, as typed in a hurry too ("yday", "lst
    # nite", "this past sat", "tues before last")
    r"|(?i:\b(?:yday|yest|ystrdy|tmrw|tmrrw|tmw|2day|tonite|2nite)\b)"
    rf"|(?i:\b(?:last|lst|this|tmrw|yday|yest)[ \t]+(?:nite|nt|am|pm|a\.m\.|p\.m\.)(?![\w.]))"
    rf"|(?i:\b(?:this[ \t]+past|this[ \t]+last|last|lst|past|next)[ \t]+{_WEEKDAY}\b\.?"
    r"(?![ \t]+of[ \t]+(?:the|every|each|a)[ \t]+month))"
    rf"|(?i:\b(?:{_WEEKDAY})\.?[ \t]+before[ \t]+last\b)"
    r"|(?i:\bthe[ \t]+(?:nite|nt|day|morning|night)[ \t]+before[ \t]+(?:last|yday|yesterday)\b)"
    rf"|(?i:\b(?:yesterday|(?:the[ \t]+)?day[ \t]+before[ \t]+yesterday|today|tonight|"
    rf"(?:last|this|tomorrow|yesterday)[ \t]+(?:{_PART_OF_DAY})(?![ \t]+shifts?\b)"
    rf"|the[ \t]+(?:night|day|morning)"
    rf"[ \t]+before[ \t]+(?:last|yesterday)|(?:{_NUMBER_WORD})[ \t]+(?:days|nights|day|night)"
    rf"[ \t]+ago|(?:this[ \t]+past|last|this|this[ \t]+last|past|that)[ \t]+{_WEEKDAY_FULL}"
    rf"(?:[ \t]+{_PART_OF_DAY})?|{_WEEKDAY_FULL}[ \t]+(?:before[ \t]+last|last|of[ \t]+last"
    rf"[ \t]+week|of[ \t]+this[ \t]+week|this[ \t]+week|last[ \t]+week)(?:[ \t]+{_PART_OF_DAY})?"
    r")\b)"
    rf"|(?P<weekday>\b(?i:{_WEEKDAY_FULL}|tues|thurs?|weds)(?:[ \t]+(?i:{_PART_OF_DAY}))?\b)"
)
_DATE_CUES = _words(
    """
    on of from since until till til by before after around dated date night morning
    evening afternoon the was is it and or to thru through between that says said its
    sunday monday
    tuesday wednesday thursday friday saturday
    """
)
_GENERIC_WEEKDAY_BEFORE = re.compile(
    r"(?i:\b(?:a|an|every|any|each|one|some|on[ \t]+a|of[ \t]+a|most|typical|usual|other|"
    r"no|another|the[ \t]+average|normal|any[ \t]+given|a[ \t]+given|every[ \t]+other)[ \t]+$)"
)
# After a holiday or a weekday, a plural noun makes it recurring: "Sunday afternoons",
# "Sunday sales", "Christmas lights" (but not "Sunday's", "Sunday is").
_RECURRING_AFTER = re.compile(r"[ \t]+([a-z]{3,20}s)\b")

_AM_PM = r"(?i:[ap]\.?[ \t]?m\b\.?)"
# A holiday or a day said of every year: "Halloween is always", "We work Christmas every
# year", "New Year's Eve is the busiest night".
_GENERIC_AFTER = re.compile(
    r"(?i:(?:[ \t]+weekend)?[ \t]+(?:(?:is|are)[ \t]+(?:always|usually|never|often|a|an|the|"
    r"just|our|my|when|like|no|not|one)\b|every[ \t]+(?:single[ \t]+)?year\b|each[ \t]+year\b|"
    r"doesn'?t[ \t]+mean\b))"
)
_HAS_DIGIT = re.compile(r"\d")
_SPOKEN_TO = re.compile(
    r"(?i)(?:five|ten|twenty|\d{1,2})(?:[ \t]+minutes)?[ \t]+(?:past|after|to|till|til|of|before)\b"
)
_CLOCK_WORDS = re.compile(r"(?i)\b(?:[ap]\.?[ \t]?m\b|morning|afternoon|evening|night|o'?clock)")
_TIME_CUE_BEFORE = re.compile(
    r"(?i)(?:\b(?:at|around|about|by|till|until|til|before|after|was|it's|its|from|since)[ \t]+"
    r"|(?:^|[,;:(])[ \t]*)$"
)
_TIME_CUE = re.compile(
    r"(?i)(?:(?:at|around|about|approx\.?|approximately|~|by|until|till|til|'til|after|before|"
    r"past|near|roughly|like|maybe|it[ \t]+was|was|tonight|and|exactly|right[ \t]+at|from|"
    r"since)[ \t]+)+"
)
_SPOKEN_HOUR = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight"
_SPOKEN_MINUTES = (
    r"oh[ \t-]?(?:one|two|three|four|five|six|seven|eight|nine)|ten|fifteen|twenty|"
    r"twenty[ \t-]?(?:one|two|three|four|five|six|seven|eight|nine)|thirty|"
    r"thirty[ \t-]?(?:one|two|three|four|five|six|seven|eight|nine)|forty|forty[ \t-]?"
    r"(?:one|two|three|four|five|six|seven|eight|nine)|fifty|fifty[ \t-]?(?:one|two|three|"
    r"four|five|six|seven|eight|nine)|eleven|twelve|thirteen|fourteen|sixteen|seventeen|"
    r"eighteen|nineteen|o'?clock"
)
_TIME_UNITS = (
    r"(?![ \t]*(?:block|blk|miles?|mi\b|feet|ft|foot|yards?|yds|rounds|people|pounds|lbs|"
    r"dollars|bucks|\$|rpm|cc|hp|sq|square|acres?|calls|cars|units|times|hits|degrees|"
    r"residents|students|inmates|officers|deputies|series|model|[-/]\d|\.\d|,\d))"
)
_TIME = _at_word_edges(
    rf"\b(?:[01]?\d|2[0-3])[:h][0-5]\d(?::[0-5]\d)?(?:[ \t]?{_AM_PM}|[ \t]*(?i:hours|hrs|hr)\b)?"
    r"(?![:\d])(?:[ \t]+(?i:in[ \t]+the[ \t]+(?:morning|afternoon|evening)|at[ \t]+night)\b)?"
    rf"|\b(?:1[0-2]|0?[1-9])\.[0-5]\d[ \t]?{_AM_PM}"
    rf"|\b(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?[ \t]?{_AM_PM}"
    r"|\b(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?[ \t]+"
    r"(?i:in[ \t]+the[ \t]+(?:morning|afternoon|evening)|at[ \t]+night|at[ \t]+nite)\b"
    r"|\b(?:[01]\d|2[0-3])[0-5]\d[ \t]*(?i:hours|hrs|hr|h)\b\.?"
    # four digits with a leading zero or after 2100 read as a clock time on their own
    rf"|(?<![\w#$/.-])(?:0\d[0-5]\d|2[1-3][0-5]\d){_TIME_UNITS}(?![\w-])"
    r"(?:[ \t]*(?i:hours|hrs|hr)\b\.?)?"
    # other four-digit times need a word that says so ("at 1840", "around 1500")
    rf"|(?i:\b(?:at|around|about|approx\.?|approximately|~|by|until|till|til|'til|after|"
    rf"before|past|near|roughly|like|maybe|it[ \t]+was|was|tonight|and)[ \t]+)(?:1[0-8][0-5]\d|"
    rf"2000|0\d[0-5]\d|2[1-3][0-5]\d|1[0-8]00){_TIME_UNITS}(?![\w-]|ish)"
    r"(?:[ \t]*(?i:hours|hrs|hr)\b\.?)?"
    rf"|(?i:\b(?:at|around|about|approx\.?|approximately|~|by)[ \t]+)(?:19[0-5]\d|20[0-5]\d)"
    rf"(?=[ \t]*(?:hours|hrs|h\b|[,.;]|$|[ \t]+(?:we|i|he|she|they|the|a|and|on|in|dispatch)\b))"
    rf"|(?<![\w#$/.-])(?:0\d[0-5]\d|2[1-3][0-5]\d)(?=ish\b)"
    r"|(?i:\b(?:1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[ \t]+o'?clock\b(?:[ \t]+(?:in[ \t]+the[ \t]+(?:morning|afternoon|evening)|at[ \t]+night))?)"
    # spoken times
    rf"|(?i:\b(?:half[ \t]+past|quarter[ \t]+(?:past|after|to|till|til|of|before)|"
    rf"(?:five|ten|twenty|twenty[ \t-]five)(?:[ \t]+minutes)?[ \t]+(?:past|after|to|"
    rf"till|til|of|before))[ \t]+(?:{_SPOKEN_HOUR}|\d{{1,2}})\b(?:[ \t]+(?:in[ \t]+the[ \t]+"
    rf"(?:morning|afternoon|evening)|at[ \t]+night|{_AM_PM}))?)"
    rf"|(?i:\b\d{{1,2}}(?:[ \t]+minutes)?[ \t]+(?:past|after|to|till|til|of|before)[ \t]+"
    rf"(?:{_SPOKEN_HOUR}|\d{{1,2}})[ \t]+(?:in[ \t]+the[ \t]+(?:morning|afternoon|evening)|"
    rf"at[ \t]+night|{_AM_PM}))"
    rf"|(?i:\b(?:{_SPOKEN_HOUR.replace('|noon|midnight', '')})(?:[ \t-]+(?:{_SPOKEN_MINUTES}))?"
    r"[ \t]+(?:in[ \t]+the[ \t]+(?:morning|afternoon|evening)|at[ \t]+night|a\.?m\b\.?|"
    r"p\.?m\b\.?))"
    r"|(?i:\b(?:oh|zero)[ \t-]?(?:one|two|three|four|five|six|seven|eight|nine)[ \t-]+"
    r"(?:hundred|fifteen|thirty|forty[ \t-]?five|twenty|ten|forty|fifty)(?:[ \t]+hours)?\b)"
    r"|(?i:\b(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen|twenty|twenty[ \t-](?:one|two|three))[ \t-]+(?:hundred(?:[ \t]+hours)?|"
    r"(?:fifteen|thirty|forty[ \t-]?five)[ \t]+hours)\b)"
    r"|(?i:\b(?:at|exactly|right[ \t]+at|till|until|til|by)[ \t]+)(?i:noon|midnight)\b"
    # "from midnight to 12:10": the start of a span of clock time
    r"|(?i:\bfrom[ \t]+)(?i:noon|midnight)(?=[ \t]+(?:to|till|until|til)[ \t]+\d)"
    # "at 3a", "til 11p", "around 4:30p": a clock time in shorthand after a word that says so
    r"|(?i:\b(?:at|around|about|approx|by|till|until|til|since|from|after|before|@)[ \t]+)"
    r"(?:1[0-2]|0?[1-9])(?:[:.]?[0-5]\d)?[apAP](?![\w.'\u2019-])"
    # "overdue since 1600": not a year (2000 and up, or 19xx)
    r"|(?i:\bsince[ \t]+)(?:0\d[0-5]\d|1[0-8][0-5]\d|2[1-3][0-5]\d)(?![\w-])"
    r"(?:[ \t]*(?i:hours|hrs|hr)\b\.?)?"
    # "at nine-thirty", "at 10 after 1": a spoken time after a word that says so
    r"|(?i:\b(?:at|around|about|by|till|until|til)[ \t]+)"
    rf"(?:(?i:{_SPOKEN_HOUR.replace('|noon|midnight', '')})"
    rf"[ \t-]+(?i:fifteen|thirty|forty[ \t-]?five|oh[ \t-]?five|twenty|ten|forty|fifty)"
    rf"|\d{{1,2}}[ \t]+(?i:after|past|to|til|till)[ \t]+\d{{1,2}})\b"
    r"(?![ \t]*(?:%|percent|minutes|mins|miles|years|feet|yards|people|cars|points|goals))"
    r"(?:[ \t]+(?i:in[ \t]+the[ \t]+(?:morning|afternoon|evening)|at[ \t]+night)\b)?"
)


# ---------------------------------------------------------------------------------------------


_ABBREVIATED_SUFFIX = re.compile(
    r"(?i)[ \t](?:st|rd|ave|blvd|ln|dr|ct|hwy|pkwy|cir|ter|pl|trl|fwy|expy|tpke)\.?$"
)
_GENERIC_STREET_WORDS = _words(
    """
    the old a an this that our my new
    """
)


def _street_is_plausible(excerpt: str) -> bool:
    """Refuse "3/4 of the way" and "Code 99 button in court": a street has a name."""
    words = excerpt.split()
    if not words or not re.search(rf"(?i)[ \t](?:{_SUFFIXES})\b\.?$", excerpt):
        return True  # the other shapes: blocks, mile markers, apartments
    body = [w for w in words[:-1] if not w[:1].isdigit() or _ORDINAL.fullmatch(w)]
    body = [w for w in body if w.lower().rstrip(".") not in {"n", "s", "e", "w", "block", "of"}]
    if not body:
        return False
    if body[0].lower() in _GENERIC_STREET_WORDS and len(body) == 1:
        return False
    if all(w[:1].isupper() or _ORDINAL.fullmatch(w) for w in body):
        return True
    return (
        bool(_ABBREVIATED_SUFFIX.search(excerpt))
        and len(body) <= 2
        and not any(w.lower() in _FUNCTION_WORDS for w in body)
    )


def _intersections(text: str, scanner: _Scanner, windows) -> None:
    for low, high in windows:
        _intersections_in(text, scanner, low, high)


def _intersections_in(text: str, scanner: _Scanner, low: int, high: int) -> None:
    position = low
    while True:
        match = _INTERSECTION.search(text, position, high)
        if match is None:
            return
        # a rejected "hit at Oak" must not hide "Oak/12th": look again from the second street
        position = match.start("b")
        a, b = match.group("a").strip(), match.group("b").strip()
        strong = sum(
            bool(
                _ORDINAL.fullmatch(part.split()[-1])
                or _HAS_SUFFIX.search(part)
                or re.fullmatch(_NUMBERED_ROAD, part)
            )
            for part in (a, b)
        )
        connector = text[match.end("a") : match.start("b")].strip().lower()
        if connector in {"at", "@", "x"} and strong < 2:
            continue
        titled = all(part.split()[-1][:1].isupper() or part[:1].isdigit() for part in (a, b))
        before = text[max(0, match.start() - 24) : match.start()].lower()
        cued = bool(
            re.search(r"(?:\bat|\bon|corner[ \t]+of|intersection[ \t]+of|near|of)[ \t]+$", before)
        )
        words = scanner.g
        plain = [p.split()[-1] for p in (a, b) if not p[:1].isdigit()]
        if not strong and (
            any(fold(p) in _NOT_NAMES for p in plain)
            or (plain and all(words.is_first_name(fold(p)) for p in plain))
            or (any(words.is_first_name(fold(p)) for p in plain) and not cued)
        ):
            continue  # "Mike and Dave", but "near Jefferson and Water"
        if (
            strong >= 1
            and (
                titled
                or strong == 2
                or cued
                or any(_ORDINAL.fullmatch(p.split()[-1]) for p in (a, b))
            )
            or titled
            and cued
            and all(not words.is_word(fold(p)) or p[:1].isupper() for p in plain)
        ):
            pass
        else:
            continue
        first = a.split()[-1]
        if not (first[:1].isupper() or first[:1].isdigit() or strong):
            continue
        start = match.start("a")
        scanner.add(start, match.end("b"), Kind.ADDRESS, 2)
        position = match.end()


def _streets_alone(scanner: _Scanner) -> None:
    """A capitalised street name after "on", "down", "onto"... ("on Delancey")."""
    tokens = scanner.tokens
    folded = scanner.folded
    for i in [i for i in range(1, len(tokens)) if folded[i - 1] in _STREET_CUES]:
        previous, token = tokens[i - 1], tokens[i]
        if previous.folded not in _STREET_CUES or not token.is_title:
            continue
        folded, end = _bare(token)
        if (
            len(folded) < 2
            or folded in _NOT_NAMES
            or i in scanner.coarse
            or (i + 1 < len(tokens) and tokens[i + 1].text.isdigit())
        ):
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        # "on Main." or "down Broadway and": an ordinary word as a street only when nothing
        # follows it that would make it something else
        ends_phrase = (
            following is None
            or following.text in {".", ",", ";", "!", "?"}
            or (
                following.folded
                in {"and", "near", "by", "in", "at", "between", "toward", "towards"}
            )
        )
        common = scanner.g.is_word(folded) or scanner.g.is_first_name(folded)
        if (common and not ends_phrase) or folded in _ORG_WORDS or token.sentence_start:
            continue
        if folded in scanner.g.chains or scanner.g.is_small_town(folded):
            continue
        scanner.add(token.start, end, Kind.ADDRESS, 1)


# Where each pattern can match at all: near a digit, or near one of these words. Patterns run
# only in windows around those places, so ordinary prose costs little (bench/detector.py).
_TRIGGERS = {
    "email": _words(
        """
        at dot gmail yahoo hotmail outlook aol icloud msn live comcast protonmail proton
        ymail att
        """
    ),
    "handle": _words(
        """
        ig insta instagram snap snapchat tiktok tik twitter fb facebook handle username
        user screen screenname gamertag gamer venmo cashapp cash discord telegram kik x
        """
    ),
    "vin": {"vin", "v", "last", "ending", "ends", "ended"},
    "plate": _words(
        """
        plate plates tag tags registration reg lp l tablilla
        """
    ),
    "number": _words(
        """
        badge shield star serial employee payroll id personnel unit car cruiser vehicle
        squad beat zone sector district post precinct troop platoon team cell engine
        medic ladder truck rescue ambulance station tower rig wagon boat air k9 sam adam
        marine battalion patrol area region division shift callsign call radio eng
        """
    ),
    "date": {
        *(
            m.lower()
            for m in [
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
                "Jan",
                "Feb",
                "Mar",
                "Apr",
                "Jun",
                "Jul",
                "Aug",
                "Sep",
                "Sept",
                "Oct",
                "Nov",
                "Dec",
            ]
        ),
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "christmas",
        "xmas",
        "new",
        "halloween",
        "thanksgiving",
        "independence",
        "memorial",
        "labor",
        "labour",
        "veterans",
        "valentine",
        "valentines",
        "st",
        "saint",
        "easter",
        "mothers",
        "fathers",
        "mother",
        "father",
        "fourth",
        "super",
        "black",
        "good",
        "cinco",
        "mardi",
        "mlk",
        "martin",
        "presidents",
        "columbus",
        "juneteenth",
        "election",
        "kamehameha",
        "lei",
        "fat",
        "ash",
        "holy",
        "tet",
        "yesterday",
        "today",
        "tonight",
        "tomorrow",
        "yday",
        "yest",
        "ystrdy",
        "tmrw",
        "tmrrw",
        "tmw",
        "2day",
        "tonite",
        "2nite",
        "lst",
        "next",
        "weds",
        "yrs",
        "yr",
        "ago",
        "last",
        "this",
        "past",
        "that",
        "before",
        "earlier",
        "later",
        "de",
    },
    "time": _words(
        """
        oclock half quarter past till til hundred morning afternoon evening night nite
        noon midnight am pm a p m hours hrs oh zero one two three four five six seven
        eight nine ten eleven twelve twenty
        """
    ),
    "address": _words(
        """
        street st avenue ave road rd boulevard blvd drive dr lane ln court ct place pl
        way terrace ter circle cir parkway pkwy highway hwy trail trl square sq alley
        pike loop crescent close row run path pass point ridge bend cove hollow creek
        ranch fwy freeway expressway expy turnpike tpke ext extension spur cutoff hill
        hills walk block mile mm milepost mp km exit apartment apt suite ste lot space
        trailer room rm box route rr cr fr fm bldg building blk
        """
    ),
    "phrase": {"name", "names", "goes", "went", "known", "aka", "a"},
}
_NOT_HANDLES = {"was", "is", "and", "the", "his", "her", "account", "page"}
_DASH_OR_DIGIT = {"-", *"0123456789"}
_CASE_PREFIX_TAIL = re.compile(r"-?\d\d")
_PLATE_LABELS = _words(
    """
    license licence plate plates tag tags tablilla tablillas registration reg lp l
    """
)
_PLATE_LETTERS_TAIL = {"-", " ", *"0123456789"}
_ADDRESS_LABELS = (
    "apartment",
    "apt",
    "suite",
    "ste",
    "lot",
    "space",
    "trailer",
    "room",
    "rm",
    "building",
    "bldg",
)
_STREET_WORD_TAIL = {" ", "\t", ".", "'", "\u2019", "\u00f7"}
_CONNECTORS = {"and", "&", "/", "at", "x", "@"}


def _windows(spots: list[tuple[int, int]], length: int, before: int, after: int):
    """Merge the stretches [start - before, end + after] around each spot."""
    windows: list[list[int]] = []
    reach = -1
    for start, end in sorted(spots):
        low = start - before
        if windows and low <= reach:
            if end + after > reach:
                reach = windows[-1][1] = end + after
            continue
        reach = end + after
        windows.append([low if low > 0 else 0, reach])
    for window in windows:
        window[1] = min(window[1], length)
    return windows


def _run(pattern: re.Pattern[str], text: str, windows) -> list[re.Match[str]]:
    matches: list[re.Match[str]] = []
    for low, high in windows:
        matches.extend(pattern.finditer(text, low, high))
    return matches


_NUMBER_WORDS = _words(
    """
    one two three four five six seven eight nine ten eleven twelve twenty a couple few
    several
    """
)
# The words a match of each pattern can start with (besides digits): each pattern is tried
# only at tokens that can begin it.
_STARTS = {
    "date": _TRIGGERS["date"] | _NUMBER_WORDS | {"the", "on", "day", "night", "morning"},
    "time": _TRIGGERS["time"]
    | _NUMBER_WORDS
    | _words(
        """
        at around about approx approximately by until till til after before past near
        roughly like maybe it was tonight and exactly right just ~ ' from since
        """
    ),
    "address": _TRIGGERS["address"]
    | _words(
        """
        lives lived living staying stays address residence house home milepost kilometer
        kilometre off on unit p po rural county forest farm township twp n s e w ne nw
        se sw north south east west
        """
    ),
    "number": _TRIGGERS["number"] | {w for w in _PHONETIC.split("|")},
    "case": _words(
        """
        case incident report cad event file docket citation ticket warrant booking
        inmate offender arrest complaint accident crash offense offence control tracking
        receipt dr rb rd ir or log run job call cfs summons court cause claim property
        evidence item tag ncic oca ori sid fbi dl driver drivers licence license ssn
        social dob record records jacket bond protective order dvpo tro reference ref #
        """
    ),
    "plate": _TRIGGERS["plate"],
    "phone": {"+", "("},
    "spoken phone": _words("oh zero one two three four five six seven eight nine"),
    "partial code": {"first", "last", "partial"},
}


_START_INDEX: dict[str, tuple[str, ...]] = {}
for _name, _vocabulary in _STARTS.items():
    for _word in _vocabulary:
        _START_INDEX[_word] = (*_START_INDEX.get(_word, ()), _name)
_TRIGGER_INDEX: dict[str, tuple[str, ...]] = {}
for _name, _vocabulary in _TRIGGERS.items():
    for _word in _vocabulary:
        _TRIGGER_INDEX[_word] = (*_TRIGGER_INDEX.get(_word, ()), _name)
_SYMBOL_STARTS = {"#": ("case",), "+": ("phone",), "(": ("phone",), "~": ("time",)}


def _is_word_char(char: str) -> bool:
    """Whether a regular expression's \\w matches the character."""
    return char.isalnum() or char == "_"


_ORDINAL_SUFFIX = r"(?i:st|nd|rd|th)"
# What a letter right after a run of digits must begin for each pattern to match there, read
# off the patterns' alternatives that start with digits ("1st", "3K22", "4-Adam", "7ABC123",
# "4pm", "14MAR23"); case-insensitive where the pattern is.
_AFTER_DIGITS = {
    # "\d{2,4}[A-Z]{1,3}\d{3,8}", and the "\d{2,4}-[A-Z]" shapes start with a dash
    "case": re.compile(r"[A-Z]"),
    "date": re.compile(rf"{_ORDINAL_SUFFIX}|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"),
    "time": re.compile(r"(?i:[ap])"),
    "address": re.compile(_ORDINAL_SUFFIX),
    "number": re.compile(rf"{_ORDINAL_SUFFIX}|[A-Z]|(?i:{_PHONETIC})"),
    "plate": re.compile(r"[A-Za-z]{3}"),
}


@lru_cache(maxsize=4096)
def _digit_starts(digits: int, one: bool, following: str) -> tuple[str, ...]:
    """Return the patterns a run of digits can start, from the characters after it.

    digits: how many digits; one: whether the run is "1"; following: the next 12 characters.
    A letter right after the digits starts a pattern only in the shapes _AFTER_DIGITS names.
    """
    after = following[:1]
    then = following[1:2]
    letter = {
        name: bool(after.isalpha() and p.match(following)) for name, p in _AFTER_DIGITS.items()
    }
    names = []
    if digits >= 3 or (after in {" ", ".", "-", "("} and one):
        names.append("phone")
    if (
        (digits >= 2 and (after in {"-", "/", ":"} or letter["case"]))
        or digits >= 4
        or (digits == 1 and after == ":" and following[3:4] == "-")
    ):
        names.append("case")  # "2:24-cr-00411" too
    if (
        digits <= 2
        and (after in {"/", ".", "-"} or letter["date"] or (after == " " and then.isalpha()))
        or digits == 4
        and after in {"-", "/", "."}
    ):
        names.append("date")
    if (
        digits <= 2
        and (
            after in {":", ".", "h"}
            or letter["time"]
            or (after == " " and (then.isalpha() or then == "o"))
        )
    ) or digits == 4:
        names.append("time")
    if digits <= 6 and after == " " and (then.isalpha() or then == "#"):
        names.append("address")
    if digits <= 5 and letter["address"]:
        names.append("address")  # "77th Precinct", "61 mile marker" is caught above
    if digits <= 3 and (letter["number"] or after == "-"):
        names.append("number")
    if digits <= 4 and (letter["plate"] or (after in {" ", "-"} and then.isalpha())):
        names.append("plate")
    return tuple(names)


_ORDINAL_ENDINGS = {"st", "nd", "rd", "th"}


def _connector(tokens: list[Token], index: int, spots) -> None:
    """Note "Oak and 12th", "7th & Walnut", "US 80 and Selma Ave": a street on either side."""
    left, right = tokens[index - 1], tokens[index + 1]
    after_right = tokens[index + 2] if index + 2 < len(tokens) else None
    streets = (
        left.is_title
        or left.folded in _ORDINAL_ENDINGS
        or left.folded in _STREET_SUFFIX_WORDS
        or right.is_title
        or (after_right is not None and after_right.folded in _ORDINAL_ENDINGS)
    )
    if streets or (left.text[0].isdigit() and index >= 2 and tokens[index - 2].text.isupper()):
        spots["intersection"].append((left.start, right.end))


def _matches_at(
    pattern: re.Pattern[str], text: str, tokens: list[Token], indexes, accept=None
) -> list:
    """Match a pattern at the given tokens only, never twice over the same characters.

    accept: a test a match must pass to be kept; one that fails it does not hide the matches
    that start inside it ("50 on the Richardson Hwy" hides no "Richardson Hwy").
    """
    matches = []
    reached = -1
    for index in indexes:
        start = tokens[index].start
        if start < reached:
            continue
        match = pattern.match(text, start)
        if match is not None and match.end() > start:
            if accept is not None and not accept(match):
                continue
            matches.append(match)
            reached = match.end()
    return matches


def _candidates(text: str) -> list[tuple[int, int, Kind, int]]:
    scanner = _Scanner(text, gazetteer())
    add = scanner.add
    length = len(text)
    spots: dict[str, list[tuple[int, int]]] = {name: [] for name in _TRIGGERS}
    spots["intersection"] = []
    tokens = scanner.tokens
    folded = scanner.folded
    count = len(tokens)
    starts: dict[str, list[int]] = {name: [] for name in _STARTS}
    # Which patterns a word starts and which windows it opens depend on the word alone:
    # looked up once per distinct word, then the tokens are picked out by C-speed loops.
    alpha = [i for i, token in enumerate(tokens) if token.is_alpha]
    others = [i for i, token in enumerate(tokens) if not token.is_alpha]
    word_starts: dict[str, tuple[str, ...]] = {}
    for word in {folded[i] for i in alpha}:
        names = _START_INDEX.get(word)
        if names is None and "-" in word:
            names = _START_INDEX.get(word.split("-", 1)[0])
        if names:
            word_starts[word] = names
    for index in [i for i in alpha if folded[i] in word_starts]:
        for name in word_starts[folded[index]]:
            starts[name].append(index)
    for index in [i for i in alpha if folded[i] in _TRIGGER_INDEX]:
        token = tokens[index]
        for name in _TRIGGER_INDEX[folded[index]]:
            spots[name].append((token.start, token.end))
    upper = {i for i in alpha if tokens[i].text.isupper()}
    # A word in capitals starts a record number only as its letter prefix ("W-88213",
    # "TX4471120"), and a plate as its letters ("ABC 1234", "AB12 CDE", "ABC1234") or as
    # a label in capitals ("LICENSE PLATE"); other words of either list start them anyway.
    starts["case"].extend(
        i
        for i in upper
        if len(tokens[i].text) <= 4 and _CASE_PREFIX_TAIL.match(text, tokens[i].end)
    )
    starts["plate"].extend(
        i
        for i in upper
        if folded[i].split("-", 1)[0] in _PLATE_LABELS
        or (
            2 <= len(tokens[i].text) <= 3
            and text[tokens[i].end : tokens[i].end + 1] in _PLATE_LETTERS_TAIL
        )
    )
    starts["plate"].extend(  # "kxl4409", "hzb-920"
        i
        for i in alpha
        if len(tokens[i].text) == 3
        and i not in upper
        and text[tokens[i].end : tokens[i].end + 1] in _DASH_OR_DIGIT
    )
    named = [i for i in alpha if tokens[i].is_title or i in upper]
    # a named street ("Garfield Rd", "N. Main St"): its words are followed by white space,
    # or by a full stop or an apostrophe (_DIRECTION, _LOWER); or a label run into its
    # number ("Lota9", "BldgC")
    starts["address"].extend(
        i
        for i in named
        if text[tokens[i].end : tokens[i].end + 1] in _STREET_WORD_TAIL
        or folded[i].startswith(_ADDRESS_LABELS)
    )
    starts["number"].extend(  # "Bronco 12"
        i for i in named if i + 1 < count and tokens[i + 1].text[0].isdigit()
    )
    named_set = set(named)
    starts["address"].extend(  # "old state rd"
        i
        for i in alpha
        if i not in named_set
        and (
            (i + 1 < count and folded[i + 1] in _STREET_SUFFIX_WORDS)
            or (i + 2 < count and folded[i + 2] in _STREET_SUFFIX_WORDS)
        )
    )
    for index in [i for i in alpha if folded[i] in _CONNECTORS and 0 < i < count - 1]:
        _connector(tokens, index, spots)
    for index in others:
        token = tokens[index]
        word = token.text
        if word[0].isdigit():
            end = token.end
            for name in _digit_starts(len(word), word == "1", text[end : end + 12]):
                starts[name].append(index)
            continue
        if word in _SYMBOL_STARTS:
            following = text[token.end : token.end + 1]
            if following.isalnum() or following in " (":
                for name in _SYMBOL_STARTS[word]:
                    starts[name].append(index)
        if word in {"@", "$"} or (
            word in {"#", "/"} and token.start and text[token.start - 1].isalnum()
        ):
            spots["email"].append((token.start, token.end))
            spots["handle"].append((token.start, token.end))
        if word in _CONNECTORS and 0 < index < count - 1:
            _connector(tokens, index, spots)
    # Every pattern starts at the edge of a word (_at_word_edges): never where a word or
    # number runs on from the token before ("A1A1", "x_1").
    glued = {
        i
        for i in set().union(*starts.values())
        if i
        and tokens[i - 1].end == tokens[i].start
        and _is_word_char(tokens[i - 1].text[-1])
        and _is_word_char(tokens[i].text[0])
    }
    for name in starts:
        starts[name] = sorted(set(starts[name]) - glued)

    def near(name: str, before: int = 100, after: int = 100):
        return _windows(spots.get(name, []), length, before, after)

    for match in _run(_EMAIL, text, near("email", 420, 420)):
        add(*match.span(), Kind.EMAIL, 3)
    for match in _run(_HANDLE, text, near("handle", 80, 120)):
        add(*match.span(), Kind.HANDLE, 3)
    for match in _run(_HANDLE_CUE, text, near("handle", 10, 120)):
        handle = match.group("handle").rstrip(".")
        bare = handle.lstrip("@")
        looks_like_a_handle = (
            handle.startswith("@")
            or re.search(r"[\d_.]", bare)
            or not scanner.g.is_word(fold(bare))
        )
        if looks_like_a_handle and fold(bare) not in _NOT_HANDLES:
            start = match.start("handle")
            add(start, start + len(handle), Kind.HANDLE, 3)
    for match in _matches_at(_PHONE, text, tokens, starts["phone"]):
        if re.fullmatch(r"\d{3}\.\d{4}", match.group()) and _STATUTE_CUE.search(
            text[max(0, match.start() - 24) : match.start()]
        ):
            continue  # "cited under 316.1925": a statute, not a phone number
        add(*match.span(), Kind.PHONE, 3)
    for match in _matches_at(_SPOKEN_PHONE, text, tokens, starts["spoken phone"]):
        add(*match.span(), Kind.PHONE, 2)
    for match in _matches_at(_PARTIAL_CODE, text, tokens, starts["partial code"]):
        if match.group("code") is not None:
            code = match.group("code")
            if code.isdigit() and len(code) < 4:
                continue  # "the last two 10s"
            kind = Kind.VIN if code.isdigit() else Kind.PLATE
            add(*match.span("code"), kind, 2)
        else:
            add(*match.span("partial"), Kind.PLATE, 2)
    for match in _VIN.finditer(text):
        add(*match.span(), Kind.VIN, 3)
    for match in _run(_VIN_PARTIAL, text, near("vin", 20, 140)):
        if match.group("vin"):
            value = match.group("vin")
            if re.search(r"\d", value) and not scanner.g.is_word(value.lower()):
                add(*match.span("vin"), Kind.VIN, 3)
        else:
            value = match.group("tail")
            before = text[max(0, match.start() - 80) : match.start("tail")].lower()
            if re.search(r"\d", value) and re.search(r"\bv\.?i\.?n\b", before):
                add(*match.span("tail"), Kind.VIN, 3)
            elif re.search(r"\d", value) and re.search(r"\b(?:plate|tag)s?\b", before):
                add(*match.span("tail"), Kind.PLATE, 2)
    for match in _matches_at(_PLATE, text, tokens, starts["plate"]):
        if match.group("plate") is not None:
            plate, start = match.group("plate"), match.start("plate")
            # keep the chunks up to the first English word ("7KXM221 and" is "7KXM221")
            end = start
            for chunk in re.finditer(r"[^ -]+", plate):
                word = chunk.group()
                if word.isalpha() and (
                    scanner.g.is_word(word.lower()) or (word.islower() and len(word) > 3)
                ):
                    break
                end = start + chunk.end()
            kept = text[start:end]
            if not kept or (kept.isdigit() and len(kept) < 4):
                continue
            if not re.search(r"\d", kept) and not re.fullmatch(r"[A-Z]{5,8}", kept):
                continue
            add(start, end, Kind.PLATE, 2)
        elif match.group("lower") is not None:
            if re.search(
                r"(?i)\b(?:plates?|tags?)\b", text[max(0, match.start() - 60) : match.start()]
            ):
                add(*match.span(), Kind.PLATE, 2)
        elif match.group("digitfirst") is not None:
            add(*match.span(), Kind.PLATE, 1)  # "8DFG 213": no code or model is written so
        else:
            start, end = match.span()
            then = match.group("then")
            if then is not None:
                end = match.start("then")
                # "ABC 123 DEF" is no plate, but a state may follow one: "HND 4472 MS"
                if then.strip().lower() not in scanner.g.states:
                    continue
            plate = text[start:end]
            before = text[max(0, start - 80) : end + 60].lower()
            spaced = " " in plate.strip() or "-" in plate
            # a state's postal code just before the plate says what it is: "TX RFT 2290"
            state_before = _STATE_BEFORE.search(text, max(0, start - 4), start)
            state_before = state_before is not None and (
                state_before.group(1).lower() in scanner.g.states
            )
            if (spaced or match.group("short") is not None) and (
                not (_VEHICLE_CONTEXT.search(before) or state_before)
                or re.match(r"\s*\(", text[end:])
            ):
                continue
            add(start, end, Kind.PLATE, 1)
    for match in _matches_at(_CASE, text, tokens, starts["case"]):
        span = match.span("case") if match.group("case") else match.span()
        if span[0] and text[span[0] - 1] == "#":
            span = (span[0] - 1, span[1])
        if _STATUTE_BEFORE.search(text[max(0, span[0] - 12) : span[0]]):
            continue
        add(*span, Kind.CASE, 2)
    for match in _run(_TROOP_LETTER, text, near("number", 0, 12)):
        add(*match.span(), Kind.NUMBER, 2)  # "troop f" as typed in a hurry
    for match in _matches_at(_NUMBER, text, tokens, starts["number"]):
        if match.group("number") is not None:
            label = re.match(r"[\w-]+", match.group()).group().lower()
            if (
                label in _WEAK_UNIT_LABELS
                and not match.group()[:1].isupper()
                and not scanner.after_agency(match.start())
            ):
                continue  # "the post 2 miles on", but "ksp post 13"
            number = match.group("number")
            if (
                len(number) == 1
                and number.isalpha()
                and match.group()[:4].isupper()
                and label not in {"troop", "post"}
            ):
                continue  # "VEHICLE WAS A SILVER...": a line in capitals, not "Troop C"
            add(*match.span(), Kind.NUMBER, 2)
        elif match.group("sign") is not None:
            if re.search(r"(?i)\b(?:a|an)[ \t]+$", text[max(0, match.start() - 4) : match.start()]):
                continue  # "a Cessna 206", "a Glock 19": a model, not a call sign
            word = match.group().split()[0].split("-")[0].lower()
            if word in _NOT_UNIT_WORDS or word in _NOT_NAMES and not re.fullmatch(_PHONETIC, word):
                continue
            # an unknown capitalised word and a number: a call sign only if the word is not
            # ordinary English ("Bronco 12" yes, "Level 3" no)
            if not re.fullmatch(_PHONETIC, word) and (
                scanner.g.is_word(word) or word in _ORG_WORDS
            ):
                continue
            add(*match.span(), Kind.NUMBER, 1)
        else:
            add(*match.span(), Kind.NUMBER, 2)

    def plausible(match: re.Match[str]) -> bool:
        excerpt = match.group()
        if excerpt[:1].isalpha() and match.group("house") is not None:
            excerpt = match.group("house")
        if match.group("bare") is not None:
            # "at 3316 Dumaine": a house number and a name no dictionary knows
            word = fold(match.group("bare").split()[-1])
            if not re.search(
                r"(?i)\b(?:at|on|to|from)[ \t]+$", text[max(0, match.start() - 6) : match.start()]
            ):
                return False
            return not (
                scanner.g.is_dictionary_word(word)
                or word in _NOT_NAMES
                or scanner.g.is_big_place(word)
                or scanner.g.is_first_name(word)
            )
        return _street_is_plausible(excerpt)

    for match in _matches_at(_ADDRESS, text, tokens, starts["address"], plausible):
        start, end = match.span()
        excerpt = match.group()
        if excerpt[:1].isalpha() and match.group("house") is not None:
            # "lives at 12 Oak St": the cue is not part of the address
            start = match.start("house")
            excerpt = text[start:end]
        if match.group("caps") is not None:
            # "ENRT TO UNIVERSITY AVE": the cue in capitals is not part of the street
            first = re.match(r"[A-Z]+[ \t]+", excerpt)
            if first and first.group().strip().lower() in _STREET_CUES | _FUNCTION_WORDS:
                start += first.end()
        if excerpt[:1] in " \t":
            start += len(excerpt) - len(excerpt.lstrip())
        unit = _UNIT_AFTER.match(text, end)
        if unit is not None:
            end = unit.end()  # "2918 LAUREL AVE #B"
        add(start, end, Kind.ADDRESS, 1 if match.group("bare") is not None else 2)
    _intersections(text, scanner, near("intersection", 60, 60))
    _streets_alone(scanner)
    for match in _matches_at(_DATE, text, tokens, starts["date"]):
        if match.group("monthday") is None:
            if _GENERIC_WEEKDAY_BEFORE.search(text[max(0, match.start() - 16) : match.start()]):
                continue  # "Every 4th of July", "any given Thursday"
            plural = _RECURRING_AFTER.match(text, match.end())
            if (
                plural
                and plural.group(1) not in {"was", "has", "is", "this", "its", "as", "us"}
                and not re.match(
                    r"(?i)(?:the|this|last|that|yesterday|today|tonight)\b", match.group()
                )
            ):
                continue  # "Sunday afternoons in football season", "Christmas lights"
            if (
                _GENERIC_AFTER.match(text, match.end())
                and not _HAS_DIGIT.search(match.group())
                and not re.match(
                    r"(?i)(?:the|this|last|that|yesterday|today|tonight|next)\b", match.group()
                )
            ):
                # nor is any word of it a name ("New Year's Eve is always busy")
                scanner.generic_days.update(range(match.start(), match.end()))
                continue  # "Halloween is a mess", "We work Christmas every year"
        if match.group("monthday") is not None:
            word_before = re.search(
                r"([A-Za-z]+)[ \t]+$", text[max(0, match.start() - 20) : match.start()]
            )
            if word_before and word_before.group(1).lower() not in _DATE_CUES:
                continue
        if match.group("weekday") is not None:
            if _GENERIC_WEEKDAY_BEFORE.search(text[max(0, match.start() - 16) : match.start()]):
                continue
            after = text[match.end() : match.end() + 12]
            if re.match(
                r"(?i)s\b|[ \t]+(?:shift|nights|mornings|crew|schedule|court|is|are|or|through|"
                r"thru|to)\b|[ \t]*/",
                after,
            ) or re.search(r"(?i)\b(?:or|every|through|thru)[ \t]+$", text[: match.start()][-10:]):
                continue
        add(*match.span(), Kind.DATE, 2)
    for match in _matches_at(_TIME, text, tokens, starts["time"]):
        start, end = match.span()
        excerpt = match.group()
        if (
            _SPOKEN_TO.match(excerpt)
            and not _CLOCK_WORDS.search(excerpt)
            and not _TIME_CUE_BEFORE.search(text[max(0, start - 16) : start])
        ):
            continue  # "outnumbered five to two": a count, not a time
        cue = _TIME_CUE.match(excerpt)
        if cue and cue.end() < len(excerpt):
            start += cue.end()  # "at 0630": the cue word is outside (docs/identifiers.md)
        add(start, end, Kind.TIME, 2)
    scanner.places()
    scanner.names()
    scanner.relations()
    scanner.comma_names()
    scanner.cad_names()
    scanner.names_again()
    return scanner.found


_JOINERS = re.compile(r"[ \t]*(?:[-/&][ \t]*|(?:the|of|de|la|del|at|on)[ \t]+){0,2}")
_JOINABLE = {
    Kind.DATE: {Kind.DATE},
    Kind.TIME: {Kind.TIME, Kind.DATE},
    Kind.PLACE: {Kind.PLACE, Kind.ADDRESS},
    Kind.ADDRESS: {Kind.ADDRESS, Kind.PLACE},
    Kind.NAME: {Kind.NAME},
}


def _joins(text: str, group: list, candidate: tuple, group_end: int) -> bool:
    """Whether a finding right after another belongs with it ("Easter" + "Monday")."""
    gap = text[group_end : candidate[0]]
    if len(gap) > 12 or not _JOINERS.fullmatch(gap):
        return False
    kinds = {c[2] for c in group}
    if candidate[2] is Kind.NAME or Kind.NAME in kinds:
        # two names side by side are one name only when nothing stands between them
        return gap == " " and kinds == {Kind.NAME} and candidate[2] is Kind.NAME
    return any(candidate[2] in _JOINABLE.get(kind, ()) for kind in kinds)


@contextmanager
def _without_cycle_collection():
    """Pause Python's cycle collector while the detector runs.

    The detector makes tens of thousands of short-lived objects (tokens, matches) and no
    reference cycles; reference counting frees them all. Left on, the collector walks every
    object of the process each few thousand allocations: 40 % of the worst hostile text's
    time (bench/detector.py). Re-enabled only by the call that paused it.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def find_identifiers(text: str) -> list[Finding]:
    """Return likely identifiers in text, in order, never two for the same characters.

    Overlapping candidates are merged into one finding, so striking out the findings removes
    the whole identifier; the kind is that of the strongest, then longest, candidate.
    """
    with _without_cycle_collection():
        found = _candidates(text)
    candidates = sorted(found, key=lambda c: (c[0], -c[1]))
    findings: list[Finding] = []
    group: list[tuple[int, int, Kind, int]] = []
    group_end = -1

    def close() -> None:
        if not group:
            return
        start = group[0][0]
        end = max(c[1] for c in group)
        kind = max(group, key=lambda c: (c[3], c[1] - c[0]))[2]
        excerpt = text[start:end]
        stripped = excerpt.rstrip(" \t,;:")
        end -= len(excerpt) - len(stripped)
        findings.append(Finding(kind, text[start:end].strip(), start, end))

    for candidate in candidates:
        if group and candidate[0] >= group_end and _joins(text, group, candidate, group_end):
            group.append(candidate)
            group_end = max(group_end, candidate[1])
            continue
        if candidate[0] < group_end:
            group.append(candidate)
            group_end = max(group_end, candidate[1])
            continue
        close()
        group = [candidate]
        group_end = candidate[1]
    close()
    return findings
