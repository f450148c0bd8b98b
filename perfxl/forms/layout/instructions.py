"""The 填表说明 (instructions) text of the templates: column help and the scoring rules in plain Chinese.

Numbers come from the rule pack, so a regional pack's template explains its own rules.
"""

from perfxl.config import RulePack
from perfxl.domain.kinds import Stage
from perfxl.forms.layout.formulas import redistribution
from perfxl.forms.layout.spec import DEVIATION_CAUSES, LIKELIHOOD, QUALITATIVE_RESULTS, Column, Layout, Table

# What each column means and how to fill it (key → Chinese). Keys are Column keys; "tasks." for the task table.
COLUMN_HELP = {
    "level1": "一级指标，从下拉列表选择：产出指标、效益指标、满意度指标（按规则版本可能另有成本指标）。",
    "level2": "二级指标，先选一级指标，再从下拉列表选择对应的二级指标（如数量指标、质量指标、时效指标）。",
    "name": "三级指标名称，写明考核的具体内容，如“维修改造学校数量”。一行填写一个指标。",
    "direction": "指标性质：≥ 表示越大越好（不低于目标即达标）；≤ 表示越小越好（不高于目标即达标）；"
                 "= 表示应等于目标；定性 表示按“达成/部分达成/未达成”三档评价。",
    "target": "指标值（目标值）：定量指标只填数字，比较方式（≥、≤、=）选在“指标性质”列，单位写在“计量单位”列"
              "（如“≥95%”：指标性质选 ≥，指标值填 95，单位选 %）；直接写成“≥5000”“≤30天”的也能识别计分"
              "（指标性质已选的，以指标性质为准）。时限指标可填日期（计量单位选“日期”）；定性指标填文字描述。",
    "midterm_target": "中期指标值：项目实施期内的目标值，填法同年度指标值。",
    "adjusted_target": "调整指标值：年度中经批准调整的目标值；未调整的留空，自动按年初指标值评分。",
    "unit": "计量单位，可从下拉列表选择，也可直接输入（如 所、人次、%、天、万元）。",
    "basis": "取值依据：计划标准、行业标准、历史标准或其他经确认的标准。",
    "actual": "实际完成值：定量指标只填数字，单位与计量单位一致；定性指标从下拉列表选择三档结果之一；"
              "时限指标填实际完成日期；指标不适用时填“—”。",
    "weight": "分值（权重）：该指标所占分值，得分不会超过分值。各指标分值之和加上预算执行率分值应为100分"
              "（未设置满意度指标的，其分值应在设置指标时分配到产出、效益指标）。",
    "score": "得分：根据指标性质、指标值、实际完成值和分值自动计算，不需要手工填写。显示“待核”的，"
             "表格无法自动计分（见评分规则），总分也显示“待核”，请按提示修改填写内容或由评价人员据实评分。",
    "deviation": "偏差原因分析及改进措施：未完成目标或明显超额完成的，须说明原因和下一步改进措施。",
    "progress": "1—N月执行情况：截至监控日的实际完成值，填法同实际完成值。",
    "forecast": "全年预计完成情况：预计全年能达到的值。",
    "likelihood": "完成目标可能性：确定能、有可能、完全不可能（从下拉列表选择）。",
    "measures": "纠偏措施：预计不能完成目标的，写明拟采取的措施。",
    "remark": "备注：其他需要说明的情况。",
    "tasks.name": "任务名称：部门（单位）年度主要工作任务，一行一项。",
    "tasks.content": "主要内容：任务的具体内容。",
    "tasks.total": "预算金额总额（万元）：应等于财政拨款与其他资金之和。",
    "tasks.fiscal": "其中：财政拨款（万元）。",
    "tasks.other": "其他资金（万元）。",
}
_MONITOR_HELP = {
    "deviation": "偏差原因分析：可从下拉列表选择原因类别（" + "、".join(DEVIATION_CAUSES) + "），也可直接写明具体原因。",
}


