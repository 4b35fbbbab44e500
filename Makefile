# Tasks. `make` runs the tests (lint and types are part of the suite).
.PHONY: test demo lint bench bundle smoke hostile

test:
	bash packaging/bootstrap.sh test

demo:
	bash packaging/bootstrap.sh demo

lint:
	.venv/bin/ruff check desktop tests bench tools packaging
	.venv/bin/mypy

bench:
	for b in bench/bench_*.py; do echo "== $$b"; .venv/bin/python $$b; done

bundle:
	bash packaging/build.sh

smoke:
	.venv/bin/python packaging/smoke.py

# The long variants of the hostile-input harness (docs/RELIABILITY.md); about half an hour.
hostile:
	PLANEVAL_LONG=1 .venv/bin/python -m pytest tests/test_harness_mutations.py \
		tests/test_harness_fuzz.py tests/test_harness_kill.py -s -v --hypothesis-show-statistics
