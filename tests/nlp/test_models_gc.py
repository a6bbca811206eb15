"""A loaded model is out of the cyclic collector's walk (gc.freeze), and a cycle made after it is still collected."""

from __future__ import annotations

import gc
import weakref


class Node:
    pass


def test_loaded_models_are_frozen_and_later_cycles_collected(models):
    models.nlp  # noqa: B018 - load (once per session)
    frozen = gc.get_freeze_count()
    assert frozen > 100_000  # spaCy's objects, at least
    a, b = Node(), Node()
    a.other, b.other = b, a
    ref = weakref.ref(a)
    del a, b
    gc.collect()
    assert ref() is None
    # a collection does not thaw the models (gc.unfreeze would empty the permanent generation); the count may
    # still fall a little, as frozen objects that other tests release by reference counting leave it
    assert gc.get_freeze_count() > 0.9 * frozen
