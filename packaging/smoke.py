"""Frozen smoke test: build the .deb, install it into a scratch root, and with the installed
program run every CLI verb and start the GUI, as a normal user with /opt read-only; then
remove the package and check nothing is left. Screenshots land in dist/smoke/.

    python packaging/smoke.py [department|commission] [--no-build]

The department edition (the default) has no charts: its roll-up must say so; the
commission edition's must draw them. With the other edition's .deb in dist/ too, it is
installed over this one, which must go (the packages conflict and replace each other).

Run as root (dpkg --root, a private mount namespace for the read-only /opt, and the switch
to user nobody); as another user it still runs everything, as that user, without the
read-only mount. Exit 0 when every step passed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "packaging")]

from bundle_rules import EDITIONS  # noqa: E402
from smoke_commission import commission_walk  # noqa: E402
from smoke_compile import compile_walk  # noqa: E402

from desktop import __version__  # noqa: E402
from desktop.cli import build_parser  # noqa: E402

NOBODY = 65534
OPT = "opt/planeval"
# Remount the installed /opt read-only in a private namespace, then drop to nobody.
ISOLATE = ('mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && '
           f'exec setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups -- "$@"')


def cli_verbs() -> set[str]:
    """Every verb of the source CLI, nested ones as "keys import"."""
    verbs: set[str] = set()

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    before = len(verbs)
                    walk(sub, f"{prefix}{name} ")
                    if len(verbs) == before:
                        verbs.add(f"{prefix}{name}")

    walk(build_parser(), "")
    return verbs


class Installed:
    """The package installed into a scratch root, and a way to run its programs."""

    def __init__(self, root: Path, work: Path, home: Path, edition: str) -> None:
        self.root, self.work, self.home, self.edition = root, work, home, edition
        self.isolated = os.geteuid() == 0 and shutil.which("unshare") is not None and \
            subprocess.run(["unshare", "-m", "true"], check=False).returncode == 0
        self.verbs = cli_verbs()
        self.ran: list[str] = []

    def mkdir(self, name: str) -> Path:
        """A folder in the work folder that the program's user may write to."""
        folder = self.work / name
        folder.mkdir()
        if self.isolated:
            os.chown(folder, NOBODY, NOBODY)
        return folder

    @property
    def bundle(self) -> Path:
        return self.root / OPT

    def run(self, program: str, *args: str, expect: Sequence[int] = (0,),
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Run /usr/bin/<program> from the scratch root in the work folder."""
        exe = self.root / "usr" / "bin" / program
        full_env = {"PATH": "/usr/bin:/bin", "HOME": str(self.home), "LANG": "C.UTF-8",
                    **(env or {})}
        command = [str(exe), *args]
        if self.isolated:
            command = ["unshare", "-m", "sh", "-c", ISOLATE, str(self.bundle), *command]
        t0 = time.perf_counter()
        done = subprocess.run(command, cwd=self.work, env=full_env, capture_output=True,
                              text=True, check=False, timeout=300)
        took = time.perf_counter() - t0
        shown = " ".join([program, *args]).replace(str(self.root), "<root>")
        print(f"  {took:5.2f}s  exit {done.returncode}  {shown}")
        if done.returncode not in expect:
            raise SystemExit(f"FAILED: {shown}\n{done.stdout}\n{done.stderr}")
        if program == "planeval":
            self.ran += [v for v in (" ".join(args[:n]) for n in (3, 2, 1)) if v in self.verbs]
        return done


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and mtime of every file under folder (to see that nothing wrote there)."""
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
            for p in folder.rglob("*")}


def install(deb: Path, root: Path) -> None:
    admin = root / "var" / "lib" / "dpkg"
    for sub in ("info", "updates"):
        (admin / sub).mkdir(parents=True, exist_ok=True)
    for name in ("status", "available"):
        (admin / name).touch()
    subprocess.run(["dpkg", f"--root={root}", "--force-depends", "--force-not-root",
                    "-i", str(deb)], check=True, capture_output=True)


