"""Annotated copy: comments and fills at the findings' cells, a 校验结果 sheet with internal links."""

import hashlib

import pytest
from openpyxl import load_workbook

from perfxl import api
from perfxl.domain import Finding, FormKind, Severity
from perfxl.forms.write.writer import write_form
from perfxl.outputs.annotated_copy import (
    AUTHOR,
    FILLS,
    RESULT_SHEET,
    AnnotateError,
    annotate,
    link,
    split_location,
)
from perfxl.samples import generate


@pytest.fixture()
def workbook(tmp_path):
    sample = next(s for s in generate(40, 3, kinds=[FormKind.PROJECT_GOAL]) if len(s.faults) == 2)
    path = tmp_path / "申报表.xlsx"
    write_form(sample.form, path)
    return path


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_copy_has_comments_fills_and_a_result_sheet(workbook, tmp_path):
    before = _digest(workbook)
    findings = list(api.check_file(workbook).findings)
    extra = Finding("G108", Severity.WARNING, "未设置满意度指标", path="indicators")  # no cell
    out = annotate(workbook, [*findings, extra], tmp_path / "标注.xlsx")
    assert _digest(workbook) == before  # the source is never modified
    wb = load_workbook(out)
    assert wb.sheetnames[0] == RESULT_SHEET
    located = [f for f in findings if f.location]
    assert any(f.severity is Severity.ERROR for f in located)
    for f in located:
        sheet, cell = split_location(f.location)
        c = wb[sheet][cell]
        assert c.comment is not None and c.comment.author == AUTHOR and f.code in c.comment.text
        worst = min((g for g in located if g.location == f.location), key=lambda g: list(FILLS).index(g.severity))
        assert c.fill.start_color.rgb.endswith(FILLS[worst.severity])
    ws = wb[RESULT_SHEET]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(findings) + 1
    assert [r[1] for r in rows].count("G108") >= 1
    links = {ws.cell(r, 4).value: ws.cell(r, 4).hyperlink for r in range(2, ws.max_row + 1)}
    for f in located:
        sheet, cell = split_location(f.location)
        assert links[f.location].location == f"'{sheet}'!{cell}"
    no_cell = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "G108")
    assert ws.cell(no_cell, 4).hyperlink is None


def test_existing_comments_are_kept(workbook, tmp_path):
    from openpyxl.comments import Comment

    wb = load_workbook(workbook)
    finding = next(f for f in api.check_file(workbook).findings if f.location)
    sheet, cell = split_location(finding.location)
    wb[sheet][cell].comment = Comment("财政局：请核实", "审核人")
    wb.save(workbook)
    out = annotate(workbook, [finding], tmp_path / "out.xlsx")
    text = load_workbook(out)[sheet][cell].comment.text
    assert "财政局：请核实" in text and finding.code in text


def test_refuses_to_overwrite_the_source_and_reports_unreadable_input(workbook, tmp_path):
    with pytest.raises(AnnotateError, match="不能覆盖原文件"):
        annotate(workbook, [], workbook)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(AnnotateError, match="无法打开"):
        annotate(bad, [], tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_no_findings_still_writes_a_result_sheet(workbook, tmp_path):
    out = annotate(workbook, [], tmp_path / "clean.xlsx")
    assert load_workbook(out)[RESULT_SHEET]["A2"].value == "未发现问题"


def test_locations_and_links():
    assert split_location("自评表!H15") == ("自评表", "H15")
    assert split_location("'My ''Sheet'''!$b$2") == ("My 'Sheet'", "B2")
    assert split_location(None) is None and split_location("budget.rate") is None
    assert link("自评表", "H15") == "#'自评表'!H15"
