"""Scoring the pipeline against hand-written gold annotations (``make eval``).

Pure Python and independent of spaCy and the checker internals: ``words`` tokenises and aligns,
``gold`` loads annotations, ``report`` reads what the pipeline reported, ``extraction`` and
``comparison`` compute the metrics of ``/work/shared/gold/FORMAT.md``, ``score`` sums them,
``pipeline`` runs the real pipeline on a story, ``errors`` lists what it got wrong, ``realnews``
scores the real-news set, ``table`` lays out the text tables and ``run`` is the command line.
"""
