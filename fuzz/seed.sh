#!/usr/bin/env bash
# Fills fuzz/corpus-work/TARGET with the test fixtures, the starting points of a fresh run
# (the committed, minimized fuzz/corpus/TARGET is the other starting point). Needs python3
# for zipping the .docx seeds.
set -euo pipefail
cd "$(dirname "$0")"
fixtures=../tests/fixtures
work=corpus-work
mkdir -p "$work"/{text,html,docx,identify}
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
