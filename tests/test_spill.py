"""The model's store on disk (generator/spill.py) and the ordered process map that reads it."""

import os

from generator.parallel import ordered_map
from generator.spill import Spill, SpilledIndex, SpilledValues


def _filled() -> Spill:
    spill = Spill()
    for n in range(300):
        spill.add(("numbers", n % 7), tuple(range(n, n + 3)))
        spill.add(("one", n), {"n": n, "text": "é" * n})
    return spill


def test_chunks_come_back_in_the_order_they_were_added():
    spill = _filled()
    sevens = SpilledIndex(spill, "numbers")
    assert sevens[3] == tuple(x for n in range(3, 300, 7) for x in range(n, n + 3))
    assert sorted(sevens) == list(range(7)) and len(sevens) == 7
    assert SpilledIndex(spill, "numbers", order=lambda x: -x)[0][:2] == (296, 295)
    one = SpilledValues(spill, "one")
    assert one[42] == {"n": 42, "text": "é" * 42} and one.get(300) is None and len(one) == 300
    spill.add(("one", 300), "added after reading")  # reading does not disturb appending
    assert one[300] == "added after reading" and one[299]["n"] == 299


def test_forked_workers_read_the_same_chunks_in_input_order():
    spill = _filled()
    spill.flush()
    one = SpilledValues(spill, "one")

    def read(n: int) -> tuple[int, int]:
        return os.getpid(), one[n]["n"]

    results = list(ordered_map(read, list(range(300)), 2))
    assert [n for _, n in results] == list(range(300))
    assert os.getpid() not in {pid for pid, _ in results}  # read in the workers


def test_a_value_read_with_its_source_is_the_value_and_its_order_is_in_the_source():
    spill = _filled()
    up, down = SpilledIndex(spill, "numbers", order=lambda x: x), SpilledIndex(spill, "numbers", order=lambda x: -x)
    (value, source), (reversed_value, reversed_source) = up.read_with_source(3), down.read_with_source(3)
    assert value == up[3] and reversed_value == down[3] == value[::-1]
    assert source != reversed_source  # the same chunks, sorted another way
    assert SpilledValues(spill, "one").read_with_source(5) == ({"n": 5, "text": "é" * 5},
                                                               spill.pickled(("one", 5))[0])
