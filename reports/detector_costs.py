"""Texts that cost a careless detector dearly, and natural text, for tests and the benchmark.

Used by tests/test_detector_costs.py (which asserts on scaling) and bench/detector.py (which
prints milliseconds and megabytes per second on this machine).
"""

from pathlib import Path

# Long runs and alternations of letters, digits, dots, dashes, apostrophes and the symbols the
# patterns start with: each is repeated to the length asked for.
HOSTILE_UNITS = {
    "letters": "a",
    "capitals": "A",
    "digits": "1",
    "dots": ".",
    "dashes": "-",
    "apostrophes": "'",
    "spaces": " ",
    "new lines": "\n",
    "at signs": "@",
    "hashes": "#",
    "okina": "\u02bb",
    "accented": "\u00e9",
    "letter dot": "a.",
    "digit dash": "1-",
    "letter apostrophe": "a'",
    "word space": "Aa ",
    "digit space": "1 ",
    "letter at": "a@",
    "spoken at": "a at ",
    "spoken dot": "a dot ",
    "hash digit": "#1",
    "capital digit": "A1",
    "capital dash digit": "A-1",
    "digit slash": "1/",
    "digit colon": "12:",
    "rank": "Sgt. ",
    "house number": "1 Main ",
    "underscore": "x_",
    "address-like": "a.b@",
    "vin cue": "vin ",
    "plate cue": "plate ",
    "intersection": "Oak and ",
    "nickname": "Big ",
    "title run": "Okafor ",
    "ordinal": "the 1st of ",
}


# One long run ended by what a pattern waits for: a backtracking pattern retries the whole run
# from every one of its characters.
HOSTILE_TAILS = {
    "letters then an at sign": ("a", "@"),
    "letters then a spoken at": ("a", " at gmail dot"),
    "digits then a dash": ("1", "-"),
    "digits then a colon": ("1", ":"),
    "capitals then digits": ("A", "1"),
    "dots then a letter": (".", "a"),
    "word characters then a hash": ("x_", "#"),
    "words then a street": ("Oak ", "St"),
}


def hostile(unit: str, length: int, tail: str = "") -> str:
    """Return the unit repeated to exactly `length` characters, ending with the tail."""
    body = (unit * (length // len(unit) + 1))[: length - len(tail)]
    return body + tail


def hostile_shapes(length: int) -> dict[str, str]:
    """Return every hostile text of the given length, by name."""
    shapes = {name: hostile(unit, length) for name, unit in HOSTILE_UNITS.items()}
    for name, (unit, tail) in HOSTILE_TAILS.items():
        shapes[name] = hostile(unit, length, tail)
    return shapes


def natural_text() -> str:
    """Return officers' prose: the demo stories and the clean sentences of the corpus."""
    from reports import demo_stories

    parts: list[str] = []

    def collect(value) -> None:
        if isinstance(value, str) and len(value) > 80:
            parts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    for name in dir(demo_stories):
        if not name.startswith("__"):
            collect(getattr(demo_stories, name))
    clean = Path(__file__).resolve().parent.parent / "tests" / "detector_corpus" / "clean.txt"
    lines = [line for line in clean.read_text(encoding="utf-8").splitlines() if line[:1] not in "#"]
    return "\n\n".join(parts) + "\n\n" + " ".join(line for line in lines if line)
