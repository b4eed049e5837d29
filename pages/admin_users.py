"""Admin: users — add, disable or enable, reset a password, change a role."""

import streamlit as st

from pages.frame.runtime import attempt, context, current_actor, flash, t
from pages.panels.tables import show_table, user_rows
from scoring.enums import Role
from scoring.services import users

ctx = context()
actor = current_actor()
st.title(t("users.title"))
people = users.list_users(ctx, actor=actor)
show_table(user_rows(people))
roles = [r.value for r in Role]


def role_label(value: str) -> str:
    return t("role." + value)


with (
    st.expander(t("users.add_title"), icon=":material/person_add:"),
    st.form("add_user", clear_on_submit=True),
):
    name = st.text_input(t("login.username"), help=t("users.username_help"))
    display = st.text_input(t("users.display_name"))
    unit = st.text_input(t("users.unit"), help=t("users.unit_help"))
    role = st.selectbox(t("users.role"), roles, format_func=role_label)
    first = st.text_input(t("login.password"), type="password", help=t("users.password_help"))
    second = st.text_input(t("users.password_again"), type="password")
    if st.form_submit_button(t("users.add_submit")):
        added = attempt(
            lambda: users.add_user(
                ctx,
                actor=actor,
                username=name,
                role=Role(role),
                password=first,
                password_again=second,
                display_name=display,
                unit=unit,
            )
        )
        if added is not None:
            flash(t("users.added", name=added.username))

st.subheader(t("users.change_title"))
chosen = st.selectbox(t("users.pick"), [u.username for u in people], key="user_pick")
target = next((u for u in people if u.username == chosen), None)
if target is not None:
    left, right = st.columns(2)
    with left.form("change_role"):
        new_role = st.selectbox(
            t("users.role"), roles, index=roles.index(target.role.value), format_func=role_label
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
