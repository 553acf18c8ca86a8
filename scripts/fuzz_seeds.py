#!/usr/bin/env python3
"""fuzz_seeds.py — writes a seed corpus for every libFuzzer target in
tests/fuzz/ from the shared vectors in tests/vectors/ (standard library only).

    python3 scripts/fuzz_seeds.py OUTDIR

writes OUTDIR/<target>/gen-<source>-<n>, one file per seed, in the input
format the target's header comment describes:

  fuzz_template   template source, a 0 byte, the JSON data   (templates.json)
  fuzz_recognize  the reply as plain text (read at 1795000000), or the clock
                  header 0xFF | at int64 LE | utc_offset int32 LE | flags |
                  text for other times, plus texts at extreme times
                                             (recognize/*.json, match/*.json)
  fuzz_playbook   a playbook's JSON text     (playbook_errors.json, the
                  playbooks of the vectors, examples/playbooks/, the default)
  fuzz_step       state JSON, a 0 byte, event JSON (or the event alone)
                                                      (conversations/*.json)
  fuzz_payload    channel byte, options byte, budget byte, send action JSON
                                                           (payloads.json)
  fuzz_lint       channel byte, budget byte, the text           (lint.json)
  fuzz_inbound    channel byte, has-time byte, the request body (inbound.json)
  fuzz_audit      format byte, options byte, an export's text     (audit.json)

`make fuzz` and `make test-fuzz` run it and copy OUTDIR/<target>/ into each
target's scratch corpus beside the committed seeds in tests/fuzz/<target>/.
The output is the same bytes on every run; OUTDIR/<target>/ is emptied first.
"""

import json
import pathlib
import shutil
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
VECTORS = ROOT / "tests" / "vectors"

FIXED_AT = 1795000000  # the time fuzz_recognize reads plain text at

# The channels' order in fuzz_payload.c (fzp_channels) and fuzz_lint.c
# (fzl_channels; None is the default channel, index 6).
PAYLOAD_CHANNELS = ["whatsapp", "messenger", "instagram", "telegram", "webchat", "sms", "fax"]
LINT_CHANNELS = ["whatsapp", "messenger", "instagram", "telegram", "webchat", "sms", None, "carrier-pigeon"]
INBOUND_CHANNELS = ["whatsapp", "messenger", "instagram", "telegram", "webchat", "sms", "pager"]
PARSE_MODES = {"html": 0, "markdownv2": 1, "none": 2}

# Times at the edges of what the date reader accepts (years 1 to 9999 UTC),
# past them, and the extremes of int64; offsets at and past a day.
EDGE_ATS = [-62135596800, -62135596801, 253402300799, 253402300800, 253402214400,
            0, -1, -(2**63), 2**63 - 1, 4107542400]
EDGE_OFFSETS = [None, 0, 86399, -86399, 86400, -86400, 50400, -(2**31), 2**31 - 1]
EDGE_TEXTS = ["today", "tomorrow", "next friday", "in 3 weeks", "next month on the 31st", "9999-12-31",
              "pasado mañana a las 5"]


def compact(value):
    """JSON as the engine writes it: compact, UTF-8."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def offset_seconds(text):
    """'+HH:MM' / '-HHMM' / 'Z' as seconds east of UTC."""
    if text in ("Z", "z"):
        return 0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return sign * (int(digits[:2]) * 3600 + int(digits[2:4]) * 60)


def clocked(text, at, offset):
    """fuzz_recognize's clock header before text (at/offset None: not given)."""
    flags = (at is not None) | (offset is not None) << 1
    head = b"\xff" + struct.pack("<qi", at or 0, offset or 0) + bytes([flags])
    return head + text.encode("utf-8")


def seeds_template():
    for t in load(VECTORS / "templates.json")["tests"]:
        yield "templates", t["template"].encode("utf-8") + b"\0" + compact(t["data"]).encode("utf-8")


def seeds_recognize():
    seen = set()
    for folder in ("recognize", "match"):
        for path in sorted((VECTORS / folder).glob("*.json")):
            for t in load(path)["tests"]:
                at, off = t.get("at"), t.get("utc_offset")
                off = offset_seconds(off) if isinstance(off, str) else off
                if off is None and at in (None, FIXED_AT):
                    seed = t["text"].encode("utf-8")
                else:
                    seed = clocked(t["text"], at, off)
                if seed not in seen:
                    seen.add(seed)
                    yield folder + "-" + path.stem, seed
    for text in EDGE_TEXTS:
        for at in EDGE_ATS:
            for off in EDGE_OFFSETS[:4] if at not in (EDGE_ATS[0], EDGE_ATS[2]) else EDGE_OFFSETS:
                yield "edge", clocked(text, at, off)
    yield "edge", clocked("tomorrow", None, 3600)


