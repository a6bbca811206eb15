"""Word lists, one module per kind, with named subsets where stages need different ones on purpose."""
