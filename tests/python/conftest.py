"""Shared pytest fixtures and parametrisation for the tinyyes Python suite.

- ``vectors_dir``: tests/vectors, the cross-language truth every suite runs.
- ``shared_dir``: the shared material (Mustache spec, datasets) from the env
  var TINYYES_SHARED, else ``<repo>/../shared``; tests needing it skip with a
  clear reason when it is absent (it is never copied into the repository).
- ``template_vector`` and ``mustache_case`` are parametrised at collection
  time, one test per vector / spec case; so are the playbook vectors:
  ``playbook_error_vector`` (playbook_errors.json), ``match_vector``
  (match/*.json), ``recognize_vector`` (recognize/*.json) and
  ``conversation_vector`` (conversations/*.json), ``recognizers_text_case``
  (the Recognizers-Text selection of tests/conformance). A match or recognize
  vector is a ``(file, case)`` pair: the file's playbook is loaded once.
  Channels, lint and metrics: ``payload_vector`` (payloads.json),
  ``lint_vector`` (lint.json), ``lint_playbook_vector`` (lint_playbooks.json),
  ``shipped_playbook`` (lint_shipped.json: every playbook the repository
  ships, by its "playbook") and ``metrics_vector`` (metrics.json).
"""

import json
import os
import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"
# The conformance selections (tests/conformance) are importable by the tests.
sys.path.insert(0, str(REPO / "tests" / "conformance"))

# Mustache spec files: the six the spec requires, then the optional modules
# tinyyes implements (lambdas are out of scope: templates are data, not code).
MUSTACHE_REQUIRED = ("comments", "delimiters", "interpolation", "inverted", "partials", "sections")
MUSTACHE_OPTIONAL = ("~inheritance", "~dynamic-names")


def shared_path():
    """Where the shared material lives (may not exist)."""
    env = os.environ.get("TINYYES_SHARED")
    return pathlib.Path(env) if env else REPO.parent / "shared"


@pytest.fixture(scope="session")
def vectors_dir():
    return VECTORS


@pytest.fixture(scope="session")
def shared_dir():
    path = shared_path()
    if not path.is_dir():
        pytest.skip("shared material not found at %s (set TINYYES_SHARED to its directory)" % path)
    return path


def _skip_param(reason):
    return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="absent")]


def _template_vectors():
    path = VECTORS / "templates.json"
    if not path.is_file():
        return _skip_param("tests/vectors/templates.json not found")
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["name"]) for case in doc["tests"]]


def _mustache_cases():
    spec = shared_path() / "conformance" / "mustache-spec"
    if not spec.is_dir():
        return _skip_param(
            "Mustache spec not found at %s (set TINYYES_SHARED to the shared directory)" % spec
        )
    params = []
    for stem in MUSTACHE_REQUIRED + MUSTACHE_OPTIONAL:
        path = spec / (stem + ".json")
        if not path.is_file():
            params += [pytest.param(None, marks=pytest.mark.skip(reason="%s not found" % path), id=stem)]
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["tests"]:
            params.append(pytest.param(case, id="%s: %s" % (stem, case["name"])))
    return params


def _playbook_error_vectors():
    path = VECTORS / "playbook_errors.json"
    if not path.is_file():
        return _skip_param("tests/vectors/playbook_errors.json not found")
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["name"]) for case in doc["tests"]]


def _named_vectors(filename):
    """One param per test of tests/vectors/<filename>, named by its "name"."""
    path = VECTORS / filename
    if not path.is_file():
        return _skip_param("tests/vectors/%s not found" % filename)
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["name"]) for case in doc["tests"]]


def _file_cases(folder):
    """(path, case) for every case of every tests/vectors/<folder>/*.json."""
    files = sorted((VECTORS / folder).glob("*.json"))
    if not files:
        return _skip_param("no vectors in tests/vectors/%s yet" % folder)
    params = []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for i, case in enumerate(doc["tests"]):
            params.append(pytest.param((path, case), id="%s: %s" % (path.stem, case.get("name", i))))
    return params


def _conversation_vectors():
    files = sorted((VECTORS / "conversations").glob("*.json"))
    if not files:
        return _skip_param("no vectors in tests/vectors/conversations yet")
    return [pytest.param(path, id=path.stem) for path in files]


def _recognizers_text_cases():
    """The Recognizers-Text selection (tests/conformance/recognizers_cases.py),
    one param per case; the two playbooks ride along with each."""
    import recognizers_cases

    specs = shared_path() / "conformance" / "recognizers-text" / "Specs"
    if not specs.is_dir():
        return _skip_param("Recognizers-Text spec not found at %s (set TINYYES_SHARED)" % specs)
    doc = recognizers_cases.build(shared_path())
    return [pytest.param((doc["playbooks"], c), id=c["id"]) for c in doc["cases"]]


def pytest_generate_tests(metafunc):
    if "recognizers_text_case" in metafunc.fixturenames:
        metafunc.parametrize("recognizers_text_case", _recognizers_text_cases())
    if "template_vector" in metafunc.fixturenames:
        metafunc.parametrize("template_vector", _template_vectors())
    if "mustache_case" in metafunc.fixturenames:
        metafunc.parametrize("mustache_case", _mustache_cases())
    if "playbook_error_vector" in metafunc.fixturenames:
        metafunc.parametrize("playbook_error_vector", _playbook_error_vectors())
    if "match_vector" in metafunc.fixturenames:
        metafunc.parametrize("match_vector", _file_cases("match"))
    if "recognize_vector" in metafunc.fixturenames:
        metafunc.parametrize("recognize_vector", _file_cases("recognize"))
    if "conversation_vector" in metafunc.fixturenames:
        metafunc.parametrize("conversation_vector", _conversation_vectors())
    for name, filename in (("payload_vector", "payloads.json"), ("lint_vector", "lint.json"),
                           ("lint_playbook_vector", "lint_playbooks.json"), ("metrics_vector", "metrics.json")):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, _named_vectors(filename))
    if "shipped_playbook" in metafunc.fixturenames:
        doc = json.loads((VECTORS / "lint_shipped.json").read_text(encoding="utf-8"))
        metafunc.parametrize("shipped_playbook", [pytest.param(e, id=e["playbook"]) for e in doc["playbooks"]])


def _assert_no_leaks(exercise, warmup=200, batch=300):
    """Calls exercise() many times and checks that Python's object count and
    allocated blocks settle (markupsafe-style): a leaked reference, str or
    int in the binding shows up as steady growth."""
    import gc
    import sys

    for _ in range(warmup):
        exercise()
    counts = []
    for _ in range(6):
        for _ in range(batch):
            exercise()
        gc.collect()
        counts.append(len(gc.get_objects()))
    assert len(set(counts[2:])) == 1, counts
    # every object, not only containers: a leaked str or int shows here
    blocks = []
    for _ in range(4):
        for _ in range(500):
            exercise()
        gc.collect()
        blocks.append(sys.getallocatedblocks())
    assert blocks[-1] - blocks[1] < 100, blocks


@pytest.fixture
def no_leaks():
    """The leak check as a fixture: no_leaks(exercise)."""
    return _assert_no_leaks
