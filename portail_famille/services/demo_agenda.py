"""Demo agenda and absences: a timetable for the secondary groups, calendars, work due, absences.

Work due and absences sit around the day the demo is loaded, so the tiles always show something.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlmodel import Session, select

from portail_famille.models import (
    Absence,
    AbsenceKind,
    AbsenceReason,
    AbsenceSource,
    CalendarEvent,
    CalendarEventKind,
    Child,
    Organisation,
    School,
    SchoolYear,
    TimetablePeriod,
    WorkDue,
)
from portail_famille.models.base import utcnow

_REASONS = [
    ("Maladie", "Illness"),
    ("Rendez-vous médical", "Medical appointment"),
    ("Raison familiale", "Family reason"),
    ("Activité sportive ou culturelle", "Sports or cultural activity"),
]
# (start, end, subject, teacher, room) per slot; the days rotate through the subjects.
_SLOTS = [
    (time(8, 15), time(9, 30)),
    (time(9, 45), time(11, 0)),
    (time(12, 20), time(13, 35)),
    (time(13, 50), time(15, 5)),
]
_SUBJECTS = [
    ("Français", "Lisanne Tremblay", "B-204"),
    ("Mathématique", "Djaffer Benali", "B-112"),
    ("Anglais, langue seconde", "Robert Parent", "A-015"),
    ("Science et technologie", "Karine Lavoie", "Labo 2"),
    ("Histoire du Québec et du Canada", "Marc Bouchard", "B-210"),
    ("Éducation physique", "Sylvie Gagné", "Gymnase"),
]


def _school_day(day: date, step: int) -> date:
    """`day` moved by `step` days, then on to the next weekday if it lands on a weekend."""
    day += timedelta(days=step)
    while day.weekday() >= 5:
        day += timedelta(days=1 if step >= 0 else -1)
    return day


def load_agenda_demo(session: Session) -> None:
    orgs = {org.slug: org for org in session.exec(select(Organisation)).all()}
    schools = {school.code: school for school in session.exec(select(School)).all()}
    kids = {child.file_number: child for child in session.exec(select(Child)).all()}
    css, commune = orgs["css-mille-lacs"], orgs["saint-aubin"]
    assert css.id is not None and commune.id is not None
    for org in (css, commune):
        for position, (fr, en) in enumerate(_REASONS if org is css else _REASONS[:3]):
            session.add(
                AbsenceReason(
                    organisation_id=org.id or 0, label_fr=fr, label_en=en, position=position
                )
            )
    session.add(
        AbsenceReason(
            organisation_id=commune.id,
            label_fr="Vacances en famille",
            label_en="Family holiday",
            position=9,
        )
    )
    boise = schools["002"]
    year = session.exec(
        select(SchoolYear).where(SchoolYear.organisation_id == css.id, SchoolYear.is_current)
    ).one()
    for group in ("203", "401"):
        for weekday in range(5):
            for slot, (start, end) in enumerate(_SLOTS):
                subject, teacher, room = _SUBJECTS[(weekday * 2 + slot + int(group)) % 6]
                session.add(
                    TimetablePeriod(
                        school_id=boise.id or 0,
                        school_year_id=year.id or 0,
                        group_name=group,
                        weekday=weekday,
                        starts_at=start,
                        ends_at=end,
                        subject=subject,
                        teacher_name=teacher,
                        room=room,
                    )
                )
    days = [
        (
            css.id,
            None,
            CalendarEventKind.PEDAGOGICAL_DAY,
            "Journée pédagogique",
            date(2026, 12, 4),
            date(2026, 12, 4),
        ),
        (
            css.id,
            None,
            CalendarEventKind.HOLIDAY,
            "Congé des Fêtes",
            date(2026, 12, 21),
            date(2027, 1, 1),
        ),
        (
            css.id,
            None,
            CalendarEventKind.PEDAGOGICAL_DAY,
            "Journée pédagogique",
            date(2027, 1, 4),
            date(2027, 1, 4),
        ),
        (
            css.id,
            None,
            CalendarEventKind.HOLIDAY,
            "Relâche scolaire",
            date(2027, 3, 1),
            date(2027, 3, 5),
        ),
        (
            css.id,
            boise.id,
            CalendarEventKind.EVENT,
            "Soirée des parents (bulletins)",
            date(2026, 11, 26),
            date(2026, 11, 26),
        ),
        (
            css.id,
            schools["001"].id,
            CalendarEventKind.EVENT,
            "Photo scolaire",
            date(2026, 12, 2),
            date(2026, 12, 2),
        ),
        (
            commune.id,
            None,
            CalendarEventKind.HOLIDAY,
            "Vacances de Noël",
            date(2026, 12, 19),
            date(2027, 1, 3),
        ),
        (
            commune.id,
            None,
            CalendarEventKind.HOLIDAY,
            "Vacances d'hiver",
            date(2027, 2, 13),
            date(2027, 3, 1),
        ),
        (
            commune.id,
            schools["E01"].id,
            CalendarEventKind.EVENT,
            "Spectacle de fin d'année",
            date(2027, 6, 25),
            date(2027, 6, 25),
        ),
    ]
    for org_id, school_id, day_kind, title, first, last in days:
        session.add(
            CalendarEvent(
                organisation_id=org_id,
                school_id=school_id,
                kind=day_kind,
                title=title,
                starts_on=first,
                ends_on=last,
            )
        )
    today = utcnow().date()
    work = [
        ("203", "Mathématique", "Exercices 4.1 à 4.6", "Cahier Sommets, pages 112 et 113.", 1),
        ("203", "Français", "Lecture : chapitres 5 et 6", "Roman « La Guerre des tuques ».", 2),
        ("203", "Science et technologie", "Rapport de laboratoire", "À remettre sur papier.", 5),
        ("203", "Histoire du Québec et du Canada", "Fiche sur la Nouvelle-France", "", 8),
        ("401", "Mathématique", "Examen de fin d'étape", "Chapitres 3 et 4.", 3),
    ]
    for group, subject, title, details, step in work:
        session.add(
            WorkDue(
                school_id=boise.id or 0,
                group_name=group,
                subject=subject,
                title=title,
                details=details,
                due_on=_school_day(today, step),
            )
        )
    session.flush()
    reasons = {
        r.label_fr: r
        for r in session.exec(select(AbsenceReason).where(AbsenceReason.organisation_id == css.id))
    }
    thomas, lea, jade = kids["1000002"], kids["1000001"], kids["2000001"]
    absences = [
        (thomas, boise, -2, AbsenceKind.FULL_DAY, None, AbsenceSource.SCHOOL, False, None, ""),
        (
            thomas,
            boise,
            -15,
            AbsenceKind.LATE_ARRIVAL,
            time(10, 0),
            AbsenceSource.FAMILY,
            True,
            "Rendez-vous médical",
            "Dentiste",
        ),
        (
            lea,
            schools["001"],
            -6,
            AbsenceKind.FULL_DAY,
            None,
            AbsenceSource.SCHOOL,
            True,
            "Maladie",
            "Fièvre",
        ),
        (
            lea,
            schools["001"],
            0,
            AbsenceKind.EARLY_DEPARTURE,
            time(14, 30),
            AbsenceSource.FAMILY,
            True,
            "Raison familiale",
            "",
        ),
        (
            jade,
            schools["E01"],
            -3,
            AbsenceKind.FULL_DAY,
            None,
            AbsenceSource.SCHOOL,
            False,
            None,
            "",
        ),
    ]
    for child, school, step, kind, at, source, justified, reason, text in absences:
        day = _school_day(today, step)
        session.add(
            Absence(
                organisation_id=school.organisation_id,
                school_id=school.id or 0,
                child_id=child.id or 0,
                starts_on=day,
                ends_on=day,
                kind=kind,
                at_time=at,
                source=source,
                justified=justified,
                reason_id=reasons[reason].id if reason else None,
                reason_text=text,
            )
        )
