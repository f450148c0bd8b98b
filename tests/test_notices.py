"""Rectification tracked to closure: notice → feedback (partial) → feedback (all done) → closed, on SQLite
and (when PERFXL_TEST_PG_URL is set) PostgreSQL; working-day deadlines; numbering; bad feedback input."""

import hashlib
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import docx
import openpyxl
import pytest
from test_ledger import pg_url  # noqa: F401  (fixture: a fresh database on the PERFXL_TEST_PG_URL server)

from perfxl import api
from perfxl.batch import BatchOptions, Status, run_batch
from perfxl.batch.ledger import open_ledger
from perfxl.config import default_pack, load_pack
from perfxl.domain import FormKind
from perfxl.forms.write.feedback import COL, FEEDBACK_META, FEEDBACK_SHEET, FIRST_ROW
from perfxl.forms.write.writer import write_form
from perfxl.outputs.documents import rectification_deadline
from perfxl.rectification import (
    apply_feedback,
    get_notice,
    history,
    is_feedback_workbook,
    issue_notice,
    list_notices,
    read_feedback,
    reserve_number,
    write_feedback_form,
)
from perfxl.samples import generate_forms

ISSUED = date(2026, 12, 4)  # a Friday


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "ledger.sqlite")
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """A filled project self-assessment with problems, checked."""
    folder = tmp_path_factory.mktemp("forms")
    form = generate_forms(1, seed=11, kinds=[FormKind.PROJECT_SELFEVAL])[0]
    path = write_form(form, folder / "自评表.xlsx")
    return api.check_file(path)


def fill(source: Path, target: Path, rows: dict[int, tuple], meta: dict | None = None) -> Path:
    """The unit's answer: {problem row index: (措施, 完成情况, 完成时间, 责任人)}; `meta` rewrites metadata cells."""
    wb = openpyxl.load_workbook(source)
    ws = wb[FEEDBACK_SHEET]
    for index, (measures, completion, when, owner) in rows.items():
        row = FIRST_ROW + index
        for key, value in (("measures", measures), ("completion", completion), ("completed_on", when),
                           ("owner", owner)):
            ws.cell(row, COL[key], value)
    for ref, value in (meta or {}).items():
        wb[FEEDBACK_META][ref] = value
    wb.save(target)
    return target


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_numbers_and_deadlines_follow_the_pack(tmp_path, checked):
    """文号 prefix and the deadline in working days come from the rule pack's [documents] table; numbers
    continue per prefix and year in the ledger."""
    toml = tmp_path / "perfxl.toml"
    toml.write_text('[documents]\nnumber_prefix = "青财绩"\nrectification_working_days = 5\n'
                    'holidays = ["2026-12-07"]\nworkdays = ["2026-12-05"]\n', "utf-8")
    pack = load_pack(toml)
    with open_ledger(tmp_path / "ledger.sqlite") as ledger:
        first = issue_notice(ledger, checked, pack=pack, issued=ISSUED)
        again = issue_notice(ledger, checked, pack=pack, issued=ISSUED)
        next_year = issue_notice(ledger, checked, pack=pack, issued=date(2027, 1, 4))
        other = issue_notice(ledger, checked, issued=ISSUED)
        review = reserve_number(ledger, "审核意见", pack=pack, issued=ISSUED, unit="某单位")
        after = issue_notice(ledger, checked, pack=pack, issued=ISSUED)
    assert [n.number for n in (first, again, next_year, other)] == [
        "青财绩〔2026〕1号", "青财绩〔2026〕2号", "青财绩〔2027〕1号", "×财绩〔2026〕1号"]
    assert (review, after.number) == ("青财绩〔2026〕3号", "青财绩〔2026〕4号")  # one sequence for every document
    # Friday 4 Dec + 5 working days: Sat 5 (调休), Mon 7 is a holiday, Tue 8 … Fri 11
    assert first.deadline == date(2026, 12, 11)
    assert other.deadline == rectification_deadline(ISSUED, default_pack())


