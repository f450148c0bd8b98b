"""Malformed requests get a 4xx with a Chinese message, never a 500.

xlwings Server hands the JSON of a function or script call straight to its code (a missing key or an odd
cell is a 500 there), and FastAPI and Starlette answer bad requests in English. `PayloadGuard` checks the
shape of those bodies before they reach it — the function call (a known function, its number of arguments,
cells), the book payload of scripts and documents, the script's name — and bounds their size; `install`
adds it, and Chinese answers for FastAPI's validation errors and Starlette's HTTP errors, to xlwings
Server's app.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from urllib.parse import parse_qs

from fastapi import FastAPI, status
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from perfxl.server.config import Limits

FUNCTION_CALL = "/xlwings/custom-functions-call"
SCRIPT_CALL = "/xlwings/custom-scripts-call/"
BOOK_CALLS = (SCRIPT_CALL, "/perfxl/document/")


class Malformed(ValueError):
    """A request body perfxl cannot use; the message is Chinese."""


def _object(data: object, what: str) -> dict:
    if not isinstance(data, dict):
        raise Malformed(f"{what}应为 JSON 对象")
    return data


def _functions() -> dict[str, Callable]:
    from perfxl.excel import udfs

    return {name: obj for name, obj in vars(udfs).items() if hasattr(obj, "__xlfunc__")}


def _scripts() -> set[str]:
    from perfxl.excel import scripts

    return {name for name, obj in vars(scripts).items() if hasattr(obj, "__xlscript__")}


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _cell(value: object) -> bool:
    """A function argument's cell as Office.js sends it: a plain value, or a typed value such as an error
    ({"type": "Error", "basicValue": "#N/A"})."""
    if isinstance(value, dict):
        return isinstance(value.get("type"), str) and "basicValue" in value
    return _scalar(value)


def check_function_call(data: object) -> None:
    """A worksheet function call: {"func_name": a PERFXL function, "args": one range (rows of cells) per
    parameter, "caller_address": text, ...}."""
    data = _object(data, "函数调用内容")
    name, args = data.get("func_name"), data.get("args")
    if not isinstance(name, str):
        raise Malformed("函数调用缺少函数名（func_name 应为文本）")
    func = _functions().get(name)
    if func is None:
        raise Malformed(f"没有“{name[:40]}”这个函数（可用：{'、'.join(_functions())}）")
    if not isinstance(args, list):
        raise Malformed("函数调用缺少参数（args 应为数组）")
    params = inspect.signature(func).parameters.values()
    least = sum(1 for p in params if p.default is inspect.Parameter.empty)
    if not least <= len(args) <= len(params):
        count = f"{least}" if least == len(params) else f"{least} 到 {len(params)}"
        raise Malformed(f"{name} 应有 {count} 个参数，实际为 {len(args)} 个")
    for i, arg in enumerate(args, 1):
        rows = arg if isinstance(arg, list) else [[arg]]
        if not all(isinstance(row, list) and all(_cell(c) for c in row) for row in rows):
            raise Malformed(f"{name} 的第 {i} 个参数应为单元格区域（按行排列的单元格值）")
    for key in ("version", "runtime", "caller_address", "content_language", "client"):
        if (key in data or key in ("version", "runtime")) and not isinstance(data.get(key), str):
            raise Malformed(f"函数调用的 {key} 应为文本")
    _same_version(data)


def _same_version(data: dict) -> None:
    """xlwings refuses (in English) a client of another version unless it is Office.js."""
    import xlwings

    if data["version"] != xlwings.__version__ and data.get("client") != "Office.js":
        raise Malformed(f"加载项版本（{data['version'][:20]}）与服务器（{xlwings.__version__}）不一致："
                        "请重新打开 Excel，或在任务窗格中右键选择“重新加载”")


SHEET_LISTS = ("pictures", "tables", "shapes", "charts", "notes", "pivot_tables")  # lists of objects
NAME_FIELDS = (("name", str), ("refers_to", str), ("book_scope", bool))


def check_book(data: object) -> None:
    """What Office.js sends for the open workbook (xlwings' getBookData): the book, its names and its sheets
    with their rows of values — the parts xlwings and perfxl read, each of the right type."""
    data = _object(data, "工作簿内容")
    for key in ("client", "version"):
        if not isinstance(data.get(key), str):
            raise Malformed(f"工作簿内容缺少 {key}（应为文本）")
    book = _object(data.get("book"), "工作簿内容的 book ")
    sheets = data.get("sheets")
    if not isinstance(sheets, list) or not sheets:
        raise Malformed("工作簿内容缺少工作表（sheets 应为非空数组）")
    for key, kind, what in (("name", str, "文本"), ("active_sheet_index", int, "整数"), ("selection", str, "文本")):
        if not isinstance(book.get(key), kind) or isinstance(book.get(key), bool):
            raise Malformed(f"工作簿内容的 book.{key} 应为{what}")
    if not 0 <= book["active_sheet_index"] < len(sheets):
        raise Malformed("工作簿内容的 book.active_sheet_index 超出工作表范围")
    for i, sheet in enumerate(sheets, 1):
        _sheet(_object(sheet, f"第 {i} 个工作表"), i)
    names = data.get("names", [])
    if not isinstance(names, list) or not all(
            isinstance(n, dict) and all(isinstance(n.get(k), t) for k, t in NAME_FIELDS) for n in names):
        raise Malformed("工作簿内容的 names 应为名称定义（name、refers_to、book_scope）的数组")


def _sheet(sheet: dict, i: int) -> None:
    if not isinstance(sheet.get("name"), str):
        raise Malformed(f"第 {i} 个工作表缺少名称（name 应为文本）")
    label = f"工作表“{sheet['name'][:40]}”"
    values = sheet.get("values")
    if not isinstance(values, list) or not all(isinstance(row, list) and all(_scalar(c) for c in row)
                                               for row in values):
        raise Malformed(f"{label}的 values 应为按行排列的单元格值")
    if sheet.get("visibility") not in ("Visible", "Hidden", "VeryHidden"):
        raise Malformed(f"{label}的 visibility 应为 Visible、Hidden 或 VeryHidden")
    for key in SHEET_LISTS:
        if not (isinstance(sheet.get(key), list) and all(isinstance(item, dict) for item in sheet[key])):
            raise Malformed(f"{label}的 {key} 应为数组")


def _parse(body: bytes, content_type: str) -> object:
    """The JSON a body carries: the body itself, or the bookData field of a form (xlwings' htmx pages)."""
    if content_type.startswith("application/x-www-form-urlencoded"):
        fields = parse_qs(body.decode("utf-8", "replace"))
        if "bookData" not in fields:
            raise Malformed("表单中缺少 bookData")
        body = fields["bookData"][0].encode("utf-8")
    if not body.strip():
        raise Malformed("请求内容为空")
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Malformed("请求内容不是有效的 JSON") from None


class PayloadGuard:
    """ASGI middleware: a function or book call with a body of the wrong shape ends here as a 400."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        check = check_function_call if path.endswith(FUNCTION_CALL) else \
            check_book if any(call in path for call in BOOK_CALLS) else None
        if check is None or scope.get("method") != "POST":
            return await self.app(scope, receive, send)
        script = path.partition(SCRIPT_CALL)[2]
        if script and script not in _scripts():
            return await _answer(scope, receive, send, status.HTTP_404_NOT_FOUND,
                                 f"没有“{script[:40]}”这个操作（可用：{'、'.join(sorted(_scripts()))}）")
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        if content_type.startswith("multipart/form-data"):  # xlwings reads its bookData field itself
            return await self.app(scope, receive, send)
        limit = Limits.from_env().max_upload
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                return await _answer(scope, receive, send, status.HTTP_413_CONTENT_TOO_LARGE,
                                     f"请求内容过大：单次最多 {limit // (1024 * 1024)} MB")
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        try:
            check(_parse(body, content_type))
        except Malformed as exc:
            return await _answer(scope, receive, send, status.HTTP_400_BAD_REQUEST, str(exc))
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        return await self.app(scope, replay, send)


async def _answer(scope, receive, send, code: int, message: str) -> None:
    await JSONResponse({"detail": message}, status_code=code)(scope, receive, send)


async def _invalid_request(request, exc: RequestValidationError) -> JSONResponse:
    where = "、".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()[:3])
    return JSONResponse({"detail": f"请求内容格式不对（{where or '请求'}）"},
                        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


STATUS_TEXT = {400: "请求内容格式不对", 401: "未登录或访问令牌无效", 403: "没有权限执行此操作", 404: "找不到请求的地址",
               405: "不支持该请求方法", 411: "请求缺少 Content-Length", 413: "请求内容过大", 415: "不支持的内容类型"}


async def _http_error(request, exc: StarletteHTTPException):
    """Errors raised below perfxl's routes (Starlette's form parser, routing, xlwings Server) said in Chinese;
    perfxl's own (already Chinese) pass unchanged."""
    detail = exc.detail
    if not (isinstance(detail, str) and any("\u4e00" <= ch <= "\u9fff" for ch in detail)):
        text = STATUS_TEXT.get(exc.status_code, "请求无法处理")
        exc = StarletteHTTPException(exc.status_code, f"{text}（{detail}）" if detail else text, exc.headers)
    return await http_exception_handler(request, exc)


def install(app: FastAPI) -> None:
    """Add the guard and the Chinese answers to xlwings Server's app (before it serves)."""
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(PayloadGuard)
