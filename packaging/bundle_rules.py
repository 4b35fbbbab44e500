"""What the PyInstaller bundle keeps: the Qt parts planeval uses, and nothing it does not.

Plain functions over PyInstaller's TOC entries `(dest_name, src_name, typecode)`, so the
spec stays short and tests/test_packaging.py checks the rules without building.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

Entry = tuple[str, str, str]

# Qt plugins by folder and name (file name without "lib" and the suffix). Everything else
# in plugins/ goes: wayland and eglfs (UOS and Kylin run X11 sessions; under Wayland Qt
# falls back to XWayland), GL integrations (no OpenGL here), networking and TLS (no
# QtNetwork), evdev input, and the GTK theme with its cairo/pango/gdk libraries.
QT_PLUGINS: dict[str, frozenset[str]] = {
    "platforms": frozenset({"qxcb", "qoffscreen", "qwindows"}),
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # ibus and compose; Chinese input methods (fcitx, ibus) reach Qt through these.
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}),
    "imageformats": frozenset({"qjpeg", "qgif", "qico", "qsvg"}),
    "iconengines": frozenset({"qsvgicon"}),  # icon themes are mostly SVG
    "styles": frozenset({"qmodernwindowsstyle", "qwindowsvistastyle"}),  # Windows look
}

# Qt translations: Chinese only. qtbase_zh_CN holds the standard dialogs' and buttons' text.
QT_TRANSLATIONS = frozenset({"qt_zh_CN.qm", "qtbase_zh_CN.qm"})

# Python modules no part of planeval imports (Qt bindings we do not use, lxml's extras
# beside etree, test tools); the smoke test runs every verb to show nothing is missing.
EXCLUDES = [
    "tkinter", "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtOpenGL",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore", "lxml.objectify",
    "lxml.html", "lxml.isoschematron", "lxml.sax", "pytest", "_pytest", "hypothesis",
    "mypy", "ruff", "IPython",
]

# Two editions from the one spec (PLANEVAL_EDITION, packaging/build.sh's argument): the
# department's, which the district's units install on old PCs, and the commission's, which
# also draws the roll-up's charts. Name of each edition's program folder, .deb package and
# Windows installer.
EDITIONS = {"department": "planeval", "commission": "planeval-commission"}
# What only the charts need (matplotlib and what it alone imports): the department edition
# leaves it out, and desktop.io.charts.charts_available() says so at run time.
CHART_PACKAGES = ["matplotlib", "mpl_toolkits", "numpy", "PIL", "contourpy", "kiwisolver",
                  "fontTools", "cycler", "pyparsing"]

# What the commission edition's charts never load (bars, lines and text drawn by Agg into a
# PNG, desktop/io/charts.py): Pillow's codecs beside PNG's (AVIF alone vendors 5 MB), its
# colour management and Tk; numpy's random numbers, FFT and test/build tools (numpy.typing
# stays: matplotlib imports it); matplotlib's contours, triangulations and its Qt backend
# (which brings PySide6.QtSvg). tests/test_packaging.py checks that drawing both charts
# loads none of these; the smoke test draws them from the bundle.
CHART_EXCLUDES = [
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingcms",
    "PIL.ImageCms", "PIL._imagingtk", "PIL.ImageTk", "numpy.random", "numpy.fft",
    "numpy.f2py", "numpy.testing", "numpy.distutils", "contourpy", "matplotlib._tri",
    "matplotlib._qhull", "matplotlib.testing", "matplotlib.backends.backend_qt",
    "matplotlib.backends.backend_qtagg", "matplotlib.backends.qt_compat",
    "matplotlib.backends.qt_editor",
]
# matplotlib's data files: the rc file and styles stay; of its fonts only DejaVu Sans (the
# fallback after the CJK font, desktop/io/charts.py) and the last-resort glyph font. Math
# text is off (text.parse_math), so no math fonts; PDF/PS font metrics, the toolbar's
# images and the sample data serve backends and demos the app does not use.
_MPL_DATA = "matplotlib/mpl-data/"
_MPL_DROPPED = ("fonts/", "sample_data/", "images/", "plot_directive/", "kpsewhich.lua")
_MPL_FONTS_KEPT = re.compile(
    r"^fonts/ttf/(DejaVuSans(-Bold|-Oblique|-BoldOblique)?\.ttf|LastResortHE-Regular\.ttf|"
    r"LICENSE_DEJAVU)$")


def edition(value: str | None) -> str:
    """The edition named by `value` (PLANEVAL_EDITION; unset: the department's)."""
    name = value or "department"
    if name not in EDITIONS:
        raise SystemExit(f"unknown edition {name!r}: one of {', '.join(EDITIONS)}")
    return name


def excludes(name: str) -> list[str]:
    """The modules an edition leaves out."""
    return EXCLUDES + (CHART_PACKAGES if name == "department" else CHART_EXCLUDES)


def keep_chart_file(dest_name: str) -> bool:
    """False for a matplotlib data file the charts do not need; True for anything else."""
    path = dest_name.replace("\\", "/")
    if not path.startswith(_MPL_DATA):
        return True
    inside = path[len(_MPL_DATA):]
    return bool(_MPL_FONTS_KEPT.match(inside)) or not inside.startswith(_MPL_DROPPED)


def keep_file(dest_name: str) -> bool:
    """What the bundle keeps of Qt's and matplotlib's files (the rules above)."""
    return keep_qt_file(dest_name) and keep_chart_file(dest_name)


# Packages that find their own data files through `__file__` (python-docx reads
# `docx/parts/../templates/...`): their modules also go into the bundle as files, so the
# folders those paths walk through exist. tests/test_packaging.py finds such packages.
SOURCE_PACKAGES = ("docx",)

_QT_DIR = re.compile(r"^PySide6/(Qt/)?")
_LIBRARY = re.compile(r"^lib[^/]*\.so(\.\d+)+$")


def _stem(name: str) -> str:
    """`libqxcb.so` -> `qxcb`, `qwindows.dll` -> `qwindows`."""
    stem = name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_file(dest_name: str) -> bool:
    """False for a Qt plugin or translation the bundle leaves out; True for anything else."""
    path = PurePosixPath(dest_name.replace("\\", "/"))
    inside = _QT_DIR.sub("", path.as_posix())
    if inside == path.as_posix():
        return True  # not Qt's
    parts = PurePosixPath(inside).parts
    if len(parts) >= 3 and parts[0] == "plugins":
        return _stem(parts[-1]) in QT_PLUGINS.get(parts[1], frozenset())
    if len(parts) == 2 and parts[0] == "translations":
        return parts[1] in QT_TRANSLATIONS
    return True


def elf_needed(path: str) -> set[str]:
    """The sonames an ELF file asks the loader for (readelf -d)."""
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=True)
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out.stdout))


