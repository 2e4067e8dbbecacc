/* test_plot_write.c — a PNG that cannot be written leaves nothing behind and names its path.
 *   - the output directory does not exist: TF_EIO, the message names the path; no file;
 *   - the output path is an existing (non-empty) directory: "<path>.partial" is written,
 *     the rename fails: TF_EIO naming the path, the partial file removed, the directory intact;
 *   - the same for the series chart;
 *   - a written PNG: the file exists, its .partial does not, and it reads back as a PNG of
 *     the frame's size;
 *   - tfplot_base64: the RFC 4648 §10 test vectors ("" "f" "fo" "foo" "foob" "fooba" "foobar"). */
#include "tf_test.h"
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "io/plot/tfplot.h"

static int exists(const char *p) { return access(p, F_OK) == 0; }

int main(void)
{
  double clon[4] = {104, 105, 104, 105}, clat[4] = {30, 30, 31, 31}, val[1] = {150};
  const double br[1] = {100};
  const tfplot_rgb rgb[2] = {{0, 228, 0}, {255, 255, 0}};
  tfplot_map m = {.nx = 1, .ny = 1, .corner_lon = clon, .corner_lat = clat, .value = val, .nclass = 2,
                  .breaks = br, .rgb = rgb, .title = "写入测试", .width_px = 400};
  double v[3] = {1, 2, 3};
  tfplot_curve cv = {.value = v, .rgb = {0, 0, 200}};
  tfplot_series s = {.n = 3, .ncurve = 1, .curve = &cv, .width_px = 400};

  char dir[1024], missing[1200], asdir[1200], inner[1300], partial[1300], ok[1200];
  tf_tmp_dir("test_plot_write", dir, sizeof dir);
  tf_err err;

  snprintf(missing, sizeof missing, "%s/no-such-dir/map.png", dir);
  for (int k = 0; k < 2; k++) {
    tf_err_clear(&err);
    int rc = k == 0 ? tfplot_map_png(&m, missing, &err) : tfplot_series_png(&s, missing, &err);
    printf("  refused: %s\n", err.msg);
    TF_EXPECT(rc == TF_EIO && strstr(err.msg, missing));
    TF_EXPECT(!exists(missing));
  }

  snprintf(asdir, sizeof asdir, "%s/map_is_a_dir.png", dir);
  snprintf(inner, sizeof inner, "%s/keep", asdir);
  snprintf(partial, sizeof partial, "%s.partial", asdir);
  mkdir(asdir, 0755);
  FILE *f = fopen(inner, "w");
  if (f) fclose(f);
  for (int k = 0; k < 2; k++) {
    tf_err_clear(&err);
    int rc = k == 0 ? tfplot_map_png(&m, asdir, &err) : tfplot_series_png(&s, asdir, &err);
    printf("  refused: %s\n", err.msg);
    TF_EXPECT(rc == TF_EIO && strstr(err.msg, asdir));
    TF_EXPECT(!exists(partial));
    struct stat st;
    TF_EXPECT(stat(asdir, &st) == 0 && S_ISDIR(st.st_mode) && exists(inner));
  }

  snprintf(ok, sizeof ok, "%s/ok.png", dir);
  snprintf(partial, sizeof partial, "%s.partial", ok);
  unlink(ok);
  tf_err_clear(&err);
  int rc = tfplot_map_png(&m, ok, &err);
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  TF_EXPECT(exists(ok) && !exists(partial));
  tfplot_frame fr;
  TF_EXPECT(tfplot_map_frame(&m, &fr, &err) == TF_OK);
  cairo_surface_t *sf = cairo_image_surface_create_from_png(ok);
  TF_EXPECT(cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS);
  tf_check("written_png_width", cairo_image_surface_get_width(sf), fr.width_px, 0);
  tf_check("written_png_height", cairo_image_surface_get_height(sf), fr.height_px, 0);
  cairo_surface_destroy(sf);

  const char *in[7] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char *out[7] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int k = 0; k < 7; k++) {
    char *b = tfplot_base64((const unsigned char *)in[k], strlen(in[k]), &err);
    TF_EXPECT_MSG(b && strcmp(b, out[k]) == 0, "base64('%s') = '%s', expected '%s'", in[k], b ? b : "(null)", out[k]);
    free(b);
  }
  return tf_test_exit();
}
