"""The entry player: an HTML <video> fed by the app's signed media route, which reports
the parts actually played (``video.played``) back to Python through a v2 component, and
which a click elsewhere on the page can move to a time (``seek_to``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from pages.frame.runtime import attempt
from scoring.services.context import Actor, Context
from scoring.services.media import player_sources

_CSS = """
.jd-player { width: 100%; }
.jd-player video { width: 100%; max-height: 70vh; background: #000; border-radius: 6px; }
.jd-player.jd-phone { width: 320px; margin: 0 auto; padding: 14px 10px; background: #111;
  border-radius: 34px; box-shadow: 0 2px 10px rgba(0,0,0,.25); }
.jd-player.jd-phone video { max-height: none; aspect-ratio: 9 / 16; border-radius: 18px; }
"""

# Called on every render: it builds the <video> once per source and keeps it, so a rerun
# (a mark saved elsewhere on the page) never restarts playback. A new seek request (its
# token changes with every click, so the same time twice seeks twice) moves the playhead.
_JS = """
function seek(video, request) {
  if (!request || video.dataset.seekToken === String(request.token)) { return; }
  video.dataset.seekToken = String(request.token);
  const go = () => { video.currentTime = request.at; };
  if (video.readyState >= 1) { go(); } else {
    video.addEventListener('loadedmetadata', go, { once: true });
  }
}
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let root = parentElement.querySelector('.jd-player');
  if (!root) {
    root = document.createElement('div');
    parentElement.appendChild(root);
  }
  root.className = 'jd-player' + (data.portrait ? ' jd-phone' : '');
  let video = root.querySelector('video');
  if (video && video.dataset.src === data.src) { seek(video, data.seek); return; }
  root.replaceChildren();
  video = document.createElement('video');
  video.controls = true;
  video.preload = 'metadata';
  video.playsInline = true;
  video.dataset.src = data.src;
  if (data.poster) { video.poster = data.poster; }
  video.src = data.src;
  root.appendChild(video);
  seek(video, data.seek);
  if (!data.report) { return; }
  const report = () => {
    const ranges = [];
    for (let i = 0; i < video.played.length; i++) {
      ranges.push([video.played.start(i), video.played.end(i)]);
    }
    setStateValue('watched', { ranges: ranges, at: Date.now() });
  };
  let last = 0;
  video.addEventListener('timeupdate', () => {
    const now = Date.now();
    if (now - last > 3000) { last = now; report(); }
  });
  ['pause', 'ended', 'seeking'].forEach((name) => video.addEventListener(name, report));
}
"""

_PLAYER = st.components.v2.component("jurydesk_player", css=_CSS, js=_JS)


def video_player(
    *,
    src: str,
    poster: str | None,
    portrait: bool,
    key: str,
    on_watched: Callable[[list[list[float]]], None] | None = None,
) -> None:
    """Show the player; with ``on_watched``, pass it the played ranges as they grow."""
    data = {
        "src": src,
        "poster": poster,
        "portrait": portrait,
        "report": on_watched is not None,
        "seek": st.session_state.get(_seek_key(key)),
    }
    result: Any = _PLAYER(data=data, key=key, on_watched_change=lambda: None)
    watched = getattr(result, "watched", None)
    seen_key = f"{key}__reported_at"
    if on_watched is None or not isinstance(watched, dict):
        return
    if st.session_state.get(seen_key) == watched.get("at"):
        return  # already stored on an earlier run
    st.session_state[seen_key] = watched.get("at")
    on_watched([[float(a), float(b)] for a, b in watched.get("ranges") or []])


def entry_player(ctx: Context, actor: Actor, entry_id: int, *, key: str) -> None:
    """The entry's video for staff and its unit (preview, else the original), or nothing
    when it has none or may not be watched."""
    sources = attempt(lambda: player_sources(ctx, actor=actor, entry_id=entry_id))
    if sources and (sources.preview_url or sources.original_url):
        video_player(
            src=sources.preview_url or sources.original_url or "",
            poster=sources.poster_url,
            portrait=sources.portrait,
            key=key,
        )


def _seek_key(key: str) -> str:
    return f"{key}__seek"


def seek_to(key: str, seconds: float) -> None:
    """Ask the player ``key`` to move to ``seconds`` on its next render (a button's
    ``on_click``: it runs before the page, so the player sees the request)."""
    previous = st.session_state.get(_seek_key(key)) or {"token": 0}
    st.session_state[_seek_key(key)] = {"at": seconds, "token": int(previous["token"]) + 1}
