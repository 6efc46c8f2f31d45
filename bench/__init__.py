"""eOffice benchmarks: `make bench` (see docs/benchmarks.md).

bench.run     command line; the parent process creates a fresh database per
              engine and runs one child process per engine (`--db`)
bench.dataset the benchmark organisation and the bulk loader (COPY / executemany)
bench.measure registration throughput and inbox latency, each against raw SQL
bench.report  machine info, bench/results/<date>.json and docs/benchmarks.md
"""
