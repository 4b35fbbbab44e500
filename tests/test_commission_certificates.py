"""The commission's certificates: its CA, the roster's PKCS#12 files and printed sheets,
revocation lists and outside CAs, checked against the real verifier, key store and tools."""

from __future__ import annotations

import datetime as dt
import io
import re
import resource
import shutil
import signal
import stat
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from test_package_kit import info, members

from desktop.commission import certificates as certs
from desktop.commission.certificates import (
    REASONS,
    CertificateError,
    Revocation,
    UnitContact,
    create_commission_ca,
    fingerprint,
    issue_roster,
    issue_unit_identity,
    make_crl,
    new_passphrase,
    pkcs12_bytes,
    read_crl,
    read_trust_anchor,
)
from desktop.commission.verify import verify_package
from desktop.core.errors import PlanevalError
from desktop.io.certificate_sheet import build_certificate_sheet
from desktop.io.package import build_package
from desktop.signing import manage
from desktop.signing.ca import make_ca
from desktop.signing.cms import signer_for
from desktop.signing.errors import WrongPassphraseError
from desktop.signing.keys import SigningIdentity, import_pkcs12
from desktop.signing.keystore import (
    Argon2Params,
    dump_keystore,
    load_keystore,
    open_keystore,
    save_keystore,
)

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DISTRICT = "普陀区"
COMMISSION = "普陀区发展和改革委员会"
CJK = re.compile(r"[\u4e00-\u9fff]")
KEYS_DIALOG = Path(__file__).parents[1] / "desktop" / "ui" / "keys_dialog.py"
TOOLS_MENU = Path(__file__).parents[1] / "desktop" / "ui" / "tools_menu.py"


@pytest.fixture(scope="module")
def ca() -> SigningIdentity:
    return create_commission_ca(district=DISTRICT, name=COMMISSION, now=NOW)


def unit_identity(ca: SigningIdentity, unit: str = "区民政局") -> SigningIdentity:
    return issue_unit_identity(ca, unit, district=DISTRICT, not_before=NOW - dt.timedelta(hours=1),
                               not_after=NOW + dt.timedelta(days=365))


def signed_package(who: SigningIdentity) -> bytes:
    about = info(who.department)
    return build_package(members(2_000, about), manifest=about, sign=signer_for(who))


def refused(excinfo: pytest.ExceptionInfo[PlanevalError], *words: str) -> None:
    message = excinfo.value.message
    assert CJK.search(message), message
    for word in words:
        assert word in message, message


def _fast() -> Argon2Params:
    return Argon2Params(time_cost=1, memory_cost=8 * 1024)


# -- the commission CA -------------------------------------------------------------------------


def test_commission_ca_is_a_self_signed_ca_in_the_commissions_name(ca):
    cert = ca.certificate
    assert cert.subject.rfc4514_string() == f"O={DISTRICT},CN={COMMISSION}"
    assert cert.issuer == cert.subject and ca.chain == ()
    cert.verify_directly_issued_by(cert)
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    assert constraints.ca and cert.extensions.get_extension_for_class(x509.KeyUsage).value.crl_sign
    # Valid from a day before (loose office clocks) for ten years.
    assert cert.not_valid_before_utc == NOW - dt.timedelta(days=1)
    assert cert.not_valid_after_utc == NOW.replace(year=NOW.year + 10)


