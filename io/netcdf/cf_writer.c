/* cf_writer.c — CF-1.8 forecast files (see cf_writer.h).
 *
 * Follows the CF Conventions 1.8: §4.4 time coordinate ("hours since ...", calendar
 * "standard"), §5.2 2-D auxiliary lat/lon coordinates, §5.6 + Appendix F grid mappings
 * (lambert_conformal_conic, polar_stereographic, mercator, latitude_longitude),
 * §7.1 cell boundaries (time bounds), §7.3 cell_methods, Appendix D
 * atmosphere_sigma_coordinate. Standard names from the CF standard name table (mole
 * fractions "mole_fraction_of_X_in_air"). Storage: NetCDF-4 classic model, zlib level 1
 * with shuffle, chunk = one time record, so each hourly write touches one chunk. */
#include "io/netcdf/cf_writer.h"
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/csv/atomic_file.h"
#include "io/netcdf/tfnc_util.h"
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"

#define CF_MAX_AXES 8
#define CF_DEFLATE 1

typedef struct cf_axis {
  int dim, var, bnds;      /* NetCDF ids (bnds -1 if none) */
} cf_axis;

typedef struct cf_var {
  int id, axis, three_d;
} cf_var;

struct cf_writer {
  char *path, *tmp;
  int ncid;
  int define_mode;
  const tf_grid *g;
  double tref_s;
  int xdim, ydim, levdim, nvdim;
  cf_axis ax[CF_MAX_AXES];
  int nax;
  cf_var *vars;
  int nvars;
  int xv, yv, latv, lonv;  /* coordinate variables, written on leaving define mode */
  int levv, levbv, ptopv;  /* vertical coordinate (-1 if none) */
};

static int st(cf_writer *w, int status, const char *what, tf_err *err)
{
  return tfnc_fail(status, err, w->tmp, what);
}

static int put_text(int ncid, int var, const char *name, const char *val)
{
  return val ? nc_put_att_text(ncid, var, name, strlen(val), val) : NC_NOERR;
}

/* A double coordinate variable with its CF naming attributes (standard_name, long_name,
 * units, axis, in that order; a NULL one is not written). */
static int def_coord(cf_writer *w, const char *name, int nd, const int *dims, const char *std_name,
                     const char *long_name, const char *units, const char *axis, int *id, tf_err *err)
{
  int s = nc_def_var(w->ncid, name, NC_DOUBLE, nd, dims, id);
  if (!s) s = put_text(w->ncid, *id, "standard_name", std_name);
  if (!s) s = put_text(w->ncid, *id, "long_name", long_name);
  if (!s) s = put_text(w->ncid, *id, "units", units);
  if (!s) s = put_text(w->ncid, *id, "axis", axis);
  if (!s) return TF_OK;
  char what[96];
  snprintf(what, sizeof what, "defining coordinate %s", name);
  return st(w, s, what, err);
}

/* "hours since YYYY-MM-DD hh:mm:ss" for the reference time. */
static void time_units(double tref, char *buf, size_t n)
{
  char iso[32];
  tf_time_format(tref, iso, 0); /* YYYY-MM-DDThh:mm:ssZ */
  iso[10] = ' ';
  iso[19] = '\0';
  snprintf(buf, n, "hours since %s", iso);
}

static int def_time_var(cf_writer *w, cf_axis *a, const char *name, const char *long_name, tf_err *err)
{
  char units[64];
  time_units(w->tref_s, units, sizeof units);
  int rc = nc_def_var(w->ncid, name, NC_DOUBLE, 1, &a->dim, &a->var);
  if (rc) return st(w, rc, "defining time variable", err);
  put_text(w->ncid, a->var, "standard_name", "time");
  put_text(w->ncid, a->var, "long_name", long_name);
  put_text(w->ncid, a->var, "units", units);
  put_text(w->ncid, a->var, "calendar", "standard");
  put_text(w->ncid, a->var, "axis", "T");
  return TF_OK;
}

