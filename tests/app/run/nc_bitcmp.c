/* nc_bitcmp.c — test helper: are variable VAR of two NetCDF files identical bit for bit?
 * usage: nc_bitcmp FILE1 FILE2 VAR   (exit 0 identical, 1 different, 2 error)
 * Prints the number of differing values and the largest absolute difference. */
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double *load(const char *path, const char *var, size_t *n)
{
  int nc, v, nd, dims[NC_MAX_VAR_DIMS];
  if (nc_open(path, NC_NOWRITE, &nc) || nc_inq_varid(nc, var, &v) || nc_inq_varndims(nc, v, &nd) ||
      nc_inq_vardimid(nc, v, dims)) {
    fprintf(stderr, "nc_bitcmp: cannot read %s from %s\n", var, path);
    return NULL;
  }
  *n = 1;
  for (int d = 0; d < nd; d++) {
    size_t len;
    nc_inq_dimlen(nc, dims[d], &len);
    *n *= len;
  }
  double *x = malloc(*n * sizeof(double));
  if (!x || nc_get_var_double(nc, v, x)) { free(x); x = NULL; }
  nc_close(nc);
  return x;
}

int main(int argc, char **argv)
{
  if (argc != 4) { fprintf(stderr, "usage: nc_bitcmp FILE1 FILE2 VAR\n"); return 2; }
  size_t n1, n2;
  double *a = load(argv[1], argv[3], &n1), *b = load(argv[2], argv[3], &n2);
  if (!a || !b || n1 != n2) { fprintf(stderr, "nc_bitcmp: size mismatch or read error\n"); return 2; }
  size_t ndiff = 0;
  double maxd = 0;
  for (size_t i = 0; i < n1; i++)
    if (memcmp(&a[i], &b[i], sizeof(double))) {
      ndiff++;
      if (fabs(a[i] - b[i]) > maxd) maxd = fabs(a[i] - b[i]);
    }
  printf("CHECK bitwise_%s measured=%zu reference=0 tol=0 %s (values %zu, max abs diff %.3g)\n", argv[3], ndiff,
         ndiff ? "FAIL" : "PASS", n1, maxd);
  free(a); free(b);
  return ndiff ? 1 : 0;
}
