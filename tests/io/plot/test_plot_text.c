/* test_plot_text.c — labels are checked against the installed fonts before anything is drawn.
 *   - Chinese city and title text ("成都", "重庆", "臭氧 MDA8", "µg/m³ O₃") has every glyph in
 *     the default family (Noto Sans CJK SC, Debian fonts-noto-cjk): tfplot_text_check OK, 0
 *     unknown glyphs;
 *   - a label with a character no font has (U+10FFFD, a private-use code point of plane 16,
 *     which no distributed font maps) is refused: TF_EINVAL, 1 unknown glyph, the message
 *     names the text, the font and fonts-noto-cjk;
 *   - the same label as a city name of a map makes tfplot_map_png fail with that message
 *     prefixed by the output path, and leave neither the file nor "<path>.partial";
 *   - as a series legend entry, tfplot_series_png_bytes fails the same way and returns no
 *     buffer. */
#include "tf_test.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "io/plot/tfplot.h"

#define BAD "成都\xF4\x8F\xBF\xBD"   /* "成都" + U+10FFFD */

int main(void)
{
  tf_err err;
  const char *good[] = {"成都", "重庆", "臭氧 MDA8", "µg/m³ O₃", "轻度污染 Lightly polluted"};
  for (int k = 0; k < 5; k++) {
    int unknown = -1;
    tf_err_clear(&err);
    int rc = tfplot_text_check(NULL, good[k], &unknown, &err);
    TF_EXPECT_MSG(rc == TF_OK && unknown == 0, "'%s': %d unknown: %s", good[k], unknown, err.msg);
  }
  int unknown = -1;
  tf_err_clear(&err);
  int rc = tfplot_text_check(NULL, BAD, &unknown, &err);
  printf("  refused: %s\n", err.msg);
  TF_EXPECT(rc == TF_EINVAL);
  tf_check("unknown_glyphs", unknown, 1, 0);
  TF_EXPECT(strstr(err.msg, BAD) && strstr(err.msg, TFPLOT_FONT) && strstr(err.msg, "fonts-noto-cjk"));

  /* a map with that city label */
  double clon[4] = {104, 105, 104, 105}, clat[4] = {30, 30, 31, 31}, val[1] = {50};
  const double br[1] = {100};
  const tfplot_rgb rgb[2] = {{0, 228, 0}, {255, 255, 0}};
  double city_lon[1] = {104.5}, city_lat[1] = {30.5};
  const char *city[1] = {BAD};
  tfplot_map m = {.nx = 1, .ny = 1, .corner_lon = clon, .corner_lat = clat, .value = val, .nclass = 2,
                  .breaks = br, .rgb = rgb, .ncity = 1, .city_lon = city_lon, .city_lat = city_lat,
                  .city_label = city, .width_px = 400};
  char dir[1024], path[1200], partial[1300];
  tf_tmp_dir("test_plot_text", dir, sizeof dir);
  snprintf(path, sizeof path, "%s/refused.png", dir);
  snprintf(partial, sizeof partial, "%s.partial", path);
  unlink(path);
  tf_err_clear(&err);
  rc = tfplot_map_png(&m, path, &err);
  printf("  refused: %s\n", err.msg);
  TF_EXPECT(rc == TF_EINVAL && strstr(err.msg, path) && strstr(err.msg, BAD));
  TF_EXPECT(access(path, F_OK) != 0 && access(partial, F_OK) != 0);
  city[0] = "成都";
  tf_err_clear(&err);
  rc = tfplot_map_png(&m, path, &err);
  TF_EXPECT_MSG(rc == TF_OK && access(path, F_OK) == 0 && access(partial, F_OK) != 0, "%s", err.msg);

  /* a series legend entry */
  double v[3] = {1, 2, 3};
  tfplot_curve cv = {.value = v, .label = BAD, .rgb = {0, 0, 200}};
  tfplot_series s = {.n = 3, .ncurve = 1, .curve = &cv, .width_px = 400};
  unsigned char *png = (unsigned char *)&s;
  size_t n = 1;
  tf_err_clear(&err);
  rc = tfplot_series_png_bytes(&s, &png, &n, &err);
  printf("  refused: %s\n", err.msg);
  TF_EXPECT(rc == TF_EINVAL && png == NULL && n == 0 && strstr(err.msg, BAD));
  return tf_test_exit();
}
