"""Bounds on what one collected file may cost (rule pack [limits])."""

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one file may cost. Generous for real forms, fatal for bombs."""

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


DEFAULT_LIMITS = Limits()
