"""Tests of the gold scorer (worker.evaluation) and the gold thresholds of the pipeline."""
