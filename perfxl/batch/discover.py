"""Find the input files of a batch: walk a folder, and unpack .zip archives safely into a work folder.

Every file found becomes an `Entry` — including what cannot be processed (an archive member with an
unsafe path, a corrupt archive, a folder link): those carry the finding that becomes their row.
Sources are opened read-only. Archive members are checked before extraction (count, sizes,
compression ratio, path) and copied through a size-bounded stream to `dest/<n>/<base name>`, so
nothing is ever written outside `dest` whatever the member is called.
"""

from __future__ import annotations

import os
import shutil
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from perfxl.batch.outcome import Status
from perfxl.config.limits import raise_hint
from perfxl.domain import Finding
from perfxl.forms.read.problems import finding
from perfxl.forms.read.sniff import DEFAULT_LIMITS

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Bounds on unpacking collected archives (each member is then sniffed like any file)."""

    max_members: int = 20_000
    max_total: int = 4096 * MB  # all members of one archive, uncompressed
    max_member: int = DEFAULT_LIMITS.max_file_bytes
    max_ratio: float = DEFAULT_LIMITS.max_ratio
    ratio_floor: int = DEFAULT_LIMITS.ratio_floor
    max_depth: int = 3  # archives inside archives


DEFAULT_ARCHIVE_LIMITS = ArchiveLimits()


@dataclass(slots=True)
class Entry:
    """One input file. `path` is where a worker can read it; `problem` is set when it cannot be processed."""

    file: str  # display path: relative to the input, "a.zip/member" inside archives
    name: str  # base name
    path: Path | None
    problem: Finding | None = None
    status: Status | None = None  # the row's status when `problem` is set


def is_archive(path: Path) -> bool:
    """A .zip that is not itself an Office document (an .xlsx renamed to .zip is a workbook)."""
    if path.suffix.lower() != ".zip":
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist()[:50_000])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return True  # a corrupt .zip is reported as a corrupt archive
    return "[Content_Types].xml" not in names


def discover(input: Path, dest: Path, *, exclude: tuple[Path, ...] = (),
             limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS) -> Iterator[Entry]:
    """Entries in a stable order (sorted paths). `dest` receives extracted archive members."""
    input = Path(input)
    excluded = {_real(p) for p in exclude}
    counter = [0]
    if input.is_file():
        if is_archive(input):
            yield from _archive(input, "", dest, counter, limits, 1)
        else:
            yield Entry(input.name, input.name, input)
        return
    for root, dirs, files in os.walk(input, onerror=None, followlinks=False):
        root_path = Path(root)
        keep = []
        for d in sorted(dirs):
            full = root_path / d
            if _real(full) in excluded:
                continue
            if full.is_symlink():
                rel = full.relative_to(input).as_posix()
                yield Entry(rel, d, None, finding("T104", reason="是指向文件夹的链接（快捷方式），未跟随读取"), Status.NOT_FORM)
                continue
            keep.append(d)
        dirs[:] = keep
        for name in sorted(files):
            full = root_path / name
            if _real(full) in excluded:
                continue
            rel = full.relative_to(input).as_posix()
            if is_archive(full):
                yield from _archive(full, rel + "/", dest, counter, limits, 1)
            else:
                yield Entry(rel, name, full)


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except OSError:  # pragma: no cover
        return Path(path)


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name, decoding legacy GBK names (Chinese Windows zips without the UTF-8 flag)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            return name
        for encoding in ("utf-8", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    return name


def safe_parts(name: str) -> list[str] | None:
    """Path parts of a member name, or None when it is absolute or climbs out ("..")."""
    text = name.replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        return None
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts) or any("\x00" in p for p in parts):
        return None
    return parts


def _archive(path: Path, prefix: str, dest: Path, counter: list[int], limits: ArchiveLimits,
             depth: int) -> Iterator[Entry]:
    """Entries for the members of one archive (or one entry saying why the archive cannot be opened)."""
    label = prefix.rstrip("/") or path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        reason = f"压缩包已损坏或不是 zip 文件（{exc}）"
        yield Entry(label, path.name, None, finding("T101", reason=reason), Status.UNREADABLE)
        return
    with zf:
        infos = [info for info in zf.infolist() if not info.is_dir()]
        if not infos:
            yield Entry(label, path.name, None, finding("T104", reason="是空的 zip 压缩包，没有文件"), Status.NOT_FORM)
            return
        if len(infos) > limits.max_members:
            reason = f"压缩包内有 {len(infos)} 个文件，超过上限 {limits.max_members}"
            yield Entry(label, path.name, None, finding("T106", reason=reason), Status.UNREADABLE)
            return
        declared = sum(info.file_size for info in infos)
        if declared > limits.max_total:
            reason = f"压缩包解压后共 {declared / MB:.0f} MB，超过上限 {limits.max_total / MB:.0f} MB"
            yield Entry(label, path.name, None, finding("T106", reason=reason), Status.UNREADABLE)
            return
        for info in sorted(infos, key=lambda i: member_name(i)):
            yield from _member(zf, info, prefix, dest, counter, limits, depth)


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, prefix: str, dest: Path, counter: list[int],
            limits: ArchiveLimits, depth: int) -> Iterator[Entry]:
    name = member_name(info)
    parts = safe_parts(name)
    display = prefix + ("/".join(parts) if parts else name)
    base = parts[-1] if parts else Path(name.replace("\\", "/")).name or "unnamed"

    def reject(code: str, status: Status = Status.UNREADABLE, **fields) -> Entry:
        return Entry(display, base, None, finding(code, **fields), status)

    if parts is None:
        yield reject("T106", reason=f"压缩包中的文件路径“{name}”指向压缩包之外，已拒绝解压")
        return
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        yield reject("T106", reason="压缩包中的该文件是符号链接，已拒绝解压")
        return
    if info.flag_bits & 0x1:
        yield reject("T101", reason="压缩包中的该文件设置了解压密码，无法解压")
        return
    if info.file_size > limits.max_member:
        yield reject("T106", reason=f"解压后 {info.file_size / MB:.0f} MB，超过单个文件上限 {limits.max_member / MB:.0f} MB；"
                                        f"{raise_hint('file_mb')}")
        return
    if info.file_size > limits.ratio_floor and info.file_size / max(info.compress_size, 1) > limits.max_ratio:
        ratio = info.file_size / max(info.compress_size, 1)
        yield reject("T106", reason=f"压缩比 {ratio:.0f}:1，疑似“压缩炸弹”，已拒绝解压；{raise_hint('ratio')}")
        return
    counter[0] += 1
    folder = dest / f"{counter[0]:06d}"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / base
    try:
        _copy_bounded(zf, info, target, min(limits.max_member, info.file_size))
    except _TooLarge:
        target.unlink(missing_ok=True)
        yield reject("T106", reason="解压后的实际大小超过压缩包记录的大小，疑似被篡改，已拒绝解压")
        return
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        target.unlink(missing_ok=True)
        yield reject("T101", reason=f"压缩包中的该文件已损坏，无法解压（{exc}）")
        return
    if depth < limits.max_depth and is_archive(target):
        yield from _archive(target, display + "/", dest, counter, limits, depth + 1)
        target.unlink(missing_ok=True)
        return
    yield Entry(display, base, target)


class _TooLarge(Exception):
    pass


def _copy_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limit: int) -> None:
    """Copy a member, never writing more than `limit` bytes (the header's size may lie)."""
    written = 0
    with zf.open(info) as src, open(target, "xb") as out:
        while True:
            chunk = src.read(min(1024 * 1024, limit - written + 1))
            if not chunk:
                break
            written += len(chunk)
            if written > limit:
                raise _TooLarge
            out.write(chunk)


def cleanup(dest: Path) -> None:
    shutil.rmtree(dest, ignore_errors=True)
