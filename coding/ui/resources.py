"""Shared, cached resources for the Streamlit pages (one database engine per server process)."""

from __future__ import annotations

import streamlit as st

from coding.store import Store, connect, default_url


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return connect(url)


def get_store() -> Store:
    """The study store for ``CODING_DB_URL`` (default: the SQLite file under data/), created once per process."""
    return _store(default_url())
