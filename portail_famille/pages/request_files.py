"""The request form's file pickers: the proposed photo and supporting documents, each with its
error next to it (the server checks every file by its content)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.state.lang import LangState, t
from portail_famille.state.request_form import RequestFormState

LANG = LangState.language
FORM = RequestFormState
PHOTO_UPLOAD = "request-photo"
DOCUMENT_UPLOAD = "request-document"


def field_error(field_id: Any, error: Any) -> rx.Component:
    return rx.cond(
        error.contains(LANG),
        rx.el.p(error[LANG], id=field_id + "-error", class_name="error field-error"),
    )


def _picker(upload_id: str, label: Any, button: Any, on_upload: Any, accept: dict) -> rx.Component:
    # The label wraps the dropzone so its hidden file input has a name for screen readers.
    return rx.el.label(
        rx.el.span(label, class_name="field-label"),
        rx.upload(
            rx.el.span(button, class_name="button"),
            id=upload_id,
            multiple=False,
            accept=accept,
            on_drop=on_upload(rx.upload_files(upload_id=upload_id)),
            class_name="upload",
        ),
    )


def photo_picker() -> rx.Component:
    return rx.el.div(
        _picker(
            PHOTO_UPLOAD,
            t("requests_family.photo_label"),
            t("requests_family.photo_choose"),
            FORM.upload_photo,
            {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"]},
        ),
        rx.el.p(t("requests_family.photo_hint"), class_name="hint", id="rq-photo-hint"),
        rx.cond(FORM.photo_name != "", rx.el.p(FORM.photo_name, id="rq-photo-name")),
        field_error("rq-photo", FORM.photo_error),
        class_name="field",
    )


def document_picker() -> rx.Component:
    return rx.el.div(
        _picker(
            DOCUMENT_UPLOAD,
            t("requests_family.document_label"),
            t("requests_family.document_choose"),
            FORM.upload_document,
            {
                "application/pdf": [".pdf"],
                "image/jpeg": [".jpg", ".jpeg"],
                "image/png": [".png"],
            },
        ),
        rx.el.p(t("requests_family.document_hint"), class_name="hint"),
        rx.cond(
            FORM.document_names.length() > 0,
            rx.el.ul(
                rx.foreach(
                    FORM.document_names,
                    lambda name, index: rx.el.li(
                        name,
                        " ",
                        rx.el.button(
                            "×",
                            type="button",
                            aria_label=t("requests_family.remove_named", name=name),
                            on_click=FORM.remove_document(index),
                            class_name="link-button",
                        ),
                    ),
                ),
                id="rq-documents",
                aria_label=t("requests_family.documents_attached"),
            ),
        ),
        field_error("rq-document", FORM.document_error),
        class_name="field",
    )
