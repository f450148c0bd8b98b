"""Word documents with hostile text in every field of every context: each printed field comes out verbatim (control
characters as their visible pictures), the XML stays intact, nothing is evaluated as a template or a field code."""

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_documents_render import ISSUED, contexts, docx_text, forms_by_kind

from perfxl import api
from perfxl.documents import KINDS, summary_context, template

HOSTILE = "<&>\"' {{ issuer }} {%p if x %}{% endif %} =cmd|'/C calc'!A0 \u202e右至左 \x00\x07\x0b\ufffe\ud800 🙂"
PICTURES = {chr(c): chr(0x2400 + c) for c in range(0x20)} | {"\x7f": "\u2421"}


def visible(text: str) -> str:
    """What the documents print for a text: control characters as pictures; non-characters and lone surrogates
    as U+FFFD."""
    text = "".join(PICTURES.get(ch, ch) for ch in text if ch not in "\t\n")
    return "".join("\ufffd" if ch in "\ufffe\uffff" or "\ud800" <= ch <= "\udfff" else ch for ch in text)


def leaves(value, path=()):
    """(path, value) of every text and integer in a context."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from leaves(item, (*path, i))
    else:
        yield path, value


def replaced(value, new):
    """The context with each leaf replaced by new(path, old)."""
    def walk(item, path):
        if isinstance(item, dict):
            return {k: walk(v, (*path, k)) for k, v in item.items()}
        if isinstance(item, list | tuple):
            return [walk(v, (*path, i)) for i, v in enumerate(item)]
        return new(path, item)
    return walk(value, ())


def rendered_text(kind: str, context: dict) -> tuple[str, str]:
    """The document's text and its body XML (python-docx must parse it)."""
    data = template(kind).render(context)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode("utf-8")
    return docx_text(data), body


REPORTS = {kind: api.check(form) for kind, form in forms_by_kind().items()}
RESULTS = [{"file": f"{i}.xlsx", "status": status, "kind": "project_selfeval", "kind_label": "项目支出绩效自评表",
            "unit": f"单位{i}", "department": "主管部门", "year": 2025, "total": total, "grade": grade,
            "ranking_grade": "良好", "errors": errors, "warnings": 1, "execution_rate": rate, "score": None,
            "findings": [{"code": "S205", "severity": "warning", "message": "问题说明", "location": "自评表!H9"}]}
           for i, (status, total, grade, errors, rate) in enumerate([
               ("scored", 91.5, "优", 0, 0.95), ("errors", 55.0, "差", 2, 0.4), ("not_form", None, None, 1, None)])]
CONTEXTS = {**contexts(REPORTS), "汇总分析": summary_context(RESULTS, issued=ISSUED)}


def test_every_text_field_of_every_context_is_printed_verbatim():
    assert set(CONTEXTS) == set(KINDS)
    for kind, context in CONTEXTS.items():
        texts = [path for path, value in leaves(context) if isinstance(value, str)]
        plain = {path: f"⟦{i}⟧" for i, path in enumerate(texts)}
        hostile = {path: f"⟦{i}⟧{HOSTILE}" for i, path in enumerate(texts)}
        shown, _ = rendered_text(kind, replaced(context, lambda path, old, m=plain: m.get(path, old)))
        printed = [path for path in texts if plain[path] in shown]
        assert len(printed) >= len(texts) // 2, (kind, len(printed), len(texts))
        text, body = rendered_text(kind, replaced(context, lambda path, old, m=hostile: m.get(path, old)))
        assert not [path for path in printed if visible(hostile[path]) not in text], kind
        assert "instrText" not in body and "fldSimple" not in body and "{{ issuer }}" in text


def test_ten_megabyte_field(tmp_path):
    context = dict(CONTEXTS["整改通知"], unit="单" * 10_000_000)
    text, _ = rendered_text("整改通知", context)
    assert "单" * 10_000_000 in text


texts = st.one_of(st.text(), st.text(st.characters(codec="utf-8")), st.sampled_from(["", " ", "\n" * 50, HOSTILE]))
numbers = st.integers(min_value=-(10**30), max_value=10**30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(KINDS)), st.data())
def test_random_text_and_numbers_in_every_field(kind, data):
    def new(path, old):
        if isinstance(old, bool) or not isinstance(old, str | int):
            return old
        return data.draw(numbers if isinstance(old, int) else texts)

    text, body = rendered_text(kind, replaced(CONTEXTS[kind], new))
    assert "instrText" not in body and "fldSimple" not in body
