"""Subcommands that live in their own modules (see ``LAZY_COMMANDS`` in
:mod:`argmap.cli`), imported only when they are run."""
