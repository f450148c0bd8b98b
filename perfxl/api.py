"""The engine's front door: every door (CLI, batch server, Excel functions and ribbon, Word documents) calls these
and nothing below them (tests/test_import_boundary.py). Results are plain data. The calls are thin: the logic
lives in the engine modules each one names.

Grouped by purpose:

- Rule packs: rule_pack, pack_overrides
- Forms in and out: read, read_book, load_forms, form_json, sample_forms
- Check and score: check_file, check_book, check (FileReport, Report, Status: perfxl.reports), score,
  annotate_copy, rounded, grade, status_label, split_location
- Rules reference: rules, rule, rule_settings, rule_dict, rule_markdown, rule_kinds_text, rule_info
- Templates and filling: template_kinds, template_bytes, template_fill, build_templates, template_names,
  stale_templates, template_pictures, fill
- Batch and ledger: batch, batch_demo, batch_missing, format_seconds, open_ledger, run_dict, ledger_history,
  history_dict
- Rectification notices: notices, notice, notice_history, notice_history_json, write_reminders,
  write_feedback_form
- Documents (extra perfxl[docs]): report, summary_report, results_frame, batch_documents, document_kinds,
  document_number, write_report_templates, report_template_usage, document_pictures, documents_available
- Worksheet rows (the Excel functions): score_indicator, score_budget_figures, parse_value, indicator_columns,
  check_indicator_table
- Errors the doors catch (the ValueError ones carry Chinese messages): ConfigError, and, imported when first
  named, BatchError, LedgerError, RectificationError, LibreOfficeError, DocumentError
"""

from pathlib import Path

from perfxl.config import ConfigError, RulePack, default_pack, pack_overrides  # noqa: F401  (doors catch ConfigError)
from perfxl.domain import Finding, Form
from perfxl.outputs.annotated_copy import FILLS as FINDING_FILLS  # noqa: F401  (Excel doors)
from perfxl.outputs.annotated_copy import RESULT_SHEET  # noqa: F401  (Excel doors)
from perfxl.outputs.document_kinds import FORM_DOCUMENTS  # noqa: F401  (known without the docs extra)
from perfxl.reports import (  # noqa: F401  (the report shapes, the checks and the pack they run with)
    FileReport,
    GoalMatcher,
    Report,
    Status,
    check,
    check_book,
    check_file,
    kind_label,
    rule_pack,
)
from perfxl.scoring import FormScore, score_form


# -- Forms in and out ---------------------------------------------------------------------------------------------
def read(path: str | Path, *, pack: RulePack | None = None, engine: str = "calamine"):
    """Read one workbook (.xlsx/.xlsm) or form-JSON file into a ReadResult (.form, .forms, .findings), within the
    pack's [limits]; `engine` is "calamine" (fast) or "openpyxl"."""
    from perfxl.forms.read.reader import read_path

    return read_path(path, engine=engine, limits=(pack or default_pack()).limits)


def read_book(book, *, pack: RulePack | None = None):
    """Read a live workbook (an xlwings Book, desktop or remote) through the same reader as files, within the
    pack's [limits] (rows, columns)."""
    from perfxl.forms.read.reader import read_book as read

    return read(book, (pack or default_pack()).limits)


def load_forms(path: str | Path) -> list[Form]:
    """Forms from a form-JSON file (one form or a list). Raises FormJSONError with a Chinese message."""
    from perfxl.forms.formjson import load_json

    return load_json(path)


def form_json(forms: Form | list[Form]) -> str:
    """Form JSON text of one form or a list (docs/dev/form-json.md)."""
    from perfxl.forms.formjson import dumps

    return dumps(forms)


def sample_forms(count: int, seed: int = 2024, **options) -> list[Form]:
    """`count` realistic sample forms, the same for a seed (options: kinds, indicators, fault_share)."""
    from perfxl.samples import generate_forms

    return generate_forms(count, seed, **options)


# -- Check and score ----------------------------------------------------------------------------------------------
def score(form: Form, pack: RulePack | None = None) -> FormScore:
    """Score one form by the rules (the form's own figures are reported, never adopted)."""
    return score_form(form, pack or default_pack())


