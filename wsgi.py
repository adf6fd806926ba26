"""The one module-level application, for `flask --app wsgi` and gunicorn."""

from app import create_app, proxy

app = create_app()
proxy.init_app(app)  # BOARDWATCH_PROXY_HOPS=1 behind nginx
