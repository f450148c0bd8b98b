"""Context builders: pure functions from perfxl.api results to the dict a template lays out.

Nothing here reads files or the clock: dates, numbers and the rule pack come in as arguments.
Values are plain text (user text untouched — the renderer escapes it) and lists of dicts.
"""

from collections.abc import Iterable, Sequence
from datetime import date

from perfxl.config import RulePack, default_pack
from perfxl.domain import Finding, Form, Severity
from perfxl.domain.kinds import Stage
from perfxl.outputs.documents.settings import (
    add_working_days,
    date_text,
    document_settings,
    working_days_between,
)
from perfxl.reports import FileReport, Report
from perfxl.scoring.monitor import LIGHT_LABELS
from perfxl.scoring.rounding import fmt, fmt_score, percent

LEVEL1_ORDER = ("产出指标", "成本指标", "效益指标", "满意度指标")
SCORED_METHODS = {"quantitative_ge", "quantitative_le", "equality", "qualitative", "deadline"}
CLOSED = {"已整改", "已完成", "已销号", "closed", "done"}  # problem statuses a 催办函 leaves out
CN_NUMBERS = "一二三四五六七八九十"


class ContextError(ValueError):
    """The input cannot make this document (Chinese message)."""


def _split(result: Report | FileReport) -> tuple[Report, tuple[Finding, ...]]:
    """The form's report and all findings (the reader's too) of a Report or FileReport."""
    if isinstance(result, FileReport):
        if result.report is None:
            reasons = "；".join(f.message for f in result.read_findings[:3]) or "未读出表单"
            raise ContextError(f"文件「{result.path}」未能读出表单，无法生成文书：{reasons}")
        return result.report, tuple(result.read_findings) + tuple(result.report.findings)
    return result, tuple(result.findings)


def _subject(form: Form) -> str:
    return form.project.name or form.unit.name or "（未填写项目名称）"


def _unit(form: Form) -> str:
    return form.unit.name or "（未填写单位名称）"


def _amount(x: float | None) -> str:
    return "—" if x is None else fmt(round(x, 2))


def _official(pack: RulePack, number: str, issued: date) -> dict:
    s = document_settings(pack)
    return {"issuer": s.issuer, "number": number, "signatory": s.signatory, "issued_text": date_text(issued),
            "contact": s.contact, "phone": s.phone}


# -- problems ------------------------------------------------------------------------------------------
def _where(location: str | None) -> str:
    return location or "表单整体"


def _finding_problem(f: Finding) -> dict:
    return {"title": f.message.rstrip("。") + "。", "text": "", "location": _where(f.location), "code": f.code,
            "severity": f.severity.label, "requirement": f.hint or "核实并更正后重新报送"}


def shortfalls(report: Report) -> list[dict]:
    """Indicators the engine scored below their weight (未完成年度指标值), with their figures and the form's reason."""
    form = report.form
    out = []
    for s in report.score.indicators:
        if s.method not in SCORED_METHODS or not s.applicable or s.score is None or not s.effective_weight:
            continue
        if s.score >= s.effective_weight - 0.005:
            continue
        ind = form.indicators[s.index]
        reason = (ind.deviation or "").strip() or "表中未说明偏差原因"
        out.append({
            "title": f"“{s.name or '（未命名指标）'}”未达到年度指标值。",
            "text": f"年度指标值{ind.target or '未填写'}，实际完成值{ind.actual or '未填写'}，"
                    f"得{fmt_score(s.score)}分（分值{fmt_score(s.effective_weight)}分）；偏差原因：{reason}",
            "location": _where(form.where(f"indicators[{s.index}].actual")), "code": "",
            "severity": "未完成", "requirement": "分析未完成原因，提出改进措施并明确完成时限",
            "level1": s.level1, "index": s.index,
        })
    return out


def _budget_problem(report: Report, pack: RulePack) -> list[dict]:
    rate = report.score.budget.execution_rate
    if rate is None or rate >= pack.explain_below_rate - 1e-12:
        return []
    return [{"title": f"预算执行率偏低（{percent(rate)}）。",
             "text": f"低于{percent(pack.explain_below_rate)}，资金未按计划使用",
             "location": _where(report.form.where("budget.executed")), "code": "", "severity": "执行偏低",
             "requirement": "分析资金未执行的原因，加快预算执行，结转结余资金按规定处理"}]


