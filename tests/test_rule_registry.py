"""The rule registry: its self-checks, the catalogue's completeness, and a case file for every rule."""

import re
from pathlib import Path

import pytest
from rule_case_runner import case_codes, load_files

from perfxl.domain import FormKind, Severity
from perfxl.forms.read.problems import PROBLEMS
from perfxl.rules import Rule, rules
from perfxl.rules.base import DOC_HEADINGS, DocumentationRule
from perfxl.rules.registry import RegistryError, register, rule

TESTS = Path(__file__).parent
# T problems whose findings no test provokes yet: neither a reader-side case in tests/rule_cases/ nor the
# reader's/sniffer's own tests (tests/test_reader*.py, tests/test_sniff.py) mention them. The meta-test
# fails both when one of these gets covered (shrink the list) and when a new uncovered T code appears —
# so this list stays exactly the truth.
T_PENDING: set[str] = set()


def test_at_least_40_rules_with_documentation():
    known = rules()
    assert len(known) >= 40
    for code, r in known.items():
        assert r.code == code and re.fullmatch(r"[TGBSMXD]\d{3}", code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name)
        assert isinstance(r.severity, Severity) and r.kinds <= set(FormKind)
        sections = r.doc_sections()
        assert list(sections) == list(DOC_HEADINGS), code
        assert all(len(text) >= 4 for text in sections.values()), code
        assert r.message and r.hint


def test_names_are_unique_and_lookup_works():
    known = rules()
    assert len({r.name for r in known.values()}) == len(known)
    assert rule("s205").code == "S205"
    assert rule("over-completion-unexplained").code == "S205"
    assert rule("Z999") is None


def test_s205_is_over_completion_with_threshold_option():
    s205 = rules()["S205"]
    assert s205.name == "over-completion-unexplained" and s205.options == {"threshold": 1.3}


def test_every_t_problem_is_a_documentation_rule_with_its_own_doc():
    known = rules()
    for code, problem in PROBLEMS.items():
        assert code in known, f"{code}: add perfxl/rules/builtin/{code.lower()}_{problem.name.replace('-', '_')}.py"
        r = known[code]
        assert isinstance(r, DocumentationRule) and r.scope == "reader"
        assert r.name == problem.name and r.severity == problem.severity and r.message == problem.message
        assert r.title == problem.title and r.__doc__ == problem.doc and r.hint == problem.hint
        assert list(r.check(None)) == []


def test_every_rule_lives_in_its_own_module_named_code_and_name():
    for code, r in rules().items():
        assert type(r).__module__ == f"perfxl.rules.builtin.{code.lower()}_{r.name.replace('-', '_')}"


@pytest.fixture(autouse=True)
def _restore_registry():
    """Rules registered by a test are removed afterwards (the registry is module state)."""
    from perfxl.rules import registry

    rules()
    saved = dict(registry._RULES)
    yield
    registry._RULES.clear()
    registry._RULES.update(saved)


def _doc(extra: str = "") -> str:
    return "检查内容：x。\n为什么重要：x。\n错误示例：x。\n正确示例：x。\n依据：x。" + extra


def _rule(**attrs):
    base = {"__doc__": _doc(), "__module__": "g999_test_rule", "code": "G999", "name": "test-rule", "title": "测试规则", "severity": Severity.WARNING,
            "message": "m", "hint": "h", "check": lambda self, ctx: iter(())}
    base.update(attrs)
    return type("TestRule", (Rule,), base)


@pytest.mark.parametrize(("attrs", "error"), [
    ({"code": "G99"}, "malformed rule code"),
    ({"code": "Q101"}, "malformed rule code"),
    ({"code": "S205"}, "duplicate rule code"),
    ({"name": "over-completion-unexplained"}, "duplicate rule name"),
    ({"name": "Not_Kebab"}, "kebab-case"),
    ({"__doc__": "检查内容：x"}, "lacks headings"),
    ({"__doc__": "依据：x 检查内容：x 为什么重要：x 错误示例：x 正确示例：x"}, "out of order"),
    ({"severity": "error"}, "severity must be a Severity"),
    ({"kinds": frozenset()}, "kinds"),
    ({"hint": ""}, "must not be empty"),
    ({"options": {"bad-name": 1}}, "snake_case"),
    ({"message": "“{name”"}, "malformed message template"),
    ({"scope": "cloud"}, "scope"),
    ({"title": "test rule"}, "title must be a short Chinese phrase"),
    ({"title": "这是一个非常非常非常非常长的规则标题文字"}, "title must be a short Chinese phrase"),
    ({"__module__": "perfxl.rules.builtin.g999_other_rule"}, "lives in a module named g999_test_rule.py"),
    ({"__module__": "perfxl.rules.builtin.t_structure"}, "lives in a module named g999_test_rule.py"),
])
def test_registry_rejects_malformed_rules(attrs, error):
    with pytest.raises(RegistryError, match=error):
        register(_rule(**attrs))


