"""Reading and writing journal files."""
