"""sniff: unusable and unsafe files become findings, never exceptions."""

import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from perfxl.forms.read.problems import PROBLEMS, is_unusable
from perfxl.forms.read.sniff import OLE_MAGIC, FileFormat, Limits, sniff


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def small_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目支出绩效自评表"
    wb.save(path)
    return path


def ole_file(path: Path, *stream_names: str) -> Path:
    """A CFB-looking file: the magic, a 512-byte header, and directory entries naming streams."""
    body = bytearray(OLE_MAGIC + b"\x00" * 504)
    for name in ("Root Entry", *stream_names):
        entry = name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
        body += entry
    path.write_bytes(bytes(body))
    return path


def test_plain_xlsx_is_usable(tmp_path):
    result = sniff(small_xlsx(tmp_path / "ok.xlsx"))
    assert result.format is FileFormat.XLSX and result.usable and codes(result) == []
    assert result.workbook_part == "xl/workbook.xml"


def test_zip_bomb_ratio(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            chunk = b"\x00" * (1 << 20)
            for _ in range(20):
                fh.write(chunk)
    assert path.stat().st_size < 1 << 20
    result = sniff(path)
    assert codes(result) == ["T106"] and not result.usable
    assert "压缩比" in result.findings[0].message


def test_zip_bomb_total_size(tmp_path):
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", os.urandom(300_000))
    result = sniff(path, Limits(max_uncompressed=200_000))
    assert codes(result) == ["T106"] and "超过上限" in result.findings[0].message


def test_too_many_members(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(30):
            zf.writestr(f"x/{i}.xml", "<a/>")
    assert codes(sniff(path, Limits(max_members=10))) == ["T106"]


def test_docx_renamed(tmp_path):
    path = tmp_path / "报告.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    result = sniff(path)
    assert codes(result) == ["T104"] and "Word" in result.findings[0].message


def test_plain_zip(tmp_path):
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert codes(sniff(path)) == ["T104"]


def test_legacy_xls(tmp_path):
    result = sniff(ole_file(tmp_path / "old.xls", "Workbook", "\x05SummaryInformation"))
    assert result.format is FileFormat.XLS and codes(result) == ["T103"]
    assert ".xls" in result.findings[0].message


def test_xls_renamed_xlsx(tmp_path):
    result = sniff(ole_file(tmp_path / "old.xlsx", "Workbook"))
    assert codes(result) == ["T103"] and "扩展名为 .xlsx" in result.findings[0].message


def test_wps_et(tmp_path):
    result = sniff(ole_file(tmp_path / "表.et", "Workbook"))
    assert codes(result) == ["T103"] and "WPS" in result.findings[0].message


def test_password_protected(tmp_path):
    result = sniff(ole_file(tmp_path / "secret.xlsx", "EncryptionInfo", "EncryptedPackage"))
    assert result.format is FileFormat.ENCRYPTED and codes(result) == ["T102"]
    assert "取消密码保护" in result.findings[0].hint


def test_word_97(tmp_path):
    assert codes(sniff(ole_file(tmp_path / "a.xls", "WordDocument"))) == ["T104"]


def test_xlsm_is_read_but_noted(tmp_path):
    path = small_xlsx(tmp_path / "macro.xlsm")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/vbaProject.bin", b"\x00" * 100)
    result = sniff(path)
    assert result.format is FileFormat.XLSM and result.usable and codes(result) == ["T012"]


def test_external_links_noted(tmp_path):
    path = small_xlsx(tmp_path / "links.xlsx")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
    result = sniff(path)
    assert result.usable and codes(result) == ["T011"]


def test_xlsb_and_ods(tmp_path):
    xlsb = tmp_path / "a.xlsb"
    with zipfile.ZipFile(xlsb, "w") as zf:
        zf.writestr("xl/workbook.bin", b"\x00")
    assert codes(sniff(xlsb)) == ["T108"]
    ods = tmp_path / "a.ods"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<x/>")
    result = sniff(ods)
    assert result.format is FileFormat.ODS and codes(result) == ["T108"]


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert codes(sniff(path)) == ["T107"]


@pytest.mark.parametrize(
    "content, words",
    [
        (b"\x01\x00" + os.urandom(4094), "无法识别"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(100), "PNG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "HTML"),
        ("项目名称,金额\n维修,100\n".encode(), "纯文本"),
    ],
)
def test_not_a_spreadsheet(tmp_path, content, words):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    result = sniff(path)
    assert codes(result) == ["T104"] and words in result.findings[0].message


def test_truncated_zip(tmp_path):
    good = small_xlsx(tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert codes(sniff(path)) == ["T101"]


def test_owner_file(tmp_path):
    path = tmp_path / "~$自评表.xlsx"
    path.write_bytes(b"\x0bsomeone" + b"\x00" * 150)
    result = sniff(path)
    assert codes(result) == ["T105"] and "~$自评表.xlsx" in result.findings[0].message


def test_missing_file_and_directory(tmp_path):
    assert codes(sniff(tmp_path / "nope.xlsx")) == ["T101"]
    assert codes(sniff(tmp_path)) == ["T104"]


def test_file_too_large(tmp_path):
    path = small_xlsx(tmp_path / "a.xlsx")
    assert codes(sniff(path, Limits(max_file_bytes=100))) == ["T106"]


def test_catalogue_is_consistent():
    names = set()
    for code, problem in PROBLEMS.items():
        assert code == problem.code and code[0] == "T" and len(code) == 4
        assert problem.name not in names and problem.name == problem.name.lower()
        names.add(problem.name)
        assert problem.unusable == code.startswith("T1")
        assert problem.message and problem.hint
    found = PROBLEMS["T103"].finding(format="X")
    assert is_unusable(found) and "{detail}" in found.message  # unfilled fields stay visible


def test_oversized_shared_strings(tmp_path):
    path = tmp_path / "ss.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/sharedStrings.xml", os.urandom(5000))
    result = sniff(path, Limits(max_other_part=4000))
    assert codes(result) == ["T106"] and "sharedStrings" in result.findings[0].message


def test_keep_open_hands_over_the_archive(tmp_path):
    result = sniff(small_xlsx(tmp_path / "ok.xlsx"), keep_open=True)
    assert result.zip is not None and "xl/workbook.xml" in result.zip.namelist()
    result.zip.close()
    assert sniff(tmp_path / "nope.xlsx", keep_open=True).zip is None


def test_real_docx_renamed_is_a_word_document(tmp_path):
    """A .docx names word/document.xml as its officeDocument: that is not a workbook part."""
    import zipfile

    from perfxl.forms.read.reader import read_workbook

    path = tmp_path / "报告.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", "<w:document/>")
    assert [f.code for f in read_workbook(path).findings] == ["T104"]


@pytest.mark.parametrize("cell", [
    "<c r='XFD1048576'><v>1</v></c>",  # quoted reference
    '<c r = "XFD1048576"><v>1</v></c>',  # spaces around "="
    '<c r="xfd1048576"><v>1</v></c>',  # lower case (calamine accepts it)
    '<c r="A2" r="XFD1048576"><v>1</v></c>',  # a second r attribute (calamine uses the last)
    '<c\tr="XFD1048576"><v>1</v></c>',  # r after a tab
    '<c rr="A1" r="XFD1048576"><v>1</v></c>',  # another attribute ending in r first
])
def test_far_reaching_cell_references_never_reach_calamine(tmp_path, cell):
    """python-calamine allocates the whole used range (tafia/calamine#693): a 5 KB file with one cell at
    XFD1048576 would ask for hundreds of GB. Every spelling must be caught before calamine sees it."""
    import subprocess
    import sys
    import zipfile

    from openpyxl import Workbook

    base, path = tmp_path / "base.xlsx", tmp_path / "far.xlsx"
    wb = Workbook()
    wb.active["A1"] = "x"
    wb.save(base)
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</row>", b'</row><row r="1048576">' + cell.encode() + b"</row>", 1)
            out.writestr(item, data)
    code = ("import resource; resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))\n"
            "from perfxl.forms.read.reader import read_workbook\n"
            f"print(sorted(f.code for f in read_workbook({str(path)!r}).findings))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    codes = done.stdout
    assert "T010" in codes or "T101" in codes  # streamed and truncated, or reported as damaged


def test_zip_of_workbooks_is_named_as_such(tmp_path):
    path = tmp_path / "收集.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("单位甲/自评表.xlsx", b"PK")
        zf.writestr("说明.txt", b"x")
    reason = sniff(path).findings[0].message
    assert "内含 1 个工作簿" in reason and "perfxl batch" in reason and "不含" not in reason
