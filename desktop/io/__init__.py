"""Formats in and out: assignment xlsx, documents, packages. Pure functions; no Qt."""
