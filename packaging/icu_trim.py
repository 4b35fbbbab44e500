"""A smaller ICU data library for the Linux bundle: Chinese and English, without the rest.

Qt's libicudata.so.NN (31 MB) is one symbol, `icudtNN_dat`, holding ICU's common data
package: a table of contents and ~3,900 items (locale data for every language, 200
character-set converters, break dictionaries, transliterators). Qt uses ICU for collation,
case mapping, time zones and character-set names. We keep the root and the zh and en
locales in every tree, the converters for Chinese encodings, and every item that is not
per-locale, then link the filtered package into a library with the same soname and symbol.

    python packaging/icu_trim.py LIBICUDATA OUT_DIR    # prints the new library's path
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path

LANGUAGES = ("zh", "en")
# Converters kept: GB 18030, GBK, GB 2312/EUC-CN, Windows code page 936.
CONVERTERS = ("gb18030", "ibm-1386_", "ibm-1383_", "windows-936-", "iso-ir-165")
DROPPED_TREES = ("translit/",)  # transliteration: Qt never asks for it
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")


def keep_item(name: str) -> bool:
    """Whether an item of the package (`coll/zh.res`, `gb18030.cnv`) stays."""
    if name.startswith(DROPPED_TREES) or name.endswith(".dict"):
        return False  # break dictionaries for Thai, Khmer, Chinese words (Qt breaks text itself)
    base = name.rsplit("/", 1)[-1]
    if base.endswith(".cnv"):
        return base.startswith(CONVERTERS)
    if _LOCALE.match(base) and not base.startswith("res_index"):
        return base.split("_")[0].split(".")[0] in LANGUAGES
    return True


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split an ICU common data package into its header and its (name, item) list."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    toc = data[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    offsets = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(offsets):
        name = toc[name_at:toc.index(b"\0", name_at)].decode("ascii")
        end = offsets[i + 1][1] if i + 1 < count else len(toc)
        items.append((name, toc[data_at:end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package back as bytes; items stay in their (sorted) order, 16-byte aligned."""
    names = b"".join(n.encode("ascii") + b"\0" for n, _ in items)
    table = 4 + 8 * len(items)
    at = table + len(names)
    at += -at % 16
    body, entries, name_at = b"", [], table
    for name, item in items:
        entries.append(struct.pack("<II", name_at, at + len(body)))
        name_at += len(name) + 1
        body += item + b"\0" * (-len(item) % 16)
    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + toc + b"\0" * (at - len(toc)) + body


def _symbol_bytes(library: Path) -> tuple[str, bytes]:
    """The `icudtNN_dat` symbol's name and bytes (readelf gives its address and size)."""
    out = subprocess.run(["readelf", "-Ws", "--dyn-syms", str(library)], capture_output=True,
                         text=True, check=True).stdout
    found = re.search(r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\S+\s+"
                      r"(icudt\d+_dat)", out)
    if not found:
        raise SystemExit(f"{library}: no icudtNN_dat symbol")
    sections = subprocess.run(["readelf", "-SW", str(library)], capture_output=True,
                              text=True, check=True).stdout
    address, size = int(found[1], 16), int(found[2], 0)
    for line in sections.splitlines():  # map the address to a file offset
        cols = line.split("]", 1)[-1].split()
        if len(cols) >= 5 and cols[1] == "PROGBITS":
            start, offset, length = int(cols[2], 16), int(cols[3], 16), int(cols[4], 16)
            if start <= address < start + length:
                blob = library.read_bytes()[offset + address - start:]
                return found[3], blob[:size]
    raise SystemExit(f"{library}: {found[3]} is in no section")


def trim(library: Path, out_dir: Path) -> Path:
    """Write the smaller library (same file name and soname) into out_dir; return its path."""
    symbol, data = _symbol_bytes(library)
    header, items = read_package(data)
    package = write_package(header, [(n, b) for n, b in items if keep_item(n.split("/", 1)[1])])
    out_dir.mkdir(parents=True, exist_ok=True)
    dat = out_dir / f"{symbol[:-4]}l.dat"
    dat.write_bytes(package)
    asm = out_dir / "icudata.s"
    asm.write_text(f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n'
                   f'\t.balign 16\n{symbol}:\n\t.incbin "{dat.name}"\n'
                   f'\t.size {symbol}, .-{symbol}\n'
                   '\t.section .note.GNU-stack,"",@progbits\n', encoding="ascii")
    target = out_dir / library.name
    subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o",
                    str(target), asm.name], cwd=out_dir, check=True)
    return target


if __name__ == "__main__":
    print(trim(Path(sys.argv[1]), Path(sys.argv[2])))
