"""Templates through the Python binding: the shared vectors, the Mustache spec,
the binding's own API (arguments, errors, data conversion), threads, leaks
and invalid input."""

import array
import collections
import collections.abc
import enum
import gc
import sys
import threading
import tracemalloc
import types

import pytest

import tinyyes
from tinyyes import Error, Template, TemplateError
from tinyyes import _tinyyes


# ---- shared vectors (tests/vectors/templates.json) --------------------------


def test_vector(template_vector):
    case = template_vector
    kwargs = dict(case.get("options") or {})
    if case.get("partials") is not None:
        kwargs["partials"] = case["partials"]
    if "error" in case:
        want = case["error"]
        with pytest.raises(TemplateError) as info:
            Template(case["template"], **kwargs).render(case.get("data"))
        err = info.value
        # Only the keys a vector states are compared.
        got = {"code": err.code, "reason": err.reason, "message": str(err), "line": err.line, "col": err.col,
               "path": err.path, "offset": err.offset}
        for key, value in want.items():
            assert got[key] == value, "error %s: %r != %r" % (key, got[key], value)
    else:
        assert Template(case["template"], **kwargs).render(case.get("data")) == case["expected"]


# ---- the Mustache spec (shared/conformance/mustache-spec) --------------------


def test_mustache_spec(mustache_case):
    case = mustache_case
    tpl = Template(case["template"], partials=case.get("partials") or None, escape="html", strict=False,
                   guard=False)
    assert tpl.render(case["data"]) == case["expected"]


# ---- the package ------------------------------------------------------------


def test_package_surface():
    assert tinyyes.__version__ == _tinyyes.__version__
    assert isinstance(tinyyes.__version__, str) and tinyyes.__version__.count(".") == 2
    for name in tinyyes.__all__:
        assert hasattr(tinyyes, name)
    assert tinyyes.Template is _tinyyes.Template
    assert Template.__module__ == "tinyyes"
    assert TemplateError.__module__ == "tinyyes"


def test_error_family():
    assert issubclass(Error, ValueError)
    for cls in (tinyyes.TemplateError, tinyyes.PlaybookError, tinyyes.StateError, tinyyes.EventError):
        assert issubclass(cls, Error)
    # Class-level defaults: a user-raised error has the attributes too.
    assert Error("x").code == "TY_ERROR"
    assert TemplateError("x").code == "TY_TEMPLATE"
    assert tinyyes.PlaybookError("x").code == "TY_PLAYBOOK"
    assert tinyyes.StateError("x").code == "TY_STATE"
    assert tinyyes.EventError("x").code == "TY_EVENT"
    assert TemplateError("x").line is None and TemplateError("x").path is None


def test_module_instances_are_independent():
    # Multi-phase init with module state: a second instance of the extension
    # has its own types and error classes, and works on its own.
    import importlib.util

    spec = importlib.util.find_spec("tinyyes._tinyyes")
    other = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(other)
    assert other.Template is not _tinyyes.Template
    assert other.TemplateError is not TemplateError
    with pytest.raises(other.TemplateError) as info:
        other.Template("{{x}}").render({})
    assert not isinstance(info.value, TemplateError)
    assert other.Template("{{x}}").render({"x": 1}) == "1"
    del other, info
    gc.collect()


def test_signatures():
    import inspect

    assert str(inspect.signature(Template)) == "(source, *, partials=None, escape='none', strict=True, guard=True)"
    assert str(inspect.signature(Template("x").render)) == "(data=None)"


# ---- construction and arguments ---------------------------------------------


def test_render_basics():
    t = Template("Hi {{name}}! Is this for a {{a}} or a {{b}}?")
    assert t.render({"name": "Ana", "a": "standard clean", "b": "deep clean"}) == (
        "Hi Ana! Is this for a standard clean or a deep clean?")
    assert t.render(data={"name": "Ana", "a": "x", "b": "y"}) == "Hi Ana! Is this for a x or a y?"
    assert Template("plain text").render() == "plain text"
    assert Template("plain text").render(None) == "plain text"
    assert Template("").render({}) == ""


