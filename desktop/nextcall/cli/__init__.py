"""The command line: `nextcall [--data-dir DIR] [COMMAND]`; commands live in one module per area."""
