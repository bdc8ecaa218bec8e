"""Quick find (Edit > Quick find, from anywhere): when a recruiter calls without warning, find
the company, person, position or number, see the call card and take a note of the call."""
