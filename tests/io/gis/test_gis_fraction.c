/* test_gis_fraction.c — area fractions of io/gis/tfgis_region against analytic overlaps.
 *
 * Grid: 16 x 12 Lambert cells of 12 km (halo 2). Polygons are drawn in grid-index
 * coordinates and written as lon/lat (proj_ij_to_ll) to a GeoJSON file, an ESRI shapefile
 * and a GPKG through OGR; the library maps them back with proj_ll_to_ij, so each lies
 * exactly where drawn (round trip ~1e-13 cells). References:
 *   rect  [1.3, 5.8] x [0.6, 3.25]: per cell the product of the 1-D overlaps with the cell
 *         [i-1/2, i+1/2] x [j-1/2, j+1/2] (exact); area 4.5 x 2.65 = 11.925 cells;
 *   holed [8.1, 12.4] x [6.2, 10.9] minus the hole [9.3, 10.6] x [7.4, 9.1]: the same
 *         products, outer minus hole; area 20.21 - 2.21 = 18.0;
 *   edge  [13.2, 17.0] x [1.2, 4.7] crosses the east edge of the domain (x = 15.5): only
 *         [13.2, 15.5] x [1.2, 4.7] is inside (8.05 cells);
 *   tri   (1.2, 6.1), (7.7, 6.4), (3.4, 10.3): area |cross|/2 = 12.03; per cell a
 *         Sutherland-Hodgman clip of the triangle to the cell square (written here, not
 *         GEOS) and the shoelace area.
 * Checks: each cell's fraction vs the reference (1e-9), fully-inside cells = 1 and cells
 * outside = 0 (1e-12), Σ frac × dx dy = the polygon's area in the grid plane within 1e-6
 * relative (the requirement) — both the analytic area and tfgis_region_area_m2 —,
 * the three file formats agree (1e-12), the selection of all features dissolves them
 * (Σ = sum of the four areas inside the domain), point-in-polygon inside / in the hole /
 * outside, and the same fractions on a grid part (grid_create_part) as on the whole grid. */
#include "tf_test.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gis_test_util.h"
#include "io/gis/tfgis_region.h"

#define NX 16
#define NY 12
#define DX 12000.0

static const char *names[] = {"rect", "holed", "edge", "tri"};
static const char *wkt[] = {
  "POLYGON((1.3 0.6, 5.8 0.6, 5.8 3.25, 1.3 3.25, 1.3 0.6))",
  "POLYGON((8.1 6.2, 12.4 6.2, 12.4 10.9, 8.1 10.9, 8.1 6.2), (9.3 7.4, 9.3 9.1, 10.6 9.1, 10.6 7.4, 9.3 7.4))",
  "POLYGON((13.2 1.2, 17.0 1.2, 17.0 4.7, 13.2 4.7, 13.2 1.2))",
  "POLYGON((1.2 6.1, 7.7 6.4, 3.4 10.3, 1.2 6.1))"};
static const double tri[3][2] = {{1.2, 6.1}, {7.7, 6.4}, {3.4, 10.3}};

static double ov(double a0, double a1, double b0, double b1)
{
  double lo = fmax(a0, b0), hi = fmin(a1, b1);
  return hi > lo ? hi - lo : 0.0;
}
static double rect_cell(double x0, double x1, double y0, double y1, int i, int j)
{
  return ov(x0, x1, i - 0.5, i + 0.5) * ov(y0, y1, j - 0.5, j + 0.5);
}

/* Sutherland-Hodgman: clip polygon (n vertices) against x >= c (dir = +1, axis 0), x <= c
 * (dir = -1), and the same for y (axis 1). */
static int clip(const double in[][2], int n, double out[][2], int axis, double c, int dir)
{
  int m = 0;
  for (int k = 0; k < n; k++) {
    const double *a = in[k], *b = in[(k + 1) % n];
    double da = dir * (a[axis] - c), db = dir * (b[axis] - c);
    if (da >= 0) { out[m][0] = a[0]; out[m][1] = a[1]; m++; }
    if ((da >= 0) != (db >= 0)) {
      double t = da / (da - db);
      out[m][0] = a[0] + t * (b[0] - a[0]);
      out[m][1] = a[1] + t * (b[1] - a[1]);
      m++;
    }
  }
  return m;
}
static double tri_cell(int i, int j)
{
  double p[16][2], q[16][2];
  int n = 3;
  memcpy(p, tri, sizeof tri);
  n = clip((const double(*)[2])p, n, q, 0, i - 0.5, +1);
  n = clip((const double(*)[2])q, n, p, 0, i + 0.5, -1);
  n = clip((const double(*)[2])p, n, q, 1, j - 0.5, +1);
  n = clip((const double(*)[2])q, n, p, 1, j + 0.5, -1);
  double a = 0.0;
  for (int k = 0; k < n; k++) a += p[k][0] * p[(k + 1) % n][1] - p[(k + 1) % n][0] * p[k][1];
  return fabs(0.5 * a);
}

