"""JuryDesk (微视频作品评审台): everything that is not a page.

Layers, imported one way only: ``pages/`` → ``scoring.services`` → ``scoring.domain``.
``scoring.storage`` holds all SQL; ``scoring.domain`` imports neither streamlit nor duckdb.
"""
