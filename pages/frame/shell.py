"""One run of the app: open the data, check who is logged in, build their navigation."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from pages.frame import auth, upload_gate
from pages.frame.addresses import LOGIN_PATH, answer_address
from pages.frame.chrome import frame_texts
from pages.frame.navigation import PageSpec, first_spec, pages_for, stand_ins
from pages.frame.runtime import (
    LANGUAGE_KEY,
    context,
    lang,
    plain,
    show_error,
    show_flash,
    t,
    t_plain,
)
from scoring.enums import Role
from scoring.errors import JudgingError
from scoring.i18n import LANGUAGES
from scoring.records.users import User
from scoring.services import users
from scoring.services.campaigns.active import active_campaign, is_demo
from scoring.services.context import STAFF, Context
from scoring.services.demo import DEMO_PASSWORD, DEMO_USERS

_LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
_WIDGET_KEY = "jd_language_choice"
UPLOADERS = (*STAFF, Role.UNIT)  # they register works, with videos and scanned pledges
NOTICE_KEY = "jd_nav_notice"  # why the page shown is not the one the address named


def run() -> None:
    """Render this run's page for this session."""
    st.set_page_config(page_title="JuryDesk 微视频作品评审台", page_icon="🎬", layout="wide")
    try:
        ctx = context()
    except JudgingError as error:
        st.title(t("app.title"))
        show_error(error)
        st.stop()
    user = auth.current_session_user(ctx)
    _gate_uploads(user)
    auth.flush_cookie()
    if answer_address(None if user is None else user.role):
        st.session_state[NOTICE_KEY] = ("nav.not_found", "")  # said once logged in
    if user is None:
        login = st.Page(lambda: _login_page(ctx), title=t("login.title"), url_path=LOGIN_PATH)
        # After logging in on /ranking, say, the same URL shows that page.
        stand_in = stand_ins(None, lambda _spec: _login_page(ctx))
        st.navigation([login, *stand_in], position="hidden").run()
        return
    if LANGUAGE_KEY not in st.session_state and user.language:
        st.session_state[LANGUAGE_KEY] = user.language
    # Every page of the role stays listed: no "View n more" link, which Streamlit
    # only has in English.
    sections = pages_for(user.role)
    first = next(iter(sections.values()))[0]
    list(sections.values())[-1].extend(stand_ins(user.role, lambda spec: _elsewhere(spec, first)))
    page = st.navigation(sections, expanded=True)
    _sidebar(ctx, user)
    frame_texts()
    show_flash()
    _show_notice(user)
    page.run()


def _gate_uploads(user: User | None) -> None:
    """Only a session of someone who registers works may send files — a coordinator, an
    admin or a recommending unit's user (see ``upload_gate``)."""
    run = get_script_run_ctx()
    if run is None:
        return
    if user is not None and user.role in UPLOADERS:
        upload_gate.admit(run.session_id)
    else:
        upload_gate.withdraw(run.session_id)


def _language_switch(ctx: Context, user: User | None) -> None:
    current = lang()

    def changed() -> None:
        chosen = st.session_state[_WIDGET_KEY]
        st.session_state[LANGUAGE_KEY] = chosen
        if user is not None:
            users.set_language(ctx, user_id=user.id, language=chosen)

    st.radio(
        "Language / 语言",
        LANGUAGES,
        index=LANGUAGES.index(current),
        format_func=_LANGUAGE_NAMES.__getitem__,
        horizontal=True,
        key=_WIDGET_KEY,
        on_change=changed,
        label_visibility="collapsed",
    )


def _sidebar(ctx: Context, user: User) -> None:
    with st.sidebar:
        campaign = active_campaign(ctx)
        if campaign is not None:
            st.caption(t_plain("app.campaign", name=campaign.name))
        st.markdown(f"**{plain(user.display_name)}** · {t('role.' + user.role.value)}")
        _language_switch(ctx, user)
        if st.button(t("nav.logout"), icon=":material/logout:", key="jd_logout"):
            auth.logout(ctx, user)
            st.rerun()


def _elsewhere(spec: PageSpec, first: st.Page) -> None:
    """What another role's URL does: opens the role's first page, which says why."""
    st.session_state[NOTICE_KEY] = ("nav.not_yours", spec.title_key)
    st.switch_page(first)


def _show_notice(user: User) -> None:
    """Say why this page, and not the one the address named, is shown: a toast, like
    every one-shot message, since the runs that follow a page load on their own (the cookie
    component's report) would wipe a message drawn on the page once."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice is None:
        return
    key, page_key = notice
    role = t("role." + user.role.value)
    first = t(first_spec(user.role).title_key)
    page = t(page_key) if page_key else ""
    st.toast(t(key, page=page, role=role, first=first), icon=":material/info:", duration="long")


def _login_page(ctx: Context) -> None:
    _language_switch(ctx, None)
    st.title(t("app.title"))
    st.caption(t("app.subtitle"))
    auth.login_form()
    if is_demo(ctx):
        _demo_logins()


def _demo_logins() -> None:
    st.divider()
    st.subheader(t("login.demo_title"))
    st.caption(t("login.demo_hint", password=DEMO_PASSWORD))
    rows = [
        {
            t("login.username"): u.username,
            t("users.display_name"): u.display_name,
            t("users.role"): t("role." + u.role.value),
            t("users.unit"): u.unit,
        }
        for u in DEMO_USERS
    ]
    st.table(rows)
