/* test_emis_file.c — the emission inventory NetCDF reader (io/netcdf/emis_file.c) on a
 * file written here in the README.md (Input formats) format, and its error messages (grid,
 * units, attribute mismatches). Lives with the surface tests because it feeds emissions. */
#include <netcdf.h>
#include <string.h>

#include "io/netcdf/emis_file.h"
#include "surface_fixture.h"
#include "tf_test.h"

static const char *const SECT[6] = {"power", "industry", "solvent", "transport", "residential", "agriculture"};

/* Write a small inventory; variants: 0 good, 1 wrong units on CO, 2 wrong DX, 3 shifted XLAT. */
static int write_inv(const char *path, const tf_grid *g, int variant)
{
  int nc, d[6];
  if (nc_create(path, NC_CLOBBER | NC_NETCDF4, &nc)) return 1;
  nc_def_dim(nc, "west_east", (size_t)g->nx, &d[0]);
  nc_def_dim(nc, "south_north", (size_t)g->ny, &d[1]);
  nc_def_dim(nc, "sector", 6, &d[2]);
  nc_def_dim(nc, "hour", 24, &d[3]);
  nc_def_dim(nc, "weekday", 7, &d[4]);
  nc_def_dim(nc, "name_len", 16, &d[5]);
  int dn[2] = {d[2], d[5]}, d3[3] = {d[2], d[1], d[0]}, d2[2] = {d[1], d[0]}, dh[2] = {d[2], d[3]}, dw[2] = {d[2], d[4]};
  int vname, vpol[5], vlat, vlon, vh, vw;
  nc_def_var(nc, "sector_name", NC_CHAR, 2, dn, &vname);
  const char *pols[5] = {"NOX", "NMVOC", "CO", "SO2", "NH3"};
  for (int p = 0; p < 5; p++) {
    nc_def_var(nc, pols[p], NC_FLOAT, 3, d3, &vpol[p]);
    const char *u = variant == 1 && p == 2 ? "t yr-1" : "kg h-1";
    nc_put_att_text(nc, vpol[p], "units", strlen(u), u);
    nc_put_att_text(nc, vpol[p], "long_name", 4, "test");
  }
  nc_put_att_text(nc, vpol[0], "mass_basis", 3, "NO2");
  nc_def_var(nc, "XLAT", NC_FLOAT, 2, d2, &vlat);
  nc_def_var(nc, "XLONG", NC_FLOAT, 2, d2, &vlon);
  nc_def_var(nc, "hour_profile", NC_FLOAT, 2, dh, &vh);
  nc_def_var(nc, "weekday_profile", NC_FLOAT, 2, dw, &vw);
  int mp = g->proj.map_proj;
  float dx = (float)(variant == 2 ? 9000.0 : g->dx_m), t1 = (float)g->proj.truelat1, t2 = (float)g->proj.truelat2,
        sl = (float)g->proj.stand_lon;
  nc_put_att_int(nc, NC_GLOBAL, "MAP_PROJ", NC_INT, 1, &mp);
  nc_put_att_float(nc, NC_GLOBAL, "DX", NC_FLOAT, 1, &dx);
  nc_put_att_float(nc, NC_GLOBAL, "DY", NC_FLOAT, 1, &dx);
  nc_put_att_float(nc, NC_GLOBAL, "TRUELAT1", NC_FLOAT, 1, &t1);
  nc_put_att_float(nc, NC_GLOBAL, "TRUELAT2", NC_FLOAT, 1, &t2);
  nc_put_att_float(nc, NC_GLOBAL, "STAND_LON", NC_FLOAT, 1, &sl);
  nc_enddef(nc);
  char names[6 * 16];
  memset(names, ' ', sizeof names);
  for (int s = 0; s < 6; s++) memcpy(names + 16 * s, SECT[s], strlen(SECT[s]));
  nc_put_var_text(nc, vname, names);
  size_t n2 = (size_t)g->nx * g->ny;
  float *buf = malloc(6 * n2 * sizeof *buf);
  for (int p = 0; p < 5; p++) {
    for (size_t n = 0; n < 6 * n2; n++) buf[n] = (float)(p + 1) * 0.5f + (float)(n % 11);
    nc_put_var_float(nc, vpol[p], buf);
  }
  for (int j = 0; j < g->ny; j++)
    for (int i = 0; i < g->nx; i++) {
      buf[(size_t)j * g->nx + i] = (float)g->lat[grid_idx2(g, i, j)] + (variant == 3 ? 0.1f : 0.0f);
      buf[n2 + (size_t)j * g->nx + i] = (float)g->lon[grid_idx2(g, i, j)];
    }
  nc_put_var_float(nc, vlat, buf);
  nc_put_var_float(nc, vlon, buf + n2);
  float hp[6 * 24], wp[6 * 7];
  for (int s = 0; s < 6; s++) {
    for (int h = 0; h < 24; h++) hp[s * 24 + h] = h < 12 ? 0.5f : 1.5f;
    for (int k = 0; k < 7; k++) wp[s * 7 + k] = 1.0f;
  }
  nc_put_var_float(nc, vh, hp);
  nc_put_var_float(nc, vw, wp);
  free(buf);
  return nc_close(nc) != NC_NOERR;
}

