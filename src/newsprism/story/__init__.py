"""Across the articles of one story: entities, publication dates, alignment, independence, comparison, agreements
and divergences, timeline and summary. Each stage takes a ``Story`` and returns a new one."""
