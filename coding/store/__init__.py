"""The study store: ``connect(url)`` and a small repository API over SQLAlchemy."""

from coding.store.db import Store, connect, default_url

__all__ = ["Store", "connect", "default_url"]
