"""The domain, free of Qt: importable and testable with no display."""
