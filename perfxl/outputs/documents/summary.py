"""绩效评价汇总分析报告: pandas frames of a batch's results.json and the summary report's context.

`results_frame` (one row per input file) is also api.results_frame for analysts; `findings_frame` has
one row per finding. Both take the list of results.json objects or the file's path.
"""

import json
from datetime import date
from pathlib import Path

import pandas as pd

from perfxl.config import RulePack, default_pack
from perfxl.domain.kinds import Stage, kinds_of
from perfxl.outputs.documents.charts import bar_chart
from perfxl.outputs.documents.contexts import LEVEL1_ORDER
from perfxl.outputs.documents.render import Image
from perfxl.outputs.documents.settings import date_text, document_settings

COLUMNS = ["file", "status", "status_label", "kind", "kind_label", "year", "unit", "unit_code", "department",
           "project", "total", "self_total", "difference", "grade", "rank", "rank_of", "ranking_grade", "errors",
           "warnings", "infos", "execution_rate"]
NO_DEPARTMENT = "（未填写主管部门）"


def load_results(results: list[dict] | str | Path) -> list[dict]:
    """The objects of a results.json (its path, or the objects); ValueError in Chinese for a file that is not one."""
    if not isinstance(results, str | Path):
        return list(results)
    try:
        objects = json.loads(Path(results).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"不是有效的 JSON 文件（第 {exc.lineno} 行）") from None
    except UnicodeDecodeError:
        raise ValueError("不是 UTF-8 编码的 JSON 文件（results.json 由 perfxl batch 生成，请勿用其他编码另存）") from None
    if not isinstance(objects, list) or not all(isinstance(o, dict) for o in objects):
        raise ValueError("不是 results.json 格式（应为 JSON 数组）")
    return objects


def _level1_rates(score: dict | None) -> dict[str, float]:
    if not score:
        return {}
    weights: dict[str, float] = {}
    for ind in score.get("indicators") or ():
        if ind.get("level1") and ind.get("applicable", True) and ind.get("effective_weight"):
            weights[ind["level1"]] = weights.get(ind["level1"], 0.0) + ind["effective_weight"]
    totals = score.get("level1_totals") or {}
    return {f"{k}得分率": totals[k] / w for k, w in weights.items() if w and totals.get(k) is not None}


def results_frame(results: list[dict] | str | Path) -> pd.DataFrame:
    """One row per input file: the results.json fields, `findings` (count) and 一级指标 score rates."""
    rows = []
    for obj in load_results(results):
        row = {key: obj.get(key) for key in COLUMNS}
        row["findings"] = len(obj.get("findings") or ())
        row.update(_level1_rates(obj.get("score")))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=None if rows else COLUMNS + ["findings"])
    for key in ("total", "self_total", "difference", "execution_rate"):
        frame[key] = pd.to_numeric(frame[key], errors="coerce")
    return frame


def findings_frame(results: list[dict] | str | Path) -> pd.DataFrame:
    """One row per finding: file, unit, department, kind_label, code, name, severity, message, location."""
    rows = [{"file": obj.get("file"), "unit": obj.get("unit"), "department": obj.get("department"),
             "kind_label": obj.get("kind_label"), **{k: f.get(k) for k in ("code", "name", "severity", "message",
                                                                           "location")}}
            for obj in load_results(results) for f in obj.get("findings") or ()]
    return pd.DataFrame(rows, columns=["file", "unit", "department", "kind_label", "code", "name", "severity",
                                       "message", "location"])


def _what(code: str) -> str | None:
    """What the rule checks (its documented first sentence), to name a kind of problem."""
    from perfxl.rules.registry import rule

    found = rule(code)
    return found.summary() if found is not None else None


def _share(n: int, total: int) -> str:
    return f"{n / total * 100:.1f}%" if total else "—"


def _num(x) -> str:
    return "—" if x is None or pd.isna(x) else f"{x:.2f}".rstrip("0").rstrip(".")


