"""The Word documents perfxl writes, by name: pure data, so the API knows them without the docs extra."""

# The seven documents, in the order of the user guide: one checked form's five, then 催办函 and 汇总分析.
DOCUMENT_KINDS: tuple[str, ...] = ("自评报告", "评价报告", "整改通知", "审核意见", "提醒函", "催办函", "汇总分析")
FORM_DOCUMENTS: tuple[str, ...] = DOCUMENT_KINDS[:5]  # of one checked form; 催办函 and 汇总分析 are not
