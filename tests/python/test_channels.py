"""Channel payloads through the Python binding (README.md): the shared vectors
(tests/vectors/payloads.json), argument handling, and end to end for every
channel: a choice ask rendered by a real Playbook.step, built into the
platform's payload, answered with what the platform sends back (button or
list-row id, quick-reply payload, callback data) or what a customer types
("A", "1", the title), and the flow takes the answer."""

import datetime
import json
import threading

import pytest

import tinyyes
from tinyyes import Error, Playbook

AT = 1795000000
HOUR = 3600

# The vector options and the keyword each maps to: the same names, as
# tests/c/test_payload.c reads them into ty_payload_opts.
OPTION_KEYWORDS = {"at", "last_customer_at", "parse_mode", "human_agent", "to", "locale", "whatsapp_link"}


def _dump(obj):
    # Key order matters: the payload is the request body, compared byte for byte.
    return json.dumps(obj, ensure_ascii=False)


def _options(case):
    opts = dict(case.get("options") or {})
    unknown = set(opts) - OPTION_KEYWORDS
    assert not unknown, "vector %s: options %s have no keyword in tinyyes.payload" % (case["name"], unknown)
    # The C test leaves `at` unknown when a vector omits it; Python's None
    # means now. The two agree as long as no vector gives the customer's
    # last message without `at`: keep it that way.
    assert "at" in opts or "last_customer_at" not in opts, case["name"]
    return opts


def test_payload_vector(payload_vector):
    case = payload_vector
    kwargs = _options(case)
    if "error" in case:
        want = case["error"]
        with pytest.raises(Error) as info:
            tinyyes.payload(case["action"], case["channel"], **kwargs)
        err = info.value
        assert isinstance(err, ValueError)
        assert (err.code, err.reason, err.path, str(err)) == (want["code"], want["reason"], want["path"],
                                                              want["message"])
        if want["code"] == "TY_ERROR":
            assert type(err) is Error
        return
    got = tinyyes.payload(case["action"], case["channel"], **kwargs)
    assert _dump(got) == _dump(case["expected"])


def test_vectors_cover_every_channel(vectors_dir):
    cases = json.loads((vectors_dir / "payloads.json").read_text(encoding="utf-8"))["tests"]
    assert len(cases) >= 40
    assert {c["channel"] for c in cases if "expected" in c} == set(tinyyes.CHANNELS)


# ---- arguments ------------------------------------------------------------------------

SEND = {"type": "send", "text": "Which does your bike need?",
        "choices": [{"id": "tuneup", "title": "Tune-up"}, {"id": "full", "title": "Full service"}]}


def test_unknown_channel_is_a_value_error():
    with pytest.raises(ValueError) as info:
        tinyyes.payload(SEND, "fax")
    err = info.value
    assert type(err) is Error and err.code == "TY_ERROR" and err.reason == "arg" and err.path == "channel"
    assert "allowed: whatsapp, messenger, instagram, telegram, webchat, sms" in str(err)
    with pytest.raises(Error):
        tinyyes.payload(SEND, "WhatsApp")  # names are exact


def test_argument_types():
    with pytest.raises(TypeError, match="action must be a dict"):
        tinyyes.payload([SEND], "sms")
    with pytest.raises(TypeError, match="channel must be str"):
        tinyyes.payload(SEND, b"sms")
    with pytest.raises(TypeError, match="at"):
        tinyyes.payload(SEND, "sms", at="now")
    with pytest.raises(TypeError, match="last_customer_at"):
        tinyyes.payload(SEND, "sms", last_customer_at=True)
    with pytest.raises(TypeError, match="locale must be str or None"):
        tinyyes.payload(SEND, "sms", locale=1)
    with pytest.raises(TypeError):
        tinyyes.payload(SEND, "sms", "webchat")  # options are keyword-only
    with pytest.raises(ValueError, match="naive datetime"):
        tinyyes.payload(SEND, "whatsapp", at=datetime.datetime(2026, 11, 18))


