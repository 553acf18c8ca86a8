"""Selects the reply-shaped cases of Microsoft Recognizers-Text's spec files
(../shared/conformance/recognizers-text) and maps their resolutions to
tinyyes slot values. The one selection all three suites run: `make` writes
it to out/conformance/recognizers.json, which the C, Python and Node
conformance tests read. docs/recognizers.md explains every rule below.

    python tests/conformance/recognizers_cases.py SHARED_DIR OUT.json|-

Each case: {"id", "locale", "type" (slot type), "input", "at" (Unix seconds
of the spec's reference time, UTC), "expect": [accepted values] or null
(must not recognise), "known": why tinyyes fails it today, or null}; the
runners require known cases to fail and all others to pass, so the list in
recognizers_known.json is exact. Cases left out are written too, with their
reason.
"""
import calendar
import datetime
import json
import re
import sys
from pathlib import Path

MAX_WORDS = 12                    # a reply to one question, not a paragraph
DEFAULT_AT = "2016-11-07T00:00:00"  # the spec's own usual reference day

FILES = (  # (locale, spec file, slot type or None for a model of several)
    ("en", "Choice/English/BooleanModel.json", "yesno"),
    ("es", "Choice/Spanish/BooleanModel.json", "yesno"),
    ("en", "Number/English/NumberModel.json", "number"),
    ("es", "Number/Spanish/NumberModel.json", "number"),
    ("en", "NumberWithUnit/English/CurrencyModel.json", "money"),
    ("es", "NumberWithUnit/Spanish/CurrencyModel.json", "money"),
    ("en", "DateTime/English/DateParser.json", "date"),
    ("es", "DateTime/Spanish/DateParser.json", "date"),
    ("en", "DateTime/English/TimeParser.json", "time"),
    ("es", "DateTime/Spanish/TimeParser.json", "time"),
    ("en", "DateTime/English/DateTimeModel.json", None),
    ("es", "DateTime/Spanish/DateTimeModel.json", None),
    ("en", "Sequence/English/EmailModel.json", "email"),
    ("en", "Sequence/English/PhoneNumberModel.json", "phone"),
    ("es", "Sequence/Spanish/PhoneNumberModel.json", "phone"),
)

# Currency units without an ISO code in the spec: the code a reader of that
# word means today. Units with no current ISO 4217 code are out of scope.
UNIT_ISO = {
    "Dollar": "USD", "Dólar": "USD", "Dólar estadounidense": "USD",
    "Pound": "GBP", "Libra": "GBP", "Euro": "EUR", "Yen": "JPY",
    "Dólar canadiense": "CAD", "Dólar australiano": "AUD", "Dólar de Hong Kong": "HKD",
    "Dólar neozelandés": "NZD", "Yuan chino": "CNY", "Franco suizo": "CHF",
}
# Sub-units: the main currency and the divisor.
SUBUNIT = {"Cent": ("USD", 100), "Pence": ("GBP", 100), "Penny": ("GBP", 100),
           "Penique": ("GBP", 100)}
DATETIME_TYPES = {"datetimeV2.date": "date", "datetimeV2.time": "time"}


