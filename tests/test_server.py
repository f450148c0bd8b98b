"""HTTP against `perfxl serve` on loopback: manifest, functions, scripts, batch upload and its limits."""

import io
import subprocess
import time
import xml.etree.ElementTree as ET
import zipfile
from urllib.parse import urlparse

import pytest
from perfxl_server import TOKEN, collected_workbooks, httpx, running_server, serve_command, server_env

NS = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1",
      "v": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
      "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0"}
AUTH = {"Authorization": TOKEN}
BUTTONS = ["校验", "评分", "评价报告", "整改通知", "批量校验"]
FUNCTIONS = ["BUDGET", "CHECK", "EXPLAIN", "GRADE", "PARSE", "RULE", "SCORE"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("server") / "data"
    with running_server(data, PERFXL_MAX_UPLOAD_MB="1", PERFXL_MAX_FILES="4", PERFXL_DOWNLOAD_TTL="600") as base:
        yield base, data


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server[0], timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    return collected_workbooks(tmp_path_factory.mktemp("collected"), 3)


def test_manifest_has_the_tab_the_buttons_and_points_at_served_pages(client):
    response = client.get("/manifest.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    strings = {s.get("id"): s.get("DefaultValue") for s in root.iterfind(".//bt:String", NS)}
    tab = root.find(".//v:CustomTab", NS)
    assert strings[tab.find("v:Label", NS).get("resid")] == "绩效管理"
    controls = tab.findall(".//v:Control", NS)
    assert [strings[c.find("v:Label", NS).get("resid")] for c in controls] == BUTTONS
    for control in controls:
        assert strings[control.find("v:Supertip/v:Description", NS).get("resid")]  # a Chinese tooltip
        assert len(control.findall("v:Icon/bt:Image", NS)) == 3
    assert strings["Functions.Namespace"] == "PERFXL"
    urls = [u.get("DefaultValue") for u in root.iterfind(".//bt:Url", NS)]
    urls += [i.get("DefaultValue") for i in root.iterfind(".//bt:Images/bt:Image", NS)]
    for url in urls:
        parsed = urlparse(url)
        assert f"{parsed.scheme}://{parsed.netloc}" == str(client.base_url)
        assert client.get(parsed.path).status_code == 200, url
    assert root.find("o:DefaultLocale", NS).text == "zh-CN"


def test_functions_meta_lists_every_perfxl_function(client):
    meta = client.get("/xlwings/custom-functions-meta.json").json()
    assert sorted(f["name"] for f in meta["functions"]) == FUNCTIONS
    code = client.get("/xlwings/custom-functions-code.js").text
    assert all(f'CustomFunctions.associate("PERFXL_{name}"' in code for name in FUNCTIONS)


def test_function_call(client):
    body = {"func_name": "PERFXL_SCORE", "args": [[["≥95%"], ["90"]], [["96%"], ["81"]], [[10]], [[None], ["≥"]]],
            "caller_address": "[自评表.xlsx]自评表!M10", "content_language": "zh-CN", "version": "0.37.8",
            "runtime": "1.4"}
    assert client.post("/xlwings/custom-functions-call", json=body).status_code == 401
    assert client.post("/xlwings/custom-functions-call", json=body, headers=AUTH).json() == {"result": [[10.0], [9.0]]}


def test_script_call_returns_actions(client, workbooks):
    from officejs import book_payload  # xlwings in server mode only for this test
    from openpyxl import load_workbook

    payload = book_payload(load_workbook(workbooks[0]))
    response = client.post("/xlwings/custom-scripts-call/validate", json=payload, headers=AUTH)
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    assert actions[0]["func"] == "addSheet" and actions[0]["args"][1] == "校验结果"
    assert any(a["func"] == "setRangeColor" and a["sheet_position"] == 0 for a in actions)
    assert client.post("/xlwings/custom-scripts-call/validate", json=payload).status_code == 401


def _files(paths):
    return [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in paths]


def test_upload_batch_download(client, workbooks):
    response = client.post("/perfxl/batch", files=_files(workbooks), headers=AUTH)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["files"] == 3 and sum(c["files"] for c in result["counts"]) == 3
    links = {d["name"]: d["url"] for d in result["downloads"]}
    assert set(links) >= {"汇总.xlsx", "批注副本.zip"}
    summary = client.get(links["汇总.xlsx"])
    assert summary.status_code == 200 and summary.content[:2] == b"PK"
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(summary.content)).sheetnames
    annotated = zipfile.ZipFile(io.BytesIO(client.get(links["批注副本.zip"]).content))
    assert annotated.namelist() and all(n.endswith(".xlsx") for n in annotated.namelist())
    token = urlparse(links["汇总.xlsx"]).path.split("/")[3]
    assert len(token) >= 32  # a random name


def test_batch_with_rectification_notices(client, workbooks):
    from perfxl import api

    if not api.documents_available():
        pytest.skip("需要文档模块：pip install 'perfxl[docs]'")
    bad = client.post("/perfxl/batch", files=_files(workbooks), data={"documents": "贺信"}, headers=AUTH)
    assert bad.status_code == 400 and "未知的文书类型" in bad.json()["detail"]
    result = client.post("/perfxl/batch", files=_files(workbooks), data={"documents": "整改通知"}, headers=AUTH).json()
    written = result["documents"]["written"].get("整改通知", 0)
    assert written >= 1  # the collected workbooks carry planted faults
    links = {d["name"]: d["url"] for d in result["downloads"]}
    names = zipfile.ZipFile(io.BytesIO(client.get(links["文书.zip"]).content)).namelist()
    assert len(names) == written and all(n.startswith("整改通知/") and n.endswith(".docx") for n in names)


def test_a_zip_is_one_batch(client, workbooks, tmp_path):
    archive = tmp_path / "收集.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in workbooks:
            zf.write(p, p.name)
    result = client.post("/perfxl/batch", files=_files([archive]), headers=AUTH).json()
    assert result["files"] == 3


def test_no_token_is_401(client, workbooks):
    assert client.post("/perfxl/batch", files=_files(workbooks[:1])).status_code == 401
    assert client.post("/perfxl/batch", files=_files(workbooks[:1]), headers={"Authorization": "wrong"}).status_code == 401
    assert client.get("/perfxl/template/project_selfeval").status_code == 401


def test_oversized_upload_is_413(client):
    big = [("files", ("大.xlsx", b"PK" + b"\0" * (1024 * 1024 + 10), "application/octet-stream"))]
    response = client.post("/perfxl/batch", files=big, headers=AUTH)
    assert response.status_code == 413 and "上传内容过大" in response.json()["detail"]


def test_too_many_files_is_413(client, workbooks):
    many = [("files", (f"{i}.xlsx", b"PK", "application/octet-stream")) for i in range(5)]
    response = client.post("/perfxl/batch", files=many, headers=AUTH)
    assert response.status_code == 413 and "文件过多" in response.json()["detail"]


@pytest.mark.parametrize("name", ["../逃逸.xlsx", "..\\逃逸.xlsx", "/etc/passwd.xlsx",
                                  "子目录/表.xlsx", "说明.txt"])
def test_unsafe_names_are_refused(client, server, name):
    response = client.post("/perfxl/batch", files=[("files", (name, b"PK", "application/octet-stream"))],
                           headers=AUTH)
    assert response.status_code == 400
    assert "文件名" in response.json()["detail"] or "不是 .xlsx" in response.json()["detail"]
    data = server[1]
    assert not (data.parent / "逃逸.xlsx").exists() and not (data / "逃逸.xlsx").exists()


def test_downloads_refuse_traversal_and_unknown_names(client):
    assert client.get("/perfxl/download/aaaaaaaaaaaaaaaaaaaaaaaa/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/perfxl/download/..%2F..%2F/x").status_code == 404
    response = client.get("/perfxl/download/aaaaaaaaaaaaaaaaaaaaaaaa/汇总.xlsx")
    assert response.status_code == 404 and "已过期" in response.json()["detail"]


def test_nothing_is_written_outside_the_data_folder(client, server, workbooks):
    data = server[1]
    before = {p for p in data.parent.iterdir()}
    client.post("/perfxl/batch", files=_files(workbooks), headers=AUTH)
    assert {p for p in data.parent.iterdir()} == before
    assert {p.name for p in data.iterdir()} <= {"jobs", "downloads", "tmp"}
    assert not any((data / "jobs").iterdir())  # uploads are removed once the batch is done


def test_template_for_insert_worksheets(client):
    import base64

    from openpyxl import load_workbook

    kinds = client.get("/perfxl/templates", headers=AUTH).json()
    assert kinds["project_selfeval"] == "项目支出绩效自评表"
    body = client.get("/perfxl/template/project_selfeval", headers=AUTH).json()
    wb = load_workbook(io.BytesIO(base64.b64decode(body["base64"])))
    assert "自评表" in wb.sheetnames
    assert client.get("/perfxl/template/nope", headers=AUTH).status_code == 404


def test_documents_from_the_open_workbook(client, workbooks):
    from officejs import book_payload
    from openpyxl import load_workbook

    from perfxl import api

    assert client.get("/perfxl/documents", headers=AUTH).json() == {"available": api.documents_available()}
    if not api.documents_available():
        pytest.skip("需要文档模块：pip install 'perfxl[docs]'")
    payload = book_payload(load_workbook(workbooks[0]), name="青川县教育局.xlsx")
    assert client.post("/perfxl/document/notice", json=payload).status_code == 401
    assert client.post("/perfxl/document/letter", json=payload, headers=AUTH).status_code == 404
    for button, kind in (("report", "评价报告"), ("notice", "整改通知")):
        response = client.post(f"/perfxl/document/{button}", json=payload, headers=AUTH)
        assert response.status_code == 200, response.text
        (link,) = response.json()["downloads"]
        assert link["name"] == f"青川县教育局_{kind}.docx"
        docx = client.get(link["url"])
        assert docx.status_code == 200 and docx.content[:2] == b"PK"
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(docx.content)).namelist()
    sneaky = {**payload, "book": {**payload["book"], "name": "../../逃逸.xlsx"}}
    response = client.post("/perfxl/document/notice", json=sneaky, headers=AUTH)
    assert response.json()["downloads"][0]["name"] == "逃逸_整改通知.docx"
    huge = {**payload, "sheets": [{**payload["sheets"][0], "values": [["很长的文字" * 200]] * 400}]}
    assert client.post("/perfxl/document/report", json=huge, headers=AUTH).status_code == 413
    blank = {**payload, "sheets": [{**payload["sheets"][0], "name": "Sheet1", "values": [["你好"]]}]}
    response = client.post("/perfxl/document/report", json=blank, headers=AUTH)
    assert response.status_code == 422 and "没有读到绩效表单" in response.json()["detail"]


def test_expired_downloads_are_gone(tmp_path, workbooks):
    with running_server(tmp_path / "data", PERFXL_DOWNLOAD_TTL="1") as base, httpx.Client(base_url=base,
                                                                                          timeout=120) as c:
        result = c.post("/perfxl/batch", files=_files(workbooks[:1]), headers=AUTH).json()
        time.sleep(2.5)
        response = c.get(result["downloads"][0]["url"])
        assert response.status_code == 404 and "已过期" in response.json()["detail"]


def test_missing_licence_key_says_what_to_set(tmp_path):
    env = server_env()
    del env["XLWINGS_LICENSE_KEY"]
    result = subprocess.run(serve_command("--data", str(tmp_path / "d")), env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2
    assert "XLWINGS_LICENSE_KEY=noncommercial" in result.stderr.replace("\n", "")
