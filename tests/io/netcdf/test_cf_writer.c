/* test_cf_writer.c — CF-1.8 forecast file: write a small Lambert-grid file (hourly
 * species in ppb, an extra field in ug m-3, a daily axis with bounds and cell_methods,
 * 3-D fields on the sigma coordinate, a static field), check the .partial/commit protocol,
 * read every value back with the NetCDF API (float storage: relative 1e-7), check the CF
 * attributes, and run CDO (`cdo -s sinfon`, `cdo -s info`) requiring no "Warning" or
 * "Error" in its output (skipped with 77 when cdo is absent). Reference for the attribute
 * names: CF Conventions 1.8 (sections 4.4, 5.6, 7.1, 7.3, Appendix D and F). */
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "io/netcdf/cf_writer.h"
#include "model/core/tf_time.h"
#include "tf_test.h"

static int exists(const char *p)
{
  struct stat st;
  return stat(p, &st) == 0;
}

static double field(int i, int j, int k, int t) { return 30.0 + i + 0.5 * j + 0.25 * k + 10.0 * t + 1e-3 * i * j; }

static int att_is(int ncid, const char *var, const char *att, const char *val)
{
  int v = NC_GLOBAL;
  if (var && nc_inq_varid(ncid, var, &v)) return 0;
  char buf[256] = "";
  size_t len;
  if (nc_inq_attlen(ncid, v, att, &len) || len >= sizeof buf || nc_get_att_text(ncid, v, att, buf)) return 0;
  buf[len] = '\0';
  if (strcmp(buf, val) != 0) fprintf(stderr, "%s:%s = '%s', expected '%s'\n", var ? var : "global", att, buf, val);
  return strcmp(buf, val) == 0;
}

/* Run a command, return its combined output (static buffer) and exit status. */
static const char *run(const char *cmd, int *status)
{
  static char out[65536];
  out[0] = '\0';
  FILE *p = popen(cmd, "r");
  if (!p) { *status = -1; return out; }
  size_t n = fread(out, 1, sizeof out - 1, p);
  out[n] = '\0';
  *status = pclose(p);
  return out;
}

