"""The rule pack's [limits], each at its edge: exactly at the bound passes, one over is refused (or read in part,
or skipped in a batch) with a Chinese reason naming the setting to raise."""

import json
import time
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from perfxl import api
from perfxl.batch import BatchOptions, Status
from perfxl.batch import runner as batch_runner
from perfxl.batch.outcome import Outcome
from perfxl.batch.work import Task, WorkerConfig, process_task
from perfxl.config import ConfigError, load_pack
from perfxl.config.limits import MB, Limits
from perfxl.domain import FormKind
from perfxl.forms.write.writer import write_form
from perfxl.samples import generate


def pack_with(tmp_path: Path, **limits):
    lines = "\n".join(f"{key} = {value!r}" for key, value in limits.items())
    path = tmp_path / "perfxl.toml"
    path.write_text(f"[limits]\n{lines}\n", encoding="utf-8")
    return load_pack(path)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "自评表.xlsx"
    write_form(generate(1, seed=3, kinds=[FormKind.PROJECT_SELFEVAL])[0].form, path)
    return path


def codes(report) -> list[str]:
    return [f.code for f in report.findings]


def refusal(report, setting: str) -> str:
    """The T106 message, which must name the setting."""
    assert report.reports == ()
    [message] = [f.message for f in report.findings if f.code == "T106"]
    assert f"[limits] 中调高 {setting}" in message, message
    return message


