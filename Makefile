# The few targets a person needs. `make run` and `make test` work on a fresh checkout.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run serve bench bench-detector bench-moderation test test-adversarial lint format clean

$(STAMP): pyproject.toml package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	# The chain-business list the identifier detector reads (data only; nothing is served).
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(STAMP)

## run: start the site on http://127.0.0.1:8000 with demo data (embedded PostgreSQL by default)
run: $(STAMP)
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo
	DEBUG=$${DEBUG:-1} WEB_CONCURRENCY=1 $(PY) manage.py runserver --noreload 127.0.0.1:8000

## serve: run the site as production does (gunicorn, whitenoise, DEBUG off) on 127.0.0.1:8000
# HTTPS stays off because this serves plain http://127.0.0.1; SECRET_KEY and ENCRYPTION_KEYS fall back to the
# development key in .data/ so a fresh checkout can try it. Production sets both.
serve: $(STAMP)
	@test -n "$$SECRET_KEY" || echo "SECRET_KEY is unset: using the development key in .data/ (production must set it)"
	export DEBUG=0 HTTPS=$${HTTPS:-0} SECRET_KEY="$${SECRET_KEY:-$$($(PY) -m nearmiss.devkey)}" \
		ENCRYPTION_KEYS="$${ENCRYPTION_KEYS:-$$($(PY) -m nearmiss.devkey --encryption-key)}" && \
	$(PY) manage.py collectstatic --no-input -v0 && \
	$(PY) manage.py migrate --no-input -v0 && \
	exec $(VENV)/bin/gunicorn -c gunicorn.conf.py

## bench: the detector's costs, the moderator's report page, then load-test make serve on 100,000 stories (bench/*.json)
bench: bench-detector bench-moderation
	$(PY) bench/run.py $(BENCH_ARGS)

## bench-detector: only the identifier detector's costs; writes bench/detector.json
bench-detector: $(STAMP)
	$(PY) bench/detector.py

## bench-moderation: the moderator's report page for the longest stories; writes bench/moderation.json
bench-moderation: $(STAMP)
	$(PY) bench/moderation.py

## test: lint, check migrations, run every test (browser tests need Debian's chromium)
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest $(PYTEST_ARGS)

## test-adversarial: only the suite that attacks the site (make test runs it too)
test-adversarial: $(STAMP)
	$(VENV)/bin/pytest tests/adversarial $(PYTEST_ARGS)

## lint: ruff's checks only
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## format: rewrite the code in the house format
format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
