"""Settings of `perfxl serve`: where data goes, upload limits, and the xlwings Server environment.

perfxl's own settings come from PERFXL_* environment variables (the CLI sets them from its options);
xlwings Server reads XLWINGS_* variables, which `prepare_environment` fills in before it is imported.
"""

import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).parent / "project"  # xlwings Server project: functions, scripts, pages
LICENSE_ENV = "XLWINGS_LICENSE_KEY"
TOKEN_ENV = "PERFXL_SERVER_TOKEN"
MB = 1024 * 1024
MANIFEST_ID = "c3c1ccd7-5b57-4caa-b1cf-1bd25bd974d4"  # perfxl's add-in id (xlwings Server's default is shared)


class ServerConfigError(RuntimeError):
    """The server cannot start; the message (Chinese) says what to set."""


@dataclass(frozen=True, slots=True)
class Limits:
    data_dir: Path
    max_upload: int = 100 * MB  # one batch request, all files together
    max_files: int = 500  # files in one batch request (a .zip counts as one)
    ttl: int = 3600  # seconds a download stays available

    @classmethod
    def from_env(cls) -> "Limits":
        return cls(
            data_dir=Path(os.environ.get("PERFXL_DATA_DIR") or "perfxl-server-data").resolve(),
            max_upload=int(float(os.environ.get("PERFXL_MAX_UPLOAD_MB", 100)) * MB),
            max_files=int(os.environ.get("PERFXL_MAX_FILES", 500)),
            ttl=int(os.environ.get("PERFXL_DOWNLOAD_TTL", 3600)),
        )


def check_license() -> None:
    """xlwings Server runs on xlwings PRO code (PolyForm Noncommercial or a commercial licence)."""
    if not os.environ.get(LICENSE_ENV):
        raise ServerConfigError(
            f"缺少 xlwings PRO 许可证密钥：请设置环境变量 {LICENSE_ENV}。"
            f"非商业用途（如政府机关、事业单位）可设为 {LICENSE_ENV}=noncommercial（PolyForm Noncommercial 许可）；"
            "商业用途须向 xlwings 购买密钥。详见 README“Excel 加载项”一节。"
        )


def prepare_environment(*, token: str | None = None, data_dir: str | Path | None = None) -> str | None:
    """Set the environment xlwings Server and perfxl's routes read; returns the token when token auth is on.

    Token auth is used unless XLWINGS_AUTH_PROVIDERS already names providers (e.g. ["entraid"]); without a
    token given or in $PERFXL_SERVER_TOKEN a random one is made. Temporary files (uploads being received)
    go under the data folder.
    """
    check_license()
    env = os.environ
    env["XLWINGS_ON_SERVER"] = "true"
    env["XLWINGS_PROJECT_DIR"] = str(PROJECT_DIR)
    env.setdefault("XLWINGS_PROJECT_NAME", "绩效管理")
    env.setdefault("XLWINGS_FUNCTIONS_NAMESPACE", "PERFXL")
    env.setdefault("XLWINGS_ENABLE_SOCKETIO", "false")
    env.setdefault("XLWINGS_ENABLE_HOTRELOAD", "false")
    env.setdefault("XLWINGS_ENVIRONMENT", "prod")
    env.setdefault("XLWINGS_MANIFEST_ID_PROD", MANIFEST_ID)
    if data_dir is not None:
        env["PERFXL_DATA_DIR"] = str(Path(data_dir).resolve())
    limits = Limits.from_env()
    tmp = limits.data_dir / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env["TMPDIR"] = str(tmp)
    tempfile.tempdir = str(tmp)
    providers = env.get("XLWINGS_AUTH_PROVIDERS")
    if providers:
        try:
            named = json.loads(providers)
        except ValueError:
            raise ServerConfigError('XLWINGS_AUTH_PROVIDERS 应为 JSON 列表，例如 ["entraid"]') from None
        if named != ["token"]:
            return None
    env["XLWINGS_AUTH_PROVIDERS"] = '["token"]'
    env[TOKEN_ENV] = token or env.get(TOKEN_ENV) or secrets.token_urlsafe(24)
    return env[TOKEN_ENV]
