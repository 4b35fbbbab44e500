"""The ASiC manifest (META-INF/ASiCManifest.xml) and the planeval metadata beside it.

The manifest follows ETSI EN 319 162-1 (ASiC-E with CAdES): a SigReference naming
META-INF/signature.p7s, then one DataObjectReference per payload member and for
META-INF/planeval.json, each with its URI (percent-encoded UTF-8), MimeType and a base64
SHA-256 DigestValue. We write it byte for byte ourselves so it is deterministic, and parse
it with ElementTree after refusing any DOCTYPE (no entities, so no entity expansion).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote
from xml.sax.saxutils import escape, quoteattr

from desktop.io.package_names import SIGNATURE_NAME, mime_type

ASIC_NS = "http://uri.etsi.org/02918/v1.2.1#"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
SHA256_URI = "http://www.w3.org/2001/04/xmlenc#sha256"
INFO_SCHEMA = "planeval.package/1"


class ManifestFormatError(ValueError):
    """The manifest or metadata is not what we write (the verifier maps it to a code)."""


@dataclass(frozen=True)
class Reference:
    name: str
    mime_type: str
    sha256: bytes


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def write_manifest(members: dict[str, bytes]) -> bytes:
    """The ASiC manifest bytes listing `members` (sorted by name) with their SHA-256."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<asic:ASiCManifest xmlns:asic="{ASIC_NS}" xmlns:ds="{DS_NS}">',
        f'  <asic:SigReference URI="{SIGNATURE_NAME}" MimeType="application/pkcs7-signature"/>',
    ]
    for name in sorted(members, key=lambda n: n.encode("utf-8")):
        digest = base64.b64encode(sha256(members[name])).decode("ascii")
        lines += [
            f"  <asic:DataObjectReference URI={quoteattr(quote(name, safe='/'))}"
            f" MimeType={quoteattr(mime_type(name))}>",
            f'    <ds:DigestMethod Algorithm="{SHA256_URI}"/>',
            f"    <ds:DigestValue>{escape(digest)}</ds:DigestValue>",
            "  </asic:DataObjectReference>",
        ]
    lines.append("</asic:ASiCManifest>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def read_manifest(data: bytes) -> list[Reference]:
    """The references of a manifest; ManifestFormatError when it is not a valid one."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ManifestFormatError("清单中含有不允许的 DOCTYPE 声明")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ManifestFormatError(f"清单不是有效的 XML（{exc}）") from exc
    if root.tag != f"{{{ASIC_NS}}}ASiCManifest":
        raise ManifestFormatError("清单的根元素不是 ASiCManifest")
    sig_refs = root.findall(f"{{{ASIC_NS}}}SigReference")
    if len(sig_refs) != 1 or sig_refs[0].get("URI") != SIGNATURE_NAME:
        raise ManifestFormatError(f"清单应当且只能引用一个签名文件 {SIGNATURE_NAME}")
    refs: list[Reference] = []
    for el in root.findall(f"{{{ASIC_NS}}}DataObjectReference"):
        uri, mime = el.get("URI"), el.get("MimeType")
        method = el.find(f"{{{DS_NS}}}DigestMethod")
        value = el.find(f"{{{DS_NS}}}DigestValue")
        if not uri or not mime or method is None or value is None:
            raise ManifestFormatError("清单中的文件引用不完整")
        if method.get("Algorithm") != SHA256_URI:
            raise ManifestFormatError("清单中的摘要算法不是 SHA-256")
        try:
            digest = base64.b64decode((value.text or "").strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ManifestFormatError("清单中的摘要值不是有效的 Base64") from exc
        if len(digest) != 32:
            raise ManifestFormatError("清单中的摘要值长度不正确")
        try:
            name = unquote(uri, errors="strict")
        except UnicodeDecodeError as exc:
            raise ManifestFormatError("清单中的文件名编码不正确") from exc
        refs.append(Reference(name, mime, digest))
    names = [r.name for r in refs]
    if len(set(names)) != len(names):
        raise ManifestFormatError("清单中有重复的文件引用")
    return refs


def write_info(info: dict[str, Any]) -> bytes:
    return (json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def read_info(data: bytes) -> dict[str, Any]:
    try:
        info = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ManifestFormatError("planeval.json 不是有效的 JSON") from exc
    if not isinstance(info, dict) or info.get("schema") != INFO_SCHEMA:
        raise ManifestFormatError("planeval.json 的格式或版本不受支持")
    return info
