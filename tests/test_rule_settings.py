"""The [rules] section of a rule pack: selection, severities and per-rule options, and its errors."""

import pytest

from perfxl.config import ConfigError, load_pack
from perfxl.domain import Finding, FormKind, Severity
from perfxl.rules import check_form, rules, settings
from perfxl.rules.check import adjust
from perfxl.samples import generate


def _pack(tmp_path, text):
    path = tmp_path / "perfxl.toml"
    path.write_text(text, encoding="utf-8")
    return load_pack(path)


def _settings(tmp_path, text):
    return settings(_pack(tmp_path, text))


@pytest.fixture(scope="module")
def faulty():
    """A self-assessment with an over-completed indicator whose explanation is missing (S205)."""
    from dataclasses import replace

    from perfxl.scoring import score_form

    for s in generate(200, 8, kinds=[FormKind.PROJECT_SELFEVAL], fault_share=0):
        result = score_form(s.form)
        over = [i for i in result.indicators if i.over_completed and i.ratio and i.ratio < 1.5]
        if over:
            i = over[0].index
            rows = list(s.form.indicators)
            rows[i] = replace(rows[i], deviation=None)
            return replace(s.form, indicators=tuple(rows)), i
    raise AssertionError("no over-completed indicator in the samples")


def test_defaults_run_every_rule():
    from perfxl.config import default_pack

    resolved = settings(default_pack())
    assert len(resolved.active) == len(rules()) and not resolved.severity and not resolved.options


def test_select_by_prefix_and_ignore(tmp_path):
    resolved = _settings(tmp_path, '[rules]\nselect = ["s", "B1"]\nignore = ["S20"]\n')
    codes = {r.code for r in resolved.active}
    assert codes and all(c[0] in "SB" for c in codes)
    assert not any(c.startswith("S20") for c in codes) and "S210" in codes and "B101" in codes
    assert resolved.allows("B101") and not resolved.allows("G113") and not resolved.allows("S205")
    assert resolved.allows("Z001")  # not a rule's code: never dropped


def test_severity_override_and_option_reach_the_findings(tmp_path, faulty):
    form, i = faulty
    default = [f for f in check_form(form) if f.code == "S205"]
    assert default and default[0].severity is Severity.WARNING and default[0].path == f"indicators[{i}].deviation"
    strict = _pack(tmp_path, '[rules]\nseverity = { S205 = "error" }\n')
    assert [f.severity for f in check_form(form, pack=strict) if f.code == "S205"] == [Severity.ERROR]
    relaxed = _pack(tmp_path, "[rules.S205]\nthreshold = 1.5\n")
    assert settings(relaxed).options == {"S205": {"threshold": 1.5}}
    assert not [f for f in check_form(form, pack=relaxed) if f.code == "S205"]


def test_ignore_applies_to_reader_findings(tmp_path):
    pack = _pack(tmp_path, '[rules]\nignore = ["T006"]\nseverity = { T009 = "error" }\n')
    found = [Finding("T006", Severity.WARNING, "m"), Finding("T009", Severity.WARNING, "m"),
             Finding("X999", Severity.INFO, "m")]
    assert [(f.code, f.severity) for f in adjust(found, pack)] == [("T009", Severity.ERROR), ("X999", Severity.INFO)]


@pytest.mark.parametrize(("text", "key"), [
    ('[rules]\nselect = ["Q"]\n', "rules.select"),
    ('[rules]\nselect = "S"\n', "rules.select"),
    ('[rules]\nignore = ["S999"]\n', "rules.ignore"),
    ('[rules]\nseverity = { S999 = "error" }\n', "rules.severity.S999"),
    ('[rules]\nseverity = { S205 = "fatal" }\n', "rules.severity.S205"),
    ('[rules]\nseverity = "error"\n', "rules.severity"),
    ('[rules]\nselectt = ["S"]\n', "rules.selectt"),
    ("[rules.S999]\nthreshold = 1.3\n", "rules.S999"),
    ("[rules.s205]\nthreshold = 1.3\n", "rules.s205"),
    ("[rules.S205]\nthreshhold = 1.3\n", "rules.S205.threshhold"),
    ('[rules.S205]\nthreshold = "1.3"\n', "rules.S205.threshold"),
    ("[rules.S205]\nthreshold = true\n", "rules.S205.threshold"),
    ("[rules.S205]\nthreshold = 0.9\n", "rules.S205.threshold"),
    ("[rules]\nS205 = 1.3\n", "rules.S205"),
    ("[rules.G113]\nwords = []\n", "rules.G113.words"),
])
def test_configuration_errors_name_the_key_and_the_file(tmp_path, text, key):
    with pytest.raises(ConfigError) as err:
        _settings(tmp_path, text)
    message = str(err.value)
    assert key in message and "perfxl.toml" in message


def test_option_error_lists_the_available_options(tmp_path):
    with pytest.raises(ConfigError, match="可用：threshold"):
        _settings(tmp_path, "[rules.S205]\nlimit = 2\n")


def test_integer_accepted_for_a_float_option(tmp_path):
    assert _settings(tmp_path, "[rules.S205]\nthreshold = 2\n").options["S205"]["threshold"] == 2.0


def test_unknown_key_outside_rules_is_rejected_by_the_loader(tmp_path):
    with pytest.raises(ConfigError, match="rule"):
        _pack(tmp_path, '[rule]\nselect = ["S"]\n')
