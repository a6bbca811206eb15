"""Words that end an organisation's name: "Defence Ministry", "General Staff", "Espreso TV"."""

# Head words of organisations' names. Quotes read them to refuse a "speaker" that is an organisation ("Defence
# Ministry" is not a person's name even when the NER says so); mentions to label untagged names ORG.
ORG_HEADS = frozenset("""
ministry office department staff army forces force navy guard police government cabinet council agency
committee commission party parliament senate congress assembly court bank fund union association institute
university college school foundation group company corporation corp inc ltd news tv radio times post press
network media journal magazine daily herald tribune organisation organization alliance coalition federation
league authority board bureau directorate command administration service services house campaign center centre
kremlin pentagon embassy club team
""".split())

# Head words of a news medium's name or of what it printed ("this L.A. Times story", "another news agency", "the
# Associated Press"): a speaker so named relays someone's words, it is not the one who said them.
MEDIA_HEADS = frozenset("""
story report reports agency agencies newspaper paper station channel television tv radio website site outlet wire
magazine broadcaster times post press news herald tribune journal gazette daily media
""".split())

# What a business is called when a text describes it ("Dialog, an Australia-based IT services consulting company";
# "its unit Dialog"): a name so described is an organisation, whatever the recogniser guessed.
COMPANY_NOUNS = frozenset("""
company firm unit subsidiary operator carrier airline bank insurer retailer manufacturer maker startup start-up
conglomerate consultancy corporation provider developer lender chain publisher broadcaster brand business
""".split())
