"""The server's data folder rules, without a server: upload names, download links, expiry."""

import os
import time

import pytest

from perfxl.server.storage import UnsafeName, download_path, inside, publish, safe_name, sweep


@pytest.mark.parametrize("name", ["../a.xlsx", "..\\a.xlsx", "/etc/a.xlsx", "\\\\server\\share\\a.xlsx",
                                  "C:\\Windows\\a.xlsx", "C:a.xlsx", "子目录/a.xlsx", "a/../b.xlsx", "", "a\x00.xlsx",
                                  "说明.txt", "a.xlsx.exe"])
def test_unsafe_upload_names(name):
    with pytest.raises(UnsafeName):
        safe_name(name)


@pytest.mark.parametrize("name", ["青川县教育局.xlsx", "自评表 (1).XLSM", "收集.zip", "a..b.xlsx"])
def test_plain_names(name):
    assert safe_name(name) == name


def test_download_links(tmp_path):
    source = tmp_path / "汇总.xlsx"
    source.write_bytes(b"PK")
    data = tmp_path / "data"
    token, names = publish(data, {"汇总.xlsx": source})
    assert names == ["汇总.xlsx"] and len(token) >= 32
    assert download_path(data, token, "汇总.xlsx", ttl=60).read_bytes() == b"PK"
    for bad in ("..", "../汇总.xlsx", "a/b", ""):
        assert download_path(data, token, bad, ttl=60) is None
    assert download_path(data, "short", "汇总.xlsx", ttl=60) is None
    assert download_path(data, "../" + token, "汇总.xlsx", ttl=60) is None
    with pytest.raises(UnsafeName):
        inside(data, data / ".." / "x")


def test_expired_links_are_removed(tmp_path):
    source = tmp_path / "a.json"
    source.write_text("{}")
    data = tmp_path / "data"
    token, _ = publish(data, {"a.json": source})
    folder = data / "downloads" / token
    old = time.time() - 120
    os.utime(folder, (old, old))
    assert download_path(data, token, "a.json", ttl=60) is None and not folder.exists()
    token, _ = publish(data, {"a.json": source})
    os.utime(data / "downloads" / token, (old, old))
    sweep(data, ttl=60)
    assert not (data / "downloads" / token).exists()
