from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register
from perfxl.scoring.rounding import fmt_score, percent


@register
class FormulaResultStale(Rule):
    """检查内容：公式单元格（执行率、得分、总分）中保存的计算结果，是否等于 perfxl 按评分规则重新计算的结果。

    为什么重要：perfxl 从不采信公式的缓存结果。两者不一致，说明文件保存前没有重新计算（如用其他软件改过数值）、
    公式被改动，或表中公式与评分规则不一致；表上显示的得分因此不可信。

    错误示例：执行率单元格公式 =C8/B8 显示 98.5%，按金额重新计算为 94.2%。

    正确示例：用 Excel、WPS 或 LibreOffice 打开后重新计算并保存，或恢复模板公式；显示结果与重新计算一致。

    依据：财预〔2020〕10号 附1（执行率、得分、总分的计算方法）；perfxl “重新计算、不采信缓存值”原则。
    """

    code = "S215"
    name = "formula-result-stale"
    title = "公式结果与重新计算不符"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "{what}的公式结果为 {shown}，按规则重新计算为 {computed}（公式 {formula}）{why}"
    hint = "{fix}"
    # Why the formula and the rules disagree, and what to do, when the template itself could not compute a
    # score from what was typed (a 待核 or blank 得分): that is not a tampered formula.
    _PENDING = "；表中有 {n} 项得分模板无法自动计算（显示“待核”或空白），总分公式未计入这些得分"
    _PENDING_FIX = "核实显示“待核”的指标（按填表说明填写指标值和实际完成值，或由单位填写自评得分）；这不是公式被改动"
    _STALE_FIX = "用 Excel/WPS 重新计算后保存；如公式被改动，请恢复模板公式"
    options = {"tolerance": 0.01, "rate_tolerance": 0.0005}

    def check(self, ctx):
        form = ctx.form
        cells = form.cells
        if not cells:
            return
        score = ctx.score
        tol = self.option(ctx, "tolerance")
        decimals = ctx.pack.decimals
        budget = score.budget
        ref = cells.get("budget.rate")
        if (ref is not None and ref.formula and budget.self_rate is not None and budget.execution_rate is not None
                and abs(budget.self_rate - budget.execution_rate) > self.option(ctx, "rate_tolerance")):
            yield self.finding(ctx, "budget.rate", what="执行率", shown=percent(budget.self_rate),
                                   computed=percent(budget.execution_rate), formula=ref.formula,
                                   why="", fix=self._STALE_FIX)
        checks = [("budget.score", "预算执行得分", budget.self_score, budget.score)]
        for item in score.indicators:
            checks.append((f"indicators[{item.index}].score", f"“{item.name or f'第{item.index + 1}个指标'}”的得分",
                           item.self_score, item.score))
        checks.append(("total", "总分", form.total, score.total))
        pending = sum(1 for path, _, shown, computed in checks[1:-1]
                      if shown is None and computed is not None and cells.get(path) is not None and cells[path].formula)
        for path, what, shown, computed in checks:
            ref = cells.get(path)
            if ref is None or not ref.formula or shown is None or computed is None:
                continue
            if abs(shown - computed) > tol:
                blank_rows = path == "total" and pending
                yield self.finding(ctx, path, what=what, shown=fmt_score(shown, decimals),
                                   computed=fmt_score(computed, decimals), formula=ref.formula,
                                   why=self._PENDING.format(n=pending) if blank_rows else "",
                                   fix=self._PENDING_FIX if blank_rows else self._STALE_FIX)