def problems(result: Report | FileReport, pack: RulePack | None = None) -> list[dict]:
    """The numbered problems of one checked form: errors, unmet indicators, low budget execution, warnings.

    Each: no, title, text, location (sheet!cell or 表单整体), code, severity, requirement.
    """
    pack = pack or default_pack()
    report, findings = _split(result)
    errors = [_finding_problem(f) for f in findings if f.severity is Severity.ERROR]
    warnings = [_finding_problem(f) for f in findings if f.severity is Severity.WARNING]
    # An indicator a finding already names is listed once, by the finding.
    named = {f.path.split(".")[0] for f in findings if f.path and f.severity is not Severity.INFO}
    short = [p for p in shortfalls(report) if f"indicators[{p['index']}]" not in named]
    items = errors + short + _budget_problem(report, pack) + warnings
    return [{**item, "no": n} for n, item in enumerate(items, 1)]


# -- 自评报告 / 评价报告 --------------------------------------------------------------------------------
def _level1_weights(report: Report) -> dict[str, float]:
    weights: dict[str, float] = {}
    for s in report.score.indicators:
        if s.level1 and s.applicable and s.effective_weight:
            weights[s.level1] = weights.get(s.level1, 0.0) + s.effective_weight
    return weights


def _rate(score: float | None, weight: float | None) -> str:
    return percent(score / weight) if score is not None and weight else "—"


def _overview(form: Form, report: Report) -> str:
    u, p, b = form.unit, form.project, form.budget
    parts = []
    if form.kind.is_dept:
        parts.append(f"{_unit(form)}{f'（主管部门：{u.department}）' if u.department else ''}部门整体支出")
    else:
        who = f"由{u.department}主管、" if u.department else "由"
        parts.append(f"“{_subject(form)}”{who}{u.implementer or _unit(form)}实施")
        details = [x for x in (f"项目编码{p.code}" if p.code else "", f"项目属性为{p.attribute}" if p.attribute else "",
                               f"项目期{p.period}" if p.period else "") if x]
        if details:
            parts.append("，".join(details))
    money = []
    if b.initial is not None:
        money.append(f"年初预算数{_amount(b.initial)}{b.currency_unit}")
    if b.full_year is not None:
        sources = [f"{label}{_amount(v)}{b.currency_unit}" for label, v in
                   (("当年财政拨款", b.fiscal), ("上年结转资金", b.carryover), ("其他资金", b.other)) if v]
        money.append(f"全年预算数{_amount(b.full_year)}{b.currency_unit}" + (f"（其中{'、'.join(sources)}）" if sources else ""))
    if b.executed is not None:
        money.append(f"全年执行数{_amount(b.executed)}{b.currency_unit}")
    rate = report.score.budget.execution_rate
    if rate is not None:
        money.append(f"预算执行率{percent(rate)}")
    year = f"{form.year}年" if form.year else "本年度"
    return "，".join(parts) + "。" + (f"{year}{'，'.join(money)}。" if money else "表中未填写预算资金情况。")


def _goal_summary(report: Report) -> str:
    counts: dict[str, int] = {}
    for s in report.score.indicators:
        if s.level1:
            counts[s.level1] = counts.get(s.level1, 0) + 1
    if not counts:
        return "表中未设置绩效指标。"
    order = sorted(counts, key=lambda k: LEVEL1_ORDER.index(k) if k in LEVEL1_ORDER else 99)
    return (f"共设置三级指标{sum(counts.values())}个，其中"
            + "、".join(f"{name}{counts[name]}个" for name in order) + "。")


