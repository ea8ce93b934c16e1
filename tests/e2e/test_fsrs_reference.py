"""The FSRS histories the Swift scheduler is tested against are what the pinned reference (PyPI `fsrs`) computes."""
import json

from fsrs_reference import FIXTURE, histories


def test_the_swift_schedulers_fixture_is_the_reference_output():
    with open(FIXTURE) as f:
        committed = json.load(f)
    assert committed == json.loads(json.dumps(histories()))
