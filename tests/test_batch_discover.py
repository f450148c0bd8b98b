"""Discovery: folders walked in a stable order, archives unpacked safely (never outside the work folder)."""

import io
import os
import stat
import zipfile

import pytest

from perfxl.batch.discover import ArchiveLimits, discover, member_name, safe_parts
from perfxl.batch.outcome import Status


def make_zip(path, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def entries(source, tmp_path, **kw):
    dest = tmp_path / "work"
    found = list(discover(source, dest, **kw))
    return found, dest


def test_folder_walk_is_sorted_and_recursive(tmp_path):
    src = tmp_path / "in"
    (src / "b").mkdir(parents=True)
    (src / "a").mkdir()
    for rel in ("z.xlsx", "a/2.xlsx", "a/1.xlsx", "b/x.txt"):
        (src / rel).write_bytes(b"x")
    found, _ = entries(src, tmp_path)
    assert [e.file for e in found] == ["z.xlsx", "a/1.xlsx", "a/2.xlsx", "b/x.txt"]
    assert all(e.problem is None and e.path.is_file() for e in found)


def test_excluded_folders_and_files(tmp_path):
    src = tmp_path / "in"
    (src / "out").mkdir(parents=True)
    (src / "out" / "汇总.xlsx").write_bytes(b"x")
    (src / "form.xlsx").write_bytes(b"x")
    (src / "ledger.sqlite").write_bytes(b"x")
    found, _ = entries(src, tmp_path, exclude=(src / "out", src / "ledger.sqlite"))
    assert [e.file for e in found] == ["form.xlsx"]


def test_safe_parts():
    assert safe_parts("a/b.xlsx") == ["a", "b.xlsx"]
    assert safe_parts("a\\b.xlsx") == ["a", "b.xlsx"]
    assert safe_parts("./a//b.xlsx") == ["a", "b.xlsx"]
    for bad in ("../x.xlsx", "a/../../x.xlsx", "/etc/passwd", "C:/x.xlsx", "C:\\x.xlsx", "..\\x.xlsx", ""):
        assert safe_parts(bad) is None, bad


def test_members_extracted_inside_work_folder_only(tmp_path):
    archive = make_zip(tmp_path / "in.zip", [
        ("ok/表1.xlsx", b"one"), ("../../escape.xlsx", b"evil"), ("/abs/path.xlsx", b"evil"),
        ("a\\..\\..\\win.xlsx", b"evil"), ("dir/", b""),
    ])
    found, dest = entries(archive, tmp_path)
    by_file = {e.file: e for e in found}
    assert by_file["ok/表1.xlsx"].path.read_bytes() == b"one"
    rejected = [e for e in found if e.problem is not None]
    assert len(rejected) == 3 and all(e.problem.code == "T106" and e.status is Status.UNREADABLE for e in rejected)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.name.endswith(".xlsx")]
    assert all(p.resolve().is_relative_to(dest.resolve()) for p in written)
    assert not (tmp_path / "escape.xlsx").exists() and not (tmp_path.parent / "escape.xlsx").exists()


def test_symlink_member_rejected(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        info = zipfile.ZipInfo("link.xlsx")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    archive = tmp_path / "links.zip"
    archive.write_bytes(buffer.getvalue())
    found, _ = entries(archive, tmp_path)
    assert [(e.file, e.problem.code) for e in found] == [("link.xlsx", "T106")]


def test_compression_bomb_and_size_limits(tmp_path):
    archive = make_zip(tmp_path / "bomb.zip", [("炸弹.xlsx", b"\x00" * (5 * 1024 * 1024)), ("小.xlsx", b"ok")])
    found, _ = entries(archive, tmp_path, limits=ArchiveLimits(ratio_floor=1024 * 1024, max_ratio=100))
    by_file = {e.file: e for e in found}
    assert by_file["炸弹.xlsx"].problem.code == "T106" and "压缩炸弹" in by_file["炸弹.xlsx"].problem.message
    assert by_file["小.xlsx"].problem is None
    found, _ = entries(archive, tmp_path / "2", limits=ArchiveLimits(max_total=1024))
    assert len(found) == 1 and found[0].problem.code == "T106"
    found, _ = entries(archive, tmp_path / "3", limits=ArchiveLimits(max_members=1))
    assert len(found) == 1 and found[0].problem.code == "T106"


def test_member_lying_about_its_size(tmp_path):
    archive = make_zip(tmp_path / "lie.zip", [("a.xlsx", b"A" * 5000)])
    data = bytearray(archive.read_bytes())
    # shrink the declared uncompressed size in both headers: a bounded copy must notice
    with zipfile.ZipFile(archive) as zf:
        info = zf.infolist()[0]
    old = info.file_size.to_bytes(4, "little")
    new = (100).to_bytes(4, "little")
    data = data.replace(old, new)
    archive.write_bytes(bytes(data))
    found, _ = entries(archive, tmp_path)
    assert len(found) == 1 and found[0].problem is not None and found[0].path is None


def test_corrupt_and_empty_archives(tmp_path):
    good = make_zip(tmp_path / "g.zip", [("a.xlsx", b"x" * 1000)])
    broken = tmp_path / "broken.zip"
    broken.write_bytes(good.read_bytes()[:30])
    found, _ = entries(broken, tmp_path)
    assert [(e.file, e.problem.code, e.status) for e in found] == [("broken.zip", "T101", Status.UNREADABLE)]
    empty = make_zip(tmp_path / "empty.zip", [])
    found, _ = entries(empty, tmp_path)
    assert [(e.problem.code, e.status) for e in found] == [("T104", Status.NOT_FORM)]


def test_nested_archives_and_folder_archives(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("深/表.xlsx", b"deep")
    src = tmp_path / "in"
    src.mkdir()
    make_zip(src / "外层.zip", [("内层.zip", inner.getvalue()), ("表.xlsx", b"top")])
    found, _ = entries(src, tmp_path)
    assert [e.file for e in found] == ["外层.zip/内层.zip/深/表.xlsx", "外层.zip/表.xlsx"]
    assert found[0].path.read_bytes() == b"deep"


def test_xlsx_named_zip_is_a_workbook(tmp_path):
    archive = make_zip(tmp_path / "form.zip",
                       [("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")])
    found, _ = entries(archive, tmp_path)
    assert [(e.file, e.problem) for e in found] == [("form.zip", None)]


def test_gbk_member_name(tmp_path):
    raw = "单位报送/自评表.xlsx".encode("gbk")
    placeholder = b"x" * len(raw)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(placeholder.decode(), b"data")
    archive = tmp_path / "gbk.zip"
    archive.write_bytes(buffer.getvalue().replace(placeholder, raw))
    with zipfile.ZipFile(archive) as zf:
        assert member_name(zf.infolist()[0]) == "单位报送/自评表.xlsx"
    found, _ = entries(archive, tmp_path)
    assert [e.file for e in found] == ["单位报送/自评表.xlsx"] and found[0].name == "自评表.xlsx"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_folder_symlink_is_a_row_not_followed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.xlsx").write_bytes(b"x")
    os.symlink(tmp_path / "elsewhere", src / "link")
    found, _ = entries(src, tmp_path)
    assert [(e.file, e.status) for e in found] == [("link", Status.NOT_FORM)]
