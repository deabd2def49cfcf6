"""Quote extraction: find direct quotes, attribute them and resolve their speakers.

Pure Python over spaCy; no Celery, database or HTTP imports, so the CLI, the tests and the
Celery tasks share one behaviour.
"""

from worker.nlp.extract import extract_article, extract_articles

__all__ = ["extract_article", "extract_articles"]