def is_shared_library(dest_name: str) -> bool:
    """A versioned `lib*.so.N` outside plugins/: something else has to need it."""
    path = PurePosixPath(dest_name)
    return "plugins" not in path.parts and bool(_LIBRARY.match(path.name))


def prune_libraries(entries: Iterable[Entry], needed: Callable[[str], set[str]] = elf_needed,
                    roots: Iterable[str] = ()) -> list[Entry]:
    """Drop shared libraries that nothing kept links to (after plugins were dropped).

    Roots are every entry that is not a shared library (extension modules, plugins) and
    the sonames in `roots` (libpython, which the executable loads).
    """
    entries = list(entries)
    libs = {PurePosixPath(d).name: (d, s) for d, s, t in entries
            if t != "SYMLINK" and is_shared_library(d)}
    todo = [s for d, s, t in entries if t != "SYMLINK" and not is_shared_library(d)]
    wanted = set(roots)
    todo += [libs[n][1] for n in wanted if n in libs]
    seen: set[str] = set()
    while todo:
        src = todo.pop()
        if src in seen:
            continue
        seen.add(src)
        for soname in needed(src):
            if soname in libs and soname not in wanted:
                wanted.add(soname)
                todo.append(libs[soname][1])
    return [(d, s, t) for d, s, t in entries
            if t == "SYMLINK" or not is_shared_library(d) or PurePosixPath(d).name in wanted]


def drop_dangling_links(entries: Iterable[Entry], files: Iterable[Entry]) -> list[Entry]:
    """Drop the links (PyInstaller's top-level `libQt6X.so.6 -> PySide6/Qt/lib/...`) whose
    target is not among `files` any more."""
    there = {PurePosixPath(d).as_posix() for d, _, t in files if t != "SYMLINK"}
    return [(d, s, t) for d, s, t in entries if t != "SYMLINK"
            or posixpath.normpath(posixpath.join(posixpath.dirname(d), s)) in there]


def strip_bundle(folder: Path) -> int:
    """Strip debug symbols from the bundle's ELF files, except the libraries a wheel
    vendors after patchelf (in a `<package>.libs` folder): stripping breaks them.
    Returns how many files were stripped."""
    import shutil

    if shutil.which("strip") is None:
        return 0
    stripped = 0
    # only _internal/: the executables carry their archive appended, which strip would drop
    for path in sorted((folder / "_internal").rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if any(part.endswith(".libs") for part in path.relative_to(folder).parts):
            continue
        with open(path, "rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        subprocess.run(["strip", "--strip-unneeded", str(path)], check=False,
                       capture_output=True)
        stripped += 1
    return stripped
