"""SortedKeys and the two object stores (s3double/model/keyspace.py)."""

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest

from s3double.model.keyspace import SortedKeys

# S3 keys are never empty.
KEYS = ["b", "a", "é", "a/1", "\U0001f600", "Z", "a\x00", "\uff61", "ab"]


def utf8_sorted(keys: Iterable[str]) -> list[str]:
    return sorted(keys, key=lambda key: key.encode())


def filled(keys: list[str]) -> SortedKeys:
    index = SortedKeys()
    for key in keys:
        index.add(key)
    return index


def test_walk_gives_every_key_in_code_point_order() -> None:
    assert list(filled(KEYS).walk()) == utf8_sorted(KEYS)


def test_discard_hides_a_key_and_add_brings_it_back() -> None:
    index = filled(KEYS)
    list(index.walk())  # settle: the keys leave the pending set
    index.discard("a/1")
    assert "a/1" not in list(index.walk())
    index.add("a/1")
    assert list(index.walk()) == utf8_sorted(KEYS)


def test_a_key_discarded_before_any_walk_is_gone() -> None:
    index = filled(KEYS)
    index.discard("b")
    assert list(index.walk()) == utf8_sorted(set(KEYS) - {"b"})
    index.add("b")
    assert list(index.walk()) == utf8_sorted(KEYS)


def test_keys_added_between_walks_are_merged_in_order() -> None:
    index = filled(KEYS[:5])
    assert list(index.walk()) == utf8_sorted(KEYS[:5])
    for key in KEYS[5:]:
        index.add(key)
    assert list(index.walk()) == utf8_sorted(KEYS)


@pytest.mark.parametrize("after", ["", "a", "a/1", "aa", "é", "\U0001f600", "\U0010ffff"])
@pytest.mark.parametrize("inclusive", [False, True])
def test_walk_starts_after_or_at_a_key(after: str, inclusive: bool) -> None:
    walked = list(filled(KEYS).walk(after, inclusive=inclusive))
    if inclusive:
        assert walked == [key for key in utf8_sorted(KEYS) if key >= after]
    else:
        assert walked == [key for key in utf8_sorted(KEYS) if key > after]


def test_walk_skips_discarded_keys_after_the_start() -> None:
    index = filled(KEYS)
    list(index.walk())
    index.discard("ab")
    assert list(index.walk("a/1")) == [k for k in utf8_sorted(KEYS) if k > "a/1" and k != "ab"]


@pytest.mark.parametrize("seed", range(5))
def test_random_adds_and_discards_keep_order_through_compaction(seed: int) -> None:
    """Many discards trigger compaction; order and membership must survive it."""
    rng = random.Random(seed)
    universe = [f"{rng.choice('ab/é😀')}{n:03d}" for n in range(300)]
    index, present = SortedKeys(), set()
    for step in range(3000):
        key = rng.choice(universe)
        if key in present:  # callers discard only present keys and add only absent ones
            index.discard(key)
            present.discard(key)
        else:
            index.add(key)
            present.add(key)
        if step % 97 == 0:
            assert list(index.walk()) == utf8_sorted(present)
    assert list(index.walk()) == utf8_sorted(present)


def test_compaction_then_re_adding_every_key() -> None:
    keys = [f"k{n:04d}" for n in range(200)]
    index = filled(keys)
    list(index.walk())
    for key in keys[::2]:
        index.discard(key)
    assert list(index.walk()) == keys[1::2]
    for key in keys[::2]:
        index.add(key)
    assert list(index.walk()) == keys


@pytest.mark.parametrize("prefix", ["a/", "a", "é/", "\U0001f600", "x\U0001f600/", "a\x00"])
def test_position_after_prefix_is_past_every_key_with_that_prefix(prefix: str) -> None:
    index = SortedKeys()
    position = index.position_after_prefix(prefix)
    extended = [prefix, prefix + "\x00", prefix + "zzz", prefix + "\U0010ffff" * 3]
    assert all(key < position for key in extended)
    assert not position.startswith(prefix)
    assert position[:-1] == prefix[:-1], "the next string over: only the last character moves"
