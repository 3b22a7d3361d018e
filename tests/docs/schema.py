"""Validating a .docx against the ECMA-376 transitional schemas (tests/ooxml-xsd), part by part,
as Word reads it: markup compatibility first (an mc:AlternateContent becomes its mc:Fallback;
elements and attributes of the namespaces a part declares ignorable are dropped — the
版记's and the turned page number's wps text boxes), then each w:txbxContent on its own.
Also: drawing ids (wp:docPr/@id) unique across the package."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

from lxml import etree

XSD = Path(__file__).resolve().parent.parent / "ooxml-xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
STUBS = {"http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "dc-stub.xsd",
         "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "dcterms-stub.xsd"}


@functools.lru_cache(maxsize=None)
def schema(name: str) -> etree.XMLSchema:
    tree = etree.parse(str(XSD / name))
    for imp in tree.iter("{http://www.w3.org/2001/XMLSchema}import"):
        loc = imp.get("schemaLocation")
        if loc in STUBS:
            imp.set("schemaLocation", str(XSD / STUBS[loc]))
        elif loc is None and imp.get("namespace") == "http://www.w3.org/XML/1998/namespace":
            imp.set("schemaLocation", str(XSD / "xml.xsd"))
    return etree.XMLSchema(tree)


def schema_for(part: str) -> str | None:
    if part == "[Content_Types].xml":
        return "opc-xsd/opc-contentTypes.xsd"
    if part.endswith(".rels"):
        return "opc-xsd/opc-relationships.xsd"
    if part == "docProps/core.xml":
        return "opc-xsd/opc-coreProperties.xsd"
    if part == "docProps/app.xml":
        return "shared-documentPropertiesExtended.xsd"
    if part.startswith("word/") and part.endswith(".xml"):
        return "wml.xsd"
    if part.startswith("xl/drawings/") and part.endswith(".xml"):
        return "dml-spreadsheetDrawing.xsd"
    if part.startswith("xl/theme/") and part.endswith(".xml"):
        return "dml-main.xsd"
    if part.startswith("xl/") and part.endswith(".xml"):
        return "sml.xsd"
    return None


def _compatible(root) -> list:
    """Markup compatibility applied in place; → the text boxes' contents, cut out to be
    validated on their own."""
    for alt in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alt.find(f"{{{MC}}}Fallback")
        parent = alt.getparent()
        at = parent.index(alt)
        parent.remove(alt)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(at, child)
    ignorable = set()
    for el in root.iter():
        for prefix in (el.get(f"{{{MC}}}Ignorable") or "").split():
            if prefix in el.nsmap:
                ignorable.add(el.nsmap[prefix])
        el.attrib.pop(f"{{{MC}}}Ignorable", None)
    boxes = [copy for copy in root.iter(f"{{{W}}}txbxContent")]
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        for attr in list(el.attrib):
            if attr.startswith("{") and attr[1:].split("}")[0] in ignorable:
                del el.attrib[attr]
    for el in list(root.iter()):
        if isinstance(el.tag, str) and etree.QName(el).namespace in ignorable:
            parent = el.getparent()
            if parent is not None and etree.QName(parent).namespace not in ignorable:
                parent.remove(el)
    return boxes


def docx_errors(docx: bytes | Path) -> list[str]:
    """Every schema error of every part (of a .docx, or an .xlsx), and every drawing id
    used twice; [] when valid."""
    data = docx.read_bytes() if isinstance(docx, Path) else docx
    errors: list[str] = []
    ids: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for part in zf.namelist():
            name = schema_for(part)
            if name is None:
                continue
            root = etree.fromstring(zf.read(part))
            for d in root.iter(f"{{{WP}}}docPr"):
                if d.get("id") in ids:
                    errors.append(f"{part}: drawing id {d.get('id')} also in {ids[d.get('id')]}")
                ids[d.get("id")] = part
            boxes = _compatible(root)
            xsd = schema(name)
            for tree in [root, *boxes]:
                if not xsd.validate(tree):
                    errors += [f"{part}:{e.line}: {e.message}" for e in xsd.error_log]
    return errors
