"""The default playbook's JSON file is what the library embeds.

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


def _embedder():
    spec = importlib.util.spec_from_file_location("embed_playbook", REPO / "scripts" / "embed_playbook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_c_file_is_written_from_the_json():
    assert C.read_text(encoding="utf-8") == _embedder().render(JSON.read_bytes()), (
        "csrc/src/default_playbook.c is stale: run python3 scripts/embed_playbook.py (or make)")


def test_the_library_serves_the_json_text():
    text = tinyyes.Playbook.default_source()
    assert text == JSON.read_text(encoding="utf-8")
    assert json.loads(text)["name"] == "Northbank Bike Workshop"
