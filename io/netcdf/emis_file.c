/* emis_file.c — reader of the gridded sector emission inventory (emis/emissions.nc).
 *
 * Layout (README.md (Input formats)): dims west_east, south_north, sector, hour = 24,
 * weekday = 7, name_len; char sector_name(sector, name_len); float NOX, NMVOC, CO, SO2,
 * NH3 (sector, south_north, west_east) in "kg h-1" (NOX as NO2); hour_profile(sector,
 * hour) in Beijing local time; weekday_profile(sector, weekday), 0 = Monday; XLAT/XLONG;
 * WRF map attributes. The reader checks the file against the model grid and copies the
 * values into doubles; sector names are kept (the emissions module matches sectors by
 * name, never by position). */
#include "io/netcdf/emis_file.h"

#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <string.h>

#include "io/netcdf/tfnc_util.h"

static int dim_len(int nc, const char *path, const char *name, size_t *len, tf_err *err)
{
  int id;
  if (nc_inq_dimid(nc, name, &id) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: missing dimension '%s'", path, name);
  return tfnc_fail(nc_inq_dimlen(nc, id, len), err, path, name);
}

/* Variable id with the expected dimension names, in order. */
static int var_check(int nc, const char *path, const char *name, int ndim, const char *const *dims,
                     int *vid, tf_err *err)
{
  if (nc_inq_varid(nc, name, vid) != NC_NOERR)
    return tf_err_set(err, TF_EFORMAT, "%s: missing variable '%s'", path, name);
  int nd, ids[NC_MAX_VAR_DIMS];
  nc_inq_varndims(nc, *vid, &nd);
  if (nd != ndim)
    return tf_err_set(err, TF_EFORMAT, "%s: variable '%s': expected %d dimensions, found %d", path, name, ndim, nd);
  nc_inq_vardimid(nc, *vid, ids);
  for (int k = 0; k < nd; k++) {
    char dn[NC_MAX_NAME + 1];
    nc_inq_dimname(nc, ids[k], dn);
    if (strcmp(dn, dims[k]) != 0)
      return tf_err_set(err, TF_EFORMAT, "%s: variable '%s': dimension %d should be '%s', found '%s'", path,
                        name, k + 1, dims[k], dn);
  }
  return TF_OK;
}

static int check_att(int nc, const char *path, const char *name, double expect, double tol, tf_err *err)
{
  double v;
  if (tfnc_att_double(nc, NC_GLOBAL, name, &v))
    return tf_err_set(err, TF_EFORMAT, "%s: missing global attribute %s", path, name);
  if (fabs(v - expect) > tol)
    return tf_err_set(err, TF_EINVAL, "%s: global attribute %s = %g does not match the met grid (%g)", path,
                      name, v, expect);
  return TF_OK;
}

static int check_profile(const char *path, const char *var, const char *sector, const double *p, int n,
                         tf_err *err)
{
  double s = 0.0;
  for (int k = 0; k < n; k++) {
    if (!(p[k] >= 0.0) || !isfinite(p[k]))
      return tf_err_set(err, TF_EINVAL, "%s: %s of sector '%s', index %d: expected a factor >= 0, found %g",
                        path, var, sector, k, p[k]);
    s += p[k];
  }
  if (fabs(s / n - 1.0) > 0.01)
    return tf_err_set(err, TF_EINVAL, "%s: %s of sector '%s': expected mean 1 (+-1 %%), found %g", path, var,
                      sector, s / n);
  return TF_OK;
}

int tfnc_emis_read(const char *path, const tf_grid *g, emis_inventory *inv, tf_err *err)
{
  memset(inv, 0, sizeof *inv);
  int nc, rc = TF_OK;
  if (tfnc_fail(nc_open(path, NC_NOWRITE, &nc), err, path, "cannot open emission inventory")) return TF_EIO;
  size_t nx, ny, ns, nh, nw, nl;
  if ((rc = dim_len(nc, path, "west_east", &nx, err)) || (rc = dim_len(nc, path, "south_north", &ny, err)) ||
      (rc = dim_len(nc, path, "sector", &ns, err)) || (rc = dim_len(nc, path, "hour", &nh, err)) ||
      (rc = dim_len(nc, path, "weekday", &nw, err)) || (rc = dim_len(nc, path, "name_len", &nl, err)))
    goto done;
  if ((int)nx != g->nx || (int)ny != g->ny) {
    rc = tf_err_set(err, TF_EINVAL, "%s: grid is west_east x south_north = %zu x %zu, the met grid is %d x %d",
                    path, nx, ny, g->nx, g->ny);
    goto done;
  }
  if (nh != 24 || nw != 7 || ns < 1 || ns > EMIS_MAX_SECTOR || nl < 1 || nl > 256) {
    rc = tf_err_set(err, TF_EFORMAT, "%s: expected hour = 24, weekday = 7, sector = 1..%d, name_len 1..256; found "
                    "%zu, %zu, %zu, %zu", path, EMIS_MAX_SECTOR, nh, nw, ns, nl);
    goto done;
  }
  double mp;
  if (tfnc_att_double(nc, NC_GLOBAL, "MAP_PROJ", &mp) || (int)mp != g->proj.map_proj) {
    rc = tf_err_set(err, TF_EINVAL, "%s: global attribute MAP_PROJ must equal the met grid's %d", path, g->proj.map_proj);
    goto done;
  }
  if ((rc = check_att(nc, path, "DX", g->dx_m, 1e-3 * g->dx_m, err)) ||
      (rc = check_att(nc, path, "DY", g->dy_m, 1e-3 * g->dy_m, err)))
    goto done;
  if (g->proj.map_proj == TF_PROJ_LAMBERT &&
      ((rc = check_att(nc, path, "TRUELAT1", g->proj.truelat1, 1e-3, err)) ||
       (rc = check_att(nc, path, "TRUELAT2", g->proj.truelat2, 1e-3, err)) ||
       (rc = check_att(nc, path, "STAND_LON", g->proj.stand_lon, 1e-3, err))))
    goto done;
  inv->nx = g->nx;
  inv->ny = g->ny;
  inv->nsector = (int)ns;
  {
    static const char *const d2[] = {"south_north", "west_east"};
    static const char *const d3[] = {"sector", "south_north", "west_east"};
    static const char *const dn[] = {"sector", "name_len"};
    static const char *const dh[] = {"sector", "hour"};
    static const char *const dw[] = {"sector", "weekday"};
    int vid;
    /* sector names */
    char *names = calloc(ns * nl + 1, 1);
    if (!names) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
    if ((rc = var_check(nc, path, "sector_name", 2, dn, &vid, err)) ||
        (rc = tfnc_fail(nc_get_var_text(nc, vid, names), err, path, "reading sector_name"))) { free(names); goto done; }
    for (size_t s = 0; s < ns; s++) {
      char tmp[257];
      memcpy(tmp, names + s * nl, nl);
      tmp[nl] = '\0';
      size_t L = strlen(tmp);
      while (L > 0 && tmp[L - 1] == ' ') tmp[--L] = '\0';
      if (L == 0 || L >= EMIS_NAME_LEN) {
        rc = tf_err_set(err, TF_EFORMAT, "%s: sector_name %zu: expected 1..%d characters, found '%s'", path, s,
                        EMIS_NAME_LEN - 1, tmp);
        free(names);
        goto done;
      }
      memcpy(inv->sector[s], tmp, L + 1);
    }
    free(names);
    /* lat/lon agreement with the met grid (owned cells) */
    double *ll = malloc(nx * ny * sizeof *ll);
    if (!ll) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
    for (int which = 0; which < 2 && !rc; which++) {
      const char *vn = which ? "XLONG" : "XLAT";
      if ((rc = var_check(nc, path, vn, 2, d2, &vid, err)) ||
          (rc = tfnc_fail(nc_get_var_double(nc, vid, ll), err, path, vn)))
        break;
      for (int j = 0; j < g->nyo && !rc; j++)
        for (int i = 0; i < g->nxo && !rc; i++) {
          double mine = which ? g->lon[grid_idx2(g, i, j)] : g->lat[grid_idx2(g, i, j)];
          double f = ll[(size_t)(g->j0 + j) * nx + (size_t)(g->i0 + i)];
          double d = fabs(f - mine);
          if (which && d > 180.0) d = fabs(d - 360.0);
          if (d > 0.01)
            rc = tf_err_set(err, TF_EINVAL, "%s: %s at cell (%d,%d) is %.4f deg, the met grid has %.4f deg "
                            "(tolerance 0.01): not the same grid", path, vn, g->i0 + i, g->j0 + j, f, mine);
        }
    }
    free(ll);
    if (rc) goto done;
    /* pollutants */
    for (int p = 0; p < EMIS_NPOL; p++) {
      const char *vn = emis_pollutant_name(p);
      if (p == EMIS_NH3 && nc_inq_varid(nc, vn, &vid) != NC_NOERR) continue;  /* optional */
      if ((rc = var_check(nc, path, vn, 3, d3, &vid, err))) goto done;
      char units[64];
      if (tfnc_att_text(nc, vid, "units", units, sizeof units) || strcmp(units, "kg h-1") != 0) {
        rc = tf_err_set(err, TF_EINVAL, "%s: variable %s: units attribute must be \"kg h-1\", found \"%s\"", path,
                        vn, tfnc_att_text(nc, vid, "units", units, sizeof units) ? "(none)" : units);
        goto done;
      }
      char basis[64];
      if (p == EMIS_NOX && !tfnc_att_text(nc, vid, "mass_basis", basis, sizeof basis) && strcmp(basis, "NO2") != 0) {
        rc = tf_err_set(err, TF_EINVAL, "%s: variable NOX: mass_basis must be \"NO2\", found \"%s\"", path, basis);
        goto done;
      }
      inv->rate_kgh[p] = malloc(ns * nx * ny * sizeof(double));
      if (!inv->rate_kgh[p]) { rc = tf_err_set(err, TF_ENOMEM, "out of memory reading %s", vn); goto done; }
      if ((rc = tfnc_fail(nc_get_var_double(nc, vid, inv->rate_kgh[p]), err, path, vn))) goto done;
      for (size_t n = 0; n < ns * nx * ny; n++)
        if (!(inv->rate_kgh[p][n] >= 0.0) || !isfinite(inv->rate_kgh[p][n])) {
          size_t s = n / (nx * ny), r = n % (nx * ny);
          rc = tf_err_set(err, TF_EINVAL, "%s: %s sector '%s' cell (%zu,%zu): expected a rate >= 0 kg h-1, found %g",
                          path, vn, inv->sector[s], r % nx, r / nx, inv->rate_kgh[p][n]);
          goto done;
        }
    }
    /* temporal profiles */
    double *buf = malloc(ns * 24 * sizeof *buf);
    if (!buf) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
    if (!(rc = var_check(nc, path, "hour_profile", 2, dh, &vid, err)) &&
        !(rc = tfnc_fail(nc_get_var_double(nc, vid, buf), err, path, "hour_profile")))
      for (size_t s = 0; s < ns && !rc; s++) {
        memcpy(inv->hour_profile[s], buf + s * 24, 24 * sizeof *buf);
        rc = check_profile(path, "hour_profile", inv->sector[s], inv->hour_profile[s], 24, err);
      }
    if (!rc && !(rc = var_check(nc, path, "weekday_profile", 2, dw, &vid, err)) &&
        !(rc = tfnc_fail(nc_get_var_double(nc, vid, buf), err, path, "weekday_profile")))
      for (size_t s = 0; s < ns && !rc; s++) {
        memcpy(inv->weekday_profile[s], buf + s * 7, 7 * sizeof *buf);
        rc = check_profile(path, "weekday_profile", inv->sector[s], inv->weekday_profile[s], 7, err);
      }
    free(buf);
  }
done:
  nc_close(nc);
  if (rc) emis_inventory_free(inv);
  return rc;
}
