#!/usr/bin/env python3
"""version.py — the one version number of tinyyes and its copies.

The source is csrc/include/tinyyes.h (TY_VERSION_MAJOR, _MINOR, _PATCH and
the string TY_VERSION, which ty_version() returns and both bindings expose).
The Makefile reads it for libtinyyes.so.X.Y.Z and tinyyes.pc; two files that
cannot read a C header carry a copy: pyproject.toml and package.json.

    scripts/version.py            prints every place and its version; exit 1
                                  when they differ
    scripts/version.py set 0.2.0  writes 0.2.0 into the header and both copies
"""

import json
import pathlib
import re
import sys

REPO = pathlib.Path(__file__).resolve().parents[1]
HEADER = REPO / "csrc" / "include" / "tinyyes.h"
PYPROJECT = REPO / "pyproject.toml"
PACKAGE = REPO / "package.json"
VERSION_RE = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


def header_versions(text):
    """{"TY_VERSION": "x.y.z", "TY_VERSION_MAJOR.MINOR.PATCH": "x.y.z"} from the header."""
    parts = [re.search(r"^#define TY_VERSION_%s (\d+)$" % p, text, re.M) for p in ("MAJOR", "MINOR", "PATCH")]
    string = re.search(r'^#define TY_VERSION "([^"]*)"$', text, re.M)
    out = {}
    if all(parts):
        out["tinyyes.h TY_VERSION_MAJOR/MINOR/PATCH"] = ".".join(m.group(1) for m in parts)
    if string:
        out["tinyyes.h TY_VERSION"] = string.group(1)
    return out


def pyproject_version(text):
    m = re.search(r'^\[project\][^\[]*?^version = "([^"]*)"$', text, re.M | re.S)
    return m.group(1) if m else None


def versions(repo=REPO):
    """Each place that states the version -> the version it states (None
    when it states none)."""
    header = header_versions((repo / "csrc" / "include" / "tinyyes.h").read_text(encoding="utf-8"))
    out = {
        "tinyyes.h TY_VERSION_MAJOR/MINOR/PATCH": header.get("tinyyes.h TY_VERSION_MAJOR/MINOR/PATCH"),
        "tinyyes.h TY_VERSION": header.get("tinyyes.h TY_VERSION"),
        "pyproject.toml": pyproject_version((repo / "pyproject.toml").read_text(encoding="utf-8")),
        "package.json": json.loads((repo / "package.json").read_text(encoding="utf-8")).get("version"),
    }
    return out


def set_version(new, repo=REPO):
    """Writes version `new` into the header and both copies."""
    m = VERSION_RE.match(new)
    if not m:
        raise SystemExit("version.py: %r is not MAJOR.MINOR.PATCH" % new)
    header = repo / "csrc" / "include" / "tinyyes.h"
    text = header.read_text(encoding="utf-8")
    old = header_versions(text)["tinyyes.h TY_VERSION"]
    for part, value in zip(("MAJOR", "MINOR", "PATCH"), m.groups()):
        text = re.sub(r"^#define TY_VERSION_%s \d+$" % part, "#define TY_VERSION_%s %s" % (part, value), text,
                      flags=re.M)
    text = text.replace('#define TY_VERSION "%s"' % old, '#define TY_VERSION "%s"' % new)
    text = text.replace('TY_VERSION ("%s")' % old, 'TY_VERSION ("%s")' % new)
    header.write_text(text, encoding="utf-8")
    py = repo / "pyproject.toml"
    py.write_text(re.sub(r'^version = "[^"]*"$', 'version = "%s"' % new, py.read_text(encoding="utf-8"),
                         count=1, flags=re.M), encoding="utf-8")
    pkg = repo / "package.json"
    pkg.write_text(re.sub(r'^  "version": "[^"]*"', '  "version": "%s"' % new, pkg.read_text(encoding="utf-8"),
                          count=1, flags=re.M), encoding="utf-8")


def main(argv):
    if len(argv) == 3 and argv[1] == "set":
        set_version(argv[2])
    elif len(argv) != 1:
        raise SystemExit(__doc__)
    found = versions()
    for place, v in found.items():
        print("%-42s %s" % (place, v))
    if len(set(found.values())) != 1 or None in found.values():
        raise SystemExit("version.py: the versions differ; the source is TY_VERSION in csrc/include/tinyyes.h")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
