"""Hostile requests against `perfxl serve`: malformed payloads, oversized arrays, wrong content types and odd
names on every route end as a 4xx with a Chinese message (or a normal answer) — never a 500 or a hang."""

import json
import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from perfxl_server import TOKEN, collected_workbooks, httpx, running_server

from tests.fuzz.mutate import mutate

AUTH = {"Authorization": TOKEN}
FUNCTIONS = "/xlwings/custom-functions-call"
VALIDATE = "/xlwings/custom-scripts-call/validate"
JSON = {"content-type": "application/json"}
CALL = {"func_name": "PERFXL_SCORE", "args": [[["≥95%"]], [["96%"]], [[10]]], "caller_address": "[a.xlsx]表!A1",
        "content_language": "zh-CN", "version": "0.37.8", "runtime": "1.4"}
SHEET = {"name": "表", "values": [[1, "a"], [2]], "pictures": [], "tables": [], "shapes": [], "charts": [], "notes": [],
         "pivot_tables": [], "print_area": None, "show_gridlines": True, "visibility": "Visible"}
BOOK = {"client": "Office.js", "version": "0.37.8", "book": {"name": "a.xlsx", "active_sheet_index": 0, "selection": "A1"},
        "names": [], "sheets": [SHEET]}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    data = tmp_path_factory.mktemp("server-fuzz") / "data"
    with running_server(data, PERFXL_MAX_UPLOAD_MB="1", PERFXL_MAX_FILES="10") as base, \
            httpx.Client(base_url=base, timeout=60, headers=AUTH) as c:
        yield c


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def assert_answered(response: httpx.Response) -> None:
    """A normal answer, or a 4xx whose detail is Chinese; never a 5xx."""
    assert response.status_code < 500, response.text[:300]
    if response.status_code >= 400:
        detail = response.json()["detail"]
        assert isinstance(detail, str) and chinese(detail), detail


def post_json(client, path: str, body: object) -> httpx.Response:
    return client.post(path, content=json.dumps(body, ensure_ascii=False), headers=JSON)


HOSTILE = [
    ("function: not JSON", FUNCTIONS, {"content": b"{", "headers": JSON}),
    ("function: text/plain", FUNCTIONS, {"content": json.dumps(CALL), "headers": {"content-type": "text/plain"}}),
    ("function: XML", FUNCTIONS, {"content": b"<a/>", "headers": {"content-type": "application/xml"}}),
    ("function: null", FUNCTIONS, {"content": b"null", "headers": JSON}),
    ("function: empty", FUNCTIONS, {"content": b"", "headers": JSON}),
    ("function: a list", FUNCTIONS, {"json": [CALL]}),
    ("function: unknown", FUNCTIONS, {"json": {**CALL, "func_name": "PERFXL_NOPE"}}),
    ("function: a builtin", FUNCTIONS, {"json": {**CALL, "func_name": "__import__"}}),
    ("function: args text", FUNCTIONS, {"json": {**CALL, "args": "x"}}),
    ("function: no args", FUNCTIONS, {"json": {**CALL, "args": []}}),
    ("function: nine args", FUNCTIONS, {"json": {**CALL, "args": [[["a"]]] * 9}}),
    ("function: object cells", FUNCTIONS, {"json": {**CALL, "args": [[[{"a": 1}]], [["1"]], [[1]]]}}),
    ("function: address a number", FUNCTIONS, {"json": {**CALL, "caller_address": 5}}),
    ("function: deep nesting", FUNCTIONS, {"content": '{"func_name":"PERFXL_SCORE","args":' + "[" * 100_000
                                           + "]" * 100_000 + "}", "headers": JSON}),
    ("function: oversized array", FUNCTIONS, {"json": {**CALL, "args": [[["≥95%"]] * 100_000, [["96%"]] * 100_000,
                                                                      [[10]] * 100_000]}}),
    ("function: undecodable", FUNCTIONS, {"content": b"\xff\xfe\x00", "headers": JSON}),
    ("script: empty object", VALIDATE, {"json": {}}),
    ("script: sheets text", VALIDATE, {"json": {**BOOK, "sheets": "x"}}),
    ("script: sheet without name", VALIDATE, {"json": {**BOOK, "sheets": [{"values": [[1]]}]}}),
    ("script: no sheets", VALIDATE, {"json": {**BOOK, "sheets": []}}),
    ("script: sheet without visibility", VALIDATE, {"json": {**BOOK, "sheets": [{"name": "表", "values": [[1]]}]}}),
    ("script: object cells", VALIDATE, {"json": {**BOOK, "sheets": [{**SHEET, "values": [[{"a": 1}]]}]}}),
    ("script: names of text", VALIDATE, {"json": {**BOOK, "names": ["a"]}}),
    ("script: values not rows", VALIDATE, {"json": {**BOOK, "sheets": [{**SHEET, "values": [1, 2]}]}}),
    ("script: book text", VALIDATE, {"json": {**BOOK, "book": "a"}}),
    ("script: form without bookData", VALIDATE, {"data": {"x": "1"}}),
    ("script: form with broken bookData", VALIDATE, {"data": {"bookData": "{"}}),
    ("script: unknown", "/xlwings/custom-scripts-call/nope", {"json": BOOK}),
    ("script: oversized sheet", VALIDATE, {"json": {**BOOK, "sheets": [{**SHEET, "values": [["值"] * 200] * 5000}]}}),
    ("document: unknown kind", "/perfxl/document/nope", {"json": BOOK}),
    ("document: empty", "/perfxl/document/report", {"json": {}}),
    ("document: not a form", "/perfxl/document/notice", {"json": BOOK}),
    ("batch: JSON", "/perfxl/batch", {"json": {"files": ["a.xlsx"]}}),
    ("batch: text", "/perfxl/batch", {"content": b"hello", "headers": {"content-type": "text/plain"}}),
    ("batch: broken multipart", "/perfxl/batch", {"content": b"--x\r\nfoo\r\n",
                                                  "headers": {"content-type": "multipart/form-data; boundary=x"}}),
    ("batch: no boundary", "/perfxl/batch", {"content": b"--x\r\n", "headers": {"content-type": "multipart/form-data"}}),
    ("batch: nameless file", "/perfxl/batch", {"files": [("files", ("", b"x", "application/octet-stream"))]}),
    ("batch: 5,000-character name", "/perfxl/batch", {"files": [("files", ("a" * 5000 + ".xlsx", b"x", "x"))]}),
    ("batch: traversal", "/perfxl/batch", {"files": [("files", ("../../etc/passwd.xlsx", b"x", "x"))]}),
    ("batch: too many fields", "/perfxl/batch", {"files": [("files", ("a.xlsx", b"x", "x"))],
                                                 "data": {f"f{i}": "x" for i in range(50)}}),
    ("batch: unknown document", "/perfxl/batch", {"files": [("files", ("a.xlsx", b"x", "x"))],
                                                  "data": {"documents": "贺信," * 1000}}),
]