int main(void)
{
  tf_err err = {0};
  tf_grid *g = fixture_grid(7, 5, 4, TF_LU_URBAN, &err);
  if (!g) { fprintf(stderr, "%s\n", err.msg); return 1; }
  char dir[1024], path[1100];
  tf_tmp_dir("test_emis_file", dir, sizeof dir);
  snprintf(path, sizeof path, "%s/emissions.nc", dir);
  TF_EXPECT(write_inv(path, g, 0) == 0);
  emis_inventory inv;
  TF_EXPECT(tfnc_emis_read(path, g, &inv, &err) == TF_OK);
  if (inv.rate_kgh[EMIS_CO]) {
    TF_EXPECT(inv.nsector == 6 && strcmp(inv.sector[3], "transport") == 0);
    size_t n2 = (size_t)g->nx * g->ny, n = 2 * n2 + 3 * g->nx + 4;
    tf_check("emis_file_CO_value_kgh", inv.rate_kgh[EMIS_CO][n], 1.5 + (double)(n % 11), 1e-6);
    TF_EXPECT(inv.hour_profile[5][13] == 1.5 && inv.weekday_profile[0][6] == 1.0);
  }
  emis_inventory_free(&inv);
  TF_EXPECT(write_inv(path, g, 1) == 0);
  TF_EXPECT(tfnc_emis_read(path, g, &inv, &err) == TF_EINVAL);
  TF_EXPECT_MSG(strstr(err.msg, "CO") && strstr(err.msg, "kg h-1") && strstr(err.msg, "t yr-1"), "%s", err.msg);
  TF_EXPECT(write_inv(path, g, 2) == 0);
  TF_EXPECT(tfnc_emis_read(path, g, &inv, &err) == TF_EINVAL && strstr(err.msg, "DX"));
  TF_EXPECT(write_inv(path, g, 3) == 0);
  TF_EXPECT(tfnc_emis_read(path, g, &inv, &err) == TF_EINVAL && strstr(err.msg, "XLAT"));
  tf_grid *g2 = fixture_grid(8, 5, 4, TF_LU_URBAN, &err);
  TF_EXPECT(write_inv(path, g, 0) == 0);
  TF_EXPECT(tfnc_emis_read(path, g2, &inv, &err) == TF_EINVAL && strstr(err.msg, "7 x 5") && strstr(err.msg, "8 x 5"));
  TF_EXPECT(tfnc_emis_read("/nonexistent/e.nc", g, &inv, &err) == TF_EIO);
  grid_destroy(&g2);
  grid_destroy(&g);
  return tf_test_exit();
}
