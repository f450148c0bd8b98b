"""perfxl batch end to end on a realistic collection: good and faulty forms, broken and hostile files.

Every file gets exactly one row with the right status, the run completes, the sources are
byte-identical afterwards, 汇总.xlsx is a valid workbook (and opens in LibreOffice when installed),
and text from user workbooks never becomes a formula.
"""

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from perfxl.batch import BatchOptions, Status, run_batch
from perfxl.batch.demo import FORM_STATUSES, HOSTILE_UNIT, build_corpus
from perfxl.batch.ledger import open_ledger


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("inbox") / "收集", count=10, seed=7, workers=1)


@pytest.fixture(scope="module")
def run(corpus, tmp_path_factory):
    before = tree_hashes(corpus.folder)
    out = tmp_path_factory.mktemp("out")
    result = run_batch(BatchOptions(corpus.folder, out, workers=2, annotate=True))
    rows = json.loads((out / "results.json").read_text("utf-8"))
    return result, rows, out, before


def test_run_completes_and_every_file_has_exactly_one_row(corpus, run):
    result, rows, out, _ = run
    assert not result.interrupted
    files = [r["file"] for r in rows]
    assert len(files) == len(set(files)) == corpus.files == result.total
    assert set(files) == set(corpus.expected)


def test_statuses(corpus, run):
    _, rows, _, _ = run
    by_file = {r["file"]: r for r in rows}
    for rel, expected in corpus.expected.items():
        status = Status(by_file[rel]["status"])
        allowed = expected if isinstance(expected, frozenset) else {expected}
        assert status in allowed, (rel, status, by_file[rel]["reason"])
        if status not in FORM_STATUSES:
            assert by_file[rel]["reason"], rel
    for rel, code in corpus.codes.items():
        assert code in [f["code"] for f in by_file[rel]["findings"]], (rel, code)


def test_each_kind_of_form_has_its_own_status(run):
    """Goal declarations are reviewed (with their review grade), monitoring forms checked (with their lights),
    self-assessments scored; none of the first two is labelled 已评分."""
    _, rows, _, _ = run
    by_kind = {}
    for r in rows:
        if r["kind"]:
            by_kind.setdefault(r["kind"], []).append(r)
    assert {"project_goal", "project_monitor", "project_selfeval"} <= set(by_kind)
    for kind, clean in (("project_goal", "reviewed"), ("dept_goal", "reviewed"), ("project_monitor", "checked"),
                        ("project_selfeval", "scored"), ("dept_selfeval", "scored")):
        for r in by_kind.get(kind, []):
            assert r["status"] in (clean, "errors"), (kind, r["status"])
            if kind.endswith("goal"):
                assert r["grade"] in ("优", "良", "中", "差") and r["total"] is None
                if r["status"] == "reviewed":
                    assert r["reason"].startswith("审核等级：")
            if r["status"] == "checked":
                assert "预算执行进度" in r["reason"]


def test_sources_unchanged(corpus, run):
    assert tree_hashes(corpus.folder) == run[3]


def test_duplicate_submission_flagged(corpus, run):
    by_file = {r["file"]: r for r in run[1]}
    flagged = [rel for rel in corpus.duplicates if "D501" in [f["code"] for f in by_file[rel]["findings"]]]
    assert len(flagged) == len(corpus.duplicates) - 1
    assert all(by_file[rel]["status"] == "errors" for rel in flagged)


def test_gbk_member_names_and_archive_rows(run):
    files = {r["file"] for r in run[1]}
    assert "压缩包/乡镇报送.zip/乡镇/甲镇自评表.xlsx" in files
    assert "压缩包/乡镇报送.zip" not in files  # an archive that opens is replaced by its members


def test_outputs_and_ledger(run):
    result, rows, out, _ = run
    assert result.summary_path == out / "汇总.xlsx" and result.summary_path.is_file()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    with open_ledger(out / "ledger.sqlite") as ledger:
        assert ledger.status_counts(result.run_id) == result.counts
        assert sum(result.counts.values()) == len(rows)
        assert ledger.runs()[0].status == "completed"


