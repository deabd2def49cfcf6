"""Tests of quotelens. A package, so tests import their helpers by name
(``from tests.worker.qlfakes import ...``; the process launcher: ``from scripts.stack import
...``), with no ``sys.path`` edits."""
