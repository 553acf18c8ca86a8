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

Channels, lint and metrics::

    >>> from tinyyes import lint, metrics, payload
    >>> result = pb.step(None, {"type": "message", "text": "hi", "at": 1795000000, "conversation": "c-1"})
    >>> send = result["actions"][0]
    >>> payload(send, "whatsapp")["payload"]["interactive"]["type"]
    'button'
    >>> [f["code"] for f in lint("Your bike is ready. Let me know!")]
    ['TY002', 'TY001']
    >>> metrics(result["events"])["conversations"]
    1

Every error the library raises is a :class:`tinyyes.Error` (a ``ValueError``)
with ``code``, ``reason``, ``line``, ``col``, ``path`` and ``offset``.
"""

import collections.abc
import datetime
import hashlib
import hmac
import html
import json
import math
import os
import time
import types

try:
    from . import _tinyyes
except ImportError as exc:  # a source build whose shared libraries are gone
    if "libutf8proc" not in str(exc):
        raise
    raise ImportError(
        "tinyyes: cannot load utf8proc, the C library this build links to "
        "(%s). Install it (Debian/Ubuntu: libutf8proc-dev; Fedora: utf8proc-devel; "
        "Alpine: utf8proc-dev; Homebrew: utf8proc) or a prebuilt wheel, which "
        "bundles it." % exc) from exc
from ._tinyyes import (
    ArgumentOverflowError,
    ArgumentTypeError,
    Error,
    EventError,
    EventTypeError,
    PlaybookError,
    StateError,
    StateTypeError,
    Template,
    TemplateError,
    TemplateTypeError,
    __version__,
)
from . import shapes
from .shapes import *  # noqa: F403 - the typed shapes of results, Channel, Escape, ...

__all__ = [
    "ArgumentOverflowError",
    "ArgumentTypeError",
    "AuditResult",
    "CHANNELS",
    "LIMITS",
    "Error",
    "EventError",
    "Findings",
    "EventTypeError",
    "Metrics",
    "MetricsResult",
    "Playbook",
    "PlaybookError",
    "StateError",
    "StateTypeError",
    "Template",
    "TemplateError",
    "TemplateTypeError",
    "Transcript",
    "__version__",
    "audit",
    "handshake",
    "inbound",
    "lint",
    "metrics",
    "payload",
    "simulate",
    "verify",
] + shapes.__all__

CHANNELS = _tinyyes.CHANNELS
"""The channel names payload, lint and playbook "channels" keys accept."""

LIMITS = types.MappingProxyType(dict(_tinyyes.LIMITS))
"""The documented default limits, by name (``LIMITS["MESSAGE_MAX_BYTES"]``):
the core's table, the one Node's ``limits`` camel-cases (README.md, "Limits")."""

# ---- argument errors ------------------------------------------------------


def _type_error(message):
    """An ArgumentTypeError (a tinyyes.Error and a TypeError) with reason "arg"."""
    err = ArgumentTypeError(message)
    err.reason = "arg"
    return err


def _value_error(message):
    """A tinyyes.Error (a ValueError) with reason "arg": a bad argument value."""
    err = Error(message)
    err.reason = "arg"
    return err


# ---- time ---------------------------------------------------------------


def _seconds(at, what="at"):
    """Unix seconds (int) from int/float seconds or an aware datetime.

    None means now: the core never reads the clock, so the binding does it
    here (time.time(), floored to whole seconds)."""
    if at is None:
        return math.floor(time.time())
    if isinstance(at, bool):
        raise _type_error("%s must be Unix seconds (int or float) or an aware datetime, not bool" % what)
    if isinstance(at, int):
        return at
    if isinstance(at, float):
        if not math.isfinite(at):
            raise _value_error("%s must be a finite number of seconds, not %r" % (what, at))
        return math.floor(at)
    if isinstance(at, datetime.datetime):
        if at.tzinfo is None or at.utcoffset() is None:
            raise _value_error(
                "%s is a naive datetime: attach a timezone (e.g. datetime.now(timezone.utc)) "
                "so the time is unambiguous" % what)
        return math.floor(at.timestamp())
    raise _type_error("%s must be Unix seconds (int or float) or an aware datetime, not %s"
                    % (what, type(at).__name__))


def _offset_seconds(utc_offset):
    """Seconds east of UTC from None, int seconds, "+01:00"/"-0530"/"Z" or a timedelta."""
    if utc_offset is None:
        return None
    if isinstance(utc_offset, bool):
        raise _type_error("utc_offset must be '+HH:MM', seconds (int) or a timedelta, not bool")
    if isinstance(utc_offset, int):
        secs = utc_offset
    elif isinstance(utc_offset, datetime.timedelta):
        secs = utc_offset.days * 86400 + utc_offset.seconds
        if utc_offset.microseconds:
            raise _value_error("utc_offset must be whole seconds, not %r" % (utc_offset,))
    elif isinstance(utc_offset, str):
        secs = _tinyyes._utc_offset(utc_offset)
        if secs is None:
            raise _value_error("utc_offset must look like '+01:00' or '-05:30', not %r" % (utc_offset,))
    else:
        raise _type_error("utc_offset must be '+HH:MM', seconds (int) or a timedelta, not %s"
                        % type(utc_offset).__name__)
    if not -_tinyyes.UTC_OFFSET_MAX <= secs <= _tinyyes.UTC_OFFSET_MAX:
        raise _value_error("utc_offset must be within 14 hours of UTC, not %r" % (utc_offset,))
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
    """A loaded playbook (docs/playbook.md): intents, slots, templates and flows.

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

    ``state_ttl`` (seconds, or a ``datetime.timedelta``) makes states expire:
    each carries ``"expires"``, its last event's time plus the ttl, and a
    later event is a :class:`StateError` with ``reason == "expired"``.
    States name the playbook by its ``"id"`` (else its ``"name"``) and
    record its ``"version"``; after an edit, :meth:`migrate` carries a
    state that no longer fits (``reason == "stale"``) across it
    (docs/playbook.md, "Editing a live playbook").
    """

    __slots__ = ("_pb", "_secret", "_source", "__weakref__")

    def __init__(self, source, *, secret=None, max_bytes=None, max_intents=None, max_examples=None,
                 max_message=None, state_ttl=None):
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
            raise _type_error("Playbook() source must be JSON text (str or bytes) or a Mapping, not %s"
                            % type(source).__name__)
        if isinstance(state_ttl, datetime.timedelta):
            if state_ttl.total_seconds() <= 0 or state_ttl % datetime.timedelta(seconds=1):
                raise _value_error("Playbook() state_ttl must be a positive whole number of seconds, not %r" % (state_ttl,))
            state_ttl = int(state_ttl.total_seconds())
        pb = _tinyyes.Playbook(text, max_bytes=max_bytes, max_intents=max_intents, max_examples=max_examples,
                               max_message=max_message, state_ttl=state_ttl)
        self._init(pb, text, secret)

    def _init(self, pb, source, secret):
        if secret is not None:
            if isinstance(secret, str):
                raise _type_error("Playbook() secret must be bytes, not str: encode it (secret.encode())")
            if not isinstance(secret, (bytes, bytearray, memoryview)):
                raise _type_error("Playbook() secret must be bytes, not %s" % type(secret).__name__)
            secret = bytes(secret)
            if not secret:
                raise _value_error("Playbook() secret must not be empty")
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
        """Matches a customer message (docs/recognizers.md).

        Returns ``{"intent", "score", "oos", "ranking", "entities"}`` (plus
        ``"answer"`` when ``expect`` names the slot the flow waits for and
        the text answers it). ``at`` (Unix seconds or an aware datetime)
        anchors relative dates ("tomorrow"); None means now, read from this
        machine's clock. ``utc_offset`` ("+01:00" or seconds) overrides the
        playbook's; ``data`` supplies ``options_from`` lists.
        """
        return self._pb._match(text, expect, _seconds(at), _offset_seconds(utc_offset), data)

    def recognize(self, text, slot, at=None, data=None, *, utc_offset=None):
        """Reads text as an answer for one slot (docs/recognizers.md): returns
        ``{"value", "text", "start", "end"}`` or None. ``at`` None means now."""
        return self._pb._recognize(text, slot, _seconds(at), _offset_seconds(utc_offset), data)

    def stats(self):
        """Memory and model figures: ``{"bytes", "intents", "examples",
        "features", "slots", "templates", "flows"}``."""
        return self._pb._stats()

    def step(self, state, event):
        """Steps a conversation (docs/playbook.md); pure: nothing is stored here.

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

    def step_json(self, state_json, event):
        """:meth:`step` for a host that stores the state as JSON text (a
        database column, Redis, a cookie).

        ``state_json`` is the stored text (str or UTF-8 bytes; None for a new
        conversation), read by the core. Returns ``{"state", "actions",
        "events"}`` with ``"state"`` the new state's compact JSON text (the
        same bytes as the core's JSON of :meth:`step`'s state) to store as it
        is: nothing parses or serialises the state in Python. A malformed
        text is a :class:`StateError` naming its line and column. With a
        secret, the text's ``"sig"`` is verified and the new text carries a
        fresh one.
        """
        if isinstance(event, dict) and isinstance(event.get("at"), datetime.datetime):
            event = dict(event, at=_seconds(event["at"], "event.at"))
        secret = self._secret
        if secret is None:
            return self._pb._step_json(state_json, event, None, None)
        return self._pb._step_json(state_json, event, self._check_sig,
                                   lambda canonical: hmac.new(secret, canonical, hashlib.sha256).hexdigest())

    def _repr_html_(self):
        """In Jupyter: the intents and each flow's steps as a graph."""
        from .notebook import playbook_html

        return playbook_html(self._source if self._source is not None else _tinyyes._default_playbook())

    def _handover_tag(self, conversation):
        if self._secret is None:
            raise _value_error("handover links are signed: load the playbook with a secret")
        return hmac.new(self._secret, _tinyyes._handover_signed(conversation), hashlib.sha256).hexdigest()[:10]

    def handover_link(self, state, number):
        """A wa.me link to the business's WhatsApp ``number`` that carries on
        this web chat in WhatsApp (docs/inbound.md): its prefilled message,
        in the conversation's language, ends with a short reference signed
        with this playbook's secret. ``state`` is the conversation's state
        (or its id: 1 to 64 letters, digits, ``_`` or ``-``). Offer it with
        ``payload(..., "webchat", whatsapp_link=...)``."""
        if isinstance(state, str):
            conversation, locale = state, None
        else:
            conversation, locale = state.get("conversation"), state.get("locale")
            if not isinstance(conversation, str):
                raise _value_error("handover_link() needs a state with a conversation id")
        return self._pb._handover_link(locale, number, conversation, self._handover_tag(conversation))

    def handover_ref(self, text):
        """The web conversation a customer's message continues (the
        reference a :meth:`handover_link` put in it, checked against this
        playbook's secret), or None. Load that conversation's state and
        step the message with ``"conversation"`` set to it."""
        found = _tinyyes._handover_find(text)
        if found is None:
            return None
        conversation, tag = found
        return conversation if hmac.compare_digest(tag, self._handover_tag(conversation)) else None

    def lint(self, channel=None):
        """Lints every template (docs/playbook.md): its text and each variant as sent on
        ``channel`` (None: ``"webchat"``), and each channel text on its own
        channel, rendered with sample values (TY001-TY008); and the playbook
        itself: names a message may miss where it is sent, options that are
        not there, too many options, unreachable steps and flows
        (TY101-TY106, docs/playbook.md "Checking a playbook"). Returns a list
        of findings ``{"template", "variant", "channel", "code", "severity",
        "message", "start", "end", "path"}``: ``variant`` is the variant's
        index, None for the text and channel texts; ``path`` the JSON path
        of what it is about; offsets are code points of the rendered text
        (TY001-TY008) or of the template text at ``path`` (TY101 and on;
        None, as are template and channel, for a slot, step or flow). The
        GIL is released while the core works."""
        return Findings(self._pb._lint(channel))

    def migrate(self, state, at=None):
        """Carries a stored state across an edit of this playbook
        (docs/playbook.md, "Editing a live playbook"): keeps what still
        fits, drops the rest, and resumes a pending question whose step is
        gone at the nearest sensible step, asking it now. Returns
        ``{"state", "actions", "events", "dropped"}`` like :meth:`step`
        (``dropped``: the state paths left behind); a signed playbook
        verifies the old signature and signs the new state. ``at`` None
        means now."""
        if self._secret is not None:
            state = self._verify(state, "migrate")
        result = self._pb._migrate(state, _seconds(at))
        if self._secret is not None:
            result["state"]["sig"] = _signature(self._secret, result["state"])
        return result

    def sign(self, state):
        """Returns a copy of state with a fresh "sig" (for hosts migrating
        unsigned states to a signed playbook)."""
        if self._secret is None:
            raise _value_error("this playbook has no secret: create it with Playbook(..., secret=b'...')")
        if not isinstance(state, collections.abc.Mapping):
            raise _type_error("state must be a dict, not %s" % type(state).__name__)
        plain = {k: v for k, v in state.items() if k != "sig"}
        plain["sig"] = _signature(self._secret, plain)
        return plain

    def _verify(self, state, fn="step"):
        """The state without "sig" when its signature is valid; else StateError."""
        if not isinstance(state, collections.abc.Mapping):
            raise _type_error("%s() state must be a dict (the last result's state)%s, not %s"
                              % (fn, " or None" if fn == "step" else "", type(state).__name__))
        sig = state.get("sig")
        plain = {k: v for k, v in state.items() if k != "sig"}
        self._check_sig(None if sig is None else _tinyyes._canonical_json(plain), sig)
        return plain

    def _check_sig(self, canonical, sig):
        """Raises StateError unless sig is the hex HMAC of canonical (bytes)."""
        if sig is None:
            raise _state_error("state.sig: missing: this playbook signs its states and this one is unsigned",
                               "signature", "state.sig")
        if not isinstance(sig, str):
            raise _state_error("state.sig: must be a hex string", "signature", "state.sig")
        want = hmac.new(self._secret, canonical, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sig.encode("ascii", "replace"), want.encode()):
            raise _state_error("state.sig: does not match: the state was altered or signed with another secret",
                               "signature", "state.sig")

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
        raise _type_error("a Playbook cannot be pickled (it may hold a secret): load it again from its source")


