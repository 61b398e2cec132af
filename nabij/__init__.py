"""Nabij's domain: events, journals, storage, files and figures, with no Streamlit in sight.

Keeping this package free of Streamlit lets it be tested with plain pytest, used from a
notebook or the command line, and lets the interface change without touching the rules.
"""

__version__ = "0.1.0"
