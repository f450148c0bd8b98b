"""`perfxl serve`'s environment: licence check, token auth or the user's auth providers, data folder."""

import tempfile

import pytest

from perfxl.server.config import (
    MANIFEST_ID,
    PROJECT_DIR,
    ServerConfigError,
    check_license,
    prepare_environment,
)


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in ("XLWINGS_LICENSE_KEY", "XLWINGS_AUTH_PROVIDERS", "PERFXL_SERVER_TOKEN", "PERFXL_DATA_DIR",
                 "XLWINGS_PROJECT_DIR", "XLWINGS_MANIFEST_ID_PROD", "XLWINGS_FUNCTIONS_NAMESPACE", "TMPDIR",
                 "XLWINGS_ON_SERVER", "XLWINGS_PROJECT_NAME", "XLWINGS_ENABLE_SOCKETIO", "XLWINGS_ENABLE_HOTRELOAD",
                 "XLWINGS_ENVIRONMENT"):
        monkeypatch.setenv(name, "")  # so that monkeypatch restores whatever was there, or nothing
        monkeypatch.delenv(name)
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)  # restored afterwards
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    return monkeypatch


def test_missing_licence_says_what_to_set(env):
    env.delenv("XLWINGS_LICENSE_KEY")
    with pytest.raises(ServerConfigError, match="XLWINGS_LICENSE_KEY=noncommercial"):
        check_license()


def test_token_auth_and_data_folder(env, tmp_path):
    import os

    token = prepare_environment(data_dir=tmp_path / "数据")
    assert token and len(token) >= 24 and os.environ["PERFXL_SERVER_TOKEN"] == token
    assert os.environ["XLWINGS_AUTH_PROVIDERS"] == '["token"]'
    assert os.environ["XLWINGS_PROJECT_DIR"] == str(PROJECT_DIR)
    assert os.environ["XLWINGS_FUNCTIONS_NAMESPACE"] == "PERFXL"
    assert os.environ["XLWINGS_MANIFEST_ID_PROD"] == MANIFEST_ID
    assert tempfile.gettempdir() == str((tmp_path / "数据" / "tmp").resolve())  # uploads spool inside the data folder
    assert prepare_environment(token="given-token-0123456789") == "given-token-0123456789"


def test_other_auth_providers_are_respected(env, tmp_path):
    env.setenv("XLWINGS_AUTH_PROVIDERS", '["entraid"]')
    assert prepare_environment(data_dir=tmp_path) is None
    env.setenv("XLWINGS_AUTH_PROVIDERS", "entraid")
    with pytest.raises(ServerConfigError, match="JSON"):
        prepare_environment(data_dir=tmp_path)