# ---- channels and lint ------------------------------------------------------


def payload(action, channel, *, at=None, last_customer_at=None, parse_mode=None, human_agent=False, to=None,
            locale=None, whatsapp_link=None):
    """Turns a ``send`` action of :meth:`Playbook.step` into the platform's own
    message JSON (README.md) for ``channel`` (one of :data:`CHANNELS`).

    Returns ``{"channel", "payload", "window"}`` plus ``"requires"`` when the
    messaging window is closed, and ``"segments"``, ``"encoding"``,
    ``"units"`` for SMS. ``payload`` is the request body to POST (WhatsApp
    Cloud API, Messenger/Instagram Send API, Telegram sendMessage) or send
    (web chat, SMS); choice titles over a platform limit are cut at a
    grapheme boundary and the reply the platform sends back (button id,
    quick-reply payload, callback data) is the option's id (its full title
    when the id is too long for the platform), which :func:`inbound` hands
    back as the event's ``"choice"`` and the flow reads as the answer.

    - ``at``: when the message goes out (Unix seconds or an aware datetime;
      None: now, from this machine's clock);
    - ``last_customer_at``: the customer's last message (None: unknown,
      then ``"window"`` is ``"unknown"`` on WhatsApp, Messenger, Instagram);
    - ``parse_mode``: Telegram text escaping, ``"html"`` (None, the
      default), ``"markdownv2"`` or ``"none"``;
    - ``human_agent``: a person sends it (Messenger/Instagram HUMAN_AGENT
      tag: a 7-day window instead of 24 hours);
    - ``to``: the recipient (phone number, PSID, chat id; an int is written
      in decimal); None leaves it out for the host to add;
    - ``locale``: words of SMS options and the WhatsApp list button (None or
      unknown: English);
    - ``whatsapp_link``: web chat only, a "continue in WhatsApp" link
      (:meth:`Playbook.handover_link`) offered with the message.

    A bad action or channel is a :class:`tinyyes.Error` (``reason`` "arg",
    "schema", "limit", ... and ``path`` such as ``"action.text"``).
    """
    if isinstance(to, int) and not isinstance(to, bool):
        to = str(to)
    if last_customer_at is not None:
        last_customer_at = _seconds(last_customer_at, "last_customer_at")
    return _tinyyes._payload(action, channel, _seconds(at, "at"), last_customer_at, parse_mode, human_agent, to,
                             locale, whatsapp_link)


