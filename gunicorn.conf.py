"""Gunicorn, as production runs Near Miss (`make serve` uses it too).

Privacy: the access log format below has no remote address (%(h)s), user agent (%(a)s),
referrer (%(f)s), time (%(t)s) or query string; requests to /submit/ and /status/ are not
logged at all; every line, access or error, passes a filter that removes anything shaped like
an IP address (nearmiss/gunicorn_logging.py).
"""

import os

from nearmiss.workers import worker_count

wsgi_app = "nearmiss.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = worker_count()
# Threads let a slow export stream while the worker answers other requests.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 60
graceful_timeout = 20
# No keep-alive by default: a connection kept open stays with the worker that accepted it, and
# a few busy ones can pile onto one worker while another sits idle (measured: six of eight
# benchmark connections on one worker, one core unused, search p95 up by half). Closing after
# each response lets whichever worker is free take the next request. A reverse proxy keeps
# its own connections to browsers either way (docs/deploy.md).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "0"))
# Bound what one request may cost: 8 KB of request line, 100 header fields.
limit_request_line = 8190
limit_request_fields = 100

logger_class = "nearmiss.gunicorn_logging.PrivacyLogger"
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms"
# Never put the client's address in the WSGI environ from a proxy header: the application
# strips it anyway, and the proxy address is enough for gunicorn.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server) -> None:
    """Say at start when rate limits would be per worker (no REDIS_URL, several workers)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearmiss.settings")
    django.setup()
    from nearmiss.checks import shared_cache_problem

    problem = shared_cache_problem()
    if problem:
        server.log.warning("%s Set REDIS_URL, or WEB_CONCURRENCY=1.", problem)


def post_worker_init(worker) -> None:
    """Move everything loaded at start (Django, the templates, the URL table) out of the
    garbage collector's sight: it never becomes garbage, and scanning it on every full
    collection cost about 0.6 ms of each uncached search (docs/performance.md)."""
    import gc

    gc.freeze()
