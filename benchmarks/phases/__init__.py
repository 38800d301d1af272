"""The phases of benchmarks/run.py (`make bench`), one module each, and the report."""