def test_properties():
    src = "Hi {{name}}, {{#slots}}{{time}} {{/slots}}{{name}} {{service.title}}"
    t = Template(src, escape="html", guard=False)
    assert t.source == src
    # Names inside sections count too: they may resolve from the root context.
    assert t.names == ("name", "slots", "time", "service")
    assert t.escape == "html" and t.strict is True and t.guard is False
    with pytest.raises(AttributeError):
        t.source = "other"
    with pytest.raises(AttributeError):
        t.names = ()
    assert Template("x").escape == "none"


def test_repr():
    assert repr(Template("Hi {{name}}")) == "Template('Hi {{name}}', escape='none', strict=True, guard=True)"
    long = Template("x" * 200, escape="html", strict=False)
    r = repr(long)
    assert len(r) < 130 and "..." in r and "escape='html'" in r and "strict=False" in r


def test_not_subclassable():
    with pytest.raises(TypeError):
        type("Sub", (Template,), {})


@pytest.mark.parametrize("mode", ["none", "html", "telegram_html", "telegram_md"])
def test_escape_modes_accepted(mode):
    assert Template("ok", escape=mode).escape == mode


def test_escape_html_applies_to_values_only():
    t = Template("<b>{{x}}</b> {{{x}}} {{&x}}", escape="html")
    assert t.render({"x": "a<b & 'c'"}) == "<b>a&lt;b &amp; &#39;c&#39;</b> a<b & 'c' a<b & 'c'"


@pytest.mark.parametrize(
    "kwargs, exc, words",
    [
        ({"escape": "xml"}, ValueError, ["'none'", "'html'", "'telegram_html'", "'telegram_md'", "'xml'"]),
        ({"escape": "HTML"}, ValueError, ["'html'"]),
        ({"escape": 1}, TypeError, ["escape", "int"]),
        ({"strict": "yes"}, TypeError, ["strict", "str"]),
        ({"strict": 1}, TypeError, ["strict", "int"]),
        ({"guard": None}, TypeError, ["guard", "NoneType"]),
        ({"partials": ["a"]}, TypeError, ["partials", "list"]),
        ({"partials": {"p": 1}}, TypeError, ["'p'", "int"]),
        ({"partials": {1: "x"}}, TypeError, ["partial names", "int"]),
        ({"partials": {"p": b"x"}}, TypeError, ["'p'", "bytes"]),
        ({"partial": {}}, TypeError, ["partial"]),
    ],
)
def test_bad_options(kwargs, exc, words):
    with pytest.raises(exc) as info:
        Template("x", **kwargs)
    for word in words:
        assert word in str(info.value)


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        Template("x", None)
    with pytest.raises(TypeError):
        Template()


@pytest.mark.parametrize("source", [b"Hi {{x}}", bytearray(b"x"), None, 3, ["x"]])
def test_source_must_be_str(source):
    with pytest.raises(TypeError) as info:
        Template(source)
    assert "str" in str(info.value)


def test_str_subclass_source():
    class S(str):
        pass

    assert Template(S("Hi {{x}}")).render({"x": "y"}) == "Hi y"


def test_render_arguments():
    t = Template("{{x}}")
    with pytest.raises(TypeError):
        t.render({"x": 1}, {"x": 2})
    with pytest.raises(TypeError):
        t.render(context={"x": 1})
    with pytest.raises(TypeError):
        t.render({"x": 1}, data={"x": 2})


def test_partials():
    t = Template("{{>greet}} Pick {{>opts}}", partials={"greet": "Hi {{name}}!", "opts": "A or B?"})
    assert t.render({"name": "Ana"}) == "Hi Ana! Pick A or B?"
    assert "name" in t.names  # names read by partials count too


def test_partials_custom_mapping():
    class Parts(collections.abc.Mapping):
        def __init__(self, d):
            self._d = d

        def __getitem__(self, k):
            return self._d[k]

        def __iter__(self):
            return iter(self._d)

        def __len__(self):
            return len(self._d)

    t = Template("{{>p}}", partials=Parts({"p": "[{{x}}]"}), guard=False)
    assert t.render({"x": 1}) == "[1]"
    t = Template("{{>p}}", partials=types.MappingProxyType({"p": "ok"}))
    assert t.render() == "ok"


