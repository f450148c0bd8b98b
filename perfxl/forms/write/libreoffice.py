"""LibreOffice (optional): convert workbooks to PDF, or recalculate them (xlsx → xlsx), headless.

Many files go through one `soffice` start (much faster than one start per file). Each call uses a
private, throw-away user profile, so it neither disturbs nor depends on a desktop LibreOffice, and the
profile forces "recalculate on load" for Excel files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

INSTALL_HINT = "未找到 LibreOffice（soffice）。请安装：apt-get install libreoffice-calc-nogui"

_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""


class LibreOfficeError(RuntimeError):
    """LibreOffice is missing or a conversion failed (Chinese message)."""


def find_soffice() -> str | None:
    """Path of the soffice binary, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return str(mac) if mac.exists() else None


def convert(files: Iterable[str | Path], out_dir: str | Path, fmt: str = "pdf", *,
            timeout: float = 600, batch: int = 200, jobs: int = 1) -> list[Path]:
    """Convert `files` into `out_dir` as `fmt` ("pdf" or "xlsx"); returns the output paths in order.

    xlsx → xlsx recalculates every formula and stores the results (cached values) in the copy.
    `jobs` > 1 runs that many soffice processes side by side (each with its own profile).
    Raises LibreOfficeError when soffice is missing or an output file is not produced.
    """
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeError(INSTALL_HINT)
    files = [Path(f).resolve() for f in files]
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    stems = [f.stem for f in files]
    if len(set(stems)) != len(stems):
        raise LibreOfficeError("同一批转换的文件名（不含扩展名）不能重复")
    if fmt == "xlsx" and any(f.parent == out for f in files):
        raise LibreOfficeError("重新计算的输出目录不能与原文件目录相同")
    jobs = max(1, min(jobs, len(files)))
    size = min(batch, -(-len(files) // jobs)) if files else batch
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    if jobs == 1:
        for chunk in chunks:
            _run(soffice, chunk, out, fmt, timeout)
    else:
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(lambda chunk: _run(soffice, chunk, out, fmt, timeout), chunks))
    results = [out / f"{stem}.{fmt}" for stem in stems]
    missing = [p.name for p in results if not p.is_file()]
    if missing:
        raise LibreOfficeError("LibreOffice 未能生成：" + "、".join(missing[:5]))
    return results


def _run(soffice: str, chunk: list[Path], out: Path, fmt: str, timeout: float) -> None:
    target = "xlsx:Calc MS Excel 2007 XML" if fmt == "xlsx" else fmt
    with tempfile.TemporaryDirectory(prefix="perfxl-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", target, "--outdir", str(out), *map(str, chunk)]
        env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
        try:
            subprocess.run(cmd, check=False, capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise LibreOfficeError(f"LibreOffice 转换超时（{timeout:g} 秒）") from None


def first_page_png(pdf: str | Path, png: str | Path, dpi: int = 80) -> Path:
    """Render the first page of `pdf` as `png` with poppler's pdftoppm."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise LibreOfficeError("未找到 pdftoppm。请安装：apt-get install poppler-utils")
    png = Path(png)
    png.parent.mkdir(parents=True, exist_ok=True)
    stem = png.with_suffix("")
    subprocess.run([tool, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                   check=True, capture_output=True, timeout=120)
    return png


def recalculate(files: Iterable[str | Path], out_dir: str | Path, **kwargs) -> list[Path]:
    """Copies of `files` in `out_dir` with every formula recalculated by LibreOffice."""
    return convert(files, out_dir, "xlsx", **kwargs)
