"""``serve --certfile --keyfile``: HTTPS for an office without a proxy, with the session
cookie marked ``Secure``."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from access.conftest import BOOKS, SLUG, add_user, running_server


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is missing")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_serve_speaks_https_and_marks_the_cookie_secure(
    tmp_path: Path, certificate: tuple[Path, Path]
) -> None:
    folder = tmp_path / "clubs"
    folder.mkdir()
    shutil.copyfile(BOOKS["A"], folder / BOOKS["A"].name)
    add_user(folder / "users.toml", "hoa")
    cert, key = certificate
    context = ssl._create_unverified_context()  # our own self-signed certificate
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context), NoRedirect()
    )
    with running_server(folder, "--certfile", str(cert), "--keyfile", str(key)) as (
        scheme,
        port,
    ):
        base = f"{scheme}://127.0.0.1:{port}"
        assert scheme == "https"
        form = urllib.parse.urlencode({"username": "hoa", "password": "hoa-mat-khau"})
        request = urllib.request.Request(
            f"{base}/login", data=form.encode(), headers={"Origin": base}
        )
        with pytest.raises(urllib.error.HTTPError) as redirected:
            opener.open(request, timeout=10)
        assert redirected.value.code == 302
        cookie = redirected.value.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        page = urllib.request.Request(
            f"{base}/{SLUG['A']}/extension/ClubLoans/",
            headers={"Cookie": cookie.split(";")[0]},
        )
        with opener.open(page, timeout=30) as answer:
            assert answer.status == 200