def test_problems_are_numbered_as_in_the_notice_document(checked):
    from perfxl.outputs.documents import problems
    from perfxl.rectification import notice_problems

    listed = notice_problems(checked)
    document = problems(checked)
    assert len(listed) == len(document) >= 2
    for mine, theirs in zip(listed, document, strict=True):
        assert mine["location"] == theirs["location"] and mine["message"].startswith(theirs["title"])
        assert mine["code"] == (theirs["code"] or mine["code"]) and mine["code"]
    assert any(p["code"] == "P101" and "未达到年度指标值" in p["message"] for p in listed)
    assert any("!" in p["location"] for p in listed)


def test_lifecycle(ledger_url, checked, tmp_path):
    with open_ledger(ledger_url) as ledger:
        notice = issue_notice(ledger, checked, issued=ISSUED, sha256="ab" * 32)
        second = issue_notice(ledger, checked, issued=ISSUED)
        assert notice.number == "×财绩〔2026〕1号" and second.number == "×财绩〔2026〕2号"
        assert notice.deadline == rectification_deadline(ISSUED, default_pack()) and notice.status == "open"
        assert notice.status_label == "待整改"
        assert len(notice.problems) >= 2 and [p.seq for p in notice.problems] == list(range(1, len(notice.problems) + 1))
        assert notice.unit == checked.report.form.unit.name

        form = write_feedback_form(notice, tmp_path / "反馈表.xlsx")
        assert is_feedback_workbook(form) and not is_feedback_workbook(checked.path)
        blank = read_feedback(form)
        assert blank.notice == notice.number and [r.problem for r in blank.rows] == [p.seq for p in notice.problems]

        # first return: problem 1 done, problem 2 partly done, the rest not answered yet
        partial = fill(form, tmp_path / "反馈1.xlsx", {0: ("已补填", "已完成", datetime(2026, 12, 10), "张三"),
                                                      1: ("正在推进", "部分完成", None, "李四")})
        before = sha(partial)
        result = apply_feedback(ledger, read_feedback(partial), source_file="反馈1.xlsx", sha256=before)
        assert sha(partial) == before  # the source is only read
        assert result.recorded == 2 and result.errors == 0
        assert result.notice.status == "partial" and "整改中" in result.reason
        p1, p2 = result.notice.problems[:2]
        assert (p1.status, p1.measures, p1.completed_on, p1.owner) == ("done", "已补填", date(2026, 12, 10), "张三")
        assert p2.status == "partial"
        # the same file again is recognised, not recorded twice
        again = apply_feedback(ledger, read_feedback(partial), source_file="反馈1-副本.xlsx", sha256=before)
        assert again.recorded == 0 and again.findings[0].code == "R108"

        # second return: everything done → closed
        done = {i: (f"措施{i}", "已完成", "2026年12月20日", "王五") for i in range(len(notice.problems))}
        final = fill(form, tmp_path / "反馈2.xlsx", done)
        result = apply_feedback(ledger, read_feedback(final), source_file="反馈2.xlsx", sha256=sha(final))
        assert result.notice.status == "closed" and result.notice.closed_at is not None
        assert "已办结" in result.reason

        # the history keeps every change with its time and file; nothing was deleted
        events = history(ledger, result.notice)
        kinds = [e["event"] for e in events]
        assert kinds[0] == "issued" and kinds.count("status") == 2
        changes = [(e["problem"], e["old_status"], e["new_status"], e["source_file"])
                   for e in events if e["event"] == "feedback"]
        assert changes[:2] == [(1, "open", "done", "反馈1.xlsx"), (2, "open", "partial", "反馈1.xlsx")]
        assert (2, "partial", "done", "反馈2.xlsx") in changes
        assert all(e["at"] is not None for e in events)

        # a feedback for a closed notice: not recorded, kept as an event, a clear message
        late = fill(form, tmp_path / "反馈3.xlsx", {0: ("补充", "已完成", "2026-12-21", "张三")})
        result = apply_feedback(ledger, read_feedback(late), source_file="反馈3.xlsx", sha256=sha(late))
        assert result.findings[0].code == "R103" and "已于" in result.reason and "办结" in result.reason
        assert history(ledger, result.notice)[-1]["event"] == "rejected"
        assert json.loads(history(ledger, result.notice)[-1]["detail"])["rows"][0]["measures"] == "补充"

        assert [n.number for n in list_notices(ledger, unit=notice.unit)] == [notice.number, second.number]
        late = notice.deadline + timedelta(days=3)
        overdue = list_notices(ledger, overdue=True, today=late)
        assert [n.number for n in overdue] == [second.number] and overdue[0].to_dict(late)["days_overdue"] == 3
        assert list_notices(ledger, overdue=True, today=notice.deadline) == []


