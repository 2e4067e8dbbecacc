/* test_restart.c — restart files round-trip bit for bit (memcmp of every owned row of every
 * species, of the time and of the registered extra arrays), use the .partial + rename
 * protocol, and refuse mismatches with messages naming them: grid dims, species count,
 * species name, missing or resized extra array. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "io/netcdf/restart.h"
#include "tf_test.h"

static unsigned long long rng = 88172645463325252ULL;
static double rnd(void) /* xorshift64: full-mantissa doubles, incl. tiny/huge values */
{
  rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
  return ldexp((double)(rng >> 11), -53) * pow(10.0, (double)(rng % 17) - 8.0);
}

int main(void)
{
  tf_err e;
  tf_err_clear(&e);
  const int nx = 7, ny = 5, nz = 4, h = 2;
  tf_grid *g = grid_create(nx, ny, nz, h, &e);
  const char *names[4] = {"O3", "NO", "NO2", "FORM"};
  tf_state *a = state_create(g, 4, names, &e), *b = state_create(g, 4, names, &e);
  TF_EXPECT(a && b);
  for (size_t i = 0; i < (size_t)4 * g->n3; i++) a->c[i] = rnd();
  double mda[3 * 35], mdb[3 * 35] = {0}, cnt[10], cntb[10] = {0};
  for (int i = 0; i < 105; i++) mda[i] = rnd();
  for (int i = 0; i < 10; i++) cnt[i] = i;
  restart_array ex_w[2] = {{.name = "mda8_accum", .n = 105, .data = mda},
                          {.name = "hour_count", .n = 10, .data = cnt}};
  restart_array ex_r[2] = {{.name = "mda8_accum", .n = 105, .data = mdb},
                          {.name = "hour_count", .n = 10, .data = cntb}};
  char dir[1024], path[1200], partial[1300];
  tf_tmp_dir("test_restart", dir, sizeof dir);
  snprintf(path, sizeof path, "%s/restart.nc", dir);
  snprintf(partial, sizeof partial, "%s.partial", path);
  remove(path);
  double t = 1660089600.0 + 86400.0 + 1.0 / 3.0, t2 = 0.0;
  TF_EXPECT_MSG(restart_write(path, a, t, ex_w, 2, &e) == TF_OK, "%s", e.msg);
  struct stat st;
  TF_EXPECT(stat(path, &st) == 0 && stat(partial, &st) != 0);
  TF_EXPECT_MSG(restart_read(path, b, &t2, ex_r, 2, &e) == TF_OK, "%s", e.msg);
  int diff_rows = 0;
  for (int sp = 0; sp < 4; sp++)
    for (int k = 0; k < nz; k++)
      for (int j = 0; j < ny; j++)
        diff_rows += memcmp(state_spec(a, sp) + grid_idx3(g, 0, j, k), state_spec(b, sp) + grid_idx3(g, 0, j, k),
                            (size_t)nx * sizeof(double)) != 0;
  tf_check("restart_rows_differing_bitwise", diff_rows, 0, 0);
  TF_EXPECT(memcmp(&t, &t2, sizeof t) == 0);
  TF_EXPECT(memcmp(mda, mdb, sizeof mda) == 0);
  TF_EXPECT(memcmp(cnt, cntb, sizeof cnt) == 0);
  /* halo untouched (still zero in b) */
  TF_EXPECT(state_spec(b, 0)[grid_idx3(g, -1, 0, 0)] == 0.0);

  /* mismatches */
  tf_grid *g2 = grid_create(nx + 1, ny, nz, h, &e);
  tf_state *c = state_create(g2, 4, names, &e);
  TF_EXPECT(restart_read(path, c, &t2, NULL, 0, &e) == TF_EINVAL);
  TF_EXPECT_MSG(strstr(e.msg, "7x5x4") && strstr(e.msg, "8x5x4"), "%s", e.msg);
  printf("grid mismatch: %s\n", e.msg);
  state_destroy(&c);
  const char *names2[4] = {"O3", "NO", "NO3", "FORM"};
  c = state_create(g, 4, names2, &e);
  TF_EXPECT(restart_read(path, c, &t2, NULL, 0, &e) == TF_EINVAL);
  TF_EXPECT_MSG(strstr(e.msg, "'NO2'") && strstr(e.msg, "'NO3'"), "%s", e.msg);
  printf("species mismatch: %s\n", e.msg);
  state_destroy(&c);
  c = state_create(g, 3, names, &e);
  TF_EXPECT(restart_read(path, c, &t2, NULL, 0, &e) == TF_EINVAL);
  TF_EXPECT_MSG(strstr(e.msg, "4 species") && strstr(e.msg, "3"), "%s", e.msg);
  printf("count mismatch: %s\n", e.msg);
  state_destroy(&c);
  restart_array bad = {.name = "mda8_accum", .n = 104, .data = mdb};
  TF_EXPECT(restart_read(path, b, &t2, &bad, 1, &e) == TF_EINVAL);
  TF_EXPECT_MSG(strstr(e.msg, "mda8_accum") && strstr(e.msg, "105"), "%s", e.msg);
  restart_array missing = {.name = "o3_8h_ring", .n = 5, .data = mdb};
  TF_EXPECT(restart_read(path, b, &t2, &missing, 1, &e) == TF_EFORMAT);
  TF_EXPECT_MSG(strstr(e.msg, "o3_8h_ring"), "%s", e.msg);
  snprintf(partial, sizeof partial, "%s/nonexistent.nc", dir);
  TF_EXPECT(restart_read(partial, b, &t2, NULL, 0, &e) == TF_EIO);

  state_destroy(&a); state_destroy(&b);
  grid_destroy(&g); grid_destroy(&g2);
  return tf_test_exit();
}
