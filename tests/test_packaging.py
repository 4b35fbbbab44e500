"""The bundle's rules, checked without building it: what stays, what goes, and the
packages that need their files on disk (the python-docx templates bug)."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.paths import project_root

sys.path.insert(0, str(project_root() / "packaging"))
import bundle_rules  # noqa: E402
import icu_trim  # noqa: E402

QT = Path(__import__("PySide6").__file__).parent / "Qt"


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6/Qt/translations/qt_zh_CN.qm",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
    "PySide6/translations/qtbase_zh_CN.qm",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "docx/templates/default-footer.xml",
])
def test_kept(dest: str) -> None:
    assert bundle_rules.keep_qt_file(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qt_help_zh_CN.qm",
    "PySide6/translations/qtbase_zh_TW.qm",
    "PySide6/plugins/networkinformation/qnetworklistmanager.dll",
])
def test_dropped(dest: str) -> None:
    assert not bundle_rules.keep_qt_file(dest)


def test_every_kept_linux_plugin_and_translation_exists_in_the_installed_pyside6() -> None:
    """The rules name real files (a renamed plugin would silently leave the bundle)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the Linux wheel's file names")
    present = {(p.parent.name, bundle_rules._stem(p.name)) for p in (QT / "plugins").glob("*/*")}
    wanted = {("platforms", "qxcb"), ("platforms", "qoffscreen"),
              ("platformthemes", "qxdgdesktopportal"), ("imageformats", "qjpeg"),
              ("platforminputcontexts", "ibusplatforminputcontextplugin"),
              ("platforminputcontexts", "composeplatforminputcontextplugin")}
    assert wanted <= present
    for name in bundle_rules.QT_TRANSLATIONS:
        assert (QT / "translations" / name).exists(), name


def test_libraries_nothing_needs_are_pruned_with_their_links() -> None:
    needs = {"x/ext.so": {"libA.so.1"}, "x/libA.so.1": {"libB.so.2"}, "x/libB.so.2": set(),
             "x/libGtk.so.0": {"libB.so.2"}, "x/libpython3.11.so.1.0": set(),
             "x/plugin.so": {"libA.so.1"}}
    entries = [
        ("mod/ext.cpython-311-x86_64-linux-gnu.so", "x/ext.so", "EXTENSION"),
        ("libA.so.1", "x/libA.so.1", "BINARY"),
        ("libB.so.2", "x/libB.so.2", "BINARY"),
        ("libGtk.so.0", "x/libGtk.so.0", "BINARY"),  # only the dropped GTK theme wanted it
        ("libpython3.11.so.1.0", "x/libpython3.11.so.1.0", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "x/plugin.so", "BINARY"),
        ("libGtk-link.so.0", "libGtk.so.0", "SYMLINK"),
    ]
    kept = bundle_rules.prune_libraries(entries, needed=lambda src: needs[src],
                                        roots=["libpython3.11.so.1.0"])
    names = {d for d, _, _ in kept}
    assert "libGtk.so.0" not in names
    assert {"libA.so.1", "libB.so.2", "libpython3.11.so.1.0"} <= names
    kept = bundle_rules.drop_dangling_links(kept, kept)
    assert "libGtk-link.so.0" not in {d for d, _, _ in kept}


