"""汇总.xlsx from hand-built rows: untrusted text stays text, the file stays valid, memory stays flat."""

import json
import zipfile

import openpyxl
import pytest

from perfxl.batch.progress import Progress, format_seconds
from perfxl.batch.results import write_results
from perfxl.outputs.labels import rule_label
from perfxl.outputs.summary_workbook import (
    MAX_CELL,
    FindingLine,
    RankLine,
    Stats,
    SummaryInput,
    SummaryRow,
    clean_text,
    rate_buckets,
    write_summary,
)
from perfxl.reports import kind_label

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "=1+1", "\t=cmd", "http://example.com"]


def row(i: int, unit: str = "单位", **kw) -> SummaryRow:
    base = dict(seq=i, file=f"f{i}.xlsx", unit=unit, project="项目", kind_label="项目支出绩效自评表", year=2024,
                status_label="已评分", status="scored", reason=None, total=90.5, self_total=91.0, difference=0.5,
                grade="优", rank=1, rank_of=3, ranking_grade="优秀", errors=0, warnings=1, annotated=f"批注/f{i}.xlsx")
    base.update(kw)
    return SummaryRow(**base)


def data(rows, findings=(), ranked=(), annotate=True) -> SummaryInput:
    rows, findings, ranked = list(rows), list(findings), list(ranked)
    return SummaryInput(rows=iter(rows), row_count=len(rows), findings=iter(findings), finding_count=len(findings),
                        ranked=iter(ranked), ranked_count=len(ranked),
                        stats=Stats(statuses=[("已评分", len(rows))], grades=[("优", 1), ("良", 0)],
                                    ranking_grades=[("优秀", 1)], top_findings=[("S201", "错误", "某问题", 3, 2)],
                                    execution_rates=[("95%–100%", 1)]),
                        subtitle="=not a formula", annotate=annotate)


def test_clean_text():
    assert clean_text("a\x00b\x07c\x1fd\ud800e\ufffff") == "abcdef"
    assert clean_text("tab\tand\nnewline") == "tab\tand\nnewline"
    assert len(clean_text("x" * 100_000)) == MAX_CELL


def test_hostile_and_broken_text(tmp_path):
    rows = [row(i + 1, unit=text, project=text, reason=text) for i, text in enumerate(HOSTILE)]
    rows.append(row(len(rows) + 1, unit="控制\x01字符\x0b", project="长" * 40_000, reason=None))
    findings = [FindingLine(file=text, unit=text, location="自评表!H15", code="S201", severity_label="错误",
                            severity="error", message=text, hint=text, annotated="批注/f1.xlsx") for text in HOSTILE]
    ranked = [RankLine("项目支出绩效自评表", 2024, 1, 1, "优秀", text, text, 90.0, "优", text) for text in HOSTILE]
    path = write_summary(tmp_path / "汇总.xlsx", data(rows, findings, ranked))
    wb = openpyxl.load_workbook(path)
    ws = wb["汇总"]
    units = [ws.cell(row=i + 2, column=3) for i in range(len(HOSTILE))]
    assert [c.value for c in units] == HOSTILE
    assert all(c.data_type == "s" for c in units)
    assert all(c.quotePrefix for c in units if c.value[0] in "=+-@\t")
    assert ws.cell(row=len(HOSTILE) + 2, column=3).value == "控制字符"
    assert len(ws.cell(row=len(HOSTILE) + 2, column=4).value) == MAX_CELL
    assert [c.value for c in next(wb["问题清单"].iter_rows(min_row=2, max_row=2))][:7] == \
        [HOSTILE[0]] * 2 + ["自评表!H15", "S201", "错误", HOSTILE[0], HOSTILE[0]]
    assert wb["统计"]["A2"].value == "=not a formula"
    with zipfile.ZipFile(path) as zf:
        sheets = [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in s for s in sheets)  # no formula anywhere


def test_tables_freeze_print_and_links(tmp_path):
    path = write_summary(tmp_path / "汇总.xlsx", data([row(1), row(2, annotated=None)],
                                                    [FindingLine("f1.xlsx", "单位", "'自 评'!H15", "S201", "错误",
                                                                 "error", "问题", "建议", "批注/f1.xlsx")]))
    wb = openpyxl.load_workbook(path)
    ws = wb["汇总"]
    assert list(ws.tables) == ["Summary"] and ws.tables["Summary"].ref == "A1:Q3"
    assert ws.freeze_panes == "C2"
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.paperSize == 9
    # relative links, written the way Excel on Windows writes them (backslashes)
    assert ws["Q2"].hyperlink.target.replace("\\", "/") == "批注/f1.xlsx" and ws["Q3"].value is None
    link = wb["问题清单"]["H2"].hyperlink
    assert link.target.replace("\\", "/") == "批注/f1.xlsx" and link.location == "'自 评'!H15"
    assert list(wb["问题清单"].tables) == ["Findings"] and list(wb["排名"].tables) == ["Ranking"]


def test_empty_batch_still_valid(tmp_path):
    path = write_summary(tmp_path / "汇总.xlsx", data([], annotate=False))
    wb = openpyxl.load_workbook(path)
    assert wb["汇总"].max_row >= 1 and [c.value for c in wb["汇总"][1]][0] == "序号"


def test_no_partial_file_on_failure(tmp_path):
    def broken_rows():
        yield row(1)
        raise KeyboardInterrupt

    target = tmp_path / "汇总.xlsx"
    with pytest.raises(KeyboardInterrupt):
        write_summary(target, SummaryInput(rows=broken_rows(), row_count=2, findings=iter(()), finding_count=0,
                                           ranked=iter(()), ranked_count=0, stats=Stats()))
    assert list(tmp_path.iterdir()) == []


def test_results_json_streaming(tmp_path):
    target = write_results(tmp_path / "results.json", ({"file": f"f{i}", "n": i} for i in range(3)))
    assert json.loads(target.read_text("utf-8")) == [{"file": f"f{i}", "n": i} for i in range(3)]
    assert json.loads(write_results(tmp_path / "e.json", iter(())).read_text()) == []


def test_rate_buckets():
    assert dict(rate_buckets([0.5, 0.65, 0.85, 0.92, 0.97, 1.0, 1.2, None, -0.1])) == {
        "60% 以下": 2, "60%–80%": 1, "80%–90%": 1, "90%–95%": 1, "95%–100%": 1, "100% 及以上": 2, "无法计算": 1}


def test_labels_of_stored_codes():
    assert kind_label("project_selfeval") == "项目支出绩效自评表"
    assert kind_label("unknown_kind") == "unknown_kind" and kind_label(None) is None
    assert rule_label("S201").startswith("S201 ") and len(rule_label("S201")) > 5
    assert rule_label("Z999") == "Z999"


def test_progress_line():
    from perfxl.batch.outcome import Status

    p = Progress(total=10)
    p.add(Status.SCORED, "a")
    p.add(Status.ERRORS, "b", reused=True)
    assert "已处理 2/10" in p.line() and "有错误 1" in p.line()
    assert format_seconds(5) == "5 秒" and format_seconds(125) == "2 分 5 秒" and format_seconds(7300) == "2 小时 1 分"