static int def_grid_mapping(cf_writer *w, tf_err *err)
{
  const tf_proj *p = &w->g->proj;
  int v, rc = nc_def_var(w->ncid, "crs", NC_INT, 0, NULL, &v);
  if (rc) return st(w, rc, "defining crs", err);
  put_text(w->ncid, v, "grid_mapping_name", proj_cf_name(p));
  double R = TF_EARTH_RADIUS, lat0, lon0, zero = 0.0;
  proj_cf_origin(p, &lat0, &lon0);
  nc_put_att_double(w->ncid, v, "earth_radius", NC_DOUBLE, 1, &R);
  switch (p->map_proj) {
  case TF_PROJ_LAMBERT: {
    double sp[2] = {p->truelat1, p->truelat2};
    int nsp = (p->truelat1 == p->truelat2) ? 1 : 2;
    nc_put_att_double(w->ncid, v, "standard_parallel", NC_DOUBLE, (size_t)nsp, sp);
    nc_put_att_double(w->ncid, v, "longitude_of_central_meridian", NC_DOUBLE, 1, &lon0);
    nc_put_att_double(w->ncid, v, "latitude_of_projection_origin", NC_DOUBLE, 1, &lat0);
    break;
  }
  case TF_PROJ_POLAR:
    nc_put_att_double(w->ncid, v, "straight_vertical_longitude_from_pole", NC_DOUBLE, 1, &lon0);
    nc_put_att_double(w->ncid, v, "latitude_of_projection_origin", NC_DOUBLE, 1, &lat0);
    nc_put_att_double(w->ncid, v, "standard_parallel", NC_DOUBLE, 1, &p->truelat1);
    break;
  case TF_PROJ_MERCATOR:
    nc_put_att_double(w->ncid, v, "longitude_of_projection_origin", NC_DOUBLE, 1, &lon0);
    nc_put_att_double(w->ncid, v, "standard_parallel", NC_DOUBLE, 1, &p->truelat1);
    break;
  default:
    break;
  }
  if (p->map_proj != TF_PROJ_LATLON) {
    nc_put_att_double(w->ncid, v, "false_easting", NC_DOUBLE, 1, &zero);
    nc_put_att_double(w->ncid, v, "false_northing", NC_DOUBLE, 1, &zero);
  }
  /* WRF projection parameters, so a reader can rebuild the grid exactly */
  int mp = p->map_proj;
  nc_put_att_int(w->ncid, v, "WRF_MAP_PROJ", NC_INT, 1, &mp);
  nc_put_att_double(w->ncid, v, "WRF_CEN_LAT", NC_DOUBLE, 1, &p->cen_lat);
  nc_put_att_double(w->ncid, v, "WRF_CEN_LON", NC_DOUBLE, 1, &p->cen_lon);
  return TF_OK;
}

static void free_writer(cf_writer *w)
{
  if (!w) return;
  free(w->path); free(w->tmp); free(w->vars);
  free(w);
}


