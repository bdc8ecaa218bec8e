"""Data shipped with NextCall; mapped onto the package nextcall.resources at build time."""