def annotate_copy(source: str | Path, findings, out: str | Path) -> Path:
    """An annotated copy of a workbook: findings as comments and fills, plus a 校验结果 sheet."""
    from perfxl.outputs.annotated_copy import annotate

    return annotate(source, findings, out)


def rounded(value: float | None, decimals: int | None = None, *, pack: RulePack | None = None) -> float | None:
    """A number as the engine shows it: half-up to `decimals` places (default: the pack's)."""
    from perfxl.scoring import half_up

    places = decimals if decimals is not None else (pack or default_pack()).decimals
    return None if value is None else half_up(value, places)


def grade(total: float | None, *, pack: RulePack | None = None) -> str | None:
    """The grade of a total, taken on the total rounded half-up to the pack's decimals."""
    from perfxl.scoring import grade_of, half_up

    pack = pack or default_pack()
    return None if total is None else grade_of(half_up(total, pack.decimals), pack)


def status_label(status: str) -> str:
    """The Chinese label of a batch result status ("scored" → "已评分")."""
    return Status(status).label


def split_location(location: str | None) -> tuple[str, str] | None:
    """"自评表!H15" → ("自评表", "H15"), as findings give locations."""
    from perfxl.outputs.annotated_copy import split_location as split

    return split(location)


# -- Rules reference ----------------------------------------------------------------------------------------------
def rules() -> dict:
    """Every registered rule by code (Rule classes: .code, .title, .severity, .summary() …)."""
    from perfxl.rules.registry import rules as registered

    return registered()


def rule(code: str):
    """The rule with this code or kebab-case name, or None."""
    from perfxl.rules.registry import rule as find

    return find(code)


def rule_settings(pack: RulePack):
    """The pack's [rules] resolved: .codes (active), .severity (adjusted levels), .options."""
    from perfxl.rules import settings

    return settings(pack)


def rule_dict(rule) -> dict:
    """A rule as plain data (code, name, title, severity, kinds, scope, message, hint, options, doc)."""
    from perfxl.rules.docs import rule_dict as as_dict

    return as_dict(rule)


def rule_markdown(rule=None) -> str:
    """One rule's documentation page in Markdown; without a rule, the whole reference (docs/rules.md)."""
    from perfxl.rules import docs

    return docs.markdown() if rule is None else docs.rule_markdown(rule)


def rule_kinds_text(rule) -> str:
    """The forms a rule applies to, in Chinese ("全部表单", "项目自评表、部门整体自评表")."""
    from perfxl.rules.docs import kinds_text

    return kinds_text(rule)


def rule_info(code: str) -> dict | None:
    """A rule in brief: code, name, severity label, what it checks, message and fix hint (None for an unknown code)."""
    from perfxl.rules.docs import rule_info as info

    found = rule(code.strip().upper())
    return None if found is None else info(found)


# -- Templates and filling ----------------------------------------------------------------------------------------
def template_kinds() -> dict[str, str]:
    """Form kind → official Chinese title, for choosing a template."""
    from perfxl.domain.kinds import FormKind

    return {kind.value: kind.title for kind in FormKind}


def template_bytes(kind: str, *, pack: RulePack | None = None) -> bytes:
    """The blank template workbook of `kind` (.xlsx bytes), built from the layout spec and the pack."""
    import io

    from perfxl.forms.write.template import build_workbook

    wb, _ = build_workbook(kind, pack=pack)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def template_fill(form: Form, sheet: str, cell: str) -> str:
    """The fill `cell` has in the blank template of `form`'s kind, with tables as long as the form's (as
    `perfxl fill` lays it out): "#RRGGBB", or "" for none or a cell outside the template."""
    from perfxl.forms.write.fills import template_fill as fill_of

    return fill_of(form, sheet, cell)


def build_templates(out: str | Path, *, pack: RulePack | None = None) -> list[Path]:
    """The five official-layout templates and the 整改情况反馈表 into `out`; returns the files."""
    from perfxl.forms.write.template import build_templates as build

    return build(out, pack=pack)


def template_names() -> list[str]:
    """File names of the published templates."""
    from perfxl.forms.write.template import template_names as names

    return names()


def stale_templates(directory: str | Path) -> dict[Path, list[str] | None]:
    """Templates in `directory` that differ from what the code builds: their differences (None: missing)."""
    from perfxl.forms.write.upkeep import stale_templates as stale

    return stale(directory)