def lint(text, channel="webchat", locale="en"):
    """Lints one outgoing message (docs/playbook.md) as sent on ``channel``, with the
    phrase tables of ``locale`` (English when there is none for it).

    Returns a list of findings ``{"code", "severity", "message", "start",
    "end"}`` ordered by start, then code: codes TY001-TY008, severity
    ``"error"`` (TY005 placeholder, TY008 pressure, TY006 over the
    platform's hard limit) or ``"warning"``; ``text[start:end]`` is the
    part found (offsets are code points, so they index a Python str)."""
    return Findings(_tinyyes._lint(text, channel, locale))


def inbound(channel, body, at=None):
    """Reads one webhook request body of a messaging platform (docs/inbound.md)
    into events for :meth:`Playbook.step`.

    ``channel`` is one of :data:`CHANNELS`; ``body`` the raw request body
    exactly as received (``bytes``, e.g. Django's ``request.body``, or
    ``str``): WhatsApp Cloud API, Messenger or Instagram webhook JSON, one
    Telegram Update, a Twilio-style form-encoded SMS, or our web chat's
    ``{"conversation", "text", "id", "at", "choice"}``. Returns
    ``{"events": [...], "ignored": [...]}``: each message or button tap as
    ``{"type": "message", "id", "at", "conversation", "channel", "text"}``
    (plus ``"choice"``, the option id, for a tap), ready to step in order;
    receipts, echoes and kinds tinyyes does not read as ``{"reason",
    "type", "id"}``. ``at`` is when the request arrived (Unix seconds or an
    aware datetime; None: now), used where the body carries no time. A body
    that is not the platform's shape is an :class:`EventError` naming the
    JSON path; an unknown channel a ``ValueError``."""
    return _tinyyes._inbound(channel, body, _seconds(at))


