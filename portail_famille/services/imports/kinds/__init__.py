"""Each kind of CSV import is one module: columns with their aliases, a parser, an apply step.

Marks, absences and timetables share `placement` (where a student is this year) and `values`.
"""
