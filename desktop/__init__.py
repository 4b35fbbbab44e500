"""planeval: offline Five-Year Plan evaluation for district departments."""

__version__ = "0.1.0"
