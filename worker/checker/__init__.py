"""Cross-source quote checking: which quotes are the same quotation, and do they agree.

Pure Python on purpose (no spaCy, Celery, database or HTTP): the CLI, the Celery task and the
tests all run the same code in milliseconds. The one entry is ``build_report`` (``build.py``);
the report it returns is ``report.py``. The stages, in the order a quote meets them:

- ``text/``: a quote as comparable words (``normalise``, ``spelling``, ``vocabulary``);
- ``candidates/``: which pairs are worth aligning (``blocking``, ``prefilter``);
- ``matching/``: link rules, alignment, clusters and diffs (``wording``, ``linker``, ``cluster``);
- ``speakers/``: one identity per speaker, stand-ins and the outlets' consensus;
- ``primary/``: every quote checked against the primary sources.

The report's ``stats.candidate_pairs`` is the number of pairs blocking let through (for
``make bench``).
"""

from worker.checker.build import build_report

__all__ = ["build_report"]
