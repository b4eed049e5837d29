"""Reading the audit log (admin only), each line told as a sentence in the reader's language.

Every action has a name (``audit_action.<action>``) and a sentence (``audit_line.<action>``)
in both catalogs; the sentence's placeholders are the actor, the target and the stored
details, each shown in words (roles, methods, yes/no, local times, old → new). An action
without a sentence (written by a later version, say) still reads as one: ``audit_line.other``
names the action and lists its details as "name: value".
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from scoring.domain.times import day_bounds
from scoring.enums import Role
from scoring.i18n import catalog, translate
from scoring.records.audit import AuditEvent
from scoring.services.context import Actor, Context, require_role
from scoring.storage import audit as store
from scoring.storage import rubric as rubric_store
from scoring.storage.audit import AuditFilter
from scoring.storage.rows import Cursor
from scoring.storage.users import list_users

_LONGEST = 60  # characters of an old or new text value shown before "…"
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?$")
# Details whose values are words of a catalog: field → key prefix.
_WORDS = {"role": "role.", "method": "method.", "category": "category."}
_PERCENT = {"watch_share", "watch_share_required"}


@dataclass(frozen=True, kw_only=True)
class AuditLine:
    """One audit event and the sentence that tells it."""

    event: AuditEvent
    action_name: str
    text: str


@dataclass(frozen=True)
class _Names:
    """What ids and keys in the details stand for: judges, criteria; and the time zone."""

    lang: str
    zone: str
    users: Mapping[int, str]
    criteria: Mapping[tuple[int | None, str], str]


def audit_actions(ctx: Context, *, actor: Actor) -> list[str]:
    """The action names that occur in the log (for the filter)."""
    require_role(actor, Role.ADMIN)
    return ctx.db.read(store.list_actions)


def action_name(action: str, lang: str) -> str:
    """An action in words (``audit_action.<action>``); an unknown one as it is stored."""
    key = "audit_action." + action
    return translate(key, lang) if key in catalog(lang) else action


def audit_lines(
    ctx: Context,
    *,
    actor: Actor,
    lang: str,
    who: str | None = None,
    action: str | None = None,
    target: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 2000,
) -> list[AuditLine]:
    """Audit lines matching the filters (days in the installation's zone), newest first."""
    require_role(actor, Role.ADMIN)
    start, end = day_bounds(since, until, ctx.settings.timezone)
    flt = AuditFilter(actor=who, action=action, target=target, since=start, until=end, limit=limit)

    def work(cur: Cursor) -> list[AuditLine]:
        events = store.list_events(cur, flt)
        names = _names(cur, events, lang, ctx.settings.timezone)
        return [
            AuditLine(event=e, action_name=action_name(e.action, lang), text=_sentence(e, names))
            for e in events
        ]

    return ctx.db.read(work)


def _names(cur: Cursor, events: list[AuditEvent], lang: str, zone: str) -> _Names:
    users = {u.id: u.username for u in list_users(cur)}
    criteria: dict[tuple[int | None, str], str] = {}
    for campaign_id in {e.campaign_id for e in events if e.campaign_id is not None}:
        for c in rubric_store.list_criteria(cur, campaign_id):
            criteria[(campaign_id, c.key)] = c.name_zh if lang == "zh" else c.name_en
    return _Names(lang, zone, users, criteria)


class _Blank(dict[str, str]):
    """Placeholders a stored line lacks read as a dash."""

    def __missing__(self, key: str) -> str:
        return "—"


def _sentence(event: AuditEvent, names: _Names) -> str:
    params = _Blank({k: _value(k, v, names) for k, v in event.details.items()})
    params |= _special(event, names)
    params["actor"] = actor_label(event.actor, names.lang)
    params["target"] = _target(event, names)
    key = "audit_line." + event.action
    if key not in catalog(names.lang):
        key = "audit_line.other"
        params["action"] = event.action
        params["details"] = _say(names, "common.list_separator").join(
            _say(names, "common.label_value", label=_field(k, event, names), value=params[k])
            for k in event.details
        )
    text = string.Formatter().vformat(catalog(names.lang)[key], (), params)
    who = params["actor"]
    if not who[-1:].isascii():  # "系统 创建了" reads as "系统创建了"; "admin 登录" keeps its space
        text = text.replace(who + " ", who, 1)
    return text


def _say(names: _Names, key: str, **params: object) -> str:
    return translate(key, names.lang, **params)


def actor_label(actor: str, lang: str) -> str:
    """Who acted, in words: ``system`` and ``system:nightly`` are the app itself,
    ``cli:<os user>`` the command line; a user by their user name."""
    kind, _, detail = actor.partition(":")
    if kind == "system":
        return translate("audit.by_system" if not detail else "audit.by_nightly", lang)
    if kind == "cli" and detail:
        return translate("audit.by_cli", lang, user=detail)
    return actor


def _target(event: AuditEvent, names: _Names) -> str:
    if event.action == "rubric.edit":
        return names.criteria.get((event.campaign_id, event.target), event.target)
    return event.target or "—"


def _special(event: AuditEvent, names: _Names) -> dict[str, str]:
    """Details that need more than their own value: ids, lists of fields, old and new."""
    d = event.details
    out: dict[str, str] = {}
    if "judge_id" in d:
        out["judge"] = names.users.get(d["judge_id"], str(d.get("judge", d["judge_id"])))
    if isinstance(d.get("fields"), list):
        out["fields"] = _say(names, "common.list_separator").join(
            _field(f, event, names) for f in d["fields"]
        )
    if "submitted" in d:
        out["state"] = _say(names, "status.submitted" if d["submitted"] else "status.draft")
    if event.action == "assignment.run":
        k = d.get("per_entry")
        out["mode"] = _say(names, "audit.mode_every" if k is None else "audit.mode_k", k=k)
    if event.action == "user.role":
        out |= {k: _say(names, "role." + str(d[k])) for k in ("old", "new") if k in d}
    if isinstance(d.get("old"), dict) and isinstance(d.get("new"), dict):
        changes = {k: {"old": d["old"].get(k), "new": v} for k, v in d["new"].items()}
        out["changes"] = _changes(changes, event, names)
    elif isinstance(d.get("changes"), dict):
        out["changes"] = _changes(d["changes"], event, names)
    elif isinstance(d.get("changes"), list):  # rules.save: one line per setting
        out["changes"] = _say(names, "common.list_separator").join(
            _say(
                names,
                "audit.rule_change",
                setting=_rule_setting(c, names),
                old=setting_words(c["rule"], c["field"], c.get("old"), names.lang),
                new=setting_words(c["rule"], c["field"], c.get("new"), names.lang),
            )
            for c in d["changes"]
            if isinstance(c, dict) and {"rule", "field"} <= set(c)
        )
    if isinstance(d.get("size_bytes"), int):
        out["size"] = f"{d['size_bytes'] / 1_000_000:.1f} MB"
    if d.get("origin") == "form":
        out["origin"] = _say(names, "audit.origin_form")
    return out


def _changes(changes: Mapping[str, Any], event: AuditEvent, names: _Names) -> str:
    return _say(names, "common.list_separator").join(
        _say(
            names,
            "audit.change",
            field=_field(field, event, names),
            old=_value(field, pair.get("old"), names),
            new=_value(field, pair.get("new"), names),
        )
        for field, pair in changes.items()
        if isinstance(pair, Mapping)
    )


def _rule_setting(change: Mapping[str, Any], names: _Names) -> str:
    rule, field = str(change["rule"]), str(change["field"])
    return setting_place(rule, str(change.get("category") or ""), field, names.lang)


def setting_place(rule: str, category: str, field: str, lang: str) -> str:
    """Where a compliance setting sits, in words: rule · category · setting."""
    parts = [translate("rule_name." + rule, lang)]
    if category:
        parts.append(translate("category." + category, lang))
    if field:
        parts.append(setting_label(rule, field, lang))
    return " · ".join(parts)


def setting_label(rule: str, field: str, lang: str) -> str:
    """A compliance setting's name (``rule_field.<rule>.<field>``, else ``rule_field.<field>``)."""
    specific = f"rule_field.{rule}.{field}"
    return translate(specific if specific in catalog(lang) else "rule_field." + field, lang)


def setting_words(rule: str, field: str, value: Any, lang: str) -> str:
    """A compliance setting's value in words: on/off, levels, formats, sizes and ratios."""
    if isinstance(value, bool):
        return translate("rules.on" if value else "rules.off", lang)
    if isinstance(value, list):
        pairs = field in ("sizes", "targets")
        shown = [
            pair_text(field, v) if pairs else setting_words(rule, field, v, lang) for v in value
        ]
        return translate("common.list_separator", lang).join(shown) or "—"
    for key in (f"{rule}.{value}", f"rules.outcome_{value}"):
        if isinstance(value, str) and key in catalog(lang):
            return translate(key, lang)
    if isinstance(value, float):
        return f"{value:g}"
    return "—" if value is None else str(value)


def pair_text(field: str, pair: Any) -> str:
    """A size as "1920×1080", a ratio as "16:9"."""
    width, height = pair
    return f"{width}×{height}" if field == "sizes" else f"{width}:{height}"


def _field(field: str, event: AuditEvent | None, names: _Names) -> str:
    """A detail's or changed field's name in words: criteria by name, then the catalogs."""
    if event is not None and (event.campaign_id, field) in names.criteria:
        return names.criteria[(event.campaign_id, field)]
    for key in ("audit_field." + field, "entry_field." + field):
        if key in catalog(names.lang):
            return _say(names, key)
    return field


def _value(field: str, value: Any, names: _Names) -> str:
    """A stored value in words: yes/no, local times, percentages, catalog words, lists."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _say(names, "common.yes" if value else "common.no")
    if field in _PERCENT and isinstance(value, int | float):
        return f"{round(value * 100)}%"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return _say(names, "common.list_separator").join(_value(field, v, names) for v in value)
    if isinstance(value, dict):
        return _say(names, "common.list_separator").join(
            _say(names, "common.label_value", label=k, value=_value(k, v, names))
            for k, v in value.items()
        )
    text = str(value)
    key = _WORDS.get(field, "") + text
    if field in _WORDS and key in catalog(names.lang):
        return _say(names, key)
    if _ISO_TIME.match(text):
        return _local(text, names.zone)
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _local(text: str, zone: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(zone))
    return moment.strftime("%Y-%m-%d %H:%M")
