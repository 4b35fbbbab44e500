"""Loads and checks form definitions (the commission's format as data, in forms/)."""
