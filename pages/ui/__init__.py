"""Streamlit glue shared by the pages: the per-run context, language, auth, navigation."""
