#!/usr/bin/env bash
# test_readme_config.sh — the README's config reference is the key table's own output
# (`tianfu help config --markdown`), so the documentation cannot drift from the code.
# usage: test_readme_config.sh TIANFU_EXE README
tf=$1; readme=$2
diff <("$tf" help config --markdown) \
     <(awk '/<!-- BEGIN CONFIG REFERENCE -->/{f=1;next} /<!-- END CONFIG REFERENCE -->/{f=0} f' "$readme") \
  && echo "README config reference is up to date" \
  || { echo "README config reference is stale: run scripts/update-readme-config"; exit 1; }