def _load(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def _unix(iso):
    return calendar.timegm(datetime.datetime.fromisoformat(iso).timetuple())


def _number(s):
    v = float(s.replace(",", "."))  # the Spanish spec writes a decimal comma
    return int(v) if v.is_integer() and abs(v) < 2 ** 53 else v


def _words(text):
    return len(text.split())


def _yesno(r):
    return ["yes" if r["Resolution"]["value"] else "no"]


def _number_value(r):
    return [_number(r["Resolution"]["value"])]


def _money(r):
    res = r["Resolution"]
    unit, iso, value = res.get("unit"), res.get("isoCurrency"), res.get("value")
    if value is None:
        return "no amount (a currency name alone)"
    if unit in SUBUNIT:
        code, div = SUBUNIT[unit]
        return [{"amount": _number(repr(float(value) / div)), "currency": code}]
    code = iso or UNIT_ISO.get(unit)
    if not code:
        return "unit %r has no current ISO 4217 code (historic, crypto or ambiguous)" % unit
    return [{"amount": _number(value), "currency": code}]


def _digits_phone(text):
    return ("+" if text.lstrip("( ").startswith("+") else "") + re.sub(r"\D", "", text)


def _phone(r):
    text = r["Resolution"]["value"]
    if re.search(r"[a-zA-Z]", text):
        return "an extension or letters: a phone value has digits only"
    return [_digits_phone(text)]


def _email(r):
    return [r["Resolution"]["value"].lower()]


# Words that fix the half of the day; without one, a TimeParser reading of
# 1-12 o'clock is open (the DateTimeModel lists both readings itself).
HALF_DAY = re.compile(r"\b(a\.?\s?m\b|p\.?\s?m\b|morning|afternoon|evening|night|tonight|"
                      r"noon|midday|midnight|lunch|mañana|manana|tarde|noche|madrugada|"
                      r"mediod[ií]a|medianoche)|\d[ap]\b", re.I)


def _parser_value(r, kind, text):
    """DateParser / TimeParser: the future reading (answers are read forward);
    a time whose half of the day the words leave open accepts either half."""
    v = r.get("Value") or {}
    fut = (v.get("FutureResolution") or {}).get(kind)
    if not fut:
        return "no single %s (a range or a partial value)" % kind
    if kind == "date":
        return [fut]
    h = int(fut[:2])
    if 1 <= h <= 23 and h != 12 and not HALF_DAY.search(text):
        other = "%02d%s" % ((h + 12) % 24, fut[2:])
        return _hhmm([fut, other])
    return _hhmm([fut])


def _hhmm(times):
    out = []
    for t in times:
        if not re.fullmatch(r"\d\d:\d\d(:\d\d)?", t):
            return "resolution %r is not a time of day" % t
        if len(t) == 8 and not t.endswith(":00"):
            return "seconds: a time value is HH:MM"
        out.append(t[:5])
    return sorted(set(out))


def _model_value(r, kind, today=None):
    """DateTimeModel: every value listed; a date reads forward (the latest,
    or today when the spec lists today: today is not past), a time of
    unknown half-day accepts either reading."""
    vals = [v.get("value") for v in r["Resolution"].get("values", [])]
    if not vals or any(v is None for v in vals):
        return "no single %s value" % kind
    if "not resolved" in vals:
        return None  # an impossible date: must not be read
    if kind == "date":
        return sorted({max(vals)} | ({today} & set(vals)))
    return _hhmm(vals)


def _case(loc, stem, i, c, kind, expect):
    ctx = (c.get("Context") or {}).get("ReferenceDateTime") or DEFAULT_AT
    return {"id": "%s/%s#%d" % (loc, stem, i), "locale": loc, "type": kind,
            "input": c["Input"], "at": _unix(ctx), "expect": expect}


def _one(loc, stem, i, c, kind):
    """([cases], None) or (None, reason)."""
    res = c.get("Results") or []
    if _words(c["Input"]) > MAX_WORDS:
        return None, "longer than %d words: not a reply to one question" % MAX_WORDS
    if kind is None:  # DateTimeModel: the result's type picks the slot
        if not res:  # no date and no time here: a negative for both slots
            pair = [_case(loc, stem, i, c, "date", None), _case(loc, stem, i, c, "time", None)]
            for p in pair:
                p["id"] += ":" + p["type"]  # one spec case, two runs
            return pair, None
        if len(res) > 1:
            return None, "several results: not one answer"
        kind = DATETIME_TYPES.get(res[0].get("TypeName"))
        if kind is None:
            return None, "%s: no slot type holds it" % res[0].get("TypeName")
        ref = (c.get("Context") or {}).get("ReferenceDateTime") or DEFAULT_AT
        got = _model_value(res[0], kind, ref[:10])
    elif not res:
        got = None
    elif len(res) > 1:
        return None, "several results: not one answer"
    elif kind in ("date", "time") and "Value" in res[0]:
        got = _parser_value(res[0], kind, res[0].get("Text") or c["Input"])
    else:
        got = {"yesno": _yesno, "number": _number_value, "money": _money,
               "phone": _phone, "email": _email}[kind](res[0])
    if isinstance(got, str):
        return None, got
    return [_case(loc, stem, i, c, kind, got)], None


TYPES = ("yesno", "number", "money", "date", "time", "email", "phone")
KNOWN = Path(__file__).resolve().parent / "recognizers_known.json"


def playbook_json(locale):
    """The playbook every runner loads: one slot per type, named by its type."""
    return json.dumps({"tinyyes": 1, "locale": locale,
                       "slots": {t: {"type": t} for t in TYPES},
                       "templates": {"hi": "Hi"},
                       "flows": {"f": {"steps": [{"id": "s", "say": "hi"}]}}})


def known_failures():
    """{case id: reason} of the selected cases tinyyes does not read today."""
    data = json.loads(KNOWN.read_text(encoding="utf-8"))
    return {cid: g["reason"] for g in data["groups"] for cid in g["cases"]}


def build(shared):
    """The document the runners read: playbooks, cases (each with "known":
    the reason it is expected to fail, or null) and the cases left out."""
    cases, excluded = select(shared)
    known = known_failures()
    ids = {c["id"] for c in cases}
    if len(ids) != len(cases):
        raise SystemExit("case ids are not unique")
    stale = sorted(set(known) - ids)
    if stale:
        raise SystemExit("recognizers_known.json names cases not selected: %s" % ", ".join(stale[:5]))
    for c in cases:
        c["known"] = known.get(c["id"])
    return {"playbooks": {loc: playbook_json(loc) for loc in ("en", "es")},
            "cases": cases, "excluded": excluded}


def select(shared):
    """(cases, excluded) from the spec files under shared."""
    base = Path(shared) / "conformance" / "recognizers-text" / "Specs"
    cases, excluded = [], []
    for loc, rel, kind in FILES:
        stem = Path(rel).stem
        if stem.endswith("Model") or stem.endswith("Parser"):
            stem = rel.split("/")[0] + "." + stem
        for i, c in enumerate(_load(base / rel)):
            case, why = _one(loc, stem, i, c, kind)
            if case:
                cases.extend(case)
            else:
                excluded.append({"id": "%s/%s#%d" % (loc, stem, i), "reason": why})
    return cases, excluded


def main(argv):
    """Writes the runners' document to OUT ("-": stdout); without the spec
    files, a document that says why the runs skip."""
    shared, out = argv[1], argv[2]
    if not (Path(shared) / "conformance" / "recognizers-text" / "Specs").is_dir():
        doc = {"skip": "%s/conformance/recognizers-text not found (conformance run skipped)" % shared}
    else:
        doc = build(shared)
    text = json.dumps(doc, ensure_ascii=False, indent=0) + "\n"
    if out == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
