import pytest

from perfxl.domain import HIERARCHIES, Edition, FormKind
from perfxl.domain.hierarchy import canonical_level
from perfxl.domain.kinds import kind_by_title


def test_editions_differ_on_cost():
    e2020, e2021 = HIERARCHIES[Edition.E2020], HIERARCHIES[Edition.E2021]
    assert "成本指标" in e2020.level2("产出指标") and "成本指标" not in e2020.level1
    assert "成本指标" in e2021.level1 and "成本指标" not in e2021.level2("产出指标")
    assert e2021.parent_of("经济成本指标") == "成本指标"
    assert e2020.parent_of("服务对象满意度指标") == "满意度指标"


@pytest.mark.parametrize(("label", "expected"), [
    ("产出指标", "产出指标"), ("产出", "产出指标"), ("产出指标（50分）", "产出指标"), (" 效益 指标 ", "效益指标"),
    ("满意度指标(10分)", "满意度指标"), ("", None), (None, None),
])
def test_canonical_level(label, expected):
    assert canonical_level(label) == expected


@pytest.mark.parametrize(("text", "kind"), [
    ("项目支出绩效自评表", FormKind.PROJECT_SELFEVAL),
    ("2024年度 项目支出 绩效自评表", FormKind.PROJECT_SELFEVAL),
    ("部门整体支出绩效自评表", FormKind.DEPT_SELFEVAL),
    ("部门（单位）整体支出绩效目标申报表", FormKind.DEPT_GOAL),
    ("单位整体支出绩效目标申报表", FormKind.DEPT_GOAL),
    ("项目支出绩效目标申报表", FormKind.PROJECT_GOAL),
    ("项目支出绩效运行监控表", FormKind.PROJECT_MONITOR),
    ("工资表", None),
])
def test_kind_by_title(text, kind):
    assert kind_by_title(text) is kind


def test_describe_path():
    from perfxl.domain import Form, FormKind, Indicator
    from perfxl.domain.paths import describe_path

    form = Form(kind=FormKind.PROJECT_SELFEVAL, indicators=(Indicator(name="群众满意度"),))
    assert describe_path("indicators[0].actual", form) == "第1个指标“群众满意度”·实际完成值"
    assert describe_path("indicators[4].score", form) == "第5个指标·得分"
    assert describe_path("budget.rate") == "执行率"
    assert describe_path("extra.foo") == "extra.foo"
    assert describe_path("indicators") == "绩效指标表"
    assert describe_path("indicators[0]", form) == "第1个指标“群众满意度”"


def test_every_finding_location_is_readable():
    """The 位置 an accountant sees is a cell or Chinese words, never a field path such as `indicators`."""
    import re

    from perfxl import api
    from perfxl.domain.paths import describe_path
    from perfxl.samples import generate

    english = re.compile(r"[A-Za-z_]{3,}")
    for sample in generate(120, seed=7):
        report = api.check(sample.form)
        for f in report.findings:
            shown = f.location or describe_path(f.path, sample.form)
            assert shown and not english.search(shown.split("!")[0] if f.location else shown), (f.code, shown)
