"""OneRoster 1.1 CSV validation, one broken package per rule of the specification: each reports
exactly its one cause, with file, line and column, and the good package reports nothing."""

from __future__ import annotations

import pytest

from portail_famille.domain.oneroster import parse_user_ids, validate
from portail_famille.services.imports.oneroster_files import as_issue, read_tables
from portail_famille.services.imports.report import issue_text
from tests.oneroster_sets import BROKEN, good_text, package

Found = list[tuple[str, int, str, str]]

# Broken set -> what it must report (file, line, column, key after "imports.oneroster.").
EXPECTED: dict[str, Found] = {
    "missing_column": [("users.csv", 1, "username", "missing_column")],
    "required_empty": [("users.csv", 3, "givenName", "required")],
    "date_format": [("academicSessions.csv", 2, "startDate", "date")],
    "date_impossible": [("enrollments.csv", 3, "endDate", "date")],
    "datetime_format": [("orgs.csv", 3, "dateLastModified", "datetime")],
    "year_format": [("academicSessions.csv", 2, "schoolYear", "year")],
    "boolean_value": [("users.csv", 5, "enabledUser", "boolean")],
    "boolean_case": [("users.csv", 5, "enabledUser", "boolean")],
    "user_role_invalid": [("users.csv", 6, "role", "enum")],
    "user_role_case": [("users.csv", 2, "role", "enum")],
    "enrollment_role_invalid": [("enrollments.csv", 4, "role", "enum")],
    "org_type_case": [("orgs.csv", 4, "type", "enum")],
    "session_type_case": [("academicSessions.csv", 5, "type", "enum")],
    "class_type_invalid": [("classes.csv", 4, "classType", "enum")],
    "status_invalid": [("users.csv", 6, "status", "enum")],
    "duplicate_sourced_id": [("users.csv", 8, "sourcedId", "duplicate_id")],
    "unknown_user": [("enrollments.csv", 4, "userSourcedId", "unknown_reference")],
    "unknown_agent": [("users.csv", 4, "agentSourcedIds", "unknown_reference")],
    "unknown_class": [("enrollments.csv", 4, "classSourcedId", "unknown_reference")],
    "unknown_org": [("users.csv", 5, "orgSourcedIds", "unknown_reference")],
    "unknown_term": [("classes.csv", 4, "termSourcedIds", "unknown_reference")],
    "unknown_course": [("classes.csv", 4, "courseSourcedId", "unknown_reference")],
    "unknown_parent_session": [("academicSessions.csv", 4, "parentSourcedId", "unknown_reference")],
    "deleted_reference": [("enrollments.csv", 5, "userSourcedId", "unknown_reference")],
    "class_not_in_a_school": [("classes.csv", 4, "schoolSourcedId", "not_school")],
    "enrollment_other_school": [("enrollments.csv", 4, "schoolSourcedId", "other_school")],
    "date_order": [("academicSessions.csv", 4, "endDate", "date_order")],
    "user_ids_form": [("users.csv", 2, "userIds", "user_ids")],
    "duplicate_column": [("orgs.csv", 1, "name", "duplicate_column")],
    "empty_declared_file": [("demographics.csv", 0, "", "empty_file")],
    "manifest_declares_missing_file": [("results.csv", 0, "", "declared_missing")],
    "manifest_declares_present_file_absent": [("demographics.csv", 0, "", "undeclared")],
    "manifest_leaves_out_needed_file": [("manifest.csv", 0, "", "needed")],
    "manifest_mode_invalid": [("manifest.csv", 16, "value", "enum")],
    "manifest_version": [("manifest.csv", 3, "value", "version")],
    "manifest_header": [("manifest.csv", 1, "", "manifest_header")],
    "delta_needs_status": [
        ("courses.csv", 2, "status", "required"),
        ("courses.csv", 2, "dateLastModified", "required"),
        ("courses.csv", 3, "status", "required"),
        ("courses.csv", 3, "dateLastModified", "required"),
    ],
}


def _found(files: dict[str, bytes]) -> Found:
    tables, unreadable = read_tables(files)
    assert unreadable == []
    return [
        (p.file, p.line, p.column, p.key.removeprefix("imports.oneroster."))
        for p in validate(tables)
    ]


def test_the_good_package_has_no_problem() -> None:
    assert _found(package()) == []


def test_every_broken_set_has_its_expectation() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_broken_rule_is_reported_alone_with_file_line_and_column(rule: str) -> None:
    assert _found(package(rule)) == EXPECTED[rule]


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_problem_reads_in_french_and_in_english(rule: str) -> None:
    tables, _ = read_tables(package(rule))
    for problem in validate(tables):
        french = issue_text(as_issue(problem), "fr")
        english = issue_text(as_issue(problem), "en")
        assert problem.file in french and problem.file in english
        assert french != english and "{" not in french.replace("{type:", "")
        if problem.line > 1:
            assert f"ligne {problem.line}, colonne {problem.column}" in french
            assert f"line {problem.line}, column {problem.column}" in english


def test_a_package_without_manifest_is_refused_and_names_the_files_it_lacks() -> None:
    assert _found(package(manifest_csv=None, users_csv=None)) == [
        ("manifest.csv", 0, "", "no_manifest"),
        ("manifest.csv", 0, "", "needed"),
    ]


def test_user_ids_are_read_as_type_and_id_pairs() -> None:
    assert parse_user_ids("{fiche:3000001},{codePermanent:ROYL12051801}") == [
        ("fiche", "3000001"),
        ("codePermanent", "ROYL12051801"),
    ]
    assert parse_user_ids("") == []
    for bad in ("fiche:3000001", "{fiche}", "{fiche:1}{x:2}", "{:1}"):
        assert parse_user_ids(bad) is None, bad


def test_a_delta_file_with_status_and_dates_passes_but_its_references_must_be_in_the_package() -> (
    None
):
    manifest = good_text("manifest.csv").replace("file.enrollments,bulk", "file.enrollments,delta")
    enrollments = "\n".join(
        [
            good_text("enrollments.csv").splitlines()[0],
            "en-3,active,2026-09-02T10:00:00Z,cl-201,org-riviere,u-ines,student,false,,",
            # A student sent in an earlier package only: the portal cannot tell who that is.
            "en-9,active,2026-09-02T10:00:00Z,cl-201,org-riviere,u-earlier,student,false,,",
            "en-1,tobedeleted,2026-09-02T10:00:00Z,cl-401-mus,org-erables,u-leo,student,,,",
        ]
    )
    assert _found(package(manifest_csv=manifest, enrollments_csv=enrollments)) == [
        ("enrollments.csv", 3, "userSourcedId", "unknown_reference")
    ]
