"""Every document from sample forms and a sample batch: read back, converted to PDF, and the batch door."""

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from perfxl.cli import (
    app,
    commands,  # noqa: F401
)
from perfxl.forms.write.libreoffice import INSTALL_HINT, find_soffice
from perfxl.outputs.documents import KINDS, to_pdf
from perfxl.outputs.documents.gallery import sample_documents

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
runner = CliRunner()

# Sentences each document must show (in Word and in its PDF).
KEY = {
    "自评报告": ["绩效自评报告", "一、基本情况", "三、综合评价情况及评价结论", "六、有关建议"],
    "评价报告": ["绩效评价报告", "二、绩效评价工作开展情况", "七、其他需要说明的问题"],
    "整改通知": ["问题整改的通知", "一、存在的问题", "附件：1. 问题清单", "整改情况反馈表", "×财绩〔2026〕12号",
             "2026年10月9日"],
    "审核意见": ["绩效目标的审核意见", "审核等级", "财预〔2015〕88号", "×财绩〔2026〕13号"],
    "提醒函": ["提醒函", "序时进度", "财预〔2019〕136号"],
    "催办函": ["关于催报", "已逾期", "×财绩〔2026〕12号", "特此函告"],
    "汇总分析": ["绩效评价汇总分析报告", "评价等级", "分部门", "主要问题", "预算执行率"],
}


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    root = tmp_path_factory.mktemp("gallery")
    return root, sample_documents(root / "文书", root / "work")


def test_every_kind_is_rendered(gallery):
    _, documents = gallery
    assert list(documents) == list(KINDS)
    for kind, path in documents.items():
        doc = Document(str(path))
        text = "\n".join([p.text for p in doc.paragraphs]
                         + [c.text for t in doc.tables for row in t.rows for c in row.cells])
        for sentence in KEY[kind]:
            assert sentence in text, f"{kind}: {sentence}"
        section = doc.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert [round(x.mm) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                      section.right_margin)] == [37, 35, 28, 26]
        for run in doc.element.body.iter(f"{W}r"):
            fonts = run.find(f"{W}rPr/{W}rFonts")
            assert fonts is not None and fonts.get(f"{W}eastAsia"), f"{kind}: run without w:eastAsia"


def test_summary_report_has_its_charts(gallery):
    _, documents = gallery
    with zipfile.ZipFile(documents["汇总分析"]) as z:
        charts = [n for n in z.namelist() if n.startswith("word/media/perfxl_chart")]
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
        assert len(charts) == 3
        for name in charts:
            assert z.read(name).startswith(b"\x89PNG")
    assert rels.count("rIdPerfxlImage") == 3 and 'Extension="png"' in types
    doc = Document(str(documents["汇总分析"]))
    assert len(doc.inline_shapes) == 3


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason=INSTALL_HINT)
def test_documents_convert_to_pdf_with_their_text(gallery, tmp_path):
    _, documents = gallery
    pdfs = to_pdf(list(documents.values()), tmp_path)  # one LibreOffice start for all of them
    for kind, pdf in zip(documents, pdfs, strict=True):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                              text=True).stdout
        compact = "".join(text.split())
        for sentence in KEY[kind]:
            assert "".join(sentence.split()) in compact, f"{kind} PDF: {sentence}"
        assert "—1—" in compact  # page number


def test_batch_writes_documents_per_form(gallery, tmp_path):
    root, _ = gallery
    out = tmp_path / "结果"
    result = runner.invoke(app, ["batch", str(root / "work" / "收集的表单"), "--out", str(out), "-w", "0",
                                 "--documents", "整改通知，自评报告、审核意见"])
    assert result.exit_code in (0, 1), result.output
    notices = sorted((out / "文书" / "整改通知").glob("*.docx"))
    reports = sorted((out / "文书" / "自评报告").glob("*.docx"))
    reviews = sorted((out / "文书" / "审核意见").glob("*.docx"))
    assert notices and reports and reviews
    assert all(p.name.endswith("_整改通知.docx") for p in notices)
    numbers = set()
    for path in notices + reviews:
        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        numbers |= {line for line in text.splitlines() if line.startswith("×财绩〔")}
    assert len(numbers) == len(notices) + len(reviews)  # each document its own 文号
    assert "文书：" in result.output


def test_batch_rejects_unknown_document_kind(tmp_path):
    result = runner.invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--documents", "通报"])
    assert result.exit_code == 2 and "通报" in result.output


def test_summary_report_command(gallery, tmp_path):
    root, _ = gallery
    out = tmp_path / "汇总.docx"
    result = runner.invoke(app, ["summary-report", str(root / "work" / "批量汇总" / "results.json"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "绩效评价汇总分析报告" in "\n".join(p.text for p in Document(str(out)).paragraphs)
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["summary-report", str(bad), "--out", str(out)])
    assert result.exit_code == 2 and "results.json" in result.output
    bad.write_bytes('[{"file": "甲单位.xlsx"}]'.encode("gbk"))
    result = runner.invoke(app, ["summary-report", str(bad), "--out", str(out)])
    assert result.exit_code == 2 and "UTF-8" in result.output and "codec" not in result.output


def test_document_pictures_in_the_user_guide_exist():
    from perfxl.outputs.documents.gallery import PICTURE_NAMES

    guide = (Path(__file__).resolve().parent.parent / "docs" / "使用指南.md").read_text(encoding="utf-8")
    for name in PICTURE_NAMES.values():
        assert f"img/doc_{name}.png" in guide
        png = Path(__file__).resolve().parent.parent / "docs" / "img" / f"doc_{name}.png"
        assert png.read_bytes().startswith(b"\x89PNG")


def test_docx_is_a_valid_zip(gallery):
    _, documents = gallery
    for path in documents.values():
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
            assert z.testzip() is None
