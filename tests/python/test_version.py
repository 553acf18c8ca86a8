"""One version number, everywhere the same.

The source is TY_VERSION in csrc/include/tinyyes.h; scripts/version.py
lists the copies (pyproject.toml, package.json) and sets them all. Here:
the header's macros agree with each other and with both copies, the
installed Python package reports it (tinyyes.__version__ comes from
ty_version() at run time, the distribution's metadata from pyproject.toml),
the Node addon reports it, and tinyyes.pc gets it from the header (the
installed library's pkg-config version and ty_version() are checked by
tests/c/lib_check.sh in make test-c-lib).
"""

import importlib.metadata
import importlib.util
import pathlib
import re
import shutil
import subprocess

import pytest

import tinyyes

REPO = pathlib.Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("tinyyes_version_script", REPO / "scripts" / "version.py")
version_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(version_script)

HEADER = (REPO / "csrc" / "include" / "tinyyes.h").read_text(encoding="utf-8")
SOURCE = re.search(r'^#define TY_VERSION "([^"]*)"$', HEADER, re.M).group(1)


def test_source_is_a_semantic_version():
    assert re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)", SOURCE), SOURCE
    major, minor, patch = (int(x) for x in SOURCE.split("."))
    assert minor < 100 and patch < 100  # TY_VERSION_NUMBER packs them in two digits each


def test_every_copy_equals_the_header():
    found = version_script.versions()
    assert found == {place: SOURCE for place in found}, found


def test_python_reports_the_library_version():
    assert tinyyes.__version__ == SOURCE
    assert importlib.metadata.version("tinyyes") == SOURCE


def test_node_reports_the_library_version():
    node = shutil.which("node")
    if not node or not (REPO / "build" / "Release" / "tinyyes.node").exists():
        pytest.skip("the Node addon is not built (make build-node); tests/node checks it there")
    out = subprocess.run([node, "-p", "require('./').version"], cwd=REPO, capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == SOURCE


def test_pkg_config_file_takes_the_header_version():
    assert "Version: @VERSION@" in (REPO / "tinyyes.pc.in").read_text(encoding="utf-8")
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^VERSION := .*TY_VERSION.*csrc/include/tinyyes\.h", makefile, re.M)


def test_set_writes_every_place(tmp_path):
    for rel in ("csrc/include/tinyyes.h", "pyproject.toml", "package.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, tmp_path / rel)
    version_script.set_version("3.14.15", repo=tmp_path)
    assert set(version_script.versions(repo=tmp_path).values()) == {"3.14.15"}
    header = (tmp_path / "csrc/include/tinyyes.h").read_text(encoding="utf-8")
    assert "#define TY_VERSION_MINOR 14\n" in header and SOURCE not in header
    with pytest.raises(SystemExit):
        version_script.set_version("3.14", repo=tmp_path)


def test_check_fails_when_a_copy_differs(tmp_path):
    for rel in ("csrc/include/tinyyes.h", "pyproject.toml", "package.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, tmp_path / rel)
    pkg = tmp_path / "package.json"
    pkg.write_text(pkg.read_text(encoding="utf-8").replace('"version": "%s"' % SOURCE, '"version": "9.9.9"', 1),
                   encoding="utf-8")
    found = version_script.versions(repo=tmp_path)
    assert found["package.json"] == "9.9.9" and len(set(found.values())) == 2


def test_python_metadata_names_the_licence_and_repository():
    meta = importlib.metadata.metadata("tinyyes")
    assert meta["License-Expression"] == "MIT"
    assert any(u.startswith("Repository, https://github.com/tinyyes/tinyyes") for u in meta.get_all("Project-URL"))
    files = [str(f) for f in importlib.metadata.files("tinyyes")]
    assert any(f.endswith("licenses/LICENSE") for f in files), files
    assert "tinyyes/playbook.schema.json" in files
