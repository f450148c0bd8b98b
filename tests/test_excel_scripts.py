"""Scripts on the open workbook through xlwings Server's custom-scripts call, on a remote Book built from
each filled template: the actions returned (values, fills, notes, sheets), idempotence, and the desktop
RunPython entry on a real xlwings Book."""

import types

import officejs  # noqa: F401  (xlwings in server mode; skips without xlwings)
import pytest
import xlwings as xw
from officejs import Workbook, book_payload, filled_workbook, remote_book, run_script

from perfxl import api
from perfxl.domain import FormKind
from perfxl.excel import desktop, scripts


@pytest.fixture(scope="module")
def module():
    mod = types.ModuleType("custom_scripts")
    mod.validate, mod.score = scripts.validate, scripts.score
    return mod


@pytest.fixture(scope="module", params=list(FormKind), ids=lambda k: k.value)
def payload(request):
    return book_payload(filled_workbook(request.param))


def _located(payload):
    report = api.check_book(remote_book(payload))
    names = {s["name"] for s in payload["sheets"]}
    return report, {api.split_location(f.location): f for f in reversed(report.findings)
                    if api.split_location(f.location) and api.split_location(f.location)[0] in names}


def test_validate_writes_the_result_sheet_and_marks_cells(module, payload):
    report, flagged = _located(payload)
    actions = run_script(module, "validate", payload)
    position = len(payload["sheets"])
    assert actions[0]["func"] == "addSheet" and actions[0]["args"] == [position, api.RESULT_SHEET]
    values = next(a for a in actions if a["func"] == "setValues")
    assert values["sheet_position"] == position
    assert values["values"][0] == list(scripts.RESULT_COLUMNS)
    rows = values["values"][1:]
    assert [r[1] for r in rows] == [f.code for f in report.findings] or rows[0][4] == "未发现问题"
    links = [a for a in actions if a["func"] == "setFormula"]
    assert len(links) == sum(1 for f in report.findings
                             if api.split_location(f.location) in flagged)
    assert all(a["values"][0][0].startswith('=HYPERLINK("#') for a in links)

    book = Workbook(payload)
    book.apply(actions)
    sheets = [s["name"] for s in payload["sheets"]]
    for (sheet, cell), worst in flagged.items():
        row, col = _rowcol(cell)
        assert book.fills[(sheet, row, col)] == "#" + api.FINDING_FILLS[worst.severity]
    assert {n["address"].replace("$", "") for s in book.payload["sheets"] for n in s["notes"]} == {
        cell for _, cell in flagged}
    assert sheets == [s["name"] for s in book.payload["sheets"]][:-1]


def test_validate_twice_changes_nothing(module, payload):
    book = Workbook(payload)
    book.apply(run_script(module, "validate", payload))
    first = book.state()
    second = run_script(module, "validate", book.payload)
    assert not any(a["func"] == "addSheet" for a in second)
    marked = [a for a in second if a["func"] == "addNote"]
    cleared = [a for a in second if a["func"] == "deleteNote"]
    assert len(cleared) == len(marked)  # every old note removed before the new ones
    if marked:  # old fills restored before the new marks: the template's own fill or none
        restored = second[: second.index(next(a for a in second if a["func"] == "sheetClear"))]
        assert {a["func"] for a in restored} == {"setRangeColor", "deleteNote"}
    book.apply(second)
    assert book.state() == first


def test_fixed_cells_lose_their_marks(module):
    """A cell whose problem was fixed gets its template fill back and its note removed."""
    payload = _with_wrong_score(book_payload(filled_workbook(FormKind.PROJECT_SELFEVAL, seed=3)))
    book = Workbook(payload)
    book.apply(run_script(module, "validate", payload))
    marked = {(s["name"], n["address"]) for s in book.payload["sheets"] for n in s["notes"]}
    assert marked
    result = book.payload["sheets"][-1]["values"]
    fixed = dict(book.payload)
    for row in result[1:]:  # forget the findings: as if the next run found nothing there
        row[1] = row[4] = ""
    actions = run_script(module, "validate", fixed)
    deleted = {a["args"][0] for a in actions if a["func"] == "deleteNote"}
    assert {address for _, address in marked} <= deleted


