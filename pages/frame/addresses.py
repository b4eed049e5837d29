"""Where an address typed into the browser leads, before ``st.navigation`` sees it.

Streamlit finds a page opened by its address through the URL's path, and the default page
(the login, or the role's first page) has the bare address only: its own path, the login's
or one no page has would get Streamlit's English "Page not found" dialog. Such a request is
turned into one for the default page here; the shell says why, in the session's language.
Pages of other roles have stand-ins at their paths (``navigation.stand_ins``).
"""

from __future__ import annotations

from typing import Final

from streamlit.runtime.scriptrunner import get_script_run_ctx

from pages.frame.navigation import PAGES, first_spec
from scoring.enums import Role

LOGIN_PATH: Final = "login"
_PATHS: Final = frozenset(spec.url_path for spec in PAGES)


def answer_address(role: Role | None) -> bool:
    """Settle this run's address for ``role`` (None: logged out); True when the browser
    asked for an address that no page has."""
    run = get_script_run_ctx()
    if run is None:
        return False
    manager = run.pages_manager
    path = manager.intended_page_name
    if manager.intended_page_script_hash or not path:
        return False  # a click in the app, or the bare address: nothing to settle
    if path in _PATHS and (role is None or path != first_spec(role).url_path):
        return False  # the page itself, or its stand-in, answers
    manager.set_script_intent("", "")  # the default page, without the English dialog
    return path not in _PATHS and path != LOGIN_PATH