def _score_rows(report: Report) -> list[dict]:
    score = report.score
    b = score.budget
    rows = [{"name": "预算执行率", "weight": fmt_score(b.weight), "score": fmt_score(b.score) if b.score is not None else "—",
             "rate": _rate(b.score, b.weight)}]
    weights = _level1_weights(report)
    for name in sorted(weights, key=lambda k: LEVEL1_ORDER.index(k) if k in LEVEL1_ORDER else 99):
        got = score.level1_totals.get(name)
        rows.append({"name": name, "weight": fmt_score(weights[name]), "score": fmt_score(got) if got is not None else "—",
                     "rate": _rate(got, weights[name])})
    total_weight = b.weight + sum(weights.values())
    rows.append({"name": "合计", "weight": fmt_score(total_weight),
                 "score": fmt_score(score.total_rounded) if score.total_rounded is not None else "—",
                 "rate": _rate(score.total_rounded, total_weight)})
    return rows


def _sections(report: Report) -> list[dict]:
    form, score = report.form, report.score
    b = score.budget
    sections = [{"heading": "预算执行情况", "summary": b.explain + (f"（{b.problem}）" if b.problem else "") + "。",
                 "entries": []}]
    weights = _level1_weights(report)
    for name in sorted(weights, key=lambda k: LEVEL1_ORDER.index(k) if k in LEVEL1_ORDER else 99):
        items, unmet = [], 0
        for s in score.indicators:
            if s.level1 != name:
                continue
            ind = form.indicators[s.index]
            weight = f"（分值{fmt_score(s.effective_weight)}分）" if s.effective_weight else ""
            text = f"年度指标值{ind.target or '未填写'}，实际完成值{ind.actual or '未填写'}。{s.explain}{weight}。"
            if s.score is not None and s.effective_weight and s.score < s.effective_weight - 0.005:
                unmet += 1
                if ind.deviation:
                    text += f"偏差原因：{ind.deviation}"
            items.append({"no": len(items) + 1, "name": s.name or "（未命名指标）", "text": text})
        got = score.level1_totals.get(name)
        summary = (f"{name}共{len(items)}个，分值{fmt_score(weights[name])}分，"
                   f"得分{fmt_score(got) if got is not None else '—'}分，得分率{_rate(got, weights[name])}"
                   + (f"，其中{unmet}个未完全达到年度指标值。" if unmet else "，均达到年度指标值。"))
        sections.append({"heading": name, "summary": summary, "entries": items})
    for i, section in enumerate(sections):
        section["heading"] = f"（{CN_NUMBERS[i] if i < 10 else i + 1}）{section['heading']}"
    return sections


def _suggestions(report: Report, pack: RulePack, items: list[dict]) -> list[dict]:
    out = []
    short = [p for p in items if p["severity"] == "未完成"]
    if short:
        names = "、".join(p["title"].split("”")[0].lstrip("“") for p in short[:3])
        out.append({"title": "加强项目实施管理。", "text": f"针对{names}等未达到年度指标值的指标，深入分析原因，"
                    "细化实施计划，加强过程监控，确保绩效目标如期实现。"})
    if any(p["severity"] == "执行偏低" for p in items):
        out.append({"title": "加快预算执行进度。", "text": "科学编制资金使用计划，及时拨付和支付资金，减少资金结转结余。"})
    over = [s.name for s in report.score.indicators if s.over_completed]
    if over:
        out.append({"title": "科学合理设置绩效目标。", "text": f"{'、'.join(n or '' for n in over[:3])}等指标实际完成值明显高于"
                    "年度指标值，目标设置偏低，以后年度应结合历史数据和实际需求合理确定指标值。"})
    if any(p["code"] for p in items):
        out.append({"title": "提高自评填报质量。", "text": "严格按照填报说明填写自评表，做到数据准确、依据充分、"
                    "偏差原因说明完整，自评得分与评分规则一致。"})
    out.append({"title": "强化评价结果应用。", "text": "将评价结果作为完善政策、改进管理和以后年度预算安排的重要依据。"})
    return [{**s, "no": n} for n, s in enumerate(out, 1)]


