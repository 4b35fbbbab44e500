"""Benchmarks that print figures (run as scripts from the project root)."""
