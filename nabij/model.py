"""The event and journal model, and the one place where input is judged valid.

Every way into Nabij (the form, CSV files, the command line) ends in `validate_event`, so a
bad value gets the same answer wherever it comes from. Problems are returned as message keys
with parameters, never as sentences: the interface translates them into the user's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

NOTE_MAX_CHARS = 2000
CONTEXT_MAX_CHARS = 200
NAME_MAX_CHARS = 60
JOURNAL_NAME_MAX_CHARS = 80
INTENSITY_MIN = 1
INTENSITY_MAX = 5
DEFAULT_TIMEZONE = "Europe/Amsterdam"
TIMEZONE_MAX_CHARS = 64  # the longest IANA name is about half of this
# Moments are accepted from this day up to one year after today. Without bounds a moment in
# year 1 and one in 9999 make millions of daily balance rows and a figure of tens of MB.
EARLIEST_DAY = dt.date(1900, 1, 1)


class Kind(StrEnum):
    """Whether a moment brought the partners closer or further apart."""

    CLOSENESS = "closeness"
    DISTANCE = "distance"


class BodySignal(StrEnum):
    """What the body did, after the three states of polyvagal theory.

    Stored as a code so that the label can change language without touching the data.
    """

    CALM = "calm"  # calm and connected
    ALARM = "alarm"  # heart racing, tense, ready to flee or fight
    SHUTDOWN = "shutdown"  # shut down, numb


class Visibility(StrEnum):
    """Who may see a moment and its note: only its author, both partners, or their coach too.

    Sharing with the coach includes the partner; nothing is ever shown beyond what is chosen.
    """

    PRIVATE = "private"
    PARTNER = "partner"
    COACH = "coach"


DEFAULT_VISIBILITY = Visibility.PARTNER


KIND_ALIASES: dict[str, Kind] = {
    "closeness": Kind.CLOSENESS,
    "nabijheid": Kind.CLOSENESS,
    "distance": Kind.DISTANCE,
    "afstand": Kind.DISTANCE,
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field: a message key for the catalogue and its parameters."""

    field: str
    key: str
    params: dict[str, object] = field(default_factory=dict)


class InvalidInput(ValueError):
    """Raised when input cannot be saved; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{p.field}: {p.key}" for p in problems))
        self.problems = problems

    def by_field(self) -> dict[str, Problem]:
        """The first problem per field, which is what a form shows next to each widget."""
        found: dict[str, Problem] = {}
        for problem in self.problems:
            found.setdefault(problem.field, problem)
        return found

    def under(self, field_name: str) -> InvalidInput:
        """The same problems, all shown at one field (a form asks for it by another name)."""
        return InvalidInput([Problem(field_name, problem.key, problem.params)
                             for problem in self.problems])


@dataclass(frozen=True)
class Journal:
    """One couple's journal. Partners are fixed slots (0 and 1) so renaming keeps the events."""

    id: int | None
    name: str
    partners: tuple[str, str]
    timezone: str = DEFAULT_TIMEZONE
    read_only: bool = False
    # Has a passphrase: its free text is sealed and opening it needs the passphrase.
    protected: bool = False
    # Protected and read without its key: the partners' names are sealed, so `partners` is
    # empty and only the name can be shown.
    locked: bool = False

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def partner_slot(self, name: str) -> int | None:
        """The slot of a partner by name, forgiving case and surrounding spaces."""
        wanted = name.strip().casefold()
        for slot, partner in enumerate(self.partners):
            if partner.casefold() == wanted:
                return slot
        return None


@dataclass(frozen=True)
class Event:
    """A logged moment. `occurred_at` is always timezone-aware; storage keeps it in UTC."""

    occurred_at: dt.datetime
    partner: int
    kind: Kind
    intensity: int
    note: str = ""
    body: BodySignal | None = None
    context: str = ""
    id: int | None = None
    version: int = 1
    visibility: Visibility = DEFAULT_VISIBILITY

    def with_id(self, event_id: int, version: int = 1) -> Event:
        return replace(self, id=event_id, version=version)


