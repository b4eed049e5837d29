"""Pure rules of the contest: no streamlit, no duckdb, no files (a test checks)."""
