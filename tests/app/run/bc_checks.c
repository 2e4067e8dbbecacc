/* bc_checks.c — checks for test_bcfile.sh (boundary conditions from a parent run's file).
 * usage:
 *   bc_checks reccmp FILE_A REC_A FILE_B REC_B VAR...   largest |a - b| of each VAR at the
 *       given records (float fields as stored; reference 0, tolerance 0: the child's initial
 *       state written as float must equal the parent's record it was read from, since
 *       float -> double -> float is exact)
 *   bc_checks differ FILE_A REC_A FILE_B REC_B VAR     number of values of VAR that differ
 *       between the records (must be > 0: shows an input changed the result, or that an
 *       equality check compares distinct records)
 *   bc_checks interp FILE_P REC_A REC_B NUM DEN FILE_C REC_C VAR...   the child's record
 *       REC_C equals the linear time interpolation (1-w) a + w b, w = NUM/DEN, of the
 *       parent's records REC_A, REC_B, to float precision (relative 1.2e-7 of the value)
 *   bc_checks budget CSV TOL                           max |residual_rel| over the rows of a
 *       *_budget.csv (column found by its header name) <= TOL
 * Exit 0 if every check passed (tf_test_exit). */
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tf_test.h"

/* One record of a (time, ...) variable as float; NULL on error (message printed). */
static float *load_rec(const char *path, const char *var, int rec, size_t *n)
{
  int nc, v, nd, dims[NC_MAX_VAR_DIMS];
  if (nc_open(path, NC_NOWRITE, &nc)) { fprintf(stderr, "bc_checks: cannot open %s\n", path); return NULL; }
  if (nc_inq_varid(nc, var, &v) || nc_inq_varndims(nc, v, &nd) || nc_inq_vardimid(nc, v, dims) || nd < 1) {
    fprintf(stderr, "bc_checks: %s: no variable %s\n", path, var);
    nc_close(nc);
    return NULL;
  }
  size_t start[NC_MAX_VAR_DIMS], count[NC_MAX_VAR_DIMS], len;
  *n = 1;
  for (int d = 0; d < nd; d++) {
    nc_inq_dimlen(nc, dims[d], &len);
    start[d] = 0;
    count[d] = d == 0 ? 1 : len;
    if (d > 0) *n *= len;
    if (d == 0 && (size_t)rec >= len) {
      fprintf(stderr, "bc_checks: %s: %s has %zu records, %d requested\n", path, var, len, rec);
      nc_close(nc);
      return NULL;
    }
  }
  start[0] = (size_t)rec;
  float *x = malloc(*n * sizeof *x);
  if (!x || nc_get_vara_float(nc, v, start, count, x)) { free(x); x = NULL; }
  nc_close(nc);
  return x;
}

static int reccmp(int argc, char **argv)
{
  if (argc < 7) return 2;
  for (int a = 6; a < argc; a++) {
    size_t na, nb;
    float *x = load_rec(argv[2], argv[a], atoi(argv[3]), &na);
    float *y = load_rec(argv[4], argv[a], atoi(argv[5]), &nb);
    if (!x || !y || na != nb) { free(x); free(y); TF_EXPECT(!"readable and same size"); continue; }
    double m = 0.0;
    for (size_t i = 0; i < na; i++) m = fmax(m, fabs((double)x[i] - (double)y[i]));
    char name[128];
    snprintf(name, sizeof name, "max_abs_diff_%s_ppb", argv[a]);
    tf_check(name, m, 0.0, 0.0);
    free(x);
    free(y);
  }
  return tf_test_exit();
}

static int differ(int argc, char **argv)
{
  if (argc != 7) return 2;
  size_t na, nb;
  float *x = load_rec(argv[2], argv[6], atoi(argv[3]), &na);
  float *y = load_rec(argv[4], argv[6], atoi(argv[5]), &nb);
  if (!x || !y || na != nb) { free(x); free(y); TF_EXPECT(!"readable and same size"); return tf_test_exit(); }
  size_t nd = 0;
  for (size_t i = 0; i < na; i++) nd += x[i] != y[i];
  char name[128];
  snprintf(name, sizeof name, "values_differing_%s", argv[6]);
  tf_check_ge(name, (double)nd, 1.0);
  free(x);
  free(y);
  return tf_test_exit();
}

static int interp(int argc, char **argv)
{
  if (argc < 9) return 2;
  double w = atof(argv[5]) / atof(argv[6]);
  for (int a = 9; a < argc; a++) {
    size_t na, nb, nc;
    float *x = load_rec(argv[2], argv[a], atoi(argv[3]), &na);
    float *y = load_rec(argv[2], argv[a], atoi(argv[4]), &nb);
    float *z = load_rec(argv[7], argv[a], atoi(argv[8]), &nc);
    if (!x || !y || !z || na != nb || na != nc) {
      free(x); free(y); free(z);
      TF_EXPECT(!"readable and same size");
      continue;
    }
    double m = 0.0;
    for (size_t i = 0; i < na; i++) {
      double e = (1.0 - w) * x[i] + w * y[i];
      m = fmax(m, fabs(z[i] - e) / fmax(fabs(e), 1e-30));
    }
    char name[128];
    snprintf(name, sizeof name, "max_rel_err_interp_%s", argv[a]);
    tf_check_le(name, m, 1.2e-7);
    free(x); free(y); free(z);
  }
  return tf_test_exit();
}

static int budget(int argc, char **argv)
{
  if (argc != 4) return 2;
  FILE *f = fopen(argv[2], "r");
  if (!f) { fprintf(stderr, "bc_checks: cannot open %s\n", argv[2]); return 2; }
  char line[4096];
  int col = -1;
  long rows = 0;
  double m = 0.0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#') continue;
    int c = 0;
    char *save = NULL;
    if (col < 0) {
      for (char *tok = strtok_r(line, ",\n", &save); tok; tok = strtok_r(NULL, ",\n", &save), c++)
        if (!strcmp(tok, "residual_rel")) col = c;
      if (col < 0) { fprintf(stderr, "bc_checks: %s: no residual_rel column\n", argv[2]); fclose(f); return 2; }
      continue;
    }
    for (char *tok = strtok_r(line, ",\n", &save); tok; tok = strtok_r(NULL, ",\n", &save), c++)
      if (c == col) {
        double v = atof(tok);
        m = fmax(m, isfinite(v) ? fabs(v) : INFINITY);
        rows++;
      }
  }
  fclose(f);
  tf_check_ge("budget_rows", (double)rows, 1.0);
  tf_check_le("max_abs_residual_rel", m, atof(argv[3]));
  return tf_test_exit();
}

int main(int argc, char **argv)
{
  int rc = 2;
  if (argc > 1 && !strcmp(argv[1], "reccmp")) rc = reccmp(argc, argv);
  else if (argc > 1 && !strcmp(argv[1], "differ")) rc = differ(argc, argv);
  else if (argc > 1 && !strcmp(argv[1], "budget")) rc = budget(argc, argv);
  else if (argc > 1 && !strcmp(argv[1], "interp")) rc = interp(argc, argv);
  if (rc == 2) fprintf(stderr, "usage: bc_checks reccmp|differ|budget ... (see the source)\n");
  return rc;
}
