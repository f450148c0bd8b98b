"""The rule pack's [documents] settings, working-day deadlines, 发文字号 and 成文日期 (GB/T 9704-2012)."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from perfxl.config import ConfigError, RulePack, default_pack


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    issuer: str
    number_prefix: str
    signatory: str
    contact: str
    phone: str
    reply_to: str
    reply_method: str
    rectification_working_days: int
    reminder_working_days: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    templates: Path | None


def _dates(pack: RulePack, key: str, values: list) -> frozenset[date]:
    out = set()
    for value in values:
        try:
            out.add(date.fromisoformat(str(value)))
        except ValueError:
            raise ConfigError(f"{pack.source_label()}: 配置项 documents.{key} 中的 {value!r} 不是日期（应为 \"2026-10-01\" 形式）") from None
    return frozenset(out)


@cache
def document_settings(pack: RulePack | None = None) -> DocumentSettings:
    """Validate and resolve the pack's [documents] table (cached per pack)."""
    pack = pack or default_pack()
    data = pack.data["documents"]
    for key in ("rectification_working_days", "reminder_working_days"):
        value = data[key]
        if not float(value).is_integer() or value < 1:
            raise ConfigError(f"{pack.source_label()}: 配置项 documents.{key} 应为正整数，实际为 {value!r}")
    folder = data["templates"].strip()
    return DocumentSettings(
        issuer=data["issuer"], number_prefix=data["number_prefix"], signatory=data["signatory"],
        contact=data["contact"], phone=data["phone"], reply_to=data["reply_to"], reply_method=data["reply_method"],
        rectification_working_days=int(data["rectification_working_days"]),
        reminder_working_days=int(data["reminder_working_days"]),
        holidays=_dates(pack, "holidays", data["holidays"]), workdays=_dates(pack, "workdays", data["workdays"]),
        templates=Path(folder) if folder else None,
    )


def is_working_day(day: date, settings: DocumentSettings) -> bool:
    if day in settings.workdays:
        return True
    return day.weekday() < 5 and day not in settings.holidays


def add_working_days(start: date, days: int, settings: DocumentSettings) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    day = start
    left = days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day, settings):
            left -= 1
    return day


def working_days_between(start: date, end: date, settings: DocumentSettings) -> int:
    """Working days after `start` up to and including `end` (0 when end ≤ start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day, settings)
    return count


def rectification_deadline(issued: date, pack: RulePack | None = None) -> date:
    """The deadline of a rectification notice issued on `issued` ([documents] rectification_working_days)."""
    s = document_settings(pack)
    return add_working_days(issued, s.rectification_working_days, s)


def document_number(pack: RulePack | None, year: int, sequence: int | str) -> str:
    """发文字号 "×财绩〔2026〕12号" (GB/T 9704-2012 §7.2.4: 六角括号, no leading zeros)."""
    return f"{document_settings(pack).number_prefix}〔{year}〕{int(sequence)}号"


def date_text(day: date | None) -> str:
    """成文日期 in Arabic numerals, no leading zeros: "2026年12月6日" (GB/T 9704-2012 §7.3.5.1)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
