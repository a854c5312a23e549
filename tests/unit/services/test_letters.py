"""Access-code letters: the PDF's codes link a child, and printing new letters voids the old."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from portail_famille.models import Organisation, UserAccount
from portail_famille.services.demo import SECRETARY_EMAIL
from portail_famille.services.imports import target_for_staff
from portail_famille.services.letters import issue_letters, school_children
from portail_famille.services.letters_pdf import render_letters
from portail_famille.services.linking import LinkRefused, link_by_codes

pytestmark = pytest.mark.db
CODE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}\b")


def _letters_pdf(engine: Engine) -> str:
    with Session(engine, expire_on_commit=False) as session:
        user = session.exec(select(UserAccount).where(UserAccount.email == SECRETARY_EMAIL)).one()
        css = session.exec(select(Organisation).where(Organisation.slug == "css-mille-lacs")).one()
        assert user.id is not None and css.id is not None
        target = target_for_staff(session, user.id, css.id)
        pdf = render_letters(
            issue_letters(session, target, school_children(session, target, "001"))
        )
        session.commit()
    pages = [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]
    assert len(pages) == 5  # Léa in two households, Émile, Félix, Alice; Noah left
    # The Roy family: Sophie has no account yet, Émile is her one child at the school.
    return next(page for page in pages if "Émile Roy" in page)


def _first_page_codes(page: str) -> tuple[str, str, str]:
    french = page.split("Portal address")[0]
    codes = CODE.findall(french)
    assert len(codes) == 2 and "http://localhost:3000/inscription" in french
    return codes[0], codes[1], french  # the child's code, the payer code


def test_the_codes_printed_link_the_child_and_new_letters_void_them(engine: Engine) -> None:
    text = _letters_pdf(engine)
    child_code, payer_code, _page = _first_page_codes(text)
    with Session(engine) as session:
        parent = UserAccount(email="nouveau@example.org", display_name="Nouveau")
        session.add(parent)
        session.commit()
        assert parent.id is not None
        parent_id = parent.id

    renewed = _letters_pdf(engine)
    with Session(engine) as session, pytest.raises(LinkRefused):
        link_by_codes(session, parent_id, child_code, payer_code)
    new_child, new_payer, _ = _first_page_codes(renewed)
    with Session(engine) as session:
        child = link_by_codes(session, parent_id, new_child.lower(), new_payer)
        assert child.first_name == "Émile"
