"""The Session page: one step per module, its frame and what it remembers."""
