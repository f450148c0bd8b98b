"""Charts as PNG pictures for the documents: matplotlib (Agg) with a CJK font, so no glyph becomes a box.

The font is looked up among the installed fonts (Noto/Source Han CJK, WenQuanYi, SimHei, Microsoft YaHei,
PingFang …); without one, charts cannot show Chinese and ChartError says what to install.
"""

import io
from functools import cache

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
             "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC",
             "Noto Serif CJK SC", "AR PL UMing CN")
INSTALL_HINT = "未找到中文字体，图表无法显示中文。请安装中文字体（如 apt-get install fonts-noto-cjk）后重试"
COLORS = ("#C00000", "#2F5597", "#548235", "#BF9000", "#7F7F7F", "#7030A0")


class ChartError(ValueError):
    """No CJK font (Chinese message)."""


def _known(font_manager) -> str | None:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    return next((f.name for f in font_manager.fontManager.ttflist  # any other CJK family the machine has
                 if "CJK" in f.name or "Hei" in f.name or "Song" in f.name), None)


def _system_chinese_fonts() -> list[str]:
    """Font files fontconfig knows with Chinese coverage (fonts installed after matplotlib cached its list)."""
    import shutil
    import subprocess

    tool = shutil.which("fc-list")
    if tool is None:
        return []
    try:
        out = subprocess.run([tool, ":lang=zh", "file"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})


@cache
def cjk_font() -> str:
    """The family name of an installed font with Chinese glyphs."""
    from matplotlib import font_manager

    name = _known(font_manager)
    if name is None:
        for path in _system_chinese_fonts():
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
        name = _known(font_manager)
    if name is None:
        raise ChartError(INSTALL_HINT)
    return name


def _figure(width_cm: float = 14.0, height_cm: float = 6.5):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import pyplot as plt

    plt.rcParams["font.family"] = [cjk_font()]
    plt.rcParams["axes.unicode_minus"] = False  # "−" is missing from some CJK fonts
    fig, ax = plt.subplots(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=200)
    ax.spines[["top", "right"]].set_visible(False)
    return plt, fig, ax


def _png(plt, fig) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def bar_chart(labels: list[str], values: list[float], *, title: str, ylabel: str, percent: bool = False,
              horizontal: bool = False) -> bytes:
    """A bar chart with each bar's value written on it."""
    plt, fig, ax = _figure()
    colors = [COLORS[i % len(COLORS)] for i in range(len(labels))]
    positions = range(len(labels))
    bars = (ax.barh if horizontal else ax.bar)(positions, values, color=colors)
    text = [f"{v:.1f}%" if percent else f"{v:g}" for v in values]
    ax.bar_label(bars, labels=text, padding=2, fontsize=10)
    (ax.set_yticks if horizontal else ax.set_xticks)(list(positions), labels, fontsize=10)
    (ax.set_xlabel if horizontal else ax.set_ylabel)(ylabel, fontsize=10)
    if horizontal:
        ax.invert_yaxis()
        ax.set_xlim(0, max([*values, 1]) * 1.15)
    else:
        ax.set_ylim(0, max([*values, 1]) * 1.15)
    ax.tick_params(labelsize=10)
    ax.set_title(title, fontsize=12)
    return _png(plt, fig)
