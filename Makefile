# Two commands matter: `make run` (the main job on the bundled site) and `make test`.
# Both set everything up first. `make help` lists the rest.

PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
KB     := $(VENV)/bin/kb
STAMP  := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.DEFAULT_GOAL := help
.PHONY: help install browser proxy run demo crawl crawl-sample ingest ui test test-fast lint clean reranker bench-quality bench bench-search bench-ingest bench-ui nightly bench-kill

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {gsub(/\$$\(PORT\)/, "$(PORT)", $$2); printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# pip's output goes to a log (its warnings about this machine's package indexes alone are
# ~180 lines); on a failure the log's tail is shown with its path
INSTALL_LOG := $(VENV)/install.log
$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	@echo "installing the pinned stack into $(VENV) (minutes the first time; log: $(INSTALL_LOG))"
	@# torch is pinned to the CPU build on this machine's disk (requirements.lock): never a CUDA build
	@( $(PY) -m pip install --progress-bar off --upgrade pip \
	  && $(PY) -m pip install --progress-bar off -r requirements.lock \
	  && $(PY) -m pip install --progress-bar off --no-deps -e . \
	  && $(PY) -m pip check ) > $(INSTALL_LOG) 2>&1 \
	  || { tail -n 30 $(INSTALL_LOG); echo "make install FAILED: the whole log is $(INSTALL_LOG)"; exit 1; }
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned stack (models and DuckDB extensions included)

browser: ## Install Debian's Chromium for the browser tests (needs root + apt)
	@if [ -x /usr/bin/chromium ]; then echo "chromium: $$(/usr/bin/chromium --version)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
		 && /usr/bin/chromium --version) || echo "could not install chromium: browser tests will be skipped"; \
	else echo "chromium missing and cannot install it here: browser tests will be skipped"; fi

proxy: ## Install Debian's nginx and openssl for the team-mode tests (needs root + apt)
	@if [ -x /usr/sbin/nginx ] && command -v openssl >/dev/null; then echo "nginx: $$(/usr/sbin/nginx -v 2>&1)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx openssl >/dev/null \
		 && /usr/sbin/nginx -v) || echo "could not install nginx: the team-mode proxy tests will be skipped"; \
	else echo "nginx missing and cannot install it here: the team-mode proxy tests will be skipped"; fi

PORT ?= 8501
run: install ## Serve the sample site on 127.0.0.1, crawl it (twice: an edit), ingest, open the UI on :$(PORT) (PORT=8502 for another)
	$(KB) demo --ui-port $(PORT)

crawl: install ## Crawl your outlets in data/sources.toml into data/warc (README: "Adding a real outlet")
	$(KB) crawl

crawl-sample: install ## Crawl the bundled sample site (served on 127.0.0.1) into data/warc
	$(KB) crawl --sample-site

nightly: install ## Unattended run: crawl (only new/changed), ingest, track, report (docs/operations.md)
	$(KB) nightly $(NIGHTLY_ARGS)

bench-kill: install ## 20 random kill -9s during crawl + ingest of the sample site: lost / duplicated, recovery time
	$(PY) -m benchmarks.killbench --kills 20

ingest: install ## Ingest data/warc into data/kb.duckdb (idempotent)
	$(KB) ingest data/warc

ui: install ## Start the Streamlit app on 127.0.0.1:$(PORT) over data/kb.duckdb (PORT=8502 for another)
	$(KB) ui --port $(PORT)

test: install browser proxy ## Run the whole test suite (unit, integration crawl, UI, browser)
	$(PY) -m pytest -q

test-fast: install ## Unit tests only (no crawl, no browser)
	$(PY) -m pytest -q -m "not integration and not browser"

EVAL ?= ../shared/eval
QUALITY := build/quality
RERANKER ?= data/reranker-clef2020
reranker: install ## Tune the search reranker on CLEF 2020 train (~15 min); then search with KB_RERANKER=data/reranker-clef2020
	$(KB) train-reranker --out $(RERANKER) --clef $(EVAL)/clef2020-checkthat-task2 --cache build/cache

