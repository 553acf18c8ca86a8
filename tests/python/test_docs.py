"""Every example in README.md, docs/*.md and examples/playbooks/ runs here.

Fenced blocks of README.md and docs/*.md, by info string:

- ``python``: runs with exec in a fresh namespace, with the repository as the
  working directory (so ``Playbook.load("examples/playbooks/salon.json")``
  works). Full-line comments right after a top-level statement say what it
  gives, and are checked:

  - ``# tinyyes.PlaybookError: message`` (or ``# ValueError: message``, any
    name ending in ``Error``): the statement raises that exception, and its
    message reads as written;
  - after a statement that prints (a ``print(...)`` call, or a loop with
    one), the comment lines are what it prints, one comment line per output
    line;
  - after a bare expression that prints nothing (``pb.lint()``), they are
    the ``repr`` of its value, compared with runs of white space made one
    space.

  In expected text, ``...`` stands for any text (as in doctest's ELLIPSIS).
  Comments after a statement that prints nothing and gives no value (an
  assignment) are prose.
  A block that uses the JSON of the ``json playbook`` block before it
  reads it from the name ``PLAYBOOK`` (its text), which the runner provides.
- ``json playbook``: a complete playbook: it loads and lints with no finding.
- ``json``: a fragment of a playbook or an event: not run.
- ``js``: run by tests/node/docs.test.js.
- ``sh``, ``text`` and blocks without an info string: not run.

Any other info string fails the test, so no example is skipped unnoticed.

Each playbook in examples/playbooks/ loads and lints with no finding (on
web chat, the default, and on WhatsApp), and the scripted customers of
tests/vectors/example_playbooks.json (shared with the Node suite) book
through them to the end.
"""

import ast
import builtins
import contextlib
import io
import json
import pathlib
import re

import pytest

import tinyyes
from tinyyes import Playbook

REPO = pathlib.Path(__file__).resolve().parents[2]
DOC_FILES = [REPO / "README.md"] + sorted((REPO / "docs").glob("*.md"))
PLAYBOOKS = sorted((REPO / "examples" / "playbooks").glob("*.json"))
SCRIPTS = json.loads((REPO / "tests" / "vectors" / "example_playbooks.json").read_text(encoding="utf-8"))

RUN_HERE = {"python", "json playbook"}
NOT_RUN_HERE = {"js", "json", "sh", "text", ""}
FENCE = re.compile(r"^(\s*)```(.*)$")


def fenced_blocks(path):
    """[(line, info, body)] of every fenced block in a Markdown file; line
    is the 1-based line of the opening fence."""
    blocks, lines = [], path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, info, start, body = m.group(1), m.group(2).strip(), i + 1, []
        i += 1
        while i < len(lines) and not re.match(r"^\s*```\s*$", lines[i]):
            line = lines[i]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            i += 1
        if i == len(lines):
            raise AssertionError("%s:%d: unclosed code fence" % (path.name, start))
        blocks.append((start, info, "\n".join(body) + "\n"))
        i += 1
    return blocks


def _doc_params():
    params, last_playbook = [], {}
    for path in DOC_FILES:
        for line, info, body in fenced_blocks(path):
            if info == "json playbook":
                last_playbook[path] = body
            if info in RUN_HERE or info not in NOT_RUN_HERE:
                params.append(pytest.param(path, line, info, body, last_playbook.get(path),
                                           id="%s:%d:%s" % (path.relative_to(REPO).as_posix(), line, info or "plain")))
    return params


# ---- expected output ---------------------------------------------------------

def _like(actual, expected):
    """True when actual reads as expected, "..." standing for any text."""
    pattern = ".*".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, actual, re.S) is not None


def _squash(text):
    return " ".join(text.split())


def _comments_after(lines, end_line):
    """The full-line comments right after line end_line (1-based), without
    their "# " (None when there are none)."""
    out, i = [], end_line
    while i < len(lines) and lines[i].lstrip().startswith("#"):
        text = lines[i].lstrip()[1:]
        out.append(text[1:] if text.startswith(" ") else text)
        i += 1
    return out or None


ERROR_LINE = re.compile(r"^(?:tinyyes\.)?([A-Za-z_]\w*Error): (.*)$")


def _exception_class(name):
    cls = getattr(tinyyes, name, None) or getattr(builtins, name, None)
    assert isinstance(cls, type) and issubclass(cls, BaseException), "unknown exception %s" % name
    return cls


def _is_print(node):
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id == "print")


