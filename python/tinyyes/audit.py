"""The chat audit (docs/audit.md): where momentum died in the chats a business
already has. The core reads the exports and finds; this module gathers the
inputs (files, a folder, rows), and shows the result as a table, a chart and
a readable report.
"""

import collections.abc
import datetime
import html
import json
import os

from . import _ResultView, _tinyyes

# file suffix -> export format; others are guessed from the text
_SUFFIX_FORMATS = {".txt": "whatsapp", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_DATE_ORDERS = {None: 0, "dmy": 1, "mdy": 2}
_COLUMNS = ("conversation", "time", "sender", "text")
MOMENTS = ("first_reply", "clarify", "price", "recommendation", "booking", "follow_up", "permission_close",
           "need_to_think", "handoff")
"""The micro-commitment moments a finding calls for, in the method's order."""


def _errors():
    from . import _type_error, _value_error  # late: the package imports this module
    return _type_error, _value_error


def _read_file(path):
    """A file's bytes without a UTF-8 byte order mark: the core checks and
    reads the UTF-8 itself (a str of a large export would cost up to four
    bytes a character)."""
    with open(path, "rb") as f:
        data = f.read()
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def _inputs_from_path(path, fmt):
    """(name, text, format) for a file, or each file of a folder (sorted)."""
    _, value_error = _errors()
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if os.path.splitext(n)[1].lower() in _SUFFIX_FORMATS)
        if not names:
            raise value_error("audit(): %s has no .txt, .csv or .jsonl files" % path)
        return [(n, _read_file(os.path.join(path, n)), fmt or _SUFFIX_FORMATS[os.path.splitext(n)[1].lower()])
                for n in names]
    name = os.path.basename(path)
    return [(name, _read_file(path), fmt or _SUFFIX_FORMATS.get(os.path.splitext(name)[1].lower()))]


def _row_value(key, value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "isoformat") and key == "time":  # pandas Timestamp
        return value.isoformat()
    return value


def _inputs_from_rows(rows):
    """One JSON-lines input from dict rows (conversation, time, sender, text)."""
    type_error, _ = _errors()
    lines = []
    for i, row in enumerate(rows):
        if not isinstance(row, collections.abc.Mapping):
            raise type_error("audit() rows must be dicts, not %s (row %d)" % (type(row).__name__, i))
        lines.append(json.dumps({str(k): _row_value(str(k), v) for k, v in row.items()}, ensure_ascii=False,
                                default=str))
    return [("rows", "\n".join(lines), "jsonl")]


def _inputs(source, fmt):
    type_error, _ = _errors()
    if isinstance(source, (str, os.PathLike)):
        return _inputs_from_path(os.fspath(source), fmt)
    if hasattr(source, "to_dict") and hasattr(source, "columns"):  # a pandas DataFrame
        return _inputs_from_rows(source.to_dict("records"))
    if isinstance(source, collections.abc.Iterable) and not isinstance(source, (bytes, collections.abc.Mapping)):
        items = list(source)
        if all(isinstance(x, (str, os.PathLike)) for x in items):
            return [inp for x in items for inp in _inputs_from_path(os.fspath(x), fmt)]
        return _inputs_from_rows(items)
    raise type_error("audit() takes a path, a folder, a list of paths or a list of row dicts, not %s"
                     % type(source).__name__)


def _seconds_opt(value, what):
    type_error, _ = _errors()
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return int(value.total_seconds())
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise type_error("audit() %s must be seconds (int) or a timedelta, not %s" % (what, type(value).__name__))


