"""Moving journals in and out: import, export, backup and restore."""
