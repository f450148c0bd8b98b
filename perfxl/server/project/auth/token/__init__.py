"""Auth provider "token" for xlwings Server: the Authorization header must carry the server's token
($PERFXL_SERVER_TOKEN, printed by `perfxl serve` when it makes one up)."""

import os
import secrets

from fastapi import HTTPException, status
from xlwings_server.models import User

TOKEN_ENV = "PERFXL_SERVER_TOKEN"


async def validate_token(token_string: str) -> User:
    expected = os.environ.get(TOKEN_ENV, "")
    given = token_string.removeprefix("Bearer ").strip()
    if expected and secrets.compare_digest(given.encode(), expected.encode()):
        return User(id="token", name="perfxl")
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="未授权：请在任务窗格中填写服务器访问令牌")
