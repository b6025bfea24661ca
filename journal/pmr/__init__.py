"""Progressive Muscle Relaxation: routines, their muscle groups and the session clock.

Pure Python, time passed in. The routines and their schedule are in routines, the
groups' words in groups, the clock that follows a session in clock.
"""

from __future__ import annotations

from journal.pmr.groups import SAFETY_TEXT, MuscleGroup
from journal.pmr.routines import (
    BUILTIN_ROUTINES,
    LIMITS,
    InvalidRoutine,
    Phase,
    Routine,
    Schedule,
    Step,
    check_timing,
    make_user_routine,
)

__all__ = [
    "BUILTIN_ROUTINES",
    "LIMITS",
    "SAFETY_TEXT",
    "InvalidRoutine",
    "MuscleGroup",
    "Phase",
    "Routine",
    "Schedule",
    "Step",
    "check_timing",
    "make_user_routine",
]
