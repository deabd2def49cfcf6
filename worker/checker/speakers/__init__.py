"""Speakers: who said it, across the story's articles and against a primary source.

``unify`` merges the names outlets give one speaker (``Trump`` = ``Donald Trump``) with
``name_match`` for spellings; ``kinds`` marks names that stand in for a speaker (a document, a
country, a wire service); ``consensus`` weighs the outlets' attributions of one quotation; and
``primary_fit`` says whether a name an outlet gives is a primary source's speaker. Their word
lists are ``worker.lexicon``, shared with extraction.
"""