static int create(const char *path, const tf_grid *g, const cf_meta *meta, cf_writer **out, tf_err *err)
{
  *out = NULL;
  cf_writer *w = tf_calloc(1, sizeof *w, err);
  if (!w) return TF_ENOMEM;
  size_t n = strlen(path) + 16;
  w->path = tf_malloc(n, err);
  w->tmp = tf_malloc(n, err);
  if (!w->path || !w->tmp) { free_writer(w); return TF_ENOMEM; }
  snprintf(w->path, n, "%s", path);
  int rc = tfio_partial_path(path, w->tmp, n, err);
  if (rc) { free_writer(w); return rc; }
  w->g = g;
  w->tref_s = meta->time_ref_s;
  w->levdim = w->nvdim = -1;
  int s = nc_create(w->tmp, NC_CLOBBER | NC_NETCDF4 | NC_CLASSIC_MODEL, &w->ncid);
  if (s) { rc = tfnc_fail(s, err, w->tmp, "cannot create output file"); free_writer(w); return rc; }
  w->define_mode = 1;
  int nc = w->ncid;
  /* global attributes (CF §2.6.2) */
  put_text(nc, NC_GLOBAL, "Conventions", "CF-1.8");
  put_text(nc, NC_GLOBAL, "title", meta->title ? meta->title : "Tianfu model output");
  put_text(nc, NC_GLOBAL, "institution", meta->institution ? meta->institution : "unknown");
  put_text(nc, NC_GLOBAL, "source", meta->source ? meta->source : "Tianfu");
  put_text(nc, NC_GLOBAL, "history", meta->history);
  put_text(nc, NC_GLOBAL, "references", meta->references);
  /* dimensions and coordinates */
  int tdim;
  if ((s = nc_def_dim(nc, "time", NC_UNLIMITED, &tdim)) || (s = nc_def_dim(nc, "y", (size_t)g->nyo, &w->ydim)) ||
      (s = nc_def_dim(nc, "x", (size_t)g->nxo, &w->xdim))) {
    rc = st(w, s, "defining dimensions", err);
    goto fail;
  }
  w->ax[0].dim = tdim;
  w->ax[0].bnds = -1;
  w->nax = 1;
  if ((rc = def_time_var(w, &w->ax[0], "time", "time", err))) goto fail;
  int latlon = g->proj.map_proj == TF_PROJ_LATLON;
  int xv, yv, latv, lonv, dims2[2] = {w->ydim, w->xdim};
  if ((rc = def_coord(w, "x", 1, &w->xdim, latlon ? "longitude" : "projection_x_coordinate",
                      latlon ? "longitude" : "x coordinate of projection", latlon ? "degrees_east" : "m", "X",
                      &xv, err)) ||
      (rc = def_coord(w, "y", 1, &w->ydim, latlon ? "latitude" : "projection_y_coordinate",
                      latlon ? "latitude" : "y coordinate of projection", latlon ? "degrees_north" : "m", "Y",
                      &yv, err)) ||
      (rc = def_coord(w, "lat", 2, dims2, "latitude", "latitude", "degrees_north", NULL, &latv, err)) ||
      (rc = def_coord(w, "lon", 2, dims2, "longitude", "longitude", "degrees_east", NULL, &lonv, err)) ||
      (rc = def_grid_mapping(w, err)))
    goto fail;
  w->xv = xv; w->yv = yv; w->latv = latv; w->lonv = lonv;
  w->levv = w->levbv = w->ptopv = -1;
  *out = w;
  return TF_OK;
fail:
  nc_close(w->ncid);
  unlink(w->tmp);
  free_writer(w);
  return rc;
}

static int need_define(cf_writer *w, const char *what, tf_err *err)
{
  if (!w->define_mode)
    return tf_err_set(err, TF_EINVAL, "%s: %s after the first write; define everything first", w->tmp, what);
  return TF_OK;
}

int cf_def_time_axis(cf_writer *w, const char *name, const char *long_name, int nrec, int with_bounds,
                     int *axis, tf_err *err)
{
  int rc = need_define(w, "cf_def_time_axis", err);
  if (rc) return rc;
  if (w->nax >= CF_MAX_AXES || nrec < 1)
    return tf_err_set(err, TF_EINVAL, "%s: time axis %s: %d records (>= 1 needed) or more than %d axes", w->tmp,
                      name, nrec, CF_MAX_AXES);
  cf_axis *a = &w->ax[w->nax];
  int s = nc_def_dim(w->ncid, name, (size_t)nrec, &a->dim);
  if (s) return st(w, s, "defining time axis", err);
  if ((rc = def_time_var(w, a, name, long_name, err))) return rc;
  a->bnds = -1;
  *axis = w->nax++;
  return with_bounds ? cf_def_time_bounds(w, *axis, err) : TF_OK;
}

int cf_def_time_bounds(cf_writer *w, int axis, tf_err *err)
{
  int rc = need_define(w, "cf_def_time_bounds", err), s;
  if (rc) return rc;
  if (axis < 0 || axis >= w->nax) return tf_err_set(err, TF_EINVAL, "%s: unknown time axis %d", w->tmp, axis);
  cf_axis *a = &w->ax[axis];
  if (a->bnds >= 0) return TF_OK;
  if (w->nvdim < 0 && (s = nc_def_dim(w->ncid, "nv", 2, &w->nvdim))) return st(w, s, "defining nv", err);
  char name[NC_MAX_NAME + 1], bn[NC_MAX_NAME + 8];
  nc_inq_varname(w->ncid, a->var, name);
  snprintf(bn, sizeof bn, "%s_bnds", name);
  int dims[2] = {a->dim, w->nvdim};
  if ((s = nc_def_var(w->ncid, bn, NC_DOUBLE, 2, dims, &a->bnds))) return st(w, s, "defining time bounds", err);
  put_text(w->ncid, a->var, "bounds", bn);
  return TF_OK;
}

