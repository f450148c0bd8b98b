"""The published corpus (tests/data/published): real self-assessment tables as printed, with a reviewer's labels.

Each form carries `extra.review` (see tests/data/published/README.md): which rows a careful reviewer flags with
which rule code, and for each row whether the published score follows the rules (财预〔2020〕10号 附1 scoring).
Cases the engine does not meet yet are listed in KNOWN_GAPS by cause; they are strict xfails, so fixing a cause
turns them into failures until the entry is removed.
"""

import json
from pathlib import Path

import jsonschema
import pytest

from perfxl import api
from perfxl.domain import Severity
from perfxl.forms.formjson import form_from_dict, schema
from perfxl.rules.registry import rules

CORPUS = Path(__file__).parent / "data" / "published"
FILES = sorted(CORPUS.glob("*.json"))

# (form id, check) -> the class of cause. Remove an entry when its cause is fixed (the case then passes).
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _report(path: Path):
    return api.check(form_from_dict(_load(path)))


def _review(path: Path) -> dict:
    return _load(path)["extra"]["review"]


def _cases(check: str):
    for path in FILES:
        reason = KNOWN_GAPS.get((path.stem, check))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(path, id=path.stem, marks=marks)


def _matches(finding_path: str | None, label_path: str) -> bool:
    p = finding_path or ""
    return p == label_path or p.startswith(label_path + ".") or p.startswith(label_path + "[")


def test_corpus_is_there():
    assert len(FILES) >= 10
    provinces = {_load(p)["extra"]["source"]["province"] for p in FILES}
    assert len(provinces) >= 8


def test_known_gaps_name_existing_forms():
    checks = {"explained", "within_weight", "no_s201_on_followed_rows", "labelled_problems_found"}
    for form_id, check in KNOWN_GAPS:
        assert (CORPUS / f"{form_id}.json").exists(), form_id
        assert check in checks, check


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_matches_schema_and_labels_are_well_formed(path):
    data = _load(path)
    jsonschema.validate(data, schema())
    source, review = data["extra"]["source"], data["extra"]["review"]
    assert source["url"] and source["title"] and source["province"] and source["year"]
    assert review["transcription"] in {"complete", "truncated"}
    known = rules()
    for problem in review["problems"]:
        assert problem["code"] in known, problem
        assert problem["path"], problem
    for row in review.get("rows", []):
        assert 0 <= row["index"] < len(data["indicators"])
        assert row["follows_rules"] in (True, False, None)


@pytest.mark.parametrize("path", list(_cases("explained")))
def test_every_indicator_is_explained(path):
    score = _report(path).score
    assert len(score.indicators) == len(_load(path)["indicators"])
    for ind in score.indicators:
        assert ind.explain and ind.explain.strip(), ind.name


@pytest.mark.parametrize("path", list(_cases("within_weight")))
def test_no_score_exceeds_printed_weight(path):
    for ind in _report(path).score.indicators:
        if ind.score is not None and ind.weight is not None:
            assert ind.score <= ind.weight + 1e-9, f"{ind.name}: {ind.score} > 分值 {ind.weight}"


@pytest.mark.parametrize("path", list(_cases("no_s201_on_followed_rows")))
def test_no_s201_error_where_the_published_score_follows_the_rules(path):
    followed = {f"indicators[{row['index']}].score" for row in _review(path).get("rows", []) if row["follows_rules"]}
    wrong = [f for f in _report(path).findings
             if f.code == "S201" and f.severity is Severity.ERROR and f.path in followed]
    assert not wrong, [f.message for f in wrong]


@pytest.mark.parametrize("path", list(_cases("labelled_problems_found")))
def test_every_labelled_problem_is_found(path):
    findings = _report(path).findings
    missing = [p for p in _review(path)["problems"]
               if not any(f.code == p["code"] and _matches(f.path, p["path"]) for f in findings)]
    assert not missing, missing
