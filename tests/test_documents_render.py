"""Word documents: templates, the compiled renderer, user text safety, context builders, settings, charts."""

import io
import warnings
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from perfxl import api
from perfxl.cli import (
    app,
    commands,  # noqa: F401
)
from perfxl.config import ConfigError, load_pack
from perfxl.domain import FormKind
from perfxl.outputs.documents import (
    DECLARED,
    KINDS,
    DocumentError,
    notice_context,
    overdue_context,
    reminder_context,
    render,
    report_context,
    review_context,
    template,
)
from perfxl.outputs.documents.charts import bar_chart
from perfxl.outputs.documents.render import environment
from perfxl.outputs.documents.settings import (
    add_working_days,
    date_text,
    document_number,
    document_settings,
    rectification_deadline,
    working_days_between,
)
from perfxl.outputs.documents.templates import build_template
from perfxl.samples import generate_forms

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ISSUED = date(2026, 12, 7)
UNIT = "+青川&<县> \"教育\" '局'\x07"
PROJECT = "=HYPERLINK(\"http://x\")&项目 {{ issuer }} {%p if x %}\x01"
INDICATOR = "@指标-1 <b>\t第二段\n第三行"
DEPARTMENT = "-2+3 主管&部门"
runner = CliRunner()


def visible(text: str) -> str:
    """What a control character becomes in a document (its Unicode control picture)."""
    return text.replace("\x07", "\u2407").replace("\x01", "\u2401")


def docx_text(path_or_bytes) -> str:
    doc = Document(io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def forms_by_kind(faults: float = 0.8) -> dict[FormKind, object]:
    picked = {}
    for form in generate_forms(27, seed=5, fault_share=faults):
        picked.setdefault(form.kind, form)
    return picked


@pytest.fixture(scope="module")
def reports():
    return {kind: api.check(form) for kind, form in forms_by_kind().items()}


def contexts(reports) -> dict[str, dict]:
    selfeval = reports[FormKind.PROJECT_SELFEVAL]
    notice = notice_context(selfeval, number="×财绩〔2026〕3号", issued=ISSUED, deadline=rectification_deadline(ISSUED))
    tracked = {"number": notice["number"], "unit": notice["unit"], "project": selfeval.form.project.name,
               "issued": "2026-10-09", "deadline": "2026-11-20",
               "problems": [{"title": p["title"], "status": "已整改" if i == 0 else "未反馈"}
                            for i, p in enumerate(notice["problems"])]}
    return {
        "自评报告": report_context(selfeval, issued=ISSUED),
        "评价报告": report_context(selfeval, issued=ISSUED, evaluation=True),
        "整改通知": notice,
        "审核意见": review_context(reports[FormKind.PROJECT_GOAL], number="×财绩〔2026〕4号", issued=ISSUED),
        "提醒函": reminder_context(reports[FormKind.PROJECT_MONITOR], number="×财绩〔2026〕5号", issued=ISSUED),
        "催办函": overdue_context(tracked, issued=ISSUED, number="×财绩〔2026〕6号"),
    }


# -- templates ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_committed_template_is_current(kind):
    committed = ROOT / "report_templates" / f"{kind}.docx"
    assert committed.read_bytes() == build_template(kind), \
        f"report_templates/{kind}.docx 已过期：运行 perfxl report-templates --out report_templates"


@pytest.mark.parametrize("kind", KINDS)
def test_template_uses_exactly_the_declared_variables(kind):
    assert template(kind).check() == DECLARED[kind]


def test_contexts_provide_every_declared_variable(reports):
    for kind, context in contexts(reports).items():
        assert DECLARED[kind] <= set(context), kind


def _edited(folder: Path, kind: str, old: str, new: str) -> Path:
    """A copy of the built-in template with one text changed, as a user editing it in Word would."""
    source = zipfile.ZipFile(io.BytesIO(build_template(kind)))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{kind}.docx"
    with zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            out.writestr(name, data)
    return target


def test_broken_tag_names_the_template_and_the_tag(tmp_path):
    _edited(tmp_path, "整改通知", "{{ unit }}：", "{{ unit }：")
    with pytest.raises(DocumentError) as exc:
        template("整改通知", tmp_path)
    assert "整改通知.docx" in str(exc.value) and "{{ unit }" in str(exc.value)


def test_unclosed_loop_is_reported(tmp_path):
    _edited(tmp_path, "整改通知", "{%p endfor %}", "")
    with pytest.raises(DocumentError, match="整改通知.docx.*结束标记"):
        template("整改通知", tmp_path)


def test_undeclared_variable_fails_the_check(tmp_path):
    _edited(tmp_path, "催办函", "{{ unit }}：", "{{ secret_key }}：")
    with pytest.raises(DocumentError, match="催办函.docx.*secret_key"):
        template("催办函", tmp_path)
    result = runner.invoke(app, ["report-templates", "--check", str(tmp_path)])
    assert result.exit_code == 2 and "secret_key" in result.output


def test_edited_template_is_used(tmp_path, reports):
    _edited(tmp_path / "模板", "整改通知", "二、整改要求", "二、请按以下要求整改")
    out = render("整改通知", contexts(reports)["整改通知"], tmp_path / "n.docx", templates=tmp_path / "模板")
    assert "二、请按以下要求整改" in docx_text(out)


def test_unknown_kind():
    with pytest.raises(DocumentError, match="未知的文书类型"):
        template("通报")


# -- the fast renderer gives what docxtpl gives -------------------------------------------------------------
def test_compiled_renderer_matches_docxtpl(tmp_path, reports):
    from docxtpl import DocxTemplate

    context = contexts(reports)["整改通知"]
    fast = template("整改通知").render(context)
    path = tmp_path / "t.docx"
    path.write_bytes(build_template("整改通知"))
    naive = DocxTemplate(str(path))
    naive.render(context, environment(), autoescape=True)
    naive.save(tmp_path / "naive.docx")
    assert docx_text(fast) == docx_text(tmp_path / "naive.docx")
    assert "×财绩〔2026〕3号" in docx_text(fast)


# -- layout --------------------------------------------------------------------------------------------------
def _runs_without_east_asian_font(data: bytes) -> list[str]:
    from lxml import etree

    missing = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml") and ("document" in name or "footer" in name
                                                                      or "header" in name):
                root = etree.fromstring(z.read(name))
                for run in root.iter(f"{W}r"):
                    fonts = run.find(f"{W}rPr/{W}rFonts")
                    if fonts is None or not fonts.get(f"{W}eastAsia"):
                        missing.append(f"{name}: {''.join(run.itertext())[:30]!r}")
    return missing


