#!/usr/bin/env bash
# test_browser_check_selftest.sh — keeps browser_check.py honest: on a correct hand-made
# bulletin every check passes; on each broken page (make_fixture.py VARIANT) the checker
# exits non-zero and the check the breakage targets prints FAIL, while the checks the
# breakage does not touch still PASS (so a failure is not just "the browser did not start").
# usage: test_browser_check_selftest.sh PYTHON TESTDIR WORKDIR
# (TESTDIR holds browser_check.py and make_fixture.py; screenshots are kept in WORKDIR)
set -u
py=$1; here=$2; work=$3
rm -rf "$work"; mkdir -p "$work"
fail=0
ck() { if [ "$2" = 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
for exe in "${TF_CHROMIUM:-/usr/bin/chromium}" "${TF_CHROMEDRIVER:-/usr/bin/chromedriver}"; do
  [ -x "$exe" ] || { echo "FAIL $exe missing: install the Debian packages chromium chromium-driver" \
                          "(scripts/test installs them through scripts/tf-env.sh)"; exit 1; }
done
# The checker's browser profiles go below WORKDIR, so leftovers can be looked for there.
export TMPDIR="$work/tmp"; mkdir -p "$TMPDIR"

# variant  expected-rc  checks that must FAIL (comma-separated)  a check that must still PASS
cases="good            0 -                                    cell_colours
wrong_colour    1 cell_colours                         table_rows
missing_image   1 images_loaded                        cell_colours
console_error   1 console_severe                       images_loaded
missing_row     1 table_rows,table_city_ids            cell_colours
wrong_aqi       1 cell_values                          cell_colours
no_text         1 body_text_chars                      cell_colours
invisible       1 screenshot_colours,screenshot_ink    cell_colours
remote_image    1 images_inline_png,external_resources images_loaded
remote_css      1 external_resources                   images_inline_png"

while read -r variant want_rc must_fail must_pass; do
  d="$work/$variant"
  "$py" "$here/make_fixture.py" "$d" "$variant" || { ck "$variant: fixture made" 1; continue; }
  "$py" "$here/browser_check.py" "$d" "$work/$variant.png" --timeout 90 > "$work/$variant.log" 2>&1
  rc=$?
  ck "$variant: checker exits $want_rc (got $rc)" $([ "$rc" = "$want_rc" ] && echo 0 || echo 1)
  if [ "$must_fail" = - ]; then
    ! grep -q "FAIL" "$work/$variant.log"; ck "$variant: no check fails" $?
    n=$(grep -c "^CHECK .* PASS$" "$work/$variant.log")
    [ "$n" -ge 15 ]; ck "$variant: all $n checks printed and pass" $?
  else
    for c in ${must_fail//,/ }; do
      grep -q "^CHECK $c .* FAIL$" "$work/$variant.log"; ck "$variant: CHECK $c FAIL" $?
    done
  fi
  grep -q "^CHECK $must_pass .* PASS$" "$work/$variant.log"; ck "$variant: CHECK $must_pass still PASS" $?
  [ "$rc" = "$want_rc" ] || sed 's/^/    /' "$work/$variant.log"
done <<< "$cases"

# Setup errors fail loudly (exit 2), never pass or skip: no bulletin, no chromium.
"$py" "$here/browser_check.py" "$work/nowhere" "$work/x.png" > "$work/nowhere.log" 2>&1
rc=$?; [ $rc = 2 ] && grep -q "bulletin.html: no such file" "$work/nowhere.log"
ck "missing bulletin: exit 2 with the path (got $rc)" $?
TF_CHROMIUM=/nonexistent/chromium "$py" "$here/browser_check.py" "$work/good" "$work/x.png" > "$work/nochrome.log" 2>&1
rc=$?; [ $rc = 2 ] && grep -q "install the Debian package chromium" "$work/nochrome.log"
ck "missing chromium: exit 2 naming the package (got $rc)" $?
# No browser or driver left behind by this test's sessions.
sleep 0.5
left=$(pgrep -f -- "--user-data-dir=$TMPDIR/" || true)
[ -z "$left" ]; ck "no chromium left running (pids: ${left:-none})" $?
exit $fail
