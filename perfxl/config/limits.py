"""Bounds on what one collected file may cost: the rule pack's [limits] (defaults.toml), used by the reader's
safety checks (forms/read/sniff) and the batch workers (time and memory per file)."""

import math
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one file may cost. Generous for real forms, fatal for bombs.

    The defaults are defaults.toml's [limits] (a test keeps the two equal); `from_table` reads that table."""

    max_file_bytes: int = 100 * MB  # on disk
    max_uncompressed: int = 200 * MB  # sum of all zip members
    max_ratio: float = 100.0  # compression ratio of any member larger than `ratio_floor`
    ratio_floor: int = 1 * MB  # tiny members compress extremely well and are harmless
    max_members: int = 5000
    max_sheet_xml: int = 50 * MB  # one worksheet part; larger sheets are streamed, not loaded
    max_other_part: int = 64 * MB  # shared strings, styles …: parsers load these whole
    max_rows: int = 5000  # rows read per sheet
    max_cols: int = 100  # columns read per sheet
    max_blank_run: int = 200  # the reader stops a table after this many blank rows
    seconds_per_file: float = 60.0  # batch: reading, checking and scoring one file
    worker_memory: int | None = 4096 * MB  # batch: address space of one worker process; None = unbounded

    @classmethod
    def from_table(cls, table: dict) -> "Limits":
        """Limits from a validated [limits] table (sizes in MB, see defaults.toml)."""
        memory = table["worker_memory_mb"]
        return cls(
            max_file_bytes=_bytes(table["file_mb"]),
            max_uncompressed=_bytes(table["unpacked_mb"]),
            max_ratio=float(table["ratio"]),
            max_members=int(table["parts"]),
            max_other_part=_bytes(table["part_mb"]),
            max_rows=int(table["rows"]),
            max_cols=int(table["columns"]),
            seconds_per_file=float(table["seconds_per_file"]),
            worker_memory=_bytes(memory) if memory else None,
        )


SETTINGS = {  # [limits] key → whether it must be a whole number
    "file_mb": False, "unpacked_mb": False, "part_mb": False, "ratio": False, "parts": True, "rows": True,
    "columns": True, "seconds_per_file": False, "worker_memory_mb": False,
}


def table_problems(table: dict) -> list[tuple[str, str]]:
    """(key, Chinese message) for each unusable value of a [limits] table."""
    found = []
    for key, whole in SETTINGS.items():
        value = table[key]
        zero_ok = key == "worker_memory_mb"
        if not (math.isfinite(value) and (value > 0 or (zero_ok and value == 0))):
            found.append((key, "应为正数" + ("（0 表示不限制）" if zero_ok else "")))
        elif whole and not float(value).is_integer():
            found.append((key, "应为正整数"))
    return found


def raise_hint(key: str) -> str:
    """How to lift a bound: the setting that governs it."""
    return f"如确属正常文件，可在规则配置（perfxl.toml）的 [limits] 中调高 {key}"


def _bytes(mb: float) -> int:
    return round(mb * MB)


DEFAULT_LIMITS = Limits()
