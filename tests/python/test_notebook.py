"""examples/prototype.ipynb, executed headless with nbclient (installed by
`make test-python`): every cell runs without an error, and the displays a
notebook user sees are there: the playbook's intents and flow graph, the
simulated chat, lint tables and the metrics funnel (HTML and SVG)."""

import pathlib
import xml.dom.minidom

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is installed by `make test-python`")
nbclient = pytest.importorskip("nbclient", reason="nbclient is installed by `make test-python`")

import tinyyes  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]


def _outputs(cell, kind):
    return [o["data"][kind] for o in cell.outputs if kind in o.get("data", {})]


def test_prototype_notebook_runs():
    nb = nbformat.read(str(REPO / "examples" / "prototype.ipynb"), as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(REPO)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    for c in code:
        assert not [o for o in c.outputs if o.output_type == "error"], c.source
    by_source = {c.source.splitlines()[-1]: c for c in code}
    playbook = _outputs(by_source['pb  # its intents, and each flow as a graph'], "text/html")[0]
    assert "Fern Street Hair" in playbook and "<svg" in playbook and "asks day" in playbook
    chat = _outputs(by_source["chat"], "text/html")[0]
    assert "I&#x27;d like a haircut" in chat and "1d later" in chat
    assert "you: Sam" in "".join(o.get("text", "") for o in by_source["print(chat)"].outputs)
    lint = _outputs(code[6], "text/html")[0]
    assert "TY008" in lint and "<table" in lint
    funnel = _outputs(by_source["res"], "image/svg+xml")[0]
    xml.dom.minidom.parseString(funnel)
    assert "booking.when" in funnel


def test_simulate_is_deterministic_and_matches_the_chat_cli():
    pb = tinyyes.Playbook.default()
    script = "hi\nI'd like a tune-up\n/wait 2d\nsaturday"
    a, b = tinyyes.simulate(pb, script), tinyyes.simulate(pb, script.splitlines())
    assert str(a) == str(b) and a.state == b.state and a.events == b.events
    assert [t["who"] for t in a.turns][:3] == ["customer", "bot", "customer"]
    assert any(t["who"] == "note" and t["text"] == "2d later" for t in a.turns)
    assert a.metrics()["conversations"] == 1
    with pytest.raises(TypeError):
        tinyyes.simulate(pb, ["hi", 7])


def test_findings_are_a_list_with_a_table():
    found = tinyyes.lint("Only today! Let me know.")
    assert isinstance(found, list) and found == list(found)
    assert "TY008" in found._repr_html_() and "<table" in found._repr_html_()
    assert tinyyes.lint("Which day suits you?")._repr_html_() == "<p>No findings.</p>"
