/* test_synth_readers.c — the built-in case must be readable by Tianfu's own readers:
 * io/netcdf/wrf_reader (wrf_files_open, wrf_grid_create, wrf_read_met) with no fallback
 * warnings, io/netcdf/emis_file (tfnc_emis_read: grid/projection/units/profile checks) and
 * io/csv/tables (csv_read_points, csv_read_cities on configs/sichuan/cities.csv).
 * Cross-checks: the reader's projection reproduces XLAT/XLONG (it verifies to 2 % of a cell
 * and warns otherwise: 0 warnings expected), the reader's hydrostatic dry density
 * mu dEta / (g dz) equals the equation of state p / (Rd T (1 + qv Rv/Rd)) cell by cell
 * (WRF's discrete hydrostatics, Skamarock et al. 2008 eq. 2.10), full-level heights start at
 * 0 above ground, and the read-back domain NOx total (grid + points) equals what the
 * generator reports (Sichuan = Zhou et al. 2019 + Chongqing + background). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/synth/synth.h"
#include "io/csv/tables.h"
#include "io/netcdf/emis_file.h"
#include "io/netcdf/wrf_reader.h"
#include "model/core/tf_const.h"
#include "tf_test.h"

int main(void)
{
  char dir[1024], data[1024], probe[1024];
  if (!tf_source_path("configs/sichuan/sichuan_terrain_etopo5.nc", probe, sizeof probe))
    return tf_test_skip("configs/sichuan data missing");
  tf_tmp_dir("synth_readers", dir, sizeof dir);
  synth_opts o;
  synth_opts_default(&o);
  o.out_dir = dir;
  o.data_dir = tf_source_path("configs", data, sizeof data);
  o.res_km = 36.0;
  o.hours = 25;   /* two files: 24 + 2 frames */
  o.compress = 1; /* exercise the netCDF-4 path too */
  tf_err e;
  tf_err_clear(&e);
  synth_report rep;
  if (synth_run(&o, stdout, &rep, &e)) { fprintf(stderr, "synth_run: %s\n", e.msg); return 1; }

  char p0[1200], p1[1200];
  snprintf(p0, sizeof p0, "%s/met/wrfout_d01_2022-08-11_00:00:00", dir); /* out of order on purpose */
  snprintf(p1, sizeof p1, "%s/met/wrfout_d01_2022-08-10_00:00:00", dir);
  const char *paths[2] = {p0, p1};
  wrf_set *s = NULL;
  tf_grid *g = NULL;
  tf_met *m = NULL;
  if (!(s = wrf_files_open(paths, 2, &e))) { fprintf(stderr, "wrf_files_open: %s\n", e.msg); return 1; }
  tf_check("synth_reader_frames", wrf_ntimes(s), 26, 0);
  tf_check("synth_reader_dt_s", wrf_dt(s), 3600.0, 0.0);
  if (!(g = wrf_grid_create(s, 2, &e))) { fprintf(stderr, "wrf_grid_create: %s\n", e.msg); return 1; }
  TF_EXPECT(g->nx == rep.nx && g->ny == rep.ny && g->nz == rep.nz);
  TF_EXPECT(g->proj.map_proj == 1 && fabs(g->dx_m - 36000.0) < 1e-6 && fabs(g->ptop_pa - 10000.0) < 1e-3);
  m = met_create(g, &e);
  TF_EXPECT(m != NULL);
  double worst_mass = 0.0, zw0 = 0.0, tmin = 1e9, tmax = -1e9;
  for (int it = 0; m && it < wrf_ntimes(s); it += 8) {
    if (wrf_read_met(s, it, m, &e)) { fprintf(stderr, "wrf_read_met: %s\n", e.msg); TF_EXPECT(0); break; }
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) {
        size_t c = grid_idx2(g, i, j);
        for (int k = 0; k < g->nz; k++) {
          size_t q = grid_idx3(g, i, j, k);
          /* the reader's hydrostatic dry density vs the equation of state of the same cell */
          double rho_eos = m->p_pa[q] / (TF_RD * m->t_k[q] * (1.0 + m->qv_kgkg[q] * TF_RV / TF_RD));
          worst_mass = fmax(worst_mass, fabs(m->rho_kgm3[q] - rho_eos) / rho_eos);
          tmin = fmin(tmin, m->t_k[q]);
          tmax = fmax(tmax, m->t_k[q]);
        }
        zw0 = fmax(zw0, fabs(m->zw_m[c]));
      }
  }
  tf_check("synth_reader_rho_hydrostatic_vs_eos_rel", worst_mass, 0.0, 1e-4);
  tf_check("synth_reader_surface_height_m", zw0, 0.0, 0.05);
  /* 100 hPa ~ 200 K; basin surface <= 310 K (August 2022 soundings) */
  tf_check_ge("synth_reader_tmin_K", tmin, 190.0);
  tf_check_le("synth_reader_tmax_K", tmax, 315.0);
  for (int k = 0; k < wrf_warning_count(s); k++) fprintf(stderr, "reader warning: %s\n", wrf_warning(s, k));
  tf_check("synth_reader_warnings", wrf_warning_count(s), 0, 0);

  /* emissions through the model's reader (checks grid, projection, units, profiles) */
  char pe[1200];
  snprintf(pe, sizeof pe, "%s/emis/emissions.nc", dir);
  emis_inventory inv;
  memset(&inv, 0, sizeof inv);
  if (tfnc_emis_read(pe, g, &inv, &e)) { fprintf(stderr, "tfnc_emis_read: %s\n", e.msg); TF_EXPECT(0); }
  else {
    TF_EXPECT(inv.nsector == 6 && !strcmp(inv.sector[0], "power") && !strcmp(inv.sector[5], "agriculture"));
    int ino = emis_pollutant_index("NOX");
    double nox = 0.0;
    for (size_t c = 0; ino >= 0 && inv.rate_kgh[ino] && c < (size_t)inv.nsector * inv.nx * inv.ny; c++) nox += inv.rate_kgh[ino][c];
    emis_point *pts = NULL;
    int np = 0;
    char pp[1200];
    snprintf(pp, sizeof pp, "%s/emis/points.csv", dir);
    if (csv_read_points(pp, &pts, &np, &e)) { fprintf(stderr, "csv_read_points: %s\n", e.msg); TF_EXPECT(0); }
    for (int k = 0; k < np; k++) nox += pts[k].rate_kgh[ino];
    /* whole domain = Sichuan (Zhou et al. 2019: 820.0) + Chongqing + background targets */
    tf_check_ge("synth_reader_points", np, 50);
    tf_check_rel("synth_reader_domain_NOX_Gg_yr", nox * 8760.0 / 1e6,
                 rep.target_gg[0][0] + rep.target_gg[1][0] + rep.target_gg[2][0], 1e-5);
    tf_check_rel("synth_reader_sichuan_NOX_target_Gg_yr", rep.target_gg[1][0], 820.0, 1e-12);
    free(pts);
    emis_inventory_free(&inv);
  }
  csv_city *cities = NULL;
  int nc = 0;
  char pc[1200];
  if (csv_read_cities(tf_source_path("configs/sichuan/cities.csv", pc, sizeof pc), &cities, &nc, &e)) {
    fprintf(stderr, "csv_read_cities: %s\n", e.msg);
    TF_EXPECT(0);
  }
  tf_check("synth_cities_rows", nc, 24, 0);
  free(cities);
  met_destroy(&m);
  grid_destroy(&g);
  wrf_files_close(&s);
  return tf_test_exit();
}
