"""One module per subcommand.

Each module defines ``NAME``, ``HELP`` (one line for ``condiff --help``), ``EXAMPLES`` (shown at
the end of its ``--help``), ``add_arguments(parser)`` and ``run(args) -> int``. Modules import
only the standard library at import time; heavy modules load inside ``run`` so that
``condiff check`` starts fast.
"""
