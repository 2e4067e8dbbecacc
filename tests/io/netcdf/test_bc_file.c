/* test_bc_file.c — the boundary-field reader (io/netcdf/bc_file.c) on small files written
 * here with the layout a Tianfu forecast writes with fields_3d = on (time, lev, y, x;
 * "hours since ..." time axis, calendar standard, units ppb, crs with WRF_MAP_PROJ, lev =
 * layer-mid eta): times in seconds since the epoch, the bracketing records and weights of
 * the linear time interpolation, species lookup (<SP>_3d before <SP>), field values at
 * owned cells, halo cells outside the domain clamped to the nearest domain cell and halo
 * cells inside the domain (sub-domain block) read from the file; and the refusals, each
 * naming the file and what was expected and found: wrong grid size, wrong lev, wrong
 * projection, unreadable time units, wrong dimension order, wrong units, negative values,
 * a time outside the file's period. Reference values are the analytic fields written. */
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/netcdf/bc_file.h"
#include "model/core/tf_time.h"
#include "tf_test.h"

enum { NX = 5, NY = 4, NZ = 3, H = 2 };

/* Analytic test field, exact in float: record, level, row, column all distinguishable. */
static double field(int rec, int k, int j, int i) { return 100.0 * rec + 10.0 * k + j + 0.25 * i; }

typedef struct spec {
  int nx, ny, nz;             /* dims written */
  const char *tunits;         /* time units */
  int nt;
  const double *tvals;
  double lev_shift;           /* added to the true layer-mid eta */
  int map_proj;               /* written to crs:WRF_MAP_PROJ */
  int swap_xy;                /* O3_3d written as (time, lev, x, y) */
  const char *o3_units;
  double bad_value;           /* if nonzero, written at O3_3d record 0 cell 0 */
} spec;

static void write_file(const char *path, const spec *s, const double *eta_w)
{
  int nc, dt, dl, dy, dx;
  TF_EXPECT(nc_create(path, NC_CLOBBER | NC_NETCDF4 | NC_CLASSIC_MODEL, &nc) == NC_NOERR);
  nc_def_dim(nc, "time", NC_UNLIMITED, &dt);
  nc_def_dim(nc, "lev", (size_t)s->nz, &dl);
  nc_def_dim(nc, "y", (size_t)s->ny, &dy);
  nc_def_dim(nc, "x", (size_t)s->nx, &dx);
  int tv, lv, crs, o3, no, co;
  nc_def_var(nc, "time", NC_DOUBLE, 1, &dt, &tv);
  nc_put_att_text(nc, tv, "units", strlen(s->tunits), s->tunits);
  nc_put_att_text(nc, tv, "calendar", 8, "standard");
  nc_def_var(nc, "lev", NC_DOUBLE, 1, &dl, &lv);
  nc_def_var(nc, "crs", NC_INT, 0, NULL, &crs);
  nc_put_att_int(nc, crs, "WRF_MAP_PROJ", NC_INT, 1, &s->map_proj);
  int d4[4] = {dt, dl, dy, dx}, d4s[4] = {dt, dl, dx, dy};
  nc_def_var(nc, "O3_3d", NC_FLOAT, 4, s->swap_xy ? d4s : d4, &o3);
  nc_put_att_text(nc, o3, "units", strlen(s->o3_units), s->o3_units);
  nc_def_var(nc, "NO", NC_DOUBLE, 4, d4, &no);   /* plain name, double */
  nc_put_att_text(nc, no, "units", 3, "ppb");
  nc_def_var(nc, "CO_3d", NC_FLOAT, 4, d4, &co);
  nc_put_att_text(nc, co, "units", 3, "ppm");
  nc_enddef(nc);
  for (int r = 0; r < s->nt; r++) {
    size_t st = (size_t)r;
    nc_put_var1_double(nc, tv, &st, &s->tvals[r]);
  }
  double lev[16];
  for (int k = 0; k < s->nz && k < 16; k++) lev[k] = 0.5 * (eta_w[k] + eta_w[k + 1]) + s->lev_shift;
  nc_put_var_double(nc, lv, lev);
  size_t n = (size_t)s->nx * (size_t)s->ny * (size_t)s->nz;
  double buf[16 * 16 * 16];
  for (int r = 0; r < s->nt; r++) {
    for (size_t q = 0; q < n; q++) {
      int i = (int)(q % (size_t)s->nx), j = (int)(q / (size_t)s->nx % (size_t)s->ny), k = (int)(q / ((size_t)s->nx * (size_t)s->ny));
      buf[q] = field(r, k, j, i);
    }
    if (r == 0 && s->bad_value != 0.0) buf[0] = s->bad_value;
    size_t start[4] = {(size_t)r, 0, 0, 0}, count[4] = {1, (size_t)s->nz, (size_t)s->ny, (size_t)s->nx};
    if (s->swap_xy) { count[2] = (size_t)s->nx; count[3] = (size_t)s->ny; }
    nc_put_vara_double(nc, o3, start, count, buf);
    nc_put_vara_double(nc, no, start, count, buf);
    nc_put_vara_double(nc, co, start, count, buf);
  }
  TF_EXPECT(nc_close(nc) == NC_NOERR);
}

