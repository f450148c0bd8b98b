"""Text measurement for written workbooks: spreadsheet apps do not grow the rows of a file written by a
program, so writers size wrapped rows themselves."""

LINE_HEIGHT = 15.0  # points per line of 11-point text


def display_width(text: str) -> int:
    """Width in character cells: a Chinese (or other East-Asian wide) character takes two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def wrapped_lines(text: str, width: float) -> int:
    """Lines `text` wraps to in a column `width` characters wide."""
    usable = max(int(width) - 1, 1)
    return sum(max(1, -(-display_width(line) // usable)) for line in str(text).split("\n"))


def row_height(cells: list[tuple[object, float]]) -> float:
    """Height in points of a row whose (text, column width) cells wrap."""
    return LINE_HEIGHT * max((wrapped_lines(str(text), width) for text, width in cells if text not in (None, "")),
                             default=1)
