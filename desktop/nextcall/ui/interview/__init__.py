"""Interview mode, the debrief, contacts, the read-aloud scripts and the recurring-areas panel."""