/* Open must fail with a message containing every one of the given pieces. */
static void expect_refused(const char *label, const char *path, const spec *s, const tf_grid *g, const char *p1,
                           const char *p2)
{
  write_file(path, s, g->eta_w);
  tf_err e;
  tf_err_clear(&e);
  tfnc_bcfile *f = NULL;
  int rc = tfnc_bc_open(path, g, &f, &e);
  TF_EXPECT_MSG(rc != TF_OK && !f, "%s: accepted", label);
  TF_EXPECT_MSG(strstr(e.msg, path) && strstr(e.msg, p1) && (!p2 || strstr(e.msg, p2)), "%s: message '%s'", label,
                e.msg);
  printf("refused (%s): %s\n", label, e.msg);
  tfnc_bc_close(&f);
}

static tf_grid *make_grid(int part, tf_err *e)
{
  tf_grid *g = part ? grid_create_part(NX, NY, NZ, H, 1, 1, 3, 2, e) : grid_create(NX, NY, NZ, H, e);
  if (!g) return NULL;
  const double eta[NZ + 1] = {1.0, 0.9, 0.6, 0.0};
  for (int k = 0; k <= NZ; k++) g->eta_w[k] = eta[k];
  g->proj.map_proj = TF_PROJ_LAMBERT;
  return g;
}

