/* test_wrf_reader.c — read the real WRF V3.3.1 sample (tests/data/wrf, Lambert 30/35N,
 * 10x8x27, 4 frames 3 h apart) and check it against the file itself: projection vs
 * XLAT/XLONG/MAPFAC_M/MAPFAC_U/MAPFAC_V/COSALPHA/SINALPHA at every cell (float storage and
 * geogrid's single precision: 1e-4 deg, 2e-6 in map factor; the file's SINALPHA is 0.11 %
 * larger than the analytic n (lon - stand_lon) of WPS gridwind_to_truewind — geogrid
 * estimates it numerically — hence 1e-4 on sin/cos), destaggering (faces copied, halo clamped), physical
 * bounds, monotone p and z, and the mass consistency sum(rho dz) = mu/g (WRF hydrostatic
 * relation, Skamarock et al. 2008 eq. 2.9) plus agreement of that dry density with the
 * equation of state p = rho_d Rd T (1 + qv Rv/Rd) (WRF's hydrostatic diagnostic closes
 * on it: 1e-4 allows float storage and the non-hydrostatic residual). */
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/netcdf/wrf_reader.h"
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"
#include "tf_test.h"

static float *getf(int ncid, const char *name, size_t n)
{
  int v;
  float *a = malloc(n * sizeof(float));
  if (nc_inq_varid(ncid, name, &v) || nc_get_var_float(ncid, v, a)) {
    fprintf(stderr, "cannot read %s\n", name);
    exit(1);
  }
  return a;
}

