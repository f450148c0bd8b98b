"""Deterministic, realistic sample forms of every kind, with a seeded share of planted faults.

Demo, tests and benchmarks all use these. `generate(n, seed)` returns `Sample`s: the form plus the
faults deliberately planted in it (fault name and field path), so tests can check that each planted
fault is reported at the right place. Self-scores of clean self-assessments are what the rules give
(computed by the engine, rounded as a unit would type them); faulty ones disagree on purpose.
"""

import random
from dataclasses import dataclass, replace

from perfxl.domain import Budget, Form, FormKind, Goals, Indicator, Project, Task, Unit
from perfxl.domain.vocabulary import QUALITATIVE_RESULTS

PLACES = ["青川县", "临江市", "安宁区", "新丰县", "宁远县", "清河区", "石门县", "东源县", "永和县", "松阳县",
          "龙泉市", "凤翔区", "长乐县", "丹江口市", "云溪区", "黎平县"]
DEPARTMENTS = [
    ("教育局", ["第一中学", "实验小学", "职业技术学校", "教师发展中心"]),
    ("卫生健康局", ["人民医院", "疾病预防控制中心", "妇幼保健院"]),
    ("农业农村局", ["农业技术推广中心", "动物疫病预防控制中心"]),
    ("交通运输局", ["公路事业发展中心", "农村公路管理站"]),
    ("民政局", ["社会福利院", "救助管理站"]),
    ("人力资源和社会保障局", ["就业服务中心", "职业技能鉴定中心"]),
    ("水利局", ["水利工程建设管理站", "河道管理所"]),
    ("文化广电旅游局", ["图书馆", "文化馆"]),
]
PROJECTS = {
    "教育局": ["义务教育学校校舍维修改造", "学生资助补助经费", "教师培训专项", "学前教育发展资金"],
    "卫生健康局": ["基本公共卫生服务补助", "基层医疗卫生机构设备购置", "重大传染病防控经费"],
    "农业农村局": ["高标准农田建设", "农业技术推广与服务补助", "动物防疫补助经费"],
    "交通运输局": ["农村公路养护工程", "危桥改造工程", "客运站建设补助"],
    "民政局": ["城乡最低生活保障资金", "特困人员救助供养", "养老服务体系建设"],
    "人力资源和社会保障局": ["职业技能提升行动", "就业创业补贴资金"],
    "水利局": ["中小河流治理工程", "农村饮水安全巩固提升", "小型水库除险加固"],
    "文化广电旅游局": ["公共文化服务体系建设", "非物质文化遗产保护"],
}

# 数量指标 that fit each project: (name, target, unit). An animal-epidemic project reports animals immunised,
# not hectares of farmland.
QUANTITY = {
    "义务教育学校校舍维修改造": [("维修改造学校数量", 3, "所"), ("维修改造校舍面积", 4200, "平方米")],
    "学生资助补助经费": [("资助学生人数", 1200, "人"), ("发放营养餐补助人数", 3500, "人")],
    "教师培训专项": [("教师培训人次", 8755, "人次"), ("开展培训班期数", 24, "期")],
    "学前教育发展资金": [("新增学前教育学位数", 360, "个"), ("资助幼儿人数", 480, "人")],
    "基本公共卫生服务补助": [("建立居民健康档案人数", 52000, "人"), ("老年人健康管理人数", 6800, "人")],
    "基层医疗卫生机构设备购置": [("采购医疗设备数量", 45, "台"), ("配备设备的卫生院数量", 12, "个")],
    "重大传染病防控经费": [("开展传染病筛查人次", 15000, "人次"), ("开展义诊次数", 24, "次")],
    "高标准农田建设": [("建成高标准农田面积", 1.2, "万亩"), ("新建灌溉渠道长度", 18, "公里")],
    "农业技术推广与服务补助": [("技术培训农民人次", 3600, "人次"), ("推广农业新技术数量", 8, "项")],
    "动物防疫补助经费": [("动物免疫数量", 8.5, "万头"), ("开展疫病监测采样数", 2400, "份")],
    "农村公路养护工程": [("农村公路养护里程", 126.5, "公里"), ("整治路面病害面积", 3.2, "万平方米")],
    "危桥改造工程": [("改造危桥数量", 6, "座"), ("新建桥梁长度", 180, "米")],
    "客运站建设补助": [("新建候车亭数量", 40, "个"), ("建成乡镇客运站数量", 2, "个")],
    "城乡最低生活保障资金": [("发放低保资金户数", 560, "户"), ("保障城乡低保对象人数", 1350, "人")],
    "特困人员救助供养": [("救助特困人员人数", 320, "人"), ("集中供养特困人员人数", 85, "人")],
    "养老服务体系建设": [("新建养老服务站点", 8, "个"), ("新增养老床位数", 120, "张")],
    "职业技能提升行动": [("职业技能培训人次", 2400, "人次"), ("取得职业资格证书人数", 1600, "人")],
    "就业创业补贴资金": [("发放创业补贴户数", 150, "户"), ("新增城镇就业人数", 1800, "人")],
    "中小河流治理工程": [("治理河道长度", 12.5, "公里"), ("新建堤防长度", 6.8, "公里")],
    "农村饮水安全巩固提升": [("巩固提升饮水工程数量", 15, "处"), ("受益农村人口", 2.3, "万人")],
    "小型水库除险加固": [("除险加固水库数量", 3, "座"), ("新增恢复蓄水库容", 120, "万立方米")],
    "公共文化服务体系建设": [("开展公益文化活动次数", 60, "场"), ("新增图书藏量", 2.5, "万册")],
    "非物质文化遗产保护": [("非遗项目保护数量", 12, "项"), ("开展非遗展演次数", 20, "场")],
}
assert set(QUANTITY) == {p for names in PROJECTS.values() for p in names}

