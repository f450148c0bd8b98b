"""Indicator hierarchy (一级/二级) per rule edition — docs/dev/domain.md §2.

2020 edition: 财预〔2020〕10号 附1 (项目支出绩效自评表) — 成本指标 is a 二级 under 产出指标.
2021 edition: 财预〔2021〕101号 — 成本指标 is its own 一级 with 经济/社会/生态环境成本指标.
"""

from dataclasses import dataclass
from enum import StrEnum


class Edition(StrEnum):
    E2020 = "2020"
    E2021 = "2021"


OUTPUT = "产出指标"
EFFECT = "效益指标"
SATISFACTION = "满意度指标"
COST = "成本指标"


@dataclass(frozen=True, slots=True)
class Hierarchy:
    edition: Edition
    levels: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def level1(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.levels)

    def level2(self, level1: str) -> tuple[str, ...]:
        for name, children in self.levels:
            if name == level1:
                return children
        return ()

    def parent_of(self, level2: str) -> str | None:
        for name, children in self.levels:
            if level2 in children:
                return name
        return None


HIERARCHIES = {
    Edition.E2020: Hierarchy(
        Edition.E2020,
        (
            (OUTPUT, ("数量指标", "质量指标", "时效指标", "成本指标")),
            (EFFECT, ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
            (SATISFACTION, ("服务对象满意度指标",)),
        ),
    ),
    Edition.E2021: Hierarchy(
        Edition.E2021,
        (
            (OUTPUT, ("数量指标", "质量指标", "时效指标")),
            (COST, ("经济成本指标", "社会成本指标", "生态环境成本指标")),
            (EFFECT, ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
            (SATISFACTION, ("服务对象满意度指标",)),
        ),
    ),
}


def canonical_level(label: str | None) -> str | None:
    """Normalise common spellings of 一级/二级 labels: '产出' → '产出指标', weights in brackets dropped."""
    if not label:
        return None
    text = "".join(str(label).split())
    for bracket in ("（", "("):
        if bracket in text:
            text = text.split(bracket, 1)[0]
    if not text:
        return None
    if not text.endswith("指标"):
        text += "指标"
    if text == "满意度指标" or text == "服务对象满意度指标":
        return text
    return text
