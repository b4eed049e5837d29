"""JuryDesk 微视频作品评审台 — start with ``streamlit run app.py``.

Imported by the server, this module builds the ASGI app (Streamlit plus the app's own
routes); run by Streamlit for each browser session, it renders that session's page.
"""

import streamlit as st

if __name__ == "__main__":
    from pages.ui.shell import run

    run()
else:
    app = st.App("app.py")
