"""Loading the CLI's inputs: form files and the rule pack, with problems reported in Chinese."""

from pathlib import Path

import typer

from perfxl.cli import EXIT_UNUSABLE
from perfxl.cli.output import fail
from perfxl.config import ConfigError, RulePack, load_pack
from perfxl.domain import Form
from perfxl.forms.formjson import FormJSONError, load_json


def load_rule_pack(path: Path | None) -> RulePack:
    try:
        pack = load_pack(path)
        from perfxl.rules import settings

        settings(pack)  # validates the [rules] section now, not halfway through a run
    except ConfigError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    return pack


def load_inputs(paths: list[Path]) -> tuple[list[Form], list[str]]:
    """Forms from .json and workbook files; unusable files are reported and listed, never fatal."""
    forms: list[Form] = []
    unusable: list[str] = []
    for path in paths:
        if not path.is_file():
            fail(f"{path}: 文件不存在")
            unusable.append(str(path))
            continue
        if path.suffix.lower() == ".json":
            try:
                forms.extend(load_json(path))
            except FormJSONError as exc:
                fail(str(exc))
                unusable.append(str(path))
            continue
        form = _read_workbook(path)
        if form is None:
            unusable.append(str(path))
        else:
            forms.append(form)
    return forms, unusable


def _read_workbook(path: Path) -> Form | None:
    from perfxl.forms.reader import read_workbook

    result = read_workbook(path)
    if result.form is None:
        for finding in result.findings:
            fail(f"{path}: {finding.message}" + (f"（{finding.hint}）" if finding.hint else ""))
        return None
    return result.form
