"""Collected-workbook corpora for the demo, the tests and the benchmark — and the batch demo itself.

`build_corpus(folder, count)` writes `count` filled sample forms (perfxl.samples through the form
writer, with the unit's own typed scores; about a quarter carry planted faults) into department folders, plus — with `broken=True` — the
files a real collection round brings in: an Excel lock file, an empty file, a Word document (and one
renamed to .xlsx), a legacy .xls, a password-protected workbook, a truncated workbook, an .xlsm, a
picture, an unrelated workbook, a duplicate submission, a good .zip (with a legacy GBK-encoded member
name), a corrupt .zip and a hostile .zip (path traversal, absolute path, a compression bomb). Each
extra file's expected status is recorded in the returned `Corpus`.

`variants(source, target, n)` clones one workbook into n distinct forms (unit renamed) in a few
milliseconds each — the benchmark's way to reach thousands of files quickly.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from perfxl.batch.outcome import Status

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HOSTILE_UNIT = '=HYPERLINK("http://x","y")'
FORM_STATUSES = frozenset(s for s in Status if s.is_form)


@dataclass(slots=True)
class Corpus:
    folder: Path
    forms: list[str] = field(default_factory=list)  # relative paths of sample forms
    expected: dict[str, Status | frozenset] = field(default_factory=dict)  # relative path → status(es)
    codes: dict[str, str] = field(default_factory=dict)  # relative path → a finding code it must carry
    duplicates: list[str] = field(default_factory=list)  # identical forms: all but the first get D501

    @property
    def files(self) -> int:
        """Result rows the corpus must produce."""
        return len(self.expected)


def _safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_")[:60] or "表单"


def _write_one(args: tuple) -> None:
    form, path = args
    from perfxl.forms.write.writer import write_form

    write_form(form, path, typed_scores=True)  # the unit's own figures, as submitted forms carry them


def _write_forms(jobs: list[tuple], workers: int) -> None:
    if workers > 1 and len(jobs) > 8:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_write_one, jobs, chunksize=4))
    else:
        for job in jobs:
            _write_one(job)


def build_corpus(folder: str | Path, count: int = 200, seed: int = 2024, *, broken: bool = True,
                 hostile: bool = True, workers: int | None = None) -> Corpus:
    """Write a collection round into `folder` (created); see the module docstring."""
    from dataclasses import replace

    from perfxl.domain import Unit
    from perfxl.samples import generate

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(folder)
    samples = generate(count + (3 if broken else 0), seed)
    jobs = []
    for i, sample in enumerate(samples, 1):
        form = sample.form
        if hostile and i == 1:
            form = replace(form, unit=replace(form.unit, name=HOSTILE_UNIT) if form.unit else Unit(name=HOSTILE_UNIT))
        dept = _safe_name(form.unit.department or "其他单位")
        name = f"{i:03d}_{_safe_name(form.unit.name or '单位')}_{form.kind.title}.xlsx"
        rel = f"{dept}/{name}"
        if i > count:  # spare forms for the .xlsm and the archives
            rel = f"_spare/{i:03d}.xlsx"
        else:
            corpus.forms.append(rel)
            corpus.expected[rel] = FORM_STATUSES
        jobs.append((form, folder / rel))
    _write_forms(jobs, workers if workers is not None else (os.cpu_count() or 1))
    if broken and corpus.forms:
        spares = [folder / f"_spare/{i:03d}.xlsx" for i in range(count + 1, count + 4)]
        _broken_files(corpus, [p.read_bytes() for p in spares])
        shutil.rmtree(folder / "_spare")
    return corpus


def _put(corpus: Corpus, rel: str, data: bytes, expected: Status | frozenset, code: str | None = None) -> Path:
    path = corpus.folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    corpus.expected[rel] = expected
    if code:
        corpus.codes[rel] = code
    return path


def ole_bytes(*streams: str) -> bytes:
    """A compound-file (OLE) header naming the given streams: what .xls and encrypted .xlsx look like."""
    body = bytearray(OLE_MAGIC + b"\x00" * 504)
    for name in ("Root Entry", *streams):
        body += name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
    return bytes(body)


def docx_bytes(text: str = "绩效自评报告") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        zf.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats'
                    f'.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body>'
                    f'</w:document>')
    return buffer.getvalue()


def _zip(members: list[tuple[str, bytes]], gbk: set[str] = frozenset()) -> bytes:
    """A zip; names in `gbk` are stored GBK-encoded without the UTF-8 flag (as Chinese Windows does)."""
    buffer = io.BytesIO()
    placeholders = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            if name in gbk:
                raw = name.encode("gbk")
                placeholder = f"{len(placeholders):0{len(raw)}d}"
                placeholders[placeholder.encode()] = raw
                zf.writestr(placeholder, data)
            else:
                zf.writestr(name, data)
    data = buffer.getvalue()
    for placeholder, raw in placeholders.items():
        data = data.replace(placeholder, raw)
    return data


def _broken_files(corpus: Corpus, spares: list[bytes]) -> None:
    first = corpus.folder / corpus.forms[0]
    good = first.read_bytes()
    n = Status.NOT_FORM
    u = Status.UNREADABLE
    _put(corpus, f"{Path(corpus.forms[0]).parent}/~${first.name}", b"\x05Admin" + b"\x00" * 160, n, "T105")
    _put(corpus, "收集/空文件.xlsx", b"", u, "T107")
    _put(corpus, "收集/自评报告.docx", docx_bytes(), n)
    _put(corpus, "收集/自评表（其实是Word）.xlsx", docx_bytes(), n)
    _put(corpus, "收集/旧版表格.xls", ole_bytes("Workbook", "SummaryInformation"), u, "T103")
    _put(corpus, "收集/加密的自评表.xlsx", ole_bytes("EncryptionInfo", "EncryptedPackage"), u, "T102")
    _put(corpus, "收集/传输中断.xlsx", good[: len(good) // 2], u, "T101")
    _put(corpus, "收集/现场照片.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, n, "T104")
    _put(corpus, "收集/重复提交（副本）.xlsx", good, FORM_STATUSES)
    corpus.duplicates += [corpus.forms[0], "收集/重复提交（副本）.xlsx"]
    # an .xlsm: a real form with a (harmless, never run) VBA part
    buffer = io.BytesIO(spares[0])
    with zipfile.ZipFile(buffer, "a") as zf:
        zf.writestr("xl/vbaProject.bin", b"\x00" * 128)
    _put(corpus, "收集/启用宏的自评表.xlsm", buffer.getvalue(), FORM_STATUSES, "T012")
    # a workbook that is not a performance form
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "通讯录"
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "0710-1234567"])
    path = corpus.folder / "收集/通讯录.xlsx"
    wb.save(path)
    corpus.expected["收集/通讯录.xlsx"] = n
    corpus.codes["收集/通讯录.xlsx"] = "T001"
    # archives: a good one (one member name in GBK), a corrupt one, a hostile one
    _put(corpus, "压缩包/乡镇报送.zip", _zip([("乡镇/甲镇自评表.xlsx", spares[1]),
                                          ("乡镇/乙镇说明.docx", docx_bytes())], gbk={"乡镇/甲镇自评表.xlsx"}), n)
    del corpus.expected["压缩包/乡镇报送.zip"]
    corpus.expected["压缩包/乡镇报送.zip/乡镇/甲镇自评表.xlsx"] = FORM_STATUSES
    corpus.expected["压缩包/乡镇报送.zip/乡镇/乙镇说明.docx"] = n
    whole = _zip([("a.xlsx", good)])
    _put(corpus, "压缩包/损坏的压缩包.zip", whole[: len(whole) // 2], u, "T101")
    bomb = b"\x00" * (20 * 1024 * 1024)
    _put(corpus, "压缩包/可疑压缩包.zip", _zip([("../逃逸.xlsx", good), ("/etc/绝对路径.xlsx", good),
                                          ("炸弹.xlsx", bomb), ("正常/丙镇自评表.xlsx", spares[2])]), u)
    del corpus.expected["压缩包/可疑压缩包.zip"]
    for member in ("../逃逸.xlsx", "/etc/绝对路径.xlsx", "炸弹.xlsx"):
        corpus.expected[f"压缩包/可疑压缩包.zip/{member}"] = u
        corpus.codes[f"压缩包/可疑压缩包.zip/{member}"] = "T106"
    corpus.expected["压缩包/可疑压缩包.zip/正常/丙镇自评表.xlsx"] = FORM_STATUSES


def variants(source: str | Path, target_dir: str | Path, count: int, *, start: int = 0,
             name: Callable[[int], str] | None = None) -> list[Path]:
    """`count` copies of a filled form, each with a distinct unit name (so none is a duplicate)."""
    source = Path(source)
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as zf:
        parts = [(info, zf.read(info)) for info in zf.infolist()]
    sheet = next(info.filename for info, _ in parts if info.filename == "xl/worksheets/sheet1.xml")
    text = dict((info.filename, data) for info, data in parts)[sheet].decode("utf-8")
    match = re.search(r'<c r="C3"[^>]*><is><t>([^<]+)</t>', text)
    unit = match.group(1) if match else None
    out = []
    for k in range(start, start + count):
        path = target_dir / (name(k) if name else f"{k:06d}_{source.name}")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in parts:
                if info.filename == sheet and unit:
                    data = text.replace(f">{unit}<", f">{unit}{k:06d}<").encode("utf-8")
                zf.writestr(info, data)
        path.write_bytes(buffer.getvalue())
        out.append(path)
    return out


def run_demo(out: str | Path = "demo-output", count: int = 200, seed: int = 2024, workers: int | None = None,
             reporter=None):
    """Generate a collection round into OUT/收集的表单 and run the batch into OUT; returns the BatchResult."""
    from perfxl.batch.runner import BatchOptions, run_batch

    out = Path(out)
    inbox = out / "收集的表单"
    if inbox.exists():
        shutil.rmtree(inbox)
    if reporter is not None:
        reporter.phase(f"正在生成 {count} 份示例表单…")
    build_corpus(inbox, count, seed, workers=workers)
    options = BatchOptions(input=inbox, out_dir=out / "批量汇总", workers=workers, annotate=True)
    return run_batch(options, reporter)
