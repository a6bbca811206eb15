"""Words that say why someone acted: the aim or the reason of an act, told inside the statement of the act."""

# Phrases that open an aim or a reason ("closed the bridge in response to the flooding", "raised rates in a bid to
# slow inflation"), read from the preposition that heads them. "after …" and "amid …" say when, not why: left out.
AIM_PHRASES = frozenset("""
in order to|so as to|in an effort to|in a bid to|in an attempt to|as a way to|as a means to|with the aim of|
in hopes of|in the hope of|in the hopes of|aimed at|in response to|in reaction to|in retaliation for|in protest at|
in protest against|because of|due to|as part of|for fear of|for the sake of
""".replace("\n", "").split("|")) - {""}
# Conjunctions that open a reason or an aim clause ("… because cartels smuggle people", "… so that trucks are safe").
AIM_MARKS = frozenset({"because", "so"})