def test_bad_feedback_input(tmp_path, checked):
    with open_ledger(tmp_path / "ledger.sqlite") as ledger:
        notice = issue_notice(ledger, checked, issued=ISSUED)
        form = write_feedback_form(notice, tmp_path / "反馈表.xlsx")

        # text in a date, an unknown choice: those rows are not recorded; the good row is
        bad = fill(form, tmp_path / "日期.xlsx", {0: ("已补填", "已完成", "下周", "张三"),
                                                 1: ("推进中", "差不多", None, "李四"),
                                                 2: ("已整改", "已完成", "2026-12-15", "王五")})
        before = sha(bad)
        data = read_feedback(bad)
        date_finding = next(f for f in data.findings if f.code == "R105")
        assert date_finding.location == f"{FEEDBACK_SHEET}!G{FIRST_ROW}" and "下周" in date_finding.message
        assert any(f.code == "R106" and "差不多" in f.message for f in data.findings)
        result = apply_feedback(ledger, data, source_file="日期.xlsx", sha256=before)
        assert result.recorded == 1 and result.errors == 2 and "2 行未登记" in result.reason
        assert sha(bad) == before
        problems = get_notice(ledger, notice.number).problems
        assert [p.status for p in problems[:3]] == ["open", "open", "done"]
        kept = [json.loads(e["detail"]) for e in history(ledger, notice) if e["event"] == "rejected"]
        assert {k["completed_on"] for k in kept} >= {"下周"} and "下周" in kept[0]["reason"]  # nothing lost

        # nothing filled in
        empty = apply_feedback(ledger, read_feedback(form), source_file="空.xlsx", sha256=sha(form))
        assert empty.findings[0].code == "R110" and empty.recorded == 0

        # an unknown notice number: nothing recorded, said clearly
        unknown = fill(form, tmp_path / "文号.xlsx", {0: ("x", "已完成", "2026-12-15", "张三")}, {"B3": "财绩〔2026〕99号"})
        result = apply_feedback(ledger, read_feedback(unknown), source_file="文号.xlsx", sha256=sha(unknown))
        assert result.notice is None and result.findings[0].code == "R102" and "财绩〔2026〕99号" in result.reason

        # a problem id the notice does not have
        ghost = fill(form, tmp_path / "编号.xlsx", {0: ("x", "已完成", "2026-12-15", "张三")}, {"A9": 77})
        result = apply_feedback(ledger, read_feedback(ghost), source_file="编号.xlsx", sha256=sha(ghost))
        assert any(f.code == "R104" and "77" in f.message for f in result.findings) and result.recorded == 0

        # damaged metadata: a row number no sheet has is reported, the other rows are read
        broken = fill(form, tmp_path / "元数据.xlsx", {1: ("x", "已完成", "2026-12-15", "张三")},
                      {"B9": 123456789012345678901})
        data = read_feedback(broken)
        assert [f.code for f in data.findings] == ["R111"] and len(data.rows) == len(notice.problems) - 1

        # the blank template: no notice number
        from perfxl.forms.write.feedback import FEEDBACK_FILE
        from perfxl.forms.write.template import DEFAULT_DIR

        result = apply_feedback(ledger, read_feedback(DEFAULT_DIR / FEEDBACK_FILE))
        assert result.notice is None and "没有整改通知文号" in result.reason
        # not a workbook at all
        junk = tmp_path / "坏.xlsx"
        junk.write_bytes(b"not a zip")
        assert "无法读取" in apply_feedback(ledger, read_feedback(junk)).reason