@dataclass(frozen=True)
class EventInput:
    """Raw values as a user or a file gives them, before validation."""

    occurred_at: object
    partner: object
    kind: object
    intensity: object
    note: object = ""
    body: object = None
    context: object = ""
    visibility: object = DEFAULT_VISIBILITY


def parse_timestamp(value: object, zone: ZoneInfo) -> dt.datetime:
    """Read a date or date-time; a value without offset is taken in the journal's zone.

    Accepts ISO 8601 (`2025-03-04T21:15`, `2025-03-04`, with or without offset, `Z`) and
    datetime objects. Raises ValueError for anything else, so callers turn it into a Problem.
    """
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValueError("empty timestamp")
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        moment = dt.datetime.fromisoformat(text)
    else:
        raise ValueError(f"not a timestamp: {type(value).__name__}")
    if moment.tzinfo is None:
        # fold=0 picks the first of an ambiguous autumn hour: a stable, documented choice.
        moment = moment.replace(tzinfo=zone)
    # One instant in UTC: no ambiguity left for storage, comparison or sorting.
    return moment.astimezone(dt.UTC)


def latest_day(today: dt.date) -> dt.date:
    """One year after `today` (28 February when today is 29 February)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


def day_in_range(day: dt.date, today: dt.date) -> bool:
    """Whether a moment on `day` (in its journal's zone) may be kept."""
    return EARLIEST_DAY <= day <= latest_day(today)


def _day_text(day: dt.date) -> str:
    """dd-mm-yyyy, as Dutch and English users both read it (strftime drops a year's zeros)."""
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"


def _clean_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def validate_event(raw: EventInput, journal: Journal, today: dt.date | None = None) -> Event:
    """Turn raw input into an Event, or raise InvalidInput listing every problem.

    Nothing here touches storage: a rejected event can therefore never change a journal.
    `today` (in the journal's zone; now when not given) bounds how far ahead a moment may lie.
    """
    problems: list[Problem] = []

    occurred_at: dt.datetime | None = None
    try:
        occurred_at = parse_timestamp(raw.occurred_at, journal.zone)
        local_day = occurred_at.astimezone(journal.zone).date()
    except (ValueError, TypeError, OverflowError):
        occurred_at = None
        problems.append(Problem("occurred_at", "error.timestamp_unreadable",
                                {"value": _clean_text(raw.occurred_at)[:40]}))
    else:
        today = today or dt.datetime.now(journal.zone).date()
        if not day_in_range(local_day, today):
            problems.append(Problem("occurred_at", "error.timestamp_out_of_range",
                                    {"value": _day_text(local_day),
                                     "min": _day_text(EARLIEST_DAY),
                                     "max": _day_text(latest_day(today))}))

    partner: int | None = None
    if isinstance(raw.partner, int) and not isinstance(raw.partner, bool):
        partner = raw.partner if raw.partner in (0, 1) else None
        if partner is None:
            problems.append(Problem("partner", "error.partner_unknown",
                                    {"value": raw.partner, "a": journal.partners[0],
                                     "b": journal.partners[1]}))
    else:
        name = _clean_text(raw.partner)
        if not name:
            problems.append(Problem("partner", "error.partner_empty"))
        else:
            partner = journal.partner_slot(name)
            if partner is None:
                problems.append(Problem("partner", "error.partner_unknown",
                                        {"value": name[:40], "a": journal.partners[0],
                                         "b": journal.partners[1]}))

    kind = KIND_ALIASES.get(_clean_text(raw.kind).casefold())
    if kind is None and not _clean_text(raw.kind):
        problems.append(Problem("kind", "error.kind_empty"))
    elif kind is None:
        problems.append(Problem("kind", "error.kind_unknown",
                                {"value": _clean_text(raw.kind)[:40]}))

    intensity = _parse_intensity(raw.intensity)
    if intensity is None:
        problems.append(Problem("intensity", "error.intensity_range",
                                {"value": _clean_text(raw.intensity)[:20],
                                 "min": INTENSITY_MIN, "max": INTENSITY_MAX}))

    note = "" if raw.note is None else str(raw.note)
    if "\x00" in note:
        # PostgreSQL cannot store NUL in text; refusing it keeps both backends alike.
        problems.append(Problem("note", "error.note_invalid_chars"))
    elif len(note) > NOTE_MAX_CHARS:
        problems.append(Problem("note", "error.note_too_long",
                                {"max": NOTE_MAX_CHARS, "length": len(note)}))

    body: BodySignal | None = None
    body_text = _clean_text(raw.body)
    if body_text:
        try:
            body = BodySignal(body_text.casefold())
        except ValueError:
            problems.append(Problem("body", "error.body_unknown", {"value": body_text[:40]}))

    context = _clean_text(raw.context)
    if "\x00" in context:
        problems.append(Problem("context", "error.context_invalid_chars"))
    elif len(context) > CONTEXT_MAX_CHARS:
        problems.append(Problem("context", "error.context_too_long", {"max": CONTEXT_MAX_CHARS}))

    visibility = DEFAULT_VISIBILITY
    visibility_text = _clean_text(raw.visibility).casefold()
    if visibility_text:
        try:
            visibility = Visibility(visibility_text)
        except ValueError:
            problems.append(Problem("visibility", "error.visibility_unknown",
                                    {"value": visibility_text[:40]}))

    if problems:
        raise InvalidInput(problems)
    assert occurred_at is not None and partner is not None and kind is not None
    assert intensity is not None
    return Event(occurred_at=occurred_at, partner=partner, kind=kind, intensity=intensity,
                 note=note, body=body, context=context, visibility=visibility)


def _parse_intensity(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        try:
            number = int(value.strip())  # "４" or "٣" read as digits too; "²" does not
        except ValueError:
            return None
    else:
        return None
    return number if INTENSITY_MIN <= number <= INTENSITY_MAX else None


def validate_journal(name: object, partner_a: object, partner_b: object,
                     timezone: object = DEFAULT_TIMEZONE) -> Journal:
    """Check a new journal's name, partner names and time zone, or raise InvalidInput."""
    problems: list[Problem] = []
    clean_name = _clean_text(name)
    if not clean_name:
        problems.append(Problem("name", "error.journal_name_empty"))
    elif "\x00" in clean_name:
        # PostgreSQL cannot store NUL in text (an uncaught error there, not a message).
        problems.append(Problem("name", "error.name_invalid_chars"))
    elif len(clean_name) > JOURNAL_NAME_MAX_CHARS:
        problems.append(Problem("name", "error.name_too_long", {"max": JOURNAL_NAME_MAX_CHARS}))
    partners = (_clean_text(partner_a), _clean_text(partner_b))
    for slot_field, partner in zip(("partner_a", "partner_b"), partners, strict=True):
        if not partner:
            problems.append(Problem(slot_field, "error.partner_name_empty"))
        elif "\x00" in partner:
            problems.append(Problem(slot_field, "error.name_invalid_chars"))
        elif len(partner) > NAME_MAX_CHARS:
            problems.append(Problem(slot_field, "error.name_too_long", {"max": NAME_MAX_CHARS}))
    if partners[0] and partners[0].casefold() == partners[1].casefold():
        problems.append(Problem("partner_b", "error.partner_names_same"))
    zone_name = _clean_text(timezone) or DEFAULT_TIMEZONE
    if not is_known_timezone(zone_name):
        problems.append(Problem("timezone", "error.timezone_unknown", {"value": zone_name[:60]}))
    if problems:
        raise InvalidInput(problems)
    return Journal(id=None, name=clean_name, partners=partners, timezone=zone_name)


def is_known_timezone(name: str) -> bool:
    """Whether `name` is an IANA zone. A name longer than any zone's is refused before the
    zone files are looked up (a 300-character name raised OSError there, uncaught)."""
    if len(name) > TIMEZONE_MAX_CHARS:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def timezone_names() -> list[str]:
    """All IANA zones, for the journal form's picker."""
    return sorted(available_timezones())
