"""The playbook JSON Schema (playbook.schema.json) against the loader.

- The schema is a valid draft 2020-12 schema, and the copy the Python package
  ships (tinyyes/playbook.schema.json, read from the installed package) is
  the repository's file, byte for byte.
- Every playbook in the repository validates: the default playbook, the
  examples, the few-shot bench playbooks, every playbook inside the test
  vectors, the ``json playbook`` blocks of the docs and the fuzz seeds the
  loader accepts.
- The loader's error vectors (tests/vectors/playbook_errors.json): each one
  the loader rejects for a schema reason is rejected by the schema too, at a
  path on the same branch as the loader's, unless NOT_SCHEMA lists it with
  the reason a schema cannot say it; those, and the vectors rejected for
  other reasons (template syntax, limits, JSON text), pass the schema, so the
  list stays exact.

Patterns in the schema are ECMA-262 with Unicode property escapes (what
editors use); Python's re has no \\p{L}, so they are run with the regex
package here.
"""

import importlib.resources
import json
import pathlib
import re

import pytest

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is installed by `make test-python`")
regex = pytest.importorskip("regex", reason="regex is installed by `make test-python`")

import tinyyes  # noqa: E402
from tinyyes import Playbook, PlaybookError  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"
SCHEMA_FILE = REPO / "playbook.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))

# Vectors the loader rejects with reason "schema" that no JSON Schema can
# reject: the rule needs another part of the file (a reference, the type of
# the slot a step asks), a comparison between values, uniqueness after
# normalising, or arithmetic.
NOT_SCHEMA = {
    "intent_unknown_flow": "a reference: the flow must exist in \"flows\"",
    "channels_whatsapp_template_unknown": "a reference: the template must exist in \"templates\"",
    "intent_unknown_template": "a reference: the template must exist in \"templates\"",
    "keyword_only_punctuation": "needs the library's text normalisation (what is left to match)",
    "keyword_of_two_intents": "uniqueness across intents after normalising",
    "option_duplicate_id": "uniqueness of one field among the options",
    "option_synonym_names_another_option": "uniqueness of normalised titles and synonyms across options",
    "step_duplicate_id": "uniqueness of one field among the steps",
    "step_unknown_slot": "a reference: the slot must exist in \"slots\"",
    "step_unknown_template": "a reference: the template must exist in \"templates\"",
    "next_unknown_step": "a reference: the step must exist in the same flow",
    "next_unknown_flow": "a reference: the flow must exist in \"flows\"",
    "next_map_on_a_date_slot": "depends on the type of the slot the step asks",
    "next_map_unknown_option": "depends on the options of the slot the step asks",
    "next_map_yesno_maybe": "depends on the type of the slot the step asks",
    "cycle_within_a_flow": "a loop in the graph of steps",
    "cycle_across_flows": "a loop in the graph of steps",
    "cycle_self": "a loop in the graph of steps",
    "fallback_unknown_template": "a reference: the template must exist in \"templates\"",
    "followup_unknown_template": "a reference: the template must exist in \"templates\"",
    "flow_followup_say_unknown": "a reference: the template must exist in \"templates\"",
    "quiet_hours_same_times": "compares two values",
    "step_set_unknown_slot": "a reference: the slot must exist in \"slots\"",
    "step_set_unknown_option": "depends on the options of the slot",
    "step_set_date_slot": "depends on the type of the slot",
    "step_set_yesno_not_yes_or_no": "depends on the type of the slot",
    "hours_range_backwards": "compares the two times of a range",
    "hours_ranges_overlap": "compares the ranges of a day",
    "time_date_unknown_slot": "a reference: the slot must exist in \"slots\"",
    "time_date_not_a_date": "depends on the type of the slot referred to",
    "remind_at_needs_whole_days": "arithmetic: \"before\" a whole number of days in any unit (\"24h\" is one)",
    "remind_say_unknown": "a reference: the template must exist in \"templates\"",
    "remind_without_a_date_slot": "depends on the playbook's date slots",
    "remind_two_date_slots": "depends on the playbook's date slots",
    "remind_date_not_a_date": "depends on the type of the slot referred to",
    "languages_own_language": "compares a language with \"locale\"",
    "languages_unknown_template": "a reference: the template must exist in \"templates\"",
    "languages_unknown_intent": "a reference: the intent must exist in \"intents\"",
    "languages_option_unknown_slot": "depends on the type of the slot referred to",
    "languages_unknown_option": "a reference: the option must exist in the slot",
}


