/* tf_test.c — see tf_test.h. */
#include "tf_test.h"
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

int tf_test_failures = 0;
int tf_test_count = 0;

static int report(const char *name, double x, double y, const char *tol, int ok)
{
  tf_test_count++;
  if (!ok) tf_test_failures++;
  printf("CHECK %s measured=%.9g reference=%.9g tol=%s %s\n", name, x, y, tol, ok ? "PASS" : "FAIL");
  fflush(stdout);
  return ok;
}

int tf_check(const char *name, double x, double y, double tol)
{
  char t[64];
  snprintf(t, sizeof t, "%.3g", tol);
  return report(name, x, y, t, isfinite(x) && fabs(x - y) <= tol);
}

int tf_check_rel(const char *name, double x, double y, double rel)
{
  char t[64];
  snprintf(t, sizeof t, "rel:%.3g", rel);
  return report(name, x, y, t, isfinite(x) && fabs(x - y) <= rel * fabs(y));
}

int tf_check_le(const char *name, double x, double bound)
{
  return report(name, x, bound, "<=", isfinite(x) && x <= bound);
}

int tf_check_ge(const char *name, double x, double bound)
{
  return report(name, x, bound, ">=", isfinite(x) && x >= bound);
}

const char *tf_test_data(const char *rel, char *buf, size_t n)
{
  snprintf(buf, n, "%s/tests/data/%s", TIANFU_SOURCE_DIR, rel);
  struct stat st;
  if (stat(buf, &st) == 0) return buf;
  tf_test_count++;
  tf_test_failures++;
  fprintf(stderr, "FAILED: test data %s missing\n", buf);
  return NULL;
}

const char *tf_source_path(const char *rel, char *buf, size_t n)
{
  snprintf(buf, n, "%s/%s", TIANFU_SOURCE_DIR, rel);
  return buf;
}

const char *tf_tmp_dir(const char *testname, char *buf, size_t n)
{
  snprintf(buf, n, "%s/test-tmp", TIANFU_BINARY_DIR);
  mkdir(buf, 0777);
  snprintf(buf, n, "%s/test-tmp/%s", TIANFU_BINARY_DIR, testname);
  mkdir(buf, 0777);
  return buf;
}

int tf_test_exit(void)
{
  printf("%d checks, %d failed\n", tf_test_count, tf_test_failures);
  return tf_test_failures ? 1 : 0;
}

int tf_test_skip(const char *why)
{
  printf("SKIP: %s\n", why);
  return 77;
}