int main(void)
{
  tf_err e;
  tf_err_clear(&e);
  char dir[1024], path[1200];
  tf_tmp_dir("test_bc_file", dir, sizeof dir);
  snprintf(path, sizeof path, "%s/bc.nc", dir);
  tf_grid *g = make_grid(0, &e), *gp = make_grid(1, &e);
  TF_EXPECT(g && gp);
  if (!g || !gp) return tf_test_exit();
  const double hours[2] = {0.0, 3.0};
  spec good = {.nx = NX, .ny = NY, .nz = NZ, .tunits = "hours since 2022-08-10 00:00:00", .nt = 2,
               .tvals = hours, .map_proj = TF_PROJ_LAMBERT, .o3_units = "ppb"};
  write_file(path, &good, g->eta_w);

  double t0;
  TF_EXPECT(tf_time_parse("2022-08-10T00:00:00Z", &t0, &e) == TF_OK);
  tfnc_bcfile *f = NULL;
  TF_EXPECT_MSG(tfnc_bc_open(path, g, &f, &e) == TF_OK, "%s", e.msg);
  if (!f) return tf_test_exit();
  TF_EXPECT(tfnc_bc_ntimes(f) == 2);
  tf_check("time_rec0_s", tfnc_bc_time(f, 0), t0, 0.0);
  tf_check("time_rec1_s", tfnc_bc_time(f, 1), t0 + 10800.0, 0.0);
  TF_EXPECT(!strcmp(tfnc_bc_path(f), path));
  /* species lookup */
  TF_EXPECT(tfnc_bc_has_species(f, "O3", &e) == 1);
  TF_EXPECT(tfnc_bc_has_species(f, "NO", &e) == 1);
  TF_EXPECT(tfnc_bc_has_species(f, "ISOP", &e) == 0);
  tf_err_clear(&e);
  TF_EXPECT(tfnc_bc_has_species(f, "CO", &e) == -1);
  TF_EXPECT_MSG(strstr(e.msg, "CO_3d") && strstr(e.msg, "\"ppb\"") && strstr(e.msg, "\"ppm\""), "%s", e.msg);
  printf("refused (units): %s\n", e.msg);
  /* bracketing records and weights */
  int i;
  double w;
  TF_EXPECT(tfnc_bc_bracket(f, t0, &i, &w, &e) == TF_OK && i == 0 && w == 0.0);
  TF_EXPECT(tfnc_bc_bracket(f, t0 + 3600.0, &i, &w, &e) == TF_OK && i == 0);
  tf_check("bracket_weight_1h_of_3h", w, 1.0 / 3.0, 1e-15);
  TF_EXPECT(tfnc_bc_bracket(f, t0 + 10800.0, &i, &w, &e) == TF_OK && i == 1 && w == 0.0);
  tf_err_clear(&e);
  TF_EXPECT(tfnc_bc_bracket(f, t0 + 10801.0, &i, &w, &e) != TF_OK);
  TF_EXPECT_MSG(strstr(e.msg, "2022-08-10T03:00:01Z") && strstr(e.msg, "2022-08-10T00:00:00Z .. 2022-08-10T03:00:00Z"),
                "%s", e.msg);
  printf("refused (period): %s\n", e.msg);
  /* field values: owned cells, clamped halo */
  double *c = tf_calloc(g->n3, sizeof(double), &e);
  double maxd = 0.0;
  TF_EXPECT_MSG(tfnc_bc_read(f, "O3", 1, c, &e) == TF_OK, "%s", e.msg);
  for (int k = 0; k < NZ; k++)
    for (int j = -H; j < NY + H; j++)
      for (int ii = -H; ii < NX + H; ii++) {
        int cj = j < 0 ? 0 : (j >= NY ? NY - 1 : j), ci = ii < 0 ? 0 : (ii >= NX ? NX - 1 : ii);
        maxd = fmax(maxd, fabs(c[grid_idx3(g, ii, j, k)] - field(1, k, cj, ci)));
      }
  tf_check("O3_3d_rec1_max_abs_err_ppb", maxd, 0.0, 0.0);
  maxd = 0.0;
  TF_EXPECT_MSG(tfnc_bc_read(f, "NO", 0, c, &e) == TF_OK, "%s", e.msg);
  for (int k = 0; k < NZ; k++)
    for (int j = 0; j < NY; j++)
      for (int ii = 0; ii < NX; ii++) maxd = fmax(maxd, fabs(c[grid_idx3(g, ii, j, k)] - field(0, k, j, ii)));
  tf_check("NO_plain_rec0_max_abs_err_ppb", maxd, 0.0, 0.0);
  tf_err_clear(&e);
  TF_EXPECT(tfnc_bc_read(f, "O3", 2, c, &e) != TF_OK && strstr(e.msg, "record 2"));
  free(c);
  tfnc_bc_close(&f);
  TF_EXPECT(f == NULL);

  /* sub-domain block (global [1,4) x [1,3)): halo inside the domain comes from the file */
  TF_EXPECT_MSG(tfnc_bc_open(path, gp, &f, &e) == TF_OK, "%s", e.msg);
  if (f) {
    double *cp = tf_calloc(gp->n3, sizeof(double), &e);
    maxd = 0.0;
    TF_EXPECT(tfnc_bc_read(f, "O3", 0, cp, &e) == TF_OK);
    for (int k = 0; k < NZ; k++)
      for (int j = -H; j < gp->nyo + H; j++)
        for (int ii = -H; ii < gp->nxo + H; ii++) {
          int gj = 1 + j, gi = 1 + ii;
          gj = gj < 0 ? 0 : (gj >= NY ? NY - 1 : gj);
          gi = gi < 0 ? 0 : (gi >= NX ? NX - 1 : gi);
          maxd = fmax(maxd, fabs(cp[grid_idx3(gp, ii, j, k)] - field(0, k, gj, gi)));
        }
    tf_check("subdomain_max_abs_err_ppb", maxd, 0.0, 0.0);
    free(cp);
    tfnc_bc_close(&f);
  }

  /* other time units: minutes, ISO 'T' and 'Z' */
  const double mins[2] = {0.0, 30.0};
  spec mn = good;
  mn.tunits = "minutes since 2022-08-10T01:00:00Z";
  mn.tvals = mins;
  write_file(path, &mn, g->eta_w);
  TF_EXPECT_MSG(tfnc_bc_open(path, g, &f, &e) == TF_OK, "%s", e.msg);
  if (f) tf_check("minutes_rec1_s", tfnc_bc_time(f, 1), t0 + 3600.0 + 1800.0, 0.0);
  tfnc_bc_close(&f);

  /* refusals */
  spec s = good;
  s.nx = NX + 1;
  expect_refused("grid size", path, &s, g, "expected 5 x 4 x 3", "found 6 x 4 x 3");
  s = good;
  s.lev_shift = 0.01;
  expect_refused("lev", path, &s, g, "variable 'lev'", "expected 0.950000");
  s = good;
  s.map_proj = TF_PROJ_MERCATOR;
  expect_refused("projection", path, &s, g, "WRF_MAP_PROJ: expected 1", "found 3");
  s = good;
  s.tunits = "hours since yesterday";
  expect_refused("time units", path, &s, g, "variable 'time': units", "hours since yesterday");
  const double back[2] = {3.0, 0.0};
  s = good;
  s.tvals = back;
  expect_refused("time order", path, &s, g, "strictly increasing", NULL);

  /* variable-level refusals (open succeeds, the species lookup or read fails) */
  s = good;
  s.swap_xy = 1;
  s.nx = s.ny = 4; /* square, so the dims exist with the right lengths but wrong order */
  {
    tf_grid *gs = grid_create(4, 4, NZ, H, &e);
    for (int k = 0; k <= NZ; k++) gs->eta_w[k] = g->eta_w[k];
    gs->proj.map_proj = TF_PROJ_LAMBERT;
    write_file(path, &s, gs->eta_w);
    TF_EXPECT_MSG(tfnc_bc_open(path, gs, &f, &e) == TF_OK, "%s", e.msg);
    tf_err_clear(&e);
    TF_EXPECT(f && tfnc_bc_has_species(f, "O3", &e) == -1);
    TF_EXPECT_MSG(strstr(e.msg, "expected dimensions (time, lev, y, x), found (time=2, lev=3, x=4, y=4)"), "%s", e.msg);
    printf("refused (dim order): %s\n", e.msg);
    tfnc_bc_close(&f);
    grid_destroy(&gs);
  }
  s = good;
  s.bad_value = -1.0;
  write_file(path, &s, g->eta_w);
  TF_EXPECT(tfnc_bc_open(path, g, &f, &e) == TF_OK);
  if (f) {
    double *cb = tf_calloc(g->n3, sizeof(double), &e);
    tf_err_clear(&e);
    TF_EXPECT(tfnc_bc_read(f, "O3", 0, cb, &e) != TF_OK);
    TF_EXPECT_MSG(strstr(e.msg, "O3_3d") && strstr(e.msg, "cell (x=0, y=0, lev=0)") && strstr(e.msg, "found -1"),
                  "%s", e.msg);
    printf("refused (value): %s\n", e.msg);
    free(cb);
    tfnc_bc_close(&f);
  }
  grid_destroy(&g);
  grid_destroy(&gp);
  return tf_test_exit();
}
