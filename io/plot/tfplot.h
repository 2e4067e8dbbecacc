/* tfplot.h — PNG maps and time-series charts for the forecast products, drawn with cairo
 * (vector drawing, PNG encoding) and pango/fontconfig (text shaping, CJK), from plain arrays.
 * The module knows no chemistry, configs or grids: values are in the caller's unit, positions
 * are longitude/latitude in degrees, sizes are pixels.
 *
 * What it draws.
 *   Classified map (tfplot_map): nx × ny cells, each filled as its true quadrilateral (the
 *   four corners given by the caller, e.g. the corners of a Lambert-conformal model grid)
 *   in the colour of the class its value falls in; NaN cells in TFPLOT_NODATA_RGB (grey).
 *   Over the cells: a lon/lat graticule (labelled on the frame), outline polylines (provinces
 *   thick, prefectures thin: one tfplot_lines per style), city markers with UTF-8 labels.
 *   Around: title and subtitle above, the legend (one swatch per class plus "no data") to
 *   the right. Projection: plate carrée with the x scale multiplied by cos(mid-latitude),
 *   i.e. x_px = x0 + (lon - lon_min) / (lon_max - lon_min) · (x1 - x0),
 *        y_px = y0 + (lat_max - lat) / (lat_max - lat_min) · (y1 - y0),
 *   with (x1 - x0) / (y1 - y0) = (lon_max - lon_min) · cos((lat_min + lat_max)/2) / (lat_max - lat_min);
 *   tfplot_map_frame returns that frame, so a caller (or a test) can find any lon/lat.
 *   Series chart (tfplot_series): one or several hourly series against the hour index
 *   0 .. n-1 (x labels given by the caller, e.g. "08-11 14h"), NaN = gap (a lone value
 *   between gaps is a dot), horizontal reference lines with labels (e.g. 160 and 200
 *   µg/m³), axes with ticks, legend, title. y_px = y1 - (v - y_min) / (y_max - y_min) · (y1 - y0).
 *
 * Classes. nclass colours and nclass - 1 ascending breakpoints b[0] < b[1] < ...; a
 * breakpoint is the INCLUSIVE upper bound of the lower class (HJ 633: "0–100 µg/m³ 优"
 * means 100 is 优): class(v) = the number of breakpoints b with v > b. So for O3 MDA8 the
 * caller passes b = {100, 160, 215, 265, 800} and the six HJ 633 colours (post/aqi.h,
 * aqi_level_rgb); 160 is class 1 (良, yellow) and 160.01 class 2 (轻度污染, orange).
 * Cells are filled without antialiasing, so a cell's interior pixels are exactly its class
 * colour and neighbouring cells show no seams; lines and text are antialiased.
 *
 * Text. Every string is laid out by pango in the font family `font` (NULL = TFPLOT_FONT,
 * "Noto Sans CJK SC", Debian fonts-noto-cjk). Every label is checked before drawing: if
 * fontconfig has no font with a glyph for some character (pango_layout_get_unknown_glyphs_count
 * > 0) the call fails with TF_EINVAL naming the text and the font, instead of writing tofu
 * boxes. Text sizes scale with width_px.
 *
 * Output. tfplot_*_png writes "<path>.partial" and renames it to path when complete
 * (io/csv/atomic_file.h); on failure nothing is left and the message names the path and the
 * reason (strerror / cairo_status_to_string). tfplot_*_png_bytes returns the PNG in memory
 * (malloc'd, free() it) for inlining; tfplot_base64 encodes it (GLib's g_base64_encode) for
 * a "data:image/png;base64,..." URI. Images are opaque RGB (white background).
 *
 * All structs are read only; the arrays they point to stay the caller's. Fill them with
 * designated initialisers; fields left 0/NULL take the default stated next to them.
 * Thread safety: separate calls may run in separate threads (each creates its own surface
 * and pango context). */
#ifndef TFPLOT_H
#define TFPLOT_H
#include <stddef.h>
#include "model/core/tf_error.h"

#define TFPLOT_FONT "Noto Sans CJK SC"
#define TFPLOT_MAX_CLASSES 16
/* colour of NaN cells and of the legend's no-data swatch, and the image background */
#define TFPLOT_NODATA_RGB {190, 190, 190}
#define TFPLOT_BACKGROUND_RGB {255, 255, 255}

typedef struct tfplot_rgb {
  unsigned char r, g, b;
} tfplot_rgb;

/* Polylines in lon/lat (deg): line k is the points start[k] .. start[k+1]-1. The layout of
 * io/gis/tfgis_region.h's tfgis_outlines, so its arrays can be passed as they are. */
typedef struct tfplot_lines {
  int nlines;
  const int *start;          /* nlines + 1 offsets */
  const double *lon, *lat;   /* deg */
  double width_px;           /* 0 = 1.0 */
  tfplot_rgb rgb;            /* {0,0,0} = black */
} tfplot_lines;