def column_help(layout: Layout, table: Table, col: Column) -> str:
    if table.name == "tasks":
        return COLUMN_HELP.get(f"tasks.{col.key}", "")
    if layout.kind.facts.stage is Stage.MONITOR and col.key in _MONITOR_HELP:
        return _MONITOR_HELP[col.key]
    return COLUMN_HELP.get(col.key, "")


_POINT = {"upper": "上限", "lower": "下限", "middle": "中点"}


def _pct(x: float) -> str:
    return f"{x * 100:g}%"


def scoring_rules(pack: RulePack) -> list[str]:
    """The scoring rules of docs/dev/domain.md §3, worded for a department accountant."""
    q = pack.qualitative
    rest = pack.total_weight - pack.budget_weight - pack.level1_weights.get("满意度指标", 0)
    fixed = {k: v for k, v in pack.missing_satisfaction_fixed.items() if v > 0}
    reverse = ("分值 × 指标值 ÷ 实际完成值" if pack.reverse_variant == "ratio"
               else "分值 × (1 − 超出部分 ÷ 指标值)，超出一倍及以上得0分")
    redistribute = redistribution(pack)
    if redistribute is None:
        weights = (f"8. 各指标按所填分值计分，得分不超过分值。未设置满意度指标、各指标分值合计为{rest:g}分的，"
                   "不自动放大各指标分值；满意度指标的分值应在设置指标时分配到产出、效益指标。")
    else:
        weights = f"8. 未设置满意度指标、且各指标分值合计为{rest:g}分的，满意度指标的分值" + (
            "按规则配置分配：" + "、".join(f"{k}{v:g}分" for k, v in fixed.items()) + "（各指标按原分值比例调整）。"
            if redistribute == "fixed" and fixed else "按各指标分值比例分配到其余指标。")
    full = f"{pack.total_weight:g}"
    return [
        f"1. 预算执行率得分 = 预算执行率分值（{pack.budget_weight:g}分）× min(全年执行数 ÷ 全年预算数, 1)，"
        "执行数超过预算数的得满分。全年预算数或全年执行数未填、全年预算数不大于0时不计分，得分显示“待核”。",
        "2. 指标性质为“≥”的（越大越好）：实际完成值不低于指标值得满分；否则得 分值 × 实际完成值 ÷ 指标值。"
        f"实际完成值达到指标值{pack.over_completion_threshold:g}倍及以上的，须在偏差原因分析中说明" + (
            f"，并按超出倍数每 1 倍扣减分值的{_pct(pack.over_completion_deduction)}。"
            if pack.over_completion_deduction > 0 else "。")
        + _inferred(pack),
        f"3. 指标性质为“≤”的（越小越好）：实际完成值不高于指标值得满分；否则得 {reverse}。",
        "4. 指标性质为“=”的：指标值大于0时" + (
            "按偏离程度计分：分值 × max(0, 1 − |实际完成值 − 指标值| ÷ 指标值)" if pack.equality_overshoot
            else "同“≥”计分") + "；指标值为0时，实际完成值不大于0得满分，否则得0分。",
        f"5. 定性指标（指标性质为“定性”，或指标值为文字表述）：“{QUALITATIVE_RESULTS[0]}”得分值的"
        f"{_pct(q.full[0])}—{_pct(q.full[1])}，“{QUALITATIVE_RESULTS[1]}”得{_pct(q.partial[0])}—{_pct(q.partial[1])}，"
        f"“{QUALITATIVE_RESULTS[2]}”得{_pct(q.fail[0])}—{_pct(q.fail[1])}。"
        f"实际完成值从下拉列表选择三档之一的，本表按该档{_POINT[q.default_point]}自动计分；“已完成”“按时完成”“达标”"
        "等表述视同达成年度指标；实际完成值与文字表述的指标值相同（如都写“明显改善”），且不含“未”“部分”“基本”"
        "等词的，视为达成年度指标。实际完成值写的是其他文字的，表格无法判断档次，得分显示“待核”："
        "请从下拉列表选择评价档次，具体情况写在偏差原因分析栏。",
        "6. 计量单位为“日期”的时限指标：实际完成日期不晚于指标值日期得满分，否则得0分。",
        "7. 实际完成值或指标值填“—”“/”“*”“不适用”的指标不计分，各指标得分不超过其分值，" + (
            f"总分按适用指标折算到{full}分：总分 = (预算执行率得分 + 各适用指标得分) × {full} ÷ ({full} − 不适用指标分值之和)。"
            if pack.rescale_not_applicable else "其分值不再分配，总分不折算。"),
        weights,
        f"9. 总分 = 预算执行率得分 + 各指标得分（有不适用指标的按第7条折算），满分{full}分。等级："
        + "；".join(_grade_text(pack)) + "。",
        "10. 实际完成值未填写的指标得0分；指标值和实际完成值都未填写的，无从计分。实际完成值含有计量单位以外的文字、"
        "无法换算成数值的（如“约25人”“1.2万”而计量单位为“人”），以及无从计分、未填分值的，得分显示“待核”，总分也显示“待核”，不会少计分而不提示："
        "请改为只填数字，或由评价人员据实评分。",
    ]


