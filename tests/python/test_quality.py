"""The quality vectors (tests/vectors/conversations/quality/*.json, format in
quality_runner.py) through the Python binding: one test per customer, named
by the customer. A customer passes when every expectation holds and it has
no false or missed opt-out, no false handoff, no off-topic message acted on
and no verbatim repeat. `make quality` prints the same runs as a table."""

import pytest

import quality_runner


def _customers():
    files = quality_runner.vector_files()
    if not files:
        return [pytest.param(None, None, marks=pytest.mark.skip(reason="no vectors in %s yet"
                                                                 % quality_runner.quality_dir()), id="absent")]
    params = []
    for path in files:
        doc = quality_runner.load_vector(path)
        for customer in doc["customers"]:
            params.append(pytest.param((path.name, doc["playbook"]), customer, id=customer["name"]))
    return params


@pytest.mark.parametrize("vector, customer", _customers())
def test_quality_customer(vector, customer):
    file, playbook = vector
    outcome = quality_runner.run_customer(quality_runner.playbook(playbook), customer, file)
    if customer.get("known_gap"):  # a failure we know of: it must still fail
        assert not outcome.passed, "%s is marked known_gap but passes now: remove the mark" % customer["name"]
    else:
        assert outcome.passed, outcome.report()
