"""JuryDesk 微视频作品评审台 — start with ``streamlit run app.py``.

Imported by the server, this module builds the ASGI app (Streamlit plus the app's own
media route, behind the gate that refuses uploads from sessions without a coordinator or
admin signed in, and the redirect that keeps an address deeper than a page from showing a
blank one); run by Streamlit for each browser session, it renders that session's page.
"""

import streamlit as st

if __name__ == "__main__":
    from pages.frame.shell import run

    run()
else:
    from starlette.middleware import Middleware
    from streamlit.runtime.pages_manager import PagesManager

    from pages.frame.deep_links import DeepLinks
    from pages.frame.media_route import ROUTES, lifespan
    from pages.frame.upload_gate import UploadGate

    # A folder named pages/ beside app.py makes Streamlit treat it as an old-style page
    # folder until the first st.navigation call: the first session after a start would
    # list every page file and run the one its URL names, without the login. The app
    # uses st.navigation only, so say so before any session starts (st.navigation sets
    # the same flag itself).
    PagesManager.uses_pages_directory = False
    middleware = [
        Middleware(UploadGate),
        Middleware(DeepLinks, base=str(st.get_option("server.baseUrlPath") or "")),
    ]
    app = st.App("app.py", routes=ROUTES, lifespan=lifespan, middleware=middleware)
