"""Tests: deploy."""
