/* plot_test_util.h — helpers of the io/plot tests: read a PNG back with cairo and look at
 * its pixels; the HJ 633 O3 MDA8 classes (breakpoints, colours and labels from post/aqi) as
 * a caller of io/plot passes them; a small Lambert-conformal test grid's cell corners. */
#ifndef PLOT_TEST_UTIL_H
#define PLOT_TEST_UTIL_H
#include <cairo.h>
#include "io/plot/tfplot.h"

typedef struct {
  cairo_surface_t *sf;
  int w, h, stride;
  const unsigned char *data;
} test_img;

/* Load path (cairo_image_surface_create_from_png); 0 on success. */
int img_load(const char *path, test_img *img);
void img_free(test_img *img);
/* 0xRRGGBB of pixel (x, y) (integer pixel indices), -1 outside the image. */
long img_pixel(const test_img *img, int x, int y);
/* Pixels of colour c in the rectangle [x0, x1) × [y0, y1) (clipped to the image). */
long img_count(const test_img *img, int x0, int y0, int x1, int y1, tfplot_rgb c);
/* Pixels in the rectangle that are not colour c. */
long img_count_not(const test_img *img, int x0, int y0, int x1, int y1, tfplot_rgb c);
/* Pixels in the rectangle whose r, g and b are all below `below` (text ink). */
long img_count_dark(const test_img *img, int x0, int y0, int x1, int y1, int below);
static inline long rgb_hex(tfplot_rgb c) { return ((long)c.r << 16) | ((long)c.g << 8) | c.b; }

/* HJ 633 O3 8-h classes: 5 breakpoints (100 160 215 265 800 µg/m³), 6 colours, 6 labels
 * "优 Excellent" ... (post/aqi). */
typedef struct {
  double breaks[5];
  tfplot_rgb rgb[6];
  char label_buf[6][64];
  const char *labels[6];
} hj633_classes;
void hj633_o3_classes(hj633_classes *c);

/* Corners ((nx+1)(ny+1), corner (i, j) at [i + (nx+1) j]) and centres (nx·ny) of a
 * Lambert-conformal grid (true latitudes 25/35 N, stand_lon, centre cen_lat/cen_lon, dx).
 * Arrays malloc'd by the callee; 0 on success. */
int lambert_cells(int nx, int ny, double dx_m, double stand_lon, double cen_lat, double cen_lon,
                  double **clon, double **clat, double **mlon, double **mlat);
#endif
