"""setup.py — builds the CPython extension tinyyes._tinyyes.

Project metadata lives in pyproject.toml; this file only describes the C
extension, because its flags come from pkg-config. pkg-config is asked only
when the extension is compiled (build_ext), never at import, so an sdist and
the package metadata build on a machine without pkg-config or the -dev
packages. The core is compiled from the one amalgamation file
(csrc/tinyyes.c), exactly as the Makefile and binding.gyp do, so the three
builds cannot drift apart.
"""

import glob
import os
import shlex
import subprocess

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))

# Native libraries the core links against (pkg-config names); the core
# parses JSON itself, so utf8proc is the only one.
NATIVE_DEPS = ("libutf8proc",)

# What provides them with their headers and .pc files, per system.
INSTALL_HINT = (
    "Install the C library utf8proc with its headers, and pkg-config:\n"
    "  Debian/Ubuntu:  apt-get install pkg-config libutf8proc-dev\n"
    "  Fedora:         dnf install pkgconf-pkg-config utf8proc-devel\n"
    "  Alpine:         apk add pkgconf utf8proc-dev\n"
    "  Homebrew:       brew install pkg-config utf8proc\n"
    "or install a prebuilt wheel (Linux x86-64), which bundles it."
)


def _fail(msg):
    raise SystemExit("tinyyes: %s\n%s" % (msg, INSTALL_HINT))


def _pkg_config(*args):
    """pkg-config's output for args, split into words."""
    try:
        out = subprocess.run(
            ["pkg-config", *args], check=True, capture_output=True, text=True
        ).stdout
    except FileNotFoundError:
        _fail("pkg-config is not installed, so utf8proc cannot be found.")
    return shlex.split(out)


def _native_flags():
    """Splits pkg-config output into the fields setuptools wants."""
    _pkg_config("--version")  # fails clearly when pkg-config itself is absent
    missing = [name for name in NATIVE_DEPS
               if subprocess.run(["pkg-config", "--exists", name]).returncode != 0]
    if missing:
        _fail("pkg-config cannot find %s." % ", ".join(missing))
    flags = {"include_dirs": [], "library_dirs": [], "libraries": [],
             "extra_compile_args": [], "extra_link_args": [], "define_macros": []}
    for tok in _pkg_config("--cflags", *NATIVE_DEPS):
        if tok.startswith("-I"):
            flags["include_dirs"].append(tok[2:])
        elif tok.startswith("-D"):
            key, _, val = tok[2:].partition("=")
            flags["define_macros"].append((key, val or None))
        else:
            flags["extra_compile_args"].append(tok)
    for tok in _pkg_config("--libs", *NATIVE_DEPS):
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


class BuildExt(build_ext):
    """build_ext that asks pkg-config for utf8proc's flags
    just before compiling, and adds them to every extension."""

    def build_extensions(self):
        flags = _native_flags()
        for ext in self.extensions:
            for key, value in flags.items():
                getattr(ext, key).extend(value)
        super().build_extensions()


def _extension():
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
        include_dirs=["csrc/include"],
        # the core is compiled into the extension: it exports none of it
        define_macros=[("TY_API", "")],
        extra_compile_args=_build_flags(),
    )


setup(ext_modules=[_extension()], cmdclass={"build_ext": BuildExt})
