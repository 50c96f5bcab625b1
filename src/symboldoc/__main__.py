"""``python -m symboldoc``: the symboldoc command."""

from ._cli import main

raise SystemExit(main())
