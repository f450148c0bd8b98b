"""One report shape: `FileReport.to_dict()` is what `perfxl validate --format json` prints, what each object of
results.json holds, and what docs/results-json.md shows (its example is produced by `example()` below:
`python tests/test_report_shape.py` prints it)."""

import json
import re
from pathlib import Path

from perfxl import api
from perfxl.domain import FormKind
from perfxl.forms.write.writer import write_form
from perfxl.samples import generate

DOC = Path(__file__).parent.parent / "docs" / "results-json.md"


def example(folder: Path) -> dict:
    """A collected self-assessment with a total that disagrees with its rows, checked as a batch would."""
    form = generate(1, seed=7, kinds=[FormKind.PROJECT_SELFEVAL])[0].form
    path = write_form(form, folder / "自评表.xlsx", typed_scores=True)
    return api.check_file(path).to_dict(file="教育局/自评表.xlsx")


def _documented() -> dict:
    block = re.search(r"<!-- example -->\s*```json\n(.*?)```", DOC.read_text("utf-8"), re.S)
    assert block, "docs/results-json.md: the example block (<!-- example --> ```json … ```) is missing"
    return json.loads(block.group(1))


def _shape(value):
    """Keys (in order) of every object, recursively; the first item stands for a list."""
    if isinstance(value, dict):
        return [(key, _shape(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return None


def test_documented_example_has_the_shape_of_to_dict(tmp_path):
    assert _shape(_documented()) == _shape(example(tmp_path))


def test_every_key_is_described(tmp_path):
    doc = DOC.read_text("utf-8")
    shown = example(tmp_path)
    keys = set(shown) | set(shown["findings"][0]) | {"grade", "outcome", "points", "capped", "deductions"}
    assert not [k for k in sorted(keys) if f"`{k}`" not in doc]


def test_validate_prints_to_dict(tmp_path):
    from typer.testing import CliRunner

    from perfxl.cli import app, commands  # noqa: F401

    form = generate(1, seed=3, kinds=[FormKind.PROJECT_GOAL])[0].form
    path = write_form(form, tmp_path / "申报表.xlsx")
    printed = json.loads(CliRunner().invoke(app, ["validate", str(path), "-f", "json"]).stdout)
    assert printed == [api.check_file(path).to_dict()]
    assert printed[0]["review"]["grade"] and printed[0]["status"] in ("reviewed", "errors")


def test_results_json_objects_have_the_shape_of_to_dict(tmp_path):
    inbox = tmp_path / "收集"
    inbox.mkdir()
    form = generate(1, seed=7, kinds=[FormKind.PROJECT_SELFEVAL])[0].form
    path = write_form(form, inbox / "自评表.xlsx", typed_scores=True)
    (inbox / "说明.txt").write_text("不是表单", encoding="utf-8")
    result = api.batch(inbox, tmp_path / "结果", annotate=False)
    objects = {o["file"]: o for o in json.loads(result.results_path.read_text("utf-8"))}
    expected = api.check_file(path).to_dict(file="自评表.xlsx", sha256=objects["自评表.xlsx"]["sha256"],
                                            size=path.stat().st_size, rank=1, rank_of=1,
                                            ranking_grade=objects["自评表.xlsx"]["ranking_grade"])
    assert objects["自评表.xlsx"] == expected
    assert list(objects["说明.txt"]) == list(expected)  # every file, whatever happened to it


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(example(Path(tmp)), ensure_ascii=False, indent=2))


def test_a_ledger_written_before_format_2_gives_the_same_keys(tmp_path):
    """--resume over an older ledger: its stored score breakdown becomes the tail of the shape."""
    from types import SimpleNamespace

    from perfxl.batch.results import result_object, write_results

    legacy = '{"kind": "project_selfeval", "complete": false}'  # FormScore.to_dict() without file and findings
    facts = {"path": "a.xlsx", "status": "scored", "kind": "project_selfeval", "score_json": legacy}
    row = SimpleNamespace(_mapping=facts, **facts)
    target = write_results(tmp_path / "results.json", [result_object(row, [])])
    [obj] = json.loads(target.read_text("utf-8"))
    assert list(obj) == list(example(tmp_path))
    assert obj["complete"] is False and obj["score"] == json.loads(legacy) and obj["kind_label"] == "项目支出绩效自评表"
