"""Find likely identifiers in a report's text, so they can be removed before anyone reads it.

Used twice: to warn the reporter before sending (PRODUCT.md, privacy model 8) and, in
moderation, to show what is left to redact. It errs towards warning: a false alarm costs
the reporter a second look, a miss can cost a career.
"""

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    NAME_WITH_RANK = "a name with a rank or title"
    NUMBER = "a badge, unit or case number"
    PHONE = "a phone number"
    EMAIL = "an e-mail address"
    PLATE = "a licence plate"
    ADDRESS = "a street address or road location"
    DATE = "an exact date"
    TIME = "a clock time"


@dataclass(frozen=True)
class Finding:
    kind: Kind
    excerpt: str
    start: int
    end: int


_RANKS = (
    r"officer|ofc|police\s+officer|p\.?o|patrolman|patrolwoman|sergeant|sgt|"
    r"lieutenant|lt|captain|capt|cpt|corporal|cpl|detective|det|deputy|dep|trooper|tpr|"
    r"chief|sheriff|undersheriff|marshal|constable|agent|special\s+agent|inspector|insp|"
    r"commander|cmdr|major|maj|colonel|col|commissioner|ranger|warden|"
    r"mr|mrs|ms|miss|dr|doctor|nurse|judge|father|pastor|professor|prof"
)
# Ranks written as abbreviations: a full stop after them does not end the sentence.
_ABBREVIATIONS = {
    "ofc",
    "po",
    "p.o",
    "sgt",
    "lt",
    "capt",
    "cpt",
    "cpl",
    "det",
    "dep",
    "tpr",
    "insp",
    "cmdr",
    "maj",
    "col",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
}
_NAME_WORD = (
    r"[A-Z]['\u2019][A-Z][a-z]+|[A-Z][a-z]*[A-Z][a-z]+|[A-Z][a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?"
    r"|[A-Z]\.(?=[ \t]+[A-Z])"
)
_WEEKDAYS_AND_MONTHS = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
# Capitalised words after a rank that are not names ("Officer Safety", "Deputy Chief").
_NOT_NAMES = _WEEKDAYS_AND_MONTHS | {
    "safety",
    "survival",
    "down",
    "involved",
    "needs",
    "assistance",
    "in",
    "on",
    "of",
    "and",
    "the",
    "a",
    "an",
    "i",
    "we",
    "he",
    "she",
    "they",
    "it",
    "my",
    "our",
    "his",
    "her",
    "their",
    "was",
    "who",
    "had",
    "has",
    "at",
    "to",
    "from",
    "with",
    "then",
    "when",
    "but",
    "or",
    "so",
    "training",
    "academy",
    "program",
    "programme",
    "wellness",
    "week",
    "day",
    "report",
    "chief",
    "sheriff",
    "sergeant",
    "lieutenant",
    "captain",
    "deputy",
    "officer",
    "trooper",
    "detective",
    "corporal",
    "major",
    "agent",
    "inspector",
    "commander",
    "marshal",
    "nurse",
    "doctor",
    "judge",
    "office",
    "department",
    "division",
    "unit",
    "station",
    "court",
    "hospital",
    "service",
    "services",
    "patrol",
    "police",
    "county",
    "state",
    "city",
    "box",
    "friendly",
    "candidate",
    "exam",
    "examination",
    "test",
    "school",
    "association",
    "union",
    "on-duty",
    "off-duty",
    "duty",
    "shift",
}
_NAME_WITH_RANK = re.compile(
    rf"(?i:\b(?P<rank>{_RANKS})\b(?P<dot>\.)?)[ \t]+"
    rf"(?P<name>(?:{_NAME_WORD})(?:[ \t]+(?:{_NAME_WORD}))?)"
)

