#!/usr/bin/env python3
"""Regenerate the Word templates in this folder from hongtou's built-in ones.

The templates are ordinary .docx files a user may open in Word or WPS and edit: change the
fixed wording, the styles (公文标题, 一级标题 …) or the page setup, keeping the {{ }} tags.
hongtou looks for a template first in the campaign folder's templates/, then here, then uses
the built-in one. `python templates/make_templates.py` restores the originals (a test checks
the committed files are exactly what this script writes).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hongtou.docs.skeletons import TEMPLATE_NAMES, builtin_template  # noqa: E402


def main() -> None:
    for name in TEMPLATE_NAMES:
        path = HERE / f"{name}.docx"
        path.write_bytes(builtin_template(name))
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