def run_python_block(source, where, namespace):
    """Runs a block statement by statement, checking the expected output
    comments (see the module docstring)."""
    tree = ast.parse(source, where)
    lines = source.split("\n")
    for node in tree.body:
        expected = _comments_after(lines, node.end_lineno)
        here = "%s (line %d of the block)" % (where, node.lineno)
        module = ast.Module(body=[node], type_ignores=[])
        error = ERROR_LINE.match(expected[0]) if expected else None
        if error:
            cls = _exception_class(error.group(1))
            with pytest.raises(cls) as info:
                exec(compile(module, where, "exec"), namespace)
            assert _like(str(info.value), error.group(2)), "%s: %s, not %r" % (here, info.value, error.group(2))
        elif expected and isinstance(node, ast.Expr) and not _is_print(node):
            value = eval(compile(ast.Expression(body=node.value), where, "eval"), namespace)
            got = _squash(repr(value))
            assert _like(got, _squash(" ".join(expected))), "%s gave:\n%s\nexpected:\n%s" % (
                here, got, "\n".join(expected))
        else:
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                exec(compile(module, where, "exec"), namespace)
            got = buf.getvalue().rstrip("\n")
            if expected and got:
                assert _like(got, "\n".join(expected)), "%s printed:\n%s\nexpected:\n%s" % (
                    here, got, "\n".join(expected))
            elif expected:
                assert not _is_print(node), "%s printed nothing, expected:\n%s" % (here, "\n".join(expected))


# ---- README.md and docs/*.md -------------------------------------------------------

@pytest.mark.parametrize("path,line,info,body,playbook", _doc_params())
def test_doc_block(path, line, info, body, playbook, monkeypatch):
    where = "%s:%d" % (path.relative_to(REPO), line)
    assert info in RUN_HERE | NOT_RUN_HERE, "%s: unknown code block type %r (see tests/python/test_docs.py)" % (
        where, info)
    monkeypatch.chdir(REPO)
    if info == "json playbook":
        pb = Playbook(body)
        assert pb.lint() == [], where
    else:
        namespace = {"__name__": "__doc_example__"}
        if playbook is not None:
            namespace["PLAYBOOK"] = playbook
        run_python_block(body, where, namespace)


def test_docs_have_examples():
    infos = {info for path in DOC_FILES for _, info, _ in fenced_blocks(path)}
    assert {"python", "js", "json playbook"} <= infos


# ---- the runner's own conventions --------------------------------------------------

def test_runner_checks_output():
    run_python_block('print("a b")\n# a ...\nx = 1\n# prose\n[x]\n# [1]\n', "self", {})
    run_python_block('for i in (1, 2):\n    print(i)\n# 1\n# 2\n', "self", {})
    with pytest.raises(AssertionError):
        run_python_block('for i in (1, 2):\n    print(i)\n# 1\n# 3\n', "self", {})
    with pytest.raises(AssertionError):
        run_python_block('print("a")\n# b\n', "self", {})
    with pytest.raises(AssertionError):
        run_python_block('[1, 2]\n# [1]\n', "self", {})


def test_runner_checks_errors():
    run_python_block('int("x")\n# ValueError: invalid literal...\n', "self", {})
    run_python_block('tinyyes.Template("{{a}}").render({})\n# tinyyes.TemplateError: missing: a\n',
                     "self", {"tinyyes": tinyyes})
    with pytest.raises(BaseException):
        run_python_block('int("1")\n# ValueError: never raised\n', "self", {})


# ---- examples/playbooks ----------------------------------------------------------

def test_every_example_playbook_has_a_script():
    scripted = {c["playbook"] for c in SCRIPTS["conversations"]}
    names = {p.relative_to(REPO).as_posix() for p in PLAYBOOKS}
    assert names, "no playbooks in examples/playbooks"
    assert names <= scripted, "no scripted conversation for %s" % sorted(names - scripted)


@pytest.mark.parametrize("path", PLAYBOOKS, ids=[p.name for p in PLAYBOOKS])
def test_example_playbook_lints_clean(path):
    pb = Playbook.load(path)
    assert pb.lint() == []
    assert pb.lint("whatsapp") == []


@pytest.mark.parametrize("script", SCRIPTS["conversations"], ids=[c["name"] for c in SCRIPTS["conversations"]])
def test_example_conversation(script):
    pb = Playbook.load(REPO / script["playbook"])
    state, at, sent, closes = None, SCRIPTS["at"], [], []
    for i, text in enumerate(script["messages"]):
        event = {"type": "message", "text": text, "at": at + 60 * i, "conversation": script["conversation"],
                 "channel": script["channel"]}
        out = pb.step(state, event)
        state = out["state"]
        sent += [a for a in out["actions"] if a["type"] == "send"]
        closes += [a for a in out["actions"] if a["type"] == "close"]
        assert not [a for a in out["actions"] if a["type"] == "handoff"], "handed off at %r" % text
        if i < len(script["messages"]) - 1:
            assert state["status"] == "active", "%r left the conversation %s" % (text, state["status"])
    want = script["expect"]
    assert state["status"] == want["status"]
    assert closes and closes[-1]["outcome"] == want["outcome"]
    assert sent[-1]["template"] == want["template"]
    for slot, value in want["slots"].items():
        assert state["slots"].get(slot) == value, slot
