"""Settings come from the environment; unsafe production defaults are refused loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from nearmiss.settings import database_from_url

ROOT = Path(__file__).resolve().parent.parent
KEY = "c2V0dGluZ3MtdGVzdHMtZW5jcnlwdGlvbi1rZXktMzI="  # 32 bytes, urlsafe base64


def _load_settings(**env) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with exactly the given variables (and an
    encryption key unless ENCRYPTION_KEYS is given; None leaves it unset)."""
    env = {"ENCRYPTION_KEYS": KEY} | env
    env = {key: value for key, value in env.items() if value is not None}
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "PYTEST_VERSION",
            "SECRET_KEY",
            "ENCRYPTION_KEYS",
            "DEBUG",
            "DATABASE_URL",
            "REDIS_URL",
            "ALLOWED_HOSTS",
            "PUBLISH_APPROVALS",
            "RETENTION_DAYS",
        }
    }
    clean.update(env)
    code = "import nearmiss.settings as s; print(s.DEBUG, s.PUBLISH_APPROVALS, s.RETENTION_DAYS)"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _load_settings()
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_an_encryption_key():
    result = _load_settings(SECRET_KEY="x" * 50, ENCRYPTION_KEYS=None)
    assert result.returncode != 0
    assert "ImproperlyConfigured: ENCRYPTION_KEYS is not set" in result.stderr


@pytest.mark.parametrize("value", ["short", "x" * 44, f"{KEY},not-a-key"])
def test_an_encryption_key_that_is_not_one_is_refused(value):
    result = _load_settings(SECRET_KEY="x" * 50, ENCRYPTION_KEYS=value)
    assert result.returncode != 0
    assert "ENCRYPTION_KEYS holds a value that is not a key" in result.stderr


def test_a_short_secret_key_is_refused():
    result = _load_settings(SECRET_KEY="short")
    assert "SECRET_KEY is too short" in result.stderr


def test_production_starts_with_a_secret_key_and_the_documented_defaults():
    result = _load_settings(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "2", "90"]


def test_debug_generates_a_development_key_instead():
    result = _load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert (ROOT / ".data" / "secret_key").exists()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be one of"),
        ("PUBLISH_APPROVALS", "two", "PUBLISH_APPROVALS must be a whole number"),
        ("PUBLISH_APPROVALS", "0", "PUBLISH_APPROVALS must be at least 1"),
        ("RETENTION_DAYS", "-5", "RETENTION_DAYS must be at least 1"),
        ("DATABASE_URL", "mysql://db/nearmiss", "DATABASE_URL must start with postgres://"),
        ("DATABASE_URL", "postgres://db", "DATABASE_URL must name a database"),
        ("RATELIMIT_SUBMIT", "lots", "RATELIMIT_SUBMIT must look like 5/h"),
    ],
)
def test_a_bad_value_names_the_variable(name, value, message):
    result = _load_settings(SECRET_KEY="x" * 50, **{name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_database_url_is_read_into_django_settings():
    database = database_from_url("postgres://user:p%40ss@db.example:6543/near?sslmode=require")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("near", "user", "p@ss")
    assert (database["HOST"], database["PORT"]) == ("db.example", "6543")
    assert database["OPTIONS"] == {"sslmode": "require"}


def test_a_database_url_with_a_bad_port_is_refused():
    with pytest.raises(ImproperlyConfigured, match="port"):
        database_from_url("postgres://db:notaport/near")


def test_redis_url_switches_the_cache_to_redis_and_hosts_are_a_list():
    code = "import nearmiss.settings as s; print(s.CACHES['default']['BACKEND'], s.ALLOWED_HOSTS)"
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_VERSION"}
    env |= {
        "SECRET_KEY": "x" * 50,
        "ENCRYPTION_KEYS": KEY,
        "REDIS_URL": "redis://127.0.0.1:6379/3",
        "ALLOWED_HOSTS": "nearmiss.example, www.nearmiss.example",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == (
        "nearmiss.cache.SharedClientRedisCache ['nearmiss.example', 'www.nearmiss.example']"
    )
