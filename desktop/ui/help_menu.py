"""帮助 menu: the user guide (docs/USER_GUIDE.md, with its pictures), the About box with
the version and where data and the log live, and opening the log folder for support."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.paths import project_root
from desktop.ui.i18n import tr
from desktop.ui.support import LOG_NAME, data_dir, log_dir

IMAGE_WIDTH = 760  # screenshots are shown this wide (their height follows)


def fit_images(doc: QTextDocument, width: int) -> None:
    """Show every picture at most `width` pixels wide, so the guide reads without scrolling
    sideways."""
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            image = fragment.charFormat().toImageFormat()
            if fragment.charFormat().isImageFormat():
                image.setWidth(width)
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(),
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(image)
            it += 1
        block = block.next()


def guide_path() -> Path:
    return project_root() / "docs" / "USER_GUIDE.md"


class GuideDialog(QDialog):
    """The user guide as formatted text; its pictures are found beside the file."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide")
        self.setWindowTitle(tr("使用说明"))
        path = path or guide_path()
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(path.parent)])
        try:
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        except OSError:
            self.browser.setPlainText(tr("找不到使用说明文件：%1").replace("%1", str(path)))
        fit_images(self.browser.document(), IMAGE_WIDTH)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 40), min(760, screen.height() - 60))


def about_text() -> str:
    return (f"<h3>{tr('规划评估填报')}</h3>"
            f"<p>{tr('版本')} {__version__}</p>"
            f"<p>{tr('用于区发改委规划评估任务的填写、检查、签名和报送；全部在本机离线完成。')}</p>"
            f"<p>{tr('本机数据文件夹：')}<br>{data_dir()}</p>"
            f"<p>{tr('日志文件（联系技术支持时请一并提供）：')}<br>{log_dir() / LOG_NAME}</p>")


def show_guide(parent: QWidget) -> GuideDialog:
    dialog = GuideDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, tr("关于"), about_text(),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("about")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def open_log_folder() -> None:
    log_dir().mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))


def add_help_menu(window: QMainWindow) -> None:
    menu = window.menuBar().addMenu(tr("帮助"))
    guide = menu.addAction(tr("使用说明"))
    guide.setObjectName("help_guide")
    guide.setShortcut("F1")
    guide.triggered.connect(lambda: show_guide(window))
    menu.addAction(tr("打开日志文件夹"), open_log_folder)
    menu.addSeparator()
    about = menu.addAction(tr("关于"))
    about.setObjectName("help_about")
    about.triggered.connect(lambda: show_about(window))
