/* test_gis_regions.c — the shipped region polygons on the built-in Sichuan grids.
 *
 * Grids: exactly the built-in case's (synth_domain_create: Lambert 25/35 N, 104 E, 27 km
 * 51 x 37 and 12 km 114 x 82 cells). Polygons: Natural Earth 10 m provinces
 * (configs/sichuan/ne10m_admin1_sichuan_chongqing.geojson) and the cn-atlas/CTAmap
 * prefectures (configs/regions/sichuan_chongqing_prefectures.geojson, README there).
 * Checks:
 *   - Σ frac × dx dy = the polygon's own area in the grid plane (tfgis_region_area_m2),
 *     1e-6 relative (the region lies inside the domain);
 *   - the true area Σ frac × dx dy / m² (map factor at the cell centre) against the official
 *     areas of docs/sichuan-facts.md — Sichuan 486,000 km², Chongqing 82,400 km² — within
 *     3 % (Natural Earth 10 m generalisation, cell-centre map factor);
 *   - prefectures: every city seat of configs/sichuan/cities.csv lies in the polygon of its
 *     own name (tfgis_region_contains); the 21 Sichuan prefectures add up to 486,000 km²
 *     (3 %); they partition the province: Σ over prefectures of a cell's fractions <= 1
 *     (shared TopoJSON arcs, 1e-9) and their union's area matches the Natural Earth outline
 *     (3 %);
 *   - timing of the envelope-prefiltered computation (printed; bounded generously).
 * For information it prints the area a cell-centre mask (what the synth case uses) gives. */
#include "tf_test.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "app/synth/synth_domain.h"
#include "io/csv/csv.h"
#include "io/gis/tfgis_region.h"

#define SICHUAN_KM2 486000.0   /* docs/sichuan-facts.md, Geography */
#define CHONGQING_KM2 82400.0

static double now_s(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Fractions of r on g; returns Σ frac (cells), the true area (km2) and the time (s). */
static int areas(const tfgis_region *r, const tf_grid *g, double *frac, double *sum_cells, double *true_km2,
                 double *secs)
{
  tf_err err;
  double t0 = now_s();
  int rc = tfgis_region_fraction(r, g, frac, &err);
  *secs = now_s() - t0;
  if (rc) { fprintf(stderr, "%s\n", err.msg); return rc; }
  double s = 0.0, a = 0.0;
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo; i++) {
      size_t c = grid_idx2(g, i, j);
      s += frac[c];
      a += frac[c] * grid_cell_area_m2(g->dx_m, g->dy_m, g->mapfac[c]);
    }
  *sum_cells = s;
  *true_km2 = a * 1e-6;
  return TF_OK;
}

static void province(const synth_domain *d, const char *ne, const char *name, double official_km2, int code)
{
  const tf_grid *g = d->g;
  tf_err err;
  char nm[128];
  tfgis_region *r = tfgis_region_open(ne, "name", name, &err);
  TF_EXPECT_MSG(r != NULL, "%s", err.msg);
  if (!r) return;
  double *f = calloc(g->n2, sizeof *f), s, km2, secs;
  if (!areas(r, g, f, &s, &km2, &secs)) {
    double plane = tfgis_region_area_m2(r, g);
    snprintf(nm, sizeof nm, "%s_%gkm_sum_frac_dxdy_vs_plane_area", name, g->dx_m / 1000);
    tf_check_rel(nm, s * g->dx_m * g->dy_m, plane, 1e-6);
    snprintf(nm, sizeof nm, "%s_%gkm_true_area_km2_vs_official", name, g->dx_m / 1000);
    tf_check_rel(nm, km2, official_km2, 0.03);
    int ncentre = 0;
    double centre_km2 = 0.0;
    for (size_t c = 0; c < g->n2; c++)
      if (d->region[c] == code) { ncentre++; centre_km2 += grid_cell_area_m2(g->dx_m, g->dy_m, g->mapfac[c]) * 1e-6; }
    printf("  %s %g km: plane area %.0f km2, true area %.0f km2 (official %.0f); cell-centre mask: %d cells, "
           "%.0f km2; fraction computed in %.1f ms\n", name, g->dx_m / 1000, plane * 1e-6, km2, official_km2,
           ncentre, centre_km2, secs * 1e3);
    snprintf(nm, sizeof nm, "%s_%gkm_fraction_seconds", name, g->dx_m / 1000);
    tf_check_le(nm, secs, 5.0);
  } else TF_EXPECT(0);
  free(f);
  tfgis_region_destroy(&r);
}