def test_parse_modes():
    action = {"type": "send", "text": "Fish & chips_today?"}
    assert tinyyes.payload(action, "telegram")["payload"]["parse_mode"] == "HTML"
    assert tinyyes.payload(action, "telegram", parse_mode="html")["payload"]["text"] == "Fish &amp; chips_today?"
    md = tinyyes.payload(action, "telegram", parse_mode="MarkdownV2")["payload"]
    assert md["parse_mode"] == "MarkdownV2" and md["text"] == "Fish & chips\\_today?"
    plain = tinyyes.payload(action, "telegram", parse_mode="none")["payload"]
    assert "parse_mode" not in plain and plain["text"] == "Fish & chips_today?"
    with pytest.raises(Error) as info:
        tinyyes.payload(action, "telegram", parse_mode="markdown")
    err = info.value
    assert err.reason == "arg" and err.path == "options.parse_mode"
    assert str(err) == "options.parse_mode: must be \"html\", \"markdownv2\" or \"none\", not 'markdown'"


def test_recipient_and_times():
    got = tinyyes.payload(SEND, "telegram", to=123456789)
    assert got["payload"]["chat_id"] == "123456789"  # an int id is written in decimal
    assert tinyyes.payload(SEND, "sms", to="+447700900123")["payload"]["to"] == "+447700900123"
    with pytest.raises(Error) as info:
        tinyyes.payload(SEND, "sms", to="")
    assert info.value.path == "options.to"
    last = datetime.datetime.fromtimestamp(AT, datetime.timezone.utc)
    assert tinyyes.payload(SEND, "whatsapp", at=AT + 23 * HOUR, last_customer_at=last)["window"] == "open"
    closed = tinyyes.payload(SEND, "whatsapp", at=last + datetime.timedelta(hours=25), last_customer_at=AT)
    assert closed["window"] == "closed" and closed["requires"] == "template"
    # at None is now: a customer who wrote a minute ago is inside the window
    now = datetime.datetime.now(datetime.timezone.utc)
    assert tinyyes.payload(SEND, "messenger", last_customer_at=now - datetime.timedelta(minutes=1))["window"] == "open"
    assert tinyyes.payload(SEND, "messenger")["window"] == "unknown"
    # a person may answer on Messenger for 7 days with the HUMAN_AGENT tag
    late = tinyyes.payload(SEND, "messenger", at=AT + 3 * 24 * HOUR, last_customer_at=AT, human_agent=True)
    assert late["window"] == "open"
    assert late["payload"]["messaging_type"] == "MESSAGE_TAG" and late["payload"]["tag"] == "HUMAN_AGENT"


def test_bad_text_is_a_clear_error():
    for text, reason in (("ok \ud800", "utf8"), ("a\x00b", "nul"), ("", "schema"), ("x" * (64 * 1024 + 1), "limit")):
        with pytest.raises(Error) as info:
            tinyyes.payload({"type": "send", "text": text}, "webchat")
        assert info.value.reason == reason, (text[:10], info.value)
    with pytest.raises(Error) as info:
        tinyyes.payload({"type": "send", "text": "Pick?", "choices": [{"id": "a", "title": "\ud83d"}]}, "webchat")
    assert info.value.reason == "utf8" and info.value.path.startswith("action.choices[0].title")
    with pytest.raises(Error, match="not JSON"):
        tinyyes.payload({"type": "send", "text": "Hi?", "x": float("nan")}, "sms")


def test_fifty_choices_and_kilobyte_titles():
    many = {"type": "send", "text": "Which one?",
            "choices": [{"id": "o%d" % i, "title": "Option %d" % i} for i in range(50)]}
    wa = tinyyes.payload(many, "whatsapp")["payload"]
    assert wa["type"] == "text" and "50) Option 49" in wa["text"]["body"]
    sms = tinyyes.payload(many, "sms")["payload"]["body"]
    assert "Z) Option 25, 27) Option 26" in sms and sms.endswith("49) Option 48 or 50) Option 49")
    assert tinyyes.payload(many, "messenger")["payload"]["message"]["text"].endswith("\n50) Option 49")
    keyboard = tinyyes.payload(many, "telegram")["payload"]["reply_markup"]["inline_keyboard"]
    assert len(keyboard) == 50 and keyboard[49][0]["callback_data"] == "o49"
    big = {"type": "send", "text": "Which?", "choices": [{"id": "a", "title": "é" * 1024},
                                                        {"id": "b", "title": "ü" * 1024}]}
    for channel in tinyyes.CHANNELS:
        got = tinyyes.payload(big, channel)
        body = _dump(got["payload"])
        assert "\ufffd" not in body
    buttons = tinyyes.payload(big, "whatsapp")["payload"]["interactive"]["action"]["buttons"]
    assert [b["reply"]["title"] for b in buttons] == ["é" * 19 + "\u2026", "ü" * 19 + "\u2026"]
    assert [b["reply"]["id"] for b in buttons] == ["a", "b"]  # the option ids


