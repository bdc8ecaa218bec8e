"""`python -m nextcall`: the same entry point as the `nextcall` command."""

import sys

from nextcall.cli.main import main

sys.exit(main())