static double reference(int which, int i, int j)
{
  switch (which) {
  case 0: return rect_cell(1.3, 5.8, 0.6, 3.25, i, j);
  case 1: return rect_cell(8.1, 12.4, 6.2, 10.9, i, j) - rect_cell(9.3, 10.6, 7.4, 9.1, i, j);
  case 2: return rect_cell(13.2, 17.0, 1.2, 4.7, i, j);
  default: return tri_cell(i, j);
  }
}
static const double area_cells[] = {4.5 * 2.65, 4.3 * 4.7 - 1.3 * 1.7, 3.8 * 3.5, 0.0};
static const double area_in_domain[] = {4.5 * 2.65, 4.3 * 4.7 - 1.3 * 1.7, 2.3 * 3.5, 0.0};

static double tri_area(void)
{
  return 0.5 * fabs((tri[1][0] - tri[0][0]) * (tri[2][1] - tri[0][1]) -
                    (tri[2][0] - tri[0][0]) * (tri[1][1] - tri[0][1]));
}

/* Fractions of feature `which` (NULL = all) from file path on grid g into frac. */
static int fractions(const char *path, const char *value, const tf_grid *g, double *frac)
{
  tf_err err;
  tfgis_region *r = tfgis_region_open(path, value ? "name" : NULL, value, &err);
  if (!r) { fprintf(stderr, "open %s: %s\n", path, err.msg); return 1; }
  int rc = tfgis_region_fraction(r, g, frac, &err);
  if (rc) fprintf(stderr, "fraction %s: %s\n", path, err.msg);
  tfgis_region_destroy(&r);
  TF_EXPECT(r == NULL);
  return rc;
}

