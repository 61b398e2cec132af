"""The Cycle view of a journal: grouping, balance, figures, the summary in words and time ranges."""
