"""The coach's practice overview: each shared couple read as the coach reads it, as a card.

Each couple is read exactly as the coach's Cycle page reads it (components/journal/source.py
`coach_source`: the share's key, only the moments shared with the coach) and its phase comes
from the same cached bands; the figures and the order are nabij/practice. Opening a couple
goes through the picker's own check (`may_choose`), so this page opens nothing the picker
would not.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.cycle.phases import journal_phases
from components.journal.choice import may_choose, switch_to
from components.journal.database import get_store
from components.journal.source import coach_source
from components.privacy.coach import coach_email
from nabij.cache_keys import HASH_FUNCS
from nabij.i18n import Messages
from nabij.journal_choice import COACH_VIEW
from nabij.journal_source import JournalSource
from nabij.practice.attention import Attention, attention
from nabij.practice.figures import CoupleFigures, read_couple
from nabij.practice.wording import card_lines
from nabij.storage.sessions import SessionStore
from nabij.storage.shares import coach_shares
from nabij.text_safety import escape_markdown

_BADGE_COLOURS = {Attention.CRISIS: "orange", Attention.SILENCE: "orange",
                  Attention.FEWER: "orange", Attention.STEADY: "gray",
                  Attention.NOTHING_SHARED: "gray"}


def practice_couples(msg: Messages) -> list[CoupleFigures]:
    """Every couple sharing with the signed-in coach, each on its own local today."""
    email = coach_email()
    if email is None:
        return []
    couples = []
    for journal_id, since in coach_shares(get_store(), email).items():
        source = coach_source(journal_id, msg)
        if source is None:
            continue  # withdrawn meanwhile, or a share that no longer opens
        zone = source.journal.zone
        couples.append(_figures(source, since.astimezone(zone).date(),
                                dt.datetime.now(zone).date()))
    return couples


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs=HASH_FUNCS)
def _figures(source: JournalSource, shared_on: dt.date, today: dt.date) -> CoupleFigures:
    """Shared between reruns. Keyed on the revision read this rerun (in `source`: every moment,
    mark, check-in and session day bumps it), the share's day (sharing bumps none) and today:
    no server ever shows a card older than the database."""
    records = SessionStore(get_store())  # now holding the key coach_source remembered
    return read_couple(records, source.journal, source.events,
                       journal_phases(source, source.language).bands, shared_on, today)


def couple_card(couple: CoupleFigures, coach_ids: frozenset[int], msg: Messages) -> None:
    """One couple: why it stands where it stands, its figures, one click to Cycle or Session."""
    reason = attention(couple)
    with st.container(border=True, key=f"practice_{couple.journal_id}"):
        # The badge's words are Nabij's own; the couple's name is escaped.
        label = msg(f"practice.attention.{reason.name.lower()}")
        st.markdown(f"**{escape_markdown(couple.name)}** "
                    f":{_BADGE_COLOURS[reason]}-badge[{label}]")
        st.caption(escape_markdown(msg("practice.partners", a=couple.partners[0],
                                       b=couple.partners[1])))
        st.text("\n".join(card_lines(couple, msg)))  # one block: compact on a phone
        with st.container(horizontal=True, gap="small"):
            cycle = st.button(msg("practice.open_cycle"), key=f"practice_open_{couple.journal_id}",
                              icon=":material/timeline:")
            session = st.button(msg("practice.open_session"), icon=":material/groups:",
                                key=f"practice_session_{couple.journal_id}")
        if cycle or session:
            _open(couple.journal_id, "views/session.py" if session else "views/cycle.py",
                  coach_ids)


def _open(journal_id: int, page: str, coach_ids: frozenset[int]) -> None:
    """A session writes to the couple's own journal: theirs where they opened it in this
    browser, else the coach view, where the Session page asks for their passphrase."""
    own = page == "views/session.py" and may_choose(journal_id)
    choice = journal_id if own else f"{COACH_VIEW}{journal_id}"
    if may_choose(choice, coach_ids):
        switch_to(choice)
        st.switch_page(page)