def _differences(report: Report) -> str:
    score = report.score
    lines = [f"“{s.name}”自评得分{fmt_score(s.self_score)}分，复核得分{fmt_score(s.score)}分"
             for s in score.indicators
             if s.self_score is not None and s.score is not None and abs(s.self_score - s.score) >= 0.005]
    total = ""
    if score.self_total is not None and score.total_rounded is not None and abs(score.self_total - score.total_rounded) >= 0.005:
        total = f"表中自评总分{fmt_score(score.self_total)}分，复核总分{fmt_score(score.total_rounded)}分。"
    if not lines and not total:
        return "自评得分与复核得分一致，无其他需要说明的问题。"
    return total + ("其中：" + "；".join(lines[:10]) + ("等" if len(lines) > 10 else "") + "。" if lines else "")


def report_context(result: Report | FileReport, *, pack: RulePack | None = None, issued: date,
                   evaluation: bool = False) -> dict:
    """绩效自评报告 (evaluation=False, written by the unit) or 绩效评价报告 (by the finance bureau), 10号 outline."""
    pack = pack or default_pack()
    report, _ = _split(result)
    form, score = report.form, report.score
    if not form.kind.is_selfeval:
        raise ContextError(f"{'评价' if evaluation else '自评'}报告需要绩效自评表，此文件是《{form.title}》")
    s = document_settings(pack)
    items = problems(result, pack)
    subject = f"{_unit(form)}部门整体支出" if form.kind.is_dept else _subject(form)
    year = f"{form.year}年度" if form.year and not subject.startswith(str(form.year)) else ""
    total = fmt_score(score.total_rounded) if score.total_rounded is not None else "—"
    weights = "、".join(f"{k}{fmt_score(v)}分" for k, v in pack.level1_weights.items() if v)
    basis = (f"依据《项目支出绩效评价管理办法》（财预〔2020〕10号），按照预算执行率{fmt_score(pack.budget_weight)}分、"
             f"{weights}的权重，对《{form.title}》逐项复核计分：预算执行率按分值乘以执行率计分，定量指标按实际完成值与"
             "年度指标值的比例计分，定性指标按达成程度分档计分。")
    work = (f"{s.issuer}对{_unit(form)}报送的{year}《{form.title}》及有关资料进行了审核评价。" if evaluation
            else f"{_unit(form)}对照年初设定的绩效目标，对{year}{subject}开展了绩效自评。") + basis
    lead = "经复核" if evaluation else "按评分规则逐项计算"
    conclusion = f"{lead}，{subject}综合得分{total}分，评价等级为“{score.grade or '—'}”。"
    if score.self_total is not None and score.total_rounded is not None and abs(score.self_total - score.total_rounded) >= 0.005:
        conclusion += f"表中自评总分为{fmt_score(score.self_total)}分，与复核得分不一致（见第七部分）。"
    if not score.complete:
        conclusion += "部分内容因填报不全无法计分，详见存在的问题。"
    conclusion += "各部分得分情况如下表："
    met = sum(1 for x in score.indicators if x.score is not None and x.effective_weight
              and x.score >= x.effective_weight - 0.005)
    rate = score.budget.execution_rate
    experience = (f"全部{len(score.indicators)}个三级指标中有{met}个达到年度指标值"
                  + (f"，预算执行率{percent(rate)}" if rate is not None else "") + "。"
                  + (f"实际完成情况：{form.goals.achieved}" if form.goals.achieved else ""))
    goals = form.goals.adjusted or form.goals.annual
    return {
        "title": f"{year}{subject}绩效{'评价' if evaluation else '自评'}报告",
        "author": s.issuer if evaluation else _unit(form),
        "issued_text": date_text(issued),
        "overview": _overview(form, report),
        "goals": f"年度总体目标：{goals}" if goals else "表中未填写年度总体目标。",
        "goal_summary": _goal_summary(report),
        "work": work,
        "conclusion": conclusion,
        "score_rows": _score_rows(report),
        "sections": _sections(report),
        "experience": experience,
        "problems": items,
        "suggestions": _suggestions(report, pack, items),
        "other": _differences(report),
    }


# -- 整改通知书 ----------------------------------------------------------------------------------------
_STAGES = {Stage.GOAL: ("目标申报", "《中央部门预算绩效目标管理办法》（财预〔2015〕88号）"),
           Stage.MONITOR: ("运行监控", "《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）"),
           Stage.SELFEVAL: ("绩效自评", "《项目支出绩效评价管理办法》（财预〔2020〕10号）")}


