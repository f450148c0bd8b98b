"""What a file really is, and whether it is safe to parse — decided before any parser touches it.

Collected workbooks are untrusted: the extension may lie, an archive may expand to gigabytes,
a sheet may claim a cell at XFD1048576 (python-calamine allocates the full rectangle and aborts
the process). `sniff` looks at magic bytes and the zip directory only; it never raises on user
files and reports each problem as a T1xx finding (unusable) or a T0xx note.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from perfxl.config.limits import DEFAULT_LIMITS, MB, Limits, raise_hint
from perfxl.domain import Finding
from perfxl.forms.read.problems import finding, is_unusable

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
IN_MEMORY = 16 * MB  # workbooks up to this size are read into memory whole, once


class FileFormat(StrEnum):
    XLSX = "xlsx"
    XLSM = "xlsm"
    XLSB = "xlsb"
    ODS = "ods"
    XLS = "xls"  # OLE/CFB Excel 97-2003 (or WPS .et)
    ENCRYPTED = "encrypted"  # OLE/CFB container holding an encrypted OOXML package
    OTHER = "other"  # anything that is not a spreadsheet
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Sniff:
    path: Path
    format: FileFormat
    findings: tuple[Finding, ...] = ()
    workbook_part: str = "xl/workbook.xml"
    members: dict[str, int] = field(default_factory=dict)  # zip member -> uncompressed size
    zip: Archive | zipfile.ZipFile | None = None  # keep_open=True: the checked archive, for the loader to adopt

    @property
    def usable(self) -> bool:
        return not any(is_unusable(f) for f in self.findings)


# -- zip archives -------------------------------------------------------------------------------
# A form is a dozen small parts. `zipfile` builds an object per member on opening and a ZipExtFile
# per read, which costs more than inflating the parts; `Archive` and `read_member` do the same
# reading and checks with a few `struct` calls, and hand anything unusual to `zipfile`.

_END = struct.Struct("<4s4H2LH")  # end of central directory record
_MAX_DEFLATE_RATIO = 1032  # deflate cannot expand data more than this (a 258-byte match per 2 bits)
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # central directory file header (as zipfile.structCentralDir)


class Member:
    """A zip member as `read_member` and the bomb check need it (the subset of zipfile.ZipInfo used)."""

    __slots__ = ("filename", "orig_filename", "CRC", "compress_size", "file_size", "header_offset",
                 "compress_type", "flag_bits")

    def __init__(self, name: str, crc: int, compress_size: int, file_size: int, header_offset: int,
                 compress_type: int, flag_bits: int):
        self.orig_filename = name
        if "\x00" in name:  # as zipfile.ZipInfo: a name ends at NUL, and uses "/" whatever the OS
            name = name.split("\x00", 1)[0]
        if os.sep != "/" and os.sep in name:
            name = name.replace(os.sep, "/")
        self.filename = name
        self.CRC, self.compress_size, self.file_size = crc, compress_size, file_size
        self.header_offset, self.compress_type, self.flag_bits = header_offset, compress_type, flag_bits


class Archive:
    """An opened zip whose directory was read here (see `open_archive`): `infolist`, `getinfo`, `fp`,
    `open` and `close`, as on a zipfile.ZipFile. `raw`: the whole file, when it was read into memory."""

    def __init__(self, path: Path, fp, members: list[Member], raw: bytes | None = None):
        self.path = path
        self.fp = fp
        self.raw = raw
        self._members = members
        self._by_name = {m.filename: m for m in members}  # the last of duplicate names, as zipfile
        self._zip: zipfile.ZipFile | None = None

    def infolist(self) -> list[Member]:
        return self._members

    def namelist(self) -> list[str]:
        return [m.filename for m in self._members]

    def getinfo(self, name: str) -> Member:
        return self._by_name[name]

    def read(self, name: str) -> bytes:
        """A member's bytes (unbounded: members passed the bomb check; `read_member` bounds)."""
        member = self.getinfo(name)
        data = read_member(self, member, member.file_size)
        if len(data) > member.file_size:
            raise zipfile.BadZipFile(f"Bad size for file {name!r}")
        return data

    def open(self, member: Member):
        """Through `zipfile`, for the members `read_member` leaves to it (encrypted, other methods)."""
        if self._zip is None:
            self._zip = zipfile.ZipFile(io.BytesIO(self.raw) if self.raw is not None else self.path)
        return self._zip.open(member.filename)

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
        self.fp.close()


def open_archive(path: Path, fp, raw: bytes | None = None) -> Archive | zipfile.ZipFile:
    """The zip at `path` (`fp`: the file, opened, adopted; or a BytesIO of `raw`, its content): an
    Archive when its directory is plain (no archive comment, ZIP64, extra fields or data before the
    archive, as Office and WPS write them), else a zipfile.ZipFile — which also raises what zipfile
    raises on a damaged file."""
    try:
        members = _directory(fp)
    except (OSError, ValueError, struct.error):
        members = None
    if members is None:
        if raw is not None:
            return zipfile.ZipFile(fp)
        fp.close()
        return zipfile.ZipFile(path)
    return Archive(path, fp, members, raw)


