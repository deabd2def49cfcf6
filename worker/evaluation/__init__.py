"""Scoring the pipeline against hand-written gold annotations (``make eval``).

Pure Python and independent of spaCy and the checker internals: ``words`` tokenises and aligns,
``gold`` loads annotations, ``report`` reads what the pipeline reported, ``extraction`` and
``comparison`` compute the metrics of ``/work/shared/gold/FORMAT.md``, ``score`` sums them and
``run`` drives the real pipeline and prints the results.
"""
