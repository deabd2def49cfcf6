"""Tests: checker."""
