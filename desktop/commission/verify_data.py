"""What a validly signed package must say consistently, and replays at intake.

A signature proves who sent the bytes, not that the bytes agree with each other: data.json
must name the department, stage, form (and round and district, when it carries them)
that META-INF/planeval.json names, and a final (定稿) must carry the leader's sign-off
and no open error in its own findings. These checks are cheap and run in every verify.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from desktop.commission.verify_cms import Rejected
from desktop.io.package import ManifestInfo
from desktop.io.package_names import DATA_NAME

if TYPE_CHECKING:
    from desktop.commission.verify import VerifyResult

DATA_SCHEMA = "planeval.data/1"
FINAL = "final"


def check_data(members: Mapping[str, bytes], info: ManifestInfo) -> None:
    """Raise Rejected("data" | "final") unless data.json agrees with the metadata."""
    data = _load(members[DATA_NAME])
    form = data.get("form")
    claims = {
        "单位": (data.get("department"), info.department),
        "报送阶段": (data.get("stage"), info.stage),
        "格式": (form.get("id") if isinstance(form, dict) else None, info.form_id),
    }
    for key, label, expected in (("round", "评估轮次", info.round),
                                 ("district", "区", info.district)):
        if key in data:
            claims[label] = (data[key], expected)
    for label, (said, expected) in claims.items():
        if said != expected:
            raise Rejected("data", f"data.json 中的{label}“{_show(said)}”与材料包清单中的"
                                   f"“{expected}”不一致，材料包内容前后矛盾，已拒收。")
    if info.stage == FINAL:
        _check_final(data)


def _load(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except Exception as exc:  # UnicodeDecodeError, ValueError, RecursionError ...
        raise Rejected("data", "data.json 不是有效的 UTF-8 JSON 文件。") from exc
    if not isinstance(data, dict) or data.get("schema") != DATA_SCHEMA:
        raise Rejected("data", f"data.json 的格式不受支持（应为 {DATA_SCHEMA}）。")
    return data


def _check_final(data: dict[str, Any]) -> None:
    signoff = data.get("signoff")
    if not (isinstance(signoff, dict) and _text(signoff.get("leader"))
            and _text(signoff.get("date"))):
        raise Rejected("final", "定稿缺少分管区领导的审核签字（data.json 中 signoff 为空）。")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise Rejected("final", "定稿的 data.json 缺少问题清单（findings）。")
    errors = [f for f in findings if not isinstance(f, dict) or f.get("severity") != "warning"]
    if errors:
        first = errors[0].get("message", "") if isinstance(errors[0], dict) else ""
        raise Rejected("final", f"定稿仍有 {len(errors)} 个未解决的错误"
                                + (f"，例如：{_show(first)}" if first else "") + "。")


def check_replay(result: VerifyResult, seen: Collection[str]) -> VerifyResult:
    """At intake: a valid package whose submission id was received before is a replay.

    `seen` holds the submission ids already taken in for the round. An invalid result,
    or a new id, comes back unchanged.
    """
    if not result.ok or result.manifest is None:
        return result
    sid = result.manifest.submission_id
    if sid not in seen:
        return result
    return replace(result, ok=False, code="replay",
                   message_zh=f"这份材料包（提交编号 {sid}）已经收到过，是重复提交，"
                              "未再次登记。如需更新，请单位重新导出后报送。")


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _show(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:80]
    return text.encode("utf-8", "replace").decode("utf-8")[:80]
