/* wrf_reader.c — WRF ARW wrfout files -> tf_grid + tf_met (see wrf_reader.h for the
 * variable-by-variable contract, fallbacks and units).
 *
 * Method: every field is read for the whole domain in double precision (nc_get_vara_double
 * converts WRF's float), combined on the global grid (P+PB, theta -> T, geopotential ->
 * height, column mass -> layer dry density, accumulations -> rates) and then scattered to
 * the caller's local (owned + halo) arrays with indices clamped to the domain, so halo
 * cells outside the domain repeat the nearest boundary value and halo cells inside it (MPI
 * parts) carry the neighbour's data. Formulas: T = theta (p/p0)^(Rd/cp) (Poisson; WRF
 * module_model_constants p1000mb, r_d, cp); z = (PH+PHB)/g (WRF geopotential);
 * rho_d = mu_d dnw / (g dz) (discretised hydrostatic relation d(phi)/d(eta) = -alpha_d mu_d,
 * Skamarock et al. 2008, NCAR/TN-475, eq. 2.9). Reference for the file layout: WRF
 * Registry (Registry.EM_COMMON) names, dimensions and units as written in wrfout. */
#include "io/netcdf/wrf_reader.h"
#include <math.h>
#include <netcdf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/netcdf/tfnc_util.h"
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"
#include "model/grid/landuse.h"

typedef struct wrf_file {
  char *path;
  int ncid;
  int nt;
  double *times;           /* s since epoch */
} wrf_file;

struct wrf_set {
  int nfiles;
  wrf_file *f;             /* sorted by first time */
  int ntimes;
  int *fidx, *tidx;        /* frame -> file, frame-in-file */
  double *times;
  double dt;
  int nx, ny, nz;
  double *znw;             /* nz+1 */
  double *c3f, *c4f;       /* hybrid coefficients at full levels (NULL if absent) */
  double ptop;
  tf_proj proj;
  int *lu;                 /* nx*ny USGS land use, NULL until loaded */
  char **warn;
  int nwarn;
};

/* ---------------------------------------------------------------- warnings, helpers */

static void warnf(wrf_set *s, const char *fmt, ...)
{
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  for (int i = 0; i < s->nwarn; i++)
    if (strcmp(s->warn[i], buf) == 0) return;
  char **w = realloc(s->warn, (size_t)(s->nwarn + 1) * sizeof *w);
  if (!w) return;
  s->warn = w;
  size_t n = strlen(buf) + 1;
  s->warn[s->nwarn] = malloc(n);
  if (s->warn[s->nwarn]) memcpy(s->warn[s->nwarn++], buf, n);
}

int wrf_warning_count(const wrf_set *s) { return s ? s->nwarn : 0; }
const char *wrf_warning(const wrf_set *s, int i) { return (s && i >= 0 && i < s->nwarn) ? s->warn[i] : NULL; }
int wrf_ntimes(const wrf_set *s) { return s->ntimes; }
double wrf_time(const wrf_set *s, int it) { return s->times[it]; }
double wrf_dt(const wrf_set *s) { return s->dt; }

const char *wrf_frame_file(const wrf_set *s, int it, int *it_in_file)
{
  if (it < 0 || it >= s->ntimes) return NULL;
  if (it_in_file) *it_in_file = s->tidx[it];
  return s->f[s->fidx[it]].path;
}

static int has_var(int ncid, const char *name)
{
  int v;
  return nc_inq_varid(ncid, name, &v) == NC_NOERR;
}