# (level1, level2, name, direction, target number, unit, basis). Direction "定性" uses a phrase target;
# "deadline" uses a date target.
CATALOGUE = [
    ("产出指标", "数量指标", "开展宣传活动次数", "≥", 6, "次", "历史标准"),
    ("产出指标", "质量指标", "工程验收合格率", "≥", 95, "%", "行业标准"),
    ("产出指标", "质量指标", "设备完好率", "≥", 98, "%", "行业标准"),
    ("产出指标", "质量指标", "补助资金发放准确率", "=", 100, "%", "计划标准"),
    ("产出指标", "质量指标", "培训考核合格率", "≥", 90, "%", "历史标准"),
    ("产出指标", "时效指标", "资金拨付时限", "≤", 30, "天", "计划标准"),
    ("产出指标", "时效指标", "项目完工时间", "deadline", None, None, "计划标准"),
    ("产出指标", "时效指标", "问题整改完成时限", "≤", 60, "天", "计划标准"),
    ("产出指标", "成本指标", "单位产出成本", "≤", 1200, "元", "行业标准"),
    ("产出指标", "成本指标", "项目成本节约率", "≥", 3, "%", "历史标准"),
    ("效益指标", "经济效益指标", "带动就业人数", "≥", 200, "人", "计划标准"),
    ("效益指标", "经济效益指标", "农户户均增收", "≥", 1500, "元", "历史标准"),
    ("效益指标", "社会效益指标", "群众知晓率", "≥", 85, "%", "历史标准"),
    ("效益指标", "社会效益指标", "安全责任事故发生次数", "=", 0, "次", "行业标准"),
    ("效益指标", "社会效益指标", "服务保障能力提升情况", "定性", None, None, "其他经确认的标准"),
    ("效益指标", "生态效益指标", "垃圾无害化处理率", "≥", 95, "%", "行业标准"),
    ("效益指标", "可持续影响指标", "设施持续使用年限", "≥", 10, "年", "行业标准"),
    ("效益指标", "可持续影响指标", "长效管护机制建立情况", "定性", None, None, "其他经确认的标准"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", 90, "%", "历史标准"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", 85, "%", "历史标准"),
]
DEVIATIONS = ["受资金拨付进度影响，部分工程延后实施，已督促加快进度。",
              "实际需求高于预期，下年度将据实调整指标值。",
              "受天气因素影响工期，已调整施工计划。"]