def template_pictures(out: str | Path, dpi: int = 80) -> list[Path]:
    """PNG pictures of each template's first page (and filled examples) for the documentation (LibreOffice)."""
    from perfxl.forms.write.upkeep import template_pictures as pictures

    return pictures(out, dpi)


def fill(source: str | Path, out: str | Path, *, pack: RulePack | None = None, recalc: bool | None = None):
    """Fill the template of each form in a form-JSON file: Filled (.written paths, .recalculated)."""
    from perfxl.forms.write.fill import fill_forms

    return fill_forms(source, out, pack=pack, recalc=recalc)


# -- Batch and ledger ---------------------------------------------------------------------------------------------
def batch(input: str | Path, out_dir: str | Path, *, annotate: bool = True, workers: int | None = 0,
          pack: RulePack | None = None, work_dir: str | Path | None = None, goals: str | Path | None = None,
          resume: bool = False, db: str | None = None, scheduler: str | None = None, dask_local: int | None = None,
          timeout: float | None = None, reporter=None):
    """Run a batch over a folder or .zip: 汇总.xlsx, results.json, the ledger, annotated copies (BatchResult).

    `workers` 0 runs in this process, None on every core; `scheduler` (tcp://…) or `dask_local` (N workers) run on
    Dask; `goals` is a folder of goal declarations to compare with; `resume` reuses the ledger's results for
    unchanged files; `db` is the ledger (URL or SQLite path; default OUT/ledger.sqlite); `timeout` is per file
    (default: the pack's [limits]);
    `reporter` gets progress (phase/start/advance/finish); `work_dir` is where archives are unpacked.
    Raises BatchError / LedgerError (Chinese) when it cannot start."""
    from perfxl.batch import BatchOptions, run_batch

    options = BatchOptions(Path(input), Path(out_dir), workers=workers, pack=pack, annotate=annotate,
                           work_dir=Path(work_dir) if work_dir else None, goals=Path(goals) if goals else None,
                           resume=resume, db=db, scheduler=scheduler, dask_local=dask_local, timeout=timeout)
    return run_batch(options, reporter)


def batch_demo(out: str | Path, count: int = 200, seed: int = 2024, *, reporter=None):
    """A collection round of `count` sample workbooks (some faulty, a few broken files) into OUT/收集的表单, then
    a batch over it into OUT/批量汇总 (BatchResult)."""
    from perfxl.batch.demo import run_demo

    return run_demo(out, count, seed, reporter=reporter)


def batch_missing() -> str | None:
    """The missing module when the batch extra (perfxl[batch]: SQLAlchemy, xlsxwriter) is not installed, else None."""
    import importlib.util

    return next((name for name in ("sqlalchemy", "xlsxwriter") if importlib.util.find_spec(name) is None), None)


def format_seconds(seconds: float) -> str:
    """A duration in Chinese ("1分05秒")."""
    from perfxl.batch.progress import format_seconds as fmt

    return fmt(seconds)


def open_ledger(db: str | None = None, out: str | Path | None = None):
    """The ledger of earlier batch runs (a context manager): `db` (URL or SQLite file), else OUT/ledger.sqlite.

    Its methods: .runs(limit), .status_counts(run_id) …; raises LedgerError (Chinese) when there is none."""
    from perfxl.batch.history import open_existing

    return open_existing(db, out)


def run_dict(run) -> dict:
    """A run as JSON-ready data."""
    from perfxl.batch.history import run_dict as as_dict

    return as_dict(run)


def ledger_history(ledger, query: str, limit: int = 50, *, findings: bool = True) -> list:
    """Results for a file (name, path, hash prefix) or a unit (name, code), newest first: (row, [Finding])."""
    from perfxl.batch.history import history

    return history(ledger, query, limit, findings=findings)


def history_dict(row, findings) -> dict:
    """One `ledger_history` result as JSON-ready data."""
    from perfxl.batch.history import history_dict as as_dict

    return as_dict(row, findings)


