"""The progress bar the long-running commands print on standard error."""

import time


class Progress:
    """Draw `[#####.....] done/total (rate/s)` on one line, redrawn as work advances."""

    def __init__(self, stream, total: int, width: int = 30) -> None:
        self.stream, self.total, self.width = stream, total, width
        self.start = time.monotonic()

    def show(self, done: int) -> None:
        filled = round(self.width * done / self.total) if self.total else self.width
        rate = done / max(time.monotonic() - self.start, 1e-6)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done:,}/{self.total:,} ({rate:,.0f}/s)", ending="")
        self.stream.flush()
