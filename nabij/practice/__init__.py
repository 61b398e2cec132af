"""A coach's practice: every couple that shares with them, in one overview.

`figures` says per couple what the overview shows (phase, moments this week against their
usual, days since the last moment, the last check-in, the next session); `attention` orders
the couples by what may need the coach's attention first. Both read only what the couple
shares with the coach: the caller hands in the coach's events frame.
"""
