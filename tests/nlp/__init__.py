"""Tests: nlp."""
