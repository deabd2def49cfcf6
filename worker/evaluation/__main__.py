"""``python -m worker.evaluation``: see ``worker.evaluation.run``."""

from worker.evaluation.run import main

raise SystemExit(main())