def _stage(form: Form) -> tuple[str, str]:
    """The management stage of a form and the regulation it is reviewed under."""
    return _STAGES[form.kind.facts.stage]


def notice_context(file_report: Report | FileReport, *, pack: RulePack | None = None, number: str, issued: date,
                   deadline: date) -> dict:
    """整改通知书 for one checked form: numbered problems with their cells, requirements, deadline, reply, 附件."""
    pack = pack or default_pack()
    report, _ = _split(file_report)
    form = report.form
    s = document_settings(pack)
    items = problems(file_report, pack)
    year = f"{form.year}年度" if form.year else ""
    stage, regulation = _stage(form)
    return {
        **_official(pack, number, issued),
        "title": f"关于{_subject(form)}{stage}问题整改的通知",
        "unit": _unit(form),
        "basis": f"根据{regulation}等有关规定，我局对你单位报送的{year}"
                 f"《{form.title}》（{_subject(form)}）进行了审核，发现{len(items)}个问题，现将有关事项通知如下：",
        "problems": items,
        "working_days": working_days_between(issued, deadline, s),
        "deadline_text": date_text(deadline),
        "reply_to": s.reply_to,
        "reply_method": s.reply_method,
    }


# -- 催办函 ------------------------------------------------------------------------------------------
def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def overdue_context(notice: dict, *, pack: RulePack | None = None, issued: date, number: str = "") -> dict:
    """催办函 for an overdue notice.

    `notice`: number, unit, form and/or project, title (optional), issued, deadline (dates or ISO text),
    problems: [{title or text, location, status}]; problems whose status is closed (已整改 …) are left out.
    """
    pack = pack or default_pack()
    s = document_settings(pack)
    deadline, sent = _as_date(notice.get("deadline")), _as_date(notice.get("issued"))
    subject = notice.get("project") or notice.get("form") or notice.get("unit") or ""
    open_items = []
    for p in notice.get("problems") or ():
        status = str(p.get("status") or "未反馈")
        if status in CLOSED:
            continue
        open_items.append({"no": len(open_items) + 1, "title": p.get("title") or p.get("text") or p.get("message") or "",
                           "text": p.get("text", "") if p.get("title") else "", "location": p.get("location") or "",
                           "status": status})
    return {
        **_official(pack, number, issued),
        "title": f"关于催报{subject}问题整改情况的函",
        "unit": notice.get("unit") or "",
        "notice_number": notice.get("number") or "",
        "notice_title": notice.get("title") or f"关于{subject}问题整改的通知",
        "notice_issued_text": date_text(sent),
        "notice_deadline_text": date_text(deadline),
        "overdue_days": working_days_between(deadline, issued, s) if deadline else 0,
        "open_problems": open_items,
        "open_count": len(open_items),
        "deadline_text": date_text(add_working_days(issued, s.reminder_working_days, s)),
        "reply_to": s.reply_to,
        "reply_method": s.reply_method,
    }


# -- 绩效目标审核意见书 ---------------------------------------------------------------------------------
def review_context(file_report: Report | FileReport, *, pack: RulePack | None = None, number: str,
                   issued: date) -> dict:
    """绩效目标审核意见书: the review grade (财预〔2015〕88号 outcomes), its outcome and the findings behind it."""
    from perfxl.rules.review import review_form, review_settings

    pack = pack or default_pack()
    report, findings = _split(file_report)
    form = report.form
    if not form.kind.is_goal:
        raise ContextError(f"审核意见书需要绩效目标申报表，此文件是《{form.title}》")
    s = document_settings(pack)
    review = getattr(report, "review", None) or review_form(findings, pack)
    grades = [name for name, _ in review_settings(pack).bands]
    position = grades.index(review.grade)
    if position == 0:
        requirement = "绩效目标设置较为完整、合理，可按程序进入预算安排流程。请在执行中做好绩效运行监控。"
    elif position == len(grades) - 1:
        requirement = "绩效目标不符合要求，不得进入预算安排流程。请你单位重新研究论证项目绩效目标。"
    else:
        deadline = date_text(add_working_days(issued, s.reminder_working_days, s))
        requirement = f"请你单位按上述意见修改完善绩效目标，于{deadline}前报送我局。"
    requirement = f"审核结论为“{review.outcome}”。{requirement}"
    reasons = [{**_finding_problem(f), "no": n} for n, f in enumerate(
        (f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)), 1)]
    return {
        **_official(pack, number, issued),
        "title": f"关于{_subject(form)}绩效目标的审核意见",
        "unit": _unit(form),
        "intro": f"你单位报送的《{form.title}》（{_subject(form)}）收悉。根据《中央部门预算绩效目标管理办法》"
                 "（财预〔2015〕88号）有关规定，我局从完整性、相关性、适当性、可行性等方面对绩效目标进行了审核，"
                 "现将审核意见函告如下：",
        "grade": review.grade,
        "points": fmt_score(review.points),
        "outcome": review.outcome,
        "requirement": requirement,
        "reasons": reasons,
    }


