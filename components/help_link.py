"""The way to help from every page: one tap opens the Help and safety panel.

It sits above every page rather than only at the end of Learn, because someone who needs
a phone number should not have to know where to look.
"""

from __future__ import annotations

from components.panel import learn_link
from nabij.content import HELP_PANEL
from nabij.i18n import Messages


def help_link(msg: Messages) -> None:
    learn_link(msg, HELP_PANEL, msg("help.link"), icon=":material/support:")
