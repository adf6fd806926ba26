"""Configuration read from the environment, with safe defaults for development and tests."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


class ConfigError(RuntimeError):
    """Raised when the environment cannot run Boardwatch safely."""


def _secret_key(instance_path: Path) -> str:
    """Return a secret key kept in instance/, creating one on first start."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load_config(instance_path: Path) -> dict[str, object]:
    """Build the Flask config mapping from the environment.

    With BOARDWATCH_ENV=production, refuses to start without SECRET_KEY and DATABASE_URL.
    """
    env = os.environ.get("BOARDWATCH_ENV", "development")
    database_url = os.environ.get("DATABASE_URL")
    secret_key = os.environ.get("SECRET_KEY")
    if env == "production":
        missing = [name for name, value in (("SECRET_KEY", secret_key), ("DATABASE_URL", database_url)) if not value]
        if missing:
            raise ConfigError("BOARDWATCH_ENV=production needs " + " and ".join(missing) + " set in the environment.")
    if not database_url:
        database_url = f"sqlite:///{instance_path / 'boardwatch.db'}"
    uploads = Path(os.environ.get("BOARDWATCH_UPLOADS", PROJECT_ROOT / "uploads"))
    return {
        "BOARDWATCH_ENV": env,
        "SECRET_KEY": secret_key or _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "UPLOAD_FOLDER": str(uploads),
        "EXPORTS_FOLDER": str(Path(os.environ.get("BOARDWATCH_EXPORTS", PROJECT_ROOT / "exports"))),
        "HUEY_SQLITE_PATH": str(instance_path / "huey.db"),
        "REDIS_URL": os.environ.get("REDIS_URL"),
        # A small global request limit; the clerk's upload route raises it to MAX_MEDIA_BYTES.
        "MAX_CONTENT_LENGTH": int(os.environ.get("BOARDWATCH_MAX_REQUEST_MB", "16")) * MB,
        "MAX_MEDIA_BYTES": int(os.environ.get("BOARDWATCH_MAX_UPLOAD_MB", "2048")) * MB,
        "MAX_PDF_BYTES": int(os.environ.get("BOARDWATCH_MAX_PDF_MB", "200")) * MB,
        # minutes or captions as text: a day-long meeting's captions are a few MB
        "MAX_TEXT_BYTES": int(os.environ.get("BOARDWATCH_MAX_TEXT_MB", "20")) * MB,
        "PDF_TIMEOUT_SECONDS": int(os.environ.get("BOARDWATCH_PDF_TIMEOUT", "120")),
        "PDF_MEMORY_MB": int(os.environ.get("BOARDWATCH_PDF_MEMORY_MB", "1024")),
        "WHISPER_MODEL": os.environ.get("BOARDWATCH_WHISPER_MODEL"),
        "WTF_CSRF_TIME_LIMIT": None,  # an upload form left open for hours must still work
        # Host names this site answers to, comma-separated; any other Host header gets 400 (unset: any).
        "TRUSTED_HOSTS": [h.strip() for h in os.environ.get("BOARDWATCH_TRUSTED_HOSTS", "").split(",") if h.strip()]
        or None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_DURATION": 14 * 24 * 3600,
        "REMEMBER_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        # One budget per client address for the whole JSON API (Flask-Limiter syntax).
        "API_RATE_LIMIT": os.environ.get("BOARDWATCH_API_RATE_LIMIT", "120 per minute"),
        # How many reverse proxies stand in front (0: none); their X-Forwarded-* headers are trusted.
        "PROXY_HOPS": int(os.environ.get("BOARDWATCH_PROXY_HOPS", "0")),
        # The site's public address ("https://records.example.gov/") for the absolute links in exports,
        # feeds, the API and citations; unset, they name the host of the request being answered.
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL") or None,
        "JOBS_IMMEDIATE": os.environ.get("BOARDWATCH_JOBS_IMMEDIATE") == "1",
        # Jobs (app/services/job_state.py): audio is transcribed and committed chunk by chunk;
        # a job is tried at most JOB_MAX_ATTEMPTS times; a running job silent for JOB_STALE_SECONDS
        # is re-queued by the reaper, which every worker runs every JOB_REAPER_SECONDS.
        "TRANSCRIBE_CHUNK_SECONDS": float(os.environ.get("BOARDWATCH_CHUNK_SECONDS", "600")),
        "JOB_MAX_ATTEMPTS": int(os.environ.get("BOARDWATCH_JOB_ATTEMPTS", "3")),
        "JOB_RETRY_SECONDS": float(os.environ.get("BOARDWATCH_JOB_RETRY_SECONDS", "30")),
        "JOB_HEARTBEAT_SECONDS": float(os.environ.get("BOARDWATCH_JOB_HEARTBEAT_SECONDS", "15")),
        "JOB_STALE_SECONDS": float(os.environ.get("BOARDWATCH_JOB_STALE_SECONDS", "120")),
        "JOB_REAPER_SECONDS": float(os.environ.get("BOARDWATCH_JOB_REAPER_SECONDS", "60")),
    }
