"""The coding workspace. This file only routes; pages live in coding/ui/pages."""

import streamlit as st

from coding.ui.pages import studies

st.set_page_config(page_title="coding", layout="wide")
navigation = st.navigation([st.Page(studies.render, title="Studies", url_path="studies", default=True)])
navigation.run()
