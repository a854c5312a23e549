"""The console's import screen: upload, dry run with a progress bar, then apply on confirmation.

Every handler finds the signed-in staff member again and checks their organisation on the server;
the file waits in the upload folder, only its path in a backend var.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from pathlib import Path
from typing import Any

import reflex as rx
from sqlmodel import Session

from portail_famille.db import get_engine, session_scope
from portail_famille.models import Organisation
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.imports import KIND_NAMES, run_import, target_for_staff
from portail_famille.services.imports.report import issue_text, sample_lines, summary_lines
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState

MAX_UPLOAD = 30 * 1024 * 1024


class ImportState(rx.State):
    organisation: str = ""
    kind: str = "students"
    full: bool = False
    file_name: str = ""
    busy: bool = False
    progress: int = 0
    summary: list[str] = []
    samples: list[str] = []
    issues: list[str] = []
    can_apply: bool = False
    applied: bool = False
    _upload_path: str = ""
    _organisation: int = 0

    async def _staff(self) -> int | None:
        """The signed-in staff member's id, with their first organisation remembered."""
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            return None
        try:
            with session_scope() as session:
                scope = staff_scope(session, user_id)
                if self._organisation not in scope.organisation_ids:
                    self._organisation = min(scope.organisation_ids)
                organisation = session.get(Organisation, self._organisation)
                self.organisation = organisation.name if organisation else ""
        except Forbidden:
            return None
        return user_id

    @rx.event
    async def load(self):
        session_state = await self.get_state(SessionState)
        if await self._staff() is None:
            return rx.redirect(GUARDIAN_HOME if session_state.signed_in else SIGN_IN_PAGE)
        return LangState.apply_html_lang

    @rx.event
    def choose_kind(self, kind: str):
        if kind in KIND_NAMES:
            self.kind = kind
            self._forget_report()

    @rx.event
    def choose_full(self, full: bool):
        self.full = bool(full)
        self._forget_report()

    def _forget_report(self) -> None:
        self.summary, self.samples, self.issues = [], [], []
        self.can_apply = self.applied = False

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        """Keeps the uploaded file and starts the dry run."""
        if await self._staff() is None or not files or self.busy:
            return None
        data = await files[0].read(MAX_UPLOAD + 1)  # one more: the reader refuses it as broken
        folder = rx.get_upload_dir() / "imports"
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.upload"):  # dry runs nobody confirmed, a day later
            if time.time() - stale.stat().st_mtime > 24 * 3600:
                stale.unlink(missing_ok=True)
        if self._upload_path:
            Path(self._upload_path).unlink(missing_ok=True)
        path = folder / f"{secrets.token_hex(16)}.upload"
        path.write_bytes(data)
        self._upload_path = str(path)
        self.file_name = Path(files[0].name or "import.csv").name[:100]
        self._forget_report()
        return ImportState.dry_run

    @rx.event(background=True)
    async def dry_run(self):
        await self._run(dry_run=True)

    @rx.event(background=True)
    async def apply(self):
        await self._run(dry_run=False)

    async def _run(self, dry_run: bool) -> None:
        async with self:
            user_id = await self._staff()
            if user_id is None or self.busy or not self._upload_path:
                return
            if not dry_run and not self.can_apply:
                return
            self.busy, self.progress, self.can_apply = True, 0, False
            language = await current_language(self)
            job: dict[str, Any] = {
                "path": Path(self._upload_path),
                "name": self.file_name,
                "kind": self.kind,
                "full": self.full,
                "organisation": self._organisation,
            }
        done = {"rows": 0, "total": 1}

        def work():
            with Session(get_engine(), expire_on_commit=False) as session:
                target = target_for_staff(session, user_id, job["organisation"])
                return run_import(
                    session,
                    target,
                    job["kind"],
                    {job["name"]: job["path"].read_bytes()},
                    dry_run=dry_run,
                    full=job["full"],
                    progress=lambda rows, total: done.update(rows=rows, total=total),
                )

        task = asyncio.ensure_future(asyncio.to_thread(work))
        while not task.done():
            await asyncio.sleep(0.3)
            async with self:
                self.progress = min(99, done["rows"] * 100 // max(done["total"], 1))
        try:
            report = task.result()
        except (Forbidden, OSError):
            report = None
        async with self:
            self.busy, self.progress = False, 100
            if report is None:
                return
            self.summary = summary_lines(report, language)
            self.samples = sample_lines(report, language)
            self.issues = [issue_text(issue, language) for issue in report.issues]
            self.can_apply = dry_run and report.ok and report.changes > 0
            self.applied = report.applied
            if report.applied:
                job["path"].unlink(missing_ok=True)
                self._upload_path = ""
