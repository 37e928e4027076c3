#!/usr/bin/env bash
# The article files added, copied, modified or renamed between BASE and HEAD, NUL-delimited on stdout.
#
#     scripts/changed-articles.sh BASE [PATHSPEC...]
#
# BASE is a commit (the changes are those of BASE...HEAD: since the merge base, as a pull request shows them) or a
# tree (two-dot diff; the empty tree for a repository's first commit). PATHSPECs restrict the files (default:
# corpus/**); a pattern without a leading ':' is read as a glob, so "corpus/**" means everything under corpus/.
# Articles are files ending in .md, .txt or .markdown (any case), as factcheck lists them: README files and paths
# with a hidden part (".drafts/…") are left out. Deleted files never appear. Run it from the top of the working tree:
# the names are relative to it. Needs the history back to the merge base (actions/checkout with fetch-depth: 0).
#
# Portable to bash 3.2 (macOS): no mapfile, no ${var,,}.
set -euo pipefail

if [[ $# -lt 1 || -z $1 ]]; then
    echo "usage: changed-articles.sh BASE [PATHSPEC...]" >&2
    exit 2
fi
base=$1
shift
if [[ $# -eq 0 ]]; then
    set -- 'corpus/**'
fi
specs=()
for spec in "$@"; do
    [[ -z $spec ]] && continue
    if [[ $spec == :* ]]; then
        specs+=("$spec")
    else
        specs+=(":(glob)$spec")
    fi
done
if [[ ${#specs[@]} -eq 0 ]]; then
    specs=(':(glob)corpus/**')
fi

if ! kind=$(git cat-file -t "$base" 2>/dev/null); then
    echo "changed-articles.sh: no commit or tree '$base' in this repository (is the history fetched? use fetch-depth: 0)" >&2
    exit 2
fi
case $kind in
    commit | tag) range=("$base...HEAD") ;;
    tree) range=("$base" HEAD) ;;
    *)
        echo "changed-articles.sh: '$base' is a $kind, not a commit or tree" >&2
        exit 2
        ;;
esac

listing=$(mktemp)
trap 'rm -f "$listing"' EXIT
git -c core.quotePath=false diff -z --name-only --diff-filter=ACMR "${range[@]}" -- "${specs[@]}" >"$listing"

while IFS= read -r -d '' name; do
    case $name in
        *.[Mm][Dd] | *.[Tt][Xx][Tt] | *.[Mm][Aa][Rr][Kk][Dd][Oo][Ww][Nn]) ;;
        *) continue ;;
    esac
    file=${name##*/}
    case ${file%.*} in
        [Rr][Ee][Aa][Dd][Mm][Ee]) continue ;;
    esac
    case /$name in
        */.*) continue ;;
    esac
    printf '%s\0' "$name"
done <"$listing"
