"""The best one-to-one assignment of rows to columns (the Hungarian method).

:func:`best_assignment` pairs the rows of a table of weights with its columns,
each row with one column at most and each column with one row at most, so that
the sum of the weights of the pairs is as large as it can be. It is the
shortest-augmenting-path form of the Hungarian method (Kuhn and Munkres, as
Jonker and Volgenant write it), O(n³) for n rows and columns: a map of a
hundred boxes takes milliseconds. Pure Python, so that argmap does not depend
on scipy for this one function.
"""

from __future__ import annotations

from collections.abc import Sequence

_INFINITY = float("inf")


def best_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """The pairs ``(row, column)`` of a one-to-one assignment with the largest
    total weight, in row order. Rows and columns may differ in number: then
    some are left out. Every row of *weights* must have the same length.

    >>> best_assignment([[1, 2], [3, 9]])
    [(0, 0), (1, 1)]
    >>> best_assignment([[5, 1, 1]])
    [(0, 0)]
    >>> best_assignment([])
    []
    """
    rows = len(weights)
    columns = len(weights[0]) if rows else 0
    if not rows or not columns:
        return []
    transposed = rows > columns
    if transposed:  # the method below wants no more rows than columns
        weights = [list(column) for column in zip(*weights, strict=True)]
        rows, columns = columns, rows
    top = max(max(row) for row in weights)
    # minimise top - weight, which is >= 0
    cost = [[top - value for value in row] for row in weights]
    owner = _assign(cost, rows, columns)
    pairs = [(owner[column] - 1, column - 1) for column in range(1, columns + 1) if owner[column]]
    if transposed:
        pairs = [(column, row) for row, column in pairs]
    return sorted(pairs)


def _assign(cost: list[list[float]], rows: int, columns: int) -> list[int]:
    """For each column (from 1), the row (from 1) assigned to it, 0 for none."""
    row_potential = [0.0] * (rows + 1)
    column_potential = [0.0] * (columns + 1)
    owner = [0] * (columns + 1)  # owner[0] is the row being placed
    for row in range(1, rows + 1):
        owner[0] = row
        column = 0
        slack = [_INFINITY] * (columns + 1)
        previous = [0] * (columns + 1)
        used = [False] * (columns + 1)
        while owner[column]:
            used[column] = True
            current_row = owner[column]
            delta, chosen = _INFINITY, 0
            for other in range(1, columns + 1):
                if used[other]:
                    continue
                reduced = cost[current_row - 1][other - 1] - row_potential[current_row] - column_potential[other]
                if reduced < slack[other]:
                    slack[other], previous[other] = reduced, column
                if slack[other] < delta:
                    delta, chosen = slack[other], other
            for other in range(columns + 1):
                if used[other]:
                    row_potential[owner[other]] += delta
                    column_potential[other] -= delta
                else:
                    slack[other] -= delta
            column = chosen
        while column:  # flip the augmenting path
            before = previous[column]
            owner[column] = owner[before]
            column = before
    return owner
