"""Uploaded files on disk: the importers read paths, and their messages name the file the researcher chose."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Protocol


class Upload(Protocol):
    """What the pages use of Streamlit's ``UploadedFile``."""

    name: str
    file_id: str

    def getvalue(self) -> bytes: ...


UPLOAD_DIR = Path(tempfile.gettempdir()) / "coding-uploads"


def save_upload(upload: Upload) -> Path:
    """Write an upload to a private temporary folder under its own file name (once per upload)."""
    folder = UPLOAD_DIR / "".join(ch for ch in upload.file_id if ch.isalnum() or ch in "-_")
    path = folder / (Path(upload.name).name or "upload")
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_bytes(upload.getvalue())
    return path
