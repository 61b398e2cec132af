"""A calendar reminder to download (the rules live in nabij/reminders.py)."""
