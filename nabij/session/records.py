"""What a session writes down: check-ins, cycle maps and the session with its next step.

Values are judged here, before any storage sees them, the same way `nabij.model` judges a
moment: problems come back as message keys with parameters, never as sentences. Two places
keep them: the database (`nabij.storage.sessions.SessionStore`) for a couple's own journal,
and memory (`MemorySessionRecords`) for the read-only example journal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from nabij.model import BodySignal, InvalidInput, Problem

TEXT_MAX_CHARS = 500
SCORE_MIN = 1
SCORE_MAX = 7
SCORES = tuple(range(SCORE_MIN, SCORE_MAX + 1))


@dataclass(frozen=True)
class CheckIn:
    """How close one partner feels on one day, 1 (apart) to 7 (overlapping almost fully)."""

    day: dt.date
    partner: int
    score: int


@dataclass(frozen=True)
class CycleMap:
    """One distance moment taken apart together: what set it off and how it went round.

    `felt`, `did` and `body` hold one value per partner slot (0 and 1).
    """

    event_id: int
    triggered_by: str = ""
    felt: tuple[str, str] = ("", "")
    did: tuple[str, str] = ("", "")
    body: tuple[BodySignal | None, BodySignal | None] = (None, None)

    @property
    def is_empty(self) -> bool:
        return not (self.triggered_by or any(self.felt) or any(self.did) or any(self.body))


@dataclass(frozen=True)
class SessionNote:
    """A session held on a local day, with the one small next step agreed together."""

    held_on: dt.date
    next_step: str = ""


class SessionRecords(Protocol):
    """Where a journal's session records live: the database, or memory for the demo."""

    def check_ins(self, journal_id: int | None) -> list[CheckIn]: ...

    def set_check_in(self, journal_id: int | None, check_in: CheckIn) -> None: ...

    def remove_check_in(self, journal_id: int | None, day: dt.date, partner: int) -> None: ...

    def cycle_maps(self, journal_id: int | None) -> dict[int, CycleMap]: ...

    def save_cycle_map(self, journal_id: int | None, cycle_map: CycleMap) -> None: ...

    def sessions(self, journal_id: int | None) -> list[SessionNote]: ...

    def save_session(self, journal_id: int | None, note: SessionNote) -> None: ...

    def next_session(self, journal_id: int | None) -> dt.date | None: ...

    def set_next_session(self, journal_id: int | None, day: dt.date | None) -> None: ...


def clean_text(value: object, field_name: str, problems: list[Problem]) -> str:
    """Stripped text of at most TEXT_MAX_CHARS; a problem is added when it cannot be kept."""
    text = "" if value is None else str(value).strip()
    if "\x00" in text:
        problems.append(Problem(field_name, "error.session_text_invalid_chars"))
    elif len(text) > TEXT_MAX_CHARS:
        problems.append(Problem(field_name, "error.session_text_too_long",
                                {"max": TEXT_MAX_CHARS, "length": len(text)}))
    return text


def validate_check_in(day: object, partner: object, score: object) -> CheckIn:
    problems: list[Problem] = []
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        problems.append(Problem("day", "error.check_in_day"))
    if partner not in (0, 1) or isinstance(partner, bool):
        problems.append(Problem("partner", "error.partner_choice"))
    if isinstance(score, bool) or not isinstance(score, int) or not (
            SCORE_MIN <= score <= SCORE_MAX):
        problems.append(Problem("score", "error.check_in_score",
                                {"min": SCORE_MIN, "max": SCORE_MAX}))
    if problems:
        raise InvalidInput(problems)
    return CheckIn(day=day, partner=partner, score=score)  # type: ignore[arg-type]


def _body(value: object, field_name: str, problems: list[Problem]) -> BodySignal | None:
    text = "" if value is None else str(value).strip().casefold()
    if not text:
        return None
    try:
        return BodySignal(text)
    except ValueError:
        problems.append(Problem(field_name, "error.body_unknown", {"value": text[:40]}))
        return None


