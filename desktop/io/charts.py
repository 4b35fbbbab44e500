"""Charts for the district summary as PNG bytes (matplotlib, Agg backend, loaded on use).

Labels are Chinese, so a CJK font is looked up through matplotlib's font manager (the
report's 黑体 first, then common CJK families, then any font whose name says CJK). With
none installed the charts are still drawn; Chinese characters may then show as boxes.

The department edition of the frozen app leaves matplotlib out (packaging/bundle_rules.py):
callers ask `charts_available()` first and write `CHARTS_NEED_COMMISSION` where a chart
would be.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

PREFERRED_FONTS = ("SimHei", "黑体", "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
                   "WenQuanYi Zen Hei", "Microsoft YaHei", "Noto Serif CJK SC", "SimSun")
GRADE_COLOURS = {"A": "#2e7d32", "B": "#81c784", "C": "#ffb74d", "D": "#e53935",
                 "未填报": "#bdbdbd"}
DPI = 150
CHARTS_NEED_COMMISSION = ("图表未生成：本机安装的是部门版规划评估软件，不含绘图功能。"
                          "如需图表，请在装有区发改委版（planeval-commission）的电脑上重新生成全区汇总。")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


CHART_PACKAGES = frozenset({"matplotlib", "numpy", "PIL"})  # what the department edition lacks


def charts_available() -> bool:
    """Whether matplotlib loads here: False where it, numpy or Pillow is not installed (the
    department edition). A part missing inside them is a broken build and still raises."""
    try:
        _pyplot()
    except ModuleNotFoundError as missing:
        if missing.name in CHART_PACKAGES:
            return False
        raise
    return True


def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or None."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in PREFERRED_FONTS:
        if name in names:
            return name
    return next((n for n in sorted(names) if "CJK" in n or "Hei" in n), None)


def _style(plt: Any) -> None:
    font = cjk_font()
    plt.rcParams["font.family"] = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    # Labels are the forms' and clerks' text: "$" is a dollar sign, never math (and the
    # bundle keeps no math fonts, packaging/bundle_rules.py).
    plt.rcParams["text.parse_math"] = False


def _png(fig: Any, plt: Any) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():  # missing glyphs without a CJK font: drawn as boxes
        warnings.simplefilter("ignore")
        fig.savefig(out, format="png", dpi=DPI, bbox_inches="tight",
                    metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()


def _short(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrapped(text: str, width: int = 12, lines: int = 2) -> str:
    """A long category name on up to `lines` lines of `width` characters (then "…")."""
    chunks = [text[i:i + width] for i in range(0, len(text), width)] or [""]
    if len(chunks) > lines:
        chunks = [*chunks[:lines - 1], _short(text[width * (lines - 1):], width)]
    return "\n".join(chunks)


def stacked_bars(panels: Sequence[tuple[str, Mapping[str, Mapping[str, int]]]],
                 columns: Sequence[str]) -> bytes:
    """One panel per table: a horizontal bar per category, stacked by conclusion."""
    plt = _pyplot()
    _style(plt)
    heights = [max(len(cats), 1) for _, cats in panels] or [1]
    fig, axes = plt.subplots(len(panels) or 1, 1, squeeze=False,
                             figsize=(8, 1.2 + 0.45 * sum(heights) + 0.8 * len(heights)),
                             gridspec_kw={"height_ratios": heights})
    for ax, (title, by_category) in zip(axes[:, 0], panels, strict=False):
        names = list(by_category)
        left = [0] * len(names)
        for column in columns:
            values = [by_category[n].get(column, 0) for n in names]
            bars = ax.barh([_wrapped(n) for n in names], values, left=left, label=column,
                           color=GRADE_COLOURS.get(column, "#90a4ae"))
            ax.bar_label(bars, labels=[str(v) if v else "" for v in values],
                         label_type="center", fontsize=8)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.invert_yaxis()
        ax.set_title(title, fontsize=12)
        ax.set_xlabel("数量")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.tight_layout(rect=(0, 0, 1, 0.97))  # the legend sits above the panels, off the bars
    fig.legend(handles, labels, ncol=len(columns), fontsize=8, loc="upper center",
               bbox_to_anchor=(0.5, 1.0), frameon=False)
    return _png(fig, plt)


def progress_chart(points: Sequence[tuple[str, float, str]], elapsed: float,
                   subtitle: str = "") -> bytes:
    """Each indicator's share of its target reached (a bar) against time elapsed (a line).

    `points` are (label, share reached, grade); bars take the grade's colour.
    """
    plt = _pyplot()
    _style(plt)
    fig, ax = plt.subplots(figsize=(8, 1.4 + 0.35 * max(len(points), 1)))
    labels = [_short(p[0], 22) for p in points]
    shares = [p[1] * 100 for p in points]
    colours = [GRADE_COLOURS.get(p[2], "#90a4ae") for p in points]
    ax.barh(labels, shares, color=colours)
    ax.axvline(elapsed * 100, color="#1565c0", linestyle="--")
    for y, share in enumerate(shares):
        ax.text(share + 1, y, f"{share:.0f}%", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(f"目标完成进度（%）；虚线为时间进度 {elapsed * 100:.0f}%")
    ax.set_title(f"主要指标完成进度与时间进度{subtitle}", fontsize=12)
    ax.set_xlim(0, max([*shares, elapsed * 100, 100]) * 1.15)
    fig.tight_layout()
    return _png(fig, plt)
