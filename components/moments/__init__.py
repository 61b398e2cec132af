"""Logging, editing and deleting moments."""
