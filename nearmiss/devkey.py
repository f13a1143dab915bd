"""The development SECRET_KEY, generated once into .data/ (never used in production).

`python -m nearmiss.devkey` prints it, for `make serve` on a checkout with no SECRET_KEY.
"""

import os
import secrets
from pathlib import Path

DEFAULT_PATH = (
    Path(os.environ.get("DATA_DIR", "").strip() or Path(__file__).resolve().parent.parent / ".data")
    / "secret_key"
)


def development_secret_key(path: Path = DEFAULT_PATH) -> str:
    """Return the development key kept in .data/, creating it on first use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Created with mode 0600 so other local users cannot read it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


if __name__ == "__main__":
    print(development_secret_key())