def _directory(fp) -> list[Member] | None:
    size = fp.seek(0, 2)
    if size < _END.size:
        return None
    fp.seek(max(size - _END.size - 20, 0))
    tail = fp.read()
    sig, disk, cd_disk, disk_entries, entries, cd_size, cd_offset, comment = _END.unpack_from(tail, len(tail) - _END.size)
    if sig != b"PK\x05\x06" or comment or disk or cd_disk or disk_entries != entries \
            or cd_offset + cd_size != size - _END.size or tail[:4] == b"PK\x06\x07":  # ZIP64 locator
        return None
    fp.seek(cd_offset)
    cd = fp.read(cd_size)
    if len(cd) != cd_size:
        return None
    members = []
    pos = 0
    unpack = _CENTRAL.unpack_from
    for _ in range(entries):
        if pos + _CENTRAL.size > cd_size:
            return None
        (sig, _, _, version, _, flags, method, _, _, crc, compress_size, file_size, name_len, extra_len, comment_len,
         _, _, _, offset) = unpack(cd, pos)
        if sig != b"PK\x01\x02" or extra_len or version > 63 or 0xFFFFFFFF in (compress_size, file_size, offset) \
                or offset + 30 + compress_size > cd_offset:  # data past the directory: damaged, left to zipfile
            return None
        end = pos + _CENTRAL.size + name_len
        raw = cd[end - name_len : end]
        name = raw.decode("ascii") if raw.isascii() else raw.decode("utf-8" if flags & 0x800 else "cp437")
        pos = end + comment_len
        members.append(Member(name, crc, compress_size, file_size, offset, method, flags))
    return members if pos == cd_size else None


