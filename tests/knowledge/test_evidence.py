"""Evidence for an app: the strongest of each kind is kept with its reason, and the kinds combine as a noisy-OR."""
import pytest

from pindesk.knowledge.answer import Reason
from pindesk.knowledge.evidence import KINDS, Evidence
from pindesk.knowledge.tuning import Tuning

CEILINGS = Tuning().ceilings
IN_ORDER = tuple(CEILINGS[kind] for kind in KINDS)  # as noisy_or takes them


def test_the_stronger_evidence_of_a_kind_replaces_the_weaker_and_its_reason():
    ev = Evidence()
    ev.offer("name", 0.6, Reason("name", "Signal", "signal"))
    ev.offer("name", 0.9, Reason("name", "Signal", "signl"))
    ev.offer("name", 0.5, Reason("name", "Signal", "sig"))
    assert ev.name == 0.9 and [r.matched for r in ev.why] == ["signl"]


def test_one_kind_alone_is_capped_by_its_ceiling():
    assert Evidence(name=1.0).noisy_or(*IN_ORDER) == pytest.approx(CEILINGS["name"])
    assert Evidence(text=1.0).noisy_or(*IN_ORDER) == pytest.approx(CEILINGS["text"])


def test_kinds_that_agree_add_up_but_never_reach_certainty():
    both = Evidence(name=1.0, error=1.0).noisy_or(*IN_ORDER)
    assert max(CEILINGS["name"], CEILINGS["error"]) < both < 1.0
    assert Evidence().noisy_or(*IN_ORDER) == 0.0
    # text and description alone: the same value as with every factor written out
    ev = Evidence(text=0.5, description=0.25)
    assert ev.noisy_or(*IN_ORDER) == pytest.approx(1.0 - (1.0 - CEILINGS["text"] * 0.5)
                                                    * (1.0 - CEILINGS["description"] * 0.25))
