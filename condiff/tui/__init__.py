"""The Textual review UI (``condiff review``).

The only package of condiff that imports Textual. The pure parts (what to show:
``review_model``, ``redline_text``, ``notes_store``) import no Textual either, so they can be
tested and reused without a terminal. Build the app with :func:`condiff.tui.app.make_app`.
"""
