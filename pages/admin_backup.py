"""Admin: backups — make one now, list and check them; restoring is done from the shell."""

import streamlit as st

from pages.frame.runtime import (
    attempt,
    choose_hint,
    context,
    current_actor,
    flash,
    local_time,
    t,
    t_plain,
)
from pages.panels.tables import show_table
from scoring.services.backup.backups import (
    NIGHTLY_FOLDER,
    backup_root,
    check_backup,
    every_backup,
    make_backup,
    restore_command,
)

ctx, actor = context(), current_actor()
root = backup_root(ctx.settings)
st.title(t("backup.title"))
st.caption(t_plain("backup.folder", path=str(root)))
if ctx.settings.nightly_backup_hour >= 0:
    st.caption(
        t_plain(
            "backup.nightly",
            hour=ctx.settings.nightly_backup_hour,
            zone=ctx.settings.timezone,
            path=str(root / NIGHTLY_FOLDER),
            kept=ctx.settings.backups_kept,
        )
    )
else:
    st.caption(t("backup.nightly_off"))
if st.button(t("backup.make"), type="primary", icon=":material/backup:"):
    with st.spinner(t("backup.working")):
        made = attempt(lambda: make_backup(ctx, actor=actor, into=root))
    if made is not None:
        flash(t("backup.made", name=made.path.name, files=made.files, size=made.size_mb))
backups = every_backup(actor=actor, root=root)
if not backups:
    st.info(t("backup.none"))
show_table(
    [
        {
            t("backup.name"): str(b.path.relative_to(root)),
            t("backup.created"): local_time(b.created_at),
            t("backup.files"): b.files,
            t("backup.size"): b.size_mb,
            t("backup.schema"): b.schema_version,
        }
        for b in backups
    ],
)
names = {str(b.path.relative_to(root)): b.path for b in backups}

chosen = st.selectbox(t("backup.pick"), list(names), placeholder=choose_hint(names))
if chosen and st.button(t("backup.check")):
    with st.spinner(t("backup.checking")):
        checked = attempt(lambda: check_backup(actor=actor, source=names[chosen]))
    if checked is not None:
        st.success(t_plain("backup.check_ok", name=chosen, files=len(checked.files)))
st.subheader(t("backup.restore_title"))
st.markdown(t("backup.restore_help"))
source = names[chosen] if chosen else root / "jurydesk-YYYYMMDD-HHMMSS"
st.code(restore_command(ctx.settings, source), language="bash")
