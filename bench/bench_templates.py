"""bench_templates.py — tinyyes Template.render against Jinja2 and str.format_map.

Renders the three messages of bench/messages.json (a two-option first reply,
a booking offer with a section over two time slots, a ~600-character HTML
summary with ten variables) with:

  tinyyes     Template(source, escape=...).render(data), compiled once
  Jinja2      a hand-written equivalent jinja2 Template, compiled once,
              autoescape on when the message is HTML-escaped
  format_map  a hand-written equivalent format string; the section is joined
              by hand beforehand (the best case for format_map), HTML escaping
              is done per render by a hand-written escape function

Each peer's output is asserted equal to tinyyes' once before timing (Jinja2
spells the quote entity &#34; where tinyyes writes &quot;; that one spelling is
normalised for the comparison). Timing is timeit-style: batches sized to about
0.1 s, repeated, median per render reported in microseconds.

    python bench/bench_templates.py [--repeat 9] [--batch-seconds 0.1]
"""

import argparse
import json
import os
import statistics
import sys
import timeit

import tinyyes

HERE = os.path.dirname(os.path.abspath(__file__))

# Hand-written Jinja2 equivalents of bench/messages.json.
JINJA = {
    "first_reply": "Hi {{ name }}! Thanks for reaching out to {{ business }}. "
                   "Is this for a {{ option_a }} or a {{ option_b }}?",
    "offer": "Great, {{ name }}! For your {{ service }} I can do {{ day }} at "
             "{% for s in slots %}{{ s.time }}{% if not s.last %} or {% endif %}{% endfor %}. "
             "Which works better for you?",
    "summary": None,  # derived below from the Mustache source: it has only plain {{name}} tags
}

# Hand-written str.format_map equivalents; "slots_text" is the section joined by hand.
FORMAT = {
    "first_reply": "Hi {name}! Thanks for reaching out to {business}. Is this for a {option_a} or a {option_b}?",
    "offer": "Great, {name}! For your {service} I can do {day} at {slots_text}. Which works better for you?",
    "summary": None,  # derived below
}


def _plain_tags(source, left, right):
    """Rewrites a Mustache template made only of {{name}} tags for another engine."""
    import re

    if re.search(r"\{\{[#^/>!&{=]", source):
        raise SystemExit("bench: message has sections; write its peer equivalent by hand")
    escaped = source.replace("{", "{{").replace("}", "}}") if left == "{" else source
    pattern = r"\{\{\{\{(\w+)\}\}\}\}" if left == "{" else r"\{\{(\w+)\}\}"
    return re.sub(pattern, lambda m: left + m.group(1) + right, escaped)


def html_escape(value):
    """The hand-written escape a format_map user would write: chained str.replace
    (what html.escape does, and the fastest pure-Python way), with the entities
    tinyyes uses."""
    return (str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def format_peer(name, msg):
    """Returns (callable, argument) rendering msg with str.format_map."""
    fmt = FORMAT[name] or _plain_tags(msg["template"], "{", "}")
    data = dict(msg["data"])
    if "slots" in data:  # the section, joined by hand outside the timed call
        data["slots_text"] = " or ".join(s["time"] for s in data.pop("slots"))
    if msg.get("escape", "none") == "html":
        def render(d, fmt=fmt, esc=html_escape):
            return fmt.format_map({k: esc(v) for k, v in d.items()})
        return render, data
    if msg.get("escape", "none") != "none":
        raise SystemExit("bench: no format_map equivalent for escape=%r" % msg["escape"])
    return fmt.format_map, data


def jinja_peer(name, msg):
    try:
        import jinja2
    except ImportError:
        return None
    source = JINJA[name] or _plain_tags(msg["template"], "{{ ", " }}")
    env = jinja2.Environment(autoescape=msg.get("escape", "none") == "html", keep_trailing_newline=True)
    tpl = env.from_string(source)
    return tpl.render, msg["data"]


def measure(fn, arg, repeat, batch_seconds):
    """Median seconds per call over `repeat` batches of about batch_seconds each."""
    timer = timeit.Timer("fn(arg)", globals={"fn": fn, "arg": arg})
    number, elapsed = 1, 0.0
    while True:  # autorange toward the batch size
        elapsed = timer.timeit(number)
        if elapsed >= batch_seconds / 4:
            break
        number *= 4
    number = max(1, int(number * batch_seconds / max(elapsed, 1e-9)))
    times = [t / number for t in timer.repeat(repeat=repeat, number=number)]
    return statistics.median(times)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", default=os.path.join(HERE, "messages.json"))
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--batch-seconds", type=float, default=0.1)
    args = ap.parse_args(argv)

    with open(args.messages, encoding="utf-8") as f:
        messages = json.load(f)

    rows = []
    for name in ("first_reply", "offer", "summary"):
        msg = messages[name]
        escape = msg.get("escape", "none")
        t = tinyyes.Template(msg["template"], escape=escape)
        expected = t.render(msg["data"])

        fm, fm_arg = format_peer(name, msg)
        got = fm(fm_arg)
        assert got == expected, "format_map output differs for %s:\n%r\n%r" % (name, got, expected)
        jp = jinja_peer(name, msg)
        if jp:
            got = jp[0](jp[1]).replace("&#34;", "&quot;")
            assert got == expected, "Jinja2 output differs for %s:\n%r\n%r" % (name, got, expected)

        ty = measure(t.render, msg["data"], args.repeat, args.batch_seconds)
        fmt = measure(fm, fm_arg, args.repeat, args.batch_seconds)
        jj = measure(jp[0], jp[1], args.repeat, args.batch_seconds) if jp else None
        rows.append((name, len(expected), escape, ty, jj, fmt))

    print("tinyyes %s, Python %s" % (tinyyes.__version__, sys.version.split()[0]))
    print("median µs per render (%d batches of ~%.2fs); ratios > 1 mean tinyyes is faster"
          % (args.repeat, args.batch_seconds))
    head = "%-12s %5s %-5s %9s %9s %11s %13s %16s" % (
        "message", "chars", "esc", "tinyyes", "Jinja2", "format_map", "Jinja2/tiny", "format_map/tiny")
    print(head)
    print("-" * len(head))
    for name, chars, escape, ty, jj, fmt in rows:
        print("%-12s %5d %-5s %9.3f %9s %11.3f %13s %16.2f" % (
            name, chars, escape, ty * 1e6, "%.3f" % (jj * 1e6) if jj else "n/a", fmt * 1e6,
            "%.1fx" % (jj / ty) if jj else "n/a", fmt / ty))
    if not any(r[4] for r in rows):
        print("(Jinja2 not installed: pip install Jinja2)")
    print("goals: Jinja2/tiny >= 5x; format_map/tiny >= 0.5 (within 2x of str.format_map)")


if __name__ == "__main__":
    main()
