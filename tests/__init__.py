"""Tests of quotelens. A package, so tests import their helpers by name
(``from tests.worker.qlstack import ...``), with no ``sys.path`` edits."""
