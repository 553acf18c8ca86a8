"""States saved before an edit of their playbook (tests/vectors/state_edits.json,
docs/playbook.md "Editing a live playbook"): stepping them on the edited
playbook, and migrating them, give exactly the vector's result or error;
plus state expiry (state_ttl) and migrating a signed state."""

import datetime
import json
import pathlib

import pytest

import tinyyes

DOC = json.loads((pathlib.Path(__file__).resolve().parents[1] / "vectors" / "state_edits.json").read_text("utf-8"))


def _error(fn):
    with pytest.raises(tinyyes.Error) as info:
        fn()
    e = info.value
    return {"code": e.code, "reason": e.reason, "path": e.path, "message": str(e)}


def test_the_saved_state_is_what_the_base_playbook_leaves():
    pb = tinyyes.Playbook(DOC["before"]["playbook"])
    state = None
    for ev in DOC["before"]["events"]:
        state = pb.step(state, ev)["state"]
    assert state == DOC["state"]


@pytest.mark.parametrize("case", DOC["tests"], ids=[c["name"] for c in DOC["tests"]])
def test_state_edit_vector(case):
    pb = tinyyes.Playbook(case["after"])
    if "error" in case["step"]:
        assert _error(lambda: pb.step(DOC["state"], DOC["next"])) == case["step"]["error"]
    else:
        assert pb.step(DOC["state"], DOC["next"]) == case["step"]["expected"]
    at = case["migrate"]["at"]
    if "error" in case["migrate"]:
        assert _error(lambda: pb.migrate(DOC["state"], at=at)) == case["migrate"]["error"]
    else:
        assert pb.migrate(DOC["state"], at=at) == case["migrate"]["expected"]


def test_state_ttl_expires_states():
    first = DOC["before"]["events"][0]
    for ttl in (3600, datetime.timedelta(hours=1)):
        pb = tinyyes.Playbook(DOC["before"]["playbook"], state_ttl=ttl)
        state = pb.step(None, first)["state"]
        assert state["expires"] == first["at"] + 3600
        pb.step(state, dict(DOC["next"], at=first["at"] + 3599))
        err = _error(lambda: pb.step(state, dict(DOC["next"], at=first["at"] + 3600)))
        assert (err["code"], err["reason"], err["path"]) == ("TY_STATE", "expired", "state.expires")
    with pytest.raises(ValueError):
        tinyyes.Playbook(DOC["before"]["playbook"], state_ttl=-1)


def test_a_signed_state_migrates():
    secret = b"shop-secret"
    before = tinyyes.Playbook(DOC["before"]["playbook"], secret=secret)
    state = None
    for ev in DOC["before"]["events"]:
        state = before.step(state, ev)["state"]
    edit = next(c for c in DOC["tests"] if c["name"] == "remove_pending_step")
    after = tinyyes.Playbook(edit["after"], secret=secret)
    r = after.migrate(state, at=edit["migrate"]["at"])
    assert isinstance(r["state"]["sig"], str)
    after.step(r["state"], {"type": "tick", "at": edit["migrate"]["at"] + 1})  # the new signature verifies
    assert _error(lambda: after.migrate(dict(state, slots={}), at=edit["migrate"]["at"]))["reason"] == "signature"
    other = tinyyes.Playbook(next(c for c in DOC["tests"] if c["name"] == "another_playbook")["after"], secret=secret)
    assert _error(lambda: other.step(state, DOC["next"]))["path"] == "state.playbook"