def read_member(zf: Archive | zipfile.ZipFile, info: Member | zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, inflating at most `limit` + 1 bytes (longer means: over the limit).

    The same checks as `zipfile` (local header and name, size, CRC-32) in a few calls instead of a
    ZipExtFile. Members it does not handle (encrypted, patched, compressed other than deflate, archives
    not on a seekable file) are read through `zipfile`, bounded the same way."""
    fp = zf.fp
    if info.flag_bits & 0x61 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) \
            or fp is None or not fp.seekable():
        with zf.open(info) as fh:
            return fh.read(limit + 1)
    if info.header_offset + 30 + info.compress_size > getattr(zf, "start_dir", info.header_offset + 30 + info.compress_size):
        raise zipfile.BadZipFile(f"{info.filename!r} is truncated (its data would reach past the directory)")
    fp.seek(info.header_offset)
    head = fp.read(30)
    if len(head) != 30 or head[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"Bad magic number for file header of {info.filename!r}")
    flags, = struct.unpack("<H", head[6:8])
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    name = fp.read(name_len)
    if (name.decode("ascii") if name.isascii() else name.decode("utf-8" if flags & 0x800 else "cp437")) \
            != info.orig_filename:
        raise zipfile.BadZipFile(f"File name in directory {info.orig_filename!r} and header {name!r} differ.")
    fp.seek(extra_len, 1)
    raw = fp.read(info.compress_size)
    if len(raw) != info.compress_size:
        raise EOFError(f"{info.filename!r} is truncated")
    try:
        if info.compress_type == zipfile.ZIP_STORED:
            data = raw[: limit + 1]
        elif len(raw) * _MAX_DEFLATE_RATIO <= limit:  # cannot inflate past the limit: one call, one buffer
            data = zlib.decompress(raw, -15, min(info.file_size, len(raw) * _MAX_DEFLATE_RATIO) or 1)
        else:  # inflate at most limit + 1 bytes
            data = zlib.decompressobj(-15).decompress(raw, limit + 1)
    except zlib.error as exc:
        raise zipfile.BadZipFile(f"{info.filename!r} is damaged ({exc})") from None
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        if len(data) > limit:
            return data
        raise zipfile.BadZipFile(f"Bad CRC-32 or size for file {info.filename!r}")
    return data


def _human(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"  # pragma: no cover


def _sizes(size: int, limit: int) -> tuple[str, str]:
    """A size and its limit for a message; in bytes when rounding would show them equal."""
    shown = _human(size), _human(limit)
    return shown if shown[0] != shown[1] else (f"{size:,} 字节", f"{limit:,} 字节")


def sniff(path: str | Path, limits: Limits = DEFAULT_LIMITS, keep_open: bool = False) -> Sniff:
    """Classify `path` and check it is safe to parse. Never raises on the file's content.

    keep_open=True: a usable workbook comes back with its ZipFile open (`Sniff.zip`), so that the
    loader does not parse the archive directory a second time; the loader closes it."""
    path = path if isinstance(path, Path) else Path(path)
    if path.name.startswith("~$"):
        return Sniff(path, FileFormat.OTHER, (finding("T105", name=path.name),))
    fh = None
    try:
        fh = open(path, "rb")  # noqa: SIM115 - a zip's file is handed on to the archive below
        size = os.fstat(fh.fileno()).st_size
        head = fh.read(512)
        if head.startswith(ZIP_MAGICS) and 0 < size <= limits.max_file_bytes:
            if size <= IN_MEMORY:  # one read; every later reader parses these very bytes
                raw = head + fh.read(size)  # (not more: the file may be growing)
                return _sniff_zip(path, limits, keep_open, io.BytesIO(raw), raw)
            fh, zip_file = None, fh
            return _sniff_zip(path, limits, keep_open, zip_file)
    except FileNotFoundError:
        return Sniff(path, FileFormat.MISSING, (finding("T101", reason="文件不存在"),))
    except IsADirectoryError:
        return Sniff(path, FileFormat.OTHER, (finding("T104", reason="这是一个文件夹"),))
    except OSError as exc:
        return Sniff(path, FileFormat.MISSING, (finding("T101", reason=f"无法打开（{exc.strerror or exc}）"),))
    finally:
        if fh is not None:
            fh.close()
    if size == 0:
        return Sniff(path, FileFormat.OTHER, (finding("T107"),))
    if size > limits.max_file_bytes:
        reason = "文件大小 {}，超过上限 {}；".format(*_sizes(size, limits.max_file_bytes)) + raise_hint("file_mb")
        return Sniff(path, FileFormat.OTHER, (finding("T106", reason=reason),))
    if head.startswith(ZIP_MAGICS):
        return _sniff_zip(path, limits, keep_open)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(path, limits)
    return Sniff(path, FileFormat.OTHER, (finding("T104", reason=_describe(head)),))


_SIGNATURES = (
    (b"\x89PNG", "是 PNG 图片"),
    (b"\xff\xd8\xff", "是 JPEG 图片"),
    (b"GIF8", "是 GIF 图片"),
    (b"%PDF", "是 PDF 文件"),
    (b"Rar!", "是 RAR 压缩包"),
    (b"7z\xbc\xaf", "是 7z 压缩包"),
    (b"{\\rtf", "是 RTF 文档"),
)


def _describe(head: bytes) -> str:
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")) or b"<html" in text:
        return "是网页（HTML）文件，常见于业务系统导出的“伪 .xls”；请用 Excel 打开后另存为 .xlsx"
    if text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "是 Excel 2003 XML 表格；请用 Excel 打开后另存为 .xlsx"
    if text.startswith(b"<?xml"):
        return "是 XML 文本文件"
    if b"\x00" not in head:
        return "是纯文本文件（如 CSV）；请用 Excel 打开后另存为 .xlsx"
    return "无法识别的文件内容"


def _sniff_ole(path: Path, limits: Limits) -> Sniff:
    """OLE/CFB: an encrypted OOXML package, a legacy .xls/.et, or some other Office file.

    Directory entry names are UTF-16LE; looking for them in the raw bytes is enough to tell the
    cases apart without a CFB parser (the names sit in directory sectors, unencrypted).
    """
    try:
        data = path.read_bytes()[: limits.max_file_bytes]
    except OSError as exc:
        return Sniff(path, FileFormat.OTHER, (finding("T101", reason=f"无法打开（{exc.strerror or exc}）"),))

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptionInfo") or has("EncryptedPackage"):
        return Sniff(path, FileFormat.ENCRYPTED, (finding("T102"),))
    if has("Workbook") or has("Book"):
        suffix = path.suffix.lower()
        fmt = "WPS 表格（.et）" if suffix == ".et" else "Excel 97-2003（.xls）"
        detail = f"（扩展名为 {path.suffix}）" if suffix not in (".xls", ".et", "") else ""
        return Sniff(path, FileFormat.XLS, (finding("T103", format=fmt, detail=detail),))
    if has("WordDocument"):
        reason = "是 Word 97-2003 文档（.doc）"
    elif has("PowerPoint Document"):
        reason = "是 PowerPoint 97-2003 演示文稿（.ppt）"
    else:
        reason = "是无法识别的 Office 复合文档"
    return Sniff(path, FileFormat.OTHER, (finding("T104", reason=reason),))


def _sniff_zip(path: Path, limits: Limits, keep_open: bool = False, fp=None, raw: bytes | None = None) -> Sniff:
    zf = None
    try:
        zf = open_archive(path, fp, raw) if fp is not None else zipfile.ZipFile(path)
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            reason = f"压缩包内有 {len(infos)} 个部件，超过上限 {limits.max_members}；{raise_hint('parts')}"
            zf.close()
            return Sniff(path, FileFormat.OTHER, (finding("T106", reason=reason),))
        problem = _bomb_check(infos, limits)
        if problem:
            zf.close()
            return Sniff(path, FileFormat.OTHER, (finding("T106", reason=problem),))
        members = {info.filename: info.file_size for info in infos}
        workbook = _office_document(zf, members)
        mimetype = read_member(zf, zf.getinfo("mimetype"), 100)[:100] if "mimetype" in members else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError, zlib.error,
            NotImplementedError, RuntimeError) as exc:  # NotImplementedError: compression method or zip version
        if zf is not None:
            zf.close()
        detail = "使用了不支持的压缩方式或压缩包版本" if isinstance(exc, NotImplementedError) else str(exc)
        return Sniff(path, FileFormat.OTHER, (finding("T101", reason=f"文件已损坏，不是完整的 xlsx 压缩包（{detail}）"),))
    usable = bool(workbook) and not workbook.endswith(".bin")
    if not (usable and keep_open):
        zf.close()
        zf = None

    if workbook and workbook.endswith(".bin"):
        return Sniff(path, FileFormat.XLSB, (finding("T108", format="Excel 二进制工作簿（.xlsb）"),))
    if workbook:
        notes: list[Finding] = []
        fmt = FileFormat.XLSX
        if any(name.lower().endswith("vbaproject.bin") for name in members):
            fmt = FileFormat.XLSM
            notes.append(finding("T012"))
        links = [name for name in members if name.startswith("xl/externalLinks/") and name.endswith(".xml")]
        if links:
            notes.append(finding("T011", count=len(links)))
        return Sniff(path, fmt, tuple(notes), workbook, members, zf)
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return Sniff(path, FileFormat.ODS, (finding("T108", format="OpenDocument 表格（.ods）"),))
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        reason = "是 OpenDocument 文档（非表格）"
    elif "word/document.xml" in members:
        reason = "是 Word 文档（.docx），只是扩展名被改成了表格"
    elif "ppt/presentation.xml" in members:
        reason = "是 PowerPoint 演示文稿（.pptx）"
    else:
        books = [name for name in members if name.lower().endswith((".xlsx", ".xlsm", ".xls", ".et"))]
        reason = (f"是 zip 压缩包，内含 {len(books)} 个工作簿（如“{books[0]}”）：校验整个压缩包请用 perfxl batch，"
                  "或解压后逐个校验" if books else "是普通 zip 压缩包，不含 Excel 工作簿")
    return Sniff(path, FileFormat.OTHER, (finding("T104", reason=reason),))


def _bomb_check(infos: list[zipfile.ZipInfo], limits: Limits) -> str | None:
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_other_part and not info.filename.startswith("xl/worksheets/"):
            return ("部件 {} 解压后 {}，超过上限 {}；".format(info.filename, *_sizes(info.file_size, limits.max_other_part))
                    + raise_hint("part_mb"))
        if info.file_size > limits.ratio_floor:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                return (f"部件 {info.filename} 压缩比 {ratio:.5g}:1（{_human(info.compress_size)} 解压为 "
                        f"{_human(info.file_size)}），超过上限 {limits.max_ratio:g}:1，疑似“压缩炸弹”；{raise_hint('ratio')}")
    if total > limits.max_uncompressed:
        return "解压后共 {}，超过上限 {}；".format(*_sizes(total, limits.max_uncompressed)) + raise_hint("unpacked_mb")
    return None


def _office_document(zf: zipfile.ZipFile, members: dict[str, int]) -> str | None:
    """The workbook part named by _rels/.rels (officeDocument), else the usual xl/workbook.xml."""
    rels = members.get("_rels/.rels")
    if rels is not None and rels < MB:
        text = read_member(zf, zf.getinfo("_rels/.rels"), MB).decode("utf-8", "replace")
        start = text.find("/officeDocument\"")
        if start < 0:
            start = text.find("/officeDocument'")
        if start >= 0:
            tag_start = text.rfind("<", 0, start)
            tag = text[tag_start : text.find(">", start) + 1]
            target = _attr(tag, "Target")
            if target:
                target = target.lstrip("/")
                if target in members and target.rsplit("/", 1)[-1].startswith("workbook"):
                    return target  # a Word or PowerPoint file names word/document.xml etc.: not a workbook
    for name in ("xl/workbook.xml", "xl/workbook.bin"):
        if name in members:
            return name
    return None


def _attr(tag: str, name: str) -> str | None:
    for quote in ('"', "'"):
        key = f"{name}={quote}"
        i = tag.find(key)
        if i >= 0:
            j = tag.find(quote, i + len(key))
            return tag[i + len(key) : j]
    return None
