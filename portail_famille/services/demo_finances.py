"""Demo money: the Quebec centre's school fees, daycare and lunch supervision per school, the
commune's régies, open invoices for the demo parents, and statements for the active children.

Every invoice is OPEN (payments are recorded by the payments feature, with receipts): Marie
Tremblay has four with different due dates, so two can be paid by card in a demo; her co-parent
Luc Gagnon his own share; Claire Martin two régie invoices in euros.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from portail_famille.models import (
    BillingService,
    BillingSource,
    Child,
    Guardian,
    Organisation,
    School,
)
from portail_famille.services.invoices import NewLine, create_invoice
from portail_famille.services.school_years import current_school_year
from portail_famille.services.statements import (
    active_children,
    deposit_for_child,
)

# (organisation slug, school code or None for a régie, code, name, source, tax receipt)
_SERVICES = [
    (
        "css-mille-lacs",
        "001",
        "FRAIS-001",
        "Frais scolaires — École des Érables",
        BillingSource.SCHOOL_FEES,
        False,
    ),
    (
        "css-mille-lacs",
        "001",
        "GARDE-001",
        "Service de garde des Érables",
        BillingSource.DAYCARE,
        True,
    ),
    (
        "css-mille-lacs",
        "001",
        "MIDI-001",
        "Surveillance du midi des Érables",
        BillingSource.LUNCH_SUPERVISION,
        False,
    ),
    (
        "css-mille-lacs",
        "002",
        "FRAIS-002",
        "Frais scolaires — École du Boisé",
        BillingSource.SCHOOL_FEES,
        False,
    ),
    (
        "css-mille-lacs",
        "002",
        "MIDI-002",
        "Surveillance du midi du Boisé",
        BillingSource.LUNCH_SUPERVISION,
        False,
    ),
    (
        "saint-aubin",
        None,
        "REGIE-PERI",
        "Régie périscolaire (accueils du matin et du soir)",
        BillingSource.PERISCOLAIRE,
        True,
    ),
    (
        "saint-aubin",
        None,
        "REGIE-CANT",
        "Régie de la restauration scolaire",
        BillingSource.PERISCOLAIRE,
        False,
    ),
    (
        "saint-aubin",
        None,
        "REGIE-ALSH",
        "Régie du centre de loisirs",
        BillingSource.PERISCOLAIRE,
        True,
    ),
]

# (payer first name, service code, label, issued, due, [(child, line label, unit cents, qty)])
_INVOICES = [
    (
        "Marie",
        "GARDE-001",
        "Service de garde — octobre 2026",
        date(2026, 10, 31),
        date(2026, 11, 27),
        [
            ("Léa", "Garde régulière (jours de présence)", 1000, 10),
            ("Léa", "Journée pédagogique du 9 octobre", 1650, 1),
        ],
    ),
    (
        "Marie",
        "GARDE-001",
        "Service de garde — novembre 2026",
        date(2026, 11, 20),
        date(2026, 12, 18),
        [
            ("Léa", "Garde régulière (jours de présence)", 1000, 9),
            ("Léa", "Journée pédagogique du 13 novembre", 1650, 1),
            ("Léa", "Sortie au musée", 1200, 1),
        ],
    ),
    (
        "Marie",
        "FRAIS-002",
        "Frais scolaires 2026-2027",
        date(2026, 9, 5),
        date(2026, 12, 4),
        [
            ("Thomas", "Cahiers d'exercices", 8475, 1),
            ("Thomas", "Agenda scolaire", 900, 1),
            ("Thomas", "Sortie culturelle", 2500, 1),
        ],
    ),
    (
        "Marie",
        "FRAIS-001",
        "Frais scolaires 2026-2027",
        date(2026, 9, 5),
        date(2027, 1, 15),
        [("Léa", "Cahiers d'exercices", 6230, 1), ("Léa", "Matériel d'arts plastiques", 1500, 1)],
    ),
    (
        "Luc",
        "GARDE-001",
        "Service de garde — novembre 2026",
        date(2026, 11, 20),
        date(2026, 12, 18),
        [("Léa", "Garde régulière (jours de présence)", 1000, 8)],
    ),
    (
        "Jean",
        "GARDE-001",
        "Daycare — November 2026",
        date(2026, 11, 20),
        date(2026, 12, 18),
        [("Félix", "Garde régulière (jours de présence)", 1000, 12)],
    ),
    (
        "Claire",
        "REGIE-PERI",
        "Accueils périscolaires — novembre 2026",
        date(2026, 11, 20),
        date(2026, 12, 15),
        [("Jade", "Accueil du matin", 250, 8), ("Hugo", "Accueil du soir", 320, 11)],
    ),
    (
        "Claire",
        "REGIE-CANT",
        "Restauration scolaire — novembre 2026",
        date(2026, 11, 20),
        date(2026, 12, 10),
        [("Jade", "Repas à la cantine", 380, 12)],
    ),
]

# Statements deposited at load: (school code, service code).
_STATEMENTS = [
    ("001", "FRAIS-001"),
    ("001", "GARDE-001"),
    ("002", "FRAIS-002"),
    ("E01", "REGIE-PERI"),
    ("M01", "REGIE-PERI"),
]


def load_demo_finances(session: Session) -> None:
    organisations = {o.slug: o for o in session.exec(select(Organisation)).all()}
    schools = {s.code: s for s in session.exec(select(School)).all()}
    services: dict[str, BillingService] = {}
    for slug, school_code, code, name, source, tax in _SERVICES:
        org_id = organisations[slug].id
        assert org_id is not None
        service = BillingService(
            organisation_id=org_id,
            school_id=schools[school_code].id if school_code else None,
            code=code,
            name=name,
            source=source,
            tax_receipt_eligible=tax,
        )
        session.add(service)
        services[code] = service
    session.flush()
    children = {c.first_name: c for c in session.exec(select(Child)).all()}
    payers = {
        g.first_name: g
        for g in session.exec(select(Guardian).where(col(Guardian.user_id).is_not(None))).all()
    }
    payers["Luc"] = session.exec(select(Guardian).where(Guardian.first_name == "Luc")).one()
    for first, code, label, issued, due, lines in _INVOICES:
        service, payer = services[code], payers[first]
        assert service.id is not None and payer.id is not None
        create_invoice(
            session,
            organisation_id=service.organisation_id,
            billing_service_id=service.id,
            family_id=payer.family_id,
            payer_guardian_id=payer.id,
            label=label,
            lines=[
                NewLine(text, unit, quantity, children[child].id)
                for child, text, unit, quantity in lines
            ],
            issued_on=issued,
            due_on=due,
            origin_key=f"demo:{code}:{first}:{issued.isoformat()}",
        )
    for school_code, code in _STATEMENTS:
        school = schools[school_code]
        year = current_school_year(session, school.organisation_id)
        assert school.id is not None and year is not None and year.id is not None
        for child_id in active_children(session, school.id, year.id):
            deposit_for_child(
                session, service=services[code], child_id=child_id, school_id=school.id
            )