def test_commission_ca_on_29_february_ends_on_28_february():
    leap = dt.datetime(2024, 2, 29, 12, tzinfo=dt.UTC)
    ident = create_commission_ca(district=DISTRICT, name=COMMISSION, now=leap, years=5)
    assert ident.certificate.not_valid_after_utc == dt.datetime(2029, 2, 28, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize("district,name,years", [("", COMMISSION, 10), (DISTRICT, "  ", 10),
                                                  (DISTRICT, COMMISSION, 0),
                                                  (DISTRICT, "委" * 65, 10)])
def test_commission_ca_refuses_missing_names_and_bad_terms(district, name, years):
    with pytest.raises(CertificateError) as excinfo:
        create_commission_ca(district=district, name=name, now=NOW, years=years)
    refused(excinfo)


def test_a_key_store_holding_the_commission_ca_round_trips(ca, tmp_path):
    path = tmp_path / "commission.pvkey"
    save_keystore(path, dump_keystore(ca.key, [ca.certificate], "委员会口令-2023", params=_fast()))
    opened = open_keystore(path, "委员会口令-2023").identity()
    assert opened.certificate == ca.certificate and opened.chain == ()
    assert _public(opened) == _public(ca)
    # The reopened key signs: a CRL made with it reads back against the CA certificate.
    crl = make_crl(opened, [Revocation(7, NOW)], this_update=NOW,
                   next_update=NOW + dt.timedelta(days=30))
    assert read_crl(crl, ca.certificate) == {7}
    with pytest.raises(WrongPassphraseError):
        load_keystore(path.read_bytes(), "wrong")


def _public(ident: SigningIdentity) -> bytes:
    return ident.key.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)


# -- unit identities -----------------------------------------------------------------------------


def test_a_unit_identity_signs_packages_the_verifier_accepts(ca):
    who = unit_identity(ca)
    assert who.certificate.subject.rfc4514_string() == f"O={DISTRICT},CN=区民政局"
    assert who.certificate.issuer == ca.certificate.subject and who.chain == (ca.certificate,)
    assert _public(who) != _public(ca)
    result = verify_package(signed_package(who), trust=[ca.certificate])
    assert result.ok, result.message_zh
    assert result.signer_subject == f"O={DISTRICT},CN=区民政局"


def test_another_commissions_unit_is_not_trusted(ca):
    other = create_commission_ca(district=DISTRICT, name=COMMISSION, now=NOW)  # same name
    result = verify_package(signed_package(unit_identity(other)), trust=[ca.certificate])
    assert not result.ok and result.code in ("chain", "not-trusted"), result.code


def test_the_p12_path_a_clerk_takes_ends_in_a_package_that_verifies(ca, tmp_path):
    """.p12 + passphrase from the sheet -> the keys dialog's key file -> signed package."""
    passphrase = new_passphrase()
    p12 = tmp_path / "区民政局.p12"
    p12.write_bytes(pkcs12_bytes(unit_identity(ca), passphrase))
    keyfile = tmp_path / "区民政局.pvkey"
    assert manage.keep_pkcs12(p12, passphrase, keyfile, "本单位口令123") == "区民政局"
    who = open_keystore(keyfile, "本单位口令123").identity()
    assert who.chain == (ca.certificate,)
    assert verify_package(signed_package(who), trust=[ca.certificate]).ok
    # The app shows the fingerprint the sheet prints.
    assert f"签发机构证书指纹（SHA-256）：{fingerprint(ca.certificate)}" in manage.describe(keyfile)


def test_unit_identity_refuses_terms_outside_the_cas(ca):
    with pytest.raises(CertificateError) as excinfo:
        issue_unit_identity(ca, "区民政局", district=DISTRICT, not_before=NOW,
                            not_after=NOW.replace(year=NOW.year + 11))
    refused(excinfo, "有效期")
    with pytest.raises(CertificateError):
        issue_unit_identity(ca, "区民政局", district=DISTRICT,
                            not_before=NOW - dt.timedelta(days=5), not_after=NOW)


@pytest.mark.parametrize("unit", ["", "   ", "区民\u202e政局", "区\x00民政局", "局" * 65])
def test_unit_identity_refuses_empty_hidden_or_overlong_names(ca, unit):
    with pytest.raises(CertificateError) as excinfo:
        unit_identity(ca, unit)
    refused(excinfo)


def test_only_a_ca_issues(ca):
    with pytest.raises(CertificateError) as excinfo:
        unit_identity(unit_identity(ca), "区府办")
    refused(excinfo, "CA")


# -- PKCS#12 and passphrases --------------------------------------------------------------------


def test_pkcs12_reads_back_with_its_passphrase_only(ca):
    who = unit_identity(ca)
    data = pkcs12_bytes(who, "ABCD-EFGH-JKMN-PQRS")
    back = import_pkcs12(data, "ABCD-EFGH-JKMN-PQRS")
    assert back.certificate == who.certificate and back.chain == (ca.certificate,)
    assert _public(back) == _public(who)
    with pytest.raises(WrongPassphraseError):
        import_pkcs12(data, "abcd-efgh-jkmn-pqrs")
    with pytest.raises(CertificateError):
        pkcs12_bytes(who, "")