def test_batch_recognises_feedback(tmp_path, checked):
    """Returned feedback workbooks get their own rows in a batch and update the ledger."""
    out = tmp_path / "out"
    inbox = tmp_path / "收集"
    inbox.mkdir()
    db = str(out / "ledger.sqlite")
    with open_ledger(db) as ledger:
        notice = issue_notice(ledger, checked, issued=ISSUED)
    form = write_feedback_form(notice, tmp_path / "反馈表.xlsx")
    fill(form, inbox / "某单位整改反馈.xlsx", {0: ("已补填", "已完成", "2026-12-10", "张三")})
    fill(form, inbox / "日期错误.xlsx", {1: ("推进中", "部分完成", "月底", "李四")})
    fill(form, inbox / "未知文号.xlsx", {0: ("x", "已完成", "2026-12-10", "张三")}, {"B3": "财绩〔2025〕1号"})
    write_form(generate_forms(1, seed=3, kinds=[FormKind.PROJECT_SELFEVAL])[0], inbox / "自评表.xlsx")
    before = {p.name: sha(p) for p in inbox.iterdir()}

    result = run_batch(BatchOptions(inbox, out, workers=0))
    rows = {Path(r["file"]).name: r for r in json.loads((out / "results.json").read_text("utf-8"))}
    assert rows["某单位整改反馈.xlsx"]["status"] == Status.FEEDBACK.value
    assert rows["某单位整改反馈.xlsx"]["status_label"] == "整改反馈"
    assert notice.number in rows["某单位整改反馈.xlsx"]["reason"] and rows["某单位整改反馈.xlsx"]["unit"] == notice.unit
    assert rows["日期错误.xlsx"]["status"] == Status.FEEDBACK_ERRORS.value
    assert rows["日期错误.xlsx"]["findings"][0]["location"] == f"{FEEDBACK_SHEET}!G{FIRST_ROW + 1}"
    assert rows["未知文号.xlsx"]["status"] == Status.FEEDBACK_ERRORS.value and "财绩〔2025〕1号" in rows["未知文号.xlsx"]["reason"]
    assert rows["自评表.xlsx"]["status"] in (Status.SCORED.value, Status.ERRORS.value)
    assert result.counts[Status.FEEDBACK.value] == 1 and result.counts[Status.FEEDBACK_ERRORS.value] == 2
    assert {p.name: sha(p) for p in inbox.iterdir()} == before
    summary = openpyxl.load_workbook(out / "汇总.xlsx")
    assert any("整改反馈" in str(c.value) for ws in summary for row in ws.iter_rows() for c in row)
    with open_ledger(db) as ledger:
        assert get_notice(ledger, notice.number).problems[0].status == "done"

    # a second run (and --resume) sees the same files again without recording them twice
    run_batch(BatchOptions(inbox, out, workers=0, resume=True))
    rows = {Path(r["file"]).name: r for r in json.loads((out / "results.json").read_text("utf-8"))}
    assert rows["某单位整改反馈.xlsx"]["findings"][0]["code"] == "R108"
    with open_ledger(db) as ledger:
        feedback = [e for e in history(ledger, get_notice(ledger, notice.number)) if e["event"] == "feedback"]
        assert len(feedback) == 1