int main(void)
{
  tf_err e;
  tf_err_clear(&e);
  const int nx = 12, ny = 9, nz = 5, h = 2, nt = 3;
  tf_grid *g = grid_create(nx, ny, nz, h, &e);
  TF_EXPECT(g != NULL);
  g->proj = (tf_proj){.map_proj = TF_PROJ_LAMBERT, .truelat1 = 25.0, .truelat2 = 40.0, .stand_lon = 104.0,
                      .cen_lat = 30.5, .cen_lon = 105.0, .dx_m = 12000.0, .dy_m = 12000.0};
  g->dx_m = g->dy_m = 12000.0;
  TF_EXPECT(grid_set_from_proj(g, &e) == TF_OK);
  for (int k = 0; k <= nz; k++) g->eta_w[k] = 1.0 - (double)k / nz;
  g->ptop_pa = 5000.0;

  char dir[1024], path[1200], partial[1300];
  tf_tmp_dir("test_cf_writer", dir, sizeof dir);
  snprintf(path, sizeof path, "%s/forecast.nc", dir);
  snprintf(partial, sizeof partial, "%s.partial", path);
  remove(path);
  double t0;
  tf_time_parse("2022-08-10T00:00:00Z", &t0, &e);
  cf_meta meta = {.title = "Tianfu test forecast", .institution = "test", .source = "Tianfu 0.1.0",
                  .history = "created by test_cf_writer", .time_ref_s = t0};
  cf_writer *w = NULL;
  w = cf_create(path, g, &meta, &e);
  int rc = w ? TF_OK : e.code;
  TF_EXPECT_MSG(rc == TF_OK, "%s", e.msg);
  if (rc) return tf_test_exit();
  int v_o3, v_no2, v_o3ug, v_dmax, v_o33d, v_ps, v_hgt, ax_day;
  TF_EXPECT(cf_def_vertical(w, &v_ps, &e) == TF_OK);
  TF_EXPECT(cf_def_species(w, "O3", "mole_fraction_of_ozone_in_air", 0, &v_o3, &e) == TF_OK);
  TF_EXPECT(cf_def_species(w, "NO2", "mole_fraction_of_nitrogen_dioxide_in_air", 0, &v_no2, &e) == TF_OK);
  cf_var_def dug = {.name = "O3_ugm3", .long_name = "O3 mass concentration at 298.15 K, 101325 Pa (GB 3095)",
                    .standard_name = "mass_concentration_of_ozone_in_air", .units = "ug m-3", .axis = CF_TIME};
  TF_EXPECT(cf_def_var(w, &dug, &v_o3ug, &e) == TF_OK);
  TF_EXPECT(cf_def_time_axis(w, "time_day", "Beijing-time day", 2, 1, &ax_day, &e) == TF_OK);
  cf_var_def dmx = {.name = "O3_max1h", .long_name = "daily maximum 1-h mean O3", .units = "ug m-3",
                    .cell_methods = "time: maximum", .axis = ax_day};
  TF_EXPECT(cf_def_var(w, &dmx, &v_dmax, &e) == TF_OK);
  TF_EXPECT(cf_def_species(w, "O3_3d", NULL, 1, &v_o33d, &e) == TF_OK);
  cf_var_def dh = {.name = "hgt", .long_name = "terrain height", .standard_name = "surface_altitude", .units = "m",
                   .axis = CF_NO_TIME};
  TF_EXPECT(cf_def_var(w, &dh, &v_hgt, &e) == TF_OK);

  double *a = calloc(g->n3, sizeof(double));
  for (int t = 0; t < nt; t++) {
    TF_EXPECT(cf_put_time(w, CF_TIME, t, t0 + 3600.0 * t, &e) == TF_OK);
    for (int k = 0; k < nz; k++)
      for (int j = -h; j < ny + h; j++)
        for (int i = -h; i < nx + h; i++) {
          int in = i >= 0 && i < nx && j >= 0 && j < ny;
          a[grid_idx3(g, i, j, k)] = in ? field(i, j, k, t) : -999.0; /* halo must not be written */
        }
    TF_EXPECT(cf_write_field(w, v_o3, t, a, &e) == TF_OK);
    TF_EXPECT(cf_write_field(w, v_no2, t, a, &e) == TF_OK);
    TF_EXPECT(cf_write_field(w, v_o3ug, t, a, &e) == TF_OK);
    TF_EXPECT(cf_write_field(w, v_o33d, t, a, &e) == TF_OK);
    TF_EXPECT(cf_write_field(w, v_ps, t, a, &e) == TF_OK);
  }
  for (int d = 0; d < 2; d++) {
    TF_EXPECT(cf_put_time(w, ax_day, d, t0 + 86400.0 * d + 43200.0, &e) == TF_OK);
    TF_EXPECT(cf_put_time_bounds(w, ax_day, d, t0 + 86400.0 * d, t0 + 86400.0 * (d + 1), &e) == TF_OK);
    TF_EXPECT(cf_write_field(w, v_dmax, d, a, &e) == TF_OK);
  }
  TF_EXPECT(cf_write_field(w, v_hgt, 0, a, &e) == TF_OK);
  /* defining after writing is refused */
  int dummy;
  TF_EXPECT(cf_def_species(w, "CO", "mole_fraction_of_carbon_monoxide_in_air", 0, &dummy, &e) == TF_EINVAL);
  TF_EXPECT(cf_write_field(w, v_dmax, 2, a, &e) == TF_EINVAL); /* beyond the daily axis */
  TF_EXPECT(exists(partial) && !exists(path));
  TF_EXPECT(cf_close(&w, 1, &e) == TF_OK && w == NULL);
  TF_EXPECT(exists(path) && !exists(partial));

  /* read back */
  int ncid;
  TF_EXPECT(nc_open(path, NC_NOWRITE, &ncid) == NC_NOERR);
  int fmt;
  nc_inq_format(ncid, &fmt);
  TF_EXPECT(fmt == NC_FORMAT_NETCDF4_CLASSIC);
  TF_EXPECT(att_is(ncid, NULL, "Conventions", "CF-1.8"));
  TF_EXPECT(att_is(ncid, NULL, "source", "Tianfu 0.1.0"));
  TF_EXPECT(att_is(ncid, "time", "units", "hours since 2022-08-10 00:00:00"));
  TF_EXPECT(att_is(ncid, "time", "calendar", "standard"));
  TF_EXPECT(att_is(ncid, "O3", "standard_name", "mole_fraction_of_ozone_in_air"));
  TF_EXPECT(att_is(ncid, "NO2", "standard_name", "mole_fraction_of_nitrogen_dioxide_in_air"));
  TF_EXPECT(att_is(ncid, "O3", "units", "ppb"));
  TF_EXPECT(att_is(ncid, "O3", "grid_mapping", "crs"));
  TF_EXPECT(att_is(ncid, "O3", "coordinates", "lat lon"));
  TF_EXPECT(att_is(ncid, "O3_max1h", "cell_methods", "time: maximum"));
  TF_EXPECT(att_is(ncid, "crs", "grid_mapping_name", "lambert_conformal_conic"));
  TF_EXPECT(att_is(ncid, "lev", "standard_name", "atmosphere_sigma_coordinate"));
  int vid, shuffle, deflate, level;
  nc_inq_varid(ncid, "O3", &vid);
  nc_inq_var_deflate(ncid, vid, &shuffle, &deflate, &level);
  TF_EXPECT(deflate == 1 && level >= 1 && level <= 2);
  size_t ntime;
  int tdim;
  nc_inq_dimid(ncid, "time", &tdim);
  nc_inq_dimlen(ncid, tdim, &ntime);
  TF_EXPECT(ntime == (size_t)nt);
  double hrs[3];
  nc_inq_varid(ncid, "time", &vid);
  nc_get_var_double(ncid, vid, hrs);
  tf_check("time_rec2_hours", hrs[2], 2.0, 0.0);
  float *o3 = malloc(sizeof(float) * nt * nx * ny), *o33 = malloc(sizeof(float) * nt * nz * nx * ny);
  nc_inq_varid(ncid, "O3", &vid);
  nc_get_var_float(ncid, vid, o3);
  nc_inq_varid(ncid, "O3_3d", &vid);
  nc_get_var_float(ncid, vid, o33);
  double err2 = 0, err3 = 0;
  for (int t = 0; t < nt; t++)
    for (int j = 0; j < ny; j++)
      for (int i = 0; i < nx; i++) {
        double ref = field(i, j, 0, t);
        err2 = fmax(err2, fabs(o3[((size_t)t * ny + j) * nx + i] - ref) / ref);
        for (int k = 0; k < nz; k++) {
          double r3 = field(i, j, k, t);
          err3 = fmax(err3, fabs(o33[(((size_t)t * nz + k) * ny + j) * nx + i] - r3) / r3);
        }
      }
  tf_check_le("readback_2d_max_rel_err", err2, 1e-7);
  tf_check_le("readback_3d_max_rel_err", err3, 1e-7);
  double x[12], y[9], lat[9 * 12], bnds[4];
  nc_inq_varid(ncid, "x", &vid);
  nc_get_var_double(ncid, vid, x);
  nc_inq_varid(ncid, "y", &vid);
  nc_get_var_double(ncid, vid, y);
  nc_inq_varid(ncid, "lat", &vid);
  nc_get_var_double(ncid, vid, lat);
  nc_inq_varid(ncid, "time_day_bnds", &vid);
  nc_get_var_double(ncid, vid, bnds);
  tf_check("x_spacing_m", x[5] - x[4], 12000.0, 1e-6);
  tf_check("y_spacing_m", y[5] - y[4], 12000.0, 1e-6);
  tf_check("lat_corner_deg", lat[0], g->lat[grid_idx2(g, 0, 0)], 0.0);
  tf_check("day_bounds_end_h", bnds[3], 48.0, 0.0);
  nc_close(ncid);
  free(o3); free(o33);

  /* commit = 0 leaves nothing behind */
  char path2[1200], partial2[1300];
  snprintf(path2, sizeof path2, "%s/aborted.nc", dir);
  snprintf(partial2, sizeof partial2, "%s.partial", path2);
  TF_EXPECT((w = cf_create(path2, g, &meta, &e)) != NULL);
  TF_EXPECT(cf_def_species(w, "O3", "mole_fraction_of_ozone_in_air", 0, &v_o3, &e) == TF_OK);
  TF_EXPECT(cf_put_time(w, CF_TIME, 0, t0, &e) == TF_OK);
  TF_EXPECT(cf_write_field(w, v_o3, 0, a, &e) == TF_OK);
  TF_EXPECT(exists(partial2));
  TF_EXPECT(cf_close(&w, 0, &e) == TF_OK);
  TF_EXPECT(!exists(partial2) && !exists(path2));
  /* a CDO-friendly daily file: CF_TIME with bounds, daily statistics */
  char daily[1200];
  snprintf(daily, sizeof daily, "%s/daily.nc", dir);
  TF_EXPECT((w = cf_create(daily, g, &meta, &e)) != NULL);
  TF_EXPECT(cf_def_time_bounds(w, CF_TIME, &e) == TF_OK);
  cf_var_def dm8 = {.name = "O3_MDA8", .long_name = "daily maximum 8-h running mean O3 (HJ 633)",
                    .standard_name = "mass_concentration_of_ozone_in_air", .units = "ug m-3",
                    .cell_methods = "time: maximum", .axis = CF_TIME};
  TF_EXPECT(cf_def_var(w, &dm8, &v_dmax, &e) == TF_OK);
  for (int d = 0; d < 2; d++) {
    TF_EXPECT(cf_put_time(w, CF_TIME, d, t0 + 86400.0 * d + 43200.0, &e) == TF_OK);
    TF_EXPECT(cf_put_time_bounds(w, CF_TIME, d, t0 + 86400.0 * d, t0 + 86400.0 * (d + 1), &e) == TF_OK);
    TF_EXPECT(cf_write_field(w, v_dmax, d, a, &e) == TF_OK);
  }
  TF_EXPECT(cf_close(&w, 1, &e) == TF_OK);
  free(a);
  grid_destroy(&g);

  /* CDO and ncdump must read it without warnings */
  int stt;
  char cmd[1500];
  snprintf(cmd, sizeof cmd, "ncdump -h '%s' 2>&1", path);
  const char *o = run(cmd, &stt);
  TF_EXPECT_MSG(stt == 0 && strstr(o, "CF-1.8"), "ncdump: %s", o);
  run("command -v cdo >/dev/null 2>&1", &stt);
  if (stt != 0) {
    if (tf_test_failures) return tf_test_exit();
    return tf_test_skip("cdo not installed (all NetCDF checks passed)");
  }
  /* the other grid mappings: one small file each, read by CDO without warnings */
  const struct { int code; const char *mapping; } other[3] = {
    {TF_PROJ_POLAR, "polar_stereographic"}, {TF_PROJ_MERCATOR, "mercator"}, {TF_PROJ_LATLON, "latitude_longitude"}};
  for (int p = 0; p < 3; p++) {
    tf_grid *gp = grid_create(6, 5, 2, 1, &e);
    gp->proj = (tf_proj){.map_proj = other[p].code, .truelat1 = 60.0, .stand_lon = 104.0, .cen_lat = 30.0,
                         .cen_lon = 104.0, .dx_m = 20000.0, .dy_m = 20000.0, .pole_lat = 90.0};
    if (other[p].code == TF_PROJ_MERCATOR) gp->proj.truelat1 = 30.0;
    TF_EXPECT(grid_set_from_proj(gp, &e) == TF_OK);
    double *fld = calloc(gp->n3, sizeof(double));
    char pp[1200];
    snprintf(pp, sizeof pp, "%s/proj%d.nc", dir, p);
    TF_EXPECT((w = cf_create(pp, gp, &meta, &e)) != NULL);
    int vo;
    TF_EXPECT(cf_def_species(w, "O3", "mole_fraction_of_ozone_in_air", 0, &vo, &e) == TF_OK);
    TF_EXPECT(cf_put_time(w, CF_TIME, 0, t0, &e) == TF_OK);
    TF_EXPECT(cf_write_field(w, vo, 0, fld, &e) == TF_OK);
    TF_EXPECT(cf_close(&w, 1, &e) == TF_OK);
    int id2;
    TF_EXPECT(nc_open(pp, NC_NOWRITE, &id2) == NC_NOERR);
    TF_EXPECT(att_is(id2, "crs", "grid_mapping_name", other[p].mapping));
    nc_close(id2);
    run("command -v cdo >/dev/null 2>&1", &stt);
    if (stt == 0) {
      snprintf(cmd, sizeof cmd, "cdo -s sinfon '%s' 2>&1", pp);
      o = run(cmd, &stt);
      TF_EXPECT_MSG(stt == 0 && !strstr(o, "Warning") && !strstr(o, "Error"), "cdo on %s:\n%s", other[p].mapping, o);
    }
    free(fld);
    grid_destroy(&gp);
  }
  const char *cdo_cmds[2] = {"cdo -s sinfon", "cdo -s info"};
  const char *files[2] = {path, daily};
  for (int f = 0; f < 2; f++)
    for (int c = 0; c < 2; c++) {
      snprintf(cmd, sizeof cmd, "%s '%s' 2>&1", cdo_cmds[c], files[f]);
      o = run(cmd, &stt);
      int bad = stt != 0 || strstr(o, "Warning") || strstr(o, "warning") || strstr(o, "Error");
      TF_EXPECT_MSG(!bad, "%s printed:\n%s", cdo_cmds[c], o);
      if (c == 0) printf("%s", o);
      if (c == 0) TF_EXPECT_MSG(strstr(o, f ? "time : 2 steps" : "time : 3 steps"), "%s", o);
    }
  return tf_test_exit();
}
