"""Per-article extraction: each module reads one article's spaCy ``Doc`` and adds one kind of fact.

sentences -> mentions -> figures -> quotes -> times; claims (clause frames) are read from the same ``Doc`` by the
story stage that compares them.
"""
