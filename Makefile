# Utbetalinger for tiltaksarrangører. `make demo` and `make test` are the two commands of a fresh machine;
# both set up what they need on first use.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installert

.PHONY: setup emulators emulators-stop emulators-status test test-unit test-integration lint infra-check bundle demo \
        bench-beregning bench-generering bench-utbetaling bench-prognose bench-utsending-feil clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

## setup: virtualenv + install, and check Java and the Firestore/Pub/Sub emulator packages
setup: $(STAMP)
	@bash emulators/forutsetninger.sh

## emulators / emulators-stop: the local Google Cloud (Firestore, Pub/Sub, GCS, functions host)
emulators: setup
	$(BIN)/python -m emulators start

emulators-stop:
	@test -x $(BIN)/python && $(BIN)/python -m emulators stop || true

emulators-status:
	$(BIN)/python -m emulators status

## test: unit + integration; starts the stack if none runs and stops what it started. The functions host gets a
## 1 s recalculation delay (OMBEREGNING_FORSINKELSE_S, read when the stack starts), so recalculation tests are fast.
test: setup
	OMBEREGNING_FORSINKELSE_S=$${OMBEREGNING_FORSINKELSE_S:-1} \
	  $(BIN)/python -m emulators med-stack -- $(BIN)/pytest tests

## test-unit: no emulator, no network, seconds
test-unit: $(STAMP)
	$(BIN)/pytest tests/unit

test-integration: setup
	OMBEREGNING_FORSINKELSE_S=$${OMBEREGNING_FORSINKELSE_S:-1} \
	  $(BIN)/python -m emulators med-stack -- $(BIN)/pytest tests/integration

lint: $(STAMP)
	$(BIN)/ruff check shared functions emulators tests benchmarks
	$(BIN)/ruff format --check shared functions emulators tests benchmarks
	$(BIN)/mypy
	$(MAKE) --no-print-directory infra-check

## infra-check: Terraform checks that run offline (validate cannot: no provider registry; see infra/README.md)
# checkov has its own venv: in .venv it would downgrade `packaging` and add ~80 packages to every install.
CHECKOV_VENV := .venv-checkov
$(CHECKOV_VENV)/.installert:
	@test -x $(CHECKOV_VENV)/bin/python || $(PY) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install -q 'checkov==3.3.30'
	@touch $@

infra-check: $(STAMP) $(CHECKOV_VENV)/.installert
	$(BIN)/terraform fmt -check -recursive -diff infra
	$(CHECKOV_VENV)/bin/checkov -d infra --framework terraform --skip-download --quiet --compact

## bundle: one deployable folder per function under build/
bundle: $(STAMP)
	$(BIN)/python -m emulators.bundle

## demo: the main job on the local stack, with a realistic sample data set
demo: setup
	OMBEREGNING_FORSINKELSE_S=$${OMBEREGNING_FORSINKELSE_S:-5} \
	  $(BIN)/python -m emulators med-stack --behold -- $(BIN)/python -m emulators.demo

bench-beregning: $(STAMP)
	$(BIN)/python benchmarks/bench_beregning.py

## bench-prognose: backtest of the spend forecast on a synthetic growing year (pure domain, no emulators, seconds)
bench-prognose: $(STAMP)
	$(BIN)/python benchmarks/bench_prognose.py

## bench-generering: the §13 sizing (BENCH_SKALA=0.1 for a tenth) on a stack of its own (ports +600,
## .run-bench), sized for 250 000 documents (Firestore heap 3 GiB); the host gets a 1 s recalculation delay
BENCH_STACK := UTBETALING_STACK_PORTFORSKYVNING=600 UTBETALING_STACK_KJOREMAPPE=.run-bench \
	UTBETALING_STACK_JAVA_FIRESTORE="-Xmx3g -XX:+UseParallelGC"
bench-generering: setup
	$(BENCH_STACK) OMBEREGNING_FORSINKELSE_S=$${OMBEREGNING_FORSINKELSE_S:-1} \
	  $(BIN)/python -m emulators med-stack -- $(BIN)/python benchmarks/bench_generering.py

## bench-utbetaling: 10 000 lines (BENCH_LINJER=N) on a stack of its own (ports +800, .run-bench-utb); the
## Firestore emulator runs out of its default heap at this size
BENCH_UTB_STACK := UTBETALING_STACK_PORTFORSKYVNING=800 UTBETALING_STACK_KJOREMAPPE=.run-bench-utb \
	UTBETALING_STACK_JAVA_FIRESTORE="-Xmx2g -XX:+UseParallelGC"
bench-utbetaling: setup
	$(BENCH_UTB_STACK) $(BIN)/python -m emulators med-stack -- $(BIN)/python benchmarks/bench_utbetaling.py

## bench-utsending-feil: the outbox fault test (issue 17 item 4) on a stack of its own (ports +700): kills the
## functions host while the dispatcher holds its lease, prints time to recovery and duplicates
BENCH_FEIL_STACK := UTBETALING_STACK_PORTFORSKYVNING=700 UTBETALING_STACK_KJOREMAPPE=.run-bench-feil
bench-utsending-feil: setup
	$(BENCH_FEIL_STACK) $(BIN)/python -m emulators med-stack -- $(BIN)/python benchmarks/feil_utsending.py

## bench-api: arrangør API list/detail p50/p95 and reads per request through the functions host (issue 5)
bench-api: setup
	$(BIN)/python -m emulators med-stack -- $(BIN)/python benchmarks/bench_api.py

clean: emulators-stop
	rm -rf build .run .pytest_cache .mypy_cache .ruff_cache