def test_existing_0001_ledger_is_upgraded_on_open(ledger_url):
    """A ledger created before notices existed (revision 0001, with a run in it) gains the notice tables
    when opened, and keeps its data."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect, text

    from perfxl.batch.ledger.store import make_engine

    engine = make_engine(ledger_url)
    config = Config()
    config.set_main_option("script_location", "perfxl.batch.ledger:migrations")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("INSERT INTO runs (id, started_at, status, input, executor, config_hash, config_sources, "
                          "options, version, file_count) VALUES (1, '2025-01-02 03:04:05', 'completed', '/收集', "
                          "'local', 'c1', '[]', '{}', '0.1.0', 0)"))
    with engine.connect() as conn:
        assert "notices" not in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT version_num FROM perfxl_ledger_version")).scalar_one() == "0001"
    engine.dispose()

    with open_ledger(ledger_url) as ledger:
        assert [r.input for r in ledger.runs()] == ["/收集"]
        assert ledger.notices() == []
        with ledger.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            assert {"document_numbers", "notices", "notice_problems", "notice_events"} <= tables
            assert conn.execute(text("SELECT version_num FROM perfxl_ledger_version")).scalar_one() == "0002"


def test_cli_notices(tmp_path, checked):
    from typer.testing import CliRunner

    from perfxl.cli import app, commands  # noqa: F401  (registers the commands)

    db = str(tmp_path / "ledger.sqlite")
    with open_ledger(db) as ledger:
        first = issue_notice(ledger, checked, issued=ISSUED)
        second = issue_notice(ledger, checked, issued=ISSUED + timedelta(days=10))
    runner = CliRunner()

    def run(*args):
        return runner.invoke(app, ["notices", "--db", db, *args], env={"COLUMNS": "200"})

    late = (first.deadline + timedelta(days=3)).isoformat()
    listed = run("--today", late)
    assert listed.exit_code == 0 and first.number in listed.output and second.number in listed.output
    assert "逾期 3 天" in listed.output and "待整改" in listed.output
    overdue = run("--overdue", "--today", late, "--feedback-forms", str(tmp_path / "反馈"))
    assert overdue.exit_code == 1 and first.number in overdue.output and second.number not in overdue.output
    written = list((tmp_path / "反馈").glob("*.xlsx"))
    assert len(written) == 1 and read_feedback(written[0]).notice == first.number
    assert run("--overdue", "--today", first.deadline.isoformat()).exit_code == 0
    detail = run("--number", first.number)
    assert "问题清单" in detail.output and "发出通知" in detail.output and (first.problems[0].location or "") in detail.output
    data = json.loads(run("--json", "--unit", checked.report.form.unit.name[:3], "--today", late).output)
    assert [d["number"] for d in data] == [first.number, second.number] and data[0]["days_overdue"] == 3
    missing = run("--number", "财绩〔2026〕99号")
    assert missing.exit_code == 2 and "没有文号" in missing.output
    assert run("--today", "下周").exit_code == 2

    reminders = run("--overdue", "--today", late, "--reminders", str(tmp_path / "催办"))
    letters = list((tmp_path / "催办").glob("催办函_*.docx"))
    assert reminders.exit_code == 1 and len(letters) == 1
    text = "\n".join(p.text for p in docx.Document(str(letters[0])).paragraphs)
    assert first.number in text and "未反馈" in text
    with open_ledger(db) as ledger:
        last = history(ledger, get_notice(ledger, first.number))[-1]
    assert last["event"] == "reminder" and last["source_file"] == str(letters[0])


def test_batch_documents_record_notices_and_feedback_closes_the_loop(tmp_path):
    """`perfxl batch --documents 整改通知`: each notice is numbered by the ledger and gets its prefilled
    feedback form; the returned form, run through the next batch, updates that notice."""
    from typer.testing import CliRunner

    from perfxl.cli import app, commands  # noqa: F401  (registers the commands)

    inbox, out = tmp_path / "收集", tmp_path / "结果"
    inbox.mkdir()
    for i, form in enumerate(generate_forms(2, seed=11, kinds=[FormKind.PROJECT_SELFEVAL])):
        write_form(form, inbox / f"自评表{i}.xlsx")
    runner = CliRunner()
    first = runner.invoke(app, ["batch", str(inbox), "--out", str(out), "--workers", "0", "--quiet",
                                "--documents", "整改通知"])
    assert first.exit_code in (0, 1), first.output
    forms = sorted((out / "文书" / "整改通知").glob("*_整改情况反馈表.xlsx"))
    letters = sorted((out / "文书" / "整改通知").glob("*.docx"))
    assert len(forms) == len(letters) == 2
    with open_ledger(out / "ledger.sqlite") as ledger:
        issued = list_notices(ledger)
    assert [n.number for n in issued] == [f"×财绩〔{date.today().year}〕{i}号" for i in (1, 2)]
    for notice in issued:
        letter = next(p for p in letters if notice.unit in p.name)
        text = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
        assert notice.number in text
        assert read_feedback(next(p for p in forms if notice.unit in p.name)).notice == notice.number

    answered = tmp_path / "交回"
    answered.mkdir()
    notice = issued[0]
    done = {i: ("已整改", "已完成", "2026-12-10", "张三") for i in range(len(notice.problems))}
    fill(next(p for p in forms if notice.unit in p.name), answered / "反馈.xlsx", done)
    second = runner.invoke(app, ["batch", str(answered), "--out", str(tmp_path / "结果2"), "--workers", "0",
                                 "--quiet", "--db", str(out / "ledger.sqlite")])
    assert second.exit_code == 0, second.output
    with open_ledger(out / "ledger.sqlite") as ledger:
        assert get_notice(ledger, notice.number).status == "closed"
        assert get_notice(ledger, issued[1].number).status == "open"
