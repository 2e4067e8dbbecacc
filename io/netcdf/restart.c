/* restart.c — restart files (see restart.h). The state is copied owned-cell by owned-cell
 * into (lev, y, x) slabs of one species and written as NC_DOUBLE, so a write/read round trip
 * reproduces every bit (NetCDF stores IEEE doubles; zlib is lossless). */
#include "io/netcdf/restart.h"
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/csv/atomic_file.h"
#include "io/netcdf/tfnc_util.h"
#include "model/core/tf_time.h"

/* Owned cells of one species array (with halo) <-> a contiguous (nz, nyo, nxo) slab. */
static void gather(const tf_grid *g, const double *c, double *slab)
{
  size_t q = 0, row = (size_t)g->nxo;
  for (int k = 0; k < g->nz; k++)
    for (int j = 0; j < g->nyo; j++, q += row) memcpy(slab + q, c + grid_idx3(g, 0, j, k), row * sizeof(double));
}

static void scatter(const tf_grid *g, const double *slab, double *c)
{
  size_t q = 0, row = (size_t)g->nxo;
  for (int k = 0; k < g->nz; k++)
    for (int j = 0; j < g->nyo; j++, q += row) memcpy(c + grid_idx3(g, 0, j, k), slab + q, row * sizeof(double));
}

int restart_write(const char *path, const tf_state *s, double time_s, const restart_array *extra, int nextra,
                  tf_err *err)
{
  const tf_grid *g = s->g;
  char tmp[4096];
  int rc = tfio_partial_path(path, tmp, sizeof tmp, err);
  if (rc) return rc;
  int nc, st = nc_create(tmp, NC_CLOBBER | NC_NETCDF4, &nc);
  if (st) return tfnc_fail(st, err, tmp, "cannot create restart file");
  int dsp, dnl, dz, dy, dx, vc, vn, vt;
  double *slab = NULL;
  int *ev = NULL;
  if ((st = nc_def_dim(nc, "species", (size_t)s->nspec, &dsp)) ||
      (st = nc_def_dim(nc, "name_len", TF_SPEC_NAME_LEN, &dnl)) || (st = nc_def_dim(nc, "lev", (size_t)g->nz, &dz)) ||
      (st = nc_def_dim(nc, "y", (size_t)g->nyo, &dy)) || (st = nc_def_dim(nc, "x", (size_t)g->nxo, &dx)))
    goto ncerr;
  int d4[4] = {dsp, dz, dy, dx}, d2[2] = {dsp, dnl};
  size_t chunk[4] = {1, (size_t)g->nz, (size_t)g->nyo, (size_t)g->nxo};
  if ((st = nc_def_var(nc, "conc", NC_DOUBLE, 4, d4, &vc)) || (st = nc_def_var_chunking(nc, vc, NC_CHUNKED, chunk)) ||
      (st = nc_def_var_deflate(nc, vc, 1, 1, 1)) || (st = nc_def_var(nc, "species_name", NC_CHAR, 2, d2, &vn)) ||
      (st = nc_def_var(nc, "time", NC_DOUBLE, 0, NULL, &vt)))
    goto ncerr;
  nc_put_att_text(nc, vc, "units", 3, "ppb");
  nc_put_att_text(nc, vc, "long_name", 34, "dry-air mole fraction, owned cells");
  nc_put_att_text(nc, vt, "units", 33, "seconds since 1970-01-01 00:00:00");
  char iso[32];
  tf_time_format(time_s, iso, 0);
  nc_put_att_text(nc, vt, "iso8601", strlen(iso), iso);
  int dims[3] = {g->nx, g->ny, g->nz};
  nc_put_att_int(nc, NC_GLOBAL, "nx", NC_INT, 1, &dims[0]);
  nc_put_att_int(nc, NC_GLOBAL, "ny", NC_INT, 1, &dims[1]);
  nc_put_att_int(nc, NC_GLOBAL, "nz", NC_INT, 1, &dims[2]);
  nc_put_att_text(nc, NC_GLOBAL, "title", 19, "Tianfu restart file");
  ev = tf_calloc((size_t)(nextra > 0 ? nextra : 1), sizeof(int), err);
  if (!ev) { rc = TF_ENOMEM; goto fail; }
  for (int i = 0; i < nextra; i++) {
    char dn[NC_MAX_NAME + 1];
    int de;
    snprintf(dn, sizeof dn, "%s_len", extra[i].name);
    if ((st = nc_def_dim(nc, dn, extra[i].n, &de)) || (st = nc_def_var(nc, extra[i].name, NC_DOUBLE, 1, &de, &ev[i]))) {
      rc = tf_err_set(err, TF_EIO, "%s: defining extra array '%s': %s", tmp, extra[i].name, nc_strerror(st));
      goto fail;
    }
  }
  if ((st = nc_enddef(nc))) goto ncerr;
  if ((st = nc_put_var_double(nc, vt, &time_s))) goto ncerr;
  for (int sp = 0; sp < s->nspec; sp++) {
    size_t start[2] = {(size_t)sp, 0}, count[2] = {1, TF_SPEC_NAME_LEN};
    char name[TF_SPEC_NAME_LEN] = {0};
    strncpy(name, s->names[sp], TF_SPEC_NAME_LEN - 1);
    if ((st = nc_put_vara_text(nc, vn, start, count, name))) goto ncerr;
  }
  size_t n3o = (size_t)g->nz * (size_t)g->nyo * (size_t)g->nxo;
  slab = tf_malloc(n3o * sizeof(double), err);
  if (!slab) { rc = TF_ENOMEM; goto fail; }
  for (int sp = 0; sp < s->nspec; sp++) {
    gather(g, state_spec(s, sp), slab);
    size_t start[4] = {(size_t)sp, 0, 0, 0}, count[4] = {1, (size_t)g->nz, (size_t)g->nyo, (size_t)g->nxo};
    if ((st = nc_put_vara_double(nc, vc, start, count, slab))) goto ncerr;
  }
  for (int i = 0; i < nextra; i++)
    if ((st = nc_put_var_double(nc, ev[i], extra[i].data))) goto ncerr;
  free(slab);
  free(ev);
  if ((st = nc_close(nc))) {
    unlink(tmp);
    return tfnc_fail(st, err, tmp, "closing restart file");
  }
  return tfio_commit(tmp, path, err);
ncerr:
  rc = tfnc_fail(st, err, tmp, "writing restart file");
fail:
  free(slab);
  free(ev);
  nc_close(nc);
  unlink(tmp);
  return rc;
}