def _header(headers, name):
    """The value of header `name` (lower case) in a mapping or a list of
    (name, value) pairs, by any case; WSGI/Django META keys
    ("HTTP_X_HUB_SIGNATURE_256") too. None when absent."""
    items = headers.items() if hasattr(headers, "items") else headers
    meta = "HTTP_" + name.upper().replace("-", "_")
    for key, value in items:
        if isinstance(key, bytes):
            key = key.decode("latin-1")
        if isinstance(key, str) and (key.lower() == name or key == meta):
            return value
    return None


def verify(channel, secret, headers, body, url=None):
    """True when a webhook request really comes from the platform
    (docs/inbound.md): its signature header matches ``body``, the raw
    request body as received (check before you parse it).

    ``secret``: the Meta app secret (WhatsApp, Messenger, Instagram), the
    secret token given to Telegram's setWebhook, or the Twilio auth token
    (``sms``; then ``url`` is the full URL Twilio requested, query string
    included). ``headers``: the request's headers (a mapping or
    (name, value) pairs, any case; Django's ``request.headers`` or
    ``request.META``). Compares in constant time; a missing or malformed
    header is False. Web chat is your own site: nothing to verify (a
    ValueError, as is an unknown channel)."""
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    if not isinstance(secret, (bytes, bytearray)) or not secret:
        raise _type_error("verify() secret must be a non-empty str or bytes, not %s" % type(secret).__name__)
    value = _header(headers, _tinyyes._signature_header(channel))
    if value is not None and not isinstance(value, (str, bytes)):
        raise _type_error("verify() header values must be str or bytes, not %s" % type(value).__name__)
    algorithm, message, digest = _tinyyes._signature_check(channel, value, body, url)
    if algorithm == 1:  # the header is the token itself
        return hmac.compare_digest(value.encode("utf-8") if isinstance(value, str) else value, bytes(secret))
    if algorithm in (2, 3):
        mac = hmac.new(secret, message, hashlib.sha256 if algorithm == 2 else hashlib.sha1).digest()
        return hmac.compare_digest(mac, digest)
    return False


