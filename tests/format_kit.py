"""Helpers for the end-to-end tests of formats made for the tests (tests/data/forms/).

Each format goes through the real CLI: division tables (xlsx made in the test) → init →
fill → validate → export of every stage → verify; the documents are read back and
rendered with LibreOffice (PDF) and poppler (PNG, text) like tests/test_documents_render.py.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop import cli
from desktop.paths import demo_dir

FORMS = Path(__file__).parent / "data" / "forms"
KEYS = demo_dir() / "keys"
CONVERT_SECONDS = 180


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, *argv: object) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err or out
    return out


def heading(ws: Worksheet, text: str, width: int) -> None:
    """A category line merged across the table ("一、创新发展")."""
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An xlsx with one sheet per entry; a row ["=", text, width] is a merged heading."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            if row and row[0] == "=":
                heading(ws, str(row[1]), int(row[2]))  # type: ignore[call-overload]
            else:
                ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def fill(capsys, ws: Path, data: dict) -> list[dict]:
    """`planeval fill` then `validate --json`: the findings."""
    path = ws.parent / f"{ws.name}-data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ok(capsys, "fill", ws, path)
    code, out, err = run(capsys, "validate", ws, "--json")
    assert code in (0, 1), err
    return json.loads(out)


def department_key(capsys, tmp: Path, department: str, district: str) -> tuple[Path, Path]:
    """A key file for `department`, certified by the demo commission CA; (key, passphrase)."""
    folder = tmp / "keys"
    folder.mkdir(exist_ok=True)
    passphrase = folder / "pass.txt"
    passphrase.write_text("测试口令-足够长\n", encoding="utf-8")
    key, csr, cert = folder / "dept.pvkey", folder / "dept.csr", folder / "dept.pem"
    ok(capsys, "keys", "generate", "--department", department, "--district", district,
       "--out", key, "--csr", csr, "--passphrase-file", passphrase)
    ok(capsys, "keys", "issue", csr, "--ca-cert", KEYS / "commission-ca.pem",
       "--ca-key", KEYS / "commission-ca-demo-key.pem", "--out", cert)
    ok(capsys, "keys", "add-cert", key, cert, KEYS / "commission-ca.pem")
    return key, passphrase


def export_and_verify(capsys, ws: Path, out: Path, stage: str, key: tuple[Path, Path]) -> Path:
    """Export one stage and verify the package against the demo CA; the package's path."""
    before = set(out.glob("*.zip")) if out.exists() else set()
    ok(capsys, "export", ws, "--out", out, "--stage", stage, "--key", key[0],
       "--passphrase-file", key[1])
    (package,) = set(out.glob("*.zip")) - before
    code, text, _ = run(capsys, "verify", package, "--trust", KEYS / "commission-ca.pem")
    assert code == 0, text
    return package


def members(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as z:
        return {n: z.read(n) for n in z.namelist()}


def docx_lines(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph, tables' cells as style "table"."""
    document = docx.Document(io.BytesIO(data))
    lines = [(p.style.name, p.text) for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(("table", " | ".join(c.text for c in row.cells)))
    return lines


def sheet_rows(data: bytes) -> list[list[object]]:
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(data)).active.iter_rows()]


def render(files: dict[str, bytes], work: Path, artifacts: Path, prefix: str) -> dict[str, str]:
    """Convert the documents to PDF, render their pages into tests/artifacts/<prefix>/ and
    return each document's text as poppler reads it from the PDF."""
    soffice, pdftoppm, pdftotext = (shutil.which(t) for t in ("soffice", "pdftoppm", "pdftotext"))
    assert soffice and pdftoppm and pdftotext, "the test set-up installs LibreOffice and poppler"
    work.mkdir(parents=True, exist_ok=True)
    sources = []
    for i, (name, data) in enumerate(files.items()):
        path = work / f"doc{i}{Path(name).suffix}"
        path.write_bytes(data)
        sources.append(path)
    subprocess.run([soffice, f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work / "pdf"), *map(str, sources)],
                   check=True, capture_output=True, timeout=CONVERT_SECONDS)
    target = artifacts / prefix
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    texts = {}
    for name, source in zip(files, sources, strict=True):
        pdf = work / "pdf" / f"{source.stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000, f"{name} was not converted"
        subprocess.run([pdftoppm, "-png", "-r", "50", str(pdf), str(target / source.stem)],
                       check=True, capture_output=True, timeout=CONVERT_SECONDS)
        assert list(target.glob(f"{source.stem}-*.png")), f"{name} rendered no page"
        texts[name] = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True,
                                     capture_output=True, timeout=CONVERT_SECONDS).stdout.decode()
    (target / "index.txt").write_text(
        "\n".join(f"{s.stem}: {n}" for n, s in zip(files, sources, strict=True)), encoding="utf-8")
    return texts