def _modules_reading_files_beside_their_code() -> dict[str, list[str]]:
    """Third-party packages the app imports whose code builds paths from `__file__`."""
    code = """
import importlib, json, pkgutil, re, sys
before = set(sys.modules)
import desktop
for m in pkgutil.walk_packages(desktop.__path__, "desktop."):
    importlib.import_module(m.name)
found = {}
for name, mod in list(sys.modules.items()):
    path = getattr(mod, "__file__", None) or ""
    if name in before or "site-packages" not in path or not path.endswith(".py"):
        continue
    if re.search(r"\\b__file__\\b", open(path, encoding="utf-8").read()):
        found.setdefault(name.split(".")[0], []).append(name)
print(json.dumps(found))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=project_root())
    return json.loads(done.stdout)


def test_packages_that_find_data_through_their_own_path_go_into_the_bundle_as_files() -> None:
    """python-docx opens `docx/parts/../templates/...`: frozen into the archive, the folder
    `docx/parts` does not exist and export fails. Every such package must be collected as
    files too (bundle_rules.SOURCE_PACKAGES); PySide6 is relocated by PyInstaller's hooks
    and its wheel's own qt.conf, numpy by PyInstaller's numpy hook (the frozen smoke test
    draws the roll-up's charts), which the frozen tests check."""
    found = _modules_reading_files_beside_their_code()
    assert "docx" in found  # the check sees the case it was written for
    hooked = {"PySide6", "shiboken6", "numpy"}
    unhandled = set(found) - set(bundle_rules.SOURCE_PACKAGES) - hooked
    assert not unhandled, {k: found[k] for k in unhandled}


def test_the_spec_collects_the_whole_desktop_package_and_reads_the_version() -> None:
    spec = (project_root() / "packaging" / "planeval.spec").read_text(encoding="utf-8")
    assert 'collect_submodules("desktop")' in spec
    assert "from desktop import __version__" in spec
    assert not re.search(r"desktop/\w+\.py|desktop\.\w+\.\w+", spec), "modules listed by path"


def _package(items: list[tuple[str, bytes]]) -> bytes:
    header = struct.pack("<H", 16) + b"\0" * 14
    return icu_trim.write_package(header, items)


def test_icu_package_round_trips_and_keeps_chinese_english_and_shared_items() -> None:
    items = [(f"icudt73l/{n}", n.encode() * 3) for n in sorted([
        "root.res", "pool.res", "res_index.res", "zh.res", "zh_Hans_CN.res", "en.res",
        "de.res", "fr_CA.res", "coll/zh.res", "coll/de.res", "coll/ucadata.icu",
        "brkitr/cjdict.dict", "brkitr/line.brk", "translit/root.res", "gb18030.cnv",
        "ibm-1386_P100-2001.cnv", "ibm-943_P130-1999.cnv", "cnvalias.icu",
        "supplementalData.res", "zone/tzdbNames.res", "zone/zh.res", "zone/ja.res"])]
    header, read = icu_trim.read_package(_package(items))
    assert [(n, b.rstrip(b"\0")) for n, b in read] == items
    kept = {n.split("/", 1)[1] for n, _ in read if icu_trim.keep_item(n.split("/", 1)[1])}
    assert kept == {"root.res", "pool.res", "res_index.res", "zh.res", "zh_Hans_CN.res",
                    "en.res", "coll/zh.res", "coll/ucadata.icu", "brkitr/line.brk",
                    "gb18030.cnv", "ibm-1386_P100-2001.cnv", "cnvalias.icu",
                    "supplementalData.res", "zone/tzdbNames.res", "zone/zh.res"}


ICU_CHECK = """
import ctypes, json, sys
data, lib, v = sys.argv[1], sys.argv[2], sys.argv[3]
ctypes.CDLL(data, mode=ctypes.RTLD_GLOBAL)
uc = ctypes.CDLL(lib + "/libicuuc.so." + v, mode=ctypes.RTLD_GLOBAL)
i18n = ctypes.CDLL(lib + "/libicui18n.so." + v, mode=ctypes.RTLD_GLOBAL)
out = {}
for name, fn, arg in [("zh collation", i18n["ucol_open_" + v], b"zh_CN"),
                      ("GBK", uc["ucnv_open_" + v], b"GBK"),
                      ("Shift_JIS", uc["ucnv_open_" + v], b"Shift_JIS")]:
    status = ctypes.c_int(0)
    fn.restype = ctypes.c_void_p
    fn(arg, ctypes.byref(status))
    out[name] = status.value
print(json.dumps(out))
"""


@pytest.mark.slow
def test_trimmed_icu_library_serves_chinese_collation_and_gbk(tmp_path: Path) -> None:
    data = sorted((QT / "lib").glob("libicudata.so.*"))
    if not data or shutil.which("cc") is None:
        pytest.skip("a Linux PySide6 with its own ICU and a C compiler")
    trimmed = icu_trim.trim(data[0], tmp_path)
    assert trimmed.stat().st_size < data[0].stat().st_size / 3
    version = data[0].name.rsplit(".", 1)[1]
    # A fresh process: this one already has Qt's full ICU loaded under the same soname.
    done = subprocess.run([sys.executable, "-c", ICU_CHECK, str(trimmed), str(QT / "lib"),
                           version], capture_output=True, text=True, check=True)
    status = json.loads(done.stdout)
    assert status["zh collation"] <= 0 and status["zh collation"] != -127  # not root's
    assert status["GBK"] == 0
    assert status["Shift_JIS"] > 0  # gone, as meant


@pytest.mark.slow
def test_one_entry_is_the_cli_or_the_gui_by_the_name_it_is_started_under(tmp_path: Path,
                                                                         demo: Path) -> None:
    entry = project_root() / "packaging" / "entry.py"
    cli = subprocess.run([sys.executable, str(entry), "--version"], capture_output=True,
                         text=True, check=True, cwd=project_root())
    assert cli.stdout.startswith("planeval ")
    gui_entry = tmp_path / "planeval-gui.py"  # as the link or the windowed .exe is named
    shutil.copy(entry, gui_entry)
    shot = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANEVAL_SCREENSHOT": str(shot),
           "PYTHONPATH": str(project_root())}
    subprocess.run([sys.executable, str(gui_entry), str(demo)], env=env, check=True,
                   capture_output=True, timeout=120)
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize(("dest", "kept"), [
    ("matplotlib/mpl-data/matplotlibrc", True),
    ("matplotlib/mpl-data/stylelib/ggplot.mplstyle", True),
    ("matplotlib/mpl-data/fonts/ttf/DejaVuSans-Bold.ttf", True),
    ("matplotlib/mpl-data/fonts/ttf/LastResortHE-Regular.ttf", True),
    ("matplotlib/mpl-data/fonts/ttf/DejaVuSansMono.ttf", False),
    ("matplotlib/mpl-data/fonts/ttf/STIXGeneral.ttf", False),
    ("matplotlib/mpl-data/fonts/afm/cmr10.afm", False),
    ("matplotlib\\mpl-data\\sample_data\\goog.npz", False),
    ("matplotlib/mpl-data/images/home.png", False),
])
def test_commission_edition_keeps_only_the_matplotlib_files_the_charts_use(dest: str,
                                                                           kept: bool) -> None:
    assert bundle_rules.keep_file(dest) is kept


