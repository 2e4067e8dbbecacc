/* test_plot_series.c — the hourly series chart (io/plot tfplot_series_png) read back.
 *
 * 48 hours of a synthetic O3 curve (3 px wide): 50 µg/m³ for hours 0..9, 90 for 10..19,
 * a gap (NaN) for 20..27, a lone value 120 at hour 30 (NaN at 28, 29, 31, 32), then 70.
 * Reference lines at 160 (green) and 200 µg/m³ (red), fixed y range 0..250. Checks:
 *   - the 160 and 200 lines lie at the pixel rows y1 - v/250·(y1 - y0) of the frame
 *     tfplot_series_frame returns (2 px lines on rows round(y)-1 and round(y)): those rows
 *     have exactly the line colour across the left half of the chart, the rows 2 px above
 *     and below do not;
 *   - the curve's plateaus (50 at hour 5, 90 at hour 15) are at their row in the curve
 *     colour; the gap (hours 21..26) has no curve pixel in the whole column; the lone value
 *     at hour 30 is drawn (a dot: curve pixels around its point);
 *   - automatic range: 0 .. a round value above the highest reference line (200);
 *   - the PNG in memory equals the file. */
#include "tf_test.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plot_test_util.h"

enum { N = 48 };

static int row_of(const tfplot_frame *f, double v)
{
  return (int)floor(f->y1 - (v - f->v_min) / (f->v_max - f->v_min) * (f->y1 - f->y0) + 0.5);
}
static int col_of(const tfplot_frame *f, double h)
{
  return (int)floor(f->x0 + (h - f->u_min) / (f->u_max - f->u_min) * (f->x1 - f->x0));
}

int main(void)
{
  double v[N];
  for (int i = 0; i < N; i++) v[i] = i < 10 ? 50 : i < 20 ? 90 : i < 28 ? NAN : i < 33 ? NAN : 70;
  v[30] = 120;
  char lab[N][16];
  const char *xl[N];
  for (int i = 0; i < N; i++) {
    snprintf(lab[i], sizeof lab[i], "08-%02d %02dh", 11 + (i + 8) / 24, (i + 8) % 24);
    xl[i] = lab[i];
  }
  const tfplot_rgb blue = {20, 90, 200}, green = {0, 160, 60}, red = {210, 0, 0};
  tfplot_curve cv = {.value = v, .label = "成都 Chengdu", .rgb = blue, .width_px = 3};
  tfplot_refline ref[2] = {{160, "160 µg/m³ (GB 3095 二级 8 h)", green}, {200, "200 µg/m³ (GB 3095 二级 1 h)", red}};
  tfplot_series s = {.n = N, .xlabels = xl, .ncurve = 1, .curve = &cv, .nref = 2, .ref = ref, .y_min = 0,
                     .y_max = 250, .title = "成都 逐时 O₃ 预报", .subtitle = "synthetic", .y_label = "O₃ (µg/m³)",
                     .width_px = 1000};
  char dir[1024], path[1200];
  tf_tmp_dir("test_plot_series", dir, sizeof dir);
  snprintf(path, sizeof path, "%s/series.png", dir);
  tf_err err;
  tf_err_clear(&err);
  tfplot_frame f;
  int rc = tfplot_series_frame(&s, &f, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  rc = tfplot_series_png(&s, path, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  test_img img;
  if (rc || img_load(path, &img)) return tf_test_exit();
  printf("  %s: %d x %d px, frame %.1f..%.1f x %.1f..%.1f px, y %g..%g\n", path, img.w, img.h, f.x0, f.x1, f.y0,
         f.y1, f.v_min, f.v_max);
  tf_check("series_width_px", img.w, 1000, 0);
  tf_check("series_height_px", img.h, 450, 0);
  tf_check("frame_v_max", f.v_max, 250, 0);

  /* reference lines: exact colour on their two rows from x0+3 to the middle of the chart */
  int xa = (int)ceil(f.x0) + 3, xb = (int)((f.x0 + f.x1) / 2);
  for (int k = 0; k < 2; k++) {
    int yr = row_of(&f, ref[k].value);
    char name[96];
    long want = xb - xa;
    snprintf(name, sizeof name, "ref_%g_row_%d_pixels_in_line_colour", ref[k].value, yr);
    tf_check(name, (double)img_count(&img, xa, yr, xb, yr + 1, ref[k].rgb), (double)want, 0);
    snprintf(name, sizeof name, "ref_%g_row_%d_pixels_in_line_colour", ref[k].value, yr - 1);
    tf_check(name, (double)img_count(&img, xa, yr - 1, xb, yr, ref[k].rgb), (double)want, 0);
    snprintf(name, sizeof name, "ref_%g_rows_2px_off_no_line_colour", ref[k].value);
    tf_check(name, (double)(img_count(&img, xa, yr - 3, xb, yr - 2, ref[k].rgb) +
                            img_count(&img, xa, yr + 2, xb, yr + 3, ref[k].rgb)), 0, 0);
    printf("  ref %g at row %d (y = %.2f)\n", ref[k].value, yr,
           f.y1 - ref[k].value / (f.v_max - f.v_min) * (f.y1 - f.y0));
  }

  /* curve */
  tf_check("curve_50_at_hour_5", (double)img_pixel(&img, col_of(&f, 5), row_of(&f, 50)), (double)rgb_hex(blue), 0);
  tf_check("curve_90_at_hour_15", (double)img_pixel(&img, col_of(&f, 15), row_of(&f, 90)), (double)rgb_hex(blue), 0);
  long gap = 0;
  for (double h = 21; h <= 26; h += 0.5) gap += img_count(&img, col_of(&f, h), (int)f.y0, col_of(&f, h) + 1, (int)f.y1, blue);
  tf_check("gap_hours_21_26_curve_pixels", (double)gap, 0, 0);
  int dx = col_of(&f, 30), dy = row_of(&f, 120);
  tf_check_ge("lone_value_dot_pixels", (double)img_count(&img, dx - 4, dy - 4, dx + 5, dy + 5, blue), 4);
  tf_check("left_of_dot_no_curve", (double)img_count(&img, col_of(&f, 29), (int)f.y0, col_of(&f, 29) + 1, (int)f.y1, blue), 0, 0);
  img_free(&img);

  /* in memory = on disk */
  unsigned char *png = NULL;
  size_t n = 0;
  rc = tfplot_series_png_bytes(&s, &png, &n, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  FILE *fp = fopen(path, "rb");
  unsigned char *disk = malloc(n + 1);
  size_t nd = fp && disk ? fread(disk, 1, n + 1, fp) : 0;
  if (fp) fclose(fp);
  TF_EXPECT(png && nd == n && memcmp(png, disk, n) == 0);
  free(png);
  free(disk);

  /* automatic range: above the 200 line */
  s.y_min = s.y_max = 0;
  rc = tfplot_series_frame(&s, &f, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  printf("  automatic y range %g..%g\n", f.v_min, f.v_max);
  tf_check("auto_v_min", f.v_min, 0, 0);
  tf_check_ge("auto_v_max_above_200", f.v_max, 200 * 1.05);
  tf_check_le("auto_v_max_round", f.v_max, 250);
  return tf_test_exit();
}
