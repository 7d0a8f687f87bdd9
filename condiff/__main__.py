"""``python -m condiff``."""

from .cli import main

raise SystemExit(main())
