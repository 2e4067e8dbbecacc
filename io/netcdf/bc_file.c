/* bc_file.c — read initial/lateral boundary fields from a CF NetCDF file on the run's grid
 * (format in bc_file.h and README.md "Input formats").
 *
 * Method: the file is opened once and checked against the run's grid (dimension lengths,
 * and when present the layer-mid eta, 2-D lat/lon and the WRF projection attributes that
 * io/netcdf/cf_writer.c writes into the "crs" grid mapping). The CF time coordinate
 * (CF Conventions 1.8 §4.4: "<unit> since <reference>", calendar "standard") is converted to
 * seconds since the Unix epoch. A field is read as the window of the global grid that the
 * caller's owned block plus halo covers (one nc_get_vara call per species and record);
 * halo cells beyond the global domain take the nearest cell of the domain, which is the
 * zero-gradient extension the advection's inflow cells need when the file has no values
 * outside the domain. */
#include "io/netcdf/bc_file.h"
#include <ctype.h>
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/netcdf/tfnc_util.h"
#include "model/core/tf_time.h"

struct tfnc_bcfile {
  char *path;
  int ncid;
  const tf_grid *g;
  int tdim, levdim, ydim, xdim;
  int nt;
  double *t;          /* [nt] s since epoch */
  int ia, ib, ja, jb; /* global window [ia, ib) x [ja, jb) the caller's stored block covers */
  double *buf;        /* nz * (jb-ja) * (ib-ia) */
};

const char *tfnc_bc_path(const tfnc_bcfile *f) { return f->path; }
int tfnc_bc_ntimes(const tfnc_bcfile *f) { return f->nt; }
double tfnc_bc_time(const tfnc_bcfile *f, int i) { return f->t[i]; }

void tfnc_bc_close(tfnc_bcfile **pf)
{
  if (!pf || !*pf) return;
  tfnc_bcfile *f = *pf;
  if (f->ncid >= 0) nc_close(f->ncid);
  free(f->path);
  free(f->t);
  free(f->buf);
  free(f);
  *pf = NULL;
}

/* CF time units "<unit> since YYYY-MM-DD[( |T)hh:mm[:ss[.f]]][ UTC|Z|+00:00]" -> seconds per
 * unit and reference time (s since epoch). Returns nonzero if not understood. */
static int parse_time_units(const char *u, double *sec_per_unit, double *ref)
{
  static const struct { const char *name; double s; } units[] = {
    {"seconds", 1.0}, {"second", 1.0}, {"secs", 1.0}, {"s", 1.0}, {"minutes", 60.0}, {"minute", 60.0},
    {"mins", 60.0}, {"hours", 3600.0}, {"hour", 3600.0}, {"hrs", 3600.0}, {"h", 3600.0},
    {"days", 86400.0}, {"day", 86400.0}, {"d", 86400.0}};
  while (isspace((unsigned char)*u)) u++;
  const char *sp = strstr(u, " since ");
  if (!sp) return 1;
  *sec_per_unit = 0.0;
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
    if (strlen(units[i].name) == (size_t)(sp - u) && strncmp(u, units[i].name, (size_t)(sp - u)) == 0)
      *sec_per_unit = units[i].s;
  if (*sec_per_unit == 0.0) return 1;
  const char *d = sp + 7;
  while (*d == ' ') d++;
  int y, mo, da, h = 0, mi = 0, n = 0;
  double s = 0.0;
  if (sscanf(d, "%4d-%2d-%2d%n", &y, &mo, &da, &n) != 3) return 1;
  d += n;
  if (*d == ' ' || *d == 'T') {
    int n2 = 0;
    if (sscanf(d + 1, "%2d:%2d%n", &h, &mi, &n2) == 2) {
      d += 1 + n2;
      if (*d == ':') {
        int n3 = 0;
        if (sscanf(d + 1, "%lf%n", &s, &n3) != 1) return 1;
        d += 1 + n3;
      }
    }
  }
  while (*d == ' ') d++;
  if (*d && strcmp(d, "Z") && strcmp(d, "UTC") && strcmp(d, "+00:00") && strcmp(d, "+0000") && strcmp(d, "00:00"))
    return 1;
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0.0 || s >= 61.0)
    return 1;
  *ref = (double)tf_days_from_civil(y, mo, da) * 86400.0 + h * 3600.0 + mi * 60.0 + s;
  return 0;
}

