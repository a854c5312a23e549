"""The family's request form: one generic form per category, built from the category's fields.

The page sends a category name (checked against the categories a family may ask) and the form's
values; the child is the one selected in ChildSelectionState, re-checked by the service. Uploaded
files wait on disk under an opaque key (services/attachments.py) until the request is sent.
"""

from __future__ import annotations

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.domain.attachments import MAX_ATTACHMENT_BYTES, AttachmentRefused
from portail_famille.domain.photos import MAX_PHOTO_BYTES, PhotoRefused, reencode_photo
from portail_famille.models import RequestCategory
from portail_famille.services.access import Forbidden
from portail_famille.services.attachments import StoredFile, discard_file, read_file, store_file
from portail_famille.services.pending_requests import pending_categories
from portail_famille.services.requests import (
    RequestInvalid,
    category_fields,
    current_values,
    submit_request,
)
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.request_form_views import (
    FieldView,
    field_views,
    form_values,
    texts,
    with_errors,
)
from portail_famille.state.requests import RequestsState
from portail_famille.state.session import SessionState
from portail_famille.state.signals import focus_element
from portail_famille.state.submission_token import fresh_token, token_of

# What the family asks from the child's record, from the household's, and as enrolments.
CHILD_CATEGORIES = ("pickup", "complementary", "health", "photo")
FAMILY_CATEGORIES = ("guardian", "spouse", "tax", "caf", "bank")
ENROLMENT_CATEGORIES = ("reenrolment", "activity_enrolment", "add_child", "preregistration")
FOR_A_CHILD = {*CHILD_CATEGORIES, "reenrolment", "activity_enrolment"}
MAX_DOCUMENTS = 3
# The form opens at the top of the page: bring it into view and put the keyboard in it.


