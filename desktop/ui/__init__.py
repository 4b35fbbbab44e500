"""PySide6 only: windows, pages, models and dialogs. Calls core/store/io, never the reverse."""