@pytest.mark.slow
def test_openssl_reads_the_pkcs12_as_3des_with_the_passphrase(ca, tmp_path):
    openssl = shutil.which("openssl")
    assert openssl, "openssl is missing: the test set-up installs it"
    passphrase = new_passphrase()
    path = tmp_path / "unit.p12"
    path.write_bytes(pkcs12_bytes(unit_identity(ca), passphrase))

    def run(secret: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([openssl, "pkcs12", "-info", "-noout", "-in", str(path),
                               "-passin", f"pass:{secret}"], capture_output=True, text=True,
                              timeout=60)

    good = run(passphrase)
    assert good.returncode == 0, good.stderr
    assert "pbeWithSHA1And3-KeyTripleDES-CBC" in good.stderr and "MAC: sha1" in good.stderr
    assert good.stderr.count("Certificate bag") == 2  # the unit's and the commission's
    assert run(passphrase.lower()).returncode != 0


def test_passphrases_are_typable_from_paper_and_strong():
    alphabet = certs.PASSPHRASE_ALPHABET
    assert len(alphabet) ** 16 >= 2**80
    assert not set(alphabet) & set("0O1lIio")
    drawn = [new_passphrase() for _ in range(2000)]
    for p in drawn[:50]:
        assert re.fullmatch(rf"[{alphabet}]{{4}}(-[{alphabet}]{{4}}){{3}}", p), p
        manage.check_new_passphrase(p, p)
    assert len(set(drawn)) == len(drawn)
    assert set("".join(drawn)) - {"-"} == set(alphabet)  # every symbol is used


def test_fingerprint_is_the_sha256_in_groups_of_four(ca):
    shown = fingerprint(ca.certificate)
    assert re.fullmatch(r"([0-9A-F]{4} ){15}[0-9A-F]{4}", shown), shown
    assert shown.replace(" ", "") == ca.certificate.fingerprint(hashes.SHA256()).hex().upper()


# -- the roster ---------------------------------------------------------------------------------

ROSTER = [
    UnitContact("区民政局", "张三", "021-52560000", "mzj@example.cn"),
    UnitContact("区府办"),
    UnitContact("../长征镇/CON", "李四"),
]


def test_issue_roster_writes_a_private_p12_and_a_sheet_per_unit(ca, tmp_path):
    out = tmp_path / "certs" / "2023"
    issued = issue_roster(ca, ROSTER, out, district=DISTRICT, commission_name=COMMISSION,
                          now=NOW)
    assert [i.unit for i in issued] == ["区民政局", "区府办", "../长征镇/CON"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["区民政局.p12", "区民政局-证书领取单.docx", "区府办.p12", "区府办-证书领取单.docx",
         "_长征镇_CON.p12", "_长征镇_CON-证书领取单.docx"])
    assert len({i.serial for i in issued}) == 3 and len({i.passphrase for i in issued}) == 3
    for record in issued:
        for path in (record.p12_path, record.sheet_path):
            assert path.parent == out and stat.S_IMODE(path.stat().st_mode) == 0o600
        who = import_pkcs12(record.p12_path.read_bytes(), record.passphrase)
        cert = who.certificate
        assert who.department == record.unit and cert.serial_number == record.serial
        assert record.certificate_pem == cert.public_bytes(serialization.Encoding.PEM)
        assert (record.not_before, record.not_after) == (cert.not_valid_before_utc,
                                                         cert.not_valid_after_utc)
        assert record.not_after - record.not_before == dt.timedelta(days=3 * 365 + 1)
        text = _text(record.sheet_path.read_bytes())
        assert record.passphrase in text and record.unit in text
        assert fingerprint(ca.certificate).split()[0] in text
    assert verify_package(signed_package(import_pkcs12(issued[2].p12_path.read_bytes(),
                                                       issued[2].passphrase)),
                          trust=[ca.certificate]).ok
    assert "张三　021-52560000　mzj@example.cn" in _text(issued[0].sheet_path.read_bytes())


def test_a_roster_never_outlives_the_commission_ca(tmp_path):
    short = create_commission_ca(district=DISTRICT, name=COMMISSION, now=NOW, years=1)
    [record] = issue_roster(short, ROSTER[:1], tmp_path, district=DISTRICT,
                            commission_name=COMMISSION, now=NOW)
    assert record.not_after == short.certificate.not_valid_after_utc
    later = NOW.replace(year=NOW.year + 2)
    with pytest.raises(CertificateError) as excinfo:
        issue_roster(short, ROSTER[1:2], tmp_path, district=DISTRICT,
                     commission_name=COMMISSION, now=later)
    refused(excinfo, "过期")


@pytest.mark.parametrize("units,words", [
    ([], ("没有单位",)),
    ([UnitContact("区府办"), UnitContact(" 区府办 ")], ("区府办", "不止一次")),
    ([UnitContact("区府办/综合"), UnitContact("区府办_综合")], ("文件名相同",)),
    ([UnitContact("区府办"), UnitContact("")], ("不能为空",)),
])  # fmt: skip
def test_issue_roster_refuses_bad_rosters_and_writes_nothing(ca, tmp_path, units, words):
    with pytest.raises(CertificateError) as excinfo:
        issue_roster(ca, units, tmp_path / "out", district=DISTRICT,
                     commission_name=COMMISSION, now=NOW)
    refused(excinfo, *words)
    assert not (tmp_path / "out").exists()


def test_issue_roster_never_overwrites_earlier_certificates(ca, tmp_path):
    (tmp_path / "区府办.p12").write_bytes(b"issued last year")
    with pytest.raises(CertificateError) as excinfo:
        issue_roster(ca, ROSTER, tmp_path, district=DISTRICT, commission_name=COMMISSION,
                     now=NOW)
    refused(excinfo, "区府办.p12", "覆盖")
    assert [p.name for p in tmp_path.iterdir()] == ["区府办.p12"]
    assert (tmp_path / "区府办.p12").read_bytes() == b"issued last year"


def test_a_failed_write_leaves_no_file_behind(ca, tmp_path):
    # A 10 kB file size limit lets the first .p12 (1.5 kB) through and stops its sheet
    # (about 38 kB) half-way: the disk-full case, without filling a disk.
    stale = tmp_path / ".区府办.p12.tmp"
    stale.write_bytes(b"left by a crash")  # someone else's file: kept, and no obstacle
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, hard))
    try:
        with pytest.raises(CertificateError) as excinfo:
            issue_roster(ca, ROSTER, tmp_path, district=DISTRICT, commission_name=COMMISSION,
                         now=NOW)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)
    refused(excinfo, "区民政局-证书领取单.docx", "均未保留")
    assert [p.name for p in tmp_path.iterdir()] == [stale.name]
    assert stale.read_bytes() == b"left by a crash"


