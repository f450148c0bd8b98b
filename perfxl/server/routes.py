"""perfxl's own endpoints on xlwings Server (mounted as its custom router):

    POST /perfxl/batch              several workbooks or a .zip → batch run → links to 汇总.xlsx, a zip of
                                    annotated copies and (field `documents`, e.g. 整改通知) a zip of Word
                                    documents (auth required; size and file-count limits)
    GET  /perfxl/download/{t}/{n}   a result file; t is random, links expire
    GET  /perfxl/templates          form kinds and titles (for 新建表单)
    GET  /perfxl/template/{kind}    a blank template as base64, for Office.js insertWorksheetsFromBase64
    POST /perfxl/document/{button}  the open workbook (xlwings' book payload) → 评价报告 / 整改通知 (.docx link)

Authentication is xlwings Server's (its auth providers; `perfxl serve` sets up token auth).
"""

import base64
import os
import re
import shutil
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from xlwings_server import dependencies as dep
from xlwings_server.config import settings

from perfxl import api
from perfxl.excel.pack import active_pack
from perfxl.server.config import Limits
from perfxl.server.storage import (
    UnsafeName,
    download_path,
    inside,
    new_job,
    publish,
    safe_name,
    sweep,
    zip_folder,
)

router = APIRouter(prefix=f"{settings.app_path}/perfxl")
INPUT_DIR = "收集"
ANNOTATED_ZIP = "批注副本.zip"
DOCUMENTS_ZIP = "文书.zip"


def _limits() -> Limits:
    return Limits.from_env()


def _error(code: int, message: str) -> HTTPException:
    return HTTPException(status_code=code, detail=message)


@router.post("/batch")
async def batch(request: Request, current_user: dep.User) -> dict:
    limits = _limits()
    sweep(limits.data_dir, limits.ttl)
    length = request.headers.get("content-length")
    if length is None:
        raise _error(status.HTTP_411_LENGTH_REQUIRED, "请求缺少 Content-Length")
    if int(length) > limits.max_upload:
        raise _error(status.HTTP_413_CONTENT_TOO_LARGE,
                     f"上传内容过大：单次最多 {limits.max_upload // (1024 * 1024)} MB，请分批上传")
    try:
        form = await request.form(max_files=limits.max_files, max_fields=10)
    except StarletteHTTPException as exc:  # what Starlette's form parser raises
        if "Too many files" in str(exc.detail):
            raise _error(status.HTTP_413_CONTENT_TOO_LARGE,
                         f"文件过多：单次最多 {limits.max_files} 个文件，请分批上传或打包为 .zip") from None
        raise
    uploads = [f for f in form.getlist("files") if hasattr(f, "filename")]
    kinds = list(dict.fromkeys(k for k in str(form.get("documents") or "").split(",") if k))  # each kind once
    unknown = [k for k in kinds if k not in api.FORM_DOCUMENTS]
    if unknown:
        raise _error(status.HTTP_400_BAD_REQUEST,
                     f"未知的文书类型“{'、'.join(unknown)}”（可用：{'、'.join(api.FORM_DOCUMENTS)}）")
    if kinds and not api.documents_available():
        raise _error(status.HTTP_503_SERVICE_UNAVAILABLE, "未安装文档模块：服务器需安装 perfxl[docs]")
    if not uploads:
        raise _error(status.HTTP_400_BAD_REQUEST, "请选择要校验的工作簿（.xlsx/.xlsm）或 .zip 压缩包")
    try:
        names = [safe_name(f.filename) for f in uploads]
    except UnsafeName as exc:
        raise _error(status.HTTP_400_BAD_REQUEST, str(exc)) from None
    if len(set(names)) != len(names):
        raise _error(status.HTTP_400_BAD_REQUEST, "有重名的文件，请改名后再上传")
    job = new_job(limits.data_dir)
    try:
        folder = job / INPUT_DIR
        folder.mkdir()
        for name, upload in zip(names, uploads, strict=True):
            with open(inside(folder, folder / name), "wb") as out:
                shutil.copyfileobj(upload.file, out)
        source = folder / names[0] if len(names) == 1 and names[0].lower().endswith(".zip") else folder
        return await run_in_threadpool(_run, source, job, limits, kinds)
    finally:
        await form.close()
        shutil.rmtree(job, ignore_errors=True)


