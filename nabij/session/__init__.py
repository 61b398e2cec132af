"""Sessions together: a couple and their coach on one shared screen.

Plain Python without Streamlit: who may see what (`visibility`), the check-in on the scale of
two circles (`records`, `checkins`), where the partners' balances drift apart and pursue and
withdraw (`divergence`), the cycle map of one distance moment (`cycle_map`), the period since
the last session (`period`), the figures (`figures`) and the page to take home (`summary`);
the seven steps (`steps`), what the page says (`sentences`) and what it writes (`saving`).
"""
