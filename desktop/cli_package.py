"""CLI verbs for the package: sign-off, export, verify, keys, and getting it out the door."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from desktop.core.errors import PlanevalError, os_reason
from desktop.core.form import Form
from desktop.department.operations import open_workspace
from desktop.signing.certs import read_certificates, read_revocation_lists
from desktop.store import Workspace

Command = Callable[[argparse.Namespace], int]
INVALID = 1
LOCK_WAIT = 2.0  # as cli.LOCK_WAIT
MAX_DAYS = 36_500  # a certificate's validity: a century is already absurd


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PlanevalError(f"日期“{text}”不对，应为实际存在的日期，如 2023-07-08") from None


def opened(path: str) -> tuple[Workspace, Form]:
    """Open a workspace, telling on stderr how a changed form definition was followed."""
    notices: list[str] = []
    ws, form = open_workspace(Path(path), notices=notices, wait=LOCK_WAIT)
    for notice in notices:
        print(f"提示：{notice}", file=sys.stderr)
    return ws, form


def read_passphrase(path: str) -> str:
    """The first line of a passphrase file (a trailing newline is not part of it)."""
    try:
        return Path(path).read_text(encoding="utf-8-sig").splitlines()[0]
    except (OSError, IndexError, UnicodeDecodeError):
        raise PlanevalError(f"无法从“{path}”读取口令：文件不存在、为空或不是文本") from None


def cmd_signoff(args: argparse.Namespace) -> int:
    from desktop.department.export import record_signoff

    when = _date(args.date)
    ws, _ = opened(args.workspace)
    with ws:
        record_signoff(ws, args.leader, when)
    print(f"已登记分管区领导审核签字：{args.leader}（{args.date}）")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.department.export import export_package, load_identity

    identity = load_identity(Path(args.key), read_passphrase(args.passphrase_file))
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PlanevalError(f"无法创建输出文件夹“{out}”：{os_reason(exc)}") from None
    ws, form = opened(args.workspace)
    with ws:
        done = export_package(ws, form, out_dir=out, stage=args.stage,
                              identity=identity)
    errors = sum(f.blocking for f in done.findings)
    print(f"已导出：{done.path}")
    print(f"SHA-256：{done.sha256}")
    print(f"提交编号：{done.submission_id}")
    if done.findings:
        print(f"随包附带尚未解决的问题：错误 {errors} 个，警告 {len(done.findings) - errors} 个")
    return 0


def _verify_time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        at = dt.datetime.fromisoformat(text)
        return at if at.tzinfo else at.astimezone()
    except (ValueError, OverflowError):  # astimezone fails near year 1 and 9999
        raise PlanevalError(f"时间“{text}”格式不对，应如 2023-07-10 或 "
                            "2023-07-10T18:00+08:00，且在 1970 年之后") from None


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop.commission.verify import verify_package

    at, trust = _verify_time(args.at), read_certificates(args.trust or [])
    received = _verify_time(args.received_at)
    crls = read_revocation_lists(args.crl or [])
    results = [(p, verify_package(Path(p), trust=trust, at=at, received_at=received,
                                  allow_expired=args.allow_expired, revoked=crls))
               for p in args.packages]
    if args.json:
        docs = [{"package": p, "ok": r.ok, "code": r.code, "message": r.message_zh,
                 "manifest": r.manifest.to_json() if r.manifest else None,
                 "signer": r.signer_subject, "members": list(r.members)} for p, r in results]
        print(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2))
    for p, r in results if not args.json else ():
        text = r.message_zh if r.ok else f"无效（{r.code}）：{r.message_zh}"
        print(text if len(results) == 1 else f"{Path(p).name}：{text}")
    if len(results) > 1 and not args.json:
        good = sum(r.ok for _, r in results)
        print(f"共 {len(results)} 个材料包：有效 {good} 个，无效 {len(results) - good} 个")
    return 0 if all(r.ok for _, r in results) else INVALID


def cmd_keys_generate(args: argparse.Namespace) -> int:
    from desktop.signing.manage import new_key_with_request

    new_key_with_request(department=args.department, district=args.district,
                         out=Path(args.out), csr=Path(args.csr),
                         passphrase=read_passphrase(args.passphrase_file))
    print(f"已生成密钥（口令加密保存）：{args.out}")
    print(f"证书申请（请交区发改委签发）：{args.csr}")
    return 0


def cmd_keys_import(args: argparse.Namespace) -> int:
    from desktop.signing.manage import keep_pkcs12

    unit = keep_pkcs12(Path(args.p12), read_passphrase(args.p12_passphrase_file),
                       Path(args.out), read_passphrase(args.passphrase_file))
    print(f"已导入“{unit}”的证书和密钥：{args.out}")
    return 0


def cmd_keys_add_cert(args: argparse.Namespace) -> int:
    from desktop.signing.manage import add_issued_certificates, describe

    passphrase = read_passphrase(args.passphrase_file) if args.passphrase_file else None
    add_issued_certificates(Path(args.keystore), [Path(c) for c in args.certs], passphrase)
    print(f"已将证书加入密钥文件：{args.keystore}")
    print("\n".join(describe(Path(args.keystore))))
    return 0


def cmd_keys_show(args: argparse.Namespace) -> int:
    from desktop.signing.manage import describe

    print("\n".join(describe(Path(args.keystore))))
    return 0


def cmd_keys_issue(args: argparse.Namespace) -> int:
    from desktop.signing.ca import issue_certificate

    try:
        csr = x509.load_pem_x509_csr(Path(args.csr).read_bytes())
        ca_key = serialization.load_pem_private_key(Path(args.ca_key).read_bytes(), None)
    except (OSError, ValueError, TypeError):
        raise PlanevalError("无法读取证书申请或区发改委的签发密钥（应为 PEM 格式）") from None
    (ca_cert,) = read_certificates([args.ca_cert])[:1]
    if not 1 <= args.days <= MAX_DAYS:
        raise PlanevalError(f"有效天数应在 1 到 {MAX_DAYS} 之间，收到的是 {args.days}")
    now = dt.datetime.now(dt.UTC)
    cert = issue_certificate(csr, ca_key=ca_key, ca_cert=ca_cert,  # type: ignore[arg-type]
                             not_before=now, not_after=now + dt.timedelta(days=args.days))
    Path(args.out).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    print(f"已签发证书：{args.out}")
    return 0


def cmd_email(args: argparse.Namespace) -> int:
    from desktop.department.sending import outgoing_of, write_email_draft

    path = write_email_draft(outgoing_of(Path(args.package)), Path(args.out), to=args.to)
    print(f"已生成待发送邮件（用邮件程序打开后发送）：{path}")
    return 0


def cmd_upload(args: argparse.Namespace) -> int:
    from desktop.department.sending import copy_package, outgoing_of

    path = copy_package(outgoing_of(Path(args.package)), Path(args.folder))
    print(f"已复制到：{path}")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from desktop.department import attachments

    ws, _ = opened(args.workspace)
    with ws:
        for name in args.remove or []:
            attachments.remove(ws, name)
            print(f"已移除佐证材料：{name}")
        for source in args.files:
            print(f"已添加佐证材料：{attachments.add(ws, Path(source)).name}")
        kept = attachments.listed(ws)
    print(f"共 {len(kept)} 个佐证材料" + (f"：{'、'.join(p.name for p in kept)}" if kept else ""))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             verb: Callable[[str, Command, str], argparse.ArgumentParser]) -> None:
    """Add the package verbs to the CLI's sub-command parser."""
    s = verb("signoff", cmd_signoff, "登记分管区领导审核签字（定稿需要）")
    s.add_argument("--leader", required=True, metavar="NAME")
    s.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    s = verb("attach", cmd_attach, "添加或移除典型案例的佐证材料（随材料包报送）")
    s.add_argument("files", nargs="*", metavar="FILE")
    s.add_argument("--remove", action="append", metavar="NAME")
    s = verb("export", cmd_export, "生成并签名报送材料包（阶段由格式定义声明，如 draft、final）")
    s.add_argument("--out", required=True, metavar="DIR")
    s.add_argument("--stage", required=True, metavar="ID",
                   help="报送阶段：工作区所用格式定义中声明的阶段标识（status 命令列出）")
    s.add_argument("--key", required=True, metavar="P12", help=".p12/.pfx 证书或 planeval 密钥文件")
    s.add_argument("--passphrase-file", required=True, metavar="F")

    v = sub.add_parser("verify", help="核验一个或多个材料包（全部有效退出码 0，否则 1）",
                       description="核验一个或多个材料包（全部有效退出码 0，否则 1）")
    v.add_argument("packages", nargs="+", metavar="PACKAGE")
    v.add_argument("--trust", action="append", metavar="CERT", help="区发改委的根证书（可多次）")
    v.add_argument("--at", metavar="TIME", help="把此时间当作当前时间核验（默认：现在）")
    v.add_argument("--received-at", metavar="TIME",
                   help="区发改委收到材料包的时间（签名时间不得晚于它）")
    v.add_argument("--allow-expired", action="store_true",
                   help="本轮接受收到后才过期的证书（需同时给出 --received-at）")
    v.add_argument("--crl", action="append", metavar="CRL", help="区发改委的证书吊销列表（可多次）")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_verify)

    e = sub.add_parser("email", help="生成带材料包附件的待发送邮件（.eml）")
    e.add_argument("package", metavar="PACKAGE")
    e.add_argument("--to", default="", metavar="ADDR")
    e.add_argument("--out", required=True, metavar="DIR")
    e.set_defaults(func=cmd_email)
    u = sub.add_parser("upload", help="把材料包复制到 U 盘或共享文件夹")
    u.add_argument("package", metavar="PACKAGE")
    u.add_argument("folder", metavar="DIR")
    u.set_defaults(func=cmd_upload)

    keys = sub.add_parser("keys", help="密钥与证书").add_subparsers(dest="keys_command",
                                                                  required=True)
    k = keys.add_parser("generate", help="生成本单位密钥和证书申请（CSR）")
    k.add_argument("--department", required=True)
    k.add_argument("--district", required=True)
    k.add_argument("--out", required=True, metavar="KEYFILE")
    k.add_argument("--csr", required=True, metavar="CSR")
    k.add_argument("--passphrase-file", required=True, metavar="F")
    k.set_defaults(func=cmd_keys_generate)
    k = keys.add_parser("import", help="导入 .p12/.pfx 证书，转存为口令加密的密钥文件")
    k.add_argument("p12", metavar="P12")
    k.add_argument("--p12-passphrase-file", required=True, metavar="F")
    k.add_argument("--out", required=True, metavar="KEYFILE")
    k.add_argument("--passphrase-file", required=True, metavar="F")
    k.set_defaults(func=cmd_keys_import)
    k = keys.add_parser("add-cert", help="把区发改委签发的证书加入密钥文件")
    k.add_argument("keystore", metavar="KEYFILE")
    k.add_argument("certs", nargs="+", metavar="CERT")
    k.add_argument("--passphrase-file", metavar="F", help="旧版密钥文件需要口令以核对证书")
    k.set_defaults(func=cmd_keys_add_cert)
    k = keys.add_parser("show", help="显示密钥文件的单位和证书有效期（无需口令）")
    k.add_argument("keystore", metavar="KEYFILE")
    k.set_defaults(func=cmd_keys_show)
    k = keys.add_parser("issue", help="（区发改委）根据证书申请签发部门证书")
    k.add_argument("csr", metavar="CSR")
    k.add_argument("--ca-cert", required=True)
    k.add_argument("--ca-key", required=True)
    k.add_argument("--days", type=int, default=730)
    k.add_argument("--out", required=True, metavar="CERT")
    k.set_defaults(func=cmd_keys_issue)
