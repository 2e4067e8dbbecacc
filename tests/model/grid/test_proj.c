/* test_proj.c — WRF map projections (model/grid/proj.c).
 * References: Snyder (1987) USGS PP 1395 numerical examples for the sphere — Lambert
 * conformal conic (p. 295-296: phi1=33N, phi2=45N, phi0=23N, lambda0=96W, point 35N 75W ->
 * x=0.2966785 R, y=0.2462112 R) and Mercator (p. 266: lambda0=180W, point 35N 75W ->
 * x=1.8325957 R, y=0.6528366 R); polar stereographic distance from the pole
 * rho = R (1+sin phi_t) cos phi / (1+sin phi) (Snyder eq. 21-4 with k0 from phi_t). The
 * comparison with real WRF XLAT/XLONG/MAPFAC_M is in tests/io/netcdf/test_wrf_reader.c. */
#include <math.h>
#include <stdio.h>
#include "model/core/tf_const.h"
#include "model/grid/proj.h"
#include "tf_test.h"

static tf_proj make(int code, double t1, double t2, double slon, double clat, double clon, double dx)
{
  tf_proj p = {0};
  p.map_proj = code;
  p.truelat1 = t1; p.truelat2 = t2; p.stand_lon = slon;
  p.cen_lat = clat; p.cen_lon = clon;
  p.dx_m = p.dy_m = dx;
  p.nx = 120; p.ny = 90;
  p.pole_lat = 90.0;
  return p;
}

/* Max error of ll -> ij -> ll and ij -> ll -> ij over the whole grid and a margin. */
static void round_trip(const char *name, tf_proj *p)
{
  tf_err e;
  TF_EXPECT(proj_init(p, &e) == TF_OK);
  double maxll = 0.0, maxij = 0.0;
  for (double j = -5.0; j <= p->ny + 5; j += 0.7)
    for (double i = -5.0; i <= p->nx + 5; i += 0.9) {
      double lat, lon, i2, j2, lat2, lon2;
      proj_ij_to_ll(p, i, j, &lat, &lon);
      proj_ll_to_ij(p, lat, lon, &i2, &j2);
      maxij = fmax(maxij, fmax(fabs(i2 - i), fabs(j2 - j)));
      proj_ij_to_ll(p, i2, j2, &lat2, &lon2);
      double dlon = fabs(lon2 - lon);
      if (dlon > 180.0) dlon = 360.0 - dlon;
      maxll = fmax(maxll, fmax(fabs(lat2 - lat), dlon));
    }
  char buf[96];
  snprintf(buf, sizeof buf, "%s_roundtrip_ll_deg", name);
  tf_check_le(buf, maxll, 1e-9);
  snprintf(buf, sizeof buf, "%s_roundtrip_ij", name);
  tf_check_le(buf, maxij, 1e-8);
  /* centre anchoring: ((nx-1)/2, (ny-1)/2) is (CEN_LAT, CEN_LON) */
  double ci, cj;
  proj_ll_to_ij(p, p->cen_lat, p->cen_lon, &ci, &cj);
  snprintf(buf, sizeof buf, "%s_centre_i", name);
  tf_check(buf, ci, 0.5 * (p->nx - 1), 1e-9);
  snprintf(buf, sizeof buf, "%s_centre_j", name);
  tf_check(buf, cj, 0.5 * (p->ny - 1), 1e-9);
}

