"""The compliance rules as a form: one widget per setting, the right kind for each, and
the preview of what a change would do, shown beside the rule and above the save button."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pages.frame.chrome import choice_menu
from pages.frame.runtime import lang, plain, t
from scoring.domain.rule_changes import RulePreview, RuleRow, Shift, replace_value, rule_rows
from scoring.domain.rules import RuleProblem, parse_pair, setting_choices
from scoring.services.audit import pair_text, setting_label, setting_place, setting_words

MEDIA = ("media", "container", "streams", "orientation", "aspect", "resolution", "duration")
TEXT = ("title", "intro_length", "intro_producer", "copy_text", "copy_elements", "synopsis")
PAPERS = ("completed_date", "date_order", "copyright_pledge", "declarations", "contacts")
GROUPS = (
    ("rules.group_media", (*MEDIA, "preview", "duplicate")),
    ("rules.group_text", (*TEXT, *PAPERS, "phone", "recommender_load")),
    ("rules.group_subtitles", ("subtitle_gaps", "subtitle_lines")),
)
LEVELS = ("warning", "error")
STANDARD = {
    "sizes": ["1920×1080", "3840×2160", "1080×1920", "2160×3840", "2560×1440", "1440×2560"],
    "targets": ["16:9", "9:16", "4:3", "3:4", "1:1"],
}
# Number settings: (smallest, largest, step); seconds and counts.
NUMBERS: dict[str, tuple[float, float | None, float]] = {
    "ok_max": (1.0, 3600.0, 1.0),
    "warn_max": (1.0, 3600.0, 1.0),
    "special_max": (1.0, 3600.0, 1.0),
    "min_gap_s": (0.1, 10.0, 0.1),
    "tolerance": (0.1, 20.0, 0.1),  # shown in per cent
}


def _widget(row: RuleRow, key: str) -> Any:
    """The widget for one setting; returns the value as the rule set stores it."""
    language, field, value = lang(), row.field, row.value
    label, helped = setting_label(row.rule, field, language), {"key": key, "help": _help(row)}

    def words(choice: Any) -> str:  # the language of this run, even when called later
        return setting_words(row.rule, field, choice, language)

    if field == "enabled":
        return st.toggle(label, value, **helped)
    if field in ("severity",) or field.endswith("_severity"):
        index = LEVELS.index(value)
        return st.radio(label, LEVELS, index, format_func=words, horizontal=True, **helped)
    if choices := setting_choices(row.rule, field):
        return st.multiselect(label, choices, value, words, **helped, **choice_menu())
    if field in STANDARD:
        current = [pair_text(field, p) for p in value]
        options = [*current, *(o for o in STANDARD[field] if o not in current)]
        hint = "rules.pick_or_type_size" if field == "sizes" else "rules.pick_or_type_ratio"
        return st.multiselect(
            label, options, current, accept_new_options=True, **helped, **choice_menu(hint)
        )
    if field == "earliest":
        picked = st.date_input(label, date.fromisoformat(value), format="YYYY-MM-DD", **helped)
        return picked.isoformat() if isinstance(picked, date) else value
    if field == "tolerance":
        low, high, step = NUMBERS[field]
        percent = st.number_input(label, low, high, round(value * 100, 3), step, "%.1f", **helped)
        return percent / 100
    if field in NUMBERS:
        low, high, step = NUMBERS[field]
        return st.number_input(label, low, high, float(value), step, "%g", **helped)
    return int(st.number_input(label, 1, None, int(value), 1, **helped))


def _help(row: RuleRow) -> str:
    specific = f"rule_help.{row.rule}.{row.field}"
    return t(specific) if t(specific) != specific else t(row.help_key)


def rule_form(rules: dict[str, Any], prefix: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every rule in an expander with its widgets; returns the candidate rule set and one
    placeholder per rule for its preview."""
    rows = rule_rows(rules)
    candidate, spots = rules, {}
    for group, names in GROUPS:
        st.subheader(t(group))
        for name in names:
            title = t("rule_name." + name)
            if not rules["rules"][name]["enabled"]:  # as saved: the title stays while editing
                title = t("rules.off_title", rule=title)
            with st.expander(title):
                st.caption(t("rule_about." + name))
                candidate = _rule_widgets([r for r in rows if r.rule == name], candidate, prefix)
                spots[name] = st.empty()
    return candidate, spots