int cf_def_vertical(cf_writer *w, int *ps_var, tf_err *err)
{
  int rc = need_define(w, "cf_def_vertical", err);
  if (rc) return rc;
  if (w->levdim >= 0) return tf_err_set(err, TF_EINVAL, "%s: vertical axis defined twice", w->tmp);
  const tf_grid *g = w->g;
  int s, lev, bnds, pt, nc = w->ncid;
  if ((s = nc_def_dim(nc, "lev", (size_t)g->nz, &w->levdim))) return st(w, s, "defining lev", err);
  if (w->nvdim < 0 && (s = nc_def_dim(nc, "nv", 2, &w->nvdim))) return st(w, s, "defining nv", err);
  int bd[2] = {w->levdim, w->nvdim};
  if ((rc = def_coord(w, "lev", 1, &w->levdim, "atmosphere_sigma_coordinate",
                      "WRF eta (dry hydrostatic pressure sigma) at layer middle", "1", NULL, &lev, err)))
    return rc;
  if ((s = nc_def_var(nc, "lev_bnds", NC_DOUBLE, 2, bd, &bnds))) return st(w, s, "defining lev_bnds", err);
  if ((rc = def_coord(w, "ptop", 0, NULL, NULL, "pressure at the model top", "Pa", NULL, &pt, err))) return rc;
  put_text(nc, lev, "positive", "down");
  put_text(nc, lev, "axis", "Z");
  put_text(nc, lev, "bounds", "lev_bnds");
  put_text(nc, lev, "formula_terms", "sigma: lev ps: ps ptop: ptop");
  cf_var_def d = {.name = "ps", .long_name = "dry surface pressure (MU + P_TOP)", .units = "Pa",
                  .axis = CF_TIME};
  if ((rc = cf_def_var(w, &d, ps_var, err))) return rc;
  w->levv = lev;
  w->levbv = bnds;
  w->ptopv = pt;
  return TF_OK;
}

int cf_def_var(cf_writer *w, const cf_var_def *d, int *var, tf_err *err)
{
  int rc = need_define(w, "cf_def_var", err);
  if (rc) return rc;
  if (d->axis != CF_NO_TIME && (d->axis < 0 || d->axis >= w->nax))
    return tf_err_set(err, TF_EINVAL, "%s: variable %s: unknown time axis %d", w->tmp, d->name, d->axis);
  if (d->three_d && w->levdim < 0)
    return tf_err_set(err, TF_EINVAL, "%s: variable %s: 3-D field needs cf_def_vertical first", w->tmp, d->name);
  int dims[4], nd = 0;
  size_t chunk[4];
  if (d->axis != CF_NO_TIME) { dims[nd] = w->ax[d->axis].dim; chunk[nd++] = 1; }
  if (d->three_d) { dims[nd] = w->levdim; chunk[nd++] = (size_t)w->g->nz; }
  dims[nd] = w->ydim; chunk[nd++] = (size_t)w->g->nyo;
  dims[nd] = w->xdim; chunk[nd++] = (size_t)w->g->nxo;
  int id, s = nc_def_var(w->ncid, d->name, NC_FLOAT, nd, dims, &id);
  if (s) {
    char what[160];
    snprintf(what, sizeof what, "defining variable %s", d->name);
    return st(w, s, what, err);
  }
  if ((s = nc_def_var_chunking(w->ncid, id, NC_CHUNKED, chunk)) ||
      (s = nc_def_var_deflate(w->ncid, id, 1, 1, CF_DEFLATE)))
    return st(w, s, "setting chunking/deflate", err);
  put_text(w->ncid, id, "long_name", d->long_name ? d->long_name : d->name);
  put_text(w->ncid, id, "standard_name", d->standard_name);
  put_text(w->ncid, id, "units", d->units ? d->units : "1");
  put_text(w->ncid, id, "cell_methods", d->cell_methods);
  put_text(w->ncid, id, "grid_mapping", "crs");
  put_text(w->ncid, id, "coordinates", "lat lon");
  cf_var *nv = realloc(w->vars, (size_t)(w->nvars + 1) * sizeof *nv);
  if (!nv) return tf_err_set(err, TF_ENOMEM, "cf_def_var: out of memory");
  w->vars = nv;
  w->vars[w->nvars] = (cf_var){.id = id, .axis = d->axis, .three_d = d->three_d};
  *var = w->nvars++;
  return TF_OK;
}

