"""notebook.py — tinyyes in a notebook: simulated conversations and rich displays.

- :func:`simulate` plays a scripted customer against a playbook on a virtual
  clock (the core's chat session, as ``python -m tinyyes chat``) and returns a
  :class:`Transcript`: the turns, every step result, the final state and
  the metric events; in Jupyter it shows as a chat.
- :class:`Findings` is what ``lint()`` and ``Playbook.lint()`` return: a
  plain list of finding dicts that shows as a table.
- :func:`playbook_html` is the ``Playbook`` display: its intents and, per
  flow, its steps as an SVG graph.

Everything shown is HTML-escaped. No dependency beyond the standard library.
"""

from __future__ import annotations

import datetime
import html
import io
import json
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from . import cli

_esc = html.escape

_CELL = 'style="text-align:left;padding:2px 8px;vertical-align:top"'
_HEAD = 'style="text-align:left;padding:2px 8px;font-weight:600;border-bottom:1px solid #ccc"'


def _table(headers: List[str], rows: List[List[str]]) -> str:
    out = ['<table style="border-collapse:collapse">', "<tr>"]
    out += ["<th %s>%s</th>" % (_HEAD, _esc(h)) for h in headers]
    out.append("</tr>")
    for row in rows:
        out.append("<tr>" + "".join("<td %s>%s</td>" % (_CELL, _esc(c)) for c in row) + "</tr>")
    out.append("</table>")
    return "".join(out)


# ---- lint findings ----------------------------------------------------------------


class Findings(List[Dict[str, Any]]):
    """Lint findings (docs/playbook.md): a list of dicts, equal to the plain
    list; in Jupyter a table with the worst first in each place."""

    def _repr_html_(self) -> str:
        if not self:
            return "<p>No findings.</p>"
        wide = any("template" in f for f in self)
        headers = (["template", "variant", "channel"] if wide else []) + ["code", "severity", "message"]
        rows = []
        for f in self:
            where = [str(f.get("template") or f.get("path") or ""),
                     "" if f.get("variant") is None else str(f.get("variant")), str(f.get("channel") or "")]
            rows.append((where if wide else []) + [str(f["code"]), str(f["severity"]), str(f["message"])])
        return _table(headers, rows)


# ---- simulated conversations -------------------------------------------------------


class Transcript:
    """A simulated conversation (:func:`simulate`).

    ``turns``: ``[{"at", "who", "text", "choices"}]`` with ``who`` one of
    ``"customer"``, ``"bot"`` and ``"note"`` (time passing, a handoff, a
    close); ``results``: every ``Playbook.step`` result in order;
    ``state``: the last state; ``events``: all the metric events, ready for
    ``tinyyes.metrics``. ``str()`` is the chat as the terminal shows it.
    """

    def __init__(self) -> None:
        self.turns: List[Dict[str, Any]] = []
        self.results: List[Any] = []
        self.state: Optional[Any] = None
        self._text = io.StringIO()

    @property
    def events(self) -> List[Dict[str, Any]]:
        return [e for r in self.results for e in r["events"]]

    def metrics(self) -> Any:
        """``tinyyes.metrics`` of this conversation's events."""
        from . import metrics

        return metrics(self.events)

    def __str__(self) -> str:
        return self._text.getvalue()

    def __repr__(self) -> str:
        return "<tinyyes.Transcript: %d turns>" % len(self.turns)

    def _repr_html_(self) -> str:
        out = ['<div class="tinyyes-chat" style="font:13px sans-serif;max-width:560px">']
        for t in self.turns:
            text = _esc(t["text"]).replace("\n", "<br>")
            if t["who"] == "note":
                out.append('<div style="text-align:center;color:#777;margin:6px 0">%s</div>' % text)
                continue
            mine = t["who"] == "customer"
            out.append('<div style="display:flex;justify-content:%s;margin:3px 0">'
                       '<div style="max-width:80%%;padding:6px 10px;border-radius:12px;background:%s">%s'
                       % ("flex-end" if mine else "flex-start", "#dcf8c6" if mine else "#eef1f5", text))
            if t.get("choices"):
                out.append('<div style="margin-top:4px">' + " ".join(
                    '<span style="display:inline-block;border:1px solid #7aa3d6;border-radius:10px;'
                    'padding:0 8px;margin:2px;color:#2a5d9f">%s</span>' % _esc(c["title"]) for c in t["choices"])
                    + "</div>")
            out.append("</div></div>")
        out.append("</div>")
        return "".join(out)


def simulate(playbook: Any, script: Union[str, Iterable[str]], *, start: Optional[Union[int, datetime.datetime]] = None,
             conversation: str = "sim-1", channel: Optional[str] = None, data: Optional[Mapping[str, Any]] = None,
             utc_offset: int = 0) -> Transcript:
    """Plays ``script`` as a customer against ``playbook`` and returns the
    :class:`Transcript`. Each line is a message, except the commands of
    ``python -m tinyyes chat``: ``/wait 4h`` (also ``90s``, ``15m``,
    ``2d``: time passes and due follow-ups and closes are sent),
    ``/resume`` (a person hands the chat back) and ``/note text``. Messages
    are 30 seconds apart on a virtual clock starting at ``start`` (Unix
    seconds or an aware datetime; None: Tuesday 24 November 2026, 10:00
    UTC). Deterministic: the same script gives the same transcript."""
    from . import _seconds

    lines = script.splitlines() if isinstance(script, str) else list(script)
    t = Transcript()
    chat = cli.Chat(playbook, t._text, start=cli.VIRTUAL_EPOCH if start is None else _seconds(start, "start"),
                    conversation=conversation, channel=channel, data=data, utc_offset=utc_offset,
                    echo=cli.ECHO_MESSAGES, record=True)
    for line in lines:
        if not isinstance(line, str):
            raise TypeError("simulate() script lines must be str, not %s" % type(line).__name__)
        go_on = chat.handle(line)
        for entry in chat.log() or []:
            _record(t, entry)
        if not go_on:
            break
    t.state = chat.state
    return t


