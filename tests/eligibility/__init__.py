"""Tests of the eligibility engine (pure Python, no running server needed)."""
