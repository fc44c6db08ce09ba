"""The limits argmap enforces on its input, with a clear message beyond each."""

MAX_DEPTH = 100
"""How deep a map may nest (levels of indentation)."""

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The largest file argmap reads."""

MAX_LINE_CHARS = 2_000_000
"""The longest line argmap reads."""

MAX_NODES = 1_000_000
"""The most nodes a map may hold."""

MAX_JSON_DEPTH = 100
"""How deep a JSON document may nest (arrays and objects within each other)."""

MAX_PREMISE_ENTRIES = 250_000
"""The most premises, counted once per relation they stand in, that an imported map may
hold. An AIF S-node with *p* premises and *c* conclusions becomes *c* relations of *p*
premises each: without a bound, a file of half a megabyte made 25 million."""