def _record(t: Transcript, entry: Mapping[str, Any]) -> None:
    """Adds what the chat session did (one entry of its log) to t's turns and results."""
    if entry["type"] == "wait":
        t.turns.append({"at": entry["at"], "who": "note", "text": entry["text"], "choices": []})
        return
    event, result = entry["event"], entry["result"]
    if event["type"] == "message":
        t.turns.append({"at": event["at"], "who": "customer", "text": event["text"], "choices": []})
    if result is None:
        return
    t.results.append(result)
    for a in result["actions"]:
        if a["type"] == "send":
            t.turns.append({"at": event["at"], "who": "bot", "text": a["text"], "choices": list(a.get("choices") or [])})
        elif a["type"] == "handoff":
            t.turns.append({"at": event["at"], "who": "note",
                            "text": "handed off to a person (%s)" % a.get("reason", "requested"), "choices": []})
        elif a["type"] == "close":
            t.turns.append({"at": event["at"], "who": "note",
                            "text": "conversation closed: %s" % a.get("outcome", "closed"), "choices": []})


# ---- the playbook ------------------------------------------------------------------


def _does(intent: Mapping[str, Any]) -> str:
    parts = []
    if intent.get("does"):
        parts.append(str(intent["does"]))
    if intent.get("flow"):
        parts.append("starts " + str(intent["flow"]))
    if intent.get("say"):
        parts.append("says " + str(intent["say"]))
    return ", ".join(parts) or "recognised only"


def _flow_svg(name: str, steps: List[Mapping[str, Any]]) -> str:
    """One flow: its steps left to right, each with what it asks, arrows in
    order, and a step's `next` branches under it."""
    box_w, box_h, gap, pad = 130, 44, 34, 6
    nbranch = max([len(s.get("next") or {}) if isinstance(s.get("next"), dict) else 0 for s in steps] or [0])
    width = max(1, len(steps)) * (box_w + gap) + pad
    height = 22 + box_h + 14 * nbranch + 2 * pad
    out = ['<svg xmlns="http://www.w3.org/2000/svg" role="img" width="%d" height="%d" viewBox="0 0 %d %d" '
           'style="font:11px sans-serif">' % (width, height, width, height),
           "<title>%s</title>" % _esc("flow %s: %d steps" % (name, len(steps))),
           '<text x="%d" y="14" font-weight="600">%s</text>' % (pad, _esc(name))]
    for i, s in enumerate(steps):
        x, y = pad + i * (box_w + gap), 22
        ends = "end" in s
        out.append('<rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="%s" stroke="#6b8fbf"/>'
                   % (x, y, box_w, box_h, "#f3e6d8" if ends else "#e8f0fb"))
        out.append('<text x="%d" y="%d">%s</text>' % (x + 6, y + 16, _esc(str(s.get("id", "?")))[:40]))
        what = ("asks " + str(s["ask"])) if s.get("ask") else ("ends: " + str(s["end"])) if ends else "says"
        out.append('<text x="%d" y="%d" fill="#555">%s</text>' % (x + 6, y + 32, _esc(what)[:40]))
        if i + 1 < len(steps):
            ax = x + box_w
            out.append('<path d="M%d %dH%d" stroke="#333"/><path d="M%d %dl-6 -4v8z" fill="#333"/>'
                       % (ax, y + box_h // 2, ax + gap - 2, ax + gap - 2, y + box_h // 2))
        nxt = s.get("next")
        if isinstance(nxt, dict):
            for k, (answer, target) in enumerate(nxt.items()):
                out.append('<text x="%d" y="%d" fill="#2a5d9f">%s</text>'
                           % (x + 6, y + box_h + 13 + 14 * k, _esc("%s → %s" % (answer, target))[:60]))
    out.append("</svg>")
    return "".join(out)


def playbook_html(source: str) -> str:
    """The Playbook display: its name, intents (examples, keywords, what
    each does) and each flow's steps as an SVG graph."""
    doc = json.loads(source)
    out = ['<div class="tinyyes-playbook" style="font:13px sans-serif">']
    out.append("<p><b>%s</b></p>" % _esc(str(doc.get("name") or doc.get("id") or "playbook")))
    intents: Mapping[str, Any] = doc.get("intents") or {}
    rows: List[List[str]] = []
    for name, it in intents.items():
        ex = it.get("examples") or []
        rows.append([name, "%d" % len(ex), ", ".join(map(str, it.get("keywords") or []))[:80],
                     (str(ex[0]) if ex else "")[:60], _does(it)])
    if rows:
        out.append(_table(["intent", "examples", "keywords", "e.g.", "does"], rows))
    flows: Mapping[str, Any] = doc.get("flows") or {}
    for name, fl in flows.items():
        steps = fl.get("steps") if isinstance(fl, dict) else None
        out.append('<div style="margin-top:8px">%s</div>' % _flow_svg(name, list(steps or [])))
    out.append("</div>")
    return "".join(out)