def _pattern(validator, pattern, instance, schema):
    """The "pattern" keyword with ECMA-262 Unicode property escapes."""
    if validator.is_type(instance, "string") and not regex.search(pattern, instance):
        yield jsonschema.ValidationError("%r does not match %r" % (instance, pattern))


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})
VALIDATOR = Validator(SCHEMA)


def _errors(doc):
    return list(VALIDATOR.iter_errors(doc))


def _loader_path(error):
    """A jsonschema error's location written as the loader writes paths."""
    out = ""
    for part in error.absolute_path:
        out += "[%d]" % part if isinstance(part, int) else ("." if out else "") + part
    return out


def _same_branch(a, b):
    """True when one path is the other or lies inside it."""
    short, long = sorted((a, b), key=len)
    return long == short or short == "" or long.startswith(short + ".") or long.startswith(short + "[")


# ---- the schema and its copies ----------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # the metaschema's "format": "regex" would compile patterns with re,
    # which lacks \\p{...}: they are compiled with regex below instead
    jsonschema.Draft202012Validator.check_schema(SCHEMA, format_checker=None)
    for pat in re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', SCHEMA_FILE.read_text(encoding="utf-8")):
        regex.compile(json.loads(pat))


def test_python_package_ships_the_schema():
    shipped = importlib.resources.files(tinyyes).joinpath("playbook.schema.json")
    assert shipped.read_bytes() == SCHEMA_FILE.read_bytes(), (
        "the installed tinyyes/playbook.schema.json differs from playbook.schema.json; run make build-python")
    in_tree = REPO / "python" / "tinyyes" / "playbook.schema.json"
    assert in_tree.read_bytes() == SCHEMA_FILE.read_bytes(), (
        "python/tinyyes/playbook.schema.json is stale; run make python/tinyyes/playbook.schema.json")


def test_npm_package_lists_the_schema():
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    assert "playbook.schema.json" in package["files"]


def _keys_described(node, where, missing):
    """Every property in the schema, at any depth, has a description."""
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            if "description" not in sub and "$ref" not in sub:
                missing.append(where + "." + key)
        for key, sub in node.items():
            if key not in ("if", "then", "else", "not"):  # constraints, not keys
                _keys_described(sub, where + "/" + key, missing)
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            _keys_described(sub, "%s[%d]" % (where, i), missing)


def test_every_key_has_a_description():
    missing = []
    _keys_described(SCHEMA, "#", missing)
    assert missing == []
    for name, sub in SCHEMA["$defs"].items():
        assert "description" in sub, name


def test_schema_knows_the_loaders_top_level_keys():
    # the loader's own list, from the message for an unknown key
    try:
        Playbook({"tinyyes": 1, "no_such_key": 1})
    except PlaybookError as err:
        allowed = re.search(r"allowed: ([^)]*)\)", str(err)).group(1).split(", ")
    assert sorted(allowed + ["$schema"]) == sorted(SCHEMA["properties"])


# ---- every playbook in the repository validates -------------------------------------


def _embedded(node, where):
    """(where, playbook) for every object with a "tinyyes" key inside node."""
    if isinstance(node, dict):
        if "tinyyes" in node:
            yield where, node
            return
        for key, sub in node.items():
            yield from _embedded(sub, "%s.%s" % (where, key))
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _embedded(sub, "%s[%d]" % (where, i))