_NUMBER = re.compile(
    r"(?i:\b(?:badge|shield|star|serial|employee|payroll|id|unit|car|cruiser|vehicle|"
    r"squad|beat|case|incident|report|cad|event|file|docket|citation|ticket|warrant|"
    r"booking|inmate|cell|call\s+sign|callsign|radio)\b"
    r"(?:\s+(?:no\.?|num(?:ber)?\.?|id|#))?(?:\s+(?:was|is|of))?\s*(?:#|:|no\.)?\s*)"
    # At least two digits, letters and dashes allowed between: 12B, 45-CR-1193, 2021CF0034.
    r"(?!911\b)(?=[A-Z-]*\d[A-Z/-]*\d)(?P<number>[A-Z]{0,4}-?\d(?:[\dA-Z/-]*[\dA-Z])?)\b"
    r"|(?<![\w#])#\s?\d{2,}\b"
    r"|\b\d{1,2}-?(?i:adam|baker|charlie|david|edward|frank|george|henry|ida|john|king|lincoln|"
    r"mary|nora|ocean|paul|queen|robert|sam|tom|union|victor|william|x-ray|young|zebra|"
    r"alpha|bravo|delta|echo|foxtrot|golf|hotel|india|kilo|lima|mike|november|oscar|papa|"
    r"romeo|sierra|tango|uniform|whiskey|yankee|zulu)-?\d{1,3}\b"
)

_PHONE = re.compile(
    r"(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)"
    r"|(?<![\w+])\+\d{1,3}(?:[\s.-]?\d{1,5}){2,6}(?!\d)"
    r"|(?<![\d-])\d{3}[\s.-]\d{4}(?!\d)(?![\s.-]\d)"
    r"|(?<![\w-])\d{10}(?!\d)"
)

_EMAIL = re.compile(
    r"[\w.+'-]+[ \t]?(?:@|\(at\)|\[at\]|[ \t]+at[ \t]+(?=[\w-]+[ \t]+dot[ \t]+))[ \t]?[\w-]+"
    r"(?:(?:\.|[ \t]+dot[ \t]+|[ \t]?\(dot\)[ \t]?|[ \t]?\[dot\][ \t]?)[\w-]+)+",
    re.IGNORECASE,
)

_PLATE_KEYWORD = (
    r"(?i:\b(?:licen[cs]e\s+plates?|plates?|tags?|registration|reg(?:istration)?\s+(?:no|number)|"
    r"plate\s+number|tag\s+number)\b(?:\s+(?:number|no\.?|#|was|of|read(?:ing|s)?|showed))*"
    r"\s*[:#]?\s*)"
)
_PLATE = re.compile(
    rf"{_PLATE_KEYWORD}(?P<plate>(?=[A-Z0-9 -]*\d)[A-Z0-9]{{1,4}}[ -]?[A-Z0-9]{{1,4}}"
    rf"(?:[ -]?[A-Z0-9]{{1,3}})?)\b"
    r"|\b[A-Z]{3}[- ]\d{3,4}\b"
    r"|\b\d[A-Z]{3}\d{3}\b"
    r"|\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b"
    r"|\b[A-Z]{3}\d{4}\b"
)

_SUFFIXES = (
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Pl|Way|"
    "Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Alley|Pike|"
    "Crescent|Close|Row"
)
_STRONG_SUFFIXES = (
    r"Street|St\.|Avenue|Ave\b\.?|Road|Rd\.|Boulevard|Blvd\b\.?|Lane|Drive|Highway|Parkway"
)
_STREET_NAME = (
    r"(?:[NSEW]\.?[ \t]+|North[ \t]+|South[ \t]+|East[ \t]+|West[ \t]+)?"
    r"(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))"
)
_ADDRESS = re.compile(
    # 1234 Elm Street, 55 N. Maple Ave, the 400 block of Main St
    rf"\b\d{{1,6}}(?:[ \t]+block[ \t]+of)?[ \t]+{_STREET_NAME}(?:[ \t]+[A-Z][a-z]+){{0,2}}[ \t]+"
    rf"(?:{_SUFFIXES})\b\.?"
    # roads by number, and places on them
    r"|(?i:\b(?:interstate|highway|hwy|route|rte|state[ \t]+route|county[ \t]+road)"
    r"[ \t-]?\d{1,4}\b)"
    r"|(?<![\w-])(?:US|SR|CR)[ \t-]\d{1,4}\b|(?<![\w-])I-\d{1,3}\b"
    r"|(?i:\bmile[ \t]+(?:marker|post)[ \t]+\d+(?:\.\d+)?\b)"
    r"|(?i:\bexit[ \t]+\d{1,3}[a-z]?\b)"
    r"|(?i:\b(?:apartment|apt\.?|suite|ste\.)[ \t]*#?[ \t]*\d+[a-z]?\b)"
    r"|(?i:\broom[ \t]*#?[ \t]*\d{2,}[a-z]?\b)"
    r"|(?i:\bp\.?[ \t]?o\.?[ \t]+box[ \t]+\d+\b)"
    # a named street on its own, with a suffix that is rarely anything else
    rf"|\b{_STREET_NAME}(?:[ \t]+[A-Z][a-z]+){{0,2}}[ \t]+(?:{_STRONG_SUFFIXES})"
)

