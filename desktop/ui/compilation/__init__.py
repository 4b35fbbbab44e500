"""The unit's window for a compilation round (编制): topics and documents, milestones."""

from desktop.ui.compilation.window import CompilationWindow, open_compilation_window

__all__ = ["CompilationWindow", "open_compilation_window"]
