"""The demo without a display: walk the whole path through the CLI and say where things are."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from desktop import cli
from desktop.department.operations import export_data, open_workspace


def screenshot(workspace: Path, target: Path) -> Path | None:
    """Draw the main window offscreen and save it, so a headless machine still shows the UI."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        from PySide6.QtCore import qInstallMessageHandler

        from desktop.ui.app import application, open_window

        qInstallMessageHandler(lambda *_: None)  # the offscreen plugin's chatter is not news

        app = application()
        window = open_window(workspace, show_error=print)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.grab().save(str(target))
        window.close()
        return target
    except Exception as exc:  # the CLI demo stands on its own; the picture is a bonus
        print(f"（未能绘制界面截图：{exc}）")
        return None


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0] if argv else "demo-workspace").resolve()
    if out.exists():
        shutil.rmtree(out)
    print("未检测到图形显示（DISPLAY 未设置），改用命令行演示。\n")
    print(f"$ planeval demo {out} --filled")
    code = cli.main(["demo", str(out), "--filled"])
    if code:
        return code
    ws, form = open_workspace(out)
    with ws:
        data = export_data(ws, form)
    data_file = out / "data.json"
    data_file.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\n工作区数据库：{out / 'workspace.sqlite'}")
    print(f"全部答案（JSON）：{data_file}")
    shot = screenshot(out, out / "main-window.png")
    if shot:
        print(f"主窗口截图（离屏绘制）：{shot}")
    print(f"有图形界面时运行：.venv/bin/python -m desktop {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
