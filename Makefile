# eOffice — the two commands a new user needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_PASSWORD ?= eoffice2026
export DEMO_PASSWORD
STAMP := $(VENV)/.installed

.PHONY: run dev test lint bench install system-packages lock migrate demo clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

install: $(STAMP)

# Debian packages: the features need fonts-liberation2 (PDF rendering) and
# tesseract (OCR); the browser tests also need chromium (BROWSER=1). Installed
# when we are root; otherwise a clear message names them.
SYSTEM_PACKAGES := fonts-liberation2 tesseract-ocr tesseract-ocr-vie chromium
system-packages:
	@missing=""; \
	[ -d /usr/share/fonts/truetype/liberation2 ] || missing="$$missing fonts-liberation2"; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr"; \
	tesseract --list-langs 2>/dev/null | grep -qx vie || missing="$$missing tesseract-ocr-vie"; \
	[ -z "$(BROWSER)" ] || [ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "ERROR: missing Debian packages:$$missing — install them with: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

run: install system-packages
	@# var/ holds the secret key, the database and the files: for this account only.
	@mkdir -p var && chmod 700 var
	@[ -f var/secret_key ] || (umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key)
	SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py migrate --noinput
	SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py load_demo
	SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py search_repair
	@echo "eOffice: http://127.0.0.1:$(PORT)/  —  demo logins: vanthu, chanhvp, phochanhvp, pcttub, truongphong, chuyenvien, kiemtra, vanthu2, motcua, admin; public pages: /thu-tuc/, /tra-cuu-ho-so/; password: $(DEMO_PASSWORD)"
	SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py collectstatic --noinput -v0
	@# gunicorn (workers and threads from the CPU count) and the background worker,
	@# each restarted by supervisord if it stops: deploy/gunicorn.conf.py, deploy/supervisord.conf.
	SECRET_KEY=$$(cat var/secret_key) PORT=$(PORT) EOFFICE_DEBUG=$${EOFFICE_DEBUG:-0} \
	  EOFFICE_ROOT=$(CURDIR) EOFFICE_BIN=$(CURDIR)/$(BIN) EOFFICE_VAR_DIR=$${EOFFICE_VAR_DIR:-$(CURDIR)/var} \
	  $(BIN)/supervisord -c deploy/supervisord.conf

# For developers: Django's auto-reloading server in debug mode, and the worker.
dev: install
	@mkdir -p var && chmod 700 var
	@[ -f var/secret_key ] || (umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key)
	SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py migrate --noinput
	@export SECRET_KEY=$$(cat var/secret_key) EOFFICE_DEBUG=1; \
	$(BIN)/python manage.py run_huey --quiet & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite on the database named by DATABASE_URL (default: SQLite).
test: install
	@$(MAKE) --no-print-directory system-packages BROWSER=1
	SECRET_KEY=test-secret-key EOFFICE_TASKS=immediate EOFFICE_VAR_DIR=$(CURDIR)/var/test \
	  $(BIN)/pytest -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	SECRET_KEY=lint $(BIN)/mypy
	SECRET_KEY=lint $(BIN)/python manage.py makemigrations --check --dry-run >/dev/null

bench: install
	SECRET_KEY=bench-secret-key EOFFICE_TASKS=immediate $(BIN)/python -m bench.run $(BENCH_ARGS)

lock:
	$(BIN)/pip freeze --exclude-editable | grep '==' | sed '1i # Exact versions for reproducible installs (regenerate with: make lock)' > constraints.txt

clean:
	rm -rf var/test