def handshake(query, verify_token):
    """Meta's webhook verification request (docs/inbound.md): ``query`` is
    the GET parameters (Django's ``request.GET``). Returns the
    ``hub.challenge`` to answer with (status 200) when ``hub.mode`` is
    "subscribe" and ``hub.verify_token`` is ``verify_token``, else None
    (answer 403)."""
    get = query.get
    return _tinyyes._handshake(get("hub.mode"), get("hub.verify_token"), get("hub.challenge"), verify_token)


# ---- metrics ----------------------------------------------------------------


class _MissingDependency(Error, ImportError):
    """An optional dependency is not installed (both a tinyyes.Error and an
    ImportError, so either ``except`` catches it)."""


def _frozen(value):
    """value with every dict made a read-only view (lists made tuples)."""
    if isinstance(value, dict):
        return types.MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _thawed(value):
    if isinstance(value, collections.abc.Mapping):
        return {k: _thawed(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thawed(v) for v in value]
    return value


def _restore_metrics_result(data, steps):
    return MetricsResult(data, steps=steps)


class _ResultView(collections.abc.Mapping):
    """A read-only Mapping over a core result kept in ``_data`` (the base of
    MetricsResult and AuditResult)."""

    __slots__ = ("_data",)

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)

    __hash__ = None