# ---- errors -------------------------------------------------------------------


def test_strict_missing_names_every_name():
    t = Template("Hi {{name}}, want to talk about {{topic}}? {{option_a}} or {{option_b}}?")
    with pytest.raises(TemplateError) as info:
        t.render({"name": "Ana", "option_a": "A"})
    err = info.value
    assert str(err) == "missing: topic, option_b"
    assert err.code == "TY_TEMPLATE" and err.reason == "missing"
    assert isinstance(err, Error) and isinstance(err, ValueError)


def test_lenient_missing_is_empty():
    assert Template("[{{a}}|{{b.c}}]", strict=False, guard=False).render({}) == "[|]"


def test_syntax_error_line_col():
    with pytest.raises(TemplateError) as info:
        Template("Hello\n{{#a}}x{{/b}}")
    err = info.value
    assert err.code == "TY_TEMPLATE" and err.reason == "syntax"
    assert err.line == 2 and isinstance(err.col, int) and err.col >= 1
    assert isinstance(err.offset, int)


def test_unclosed_tag_line_col():
    with pytest.raises(TemplateError) as info:
        Template("ok\nok\n  {{name")
    assert info.value.reason == "syntax" and info.value.line == 3


def test_guard():
    with pytest.raises(TemplateError) as info:
        Template("Hi [first name], {{x}}").render({"x": "y"})
    assert info.value.reason == "guard"
    with pytest.raises(TemplateError) as info:
        Template("Hi {{x}}").render({"x": "{{name}}"})
    assert info.value.reason == "guard"
    assert Template("Hi [first name]", guard=False).render() == "Hi [first name]"


def test_error_attributes_absent_are_none():
    with pytest.raises(TemplateError) as info:
        Template("{{a}}").render({})
    err = info.value
    assert err.path is None
    assert err.line is None or isinstance(err.line, int)


# ---- data conversion ---------------------------------------------------------------


class CustomMapping(collections.abc.Mapping):
    """A Mapping that is not a dict: reached through __getitem__."""

    def __init__(self, **kw):
        self._d = kw
        self.lookups = []

    def __getitem__(self, key):
        self.lookups.append(key)
        return self._d[key]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)


class CustomSequence(collections.abc.Sequence):
    def __init__(self, *items):
        self._items = items

    def __getitem__(self, i):
        return self._items[i]

    def __len__(self):
        return len(self._items)


def test_mapping_kinds():
    t = Template("{{a}}-{{b.c}}")
    for factory in (
        dict,
        collections.OrderedDict,
        lambda **kw: collections.UserDict(kw),
        lambda **kw: types.MappingProxyType(kw),
        lambda **kw: CustomMapping(**kw),
        lambda **kw: collections.ChainMap(kw),
    ):
        data = factory(a=1, b=factory(c="x"))
        assert t.render(data) == "1-x", factory

    class D(dict):
        pass

    assert t.render(D(a=1, b=D(c="x"))) == "1-x"


def test_custom_mapping_reads_only_used_names():
    m = CustomMapping(a="1", b="2", c="3")
    assert Template("{{a}}{{c}}").render(m) == "13"
    assert set(m.lookups) <= {"a", "c"}


def test_dict_subclass_missing_hook():
    # __missing__ (defaultdict, Counter) is honoured: it is the Mapping's own answer.
    d = collections.defaultdict(lambda: "?", a="1")
    assert Template("{{a}}{{b}}").render(d) == "1?"


def test_sequence_kinds():
    t = Template("{{#xs}}<{{.}}>{{/xs}}", guard=False)
    for seq in ([1, 2, 3], (1, 2, 3), range(1, 4), CustomSequence(1, 2, 3), collections.deque([1, 2, 3]),
                array.array("i", [1, 2, 3])):
        assert t.render({"xs": seq}) == "<1><2><3>", type(seq)
    assert t.render({"xs": []}) == "" and t.render({"xs": ()}) == ""