static int get_att_int(int nc, const char *name, int *v)
{
  return nc_get_att_int(nc, NC_GLOBAL, name, v);
}

int restart_read(const char *path, tf_state *s, double *time_s, restart_array *extra, int nextra, tf_err *err)
{
  const tf_grid *g = s->g;
  int nc, st = nc_open(path, NC_NOWRITE, &nc), rc = TF_OK;
  if (st) return tfnc_fail(st, err, path, "cannot open restart file");
  double *slab = NULL;
  int fnx, fny, fnz;
  if (get_att_int(nc, "nx", &fnx) || get_att_int(nc, "ny", &fny) || get_att_int(nc, "nz", &fnz)) {
    rc = tf_err_set(err, TF_EFORMAT, "%s: global attributes nx/ny/nz missing (not a Tianfu restart file?)", path);
    goto done;
  }
  if (fnx != g->nx || fny != g->ny || fnz != g->nz) {
    rc = tf_err_set(err, TF_EINVAL, "%s: restart grid %dx%dx%d does not match the model grid %dx%dx%d", path, fnx,
                    fny, fnz, g->nx, g->ny, g->nz);
    goto done;
  }
  int dsp, vn, vc, vt;
  size_t nsp, nl;
  if (nc_inq_dimid(nc, "species", &dsp) || nc_inq_dimlen(nc, dsp, &nsp) || nc_inq_varid(nc, "species_name", &vn) ||
      nc_inq_varid(nc, "conc", &vc) || nc_inq_varid(nc, "time", &vt)) {
    rc = tf_err_set(err, TF_EFORMAT, "%s: species/species_name/conc/time missing", path);
    goto done;
  }
  int dn[2];
  nc_inq_vardimid(nc, vn, dn);
  nc_inq_dimlen(nc, dn[1], &nl);
  if (nl != TF_SPEC_NAME_LEN) {
    rc = tf_err_set(err, TF_EFORMAT, "%s: species_name length %zu, expected %d", path, nl, TF_SPEC_NAME_LEN);
    goto done;
  }
  for (size_t sp = 0; sp < nsp && (int)sp < s->nspec; sp++) {
    char name[TF_SPEC_NAME_LEN + 1] = {0};
    size_t start[2] = {sp, 0}, count[2] = {1, TF_SPEC_NAME_LEN};
    if ((st = nc_get_vara_text(nc, vn, start, count, name))) { rc = tfnc_fail(st, err, path, "reading species_name"); goto done; }
    if (strncmp(name, s->names[sp], TF_SPEC_NAME_LEN) != 0) {
      rc = tf_err_set(err, TF_EINVAL, "%s: species %zu is '%s' in the restart file but '%s' in the model mechanism",
                      path, sp + 1, name, s->names[sp]);
      goto done;
    }
  }
  if ((int)nsp != s->nspec) {
    rc = tf_err_set(err, TF_EINVAL, "%s: restart file has %zu species, the model mechanism %d", path, nsp, s->nspec);
    goto done;
  }
  if ((st = nc_get_var_double(nc, vt, time_s))) { rc = tfnc_fail(st, err, path, "reading time"); goto done; }
  size_t n3o = (size_t)g->nz * (size_t)g->nyo * (size_t)g->nxo;
  slab = tf_malloc(n3o * sizeof(double), err);
  if (!slab) { rc = TF_ENOMEM; goto done; }
  for (int sp = 0; sp < s->nspec; sp++) {
    size_t start[4] = {(size_t)sp, 0, 0, 0}, count[4] = {1, (size_t)g->nz, (size_t)g->nyo, (size_t)g->nxo};
    if ((st = nc_get_vara_double(nc, vc, start, count, slab))) { rc = tfnc_fail(st, err, path, "reading conc"); goto done; }
    scatter(g, slab, state_spec(s, sp));
  }
  for (int i = 0; i < nextra; i++) {
    int v, nd, d;
    size_t len;
    if (nc_inq_varid(nc, extra[i].name, &v) || nc_inq_varndims(nc, v, &nd) || nd != 1) {
      rc = tf_err_set(err, TF_EFORMAT, "%s: extra array '%s' missing", path, extra[i].name);
      goto done;
    }
    nc_inq_vardimid(nc, v, &d);
    nc_inq_dimlen(nc, d, &len);
    if (len != extra[i].n) {
      rc = tf_err_set(err, TF_EINVAL, "%s: extra array '%s' has %zu values, expected %zu", path, extra[i].name, len,
                      extra[i].n);
      goto done;
    }
    if ((st = nc_get_var_double(nc, v, extra[i].data))) { rc = tfnc_fail(st, err, path, "reading extra array"); goto done; }
  }
done:
  free(slab);
  nc_close(nc);
  return rc;
}
