/* nc_bitcmp.c — test helper: are variable VAR of two NetCDF files identical bit for bit?
 * usage: nc_bitcmp FILE1 FILE2 VAR [FIRST1 FIRST2 COUNT]   (exit 0 identical, 1 different, 2 error)
 * VAR = --all: every variable of FILE1 (FILE2 must have the same variables, no more).
 * FIRST1 FIRST2 COUNT: compare records FIRST1.. of FILE1 with FIRST2.. of FILE2 along the
 * first dimension (e.g. the hours two forecasts share), COUNT records.
 * Prints the number of differing values and the largest absolute difference. */
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Values of var (records first..first+count-1 of its first dimension when count > 0). */
static double *load(int nc, const char *path, const char *var, long first, long count, size_t *n)
{
  int v, nd, dims[NC_MAX_VAR_DIMS];
  if (nc_inq_varid(nc, var, &v) || nc_inq_varndims(nc, v, &nd) || nc_inq_vardimid(nc, v, dims)) {
    fprintf(stderr, "nc_bitcmp: cannot read %s from %s\n", var, path);
    return NULL;
  }
  size_t start[NC_MAX_VAR_DIMS] = {0}, cnt[NC_MAX_VAR_DIMS];
  *n = 1;
  for (int d = 0; d < nd; d++) {
    nc_inq_dimlen(nc, dims[d], &cnt[d]);
    if (d == 0 && count > 0) {
      if ((size_t)(first + count) > cnt[0]) {
        fprintf(stderr, "nc_bitcmp: %s of %s has %zu records, asked for %ld..%ld\n", var, path, cnt[0], first,
                first + count - 1);
        return NULL;
      }
      start[0] = (size_t)first;
      cnt[0] = (size_t)count;
    }
    *n *= cnt[d];
  }
  double *x = malloc((*n ? *n : 1) * sizeof(double));
  if (x && *n && nc_get_vara_double(nc, v, start, cnt, x)) {
    nc_type t;
    nc_inq_vartype(nc, v, &t);
    if (t == NC_CHAR) memset(x, 0, *n * sizeof(double)); /* text (e.g. Times): not compared */
    else { free(x); x = NULL; }
  }
  return x;
}

/* 0 identical, 1 different, 2 error. */
static int compare(int nc1, int nc2, char **argv, const char *var, long f1, long f2, long count)
{
  size_t n1 = 0, n2 = 0;
  double *a = load(nc1, argv[1], var, f1, count, &n1), *b = load(nc2, argv[2], var, f2, count, &n2);
  if (!a || !b || n1 != n2) {
    fprintf(stderr, "nc_bitcmp: %s: size mismatch or read error\n", var);
    free(a); free(b);
    return 2;
  }
  size_t ndiff = 0;
  double maxd = 0;
  for (size_t i = 0; i < n1; i++)
    if (memcmp(&a[i], &b[i], sizeof(double))) {
      ndiff++;
      if (fabs(a[i] - b[i]) > maxd) maxd = fabs(a[i] - b[i]);
    }
  printf("CHECK bitwise_%s measured=%zu reference=0 tol=0 %s (values %zu, max abs diff %.3g)\n", var, ndiff,
         ndiff ? "FAIL" : "PASS", n1, maxd);
  free(a); free(b);
  return ndiff ? 1 : 0;
}

int main(int argc, char **argv)
{
  if (argc != 4 && argc != 7) {
    fprintf(stderr, "usage: nc_bitcmp FILE1 FILE2 VAR|--all [FIRST1 FIRST2 COUNT]\n");
    return 2;
  }
  if (argc == 7 && !strcmp(argv[3], "--all")) {
    fprintf(stderr, "nc_bitcmp: records are chosen for one named variable, not with --all\n");
    return 2;
  }
  long f1 = 0, f2 = 0, count = 0;
  if (argc == 7) { f1 = atol(argv[4]); f2 = atol(argv[5]); count = atol(argv[6]); }
  int nc1, nc2;
  if (nc_open(argv[1], NC_NOWRITE, &nc1) || nc_open(argv[2], NC_NOWRITE, &nc2)) {
    fprintf(stderr, "nc_bitcmp: cannot open %s or %s\n", argv[1], argv[2]);
    return 2;
  }
  int worst = 0;
  if (strcmp(argv[3], "--all")) worst = compare(nc1, nc2, argv, argv[3], f1, f2, count);
  else {
    int nv1, nv2;
    nc_inq_nvars(nc1, &nv1);
    nc_inq_nvars(nc2, &nv2);
    if (nv1 != nv2) {
      fprintf(stderr, "nc_bitcmp: %s has %d variables, %s %d\n", argv[1], nv1, argv[2], nv2);
      worst = 2;
    }
    for (int v = 0; v < nv1 && worst < 2; v++) {
      char name[NC_MAX_NAME + 1];
      nc_inq_varname(nc1, v, name);
      int r = compare(nc1, nc2, argv, name, f1, f2, count);
      if (r > worst) worst = r;
    }
  }
  nc_close(nc1);
  nc_close(nc2);
  return worst;
}
