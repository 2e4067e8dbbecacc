/* test_gis_outlines.c — the outlines io/gis gives io/plot to draw (tfgis_outlines_load,
 * tfgis_outlines_read) against geography and against the region polygons.
 *   - builtin "provinces": 2 features (Sichuan, Chongqing), every ring closed, offsets
 *     consistent (start[nlines] = npoints);
 *   - the lon/lat extent of each province is its published extent: Sichuan 97°21′–108°33′ E,
 *     26°03′–34°19′ N; Chongqing 105°11′–110°11′ E, 28°10′–32°13′ N (provincial government
 *     figures, as quoted e.g. by Wikipedia), within 0.15°: Natural Earth 10 m is generalised
 *     and cuts Chongqing's western tip by 0.10° (105.285 E against 105.183 E);
 *   - the seats lie inside their own province's rings (even–odd ray casting here, on the
 *     returned polylines): Chengdu (104.07 E, 30.67 N) in Sichuan, not Chongqing; central
 *     Chongqing (106.55 E, 29.56 N) in Chongqing, not Sichuan;
 *   - on a 0.25° lattice over both provinces, inside(outlines of Sichuan) equals
 *     tfgis_region_contains of the Sichuan region opened from the same file (GEOS), point
 *     for point (points within 0.01° of a vertex skipped);
 *   - "prefectures": 22 features; one selected prefecture (name = Chengdu) contains Chengdu;
 *   - refusals: an unknown set lists the known ones; a missing data directory names the file. */
#include "tf_test.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "io/gis/tfgis_region.h"

/* Even-odd rule over all rings of o. */
static int inside(const tfgis_outlines *o, double lon, double lat)
{
  int in = 0;
  for (int k = 0; k < o->nlines; k++)
    for (int p = o->start[k], q = o->start[k + 1] - 1; p < o->start[k + 1]; q = p++) {
      double xi = o->lon[p], yi = o->lat[p], xj = o->lon[q], yj = o->lat[q];
      if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) in = !in;
    }
  return in;
}

static void extent(const tfgis_outlines *o, double e[4])
{
  e[0] = e[2] = INFINITY;
  e[1] = e[3] = -INFINITY;
  for (int p = 0; p < o->npoints; p++) {
    e[0] = fmin(e[0], o->lon[p]); e[1] = fmax(e[1], o->lon[p]);
    e[2] = fmin(e[2], o->lat[p]); e[3] = fmax(e[3], o->lat[p]);
  }
}

static double dms(int d, int m) { return d + m / 60.0; }

