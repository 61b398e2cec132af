"""Which journal a page works on, and reading it from the database through the caches."""