def validate_cycle_map(event_id: int, triggered_by: object = "",
                       felt: tuple[object, object] = ("", ""),
                       did: tuple[object, object] = ("", ""),
                       body: tuple[object, object] = (None, None)) -> CycleMap:
    """A cycle map from what was typed, or InvalidInput naming every field that is too long."""
    problems: list[Problem] = []
    trigger = clean_text(triggered_by, "triggered_by", problems)
    felt_clean = tuple(clean_text(text, f"felt_{slot}", problems)
                       for slot, text in enumerate(felt))
    did_clean = tuple(clean_text(text, f"did_{slot}", problems) for slot, text in enumerate(did))
    body_clean = tuple(_body(code, f"body_{slot}", problems) for slot, code in enumerate(body))
    if problems:
        raise InvalidInput(problems)
    return CycleMap(event_id=event_id, triggered_by=trigger, felt=felt_clean,  # type: ignore
                    did=did_clean, body=body_clean)  # type: ignore[arg-type]


# The cycle map form's fields, as the page keys its widgets: two per partner slot.
MAP_FIELDS = ("trigger", "felt_0", "felt_1", "did_0", "did_1", "body_0", "body_1")


def cycle_map_from_fields(event_id: int, fields: Mapping[str, object]) -> CycleMap:
    """`validate_cycle_map` on the form's MAP_FIELDS (a field not there counts as empty)."""
    return validate_cycle_map(event_id, fields.get("trigger"),
                              felt=(fields.get("felt_0"), fields.get("felt_1")),
                              did=(fields.get("did_0"), fields.get("did_1")),
                              body=(fields.get("body_0"), fields.get("body_1")))


def validate_next_step(text: object) -> str:
    problems: list[Problem] = []
    step = clean_text(text, "next_step", problems)
    if problems:
        raise InvalidInput(problems)
    return step


def validate_next_session(value: object, today: dt.date) -> dt.date | None:
    """The day of the next session, or None to clear it. A day before today is refused: a
    session already past is not the next one (and a slip of the calendar would say so)."""
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput([Problem("next_session", "error.next_session_day")])
    if value < today:
        raise InvalidInput([Problem("next_session", "error.next_session_past")])
    return value


@dataclass
class MemorySessionRecords:
    """Session records kept in memory: for the example journal, for one browser session.

    Nothing here reaches the database, so the read-only demo stays unchanged for everyone.
    """

    _check_ins: dict[tuple[dt.date, int], CheckIn] = field(default_factory=dict)
    _maps: dict[int, CycleMap] = field(default_factory=dict)
    _sessions: dict[dt.date, SessionNote] = field(default_factory=dict)
    _next_session: dt.date | None = None

    def check_ins(self, journal_id: int | None) -> list[CheckIn]:
        return sorted(self._check_ins.values(), key=lambda item: (item.day, item.partner))

    def set_check_in(self, journal_id: int | None, check_in: CheckIn) -> None:
        self._check_ins[(check_in.day, check_in.partner)] = check_in

    def remove_check_in(self, journal_id: int | None, day: dt.date, partner: int) -> None:
        self._check_ins.pop((day, partner), None)

    def cycle_maps(self, journal_id: int | None) -> dict[int, CycleMap]:
        return dict(self._maps)

    def save_cycle_map(self, journal_id: int | None, cycle_map: CycleMap) -> None:
        self._maps[cycle_map.event_id] = cycle_map

    def sessions(self, journal_id: int | None) -> list[SessionNote]:
        return sorted(self._sessions.values(), key=lambda note: note.held_on)

    def save_session(self, journal_id: int | None, note: SessionNote) -> None:
        self._sessions[note.held_on] = note

    def next_session(self, journal_id: int | None) -> dt.date | None:
        return self._next_session

    def set_next_session(self, journal_id: int | None, day: dt.date | None) -> None:
        self._next_session = day