int main(void)
{
  char path[1024];
  if (!tf_test_data("wrf/wrfout_sample_lambert_tibet.nc", path, sizeof path)) return tf_test_exit();
  tf_err e;
  tf_err_clear(&e);
  const char *paths[1] = {path};
  wrf_set *s = NULL;
  s = wrf_files_open(paths, 1, &e);
  int rc = s ? TF_OK : e.code;
  TF_EXPECT_MSG(rc == TF_OK, "%s", e.msg);
  if (rc) return tf_test_exit();
  TF_EXPECT(wrf_ntimes(s) == 4);
  double t0;
  tf_time_parse("2005-09-21_00:00:00", &t0, &e);
  tf_check("time0_s", wrf_time(s, 0), t0, 0.0);
  tf_check("time3_s", wrf_time(s, 3), t0 + 9 * 3600.0, 0.0);
  tf_check("dt_s", wrf_dt(s), 10800.0, 0.0);
  int it;
  double w;
  TF_EXPECT(wrf_time_index(s, t0 + 4.5 * 3600, &it, &w, &e) == TF_OK && it == 1 && fabs(w - 0.5) < 1e-12);
  TF_EXPECT(wrf_time_index(s, t0 + 9 * 3600, &it, &w, &e) == TF_OK && it == 3 && w == 0.0);
  TF_EXPECT(wrf_time_index(s, t0 - 1, &it, &w, &e) == TF_EINVAL);

  const int h = 2;
  tf_grid *g = NULL;
  g = wrf_grid_create(s, h, &e);
  rc = g ? TF_OK : e.code;
  TF_EXPECT_MSG(rc == TF_OK, "%s", e.msg);
  if (rc) return tf_test_exit();
  TF_EXPECT(g->nx == 10 && g->ny == 8 && g->nz == 27);
  tf_check("ptop_pa", g->ptop_pa, 5000.0, 0.0);
  tf_check("eta_w0", g->eta_w[0], 1.0, 0.0);
  tf_check("eta_wtop", g->eta_w[27], 0.0, 0.0);
  tf_check("dx_m", g->dx_m, 30000.0, 0.0);

  int ncid;
  TF_EXPECT(nc_open(path, NC_NOWRITE, &ncid) == NC_NOERR);
  int nx = 10, ny = 8, nz = 27;
  size_t n2 = (size_t)nx * ny;
  float *xlat = getf(ncid, "XLAT", n2), *xlon = getf(ncid, "XLONG", n2), *mf = getf(ncid, "MAPFAC_M", n2);
  float *mfu = getf(ncid, "MAPFAC_U", (size_t)(nx + 1) * ny), *mfv = getf(ncid, "MAPFAC_V", (size_t)nx * (ny + 1));
  float *ca = getf(ncid, "COSALPHA", n2), *sa = getf(ncid, "SINALPHA", n2), *hgt = getf(ncid, "HGT", n2);
  float *lu = getf(ncid, "LU_INDEX", n2);
  double dlat = 0, dlon = 0, dmf = 0, dmfu = 0, dmfv = 0, dca = 0, dsa = 0, dh = 0;
  int lubad = 0;
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) {
      size_t c = (size_t)j * nx + i, q = grid_idx2(g, i, j);
      dlat = fmax(dlat, fabs(g->lat[q] - xlat[c]));
      dlon = fmax(dlon, fabs(g->lon[q] - xlon[c]));
      dmf = fmax(dmf, fabs(g->mapfac[q] - mf[c]));
      double cs, sn;
      proj_rotation(&g->proj, g->lat[q], g->lon[q], &cs, &sn);
      dca = fmax(dca, fabs(cs - ca[c]));
      dsa = fmax(dsa, fabs(sn - sa[c]));
      dh = fmax(dh, fabs(g->hgt_m[q] - hgt[c]));
      lubad += g->landuse[q] != (int)lu[c];
    }
  for (int j = 0; j < ny; j++)
    for (int i = 0; i <= nx; i++)
      dmfu = fmax(dmfu, fabs(g->mapfac_u[(size_t)(j + h) * (g->sx + 1) + i + h] - mfu[(size_t)j * (nx + 1) + i]));
  for (int j = 0; j <= ny; j++)
    for (int i = 0; i < nx; i++)
      dmfv = fmax(dmfv, fabs(g->mapfac_v[(size_t)(j + h) * g->sx + i + h] - mfv[(size_t)j * nx + i]));
  tf_check_le("proj_vs_XLAT_maxdiff_deg", dlat, 1e-4);
  tf_check_le("proj_vs_XLONG_maxdiff_deg", dlon, 1e-4);
  tf_check_le("proj_vs_MAPFAC_M_maxdiff", dmf, 2e-6);
  tf_check_le("proj_vs_MAPFAC_U_maxdiff", dmfu, 2e-6);
  tf_check_le("proj_vs_MAPFAC_V_maxdiff", dmfv, 2e-6);
  tf_check_le("proj_vs_COSALPHA_maxdiff", dca, 1e-4);
  tf_check_le("proj_vs_SINALPHA_maxdiff", dsa, 1e-4);
  tf_check("hgt_maxdiff_m", dh, 0.0, 1e-3);
  tf_check("landuse_mismatches", lubad, 0, 0);
  /* corners */
  tf_check("corner_sw_lat", g->lat[grid_idx2(g, 0, 0)], 29.04805, 1e-4);
  tf_check("corner_sw_lon", g->lon[grid_idx2(g, 0, 0)], 85.61215, 1e-4);
  tf_check("corner_ne_lat", g->lat[grid_idx2(g, nx - 1, ny - 1)], 30.93666, 1e-4);
  tf_check("corner_ne_lon", g->lon[grid_idx2(g, nx - 1, ny - 1)], 88.41653, 1e-4);
  /* halo: terrain clamped */
  tf_check("halo_hgt_clamped", g->hgt_m[grid_idx2(g, -2, -1)], hgt[0], 1e-3);

  tf_met *m = met_create(g, &e);
  TF_EXPECT(m != NULL);
  int f = 3;
  rc = wrf_read_met(s, f, m, &e);
  TF_EXPECT_MSG(rc == TF_OK, "%s", e.msg);
  tf_check("met_time", m->time_s, wrf_time(s, f), 0.0);
  /* staggered U, V compared with the file (frame f), faces and halo clamp */
  size_t cu = (size_t)nz * ny * (nx + 1), cv = (size_t)nz * (ny + 1) * nx;
  float *U = malloc(cu * sizeof(float)), *V = malloc(cv * sizeof(float));
  int vid;
  nc_inq_varid(ncid, "U", &vid);
  nc_get_vara_float(ncid, vid, (size_t[]){f, 0, 0, 0}, (size_t[]){1, nz, ny, nx + 1}, U);
  nc_inq_varid(ncid, "V", &vid);
  nc_get_vara_float(ncid, vid, (size_t[]){f, 0, 0, 0}, (size_t[]){1, nz, ny + 1, nx}, V);
  double du = 0, dv = 0;
  for (int k = 0; k < nz; k++)
    for (int j = 0; j < ny; j++)
      for (int i = 0; i <= nx; i++) du = fmax(du, fabs(m->u_ms[grid_idxu(g, i, j, k)] - U[((size_t)k * ny + j) * (nx + 1) + i]));
  for (int k = 0; k < nz; k++)
    for (int j = 0; j <= ny; j++)
      for (int i = 0; i < nx; i++) dv = fmax(dv, fabs(m->v_ms[grid_idxv(g, i, j, k)] - V[((size_t)k * (ny + 1) + j) * nx + i]));
  tf_check("u_faces_vs_file", du, 0.0, 1e-6);
  tf_check("v_faces_vs_file", dv, 0.0, 1e-6);
  tf_check("u_halo_west_clamped", m->u_ms[grid_idxu(g, -2, 3, 5)], U[((size_t)5 * ny + 3) * (nx + 1)], 1e-6);
  tf_check("u_halo_east_clamped", m->u_ms[grid_idxu(g, nx + 2, 3, 5)], U[((size_t)5 * ny + 3) * (nx + 1) + nx], 1e-6);
  tf_check("v_halo_north_clamped", m->v_ms[grid_idxv(g, 4, ny + 2, 0)], V[(size_t)ny * nx + 4], 1e-6);

  double tmin = 1e9, tmax = -1e9, nonmono_p = 0, nonmono_z = 0, z0max = 0, mass_err = 0, eos_err = 0;
  for (int j = -h; j < ny + h; j++)
    for (int i = -h; i < nx + h; i++) {
      size_t c = grid_idx2(g, i, j);
      double col = 0.0;
      z0max = fmax(z0max, fabs(m->zw_m[c]));
      for (int k = 0; k < nz; k++) {
        size_t q = grid_idx3(g, i, j, k);
        tmin = fmin(tmin, m->t_k[q]);
        tmax = fmax(tmax, m->t_k[q]);
        if (k > 0 && !(m->p_pa[q] < m->p_pa[q - g->n2])) nonmono_p++;
        double zb = m->zw_m[(size_t)k * g->n2 + c], zt = m->zw_m[(size_t)(k + 1) * g->n2 + c];
        if (!(zt > zb) || !(m->zmid_m[q] > zb && m->zmid_m[q] < zt)) nonmono_z++;
        col += m->rho_kgm3[q] * (zt - zb);
        double rho_eos = m->p_pa[q] / (TF_RD * m->t_k[q] * (1.0 + m->qv_kgkg[q] * TF_RV / TF_RD));
        eos_err = fmax(eos_err, fabs(m->rho_kgm3[q] / rho_eos - 1.0));
      }
      mass_err = fmax(mass_err, fabs(col * TF_G / m->mu_pa[c] - 1.0));
    }
  tf_check_ge("T_min_K", tmin, 180.0);
  tf_check_le("T_max_K", tmax, 330.0);
  tf_check("p_nonmonotone_count", nonmono_p, 0, 0);
  tf_check("z_nonmonotone_count", nonmono_z, 0, 0);
  tf_check_le("zw_surface_abs_m", z0max, 1.0);
  tf_check_le("column_mass_rel_err", mass_err, 1e-12);
  tf_check_le("rho_vs_eos_rel", eos_err, 1e-4);
  /* surface pressure vs dry mass: psfc >= mu + ptop (moisture adds), within 2 % */
  double psdiff = 0.0;
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) {
      size_t c = grid_idx2(g, i, j);
      psdiff = fmax(psdiff, fabs(m->psfc_pa[c] / (m->mu_pa[c] + g->ptop_pa) - 1.0));
    }
  tf_check_le("psfc_vs_mu_ptop_rel", psdiff, 0.02);
  tf_check_ge("psfc_min_pa_tibet", m->psfc_pa[grid_idx2(g, 3, 3)], 45000.0);
  tf_check_le("psfc_max_pa_tibet", m->psfc_pa[grid_idx2(g, 3, 3)], 65000.0);
  double rmin = 1e9;
  for (size_t c = 0; c < g->n2; c++) rmin = fmin(rmin, m->rain_mmh[c]);
  tf_check_ge("rain_rate_min_mmh", rmin, 0.0);
  /* first frame: forward difference, also non-negative */
  rc = wrf_read_met(s, 0, m, &e);
  TF_EXPECT_MSG(rc == TF_OK, "%s", e.msg);
  for (int i = 0; i < wrf_warning_count(s); i++) printf("warning: %s\n", wrf_warning(s, i));
  tf_check("warnings_on_complete_file", wrf_warning_count(s), 0, 0);

  free(U); free(V); free(xlat); free(xlon); free(mf); free(mfu); free(mfv); free(ca); free(sa); free(hgt); free(lu);
  nc_close(ncid);
  met_destroy(&m);
  grid_destroy(&g);
  wrf_files_close(&s);
  return tf_test_exit();
}
