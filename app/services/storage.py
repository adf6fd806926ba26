"""Content-addressed storage of uploaded originals under uploads/ (sha256)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024


@dataclass
class StoredBlob:
    sha256: str
    size: int
    path: Path
    existed: bool  # the same bytes were already stored


def blob_path(root: str | Path, sha256: str) -> Path:
    """Where the blob with this sha256 lives: uploads/ab/cd/abcd...."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a sha256 hex digest")
    return Path(root) / sha256[:2] / sha256[2:4] / sha256


def store_stream(root: str | Path, stream: BinaryIO, *, max_bytes: int | None = None) -> StoredBlob:
    """Stream bytes to a temporary file while hashing, then move it under its sha256.

    Memory stays flat whatever the size. If the client drops or the limit is passed,
    the partial file is removed and the exception propagates.
    """
    root = Path(root)
    incoming = root / "incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=incoming, prefix="upload-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise UploadTooLarge(max_bytes)
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        final = blob_path(root, sha)
        if final.exists():
            tmp.unlink()
            return StoredBlob(sha, size, final, existed=True)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        final.chmod(0o440)
        _sync_folder(final.parent)  # the new name survives a power cut, not only the bytes
        return StoredBlob(sha, size, final, existed=False)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (a rename is only durable once its folder is synced)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class UploadTooLarge(Exception):
    """The stream passed the size limit for its kind of file."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"The file is larger than the limit of {limit // (1024 * 1024)} MB.")
        self.limit = limit
