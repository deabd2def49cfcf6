"""The ``quotelens`` command line: the whole pipeline in one process, no servers."""