def test_scores_and_ranking_present(run):
    rows = run[1]
    scored = [r for r in rows if r["total"] is not None]
    assert scored
    for r in scored:
        assert r["grade"] in {"优", "良", "中", "差"}
        assert r["rank"] >= 1 and r["rank_of"] >= r["rank"] and r["ranking_grade"]
        assert r["score"]["total"] == r["total"]


def test_annotated_copies(run):
    _, rows, out, _ = run
    annotated = [r for r in rows if r["annotated"]]
    assert annotated
    for r in annotated:
        path = out / r["annotated"]
        assert path.is_file() and path.resolve().is_relative_to(out.resolve())
        assert "校验结果" in openpyxl.load_workbook(path, read_only=True).sheetnames


def test_summary_workbook(run):
    _, rows, out, _ = run
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    assert wb.sheetnames == ["汇总", "问题清单", "排名", "统计"]
    ws = wb["汇总"]
    assert ws.max_row == len(rows) + 1
    assert ws.freeze_panes == "C2"
    assert "Summary" in ws.tables
    assert ws.page_setup.orientation == "landscape"
    assert [c.value for c in ws[1]][:8] == ["序号", "文件", "单位", "项目", "表单类型", "年度", "状态", "说明"]
    labels = {ws.cell(row=i, column=7).value for i in range(2, ws.max_row + 1)}
    assert labels <= {s.label for s in Status}
    findings = sum(len(r["findings"]) for r in rows)
    assert wb["问题清单"].max_row == findings + 1
    with zipfile.ZipFile(out / "汇总.xlsx") as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) >= 4
    stats = [[c.value for c in r] for r in wb["统计"].iter_rows()]
    heading = next(i for i, r in enumerate(stats) if r[0] and str(r[0]).startswith("最常见的问题（前"))
    frequent = [r[0] for r in stats[heading + 2:] if r[0]][:3]
    assert frequent and all(re.fullmatch(r"[A-Z]\d{3} .*[\u4e00-\u9fff].*", label) for label in frequent), frequent


def test_hostile_text_is_plain_text(run):
    _, _, out, _ = run
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    cells = [c for row in wb["汇总"].iter_rows() for c in row if c.value == HOSTILE_UNIT]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    with zipfile.ZipFile(out / "汇总.xlsx") as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert not re.search(rb"<f>[^<]*HYPERLINK", zf.read(name)), name


@pytest.mark.libreoffice
def test_summary_opens_in_libreoffice(run, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice 未安装（apt-get install libreoffice-calc-nogui）")
    _, _, out, _ = run
    profile = tmp_path / "profile"
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to",
           'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
           "--outdir", str(tmp_path), str(out / "汇总.xlsx")]
    done = subprocess.run(cmd, capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr
    summary = tmp_path / "汇总-汇总.csv"
    assert summary.is_file(), list(tmp_path.iterdir())
    text = summary.read_text("utf-8")
    assert '"=HYPERLINK(""http://x"",""y"")"' in text  # shown as the text itself, not as "y"
    assert "无法读取" in text and "非绩效表单" in text
    pdf = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(out / "汇总.xlsx")],
                         capture_output=True, timeout=180)
    assert pdf.returncode == 0 and (tmp_path / "汇总.pdf").stat().st_size > 1000


def test_resume_reuses_everything(corpus, run, tmp_path):
    _, rows, out, _ = run
    again = run_batch(BatchOptions(corpus.folder, out, workers=1, annotate=True, resume=True))
    assert again.total == len(rows)
    assert again.reused == sum(1 for r in rows if r["sha256"])  # rejected archive members cost nothing anyway
    rerun = json.loads((out / "results.json").read_text("utf-8"))
    assert rerun == rows  # duplicates and ranks recomputed identically


def test_zip_input(corpus, tmp_path):
    archive = tmp_path / "全部.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for rel in corpus.forms[:3]:
            zf.write(corpus.folder / rel, rel)
    out = tmp_path / "out"
    result = run_batch(BatchOptions(archive, out, workers=0))
    rows = json.loads((out / "results.json").read_text("utf-8"))
    assert [r["file"] for r in rows] == sorted(corpus.forms[:3])
    assert result.total == 3 and all(r["status"] in ("scored", "errors") for r in rows)