static void prefectures(const synth_domain *d, const char *pref, const char *cities, const char *ne)
{
  const tf_grid *g = d->g;
  tf_err err;
  char nm[160];
  char **vals = NULL;
  int nv = 0;
  TF_EXPECT_MSG(tfgis_list_values(pref, "name", &vals, &nv, &err) == TF_OK, "%s", err.msg);
  TF_EXPECT(nv == 22);
  csv_table *t = NULL;
  TF_EXPECT_MSG(csv_read(cities, &t, &err) == TF_OK, "%s", err.msg);
  if (!t || !vals) { tfgis_free_values(&vals); csv_destroy(&t); return; }
  int cn = csv_col(t, "name_pinyin"), clat = csv_col(t, "lat"), clon = csv_col(t, "lon");
  double *f = calloc(g->n2, sizeof *f), *tot = calloc(g->n2, sizeof *tot);
  double sichuan_km2 = 0.0, t_chengdu = 0.0;
  int nseat = 0;
  for (int k = 0; k < nv; k++) {
    tfgis_region *r = tfgis_region_open(pref, "name", vals[k], &err);
    TF_EXPECT_MSG(r != NULL, "%s", err.msg);
    if (!r) continue;
    /* the seat of the same name lies inside its own polygon, and in no other */
    for (int row = 0; row < t->nrow; row++) {
      if (strcmp(csv_str(t, row, cn), vals[k])) continue;
      double lat = atof(csv_str(t, row, clat)), lon = atof(csv_str(t, row, clon));
      int in = tfgis_region_contains(r, lon, lat);
      TF_EXPECT_MSG(in == 1, "seat of %s (%.3f E %.3f N) is not inside its polygon", vals[k], lon, lat);
      nseat += in;
    }
    double s, km2, secs;
    if (!areas(r, g, f, &s, &km2, &secs)) {
      for (size_t c = 0; c < g->n2; c++) tot[c] += f[c];
      if (strcmp(vals[k], "Chongqing (municipality total)")) sichuan_km2 += km2;
      else {
        snprintf(nm, sizeof nm, "prefecture_Chongqing_%gkm_true_area_km2_vs_official", g->dx_m / 1000);
        tf_check_rel(nm, km2, CHONGQING_KM2, 0.03);
      }
      if (!strcmp(vals[k], "Chengdu")) t_chengdu = secs;
      printf("  %-36s %8.0f km2 (true), %6.1f cells, %.2f ms\n", vals[k], km2, s, secs * 1e3);
    } else TF_EXPECT(0);
    tfgis_region_destroy(&r);
  }
  tf_check("prefectures_seats_inside_own_polygon", nseat, 22, 0);
  snprintf(nm, sizeof nm, "prefectures_21_sichuan_%gkm_true_area_km2_vs_official", g->dx_m / 1000);
  tf_check_rel(nm, sichuan_km2, SICHUAN_KM2, 0.03);
  double over = 0.0;
  for (size_t c = 0; c < g->n2; c++) over = fmax(over, tot[c]);
  snprintf(nm, sizeof nm, "prefectures_%gkm_max_cell_sum_frac", g->dx_m / 1000);
  tf_check_le(nm, over, 1.0 + 1e-9);
  snprintf(nm, sizeof nm, "prefecture_Chengdu_%gkm_fraction_seconds", g->dx_m / 1000);
  tf_check_le(nm, t_chengdu, 1.0);
  /* union of the Sichuan prefectures (field province) vs the Natural Earth outline */
  tfgis_region *u = tfgis_region_open(pref, "province", "Sichuan", &err);
  tfgis_region *n = tfgis_region_open(ne, "name", "Sichuan", &err);
  TF_EXPECT(u && n);
  if (u && n) {
    TF_EXPECT(tfgis_region_nfeatures(u) == 21);
    snprintf(nm, sizeof nm, "prefecture_union_vs_natural_earth_sichuan_%gkm_plane_area", g->dx_m / 1000);
    tf_check_rel(nm, tfgis_region_area_m2(u, g), tfgis_region_area_m2(n, g), 0.03);
  }
  tfgis_region_destroy(&u);
  tfgis_region_destroy(&n);
  free(f); free(tot);
  tfgis_free_values(&vals);
  csv_destroy(&t);
}

int main(void)
{
  char data[1024], ne[1200], pref[1200], cities[1200];
  tf_source_path("configs/sichuan", data, sizeof data);
  snprintf(ne, sizeof ne, "%s/ne10m_admin1_sichuan_chongqing.geojson", data);
  snprintf(cities, sizeof cities, "%s/cities.csv", data);
  tf_source_path("configs/regions/sichuan_chongqing_prefectures.geojson", pref, sizeof pref);
  const double res[2] = {27.0, 12.0};
  for (int k = 0; k < 2; k++) {
    synth_domain *d = NULL;
    tf_err err;
    TF_EXPECT_MSG(synth_domain_create(&d, data, res[k], 1, &err) == TF_OK, "%s", err.msg);
    if (!d) continue;
    printf("grid %g km: %d x %d cells\n", res[k], d->g->nx, d->g->ny);
    province(d, ne, "Sichuan", SICHUAN_KM2, SYNTH_REG_SICHUAN);
    province(d, ne, "Chongqing", CHONGQING_KM2, SYNTH_REG_CHONGQING);
    prefectures(d, pref, cities, ne);
    synth_domain_destroy(&d);
  }
  return tf_test_exit();
}