def test_section_over_objects():
    t = Template("{{#slots}}{{day}} {{time}}{{^last}} or {{/last}}{{/slots}}")
    data = {"slots": ({"day": "Tue", "time": "10:00", "last": False},
                      {"day": "Tue", "time": "15:00", "last": True})}
    assert t.render(data) == "Tue 10:00 or Tue 15:00"


@pytest.mark.parametrize("value", [(x for x in "ab"), iter([1, 2]), map(str, [1])])
def test_iterators_rejected_clearly(value):
    with pytest.raises(TypeError) as info:
        Template("{{#xs}}{{.}}{{/xs}}").render({"xs": value})
    assert "list or tuple" in str(info.value)


@pytest.mark.parametrize("value", [b"bytes", bytearray(b"x")])
def test_bytes_values_rejected_clearly(value):
    with pytest.raises(TypeError) as info:
        Template("{{x}}").render({"x": value})
    assert "decode" in str(info.value)


@pytest.mark.parametrize(
    "value, text",
    [
        (0, "0"),
        (42, "42"),
        (-7, "-7"),
        (2**53, "9007199254740992"),
        (-(2**53), "-9007199254740992"),
        (2**53 + 1, "9007199254740993"),
        (2**64, "18446744073709551616"),
        (-(2**70) - 1, "-1180591620717411303425"),
        (10**30, "1" + "0" * 30),
        (1.210, "1.21"),
        (0.1, "0.1"),
        (3.0, "3"),
        (-2.5, "-2.5"),
        (1e-7, "1e-07"),
        (123456.789, "123456.789"),
    ],
)
def test_numbers(value, text):
    if isinstance(value, float) and value == 1e-7:
        # Exponent spelling is the core's; only check it reads back exactly.
        assert float(Template("{{x}}").render({"x": value})) == value
        return
    assert Template("{{x}}").render({"x": value}) == text


def test_int_subclasses_and_enums():
    class Level(enum.IntEnum):
        HIGH = 3

    assert Template("{{x}}").render({"x": Level.HIGH}) == "3"

    class Color(enum.Enum):
        RED = "red"

    # a plain Enum is not data (issue 14): never its str() "Color.RED"
    with pytest.raises(tinyyes.TemplateTypeError, match="not Color"):
        Template("{{x}}").render({"x": Color.RED})

    class Named(str, enum.Enum):
        RED = "red"

    assert Template("{{x}}").render({"x": Named.RED}) in ("red", str(Named.RED))


def test_bool_is_not_int():
    # True must take the boolean path (sections), not render as 1.
    t = Template("{{#ok}}yes{{/ok}}{{^ok}}no{{/ok}}")
    assert t.render({"ok": True}) == "yes"
    assert t.render({"ok": False}) == "no"
    assert Template("{{x}}").render({"x": True}) != "1"


def test_objects_are_not_data():
    # Values JSON has no form for are refused, naming the value and the type,
    # never rendered as their str() or repr() (issue 14).
    class Money:
        def __str__(self):
            return "$50"

    class StrSub(str):
        def __str__(self):
            return "not this"

    assert Template("{{y}}").render({"y": StrSub("sub")}) in ("sub", "not this")
    with pytest.raises(tinyyes.TemplateTypeError) as info:
        Template("{{x}}").render({"x": Money()})
    assert str(info.value) == ('value of "x" is not data: expected a map, list, string, number, '
                               'boolean or null, not Money')
    assert isinstance(info.value, TypeError) and info.value.code == "TY_TEMPLATE"


def test_unicode():
    t = Template("¡Hola {{name}}! 👋 {{#xs}}{{.}}·{{/xs}} {{café}}", escape="html")
    out = t.render({"name": "Zoë <3", "xs": ["日本", "🇧🇷"], "café": "ok"})
    assert out == "¡Hola Zoë &lt;3! 👋 日本·🇧🇷· ok"
    assert t.names == ("name", "xs", "café")


