"""JuryDesk 微视频作品评审台 — start with ``streamlit run app.py``.

Imported by the server, this module builds the ASGI app (Streamlit plus the app's own
media route, behind the gate that refuses uploads from sessions without a coordinator or
admin signed in); run by Streamlit for each browser session, it renders that session's page.
"""

import streamlit as st

if __name__ == "__main__":
    from pages.frame.shell import run

    run()
else:
    from starlette.middleware import Middleware

    from pages.frame.media_route import ROUTES, lifespan
    from pages.frame.upload_gate import UploadGate

    app = st.App("app.py", routes=ROUTES, lifespan=lifespan, middleware=[Middleware(UploadGate)])
