"""Foreign formats → tropebase markup, each with a report of what was recognised and what was guessed."""
