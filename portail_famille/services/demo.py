"""Demo data: a Quebec school service centre and a French commune, with families to try everything.

Loaded by `portail demo` into an empty database only, so running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from portail_famille.config import get_settings
from portail_famille.domain.secrets import keyed_hash, normalise_letter_code
from portail_famille.models import (
    Activity,
    ActivityKind,
    Child,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    NewsItem,
    Organisation,
    OrganisationKind,
    Relationship,
    School,
    SchoolYear,
    StaffMembership,
    StaffRole,
    UserAccount,
)
from portail_famille.models.base import utcnow
from portail_famille.services.demo_agenda import load_agenda_demo
from portail_famille.services.demo_finances import load_demo_finances
from portail_famille.services.demo_messages import load_demo_messages
from portail_famille.services.demo_planning import load_planning_demo
from portail_famille.services.demo_records_admin import load_records_admin_demo
from portail_famille.services.demo_requests import load_demo_requests
from portail_famille.services.demo_results import load_results_and_records
from portail_famille.services.demo_second_factor import load_demo_second_factor
from portail_famille.services.passwords import hash_password

# One password for every demo account, printed in README. Never used outside demo data.
DEMO_PASSWORD = "Demo-Portail-2026"  # noqa: S105

PARENT_EMAIL = "marie.tremblay@example.org"
GUARDIAN_WITHOUT_ACCOUNT_EMAIL = "luc.gagnon@example.org"
SECRETARY_EMAIL = "secretariat.erables@example.org"
COMMUNE_AGENT_EMAIL = "enfance@saint-aubin.example.org"
ADMIN_EMAIL = "admin@mille-lacs.example.org"

# Access-letter codes of the commune's children and payers (seed 004), printed in README.
CHILD_CODES = {
    "jade": "JADE-2K7M-4P",
    "hugo": "HUGO-8R3T-6W",
    "ines": "INES-7K3M-9P",
    "louis": "LOUI-5N2X-3H",
    "nathan": "NATH-9Q4V-7C",
}
PAYER_CODES = {
    "Claire": "MART-3W8D-5E",
    "Karim": "BERN-4X8Q-2R",
    "Aurélie": "PETI-6Z2J-8U",
    "Sarah": "DUBO-2Y9F-4G",
}


@dataclass(frozen=True)
class _Kid:
    key: str
    first: str
    last: str
    born: date
    file_number: str
    permanent_code: str | None
    school: str
    grade: str
    group: str | None
    active: bool = True


def database_is_empty(session: Session) -> bool:
    return session.exec(select(Organisation.id)).first() is None


def load_demo(session: Session) -> bool:
    """Loads the demo into an empty database; returns False, touching nothing, otherwise."""
    if not database_is_empty(session):
        return False
    password_hash = hash_password(DEMO_PASSWORD)
    secret = get_settings().secret_key.get_secret_value()

    def code_hash(code: str | None) -> str | None:
        return keyed_hash(secret, normalise_letter_code(code)) if code else None

    def account(email: str, name: str, locale: str = "fr") -> UserAccount:
        user = UserAccount(
            email=email, display_name=name, password_hash=password_hash, locale=locale
        )
        session.add(user)
        session.flush()
        return user

    # --- Quebec: a school service centre with a primary and a secondary school -------------
    css = Organisation(
        slug="css-mille-lacs",
        name="Centre de services scolaire des Mille-Lacs",
        kind=OrganisationKind.SCHOOL_SERVICE_CENTRE,
        country="CA",
        timezone="America/Montreal",
        currency="CAD",
        email="info@mille-lacs.example.org",
        phone="+1 819 555-0100",
    )
    commune = Organisation(
        slug="saint-aubin",
        name="Commune de Saint-Aubin-sur-Loire",
        kind=OrganisationKind.COMMUNE,
        country="FR",
        timezone="Europe/Paris",
        currency="EUR",
        email="enfance@saint-aubin.example.org",
        phone="+33 2 99 00 00 00",
    )
    session.add_all([css, commune])
    session.flush()
    assert css.id is not None and commune.id is not None

    schools = {
        "erables": School(
            organisation_id=css.id,
            code="001",
            name="École primaire des Érables",
            level="primary",
            address="12, rue des Érables, Lac-Vert (Québec)",
            email="erables@mille-lacs.example.org",
            phone="+1 819 555-0111",
        ),
        "boise": School(
            organisation_id=css.id,
            code="002",
            name="École secondaire du Boisé",
            level="secondary",
            address="400, boulevard du Boisé, Lac-Vert (Québec)",
            email="boise@mille-lacs.example.org",
            phone="+1 819 555-0122",
        ),
        "coquelicots": School(
            organisation_id=commune.id,
            code="M01",
            name="École maternelle Les Coquelicots",
            level="maternelle",
            address="3 place de la Mairie, Saint-Aubin-sur-Loire",
        ),
        "jules-ferry": School(
            organisation_id=commune.id,
            code="E01",
            name="École élémentaire Jules-Ferry",
            level="elementaire",
            address="8 rue des Écoles, Saint-Aubin-sur-Loire",
        ),
    }
    session.add_all(schools.values())
    years = {
        ("css", "previous"): SchoolYear(
            organisation_id=css.id,
            label="2025-2026",
            starts_on=date(2025, 8, 28),
            ends_on=date(2026, 6, 23),
        ),
        ("css", "current"): SchoolYear(
            organisation_id=css.id,
            label="2026-2027",
            starts_on=date(2026, 8, 27),
            ends_on=date(2027, 6, 23),
            is_current=True,
        ),
        ("commune", "current"): SchoolYear(
            organisation_id=commune.id,
            label="2026-2027",
            starts_on=date(2026, 9, 1),
            ends_on=date(2027, 7, 3),
            is_current=True,
        ),
    }
    session.add_all(years.values())
    session.flush()

    kids = [
        # Shared custody: Léa and Thomas live with Marie Tremblay and with Luc Gagnon.
        _Kid(
            "lea",
            "Léa",
            "Gagnon",
            date(2017, 3, 14),
            "1000001",
            "GAGL14531701",
            "erables",
            "4e année",
            "401",
        ),
        _Kid(
            "thomas",
            "Thomas",
            "Gagnon",
            date(2013, 9, 2),
            "1000002",
            "GAGT02091301",
            "boise",
            "Secondaire 2",
            "203",
        ),
        _Kid(
            "emile",
            "Émile",
            "Roy",
            date(2019, 1, 20),
            "1000003",
            "ROYE20011901",
            "erables",
            "2e année",
            "202",
        ),
        _Kid(
            "chloe",
            "Chloé",
            "Côté",
            date(2011, 6, 30),
            "1000004",
            "COTC30561101",
            "boise",
            "Secondaire 4",
            "401",
        ),
        _Kid(
            "felix",
            "Félix",
            "Côté",
            date(2015, 11, 5),
            "1000005",
            "COTF05011501",
            "erables",
            "6e année",
            "601",
        ),
        # Left the school in June: on file, not active this year.
        _Kid(
            "noah",
            "Noah",
            "Bouchard",
            date(2016, 4, 18),
            "1000006",
            "BOUN18041601",
            "erables",
            "5e année",
            "501",
            active=False,
        ),
        _Kid(
            "alice",
            "Alice",
            "Nguyen",
            date(2021, 7, 7),
            "1000007",
            "NGUA07572101",
            "erables",
            "Maternelle 5 ans",
            "M1",
        ),
        _Kid(
            "jade",
            "Jade",
            "Martin",
            date(2018, 2, 11),
            "2000001",
            None,
            "jules-ferry",
            "CE2",
            "CE2-A",
        ),
        _Kid(
            "hugo",
            "Hugo",
            "Martin",
            date(2022, 5, 3),
            "2000002",
            None,
            "coquelicots",
            "Moyenne section",
            "MS",
        ),
        _Kid(
            "ines",
            "Inès",
            "Bernard",
            date(2017, 10, 9),
            "2000003",
            None,
            "jules-ferry",
            "CM1",
            "CM1-B",
        ),
        _Kid(
            "louis",
            "Louis",
            "Petit",
            date(2020, 1, 27),
            "2000004",
            None,
            "jules-ferry",
            "CP",
            "CP-A",
        ),
        _Kid(
            "nathan",
            "Nathan",
            "Dubois",
            date(2021, 8, 16),
            "2000005",
            None,
            "coquelicots",
            "Grande section",
            "GS",
        ),
    ]
    children: dict[str, Child] = {}
    for kid in kids:
        school = schools[kid.school]
        org_key = "css" if school.organisation_id == css.id else "commune"
        child = Child(
            organisation_id=school.organisation_id,
            first_name=kid.first,
            last_name=kid.last,
            birth_date=kid.born,
            file_number=kid.file_number,
            permanent_code=kid.permanent_code,
            child_code_hash=code_hash(CHILD_CODES.get(kid.key)),
        )
        session.add(child)
        session.flush()
        assert child.id is not None and school.id is not None
        children[kid.key] = child
        current = years[(org_key, "current")]
        assert current.id is not None
        session.add(
            Enrolment(
                child_id=child.id,
                school_id=school.id,
                school_year_id=current.id,
                grade=kid.grade,
                group_name=kid.group,
                active=kid.active,
            )
        )
        if org_key == "css":
            previous = years[("css", "previous")]
            assert previous.id is not None
            session.add(
                Enrolment(
                    child_id=child.id,
                    school_id=school.id,
                    school_year_id=previous.id,
                    grade=kid.grade,
                    group_name=kid.group,
                    active=True,
                )
            )

    marie = account(PARENT_EMAIL, "Marie Tremblay")
    jean = account("jean.cote@example.org", "Jean Côté", locale="en")
    claire = account("claire.martin@example.org", "Claire Martin")

    # (family name, organisation, guardians: (first, last, e-mails, account), children, custody)
    households: list[
        tuple[str, int, list[tuple[str, str, list[str], UserAccount | None]], list[str], bool]
    ] = [
        (
            "Famille Tremblay",
            css.id,
            [("Marie", "Tremblay", [PARENT_EMAIL], marie)],
            ["lea", "thomas"],
            True,
        ),
        (
            "Famille Gagnon",
            css.id,
            [("Luc", "Gagnon", [GUARDIAN_WITHOUT_ACCOUNT_EMAIL], None)],
            ["lea", "thomas"],
            True,
        ),
        (
            "Famille Roy",
            css.id,
            [("Sophie", "Roy", ["sophie.roy@example.org"], None)],
            ["emile"],
            False,
        ),
        (
            "Famille Côté",
            css.id,
            [
                ("Jean", "Côté", ["jean.cote@example.org"], jean),
                ("Nadia", "Côté", ["nadia.cote@example.org"], None),
            ],
            ["chloe", "felix"],
            False,
        ),
        (
            "Famille Bouchard",
            css.id,
            [("Isabelle", "Bouchard", ["isabelle.bouchard@example.org"], None)],
            ["noah"],
            False,
        ),
        (
            "Famille Nguyen",
            css.id,
            [("Minh", "Nguyen", ["minh.nguyen@example.org"], None)],
            ["alice"],
            False,
        ),
        (
            "Famille Martin",
            commune.id,
            [
                ("Claire", "Martin", ["claire.martin@example.org"], claire),
                ("Julien", "Martin", ["julien.martin@example.org"], None),
            ],
            ["jade", "hugo"],
            False,
        ),
        (
            "Famille Bernard",
            commune.id,
            [("Karim", "Bernard", ["karim.bernard@example.org"], None)],
            ["ines"],
            False,
        ),
        (
            "Famille Petit",
            commune.id,
            [("Aurélie", "Petit", ["aurelie.petit@example.org"], None)],
            ["louis"],
            False,
        ),
        (
            "Famille Dubois",
            commune.id,
            [("Sarah", "Dubois", ["sarah.dubois@example.org"], None)],
            ["nathan"],
            False,
        ),
    ]
    for family_name, org_id, guardians, child_keys, shared in households:
        family = Family(organisation_id=org_id, name=family_name)
        session.add(family)
        session.flush()
        assert family.id is not None
        for first, last, emails, user in guardians:
            guardian = Guardian(
                organisation_id=org_id,
                family_id=family.id,
                first_name=first,
                last_name=last,
                user_id=user.id if user else None,
                payer_code_hash=code_hash(PAYER_CODES.get(first)),
            )
            session.add(guardian)
            session.flush()
            assert guardian.id is not None
            session.add_all(GuardianEmail(guardian_id=guardian.id, email=e) for e in emails)
            relationship = (
                Relationship.MOTHER
                if first in {"Marie", "Sophie", "Nadia", "Isabelle", "Claire", "Aurélie", "Sarah"}
                else Relationship.FATHER
            )
            for key in child_keys:
                child_id = children[key].id
                assert child_id is not None
                session.add(
                    GuardianChildLink(
                        guardian_id=guardian.id,
                        child_id=child_id,
                        relationship=relationship,
                        shared_custody=shared,
                        claimed_at=utcnow() if user else None,
                    )
                )

    staff = [
        (
            SECRETARY_EMAIL,
            "Secrétariat des Érables",
            css.id,
            schools["erables"].id,
            StaffRole.SECRETARY,
        ),
        (
            "secretariat.boise@example.org",
            "Secrétariat du Boisé",
            css.id,
            schools["boise"].id,
            StaffRole.SECRETARY,
        ),
        (
            COMMUNE_AGENT_EMAIL,
            "Service enfance de Saint-Aubin",
            commune.id,
            None,
            StaffRole.CHILDHOOD_SERVICE,
        ),
        (ADMIN_EMAIL, "Administration des Mille-Lacs", css.id, None, StaffRole.ADMIN),
    ]
    for email, name, org_id, school_id, role in staff:
        user = account(email, name)
        assert user.id is not None
        session.add(
            StaffMembership(user_id=user.id, organisation_id=org_id, school_id=school_id, role=role)
        )

    jf, coq = schools["jules-ferry"].id, schools["coquelicots"].id
    session.add_all(
        [
            Activity(
                organisation_id=commune.id,
                school_id=jf,
                name="Accueil du matin",
                kind=ActivityKind.MORNING_CARE,
                capacity=40,
            ),
            Activity(
                organisation_id=commune.id,
                school_id=jf,
                name="Restauration scolaire",
                kind=ActivityKind.LUNCH,
                capacity=180,
            ),
            Activity(
                organisation_id=commune.id,
                school_id=coq,
                name="Accueil du soir",
                kind=ActivityKind.EVENING_CARE,
                capacity=30,
            ),
            Activity(
                organisation_id=commune.id,
                name="Centre de loisirs du mercredi",
                kind=ActivityKind.HOLIDAY_CENTRE,
                capacity=60,
            ),
            Activity(
                organisation_id=css.id,
                school_id=schools["erables"].id,
                name="Service de garde des Érables",
                kind=ActivityKind.DAYCARE,
                capacity=120,
            ),
        ]
    )
    session.add_all(
        [
            NewsItem(
                organisation_id=css.id,
                title="Journée pédagogique le vendredi 4 décembre",
                body="Les écoles seront fermées aux élèves. Le service de garde des Érables "
                "accueille les enfants inscrits de 7 h à 18 h.",
                published_at=datetime(2026, 11, 16, 13, 0, tzinfo=UTC),
            ),
            NewsItem(
                organisation_id=commune.id,
                title="Menus de la cantine du 23 au 27 novembre",
                body="Lundi : hachis parmentier. Mardi : poisson pané, haricots verts. "
                "Jeudi : repas végétarien. Vendredi : poulet rôti, purée.",
                published_at=datetime(2026, 11, 19, 8, 30, tzinfo=UTC),
            ),
            NewsItem(
                organisation_id=commune.id,
                title="Centre de loisirs : sortie au musée le 9 décembre",
                body="Inscriptions ouvertes jusqu'au vendredi 4 décembre à midi.",
                published_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
            ),
        ]
    )
    load_demo_messages(session)
    load_results_and_records(session, css.id, commune.id)
    load_agenda_demo(session)
    load_demo_finances(session)
    load_planning_demo(session)
    load_demo_requests(session)
    load_records_admin_demo(session)
    load_demo_second_factor(session, ADMIN_EMAIL)
    return True
