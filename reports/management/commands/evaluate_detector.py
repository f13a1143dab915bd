"""Print how well the identifier detector does on a labelled corpus."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.detector_evaluation import evaluate, load

DEFAULT_CORPUS = Path(settings.BASE_DIR) / "tests" / "detector_corpus"


class Command(BaseCommand):
    help = (
        "Measure the identifier detector on a labelled corpus: recall and precision per kind, "
        "whole-span coverage, and false alarms per 100 clean sentences."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            type=Path,
            default=DEFAULT_CORPUS,
            help=f"folder of labelled .txt files (default: {DEFAULT_CORPUS})",
        )
        parser.add_argument(
            "--errors",
            action="store_true",
            help="also list every miss, partial cover and false alarm",
        )

    def handle(self, *args, corpus: Path, errors: bool, **options):
        if not corpus.is_dir():
            raise CommandError(f"No corpus folder at {corpus}.")
        try:
            sentences = load(corpus)
        except ValueError as problem:
            raise CommandError(str(problem)) from None
        if not sentences:
            raise CommandError(f"No sentences in {corpus}.")
        result = evaluate(sentences)
        out = self.stdout.write
        if errors:
            for sentence, span in result.missed:
                out(
                    f"MISSED  {span.kind:<8} {sentence.text[span.start : span.end]!r}"
                    f"  ({sentence.source}:{sentence.line}) {sentence.text}"
                )
            for sentence, span, hits in result.partial:
                got = ", ".join(repr(h.excerpt) for h in hits)
                out(
                    f"PARTIAL {span.kind:<8} {sentence.text[span.start : span.end]!r} got {got}"
                    f"  ({sentence.source}:{sentence.line})"
                )
            for sentence, finding in result.false:
                out(
                    f"FALSE   {finding.kind:<8} {finding.excerpt!r}"
                    f"  ({sentence.source}:{sentence.line}) {sentence.text}"
                )
            out("")
        labelled = sum(1 for s in sentences if s.spans)
        out(
            f"{len(sentences)} sentences: {labelled} with identifiers "
            f"({result.overall.gold} spans), {result.clean_sentences} clean\n"
        )
        out(f"{'kind':<8} {'spans':>6} {'recall':>7} {'covered':>8} {'found':>6} {'precision':>10}")
        for kind, tally in result.by_kind.items():
            out(
                f"{kind:<8} {tally.gold:>6} {tally.recall:>7.3f} {tally.coverage:>8.3f} "
                f"{tally.predicted:>6} {tally.precision:>10.3f}"
            )
        o = result.overall
        out(
            f"{'all':<8} {o.gold:>6} {o.recall:>7.3f} {o.coverage:>8.3f} "
            f"{o.predicted:>6} {o.precision:>10.3f}"
        )
        out(f"\nFalse alarms per 100 clean sentences: {result.false_alarms_per_100:.1f}")