def test_user_exceptions_propagate():
    class Boom(collections.abc.Mapping):
        def __getitem__(self, key):
            raise RuntimeError("boom on " + key)

        def __iter__(self):
            return iter(())

        def __len__(self):
            return 0

    with pytest.raises(RuntimeError, match="boom on x"):
        Template("{{x}}").render(Boom())

    class BadStr(str):  # a str subclass renders through its __str__
        def __str__(self):
            raise ZeroDivisionError("bad str")

    with pytest.raises(ZeroDivisionError):
        Template("{{x}}").render({"x": BadStr()})

    class BadSeq(CustomSequence):
        def __getitem__(self, i):
            raise LookupError("bad item")

    with pytest.raises(LookupError, match="bad item"):
        Template("{{#xs}}{{.}}{{/xs}}").render({"xs": BadSeq(1)})


def test_key_error_means_missing():
    m = CustomMapping(a="1")
    with pytest.raises(TemplateError) as info:
        Template("{{a}}{{b}}").render(m)
    assert info.value.reason == "missing" and str(info.value) == "missing: b"


def test_many_names_past_key_cache():
    names = ["n%d" % i for i in range(600)]
    t = Template(" ".join("{{%s}}" % n for n in names))
    data = {n: i for i, n in enumerate(names)}
    want = " ".join(str(i) for i in range(600))
    assert t.render(data) == want
    assert t.render(data) == want
    assert len(t.names) == 600


def test_root_none_and_empty():
    with pytest.raises(TemplateError) as info:
        Template("{{x}}").render(None)
    assert str(info.value) == "missing: x"


# ---- invalid input ---------------------------------------------------------------


def test_lone_surrogate_source():
    with pytest.raises(TemplateError) as info:
        Template("Hi \ud800 {{x}}")
    err = info.value
    assert err.reason == "utf8" and "surrogate" in str(err) and "3" in str(err)
    assert isinstance(err.__cause__, UnicodeEncodeError)


def test_lone_surrogate_in_data_and_partials():
    with pytest.raises(TemplateError) as info:
        Template("{{x}}").render({"x": "a\udc80b"})
    assert info.value.reason == "utf8"
    with pytest.raises(TemplateError) as info:
        Template("{{>p}}", partials={"p": "\ud800"})
    assert info.value.reason == "utf8"


def test_nul_in_source():
    with pytest.raises(TemplateError) as info:
        Template("Hi\x00{{x}}")
    assert info.value.reason == "nul" and info.value.code == "TY_TEMPLATE"


def test_nul_in_partial():
    with pytest.raises(TemplateError) as info:
        Template("{{>p}}", partials={"p": "a\x00b"})
    assert info.value.reason == "nul"


def test_source_over_limit():
    assert _tinyyes.TEMPLATE_MAX_SOURCE == 1 << 20
    with pytest.raises(TemplateError) as info:
        Template("x" * (2 << 20))
    assert info.value.reason == "limit"


