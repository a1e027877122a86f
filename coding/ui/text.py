"""Showing text safely: respondent text is always plain text, never Markdown or HTML.

Streamlit's ``st.markdown``, ``st.write``, alert boxes and widget labels render Markdown. Respondent answers, file
contents and error messages that quote them therefore go through ``st.text`` (or table cells); researcher-made
names that end up in labels (theme labels, question names) are escaped with :func:`md_escape`.
"""

from __future__ import annotations

import streamlit as st

from coding.errors import CodingError
from coding.output import md_escape
from coding.ui import state

__all__ = ["answer", "md_escape", "show_error", "show_notices"]


def answer(text: str) -> None:
    """Show a respondent's answer as plain text in a bordered box, wrapping long lines."""
    with st.container(border=True):
        st.text(text if text else "(leeg antwoord)", width="stretch")


def show_error(error: CodingError | Exception | str, title: str = "Dat ging niet") -> None:
    """Show an error in place: a fixed title in the alert, the message (which may quote data) as plain text."""
    with st.container(border=True):
        st.error(title, icon=":material/error:")
        st.text(str(error), width="stretch")


def show_notices() -> None:
    """Show (once) the messages queued by button callbacks with :func:`coding.ui.state.notify`."""
    for kind, message in st.session_state.pop(state.NOTICES, []):
        if kind == "error":
            show_error(message)
        else:
            st.toast(md_escape(message), icon={"success": "✅", "warning": "⚠️"}.get(kind, "ℹ️"))