@pytest.mark.parametrize("kind", KINDS[:-1])
def test_layout_follows_gbt_9704(kind, reports):
    data = template(kind).render(contexts(reports)[kind])
    assert _runs_without_east_asian_font(data) == []
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}linePitch") == "580"  # 225 mm / 22 lines = 28.99 pt, in twentieths
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment == 0  # right on odd pages, left on even pages
    assert odd.text.startswith("— ") and odd.text.endswith(" —")
    assert all(r._r.rPr.rFonts.get(f"{W}eastAsia") == r._r.rPr.rFonts.get(f"{W}ascii") == "宋体" for r in odd.runs)
    assert all(r.font.size.pt == 14 for r in odd.runs)  # 4号
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml")
        font_table = z.read("word/fontTable.xml").decode()
    assert b"instrText" not in body and b"fldSimple" not in body  # the only fields are the page numbers
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in font_table  # the declared fallback
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in font_table


def test_official_letters_carry_number_date_and_signature(reports):
    for kind in ("整改通知", "审核意见", "提醒函", "催办函"):
        text = docx_text(template(kind).render(contexts(reports)[kind]))
        assert "×财绩〔2026〕" in text and "2026年12月7日" in text and "××市财政局" in text, kind
        assert "联系人：" in text, kind


# -- user text stays text ----------------------------------------------------------------------------------
def test_user_text_appears_verbatim_and_never_breaks_the_xml(tmp_path):
    hostile = {}
    for kind, form in forms_by_kind().items():
        indicators = (replace(form.indicators[0], name=INDICATOR),) + form.indicators[1:]
        hostile[kind] = api.check(replace(form, unit=replace(form.unit, name=UNIT, department=DEPARTMENT),
                                          project=replace(form.project, name=PROJECT), indicators=indicators))
    for kind, context in contexts(hostile).items():
        path = render(kind, context, tmp_path / f"{kind}.docx")
        text = docx_text(path)  # python-docx parses it: the XML is intact
        assert visible(UNIT) in text, kind
        if kind != "提醒函":  # the reminder names projects only when they are behind schedule
            assert visible(PROJECT) in text, kind
            assert "{{ issuer }}" in text  # printed, not evaluated a second time
        with zipfile.ZipFile(path) as z:
            body = z.read("word/document.xml").decode()
        assert "instrText" not in body and "fldSimple" not in body
    report = docx_text(tmp_path / "自评报告.docx")
    assert "@指标-1 <b>\t第二段\n第三行" in report and DEPARTMENT in report


