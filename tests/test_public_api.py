"""The package's public names are exactly those in ``__all__`` and all of them resolve."""

import newsprism


def test_public_api_all_names_resolve():
    for name in newsprism.__all__:
        assert hasattr(newsprism, name), name


def test_public_api_records_are_frozen():
    import dataclasses

    for name in ("Article", "Span", "Quote", "Figure", "TimeExpr", "Story", "Divergence"):
        cls = getattr(newsprism, name)
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen, name