class MetricsResult(_ResultView):
    """The metrics of many conversations (docs/metrics.md, docs/metrics.md): a
    read-only Mapping over the core's result, equal to the plain dict::

        {"conversations", "reply_rate", "time_to_next_step": {"median", "p90"},
         "completion": {"overall", "by_step": {"flow.step": ratio}},
         "handoffs", "handoff_context", "drop_off": {"flow.step": count}, "opt_outs",
         "variants": [{"flow", "step", "template", "variant", "asks", "replies",
                       "reply_rate", "reply_rate_ci": [low, high], "commits",
                       "completion", "completion_ci": [low, high],
                       "time_to_next_step": {"median", "p90"}}],
         "steps": {"flow.step": {"asks", "commits"}}}

    Ratios are rounded to 4 decimals; a ratio or statistic with nothing to
    measure is None (an empty stream: zero counts, empty maps and lists,
    None elsewhere). Nested maps are read-only views and lists are tuples;
    :meth:`to_dict` gives a plain, JSON-ready copy. :meth:`to_frame` gives
    a per-step (or per-wording) pandas DataFrame, and in Jupyter the result
    draws its step funnel with each step's wordings side by side.
    """

    __slots__ = ("_steps",)

    def __init__(self, data, *, steps=None):
        if not isinstance(data, collections.abc.Mapping):
            raise _type_error("MetricsResult() data must be a Mapping, not %s" % type(data).__name__)
        self._data = _frozen(_thawed(data))
        # {"flow.step": (asks, commits)} in first-seen order, when known
        self._steps = None if steps is None else {str(k): (int(a), int(c)) for k, (a, c) in steps.items()}

    def __eq__(self, other):
        if not isinstance(other, collections.abc.Mapping):
            return NotImplemented
        return self.to_dict() == _thawed(other)  # tuples compare with the plain result's lists

    __hash__ = None

    def __repr__(self):
        return "MetricsResult(%r)" % (self.to_dict(),)

    def __reduce__(self):
        return (_restore_metrics_result, (self.to_dict(), self._steps))

    def to_dict(self):
        """A plain deep copy (dicts and lists): JSON-serialisable."""
        return _thawed(self._data)

    def _rows(self):
        """[(key, asks, commits, completion, drop_off)] in funnel order:
        flows in the order their steps were first asked, each flow's steps
        in first-seen order; then steps known only from the result, sorted."""
        by_step = self._data["completion"]["by_step"]
        drop = self._data["drop_off"]
        # the stream's first-seen order when this result came from a Metrics;
        # else (rebuilt from to_dict()) the core's counts in key order
        steps = self._steps or {k: (v["asks"], v["commits"]) for k, v in self._data.get("steps", {}).items()}
        flows = {}
        for key in steps:
            flows.setdefault(key.partition(".")[0], []).append(key)
        order = [key for keys in flows.values() for key in keys]
        seen = set(order)
        order += sorted((k for k in set(by_step) | set(drop) if k not in seen), key=lambda k: k.encode("utf-8"))
        rows = []
        for key in order:
            asks, commits = steps.get(key, (None, None))
            rows.append((key, asks, commits, by_step.get(key), drop.get(key, 0)))
        return rows

    def _wordings(self):
        """{"flow.step": [row of "variants", ...]} in the core's order."""
        out = {}
        for row in self._data.get("variants", ()):
            out.setdefault("%s.%s" % (row["flow"], row["step"]), []).append(row)
        return out

    def to_frame(self, *, variants=False):
        """A pandas DataFrame with one row per flow step (index ``"step"``,
        ``"flow.step"``; funnel order): ``flow``, ``asks``, ``commits``,
        ``completion`` (commits / asks) and ``drop_off`` (conversations that
        went silent there). ``asks``/``commits`` are counted by
        :class:`Metrics` while streaming; for a result built from a plain
        dict they are missing (<NA>). The overall figures are in
        ``frame.attrs["metrics"]``. Needs pandas (``pip install pandas``).

        ``variants=True`` gives one row per wording of a step's question
        instead (index ``("step", "template", "variant")``, steps in funnel
        order): ``asks``, ``replies``, ``reply_rate``, ``reply_low``,
        ``reply_high``, ``commits``, ``completion``, ``completion_low``,
        ``completion_high``, ``median`` and ``p90`` (seconds to the next
        step); ``frame.unstack("variant")`` puts the wordings side by side."""
        try:
            import pandas as pd
        except ImportError as exc:
            err = _MissingDependency(
                "MetricsResult.to_frame() needs pandas, which is not installed: pip install pandas "
                "(the result itself is a Mapping; to_dict() gives plain JSON-ready data)")
            err.reason = "dependency"
            raise err from exc
        if variants:
            return self._variants_frame(pd)
        rows = self._rows()
        frame = pd.DataFrame(
            {
                "flow": [key.partition(".")[0] for key, *_ in rows],
                "asks": pd.array([r[1] for r in rows], dtype="Int64"),
                "commits": pd.array([r[2] for r in rows], dtype="Int64"),
                "completion": pd.array([float("nan") if r[3] is None else r[3] for r in rows], dtype="float64"),
                "drop_off": pd.array([r[4] for r in rows], dtype="int64"),
            },
            index=pd.Index([r[0] for r in rows], name="step", dtype=object),
        )
        frame.attrs["metrics"] = self.to_dict()
        return frame

    def _variants_frame(self, pd):
        by_step = self._wordings()
        order = [key for key, *_ in self._rows() if key in by_step]
        order += [key for key in by_step if key not in order]
        rows = [row for key in order for row in by_step[key]]
        nan = float("nan")

        def col(get, dtype):
            values = [get(r) for r in rows]
            return pd.array([nan if v is None and dtype == "float64" else v for v in values], dtype=dtype)

        def end(key, i):
            return lambda r: r[key][i] if r[key] is not None else None

        frame = pd.DataFrame(
            {
                "asks": col(lambda r: r["asks"], "Int64"),
                "replies": col(lambda r: r["replies"], "Int64"),
                "reply_rate": col(lambda r: r["reply_rate"], "float64"),
                "reply_low": col(end("reply_rate_ci", 0), "float64"),
                "reply_high": col(end("reply_rate_ci", 1), "float64"),
                "commits": col(lambda r: r["commits"], "Int64"),
                "completion": col(lambda r: r["completion"], "float64"),
                "completion_low": col(end("completion_ci", 0), "float64"),
                "completion_high": col(end("completion_ci", 1), "float64"),
                "median": col(lambda r: r["time_to_next_step"]["median"], "float64"),
                "p90": col(lambda r: r["time_to_next_step"]["p90"], "float64"),
            },
            index=pd.MultiIndex.from_tuples(
                [("%s.%s" % (r["flow"], r["step"]), r["template"], r["variant"]) for r in rows],
                names=["step", "template", "variant"]),
        )
        frame.attrs["metrics"] = self.to_dict()
        return frame

    def _repr_html_(self):
        return _metrics_html(self._data, self._rows(), self._wordings())

    def _repr_svg_(self):
        """The step funnel alone, as SVG (for front ends that show SVG, and
        for saving: ``open("funnel.svg", "w").write(res._repr_svg_())``)."""
        return _metrics_svg(self._rows(), self._wordings())


