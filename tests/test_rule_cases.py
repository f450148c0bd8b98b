"""Every rule case in tests/rule_cases/*.yaml, run by one parametrised test (see rule_case_runner)."""

import pytest
from rule_case_runner import load_files, run_batch, run_case

FILES = load_files()
CASES = [
    pytest.param(code, case, id=f"{code}-{n}-{case.get('name', '')}")
    for code, data in FILES.items()
    for n, case in enumerate(data["cases"])
]


def _describe(findings) -> str:
    return "\n".join(f"  {f.code} {f.severity.value} {f.path} {f.location}: {f.message}" for f in findings) or "  (none)"


@pytest.mark.parametrize(("code", "case"), CASES)
def test_rule_case(code, case, tmp_path):
    assert FILES[code]["rule"] == code
    if "batch" in case:
        found = run_batch(case)
        for e in case.get("expect", []):
            assert any(i == e["index"] and f.code == e["code"] for i, f in found), f"missing {e} in {found}"
        for absent in case.get("absent", []):
            assert not any(f.code == absent for _, f in found), f"{absent} reported: {found}"
        return
    findings = run_case(case, tmp_path)
    for e in case.get("expect", []):
        e = e if isinstance(e, dict) else {"code": e}
        matches = [f for f in findings if f.code == e["code"]
                   and ("path" not in e or f.path == e["path"])
                   and ("location" not in e or f.location == e["location"])
                   and ("severity" not in e or f.severity.value == e["severity"])
                   and all(str(text) in f.message for text in e.get("message", []))
                   and all(str(text) in (f.hint or "") for text in e.get("hint", []))]
        assert matches, f"expected {e}, got:\n{_describe(findings)}"
    reported = {f.code for f in findings}
    for absent in case.get("absent", []):
        assert absent not in reported, f"{absent} should not be reported:\n{_describe(findings)}"


def test_frozen_bases_are_clean_forms():
    """The base forms the cases patch are clean: no finding at all (reader-free, default pack)."""
    from rule_case_runner import BASES_DIR, base_form

    from perfxl import api

    for path in sorted(BASES_DIR.glob("*.json")):
        form = base_form(path.stem)
        assert form.kind.value == path.stem
        assert not api.check(form).findings, path.name
