"""Benchmarks (`make bench`). Real data is read from ../shared/data and never copied into the repository."""
