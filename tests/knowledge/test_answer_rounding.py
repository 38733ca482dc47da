"""Scores and confidences are shown to three decimals exactly as Python's round() gives them."""
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from pindesk.knowledge.answer import rounded


@settings(max_examples=2000)
@given(st.floats(allow_nan=True, allow_infinity=True)
       | st.integers(-10**9, 10**9).map(lambda n: n / 2000)  # halves of the third decimal: ties
       | st.floats(-2, 2).map(lambda x: round(x, 3) + 0.0005)  # beside a tie, either way
       | st.floats(-1e-3, 1e-3))  # rounding to a zero of either sign
def test_scores_round_as_python_rounds_to_three_decimals(value):
    shown, expected = rounded(value), round(value, 3)
    assert (shown == expected and math.copysign(1, shown) == math.copysign(1, expected)) \
        or (math.isnan(shown) and math.isnan(expected))