def _execution_bands(pack: RulePack) -> list[tuple[str, float, float]]:
    floor = pack.explain_below_rate  # [budget] explain_below_rate (四川 practice ◐, default 90%)
    cut = f"{floor * 100:g}%"
    return [("低于60%", 0.0, 0.6), ("60%（含）—80%", 0.6, 0.8), (f"80%（含）—{cut}", 0.8, floor),
            (f"{cut}（含）—100%", floor, 1.0 - 1e-9), ("100%", 1.0 - 1e-9, float("inf"))]


def summary_context(results: list[dict] | str | Path, *, pack: RulePack | None = None, issued: date) -> dict:
    pack = pack or default_pack()
    objects = load_results(results)
    frame, found = results_frame(objects), findings_frame(objects)
    s = document_settings(pack)
    scored = frame[frame["total"].notna()]
    n, n_scored = len(frame), len(scored)
    unusable = int(frame["status"].isin(["unreadable", "not_form", "timeout", "failed"]).sum()) if n else 0
    with_errors = int((frame["errors"].fillna(0) > 0).sum()) if n else 0
    years = sorted({int(y) for y in frame["year"].dropna()}) if n else []
    year = f"{years[0]}年度" if len(years) == 1 else (f"{years[0]}—{years[-1]}年度" if years else "")

    grade_counts = scored["grade"].value_counts()
    grade_rows = [{"grade": g, "count": int(grade_counts.get(g, 0)), "share": _share(int(grade_counts.get(g, 0)), n_scored)}
                  for g, _ in pack.grade_bands]
    ranked = frame[frame["ranking_grade"].notna()]
    ranking_counts = ranked["ranking_grade"].value_counts()
    ranking_rows = [{"grade": g, "count": int(ranking_counts.get(g, 0)),
                     "share": _share(int(ranking_counts.get(g, 0)), len(ranked))} for g in pack.ranking_grades]

    by_dept = frame.assign(department=frame["department"].fillna(NO_DEPARTMENT)).groupby("department", sort=False)
    dept = by_dept.agg(count=("file", "size"), mean=("total", "mean"), best=("total", "max"), worst=("total", "min"),
                       errors=("errors", "sum"), warnings=("warnings", "sum"))
    dept = dept.sort_values(["mean", "count"], ascending=[False, False], na_position="last")
    dept_rows = [{"department": name, "count": int(r["count"]), "mean": _num(r["mean"]), "best": _num(r["best"]),
                  "worst": _num(r["worst"]), "errors": int(r["errors"]), "warnings": int(r["warnings"])}
                 for name, r in dept.iterrows()]

    kinds = frame.assign(kind_label=frame["kind_label"].fillna("未读出表单"),
                         problems=frame["errors"].fillna(0) + frame["warnings"].fillna(0))
    kind = kinds.groupby("kind_label", sort=False).agg(count=("file", "size"), mean=("total", "mean"),
                                                        with_problems=("problems", lambda x: int((x > 0).sum())),
                                                        problems=("problems", "sum"))
    kind_rows = [{"kind": name, "count": int(r["count"]), "mean": _num(r["mean"]),
                  "with_problems": int(r["with_problems"]), "problems": int(r["problems"])}
                 for name, r in kind.sort_values("count", ascending=False).iterrows()]

    level1_rows = []
    for name in LEVEL1_ORDER:
        column = f"{name}得分率"
        if column in frame and frame[column].notna().any():
            values = frame[column].dropna()
            level1_rows.append({"name": name, "count": int(values.size), "rate": f"{values.mean() * 100:.1f}%",
                                "value": float(values.mean() * 100)})

    rates = frame.loc[frame["kind"].isin(kinds_of(Stage.SELFEVAL)), "execution_rate"].dropna()
    execution_rows = []
    for label, low, high in _execution_bands(pack):
        count = int(((rates >= low) & (rates < high)).sum())
        execution_rows.append({"band": label, "count": count, "share": _share(count, int(rates.size))})

    problem_rows = []
    if len(found):
        grouped = found.groupby("code", sort=False).agg(count=("file", "size"), units=("unit", "nunique"),
                                                         example=("message", "first"))
        for i, (code, r) in enumerate(grouped.sort_values(["count", "units"], ascending=False).head(10).iterrows(), 1):
            problem_rows.append({"no": i, "code": code, "example": _what(code) or r["example"], "count": int(r["count"]),
                                 "units": int(r["units"])})

    mean = f"平均得分{_num(scored['total'].mean())}分，最高{_num(scored['total'].max())}分，最低{_num(scored['total'].min())}分。" \
        if n_scored else ""
    kinds = frame["kind"].fillna("") if n else frame.get("kind")
    goals = int(kinds.isin(kinds_of(Stage.GOAL)).sum()) if n else 0
    monitors = int(kinds.isin(kinds_of(Stage.MONITOR)).sum()) if n else 0
    others = "".join(part for part, count in ((f"、目标申报表{goals}份（审核）", goals),
                                               (f"、运行监控表{monitors}份（检查进度）", monitors)) if count)
    overview = (f"本次共收集{year}绩效表单{n}份，其中自评表完成评分{n_scored}份{others}；有错误级别问题的{with_errors}份，"
                f"无法读取或不是绩效表单{unusable}份。{mean}评分依据《项目支出绩效评价管理办法》（财预〔2020〕10号），等级按“"
                + "、".join(f"{g}（{b:g}分以上）" if b else g for g, b in pack.grade_bands) + "”划分。")
    errors = int((found["severity"] == "error").sum())
    warnings = int((found["severity"] == "warning").sum())
    findings = (f"共发现问题{len(found)}个（错误{errors}个、警告{warnings}个），涉及表单{found['file'].nunique()}份。"
                "出现次数最多的问题如下：" if len(found) else "未发现问题。")

    suggestions = []
    weak = [r for r in grade_rows[2:] if r["count"]]
    if weak:
        names = "、".join(f"“{r['grade']}”" for r in weak)
        suggestions.append({"title": "督促整改。", "text": f"对评价等级为{names}的{sum(r['count'] for r in weak)}份表单下达"
                            "整改通知，明确整改时限，跟踪整改到位。"})
    if pack.ranking_grades and ranking_counts.get(pack.ranking_grades[-1], 0):
        suggestions.append({"title": "约谈排名靠后的单位。", "text": f"排名等级为“{pack.ranking_grades[-1]}”的单位，"
                            "按规定约谈并限期整改。"})
    if problem_rows:
        top = "、".join(r["code"] for r in problem_rows[:3])
        suggestions.append({"title": "加强填报培训。", "text": f"针对{top}等出现最多的问题（见上表），"
                            "组织填报培训和解读，提高绩效目标设置和自评质量。"})
    low = sum(r["count"] for r in execution_rows[:3])
    if low:
        suggestions.append({"title": "加快预算执行。", "text": f"{low}份自评表的预算执行率低于{pack.explain_below_rate * 100:g}%，"
                            "应督促相关单位分析原因，加快资金支出。"})
    suggestions.append({"title": "强化结果应用。", "text": "将评价结果作为以后年度预算安排和政策调整的重要依据；"
                        "与预算安排挂钩的比例按本地规定执行，本报告仅作建议。"})
    suggestions = [{**x, "no": i} for i, x in enumerate(suggestions, 1)]

    chart_grades = bar_chart([r["grade"] for r in grade_rows], [r["count"] for r in grade_rows],
                             title="评价等级分布", ylabel="表单数")
    chart_level1 = bar_chart([r["name"] for r in level1_rows], [r["value"] for r in level1_rows],
                             title="一级指标平均得分率", ylabel="得分率（%）", percent=True, horizontal=True)
    chart_execution = bar_chart([r["band"].replace("（含）", "") for r in execution_rows], [r["count"] for r in execution_rows],
                                title="预算执行率分布", ylabel="表单数")
    return {
        "title": f"{year}绩效评价汇总分析报告",
        "author": s.issuer,
        "issued_text": date_text(issued),
        "overview": overview,
        "grade_rows": grade_rows,
        "ranking_rows": ranking_rows,
        "dept_rows": dept_rows,
        "kind_rows": kind_rows,
        "level1_rows": level1_rows,
        "execution_rows": execution_rows,
        "problem_rows": problem_rows,
        "findings": findings,
        "suggestions": suggestions,
        "chart_grades": Image(chart_grades, 140),
        "chart_level1": Image(chart_level1, 140),
        "chart_execution": Image(chart_execution, 140),
    }
