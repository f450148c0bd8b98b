"""perfxl — China's budget performance management (预算绩效管理) in Excel.

Official-layout workbook templates for the five forms, a reader for filled workbooks with their
regional variants, a scoring engine following 财预〔2020〕10号 and 财预〔2021〕101号 (regional variants
are rule-pack configuration), a linter with stable rule codes and Chinese messages pointing at cells,
and batch validation of collected workbooks.

The layers, from the outside in (docs/dev/architecture.md):

- doors: `perfxl.cli` (the command line), `perfxl.excel` (worksheet functions, scripts) and
  `perfxl.server` (the Excel add-in); they call `perfxl.api` and nothing below it.
- front door: `perfxl.api` — read, check, score, fill, annotate, documents, batch; results are plain data.
- outputs: `perfxl.outputs` — what perfxl writes for people: the annotated copy, 汇总.xlsx and the
  Word documents (`perfxl.outputs.documents`).
- batch and rectification: `perfxl.batch` (folders of workbooks → ledger, results.json) and
  `perfxl.rectification` (整改通知 tracked to closure).
- engine: `perfxl.rules` (the linter), `perfxl.scoring` (the scoring engine), `perfxl.forms` (layouts,
  templates, the reader, form JSON), `perfxl.config` (rule packs) and `perfxl.domain` (plain data).
"""

__version__ = "0.1.0"
