#!/usr/bin/env bash
# Writes the ODS test files with LibreOffice, a real writer: each test/parse/ods/files/*.fods (flat
# XML written by hand, so the source of every hidden row and comment is plain to read) becomes a
# packaged .ods beside it. Needs `soffice` (LibreOffice); the output
# is committed because CI does not install LibreOffice. Run again after changing a source.
set -euo pipefail
cd "$(dirname "$0")/../test/parse/ods/files"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for src in *.fods; do
  soffice -env:UserInstallation="file://$profile" --headless --convert-to ods "$src" >/dev/null
done
