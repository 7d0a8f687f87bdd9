"""Reusable widgets of the review UI, each with a small ``DEFAULT_CSS``."""
