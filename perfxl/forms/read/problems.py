"""T-family problems: what can be wrong with a workbook as a whole (structure, file, safety).

Plain data, so the linter's rule registry can list them next to its own rules and the docs can
be generated from it. T0xx: the workbook was read but its structure is off. T1xx: the file is
unusable (no form can be read from it); a batch reports those as "unreadable (why)".

Messages are `str.format` templates filled by `finding(code, **fields)`; unknown fields are left
as-is so a missing argument never raises.
"""

from dataclasses import dataclass

from perfxl.domain import Finding, Severity


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    name: str  # kebab-case, stable
    severity: Severity
    message: str  # Chinese template
    hint: str  # Chinese: what the user should do
    unusable: bool = False  # True: no form can be read from the file

    def finding(self, location: str | None = None, path: str | None = None, **fields) -> Finding:
        return Finding(
            code=self.code,
            severity=self.severity,
            message=_fill(self.message, fields),
            location=location,
            path=path,
            hint=_fill(self.hint, fields),
            name=self.name,
        )


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, fields: dict) -> str:
    return template.format_map(_Keep(fields)) if fields else template


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

_ALL = (
    # -- structure (the workbook was read) ------------------------------------------------------
    Problem("T001", "not-a-performance-form", E,
            "工作簿中没有找到预算绩效表单（{detail}）",
            "请确认提交的是绩效目标申报表、运行监控表或自评表；如使用本地格式，请保留表头文字"),
    Problem("T002", "unknown-template-version", W,
            "模板版本“{version}”无法识别，已按表头文字读取",
            "请使用最新版模板重新填报，或向财政部门索取当前模板"),
    Problem("T003", "missing-section", E,
            "表单缺少“{section}”部分",
            "请按模板补齐“{section}”部分，不要删除或改写其标题行"),
    Problem("T004", "header-changed", W,
            "表头与模板不一致：{detail}",
            "请勿修改、合并或删除表头；如需补充说明请写在备注列"),
    Problem("T005", "empty-form", E,
            "表单未填写：没有读到{detail}",
            "请填写表单后再提交"),
    Problem("T006", "formula-without-cached-value", W,
            "{count} 个公式单元格没有计算结果（如 {cells}），表中显示的得分无法读取",
            "请用 Excel、WPS 或 LibreOffice 打开文件、确认数值正确后保存，再重新提交"),
    Problem("T007", "kind-conflict", W,
            "隐藏的模板信息表明是“{meta}”，但标题是“{title}”，已按标题读取",
            "请使用对应表单的模板填报，不要在一种表单的模板中改填另一种表单"),
    Problem("T008", "several-forms", N,
            "工作簿中有 {count} 张表单（{sheets}），已全部读取",
            "校验时逐张检查；批量汇总每个文件一行，只汇总第一张表单。请每个文件只提交一张表单"),
    Problem("T009", "year-not-found", W,
            "没有找到表单年度（标题下方的“（20XX年度）”）",
            "请在标题下方填写年度，例如“（2024年度）”"),
    Problem("T010", "sheet-truncated", W,
            "工作表“{sheet}”过大（{detail}），只读取了前 {rows} 行、前 {cols} 列",
            "请删除表单以外的大量数据或空白格式后另存；如表单确实更大，可在规则配置（perfxl.toml）的 [limits] 中调高 rows、columns"),
    Problem("T011", "external-links-ignored", N,
            "工作簿含有外部链接（{count} 个），链接未被读取或更新",
            "请在 Excel 中“数据—编辑链接—断开链接”后保存，使表中数值不依赖其他文件"),
    Problem("T012", "macros-not-run", N,
            "文件为启用宏的工作簿（.xlsm）：只读取数值，宏不会被运行",
            "建议另存为 .xlsx 后提交"),
    Problem("T013", "column-missing", W,
            "“{table}”表缺少“{column}”列",
            "请按模板补回“{column}”列，不要删除或改写列标题"),
    Problem("T014", "midterm-indicator-unmatched", W,
            "中期指标“{name}”（{cell}）{detail}",
            "中期和年度绩效指标请逐行对应填写同一个三级指标；年度不设的指标，年度指标值填“—”"),
    Problem("T015", "table-not-read", W,
            "{cell} 处还有一张“{table}”表{caption}，未读取",
            "每张表单只保留一张“{table}”表；中期和年度指标请按申报表格式左右并列填写"),
    Problem("T016", "unusable-cell-value", E,
            "单元格内容“{text}”{why}，已按文字保留，未参与计算",
            "请核对该单元格（{cell}）：错误值多因公式的除数为空或为0、引用的单元格被删除；数值请按实际填写"),
    # -- unusable files -----------------------------------------------------------------------
    Problem("T101", "unreadable-file", E,
            "文件无法读取：{reason}",
            "请用 Excel 或 WPS 打开确认文件完好，另存为 .xlsx 后重新提交", unusable=True),
    Problem("T102", "password-protected", E,
            "文件设置了打开密码（已加密），无法读取",
            "请取消密码保护后另存为 .xlsx 再提交（Excel：文件—信息—保护工作簿—用密码进行加密，清空密码）",
            unusable=True),
    Problem("T103", "legacy-xls", E,
            "文件是旧版 {format} 格式{detail}，不能直接读取",
            "请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再提交", unusable=True),
    Problem("T104", "not-a-spreadsheet", E,
            "文件不是 Excel 工作簿：{reason}",
            "请提交 Excel 工作簿（.xlsx）；如果是改了扩展名的其他文件，请找回原表格文件", unusable=True),
    Problem("T105", "owner-file", E,
            "“{name}”是 Excel/WPS 打开文件时生成的临时锁定文件，不是表单",
            "忽略或删除以“~$”开头的文件，提交真正的表单文件", unusable=True),
    Problem("T106", "unsafe-archive", E,
            "文件结构异常，出于安全考虑未读取：{reason}",
            "请用 Excel 或 WPS 打开后另存为 .xlsx 再提交；如文件来源不明，请勿打开", unusable=True),
    Problem("T107", "empty-file", E,
            "文件为空（0 字节）",
            "文件可能未保存完整或传输中断，请重新提交", unusable=True),
    Problem("T108", "unsupported-format", E,
            "文件是 {format} 格式，不能直接读取",
            "请用 Excel、WPS 或 LibreOffice 打开后另存为 Excel 工作簿（.xlsx）再提交", unusable=True),
)

PROBLEMS: dict[str, Problem] = {p.code: p for p in _ALL}
BY_NAME: dict[str, Problem] = {p.name: p for p in _ALL}


def problem(code_or_name: str) -> Problem:
    return PROBLEMS.get(code_or_name) or BY_NAME[code_or_name]


def finding(code_or_name: str, location: str | None = None, path: str | None = None, **fields) -> Finding:
    """A Finding for a T problem, its message and hint filled from `fields`."""
    return problem(code_or_name).finding(location, path, **fields)


def is_unusable(found: Finding) -> bool:
    known = PROBLEMS.get(found.code)
    return bool(known and known.unusable)