def _doc_playbooks():
    fence = re.compile(r"^```json playbook\n(.*?)^```$", re.S | re.M)
    for path in [REPO / "README.md"] + sorted((REPO / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for m in fence.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            yield "%s:%d" % (path.relative_to(REPO), line), json.loads(m.group(1))


def _repository_playbooks():
    files = [REPO / "csrc" / "data" / "default_playbook.json"]
    files += sorted((REPO / "examples" / "playbooks").glob("*.json"))
    files += sorted((REPO / "bench" / "fewshot").glob("*.json"))
    files += sorted(p for p in VECTORS.rglob("*.json") if p.name != "playbook_errors.json")
    found = []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        found += [(str(path.relative_to(REPO)) + where, pb) for where, pb in _embedded(doc, "")]
    found += list(_doc_playbooks())
    return found


REPOSITORY_PLAYBOOKS = _repository_playbooks()


def test_the_repository_has_playbooks_to_check():
    wheres = [w for w, _ in REPOSITORY_PLAYBOOKS]
    assert len(wheres) >= 50, wheres
    assert any(w.startswith("csrc/data/default_playbook.json") for w in wheres)
    assert any(w.startswith("docs/playbook.md:") for w in wheres)
    assert any(w.startswith("bench/fewshot/") for w in wheres)


@pytest.mark.parametrize("where,playbook", REPOSITORY_PLAYBOOKS, ids=[w for w, _ in REPOSITORY_PLAYBOOKS])
def test_repository_playbook_validates(where, playbook):
    Playbook(playbook)  # the loader takes it, so the schema must
    errors = _errors(playbook)
    assert not errors, "%s: %s at %s" % (where, errors[0].message, _loader_path(errors[0]))


FUZZ_SEEDS = sorted((REPO / "tests" / "fuzz" / "fuzz_playbook").glob("*.json"))
# seeds the loader rejects for a schema reason a JSON Schema cannot say
FUZZ_NOT_SCHEMA = {"bad_ref": "a reference to a slot", "cycle": "a loop in the graph of steps"}


@pytest.mark.parametrize("path", FUZZ_SEEDS, ids=[p.name for p in FUZZ_SEEDS])
def test_fuzz_seed_agrees_with_the_loader(path):
    text = path.read_text(encoding="utf-8")
    try:
        Playbook(text)
        rejected = False
    except PlaybookError as err:
        if err.reason == "json":
            return  # not JSON the schema could read (or a duplicate key)
        rejected = err.reason == "schema" and path.stem not in FUZZ_NOT_SCHEMA
    assert bool(_errors(json.loads(text))) == rejected, path.name


# ---- the loader's error vectors ---------------------------------------------------------


def _error_vectors():
    doc = json.loads((VECTORS / "playbook_errors.json").read_text(encoding="utf-8"))
    return doc["tests"]


ERROR_VECTORS = _error_vectors()


def _document(case):
    """The vector's playbook as data, or None when its text is not JSON."""
    if "source" not in case:
        return case["playbook"]
    try:
        return json.loads(case["source"])
    except ValueError:
        return None


@pytest.mark.parametrize("case", ERROR_VECTORS, ids=[c["name"] for c in ERROR_VECTORS])
def test_error_vector(case):
    doc = _document(case)
    if doc is None:
        assert case["error"]["reason"] in ("json", "nul")
        return
    if case["error"]["reason"] in ("json", "nul", "depth"):
        # refused as JSON text, before any schema applies; Python's json
        # module reads it (1e400 as inf, 2^53 + 1, any nesting), ours does not
        return
    errors = _errors(doc)
    if case["error"]["reason"] == "schema" and case["name"] not in NOT_SCHEMA:
        assert errors, "the loader rejects %s (%s) but the schema accepts it" % (case["name"], case["error"]["message"])
        paths = [_loader_path(e) for e in errors]
        want = case["error"]["path"]
        assert any(_same_branch(p, want) for p in paths), (want, paths)
    else:
        # not a schema reason: the schema takes the playbook as it is, so
        # NOT_SCHEMA lists exactly what the schema cannot say
        assert not errors, "%s: the schema rejects it (%s at %s): take it off NOT_SCHEMA" % (
            case["name"], errors[0].message, _loader_path(errors[0]))


def test_not_schema_names_real_vectors():
    names = {c["name"]: c["error"]["reason"] for c in ERROR_VECTORS}
    for name in NOT_SCHEMA:
        assert names.get(name) == "schema", name


# ---- "$schema" --------------------------------------------------------------------------


def test_loader_takes_a_schema_key():
    Playbook({"$schema": "../playbook.schema.json", "tinyyes": 1, "templates": {"hi": "Hello!"}})
    assert not _errors({"$schema": "https://example.com/playbook.schema.json", "tinyyes": 1})
    with pytest.raises(PlaybookError, match=r"^\$schema: must be a string"):
        Playbook({"$schema": 1, "tinyyes": 1})
    assert _errors({"$schema": 1, "tinyyes": 1})