@pytest.mark.parametrize(("label", "path", "request_args"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_request_gets_a_chinese_4xx(client, label, path, request_args):
    response = client.post(path, **request_args)
    assert 400 <= response.status_code < 500, (label, response.status_code, response.text[:300])
    assert_answered(response)


@pytest.mark.parametrize("path", ["/perfxl/download/" + "a" * 64 + "/汇总.xlsx", "/perfxl/download/..%2f..%2fetc/passwd",
                                  "/perfxl/download/" + "a" * 5000 + "/" + "b" * 5000, "/perfxl/template/" + "表" * 3000,
                                  "/perfxl/nowhere"])
def test_hostile_paths(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert_answered(response)


def test_wrong_method_is_said_in_chinese(client):
    response = client.get("/perfxl/batch")
    assert response.status_code == 405
    assert_answered(response)


def test_a_repeated_document_kind_is_done_once(client, tmp_path):
    [workbook] = collected_workbooks(tmp_path, 1)
    from perfxl import api

    if not api.documents_available():
        pytest.skip("需要文档模块：pip install 'perfxl[docs]'")
    response = client.post("/perfxl/batch", files=[("files", (workbook.name, workbook.read_bytes(), "x"))],
                           data={"documents": "整改通知," * 5000})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["documents"]["written"] == {"整改通知": 1}


def test_mutated_workbooks_upload_as_result_rows(client, tmp_path):
    seeds = [p.read_bytes() for p in collected_workbooks(tmp_path, 2)]
    rng = random.Random(20261207)
    mutated = (mutate(rng.choice(seeds), rng, rounds=2)[1] for _ in range(1000))
    small = [data for data in mutated if len(data) < 100_000][:8]  # within the server's 1 MB per request
    files = [("files", (f"变异{i}.xlsx", data, "x")) for i, data in enumerate(small)]
    response = client.post("/perfxl/batch", files=files)
    assert response.status_code == 200, response.text[:300]
    assert response.json()["files"] == 8


cells = st.one_of(st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(allow_nan=False),
                  st.text(max_size=30), st.sampled_from(["≥95%", "#DIV/0!", "=1+1", "\x00", "🙂" * 10]),
                  st.fixed_dictionaries({"type": st.sampled_from(["Error", "Double", "x"]), "basicValue": st.text(max_size=5)}))
ranges = st.lists(st.lists(cells, max_size=4), max_size=4)
junk = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)),
                    lambda inner: st.one_of(st.lists(inner, max_size=3),
                                            st.dictionaries(st.text(max_size=6), inner, max_size=3)), max_leaves=8)
NAMES = ["PERFXL_SCORE", "PERFXL_EXPLAIN", "PERFXL_BUDGET", "PERFXL_GRADE", "PERFXL_PARSE", "PERFXL_CHECK", "PERFXL_RULE"]
calls = st.fixed_dictionaries(
    {"func_name": st.one_of(st.sampled_from(NAMES), st.text(max_size=12)),
     "args": st.one_of(st.lists(st.one_of(ranges, cells), max_size=5), junk)},
    optional={"caller_address": st.one_of(st.text(max_size=20), junk), "version": st.just("0.37.8")})
FUZZ = settings(max_examples=int(os.environ.get("PERFXL_FUZZ_EXAMPLES", 120)), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(calls)
def test_fuzzed_function_calls(client, call):
    assert_answered(post_json(client, FUNCTIONS, call))


books = st.fixed_dictionaries(
    {"version": st.one_of(st.just("0.37.8"), junk),
     "book": st.one_of(st.just(BOOK["book"]), junk),
     "sheets": st.one_of(st.lists(st.fixed_dictionaries({**{k: st.just(v) for k, v in SHEET.items()},
                                                         "name": st.one_of(st.text(max_size=8), junk),
                                                         "values": st.one_of(ranges, junk),
                                                         "visibility": st.sampled_from(["Visible", "Hidden", "x"])}),
                                  max_size=3), junk)},
    optional={"names": junk, "client": st.just("Office.js")})


@FUZZ
@given(books, st.sampled_from([VALIDATE, "/xlwings/custom-scripts-call/score", "/perfxl/document/report"]))
def test_fuzzed_book_payloads(client, book, path):
    assert_answered(post_json(client, path, book))