def seeds_playbook():
    for t in load(VECTORS / "playbook_errors.json")["tests"]:
        yield "errors", (t["source"] if "source" in t else compact(t["playbook"])).encode("utf-8")
    pattern = ("recognize/*.json", "match/*.json", "conversations/*.json")
    for glob in pattern:
        for path in sorted(VECTORS.glob(glob)):
            pb = load(path)["playbook"]
            if isinstance(pb, dict):
                yield "vectors-" + path.parent.name, compact(pb).encode("utf-8")
    for t in load(VECTORS / "lint_playbooks.json")["tests"]:
        yield "lint", compact(t["playbook"]).encode("utf-8")
    for path in sorted((ROOT / "examples" / "playbooks").glob("*.json")):
        yield "examples", path.read_bytes()
    yield "default", (ROOT / "csrc" / "data" / "default_playbook.json").read_bytes()


def seeds_step():
    for path in sorted((VECTORS / "conversations").glob("*.json")):
        conv = load(path)
        state = None
        for step in conv["steps"]:
            event = compact(step["event"]).encode("utf-8")
            # only the default playbook's states belong to the playbook
            # fuzz_step steps against; other conversations give their events
            if conv["playbook"] == "default" and state is not None:
                yield path.stem, compact(state).encode("utf-8") + b"\0" + event
            else:
                yield path.stem, event
            state = step["expected"].get("state")


def seeds_payload():
    for t in load(VECTORS / "payloads.json")["tests"]:
        o = t.get("options", {})
        ob = PARSE_MODES.get(o.get("parse_mode", "html"), 3)
        ob |= 4 if o.get("human_agent") else 0
        if "at" in o and "last_customer_at" in o:
            # fuzz_payload's at is last_customer_at + k * 12h - 1h, k in 0..7
            k = round((o["at"] - o["last_customer_at"] + 3600) / 43200)
            ob |= 8 | max(0, min(7, k)) << 4
        ob |= 0x80 if "to" in o or "locale" in o else 0
        channel = PAYLOAD_CHANNELS.index(t["channel"]) if t["channel"] in PAYLOAD_CHANNELS else 6
        yield "payloads", bytes([channel, ob, 200]) + compact(t["action"]).encode("utf-8")


def seeds_lint():
    for t in load(VECTORS / "lint.json")["tests"]:
        ch = t.get("channel")
        channel = LINT_CHANNELS.index(ch) if ch in LINT_CHANNELS else 7
        yield "lint", bytes([channel, 40]) + t["text"].encode("utf-8")


def seeds_inbound():
    for t in load(VECTORS / "inbound.json")["cases"]:
        ch = t["channel"]
        channel = INBOUND_CHANNELS.index(ch) if ch in INBOUND_CHANNELS else 6
        yield "inbound", bytes([channel, 1 if "at" in t else 0]) + t["body"].encode("utf-8")


AUDIT_FORMATS = ["whatsapp", "csv", "jsonl", None]


def seeds_audit():
    for t in load(VECTORS / "audit.json")["cases"]:
        for i in t["inputs"]:
            fmt = AUDIT_FORMATS.index(i["format"]) if i["format"] in AUDIT_FORMATS else 3
            yield "audit", bytes([fmt, 1 if t["options"].get("hours") else 0]) + i["text"].encode("utf-8")


TARGETS = {
    "fuzz_template": seeds_template,
    "fuzz_recognize": seeds_recognize,
    "fuzz_playbook": seeds_playbook,
    "fuzz_step": seeds_step,
    "fuzz_payload": seeds_payload,
    "fuzz_lint": seeds_lint,
    "fuzz_inbound": seeds_inbound,
    "fuzz_audit": seeds_audit,
}


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: fuzz_seeds.py OUTDIR\n")
        return 2
    out = pathlib.Path(argv[1])
    missing = sorted(p.stem for p in (ROOT / "tests" / "fuzz").glob("fuzz_*.c") if p.stem not in TARGETS)
    if missing:
        sys.stderr.write("fuzz_seeds.py: no seeds for " + ", ".join(missing) + "\n")
        return 1
    for target, make in TARGETS.items():
        folder = out / target
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        count = {}
        for source, seed in make():
            n = count[source] = count.get(source, 0) + 1
            (folder / f"gen-{source}-{n:03d}").write_bytes(seed)
        print(f"{target}: {sum(count.values())} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
