"""A smoke test of bench/simulate_variants.py (``make simulate``): 50
simulated conversations through Playbook.step and Metrics, so the script
keeps working; the 2,000-conversation table is ``make simulate``'s."""

import importlib.util
import io
import contextlib
import pathlib

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "bench" / "simulate_variants.py"


def _load():
    spec = importlib.util.spec_from_file_location("simulate_variants", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fifty_conversations():
    sim = _load()
    res = sim.run(conversations=50, seed=3)
    assert res["conversations"] == 50
    menu = [r for r in res["variants"] if (r["flow"], r["step"]) == ("welcome", "menu")]
    # every conversation is asked the menu once, in one of its two wordings
    assert [r["variant"] for r in menu] == ["text", "v1"] and sum(r["asks"] for r in menu) == 50
    for r in res["variants"]:
        assert r["commits"] <= r["replies"] <= r["asks"]
        low, high = r["reply_rate_ci"]
        assert low <= r["reply_rate"] <= high
    assert sim.run(conversations=50, seed=3) == res  # the seed makes it repeatable


def test_prints_the_table():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert _load().main(["--conversations", "20"]) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "20 simulated booking conversations on the default playbook (seed 7)"
    head = [i for i, line in enumerate(lines) if line.startswith("step ")]
    assert head and "reply" in lines[head[0]] and "median to next step" in lines[head[0]]
    assert lines[head[0] + 2].startswith("welcome.menu   welcome        text")
