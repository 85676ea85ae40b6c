"""Subcommands for the classify area, registered on the `bevakning` group when imported.

Commands here stay thin: parse options, call the library, print a summary.
"""

from bevakning.cli import BadInput, cli, db_option, translate_errors  # noqa: F401
