"""demo.py — tinyyes through its Python binding: templates, then conversations.

Run with the installed package (`make demo`, or `pip install .` then
`python examples/demo.py`).

The conversations are scripts fed to the same chat CLI a person can use
(`python -m tinyyes chat`), here called in-process with the default playbook
(a bike workshop): a booking whose first message carries the service and
the day, a pricing question in the middle of it, a silence answered by
follow-ups on a virtual clock, a handoff to a person, an opt-out, and a
Spanish-speaking customer whose closed day is refused and who gets her
reminder.
"""

import argparse
import io

import tinyyes
from tinyyes import Template, TemplateError, cli


def show(title: str, text: str) -> None:
    print("--- %s " % title + "-" * max(0, 60 - len(title)))
    print(text)
    print()


def templates() -> None:
    # 1. The first reply: lead with the next step, two clear options.
    first = Template("Hi {{name}}! Happy to help. Is this for a {{#options}}{{title}}"
                     "{{^last}} or a {{/last}}{{/options}}?")
    show("two-option ask (WhatsApp)", first.render({
        "name": "Maria",
        "options": [{"title": "standard clean", "last": False},
                    {"title": "deep clean", "last": True}],
    }))

    # 2. Web chat: the same kind of message, HTML-escaped values (never the template's own markup).
    web = Template("<p>Thanks {{name}}! I can do <b>{{day}}</b> at {{#slots}}{{time}}"
                   "{{^last}} or {{/last}}{{/slots}}. Which works better?</p>", escape="html")
    show("html-escaped web chat message", web.render({
        "name": "Zoë <script>alert(1)</script>",
        "day": "Tuesday",
        "slots": [{"time": "10:00", "last": False}, {"time": "15:00", "last": True}],
    }))

    # 3. Strict by default: a missing detail is an error naming every missing name,
    #    so a half-filled message is never sent.
    confirm = Template("You're booked, {{name}}: {{service}} on {{day}} at {{time}}. "
                       "We'll text you the day before.")
    try:
        confirm.render({"name": "Maria", "service": "Deep clean"})
    except TemplateError as e:
        show("strict error, caught", "%s: %s\n  code=%s reason=%s" % (type(e).__name__, e, e.code, e.reason))

    # 4. The placeholder guard: a [bracketed placeholder] left in a message is rejected too.
    try:
        Template("Hi [first name], your {{service}} is confirmed.").render({"service": "deep clean"})
    except TemplateError as e:
        show("placeholder guard, caught", "%s: %s" % (type(e).__name__, e))

    # 5. Template errors name line and column.
    try:
        Template("Hi {{name}}!\n{{#slots}}{{time}}{{/slot}}")
    except TemplateError as e:
        show("syntax error, caught", "%s: %s\n  line=%s col=%s" % (type(e).__name__, e, e.line, e.col))


# Each script is what a customer types, plus /wait (time passes), /resume
# (a person hands back) and /note (a narrator's line).
CONVERSATIONS: list[tuple[str, list[str]]] = [
    ("maria", [
        "/note Maria books a service: the service and the day come in her first message, so those asks are skipped",
        "Hi, can I book a full service for Saturday?",
        "/note a pricing question mid-booking is answered, then the pending question comes back",
        "how much is a full service?",
        "yes",
        "/note then she goes quiet: follow-ups are sent when they fall due, each asking the same small question",
        "/wait 4h",
        "/wait 1d",
        "afternoon",
        "Maria",
        "yes",
    ]),
    ("sam", [
        "/note Sam starts a booking, then asks for a person: the handoff carries what is known so far",
        "I'd like to book a tune-up",
        "can I talk to a person",
        "hello? anyone?",
        "/note the bot stayed silent; a mechanic hands the chat back",
        "/resume",
        "next Tuesday",
    ]),
    ("alex", [
        "/note Alex asks about prices, then opts out: STOP ends everything at once",
        "what are your prices",
        "STOP",
        "/wait 2d",
        "/note no follow-up ever comes after an opt-out, and messages get no reply until START",
        "are you there?",
        "START",
    ]),
    ("lucia", [
        "/note Lucía writes in Spanish: every reply is Spanish from her first message on;"
        " a closed Sunday is refused with two open days",
        "hola, quiero pedir cita para una puesta a punto",
        "el domingo",
        "el primero",
        "por la tarde",
        "Lucía",
        "sí",
        "/note the confirmation promised a reminder the evening before: it comes when that time does",
        "/wait 4d",
    ]),
]


def conversations() -> None:
    for conversation, script in CONVERSATIONS:
        args = cli.build_parser().parse_args(["chat", "--conversation", conversation])
        out = io.StringIO()
        cli.run_chat(args, stdin=io.StringIO("\n".join(script) + "\n"), out=out)
        lines = out.getvalue().splitlines()
        # The banner is the same each time: show it once.
        if conversation != CONVERSATIONS[0][0]:
            lines = lines[3:]
        print("=" * 72)
        print("\n".join(lines))
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", choices=("templates", "chat"), help="show one part")
    args = parser.parse_args()
    print("tinyyes %s\n" % tinyyes.__version__)
    if args.only != "chat":
        templates()
    if args.only != "templates":
        conversations()


if __name__ == "__main__":
    main()