CT24 := $(EVAL)/checkthat2024-task1-en
# Each part on the data it was tuned on, a held-out part nothing was chosen on (splits made once,
# seeded: benchmarks/quality.py SPLITS) and dev scored once; docs/benchmarks.md "Measurement protocol"
bench-quality: export KB_EVAL := $(abspath $(EVAL))
bench-quality: install ## Quality on third-party data (../shared/eval) and the gold sets: tuned-on / held-out / dev figures, each beside a baseline
	@mkdir -p $(QUALITY)
	$(PY) -m benchmarks.quality splits
	$(PY) -m benchmarks.quality extraction --evaldata $(EVAL)/trafilatura-eval/evaldata.json --html-dir $(EVAL)/trafilatura-eval/html --json > $(QUALITY)/extraction.json
	@if [ -f benchmarks/article_gate.py ]; then \
	  $(PY) -m benchmarks.article_gate --split tune --json > $(QUALITY)/gate-tune.json && \
	  $(PY) -m benchmarks.article_gate --split holdout --json > $(QUALITY)/gate-holdout.json; fi
	@test -f benchmarks/checkworthy_compare.py || test -f data/checkworthy-ct24.json || $(KB) train-checkworthy --tsv $(CT24)/CT24_checkworthy_english_train.tsv --out data/checkworthy-ct24.json
	$(PY) -m benchmarks.quality checkworthy-splits --train-tsv $(CT24)/CT24_checkworthy_english_train.tsv --tsv $(CT24)/CT24_checkworthy_english_dev.tsv $$(test -f data/checkworthy-ct24.json && echo --model data/checkworthy-ct24.json) --candidates --json > $(QUALITY)/checkworthy.json
	$(PY) -m benchmarks.quality figures --cases $(EVAL)/quantulum3-tests/quantities.json --json > $(QUALITY)/figures.json
	@test -f $(RERANKER)/kb-reranker.json || $(KB) train-reranker --out $(RERANKER) --clef $(EVAL)/clef2020-checkthat-task2 --cache build/cache
	$(PY) -m benchmarks.quality retrieval --split train --no-ablation --reranker $(RERANKER) --cache build/cache --json > $(QUALITY)/retrieval-train.json
	$(PY) -m benchmarks.quality retrieval --split dev --reranker $(RERANKER) --cache build/cache --json > $(QUALITY)/retrieval.json
	@# the configured cut-off (chosen on train in 12d291b) scored on train and, once, on dev
	$(PY) -m benchmarks.search_cutoff --split train --cutoff $$($(PY) -c 'from kb.config import SearchSettings; print(SearchSettings().weak_cosine)') --cache build/cache > $(QUALITY)/cutoff-train.json
	$(PY) -m benchmarks.search_cutoff --split dev --cutoff $$($(PY) -c 'from kb.config import SearchSettings; print(SearchSettings().weak_cosine)') --cache build/cache > $(QUALITY)/cutoff-dev.json
	$(PY) -m benchmarks.quality paraphrase --mrpc $(EVAL)/mrpc/msr_paraphrase_train.txt --json > $(QUALITY)/paraphrase.json
	$(PY) -m benchmarks.quality_table $(QUALITY)

BENCH_SIZES ?= 10000,100000
INGEST_SIZES ?= 1000
UI_CLAIMS ?= 100000
bench: bench-search bench-ingest bench-ui bench-kill ## All speed tables: search, ingest, the app in a browser, kill/recovery (over an hour on 2 cores)

bench-search: install ## Search latency before/after, BM25 and exact vs HNSW recall@10; BENCH_SIZES=10000,100000,1000000 for 1M (slow)
	$(PY) -m benchmarks.search_speed --sizes $(BENCH_SIZES)

bench-ui: install browser ## The app in Chromium over a benchmark DB of UI_CLAIMS (100000): type-to-results ms, server memory
	$(PY) -m benchmarks.ui_bench build/bench/ui-$(UI_CLAIMS).duckdb --claims $(UI_CLAIMS) --source source-7

bench-ingest: install ## Ingest speed: articles/s, CPU s/article, peak memory, ours vs the naive baseline (INGEST_SIZES=1000,10000)
	$(PY) -m benchmarks.ingest_speed --sizes $(INGEST_SIZES)

LINTED := kb crawler ui tests benchmarks data/sample_site_src
lint: install ## ruff (lint + format check), mypy over kb/, the import layers (import-linter); each fails on a violation
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

clean: ## Remove runtime output (WARCs, database), keep the venv
	rm -rf data/warc data/kb.duckdb data/kb.duckdb.wal data/kb.duckdb.bm25 data/kb.duckdb.bm25.json data/kb.duckdb.vectors.* data/kb.duckdb.write-wanted
