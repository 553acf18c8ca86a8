"""Mistakes the types must catch: `make test-typing` runs mypy --strict over
this file (tests/typing/check_rejects.py) and expects errors on each line
marked `# rejects: CODE[,CODE]` with exactly those mypy error codes, and
none elsewhere, so a type that went loose fails. Never run.

(Reading a key that may be absent with [] is no mypy error, by mypy's
design: State["sig"], MatchResult["answer"]; use .get() for those.)"""

from tinyyes import Action, MatchResult, MetricEvent, Playbook, State, Template, lint, metrics, payload

pb = Playbook.default()

pb.step(None, {"type": "mesage", "text": "hi", "at": 1})  # rejects: typeddict-item
pb.step(None, {"type": "message", "txt": "hi", "at": 1})  # rejects: arg-type
pb.step(None, {"text": "hi", "at": 1})  # rejects: arg-type
pb.step(None, {"type": "tick", "at": 1.5})  # rejects: typeddict-item
payload({"type": "send", "text": "hi"}, "whatsap")  # rejects: arg-type
lint("hi", channel="email")  # rejects: arg-type
payload({"type": "send", "text": "hi"}, "telegram", parse_mode="md")  # rejects: arg-type
Template("{{a}}", escape="xml")  # rejects: arg-type

m: MatchResult = pb.match("hi", at=1)
score: str = m["score"]  # rejects: assignment
m["entities"][0]["value"].upper()  # rejects: union-attr


def first_action(a: Action) -> str:
    return a["text"]  # rejects: typeddict-item


def send_text(a: Action) -> str:
    if a["type"] == "send":
        return a["text"]
    if a["type"] == "schedule":
        return a["outcome"]  # rejects: typeddict-item,no-any-return
    return ""


def latency(e: MetricEvent) -> int:
    return e["latency"]  # rejects: typeddict-item


def status(s: State) -> int:
    return s["status"]  # rejects: return-value


reminders: list[str] = pb.step(None, {"type": "tick", "at": 1})["state"]["reminders"]  # rejects: assignment
pb.recognize("x", "day")["value"]  # rejects: index
count: str = metrics([])["conversations"]  # rejects: assignment
