"""The Hungarian method of argmap.teaching.assignment against brute force."""

from __future__ import annotations

from itertools import permutations

from hypothesis import given
from hypothesis import strategies as st

from argmap.teaching.assignment import best_assignment


def _brute_force(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment, by trying them all."""
    rows, columns = len(weights), len(weights[0])
    if rows <= columns:
        return max(sum(weights[r][c] for r, c in enumerate(chosen)) for chosen in permutations(range(columns), rows))
    return max(sum(weights[r][c] for c, r in enumerate(chosen)) for chosen in permutations(range(rows), columns))


tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda columns: st.lists(
            st.lists(st.floats(-10, 10, allow_nan=False, width=32), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@given(tables)
def test_the_total_is_the_best_there_is(weights):
    pairs = best_assignment(weights)
    assert abs(sum(weights[r][c] for r, c in pairs) - _brute_force(weights)) < 1e-6


@given(tables)
def test_pairs_are_one_to_one_and_as_many_as_the_smaller_side(weights):
    pairs = best_assignment(weights)
    assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
    assert len(pairs) == min(len(weights), len(weights[0]))


def test_a_clear_diagonal_is_found():
    weights = [[0.9, 0.1, 0.2], [0.3, 0.8, 0.1], [0.2, 0.2, 0.7]]
    assert best_assignment(weights) == [(0, 0), (1, 1), (2, 2)]


def test_greedy_is_not_enough():
    # the best single pair (0, 0) is not part of the best assignment
    assert best_assignment([[10, 9], [9, 1]]) == [(0, 1), (1, 0)]