def members(path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as zf:
        return zf.infolist()


def test_defaults_toml_and_the_dataclass_agree():
    assert load_pack(None, discover=False).limits == Limits()


def test_file_size(tmp_path, workbook):
    size = workbook.stat().st_size
    assert "T106" not in codes(api.check_file(workbook, pack=pack_with(tmp_path, file_mb=size / MB)))
    report = api.check_file(workbook, pack=pack_with(tmp_path, file_mb=(size - 1) / MB))
    assert f"{size:,} 字节" in refusal(report, "file_mb")


def test_unpacked_size(tmp_path, workbook):
    total = sum(m.file_size for m in members(workbook))
    assert "T106" not in codes(api.check_file(workbook, pack=pack_with(tmp_path, unpacked_mb=total / MB)))
    refusal(api.check_file(workbook, pack=pack_with(tmp_path, unpacked_mb=(total - 1) / MB)), "unpacked_mb")


def test_part_size(tmp_path, workbook):
    largest = max(m.file_size for m in members(workbook) if not m.filename.startswith("xl/worksheets/"))
    assert "T106" not in codes(api.check_file(workbook, pack=pack_with(tmp_path, part_mb=largest / MB)))
    refusal(api.check_file(workbook, pack=pack_with(tmp_path, part_mb=(largest - 1) / MB)), "part_mb")


def test_parts(tmp_path, workbook):
    count = len(members(workbook))
    assert "T106" not in codes(api.check_file(workbook, pack=pack_with(tmp_path, parts=count)))
    refusal(api.check_file(workbook, pack=pack_with(tmp_path, parts=count - 1)), "parts")


def test_compression_ratio(tmp_path, workbook):
    padded = tmp_path / "padded.xlsx"  # a 2 MB part (over the 1 MB floor) that compresses well
    with zipfile.ZipFile(workbook) as src, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("customXml/padding.xml", b"<a>" + b"0123456789" * 200_000 + b"</a>")
    pad = next(m for m in members(padded) if m.filename == "customXml/padding.xml")
    ratio = pad.file_size / pad.compress_size
    assert "T106" not in codes(api.check_file(padded, pack=pack_with(tmp_path, ratio=ratio)))
    refusal(api.check_file(padded, pack=pack_with(tmp_path, ratio=ratio * (1 - 1e-9))), "ratio")


def sheet_size(path: Path) -> tuple[int, int]:
    book = CalamineWorkbook.from_path(str(path))
    data = book.get_sheet_by_name(book.sheet_names[0])
    return data.height, data.width


@pytest.mark.parametrize(("setting", "axis"), [("rows", 0), ("columns", 1)])
def test_rows_and_columns(tmp_path, workbook, setting, axis):
    edge = sheet_size(workbook)[axis]
    assert "T010" not in codes(api.check_file(workbook, pack=pack_with(tmp_path, **{setting: edge})))
    report = api.check_file(workbook, pack=pack_with(tmp_path, **{setting: edge - 1}))
    [truncated] = [f for f in report.findings if f.code == "T010"]
    assert f"前 {edge - 1} {'行' if setting == 'rows' else '列'}" in truncated.message
    assert "[limits]" in truncated.hint and setting in truncated.hint


def slow(cfg, task):
    time.sleep(0.6)
    return Outcome(task.file_id, task.file, Status.SCORED)


def test_seconds_per_file(tmp_path):
    task = Task(1, "慢.xlsx", "慢.xlsx")
    within = pack_with(tmp_path, seconds_per_file=5)
    assert process_task(WorkerConfig(within, "x", timeout=within.limits.seconds_per_file), task, slow).status \
        is Status.SCORED
    over = pack_with(tmp_path, seconds_per_file=0.2)
    outcome = process_task(WorkerConfig(over, "x", timeout=over.limits.seconds_per_file), task, slow)
    assert outcome.status is Status.TIMEOUT
    assert "0.2 秒" in outcome.reason and "[limits] 中调高 seconds_per_file" in outcome.reason


def out_of_memory(cfg, task):
    raise MemoryError


def test_worker_memory_message(tmp_path):
    outcome = process_task(WorkerConfig(pack_with(tmp_path), "x"), Task(1, "大.xlsx", "大.xlsx"), out_of_memory)
    assert outcome.status is Status.FAILED
    assert "内存不足" in outcome.reason and "[limits] 中调高 worker_memory_mb" in outcome.reason


def test_batch_workers_get_the_packs_time_and_memory(tmp_path, workbook, monkeypatch):
    seen = []

    def capture(options, config):
        seen.append(config)
        raise KeyboardInterrupt  # stop before any work

    monkeypatch.setattr(batch_runner, "_executor", capture)
    pack = pack_with(tmp_path, seconds_per_file=7.5, worker_memory_mb=512)
    with pytest.raises(KeyboardInterrupt):
        batch_runner.run_batch(BatchOptions(workbook.parent, tmp_path / "out", pack=pack))
    assert (seen[0].timeout, seen[0].memory_limit) == (7.5, 512 * MB)
    with pytest.raises(KeyboardInterrupt):
        batch_runner.run_batch(BatchOptions(workbook.parent, tmp_path / "out2", pack=pack_with(
            tmp_path, worker_memory_mb=0), timeout=3.0))
    assert (seen[1].timeout, seen[1].memory_limit) == (3.0, None)  # --timeout wins; 0 = unbounded


@pytest.mark.parametrize(("text", "key", "words"), [
    ("rows = 0", "limits.rows", "正数"),
    ("columns = 2.5", "limits.columns", "正整数"),
    ("file_mb = -1", "limits.file_mb", "正数"),
    ("seconds_per_file = 0", "limits.seconds_per_file", "正数"),
    ("worker_memory_mb = -1", "limits.worker_memory_mb", "0 表示不限制"),
    ('ratio = "100"', "limits.ratio", "类型不对"),
    ("max_rows = 10", "limits.max_rows", "未知配置项"),
])
def test_unusable_limits_are_named(tmp_path, text, key, words):
    path = tmp_path / "perfxl.toml"
    path.write_text(f"[limits]\n{text}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_pack(path)
    assert key in str(exc.value) and words in str(exc.value)


class Range:
    def __init__(self, values):
        self.value, self.row, self.column = values, 1, 1
        self.shape = (len(values), max(len(r) for r in values))


class Sheet:
    def __init__(self, name, values):
        self.name, self.used_range, self.visible = name, Range(values), True


class Book:
    def __init__(self, values):
        self.sheets, self.name = [Sheet("自评表", values)], "自评表.xlsx"


@pytest.mark.parametrize(("setting", "axis"), [("rows", 0), ("columns", 1)])
def test_live_book_rows_and_columns(tmp_path, workbook, setting, axis):
    book = CalamineWorkbook.from_path(str(workbook))
    values = book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)
    edge = (len(values), max(len(r) for r in values))[axis]
    assert "T010" not in codes(api.check_book(Book(values), pack=pack_with(tmp_path, **{setting: edge})))
    report = api.check_book(Book(values), pack=pack_with(tmp_path, **{setting: edge - 1}))
    [truncated] = [f for f in report.findings if f.code == "T010"]
    assert setting in truncated.hint


def test_collected_zip_members_within_the_file_size(tmp_path, workbook):
    """A batch over a .zip unpacks a member up to [limits] file_mb, and refuses one byte more, naming the setting."""
    archive = tmp_path / "收集.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(workbook, "单位1.xlsx")
    size = workbook.stat().st_size
    for file_mb, refused in ((size / MB, False), ((size - 1) / MB, True)):
        out = tmp_path / f"out{int(refused)}"
        api.batch(archive, out, annotate=False, pack=pack_with(tmp_path, file_mb=file_mb))
        [row] = json.loads((out / "results.json").read_text(encoding="utf-8"))
        assert (row["status"] == "unreadable") is refused, row
        assert ("[limits] 中调高 file_mb" in (row["reason"] or "")) is refused, row
