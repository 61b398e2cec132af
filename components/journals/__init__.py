"""The Journals page's widgets: creating a journal and keeping it private."""
