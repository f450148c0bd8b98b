"""The server's data folder: uploaded batches, and downloads under random names that expire.

    <data>/jobs/<random>/收集/…   uploads of one batch request (removed when the batch is done)
    <data>/downloads/<random>/<name>   results; the random folder name is the link's secret

Nothing is written outside the data folder: upload names are checked (no folders, no "..", no
absolute paths) and every path is resolved and verified to lie inside it.
"""

import re
import secrets
import shutil
import time
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from perfxl.atomic import atomic_path

ALLOWED_SUFFIXES = (".xlsx", ".xlsm", ".zip")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class UnsafeName(ValueError):
    """An upload or download name that could leave its folder; the message is Chinese."""


def safe_name(name: str | None) -> str:
    """The upload's file name if it is a plain name with an allowed suffix; raises UnsafeName otherwise."""
    if not name or "\x00" in name:
        raise UnsafeName("文件名为空或含非法字符")
    if (name.startswith(("/", "\\")) or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive
            or PurePosixPath(name).is_absolute()):
        raise UnsafeName(f"文件名“{name}”是绝对路径，只能上传文件本身")
    parts = re.split(r"[\\/]", name)
    if any(p in ("..", ".") for p in parts) or len(parts) > 1:
        raise UnsafeName(f"文件名“{name}”含有文件夹或“..”，只能上传文件本身")
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise UnsafeName(f"“{name}”不是 .xlsx、.xlsm 工作簿或 .zip 压缩包")
    return name


def inside(base: Path, path: Path) -> Path:
    """`path` resolved, after checking it lies inside `base` (raises UnsafeName otherwise)."""
    resolved = path.resolve()
    if not resolved.is_relative_to(base.resolve()):
        raise UnsafeName("路径超出服务器数据目录")
    return resolved


def new_job(data_dir: Path) -> Path:
    job = data_dir / "jobs" / secrets.token_urlsafe(12)
    job.mkdir(parents=True)
    return job


def publish(data_dir: Path, files: dict[str, Path]) -> tuple[str, list[str]]:
    """Copy result files into a new random download folder; returns (token, names)."""
    token = secrets.token_urlsafe(24)
    folder = data_dir / "downloads" / token
    folder.mkdir(parents=True)
    for name, source in files.items():
        with atomic_path(inside(folder, folder / name)) as tmp:
            shutil.copyfile(source, tmp)
    return token, list(files)


def zip_folder(folder: Path, out: Path) -> Path:
    """A .zip of every file under `folder` (names relative to it), written atomically."""
    with atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return out


def download_path(data_dir: Path, token: str, name: str, ttl: int) -> Path | None:
    """The file behind a download link, or None when unknown or expired (an expired one is removed)."""
    if not _TOKEN.match(token) or "/" in name or "\\" in name or name in ("", ".", ".."):
        return None
    folder = data_dir / "downloads" / token
    if not folder.is_dir():
        return None
    if time.time() - folder.stat().st_mtime > ttl:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    path = inside(folder, folder / name)
    return path if path.is_file() else None


def sweep(data_dir: Path, ttl: int) -> None:
    """Remove expired download folders and jobs left over by a crash."""
    now = time.time()
    for sub in ("downloads", "jobs"):
        base = data_dir / sub
        if not base.is_dir():
            continue
        for folder in base.iterdir():
            try:
                if now - folder.stat().st_mtime > ttl:
                    shutil.rmtree(folder, ignore_errors=True)
            except FileNotFoundError:
                continue
