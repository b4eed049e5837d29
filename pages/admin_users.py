"""Admin: users — add, disable or enable, reset a password, change a role."""

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, flash, t
from pages.panels.assignment import unassigned_notice
from pages.panels.table_rows import user_rows
from pages.panels.tables import show_table
from scoring.enums import Role
from scoring.services import users

ctx, actor = context(), current_actor()
st.title(t("users.title"))
people = users.list_users(ctx, actor=actor)
show_table(user_rows(people))
unassigned_notice(ctx, actor)
ADD_KEYS = ("nu_name", "nu_display", "nu_unit", "nu_role", "nu_pw1", "nu_pw2")
ROLE_KEYS = {r.value: "role." + r.value for r in Role}
roles = list(ROLE_KEYS)
with (
    st.expander(t("users.add_title"), icon=":material/person_add:"),
    st.form("add_user"),  # a refused add keeps what was typed; a done one clears it below
):
    typed = {
        "username": st.text_input(
            t("login.username"), help=t("users.username_help"), key=ADD_KEYS[0]
        ),
        "display_name": st.text_input(t("users.display_name"), key=ADD_KEYS[1]),
        "unit": st.text_input(t("users.unit"), help=t("users.unit_help"), key=ADD_KEYS[2]),
        "role": Role(
            st.selectbox(
                t("users.role"), roles, format_func=lambda r: t(ROLE_KEYS[r]), key=ADD_KEYS[3]
            )
        ),
        "password": st.text_input(
            t("login.password"), type="password", help=t("users.password_help"), key=ADD_KEYS[4]
        ),
        "password_again": st.text_input(
            t("users.password_again"), type="password", key=ADD_KEYS[5]
        ),
    }
    if st.form_submit_button(t("users.add_submit")):
        added = attempt(lambda: users.add_user(ctx, actor=actor, **typed))
        if added is not None:
            for key in ADD_KEYS:
                del st.session_state[key]
            flash(t("users.added", name=added.username))

st.subheader(t("users.change_title"))
chosen = st.selectbox(t("users.pick"), [u.username for u in people], key="user_pick")
target = next((u for u in people if u.username == chosen), None)
if target is not None:
    left, right = st.columns(2)
    with left.form("change_role"):
        new_role = st.selectbox(
            t("users.role"),
            roles,
            index=roles.index(target.role.value),
            format_func=lambda r: t(ROLE_KEYS[r]),
        )
        if st.form_submit_button(t("users.role_submit")) and attempt(
            lambda: users.set_role(ctx, actor=actor, username=target.username, role=Role(new_role))
        ):
            st.rerun()
        toggle = t("users.enable") if target.disabled else t("users.disable")
        if st.form_submit_button(toggle) and attempt(
            lambda: users.set_disabled(
                ctx, actor=actor, username=target.username, disabled=not target.disabled
            )
        ):
            st.rerun()
    with right.form("reset_password", clear_on_submit=True):
        first = st.text_input(t("users.new_password"), type="password")
        second = st.text_input(t("users.password_again"), type="password")
        if st.form_submit_button(t("users.reset_submit")) and attempt(
            lambda: users.reset_password(
                ctx, actor=actor, username=target.username, password=first, password_again=second
            )
        ):
            flash(t("users.password_was_reset", name=target.username))
