"""Many threads on shared tinyyes objects (tests/freethreaded/stress.py).

The same script is the test that the free-threaded build's declaration
rests on (make test-freethreaded); here it runs briefly on this Python, with
the GIL, so the locks it exercises are checked on every run.
"""
import pathlib
import subprocess
import sys

STRESS = pathlib.Path(__file__).resolve().parents[1] / "freethreaded" / "stress.py"


def test_threads_share_playbook_template_and_metrics():
    out = subprocess.run([sys.executable, str(STRESS), "--seconds", "3", "--threads", "4"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "stress: ok" in out.stdout
    # it did the work it reports: every kind of call ran
    for what in ("match", "conversation", "render", "payload+lint", "metrics.add", "mutated reads"):
        assert what + " " in out.stdout, out.stdout
