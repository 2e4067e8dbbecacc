/* tf_test.h — the tiny test harness every Tianfu test uses.
 *
 * Two kinds of assertion:
 *   TF_EXPECT(cond)                 unit check; reports file:line on failure.
 *   tf_check(name, measured, reference, tol)
 *                                  validation comparison; prints exactly one line
 *   "CHECK <name> measured=<x> reference=<y> tol=<t> PASS|FAIL" (|x-y| <= tol)
 *   so `ctest -L validation -V` shows the numbers, not only a green bar.
 *   tf_check_rel() uses a relative tolerance |x-y| <= tol*|y| and prints tol as "rel:<t>".
 * tf_test_exit() returns 0 if every check passed, 1 otherwise; tf_test_skip() returns 77
 * (CTest's SKIP code, set by tf_add_test) when a test cannot run here (e.g. cdo not installed). */
#ifndef TF_TEST_H
#define TF_TEST_H
#include <stdio.h>

extern int tf_test_failures;
extern int tf_test_count;

#define TF_EXPECT(cond) do { tf_test_count++; if (!(cond)) { tf_test_failures++; \
  fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define TF_EXPECT_MSG(cond, ...) do { tf_test_count++; if (!(cond)) { tf_test_failures++; \
  fprintf(stderr, "%s:%d: FAILED: %s: ", __FILE__, __LINE__, #cond); \
  fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

int tf_check(const char *name, double measured, double reference, double tol);
int tf_check_rel(const char *name, double measured, double reference, double rel_tol);
/* Bound checks: measured <= bound (or >=), printed as a CHECK line with reference=bound. */
int tf_check_le(const char *name, double measured, double bound);
int tf_check_ge(const char *name, double measured, double bound);
/* Path of tests/data/<rel> (the in-repository reference inputs, tests/data/README.md);
 * NULL, counted as a failed check with a message, if the file is missing. */
const char *tf_test_data(const char *rel, char *buf, size_t n);
const char *tf_source_path(const char *rel, char *buf, size_t n);
const char *tf_tmp_dir(const char *testname, char *buf, size_t n);
int tf_test_exit(void);
int tf_test_skip(const char *why);
#endif
