"""Who may open what: session keys, unlocking, locking and the coach's sign-in."""
