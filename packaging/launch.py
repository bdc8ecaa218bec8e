"""What the bundled executables run: the same entry point as the installed `nextcall` command.

With no command it opens the window; with one (`demo`, `packet`, `report`...) it runs it.
"""

import sys

from nextcall.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