def check_layout(root: Path, edition: str) -> None:
    """/opt, the links on PATH, the menu entry and icons are where the .deb says."""
    for path in ("opt/planeval/planeval", "usr/share/applications/planeval.desktop",
                 "usr/share/icons/hicolor/48x48/apps/planeval.png",
                 "usr/share/icons/hicolor/scalable/apps/planeval.svg"):
        assert (root / path).exists(), path
    for link in ("planeval", "planeval-gui"):
        target = (root / "usr" / "bin" / link).resolve()
        assert target.parent == (root / OPT).resolve(), (link, target)
    entry = (root / "usr/share/applications/planeval.desktop").read_text(encoding="utf-8")
    label = "规划评估填报" if edition == "department" else "规划评估（区发改委版）"
    assert f"Name[zh_CN]={label}\n" in entry and "Exec=planeval-gui" in entry


def cli_walk(app: Installed) -> Path:
    """Every verb, from the demo to the signed final package; returns that package."""
    demo = app.bundle / "_internal" / "resources" / "demo"
    keys = demo / "keys"
    (app.work / "pass.txt").write_text("planeval-demo\n", encoding="utf-8")
    (app.work / "案例说明.txt").write_text("典型案例佐证材料\n", encoding="utf-8")
    version = app.run("planeval", "--version").stdout
    assert __version__ in version, version
    app.run("planeval", "demo", "演示", "--filled")
    data = app.run("planeval", "export-data", "演示").stdout
    (app.work / "答案.json").write_text(data, encoding="utf-8")
    ws = "区科委 工作区"
    app.run("planeval", "init", ws, "--assignment", str(demo), "--department", "区科委")
    app.run("planeval", "fill", ws, "答案.json")
    status = json.loads(app.run("planeval", "status", ws, "--json").stdout)
    assert status, status
    app.run("planeval", "validate", ws, "--json")
    app.run("planeval", "signoff", ws, "--leader", "王明", "--date", "2023-07-01")
    app.run("planeval", "attach", ws, "案例说明.txt")
    app.run("planeval", "keys", "import", str(keys / "区科委-demo.p12"), "--p12-passphrase-file",
            "pass.txt", "--out", "区科委.key", "--passphrase-file", "pass.txt")
    app.run("planeval", "keys", "show", "区科委.key")
    app.run("planeval", "export", ws, "--out", "初稿", "--stage", "draft", "--key", "区科委.key",
            "--passphrase-file", "pass.txt")
    app.run("planeval", "export", ws, "--out", "定稿", "--stage", "final",
            "--key", str(keys / "区科委-demo.p12"), "--passphrase-file", "pass.txt")
    packages = sorted((app.work / "初稿").glob("*.zip")) + sorted((app.work / "定稿").glob("*.zip"))
    assert len(packages) == 2, packages
    app.run("planeval", "verify", *map(str, packages), "--trust", str(keys / "commission-ca.pem"))
    app.mkdir("邮件")
    app.run("planeval", "email", str(packages[1]), "--out", "邮件", "--to", "fgw@example.cn")
    app.mkdir("U盘")
    app.run("planeval", "upload", str(packages[1]), "U盘")
    app.run("planeval", "keys", "generate", "--department", "区科委", "--district", "普陀区",
            "--out", "新.key", "--csr", "新.csr", "--passphrase-file", "pass.txt")
    app.run("planeval", "keys", "issue", "新.csr", "--ca-cert", str(keys / "commission-ca.pem"),
            "--ca-key", str(keys / "commission-ca-demo-key.pem"), "--out", "新.pem")
    app.run("planeval", "keys", "add-cert", "新.key", "新.pem")
    for form in sorted((app.bundle / "_internal" / "forms").glob("*/form.json")):
        app.run("planeval", "form", "check", str(form.parent))
    app.run("planeval", "form", "task-targets", "--assignment", str(demo), "--json")
    if any(v.startswith("commission ") for v in app.verbs):
        commission_walk(app, json.loads(data))
    if any(v.startswith("compile ") for v in app.verbs):
        compile_walk(app)
    missing = app.verbs - set(app.ran)
    assert not missing, f"verbs not run: {sorted(missing)}"
    return packages[1]


