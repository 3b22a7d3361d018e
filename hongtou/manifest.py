"""The list of files a build wrote into a folder (`.hongtou.json`: relative path → sha256).

A leaf module: the writer keeps it, and the reader uses it to tell the campaign's own files
from outputs an earlier build left in the same folder."""

from __future__ import annotations

import json
from pathlib import Path

MANIFEST = ".hongtou.json"


def read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def written_by_us(folder: Path) -> set[Path]:
    """Files directly in `folder` (not in its subfolders: the reader looks at no others)
    that the last build wrote and nobody has changed since. Only those are hashed, not the
    thousands of 督办/分发 files of a build written into the campaign's own folder."""
    import hashlib

    out = set()
    for rel, digest in read_manifest(folder).items():
        if "/" in rel:
            continue
        path = folder / rel
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
                out.add(path.resolve())
        except OSError:
            continue
    return out
