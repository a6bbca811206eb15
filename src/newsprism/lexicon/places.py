"""Words that mark a place: kinds of place, natural features, place prepositions and verbs."""

# The recogniser's labels of a place (a country or city, a natural location, a facility).
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Common nouns that name a kind of place: "the city of X", "X region", "the capital, X" (mentions).
PLACE_NOUNS = frozenset({
    "city", "town", "village", "region", "province", "oblast", "district", "county", "state", "country", "capital",
    "port", "island", "peninsula", "river", "sea", "lake", "mountain", "mountains", "valley", "suburb", "suburbs",
    "settlement", "municipality", "republic", "territory", "area", "border", "frontier", "neighbourhood",
    "neighborhood", "borough", "prefecture", "governorate", "canton", "commune", "hamlet", "square", "street",
    "regions", "provinces", "cities", "towns", "villages", "districts", "states", "countries", "islands",
})
# Things a side can leave or hold, for "withdraw from X" as a withdrawal (claims): places and sites, singular.
HELD_PLACES = frozenset({"city", "town", "region", "bank", "area", "village", "country", "capital", "province", "port",
                         "territory", "base", "building", "site", "district", "office", "post"})
# Natural features: names ending so are LOC ("Dnieper River").
FEATURE_WORDS = frozenset({"river", "sea", "lake", "mountains", "mountain", "peninsula", "island", "islands", "bay",
                           "gulf", "strait", "straits", "ocean", "valley", "desert", "canal", "channel", "delta"})
# Prepositions that put a name in a place role: "in X", "from X", "across X".
PLACE_PREPS = frozenset({"in", "into", "from", "across", "near", "toward", "towards", "outside", "inside", "around",
                         "throughout", "within", "through", "via"})
# Verbs whose object is a place in reports of conflict, travel and disaster: "seized X", "liberate X".
PLACE_VERBS = frozenset({"seize", "capture", "recapture", "liberate", "annex", "invade", "occupy", "enter",
                         "reach", "retake", "leave", "flee", "evacuate", "shell", "bomb", "visit", "besiege",
                         "encircle", "surround", "abandon", "reclaim", "conquer", "control", "cross", "storm"})
# Nouns for which a possessive name is an owner-state: "Kyiv's forces".
STATE_POSSESSIONS = frozenset({"forces", "army", "troops", "military", "government", "capital", "border", "borders",
                               "territory", "economy", "navy", "soldiers", "president", "people", "parliament",
                               "embassy", "regions", "region", "cities", "allies", "invasion", "annexation"})
