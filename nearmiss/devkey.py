"""The development SECRET_KEY and encryption key, generated once into .data/ (never used in
production).

`python -m nearmiss.devkey` prints the secret key, `--encryption-key` the encryption key, for
`make serve` on a checkout with neither set; `--new-encryption-key` prints a fresh key for
ENCRYPTION_KEYS.
"""

import base64
import os
import secrets
import sys
from pathlib import Path

DEFAULT_PATH = (
    Path(os.environ.get("DATA_DIR", "").strip() or Path(__file__).resolve().parent.parent / ".data")
    / "secret_key"
)


def new_encryption_key() -> str:
    """Return a new key for ENCRYPTION_KEYS: 32 random bytes in urlsafe base64."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _kept(path: Path, make) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Created with mode 0600 so other local users cannot read it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(make())
    return path.read_text().strip()


def development_secret_key(path: Path = DEFAULT_PATH) -> str:
    """Return the development key kept in .data/, creating it on first use."""
    return _kept(path, lambda: secrets.token_urlsafe(50))


ENCRYPTION_KEY_PATH = DEFAULT_PATH.with_name("encryption_key")


def development_encryption_key(path: Path = ENCRYPTION_KEY_PATH) -> str:
    """Return the development encryption key kept in .data/, creating it on first use."""
    return _kept(path, new_encryption_key)


if __name__ == "__main__":
    if "--new-encryption-key" in sys.argv:
        print(new_encryption_key())
    elif "--encryption-key" in sys.argv:
        print(development_encryption_key())
    else:
        print(development_secret_key())