def test_output_over_limit():
    with pytest.raises(TemplateError) as info:
        Template("{{x}}{{x}}").render({"x": "y" * (_tinyyes.TEMPLATE_MAX_OUTPUT // 2 + 16)})
    assert info.value.reason == "limit"


def test_large_template_compiles_off_the_gil():
    # Sources past 16 KiB compile with the GIL released: compile them from
    # several threads at once and check each result.
    src = "Dear {{name}}, " + "é" * 20000 + "{{#xs}}{{.}}{{/xs}}"
    outs, errors = [], []

    def work():
        try:
            outs.append(Template(src, partials={"p": "ü" * 20000}).render({"name": "Ana", "xs": [1, 2]}))
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert outs == ["Dear Ana, " + "é" * 20000 + "12"] * 4


# ---- threads ---------------------------------------------------------------------


def test_threads_share_one_template():
    t = Template("Hi {{name}}, {{#slots}}{{time}}{{^last}} or {{/last}}{{/slots}}? n={{n}}", escape="html")
    results = {}
    errors = []
    barrier = threading.Barrier(8)

    def work(k):
        try:
            data = {"name": "T%d<" % k, "n": k,
                    "slots": [{"time": "%d:00" % k, "last": False}, {"time": "%d:30" % k, "last": True}]}
            want = "Hi T%d&lt;, %d:00 or %d:30? n=%d" % (k, k, k, k)
            barrier.wait()
            outs = set()
            for _ in range(3000):
                outs.add(t.render(data))
            results[k] = (outs, want)
        except BaseException as e:  # surfaced below
            errors.append(e)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors
    assert len(results) == 8
    for k, (outs, want) in results.items():
        assert outs == {want}, k


# ---- leaks (markupsafe style: the object count must settle) -----------------------


def _exercise(t, tl, data):
    t.render(data)
    tl.render(data)
    try:
        t.render({})
    except TemplateError:
        pass
    try:
        t.render({"name": b"x"})
    except TypeError:
        pass
    try:
        Template("{{#a}}")
    except TemplateError:
        pass
    Template("Hi {{x}}", partials={"p": "x"})
    _tinyyes._json_roundtrip('{"a": [1, 2.5, "x", null, true, {"b": false}]}')


def test_no_leaks():
    t = Template("Hi {{name}}: {{#slots}}{{time}} {{/slots}}{{n}} {{big}} {{o}}", escape="html")
    tl = Template("{{a}}{{b.c}}", strict=False)

    class O(str):
        def __str__(self):
            return "obj"

    data = {"name": "Ana", "slots": [{"time": "10:00"}, {"time": "15:00"}], "n": 1.5, "big": 2**70, "o": O("o")}
    for _ in range(200):  # warm caches (key cache, interned strings, freelists)
        _exercise(t, tl, data)

    counts = []
    for _ in range(10):
        for _ in range(1000):
            _exercise(t, tl, data)
        gc.collect()
        counts.append(len(gc.get_objects()))
    assert len(set(counts[2:])) == 1, counts

    tracemalloc.start()
    try:
        for _ in range(500):
            _exercise(t, tl, data)
        gc.collect()
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(10000):
            t.render(data)
            tl.render(data)
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 4096, (before, after)


# ---- the value converter (used by match/recognize/step results) -------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("null", None),
        ("true", True),
        ("false", False),
        ("0", 0),
        ("-3", -3),
        ("1.5", 1.5),
        ("1.210", 1.21),
        ("1e3", 1000),
        ("9007199254740992", 2**53),
        ("-9007199254740992", -(2**53)),
        ("1e300", 1e300),
        ('"h\\u00e9llo \\ud83d\\ude00 \\n"', "héllo 😀 \n"),
        ('"日本"', "日本"),
        ("[]", []),
        ("{}", {}),
        ('[1, [2, [3, {"a": [null]}]]]', [1, [2, [3, {"a": [None]}]]]),
        ('{"b": 1, "a": {"c": [true, "x"]}}', {"b": 1, "a": {"c": [True, "x"]}}),
    ],
)
def test_json_roundtrip(text, value):
    got = _tinyyes._json_roundtrip(text)
    assert got == value
    assert type(got) is type(value)


def test_json_roundtrip_types_and_order():
    got = _tinyyes._json_roundtrip('{"z": 1, "a": 2, "m": 3}')
    assert list(got) == ["z", "a", "m"]
    big = _tinyyes._json_roundtrip("9007199254740994")
    assert type(big) is float and big == 9007199254740994.0


def test_json_roundtrip_errors():
    with pytest.raises(Error) as info:
        _tinyyes._json_roundtrip('{"a": 1,\n "b": }')
    err = info.value
    assert err.reason == "json" and err.line == 2 and isinstance(err.col, int)
    with pytest.raises(Error) as info:
        _tinyyes._json_roundtrip('{"a": 1, "a": 2}')
    assert info.value.reason == "json"
    with pytest.raises(Error) as info:
        _tinyyes._json_roundtrip("[" * 100 + "]" * 100)
    assert info.value.reason in ("depth", "json")
    with pytest.raises(TypeError):
        _tinyyes._json_roundtrip(b"{}")
