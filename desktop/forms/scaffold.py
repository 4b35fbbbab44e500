"""`planeval form new DIR`: a form folder to start from, valid as written.

Every value is an example to change (docs/forms.md explains each key); `form check`
accepts the folder as it is, so a commission edits from something that works.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.errors import InputError, os_reason

ABCD = ["A", "B", "C", "D"]


def _form(form_id: str, district: str) -> dict[str, Any]:
    reason = {"id": "reason", "title": "未达预期进度的原因",
              "required_when": {"column": "conclusion", "in": ["C", "D"]},
              "message": "对未能达到预期进度的，要说明原因"}
    return {
        "$schema": "../schemas/form.schema.json",
        "format": "planeval.form/1", "id": form_id, "version": "1.0.0",
        "title": f"{district}“十四五”规划实施中期评估", "district": district,
        "round": "“十四五”规划中期评估", "source": "（发文字号）", "units": "units.json",
        "period": {"start": "2021-01-01", "end": "2025-12-31"},
        "cutoffs": {
            "annual": {"date": "2022-12-31", "title": "年度指标采用 2022 年数"},
            "cumulative": {"date": "2023-06-30", "title": "累计指标采用截至 2023 年 6 月数"}},
        "stages": [{"id": "draft", "title": "初稿", "due": "2023-05-15"},
                   {"id": "final", "title": "定稿", "due": "2023-07-10", "signoff": True}],
        "tables": [
            {"id": "indicators", "title": "主要指标评估表", "attachment": "附件1",
             "assignment_columns": [{"id": "name", "title": "指标"},
                                    {"id": "unit", "title": "单位"},
                                    {"id": "target", "title": "规划目标"}],
             "answer_columns": [
                 {"id": "mid_value", "title": "中期完成数", "required": True, "kind": "figure"},
                 {"id": "conclusion", "title": "评估结论", "required": True, "choices": ABCD},
                 {"id": "end_value", "title": "预计期末完成数", "required": True,
                  "kind": "figure"},
                 reason, {"id": "adjustment", "title": "调整意见"}],
             "roles": {"target": "target", "unit": "unit", "mid_value": "mid_value",
                       "conclusion": "conclusion", "end_value": "end_value",
                       "reason": "reason", "adjustment": "adjustment"}},
            {"id": "tasks", "title": "主要任务评估表", "attachment": "附件2",
             "assignment_columns": [{"id": "content", "title": "主要任务"}],
             "answer_columns": [
                 {"id": "progress", "title": "推进情况", "required": True},
                 {"id": "conclusion", "title": "评估结论", "required": True, "choices": ABCD},
                 reason],
             "roles": {"conclusion": "conclusion", "reason": "reason"}},
        ],
        "report": {
            "per": "plans", "title": "“十四五”规划中期评估报告", "attachment": "附件3",
            "document": "中期评估报告",
            "sections": [
                {"id": "part1", "title": "一、规划实施总体情况", "sections": [
                    {"id": "part1_indicators", "title": "（一）主要指标完成情况",
                     "table": "indicators", "text": True, "required": False},
                    {"id": "part1_tasks", "title": "（二）主要任务推进情况",
                     "guidance": "以项目化、举措化、数字化形式反映进展及成效。"}]},
                {"id": "part2", "title": "二、存在的问题", "guidance": "分析主要问题及原因。"},
                {"id": "part3", "title": "三、下一步举措", "guidance": "提出具体工作举措。"},
                {"id": "cases", "title": "附件：典型案例", "annex": True, "required": False}]},
        "notes": [],
    }


UNITS = {
    "$schema": "../schemas/units.schema.json",
    "format": "planeval.units/1",
    "aliases": {"（简称）": "（全称）"},
    "kinds": {"街道": {"suffixes": ["街道"]}, "镇": {"suffixes": ["镇"]}},
    "units": [],
    "collectives": {"各街镇": {"kinds": ["街道", "镇"]}},
}


def write_scaffold(folder: Path, *, form_id: str = "", district: str = "某区") -> Path:
    """Write form.json and units.json into a new (or empty) folder; returns the folder."""
    if folder.exists() and any(folder.iterdir()):
        raise InputError(f"文件夹“{folder}”已存在且不为空，请换一个新的文件夹")
    form = _form(form_id or folder.name, district)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in (("form.json", form), ("units.json", UNITS)):
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            (folder / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"无法写入“{folder}”：{os_reason(exc)}") from None
    return folder