def test_mapping_subclass_action():
    class Action(dict):
        pass

    assert tinyyes.payload(Action(SEND), "sms") == tinyyes.payload(SEND, "sms")


def test_threads_agree():
    want = {ch: tinyyes.payload(SEND, ch, at=AT, last_customer_at=AT) for ch in tinyyes.CHANNELS}
    bad = []

    def work():
        for _ in range(300):
            for ch in tinyyes.CHANNELS:
                if tinyyes.payload(SEND, ch, at=AT, last_customer_at=AT) != want[ch]:
                    bad.append(ch)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not bad


def test_no_leaks(no_leaks):
    def exercise():
        for ch in tinyyes.CHANNELS:
            tinyyes.payload(SEND, ch, at=AT, last_customer_at=AT - HOUR, to="1")
        for bad in ("fax", None):
            try:
                tinyyes.payload(SEND if bad else {"type": "say"}, bad or "sms")
            except Error:
                pass

    no_leaks(exercise)


# ---- end to end: payload out, the platform's reply back in ------------------------------

LONG_TITLE = ("Premium full service with " + "every extra part checked " * 12).strip()  # > 256 characters
CYRILLIC = "Полное обслуживание велосипеда с заменой"  # 80 bytes: over Telegram's 64-byte callback_data
DAYS = ["Monday", "Tuesday afternoon after lunch", "Wednesday", "Thursday", "Friday"]

WIDE = {
    "tinyyes": 1, "name": "Wide", "locale": "en",
    "intents": {"book": {"examples": ["book", "I want to book", "can I book a service"], "flow": "book"}},
    "slots": {
        "plan": {"type": "choice", "options": [{"id": "premium", "title": LONG_TITLE},
                                               {"id": "ru", "title": CYRILLIC}]},
        "day": {"type": "choice", "options": [{"id": d.split()[0].lower(), "title": d} for d in DAYS]},
        "name": {"type": "text"},
    },
    "templates": {"ask_plan": "Which plan would you like?", "ask_day": "Which day works for you?",
                  "ask_name": "What name should I book it under?",
                  "done": "Booked! We'll text you the day before."},
    "flows": {"book": {"steps": [
        {"id": "plan", "say": "ask_plan", "ask": "plan"},
        {"id": "day", "say": "ask_day", "ask": "day"},
        {"id": "who", "say": "ask_name", "ask": "name"},
        {"id": "end", "say": "done", "end": "completed"}]}},
}


def _platform_reply(channel, built, index):
    """What the platform hands the host when the customer taps choice `index`
    of the message it was sent: None when it shows no tappable choice."""
    body = built["payload"]
    if channel == "whatsapp":
        inter = body.get("interactive")
        if inter is None:
            return None
        if inter["type"] == "button":  # webhook: messages[].interactive.button_reply.id
            return inter["action"]["buttons"][index]["reply"]["id"]
        rows = [row for section in inter["action"]["sections"] for row in section["rows"]]
        return rows[index]["id"]  # messages[].interactive.list_reply.id
    if channel in ("messenger", "instagram"):  # messaging[].message.quick_reply.payload
        quick = body["message"].get("quick_replies")
        return None if quick is None else quick[index]["payload"]
    if channel == "telegram":  # callback_query.data
        markup = body.get("reply_markup")
        if markup is None:
            return None
        return [b for row in markup["inline_keyboard"] for b in row][index]["callback_data"]
    if channel == "webchat":  # the widget posts the button's id
        return body["buttons"][index]["id"]
    return None  # sms: the customer types


