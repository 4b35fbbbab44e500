"""Loads and checks form definitions (the commission's format as data, in forms/)."""

from desktop.forms.definition import Column, Form, ReportSpec, Section, TableSpec, load_form
from desktop.paths import forms_dir

__all__ = ["Column", "Form", "ReportSpec", "Section", "TableSpec", "load_form", "find_form"]


def find_form(form_id: str) -> Form:
    """Load the shipped definition forms/<form_id>/."""
    return load_form(forms_dir() / form_id)
