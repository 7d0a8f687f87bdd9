"""Screens of the review UI: ``main`` plus the modals it opens; each has its ``.tcss`` beside it."""
