"""Renderers: data in, text out. None of them is a method on the model, and none imports
``textual``; each module renders one format."""
