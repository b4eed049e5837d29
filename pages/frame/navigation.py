"""Which pages exist for which role.

Pages of other roles are never passed to ``st.navigation``: their URLs lead to a stand-in
(before login: the login form; after it: the role's first page with a note), never to the
page; ``pages/frame/addresses.py`` answers the addresses no page has."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from pages.frame.runtime import t
from scoring.enums import Role

PAGES_DIR = Path(__file__).resolve().parents[1]
ALL_STAFF = (Role.COORDINATOR, Role.ADMIN)


@dataclass(frozen=True)
class PageSpec:
    """One page: its file, URL, title key, icon, section key and the roles that see it."""

    file: str
    url_path: str
    title_key: str
    icon: str
    section_key: str
    roles: tuple[Role, ...]


UNIT_ONLY = (Role.UNIT,)
PAGES = (
    PageSpec(
        "unit_works.py",
        "works",
        "nav.unit_works",
        ":material/video_library:",
        "nav.section_unit",
        UNIT_ONLY,
    ),
    PageSpec(
        "unit_entry_form.py",
        "register",
        "nav.unit_register",
        ":material/edit_note:",
        "nav.section_unit",
        UNIT_ONLY,
    ),
    PageSpec(
        "unit_import.py",
        "unit-import",
        "nav.unit_import",
        ":material/upload_file:",
        "nav.section_unit",
        UNIT_ONLY,
    ),
    PageSpec(
        "unit_forward.py",
        "forward",
        "nav.unit_forward",
        ":material/send:",
        "nav.section_unit",
        UNIT_ONLY,
    ),
    PageSpec(
        "unit_contact.py",
        "liaison",
        "nav.unit_contact",
        ":material/contact_phone:",
        "nav.section_unit",
        UNIT_ONLY,
    ),
    PageSpec(
        "judge_queue.py",
        "queue",
        "nav.queue",
        ":material/playlist_play:",
        "nav.section_judging",
        (Role.JUDGE,),
    ),
    PageSpec(
        "judge_calibration.py",
        "calibration",
        "nav.calibration",
        ":material/tune:",
        "nav.section_judging",
        (Role.JUDGE,),
    ),
    PageSpec(
        "judge_score.py",
        "score",
        "nav.score",
        ":material/rate_review:",
        "nav.section_judging",
        (Role.JUDGE,),
    ),
    PageSpec(
        "coord_entries.py",
        "entries",
        "nav.entries",
        ":material/video_library:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "coord_progress.py",
        "progress",
        "nav.progress",
        ":material/monitoring:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "coord_calibration.py",
        "calibration-round",
        "nav.calibration",
        ":material/tune:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "coord_ranking.py",
        "ranking",
        "nav.ranking",
        ":material/leaderboard:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "coord_views.py",
        "views",
        "nav.views",
        ":material/visibility:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "coord_anomalies.py",
        "anomalies",
        "nav.anomalies",
        ":material/troubleshoot:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "coord_import.py",
        "import",
        "nav.import",
        ":material/upload_file:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "coord_entry_form.py",
        "entry",
        "nav.entry_form",
        ":material/edit_note:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "coord_paper.py",
        "paper",
        "nav.paper",
        ":material/draw:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "coord_compliance.py",
        "compliance",
        "nav.compliance",
        ":material/rule:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "coord_units.py",
        "units",
        "nav.units",
        ":material/domain:",
        "nav.section_campaign",
        ALL_STAFF,
    ),
    PageSpec(
        "admin_assignment.py",
        "assignment",
        "nav.assignment",
        ":material/assignment_ind:",
        "nav.section_admin",
        (Role.ADMIN,),
    ),
    PageSpec(
        "admin_rubric.py",
        "rubric",
        "nav.rubric",
        ":material/checklist:",
        "nav.section_admin",
        (Role.ADMIN,),
    ),
    PageSpec(
        "admin_rules.py",
        "rules",
        "nav.rules",
        ":material/tune:",
        "nav.section_admin",
        (Role.ADMIN,),
    ),
    PageSpec(
        "admin_campaigns.py",
        "campaigns",
        "nav.campaigns",
        ":material/event_note:",
        "nav.section_admin",
        (Role.ADMIN,),
    ),
    PageSpec(
        "admin_backup.py",
        "backup",
        "nav.backup",
        ":material/backup:",
        "nav.section_admin",
        (Role.ADMIN,),
    ),
    PageSpec(
        "admin_users.py",
        "users",
        "nav.users",
        ":material/group:",
        "nav.section_admin",
        (Role.ADMIN,),
    ),
    PageSpec(
        "admin_audit.py",
        "audit",
        "nav.audit",
        ":material/history:",
        "nav.section_admin",
        (Role.ADMIN,),
    ),
)


def pages_for(role: Role) -> dict[str, list[st.Page]]:
    """The role's pages grouped by section, in a fixed order."""
    sections: dict[str, list[st.Page]] = {}
    for spec in PAGES:
        if role not in spec.roles:
            continue
        page = st.Page(
            str(PAGES_DIR / spec.file),
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.url_path,
        )
        sections.setdefault(t(spec.section_key), []).append(page)
    return sections


def stand_ins(role: Role | None, render: Callable[[PageSpec], None]) -> list[st.Page]:
    """Hidden pages at the URLs of every page ``role`` lacks (all of them for None) that run
    ``render`` with the page asked for instead: a link to another role's page, or one opened
    before logging in."""
    return [
        st.Page(
            _bound(render, spec),
            title=t("nav.elsewhere"),
            url_path=spec.url_path,
            visibility="hidden",
        )
        for spec in PAGES
        if role is None or role not in spec.roles
    ]


def _bound(render: Callable[[PageSpec], None], spec: PageSpec) -> Callable[[], None]:
    return lambda: render(spec)


def first_spec(role: Role) -> PageSpec:
    """The role's first page, where it lands after logging in (its URL is the bare address)."""
    return next(spec for spec in PAGES if role in spec.roles)


def page_files_for(role: Role) -> list[str]:
    """The page files a role may open (for tests)."""
    return [spec.file for spec in PAGES if role in spec.roles]