def audit(source, business=None, playbook=None, *, format=None, date_order=None, utc_offset=None, columns=None,
          hours=None, late_after=None):
    """Audits past chats (docs/audit.md): where each conversation stopped and
    why, and the totals. Returns an :class:`AuditResult`.

    ``source``: a WhatsApp "Export chat" file, a CSV or JSON-lines export, a
    folder of them (each ``.txt`` one conversation), a list of paths, or
    rows (dicts, or a pandas DataFrame) with conversation, time, sender and
    text. ``business``: the business's sender name (None: guessed: the
    sender in the most conversations who opens the fewest). ``playbook``: a
    :class:`Playbook` whose intents group the unanswered questions (None:
    grouped by wording). ``format``: "whatsapp", "csv" or "jsonl" (None: by
    file suffix, else guessed). ``date_order``: WhatsApp dates, "dmy" or
    "mdy" (None: told by the dates, day first when they never tell).
    ``utc_offset``: the exports' local time ("+01:00", seconds). ``columns``:
    CSV/JSON names, e.g. ``{"conversation": "chat_id", "text": "message"}``.
    ``hours``: opening hours, "mon-fri 09:00-17:30, sat 10:00-14:00" (None:
    always open). ``late_after``: seconds of opening hours after which an
    answer is late (default 3600). Lines that cannot be read are in
    ``result["problems"]``; an unreadable source raises tinyyes.Error."""
    from . import Playbook, _offset_seconds  # late: the package imports this module
    type_error, value_error = _errors()
    if date_order not in _DATE_ORDERS:
        raise value_error("audit() date_order must be 'dmy', 'mdy' or None, not %r" % (date_order,))
    if format is not None and format not in ("whatsapp", "csv", "jsonl"):
        raise value_error("audit() format must be 'whatsapp', 'csv', 'jsonl' or None, not %r" % (format,))
    cols = None
    if columns is not None:
        if not isinstance(columns, collections.abc.Mapping) or any(k not in _COLUMNS for k in columns):
            raise value_error("audit() columns must map some of %s to names" % ", ".join(_COLUMNS))
        cols = tuple(columns.get(k) for k in _COLUMNS)
    if playbook is not None and not isinstance(playbook, Playbook):
        raise type_error("audit() playbook must be a tinyyes.Playbook or None, not %s" % type(playbook).__name__)
    offset = _offset_seconds(utc_offset)
    data = _tinyyes._audit(_inputs(source, format), business, _DATE_ORDERS[date_order], offset, cols, hours,
                           _seconds_opt(late_after, "late_after"), playbook._pb if playbook is not None else None)
    return AuditResult(data)