def test_output_folder_inside_input_is_not_read(corpus, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(corpus.folder / Path(corpus.forms[1]).parent, inbox)
    out = inbox / "汇总结果"
    first = run_batch(BatchOptions(inbox, out, workers=0))
    second = run_batch(BatchOptions(inbox, out, workers=0))
    assert first.total == second.total == len(list(p for p in inbox.iterdir() if p.is_file()))


def test_missing_input(tmp_path):
    from perfxl.batch import BatchError

    with pytest.raises(BatchError):
        run_batch(BatchOptions(tmp_path / "nope", tmp_path / "out"))


def test_goal_forms_matched_by_unit_project_year(tmp_path):
    from dataclasses import replace

    from perfxl.domain import FormKind
    from perfxl.forms.write.writer import write_form
    from perfxl.samples import generate

    form = next(s.form for s in generate(10, seed=21, fault_share=0) if s.form.kind is FormKind.PROJECT_SELFEVAL)
    first = form.indicators[0]
    goal = replace(form, kind=FormKind.PROJECT_GOAL, total=None,
                   indicators=(replace(first, target="≥999999", actual=None, score=None, deviation=None),
                               *(replace(i, actual=None, score=None, deviation=None) for i in form.indicators[1:])))
    write_form(form, tmp_path / "in" / "自评表.xlsx")
    write_form(goal, tmp_path / "goals" / "目标表.xlsx")
    (tmp_path / "goals" / "说明.txt").write_text("不是表单", encoding="utf-8")
    result = run_batch(BatchOptions(tmp_path / "in", tmp_path / "out", workers=0, goals=tmp_path / "goals"))
    assert result.goals_loaded == 1 and any("说明.txt" in note for note in result.notes)
    row = json.loads((tmp_path / "out" / "results.json").read_text("utf-8"))[0]
    assert row["goal_file"] == "目标表.xlsx"
    assert "X402" in [f["code"] for f in row["findings"]]
    alone = run_batch(BatchOptions(tmp_path / "in", tmp_path / "out2", workers=0))
    row = json.loads((tmp_path / "out2" / "results.json").read_text("utf-8"))[0]
    assert alone.goals_loaded == 0 and row["goal_file"] is None
    assert not [f for f in row["findings"] if f["code"].startswith("X")]


def test_results_json_fields_are_documented(run):
    doc = (Path(__file__).parent.parent / "docs" / "results-json.md").read_text("utf-8")
    keys = set(run[1][0]) | {k for r in run[1] for f in r["findings"] for k in f}
    missing = [k for k in sorted(keys) if f"`{k}`" not in doc]
    assert not missing, f"docs/results-json.md does not describe: {missing}"
    statuses = {s.value for s in Status}
    assert all(f"`{s}`" in doc for s in statuses)


def test_incomplete_total_is_said_and_not_ranked(tmp_path):
    base = json.loads((Path(__file__).parent / "rule_cases" / "bases" / "project_selfeval.json").read_text("utf-8"))
    inbox = tmp_path / "in"
    inbox.mkdir()
    for i in range(3):
        form = json.loads(json.dumps(base))
        form["project"]["name"] = f"项目{i}"
        if i == 0:  # a target in words whose actual cannot be judged: the total is incomplete
            form["indicators"][5].update(target="明显改善", unit=None, actual="效果待观察", score=None)
        (inbox / f"{i}.json").write_text(json.dumps(form, ensure_ascii=False), "utf-8")
    run_batch(BatchOptions(inbox, tmp_path / "out", workers=0))
    rows = {r["file"]: r for r in json.loads((tmp_path / "out" / "results.json").read_text("utf-8"))}
    assert rows["0.json"]["rank"] is None and rows["0.json"]["ranking_grade"] is None
    assert "总分不完整" in rows["0.json"]["reason"] and rows["0.json"]["score"]["complete"] is False
    assert rows["1.json"]["rank"] and rows["1.json"]["rank_of"] == 2
    wb = openpyxl.load_workbook(tmp_path / "out" / "汇总.xlsx")
    assert "强制分布" in wb["排名"]["A1"].value and "不参加排名" in wb["排名"]["A1"].value