def _inferred(pack: RulePack) -> str:
    """How a target without an operator is read (docs/dev/domain.md §3.11, the pack's direction lexicon)."""
    d = pack.direction
    if not (d.lower_words or d.lower_units):
        return "指标性质未选、指标值也未写比较符号的，按“≥”计分。"
    lower = "、".join(f"“{w}”" for w in d.lower_words[:5])
    units = "、".join(d.lower_units[:4])
    return (f"指标性质未选、指标值也未写比较符号的，按指标名称判断：名称含{lower}等越低越好的词，"
            f"或计量单位为{units}等时限的，按“≤”计分；其余按“≥”计分（名称含“完成率”“达标率”等的按“≥”）。"
            "为免误判，请在指标性质栏选择比较方式。")


def _grade_text(pack: RulePack) -> list[str]:
    bands = pack.grade_bands
    out = []
    for i, (name, low) in enumerate(bands):
        if i == 0:
            out.append(f"{name} ≥ {low:g}分" if pack.grade_lower_inclusive else f"{name} > {low:g}分")
        elif low <= 0:
            out.append(f"{name} < {bands[i - 1][1]:g}分")
        else:
            out.append(f"{name} {low:g}—{bands[i - 1][1]:g}分")
    return out


def general_notes(layout: Layout, has_scores: bool) -> list[str]:
    notes = [
        "1. 浅黄色单元格为填写区，其余单元格（标题、栏目名称和公式）已锁定，防止误改。",
        "2. 工作表保护未设密码：如需增加指标行或调整格式，可在“审阅”选项卡点击“撤销工作表保护”，"
        "修改后再“保护工作表”。增加指标行时请在表格中间整行复制后“插入复制的单元格”，公式会随之复制，合计自动包含新行。",
        "3. 带下拉箭头的单元格可从列表选择；二级指标的可选项随一级指标变化。",
        "4. 金额单位为万元；百分比指标的指标值和实际完成值只填数字（如 95% 填 95），单位写“%”。",
        "5. 橙色底色表示必填项尚未填写；得分显示为红色表示该指标未达到目标值。",
        "6. 年度填在标题下方的括号内，只填四位数字年份（如 2024）。",
    ]
    if layout.kind.facts.stage is Stage.MONITOR:
        notes.append("7. 完成目标可能性为“" + "”或“".join(LIKELIHOOD[1:]) + "”的，须填写偏差原因分析和纠偏措施。")
    if has_scores:
        notes.append(f"{len(notes) + 1}. 表格右侧隐藏的“计算列”用于自动评分，请勿删除或修改。")
    return notes
