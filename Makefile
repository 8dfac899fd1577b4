# `make validate` (the main job) and `make test` (the tests) each set up .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
FORMAT ?= text
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SRC    := src tests scripts

.PHONY: validate test lint format hashes docs build constraints clean

## validate: check the package against every rule, then print its tables
validate: $(STAMP)
	$(BIN)/foreign-fighters validate --format $(FORMAT)
	$(BIN)/foreign-fighters show

## test: the whole test suite, slow tests included (deselect with: make test PYTEST_ARGS='-m "not slow"')
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check $(SRC)
	$(BIN)/ruff format --check $(SRC)

format: $(STAMP)
	$(BIN)/ruff check --fix $(SRC)
	$(BIN)/ruff format $(SRC)

## hashes: after editing a CSV, refresh every resource's sha256 and bytes, and the README's generated sections
hashes: $(STAMP)
	$(BIN)/python scripts/update_hashes.py
	$(BIN)/python scripts/render_readme.py

## docs: re-render the README's data dictionary and rules from datapackage.json and the rule catalogue
docs: $(STAMP)
	$(BIN)/python scripts/render_readme.py

build: $(STAMP)
	$(BIN)/python -m build --no-isolation --outdir dist .

## constraints: re-pin the exact versions CI installs
constraints: $(STAMP)
	$(BIN)/python -m pip install --quiet --upgrade -e '.[dev]'
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -viE '^(foreign-fighters|pip|setuptools)=='; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# The version lives in datapackage.json: reinstall when it changes so the metadata follows.
$(STAMP): pyproject.toml constraints.txt datapackage.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache
