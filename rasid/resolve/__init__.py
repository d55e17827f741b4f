"""Resolvers: each fills its own fields of the detected mentions (actors, places, dates, counts,
claims) from the same Analysis, never re-reading the raw text its own way."""