# -- 绩效运行监控提醒函 ----------------------------------------------------------------------------------
def _light(key: str | None) -> str:
    return LIGHT_LABELS.get(key or "", "—")


def reminder_rows(results: Iterable[Report | FileReport]) -> tuple[list[dict], list[dict], list[Report]]:
    """Projects behind 序时进度 (budget rate below the elapsed share) and red/yellow indicators."""
    projects, indicators, reports = [], [], []
    for result in results:
        report, _ = _split(result)
        progress = report.score.progress
        if progress is None:
            continue
        reports.append(report)
        form = report.form
        b = form.budget
        base = b.full_year if b.full_year is not None else b.initial
        behind = progress.budget_rate is not None and progress.elapsed and progress.budget_rate < progress.elapsed
        if behind or progress.budget_light in ("red", "yellow"):
            projects.append({"no": len(projects) + 1, "name": _subject(form), "budget": _amount(base),
                             "executed": _amount(b.executed_to_date), "rate": percent(progress.budget_rate),
                             "elapsed": percent(progress.elapsed), "ratio": fmt(round(progress.budget_ratio, 2)),
                             "light": _light(progress.budget_light)})
        for item in progress.indicators:
            if item.light in ("red", "yellow"):
                ind = form.indicators[item.index]
                indicators.append({"no": len(indicators) + 1, "project": _subject(form), "name": item.name or "",
                                   "target": ind.target or "", "progress": ind.progress or "",
                                   "ratio": fmt(round(item.ratio, 2)), "light": _light(item.light)})
    return projects, indicators, reports


def reminder_context(results: Sequence[Report | FileReport] | Report | FileReport, *, pack: RulePack | None = None,
                     number: str, issued: date) -> dict:
    """绩效运行监控提醒函 for one unit's monitoring forms (财预〔2019〕136号; lights from the rule pack)."""
    pack = pack or default_pack()
    if isinstance(results, Report | FileReport):
        results = [results]
    projects, indicators, reports = reminder_rows(results)
    if not reports:
        raise ContextError("提醒函需要绩效运行监控表")
    form, progress = reports[0].form, reports[0].score.progress
    s = document_settings(pack)
    as_of = _as_date(progress.as_of) if progress.as_of else None
    state = (f"截至{date_text(as_of)}，序时进度为{percent(progress.elapsed)}。" if as_of and progress.elapsed
             else "")
    count = f"{len(projects)}个项目预算执行进度低于序时进度" if projects else ""
    warn = f"{len(indicators)}个绩效指标完成进度出现红灯或黄灯预警" if indicators else ""
    found = "，".join(x for x in (count, warn) if x) or "未发现进度滞后的项目"
    return {
        **_official(pack, number, issued),
        "title": f"关于加快{_unit(form)}预算执行和绩效目标实现进度的提醒函",
        "unit": _unit(form),
        "intro": "根据《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）有关规定，我局对你单位报送的"
                 f"绩效运行监控情况进行了分析。{state}经分析，你单位有{found}，具体情况如下：",
        "projects": projects,
        "indicators": indicators,
        "deadline_text": date_text(add_working_days(issued, s.reminder_working_days, s)),
    }