int main(void)
{
  char dir[1024], gj[1200], shp[1200], gpkg[1200];
  tf_tmp_dir("test_gis_fraction", dir, sizeof dir);
  snprintf(gj, sizeof gj, "%s/regions.geojson", dir);
  snprintf(shp, sizeof shp, "%s/regions.shp", dir);
  snprintf(gpkg, sizeof gpkg, "%s/regions.gpkg", dir);
  tf_grid *g = gis_test_grid(NX, NY, 2, DX);
  TF_EXPECT(g != NULL);
  if (!g) return tf_test_exit();
  TF_EXPECT(gis_write_layer(gj, "GeoJSON", &g->proj, 4, names, wkt) == 0);
  TF_EXPECT(gis_write_layer(shp, "ESRI Shapefile", &g->proj, 4, names, wkt) == 0);
  TF_EXPECT(gis_write_layer(gpkg, "GPKG", &g->proj, 4, names, wkt) == 0);
  double *f = calloc(g->n2, sizeof *f), *f2 = calloc(g->n2, sizeof *f2), *all = calloc(g->n2, sizeof *all);
  double sum_all_ref = 0.0;
  for (int w = 0; w < 4; w++) {
    char nm[96];
    if (fractions(gj, names[w], g, f)) { TF_EXPECT(0); continue; }
    double maxerr = 0.0, in_err = 0.0, out_max = 0.0, sum = 0.0;
    int nin = 0, nout = 0;
    for (int j = -g->halo; j < g->nyo + g->halo; j++)
      for (int i = -g->halo; i < g->nxo + g->halo; i++) {
        double v = f[grid_idx2(g, i, j)];
        int inside = i >= 0 && i < NX && j >= 0 && j < NY;
        double ref = inside ? reference(w, i, j) : 0.0;   /* halo beyond the domain edge: 0 */
        maxerr = fmax(maxerr, fabs(v - ref));
        if (inside) sum += v;
        if (ref == 1.0) { nin++; in_err = fmax(in_err, fabs(v - 1.0)); }
        if (ref == 0.0) { nout++; out_max = fmax(out_max, fabs(v)); }
      }
    snprintf(nm, sizeof nm, "%s_cell_frac_max_abs_err", names[w]);
    tf_check(nm, maxerr, 0.0, 1e-9);
    snprintf(nm, sizeof nm, "%s_cells_inside_eq_1", names[w]);
    if (w != 3 || nin) tf_check(nm, in_err, 0.0, 1e-12);
    snprintf(nm, sizeof nm, "%s_cells_outside_eq_0", names[w]);
    tf_check(nm, out_max, 0.0, 1e-12);
    printf("  %s: %d cells fully inside, %d outside\n", names[w], nin, nout);
    double a_ref = w == 3 ? tri_area() : area_in_domain[w];
    sum_all_ref += a_ref;
    snprintf(nm, sizeof nm, "%s_sum_frac_dxdy_m2", names[w]);
    tf_check_rel(nm, sum * DX * DX, a_ref * DX * DX, 1e-6);
    /* the library's own area of the whole polygon in the grid plane */
    tf_err err;
    tfgis_region *r = tfgis_region_open(gj, "name", names[w], &err);
    TF_EXPECT(r != NULL);
    if (r) {
      double whole = w == 3 ? tri_area() : area_cells[w];
      snprintf(nm, sizeof nm, "%s_region_area_m2", names[w]);
      tf_check_rel(nm, tfgis_region_area_m2(r, g), whole * DX * DX, 1e-9);
      if (w != 2) {
        snprintf(nm, sizeof nm, "%s_sum_frac_vs_region_area_m2", names[w]);
        tf_check_rel(nm, sum * DX * DX, tfgis_region_area_m2(r, g), 1e-6);
      }
      tfgis_region_destroy(&r);
    }
    /* the same fractions from the shapefile and the GPKG */
    const char *other[2] = {shp, gpkg}, *oname[2] = {"shapefile", "gpkg"};
    for (int o = 0; o < 2; o++) {
      if (fractions(other[o], names[w], g, f2)) { TF_EXPECT(0); continue; }
      double d = 0.0;
      for (size_t c = 0; c < g->n2; c++) d = fmax(d, fabs(f2[c] - f[c]));
      snprintf(nm, sizeof nm, "%s_%s_vs_geojson_max_diff", names[w], oname[o]);
      tf_check(nm, d, 0.0, 1e-12);
    }
  }
  /* every feature at once: dissolved into one region, disjoint here so the sum adds up */
  if (!fractions(gj, NULL, g, all)) {
    double s = 0.0;
    for (int j = 0; j < NY; j++)
      for (int i = 0; i < NX; i++) s += all[grid_idx2(g, i, j)];
    tf_check_rel("all_features_sum_frac_cells", s, sum_all_ref, 1e-9);
  } else TF_EXPECT(0);

  /* point in polygon: lon/lat of grid points */
  tf_err err;
  tfgis_region *holed = tfgis_region_open(gj, "NAME", " Holed ", &err);  /* case, blanks */
  TF_EXPECT_MSG(holed != NULL, "%s", err.msg);
  if (holed) {
    double lat, lon;
    proj_ij_to_ll(&g->proj, 8.5, 6.8, &lat, &lon);
    TF_EXPECT(tfgis_region_contains(holed, lon, lat) == 1);
    proj_ij_to_ll(&g->proj, 10.0, 8.0, &lat, &lon);     /* in the hole */
    TF_EXPECT(tfgis_region_contains(holed, lon, lat) == 0);
    proj_ij_to_ll(&g->proj, 3.0, 2.0, &lat, &lon);      /* in rect, not in holed */
    TF_EXPECT(tfgis_region_contains(holed, lon, lat) == 0);
    TF_EXPECT(tfgis_region_contains(holed, NAN, lat) == 0);
    TF_EXPECT(tfgis_region_nfeatures(holed) == 1);
    TF_EXPECT(strstr(tfgis_region_name(holed), "name='Holed'") != NULL);
    tfgis_region_destroy(&holed);
  }
  tfgis_region_destroy(&holed);   /* NULL is fine */

  /* a part of a decomposed grid (east half, halo 2) gets the whole grid's values */
  tf_grid *part = grid_create_part(NX, NY, 2, 2, 8, 0, 8, NY, &err);
  TF_EXPECT(part != NULL);
  if (part) {
    part->proj = g->proj;
    part->dx_m = part->dy_m = DX;
    double *fp = calloc(part->n2, sizeof *fp);
    if (!fractions(gj, "holed", part, fp) && !fractions(gj, "holed", g, f)) {
      double d = 0.0;
      for (int j = -2; j < NY + 2; j++)
        for (int i = -2; i < 8 + 2; i++) {
          int gi = 8 + i;
          double ref = (gi >= 0 && gi < NX && j >= 0 && j < NY) ? f[grid_idx2(g, gi, j)] : 0.0;
          d = fmax(d, fabs(fp[grid_idx2(part, i, j)] - ref));
        }
      tf_check("grid_part_vs_whole_max_diff", d, 0.0, 1e-15);
    } else TF_EXPECT(0);
    free(fp);
    grid_destroy(&part);
  }
  free(f); free(f2); free(all);
  grid_destroy(&g);
  return tf_test_exit();
}
