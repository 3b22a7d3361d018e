"""The WordprocessingML namespaces, each spelled once, in the three forms the code needs:
the URI (`W_NS`, `R_NS`: lxml's nsmap, XPath), the Clark prefix of a tag or attribute
(`W`: f"{W}p" is w:p) and the xmlns attribute of a part's root written as text
(`XMLNS_W`, `XMLNS_R`). No imports: ooxml, paginate and package all take them from here."""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"
XMLNS_W = f'xmlns:w="{W_NS}"'
XMLNS_R = f'xmlns:r="{R_NS}"'
