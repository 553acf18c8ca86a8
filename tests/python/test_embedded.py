"""The files written from descriptions are current: the default playbook
the library embeds, the constants both bindings export and the shapes of
their results.

csrc/data/default_playbook.json is the source; scripts/embed_playbook.py
writes csrc/src/default_playbook.c from it (make does). The C file is
committed for builds that do not run make (pip, node-gyp), so it must never
fall behind the JSON.
"""

import importlib.util
import json
import pathlib

import tinyyes

REPO = pathlib.Path(__file__).resolve().parents[2]
JSON = REPO / "csrc" / "data" / "default_playbook.json"
C = REPO / "csrc" / "src" / "default_playbook.c"


def _script(name):
    """scripts/<name>.py imported as a module."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / (name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _embedder():
    return _script("embed_playbook")


def test_the_c_file_is_written_from_the_json():
    assert C.read_text(encoding="utf-8") == _embedder().render(JSON.read_bytes()), (
        "csrc/src/default_playbook.c is stale: run python3 scripts/embed_playbook.py (or make)")


def test_the_library_serves_the_json_text():
    text = tinyyes.Playbook.default_source()
    assert text == JSON.read_text(encoding="utf-8")
    assert json.loads(text)["name"] == "Northbank Bike Workshop"


def test_files_written_from_the_api_description_are_current():
    """api.json (limits, channels) and shapes.json (the result shapes) against
    the core's table and every generated block of the stubs."""
    gen = _script("gen_api")
    stale = [str(p.relative_to(REPO)) for p, text in gen.outputs(gen.load()).items()
             if p.read_text(encoding="utf-8") != text]
    assert not stale, "stale: %s: run python3 scripts/gen_api.py (or make)" % ", ".join(stale)


def test_a_changed_shape_makes_the_stubs_stale():
    """The comparison can fail: one member more in the description changes
    the generated blocks of both shapes.py and index.d.ts."""
    gen = _script("gen_api")
    api = gen.load()
    before = gen.outputs(api)
    next(e for e in api["shapes"] if e.get("name") == "Choice")["members"].append(["extra?", "string"])
    after = gen.outputs(api)
    changed = {str(p.relative_to(REPO)) for p in before if before[p] != after[p]}
    assert changed == {"python/tinyyes/shapes.py", "node/index.d.ts"}


def test_the_module_exports_the_described_limits_and_channels():
    api = json.loads((REPO / "csrc" / "data" / "api.json").read_text(encoding="utf-8"))
    from tinyyes import _tinyyes
    for lim in api["limits"]:
        assert getattr(_tinyyes, lim["name"]) == lim["value"], lim["name"]
    assert tinyyes.CHANNELS == tuple(api["channels"])
    assert dict(tinyyes.LIMITS) == {lim["name"]: lim["value"] for lim in api["limits"]}