def test_a_well_formed_rule_in_its_own_module_registers():
    from perfxl.rules import registry

    cls = _rule()
    assert register(cls) is cls and registry._RULES["G999"] is cls


def test_form_rule_must_implement_check():
    cls = _rule()
    del cls.check
    with pytest.raises(RegistryError, match="implement check"):
        register(cls)


def test_retired_codes_are_never_reused(monkeypatch):
    from perfxl.rules import registry

    monkeypatch.setattr(registry, "RETIRED", frozenset({"G998"}))
    with pytest.raises(RegistryError, match="retired"):
        register(_rule(code="G998", name="retired-rule", __module__="g998_retired_rule"))


def _mentioned(code: str, name: str) -> bool:
    """Is a T code provoked by a test outside the linter's own files (the reader's and sniffer's tests)?"""
    mine = {"test_rule_registry.py", "test_rule_cases.py", "test_rule_samples.py", "test_rule_settings.py",
            "test_rule_docs.py", "test_review.py", "test_annotate.py", "test_validate_cli.py"}
    for path in TESTS.glob("test_*.py"):
        if path.name not in mine:
            text = path.read_text(encoding="utf-8")
            if code in text or f'"{name}"' in text:
                return True
    return False


def test_every_rule_has_a_passing_and_a_failing_case():
    files = load_files()
    uncovered_t = set()
    for code, r in rules().items():
        cases = files.get(code, {}).get("cases", [])
        present = any(code in case_codes(c)[0] for c in cases)
        absent = any(code in case_codes(c)[1] for c in cases)
        if r.scope == "reader" and not (present and absent):
            if not _mentioned(code, r.name):
                uncovered_t.add(code)
            continue
        assert present, f"{code}: no case in tests/rule_cases/{code}.yaml where it is reported"
        assert absent, f"{code}: no case in tests/rule_cases/{code}.yaml where it is not reported"
    assert uncovered_t == T_PENDING, (
        f"T codes without a reader test: {sorted(uncovered_t)}; listed as pending: {sorted(T_PENDING)}")


def test_case_files_name_registered_rules():
    known = rules()
    for code, data in load_files().items():
        assert data["rule"] == code and code in known, f"tests/rule_cases/{code}.yaml: unknown rule"


_RULE_MODULE = '''
from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register


@register
class ScratchRule(Rule):
    """检查内容：x。为什么重要：x。错误示例：x。正确示例：x。依据：x。"""

    code = "G997"
    name = "scratch-rule"
    title = "临时规则"
    severity = Severity.INFO
    message = hint = "x"

    def check(self, ctx):
        return iter(())
'''


@pytest.mark.parametrize(("files", "error"), [
    ({"g997_scratch_rule.py": _RULE_MODULE}, None),
    ({"g997_scratch_rule.py": _RULE_MODULE, "_shared.py": "X = 1\n"}, None),
    ({"g997_scratch.py": _RULE_MODULE}, "lives in a module named g997_scratch_rule.py"),
    ({"g997_scratch_rule.py": _RULE_MODULE, "notes.py": "X = 1\n"}, r"\['notes'\] define no rule"),
])
def test_rule_modules_are_named_after_their_rule(tmp_path, monkeypatch, files, error):
    import importlib
    import sys

    from perfxl.rules import registry

    package = tmp_path / "scratch_rules"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for key in [k for k in sys.modules if k.partition(".")[0] == "scratch_rules"]:
        monkeypatch.delitem(sys.modules, key)
    importlib.invalidate_caches()
    loaded = importlib.import_module("scratch_rules")
    if error is None:
        registry.import_rule_modules(loaded)
        assert registry._RULES["G997"].__module__ == "scratch_rules.g997_scratch_rule"
    else:
        with pytest.raises(RegistryError, match=error):
            registry.import_rule_modules(loaded)
