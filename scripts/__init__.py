"""Developer scripts (``make run``, ``make load``, ``make bench``). A package so that the tests
import the stack launcher by name (``from scripts.stack import ...``) and the entry points run
as modules from the repository (``python -m scripts.run_stack``), with no ``sys.path`` edits."""
