"""Today: the follow-ups that are due, the emails that go with them, and desktop reminders."""
