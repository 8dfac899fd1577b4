# `make validate` (the main job) and `make test` (the tests) each set up .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
FORMAT ?= text
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SRC    := src tests scripts
# CKAN's release with the exact versions it was tested with (its `requirements` extra), and HDX's client.
PORTALS := 'ckan[requirements]==2.12.0' 'hdx-python-api==6.7.6'

.PHONY: validate test test-fast lint format hashes docs bump build dist site bench portals constraints mutation clean

## validate: check the package against every rule; the verdict is the last line
validate: $(STAMP)
	$(BIN)/foreign-fighters validate --format $(FORMAT)

## test: the whole test suite, slow tests included (deselect with: make test PYTEST_ARGS='-m "not slow"')
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## test-fast: every rule's tests (each rule broken and caught, valid data passing), in about a minute on two
#   processes; the tests marked `fast` (tests/conftest.py). Run `make test` before opening a pull request.
FAST_A := tests/test_catalogue.py tests/test_quotes.py tests/test_safety.py
FAST_B := tests/test_rules.py tests/test_contract.py tests/test_descriptor.py tests/test_data.py tests/test_contributing.py tests/test_provenance.py tests/test_origin_names.py tests/test_neighbour.py
test-fast: $(STAMP)
	@log=$$(mktemp); \
	$(BIN)/python -m pytest -q -m fast -p no:cacheprovider $(FAST_A) $(PYTEST_ARGS) > $$log 2>&1 & a=$$!; \
	$(BIN)/python -m pytest -q -m fast -p no:cacheprovider $(FAST_B) $(PYTEST_ARGS); b=$$?; \
	wait $$a; a=$$?; cat $$log; rm -f $$log; \
	test $$a -eq 0 -a $$b -eq 0

lint: $(STAMP)
	$(BIN)/ruff check $(SRC)
	$(BIN)/ruff format --check $(SRC)
	$(BIN)/mypy --strict src

format: $(STAMP)
	$(BIN)/ruff check --fix $(SRC)
	$(BIN)/ruff format $(SRC)

## hashes: after editing a CSV, refresh every resource's sha256 and bytes, and the README's generated sections
hashes: $(STAMP)
	$(BIN)/python -m publish.hashes
	$(BIN)/python -m publish.readme
	$(BIN)/python -m publish.chart

## bump: release what CHANGELOG.md lists under [Unreleased] as a new version (PART=major|minor|patch, as `foreign-fighters diff` advises)
bump: $(STAMP)
	@test -n "$(PART)" || { echo "make bump PART=major|minor|patch"; exit 2; }
	$(BIN)/python -m publish.bump $(PART)

## docs: re-render the README's generated sections and docs/chart.svg from datapackage.json and the data
docs: $(STAMP)
	$(BIN)/python -m publish.readme
	$(BIN)/python -m publish.chart

build: $(STAMP)
	$(BIN)/python -m build --no-isolation --outdir dist .

## dist: every release artifact into dist/ (wheel, sdist, data zip, CSV, JSON, Excel, portal metadata, SHA256SUMS), each checked
dist: $(STAMP)
	$(BIN)/python -m publish.release --out dist

## site: the landing page and its downloads into dist/site/ (runs dist first)
site: dist
	$(BIN)/python -m publish.site --dist dist

## bench: scripts/benchmark.py against .venv-bench (the package and its validate extra only, as a user installs it)
bench: $(STAMP)
	test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt '.[validate]' frictionless  # frictionless: the yardstick
	.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall .  # this tree's code, even at the same version
	$(BIN)/python scripts/benchmark.py --python .venv-bench/bin/python $(BENCH_ARGS)

## portals: .venv-portals with CKAN and hdx-python-api, whose own code checks the portal metadata in the tests
# (tests/test_portals_ckan_hdx.py, scripts/check_portals.py; about 1.5 minutes to install). A venv of its own:
# CKAN pins every dependency exactly and hdx-python-utilities wants python-dateutil<3.1, at odds with constraints.txt.
portals: .venv-portals/.installed

.venv-portals/.installed: Makefile
	test -x .venv-portals/bin/python || $(PYTHON) -m venv .venv-portals
	.venv-portals/bin/python -m pip install --quiet --disable-pip-version-check $(PORTALS)
	touch $@

## constraints: re-pin the exact versions CI installs
constraints: $(STAMP)
	$(BIN)/python -m pip install --quiet --upgrade -e '.[dev]'
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -viE '^(foreign-fighters|pip|setuptools)=='; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# Reinstall only when what is installed changes. The version lives in datapackage.json, which a checkout's
# package reads at run time (package.python_version): editing data or `make bump` needs no reinstall.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

## mutation: mutation-test the rules (their bodies included) and the reader with mutmut, in a clone under build/mutation (slow: hours on 2 CPUs; not in CI), then the score
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt 'mutmut==3.8.1'
	$(BIN)/python scripts/mutation.py $(MUTATION_ARGS)

clean:
	rm -rf $(VENV) .venv-bench .venv-portals dist build mutants .pytest_cache .ruff_cache .mypy_cache