def _rule_widgets(rows: list[RuleRow], rules: dict[str, Any], prefix: str) -> dict[str, Any]:
    for category, box in _boxes(rows):
        with box:
            for row in [r for r in rows if r.category == category]:
                key = f"{prefix}-{row.rule}-{category or 'all'}-{row.field}"
                value = _widget(row, key)
                rules = replace_value(
                    rules, rule=row.rule, category=category, field=row.field, value=value
                )
    return rules


def _boxes(rows: list[RuleRow]) -> list[tuple[str, DeltaGenerator]]:
    """The whole-rule settings first, then one column per category that has limits."""
    categories = list(dict.fromkeys(r.category for r in rows if r.category))
    boxes: list[tuple[str, DeltaGenerator]] = [("", st.container())]
    if categories:
        for category, column in zip(categories, st.columns(len(categories)), strict=True):
            column.markdown(f"**{t('category.' + category)}**")
            boxes.append((category, column))
    return boxes


def _shift_text(shift: Shift, key: str) -> str:
    return t(
        key,
        count=len(shift.codes),
        before=t("rules.outcome_" + shift.before),
        after=t("rules.outcome_" + shift.after),
        codes=t("common.list_separator").join(shift.codes),
    )


def show_preview(preview: RulePreview, spots: dict[str, Any]) -> None:
    """Each rule's shifts beside it; the changed settings, problems and totals here."""
    for rule, spot in spots.items():
        lines = [_shift_text(s, "rules.shift") for s in preview.for_rule(rule)]
        if lines:
            spot.warning("\n\n".join(lines), icon=":material/compare_arrows:")
    st.subheader(t("rules.preview_title"))
    if preview.problems:
        st.error(t("rules.problems"), icon=":material/error:")
        for problem in preview.problems:
            st.text(problem_text(problem))
        return
    if not preview.changes:
        st.caption(t("rules.no_changes"))
        return
    for change in preview.changes:
        place = setting_place(change.rule, change.category, change.field, lang())
        old = setting_words(change.rule, change.field, change.old, lang())
        new = setting_words(change.rule, change.field, change.new, lang())
        st.text("• " + t("rules.change_line", setting=place, old=old, new=new))
    overall = preview.for_rule("")
    for shift in overall:
        st.warning(plain(_shift_text(shift, "rules.verdict_shift")))
    if not preview.shifts:
        st.info(t("rules.no_shift", entries=preview.entries))


def problem_text(problem: RuleProblem) -> str:
    """A refused setting in words: where it is and what it must be."""
    parts = problem.path.split(".")[1:]  # rules.<rule>[.limits.<category>][.<field>]
    rule = parts[0] if parts else ""
    category = parts[2] if len(parts) > 2 and parts[1] == "limits" else ""
    field = parts[-1] if len(parts) in (2, 4) else ""
    where = setting_place(rule, category, field, lang()) if rule else problem.path
    if problem.expected.startswith("ok_max"):
        return t("rules.problem_order", where=where)
    if problem.expected.startswith("ok ≠"):
        return t("rules.problem_ok_warning", where=where)
    if field in STANDARD:
        typed = problem.value if isinstance(problem.value, list) else []
        bad = [str(v) for v in typed if parse_pair(v) is None] or [""]
        return t("rules.problem_pairs", where=where, value=bad[0])
    return t("rules.problem_value", where=where, value=problem.value, expected=problem.expected)