# Department-wide indicators (docs/dev/forms.md §5 common set).
DEPT_CATALOGUE = [
    ("产出指标", "数量指标", "重点工作任务完成数", "≥", 12, "项", "计划标准"),
    ("产出指标", "数量指标", "预算执行率", "≥", 90, "%", "计划标准"),
    ("产出指标", "质量指标", "“三公”经费控制率", "≤", 100, "%", "计划标准"),
    ("产出指标", "质量指标", "政府采购执行率", "≥", 95, "%", "计划标准"),
    ("产出指标", "时效指标", "预决算信息公开及时率", "=", 100, "%", "行业标准"),
    ("产出指标", "成本指标", "结转结余率", "≤", 10, "%", "历史标准"),
    ("效益指标", "社会效益指标", "资金使用合规性", "定性", None, None, "其他经确认的标准"),
    ("效益指标", "可持续影响指标", "固定资产利用率", "≥", 85, "%", "行业标准"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", 90, "%", "历史标准"),
]

#: Faults a sample may carry (name → what is wrong). The linter tests map them to rule codes.
FAULTS = {
    "wrong_total": "总分不等于各项得分之和",
    "missing_actual": "缺少实际完成值",
    "full_marks_despite_shortfall": "未完成目标却给满分",
    "rate_misprint": "执行率与执行数/预算数不符",
    "missing_deviation": "未完成目标但未说明偏差原因",
    "funding_not_adding_up": "资金总额不等于财政拨款与其他资金之和",
    "vague_target": "指标值表述模糊",
}


@dataclass(frozen=True, slots=True)
class Sample:
    form: Form
    faults: tuple[tuple[str, str], ...] = ()  # (fault name, field path)


def _fmt(number: float) -> str:
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _split(total: float, parts: int, rng: random.Random) -> list[float]:
    """Split a weight into `parts` whole-number shares (whole half points when parts > total)."""
    step = 1.0 if parts <= total else 0.5
    units = int(round(total / step))
    cuts = sorted(rng.sample(range(1, units), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, units]
    return [(b - a) * step for a, b in zip(bounds, bounds[1:], strict=False)]


def _draw(pool: list[tuple], n: int, rng: random.Random) -> list[tuple]:
    """n entries without repeats while the pool lasts (repeats get numbered names later)."""
    picks = rng.sample(pool, min(n, len(pool)))
    return picks + [rng.choice(pool) for _ in range(n - len(picks))]


def _pick_indicators(rng: random.Random, count: int, satisfaction: bool, catalogue: list[tuple]) -> list[tuple]:
    by_level1: dict[str, list[tuple]] = {}
    for entry in catalogue:
        by_level1.setdefault(entry[0], []).append(entry)
    n_sat = 1 if satisfaction else 0
    n_eff = max(1, round((count - n_sat) * 0.35))
    n_out = count - n_sat - n_eff
    chosen = []
    for level1, n in (("产出指标", n_out), ("效益指标", n_eff), ("满意度指标", n_sat)):
        pool = by_level1[level1]
        if level1 == "产出指标":  # 产出 covers 数量 + 质量 + 时效 (docs/dev/domain.md §4)
            first = [next(e for e in pool if e[1] == level2) for level2 in ("数量指标", "质量指标", "时效指标")]
            rest = [e for e in pool if e not in first]
            picks = first[:n] + _draw(rest, max(0, n - 3), rng)
        else:
            picks = _draw(pool, n, rng)
        chosen.extend(picks)
    order = {entry[1]: i for i, entry in enumerate(catalogue)}
    return sorted(chosen, key=lambda e: (("产出指标", "效益指标", "满意度指标").index(e[0]), order[e[1]]))


def _actual(direction: str, target: float | None, unit: str | None, outcome: str, rng: random.Random,
            year: int) -> str:
    """The actual value text for a generated outcome: met / unmet / over / qualitative band."""
    if direction == "定性":
        return {"met": QUALITATIVE_RESULTS[0], "over": QUALITATIVE_RESULTS[0], "unmet": QUALITATIVE_RESULTS[1]}[outcome]
    if direction == "deadline":
        day = 20 if outcome != "unmet" else 28
        month = 11 if outcome != "unmet" else 12
        return f"{year}年{month}月{day}日"
    assert target is not None
    suffix = unit if unit == "%" else ""
    if direction == "=":
        value = target if outcome != "unmet" else (target + 1 if target == 0 else target * 0.98)
    elif direction == "≤":
        value = {"met": target * rng.uniform(0.8, 1.0), "over": target * 0.7,
                 "unmet": target * rng.uniform(1.05, 1.3)}[outcome]
    else:
        cap = 100.0 if unit == "%" else None
        value = {"met": target * rng.uniform(1.0, 1.1), "over": target * rng.uniform(1.35, 1.6),
                 "unmet": target * rng.uniform(0.75, 0.99)}[outcome]
        if cap is not None:
            value = min(value, cap)
    if unit in {"所", "人", "人次", "户", "次", "台", "年", "项", "座", "个", "场", "处"}:
        value = float(int(value)) if outcome == "unmet" else float(round(value))
    return _fmt(value) + suffix


def _target_text(direction: str, target: float | None, unit: str | None, year: int) -> str:
    if direction == "定性":
        return "达成年度指标"
    if direction == "deadline":
        return f"{year}年12月31日前"
    return f"{direction}{_fmt(target)}{'%' if unit == '%' else ''}"


class _Builder:
    def __init__(self, seed: int, indicators: int | None, fault_share: float):
        self.rng = random.Random(seed)
        self.dept = DEPARTMENTS[0][0]
        self.project = PROJECTS[self.dept][0]
        self.indicators = indicators
        self.fault_share = fault_share

    def identity(self) -> tuple[Unit, Project, int]:
        rng = self.rng
        place = rng.choice(PLACES)
        dept, subunits = rng.choice(DEPARTMENTS)
        self.dept = dept
        department = f"{place}{dept}"
        unit = Unit(name=f"{place}{rng.choice(subunits)}", code=f"{rng.randint(100, 999)}{rng.randint(1, 99):03d}",
                    department=department, implementer=f"{place}{rng.choice(subunits)}",
                    contact=rng.choice(["张丽", "王强", "李娜", "刘洋", "陈静", "杨帆"]),
                    phone=f"0{rng.randint(710, 899)}-{rng.randint(2000000, 8999999)}")
        year = rng.choice([2023, 2024, 2025])
        self.project = rng.choice(PROJECTS[dept])
        project = Project(name=f"{year}年{self.project}", code=f"P{year}-{rng.randint(1, 999):03d}",
                          attribute=rng.choice(["新增", "延续"]), period=f"{year}—{year + 2}")
        return unit, project, year

    def indicator_rows(self, year: int, with_actuals: bool, dept: bool = False) -> list[Indicator]:
        rng = self.rng
        count = self.indicators or (rng.randint(6, 9) if dept else rng.randint(7, 12))
        satisfaction = rng.random() > 0.1
        quantity = [("产出指标", "数量指标", name, "≥", target, unit, "计划标准") for name, target, unit in QUANTITY[self.project]]
        picks = _pick_indicators(rng, count, satisfaction, DEPT_CATALOGUE if dept else quantity + CATALOGUE)
        weights: dict[str, list[float]] = {}
        for level1 in ("产出指标", "效益指标", "满意度指标"):
            n = sum(1 for p in picks if p[0] == level1)
            base = {"产出指标": 50.0, "效益指标": 30.0, "满意度指标": 10.0}[level1]
            if not satisfaction and level1 != "满意度指标":
                base = {"产出指标": 60.0, "效益指标": 30.0}[level1]  # 10号: 满意度 weight moved to 产出
            weights[level1] = _split(base, n, rng) if n else []
        rows, seen = [], {}
        for level1, level2, name, direction, target, unit, basis in picks:
            i = seen[level1] = seen.get(level1, -1) + 1
            seen_names = sum(1 for r in rows if r.name and r.name.startswith(name))
            label = name if not seen_names else f"{name}（{seen_names + 1}）"
            outcome = rng.choices(["met", "unmet", "over"], weights=[0.72, 0.18, 0.1])[0]
            actual = _actual(direction, target, unit, outcome, rng, year) if with_actuals else None
            unmet = outcome == "unmet" or (outcome == "over" and direction not in ("定性", "deadline", "="))
            rows.append(Indicator(
                level1=level1, level2=level2, name=label,
                target=_target_text(direction, target, unit, year),
                unit=unit if unit else ("—" if direction != "deadline" else "日期"),
                actual=actual, weight=weights[level1][i],
                deviation=rng.choice(DEVIATIONS) if with_actuals and unmet else None,
                basis=basis,
            ))
        return rows

    def fault_choice(self, options: list[str]) -> list[str]:
        if self.rng.random() >= self.fault_share:
            return []
        return self.rng.sample(options, k=self.rng.choice([1, 1, 2]))


def _selfeval(b: _Builder, kind: FormKind) -> Sample:
    from perfxl.scoring import score_form  # samples sit above the engine: self-scores follow the rules

    rng = b.rng
    unit, project, year = b.identity()
    full_year = round(rng.uniform(30, 800), 2)
    rate = rng.choice([rng.uniform(0.92, 1.0), rng.uniform(0.7, 0.92), 1.0])
    executed = round(full_year * rate, 2)
    carryover = round(full_year * rng.choice([0, 0, 0.05, 0.1]), 2)
    other = round(full_year * rng.choice([0, 0, 0.08]), 2)
    budget = Budget(initial=round(full_year * rng.uniform(0.85, 1.0), 2), full_year=full_year, executed=executed,
                    fiscal=round(full_year - carryover - other, 2), carryover=carryover, other=other, weight=10)
    rows = b.indicator_rows(year, with_actuals=True, dept=kind.is_dept)
    form = Form(kind=kind, year=year, unit=unit, project=project if kind == FormKind.PROJECT_SELFEVAL else Project(),
                budget=budget,
                goals=Goals(annual=f"按计划完成{project.name}，资金及时足额拨付，服务对象满意度不低于90%。",
                            achieved="已按计划完成年度主要任务，资金拨付及时，服务对象总体满意。"),
                indicators=tuple(rows))
    if kind == FormKind.DEPT_SELFEVAL:
        form = replace(form, goals=replace(form.goals, adjusted=form.goals.annual))
    result = score_form(form)
    scored = [replace(ind, score=round(s.score, 2) if s.score is not None else None)
              for ind, s in zip(rows, result.indicators, strict=True)]
    budget = replace(budget, rate=f"{_fmt(executed / full_year * 100)}%",
                     score=round(result.budget.score, 2) if result.budget.score is not None else None)
    faults: list[tuple[str, str]] = []
    wrong_total = False
    touched: set[int] = set()  # one planted fault per row, so none hides another
    for fault in b.fault_choice(["wrong_total", "missing_actual", "full_marks_despite_shortfall", "rate_misprint",
                                 "missing_deviation"]):
        if fault == "wrong_total":
            wrong_total = True
        elif fault == "missing_actual":
            i = rng.choice([i for i in range(len(scored)) if i not in touched])
            touched.add(i)
            scored[i] = replace(scored[i], actual=None, score=0.0)
            faults.append((fault, f"indicators[{i}].actual"))
        elif fault == "full_marks_despite_shortfall":
            short = [i for i, ind in enumerate(scored) if ind.score is not None and ind.weight
                     and ind.score < ind.weight - 0.01 and ind.actual and i not in touched]
            if short:
                i = rng.choice(short)
                touched.add(i)
                scored[i] = replace(scored[i], score=scored[i].weight)
                faults.append((fault, f"indicators[{i}].score"))
        elif fault == "rate_misprint":
            budget = replace(budget, rate=f"{_fmt(executed / full_year * 100 + rng.choice([-7.3, 4.1, 12.6]))}%")
            faults.append((fault, "budget.rate"))
        elif fault == "missing_deviation":
            unmet = [i for i, ind in enumerate(scored)
                     if ind.deviation and ind.actual and i not in touched
                     and ((ind.score is not None and ind.score < ind.weight - 0.01) or result.indicators[i].over_completed)]
            if unmet:
                i = rng.choice(unmet)
                touched.add(i)
                scored[i] = replace(scored[i], deviation=None)
                faults.append((fault, f"indicators[{i}].deviation"))
    total = round(sum(ind.score or 0 for ind in scored) + (budget.score or 0), 2)
    if wrong_total:
        total = round(total + rng.choice([-5, -2.5, 3, 8]), 2)
        faults.append(("wrong_total", "total"))
    return Sample(replace(form, indicators=tuple(scored), budget=budget, total=total), tuple(faults))


def _goal(b: _Builder, kind: FormKind) -> Sample:
    rng = b.rng
    unit, project, year = b.identity()
    annual = round(rng.uniform(30, 600), 2)
    other = round(annual * rng.choice([0, 0, 0.1]), 2)
    midterm = round(annual * 3, 2)
    budget = Budget(full_year=annual, fiscal=round(annual - other, 2), other=other,
                    midterm_total=midterm, midterm_fiscal=round(midterm - other * 3, 2), midterm_other=round(other * 3, 2))
    rows = [replace(r, midterm_target=r.target if kind == FormKind.PROJECT_GOAL else None)
            for r in b.indicator_rows(year, with_actuals=False, dept=kind.is_dept)]
    tasks: tuple[Task, ...] = ()
    if kind == FormKind.DEPT_GOAL:
        amounts = _split(annual, 3, rng) if annual >= 3 else [annual]
        tasks = tuple(Task(name=name, content=content, total=round(a, 2), fiscal=round(a, 2), other=0.0)
                      for (name, content), a in zip([("保障机构正常运转", "人员经费和日常公用经费"),
                                                     ("重点业务工作", "履行主要职能的业务支出"),
                                                     ("专项项目实施", "年度专项项目建设与管理")], amounts, strict=False))
        budget = replace(budget, midterm_total=None, midterm_fiscal=None, midterm_other=None, other=0.0,
                         fiscal=round(sum(t.total for t in tasks), 2), full_year=round(sum(t.total for t in tasks), 2))
        project = Project()
    faults: list[tuple[str, str]] = []
    for fault in b.fault_choice(["funding_not_adding_up", "vague_target"]):
        if fault == "funding_not_adding_up":
            budget = replace(budget, full_year=round((budget.full_year or 0) + rng.choice([5, 12.5, 30]), 2))
            faults.append((fault, "budget.full_year"))
        else:
            i = rng.randrange(len(rows))
            rows[i] = replace(rows[i], target="较上年明显提高")
            faults.append((fault, f"indicators[{i}].target"))
    goals = Goals(annual=f"目标1：按计划实施{project.name or '年度重点工作'}；目标2：资金拨付及时，服务对象满意度不低于90%。",
                  midterm=f"{year}—{year + 2}年：持续改善服务条件，建立长效管护机制。" if kind == FormKind.PROJECT_GOAL else None)
    form = Form(kind=kind, year=year, unit=unit, project=project, budget=budget, goals=goals, indicators=tuple(rows),
                tasks=tasks)
    return Sample(form, tuple(faults))


def _monitor(b: _Builder) -> Sample:
    rng = b.rng
    unit, project, year = b.identity()
    month = rng.choice([6, 7, 8])
    full_year = round(rng.uniform(30, 600), 2)
    to_date = round(full_year * rng.uniform(0.2, 0.8), 2)
    budget = Budget(initial=full_year, full_year=full_year, fiscal=full_year, other=0.0, executed_to_date=to_date,
                    forecast=round(full_year * rng.uniform(0.9, 1.0), 2),
                    as_of=f"{year}-{month:02d}-{30 if month == 6 else 31}")
    rows = []
    for r in b.indicator_rows(year, with_actuals=True):
        behind = rng.random() < 0.2
        rows.append(replace(
            r, actual=None, deviation=None, progress=r.actual if not behind else "部分完成",
            forecast=r.target, likelihood="有可能" if behind else "确定能",
            remark=None, measures="加快项目实施进度，加强督促检查。" if behind else None,
        ))
        if behind:
            rows[-1] = replace(rows[-1], deviation=rng.choice(["经费保障", "制度保障", "人员保障", "硬件条件保障"]))
    goals = Goals(annual=f"按计划完成{project.name}年度任务。", progress=f"1—{month}月已完成主要任务的{rng.randint(40, 75)}%。")
    return Sample(Form(kind=FormKind.PROJECT_MONITOR, year=year, unit=unit, project=project, budget=budget,
                       goals=goals, indicators=tuple(rows)))


_KINDS = [FormKind.PROJECT_SELFEVAL] * 5 + [FormKind.PROJECT_GOAL, FormKind.DEPT_GOAL, FormKind.PROJECT_MONITOR,
                                          FormKind.DEPT_SELFEVAL]


def generate(n: int, seed: int = 2024, *, kinds: list[FormKind] | None = None, indicators: int | None = None,
             fault_share: float = 0.25) -> list[Sample]:
    """`n` samples, deterministic for a seed. Default mix: mostly project self-assessments, every kind present."""
    b = _Builder(seed, indicators, fault_share)
    pool = kinds or _KINDS
    samples = []
    for i in range(n):
        kind = pool[i % len(pool)]
        if kind.is_selfeval:
            samples.append(_selfeval(b, kind))
        elif kind.is_goal:
            samples.append(_goal(b, kind))
        else:
            samples.append(_monitor(b))
    return samples


def generate_forms(n: int, seed: int = 2024, **options) -> list[Form]:
    """Just the forms of `generate`."""
    return [s.form for s in generate(n, seed, **options)]