# -- context builders ---------------------------------------------------------------------------------------
def test_notice_lists_each_problem_with_its_cell(tmp_path):
    from perfxl.forms.write.writer import write_form

    form = next(f for f in generate_forms(40, seed=3, fault_share=1.0) if f.kind is FormKind.PROJECT_SELFEVAL)
    path = write_form(form, tmp_path / "自评表.xlsx", typed_scores=True)
    checked = api.check_file(path)
    context = notice_context(checked, number="×财绩〔2026〕9号", issued=ISSUED, deadline=date(2027, 1, 19))
    assert context["problems"], "a faulty form gives problems"
    assert [p["no"] for p in context["problems"]] == list(range(1, len(context["problems"]) + 1))
    assert all("!" in p["location"] for p in context["problems"] if p["code"])
    errors = [f for f in checked.findings if f.severity.value == "error"]
    assert {f.message.rstrip("。") + "。" for f in errors} <= {p["title"] for p in context["problems"]}
    assert context["working_days"] == working_days_between(ISSUED, date(2027, 1, 19), document_settings())
    assert context["deadline_text"] == "2027年1月19日"


def test_overdue_letter_leaves_out_closed_problems():
    notice = {"number": "×财绩〔2026〕12号", "unit": "青川县教育局", "project": "校舍维修", "issued": "2026-10-09",
              "deadline": date(2026, 11, 20),
              "problems": [{"title": "甲", "status": "已整改"}, {"text": "乙", "status": "整改中"}, {"title": "丙"}]}
    context = overdue_context(notice, issued=date(2026, 11, 27), number="×财绩〔2026〕30号")
    assert [p["title"] for p in context["open_problems"]] == ["乙", "丙"]
    assert [p["status"] for p in context["open_problems"]] == ["整改中", "未反馈"]
    assert context["overdue_days"] == 5  # 11-23 … 11-27
    assert context["notice_issued_text"] == "2026年10月9日"


def test_review_opinion_follows_the_review_grade(reports):
    from perfxl.rules.review import review_form

    goal = reports[FormKind.PROJECT_GOAL]
    context = review_context(goal, number="×财绩〔2026〕4号", issued=ISSUED)
    review = review_form(goal.findings)
    assert (context["grade"], context["outcome"]) == (review.grade, review.outcome)
    assert review.outcome in context["requirement"]


def test_self_report_needs_a_self_assessment(reports):
    from perfxl.outputs.documents import ContextError

    with pytest.raises(ContextError, match="需要绩效自评表"):
        report_context(reports[FormKind.PROJECT_GOAL], issued=ISSUED)


def test_reminder_lists_projects_behind_schedule(reports):
    monitor = reports[FormKind.PROJECT_MONITOR]
    context = reminder_context(monitor, number="×财绩〔2026〕5号", issued=ISSUED)
    progress = monitor.score.progress
    behind = progress.budget_rate is not None and progress.budget_rate < progress.elapsed
    assert bool(context["projects"]) == (behind or progress.budget_light in ("red", "yellow"))
    lights = [i.light for i in progress.indicators if i.light in ("red", "yellow")]
    assert len(context["indicators"]) == len(lights)


# -- settings ---------------------------------------------------------------------------------------------
def test_working_days_skip_weekends_and_holidays(tmp_path):
    s = document_settings()
    assert add_working_days(date(2026, 12, 4), 1, s) == date(2026, 12, 7)  # Friday → Monday
    assert add_working_days(date(2026, 12, 7), 30, s) == date(2027, 1, 18)
    assert working_days_between(date(2026, 12, 7), date(2027, 1, 18), s) == 30
    config = tmp_path / "perfxl.toml"
    config.write_text('[documents]\nholidays = ["2027-01-01"]\nworkdays = ["2026-12-12"]\n', encoding="utf-8")
    custom = document_settings(load_pack(config))
    assert add_working_days(date(2026, 12, 7), 30, custom) == date(2027, 1, 18)  # one off, one on
    assert rectification_deadline(date(2026, 12, 7)) == date(2027, 1, 18)