static int dim_id(tfnc_bcfile *f, const char *name, const char *what, tf_err *err, int *id, size_t *len)
{
  if (nc_inq_dimid(f->ncid, name, id) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: missing dimension '%s' (%s)", f->path, name, what);
  nc_inq_dimlen(f->ncid, *id, len);
  return TF_OK;
}

static int check_time(tfnc_bcfile *f, tf_err *err)
{
  int v, nc = f->ncid;
  if (nc_inq_varid(nc, "time", &v) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: missing coordinate variable 'time'", f->path);
  int nd, d;
  nc_inq_varndims(nc, v, &nd);
  if (nd != 1 || (nc_inq_vardimid(nc, v, &d), d != f->tdim))
    return tf_err_set(err, TF_EFORMAT, "%s: variable 'time': expected dimensions (time), found %d dimension(s)",
                      f->path, nd);
  char units[256], cal[64];
  if (tfnc_att_text(nc, v, "units", units, sizeof units))
    return tf_err_set(err, TF_EFORMAT, "%s: variable 'time': missing units attribute (expected e.g. \"hours since "
                      "2022-08-10 00:00:00\")", f->path);
  double spu, ref;
  if (parse_time_units(units, &spu, &ref))
    return tf_err_set(err, TF_EFORMAT, "%s: variable 'time': units: expected \"<seconds|minutes|hours|days> since "
                      "YYYY-MM-DD hh:mm:ss\", found \"%s\"", f->path, units);
  if (!tfnc_att_text(nc, v, "calendar", cal, sizeof cal) && strcmp(cal, "standard") && strcmp(cal, "gregorian") &&
      strcmp(cal, "proleptic_gregorian"))
    return tf_err_set(err, TF_EFORMAT, "%s: variable 'time': calendar: expected \"standard\" (or gregorian, "
                      "proleptic_gregorian), found \"%s\"", f->path, cal);
  f->t = tf_calloc((size_t)f->nt, sizeof(double), err);
  if (!f->t) return err->code;
  int rc = tfnc_fail(nc_get_var_double(nc, v, f->t), err, f->path, "reading variable 'time'");
  if (rc) return rc;
  for (int i = 0; i < f->nt; i++) {
    if (!isfinite(f->t[i]))
      return tf_err_set(err, TF_EFORMAT, "%s: variable 'time' record %d: expected a finite value, found %g", f->path,
                        i, f->t[i]);
    /* model times are whole seconds; float round-off in the stored offsets is removed */
    f->t[i] = round(ref + f->t[i] * spu);
    if (i > 0 && !(f->t[i] > f->t[i - 1])) {
      char a[32], b[32];
      tf_time_format(f->t[i - 1], a, 0);
      tf_time_format(f->t[i], b, 0);
      return tf_err_set(err, TF_EFORMAT, "%s: variable 'time': expected strictly increasing times, found %s at "
                        "record %d after %s", f->path, b, i, a);
    }
  }
  return TF_OK;
}

/* Optional grid checks: lev, crs attributes, lat/lon. */
static int check_grid(tfnc_bcfile *f, tf_err *err)
{
  const tf_grid *g = f->g;
  int nc = f->ncid, v;
  if (nc_inq_varid(nc, "lev", &v) == NC_NOERR) {
    double *lev = tf_calloc((size_t)g->nz, sizeof(double), err);
    if (!lev) return err->code;
    int rc = tfnc_fail(nc_get_var_double(nc, v, lev), err, f->path, "reading variable 'lev'");
    for (int k = 0; !rc && k < g->nz; k++) {
      double mine = 0.5 * (g->eta_w[k] + g->eta_w[k + 1]);
      if (fabs(lev[k] - mine) > 1e-5)
        rc = tf_err_set(err, TF_EINVAL, "%s: variable 'lev' (layer-mid eta) at level %d: expected %.6f (the met "
                        "grid's), found %.6f: not the same vertical grid", f->path, k, mine, lev[k]);
    }
    free(lev);
    if (rc) return rc;
  }
  if (nc_inq_varid(nc, "crs", &v) == NC_NOERR) {
    double mp;
    if (!tfnc_att_double(nc, v, "WRF_MAP_PROJ", &mp) && (int)mp != g->proj.map_proj)
      return tf_err_set(err, TF_EINVAL, "%s: crs:WRF_MAP_PROJ: expected %d (the met grid's projection), found %d",
                        f->path, g->proj.map_proj, (int)mp);
    double c;
    if (!tfnc_att_double(nc, v, "WRF_CEN_LAT", &c) && fabs(c - g->proj.cen_lat) > 1e-3)
      return tf_err_set(err, TF_EINVAL, "%s: crs:WRF_CEN_LAT: expected %.4f, found %.4f", f->path, g->proj.cen_lat, c);
    if (!tfnc_att_double(nc, v, "WRF_CEN_LON", &c) && fabs(c - g->proj.cen_lon) > 1e-3)
      return tf_err_set(err, TF_EINVAL, "%s: crs:WRF_CEN_LON: expected %.4f, found %.4f", f->path, g->proj.cen_lon, c);
    nc_type ty;
    size_t n;
    if (g->proj.map_proj == TF_PROJ_LAMBERT && nc_inq_att(nc, v, "standard_parallel", &ty, &n) == NC_NOERR &&
        n >= 1 && n <= 2) {
      double sp[2];
      nc_get_att_double(nc, v, "standard_parallel", sp);
      if (n == 1) sp[1] = sp[0];
      if (fabs(sp[0] - g->proj.truelat1) > 1e-3 || fabs(sp[1] - g->proj.truelat2) > 1e-3)
        return tf_err_set(err, TF_EINVAL, "%s: crs:standard_parallel: expected %.4f %.4f (TRUELAT1/2 of the met), "
                          "found %.4f %.4f", f->path, g->proj.truelat1, g->proj.truelat2, sp[0], sp[1]);
    }
  }
  /* 2-D lat/lon of the owned cells (0.01 deg, as the emission reader) */
  int rc = TF_OK;
  for (int which = 0; which < 2 && !rc; which++) {
    const char *vn = which ? "lon" : "lat";
    int nd;
    if (nc_inq_varid(nc, vn, &v) != NC_NOERR || nc_inq_varndims(nc, v, &nd) || nd != 2) continue;
    double *ll = tf_calloc((size_t)g->nx * (size_t)g->ny, sizeof(double), err);
    if (!ll) return err->code;
    rc = tfnc_fail(nc_get_var_double(nc, v, ll), err, f->path, vn);
    for (int j = 0; j < g->nyo && !rc; j++)
      for (int i = 0; i < g->nxo && !rc; i++) {
        double mine = which ? g->lon[grid_idx2(g, i, j)] : g->lat[grid_idx2(g, i, j)];
        double fv = ll[(size_t)(g->j0 + j) * (size_t)g->nx + (size_t)(g->i0 + i)];
        double d = fabs(fv - mine);
        if (which && d > 180.0) d = fabs(d - 360.0);
        if (!(d <= 0.01))
          rc = tf_err_set(err, TF_EINVAL, "%s: variable '%s' at cell (%d,%d): expected %.4f deg (the met grid's, "
                          "tolerance 0.01), found %.4f: not the same grid", f->path, vn, g->i0 + i, g->j0 + j,
                          mine, fv);
      }
    free(ll);
  }
  return rc;
}

int tfnc_bc_open(const char *path, const tf_grid *g, tfnc_bcfile **out, tf_err *err)
{
  *out = NULL;
  tfnc_bcfile *f = tf_calloc(1, sizeof *f, err);
  if (!f) return TF_ENOMEM;
  f->ncid = -1;
  f->g = g;
  f->path = strdup(path);
  if (!f->path) { free(f); return tf_err_set(err, TF_ENOMEM, "out of memory"); }
  int rc = tfnc_fail(nc_open(path, NC_NOWRITE, &f->ncid), err, path, "cannot open boundary file");
  if (rc) { f->ncid = -1; tfnc_bc_close(&f); return TF_EIO; }
  size_t nt = 0, nz = 0, ny = 0, nx = 0;
  if ((rc = dim_id(f, "time", "records", err, &f->tdim, &nt)) ||
      (rc = dim_id(f, "lev", "layers", err, &f->levdim, &nz)) ||
      (rc = dim_id(f, "y", "south_north", err, &f->ydim, &ny)) ||
      (rc = dim_id(f, "x", "west_east", err, &f->xdim, &nx)))
    goto fail;
  if (nx != (size_t)g->nx || ny != (size_t)g->ny || nz != (size_t)g->nz) {
    rc = tf_err_set(err, TF_EINVAL, "%s: dimensions x, y, lev: expected %d x %d x %d (the run's grid), found "
                    "%zu x %zu x %zu: the file must be on the run's grid", path, g->nx, g->ny, g->nz, nx, ny, nz);
    goto fail;
  }
  if (nt < 1) {
    rc = tf_err_set(err, TF_EFORMAT, "%s: dimension time: expected at least 1 record, found 0", path);
    goto fail;
  }
  f->nt = (int)nt;
  if ((rc = check_time(f, err)) || (rc = check_grid(f, err))) goto fail;
  f->ia = g->i0 - g->halo < 0 ? 0 : g->i0 - g->halo;
  f->ib = g->i0 + g->nxo + g->halo > g->nx ? g->nx : g->i0 + g->nxo + g->halo;
  f->ja = g->j0 - g->halo < 0 ? 0 : g->j0 - g->halo;
  f->jb = g->j0 + g->nyo + g->halo > g->ny ? g->ny : g->j0 + g->nyo + g->halo;
  f->buf = tf_calloc((size_t)g->nz * (size_t)(f->jb - f->ja) * (size_t)(f->ib - f->ia), sizeof(double), err);
  if (!f->buf) { rc = err->code; goto fail; }
  *out = f;
  return TF_OK;
fail:
  tfnc_bc_close(&f);
  return rc;
}

/* Variable of species sp: sp_3d, else sp. 1 found and valid, 0 absent, -1 invalid (err). */
static int find_var(const tfnc_bcfile *f, const char *sp, int *vid, char *name, size_t nn, tf_err *err)
{
  int nc = f->ncid;
  snprintf(name, nn, "%s_3d", sp);
  if (nc_inq_varid(nc, name, vid) != NC_NOERR) {
    snprintf(name, nn, "%s", sp);
    if (nc_inq_varid(nc, name, vid) != NC_NOERR) return 0;
  }
  int nd, dims[NC_MAX_VAR_DIMS];
  nc_inq_varndims(nc, *vid, &nd);
  nc_inq_vardimid(nc, *vid, dims);
  int want[4] = {f->tdim, f->levdim, f->ydim, f->xdim};
  int ok = nd == 4;
  for (int d = 0; ok && d < 4; d++) ok = dims[d] == want[d];
  if (!ok) {
    char found[256] = "", dn[NC_MAX_NAME + 1];
    size_t len, p = 0;
    for (int d = 0; d < nd && d < 8; d++) {
      nc_inq_dimname(nc, dims[d], dn);
      nc_inq_dimlen(nc, dims[d], &len);
      p += (size_t)snprintf(found + p, sizeof found - p, "%s%s=%zu", d ? ", " : "", dn, len);
      if (p >= sizeof found) break;
    }
    tf_err_set(err, TF_EFORMAT, "%s: variable '%s': expected dimensions (time, lev, y, x), found (%s)", f->path,
               name, found);
    return -1;
  }
  nc_type ty;
  nc_inq_vartype(nc, *vid, &ty);
  char units[64];
  int nou = tfnc_att_text(nc, *vid, "units", units, sizeof units);
  if (nou || strcmp(units, "ppb") != 0) {
    tf_err_set(err, TF_EINVAL, "%s: variable '%s': units: expected \"ppb\" (dry-air mole fraction), found \"%s\"",
               f->path, name, nou ? "(none)" : units);
    return -1;
  }
  if (ty != NC_FLOAT && ty != NC_DOUBLE) {
    tf_err_set(err, TF_EFORMAT, "%s: variable '%s': expected type float or double, found NetCDF type %d", f->path,
               name, (int)ty);
    return -1;
  }
  return 1;
}

int tfnc_bc_has_species(const tfnc_bcfile *f, const char *sp, tf_err *err)
{
  int vid;
  char name[NC_MAX_NAME + 8];
  return find_var(f, sp, &vid, name, sizeof name, err);
}

int tfnc_bc_bracket(const tfnc_bcfile *f, double t, int *i, double *w, tf_err *err)
{
  if (tf_time_bracket(f->t, f->nt, t, i, w, err)) return tf_err_prefix(err, "%s: fields needed", f->path);
  return TF_OK;
}

int tfnc_bc_read(tfnc_bcfile *f, const char *sp, int rec, double *out, tf_err *err)
{
  const tf_grid *g = f->g;
  int vid;
  char name[NC_MAX_NAME + 8];
  int found = find_var(f, sp, &vid, name, sizeof name, err);
  if (found < 0) return err->code;
  if (found == 0) return tf_err_set(err, TF_EFORMAT, "%s: no variable '%s_3d' or '%s' (ppb)", f->path, sp, sp);
  if (rec < 0 || rec >= f->nt)
    return tf_err_set(err, TF_EINVAL, "%s: variable '%s': record %d requested, the file has %d", f->path, name, rec,
                      f->nt);
  size_t ni = (size_t)(f->ib - f->ia), nj = (size_t)(f->jb - f->ja);
  size_t start[4] = {(size_t)rec, 0, (size_t)f->ja, (size_t)f->ia};
  size_t count[4] = {1, (size_t)g->nz, nj, ni};
  int rc = nc_get_vara_double(f->ncid, vid, start, count, f->buf);
  if (rc != NC_NOERR) {
    char what[NC_MAX_NAME + 64];
    snprintf(what, sizeof what, "reading variable '%s' record %d", name, rec);
    return tfnc_fail(rc, err, f->path, what);
  }
  size_t nbuf = (size_t)g->nz * nj * ni;
  for (size_t q = 0; q < nbuf; q++)
    /* 1e30 ppb rejects NetCDF's default float fill value (9.97e36) of unwritten records */
    if (!(f->buf[q] >= 0.0 && f->buf[q] < 1e30)) {
      size_t i = q % ni, j = (q / ni) % nj, k = q / (ni * nj);
      return tf_err_set(err, TF_EINVAL, "%s: variable '%s' record %d cell (x=%zu, y=%zu, lev=%zu): expected a "
                        "finite mole fraction >= 0 ppb, found %g", f->path, name, rec, i + (size_t)f->ia,
                        j + (size_t)f->ja, k, f->buf[q]);
    }
  int h = g->halo;
  for (int k = 0; k < g->nz; k++)
    for (int j = -h; j < g->nyo + h; j++) {
      int gj = g->j0 + j;
      gj = gj < f->ja ? f->ja : (gj >= f->jb ? f->jb - 1 : gj);
      const double *row = f->buf + ((size_t)k * nj + (size_t)(gj - f->ja)) * ni;
      for (int i = -h; i < g->nxo + h; i++) {
        int gi = g->i0 + i;
        gi = gi < f->ia ? f->ia : (gi >= f->ib ? f->ib - 1 : gi);
        out[grid_idx3(g, i, j, k)] = row[gi - f->ia];
      }
    }
  return TF_OK;
}
