"""The Tracker tab: one application through its milestones, the board, and the funnel."""
