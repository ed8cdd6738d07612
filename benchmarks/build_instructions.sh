#!/bin/bash
# Instructions (valgrind callgrind "Collected") of whole `kg build --workers 1` processes: the real-dev documents
# and one tiny document (the fixed cost), as the installed `kg` runs them (bytecode compiled, caches filled by
# a first, uncounted build). Instruction counts, unlike wall or CPU time, do not drift with the host's load.
#
#   bash benchmarks/build_instructions.sh [KG_EXECUTABLE] [DOCS_FOLDER]
#
# Needs valgrind (apt-get install -y valgrind). Defaults: `kg` on PATH, ../shared/real-dev/docs.
set -euo pipefail
KG=${1:-kg}
DOCS=${2:-$(cd "$(dirname "$0")/../.." && pwd)/shared/real-dev/docs}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
unset PYTHONDONTWRITEBYTECODE
export KG_CACHE_DIR="$WORK/cache"
mkdir -p "$WORK/tiny"
printf '# Data Engineer\n\nPython and SQL.\n' > "$WORK/tiny/a.md"
count() {
  rm -f "$WORK"/store.sqlite*
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$KG" build "$1" --store "$WORK/store.sqlite" \
    --workers 1 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
"$KG" build "$DOCS" --store "$WORK/warm.sqlite" --workers 1 > /dev/null 2>&1 || true  # bytecode and caches
docs=$(find "$DOCS" -maxdepth 1 -type f | wc -l)
all=$(count "$DOCS")
tiny=$(count "$WORK/tiny")
echo "documents: $docs"
echo "whole kg build: $((all / 1000000)) M instructions"
echo "one tiny document (fixed cost): $((tiny / 1000000)) M"
echo "per document: $(( (all - tiny) / docs / 1000000 )) M"
