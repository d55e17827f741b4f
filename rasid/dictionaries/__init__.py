"""Everything that reads `rasid/data/`: the loader and the small tables and word lists (tables.py),
the lexicon files and their clitic-aware matcher, the gazetteer, the actor dictionary, and the
PLOVER → ACLED / CAMEO mappings. Nothing here reads a document's analysis; the pipeline asks these
for what it needs."""