# -- Rectification notices (整改通知 tracked to closure in the ledger) ------------------------------------------------
def notices(ledger, *, unit: str | None = None, overdue: bool = False, today=None) -> list:
    """Notices, oldest first (Notice: .number, .unit, .deadline, .status_label, .problems …); `overdue`: only
    those not closed and past their deadline on `today`; `unit`: a unit name (part of it) or code."""
    from perfxl.rectification.notices import list_notices

    return list_notices(ledger, unit=unit, overdue=overdue, today=today)


def notice(ledger, number: str):
    """The notice with this 文号, or None."""
    from perfxl.rectification.notices import get_notice

    return get_notice(ledger, number)


def notice_history(ledger, notice) -> list[dict]:
    """Every recorded change of a notice, oldest first (at, event_label, problem, old/new label, source_file …)."""
    from perfxl.rectification.notices import history

    return history(ledger, notice)


def notice_history_json(events: list[dict]) -> list[dict]:
    """`notice_history` as JSON-ready data."""
    from perfxl.rectification.notices import history_json

    return history_json(events)


def write_reminders(ledger, notices, out_dir: str | Path, *, pack: RulePack | None = None, today=None,
                    pdf: bool = False) -> list[Path]:
    """One 催办函 per notice overdue on `today` into `out_dir`, recorded in the ledger (documents extra)."""
    from perfxl.rectification.reminders import write_reminders as write

    return write(ledger, notices, out_dir, pack=pack, today=today, pdf=pdf)


def write_feedback_form(notice, folder: str | Path) -> Path:
    """The 整改情况反馈表 of a notice, its problems prefilled, into `folder` (named after the unit and 文号)."""
    from perfxl.rectification.feedback import write_feedback_form as write
    from perfxl.rectification.reminders import feedback_form_name

    return write(notice, Path(folder) / feedback_form_name(notice))


# -- Documents: Word, GB/T 9704-2012 layout (extra perfxl[docs]: docxtpl, matplotlib, pandas) ---------------------


def _documents():
    """perfxl.outputs.documents, or a DocumentError-like ValueError naming the extra to install."""
    try:
        import perfxl.outputs.documents as documents
    except ImportError as exc:
        raise ValueError(f"生成文书需要安装扩展：pip install 'perfxl[docs]'（缺少 {exc.name}）") from None
    return documents


def documents_available() -> bool:
    """Whether the documents extra (perfxl[docs]) is installed, so `report` can write Word documents."""
    try:
        _documents()
    except ValueError:
        return False
    return True


def report(file_or_report: str | Path | FileReport | Report, kind: str, out: str | Path, *, pdf: bool = False,
           pack: RulePack | None = None, number: str | None = None, issued=None, deadline=None) -> Path:
    """Write one form's document: kind in FORM_DOCUMENTS (自评报告, 评价报告, 整改通知, 审核意见, 提醒函).

    `file_or_report` is a workbook / form-JSON path (read and checked here) or a checked result.
    `number` is the 发文字号 (default: the pack's prefix with the number left blank to fill in);
    `issued` defaults to today; a 整改通知's `deadline` defaults to the pack's working-day deadline.
    Returns the .docx path (the .pdf path with `pdf`). Raises ValueError subclasses with Chinese messages.
    """
    documents = _documents()
    pack = pack or default_pack()
    result = file_or_report if isinstance(file_or_report, FileReport | Report) else check_file(file_or_report, pack=pack)
    return documents.form_document(result, kind, out, pdf=pdf, pack=pack, number=number, issued=issued,
                                   deadline=deadline)


def summary_report(results, out: str | Path, *, pdf: bool = False, pack: RulePack | None = None, issued=None) -> Path:
    """Write the 绩效评价汇总分析报告 of a batch: `results` is results.json's path or its list of objects."""
    return _documents().summary_document(results, out, pdf=pdf, pack=pack, issued=issued)


def results_frame(results):
    """A pandas DataFrame of a batch's results (results.json path or objects): one row per file."""
    _documents()
    from perfxl.outputs.documents.summary import results_frame as frame

    return frame(results)


