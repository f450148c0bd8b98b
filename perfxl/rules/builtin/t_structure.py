"""T family: workbook structure and file problems, reported by the reader (perfxl.forms.read.reader).

The catalogue (codes, names, severities, messages, hints) is plain data in perfxl.forms.read.problems, because
forms cannot import rules. Here each problem becomes a documentation rule in the registry (its check yields
nothing: the reader reports it), with its Chinese documentation kept below, keyed by code.
"""

from perfxl.forms.read.problems import PROBLEMS
from perfxl.rules.base import DocumentationRule
from perfxl.rules.registry import register

_TEMPLATE = "《项目支出绩效自评表》等表单格式见财预〔2020〕10号 附1、财预〔2015〕88号 附件；perfxl 模板约定见用户指南"

# problem name -> (检查内容, 为什么重要, 错误示例, 正确示例, 依据). Keyed by name, so a doc follows the
# problem's meaning; tests/test_rule_registry.py fails when a catalogue entry has no doc here.
DOCS: dict[str, tuple[str, str, str, str, str]] = {
    "not-a-performance-form": ("工作簿中能否找到绩效表单：按标题（如“项目支出绩效自评表”）、隐藏的模板信息或表头文字识别。",
             "认不出表单就无法校验和评分；批量汇总时该文件单独列为“不是绩效表单”，不会被悄悄跳过。",
             "提交的是预算明细表、会议通知或空白工作簿。",
             "提交填写好的绩效目标申报表、运行监控表或自评表，保留标题和表头。",
             _TEMPLATE),
    "unknown-template-version": ("隐藏的模板信息表中记录的模板版本能否识别。",
             "旧版或来历不明的模板可能缺少新增的栏目或公式；perfxl 改按表头文字读取，结果仍可用但应核对。",
             "使用两年前下发的旧模板填报。",
             "使用财政部门当年下发的最新模板。",
             _TEMPLATE),
    "missing-section": ("表单是否包含规定的各部分（如项目资金、年度总体目标、绩效指标）。",
             "缺少某一部分，相应内容无法读取，校验和评分都不完整。",
             "自评表删除了“项目资金”部分。",
             "保留模板的全部部分，没有内容的部分留空。",
             _TEMPLATE),
    "header-changed": ("表头文字、顺序和合并方式是否与模板一致。",
             "改动表头可能使数据被读到错误的栏目；perfxl 按表头文字识别栏目并报告改动之处。",
             "把“实际完成值”表头改成“完成情况说明”，或插入了自定义列。",
             "不改动表头；补充说明写在备注或偏差原因分析栏。",
             _TEMPLATE),
    "empty-form": ("表单是否已填写（有项目名称、金额或指标等内容）。",
             "空表没有可校验的内容，常见于提交了未填写的模板。",
             "提交下载后未填写的模板。",
             "填写完整后再提交。",
             _TEMPLATE),
    "formula-without-cached-value": ("公式单元格是否保存了计算结果。",
             "有些软件或程序生成的文件只有公式、没有计算结果，表上显示的得分无法读取；perfxl 会重新计算，"
             "但无法与单位显示的得分比较。",
             "用程序批量生成的自评表，得分单元格打开前显示为空。",
             "用 Excel、WPS 或 LibreOffice 打开文件，确认数值后保存。",
             "财预〔2020〕10号 附1（得分、总分）；perfxl “重新计算、不采信缓存值”原则"),
    "kind-conflict": ("隐藏的模板信息标明的表单种类与标题是否一致。",
             "在一种表单的模板里改填另一种表单，栏目位置会对不上，读取结果可能错位。",
             "在自评表模板中改写标题为“绩效目标申报表”后填写申报内容。",
             "使用对应表单的模板填报。",
             _TEMPLATE),
    "several-forms": ("工作簿中是否有多张表单（提示信息）。",
             "一个文件中的多张表单在校验时逐张检查，批量汇总时每个文件只占一行、只汇总第一张表单，其余表单不进入汇总和排名。",
             "一个工作簿中同时有三个项目的自评表。",
             "按要求一表一文件。",
             _TEMPLATE),
    "year-not-found": ("标题下方是否写明了表单年度（“（2024年度）”）。",
             "年度决定时限指标的判断（如“12月底前”）和批量汇总的归类；没有年度时无法确定。",
             "标题下方的“（20XX年度）”未改写。",
             "写明“（2024年度）”。",
             _TEMPLATE),
    "sheet-truncated": ("工作表是否过大（行列数超过读取上限）。",
             "表单以外的大量数据或格式会拖慢读取，超出部分不会被读取；可能遗漏内容。",
             "在表单下方粘贴了数万行明细数据。",
             "明细数据另存为附件，表单中只保留表单内容。",
             "perfxl 安全读取规定（限定单个文件的读取时间和内存）"),
    "external-links-ignored": ("工作簿是否含有外部链接（提示信息）。",
             "链接到其他文件的数值在别人电脑上无法更新，显示的数可能是旧数；perfxl 不会打开链接。",
             "得分单元格引用了“D:\\2024\\汇总.xlsx”中的数值。",
             "断开外部链接，使表中数值不依赖其他文件。",
             "perfxl 安全读取规定（不跟随外部链接）"),
    "macros-not-run": ("文件是否为启用宏的工作簿 .xlsm（提示信息）。",
             "perfxl 只读取数值，从不运行宏；宏计算的结果若未保存到单元格中，将无法读取。",
             "提交“自评表.xlsm”。",
             "另存为 .xlsx 后提交。",
             "perfxl 安全读取规定（不运行宏）"),
    "column-missing": ("绩效指标表是否包含所需的列（如指标值、实际完成值、分值、得分）。",
             "缺少的列无法读取，相应的校验和评分会缺项。",
             "自评表删除了“分值”列。",
             "按模板保留全部列，不需要的列留空。",
             _TEMPLATE),
    "midterm-indicator-unmatched": ("申报表中中期绩效指标与年度绩效指标是否逐项对应（同一三级指标）。",
             "中期指标值按三级指标名称对应到年度指标；对不上的中期指标无法与年度目标比较，"
             "perfxl 不会把它当作年度指标值，而是单独列出。",
             "中期指标写“受益学生人数 ≥30万人”，年度指标表中没有“受益学生人数”。",
             "中期、年度绩效指标逐行填写同一个三级指标；年度不设的指标，年度指标值填“—”。",
             "财预〔2015〕88号 附件（项目支出绩效目标申报表：中期目标、年度目标及其绩效指标）"),
    "table-not-read": ("工作表中是否还有未被读取的指标表或任务表（如另起一张的补充指标表）。",
             "每张表单只读取一张指标表；其余的表不参与校验和评分，必须提示，不能悄悄略过。",
             "在自评表“总分”行下方另起一张“补充指标”表。",
             "所有指标填在同一张指标表中；中期和年度绩效指标按申报表格式并列或分别标明“中期”“年度”。",
             _TEMPLATE),
    "unusable-cell-value": ("指标值、实际完成值等单元格中是否出现 Excel 错误值（#DIV/0!、#REF!、#N/A、#VALUE!、#NAME?、"
             "#NUM!、#NULL!）或不可能的数值（如 1E+308、无穷大、15位以上的数）。",
             "错误值说明公式没有算出结果，不可能的数值多为公式或粘贴出错；perfxl 按文字保留原内容，不让它参与计算，"
             "以免得分、合计失真。金额、分值、得分等数字栏中的同类内容由 B109 报告。",
             "实际完成值单元格的公式“=C10/D10”因 D10 为空显示“#DIV/0!”。",
             "修正公式或直接填写实际完成值，如“96%”。",
             "Excel 数值精度为15位有效数字；财预〔2020〕10号 附1（按实际完成值计分）"),
    "unreadable-file": ("文件能否打开读取。",
             "损坏或不完整的文件无法读取；批量汇总时该文件列为“无法读取”并注明原因。",
             "传输中断导致的残缺文件。",
             "用 Excel 或 WPS 打开确认完好，另存后重新提交。",
             "perfxl 读取规定（每个文件都有结果，不会被悄悄跳过）"),
    "password-protected": ("文件是否设置了打开密码。",
             "加密文件无法读取内容。",
             "设置了打开密码的自评表。",
             "取消密码后另存提交。",
             "perfxl 读取规定"),
    "legacy-xls": ("文件是否为旧版 .xls（Excel 97-2003）或其他旧格式。",
             "旧格式不能直接读取，也不支持模板中的数据验证和公式。",
             "提交“自评表.xls”。",
             "用 Excel 或 WPS 另存为 .xlsx。",
             "perfxl 读取规定（支持 .xlsx/.xlsm 及表单 JSON）"),
    "not-a-spreadsheet": ("文件是否真的是 Excel 工作簿（而不是改了扩展名的其他文件）。",
             "改了扩展名的 Word、PDF 或图片文件无法作为表单读取。",
             "把 Word 文档的扩展名改为 .xlsx。",
             "提交真正的 Excel 工作簿。",
             "perfxl 读取规定"),
    "owner-file": ("文件是否为 Excel/WPS 打开文件时生成的临时锁定文件（以“~$”开头）。",
             "锁定文件不是表单，通常是从打开着文件的文件夹中一起复制出来的。",
             "“~$自评表.xlsx”。",
             "忽略或删除以“~$”开头的文件。",
             "perfxl 读取规定"),
    "unsafe-archive": ("文件的压缩结构是否安全（成员大小、压缩比、路径）。",
             "异常的压缩结构可能是“压缩炸弹”等恶意文件，解压会耗尽内存或覆盖其他文件；perfxl 不读取。",
             "2 MB 的文件解压后声称有数 GB。",
             "用 Excel 或 WPS 另存后重新提交；来源不明的文件不要打开。",
             "perfxl 安全读取规定（读取前检查成员大小和压缩比）"),
    "empty-file": ("文件是否为空（0 字节）。",
             "空文件没有任何内容，多为保存或传输失败。",
             "0 字节的“自评表.xlsx”。",
             "重新保存并提交完整文件。",
             "perfxl 读取规定"),
    "unsupported-format": ("文件格式是否受支持（如 .ods、.et、.csv 不能直接读取）。",
             "不支持的格式无法按表单读取。",
             "提交 WPS 的 .et 文件或 LibreOffice 的 .ods 文件。",
             "另存为 Excel 工作簿（.xlsx）。",
             "perfxl 读取规定"),
}