def _replies(channel, built, choices, index):
    """Every reply that must pick choice `index`: the platform's own, the
    letter and number the SMS text shows, and the full title."""
    replies = {"A B C D E F G H".split()[index], str(index + 1), choices[index]["title"]}
    tapped = _platform_reply(channel, built, index)
    if channel != "sms":
        assert tapped is not None, "%s shows no tappable choice" % channel
    if tapped is not None:
        replies.add(tapped)
    return sorted(replies)


class Conversation:
    def __init__(self, pb, channel, name):
        self.pb, self.channel, self.id = pb, channel, name
        self.state, self.at = None, AT

    def say(self, text):
        self.at += 20
        result = self.pb.step(self.state, {"type": "message", "text": text, "at": self.at,
                                           "conversation": self.id, "channel": self.channel})
        self.state = result["state"]
        return result


def _ask(result):
    sends = [a for a in result["actions"] if a["type"] == "send"]
    assert sends, result["actions"]
    return sends[-1]


def _check_answer(result, asked_step, next_step):
    commits = [e for e in result["events"] if e["type"] == "commit"]
    assert commits and commits[0]["step"] == asked_step, result["events"]
    assert _ask(result)["step"] == next_step, result["actions"]


@pytest.mark.parametrize("channel", tinyyes.CHANNELS)
@pytest.mark.parametrize("index,next_step", [(0, "kind"), (1, "which")])
def test_end_to_end_default_playbook(channel, index, next_step):
    """The welcome menu (Book a service / See prices), sent on each channel
    and answered every way the channel allows."""
    pb = Playbook.default()
    first = Conversation(pb, channel, "e2e").say("hi")
    send = _ask(first)
    assert send["step"] == "menu" and len(send["choices"]) == 2
    built = tinyyes.payload(send, channel, at=AT + 20, last_customer_at=AT + 20, to="c-1")
    assert built["channel"] == channel
    assert built["window"] in ("open", "n/a")
    for reply in _replies(channel, built, send["choices"], index):
        convo = Conversation(pb, channel, "e2e")
        convo.say("hi")
        _check_answer(convo.say(reply), "menu", next_step)


@pytest.mark.parametrize("channel", tinyyes.CHANNELS)
def test_end_to_end_cut_titles_and_lists(channel):
    """Titles over every platform's limit (one too long even for a reply id,
    one too many bytes for Telegram's callback data) and five options (a
    WhatsApp list): whatever the payload shows, its reply is understood."""
    pb = Playbook(WIDE)
    for index in (0, 1):
        probe = Conversation(pb, channel, "wide")
        send = _ask(probe.say("I want to book"))
        assert send["step"] == "plan"
        built = tinyyes.payload(send, channel, at=AT)
        for reply in _replies(channel, built, send["choices"], index):
            convo = Conversation(pb, channel, "wide")
            convo.say("I want to book")
            _check_answer(convo.say(reply), "plan", "day")
            assert convo.state["slots"]["plan"]["id"] == send["choices"][index]["id"]
    for index in range(len(DAYS)):
        convo = Conversation(pb, channel, "wide")
        convo.say("I want to book")
        send = _ask(convo.say("A"))
        assert send["step"] == "day" and len(send["choices"]) == 5
        built = tinyyes.payload(send, channel, at=AT)
        if channel == "whatsapp":
            assert built["payload"]["interactive"]["type"] == "list"
        for reply in _replies(channel, built, send["choices"], index):
            again = Conversation(pb, channel, "wide")
            again.say("I want to book")
            again.say("A")
            _check_answer(again.say(reply), "day", "who")
            assert again.state["slots"]["day"]["id"] == send["choices"][index]["id"], reply


def test_end_to_end_window_from_the_conversation():
    """The host keeps the customer's last message time: a follow-up sent a
    day later is outside WhatsApp's window and needs a template."""
    pb = Playbook.default()
    convo = Conversation(pb, "whatsapp", "window")
    send = _ask(convo.say("hi"))
    assert tinyyes.payload(send, "whatsapp", at=convo.at + HOUR, last_customer_at=convo.at)["window"] == "open"
    late = tinyyes.payload(send, "whatsapp", at=convo.at + 25 * HOUR, last_customer_at=convo.at)
    assert late["window"] == "closed" and late["requires"] == "template"
