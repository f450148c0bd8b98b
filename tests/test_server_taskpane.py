"""The task pane in headless Chromium (Debian's chromium driven by Playwright): the batch upload flow end
to end against `perfxl serve`. Excel is not here, so office.js is replaced by a stand-in whose
Office.onReady reports an Excel host. PERFXL_SCREENSHOTS=1 refreshes docs/img/excel-taskpane.png."""

import os
import shutil
from pathlib import Path

import pytest
from officejs import book_payload
from openpyxl import load_workbook
from perfxl_server import ROOT, TOKEN, collected_workbooks, running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="需要 playwright：pip install playwright")
if not Path(CHROMIUM).exists():
    pytest.skip("需要 Chromium：sudo apt-get install chromium", allow_module_level=True)

OFFICE_STANDIN = """
window.Office = {
  onReady: (callback) => {
    const info = { host: "Excel", platform: "OfficeOnline" };
    if (callback) callback(info);
    return Promise.resolve(info);
  },
  actions: { associate: () => {} },
  context: { ui: {}, requirements: { isSetSupported: () => true }, diagnostics: { version: "16.0" } },
  HostType: { Excel: "Excel" },
};
window.CustomFunctions = { associate: () => {} };
"""


def test_batch_upload_in_the_task_pane(tmp_path):
    books = collected_workbooks(tmp_path / "收集", 3)
    payload = book_payload(load_workbook(books[0]), name="单位1.xlsx")
    shot = ROOT / "docs" / "img" / "excel-taskpane.png" if os.environ.get("PERFXL_SCREENSHOTS") else tmp_path / "p.png"
    errors: list[str] = []
    with running_server(tmp_path / "data") as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 360, "height": 760}, locale="zh-CN")
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.route("**/office.js", lambda route: route.fulfill(content_type="text/javascript",
                                                                    body=OFFICE_STANDIN))
            page.goto(base + "/taskpane.html#batch")
            assert page.inner_text("h1") == "绩效管理"
            assert "perfxl-focus" in page.get_attribute("#batch", "class")  # the ribbon's 批量校验 target

            page.click("#perfxl-batch")  # nothing chosen yet
            assert "请先选择" in page.inner_text("#perfxl-status")
            page.set_input_files("#perfxl-files", [str(b) for b in books])
            page.click("#perfxl-batch")
            page.wait_for_selector("#perfxl-status.perfxl-error")
            assert "访问令牌" in page.inner_text("#perfxl-status")  # 401 explained

            page.fill("#perfxl-token", TOKEN)
            page.click("#perfxl-token-save")
            page.wait_for_selector("#perfxl-kind option", state="attached")
            assert "项目支出绩效自评表" in page.inner_text("#perfxl-kind")
            page.check("#perfxl-batch-notices")
            page.click("#perfxl-batch")
            page.wait_for_selector("#perfxl-batch-result a.perfxl-download", timeout=120_000)
            summary = page.inner_text("#perfxl-batch-result")
            assert summary.startswith("共 3 个文件") and "文书：整改通知" in summary
            links = {a.inner_text(): a.get_attribute("href")
                     for a in page.query_selector_all("#perfxl-batch-result a.perfxl-download")}
            assert {"汇总.xlsx", "批注副本.zip", "文书.zip"} <= set(links)
            download = page.request.get(base + links["汇总.xlsx"])
            assert download.status == 200 and download.body()[:2] == b"PK"

            # 评价报告 from the open workbook: xlwings' getBookData reads it in Excel; here it hands over a payload
            page.evaluate("payload => { xlwings.getBookData = async () => payload; }", payload)
            page.click("#perfxl-report")
            page.wait_for_selector("#perfxl-document-result a.perfxl-download", timeout=120_000)
            assert page.inner_text("#perfxl-document-result") == "单位1_评价报告.docx"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert not [e for e in errors if "perfxl" in e], errors
