"""Text normalisation before parsing: full-width forms, look-alike operators, spaces, compound-unit spellings."""

from __future__ import annotations

import re

# --- normalisation -------------------------------------------------------------------------------

_TABLE: dict[int, int | str | None] = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # full-width ASCII
_TABLE.update({ord(c): " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"})
_TABLE.update({c: " " for c in range(0x2000, 0x200B)})
_TABLE.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})
_TABLE.update({ord(c): "≥" for c in "≧⩾⪖"})
_TABLE.update({ord(c): "≤" for c in "≦⩽⪕"})
_TABLE.update({ord(c): "=" for c in "═⩵꞊﹦"})  # look-alikes typed for "=" (box drawing, small form variant)
_TABLE.update({ord(c): ">" for c in "〉\u232a›﹥"})
_TABLE.update({ord(c): "<" for c in "〈\u2329‹﹤"})
_TABLE.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u2500\u2501"})
_TABLE.update({ord(c): "~" for c in "\u301c\u2053\u223c"})
_TABLE.update({ord("﹪"): "%", ord("【"): "[", ord("】"): "]", ord("〔"): "(", ord("〕"): ")",
               ord("∶"): ":", ord("﹕"): ":", ord("\u3007"): "〇"})

_NEEDS_TABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + r"\s]")
_EDGE_PUNCT = " .,;:!?。、…'\"“”‘’「」『』《》"
_SPACE_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_SPACE_DROP = re.compile(r"(?<!\d) | (?!\d)")
_CJK_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\.(?=[\u4e00-\u9fff])")  # never a decimal point
_UNIT_PAREN = re.compile(r"/\(([\u4e00-\u9fff]{1,4}(?:[*×xX✕・･.·•∙⋅/][\u4e00-\u9fff]{1,4}){0,2})\)")


def _normalise(text: str) -> str:
    if text.isascii() and text.isprintable():
        if " " not in text:
            return text.strip(_EDGE_PUNCT)
        s = text
    elif "——" in text:  # a Chinese dash between two values ("90%——95%"), never two minus signs
        s = text.replace("——", "~").translate(_TABLE)
    elif _NEEDS_TABLE.search(text):  # most Chinese text has nothing to translate: skip the slow translate
        s = text.translate(_TABLE)
    else:
        s = text
    if " " in s:
        s = " ".join(s.split())
        s = _SPACE_DROP.sub("", _SPACE_THOUSANDS.sub("", s))
    if "/" in s:  # compound units: 元/人.月, 元/(人·月) → 元/人·月
        s = _UNIT_PAREN.sub(r"/\1", _CJK_DOT.sub("·", s))
    return s.strip(_EDGE_PUNCT)


_PUNCT_KEY = re.compile(r"[\W_]+")


def _phrase_key(s: str) -> str:
    return _PUNCT_KEY.sub("", s).casefold()
