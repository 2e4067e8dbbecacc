/* test_plot_map.c — the classified map (io/plot tfplot_map_png) read back pixel by pixel.
 *
 * A synthetic field on a 12 × 9 Lambert-conformal grid of 50 km cells whose standard
 * meridian (95 E) is far west of the domain (104.5 E), so the cells are visibly rotated
 * quadrilaterals in lon/lat. The classes are HJ 633's for O3 MDA8 (breakpoints 100 160 215
 * 265 800 µg/m³, the six level colours of post/aqi). Checks:
 *   - the pixel at the projected centre of chosen cells (plate carrée with cos(mid-lat)
 *     aspect, computed here from the frame tfplot_map_frame returns) has exactly the colour
 *     of the class its value falls in: 0 and 100 (a breakpoint: inclusive upper bound of the
 *     lower class, so 优), 100.5 and 160 (良), 215 (轻度), 265 (中度), 500 (重度), 900 (严重),
 *     and a NaN cell has the no-data grey;
 *   - the frame's aspect is (Δlon cos φm) / Δlat and its extent the corners' extent;
 *   - right of the map (the legend) each of the six colours and the no-data grey covers a
 *     swatch; above it (the title) there are non-background pixels;
 *   - an outline (a lon/lat rectangle 103–105 E × 29.5–31 N, 5 px wide, blue) has exactly its
 *     colour at the projected midpoints of its four edges;
 *   - the city label "成都" leaves ink (dark pixels) in the box right of its marker, and the
 *     same map without the label has none there;
 *   - the PNG in memory is the PNG on disk, byte for byte. */
#include "tf_test.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plot_test_util.h"

enum { NX = 12, NY = 9 };

