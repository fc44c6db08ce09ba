"""``python -m argmap``: the command line."""

from .cli import run

run()
