"""The coach's practice overview: every shared couple as a card."""