def _pct(x):
    return "–" if x is None else "%.1f%%" % (100.0 * x)


def _secs(x):
    if x is None:
        return "–"
    x = float(x)
    for unit, n in (("d", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if x >= n:
            return "%.3g %s" % (x / n, unit)
    return "%.3g s" % x


# Colours of the funnel: asks (light), commits (dark), drop-off (warm).
_ASK_FILL, _COMMIT_FILL, _DROP_FILL = "#c6dbef", "#2171b5", "#d94801"


def _ci(interval):
    return "" if interval is None else " [%s–%s]" % (_pct(interval[0]), _pct(interval[1]))


def _compared(wordings, key):
    """The wording rows of step `key` when there are two or more to compare."""
    found = wordings.get(key, ())
    return found if len(found) > 1 else ()


def _metrics_html(data, rows, wordings):
    """The Jupyter view: the headline figures and the step funnel as inline
    SVG (no plotting dependency); a step asked in two or more wordings has
    them under it, side by side: each one's completion with its 95 %
    interval as a whisker, its asks and its reply rate. Every label is
    escaped."""
    esc = html.escape
    ttns = data["time_to_next_step"]
    head = [
        ("conversations", "%d" % data["conversations"]),
        ("reply rate", _pct(data["reply_rate"])),
        ("time to next step", "median %s · p90 %s" % (_secs(ttns["median"]), _secs(ttns["p90"]))),
        ("completion", _pct(data["completion"]["overall"])),
        ("handoffs", "%d (context %s)" % (data["handoffs"], _pct(data["handoff_context"]))),
        ("opt-outs", "%d" % data["opt_outs"]),
    ]
    out = ['<div class="tinyyes-metrics">',
           '<table style="border-collapse:collapse;margin-bottom:6px">']
    for name, value in head:
        out.append('<tr><th style="text-align:left;padding:1px 12px 1px 0;font-weight:600">%s</th>'
                   '<td style="text-align:left">%s</td></tr>' % (esc(name), esc(value)))
    out.append("</table>")

    out.append(_metrics_svg(rows, wordings))
    out.append("</div>")
    return "".join(out)


def _metrics_svg(rows, wordings):
    """The step funnel as one SVG document: asks, commits and drop-off per
    step, each step's wordings under it. Every label is escaped."""
    esc = html.escape
    out = []
    label_w, bar_w, note_w, row_h, sub_h, pad, legend_h = 170, 300, 330, 22, 18, 4, 20
    width = label_w + bar_w + note_w
    nsub = sum(len(_compared(wordings, r[0])) for r in rows)
    height = legend_h + max(1, len(rows)) * row_h + nsub * sub_h + 2 * pad
    top = max([r[1] for r in rows if r[1] is not None] or [0])
    counted = any(r[1] is not None for r in rows)
    out.append('<svg xmlns="http://www.w3.org/2000/svg" role="img" width="%d" height="%d" viewBox="0 0 %d %d" '
               'style="font:12px sans-serif">' % (width, height, width, height))
    out.append("<title>%s</title>" % esc("tinyyes step funnel: asks, commits and drop-off per step, "
                                        "and each step's wordings side by side"))
    legend = (("asked", _ASK_FILL), ("committed", _COMMIT_FILL)) if counted else (("completion", _COMMIT_FILL),)
    x = label_w
    for name, fill in legend:
        out.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>' % (
            x, pad + 2, fill, x + 14, pad + 11, esc(name)))
        x += 14 + 8 * len(name) + 12
    if not rows:
        out.append('<text x="%d" y="%d" fill="#666">%s</text>' % (label_w, legend_h + pad + 15,
                                                                  esc("no steps asked yet")))
    y = legend_h + pad
    for key, asks, commits, completion, drop in rows:
        shown = key if len(key) <= 26 else key[:25] + "\u2026"  # the full name is in the tooltip
        out.append('<g><title>%s</title>' % esc("%s: %s asks, %s commits, completion %s, drop-off %d" % (
            key, "?" if asks is None else asks, "?" if commits is None else commits, _pct(completion), drop)))
        out.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (label_w - 8, y + 15, esc(shown)))
        if asks is not None and top:
            aw = bar_w * asks / top
            cw = bar_w * commits / top
        else:  # counts unknown: the completion ratio alone
            aw = bar_w if completion is not None else 0
            cw = bar_w * (completion or 0)
        out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (label_w, y + 3, aw, row_h - 6,
                                                                              _ASK_FILL))
        out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (label_w, y + 3, cw, row_h - 6,
                                                                              _COMMIT_FILL))
        note = _pct(completion) if asks is None else "%d/%d · %s" % (commits, asks, _pct(completion))
        out.append('<text x="%d" y="%d">%s</text>' % (label_w + bar_w + 8, y + 15, esc(note)))
        if drop:
            out.append('<text x="%d" y="%d" fill="%s">%s</text>' % (
                label_w + bar_w + 130, y + 15, _DROP_FILL, esc("%d dropped" % drop)))
        out.append("</g>")
        y += row_h
        for w in _compared(wordings, key):
            out.append(_wording_svg(w, y, label_w, bar_w, sub_h))
            y += sub_h
    out.append("</svg>")
    return "".join(out)


