"""Words that say why someone acted: the aim or the reason of an act, told inside the statement of the act."""

# Phrases that open an aim or a reason ("closed the bridge in response to the flooding", "raised rates in a bid to
# slow inflation"), read from the preposition that heads them. "after …" and "amid …" say when, not why: left out.
AIM_PHRASES = frozenset("""
in order to|so as to|in an effort to|in a bid to|in an attempt to|as a way to|as a means to|with the aim of|
in hopes of|in the hope of|in the hopes of|aimed at|in response to|in reaction to|in retaliation for|in protest at|
in protest against|because of|due to|as part of|for fear of|for the sake of
""".replace("\n", "").split("|")) - {""}
# Nouns of an act that take its aim as an infinitive ("the governor's initiative to stem trafficking", "an effort to
# tackle smuggling").
AIM_NOUNS = frozenset("effort initiative bid attempt push move campaign drive plan measure operation crackdown "
                      "strategy programme program policy scheme".split())
# Conjunctions that open a reason or an aim clause ("… because cartels smuggle people", "… so that trucks are safe").
AIM_MARKS = frozenset({"because", "so"})
