"""The muscle groups of Progressive Muscle Relaxation (PMR.md), and what the timer
says in each phase, and the safety notes."""

from __future__ import annotations

from dataclasses import dataclass

# -- muscle groups (PMR.md) ------------------------------------------------------------
# "{dom}" / "{non}" are filled with the person's dominant and other side.


@dataclass(frozen=True)
class MuscleGroup:
    name: str
    instruction: str

    def sided(self, dominant: str) -> MuscleGroup:
        other = "left" if dominant == "right" else "right"
        return MuscleGroup(
            self.name.format(dom=dominant, non=other),
            self.instruction.format(dom=dominant, non=other),
        )


FULL_GROUPS = (
    MuscleGroup("{dom} hand and forearm", "Make a tight fist with your {dom} hand."),
    MuscleGroup(
        "{dom} upper arm",
        "Push your {dom} elbow down and in, tightening the biceps; keep the hand still.",
    ),
    MuscleGroup("{non} hand and forearm", "Make a tight fist with your {non} hand."),
    MuscleGroup(
        "{non} upper arm",
        "Push your {non} elbow down and in, tightening the biceps; keep the hand still.",
    ),
    MuscleGroup("forehead", "Raise your eyebrows as high as they go."),
    MuscleGroup("eyes and nose", "Squint your eyes and wrinkle your nose."),
    MuscleGroup("jaw and lower face", "Bite down and pull the corners of your mouth back."),
    MuscleGroup("neck and throat", "Pull your chin toward your chest, and resist it."),
    MuscleGroup(
        "chest, shoulders and upper back",
        "Breathe in, hold, and pull your shoulder blades together.",
    ),
    MuscleGroup("abdomen", "Make your stomach hard, as if bracing for a push."),
    MuscleGroup("{dom} thigh", "Press the muscles of your {dom} thigh, top against bottom."),
    MuscleGroup("{dom} calf", "Pull the toes of your {dom} foot up toward your face."),
    MuscleGroup("{dom} foot", "Curl the toes of your {dom} foot gently downward."),
    MuscleGroup("{non} thigh", "Press the muscles of your {non} thigh, top against bottom."),
    MuscleGroup("{non} calf", "Pull the toes of your {non} foot up toward your face."),
    MuscleGroup("{non} foot", "Curl the toes of your {non} foot gently downward."),
)

STANDARD_GROUPS = (
    MuscleGroup(
        "{dom} arm", "Make a fist and push the {dom} elbow down and in: hand, forearm, upper arm."
    ),
    MuscleGroup(
        "{non} arm", "Make a fist and push the {non} elbow down and in: hand, forearm, upper arm."
    ),
    MuscleGroup("face", "Raise your eyebrows, squint, wrinkle your nose and bite down."),
    MuscleGroup("neck and throat", "Pull your chin toward your chest, and resist it."),
    MuscleGroup(
        "chest, shoulders, upper back and abdomen",
        "Breathe in, hold, pull your shoulder blades together and make your stomach hard.",
    ),
    MuscleGroup(
        "{dom} leg", "Press the {dom} thigh, pull the toes up, then curl them gently down."
    ),
    MuscleGroup(
        "{non} leg", "Press the {non} thigh, pull the toes up, then curl them gently down."
    ),
)

SHORT_GROUPS = (
    MuscleGroup("both arms and hands", "Make two fists and push both elbows down and in."),
    MuscleGroup("face and neck", "Scrunch your whole face and pull your chin toward your chest."),
    MuscleGroup(
        "chest, shoulders, back and abdomen",
        "Breathe in, hold, pull your shoulders back and make your stomach hard.",
    ),
    MuscleGroup("both legs and feet", "Press your thighs, pull your toes up toward your face."),
)

RELEASE_TEXT = "Let it go, all at once. Notice the difference between tense and loose."
RELEASE_ONLY_TEXT = "Notice any tension here, and let it go."
SETTLE_TEXT = "Sit or lie comfortably. Breathe slowly; close your eyes if that feels right."
REST_TEXT = "Breathe, scan your body from head to toe, and stay still."

# Shown before the first session ever, and in help (PMR.md).
# One line a point: the screen wraps them to its width.
SAFETY_TEXT = "\n".join(
    (
        "- Tense firmly but never to the point of pain; skip any area that is injured or sore.",
        "- If you have a history of back, neck or muscle injury, or of seizures, "
        "ask a clinician first.",
        "- Stop if you feel dizzy; breathe normally rather than holding your breath for long.",
        "- This is a self-care tool, not treatment. If you are in crisis, contact local "
        "emergency services or a crisis line.",
    )
)
