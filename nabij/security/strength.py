"""Whether a new passphrase is too easy to guess: on a list of common ones, or below a floor.

An offline guesser with a copy of the database tries the common ones first, and Argon2 only
slows each guess down: a passphrase on a list falls in minutes whatever the hash costs. The
strength estimate is zxcvbn (Dropbox's estimator, pinned in requirements.txt: it knows tens of
thousands of common passwords, English words, names, dates, keyboard rows and repeats);
Nabij adds a short list of Dutch ones in data/security/common_passphrases.txt.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from zxcvbn import zxcvbn

COMMON_LIST = Path(__file__).resolve().parents[2] / "data" / "security" / "common_passphrases.txt"
# zxcvbn's score 3 of 4: "safely unguessable", about 10^8 guesses or more. Three or four
# unrelated words reach 4; one word with digits stays at 1 or 2.
MIN_SCORE = 3
# zxcvbn's matching grows quickly with length; past this the first part decides (a long
# passphrase is at least as strong as its beginning).
ESTIMATE_CHARS = 72


@cache
def common_passphrases() -> frozenset[str]:
    lines = COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _letters(passphrase: str) -> str:
    return "".join(char for char in passphrase.casefold() if char.isalpha())


def _whole_is_one_common_password(result: dict) -> bool:
    """zxcvbn matched the passphrase as one entry of its common-password list (or ours)."""
    sequence = result["sequence"]
    return (len(sequence) == 1 and sequence[0]["pattern"] == "dictionary"
            and sequence[0]["dictionary_name"] in {"passwords", "user_inputs"})


def weakness(passphrase: str) -> str | None:
    """The message key that says why `passphrase` is refused, or None when it is strong enough.

    "passphrase.common": on a list of passphrases people often choose;
    "passphrase.weak": guessable with too few tries (one word, a name, a date, a keyboard row).
    """
    if _letters(passphrase) in common_passphrases():
        return "passphrase.common"
    result = zxcvbn(passphrase[:ESTIMATE_CHARS], user_inputs=sorted(common_passphrases()),
                    max_length=ESTIMATE_CHARS)
    if _whole_is_one_common_password(result):
        return "passphrase.common"
    if result["score"] < MIN_SCORE:
        return "passphrase.weak"
    return None
