"""Whether a write comes from this server's own pages.

Browsers send ``Origin`` with every request that is not a GET (and ``Referer`` mostly):
it must name this server. A request with neither is accepted only from an API client that
authenticated with HTTP Basic; a browser's session cookie alone never carries a write from
another site (the cookie is also ``SameSite=Strict``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Request


def same_origin(request: Request, *, api_client: bool) -> bool:
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc == request.host
    referer = request.headers.get("Referer")
    if referer:
        return urlsplit(referer).netloc == request.host
    return api_client
