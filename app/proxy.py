"""Running behind a reverse proxy (nginx): trust its X-Forwarded-* headers, and only its."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    """Wrap the WSGI app in ProxyFix when PROXY_HOPS proxies stand in front of it.

    With no proxy configured the headers are ignored, so a client cannot forge its address
    (the rate limits key on it) or make the app build https links for a plain request.
    """
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops)
