"""Everything that reads `rasid/data/`: the one loader of data files and the small tables and word
lists (`tables`), the lexicon files (`lexicon`) and the scanner that finds them in a document
(`scanner`, with the plain definition it implements beside it, `reference_matcher`), the gazetteer,
the actor dictionary, and the PLOVER → ACLED / CAMEO mappings. Nothing here reads a document's
analysis; the pipeline asks these for what it needs (`pipeline.analysis` names the dictionaries it
scans together)."""
