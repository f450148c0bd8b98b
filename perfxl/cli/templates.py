"""`perfxl templates build|check` and `perfxl fill`: the workbook templates and filling them from JSON."""

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from perfxl.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, app
from perfxl.cli.inputs import load_rule_pack
from perfxl.cli.output import console, errors, fail
from perfxl.domain import Form

templates_app = typer.Typer(help="工作簿模板：生成五种表单模板，或检查已提交的模板是否最新。", no_args_is_help=True)
app.add_typer(templates_app, name="templates")

_DEFAULT_DIR = Path("workbook_templates")


@templates_app.command("build")
def build(
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录")] = _DEFAULT_DIR,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="规则配置文件 perfxl.toml（决定评分公式和下拉列表）")] = None,
) -> None:
    """生成五种表单模板（申报表、监控表、自评表）和整改情况反馈表到输出目录。"""
    from perfxl.forms.write.template import build_templates

    pack = load_rule_pack(config)
    for path in build_templates(out, pack=pack):
        console.print(f"已生成 {path}")
    raise typer.Exit(EXIT_OK)


@templates_app.command("check")
def check(
    directory: Annotated[Path, typer.Option("--dir", "-d", help="模板所在目录")] = _DEFAULT_DIR,
) -> None:
    """检查目录中的模板与当前代码生成的是否一致（内容、公式、下拉列表、保护和打印设置），不一致时返回 1。"""
    from perfxl.forms.write.snapshot import diff_snapshots, workbook_snapshot
    from perfxl.forms.write.template import build_templates, template_names

    names = template_names()
    stale = 0
    with tempfile.TemporaryDirectory(prefix="perfxl-templates-") as tmp:
        build_templates(tmp)
        for name in names:
            committed = directory / name
            if not committed.is_file():
                fail(f"{committed}: 模板不存在，请运行 perfxl templates build")
                stale += 1
                continue
            diff = diff_snapshots(workbook_snapshot(committed), workbook_snapshot(Path(tmp) / name))
            if diff:
                stale += 1
                fail(f"{committed}: 模板已过期，请运行 perfxl templates build 重新生成")
                for line in diff[:10]:
                    errors.print(f"  {line}", markup=False)
    if stale:
        raise typer.Exit(EXIT_PROBLEMS)
    console.print(f"{len(names)} 个模板均为最新。")
    raise typer.Exit(EXIT_OK)


@templates_app.command("images")
def images(
    out: Annotated[Path, typer.Option("--out", "-o", help="PNG 输出目录")] = Path("docs/img"),
    dpi: Annotated[int, typer.Option("--dpi", help="分辨率")] = 80,
) -> None:
    """用 LibreOffice 把每个模板和一份填好的自评表示例的第一页渲染成 PNG（文档插图），需安装 LibreOffice 和 poppler-utils。"""
    from perfxl.domain import FormKind
    from perfxl.forms.write.libreoffice import LibreOfficeError, convert, first_page_png
    from perfxl.forms.write.template import TEMPLATE_FILES, build_workbook, save_atomic
    from perfxl.forms.write.writer import write_form
    from perfxl.samples import generate_forms

    with tempfile.TemporaryDirectory(prefix="perfxl-images-") as tmp:
        files = [save_atomic(build_workbook(kind)[0], Path(tmp) / f"{kind.value}.xlsx") for kind in TEMPLATE_FILES]
        example = generate_forms(1, seed=2024, kinds=[FormKind.PROJECT_SELFEVAL], fault_share=0)[0]
        files.append(write_form(example, Path(tmp) / "project_selfeval_example.xlsx"))
        files.append(_feedback_example(Path(tmp)))
        try:
            for pdf in convert(files, Path(tmp) / "pdf"):
                console.print(f"已生成 {first_page_png(pdf, out / f'{pdf.stem}.png', dpi)}")
        except LibreOfficeError as exc:
            fail(str(exc))
            raise typer.Exit(EXIT_UNUSABLE) from None
    raise typer.Exit(EXIT_OK)


def _feedback_example(folder: Path) -> Path:
    """A 整改情况反馈表 prefilled for a notice drafted from a sample self-assessment with problems."""
    from datetime import date

    from perfxl import api
    from perfxl.domain import FormKind
    from perfxl.forms.write.feedback import build_feedback_workbook
    from perfxl.forms.write.template import save_atomic
    from perfxl.forms.write.writer import write_form
    from perfxl.rectification import draft_notice
    from perfxl.samples import generate_forms

    form = generate_forms(1, seed=11, kinds=[FormKind.PROJECT_SELFEVAL])[0]
    checked = api.check_file(write_form(form, folder / "feedback_source.xlsx", typed_scores=True))
    notice = draft_notice(checked, issued=date(2026, 12, 4))
    return save_atomic(build_feedback_workbook(notice), folder / "rectification_feedback_example.xlsx")


def _name(form: Form, index: int) -> str:
    who = form.project.name or form.unit.name or "表单"
    safe = "".join(ch for ch in who if ch not in '\\/:*?"<>|').strip() or "表单"
    return f"{index:03d}_{form.title}_{safe}.xlsx"


@app.command()
def fill(
    source: Annotated[Path, typer.Argument(help="表单 JSON 文件（一个表单或表单数组）", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出 .xlsx 文件；JSON 含多个表单时为输出目录",
                                      show_default=False)],
    config: Annotated[Path | None, typer.Option("--config", "-c", help="规则配置文件 perfxl.toml")] = None,
    recalc: Annotated[bool | None, typer.Option(
        "--recalc/--no-recalc",
        help="用 LibreOffice 计算公式并保存结果；默认在已安装 LibreOffice 时计算", show_default=False)] = None,
) -> None:
    """用表单 JSON 填写对应的模板，生成可在 Excel、WPS、LibreOffice 中打开的工作簿。"""
    from perfxl.forms.formjson import FormJSONError, load_json
    from perfxl.forms.write.libreoffice import LibreOfficeError, find_soffice, recalculate
    from perfxl.forms.write.writer import FillError, write_form

    pack = load_rule_pack(config)
    try:
        forms = load_json(source)
    except (FormJSONError, OSError) as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    if not forms:
        fail(f"{source}: 没有表单")
        raise typer.Exit(EXIT_UNUSABLE)
    single = len(forms) == 1 and out.suffix.lower() == ".xlsx"
    if not single and out.suffix.lower() == ".xlsx":
        fail(f"{source} 含 {len(forms)} 个表单，--out 应为目录")
        raise typer.Exit(EXIT_UNUSABLE)
    targets = [out] if single else [out / _name(form, i + 1) for i, form in enumerate(forms)]
    written = []
    for form, target in zip(forms, targets, strict=True):
        try:
            written.append(write_form(form, target, pack=pack))
        except (FillError, OSError) as exc:
            fail(f"{target}: {exc}")
            raise typer.Exit(EXIT_UNUSABLE) from None
    if recalc is None:  # default: computed results in the file when LibreOffice is there
        recalc = find_soffice() is not None
        if not recalc:
            console.print("未安装 LibreOffice：公式结果将在 Excel、WPS 打开时计算（perfxl 读取时也会重新计算）")
    if recalc:
        try:
            with tempfile.TemporaryDirectory(prefix="perfxl-recalc-") as tmp:
                for done in recalculate(written, tmp):
                    target = next(p for p in written if p.stem == done.stem)
                    shutil.move(done, target)
        except LibreOfficeError as exc:
            fail(str(exc))
            raise typer.Exit(EXIT_UNUSABLE) from None
    for path in written:
        console.print(f"已填写 {path}")
    raise typer.Exit(EXIT_OK)