def batch_documents(input: str | Path, results: str | Path, out: str | Path, kinds: list[str], *,
                    pack: RulePack | None = None, exclude: tuple[Path, ...] = (), ledger=None):
    """Word documents of `kinds` for every form of a batch they apply to, into `out`/<kind>/ (documents extra).

    `input` is the batch's input folder or .zip, `results` its results.json, `exclude` folders inside the input
    to skip (the batch's own output); with `ledger` each 整改通知 is recorded there with its 整改情况反馈表.
    Returns BatchDocuments (.written counts per kind, .notes in Chinese, .folder)."""
    _documents()
    from perfxl.outputs.documents.batch import write_batch_documents

    return write_batch_documents(Path(input), Path(results), Path(out), list(kinds), pack=pack, exclude=exclude,
                                 ledger=ledger)


def document_kinds(text: str) -> list[str]:
    """"整改通知,自评报告" → the document kinds a batch can write (ValueError in Chinese; documents extra)."""
    _documents()
    from perfxl.outputs.documents.batch import parse_kinds

    return parse_kinds(text)


def document_number(pack: RulePack, year: int, sequence: str | int) -> str:
    """The 发文字号 of a sequence number: "×财绩〔2026〕12号" (the prefix from the pack's [documents])."""
    return _documents().document_number(pack, year, sequence)


def write_report_templates(out: str | Path) -> list[Path]:
    """The built-in Word templates of every document kind into `out`, to edit (documents extra)."""
    return _documents().build_templates(out)


def report_template_usage(folder: str | Path) -> list:
    """Edited Word templates in `folder` checked: TemplateUse (.kind, .found, .used, .unused, .error) per kind."""
    _documents()
    from perfxl.outputs.documents.templates import template_usage

    return template_usage(folder)


def document_pictures(folder: str | Path, dpi: int = 80) -> list[Path]:
    """A sample document of every kind rendered and its first page saved as PNG in `folder` (LibreOffice)."""
    _documents()
    from perfxl.outputs.documents.gallery import document_pictures as pictures

    return pictures(Path(folder), dpi)


# -- Worksheet rows (the Excel functions) -------------------------------------------------------------------------
def score_indicator(target: object, actual: object, weight: float | None, direction: str | None = None,
                    unit: str | None = None, *, name: str | None = None, year: int | None = None,
                    pack: RulePack | None = None):
    """One indicator row scored exactly as inside a form: IndicatorScore (.score, .explain, .problem).

    `weight` is the row's 分值, used as its effective weight (a lone row has nothing to redistribute);
    `name` (三级指标) matters only for targets written without an operator.
    """
    from perfxl.rows import score_indicator as engine

    return engine(target, actual, weight, direction, unit, name=name, year=year, pack=pack)


def score_budget_figures(executed: float | None, full_year: float | None, weight: float | None = None, *,
                         pack: RulePack | None = None):
    """Budget execution score from 全年执行数 and 全年预算数 (weight: the pack's budget weight when None)."""
    from perfxl.domain.model import Budget
    from perfxl.scoring import score_budget

    return score_budget(Budget(full_year=full_year, executed=executed, weight=weight), pack or default_pack())


def parse_value(text: object, *, pack: RulePack | None = None):
    """A typed target/actual text as the engine reads it: Value (.kind, .op, .number, .unit, .reason)."""
    from perfxl.scoring.context import context

    return context(pack or default_pack()).parse(text)


def indicator_columns(kind: str = "project_selfeval") -> dict[str, str]:
    """Header text → Indicator field for a form's indicator table (labels and reader synonyms)."""
    from perfxl.rows import indicator_columns as engine

    return engine(kind)


def check_indicator_table(rows: list[list[object]], *, pack: RulePack | None = None) -> list[list[Finding]]:
    """Findings per data row of an indicator table whose first row is the header (自评表 columns), checked as the
    indicators of one project self-assessment. Raises ValueError (Chinese) when no header is recognised."""
    from perfxl.rows import check_indicator_table as engine

    return engine(rows, pack=pack)


# -- Errors the doors catch, imported when first named (some need an extra) ---------------------------------------
_ERRORS = {
    "BatchError": "perfxl.batch.runner",
    "LedgerError": "perfxl.batch.ledger.store",
    "RectificationError": "perfxl.rectification.notices",
    "LibreOfficeError": "perfxl.forms.write.libreoffice",
    "DocumentError": "perfxl.outputs.documents.render",
}


def __getattr__(name: str):
    if name not in _ERRORS:
        raise AttributeError(f"module 'perfxl.api' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(_ERRORS[name]), name)
