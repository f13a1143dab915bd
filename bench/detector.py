"""`make bench` (first part): what the identifier detector costs on this machine.

Prints, for texts at the form's limit (20,000 characters), the time of every hostile shape
(best of several runs, the worst shape first) and the detector's speed on officers' prose,
and writes them to bench/detector.json. The targets (issue 10): at most 50 ms for any text
the form allows, and at least 1 MB of natural text a second.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearmiss.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from reports.detector_costs import hostile_shapes, natural_text  # noqa: E402
from reports.forms import STORY_MAX  # noqa: E402
from reports.identifiers import find_identifiers  # noqa: E402

RESULTS = ROOT / "bench" / "detector.json"
RUNS = 7


def best_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        find_identifiers(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    find_identifiers("Load the word lists before timing anything.")
    hostile = {name: best_seconds(text) for name, text in hostile_shapes(STORY_MAX).items()}
    prose = natural_text()
    seconds = best_seconds(prose)
    megabytes = len(prose.encode()) / 1e6 / seconds
    worst = max(hostile, key=hostile.get)
    print(f"Identifier detector, texts of {STORY_MAX:,} characters (best of {RUNS} runs):")
    for name, value in sorted(hostile.items(), key=lambda item: -item[1])[:10]:
        print(f"  {name:<28} {value * 1000:7.1f} ms")
    print(f"  worst hostile shape: {worst}, {hostile[worst] * 1000:.1f} ms (target 50 ms)")
    print(
        f"  officers' prose: {len(prose):,} characters in {seconds * 1000:.1f} ms, "
        f"{megabytes:.2f} MB/s (target 1 MB/s)"
    )
    RESULTS.write_text(
        json.dumps(
            {
                "characters": STORY_MAX,
                "hostile_ms": {name: round(v * 1000, 1) for name, v in hostile.items()},
                "worst_hostile": worst,
                "worst_hostile_ms": round(hostile[worst] * 1000, 1),
                "natural_characters": len(prose),
                "natural_mb_per_second": round(megabytes, 2),
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