static int dim_len(int ncid, const char *name, const char *path, int *len, tf_err *err)
{
  int d;
  size_t n;
  if (nc_inq_dimid(ncid, name, &d) != NC_NOERR || nc_inq_dimlen(ncid, d, &n) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: dimension '%s' missing (not a wrfout file?)", path, name);
  *len = (int)n;
  return TF_OK;
}

/* Accepted unit spellings per variable; a missing units attribute is accepted (cropped or
 * post-processed files often drop attributes). */
static const struct { const char *var, *units; } unit_table[] = {
  {"U", "m s-1|m/s"}, {"V", "m s-1|m/s"}, {"W", "m s-1|m/s"}, {"P", "Pa"}, {"PB", "Pa"},
  {"T", "K"}, {"PH", "m2 s-2"}, {"PHB", "m2 s-2"}, {"QVAPOR", "kg kg-1|kg/kg"},
  {"MU", "Pa"}, {"MUB", "Pa"}, {"HGT", "m"}, {"PSFC", "Pa"}, {"PBLH", "m"},
  {"SWDOWN", "W m-2"}, {"T2", "K"}, {"Q2", "kg kg-1|kg/kg"}, {"U10", "m s-1|m/s"},
  {"V10", "m s-1|m/s"}, {"UST", "m s-1|m/s"}, {"HFX", "W m-2"}, {"RAINC", "mm"},
  {"RAINNC", "mm"}, {"P_TOP", "Pa"}, {"XLAT", "degree_north|degrees_north"},
  {"XLONG", "degree_east|degrees_east"},
};

static int units_ok(const char *var, const char *units)
{
  for (size_t i = 0; i < sizeof unit_table / sizeof unit_table[0]; i++) {
    if (strcmp(unit_table[i].var, var) != 0) continue;
    const char *p = unit_table[i].units;
    size_t ul = strlen(units);
    while (*p) {
      const char *bar = strchr(p, '|');
      size_t l = bar ? (size_t)(bar - p) : strlen(p);
      if (l == ul && strncmp(p, units, l) == 0) return 1;
      if (!bar) break;
      p = bar + 1;
    }
    return 0;
  }
  return 1;
}

/* Read variable `name` of file f at in-file frame t into a new double array of
 * prod(shape[0..nexp-1]) values. The variable may or may not have a leading Time
 * dimension. Checks rank, lengths, type and units; messages name file, variable, expected
 * and found. */
static int read_shape(const wrf_file *f, const char *name, int t, int nexp, const int *e,
                      double **out, tf_err *err)
{
  *out = NULL;
  int v, nd, dims[NC_MAX_VAR_DIMS];
  nc_type type;
  if (nc_inq_varid(f->ncid, name, &v) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: variable %s missing", f->path, name);
  nc_inq_var(f->ncid, v, NULL, &type, &nd, dims, NULL);
  if (type == NC_CHAR || type == NC_STRING)
    return tf_err_set(err, TF_EFORMAT, "%s: variable %s: expected a numeric type, found text", f->path, name);
  char units[128];
  if (!tfnc_att_text(f->ncid, v, "units", units, sizeof units) && !units_ok(name, units))
    return tf_err_set(err, TF_EFORMAT, "%s: variable %s: unexpected units '%s'", f->path, name, units);
  int has_time = 0;
  char dn[NC_MAX_NAME + 1];
  if (nd == nexp + 1) {
    nc_inq_dimname(f->ncid, dims[0], dn);
    has_time = strcmp(dn, "Time") == 0 || strcmp(dn, "time") == 0;
  }
  char found[256] = "", expected[128] = "";
  int ok = (nd == nexp + has_time);
  int pos = 0;
  for (int d = 0; d < nd; d++) {
    size_t len;
    nc_inq_dimname(f->ncid, dims[d], dn);
    nc_inq_dimlen(f->ncid, dims[d], &len);
    pos += snprintf(found + pos, sizeof found - (size_t)pos, "%s%s=%zu", d ? ", " : "", dn, len);
    if (pos >= (int)sizeof found) pos = (int)sizeof found - 1;
    if (ok && d >= has_time && len != (size_t)e[d - has_time]) ok = 0;
    if (has_time && d == 0 && (size_t)t >= len) ok = 0;
  }
  if (!ok) {
    pos = snprintf(expected, sizeof expected, "([Time,] ");
    for (int d = 0; d < nexp; d++)
      pos += snprintf(expected + pos, sizeof expected - (size_t)pos, "%s%d", d ? ", " : "", e[d]);
    return tf_err_set(err, TF_EFORMAT, "%s: variable %s: expected dimensions %s), found (%s)",
                      f->path, name, expected, found);
  }
  size_t n = 1;
  for (int d = 0; d < nexp; d++) n *= (size_t)e[d];
  double *a = tf_malloc(n * sizeof(double), err);
  if (!a) return TF_ENOMEM;
  size_t start[4] = {0}, count[4];
  int k = 0;
  if (has_time) { start[0] = (size_t)t; count[k++] = 1; }
  for (int d = 0; d < nexp; d++) count[k++] = (size_t)e[d];
  int st = nc_get_vara_double(f->ncid, v, start, count, a);
  if (st != NC_NOERR) {
    free(a);
    char what[128];
    snprintf(what, sizeof what, "reading %s frame %d", name, t);
    return tfnc_fail(st, err, f->path, what);
  }
  *out = a;
  return TF_OK;
}

/* nzs = 0: 2-D field (nys, nxs); nys = 0 too: 1-D field (nxs). */
static int read_var(const wrf_file *f, const char *name, int t, int nzs, int nys, int nxs,
                    double **out, tf_err *err)
{
  int e[3] = {nzs, nys, nxs};
  int nexp = nzs > 0 ? 3 : (nys > 0 ? 2 : 1);
  return read_shape(f, name, t, nexp, e + 3 - nexp, out, err);
}

/* Scatter a global field (nzs levels of nys x nxs, x fastest) to a local array with
 * extents lx = sx + stagx, ly = sy + stagy (first local index -halo), clamping the global
 * index to the field so outside-domain halo cells take the nearest value. */
static void scatter(const tf_grid *g, const double *src, int nzs, int nys, int nxs, int stagx,
                    int stagy, double *dst)
{
  int h = g->halo, lx = g->sx + stagx, ly = g->sy + stagy;
  for (int k = 0; k < nzs; k++)
    for (int j = -h; j < ly - h; j++) {
      int gj = g->j0 + j;
      gj = gj < 0 ? 0 : (gj >= nys ? nys - 1 : gj);
      for (int i = -h; i < lx - h; i++) {
        int gi = g->i0 + i;
        gi = gi < 0 ? 0 : (gi >= nxs ? nxs - 1 : gi);
        dst[((size_t)k * (size_t)ly + (size_t)(j + h)) * (size_t)lx + (size_t)(i + h)] =
            src[((size_t)k * (size_t)nys + (size_t)gj) * (size_t)nxs + (size_t)gi];
      }
    }
}

/* ---------------------------------------------------------------- opening */

static int read_times(wrf_file *f, tf_err *err)
{
  int v, nd, dims[2];
  if (nc_inq_varid(f->ncid, "Times", &v) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: variable Times missing (expected char Times(Time, DateStrLen|string19))", f->path);
  nc_type type;
  nc_inq_var(f->ncid, v, NULL, &type, &nd, NULL, NULL);
  if (type != NC_CHAR || nd != 2)
    return tf_err_set(err, TF_EFORMAT, "%s: variable Times: expected char(Time, 19), found type %d with %d dims",
                      f->path, (int)type, nd);
  nc_inq_vardimid(f->ncid, v, dims);
  size_t nt, sl;
  nc_inq_dimlen(f->ncid, dims[0], &nt);
  nc_inq_dimlen(f->ncid, dims[1], &sl);
  if (sl < 19 || sl > 64)
    return tf_err_set(err, TF_EFORMAT, "%s: variable Times: expected string length 19, found %zu", f->path, sl);
  if (nt < 1)
    return tf_err_set(err, TF_EFORMAT, "%s: Times has no frames", f->path);
  f->nt = (int)nt;
  f->times = tf_malloc(nt * sizeof(double), err);
  char *txt = tf_malloc(nt * sl, err);
  if (!f->times || !txt) { free(txt); return TF_ENOMEM; }
  int st = nc_get_var_text(f->ncid, v, txt);
  if (st != NC_NOERR) { free(txt); return tfnc_fail(st, err, f->path, "reading Times"); }
  for (size_t t = 0; t < nt; t++) {
    char s19[20];
    memcpy(s19, txt + t * sl, 19);
    s19[19] = '\0';
    if (tf_time_parse(s19, &f->times[t], err) != TF_OK) {
      free(txt);
      return tf_err_prefix(err, "%s: Times frame %zu", f->path, t);
    }
  }
  free(txt);
  return TF_OK;
}

int wrf_file_times(const char *path, double **times, int *nt, tf_err *err)
{
  wrf_file f = {.path = (char *)path, .ncid = -1};
  *times = NULL;
  *nt = 0;
  int st = nc_open(path, NC_NOWRITE, &f.ncid);
  if (st != NC_NOERR) return tfnc_fail(st, err, path, "cannot open WRF file");
  int rc = read_times(&f, err);
  nc_close(f.ncid);
  if (rc) { free(f.times); return rc; }
  *times = f.times;
  *nt = f.nt;
  return TF_OK;
}

static int cmp_first_time(const void *a, const void *b)
{
  const wrf_file *x = a, *y = b;
  return (x->times[0] > y->times[0]) - (x->times[0] < y->times[0]);
}

/* Variables without which no frame can be made (fallback-less). */
static const char *const required_vars[] = {"U", "V", "W", "T", "P", "PB", "PH", "PHB", "QVAPOR",
                                            "MU", "MUB", "HGT", "SWDOWN", "ZNW", "P_TOP"};

/* Global attributes that must agree between files of a run. */
static const char *const grid_atts[] = {"MAP_PROJ", "DX", "DY", "CEN_LAT", "CEN_LON",
                                        "TRUELAT1", "TRUELAT2", "STAND_LON"};

static int check_file(wrf_set *s, wrf_file *f, tf_err *err)
{
  int nx = 0, ny = 0, nz = 0, rc;
  if ((rc = dim_len(f->ncid, "west_east", f->path, &nx, err)) ||
      (rc = dim_len(f->ncid, "south_north", f->path, &ny, err)) ||
      (rc = dim_len(f->ncid, "bottom_top", f->path, &nz, err)))
    return rc;
  if (s->nx == 0) {
    s->nx = nx; s->ny = ny; s->nz = nz;
  } else if (nx != s->nx || ny != s->ny || nz != s->nz) {
    return tf_err_set(err, TF_EFORMAT, "%s: grid %dx%dx%d differs from %s (%dx%dx%d)", f->path,
                      nx, ny, nz, s->f[0].path, s->nx, s->ny, s->nz);
  }
  for (size_t i = 0; i < sizeof required_vars / sizeof required_vars[0]; i++)
    if (!has_var(f->ncid, required_vars[i]))
      return tf_err_set(err, TF_EFORMAT, "%s: variable %s missing (required, no fallback)", f->path,
                        required_vars[i]);
  return read_times(f, err);
}

void wrf_files_close(wrf_set **sp)
{
  if (!sp || !*sp) return;
  wrf_set *s = *sp;
  for (int i = 0; i < s->nfiles; i++) {
    if (s->f[i].ncid >= 0) nc_close(s->f[i].ncid);
    free(s->f[i].path);
    free(s->f[i].times);
  }
  for (int i = 0; i < s->nwarn; i++) free(s->warn[i]);
  free(s->warn);
  free(s->f); free(s->fidx); free(s->tidx); free(s->times);
  free(s->znw); free(s->c3f); free(s->c4f); free(s->lu);
  free(s);
  *sp = NULL;
}

static int read_vertical(wrf_set *s, tf_err *err)
{
  const wrf_file *f = &s->f[0];
  double *a = NULL;
  int rc = read_var(f, "ZNW", 0, 0, 0, s->nz + 1, &a, err);
  if (rc) return rc;
  s->znw = a;
  if (fabs(a[0] - 1.0) > 1e-5 || fabs(a[s->nz]) > 1e-5)
    return tf_err_set(err, TF_EFORMAT, "%s: ZNW runs from %g to %g, expected 1 to 0", f->path, a[0], a[s->nz]);
  for (int k = 0; k < s->nz; k++)
    if (!(a[k + 1] < a[k]))
      return tf_err_set(err, TF_EFORMAT, "%s: ZNW not decreasing at level %d (%g, %g)", f->path, k, a[k], a[k + 1]);
  a[0] = 1.0;
  a[s->nz] = 0.0;
  /* P_TOP: (Time) in wrfout, possibly a scalar after post-processing */
  int v, nd;
  if (nc_inq_varid(f->ncid, "P_TOP", &v) != NC_NOERR || nc_inq_varndims(f->ncid, v, &nd) != NC_NOERR || nd > 1 ||
      nc_get_var1_double(f->ncid, v, (size_t[]){0}, &s->ptop) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: variable P_TOP: expected a scalar or (Time), unreadable", f->path);
  if (!(s->ptop >= 0.0 && s->ptop < 60000.0))
    return tf_err_set(err, TF_EFORMAT, "%s: P_TOP = %g Pa, expected 0..60000", f->path, s->ptop);
  if (has_var(f->ncid, "C3F") && has_var(f->ncid, "C4F")) {
    if ((rc = read_var(f, "C3F", 0, 0, 0, s->nz + 1, &s->c3f, err))) return rc;
    if ((rc = read_var(f, "C4F", 0, 0, 0, s->nz + 1, &s->c4f, err))) return rc;
    double dmax = 0.0;
    for (int k = 0; k <= s->nz; k++) dmax = fmax(dmax, fabs(s->c3f[k] - s->znw[k]) + fabs(s->c4f[k]));
    if (dmax > 1e-6)
      warnf(s, "%s: hybrid vertical coordinate (C3F/C4F): rho uses the hybrid layer mass; "
               "grid eta_w holds ZNW", f->path);
    else {
      free(s->c3f); free(s->c4f);
      s->c3f = s->c4f = NULL;
    }
  }
  /* every file must share the vertical grid */
  for (int i = 1; i < s->nfiles; i++) {
    double *z2 = NULL;
    if ((rc = read_var(&s->f[i], "ZNW", 0, 0, 0, s->nz + 1, &z2, err))) return rc;
    for (int k = 0; k <= s->nz; k++)
      if (fabs(z2[k] - s->znw[k]) > 1e-6) {
        double a1 = s->znw[k], a2 = z2[k];
        free(z2);
        return tf_err_set(err, TF_EFORMAT, "%s: ZNW(%d) = %g differs from %s (%g)", s->f[i].path, k, a2,
                          s->f[0].path, a1);
      }
    free(z2);
  }
  return TF_OK;
}

static int read_proj_atts(wrf_set *s, tf_err *err)
{
  const wrf_file *f = &s->f[0];
  tf_proj *p = &s->proj;
  memset(p, 0, sizeof *p);
  double v;
  if (tfnc_att_double(f->ncid, NC_GLOBAL, "MAP_PROJ", &v))
    return tf_err_set(err, TF_EFORMAT, "%s: global attribute MAP_PROJ missing", f->path);
  p->map_proj = (int)v;
  struct { const char *name; double *dst; int need; } a[] = {
    {"DX", &p->dx_m, 1}, {"DY", &p->dy_m, 1}, {"CEN_LAT", &p->cen_lat, 1},
    {"CEN_LON", &p->cen_lon, 1}, {"TRUELAT1", &p->truelat1, p->map_proj == 1 || p->map_proj == 2 || p->map_proj == 3},
    {"TRUELAT2", &p->truelat2, p->map_proj == 1}, {"STAND_LON", &p->stand_lon, p->map_proj == 1 || p->map_proj == 2},
    {"POLE_LAT", &p->pole_lat, 0}, {"POLE_LON", &p->pole_lon, 0},
  };
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++)
    if (tfnc_att_double(f->ncid, NC_GLOBAL, a[i].name, a[i].dst) && a[i].need)
      return tf_err_set(err, TF_EFORMAT, "%s: global attribute %s missing (needed for MAP_PROJ=%d)", f->path,
                        a[i].name, p->map_proj);
  if (p->map_proj == TF_PROJ_LAMBERT && p->truelat2 == 0.0) p->truelat2 = p->truelat1;
  /* grid attributes must agree across files */
  for (int i = 1; i < s->nfiles; i++)
    for (size_t k = 0; k < sizeof grid_atts / sizeof grid_atts[0]; k++) {
      double x0, x1;
      int h0 = !tfnc_att_double(f->ncid, NC_GLOBAL, grid_atts[k], &x0);
      int h1 = !tfnc_att_double(s->f[i].ncid, NC_GLOBAL, grid_atts[k], &x1);
      if (h0 != h1 || (h0 && fabs(x0 - x1) > 1e-6 * fmax(1.0, fabs(x0))))
        return tf_err_set(err, TF_EFORMAT, "%s: global attribute %s = %g differs from %s (%g)", s->f[i].path,
                          grid_atts[k], h1 ? x1 : NAN, f->path, h0 ? x0 : NAN);
    }
  return TF_OK;
}

static int files_open(const char *const *paths, int npaths, wrf_set **out, tf_err *err)
{
  *out = NULL;
  if (npaths < 1) return tf_err_set(err, TF_EINVAL, "wrf: no wrfout files given");
  wrf_set *s = tf_calloc(1, sizeof *s, err);
  if (!s) return TF_ENOMEM;
  s->f = tf_calloc((size_t)npaths, sizeof *s->f, err);
  if (!s->f) { free(s); return TF_ENOMEM; }
  int rc = TF_OK;
  for (int i = 0; i < npaths; i++) s->f[i].ncid = -1;
  for (int i = 0; i < npaths && !rc; i++) {
    wrf_file *f = &s->f[i];
    s->nfiles = i + 1;
    size_t n = strlen(paths[i]) + 1;
    f->path = tf_malloc(n, err);
    if (!f->path) { rc = TF_ENOMEM; break; }
    memcpy(f->path, paths[i], n);
    int st = nc_open(f->path, NC_NOWRITE, &f->ncid);
    if (st != NC_NOERR) {
      f->ncid = -1;
      rc = tfnc_fail(st, err, f->path, "cannot open WRF file");
      break;
    }
    rc = check_file(s, f, err);
  }
  if (rc) { wrf_files_close(&s); return rc; }
  qsort(s->f, (size_t)s->nfiles, sizeof *s->f, cmp_first_time);
  /* one equally spaced axis */
  int nt = 0;
  for (int i = 0; i < s->nfiles; i++) nt += s->f[i].nt;
  s->ntimes = nt;
  s->times = tf_malloc((size_t)nt * sizeof(double), err);
  s->fidx = tf_malloc((size_t)nt * sizeof(int), err);
  s->tidx = tf_malloc((size_t)nt * sizeof(int), err);
  if (!s->times || !s->fidx || !s->tidx) { wrf_files_close(&s); return TF_ENOMEM; }
  int k = 0;
  for (int i = 0; i < s->nfiles; i++)
    for (int t = 0; t < s->f[i].nt; t++, k++) {
      s->times[k] = s->f[i].times[t];
      s->fidx[k] = i;
      s->tidx[k] = t;
    }
  s->dt = nt > 1 ? s->times[1] - s->times[0] : 0.0;
  for (k = 1; k < nt; k++) {
    double d = s->times[k] - s->times[k - 1];
    if (fabs(d - s->dt) <= 0.5 && d > 0.0) continue;
    char t0[32], t1[32];
    tf_time_format(s->times[k - 1], t0, 1);
    tf_time_format(s->times[k], t1, 1);
    const char *pa = s->f[s->fidx[k - 1]].path, *pb = s->f[s->fidx[k]].path;
    const char *kind = d <= 0.0 ? "overlap" : "gap or unequal interval";
    rc = tf_err_set(err, TF_EFORMAT,
                    "wrf: time %s between %s (frame %s) and %s (frame %s): step %.0f s, expected %.0f s",
                    kind, pa, t0, pb, t1, d, s->dt);
    wrf_files_close(&s);
    return rc;
  }
  if ((rc = read_vertical(s, err)) || (rc = read_proj_atts(s, err))) {
    wrf_files_close(&s);
    return rc;
  }
  *out = s;
  return TF_OK;
}

int wrf_time_index(const wrf_set *s, double t, int *it, double *w, tf_err *err)
{
  if (tf_time_bracket(s->times, s->ntimes, t, it, w, err)) return tf_err_prefix(err, "wrf: met files");
  return TF_OK;
}

/* ---------------------------------------------------------------- land use */

/* MODIS IGBP (WRF MODIFIED_IGBP_MODIS_NOAH, LANDUSE.TBL order) -> USGS 24 classes, by
 * matching the class descriptions: 1 evergreen needleleaf -> 14, 2 evergreen broadleaf
 * -> 13, 3 deciduous needleleaf -> 12, 4 deciduous broadleaf -> 11, 5 mixed forest -> 15,
 * 6 closed shrubland -> 8, 7 open shrubland -> 9 (mixed shrub/grass), 8 woody savanna ->
 * 10, 9 savanna -> 10, 10 grassland -> 7, 11 permanent wetland -> 17 (herbaceous wetland),
 * 12 cropland -> 2 (dryland crop/pasture), 13 urban -> 1, 14 cropland/natural mosaic -> 6
 * (cropland/woodland mosaic), 15 snow/ice -> 24, 16 barren -> 19, 17 water -> 16,
 * 18 wooded tundra -> 21, 19 mixed tundra -> 22, 20 barren tundra -> 23, 21 lake -> 16. */
int wrf_modis_to_usgs(int m)
{
  static const int tab[22] = {0, 14, 13, 12, 11, 15, 8, 9, 10, 10, 7, 17, 2, 1, 6, 24, 19, 16, 21, 22, 23, 16};
  if (m >= 1 && m <= 21) return tab[m];
  if (m >= 31 && m <= 41) return TF_LU_URBAN; /* WRF local climate zones (urban) */
  return 0;
}

static int load_landuse(wrf_set *s, tf_err *err)
{
  if (s->lu) return TF_OK;
  const wrf_file *f = &s->f[0];
  const char *var = has_var(f->ncid, "LU_INDEX") ? "LU_INDEX" : "IVGTYP";
  if (!has_var(f->ncid, var))
    return tf_err_set(err, TF_EFORMAT, "%s: neither LU_INDEX nor IVGTYP present (land use needed)", f->path);
  if (strcmp(var, "IVGTYP") == 0) warnf(s, "%s: LU_INDEX missing, land use from IVGTYP", f->path);
  char mminlu[64] = "USGS";
  if (tfnc_att_text(f->ncid, NC_GLOBAL, "MMINLU", mminlu, sizeof mminlu))
    warnf(s, "%s: MMINLU attribute missing, assuming USGS land use", f->path);
  /* trim trailing blanks (WRF pads attribute strings) */
  for (size_t n = strlen(mminlu); n > 0 && mminlu[n - 1] == ' '; n--) mminlu[n - 1] = '\0';
  int modis = strncmp(mminlu, "MODI", 4) == 0;
  if (!modis && strncmp(mminlu, "USGS", 4) != 0)
    return tf_err_set(err, TF_EFORMAT, "%s: MMINLU = '%s', expected USGS or MODIFIED_IGBP_MODIS_NOAH", f->path,
                      mminlu);
  double *a = NULL;
  int rc = read_var(f, var, 0, 0, s->ny, s->nx, &a, err);
  if (rc) return rc;
  s->lu = tf_malloc((size_t)s->nx * (size_t)s->ny * sizeof(int), err);
  if (!s->lu) { free(a); return TF_ENOMEM; }
  for (size_t c = 0; c < (size_t)s->nx * (size_t)s->ny; c++) {
    int cl = (int)lround(a[c]), u = cl;
    if (modis) u = wrf_modis_to_usgs(cl);
    else if (cl >= 25 && cl <= 27) u = TF_LU_BARREN;  /* playa, lava, white sand */
    else if (cl == 28) u = TF_LU_WATER;                /* lake (USGS + lakes) */
    if (u < 1 || u > TF_LU_NCLASS) {
      free(a);
      return tf_err_set(err, TF_EFORMAT, "%s: %s = %d at cell (%zu, %zu) not a %s class", f->path, var, cl,
                        c % (size_t)s->nx, c / (size_t)s->nx, mminlu);
    }
    s->lu[c] = u;
  }
  if (modis) warnf(s, "%s: MMINLU = %s mapped to USGS classes (wrf_modis_to_usgs)", f->path, mminlu);
  free(a);
  return TF_OK;
}

/* ---------------------------------------------------------------- grid */

/* Max distance, in grid cells, between the projection and XLAT/XLONG of the file. */
static double proj_misfit(const tf_proj *p, const double *lat, const double *lon, int nx, int ny)
{
  double m = 0.0;
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) {
      double fi, fj;
      size_t c = (size_t)j * (size_t)nx + (size_t)i;
      proj_ll_to_ij(p, lat[c], lon[c], &fi, &fj);
      m = fmax(m, hypot(fi - i, fj - j));
    }
  return m;
}

/* Projection from the attributes, anchored so that it reproduces XLAT/XLONG (crop-aware). */
static int fit_proj(wrf_set *s, const double *lat, const double *lon, double *misfit, tf_err *err)
{
  const wrf_file *f = &s->f[0];
  tf_proj p = s->proj;
  p.nx = s->nx;
  p.ny = s->ny;
  int rc = proj_init(&p, err);
  if (rc) return tf_err_prefix(err, "%s", f->path);
  *misfit = proj_misfit(&p, lat, lon, s->nx, s->ny);
  double we, sn;
  if (*misfit > 0.02 && !tfnc_att_double(f->ncid, NC_GLOBAL, "WEST-EAST_GRID_DIMENSION", &we) &&
      !tfnc_att_double(f->ncid, NC_GLOBAL, "SOUTH-NORTH_GRID_DIMENSION", &sn) &&
      ((int)we - 1 != s->nx || (int)sn - 1 != s->ny)) {
    /* cropped file: locate its first cell in the parent domain */
    tf_proj q = s->proj;
    q.nx = (int)we - 1;
    q.ny = (int)sn - 1;
    if (proj_init(&q, err) == TF_OK) {
      double fi, fj;
      proj_ll_to_ij(&q, lat[0], lon[0], &fi, &fj);
      tf_proj r = s->proj;
      r.nx = s->nx; r.ny = s->ny;
      r.has_ref = 1;
      r.ref_i = 0.5 * (q.nx - 1) - round(fi);
      r.ref_j = 0.5 * (q.ny - 1) - round(fj);
      if (proj_init(&r, err) == TF_OK) {
        double m2 = proj_misfit(&r, lat, lon, s->nx, s->ny);
        if (m2 <= 0.02) {
          p = r;
          *misfit = m2;
          warnf(s, "%s: cropped domain: first cell is (%g, %g) of the %dx%d parent", f->path, round(fi),
                round(fj), q.nx, q.ny);
        }
      }
    }
    tf_err_clear(err);
  }
  s->proj = p;
  return TF_OK;
}

int wrf_grid_fill(wrf_set *s, tf_grid *g, tf_err *err)
{
  const wrf_file *f = &s->f[0];
  if (g->nx != s->nx || g->ny != s->ny || g->nz != s->nz)
    return tf_err_set(err, TF_EINVAL, "wrf: grid %dx%dx%d does not match %s (%dx%dx%d)", g->nx, g->ny, g->nz,
                      f->path, s->nx, s->ny, s->nz);
  double *lat = NULL, *lon = NULL, *hgt = NULL;
  int rc;
  if ((rc = read_var(f, "XLAT", 0, 0, s->ny, s->nx, &lat, err)) ||
      (rc = read_var(f, "XLONG", 0, 0, s->ny, s->nx, &lon, err)) ||
      (rc = read_var(f, "HGT", 0, 0, s->ny, s->nx, &hgt, err)) || (rc = load_landuse(s, err)))
    goto done;
  double misfit = 0.0;
  if ((rc = fit_proj(s, lat, lon, &misfit, err))) goto done;
  g->proj = s->proj;
  g->dx_m = s->proj.dx_m;
  g->dy_m = s->proj.dy_m;
  if ((rc = grid_set_from_proj(g, err))) goto done;
  if (misfit > 0.02) {
    /* the attributes do not reproduce the file's coordinates: trust the arrays */
    warnf(s, "%s: projection attributes disagree with XLAT/XLONG by %.3g cells; using the file's "
             "XLAT/XLONG/MAPFAC arrays", f->path, misfit);
    double *mf = NULL, *mu = NULL, *mv = NULL;
    if ((rc = read_var(f, "MAPFAC_M", 0, 0, s->ny, s->nx, &mf, err)) ||
        (rc = read_var(f, "MAPFAC_U", 0, 0, s->ny, s->nx + 1, &mu, err)) ||
        (rc = read_var(f, "MAPFAC_V", 0, 0, s->ny + 1, s->nx, &mv, err))) {
      free(mf); free(mu); free(mv);
      goto done;
    }
    scatter(g, lat, 1, s->ny, s->nx, 0, 0, g->lat);
    scatter(g, lon, 1, s->ny, s->nx, 0, 0, g->lon);
    scatter(g, mf, 1, s->ny, s->nx, 0, 0, g->mapfac);
    scatter(g, mu, 1, s->ny, s->nx + 1, 1, 0, g->mapfac_u);
    scatter(g, mv, 1, s->ny + 1, s->nx, 0, 1, g->mapfac_v);
    free(mf); free(mu); free(mv);
  }
  scatter(g, hgt, 1, s->ny, s->nx, 0, 0, g->hgt_m);
  for (int j = -g->halo; j < g->nyo + g->halo; j++)
    for (int i = -g->halo; i < g->nxo + g->halo; i++) {
      int gi = g->i0 + i, gj = g->j0 + j;
      gi = gi < 0 ? 0 : (gi >= s->nx ? s->nx - 1 : gi);
      gj = gj < 0 ? 0 : (gj >= s->ny ? s->ny - 1 : gj);
      g->landuse[grid_idx2(g, i, j)] = s->lu[(size_t)gj * (size_t)s->nx + (size_t)gi];
    }
  memcpy(g->eta_w, s->znw, (size_t)(s->nz + 1) * sizeof(double));
  g->ptop_pa = s->ptop;
done:
  free(lat); free(lon); free(hgt);
  return rc;
}

static int grid_create_from(wrf_set *s, int halo, tf_grid **gp, tf_err *err)
{
  *gp = grid_create(s->nx, s->ny, s->nz, halo, err);
  if (!*gp) return err ? err->code : TF_ENOMEM;
  int rc = wrf_grid_fill(s, *gp, err);
  if (rc) grid_destroy(gp);
  return rc;
}

wrf_set *wrf_files_open(const char *const *paths, int npaths, tf_err *err)
{
  wrf_set *s = NULL;
  files_open(paths, npaths, &s, err);
  return s;
}

tf_grid *wrf_grid_create(wrf_set *s, int halo, tf_err *err)
{
  tf_grid *g = NULL;
  grid_create_from(s, halo, &g, err);
  return g;
}

/* ---------------------------------------------------------------- met frames */

/* Total accumulated precipitation (mm) at frame it, or NULL in *out when the file has
 * neither RAINC nor RAINNC. */
static int rain_total(wrf_set *s, int it, double **out, tf_err *err)
{
  *out = NULL;
  const wrf_file *f = &s->f[s->fidx[it]];
  int t = s->tidx[it];
  size_t n2 = (size_t)s->nx * (size_t)s->ny;
  static const char *const acc[2] = {"RAINC", "RAINNC"}, *const bkt[2] = {"I_RAINC", "I_RAINNC"};
  double bucket_mm = 0.0;
  tfnc_att_double(f->ncid, NC_GLOBAL, "BUCKET_MM", &bucket_mm);
  double *tot = NULL;
  for (int a = 0; a < 2; a++) {
    if (!has_var(f->ncid, acc[a])) continue;
    double *x = NULL;
    int rc = read_var(f, acc[a], t, 0, s->ny, s->nx, &x, err);
    if (rc) { free(tot); return rc; }
    if (bucket_mm > 0.0 && has_var(f->ncid, bkt[a])) {
      double *b = NULL;
      if ((rc = read_var(f, bkt[a], t, 0, s->ny, s->nx, &b, err))) { free(x); free(tot); return rc; }
      for (size_t c = 0; c < n2; c++) x[c] += bucket_mm * b[c];
      free(b);
    }
    if (!tot) tot = x;
    else {
      for (size_t c = 0; c < n2; c++) tot[c] += x[c];
      free(x);
    }
  }
  if (!tot) warnf(s, "%s: RAINC and RAINNC missing: precipitation set to 0 mm/h", f->path);
  *out = tot;
  return TF_OK;
}

static int rain_rate(wrf_set *s, int it, double *rate, tf_err *err)
{
  size_t n2 = (size_t)s->nx * (size_t)s->ny;
  for (size_t c = 0; c < n2; c++) rate[c] = 0.0;
  if (s->ntimes < 2) {
    warnf(s, "%s: single met frame: precipitation rate set to 0 mm/h", s->f[0].path);
    return TF_OK;
  }
  double *r0 = NULL, *r1 = NULL, *r2 = NULL;
  int rc = rain_total(s, it, &r1, err);
  if (rc || !r1) return rc;
  double dth = s->dt / 3600.0;
  if (it > 0 && (rc = rain_total(s, it - 1, &r0, err))) goto done;
  if (it + 1 < s->ntimes && (rc = rain_total(s, it + 1, &r2, err))) goto done;
  for (size_t c = 0; c < n2; c++) {
    double back = r0 ? (r1[c] - r0[c]) / dth : -1.0;
    double fwd = r2 ? (r2[c] - r1[c]) / dth : -1.0;
    if (back >= 0.0) rate[c] = back;
    else {
      if (r0) warnf(s, "%s: precipitation accumulation decreases before frame %d (new WRF run?): forward "
                       "interval used", s->f[s->fidx[it]].path, s->tidx[it]);
      rate[c] = fwd >= 0.0 ? fwd : 0.0;
    }
  }
done:
  free(r0); free(r1); free(r2);
  return rc;
}

/* Troen & Mahrt (1986) bulk Richardson number PBL height, Ri_c = 0.25, reference at the
 * lowest model level: Ri(z) = g (z - z1)(thv(z) - thv1) / (thv1 |V(z)|^2). */
static double pblh_bulk_ri(const double *thv, const double *spd2, const double *z, int nz, size_t stride)
{
  const double ric = 0.25;
  double ri_prev = 0.0;
  for (int k = 1; k < nz; k++) {
    size_t c = (size_t)k * stride;
    double ri = TF_G * (z[c] - z[0]) * (thv[c] - thv[0]) / (thv[0] * fmax(spd2[c], 0.01));
    if (ri >= ric) {
      size_t p = (size_t)(k - 1) * stride;
      double w = (ric - ri_prev) / (ri - ri_prev);
      return z[p] + w * (z[c] - z[p]);
    }
    ri_prev = ri;
  }
  return z[(size_t)(nz - 1) * stride];
}

/* Read an optional 2-D field; if absent, *a stays NULL. */
static int read_opt2(wrf_set *s, const wrf_file *f, const char *name, int t, double **a, tf_err *err)
{
  *a = NULL;
  if (!has_var(f->ncid, name)) return TF_OK;
  return read_var(f, name, t, 0, s->ny, s->nx, a, err);
}

int wrf_read_met(wrf_set *s, int it, tf_met *m, tf_err *err)
{
  if (it < 0 || it >= s->ntimes)
    return tf_err_set(err, TF_EINVAL, "wrf: frame %d out of range 0..%d", it, s->ntimes - 1);
  const tf_grid *g = m->g;
  if (g->nx != s->nx || g->ny != s->ny || g->nz != s->nz)
    return tf_err_set(err, TF_EINVAL, "wrf: met grid %dx%dx%d does not match the files (%dx%dx%d)", g->nx, g->ny,
                      g->nz, s->nx, s->ny, s->nz);
  const wrf_file *f = &s->f[s->fidx[it]];
  int t = s->tidx[it], nx = s->nx, ny = s->ny, nz = s->nz;
  size_t n2 = (size_t)nx * (size_t)ny, n3 = n2 * (size_t)nz;
  int rc = load_landuse(s, err);
  if (rc) return rc;
  enum { U, V, W, P, PB, TH, QV, PH, PHB, MU, MUB, HGT, NREQ };
  static const char *const names[NREQ] = {"U", "V", "W", "P", "PB", "T", "QVAPOR", "PH", "PHB", "MU", "MUB", "HGT"};
  const int shape[NREQ][3] = {
    {nz, ny, nx + 1}, {nz, ny + 1, nx}, {nz + 1, ny, nx}, {nz, ny, nx}, {nz, ny, nx}, {nz, ny, nx},
    {nz, ny, nx}, {nz + 1, ny, nx}, {nz + 1, ny, nx}, {0, ny, nx}, {0, ny, nx}, {0, ny, nx}};
  double *a[NREQ] = {0};
  double *tk = NULL, *zw = NULL, *zm = NULL, *rho = NULL, *work2 = NULL;
  double *o2[8] = {0}; /* optional 2-D: PSFC PBLH SWDOWN T2 Q2 U10 V10 UST */
  double *hfx = NULL, *cld = NULL;
  for (int v = 0; v < NREQ; v++)
    if ((rc = read_var(f, names[v], t, shape[v][0], shape[v][1], shape[v][2], &a[v], err))) goto done;
  tk = tf_malloc(n3 * sizeof(double), err);
  zw = tf_malloc(n2 * (size_t)(nz + 1) * sizeof(double), err);
  zm = tf_malloc(n3 * sizeof(double), err);
  rho = tf_malloc(n3 * sizeof(double), err);
  work2 = tf_malloc(n2 * sizeof(double), err);
  if (!tk || !zw || !zm || !rho || !work2) { rc = TF_ENOMEM; goto done; }
  /* pressure (Pa) and temperature (K): T = theta (p/p0)^(Rd/cp) */
  for (size_t c = 0; c < n3; c++) {
    a[P][c] += a[PB][c];
    tk[c] = (a[TH][c] + TF_T0_THETA) * pow(a[P][c] / TF_P0, TF_RD / TF_CP);
  }
  /* heights above ground (m) */
  for (int k = 0; k <= nz; k++)
    for (size_t c = 0; c < n2; c++) {
      size_t q = (size_t)k * n2 + c;
      zw[q] = (a[PH][q] + a[PHB][q]) / TF_G - a[HGT][c];
    }
  for (int k = 0; k < nz; k++)
    for (size_t c = 0; c < n2; c++) zm[(size_t)k * n2 + c] = 0.5 * (zw[(size_t)k * n2 + c] + zw[(size_t)(k + 1) * n2 + c]);
  /* dry column mass (Pa) and mass-consistent dry density (kg m-3) */
  for (size_t c = 0; c < n2; c++) a[MU][c] += a[MUB][c];
  for (int k = 0; k < nz; k++)
    for (size_t c = 0; c < n2; c++) {
      double dm = s->c3f ? (s->c3f[k] - s->c3f[k + 1]) * a[MU][c] + (s->c4f[k] - s->c4f[k + 1])
                         : (s->znw[k] - s->znw[k + 1]) * a[MU][c];
      double dz = zw[(size_t)(k + 1) * n2 + c] - zw[(size_t)k * n2 + c];
      if (!(dz > 0.0)) {
        rc = tf_err_set(err, TF_EFORMAT, "%s: frame %d: PH+PHB not increasing at level %d, cell (%zu, %zu)",
                        f->path, t, k, c % (size_t)nx, c / (size_t)nx);
        goto done;
      }
      rho[(size_t)k * n2 + c] = dm / (TF_G * dz);
    }
  scatter(g, a[U], nz, ny, nx + 1, 1, 0, m->u_ms);
  scatter(g, a[V], nz, ny + 1, nx, 0, 1, m->v_ms);
  scatter(g, a[W], nz + 1, ny, nx, 0, 0, m->w_ms);
  scatter(g, a[P], nz, ny, nx, 0, 0, m->p_pa);
  scatter(g, tk, nz, ny, nx, 0, 0, m->t_k);
  scatter(g, a[QV], nz, ny, nx, 0, 0, m->qv_kgkg);
  scatter(g, zw, nz + 1, ny, nx, 0, 0, m->zw_m);
  scatter(g, zm, nz, ny, nx, 0, 0, m->zmid_m);
  scatter(g, rho, nz, ny, nx, 0, 0, m->rho_kgm3);
  scatter(g, a[MU], 1, ny, nx, 0, 0, m->mu_pa);

  /* cloud fraction (3-D, optional) */
  if (has_var(f->ncid, "CLDFRA")) {
    if ((rc = read_var(f, "CLDFRA", t, nz, ny, nx, &cld, err))) goto done;
    scatter(g, cld, nz, ny, nx, 0, 0, m->cldfra);
  } else {
    warnf(s, "%s: CLDFRA missing: cloud fraction 0 (clear sky)", f->path);
    for (size_t c = 0; c < g->n3; c++) m->cldfra[c] = 0.0;
  }

  /* surface fields with fallbacks */
  enum { PSFC, PBLH, SWD, T2, Q2, U10, V10, UST, N2OPT };
  static const char *const onames[N2OPT] = {"PSFC", "PBLH", "SWDOWN", "T2", "Q2", "U10", "V10", "UST"};
  for (int v = 0; v < N2OPT; v++)
    if ((rc = read_opt2(s, f, onames[v], t, &o2[v], err))) goto done;
  if (!o2[SWD]) { /* required (checked at open, re-checked for robustness) */
    rc = tf_err_set(err, TF_EFORMAT, "%s: variable SWDOWN missing (required, no fallback)", f->path);
    goto done;
  }
  for (int v = 0; v < N2OPT; v++) {
    if (o2[v]) continue;
    o2[v] = tf_malloc(n2 * sizeof(double), err);
    if (!o2[v]) { rc = TF_ENOMEM; goto done; }
    for (size_t c = 0; c < n2; c++) {
      int i = (int)(c % (size_t)nx), j = (int)(c / (size_t)nx);
      double u1 = 0.5 * (a[U][(size_t)j * (nx + 1) + i] + a[U][(size_t)j * (nx + 1) + i + 1]);
      double v1 = 0.5 * (a[V][(size_t)j * nx + i] + a[V][(size_t)(j + 1) * nx + i]);
      switch (v) {
      case PSFC: /* hypsometric from the lowest mass level, virtual temperature */
        o2[v][c] = a[P][c] * exp(TF_G * zm[c] / (TF_RD * tk[c] * (1.0 + 0.608 * a[QV][c])));
        break;
      case T2: o2[v][c] = tk[c]; break;
      case Q2: o2[v][c] = a[QV][c]; break;
      case U10: o2[v][c] = u1; break;
      case V10: o2[v][c] = v1; break;
      default: break; /* PBLH, UST below (need other fields) */
      }
    }
    if (v != PBLH && v != UST)
      warnf(s, "%s: %s missing: %s", f->path, onames[v],
            v == PSFC ? "hydrostatic extrapolation from the lowest level" : "lowest model level value used");
  }
  if (!has_var(f->ncid, "UST")) {
    for (size_t c = 0; c < n2; c++) {
      double z0 = lu_roughness_m(s->lu[c]);
      o2[UST][c] = TF_VON_KARMAN * hypot(o2[U10][c], o2[V10][c]) / log(10.0 / z0);
    }
    warnf(s, "%s: UST missing: neutral log law u* = k |U10| / ln(10 m / z0), z0 from USGS land use", f->path);
  }
  if (!has_var(f->ncid, "PBLH")) {
    /* theta_v (K) and wind speed squared at mass points, per column */
    double *thv = tf_malloc(n3 * sizeof(double), err), *sp2 = tf_malloc(n3 * sizeof(double), err);
    if (!thv || !sp2) { free(thv); free(sp2); rc = TF_ENOMEM; goto done; }
    for (int k = 0; k < nz; k++)
      for (size_t c = 0; c < n2; c++) {
        size_t q = (size_t)k * n2 + c;
        int i = (int)(c % (size_t)nx), j = (int)(c / (size_t)nx);
        double uu = 0.5 * (a[U][((size_t)k * ny + j) * (nx + 1) + i] + a[U][((size_t)k * ny + j) * (nx + 1) + i + 1]);
        double vv = 0.5 * (a[V][((size_t)k * (ny + 1) + j) * nx + i] + a[V][((size_t)k * (ny + 1) + j + 1) * nx + i]);
        thv[q] = (a[TH][q] + TF_T0_THETA) * (1.0 + 0.608 * a[QV][q]);
        sp2[q] = uu * uu + vv * vv;
      }
    for (size_t c = 0; c < n2; c++) o2[PBLH][c] = pblh_bulk_ri(thv + c, sp2 + c, zm + c, nz, n2);
    free(thv); free(sp2);
    warnf(s, "%s: PBLH missing: bulk Richardson diagnosis (Troen & Mahrt 1986, Ri_c = 0.25)", f->path);
  }
  scatter(g, o2[PSFC], 1, ny, nx, 0, 0, m->psfc_pa);
  scatter(g, o2[PBLH], 1, ny, nx, 0, 0, m->pblh_m);
  scatter(g, o2[SWD], 1, ny, nx, 0, 0, m->swdown_wm2);
  scatter(g, o2[T2], 1, ny, nx, 0, 0, m->t2_k);
  scatter(g, o2[Q2], 1, ny, nx, 0, 0, m->q2_kgkg);
  scatter(g, o2[U10], 1, ny, nx, 0, 0, m->u10_ms);
  scatter(g, o2[V10], 1, ny, nx, 0, 0, m->v10_ms);
  scatter(g, o2[UST], 1, ny, nx, 0, 0, m->ust_ms);
  if ((rc = read_opt2(s, f, "HFX", t, &hfx, err))) goto done;
  if (hfx) scatter(g, hfx, 1, ny, nx, 0, 0, m->hfx_wm2);
  else {
    warnf(s, "%s: HFX missing: sensible heat flux 0 W m-2 (neutral)", f->path);
    for (size_t c = 0; c < g->n2; c++) m->hfx_wm2[c] = 0.0;
  }
  if ((rc = rain_rate(s, it, work2, err))) goto done;
  scatter(g, work2, 1, ny, nx, 0, 0, m->rain_mmh);
  m->time_s = s->times[it];
done:
  for (int v = 0; v < NREQ; v++) free(a[v]);
  for (int v = 0; v < 8; v++) free(o2[v]);
  free(tk); free(zw); free(zm); free(rho); free(work2); free(hfx); free(cld);
  return rc;
}
