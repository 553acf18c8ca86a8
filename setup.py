"""setup.py — builds the CPython extension tinyyes._tinyyes.

Project metadata lives in pyproject.toml; this file only describes the C
extension, because its flags come from pkg-config at build time. The core is
compiled from the one amalgamation file (csrc/tinyyes.c), exactly as the
Makefile and binding.gyp do, so the three builds cannot drift apart.
"""

import glob
import os
import shlex
import subprocess
import sys

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))

# Native libraries the core links against: pkg-config name -> Debian package.
NATIVE_DEPS = (("libcjson", "libcjson-dev"), ("libutf8proc", "libutf8proc-dev"))


def _fail(msg):
    raise SystemExit("tinyyes: %s" % msg)


def _pkg_config(*args):
    try:
        out = subprocess.run(
            ["pkg-config", *args], check=True, capture_output=True, text=True
        ).stdout
    except FileNotFoundError:
        _fail(
            "pkg-config is not installed; install the Debian package pkg-config "
            "(apt-get install pkg-config libcjson-dev libutf8proc-dev)"
        )
    return shlex.split(out)


def _native_flags():
    """Splits pkg-config output into the fields setuptools wants."""
    _pkg_config("--version")  # fails clearly when pkg-config itself is absent
    missing = [(name, deb) for name, deb in NATIVE_DEPS
               if subprocess.run(["pkg-config", "--exists", name]).returncode != 0]
    if missing:
        _fail(
            "pkg-config cannot find %s; install the Debian package(s) %s (apt-get install %s)"
            % (", ".join(n for n, _ in missing), ", ".join(d for _, d in missing),
               " ".join(d for _, d in missing))
        )
    names = [name for name, _ in NATIVE_DEPS]
    flags = {"include_dirs": [], "library_dirs": [], "libraries": [],
             "extra_compile_args": [], "extra_link_args": [], "define_macros": []}
    for tok in _pkg_config("--cflags", *names):
        if tok.startswith("-I"):
            flags["include_dirs"].append(tok[2:])
        elif tok.startswith("-D"):
            key, _, val = tok[2:].partition("=")
            flags["define_macros"].append((key, val or None))
        else:
            flags["extra_compile_args"].append(tok)
    for tok in _pkg_config("--libs", *names):
        if tok.startswith("-L"):
            flags["library_dirs"].append(tok[2:])
        elif tok.startswith("-l"):
            flags["libraries"].append(tok[2:])
        else:
            flags["extra_link_args"].append(tok)
    return flags


def _build_flags():
    """The language, warning and visibility flags every build uses
    (csrc/build-flags.txt; the Makefile adds -Werror, which Python's own
    headers and CFLAGS, varying by build, do not allow here)."""
    with open(os.path.join(HERE, "csrc", "build-flags.txt"), encoding="utf-8") as f:
        return f.read().split()


def _rel(paths):
    return sorted(os.path.relpath(p, HERE) for p in paths)


def _extension():
    flags = _native_flags()
    # setuptools decides "up to date" from sources + depends only; the
    # amalgamation #includes every module, so list them all or an edit to
    # csrc/src/*.c would leave a stale extension in an in-tree build.
    depends = _rel(
        glob.glob(os.path.join(HERE, "csrc", "**", "*.[ch]"), recursive=True)
        + glob.glob(os.path.join(HERE, "python", "tinyyes", "*.h"))
    )
    return Extension(
        "tinyyes._tinyyes",
        sources=["python/tinyyes/_tinyyes.c", "csrc/tinyyes.c"],
        depends=depends,
        include_dirs=["csrc/include"] + flags["include_dirs"],
        library_dirs=flags["library_dirs"],
        libraries=flags["libraries"],
        # the core is compiled into the extension: it exports none of it
        define_macros=flags["define_macros"] + [("TY_API", "")],
        extra_compile_args=_build_flags() + flags["extra_compile_args"],
        extra_link_args=flags["extra_link_args"],
    )


setup(ext_modules=[_extension()])
