#!/usr/bin/env bash
# Fills fuzz/corpus-work/TARGET with the test fixtures, the starting points of a fresh run
# (the committed, minimized fuzz/corpus/TARGET is the other starting point). Needs python3
# for zipping the .docx seeds.
set -euo pipefail
cd "$(dirname "$0")"
fixtures=../tests/fixtures
work=corpus-work
mkdir -p "$work"/{text,html,docx,identify,pdf}
cp "$fixtures"/samples/*.txt "$fixtures"/samples/*.md "$fixtures"/inputs/*.txt "$work/text/"
cp "$fixtures"/samples/*.html "$fixtures"/inputs/*.html "$work/html/"
# identify: the first byte picks the file name (see fuzz_targets/identify.rs).
i=0
for f in "$fixtures"/samples/*.txt "$fixtures"/samples/*.html "$fixtures"/inputs/*.txt "$fixtures"/inputs/*.html; do
    { printf "\\x$(printf %02x $((i % 8)))"; head -c 4096 "$f"; } > "$work/identify/seed-$i"
    i=$((i + 1))
done
python3 - "$fixtures/inputs/hongze-district-2024.document.xml" "$work/docx" <<'PY'
import sys, zipfile
xml = open(sys.argv[1], "rb").read()
out = sys.argv[2]
types = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
small = b'<w:document><w:body><w:p><w:r><w:t>\xe8\xa1\xa8\xe4\xba\x8c</w:t><w:tab/><w:t>1</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr></w:tc></w:tr></w:tbl></w:body></w:document>'
for name, doc, method in [("full-deflated", xml, zipfile.ZIP_DEFLATED), ("full-stored", xml, zipfile.ZIP_STORED),
                          ("small-deflated", small, zipfile.ZIP_DEFLATED), ("small-stored", small, zipfile.ZIP_STORED)]:
    with zipfile.ZipFile(f"{out}/{name}.docx", "w", method) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("word/document.xml", doc)
open(f"{out}/small.xml", "wb").write(small)
PY
echo "seeded $(ls "$work"/* | wc -l) files into fuzz/$work"

# pdf: small hand-made PDFs (no font programs, so they fit the fuzzer's input size): text in
# a simple, a Type0 (ToUnicode with ranges) and a Type 3 font, a form, an inline image,
# filters; a vertical, rotated variant; an image-only page; then qpdf's variants of the
# first (object streams, linearized, encrypted), where qpdf is installed.
python3 - "$work/pdf" <<'PY'
import sys, zlib
out = sys.argv[1]
def stream(d, data): return b"<< " + d + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
def build(bodies):
    o = b"%PDF-1.7\n"; offs = []
    for i, b in enumerate(bodies):
        offs.append(len(o)); o += b"%d 0 obj\n" % (i + 1) + b + b"\nendobj\n"
    x = len(o); o += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    for f in offs: o += b"%010d 00000 n \n" % f
    o += b"trailer\n<< /Size %d /Root 1 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, x)
    return o
tu = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0001> <884C> <0002> <653F> endbfchar 1 beginbfrange <0010> <0019> <0030> endbfrange 1 beginbfrange <0020> <0022> [<8BB8> <53EF> <5904>] endbfrange endcmap end end"
content = b"BT /F1 12 Tf 72 700 Td (Report 2024) Tj ET BT /F2 10.5 Tf 1 0 0 1 72 680 Tm <0001000200200021> Tj [<0019> -3000 <0014001700180017>] TJ 0 -14 TD <00110010> Tj T* (x) ' ET q 1 0 0 1 0 -50 cm /X1 Do Q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI"
form = b"BT /F3 12 Tf 72 600 Td (\\101\\102) Tj 10 TL (C) ' ET"
bodies = [b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 9 0 R >> /XObject << /X1 8 0 R >> >> >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 0 /Contents [4 0 R] >>",
    stream(b"/Filter /FlateDecode", zlib.compress(content)),
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /one /two /uni5E74] >> /FirstChar 32 /Widths [278 278] >>",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /Sub /Encoding /Identity-H /ToUnicode 7 0 R /DescendantFonts [<< /Subtype /CIDFontType2 /DW 1000 /W [16 [500 500] 20 25 500] >>] >>",
    stream(b"", tu),
    stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 0] /Filter /ASCIIHexDecode", form.hex().encode() + b">"),
    b"<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 1000 1000] /FirstChar 65 /LastChar 67 /Widths [500 500 500] /Encoding << /Differences [65 /a /b /c] >> /CharProcs << >> /ToUnicode 7 0 R >>"]
open(f"{out}/seed-plain.pdf", "wb").write(build(bodies))
v = list(bodies); v[5] = v[5].replace(b"Identity-H", b"Identity-V"); v[2] = v[2].replace(b"/Rotate 0", b"/Rotate 90")
open(f"{out}/seed-vertical.pdf", "wb").write(build(v))
s = list(bodies); s[3] = stream(b"", b"q 100 0 0 100 0 0 cm /Im1 Do Q"); s[1] = b"<< /Type /Pages /Kids [3 0 R] /Resources << /XObject << /Im1 8 0 R >> >> >>"
s[7] = stream(b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode", b"\xff\xd8\xff")
open(f"{out}/seed-scan.pdf", "wb").write(build(s))
PY
if command -v qpdf >/dev/null; then
    plain="$work/pdf/seed-plain.pdf"
    qpdf --static-id --object-streams=generate "$plain" "$work/pdf/seed-objstm.pdf"
    qpdf --static-id --linearize "$plain" "$work/pdf/seed-linearized.pdf"
    qpdf --static-id --allow-weak-crypto --encrypt "" o 40 -- "$plain" "$work/pdf/seed-rc4.pdf"
    qpdf --static-id --encrypt "" o 128 --use-aes=y -- "$plain" "$work/pdf/seed-aes128.pdf"
    qpdf --static-id --encrypt "" o 256 -- "$plain" "$work/pdf/seed-aes256.pdf"
fi
