"""Rounding figures for people: an exact half goes away from zero, every time.

Python's round() and format() round a half to the even neighbour (2.5 -> 2 but
3.5 -> 4), and see a float like 2.675 as the 2.67499... it is stored as. A mean
mood of 2.5 and one of 3.5 would then go different ways on the same screen. Here a
value is rounded as it reads (its shortest decimal form, repr), halves away from
zero: 2.5 -> 3, 3.5 -> 4, 2.675 -> 2.68, -0.25 -> -0.3. Every figure the journal
shows or stores rounded goes through this module.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# Floats this large hold whole numbers only: nothing is left to round.
_ALL_WHOLE = 2.0**52


def _quantized(value: float, digits: int) -> Decimal:
    # repr: the shortest text that reads back as the same float ("2.675").
    exact = Decimal(repr(float(value)))
    if abs(value) >= _ALL_WHOLE or not exact.is_finite():
        return exact
    return exact.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


def half_up(value: float, digits: int = 0) -> float:
    """`value` to `digits` decimals, an exact half away from zero."""
    return float(_quantized(value, digits))


def whole(value: float) -> int:
    """`value` to a whole number, an exact half away from zero (2.5 -> 3, 3.5 -> 4)."""
    return int(_quantized(value, 0))


def fixed(value: float, digits: int = 1, *, sign: bool = False, grouping: bool = False) -> str:
    """`value` as text with `digits` decimals (what f"{value:.1f}" would show, with
    halves rounded as above); `sign` adds + to positive numbers, `grouping` puts
    commas between thousands."""
    number = _quantized(value, digits)
    if number == 0:
        number = abs(number)  # never "-0.0"
    spec = ("+" if sign else "") + ("," if grouping else "") + f".{digits}f"
    return format(number, spec)