int main(void)
{
  char data[1024], ne[1200];
  tf_source_path("configs", data, sizeof data);
  snprintf(ne, sizeof ne, "%s/sichuan/ne10m_admin1_sichuan_chongqing.geojson", data);
  tf_err err;
  tf_err_clear(&err);

  tfgis_outlines *prov = NULL;
  int rc = tfgis_outlines_load(data, "provinces", &prov, &err);
  TF_EXPECT_MSG(rc == TF_OK && prov, "%s", err.msg);
  if (!prov) return tf_test_exit();
  printf("  provinces: %d features, %d rings, %d points\n", prov->nfeatures, prov->nlines, prov->npoints);
  tf_check("provinces_features", prov->nfeatures, 2, 0);
  tf_check("provinces_npoints_is_last_offset", prov->npoints, prov->start[prov->nlines], 0);
  int closed = 1;
  for (int k = 0; k < prov->nlines; k++) {
    int a = prov->start[k], b = prov->start[k + 1] - 1;
    closed &= b > a + 2 && prov->lon[a] == prov->lon[b] && prov->lat[a] == prov->lat[b];
  }
  TF_EXPECT(closed);

  tfgis_outlines *sc = tfgis_outlines_read(ne, "name", "Sichuan", &err);
  tfgis_outlines *cq = tfgis_outlines_read(ne, "name", "chongqing", &err);
  TF_EXPECT_MSG(sc && cq, "%s", err.msg);
  if (!sc || !cq) return tf_test_exit();
  tf_check("sichuan_plus_chongqing_points_equal_provinces", sc->npoints + cq->npoints, prov->npoints, 0);
  double e[4];
  extent(sc, e);
  tf_check("sichuan_lon_min", e[0], dms(97, 21), 0.15);
  tf_check("sichuan_lon_max", e[1], dms(108, 33), 0.15);
  tf_check("sichuan_lat_min", e[2], dms(26, 3), 0.15);
  tf_check("sichuan_lat_max", e[3], dms(34, 19), 0.15);
  extent(cq, e);
  tf_check("chongqing_lon_min", e[0], dms(105, 11), 0.15);
  tf_check("chongqing_lon_max", e[1], dms(110, 11), 0.15);
  tf_check("chongqing_lat_min", e[2], dms(28, 10), 0.15);
  tf_check("chongqing_lat_max", e[3], dms(32, 13), 0.15);

  TF_EXPECT(inside(sc, 104.07, 30.67) && !inside(cq, 104.07, 30.67));
  TF_EXPECT(inside(cq, 106.55, 29.56) && !inside(sc, 106.55, 29.56));
  TF_EXPECT(inside(prov, 104.07, 30.67) && inside(prov, 106.55, 29.56) && !inside(prov, 100.0, 35.0));

  /* the outline is the region's boundary */
  tfgis_region *r = tfgis_region_open(ne, "name", "Sichuan", &err);
  TF_EXPECT_MSG(r != NULL, "%s", err.msg);
  int npts = 0, differ = 0;
  for (double la = 26.0; r && la <= 34.5; la += 0.25)
    for (double lo = 97.0; lo <= 110.5; lo += 0.25) {
      int near = 0;
      for (int p = 0; p < sc->npoints && !near; p++) near = fabs(sc->lon[p] - lo) < 0.01 && fabs(sc->lat[p] - la) < 0.01;
      if (near) continue;
      npts++;
      differ += inside(sc, lo, la) != tfgis_region_contains(r, lo, la);
    }
  printf("  lattice: %d points, %d differ\n", npts, differ);
  tf_check("outline_vs_region_contains_differences", differ, 0, 0);
  tf_check_ge("lattice_points", npts, 1500);
  tfgis_region_destroy(&r);

  tfgis_outlines *pref = NULL;
  rc = tfgis_outlines_load(data, "prefectures", &pref, &err);
  TF_EXPECT_MSG(rc == TF_OK && pref, "%s", err.msg);
  if (pref) tf_check("prefectures_features", pref->nfeatures, 22, 0);
  tfgis_outlines_destroy(&pref);
  char pp[1200];
  snprintf(pp, sizeof pp, "%s/regions/sichuan_chongqing_prefectures.geojson", data);
  tfgis_outlines *cd = tfgis_outlines_read(pp, "name", "Chengdu", &err);
  TF_EXPECT_MSG(cd && cd->nfeatures == 1 && inside(cd, 104.07, 30.67) && !inside(cd, 106.55, 29.56), "%s", err.msg);
  tfgis_outlines_destroy(&cd);
  TF_EXPECT(cd == NULL);

  /* refusals */
  tfgis_outlines *x = NULL;
  tf_err_clear(&err);
  rc = tfgis_outlines_load(data, "provincse", &x, &err);
  printf("  refused: %s\n", err.msg);
  TF_EXPECT(rc == TF_EINVAL && x == NULL && strstr(err.msg, "provincse") && strstr(err.msg, "provinces, prefectures"));
  tf_err_clear(&err);
  rc = tfgis_outlines_load("/nonexistent-tianfu-data", "provinces", &x, &err);
  printf("  refused: %s\n", err.msg);
  TF_EXPECT(rc != TF_OK && x == NULL &&
            strstr(err.msg, "/nonexistent-tianfu-data/sichuan/ne10m_admin1_sichuan_chongqing.geojson"));
  tf_err_clear(&err);
  x = tfgis_outlines_read(ne, "name", "Sichaun", &err);
  printf("  refused: %s\n", err.msg);
  TF_EXPECT(x == NULL && strstr(err.msg, "Sichaun"));

  tfgis_outlines_destroy(&sc);
  tfgis_outlines_destroy(&cq);
  tfgis_outlines_destroy(&prov);
  return tf_test_exit();
}
