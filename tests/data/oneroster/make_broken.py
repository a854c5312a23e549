"""Writes broken/<rule>/ from good/: each a copy of one good file with one rule broken.

Run from this folder: python make_broken.py (the outputs are committed; this says how).
"""

import csv
import io
from pathlib import Path

good = Path("good")
cases = {
    "required_empty": ("users.csv", ",Inès,Gagnon,", ",,Gagnon,"),
    "date_format": ("academicSessions.csv", "schoolYear,2026-08-27", "schoolYear,27/08/2026"),
    "date_impossible": ("enrollments.csv", "2026-08-27,2027-06-23", "2026-08-27,2027-02-30"),
    "datetime_format": ("orgs.csv", "2026-08-20T08:00:00Z", "2026-08-20 08h00"),
    "year_format": ("academicSessions.csv", "2027-06-23,,2027", "2027-06-23,,2026-2027"),
    "boolean_value": ("users.csv", "u-paul,,,true,", "u-paul,,,yes,"),
    "boolean_case": ("users.csv", "u-paul,,,true,", "u-paul,,,True,"),
    "user_role_invalid": ("users.csv", ",relative,ana.gagnon,", ",grandmother,ana.gagnon,"),
    "user_role_case": ("users.csv", ",student,leo.roy,", ",Student,leo.roy,"),
    "enrollment_role_invalid": ("enrollments.csv", ",u-ines,student,", ",u-ines,parent,"),
    "org_type_case": ("orgs.csv", ",school,099,", ",School,099,"),
    "session_type_case": ("academicSessions.csv", ",term,2026-11-16", ",Term,2026-11-16"),
    "class_type_invalid": ("classes.csv", ",201,homeroom,", ",201,home room,"),
    "status_invalid": ("users.csv", "u-ana,,,", "u-ana,inactive,,"),
    "duplicate_sourced_id": (
        "users.csv",
        "claire.tremblay@example.org,,,,,\n",
        "claire.tremblay@example.org,,,,,\nu-marie,,,true,org-riviere,parent,marie.r,,Marie,Roy,,,,,,u-ines,,\n",
    ),
    "unknown_user": ("enrollments.csv", ",u-ines,student,", ",u-nobody,student,"),
    "unknown_agent": ("users.csv", "555-0101,u-leo,,", "555-0101,u-nobody,,"),
    "unknown_class": ("enrollments.csv", "en-3,,,cl-201,", "en-3,,,cl-999,"),
    "unknown_org": ("users.csv", ",org-riviere,guardian,", ",org-nowhere,guardian,"),
    "unknown_term": ("classes.csv", ",org-riviere,as-t2,", ",org-riviere,as-t9,"),
    "unknown_course": ("classes.csv", ",co-ri-2,201,", ",co-ri-9,201,"),
    "unknown_parent_session": ("academicSessions.csv", ",as-s1,2027", ",as-s9,2027"),
    "deleted_reference": ("users.csv", "u-claire,,,", "u-claire,tobedeleted,,"),
    "class_not_in_a_school": ("classes.csv", ",,org-riviere,as-t2,", ",,org-css,as-t2,"),
    "enrollment_other_school": (
        "enrollments.csv",
        "en-3,,,cl-201,org-riviere,",
        "en-3,,,cl-201,org-erables,",
    ),
    "date_order": (
        "academicSessions.csv",
        "Étape 1,term,2026-08-27,2026-11-15",
        "Étape 1,term,2026-11-15,2026-08-27",
    ),
    "user_ids_form": (
        "users.csv",
        '"{fiche:3000001},{codePermanent:ROYL12051801}"',
        "fiche:3000001",
    ),
    "duplicate_column": ("orgs.csv", "identifier,parentSourcedId", "identifier,name"),
    "empty_declared_file": ("demographics.csv", None, ""),
    "manifest_declares_missing_file": ("manifest.csv", "file.results,absent", "file.results,bulk"),
    "manifest_declares_present_file_absent": (
        "manifest.csv",
        "file.demographics,bulk",
        "file.demographics,absent",
    ),
    "manifest_leaves_out_needed_file": (
        "manifest.csv",
        "file.enrollments,bulk",
        "file.enrollments,absent",
    ),
    "manifest_mode_invalid": ("manifest.csv", "file.users,bulk", "file.users,full"),
    "manifest_version": ("manifest.csv", "oneroster.version,1.1", "oneroster.version,1.0"),
    "manifest_header": ("manifest.csv", "propertyName,value", "property,value"),
    "delta_needs_status": ("manifest.csv", "file.courses,bulk", "file.courses,delta"),
}
for rule, (name, old, new) in cases.items():
    text = (good / name).read_text(encoding="utf-8")
    if old is None:
        changed = new
    else:
        assert text.count(old) == 1, (rule, old, text.count(old))
        changed = text.replace(old, new)
    out = Path("broken") / rule
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_text(changed, encoding="utf-8")
# A required column left out of the header and of every row alike.
rows = list(csv.reader(io.StringIO((good / "users.csv").read_text(encoding="utf-8"))))
at = rows[0].index("username")
buffer = io.StringIO()
csv.writer(buffer, lineterminator="\n").writerows([r[:at] + r[at + 1 :] for r in rows])
out = Path("broken") / "missing_column"
out.mkdir(parents=True, exist_ok=True)
(out / "users.csv").write_text(buffer.getvalue(), encoding="utf-8")
