"""tinyyes — micro-commitment customer messaging: every message earns one small yes.

The C11 core does the work; this package is its thin Python face, and the
policy the core leaves to its host lives here: reading the clock, parsing
``datetime`` and ``"+01:00"`` offsets, and signing conversation states.

Templates (Mustache with messaging extensions)::

    >>> from tinyyes import Template
    >>> Template("Is this for a {{a}} or a {{b}}?").render({"a": "standard clean", "b": "deep clean"})
    'Is this for a standard clean or a deep clean?'

Playbooks (intents, answer recognisers and conversation flows)::

    >>> from tinyyes import Playbook
    >>> pb = Playbook.default()
    >>> pb.match("how much is a full service", at=1795000000)["intent"]
    'pricing'
    >>> result = pb.step(None, {"type": "message", "text": "hi", "at": 1795000000})
    >>> result["actions"][0]["type"]
    'send'

Every error the library raises is a :class:`tinyyes.Error` (a ``ValueError``)
with ``code``, ``reason``, ``line``, ``col``, ``path`` and ``offset``.
"""

import collections.abc
import datetime
import hashlib
import hmac
import json
import math
import os
import re
import time

from . import _tinyyes
from ._tinyyes import (
    Error,
    EventError,
    PlaybookError,
    StateError,
    Template,
    TemplateError,
    __version__,
)

__all__ = [
    "Error",
    "EventError",
    "Playbook",
    "PlaybookError",
    "StateError",
    "Template",
    "TemplateError",
    "__version__",
]

# ---- time ---------------------------------------------------------------

_OFFSET_RE = re.compile(r"\A([+-])(\d{2}):?(\d{2})\Z")


def _seconds(at, what="at"):
    """Unix seconds (int) from int/float seconds or an aware datetime.

    None means now: the core never reads the clock, so the binding does it
    here (time.time(), floored to whole seconds)."""
    if at is None:
        return math.floor(time.time())
    if isinstance(at, bool):
        raise TypeError("%s must be Unix seconds (int or float) or an aware datetime, not bool" % what)
    if isinstance(at, int):
        return at
    if isinstance(at, float):
        if not math.isfinite(at):
            raise ValueError("%s must be a finite number of seconds, not %r" % (what, at))
        return math.floor(at)
    if isinstance(at, datetime.datetime):
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError(
                "%s is a naive datetime: attach a timezone (e.g. datetime.now(timezone.utc)) "
                "so the time is unambiguous" % what)
        return math.floor(at.timestamp())
    raise TypeError("%s must be Unix seconds (int or float) or an aware datetime, not %s"
                    % (what, type(at).__name__))


def _offset_seconds(utc_offset):
    """Seconds east of UTC from None, int seconds, "+01:00"/"-0530"/"Z" or a timedelta."""
    if utc_offset is None:
        return None
    if isinstance(utc_offset, bool):
        raise TypeError("utc_offset must be '+HH:MM', seconds (int) or a timedelta, not bool")
    if isinstance(utc_offset, int):
        secs = utc_offset
    elif isinstance(utc_offset, datetime.timedelta):
        secs = utc_offset.days * 86400 + utc_offset.seconds
        if utc_offset.microseconds:
            raise ValueError("utc_offset must be whole seconds, not %r" % (utc_offset,))
    elif isinstance(utc_offset, str):
        if utc_offset in ("Z", "z"):
            return 0
        m = _OFFSET_RE.match(utc_offset)
        if not m or int(m.group(3)) >= 60:
            raise ValueError("utc_offset must look like '+01:00' or '-05:30', not %r" % (utc_offset,))
        secs = int(m.group(2)) * 3600 + int(m.group(3)) * 60
        if m.group(1) == "-":
            secs = -secs
    else:
        raise TypeError("utc_offset must be '+HH:MM', seconds (int) or a timedelta, not %s"
                        % type(utc_offset).__name__)
    if not -14 * 3600 <= secs <= 14 * 3600:
        raise ValueError("utc_offset must be within 14 hours of UTC, not %r" % (utc_offset,))
    return secs


# ---- state signing ------------------------------------------------------


