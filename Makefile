# Liên hiệp — the two commands a newcomer types: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes: one a core; PYTEST_WORKERS=0 runs the suite in this process.
PYTEST_WORKERS ?= auto

.PHONY: run test install install-dev migrate demo serve lint typecheck pytest browser messages clean

run: install migrate demo serve

test: install-dev lint typecheck browser pytest

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

demo: install
	$(PY) manage.py load_demo

# The task worker and the urging loop run beside the web server; all stop together
# on Ctrl-C. urge_tasks queues the day's reminders for the worker; it runs every
# hour so that a new day is caught soon after midnight, and never urges twice a day.
serve: install
	@$(PY) manage.py demo_accounts
	@echo "Mở http://$(HOST):$(PORT)/ trong trình duyệt. Dừng bằng Ctrl-C."
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --queue-name '*' --no-reload & \
	while :; do $(PY) manage.py urge_tasks --verbosity 0; sleep 3600; done & \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install-dev
	$(VENV)/bin/mypy .

# Browser tests drive Debian's Chromium. Install it when we can (root, apt);
# where we cannot, those tests skip and say why.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests…"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "Could not install chromium: browser tests will be skipped."; \
	else echo "No /usr/bin/chromium and cannot install it: browser tests will be skipped."; fi

pytest: install-dev
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Refresh the translation catalogues after changing user-facing text.
messages: install-dev
	cd lienhiep && ../$(PY) ../manage.py makemessages --locale vi --locale en --no-obsolete --no-location
	cd lienhiep && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
