"""Files users upload (a plan JSON, a roster CSV): read once, deleted, never served back.

Gradio keeps every upload in its cache folder, as `<sha256 of the content>/<file name>`,
and serves that folder to anyone who asks for `/gradio_api/file=<path>`. So:
- the events that read an upload take its raw value (`preprocess=False`): gr.File's own
  preprocessing opens an empty temporary file in the cache for every upload and never
  removes it (gradio 6.x `components/file.py`), and the handler needs the path to delete it;
- `Uploads.reading` deletes the file once the handler is done with it, read or not;
- `UploadsNotServed` answers 404 for any upload asked for through the file route, so even
  before it is read an upload is not served back (to its uploader or anyone else);
- uploads no event read are removed by Gradio's `delete_cache` (advisor/ui/app.py), and at
  exit by `discard_all` (app.py: a SIGTERM skips Gradio's own clean-up at shutdown).
A file a component shows to everyone (the roster template) is never deleted or refused,
even when an upload lands on the same path (same name and content).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gradio.utils import get_upload_folder
from starlette.responses import PlainTextResponse

# Gradio's file routes, under its API prefix: /gradio_api/file=<path>, /gradio_api/file/<path>
FILE_ROUTE = re.compile(r"^(?:.*/gradio_api)?/file[=/](?P<path>.+)$")


def upload_path(value) -> str | None:
    """The server path in a file input's raw value (a FileData dict), if any."""
    if isinstance(value, list):  # a single file may come as a one-item list
        value = value[0] if len(value) == 1 else None
    if isinstance(value, dict):
        value = value.get("path")
    return value if isinstance(value, str) and value else None


class Uploads:
    """What this app's users uploaded, as Gradio recorded it (`Blocks.upload_file_set`)."""

    def __init__(self):
        self.blocks = None

    def attach(self, blocks) -> None:
        self.blocks = blocks

    def _public(self) -> set[str]:
        """Files the app's own components show everyone (kept in the cache by Gradio)."""
        blocks = self.blocks.blocks.values() if self.blocks is not None else ()
        return {os.path.realpath(p) for b in blocks for p in getattr(b, "keep_in_cache", ())}

    def _recorded(self, target: str) -> list[str]:
        if self.blocks is None:
            return []
        # a copy: the upload route adds to the set while this runs
        return [p for p in tuple(self.blocks.upload_file_set) if os.path.realpath(p) == target]

    def is_upload(self, path: str) -> bool:
        target = os.path.realpath(path)
        return bool(self._recorded(target)) and target not in self._public()

    def discard(self, path: str) -> None:
        """Delete an upload and the folder Gradio made for it; anything else is left alone."""
        target = os.path.realpath(path)
        recorded = self._recorded(target)
        if not recorded or target in self._public():
            return
        try:
            os.remove(target)
        except OSError:  # already gone (the same file uploaded twice, read twice)
            pass
        folder = Path(target).parent
        if folder.parent == Path(os.path.realpath(get_upload_folder())):
            try:
                folder.rmdir()  # only when empty: another upload may share the content
            except OSError:
                pass
        for p in recorded:
            self.blocks.upload_file_set.discard(p)

    def discard_all(self) -> None:
        """Every upload still on disk (at exit: a stopped server leaves none behind)."""
        for path in tuple(self.blocks.upload_file_set if self.blocks is not None else ()):
            self.discard(path)

    @contextmanager
    def reading(self, value) -> Iterator[str | None]:
        """The uploaded path in a raw file value, deleted when the block ends however it
        ends."""
        path = upload_path(value)
        try:
            yield path
        finally:
            if path:
                self.discard(path)


class UploadsNotServed:
    """ASGI middleware: the file route answers 404 for anything a user uploaded."""

    def __init__(self, app, uploads: Uploads):
        self.app, self.uploads = app, uploads

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            match = FILE_ROUTE.match(scope.get("path", ""))
            if match and self.uploads.is_upload(match["path"]):
                await PlainTextResponse("Not found", status_code=404)(scope, receive, send)
                return
        await self.app(scope, receive, send)