def test_document_number_and_date_follow_gbt_9704():
    assert document_number(None, 2026, "012") == "×财绩〔2026〕12号"
    assert date_text(date(2026, 1, 5)) == "2026年1月5日"


def test_bad_documents_settings_are_config_errors(tmp_path):
    config = tmp_path / "perfxl.toml"
    config.write_text('[documents]\nholidays = ["明天"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="documents.holidays"):
        document_settings(load_pack(config))
    config.write_text('[documents]\nrectification_working_days = 0\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="rectification_working_days"):
        document_settings(load_pack(config))


# -- charts and frames ------------------------------------------------------------------------------------
def test_charts_have_every_chinese_glyph():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = bar_chart(["优", "良", "中", "差"], [3, 2, 1, 0], title="评价等级分布（份）", ylabel="表单数")
    assert png.startswith(b"\x89PNG")
    assert not [w for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]


def test_results_frame_has_a_row_per_file_and_score_rates():
    objects = [
        {"file": "a.xlsx", "status": "scored", "kind": "project_selfeval", "unit": "甲", "department": "教育局",
         "total": 91.5, "grade": "优", "errors": 0, "warnings": 1, "execution_rate": 0.95, "findings": [{"code": "S1"}],
         "score": {"indicators": [{"level1": "产出指标", "effective_weight": 50, "applicable": True}],
                   "level1_totals": {"产出指标": 40}}},
        {"file": "b.txt", "status": "not_form", "kind": None, "findings": [], "score": None},
    ]
    frame = api.results_frame(objects)
    assert list(frame["file"]) == ["a.xlsx", "b.txt"]
    assert frame.loc[0, "产出指标得分率"] == pytest.approx(0.8)
    assert frame.loc[0, "findings"] == 1 and frame.loc[1, "findings"] == 0


# -- doors --------------------------------------------------------------------------------------------------
def test_report_command(tmp_path):
    from perfxl.forms.write.writer import write_form

    forms = forms_by_kind()
    selfeval = write_form(forms[FormKind.PROJECT_SELFEVAL], tmp_path / "自评表.xlsx", typed_scores=True)
    goal = write_form(forms[FormKind.PROJECT_GOAL], tmp_path / "目标表.xlsx")
    out = tmp_path / "通知.docx"
    result = runner.invoke(app, ["report", str(selfeval), "--type", "整改通知", "--out", str(out), "-n", "7",
                                 "--date", "2026-12-07"])
    assert result.exit_code == 0, result.output
    assert "×财绩〔2026〕7号" in docx_text(out)
    result = runner.invoke(app, ["report", str(goal), "--type", "自评报告", "--out", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "需要绩效自评表" in result.output
    result = runner.invoke(app, ["report", str(goal), "--type", "审核意见", "--out", str(tmp_path / "审核.docx")])
    assert result.exit_code == 0 and "审核等级" in docx_text(tmp_path / "审核.docx")
    result = runner.invoke(app, ["report", str(tmp_path / "无.xlsx"), "--type", "整改通知"])
    assert result.exit_code == 2 and "不存在" in result.output


def test_summary_report_keeps_user_text(tmp_path):
    from perfxl.outputs.documents import summary_context

    objects = [{"file": "a.xlsx", "status": "scored", "kind": "project_selfeval", "kind_label": "项目支出绩效自评表",
                "unit": UNIT, "department": PROJECT, "total": 90.0, "grade": "优", "ranking_grade": "优秀",
                "errors": 0, "warnings": 1, "execution_rate": 0.95, "score": None,
                "findings": [{"code": "S205", "severity": "warning", "message": INDICATOR, "location": "自评表!H9"}]}]
    path = render("汇总分析", summary_context(objects, issued=ISSUED), tmp_path / "汇总.docx")
    text = docx_text(path)
    assert visible(PROJECT) in text
    assert _runs_without_east_asian_font(path.read_bytes()) == []