def test_an_unusable_folder_is_refused_in_chinese(ca, tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(CertificateError) as excinfo:
        issue_roster(ca, ROSTER, tmp_path / "file" / "out", district=DISTRICT,
                     commission_name=COMMISSION, now=NOW)
    refused(excinfo, "无法写入")


# -- the printed sheet --------------------------------------------------------------------------

SHEET = dict(
    district=DISTRICT, commission_name=COMMISSION, unit="区民政局",
    contact="张三　021-52560000", passphrase="7KQM-X2BD-R9TF-HW4C",
    serial=0x0123456789ABCDEF, not_before=dt.datetime(2023, 3, 31, 17, tzinfo=dt.UTC),
    not_after=dt.datetime(2026, 3, 31, 15, tzinfo=dt.UTC),
    commission_fingerprint="E3EF 854D E15F E460 0118 AB77 F5B1 1128 "
                           "363F 8A5B 1D7A 5BAA FC91 0357 207E B782",
    issued_on=dt.date(2023, 4, 1),
)  # fmt: skip


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _font(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_sheet_says_what_a_unit_needs_to_know():
    data = build_certificate_sheet(**SHEET)
    text = _text(data)
    for expected in ("数字证书领取单", "区民政局", "张三　021-52560000", "7KQM-X2BD-R9TF-HW4C",
                     "0123 4567 89AB CDEF",  # the serial, in hex as Windows shows it
                     "2023年4月1日 至 2026年3月31日",  # Beijing dates
                     "E3EF 854D E15F E460 0118 AB77 F5B1 1128",
                     "363F 8A5B 1D7A 5BAA FC91 0357 207E B782",
                     "不含 0、1、I、O", "同一封电子邮件", "妥善保管"):
        assert expected in text, expected
    assert build_certificate_sheet(**SHEET) == data  # same inputs, same bytes


def test_the_sheet_names_the_real_menu_tab_and_buttons():
    text = _text(build_certificate_sheet(**SHEET))
    dialog = KEYS_DIALOG.read_text(encoding="utf-8") + TOOLS_MENU.read_text(encoding="utf-8")
    for name in ("工具", "密钥与证书…", "导入证书文件（.p12/.pfx）", "证书文件", "选择…",
                 "证书文件的口令", "新口令（至少 8 位）", "再次输入新口令", "导入并保存为密钥文件"):
        assert f'tr("{name}")' in dialog, name
        assert f"“{name}" in text or f"{name}”" in text or f"→ {name}" in text, name
    assert "签发机构证书指纹" in text  # what manage.describe shows after the import


def test_the_sheet_is_a4_with_chinese_typography_and_a_large_monospace_passphrase():
    doc = Document(io.BytesIO(build_certificate_sheet(**SHEET)))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    title = doc.paragraphs[0]
    assert title.text == "数字证书领取单" and _font(title.runs[0]) == "黑体"
    body = next(p for p in doc.paragraphs if p.text.startswith(COMMISSION + "为贵单位"))
    assert _font(body.runs[0]) == "仿宋"
    shown = next(p for p in doc.paragraphs if p.text == SHEET["passphrase"])
    assert _font(shown.runs[0]) == "Courier New" and shown.runs[0].font.size.pt >= 20
    table = doc.tables[0]
    assert sum(c.width for c in table.columns) <= Cm(17)


@pytest.mark.slow
def test_the_sheet_prints_on_one_page(tmp_path, artifacts):
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    assert soffice and pdftoppm, "LibreOffice and poppler are installed by the test set-up"
    longest = dict(SHEET, unit="上海市普陀区长征镇人民政府" * 4,
                   contact="张三李四王五　021-52560000 转 8888　zhang.san.long@putuo.gov.cn")
    source = tmp_path / "sheet.docx"
    source.write_bytes(build_certificate_sheet(**longest))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    target = artifacts / "certificates"
    target.mkdir(exist_ok=True)
    for old in target.glob("sheet-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", "80", str(tmp_path / "sheet.pdf"),
                    str(target / "sheet")], check=True, capture_output=True, timeout=120)
    assert [p.name for p in target.glob("sheet-*.png")] == ["sheet-1.png"]


# -- revocation ---------------------------------------------------------------------------------


def test_a_crl_lists_the_revoked_serials_with_reasons(ca):
    reason = next(iter(REASONS))
    data = make_crl(ca, [Revocation(11, NOW, reason), Revocation(12, NOW, "另有说明"),
                         Revocation(11, NOW + dt.timedelta(hours=1))],
                    this_update=NOW, next_update=NOW + dt.timedelta(days=30))
    assert read_crl(data, ca.certificate) == {11, 12}
    crl = x509.load_der_x509_crl(data)
    assert crl.is_signature_valid(ca.certificate.public_key())
    first = crl.get_revoked_certificate_by_serial_number(11)
    assert first is not None and first.revocation_date_utc == NOW  # the earliest is kept
    assert first.extensions.get_extension_for_class(x509.CRLReason).value.reason == REASONS[reason]
    later = make_crl(ca, [], this_update=NOW + dt.timedelta(days=1),
                     next_update=NOW + dt.timedelta(days=30))
    assert read_crl(later, ca.certificate) == frozenset()
    assert _crl_number(later) > _crl_number(data)
    pem = x509.load_der_x509_crl(data).public_bytes(serialization.Encoding.PEM)
    assert read_crl(pem, ca.certificate) == {11, 12}


def _crl_number(data: bytes) -> int:
    crl = x509.load_der_x509_crl(data)
    return crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number


def test_make_crl_refuses_backwards_times_and_bad_serials(ca):
    with pytest.raises(CertificateError) as excinfo:
        make_crl(ca, [], this_update=NOW, next_update=NOW)
    refused(excinfo)
    with pytest.raises(CertificateError):
        make_crl(ca, [Revocation(0, NOW)], this_update=NOW, next_update=NOW + dt.timedelta(1))


def test_read_crl_refuses_a_list_the_commission_did_not_sign(ca):
    week = dict(this_update=NOW, next_update=NOW + dt.timedelta(days=7))
    impostor = create_commission_ca(district=DISTRICT, name=COMMISSION, now=NOW)
    with pytest.raises(CertificateError) as excinfo:
        read_crl(make_crl(impostor, [Revocation(5, NOW)], **week), ca.certificate)
    refused(excinfo, "签名无效")
    stranger = create_commission_ca(district=DISTRICT, name="别的委员会", now=NOW)
    with pytest.raises(CertificateError) as excinfo:
        read_crl(make_crl(stranger, [Revocation(5, NOW)], **week), ca.certificate)
    refused(excinfo, "不是由", COMMISSION)
    good = make_crl(ca, [Revocation(5, NOW)], **week)
    tampered = good[:-1] + bytes([good[-1] ^ 0x01])
    with pytest.raises(CertificateError) as excinfo:
        read_crl(tampered, ca.certificate)
    refused(excinfo)
    for damaged in (good[:40], b"", b"-----BEGIN X509 CRL-----\nxx\n-----END X509 CRL-----\n"):
        with pytest.raises(CertificateError) as excinfo:
            read_crl(damaged, ca.certificate)
        refused(excinfo, "损坏")


# -- outside CAs --------------------------------------------------------------------------------


def test_a_department_certified_by_an_outside_ca_verifies_when_that_ca_is_trusted(ca):
    key, outside_cert = make_ca("上海市数字证书认证中心", organization="上海CA",
                                not_before=NOW - dt.timedelta(days=1),
                                not_after=NOW + dt.timedelta(days=3650))
    outside = SigningIdentity(key, outside_cert)
    for encoding in (serialization.Encoding.PEM, serialization.Encoding.DER):
        assert read_trust_anchor(outside_cert.public_bytes(encoding)) == outside_cert
    pkg = signed_package(unit_identity(outside, "区教育局"))
    assert verify_package(pkg, trust=[ca.certificate, outside_cert]).ok
    assert not verify_package(pkg, trust=[ca.certificate]).ok


def test_read_trust_anchor_refuses_non_cas_expired_cas_and_junk(ca):
    unit_pem = unit_identity(ca).certificate.public_bytes(serialization.Encoding.PEM)
    with pytest.raises(CertificateError) as excinfo:
        read_trust_anchor(unit_pem)
    refused(excinfo, "不是 CA 证书")
    _, old = make_ca("旧认证中心", not_before=NOW - dt.timedelta(days=800),
                     not_after=NOW - dt.timedelta(days=1))
    with pytest.raises(CertificateError) as excinfo:
        read_trust_anchor(old.public_bytes(serialization.Encoding.DER))
    refused(excinfo, "过期")
    ca_pem = ca.certificate.public_bytes(serialization.Encoding.PEM)
    with pytest.raises(CertificateError) as excinfo:
        read_trust_anchor(ca_pem + unit_pem)
    refused(excinfo, "2 个证书")
    with pytest.raises(PlanevalError) as excinfo:
        read_trust_anchor(b"not a certificate")
    refused(excinfo, "PEM 或 DER")
    # A changed byte in the self-signature.
    der = ca.certificate.public_bytes(serialization.Encoding.DER)
    with pytest.raises(PlanevalError) as excinfo:
        read_trust_anchor(der[:-2] + bytes([der[-2] ^ 0x01]) + der[-1:])
    refused(excinfo)
