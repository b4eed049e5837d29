"""Login with streamlit-authenticator (form and cookie); the checks are ours.

The library renders the form and signs the cookie. We replace its password check with
``users.attempt_login`` (lockout, disabled users, audit), give it only enabled users,
and re-read the user from the database on every run.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities import LoginError

from pages.frame.runtime import SIGNED_IN_KEY, USER_KEY, local_time, t
from scoring.enums import LoginResult
from scoring.records.users import User
from scoring.services import users
from scoring.services.context import Context
from scoring.services.setup import ensure_cookie_key

AUTHENTICATOR_KEY = "jd_authenticator"
COOKIE_ACTION_KEY = "jd_cookie_action"  # "set" or "delete", done on the next full run
OUTCOME_KEY = "jd_login_outcome"
NOTICE_KEY = "jd_login_notice"


def _credentials(ctx: Context) -> dict[str, dict[str, dict[str, object]]]:
    return {
        "usernames": {
            u.username: {"name": u.display_name, "password": u.password_hash, "roles": [u.role]}
            for u in users.login_accounts(ctx)
        }
    }


def _check_credentials(ctx: Context, username: str, password: str) -> bool:
    outcome = users.attempt_login(ctx, username=username, password=password)
    st.session_state[OUTCOME_KEY] = outcome
    return outcome.result is LoginResult.OK


def build_authenticator(ctx: Context) -> stauth.Authenticate:
    """A fresh authenticator for this run, wired to our checks."""
    key, _ = ensure_cookie_key(ctx.settings)
    with st.container(height=1, border=False):  # the cookie component has no visible part
        authenticator = stauth.Authenticate(
            _credentials(ctx),
            ctx.settings.cookie_name,
            key,
            ctx.settings.cookie_expiry_days,
            auto_hash=False,
            login_sleep_time=0,
        )
    model = authenticator.authentication_controller.authentication_model
    model.check_credentials = partial(_check_credentials, ctx)
    st.session_state[AUTHENTICATOR_KEY] = authenticator
    return authenticator


def _forget(notice: str | None) -> None:
    for key in ("name", "username", "authentication_status", "roles", USER_KEY, SIGNED_IN_KEY):
        st.session_state[key] = None
    if notice:
        st.session_state[NOTICE_KEY] = notice
    st.session_state["logout"] = True  # the library then ignores the cookie this session
    st.session_state[COOKIE_ACTION_KEY] = "delete"


def _cookie_issued_at(authenticator: stauth.Authenticate, ctx: Context) -> datetime:
    token = authenticator.cookie_controller.cookie_model.token or {}
    return _issued_at(token, ctx)


def _issued_at(token: dict[str, object], ctx: Context) -> datetime:
    expires = float(str(token.get("exp_date", 0)))
    return datetime.fromtimestamp(expires, UTC) - timedelta(days=ctx.settings.cookie_expiry_days)


def current_session_user(ctx: Context) -> User | None:
    """Who is logged in on this run, after every check; None shows the login page.

    Every run re-reads the user and compares when this session began with when their
    sessions were last ended, so a logout on another device or a password reset ends
    this one at its next run, not only a new one made from the cookie.
    """
    quick = _without_the_cookie_component(ctx)
    if quick is not None:
        return quick
    authenticator = build_authenticator(ctx)
    known: User | None = st.session_state.get(USER_KEY)
    try:
        authenticator.login(location="unrendered")
    except (LoginError, jwt.InvalidTokenError):
        _forget(None)
        return None
    username = st.session_state.get("username")
    if not st.session_state.get("authentication_status") or not username:
        return None
    outcome = st.session_state.get(OUTCOME_KEY)
    if known is None and outcome is None:
        began = _cookie_issued_at(authenticator, ctx)
        user = users.resume_from_cookie(ctx, username=username, issued_at=began)
    else:
        began = st.session_state.get(SIGNED_IN_KEY) if known else getattr(outcome, "at", None)
        user = users.session_user(ctx, username, since=began)
    if user is None:
        _forget("login.session_ended")
        return None
    st.session_state[OUTCOME_KEY] = None
    st.session_state[USER_KEY] = user
    st.session_state[SIGNED_IN_KEY] = began
    return user


def _without_the_cookie_component(ctx: Context) -> User | None:
    """The user of a session already logged in, or of a valid login cookie the browser
    sent with this session's connection; None leaves the decision to the authenticator.

    The authenticator renders the library's cookie component on every run it is built,
    and that component reports the browser's cookies after each page load, which reruns
    the whole page. The cookie itself comes with the connection (``st.context.cookies``),
    so a run that has nothing to set or delete needs neither the component nor its rerun.
    Every check is the same: the token's signature and expiry, then the user as stored
    (disabled, or sessions ended since this session began or the cookie was issued), on
    every run."""
    state = st.session_state
    if state.get(COOKIE_ACTION_KEY) or state.get("logout") or state.get(OUTCOME_KEY):
        return None
    known: User | None = state.get(USER_KEY)
    if known is not None and state.get("authentication_status"):
        began = state.get(SIGNED_IN_KEY)
        user = users.session_user(ctx, known.username, since=began)
    elif known is None:
        token = _cookie_token(ctx)
        if token is None:
            return None
        began = _issued_at(token, ctx)
        user = users.resume_from_cookie(ctx, username=str(token["username"]), issued_at=began)
    else:
        return None
    if user is None:
        return None  # the authenticator's path says why and ends the session
    for key, value in (("name", user.display_name), ("username", user.username)):
        state[key] = value
    state["authentication_status"], state["roles"] = True, [user.role]
    state[USER_KEY] = user
    state[SIGNED_IN_KEY] = began
    return user


def _cookie_token(ctx: Context) -> dict[str, object] | None:
    """The login cookie of this connection, if its signature checks and it has not expired."""
    raw = st.context.cookies.get(ctx.settings.cookie_name)
    if not raw:
        return None
    key, _ = ensure_cookie_key(ctx.settings)
    try:
        token: dict[str, object] = jwt.decode(raw, key, algorithms=["HS256"])
    except jwt.InvalidTokenError:
        return None
    expires = token.get("exp_date")
    fresh = isinstance(expires, int | float) and expires > datetime.now(UTC).timestamp()
    return token if fresh and isinstance(token.get("username"), str) else None


def login_form() -> None:
    """The login form and what the last attempt got (locked, disabled, wrong password)."""
    authenticator: stauth.Authenticate = st.session_state[AUTHENTICATOR_KEY]
    fields = {
        "Form name": t("login.form_title"),
        "Username": t("login.username"),
        "Password": t("login.password"),
        "Login": t("login.submit"),
    }
    authenticator.login(location="main", fields=fields, key="login_form")
    if st.session_state.get("authentication_status"):
        # Set the cookie on the next run, which runs to its end: a rerun now could cut
        # the cookie component off before the browser has stored anything.
        st.session_state[COOKIE_ACTION_KEY] = "set"
        st.rerun()
    _show_outcome()


def _show_outcome() -> None:
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.warning(t(notice))
    outcome = st.session_state.get(OUTCOME_KEY)
    if outcome is None:
        return
    if outcome.result is LoginResult.LOCKED:
        st.error(t("login.locked", until=local_time(outcome.locked_until)))
    elif outcome.result is LoginResult.DISABLED:
        st.error(t("login.disabled"))
    elif outcome.result is LoginResult.BAD_CREDENTIALS:
        st.error(t("login.bad_credentials"))


def logout(ctx: Context, user: User) -> None:
    """End the session here and every earlier cookie of this user, then show the login."""
    authenticator: stauth.Authenticate = st.session_state.get(
        AUTHENTICATOR_KEY
    ) or build_authenticator(ctx)
    users.record_logout(ctx, username=user.username)
    authenticator.authentication_controller.logout()
    st.session_state[USER_KEY] = None
    st.session_state[SIGNED_IN_KEY] = None
    st.session_state[OUTCOME_KEY] = None
    st.session_state[COOKIE_ACTION_KEY] = "delete"


def flush_cookie() -> None:
    """Set or delete the login cookie asked for earlier, on every run until the browser's
    own cookie list shows it done: a run cut short by a rerun may never reach the browser."""
    action = st.session_state.get(COOKIE_ACTION_KEY)
    if action is None:
        return
    authenticator: stauth.Authenticate = st.session_state[AUTHENTICATOR_KEY]
    model = authenticator.cookie_controller.cookie_model
    # The cookie list is empty until the browser has reported it (it always holds at least
    # Streamlit's own XSRF cookie), so an empty list proves nothing.
    browser_cookies = model.cookie_manager.cookies or {}
    done = bool(browser_cookies) and (model.cookie_name in browser_cookies) == (action == "set")
    if done:
        st.session_state.pop(COOKIE_ACTION_KEY, None)
        return

    with st.container(height=1, border=False):
        if action == "set" and st.session_state.get("username"):
            authenticator.cookie_controller.set_cookie()
        elif action == "delete":
            authenticator.cookie_controller.delete_cookie()