def _state_error(message, reason, path):
    err = StateError(message)
    err.reason = reason
    err.path = path
    return err


def _signature(secret, state):
    """Hex HMAC-SHA256 over the state's canonical JSON (without "sig").

    Canonical JSON is what the core writes (compact, its own number format)
    with every object's keys in UTF-8 byte order, so a state whose keys a
    database reordered (PostgreSQL jsonb) still verifies, and Node signs the
    same bytes."""
    return hmac.new(secret, _tinyyes._canonical_json(state), hashlib.sha256).hexdigest()


# ---- playbooks ----------------------------------------------------------

_DEFAULT = []  # the default playbook's loaded core object, made on first use


class Playbook:
    """A loaded playbook (SPEC §3): intents, slots, templates and flows.

    ``Playbook(source, *, secret=None)`` — source is the JSON text (str, or
    UTF-8 bytes) or a Mapping (serialised with ``json.dumps``). It is
    validated on load (a :class:`PlaybookError` names the JSON path of any
    problem), its matcher trained and its templates compiled. A Playbook is
    immutable: share one between threads and requests; the GIL is released
    while the core matches and steps.

    ``secret`` (bytes) turns on state signing: every state :meth:`step`
    returns carries ``"sig"``, an HMAC-SHA256 of its canonical JSON, and a
    state passed back in must carry a valid one (else :class:`StateError`
    with ``reason == "signature"``). Use it when the state travels through
    a client (a cookie, a hidden form field).

    Limits (None: the default) guard against oversized input:
    ``max_bytes`` of playbook JSON (16 MiB), ``max_intents`` (4096),
    ``max_examples`` over all intents (200,000) and ``max_message``, the
    bytes of one customer message (64 KiB). Past a limit is a
    :class:`PlaybookError` or :class:`EventError` with ``reason == "limit"``.
    """

    __slots__ = ("_pb", "_secret", "_source", "__weakref__")

    def __init__(self, source, *, secret=None, max_bytes=None, max_intents=None, max_examples=None,
                 max_message=None):
        if isinstance(source, (bytes, str)):
            text = source
        elif isinstance(source, (bytearray, memoryview)):
            text = bytes(source)
        elif isinstance(source, collections.abc.Mapping):
            try:
                text = json.dumps(source, ensure_ascii=False, allow_nan=False)
            except ValueError as exc:  # NaN/Infinity, circular reference
                err = PlaybookError("playbook is not JSON: %s" % exc)
                err.reason = "json"
                raise err from exc
        else:
            raise TypeError("Playbook() source must be JSON text (str or bytes) or a Mapping, not %s"
                            % type(source).__name__)
        pb = _tinyyes.Playbook(text, max_bytes=max_bytes, max_intents=max_intents, max_examples=max_examples,
                               max_message=max_message)
        self._init(pb, text, secret)

    def _init(self, pb, source, secret):
        if secret is not None:
            if isinstance(secret, str):
                raise TypeError("Playbook() secret must be bytes, not str: encode it (secret.encode())")
            if not isinstance(secret, (bytes, bytearray, memoryview)):
                raise TypeError("Playbook() secret must be bytes, not %s" % type(secret).__name__)
            secret = bytes(secret)
            if not secret:
                raise ValueError("Playbook() secret must not be empty")
        self._pb = pb
        self._source = source
        self._secret = secret

    @classmethod
    def load(cls, path, *, secret=None, **limits):
        """Loads a playbook from a JSON file (read as UTF-8 bytes)."""
        with open(os.fspath(path), "rb") as f:
            data = f.read()
        return cls(data, secret=secret, **limits)

    @classmethod
    def default(cls, *, secret=None):
        """The playbook tinyyes ships with: a local bike workshop (booking,
        pricing, opening hours, refunds, service fit, support, a person,
        hesitation, STOP/START). Loaded once per process and shared."""
        if not _DEFAULT:
            _DEFAULT.append(_tinyyes.Playbook(_tinyyes._default_playbook()))
        self = cls.__new__(cls)
        self._init(_DEFAULT[0], None, secret)
        return self

    @staticmethod
    def default_source():
        """The JSON text of the default playbook (a starting point for your own)."""
        return _tinyyes._default_playbook()

    @property
    def signed(self):
        """True when states are signed (a secret was given)."""
        return self._secret is not None

    def match(self, text, expect=None, *, at=None, data=None, utc_offset=None):
        """Matches a customer message (SPEC §5).

        Returns ``{"intent", "score", "oos", "ranking", "entities"}`` (plus
        ``"answer"`` when ``expect`` names the slot the flow waits for and
        the text answers it). ``at`` (Unix seconds or an aware datetime)
        anchors relative dates ("tomorrow"); None means now, read from this
        machine's clock. ``utc_offset`` ("+01:00" or seconds) overrides the
        playbook's; ``data`` supplies ``options_from`` lists.
        """
        return self._pb._match(text, expect, _seconds(at), _offset_seconds(utc_offset), data)

    def recognize(self, text, slot, at=None, data=None, *, utc_offset=None):
        """Reads text as an answer for one slot (SPEC §5): returns
        ``{"value", "text", "start", "end"}`` or None. ``at`` None means now."""
        return self._pb._recognize(text, slot, _seconds(at), _offset_seconds(utc_offset), data)

    def stats(self):
        """Memory and model figures: ``{"bytes", "intents", "examples",
        "features", "slots", "templates", "flows"}``."""
        return self._pb._stats()

    def step(self, state, event):
        """Steps a conversation (SPEC §6); pure: nothing is stored here.

        ``state`` is the previous result's ``"state"`` (None for a new
        conversation); ``event`` a dict such as ``{"type": "message",
        "text": "...", "at": 1795000000, "conversation": "c-42"}`` (``at``
        may be an aware datetime). Returns ``{"state", "actions",
        "events"}``: store the state, perform the actions, record the events.
        """
        if isinstance(event, dict) and isinstance(event.get("at"), datetime.datetime):
            event = dict(event, at=_seconds(event["at"], "event.at"))
        secret = self._secret
        if secret is None:
            return self._pb._step(state, event)
        if state is not None:
            state = self._verify(state)
        result = self._pb._step(state, event)
        new = result["state"]
        new["sig"] = _signature(secret, new)
        return result

    def sign(self, state):
        """Returns a copy of state with a fresh "sig" (for hosts migrating
        unsigned states to a signed playbook)."""
        if self._secret is None:
            raise ValueError("this playbook has no secret: create it with Playbook(..., secret=b'...')")
        if not isinstance(state, collections.abc.Mapping):
            raise TypeError("state must be a dict, not %s" % type(state).__name__)
        plain = {k: v for k, v in state.items() if k != "sig"}
        plain["sig"] = _signature(self._secret, plain)
        return plain

    def _verify(self, state):
        """The state without "sig" when its signature is valid; else StateError."""
        if not isinstance(state, collections.abc.Mapping):
            raise TypeError("step() state must be a dict (the last result's state) or None, not %s"
                            % type(state).__name__)
        sig = state.get("sig")
        if sig is None:
            raise _state_error("state.sig: missing: this playbook signs its states and this one is unsigned",
                               "signature", "state.sig")
        if not isinstance(sig, str):
            raise _state_error("state.sig: must be a hex string", "signature", "state.sig")
        plain = {k: v for k, v in state.items() if k != "sig"}
        if not hmac.compare_digest(sig.encode("ascii", "replace"), _signature(self._secret, plain).encode()):
            raise _state_error("state.sig: does not match: the state was altered or signed with another secret",
                               "signature", "state.sig")
        return plain

    def _name(self):
        if self._source is None:
            src = _tinyyes._default_playbook()
        else:
            src = self._source
        try:
            name = json.loads(src).get("name")
        except (ValueError, AttributeError):
            name = None
        return name if isinstance(name, str) else None

    def __repr__(self):
        s = self.stats()
        name = self._name()
        return "<tinyyes.Playbook%s: %d intents, %d slots, %d flows, %d templates%s>" % (
            "" if name is None else " %r" % name, s["intents"], s["slots"], s["flows"], s["templates"],
            ", signed" if self._secret is not None else "")

    def __copy__(self):
        return self  # immutable

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        raise TypeError("a Playbook cannot be pickled (it may hold a secret): load it again from its source")