def _duration(seconds):
    if seconds is None:
        return "–"
    s = int(seconds + 0.5)
    if s < 3600:
        return "%dm" % (s // 60) if s >= 60 else "%ds" % s
    if s < 86400:
        return "%dh %02dm" % (s // 3600, s // 60 % 60)
    return "%dd %dh" % (s // 86400, s // 3600 % 24)


class AuditResult(_ResultView):
    """What :func:`audit` found: a read-only Mapping equal to the core's dict
    ``{"business", "conversations", "summary", "problems"}`` (docs/audit.md).
    :meth:`report` is the readable report the command line prints,
    :meth:`to_frame` a pandas DataFrame of the findings (or conversations),
    and in Jupyter it shows a chart of where momentum died and the table of
    findings."""

    __slots__ = ()

    def __init__(self, data):
        if not isinstance(data, collections.abc.Mapping):
            raise _errors()[0]("AuditResult() data must be a Mapping, not %s" % type(data).__name__)
        self._data = dict(data)

    def __eq__(self, other):
        if isinstance(other, AuditResult):
            return self._data == other._data
        return isinstance(other, collections.abc.Mapping) and self._data == dict(other)

    __hash__ = None

    def __repr__(self):
        s = self._data["summary"]
        return "<tinyyes.AuditResult: %d conversations, %d findings, %d lines not read>" % (
            s["conversations"], sum(f["count"] for f in s["findings"]), len(self._data["problems"]))

    def to_dict(self):
        """A plain, JSON-ready copy."""
        return json.loads(json.dumps(self._data))

    def report(self):
        """The readable report (what ``python -m tinyyes audit`` prints)."""
        return _tinyyes._audit_report(self._data)

    def to_frame(self, *, conversations=False):
        """A pandas DataFrame with one row per finding: ``conversation``,
        ``customer``, ``code``, ``moment``, ``lint``, ``from``, ``message``
        (its index in the conversation), ``at`` (UTC), ``waited`` (seconds,
        late answers) and ``text``. ``conversations=True``: one row per
        conversation instead (``customer``, ``messages``, ``started``,
        ``ended``, ``ended_by``, ``stopped_at``, ``outcome``, ``replied``,
        ``findings``). Needs pandas."""
        try:
            import pandas as pd
        except ImportError as exc:
            from . import _MissingDependency
            err = _MissingDependency("AuditResult.to_frame() needs pandas, which is not installed: "
                                     "pip install pandas (the result itself is a Mapping)")
            err.reason = "dependency"
            raise err from exc
        convs = self._data["conversations"]
        if conversations:
            return pd.DataFrame({
                "conversation": [c["id"] for c in convs],
                "customer": [c["customer"] for c in convs],
                "messages": [c["messages"] for c in convs],
                "started": pd.to_datetime([c["started"] for c in convs], unit="s", utc=True),
                "ended": pd.to_datetime([c["ended"] for c in convs], unit="s", utc=True),
                "ended_by": [c["ended_by"] for c in convs],
                "stopped_at": [c["stopped_at"] for c in convs],
                "outcome": [c["outcome"] for c in convs],
                "replied": [c["replied"] for c in convs],
                "findings": [len(c["findings"]) for c in convs],
            })
        rows = [(c, f) for c in convs for f in c["findings"]]
        return pd.DataFrame({
            "conversation": [c["id"] for c, _ in rows],
            "customer": [c["customer"] for c, _ in rows],
            "code": [f["code"] for _, f in rows],
            "moment": [f["moment"] for _, f in rows],
            "lint": [f["lint"] for _, f in rows],
            "from": [f["from"] for _, f in rows],
            "message": [f["message"] for _, f in rows],
            "at": pd.to_datetime([f["at"] for _, f in rows], unit="s", utc=True),
            "waited": pd.array([f.get("waited") for _, f in rows], dtype="Int64"),
            "text": [f["text"] for _, f in rows],
        })

    def _repr_svg_(self):
        """Where conversations ended, by moment, as horizontal bars (SVG)."""
        ended = self._data["summary"]["ended_at"]
        keys = [k for k in MOMENTS + ("booked",) if k in ended]
        top = max([ended[k] for k in keys] + [1])
        row, width, label = 22, 260, 130
        parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
                 'font-size="12"><title>Where conversations ended</title>' % (label + width + 50, row * len(keys) + 8)]
        for i, k in enumerate(keys):
            y = 4 + i * row
            w = max(1, round(width * ended[k] / top))
            colour = "#2e7d32" if k == "booked" else "#c62828"
            parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (label - 6, y + 14, html.escape(k)))
            parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>' % (label, y + 2, w, row - 6,
                                                                                   colour))
            parts.append('<text x="%d" y="%d">%d</text>' % (label + w + 4, y + 14, ended[k]))
        parts.append("</svg>")
        return "".join(parts)

    def _repr_html_(self):
        s = self._data["summary"]
        rate = "–" if s["reply_rate"] is None else "%.0f%%" % (100 * s["reply_rate"])
        out = ["<div><p><b>%d conversations</b> with %s: replied after the first message %s, "
               "median first response %s, booked %d.</p>"
               % (s["conversations"], html.escape(self._data["business"]), rate,
                  _duration(s["first_response"]["median"]), s["booked"]),
               "<p>Where conversations ended</p>", self._repr_svg_()]
        out.append("<table><thead><tr><th>conversation</th><th>finding</th><th>moment</th><th>lint</th>"
                   "<th>message</th></tr></thead><tbody>")
        shown = 0
        for c in self._data["conversations"]:
            for f in c["findings"]:
                if shown == 200:
                    break
                shown += 1
                out.append("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % (
                    html.escape(c["id"]), f["code"], f["moment"], f["lint"] or "",
                    html.escape(f["text"])))
        out.append("</tbody></table>")
        total = sum(len(c["findings"]) for c in self._data["conversations"])
        if total > shown:
            out.append("<p>… %d more findings: to_frame() has them all.</p>" % (total - shown))
        if self._data["problems"]:
            out.append("<p>%d lines not read (see result['problems']).</p>" % len(self._data["problems"]))
        out.append("</div>")
        return "".join(out)
