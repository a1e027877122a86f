"""The Streamlit workspace. Pages only call library functions in ``coding``."""