def gui_runs(app: Installed, out: Path) -> list[Path]:
    """The GUI on the workspace (offscreen and, with Xvfb, on X11) and on the demo."""
    shots = []
    runs = [("offscreen", ["区科委 工作区"], {"QT_QPA_PLATFORM": "offscreen"}),
            ("demo", ["--demo"], {"QT_QPA_PLATFORM": "offscreen"}),
            ("welcome", [], {"QT_QPA_PLATFORM": "offscreen"})]
    xvfb = None
    if shutil.which("Xvfb"):
        display = f":{90 + os.getpid() % 100}"
        xvfb = subprocess.Popen(["Xvfb", display, "-ac", "-screen", "0", "1280x800x24"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)
        runs.append(("xcb", ["区科委 工作区"], {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}))
    try:
        for name, args, env in runs:
            shot = app.work / f"gui-{name}.png"
            app.run("planeval-gui", *args, env={**env, "PLANEVAL_SCREENSHOT": str(shot)})
            assert shot.stat().st_size > 10_000, shot
            shots.append(Path(shutil.copy(shot, out / shot.name)))
    finally:
        if xvfb:
            xvfb.terminate()
            xvfb.wait()
    demo = app.home / ".local" / "share" / "planeval" / "demo" / "workspace.sqlite"
    assert demo.exists(), f"the demo is not in the user's data folder: {demo}"
    return shots


def switch_edition(root: Path, name: str) -> str:
    """Install the other edition's .deb (when built) over this one: dpkg removes this one
    (Conflicts and Replaces). Returns the package now installed."""
    other = next(n for n in EDITIONS.values() if n != name)
    debs = sorted((ROOT / "dist").glob(f"{other}_{__version__}_*.deb"))
    if not debs:
        print(f"no {other} .deb in dist/: switching editions not tried")
        return name
    install(debs[-1], root)
    gone = subprocess.run(["dpkg-query", f"--root={root}", "-W", "-f=${db:Status-Abbrev}",
                           name], capture_output=True, text=True, check=False)
    assert not gone.stdout.startswith("ii"), f"{name} still installed beside {other}"
    assert (root / OPT / "planeval").exists()
    print(f"installed {debs[-1].name} over it: {name} was removed")
    return other


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", nargs="?", choices=list(EDITIONS), default="department")
    parser.add_argument("--no-build", action="store_true", help="use the .deb in dist/")
    args = parser.parse_args()
    name = EDITIONS[args.edition]
    t0 = time.perf_counter()
    if not args.no_build:
        subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), args.edition], check=True,
                       env={**os.environ, "XZ_LEVEL": os.environ.get("XZ_LEVEL", "1")})
    debs = sorted((ROOT / "dist").glob(f"{name}_{__version__}_*.deb"))
    if not debs:
        raise SystemExit("no .deb in dist/: run without --no-build")
    out = ROOT / "dist" / "smoke"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="planeval-smoke-") as tmp:
        os.chmod(tmp, 0o755)  # nobody walks through it to the work folder
        root, work, home = Path(tmp) / "root", Path(tmp) / "工作 目录", Path(tmp) / "home"
        install(debs[-1], root)
        check_layout(root, args.edition)
        app = Installed(root, work, home, args.edition)
        for folder in (work, home):
            folder.mkdir()
            if app.isolated:
                os.chown(folder, NOBODY, NOBODY)
        print(f"installed {debs[-1].name} into a scratch root; running as "
              f"{'nobody, /opt read-only' if app.isolated else 'this user'}:")
        before = snapshot(app.bundle)
        cli_walk(app)
        shots = gui_runs(app, out)
        assert snapshot(app.bundle) == before, "the program wrote into /opt"
        name = switch_edition(root, name)
        subprocess.run(["dpkg", f"--root={root}", "--force-not-root", "--purge", name],
                       check=True, capture_output=True)
        left = [p for p in root.rglob("*") if "var" not in p.relative_to(root).parts
                and not p.is_dir()]
        assert not left, f"left after removal: {left}"
        assert not (root / OPT).exists(), "/opt/planeval is still there after removal"
    print("removed cleanly; screenshots: " + ", ".join(str(s.relative_to(ROOT)) for s in shots))
    print(f"smoke test passed in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
