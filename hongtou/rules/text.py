"""Text as people type it in Excel and Word: full-width digits, U+3000 padding, stray spaces."""

from __future__ import annotations

# Full-width forms that are the proper Chinese punctuation stay; the other full-width ASCII
# forms (ＡＢＣ１２３．－／［］…) become half width. Not real NFKC: that would also turn
# ① into 1, ⑴ into (1) and （ into (, damaging official wording.
CHINESE_PUNCTUATION = "，：；！？（）～"

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in CHINESE_PUNCTUATION}
_WIDTH[0x3000] = " "
# Zero-width characters pasted from web pages and WPS; invisible, but they break matching.
_WIDTH.update({cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)})


def unify(s: str) -> str:
    """Half-width letters, digits and ASCII punctuation; one space between words; stripped."""
    return " ".join(s.translate(_WIDTH).split())


def squash(s: str) -> str:
    """`unify` without any whitespace: for matching headers, keys and names."""
    return "".join(s.translate(_WIDTH).split())
