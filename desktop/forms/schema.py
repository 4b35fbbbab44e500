"""The JSON Schemas of a form folder's files (forms/schemas/), applied by `form check`.

The schemas are the published reference of every key; the loader (definition.py,
export_spec.py) then checks what a schema cannot say (a role naming a column that exists,
a grade map covering every choice). Messages are Chinese, naming file and key.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from desktop.paths import forms_dir

SCHEMA_FOLDER = "schemas"
# file in a form folder -> its schema; units.json may be named otherwise by form.json
FILES = {"form.json": "form.schema.json", "units.json": "units.schema.json",
         "export.json": "export.schema.json"}
# form.json of another round kind ("kind": "compilation") -> its schema
KIND_SCHEMAS = {"compilation": "compilation.schema.json"}


def schemas_dir() -> Path:
    return forms_dir() / SCHEMA_FOLDER


@cache
def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((schemas_dir() / name).read_text(encoding="utf-8"))
    return data


def _where(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "（顶层）"


def _message(error: Any) -> str:
    """A jsonschema error in Chinese."""
    v, value = error.validator, error.validator_value
    if v == "required":
        missing = [k for k in value if isinstance(error.instance, dict) and k not in error.instance]
        return f"缺少键“{'”“'.join(missing)}”"
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"不认识的键“{'”“'.join(extra)}”（拼写错误？见 docs/forms.md）"
    names = {"string": "文字", "number": "数字", "integer": "整数", "boolean": "true/false",
             "array": "列表 […]", "object": "对象 {…}"}
    if v == "type":
        kinds = value if isinstance(value, list) else [value]
        return "类型应为" + "或".join(str(names.get(k, k)) for k in kinds)
    if v in ("enum", "const"):
        options = value if isinstance(value, list) else [value]
        return f"应为 {'、'.join(map(str, options))} 之一，现为“{error.instance}”"
    if v == "pattern":
        return f"“{error.instance}”的写法不对（应符合 {value}）"
    if v in ("minItems", "minLength"):
        return "不能为空"
    if v == "anyOf":
        return "缺少所需的键（见 docs/forms.md）"
    return str(error.message)


def file_problems(path: Path, schema_name: str) -> list[str]:
    """Every way one file departs from its schema, as 文件“…”：键“…”：problem."""
    from jsonschema import Draft202012Validator  # only when checking a folder

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return []  # the loader names these faults itself
    validator = Draft202012Validator(schema(schema_name))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [f"文件“{path}”：键“{_where(e.absolute_path)}”{_message(e)}" for e in errors]


def schema_problems(folder: Path) -> list[str]:
    """The schema faults of a form folder's form.json, units file and export.json."""
    units, kind = "units.json", ""
    try:
        declared = json.loads((folder / "form.json").read_text(encoding="utf-8"))
        named, kind = declared.get("units"), declared.get("kind", "")
        units = named if isinstance(named, str) and named else units
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        pass
    form_schema = KIND_SCHEMAS.get(kind, FILES["form.json"]) if isinstance(kind, str) else None
    problems = file_problems(folder / "form.json", form_schema or FILES["form.json"])
    if (folder / units).is_file() and Path(units).name == units:
        problems += file_problems(folder / units, FILES["units.json"])
    if (folder / "export.json").is_file():
        problems += file_problems(folder / "export.json", FILES["export.json"])
    return problems
