"""Subcommands of the ``kehoach`` command line, one module each (see ``kehoach.cli``)."""