int main(void)
{
  double *clon, *clat, *mlon, *mlat;
  if (lambert_cells(NX, NY, 50000.0, 95.0, 30.5, 104.5, &clon, &clat, &mlon, &mlat)) return 1;
  double val[NX * NY];
  for (int j = 0; j < NY; j++)
    for (int i = 0; i < NX; i++) val[i + NX * j] = 20.0 + 6.0 * i + 4.0 * j;   /* 20 .. 118 */
  struct { int i, j; double v; int cls; } pick[] = {
    {1, 1, 0.0, 0},   {2, 2, 100.0, 0}, {3, 2, 100.5, 1}, {4, 3, 160.0, 1}, {5, 3, 160.01, 2},
    {6, 4, 215.0, 2}, {7, 4, 265.0, 3}, {8, 5, 500.0, 4}, {9, 5, 900.0, 5}, {10, 6, NAN, -1}};
  int npick = (int)(sizeof pick / sizeof pick[0]);
  for (int k = 0; k < npick; k++) val[pick[k].i + NX * pick[k].j] = pick[k].v;

  /* an outline: the rectangle 103..105 E x 29.5..31 N, closed, densified along its edges */
  enum { NSEG = 8, NOUT = 4 * NSEG + 1 };
  double olon[NOUT], olat[NOUT];
  const double rect[5][2] = {{103, 29.5}, {105, 29.5}, {105, 31}, {103, 31}, {103, 29.5}};
  for (int e = 0, p = 0; e < 4; e++)
    for (int q = 0; q < NSEG + (e == 3); q++, p++) {
      olon[p] = rect[e][0] + (rect[e + 1][0] - rect[e][0]) * q / NSEG;
      olat[p] = rect[e][1] + (rect[e + 1][1] - rect[e][1]) * q / NSEG;
    }
  const int ostart[2] = {0, NOUT};
  const tfplot_rgb blue = {0, 60, 200};
  tfplot_lines outline = {.nlines = 1, .start = ostart, .lon = olon, .lat = olat, .width_px = 5, .rgb = blue};

  hj633_classes cl;
  hj633_o3_classes(&cl);
  const char *city_label[] = {"成都"};
  double city_lon[] = {mlon[0 + NX * (NY - 1)]}, city_lat[] = {mlat[0 + NX * (NY - 1)]};
  tfplot_map m = {.nx = NX, .ny = NY, .corner_lon = clon, .corner_lat = clat, .value = val,
                  .nclass = 6, .breaks = cl.breaks, .rgb = cl.rgb, .labels = cl.labels,
                  .legend_title = "MDA8 O₃ (µg/m³)", .title = "臭氧 MDA8 预报 O3 MDA8 forecast",
                  .subtitle = "2026-08-11 synthetic field", .ncity = 1, .city_lon = city_lon,
                  .city_lat = city_lat, .city_label = city_label, .graticule_deg = 1.0, .width_px = 900,
                  .nline_sets = 1, .lines = &outline};

  char dir[1024], path[1200];
  tf_tmp_dir("test_plot_map", dir, sizeof dir);
  snprintf(path, sizeof path, "%s/map.png", dir);
  tf_err err;
  tf_err_clear(&err);
  tfplot_frame f;
  int rc = tfplot_map_frame(&m, &f, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  rc = tfplot_map_png(&m, path, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  test_img img;
  if (rc || img_load(path, &img)) return tf_test_exit();
  printf("  %s: %d x %d px, frame %.1f..%.1f x %.1f..%.1f px, view %.3f..%.3f E %.3f..%.3f N\n", path, img.w,
         img.h, f.x0, f.x1, f.y0, f.y1, f.u_min, f.u_max, f.v_min, f.v_max);
  tf_check("map_width_px", img.w, 900, 0);
  tf_check("map_height_px", img.h, f.height_px, 0);

  /* extent and aspect */
  double lo0 = INFINITY, lo1 = -INFINITY, la0 = INFINITY, la1 = -INFINITY;
  for (int c = 0; c < (NX + 1) * (NY + 1); c++) {
    lo0 = fmin(lo0, clon[c]); lo1 = fmax(lo1, clon[c]);
    la0 = fmin(la0, clat[c]); la1 = fmax(la1, clat[c]);
  }
  tf_check("view_lon_min", f.u_min, lo0, 1e-12);
  tf_check("view_lat_max", f.v_max, la1, 1e-12);
  double aspect_ref = (lo1 - lo0) * cos(0.5 * (la0 + la1) * 3.14159265358979323846 / 180.0) / (la1 - la0);
  tf_check_rel("frame_aspect_cos_midlat", (f.x1 - f.x0) / (f.y1 - f.y0), aspect_ref, 1e-12);

  /* cell centres: the pixel has the class colour (moved 3 px off a graticule line if one
   * passes within 2 px: lines are antialiased over the cells) */
  tfplot_rgb nodata = TFPLOT_NODATA_RGB;
  for (int k = 0; k < npick; k++) {
    int c = pick[k].i + NX * pick[k].j;
    double x = f.x0 + (mlon[c] - f.u_min) / (f.u_max - f.u_min) * (f.x1 - f.x0);
    double y = f.y0 + (f.v_max - mlat[c]) / (f.v_max - f.v_min) * (f.y1 - f.y0);
    double px_per_deg_x = (f.x1 - f.x0) / (f.u_max - f.u_min), px_per_deg_y = (f.y1 - f.y0) / (f.v_max - f.v_min);
    if (fabs(mlon[c] - floor(mlon[c] + 0.5)) * px_per_deg_x < 3) x += 4;
    if (fabs(mlat[c] - floor(mlat[c] + 0.5)) * px_per_deg_y < 3) y += 4;
    int cls = tfplot_class_of(pick[k].v, 6, cl.breaks);
    TF_EXPECT_MSG(cls == pick[k].cls, "class of %g is %d, expected %d", pick[k].v, cls, pick[k].cls);
    long want = rgb_hex(pick[k].cls < 0 ? nodata : cl.rgb[pick[k].cls]);
    long got = img_pixel(&img, (int)floor(x), (int)floor(y));
    char name[96];
    snprintf(name, sizeof name, "cell_%d_%d_value_%g_colour_is_class_%d", pick[k].i, pick[k].j, pick[k].v, pick[k].cls);
    printf("  cell (%d,%d) value %g at px (%.1f, %.1f): #%06lX, class colour #%06lX\n", pick[k].i, pick[k].j,
           pick[k].v, x, y, got, want);
    tf_check(name, (double)got, (double)want, 0);
  }

  /* legend: every class colour and the no-data grey fill a swatch right of the map */
  int lx0 = (int)ceil(f.x1) + 2;
  long min_swatch = 10 * 10;
  for (int k = 0; k <= 6; k++) {
    long n = img_count(&img, lx0, 0, img.w, img.h, k < 6 ? cl.rgb[k] : nodata);
    char name[64];
    snprintf(name, sizeof name, "legend_colour_%d_pixels", k);
    tf_check_ge(name, (double)n, (double)min_swatch);
  }
  tfplot_rgb bg = TFPLOT_BACKGROUND_RGB;
  tf_check_ge("title_area_non_background_pixels", (double)img_count_not(&img, 0, 0, img.w, (int)floor(f.y0) - 1, bg), 200);

  /* outline: the edge midpoints (103.5.. are off the 1° graticule) */
  const double mid[4][2] = {{104.25, 29.5}, {105, 30.25}, {104.25, 31}, {103, 30.25}};
  for (int e = 0; e < 4; e++) {
    double x = f.x0 + (mid[e][0] - f.u_min) / (f.u_max - f.u_min) * (f.x1 - f.x0);
    double y = f.y0 + (f.v_max - mid[e][1]) / (f.v_max - f.v_min) * (f.y1 - f.y0);
    char name[64];
    snprintf(name, sizeof name, "outline_edge_%d_midpoint_colour", e);
    tf_check(name, (double)img_pixel(&img, (int)floor(x), (int)floor(y)), (double)rgb_hex(blue), 0);
  }

  /* city label: ink right of the marker (text 16 px at width 1000, scaled: 14.4 px here) */
  double fs = 16.0 * 900 / 1000.0;
  double cx = f.x0 + (city_lon[0] - f.u_min) / (f.u_max - f.u_min) * (f.x1 - f.x0);
  double cy = f.y0 + (f.v_max - city_lat[0]) / (f.v_max - f.v_min) * (f.y1 - f.y0);
  int bx0 = (int)ceil(cx + 8), bx1 = (int)(cx + 8 + 2 * fs), by0 = (int)(cy - fs / 2), by1 = (int)ceil(cy + fs / 2);
  long ink = img_count_dark(&img, bx0, by0, bx1, by1, 80);
  img_free(&img);
  m.city_label = NULL;
  char path2[1300];
  snprintf(path2, sizeof path2, "%s/map_no_label.png", dir);
  rc = tfplot_map_png(&m, path2, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  long ink0 = -1;
  if (!rc && !img_load(path2, &img)) {
    ink0 = img_count_dark(&img, bx0, by0, bx1, by1, 80);
    img_free(&img);
  }
  printf("  label box %d..%d x %d..%d px: %ld dark pixels with the label, %ld without\n", bx0, bx1, by0, by1, ink, ink0);
  tf_check_ge("city_label_ink_pixels", (double)ink, 30);
  tf_check("no_label_no_ink_pixels", (double)ink0, 0, 0);
  m.city_label = city_label;

  /* the same PNG in memory */
  unsigned char *png = NULL;
  size_t n = 0;
  rc = tfplot_map_png_bytes(&m, &png, &n, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  FILE *fp = fopen(path, "rb");
  unsigned char *disk = malloc(n + 1);
  size_t nd = fp && disk ? fread(disk, 1, n + 1, fp) : 0;
  if (fp) fclose(fp);
  tf_check("png_bytes_size_equals_file", (double)n, (double)nd, 0);
  TF_EXPECT(png && disk && nd == n && memcmp(png, disk, n) == 0);
  free(png);
  free(disk);
  free(clon); free(clat); free(mlon); free(mlat);
  return tf_test_exit();
}
