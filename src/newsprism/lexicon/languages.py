"""Languages an article may be written in, told apart by script (Chinese, Japanese, Korean) or, in Latin script,
by their commonest words: what story grouping needs to know to compare an article with a story told in another
language (a Malay report and an English one share few words but are one story)."""

# The commonest short words of each language (articles, prepositions, conjunctions, auxiliaries): a few in a
# title and first sentence tell the language. Words two languages share ("de", "in") count for both.
FUNCTION_WORDS = {
    "en": frozenset("the and of to in is that for on with was as by at from has have are were be it this an after "
                    "its will said who".split()),
    "ms": frozenset("yang dan di ini itu untuk dengan dalam pada tidak akan dari oleh kepada telah juga ke bagi "
                    "mereka adalah selepas serta atau".split()),  # Malay and Indonesian
    "es": frozenset("el la los las de que y en del por con para una es se al como más fue".split()),
    "fr": frozenset("le la les des de du et est un une que qui dans pour pas sur au avec par été".split()),
    "de": frozenset("der die das und ist nicht mit den dem von zu ein eine auf für sich des im wurde".split()),
    "pt": frozenset("o os as de que e do da em um uma para com não por dos das no na foi".split()),
    "it": frozenset("il lo gli le di che e è la del della un una per con non sono nel".split()),
    "nl": frozenset("de het een en van in is dat op te met voor niet zijn er aan werd".split()),
}
