"""Loads and checks form definitions (the commission's format as data, in forms/)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.form import Column, Form, ReportSpec, Section, TableSpec
from desktop.forms.definition import FORM_FILE, load_form
from desktop.paths import forms_dir

__all__ = ["Column", "Form", "ReportSpec", "Section", "TableSpec", "available_forms",
           "find_form", "form_folders", "load_form"]

SEARCH_PATH_VARIABLE = "PLANEVAL_FORMS"


def form_folders() -> list[Path]:
    """Where definitions are looked for: $PLANEVAL_FORMS folders first, then the shipped ones."""
    extra = [Path(p) for p in os.environ.get(SEARCH_PATH_VARIABLE, "").split(os.pathsep) if p]
    return [*extra, forms_dir()]


def available_forms() -> list[Form]:
    """Every definition on the search path that loads, first occurrence of each id."""
    forms: dict[str, Form] = {}
    for root in form_folders():
        if not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if (p / FORM_FILE).is_file()):
            try:
                form = load_form(folder)
            except InputError:
                continue  # a broken folder is reported by `planeval form check`
            forms.setdefault(form.id, form)
    return list(forms.values())


def find_form(form_id: str) -> Form:
    """Load definition `form_id` from the first folder on the search path that has it."""
    for root in form_folders():
        if (root / form_id / FORM_FILE).is_file():
            return load_form(root / form_id)
    raise InputError(f"找不到格式定义“{form_id}”。请确认 forms 文件夹中有该格式，"
                     f"或用环境变量 {SEARCH_PATH_VARIABLE} 指明其所在位置。")
