# Shortcuts; the scripts do the work (and the set-up) so a machine without make can run them too.
.PHONY: run test bench
run:
	bash scripts/run.sh
test:
	bash scripts/test.sh
bench:
	bash scripts/bootstrap.sh && .venv/bin/python benchmarks/bench_core.py
