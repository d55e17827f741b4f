"""Actor dictionary and actor phrases (see lexicon.py and phrases.py)."""

from .lexicon import ActorDataError, actor_matcher, countries, countries_in, validate
from .phrases import Cue, Phrase, find_phrases

__all__ = ["ActorDataError", "Cue", "Phrase", "actor_matcher", "countries", "countries_in", "find_phrases", "validate"]