int cf_def_species(cf_writer *w, const char *species, const char *standard_name, int three_d, int *var,
                   tf_err *err)
{
  char ln[128];
  snprintf(ln, sizeof ln, "%s mole fraction in dry air%s", species, three_d ? "" : " (lowest model layer)");
  cf_var_def d = {.name = species, .long_name = ln,
                  .standard_name = standard_name && *standard_name ? standard_name : NULL,
                  .units = "ppb", .axis = CF_TIME, .three_d = three_d};
  return cf_def_var(w, &d, var, err);
}

/* Coordinate values (x, y, lat, lon, lev, lev_bnds, ptop): written once, in data mode
 * (the classic model forbids writes in define mode). */
static int write_coords(cf_writer *w, tf_err *err)
{
  const tf_grid *g = w->g;
  size_t n = (size_t)g->nxo * (size_t)g->nyo;
  if ((size_t)(2 * g->nz) > n) n = (size_t)(2 * g->nz);
  double *buf = tf_malloc(n * sizeof(double), err), xx, yy;
  if (!buf) return TF_ENOMEM;
  int nc = w->ncid, s;
  for (int i = 0; i < g->nxo; i++) {
    proj_ij_to_xy(&g->proj, g->i0 + i, g->j0, &xx, &yy);
    buf[i] = xx;
  }
  s = nc_put_var_double(nc, w->xv, buf);
  for (int j = 0; j < g->nyo && !s; j++) {
    proj_ij_to_xy(&g->proj, g->i0, g->j0 + j, &xx, &yy);
    buf[j] = yy;
  }
  if (!s) s = nc_put_var_double(nc, w->yv, buf);
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo; i++) buf[(size_t)j * g->nxo + i] = g->lat[grid_idx2(g, i, j)];
  if (!s) s = nc_put_var_double(nc, w->latv, buf);
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo; i++) buf[(size_t)j * g->nxo + i] = g->lon[grid_idx2(g, i, j)];
  if (!s) s = nc_put_var_double(nc, w->lonv, buf);
  if (!s && w->levv >= 0) {
    /* layer-mid eta and its bounds (the bounding full levels) */
    for (int k = 0; k < g->nz; k++) buf[k] = 0.5 * (g->eta_w[k] + g->eta_w[k + 1]);
    s = nc_put_var_double(nc, w->levv, buf);
    for (int k = 0; k < g->nz; k++) {
      buf[2 * k] = g->eta_w[k];
      buf[2 * k + 1] = g->eta_w[k + 1];
    }
    if (!s) s = nc_put_var_double(nc, w->levbv, buf);
    if (!s) s = nc_put_var_double(nc, w->ptopv, &g->ptop_pa);
  }
  free(buf);
  return s ? st(w, s, "writing coordinates", err) : TF_OK;
}

static int leave_define(cf_writer *w, tf_err *err)
{
  if (!w->define_mode) return TF_OK;
  int s = nc_enddef(w->ncid);
  if (s) return st(w, s, "leaving define mode", err);
  w->define_mode = 0;
  return write_coords(w, err);
}

static int check_rec(cf_writer *w, int axis, int rec, tf_err *err)
{
  if (axis < 0 || axis >= w->nax || rec < 0)
    return tf_err_set(err, TF_EINVAL, "%s: time axis %d record %d invalid", w->tmp, axis, rec);
  size_t len;
  nc_inq_dimlen(w->ncid, w->ax[axis].dim, &len);
  if (axis != CF_TIME && (size_t)rec >= len)
    return tf_err_set(err, TF_EINVAL, "%s: record %d beyond the %zu records of time axis %d", w->tmp, rec, len, axis);
  return TF_OK;
}

