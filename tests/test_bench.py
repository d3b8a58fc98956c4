"""The field layer's figure of `make bench`: timed on every distinct item, warm."""

from __future__ import annotations

import sys

from .conftest import ROOT, SAMPLE_WARCS

sys.path.insert(0, str(ROOT / "tools"))
from bench import field_layer


def test_the_field_layer_is_timed_on_every_distinct_item_of_the_sample(tmp_path):
    figures = field_layer(tmp_path / "parts", SAMPLE_WARCS, min_seconds=0)
    assert figures["items"] > 100
    assert figures["passes"] == 3
    assert figures["warm"] > 0
