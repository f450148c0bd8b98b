"""T-family problems: what can be wrong with a workbook as a whole (structure, file, safety).

The one catalogue of the T rules: code, name, severity, Chinese message and hint, and the short title and
documentation the linter lists (`perfxl rules`, docs/rules.md). It is plain data here because the reader
reports these problems and forms cannot import rules; each entry is registered as a documentation rule by
its module in perfxl/rules/builtin (t001_not_a_performance_form.py …). T0xx: the workbook was read but its
structure is off. T1xx: the file is unusable (no form can be read from it); a batch reports those as
"unreadable (why)".

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
    title: str = ""  # short Chinese title shown in lists (T rules)
    doc: str = ""  # Chinese documentation under the rule headings 检查内容 … 依据 (T rules)

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


# the 依据 of most structure problems: where the official form layouts are published
_LAYOUT_BASIS = "《项目支出绩效自评表》等表单格式见财预〔2020〕10号 附1、财预〔2015〕88号 附件；perfxl 模板约定见用户指南"

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

_ALL = (
    # -- structure (the workbook was read) ------------------------------------------------------
    Problem("T001", "not-a-performance-form", E,
            "工作簿中没有找到预算绩效表单（{detail}）",
            "请确认提交的是绩效目标申报表、运行监控表或自评表；如使用本地格式，请保留表头文字",
            title="不是绩效表单",
            doc=f"""
            检查内容：工作簿中能否找到绩效表单：按标题（如“项目支出绩效自评表”）、隐藏的模板信息或表头文字识别。
            为什么重要：认不出表单就无法校验和评分；批量汇总时该文件单独列为“不是绩效表单”，不会被悄悄跳过。
            错误示例：提交的是预算明细表、会议通知或空白工作簿。
            正确示例：提交填写好的绩效目标申报表、运行监控表或自评表，保留标题和表头。
            依据：{_LAYOUT_BASIS}"""),
    Problem("T002", "unknown-template-version", W,
            "模板版本“{version}”无法识别，已按表头文字读取",
            "请使用最新版模板重新填报，或向财政部门索取当前模板",
            title="模板版本无法识别",
            doc=f"""
            检查内容：隐藏的模板信息表中记录的模板版本能否识别。
            为什么重要：旧版或来历不明的模板可能缺少新增的栏目或公式；perfxl 改按表头文字读取，结果仍可用但应核对。
            错误示例：使用两年前下发的旧模板填报。
            正确示例：使用财政部门当年下发的最新模板。
            依据：{_LAYOUT_BASIS}"""),
    Problem("T003", "missing-section", E,
            "表单缺少“{section}”部分",
            "请按模板补齐“{section}”部分，不要删除或改写其标题行",
            title="表单缺少部分内容",
            doc=f"""
            检查内容：表单是否包含规定的各部分（如项目资金、年度总体目标、绩效指标）。
            为什么重要：缺少某一部分，相应内容无法读取，校验和评分都不完整。
            错误示例：自评表删除了“项目资金”部分。
            正确示例：保留模板的全部部分，没有内容的部分留空。
            依据：{_LAYOUT_BASIS}"""),
    Problem("T004", "header-changed", W,
            "表头与模板不一致：{detail}",
            "请勿修改、合并或删除表头；如需补充说明请写在备注列",
            title="表头被改动",
            doc=f"""
            检查内容：表头文字、顺序和合并方式是否与模板一致。
            为什么重要：改动表头可能使数据被读到错误的栏目；perfxl 按表头文字识别栏目并报告改动之处。
            错误示例：把“实际完成值”表头改成“完成情况说明”，或插入了自定义列。
            正确示例：不改动表头；补充说明写在备注或偏差原因分析栏。
            依据：{_LAYOUT_BASIS}"""),
    Problem("T005", "empty-form", E,
            "表单未填写：没有读到{detail}",
            "请填写表单后再提交",
            title="空表",
            doc=f"""
            检查内容：表单是否已填写（有项目名称、金额或指标等内容）。
            为什么重要：空表没有可校验的内容，常见于提交了未填写的模板。
            错误示例：提交下载后未填写的模板。
            正确示例：填写完整后再提交。
            依据：{_LAYOUT_BASIS}"""),
    Problem("T006", "formula-without-cached-value", W,
            "{count} 个公式单元格没有计算结果（如 {cells}），表中显示的得分无法读取",
            "请用 Excel、WPS 或 LibreOffice 打开文件、确认数值正确后保存，再重新提交",
            title="公式没有计算结果",
            doc="""
            检查内容：公式单元格是否保存了计算结果。
            为什么重要：有些软件或程序生成的文件只有公式、没有计算结果，表上显示的得分无法读取；perfxl 会重新计算，但无法与单位显示的得分比较。
            错误示例：用程序批量生成的自评表，得分单元格打开前显示为空。
            正确示例：用 Excel、WPS 或 LibreOffice 打开文件，确认数值后保存。
            依据：财预〔2020〕10号 附1（得分、总分）；perfxl “重新计算、不采信缓存值”原则"""),
    Problem("T007", "kind-conflict", W,
            "隐藏的模板信息表明是“{meta}”，但标题是“{title}”，已按标题读取",
            "请使用对应表单的模板填报，不要在一种表单的模板中改填另一种表单",
            title="表单种类与标题不一致",
            doc=f"""
            检查内容：隐藏的模板信息标明的表单种类与标题是否一致。
            为什么重要：在一种表单的模板里改填另一种表单，栏目位置会对不上，读取结果可能错位。
            错误示例：在自评表模板中改写标题为“绩效目标申报表”后填写申报内容。
            正确示例：使用对应表单的模板填报。
            依据：{_LAYOUT_BASIS}"""),
    Problem("T008", "several-forms", N,
            "工作簿中有 {count} 张表单（{sheets}），已全部读取",
            "校验时逐张检查；批量汇总每个文件一行，只汇总第一张表单。请每个文件只提交一张表单",
            title="一个文件中有多张表单",
            doc=f"""
            检查内容：工作簿中是否有多张表单（提示信息）。
            为什么重要：一个文件中的多张表单在校验时逐张检查，批量汇总时每个文件只占一行、只汇总第一张表单，其余表单不进入汇总和排名。
            错误示例：一个工作簿中同时有三个项目的自评表。
            正确示例：按要求一表一文件。
            依据：{_LAYOUT_BASIS}"""),
    Problem("T009", "year-not-found", W,
            "没有找到表单年度（标题下方的“（20XX年度）”）",
            "请在标题下方填写年度，例如“（2024年度）”",
            title="未写明年度",
            doc=f"""
            检查内容：标题下方是否写明了表单年度（“（2024年度）”）。
            为什么重要：年度决定时限指标的判断（如“12月底前”）和批量汇总的归类；没有年度时无法确定。
            错误示例：标题下方的“（20XX年度）”未改写。
            正确示例：写明“（2024年度）”。
            依据：{_LAYOUT_BASIS}"""),
    Problem("T010", "sheet-truncated", W,
            "工作表“{sheet}”过大（{detail}），只读取了前 {rows} 行、前 {cols} 列",
            "请删除表单以外的大量数据或空白格式后另存；如表单确实更大，可在规则配置（perfxl.toml）的 [limits] 中调高 rows、columns",
            title="工作表过大",
            doc="""
            检查内容：工作表是否过大（行列数超过读取上限）。
            为什么重要：表单以外的大量数据或格式会拖慢读取，超出部分不会被读取；可能遗漏内容。
            错误示例：在表单下方粘贴了数万行明细数据。
            正确示例：明细数据另存为附件，表单中只保留表单内容。
            依据：perfxl 安全读取上限（规则配置 [limits] 的 rows、columns）"""),
    Problem("T011", "external-links-ignored", N,
            "工作簿含有外部链接（{count} 个），链接未被读取或更新",
            "请在 Excel 中“数据—编辑链接—断开链接”后保存，使表中数值不依赖其他文件",
            title="含外部链接",
            doc="""
            检查内容：工作簿是否含有外部链接（提示信息）。
            为什么重要：链接到其他文件的数值在别人电脑上无法更新，显示的数可能是旧数；perfxl 不会打开链接。
            错误示例：得分单元格引用了“D:\\2024\\汇总.xlsx”中的数值。
            正确示例：断开外部链接，使表中数值不依赖其他文件。
            依据：perfxl 安全读取规定（不跟随外部链接）"""),
    Problem("T012", "macros-not-run", N,
            "文件为启用宏的工作簿（.xlsm）：只读取数值，宏不会被运行",
            "建议另存为 .xlsx 后提交",
            title="启用宏的工作簿",
            doc="""
            检查内容：文件是否为启用宏的工作簿 .xlsm（提示信息）。
            为什么重要：perfxl 只读取数值，从不运行宏；宏计算的结果若未保存到单元格中，将无法读取。
            错误示例：提交“自评表.xlsm”。
            正确示例：另存为 .xlsx 后提交。
            依据：perfxl 安全读取规定（不运行宏）"""),
    Problem("T013", "column-missing", W,
            "“{table}”表缺少“{column}”列",
            "请按模板补回“{column}”列，不要删除或改写列标题",
            title="指标表缺少栏目",
            doc=f"""
            检查内容：绩效指标表是否包含所需的列（如指标值、实际完成值、分值、得分）。
            为什么重要：缺少的列无法读取，相应的校验和评分会缺项。
            错误示例：自评表删除了“分值”列。
            正确示例：按模板保留全部列，不需要的列留空。
            依据：{_LAYOUT_BASIS}"""),
    Problem("T014", "midterm-indicator-unmatched", W,
            "中期指标“{name}”（{cell}）{detail}",
            "中期和年度绩效指标请逐行对应填写同一个三级指标；年度不设的指标，年度指标值填“—”",
            title="中期指标与年度指标不对应",
            doc="""
            检查内容：申报表中中期绩效指标与年度绩效指标是否逐项对应（同一三级指标）。
            为什么重要：中期指标值按三级指标名称对应到年度指标；对不上的中期指标无法与年度目标比较，perfxl 不会把它当作年度指标值，而是单独列出。
            错误示例：中期指标写“受益学生人数 ≥30万人”，年度指标表中没有“受益学生人数”。
            正确示例：中期、年度绩效指标逐行填写同一个三级指标；年度不设的指标，年度指标值填“—”。
            依据：财预〔2015〕88号 附件（项目支出绩效目标申报表：中期目标、年度目标及其绩效指标）"""),
    Problem("T015", "table-not-read", W,
            "{cell} 处还有一张“{table}”表{caption}，未读取",
            "每张表单只保留一张“{table}”表；中期和年度指标请按申报表格式左右并列填写",
            title="另有一张表未读取",
            doc=f"""
            检查内容：工作表中是否还有未被读取的指标表或任务表（如另起一张的补充指标表）。
            为什么重要：每张表单只读取一张指标表；其余的表不参与校验和评分，必须提示，不能悄悄略过。
            错误示例：在自评表“总分”行下方另起一张“补充指标”表。
            正确示例：所有指标填在同一张指标表中；中期和年度绩效指标按申报表格式并列或分别标明“中期”“年度”。
            依据：{_LAYOUT_BASIS}"""),
    Problem("T016", "unusable-cell-value", E,
            "单元格内容“{text}”{why}，已按文字保留，未参与计算",
            "请核对该单元格（{cell}）：错误值多因公式的除数为空或为0、引用的单元格被删除；数值请按实际填写",
            title="错误值或不可能的数值",
            doc="""
            检查内容：指标值、实际完成值等单元格中是否出现 Excel 错误值（#DIV/0!、#REF!、#N/A、#VALUE!、#NAME?、#NUM!、#NULL!）或不可能的数值（如 1E+308、无穷大、15位以上的数）。
            为什么重要：错误值说明公式没有算出结果，不可能的数值多为公式或粘贴出错；perfxl 按文字保留原内容，不让它参与计算，以免得分、合计失真。
            金额、分值、得分等数字栏中的同类内容由 B109 报告。
            错误示例：实际完成值单元格的公式“=C10/D10”因 D10 为空显示“#DIV/0!”。
            正确示例：修正公式或直接填写实际完成值，如“96%”。
            依据：Excel 数值精度为15位有效数字；财预〔2020〕10号 附1（按实际完成值计分）"""),
    # -- unusable files -----------------------------------------------------------------------
    Problem("T101", "unreadable-file", E,
            "文件无法读取：{reason}",
            "请用 Excel 或 WPS 打开确认文件完好，另存为 .xlsx 后重新提交",
            title="文件无法打开", unusable=True,
            doc="""
            检查内容：文件能否打开读取。
            为什么重要：损坏或不完整的文件无法读取；批量汇总时该文件列为“无法读取”并注明原因。
            错误示例：传输中断导致的残缺文件。
            正确示例：用 Excel 或 WPS 打开确认完好，另存后重新提交。
            依据：perfxl 读取规定（每个文件都有结果，不会被悄悄跳过）"""),
    Problem("T102", "password-protected", E,
            "文件设置了打开密码（已加密），无法读取",
            "请取消密码保护后另存为 .xlsx 再提交（Excel：文件—信息—保护工作簿—用密码进行加密，清空密码）",
            title="文件设有密码", unusable=True,
            doc="""
            检查内容：文件是否设置了打开密码。
            为什么重要：加密文件无法读取内容。
            错误示例：设置了打开密码的自评表。
            正确示例：取消密码后另存提交。
            依据：perfxl 读取规定"""),
    Problem("T103", "legacy-xls", E,
            "文件是旧版 {format} 格式{detail}，不能直接读取",
            "请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再提交",
            title="旧版 .xls 文件", unusable=True,
            doc="""
            检查内容：文件是否为旧版 .xls（Excel 97-2003）或其他旧格式。
            为什么重要：旧格式不能直接读取，也不支持模板中的数据验证和公式。
            错误示例：提交“自评表.xls”。
            正确示例：用 Excel 或 WPS 另存为 .xlsx。
            依据：perfxl 读取规定（支持 .xlsx/.xlsm 及表单 JSON）"""),
    Problem("T104", "not-a-spreadsheet", E,
            "文件不是 Excel 工作簿：{reason}",
            "请提交 Excel 工作簿（.xlsx）；如果是改了扩展名的其他文件，请找回原表格文件",
            title="不是 Excel 工作簿", unusable=True,
            doc="""
            检查内容：文件是否真的是 Excel 工作簿（而不是改了扩展名的其他文件）。
            为什么重要：改了扩展名的 Word、PDF 或图片文件无法作为表单读取。
            错误示例：把 Word 文档的扩展名改为 .xlsx。
            正确示例：提交真正的 Excel 工作簿。
            依据：perfxl 读取规定"""),
    Problem("T105", "owner-file", E,
            "“{name}”是 Excel/WPS 打开文件时生成的临时锁定文件，不是表单",
            "忽略或删除以“~$”开头的文件，提交真正的表单文件",
            title="临时锁定文件", unusable=True,
            doc="""
            检查内容：文件是否为 Excel/WPS 打开文件时生成的临时锁定文件（以“~$”开头）。
            为什么重要：锁定文件不是表单，通常是从打开着文件的文件夹中一起复制出来的。
            错误示例：“~$自评表.xlsx”。
            正确示例：忽略或删除以“~$”开头的文件。
            依据：perfxl 读取规定"""),
    Problem("T106", "unsafe-archive", E,
            "文件结构异常，出于安全考虑未读取：{reason}",
            "请用 Excel 或 WPS 打开后另存为 .xlsx 再提交；如文件来源不明，请勿打开",
            title="文件结构不安全", unusable=True,
            doc="""
            检查内容：文件的压缩结构是否安全（成员大小、压缩比、路径）。
            为什么重要：异常的压缩结构可能是“压缩炸弹”等恶意文件，解压会耗尽内存或覆盖其他文件；perfxl 不读取。
            错误示例：2 MB 的文件解压后声称有数 GB。
            正确示例：用 Excel 或 WPS 另存后重新提交；来源不明的文件不要打开。
            依据：perfxl 安全读取规定（读取前检查成员大小和压缩比）"""),
    Problem("T107", "empty-file", E,
            "文件为空（0 字节）",
            "文件可能未保存完整或传输中断，请重新提交",
            title="空文件", unusable=True,
            doc="""
            检查内容：文件是否为空（0 字节）。
            为什么重要：空文件没有任何内容，多为保存或传输失败。
            错误示例：0 字节的“自评表.xlsx”。
            正确示例：重新保存并提交完整文件。
            依据：perfxl 读取规定"""),
    Problem("T108", "unsupported-format", E,
            "文件是 {format} 格式，不能直接读取",
            "请用 Excel、WPS 或 LibreOffice 打开后另存为 Excel 工作簿（.xlsx）再提交",
            title="文件格式不受支持", unusable=True,
            doc="""
            检查内容：文件格式是否受支持（如 .ods、.et、.csv 不能直接读取）。
            为什么重要：不支持的格式无法按表单读取。
            错误示例：提交 WPS 的 .et 文件或 LibreOffice 的 .ods 文件。
            正确示例：另存为 Excel 工作簿（.xlsx）。
            依据：perfxl 读取规定"""),
)

PROBLEMS: dict[str, Problem] = {p.code: p for p in _ALL}


def finding(code: str, location: str | None = None, path: str | None = None, **fields) -> Finding:
    """A Finding for a T problem, its message and hint filled from `fields`."""
    return PROBLEMS[code].finding(location, path, **fields)


def is_unusable(found: Finding) -> bool:
    known = PROBLEMS.get(found.code)
    return bool(known and known.unusable)
