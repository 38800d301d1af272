"""Tools for measuring and testing the atlas from a checkout: starting a server, free ports,
percentiles and memory. Used by benchmarks/, deploy/load.py and tests/e2e; the app never
imports this package (tests/test_devtools.py checks)."""