class RequestFormState(rx.State):
    category: str = ""  # the open form's category, "" when none is open
    fields: list[FieldView] = []
    document_names: list[str] = []
    # Errors in every language (see request_form_views.texts); empty when all is well.
    document_error: dict[str, str] = {}
    photo_name: str = ""
    photo_error: dict[str, str] = {}
    form_error: dict[str, str] = {}
    sent: str = ""  # the category of the request just sent, for the confirmation notice
    pending: list[str] = []  # categories already waiting for staff, for the selected child
    _child: int | None = None  # the child the open form is about
    form_nonce: str = ""  # the open form's submission token (drawn when it opens)
    _sent_token: str = ""  # the token of the request just sent: a second tap is no new request
    _documents: list[StoredFile] = []
    _photo: StoredFile | None = None

    def _discard(self) -> None:
        for stored in [*self._documents, *([self._photo] if self._photo else [])]:
            discard_file(stored.storage_key)
        self._documents, self._photo, self.document_names, self.photo_name = [], None, [], ""

    def _reset(self) -> None:
        self._discard()
        self.category, self.fields, self._child = "", [], None
        self.document_error, self.photo_error, self.form_error = {}, {}, {}

    @rx.event
    async def reset_form(self):
        """On a page load or a child switch: no form open, nothing pending."""
        self._reset()
        self.sent = ""
        await self._refresh_pending()

    async def _refresh_pending(self) -> None:
        self.pending = []
        selection = await (await self.get_state(ChildSelectionState))._selected_child("view")
        if selection is None:
            return
        try:
            with session_scope() as session:
                found = pending_categories(session, user_id=selection[0], child_id=selection[1])
        except Forbidden:
            return
        self.pending = sorted(found)

    async def _who(self, category: str) -> tuple[int, int | None] | None:
        """(user id, child id or None) for `category`, or None when nobody may ask it now."""
        if category in FOR_A_CHILD:
            selection = await (await self.get_state(ChildSelectionState))._selected_child("view")
            return (selection[0], selection[1]) if selection else None
        user_id = await (await self.get_state(SessionState))._current_user_id()
        return (user_id, None) if user_id is not None else None

    @rx.event
    async def open(self, category: str):
        self._reset()
        self.sent = ""
        if category not in (*CHILD_CATEGORIES, *FAMILY_CATEGORIES, *ENROLMENT_CATEGORIES):
            return
        who = await self._who(category)
        if who is None:
            self.form_error = texts("requests_family.error.forbidden")
            return
        user_id, child_id = who
        kind = RequestCategory(category)
        try:
            with session_scope() as session:
                specs = category_fields(kind, session, user_id=user_id, child_id=child_id)
                current = current_values(session, user_id=user_id, category=kind, child_id=child_id)
        except (Forbidden, RequestInvalid):
            self.form_error = texts("requests_family.error.forbidden")
            return
        self.category, self._child = category, child_id
        self.fields = field_views(category, specs, current)
        self.form_nonce = fresh_token()
        return focus_element("request-form")

    @rx.event
    def close(self):
        self._reset()

    @rx.event
    async def upload_document(self, files: list[rx.UploadFile]):
        """A supporting document: a real PDF, JPEG or PNG (checked by content), 5 MB at most."""
        if not self.category or await self._who(self.category) is None:
            return
        self.document_error = {}
        for upload in files[:MAX_DOCUMENTS]:
            if len(self._documents) >= MAX_DOCUMENTS:
                self.document_error = texts("requests_family.error.too_many_documents")
                break
            try:
                self._documents.append(
                    store_file(upload.name or "", await upload.read(MAX_ATTACHMENT_BYTES + 1))
                )
            except AttachmentRefused as refused:
                self.document_error = texts(refused.key)
        self.document_names = [stored.filename for stored in self._documents]

    @rx.event
    def remove_document(self, position: int):
        if isinstance(position, int) and 0 <= position < len(self._documents):
            discard_file(self._documents.pop(position).storage_key)
            self.document_names = [stored.filename for stored in self._documents]

    @rx.event
    async def upload_photo(self, files: list[rx.UploadFile]):
        """The proposed photo, checked and re-encoded at once by the requests' own photo rule so a
        file that is not a JPEG or PNG of 5 MB at most is refused next to the field."""
        if self.category != "photo" or await self._who("photo") is None or not files:
            return
        if self._photo is not None:
            discard_file(self._photo.storage_key)
            self._photo, self.photo_name = None, ""
        self.photo_error = {}
        name = files[0].name or ""
        try:
            self._photo = store_file(name, reencode_photo(await files[0].read(MAX_PHOTO_BYTES + 1)))
        except (PhotoRefused, AttachmentRefused) as refused:
            self.photo_error = texts(refused.key)
            return
        self.photo_name = name.rsplit("/", 1)[-1][:100]

    def _files(self) -> list[tuple[str, bytes]]:
        """The photo first (the requests service takes it from there), then the documents."""
        files = []
        for stored in [*([self._photo] if self._photo else []), *self._documents]:
            data = read_file(stored.storage_key)
            if data is not None:
                files.append((stored.filename, data))
        return files

    @rx.event
    async def submit(self, form: dict):
        token = token_of(form)
        if token and token == self._sent_token:
            return None  # the same form tapped twice: it was sent, and the notice says so
        category = self.category
        who = await self._who(category) if category else None
        if who is None or who[1] != self._child:  # the child was switched under the open form
            self._reset()
            self.form_error = texts("requests_family.error.forbidden")
            return None
        values = form_values(self.fields, form)
        try:
            with session_scope() as session:
                submit_request(
                    session,
                    user_id=who[0],
                    category=RequestCategory(category),
                    child_id=who[1],
                    values=values,
                    documents=self._files(),
                    token=token,
                )
        except RequestInvalid as invalid:
            for view in self.fields:
                view.value = values.get(view.name, view.value)
            self.fields = with_errors(self.fields, dict(invalid.errors))
            errors = dict(invalid.errors)
            self.photo_error = texts(errors["photo"]) if "photo" in errors else {}
            self.document_error = texts(errors["documents"]) if "documents" in errors else {}
            self.form_error = texts(errors.get("") or "requests_family.error.fix_fields")
            return None
        except Forbidden:
            self._reset()
            self.form_error = texts("requests_family.error.forbidden")
            return None
        self._reset()
        self.sent, self._sent_token = category, token
        await self._refresh_pending()
        return RequestsState.load  # the Requests tile lists it at once