# problem name -> short Chinese title shown in lists (perfxl rules, the annotated copy's 校验结果 sheet).
TITLES: dict[str, str] = {
    "not-a-performance-form": "不是绩效表单",
    "unknown-template-version": "模板版本无法识别",
    "missing-section": "表单缺少部分内容",
    "header-changed": "表头被改动",
    "empty-form": "空表",
    "formula-without-cached-value": "公式没有计算结果",
    "kind-conflict": "表单种类与标题不一致",
    "several-forms": "一个文件中有多张表单",
    "year-not-found": "未写明年度",
    "sheet-truncated": "工作表过大",
    "external-links-ignored": "含外部链接",
    "macros-not-run": "启用宏的工作簿",
    "column-missing": "指标表缺少栏目",
    "midterm-indicator-unmatched": "中期指标与年度指标不对应",
    "table-not-read": "另有一张表未读取",
    "unusable-cell-value": "错误值或不可能的数值",
    "unreadable-file": "文件无法打开",
    "password-protected": "文件设有密码",
    "legacy-xls": "旧版 .xls 文件",
    "not-a-spreadsheet": "不是 Excel 工作簿",
    "owner-file": "临时锁定文件",
    "unsafe-archive": "文件结构不安全",
    "empty-file": "空文件",
    "unsupported-format": "文件格式不受支持",
}

_HEADINGS = ("检查内容", "为什么重要", "错误示例", "正确示例", "依据")


def _doc(problem) -> str:
    parts = DOCS.get(problem.name)
    if parts is None:  # added to the catalogue without documentation here (a test reports it)
        parts = (problem.message, "由读取器报告。", "—", "—", _TEMPLATE)
    return "\n\n".join(f"{h}：{text}" for h, text in zip(_HEADINGS, parts, strict=True)) + "\n"


def _make(problem) -> type[DocumentationRule]:
    attrs = {
        "__doc__": _doc(problem),
        "__module__": __name__,
        "code": problem.code,
        "name": problem.name,
        "title": TITLES.get(problem.name, problem.name),  # a test reports a catalogue entry without a title
        "severity": problem.severity,
        "message": problem.message,
        "hint": problem.hint,
        "unusable": problem.unusable,
    }
    cls_name = "".join(part.title() for part in problem.name.split("-"))
    return register(type(cls_name, (DocumentationRule,), attrs))


TRULES = {code: _make(problem) for code, problem in PROBLEMS.items()}