typedef struct tfplot_map {
  int nx, ny;                                  /* cells */
  const double *corner_lon, *corner_lat;       /* (nx+1)(ny+1) corners, deg; corner (i, j) at
                                                  [i + (nx+1) j], cell (i, j) has corners
                                                  (i,j) (i+1,j) (i+1,j+1) (i,j+1) */
  const double *value;                         /* nx·ny, cell (i, j) at [i + nx j]; NaN = no data */
  int nclass;                                  /* 1 .. TFPLOT_MAX_CLASSES */
  const double *breaks;                        /* nclass - 1 ascending inclusive upper bounds */
  const tfplot_rgb *rgb;                       /* nclass colours */
  const char *const *labels;                   /* nclass legend labels (UTF-8), e.g. "优 Good" */
  const char *legend_title;                    /* e.g. "MDA8 O₃ (µg/m³)"; NULL = none */
  const char *nodata_label;                    /* NULL = "无数据 No data" */
  const char *title, *subtitle;                /* UTF-8; NULL = none */
  int nline_sets;                              /* outline styles, drawn in order */
  const tfplot_lines *lines;
  int ncity;                                   /* city markers */
  const double *city_lon, *city_lat;           /* deg */
  const char *const *city_label;               /* UTF-8, e.g. "成都"; NULL = markers only */
  double lon_min, lon_max, lat_min, lat_max;   /* view, deg; all 0 = the corners' extent */
  double graticule_deg;                        /* line spacing; 0 = automatic (1, 2, 5, ...) */
  int width_px;                                /* whole image; 0 = 1000; >= 200 */
  const char *font;                            /* family; NULL = TFPLOT_FONT */
} tfplot_map;

typedef struct tfplot_curve {
  const double *value;     /* n values (caller's unit); NaN = gap */
  const char *label;       /* legend entry (UTF-8); NULL = none */
  tfplot_rgb rgb;
  double width_px;         /* 0 = 2.0 */
} tfplot_curve;

typedef struct tfplot_refline {
  double value;            /* caller's unit, e.g. 160 */
  const char *label;       /* e.g. "160 µg/m³ (GB 3095 8-h limit)"; NULL = none */
  tfplot_rgb rgb;
} tfplot_refline;

typedef struct tfplot_series {
  int n;                                  /* hours (points per curve), >= 2 */
  const char *const *xlabels;             /* n labels (e.g. "08-11 14h") or NULL = hour index */
  int xlabel_every;                       /* label every k-th hour; 0 = automatic */
  int ncurve;
  const tfplot_curve *curve;
  int nref;
  const tfplot_refline *ref;
  double y_min, y_max;                    /* both 0 = automatic: 0 .. above data and ref lines */
  const char *title, *subtitle, *y_label; /* UTF-8; NULL = none */
  int width_px, height_px;                /* 0 = 1000; height 0 = 0.45 · width */
  const char *font;                       /* NULL = TFPLOT_FONT */
} tfplot_series;

/* Where the data area lies in the image: pixel rectangle [x0, x1] × [y0, y1] (y down) and
 * the data range it shows: u = lon (map) or hour index (series), v = lat or value. */
typedef struct tfplot_frame {
  int width_px, height_px;        /* whole image */
  double x0, y0, x1, y1;          /* px */
  double u_min, u_max, v_min, v_max;
} tfplot_frame;

/* Map: the frame it will be drawn in (validates m like the drawing functions). */
int tfplot_map_frame(const tfplot_map *m, tfplot_frame *f, tf_err *err);
int tfplot_map_png(const tfplot_map *m, const char *path, tf_err *err);
int tfplot_map_png_bytes(const tfplot_map *m, unsigned char **png, size_t *n, tf_err *err);
/* Class of v (0 .. nclass-1) by the rule above; -1 for NaN. */
int tfplot_class_of(double v, int nclass, const double *breaks);

/* Series chart, the same three. */
int tfplot_series_frame(const tfplot_series *s, tfplot_frame *f, tf_err *err);
int tfplot_series_png(const tfplot_series *s, const char *path, tf_err *err);
int tfplot_series_png_bytes(const tfplot_series *s, unsigned char **png, size_t *n, tf_err *err);

/* Lay out `text` in `font` (NULL = TFPLOT_FONT); *unknown = the glyphs no installed font
 * has. TF_OK if 0, else TF_EINVAL naming the text and the font (and fonts-noto-cjk). */
int tfplot_text_check(const char *font, const char *text, int *unknown, tf_err *err);

/* Base64 (RFC 4648, no line breaks) of n bytes: a malloc'd NUL-terminated string (free()),
 * NULL with TF_ENOMEM on failure. */
char *tfplot_base64(const unsigned char *data, size_t n, tf_err *err);
#endif
