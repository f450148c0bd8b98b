"""What perfxl writes for people to read, from the engine's results.

- `annotated_copy`: a workbook's copy with every finding as a cell comment and fill, and a 校验结果 sheet.
- `summary_workbook`: 汇总.xlsx of a batch run (xlsxwriter, constant memory), streamed from the ledger.
- `documents`: Word documents (GB/T 9704-2012 layout) over `perfxl.api` results.
- `labels`, `text`: shared helpers (rule labels; row heights for wrapped Chinese text).
"""
