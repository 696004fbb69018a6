#!/usr/bin/env bash
# Rebuilds the two subsetted fonts from Debian's fonts-dejavu-core with fonttools'
# pyftsubset (pip install fonttools). Run from this folder.
set -euo pipefail
UNICODES="U+0020-007E,U+00A0-024F,U+0259,U+02BB-02BC,U+02C6-02C7,U+02D8-02DD,U+0300-036F,U+0370-03FF,U+0400-045F,U+0490-0491,U+1E00-1EFF,U+2010-2027,U+2030-203A,U+2044,U+20AC,U+2116,U+2122,U+2190-2193,U+2212,U+2713,U+FFFD"
for font in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "/usr/share/fonts/truetype/dejavu/${font}.ttf" --unicodes="$UNICODES" \
    --layout-features='*' --no-hinting --desubroutinize --output-file="${font}.ttf"
done