def test_score_compares_engine_and_own_scores(module):
    payload = _with_wrong_score(book_payload(filled_workbook(FormKind.PROJECT_SELFEVAL, seed=5)))
    report = api.check_book(remote_book(payload))
    actions = run_script(module, "score", payload)
    assert actions[0]["args"][1] == scripts.SCORE_SHEET
    rows = next(a for a in actions if a["func"] == "setValues")["values"]
    assert rows[0] == list(scripts.SCORE_COLUMNS)
    s = report.report.score
    assert len(rows) == 1 + 1 + len(s.indicators) + 1  # header, budget, indicators, total
    assert rows[-1][0] == "总分" and rows[-1][5] == api.rounded(s.total)
    for item, row in zip(s.indicators, rows[2:-1], strict=True):
        assert row[5] == api.rounded(item.score) and row[4] == item.self_score
    highlighted = {a["start_row"] for a in actions if a["func"] == "setRangeColor" and a["args"] == [scripts.DIFF_FILL]}
    differing = {n for n, row in enumerate(rows) if n and row[6] not in ("", None)}
    assert highlighted == differing and 2 in differing  # the planted row (the first indicator)


def test_score_of_a_goal_form_says_it_is_not_scored(module):
    payload = book_payload(filled_workbook(FormKind.PROJECT_GOAL))
    rows = next(a for a in run_script(module, "score", payload) if a["func"] == "setValues")["values"]
    assert rows[1][2] == "项目支出绩效目标申报表不评分"


def test_desktop_entry_validates_the_calling_book(monkeypatch):
    payload = book_payload(filled_workbook(FormKind.PROJECT_SELFEVAL))
    book = remote_book(payload)
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: book))
    desktop.validate_active()
    funcs = [a["func"] for a in book.json()["actions"]]
    assert funcs[0] == "addSheet" and "setValues" in funcs


def _with_wrong_score(payload: dict) -> dict:
    """The payload with the first indicator's own score above its weight: surely a finding and a difference."""
    form = api.check_book(remote_book(payload)).report.form
    sheet, cell = api.split_location(form.where("indicators[0].score"))
    row, col = _rowcol(cell)
    values = next(s for s in payload["sheets"] if s["name"] == sheet)["values"]
    values[row][col] = (form.indicators[0].weight or 10) + 5
    return payload


def _rowcol(cell: str) -> tuple[int, int]:
    letters = "".join(c for c in cell if c.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(cell[len(letters):]) - 1, col - 1


@pytest.mark.parametrize("kind", list(FormKind), ids=lambda k: k.value)
def test_the_live_book_reads_like_the_file(kind, tmp_path):
    """Scripts read the open workbook through the reader's live-book path: same forms, scores, findings."""
    from openpyxl import load_workbook

    from perfxl.forms.write.writer import write_form
    from perfxl.samples import generate

    path = write_form(generate(1, seed=4, kinds=[kind], fault_share=0.6)[0].form, tmp_path / "表.xlsx",
                      typed_scores=True)
    from_file = api.check_file(path)
    live = api.check_book(remote_book(book_payload(load_workbook(path))))
    file_only = {"T006"}  # a formula without a cached value: only a saved file can have one
    assert [f.code for f in live.findings] == [f.code for f in from_file.findings if f.code not in file_only]
    skip = {"file"} | ({"review"} if any(f.code in file_only for f in from_file.findings) else set())  # T006 counts
    assert ({k: v for k, v in live.report.to_dict().items() if k not in skip}
            == {k: v for k, v in from_file.report.to_dict().items() if k not in skip})


def test_the_active_rule_pack_is_used(tmp_path, monkeypatch):
    from perfxl.excel import udfs
    from perfxl.excel.pack import CONFIG_ENV, active_pack

    config = tmp_path / "perfxl.toml"
    config.write_text('[grades]\nbands = [["合格", 50.0], ["不合格", 0.0]]\n', encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(config))
    active_pack.cache_clear()
    try:
        assert udfs.PERFXL_GRADE([[60], [40]]) == [["合格"], ["不合格"]]
    finally:
        active_pack.cache_clear()
    monkeypatch.delenv(CONFIG_ENV)
    assert udfs.PERFXL_GRADE(60) == [["中"]]


def test_restored_fills_follow_the_forms_own_table_length():
    """The remote engine cannot read fills: 校验 records the blank template's fill, laid out as long as the form."""
    from perfxl.samples import generate

    form = generate(1, seed=2, kinds=[FormKind.PROJECT_SELFEVAL], indicators=40)[0].form
    read = api.check_book(remote_book(book_payload(filled_workbook_of(form)))).report.form
    assert len(read.indicators) == 40
    last_input = api.split_location(read.where("indicators[39].actual"))
    from perfxl.forms.write.styles import INPUT_FILL

    assert api.template_fill(read, *last_input) == "#" + INPUT_FILL.fgColor.rgb[-6:]  # also past the 30 blank rows
    assert api.template_fill(read, "自评表", "A1") == ""


def filled_workbook_of(form):
    from perfxl.forms.write.writer import fill_workbook

    return fill_workbook(form, typed_scores=True)[0]