def _run(source: Path, job: Path, limits: Limits, kinds: list[str]) -> dict:
    # worker processes: each file runs under the batch's time and memory limits (0 = in this process, unbounded)
    workers = int(os.environ.get("PERFXL_BATCH_WORKERS", 1))
    result = api.batch(source, job / "结果", annotate=True, workers=workers, pack=active_pack(), work_dir=job)
    files: dict[str, Path] = {}
    documents: dict = {"written": {}, "notes": []}
    if kinds and result.results_path is not None:
        done = api.batch_documents(source, result.results_path, job / "文书", kinds, pack=active_pack())
        documents = {"written": done.written, "notes": done.notes}
        if done.folder.is_dir():
            files[DOCUMENTS_ZIP] = zip_folder(done.folder, job / DOCUMENTS_ZIP)
    if result.summary_path is not None:
        files[result.summary_path.name] = result.summary_path
    if result.annotated_dir is not None and result.annotated_dir.is_dir():
        files[ANNOTATED_ZIP] = zip_folder(result.annotated_dir, job / ANNOTATED_ZIP)
    if result.results_path is not None:
        files[result.results_path.name] = result.results_path
    token, names = publish(limits.data_dir, files)
    base = f"{settings.app_path}/perfxl/download/{token}"
    return {
        "files": result.total,
        "counts": [{"status": api.status_label(k), "files": n} for k, n in result.counts.items() if n],
        "problems": result.problems,
        "documents": documents,
        "expires_in": limits.ttl,
        "downloads": [{"name": n, "url": f"{base}/{quote(n)}"} for n in names],
    }


@router.get("/download/{token}/{name}")
async def download(token: str, name: str) -> FileResponse:
    limits = _limits()
    try:
        path = download_path(limits.data_dir, token, name, limits.ttl)
    except UnsafeName:
        path = None
    if path is None:
        raise _error(status.HTTP_404_NOT_FOUND, "下载链接无效或已过期，请重新运行批量校验")
    return FileResponse(path, filename=path.name)


@router.get("/templates")
async def templates(current_user: dep.User) -> dict:
    return api.template_kinds()


@router.get("/template/{kind}")
async def template(kind: str, current_user: dep.User) -> dict:
    if kind not in api.template_kinds():
        raise _error(status.HTTP_404_NOT_FOUND, f"没有“{kind}”这种表单模板")
    data = await run_in_threadpool(api.template_bytes, kind, pack=active_pack())
    return {"kind": kind, "title": api.template_kinds()[kind], "base64": base64.b64encode(data).decode("ascii")}



DOCUMENTS = {"report": "评价报告", "notice": "整改通知"}  # ribbon button → api.report kind


@router.get("/documents")
async def documents(current_user: dep.User) -> dict:
    """Whether this installation can write the 评价报告 / 整改通知 documents (the documents extra)."""
    return {"available": api.documents_available()}


async def _bounded(request: Request) -> None:
    """Refuse a request body over the upload limit before it is read (413)."""
    limit = _limits().max_upload
    if int(request.headers.get("content-length") or 0) > limit:
        raise _error(status.HTTP_413_CONTENT_TOO_LARGE, f"上传内容过大：单次最多 {limit // (1024 * 1024)} MB")


@router.post("/document/{button}", dependencies=[Depends(_bounded)])
async def document(button: str, current_user: dep.User, book: dep.Book) -> dict:
    """The open workbook (xlwings' book payload) → a Word document of `button`'s kind, as a download link."""
    kind = DOCUMENTS.get(button)
    if kind is None:
        raise _error(status.HTTP_404_NOT_FOUND, f"没有“{button}”这种文书")
    if not api.documents_available():
        raise _error(status.HTTP_503_SERVICE_UNAVAILABLE, "未安装文档模块：服务器需安装 perfxl[docs]")
    limits = _limits()
    sweep(limits.data_dir, limits.ttl)
    report = await run_in_threadpool(api.check_book, book, pack=active_pack())
    if report.report is None:
        raise _error(status.HTTP_422_UNPROCESSABLE_CONTENT,
                     "当前工作簿中没有读到绩效表单：" + "；".join(f.message for f in report.read_findings[:3]))
    job = new_job(limits.data_dir)
    try:
        stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", Path(report.path).stem)[:60].strip(". ") or "表单"
        name = f"{stem}_{kind}.docx"
        try:
            out = await run_in_threadpool(api.report, report, kind, job / "文书.docx", pack=active_pack())
        except ValueError as exc:  # the documents module's errors carry a Chinese message
            raise _error(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
        token, names = publish(limits.data_dir, {name: out})
    finally:
        shutil.rmtree(job, ignore_errors=True)
    base = f"{settings.app_path}/perfxl/download/{token}"
    return {"expires_in": limits.ttl, "downloads": [{"name": n, "url": f"{base}/{quote(n)}"} for n in names]}
