"""Each kind of CSV import is one module: columns with their aliases, a parser, an apply step.

Timetables, marks and absences come here once their tables exist.
"""
