"""汇总.xlsx: the batch summary workbook (xlsxwriter), written row by row in constant memory.

Sheets: 汇总 (one row per input file), 问题清单 (every finding), 排名 (ranking grades per form kind
and year), 统计 (distributions with native charts). Each data sheet is an Excel table with filters,
a frozen header and print setup.

Text taken from user workbooks is untrusted: it is always written as a string (never a formula,
number or link), cells starting with = + - @ get the quote-prefix style so that editing them in
Excel keeps them text, XML-illegal characters are removed and length is capped at 32,767.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from perfxl.atomic import atomic_path
from perfxl.domain import Severity
from perfxl.outputs.labels import rule_label
from perfxl.outputs.text import row_height
from perfxl.reports import Status, kind_label

if TYPE_CHECKING:
    from perfxl.batch.ledger import Ledger
    from perfxl.config import RulePack

MAX_CELL = 32767
TOP_FINDINGS = 15  # the 统计 sheet lists (and charts) the most frequent problems, this many
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_CELL = re.compile(r"^(?P<sheet>.+)!\$?(?P<col>[A-Z]{1,3})\$?(?P<row>[0-9]{1,7})$")

SHEET_SUMMARY, SHEET_FINDINGS, SHEET_RANKING, SHEET_STATS = "汇总", "问题清单", "排名", "统计"


def clean_text(value: object) -> str:
    """Untrusted text made safe for a cell: no XML-illegal characters, at most 32,767 characters."""
    text = _ILLEGAL.sub("", str(value))
    return text[:MAX_CELL]


@dataclass(slots=True)
class SummaryRow:
    seq: int
    file: str
    unit: str | None
    project: str | None
    kind_label: str | None
    year: int | None
    status_label: str
    status: str
    reason: str | None
    total: float | None
    self_total: float | None
    difference: float | None
    grade: str | None
    rank: int | None
    rank_of: int | None
    ranking_grade: str | None
    errors: int
    warnings: int
    annotated: str | None = None


@dataclass(slots=True)
class FindingLine:
    file: str
    unit: str | None
    location: str | None
    code: str
    severity_label: str
    severity: str
    message: str
    hint: str | None
    annotated: str | None = None


@dataclass(slots=True)
class RankLine:
    kind_label: str
    year: int | None
    rank: int
    rank_of: int | None
    ranking_grade: str | None
    unit: str | None
    project: str | None
    total: float | None
    grade: str | None
    file: str


@dataclass(slots=True)
class Stats:
    statuses: list[tuple[str, int]] = field(default_factory=list)  # (label, n), every status
    grades: list[tuple[str, int]] = field(default_factory=list)  # (优/良/中/差, n)
    ranking_grades: list[tuple[str, int]] = field(default_factory=list)
    top_findings: list[tuple[str, str, str, int, int]] = field(default_factory=list)  # code, level, text, n, files
    execution_rates: list[tuple[str, int]] = field(default_factory=list)  # (bucket label, n)


@dataclass(slots=True)
class SummaryInput:
    rows: Iterable[SummaryRow]
    row_count: int
    findings: Iterable[FindingLine]
    finding_count: int
    ranked: Iterable[RankLine]
    ranked_count: int
    stats: Stats
    title: str = "预算绩效表单批量汇总"
    subtitle: str = ""  # e.g. the input folder, run time and rule pack
    annotate: bool = False
    ranking_note: str = ""  # how ranking grades are given (shown above the 排名 table)


SUMMARY_COLUMNS = [
    ("序号", 6), ("文件", 36), ("单位", 24), ("项目", 28), ("表单类型", 20), ("年度", 7), ("状态", 10),
    ("说明", 40), ("规则总分", 9), ("表中总分", 9), ("差额", 8), ("等级", 6), ("排名", 6), ("排名等级", 9),
    ("错误数", 7), ("警告数", 7),
]
FINDING_COLUMNS = [
    ("文件", 34), ("单位", 22), ("位置", 16), ("代码", 7), ("级别", 6), ("问题", 50), ("修改建议", 40),
]
RANK_COLUMNS = [
    ("表单类型", 20), ("年度", 7), ("排名", 6), ("参评数", 7), ("排名等级", 9), ("单位", 24), ("项目", 28),
    ("规则总分", 9), ("等级", 6), ("文件", 36),
]

_STATUS_FILL = {
    "reviewed": "#E8F1FB", "checked": "#E8F1FB", "errors": "#FCE4E4", "unreadable": "#FDEBD0", "not_form": "#EEEEEE", "timeout": "#F5C6CB", "failed": "#F5C6CB",
}


class _Writer:
    def __init__(self, workbook):
        self.wb = workbook
        self.text = workbook.add_format({"valign": "top"})
        self.quoted = workbook.add_format({"valign": "top", "quote_prefix": True})
        self.wrap = workbook.add_format({"valign": "top", "text_wrap": True})
        self.wrap_quoted = workbook.add_format({"valign": "top", "text_wrap": True, "quote_prefix": True})
        self.number = workbook.add_format({"valign": "top", "num_format": "0.00"})
        self.integer = workbook.add_format({"valign": "top", "num_format": "0"})
        self.percent = workbook.add_format({"num_format": "0.0%"})
        self.header = workbook.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF",
                                           "valign": "vcenter", "text_wrap": True, "border": 1})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.subtitle = workbook.add_format({"font_color": "#555555"})
        self.section = workbook.add_format({"bold": True, "font_size": 12, "font_color": "#1F4E78"})
        self.link_fmt = workbook.add_format({"valign": "top", "font_color": "#0563C1", "underline": 1})
        self.status = {key: workbook.add_format({"valign": "top", "bg_color": color})
                       for key, color in _STATUS_FILL.items()}

    def string(self, ws, row: int, col: int, value: object, wrap: bool = False, fmt=None) -> None:
        if value is None or value == "":
            ws.write_blank(row, col, None, fmt or self.text)
            return
        text = clean_text(value)
        quoted = text.startswith(_FORMULA_START)
        if fmt is None or quoted:  # `fmt` is only given for our own labels, which are never quoted
            fmt = (self.wrap_quoted if quoted else self.wrap) if wrap else (self.quoted if quoted else self.text)
        ws.write_string(row, col, text, fmt)

    def num(self, ws, row: int, col: int, value: float | int | None, fmt=None) -> None:
        if value is None:
            ws.write_blank(row, col, None, self.text)
        else:
            ws.write_number(row, col, value, fmt or self.number)

    def link(self, ws, row: int, col: int, rel: str | None, location: str | None = None) -> None:
        """A relative link to an annotated copy (to the cell when known); plain text when it cannot be a link."""
        if not rel:
            ws.write_blank(row, col, None, self.text)
            return
        target = clean_text(rel)
        anchor = _anchor(location)
        url = "external:" + target + (f"#{anchor}" if anchor else "")
        if len(url) > 2000 or any(ch in target for ch in '#"<>'):
            self.string(ws, row, col, target)
            return
        ws.write_url(row, col, url, self.link_fmt, string="打开批注文件", tip=clean_text(target)[:250])


def _anchor(location: str | None) -> str | None:
    if not location:
        return None
    match = _SHEET_CELL.match(location.strip())
    if not match:
        return None
    sheet = match["sheet"].strip("'").replace("'", "''")
    return f"'{sheet}'!{match['col']}{match['row']}"


def _table(ws, w: _Writer, name: str, columns: list[tuple[str, int]], count: int, first_row: int = 0) -> None:
    """An Excel table over rows first_row..first_row+count (header included), added before the rows are
    written: xlsxwriter refuses tables in constant-memory mode, so the mode is lifted for this call and
    the header cells are then rewritten as inline strings (constant-memory storage)."""
    last_row = first_row + max(count, 1)
    options = {"name": name, "style": "Table Style Medium 2", "autofilter": True,
               "columns": [{"header": header, "header_format": w.header} for header, _ in columns]}
    constant = getattr(ws, "constant_memory", False)
    ws.constant_memory = False
    try:
        result = ws.add_table(first_row, 0, last_row, len(columns) - 1, options)
    finally:
        ws.constant_memory = constant
    getattr(ws, "table_cells", {}).clear()  # xlsxwriter's overlap check keeps an entry per cell: memory grew with N
    if result not in (None, 0):  # pragma: no cover - fall back to a plain filtered range
        ws.autofilter(first_row, 0, last_row, len(columns) - 1)
    for col, (header, width) in enumerate(columns):
        ws.write_string(first_row, col, header, w.header)
        ws.set_column(col, col, width)
    ws.set_row(first_row, 30)


def _print_setup(ws, title: str, header_rows: int = 0, landscape: bool = True) -> None:
    if landscape:
        ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_rows)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header(f"&C&12{title}")
    ws.set_footer("&C第 &P 页，共 &N 页")


def write_summary(target: str | Path, data: SummaryInput) -> Path:
    """Write 汇总.xlsx atomically. Rows stream from the iterables; memory stays flat."""
    import xlsxwriter

    target = Path(target)
    with atomic_path(target) as tmp:
        workbook = xlsxwriter.Workbook(str(tmp), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "nan_inf_to_errors": True, "use_zip64": True,
        })
        workbook.set_properties({"title": data.title, "subject": data.subtitle, "author": "perfxl",
                                 "comments": "由 perfxl batch 生成"})
        w = _Writer(workbook)
        try:
            _summary_sheet(workbook, w, data)
            _findings_sheet(workbook, w, data)
            _ranking_sheet(workbook, w, data)
            _stats_sheet(workbook, w, data)
        finally:
            workbook.close()
    return target


def _list_sheet(workbook, w: _Writer, data: SummaryInput, sheet: str, table: str, columns: list[tuple[str, int]],
                count: int, frozen_columns: int):
    """A sheet holding one table (with a link column to the annotated copies when there are any)."""
    ws = workbook.add_worksheet(sheet)
    columns = list(columns) + ([("批注文件", 14)] if data.annotate else [])
    _table(ws, w, table, columns, count)
    ws.freeze_panes(1, frozen_columns)
    _print_setup(ws, f"{data.title} — {sheet}", 0)
    return ws, columns


def _summary_sheet(workbook, w: _Writer, data: SummaryInput) -> None:
    ws, columns = _list_sheet(workbook, w, data, SHEET_SUMMARY, "Summary", SUMMARY_COLUMNS, data.row_count, 2)
    for i, row in enumerate(data.rows, start=1):
        status_fmt = w.status.get(row.status)
        w.num(ws, i, 0, row.seq, w.integer)
        w.string(ws, i, 1, row.file, wrap=True)
        w.string(ws, i, 2, row.unit, wrap=True)
        w.string(ws, i, 3, row.project, wrap=True)
        w.string(ws, i, 4, row.kind_label, wrap=True)
        w.num(ws, i, 5, row.year, w.integer)
        w.string(ws, i, 6, row.status_label, fmt=status_fmt)
        w.string(ws, i, 7, row.reason, wrap=True)  # wrapped: long text never spills over the next columns
        w.num(ws, i, 8, row.total)
        w.num(ws, i, 9, row.self_total)
        w.num(ws, i, 10, row.difference)
        w.string(ws, i, 11, row.grade)
        w.num(ws, i, 12, row.rank, w.integer)
        w.string(ws, i, 13, row.ranking_grade)
        w.num(ws, i, 14, row.errors, w.integer)
        w.num(ws, i, 15, row.warnings, w.integer)
        if data.annotate:
            w.link(ws, i, 16, row.annotated)
        _fit(ws, i, columns, {1: row.file, 2: row.unit, 3: row.project, 4: row.kind_label, 7: row.reason})


def _findings_sheet(workbook, w: _Writer, data: SummaryInput) -> None:
    ws, columns = _list_sheet(workbook, w, data, SHEET_FINDINGS, "Findings", FINDING_COLUMNS, data.finding_count, 1)
    for i, f in enumerate(data.findings, start=1):
        w.string(ws, i, 0, f.file, wrap=True)
        w.string(ws, i, 1, f.unit, wrap=True)
        w.string(ws, i, 2, f.location, wrap=True)
        w.string(ws, i, 3, f.code)
        w.string(ws, i, 4, f.severity_label, fmt=w.status.get("errors") if f.severity == "error" else None)
        w.string(ws, i, 5, f.message, wrap=True)
        w.string(ws, i, 6, f.hint, wrap=True)
        if data.annotate:
            w.link(ws, i, 7, f.annotated, f.location)
        _fit(ws, i, columns, {0: f.file, 1: f.unit, 2: f.location, 5: f.message, 6: f.hint})


def _ranking_sheet(workbook, w: _Writer, data: SummaryInput) -> None:
    ws = workbook.add_worksheet(SHEET_RANKING)
    first = 0
    if data.ranking_note:  # the explanation above the table (rows are written in order: constant memory)
        ws.merge_range(0, 0, 0, len(RANK_COLUMNS) - 1, clean_text(data.ranking_note), w.wrap)
        ws.set_row(0, row_height([(data.ranking_note, sum(width for _, width in RANK_COLUMNS))]))
        first = 2
    _table(ws, w, "Ranking", RANK_COLUMNS, data.ranked_count, first_row=first)
    ws.freeze_panes(first + 1, 0)
    _print_setup(ws, f"{data.title} — 排名", first)
    for i, r in enumerate(data.ranked, start=first + 1):
        w.string(ws, i, 0, r.kind_label, wrap=True)
        w.num(ws, i, 1, r.year, w.integer)
        w.num(ws, i, 2, r.rank, w.integer)
        w.num(ws, i, 3, r.rank_of, w.integer)
        w.string(ws, i, 4, r.ranking_grade)
        w.string(ws, i, 5, r.unit, wrap=True)
        w.string(ws, i, 6, r.project, wrap=True)
        w.num(ws, i, 7, r.total)
        w.string(ws, i, 8, r.grade)
        w.string(ws, i, 9, r.file, wrap=True)
        _fit(ws, i, RANK_COLUMNS, {0: r.kind_label, 5: r.unit, 6: r.project, 9: r.file})


def _fit(ws, row: int, columns: list[tuple[str, int]], texts: dict[int, object]) -> None:
    """Make a row tall enough for its wrapped text cells (column index → text)."""
    ws.set_row(row, row_height([(clean_text(text) if text else "", columns[col][1]) for col, text in texts.items()]))


def _stats_sheet(workbook, w: _Writer, data: SummaryInput) -> None:
    ws = workbook.add_worksheet(SHEET_STATS)
    _print_setup(ws, f"{data.title} — 统计", 0, landscape=False)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 10)
    ws.set_column(2, 2, 50)
    ws.set_column(3, 4, 10)
    ws.write_string(0, 0, clean_text(data.title), w.title)
    if data.subtitle:
        ws.write_string(1, 0, clean_text(data.subtitle), w.subtitle)
    row = 3
    chart_row = 3
    s = data.stats

    def block(title: str, headers: list[str], rows: list[tuple], chart_type: str | None, chart_title: str,
              value_col: int, category_col: int = 0) -> None:
        nonlocal row, chart_row
        ws.write_string(row, 0, title, w.section)
        row += 1
        for c, h in enumerate(headers):
            ws.write_string(row, c, h, w.header)
        first = row + 1
        for values in rows:
            row += 1
            for c, v in enumerate(values):
                if isinstance(v, int | float) and not isinstance(v, bool):
                    w.num(ws, row, c, v, w.integer if isinstance(v, int) else w.number)
                else:
                    w.string(ws, row, c, v)
        last = row
        if chart_type and rows:
            chart = workbook.add_chart({"type": chart_type})
            chart.add_series({
                "name": chart_title,
                "categories": [SHEET_STATS, first, category_col, last, category_col],
                "values": [SHEET_STATS, first, value_col, last, value_col],
                "data_labels": {"value": True},
                "fill": {"color": "#2E75B6"},
            })
            chart.set_title({"name": chart_title})
            if chart_type == "bar":  # horizontal bars: keep the table's order, most frequent on top
                chart.set_y_axis({"reverse": True})
            chart.set_legend({"none": True})
            chart.set_size({"width": 560, "height": max(260, 70 + 24 * len(rows))})  # every bar labelled
            ws.insert_chart(chart_row, 6, chart)
            chart_row += max(14, 4 + len(rows) * 24 // 20)
        row += 2

    block("处理状态", ["状态", "文件数"], s.statuses, "column", "处理状态分布", 1)
    block("评分等级分布（规则总分）", ["等级", "表单数"], s.grades, "column", "评分等级分布", 1)
    block("排名等级分布", ["排名等级", "表单数"], s.ranking_grades, "column", "排名等级分布", 1)
    block(f"最常见的问题（前 {TOP_FINDINGS} 项）", ["规则", "级别", "问题（示例）", "出现次数", "涉及文件"],
          s.top_findings, "bar", f"最常见的问题（前 {TOP_FINDINGS} 项，按出现次数）", 3)
    block("预算执行率分布", ["执行率区间", "表单数"], s.execution_rates, "column", "预算执行率分布", 1)


# -- 汇总.xlsx of a batch run, streamed from its ledger -------------------------------------------------------
def write_summary_from(ledger: Ledger, run_id: int, target: Path, pack: RulePack, annotate: bool,
                       input_path: Path) -> Path:
    """汇总.xlsx for one run of the ledger, rows streamed from the database."""
    counts = ledger.status_counts(run_id)
    total_rows = sum(counts.values())
    grades, ranking_grades = _grade_counts(ledger, run_id)
    stats = Stats(
        statuses=[(s.label, counts.get(s.value, 0)) for s in Status],
        grades=[(name, grades.get(name, 0)) for name, _ in pack.grade_bands],
        ranking_grades=[(name, ranking_grades.get(name, 0)) for name in pack.ranking_grades],
        top_findings=_top_findings(ledger, run_id),
        execution_rates=rate_buckets(ledger.execution_rates(run_id)),
    )
    return write_summary(target, SummaryInput(
        rows=_summary_rows(ledger, run_id), row_count=total_rows,
        findings=_finding_lines(ledger, run_id), finding_count=ledger.finding_count(run_id),
        ranked=_rank_lines(ledger, run_id), ranked_count=sum(ranking_grades.values()), stats=stats,
        subtitle=f"输入：{input_path}    文件数：{total_rows}    规则：{pack.source_label()}", annotate=annotate,
        ranking_note=ranking_note(pack),
    ))


def _grade_counts(ledger: Ledger, run_id: int) -> tuple[dict[str, int], dict[str, int]]:
    """Forms per grade (优/良/中/差) and per ranking grade."""
    grades: dict[str, int] = defaultdict(int)
    ranking_grades: dict[str, int] = defaultdict(int)
    for grade, ranking_grade, n in ledger.grade_counts(run_id):
        if grade:
            grades[grade] += n
        if ranking_grade:
            ranking_grades[ranking_grade] += n
    return grades, ranking_grades


def _top_findings(ledger: Ledger, run_id: int) -> list[tuple[str, str, str, int, int]]:
    return [(rule_label(code), Severity(sev).label if sev in Severity._value2member_map_ else sev, message, n, files)
            for code, sev, _name, n, files, message in ledger.top_findings(run_id, TOP_FINDINGS)]


def _summary_rows(ledger: Ledger, run_id: int) -> Iterator[SummaryRow]:
    for r in ledger.iter_results(run_id):
        yield SummaryRow(
            seq=r.seq + 1, file=r.path, unit=r.unit, project=r.project, kind_label=kind_label(r.kind), year=r.year,
            status_label=Status(r.status).label, status=r.status, reason=r.reason, total=r.total,
            self_total=r.self_total, difference=r.difference, grade=r.grade, rank=r.rank, rank_of=r.rank_of,
            ranking_grade=r.ranking_grade, errors=r.errors, warnings=r.warnings, annotated=r.annotated,
        )


def _finding_lines(ledger: Ledger, run_id: int) -> Iterator[FindingLine]:
    for f in ledger.iter_findings(run_id):
        yield FindingLine(
            file=f.path, unit=f.unit, location=f.location, code=f.code,
            severity_label=Severity(f.severity).label, severity=f.severity, message=f.message, hint=f.hint,
            annotated=f.annotated,
        )


def _rank_lines(ledger: Ledger, run_id: int) -> Iterator[RankLine]:
    for r in ledger.iter_ranked(run_id):
        yield RankLine(
            kind_label=kind_label(r.kind) or "", year=r.year, rank=r.rank, rank_of=r.rank_of,
            ranking_grade=r.ranking_grade, unit=r.unit, project=r.project, total=r.total, grade=r.grade,
            file=r.path,
        )


RATE_BUCKETS = ((0.0, 0.6, "60% 以下"), (0.6, 0.8, "60%–80%"), (0.8, 0.9, "80%–90%"), (0.9, 0.95, "90%–95%"),
                (0.95, 1.0, "95%–100%"), (1.0, float("inf"), "100% 及以上"))


def rate_buckets(rates) -> list[tuple[str, int]]:
    """Forms per budget execution rate band (the 统计 sheet); rates that could not be computed last."""
    counts = {label: 0 for _, _, label in RATE_BUCKETS}
    missing = 0
    for rate in rates:
        if rate is None:
            missing += 1
            continue
        for low, high, label in RATE_BUCKETS:
            if low <= rate < high or (low == 0.0 and rate < 0):
                counts[label] += 1
                break
    out = list(counts.items())
    if missing:
        out.append(("无法计算", missing))
    return out


def ranking_note(pack: RulePack) -> str:
    """How the 排名 sheet's grades are given, in the words of the rule pack in use."""
    shares = "、".join(f"{g}约 {s:.0%}" for g, s in zip(pack.ranking_grades, pack.ranking_shares, strict=True))
    floors = "；".join(f"评分等级为“{g}”的不低于“{f}”" for g, f in pack.ranking_floors.items())
    return (f"排名等级按规则总分在同一表单类型、同一年度内的名次，依比例强制分布：{shares}（并列名次取较好的等级）。"
            "因此即使总分都很高，也会有表单排在后面的等级；" + (f"本规则配置另设下限：{floors}。" if floors else
            "如需避免，可在规则配置 [ranking] floors 中设定下限（默认不设，与原做法一致）。")
            + "总分不完整（有无法计分或无法核实的项目）的表单不参加排名。")