CHARTS_DRAWN = """
import json, sys
import matplotlib.font_manager as fm
used, get_font = set(), fm.get_font
def spy(paths, *args, **kwargs):
    used.update(map(str, paths if isinstance(paths, list) else [paths]))
    return get_font(paths, *args, **kwargs)
fm.get_font = spy
from desktop.io import charts
charts.stacked_bars([("指标", {"经济发展": {"A": 2, "B": 1, "未填报": 1}})],
                    ["A", "B", "C", "D", "未填报"])
charts.progress_chart([("1 地区生产总值 $ 亿元", 0.5, "B"), ("2 研发投入", 1.1, "A")], 0.6)
print(json.dumps({"modules": sorted(sys.modules), "fonts": sorted(used)}))
"""


@pytest.mark.slow
def test_drawing_the_charts_needs_nothing_the_commission_edition_leaves_out() -> None:
    """Both charts drawn from source load no module the commission edition excludes and
    no matplotlib font it drops (the frozen smoke test draws them from the bundle)."""
    done = subprocess.run([sys.executable, "-c", CHARTS_DRAWN], capture_output=True, text=True,
                          check=True, cwd=project_root())
    seen = json.loads(done.stdout)
    excluded = bundle_rules.CHART_EXCLUDES
    assert not [m for m in seen["modules"]
                if any(m == e or m.startswith(e + ".") for e in excluded)]
    mpl_fonts = [f.replace("\\", "/").split("site-packages/", 1)[-1] for f in seen["fonts"]
                 if "mpl-data" in f]
    assert mpl_fonts, seen["fonts"]  # DejaVu Sans, after the CJK font, draws the digits
    assert all(bundle_rules.keep_file(f) for f in mpl_fonts), mpl_fonts
