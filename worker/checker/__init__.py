"""Cross-source quote checking: which quotes are the same quotation, and do they agree.

Pure Python on purpose (no spaCy, Celery, database or HTTP): the CLI, the Celery task and the
tests all run the same code in milliseconds. Entry point: ``build_report``; the report's
``stats.candidate_pairs`` is the number of pairs blocking let through (for ``make bench``).
"""

from worker.checker.build import build_report
from worker.checker.candidates.blocking import BlockingConfig
from worker.checker.matching.wording import LinkRules
from worker.checker.report import SCHEMA_ID, Report, json_schema

__all__ = ["SCHEMA_ID", "BlockingConfig", "LinkRules", "Report", "build_report", "json_schema"]
