"""The coding workspace. This file only routes: pages live in coding/ui/pages, the shared sidebar in coding/ui."""

import streamlit as st

from coding.ui import login, sidebar
from coding.ui.pages import clusters, code_answers, codebook, progress, report, review, start

st.set_page_config(page_title="coding", page_icon=":material/label:", layout="wide")
pages = [
    st.Page(start.render, title="Start", icon=":material/home:", url_path="", default=True),
    st.Page(codebook.render, title="Codeboek", icon=":material/account_tree:", url_path="codeboek"),
    st.Page(clusters.render, title="Clusters", icon=":material/bubble_chart:", url_path="clusters"),
    st.Page(code_answers.render, title="Coderen", icon=":material/edit_note:", url_path="coderen"),
    st.Page(review.render, title="Beoordelen", icon=":material/rule:", url_path="beoordelen"),
    st.Page(progress.render, title="Voortgang", icon=":material/bar_chart:", url_path="voortgang"),
    st.Page(report.render, title="Rapport", icon=":material/description:", url_path="rapport"),
    # Start lives at "/"; a typed or bookmarked /start shows it too (st.switch_page would clear the sidebar's
    # bound query parameters)
    st.Page(start.render, title="Start", url_path="start", visibility="hidden"),
]
if login.required():  # a database with accounts and no login yet: only the login form, on every address
    # every page's address shows the form (no "Page not found" over it), and after logging in that page opens
    form = [st.Page(login.show_form, title="Inloggen", icon=":material/lock:", url_path="", default=True)]
    form += [st.Page(login.show_form, title="Inloggen", url_path=page.url_path, visibility="hidden")
             for page in pages if page.url_path]
    st.navigation(form, position="hidden").run()
    st.stop()
navigation = st.navigation(pages)
sidebar.render()  # coder, study and question: drawn by the main script so they stay in the URL on every page
navigation.run()
