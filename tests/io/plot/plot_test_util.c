/* plot_test_util.c — see plot_test_util.h. */
#include "plot_test_util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/grid/proj.h"
#include "post/aqi.h"

int img_load(const char *path, test_img *img)
{
  img->sf = cairo_image_surface_create_from_png(path);
  if (cairo_surface_status(img->sf) != CAIRO_STATUS_SUCCESS) {
    fprintf(stderr, "cannot read %s: %s\n", path, cairo_status_to_string(cairo_surface_status(img->sf)));
    cairo_surface_destroy(img->sf);
    img->sf = NULL;
    return 1;
  }
  cairo_format_t f = cairo_image_surface_get_format(img->sf);
  if (f != CAIRO_FORMAT_RGB24 && f != CAIRO_FORMAT_ARGB32) {
    fprintf(stderr, "%s: unexpected pixel format %d\n", path, (int)f);
    img_free(img);
    return 1;
  }
  cairo_surface_flush(img->sf);
  img->w = cairo_image_surface_get_width(img->sf);
  img->h = cairo_image_surface_get_height(img->sf);
  img->stride = cairo_image_surface_get_stride(img->sf);
  img->data = cairo_image_surface_get_data(img->sf);
  return 0;
}

void img_free(test_img *img)
{
  if (img->sf) cairo_surface_destroy(img->sf);
  img->sf = NULL;
}

long img_pixel(const test_img *img, int x, int y)
{
  if (x < 0 || y < 0 || x >= img->w || y >= img->h) return -1;
  uint32_t v;   /* cairo RGB24/ARGB32: a native-endian 32-bit word 0xAARRGGBB */
  memcpy(&v, img->data + (size_t)y * img->stride + 4 * (size_t)x, sizeof v);
  return (long)(v & 0xFFFFFF);
}

long img_count(const test_img *img, int x0, int y0, int x1, int y1, tfplot_rgb c)
{
  long n = 0, want = rgb_hex(c);
  for (int y = y0 < 0 ? 0 : y0; y < y1 && y < img->h; y++)
    for (int x = x0 < 0 ? 0 : x0; x < x1 && x < img->w; x++) n += img_pixel(img, x, y) == want;
  return n;
}

long img_count_not(const test_img *img, int x0, int y0, int x1, int y1, tfplot_rgb c)
{
  long n = 0, want = rgb_hex(c);
  for (int y = y0 < 0 ? 0 : y0; y < y1 && y < img->h; y++)
    for (int x = x0 < 0 ? 0 : x0; x < x1 && x < img->w; x++) n += img_pixel(img, x, y) != want;
  return n;
}

long img_count_dark(const test_img *img, int x0, int y0, int x1, int y1, int below)
{
  long n = 0;
  for (int y = y0 < 0 ? 0 : y0; y < y1 && y < img->h; y++)
    for (int x = x0 < 0 ? 0 : x0; x < x1 && x < img->w; x++) {
      long v = img_pixel(img, x, y);
      n += (v >> 16) < below && ((v >> 8) & 0xFF) < below && (v & 0xFF) < below;
    }
  return n;
}

void hj633_o3_classes(hj633_classes *c)
{
  const double b[5] = {100, 160, 215, 265, 800};
  for (int k = 0; k < 6; k++) {
    unsigned char rgb[3];
    aqi_level_rgb(k + 1, rgb);
    c->rgb[k] = (tfplot_rgb){rgb[0], rgb[1], rgb[2]};
    snprintf(c->label_buf[k], sizeof c->label_buf[k], "%s %s", aqi_category_zh(k + 1), aqi_category_en(k + 1));
    c->labels[k] = c->label_buf[k];
    if (k < 5) c->breaks[k] = b[k];
  }
}

int lambert_cells(int nx, int ny, double dx_m, double stand_lon, double cen_lat, double cen_lon,
                  double **clon, double **clat, double **mlon, double **mlat)
{
  tf_proj p = {.map_proj = TF_PROJ_LAMBERT, .truelat1 = 25, .truelat2 = 35, .stand_lon = stand_lon,
               .cen_lat = cen_lat, .cen_lon = cen_lon, .dx_m = dx_m, .dy_m = dx_m, .nx = nx, .ny = ny};
  tf_err err;
  if (proj_init(&p, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
  size_t nc = (size_t)(nx + 1) * (size_t)(ny + 1), nm = (size_t)nx * (size_t)ny;
  *clon = malloc(nc * sizeof **clon);
  *clat = malloc(nc * sizeof **clat);
  *mlon = malloc(nm * sizeof **mlon);
  *mlat = malloc(nm * sizeof **mlat);
  if (!*clon || !*clat || !*mlon || !*mlat) return 1;
  for (int j = 0; j <= ny; j++)
    for (int i = 0; i <= nx; i++)
      proj_ij_to_ll(&p, i - 0.5, j - 0.5, &(*clat)[i + (nx + 1) * j], &(*clon)[i + (nx + 1) * j]);
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) proj_ij_to_ll(&p, i, j, &(*mlat)[i + nx * j], &(*mlon)[i + nx * j]);
  return 0;
}
