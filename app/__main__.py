"""`python -m app` is the same as the `scheduling-agent` console script."""

from app.cli import main

raise SystemExit(main())
