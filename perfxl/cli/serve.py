"""`perfxl serve`: the Office.js add-in (绩效管理 tab, task pane, =PERFXL.* functions) on xlwings Server."""

import importlib.util
import os
from pathlib import Path

import typer

from perfxl.cli import EXIT_UNUSABLE, app
from perfxl.cli.output import console, fail


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（本机 127.0.0.1；对外服务用 0.0.0.0）"),
    port: int = typer.Option(8000, "--port", help="端口"),
    certfile: Path | None = typer.Option(None, "--certfile", help="HTTPS 证书文件（Excel 加载项要求 HTTPS）"),
    keyfile: Path | None = typer.Option(None, "--keyfile", help="HTTPS 私钥文件"),
    data: Path = typer.Option(Path("perfxl-server-data"), "--data", help="服务器数据目录（上传与下载文件只写在这里）"),
    token: str | None = typer.Option(None, "--token", envvar="PERFXL_SERVER_TOKEN",
                                     help="访问令牌（不填则随机生成并显示）"),
    config: Path | None = typer.Option(None, "--config", "-c", help="规则配置文件 perfxl.toml"),
) -> None:
    """启动 Excel 加载项服务器（xlwings Server）：“绩效管理”选项卡、任务窗格、PERFXL 函数和批量校验。"""
    if importlib.util.find_spec("xlwings_server") is None:
        fail("未安装 xlwings Server：请运行 pip install \"perfxl[server]\"")
        raise typer.Exit(EXIT_UNUSABLE)
    if (certfile is None) != (keyfile is None):
        fail("--certfile 和 --keyfile 须同时给出")
        raise typer.Exit(EXIT_UNUSABLE)
    from perfxl.server.config import ServerConfigError, prepare_environment

    if config is not None:
        if not config.is_file():
            fail(f"{config}: 找不到规则配置文件")
            raise typer.Exit(EXIT_UNUSABLE)
        os.environ["PERFXL_CONFIG"] = str(config.resolve())
    try:
        secret = prepare_environment(token=token, data_dir=data)
    except ServerConfigError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    import uvicorn

    scheme = "https" if certfile else "http"
    console.print(f"perfxl 加载项服务器：{scheme}://{host}:{port}/manifest.xml （清单文件）")
    console.print(f"数据目录：{data.resolve()}")
    if secret is not None:
        console.print(f"访问令牌：{secret}  （在任务窗格中填写；设置 PERFXL_SERVER_TOKEN 可固定令牌）")
    if not certfile:
        console.print("[yellow]未使用 HTTPS：Excel 加载项需要 HTTPS，仅适合本机测试或置于 HTTPS 反向代理之后。[/]")
    uvicorn.run("perfxl.server.app:main_app", host=host, port=port, log_level="warning",
                ssl_certfile=str(certfile) if certfile else None, ssl_keyfile=str(keyfile) if keyfile else None)