_MONTH = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])"
_DAY = rf"{_DAY_NUMBER}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_NOT_A_DAY = (
    r"(?![ \t]+(?:floor|stor(?:e)?y|level|day|night|shift|time|try|attempt|round|call|lap|"
    r"grade|street|avenue|row|place))"
)
_DATE = re.compile(
    rf"\b(?:{_MONTH})\.?[ \t]+{_DAY}\b(?:,?[ \t]+{_YEAR}\b)?"
    rf"|\b{_DAY}[ \t]+(?:of[ \t]+)?(?:{_MONTH})\b\.?(?:,?[ \t]+{_YEAR}\b)?"
    rf"|\b(?:0?[1-9]|1[0-2])[/.-]{_DAY_NUMBER}[/.-](?:19|20)?\d{{2}}\b"
    rf"|\b{_DAY_NUMBER}[/.](?:0?[1-9]|1[0-2])[/.]{_YEAR}\b"
    r"|\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"
    r"|(?i:\b(?:christmas|new[ \t]+year'?s|halloween|thanksgiving|independence|memorial|labor|"
    r"labour|veterans|valentine'?s|st\.?[ \t]+patrick'?s|easter|mother'?s|father'?s)"
    r"[ \t]+(?:day|eve|night|morning|sunday|weekend)(?:[ \t]+(?:night|morning|weekend))?\b"
    rf"(?:,?[ \t]+(?:of[ \t]+)?{_YEAR}\b)?)"
    r"|(?i:\b(?:the[ \t]+)?fourth[ \t]+of[ \t]+july\b)"
    rf"|(?i:\bon[ \t]+the[ \t]+{_DAY_NUMBER}(?:st|nd|rd|th)\b{_NOT_A_DAY})"
    rf"(?:[ \t]+of[ \t]+(?:{_MONTH})\b)?"
)

_AM_PM = r"(?i:[ap]\.?m\b\.?)"
_TIME = re.compile(
    rf"\b(?:[01]?\d|2[0-3])[:h][0-5]\d(?::[0-5]\d)?(?:[ \t]?{_AM_PM})?(?![:\d])"
    rf"|\b(?:1[0-2]|0?[1-9])\.[0-5]\d[ \t]?{_AM_PM}"
    rf"|\b(?:1[0-2]|0?[1-9])[ \t]?{_AM_PM}"
    r"|\b(?:[01]\d|2[0-3])[0-5]\d[ \t]*(?i:hours|hrs|hr|h)\b"
    r"|(?i:\bat[ \t]+)(?:[01]\d|2[0-3])[0-5]\d(?:[ \t]*(?i:hours|hrs|hr|h))?\b"
    r"(?![ \t]+(?i:block|miles|feet|ft|yards|rounds|people|pounds|lbs|dollars|rpm))"
    r"|(?i:\b(?:1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[ \t]+o'?clock\b)"
)

_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.EMAIL, _EMAIL),
    (Kind.PHONE, _PHONE),
    (Kind.ADDRESS, _ADDRESS),
    (Kind.DATE, _DATE),
    (Kind.TIME, _TIME),
    (Kind.PLATE, _PLATE),
    (Kind.NUMBER, _NUMBER),
    (Kind.NAME_WITH_RANK, _NAME_WITH_RANK),
]


def _name_is_plausible(match: re.Match[str]) -> bool:
    rank = re.sub(r"\s+", " ", match.group("rank").lower())
    if match.group("dot") and rank not in _ABBREVIATIONS:
        # "...waited for the sergeant. Nobody came": the full stop ends a sentence.
        return False
    first = match.group("name").split()[0].rstrip(".")
    return first.lower() not in _NOT_NAMES


def find_identifiers(text: str) -> list[Finding]:
    """Return likely identifiers in text, in order, never two for the same characters."""
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if kind is Kind.NAME_WITH_RANK and not _name_is_plausible(match):
                continue
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            findings.append(Finding(kind, match.group(0).strip(), start, end))
    findings.sort(key=lambda finding: finding.start)
    return findings
