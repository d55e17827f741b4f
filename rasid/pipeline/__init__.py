"""The pipeline: one document in, its coded events out, through small stages over one `Analysis`.

In order (`run.STAGES`; each stage declares the fields it reads and fills, and `stages.py` checks
the order once, at import):

1. `analysis` — the text layer (normalised view with a map back to the original, sentences, tokens)
   and the dictionary matches every later stage reads; `Analysis` and `Mention` carry the fields the
   stages fill;
2. `layout` — headline, dateline and where the article body ends;
3. `detect` — event mentions from trigger words, with modality, mode and the main-event flag;
4. the resolvers, each filling its own fields of every mention: `places`, `actors` (with
   `actor_mentions` and `actor_phrases`), `dates`, `counts`, `claims`;
5. `assemble` — background dropped, re-mentions merged, contract events built (`records`).
"""

from .run import extract, process, result_for

__all__ = ["extract", "process", "result_for"]