int main(void)
{
  /* Sichuan-like Lambert (WRF default style), tangent Lambert, SH Lambert, polar N/S,
   * Mercator, lat-lon. */
  tf_proj lc = make(TF_PROJ_LAMBERT, 25.0, 40.0, 104.0, 30.5, 105.0, 12000.0);
  round_trip("lambert2", &lc);
  tf_proj lc1 = make(TF_PROJ_LAMBERT, 30.0, 30.0, 104.0, 30.5, 104.0, 27000.0);
  round_trip("lambert1", &lc1);
  tf_proj lcs = make(TF_PROJ_LAMBERT, -30.0, -60.0, 140.0, -40.0, 145.0, 30000.0);
  round_trip("lambert_south", &lcs);
  tf_proj ps = make(TF_PROJ_POLAR, 60.0, 0.0, -100.0, 70.0, -90.0, 20000.0);
  round_trip("polar_north", &ps);
  tf_proj pss = make(TF_PROJ_POLAR, -71.0, 0.0, 0.0, -75.0, 30.0, 20000.0);
  round_trip("polar_south", &pss);
  tf_proj me = make(TF_PROJ_MERCATOR, 20.0, 0.0, 0.0, 22.0, 110.0, 10000.0);
  round_trip("mercator", &me);
  tf_proj ll = make(TF_PROJ_LATLON, 0.0, 0.0, 0.0, 30.0, 104.0, 0.0);
  ll.dlat_deg = 0.1; ll.dlon_deg = 0.125;
  round_trip("latlon", &ll);

  /* Snyder p. 295: Lambert sphere example, grid units of R (dx = R). */
  tf_err e;
  tf_proj sn = make(TF_PROJ_LAMBERT, 33.0, 45.0, -96.0, 23.0, -96.0, TF_EARTH_RADIUS);
  TF_EXPECT(proj_init(&sn, &e) == TF_OK);
  double i0, j0, i1, j1;
  proj_ll_to_ij(&sn, 23.0, -96.0, &i0, &j0);
  proj_ll_to_ij(&sn, 35.0, -75.0, &i1, &j1);
  tf_check("snyder_lcc_x_R", i1 - i0, 0.2966785, 1e-7);
  tf_check("snyder_lcc_y_R", j1 - j0, 0.2462112, 1e-7);
  tf_check("snyder_lcc_cone", sn.cone, 0.6304777, 1e-7);
  double x, y;
  proj_ij_to_xy(&sn, i1, j1, &x, &y);
  tf_check("snyder_lcc_xy_x_R", x / TF_EARTH_RADIUS, 0.2966785, 1e-7);
  tf_check("snyder_lcc_xy_y_R", y / TF_EARTH_RADIUS, 0.2462112, 1e-7);
  tf_check("lcc_mapfac_truelat1", proj_mapfac(&sn, 33.0), 1.0, 1e-12);
  tf_check("lcc_mapfac_truelat2", proj_mapfac(&sn, 45.0), 1.0, 1e-12);
  TF_EXPECT(proj_mapfac(&sn, 39.0) < 1.0 && proj_mapfac(&sn, 20.0) > 1.0);

  /* Snyder p. 266: Mercator sphere, truelat 0, lambda0 = 180W -> x = 1.8325957, y = 0.6528366. */
  tf_proj sm = make(TF_PROJ_MERCATOR, 0.0, 0.0, 0.0, 0.0, -180.0, TF_EARTH_RADIUS);
  TF_EXPECT(proj_init(&sm, &e) == TF_OK);
  proj_ll_to_ij(&sm, 35.0, -75.0, &i1, &j1);
  tf_check("snyder_merc_x_R", i1 - 0.5 * (sm.nx - 1), 1.8325957, 1e-7);
  tf_check("snyder_merc_y_R", j1 - 0.5 * (sm.ny - 1), 0.6528366, 1e-7);
  tf_check("merc_mapfac_60", proj_mapfac(&sm, 60.0), 2.0, 1e-12);

  /* Polar stereographic, true at 60N: rho(60N) = R (1+sin60) cos60/(1+sin60) = R/2. */
  tf_proj sp = make(TF_PROJ_POLAR, 60.0, 0.0, -100.0, 90.0, 0.0, TF_EARTH_RADIUS);
  sp.cen_lat = 60.0; sp.cen_lon = -100.0;
  TF_EXPECT(proj_init(&sp, &e) == TF_OK);
  proj_ll_to_ij(&sp, 60.0, 170.0, &i1, &j1);
  tf_check("polar_rho_60N_R", hypot(i1 - sp.polei, j1 - sp.polej), 0.5, 1e-12);
  /* stand_lon points "down" from the pole (Snyder 21-6: y = -rho cos(lon - lon0)) */
  tf_check("polar_standlon_i", 0.5 * (sp.nx - 1) - sp.polei, 0.0, 1e-12);
  TF_EXPECT(0.5 * (sp.ny - 1) < sp.polej);
  tf_check("polar_mapfac_60", proj_mapfac(&sp, 60.0), 1.0, 1e-12);
  double ca, sa;
  proj_rotation(&sp, 60.0, -100.0, &ca, &sa);
  tf_check("polar_rot_standlon", sa, 0.0, 1e-15);
  proj_rotation(&sp, 60.0, -10.0, &ca, &sa);  /* 90 deg east of stand_lon: grid y = west */
  tf_check("polar_rot_90E_sin", sa, -1.0, 1e-12);

  /* Errors name the problem. */
  tf_proj bad = make(9, 30, 30, 0, 0, 0, 1000);
  TF_EXPECT(proj_init(&bad, &e) == TF_EINVAL);
  bad = make(TF_PROJ_LAMBERT, 0.0, 0.0, 0, 0, 0, 1000);
  TF_EXPECT(proj_init(&bad, &e) == TF_EINVAL);
  bad = make(TF_PROJ_LAMBERT, 30.0, 60.0, 0, 0, 0, 0.0);
  TF_EXPECT(proj_init(&bad, &e) == TF_EINVAL);
  return tf_test_exit();
}