def _wording_svg(w, y, label_w, bar_w, sub_h):
    """One wording under its step: its completion as a thin bar (the whole
    width is 100 %) with the 95 % interval as a whisker, and a note."""
    esc = html.escape
    name = "%s · %s" % (w["template"], w["variant"])
    shown = name if len(name) <= 28 else name[:27] + "\u2026"
    ttns = w["time_to_next_step"]
    tip = "%s: %d asks, %d replies (%s%s), %d commits (completion %s%s), median time to next step %s" % (
        name, w["asks"], w["replies"], _pct(w["reply_rate"]), _ci(w["reply_rate_ci"]), w["commits"],
        _pct(w["completion"]), _ci(w["completion_ci"]), _secs(ttns["median"]))
    mid = y + sub_h // 2
    out = ['<g><title>%s</title>' % esc(tip),
           '<text x="%d" y="%d" text-anchor="end" fill="#555" font-size="11">%s</text>' % (
               label_w - 8, y + 13, esc(shown)),
           '<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (
               label_w, y + 5, bar_w * min(1.0, w["completion"] or 0), sub_h - 10, _COMMIT_FILL)]
    ci = w["completion_ci"]
    if ci is not None:
        x0, x1 = label_w + bar_w * ci[0], label_w + bar_w * ci[1]
        out.append('<path d="M%.1f %dV%dM%.1f %dH%.1fM%.1f %dV%d" stroke="#333" fill="none"/>' % (
            x0, mid - 4, mid + 4, x0, mid, x1, x1, mid - 4, mid + 4))
    note = "%s%s done · %d asks · reply %s" % (_pct(w["completion"]), _ci(ci), w["asks"], _pct(w["reply_rate"]))
    out.append('<text x="%d" y="%d" fill="#555" font-size="11">%s</text></g>' % (
        label_w + bar_w + 8, y + 13, esc(note)))
    return "".join(out)


class Metrics:
    """A streaming metrics accumulator (docs/metrics.md): add the ``events`` of
    :meth:`Playbook.step` results as they come, from any number of
    conversations in any order, then read :meth:`result`.

    ``add`` takes any iterable of event dicts (a list, a generator over a
    log file, a database cursor) and hands it to the C core 10,000 events
    at a time, so a million events never sit in memory at once; the GIL is
    released while the core counts. A Metrics may be shared between
    threads (calls take turns); memory grows with distinct conversations
    and steps, not with events.
    """

    __slots__ = ("_m",)

    def __init__(self):
        self._m = _tinyyes.Metrics()

    def add(self, events):
        """Counts an iterable of metric events. A malformed event is an
        :class:`EventError` whose ``path`` names its index in ``events``
        (``"events[12].type"``); the events before its chunk of 10,000 stay
        counted, the rest of the call is not."""
        self._m.add(events)

    @property
    def count(self):
        """Events counted so far."""
        return self._m.count

    def result(self):
        """The metrics so far, as a :class:`MetricsResult` (adding more
        afterwards is fine)."""
        data, order = self._m._snapshot()
        # the core's counts, in the order the stream first named the steps
        counts = data["steps"]
        steps = {k: (counts[k]["asks"], counts[k]["commits"]) for k in order if k in counts}
        return MetricsResult(data, steps=steps)

    def __repr__(self):
        return "<tinyyes.Metrics: %d events>" % self._m.count


def metrics(events):
    """The metrics (docs/metrics.md) of an iterable of metric events from many
    conversations: a :class:`MetricsResult`. Streams through
    :class:`Metrics`, so ``events`` may be a generator of any length."""
    m = Metrics()
    m.add(events)
    return m.result()


# last: notebook.py builds on the chat CLI, which builds on everything above
from .notebook import Findings, Transcript, simulate  # noqa: E402
from .audit import AuditResult, audit  # noqa: E402