int cf_put_time(cf_writer *w, int axis, int rec, double t_s, tf_err *err)
{
  int rc = leave_define(w, err);
  if (rc || (rc = check_rec(w, axis, rec, err))) return rc;
  double h = (t_s - w->tref_s) / 3600.0;
  size_t i = (size_t)rec;
  int s = nc_put_var1_double(w->ncid, w->ax[axis].var, &i, &h);
  return s ? st(w, s, "writing time", err) : TF_OK;
}

int cf_put_time_bounds(cf_writer *w, int axis, int rec, double t0_s, double t1_s, tf_err *err)
{
  int rc = leave_define(w, err);
  if (rc || (rc = check_rec(w, axis, rec, err))) return rc;
  if (w->ax[axis].bnds < 0) return tf_err_set(err, TF_EINVAL, "%s: time axis %d has no bounds", w->tmp, axis);
  double b[2] = {(t0_s - w->tref_s) / 3600.0, (t1_s - w->tref_s) / 3600.0};
  size_t start[2] = {(size_t)rec, 0}, count[2] = {1, 2};
  int s = nc_put_vara_double(w->ncid, w->ax[axis].bnds, start, count, b);
  return s ? st(w, s, "writing time bounds", err) : TF_OK;
}

int cf_write_field(cf_writer *w, int var, int rec, const double *data, tf_err *err)
{
  int rc = leave_define(w, err);
  if (rc) return rc;
  if (var < 0 || var >= w->nvars) return tf_err_set(err, TF_EINVAL, "%s: unknown variable id %d", w->tmp, var);
  const cf_var *v = &w->vars[var];
  if (v->axis != CF_NO_TIME && (rc = check_rec(w, v->axis, rec, err))) return rc;
  const tf_grid *g = w->g;
  int nz = v->three_d ? g->nz : 1;
  size_t nxy = (size_t)g->nxo * (size_t)g->nyo;
  float *buf = tf_malloc(nxy * (size_t)nz * sizeof(float), err);
  if (!buf) return TF_ENOMEM;
  for (int k = 0; k < nz; k++)
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++)
        buf[(size_t)k * nxy + (size_t)j * g->nxo + i] = (float)data[grid_idx3(g, i, j, k)];
  size_t start[4], count[4];
  int nd = 0;
  if (v->axis != CF_NO_TIME) { start[nd] = (size_t)rec; count[nd++] = 1; }
  if (v->three_d) { start[nd] = 0; count[nd++] = (size_t)g->nz; }
  start[nd] = 0; count[nd++] = (size_t)g->nyo;
  start[nd] = 0; count[nd++] = (size_t)g->nxo;
  int s = nc_put_vara_float(w->ncid, v->id, start, count, buf);
  free(buf);
  if (s) {
    char name[NC_MAX_NAME + 1] = "?", what[NC_MAX_NAME + 64];
    nc_inq_varname(w->ncid, v->id, name);
    snprintf(what, sizeof what, "writing %s record %d", name, rec);
    return st(w, s, what, err);
  }
  return TF_OK;
}

int cf_sync(cf_writer *w, tf_err *err)
{
  int rc = leave_define(w, err);
  if (rc) return rc;
  int s = nc_sync(w->ncid);
  return s ? st(w, s, "sync", err) : TF_OK;
}

int cf_close(cf_writer **wp, int commit, tf_err *err)
{
  if (!wp || !*wp) return TF_OK;
  cf_writer *w = *wp;
  *wp = NULL;
  int rc = TF_OK;
  if (commit) rc = leave_define(w, err);
  int s = nc_close(w->ncid);
  if (!rc && s) rc = st(w, s, "closing", err);
  if (commit && !rc) rc = tfio_commit(w->tmp, w->path, err);
  else unlink(w->tmp);
  free_writer(w);
  return rc;
}

cf_writer *cf_create(const char *path, const tf_grid *g, const cf_meta *meta, tf_err *err)
{
  cf_writer *w = NULL;
  create(path, g, meta, &w, err);
  return w;
}
