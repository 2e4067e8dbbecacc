/* bulletin_maps.c — the bulletin's images, drawn by io/plot (cairo + pango):
 *   - per complete forecast day, maps of O3 MDA8 and max 1-h O3 (µg/m3) on the model grid,
 *     read from the run's <stem>_daily.nc (io/netcdf/daily_file.h), classed by the HJ 633
 *     O3 breakpoints (MDA8: IAQI 50/100/150/200/300 at 100/160/215/265/800 µg/m3; 1-h:
 *     160/200/300/400/800) in the HJ 633 level colours, with the province (thick) and
 *     prefecture (thin) outlines of configs/ and the bulletin's cities as labelled markers;
 *     written as <dir>/bulletin_o3_mda8_YYYY-MM-DD.png and ..._o3_max1h_... and inlined;
 *   - per city, the hourly O3 series (hour-ending 1-h means, Beijing time) with the
 *     160 µg/m3 (GB 3095 grade II 8-h) and 200 µg/m3 (GB 3095 grade II 1-h) lines, inlined.
 * The model grid's cell corners are not in the daily file (only centres): they are
 * extrapolated bilinearly in index space from the four nearest centres, exact for a grid
 * whose lon/lat vary linearly across a cell, within a few metres for a 36–3 km LCC grid. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "datadir.h"
#include "bulletin_doc.h"
#include "io/csv/atomic_file.h"
#include "io/gis/tfgis_region.h"
#include "io/netcdf/daily_file.h"
#include "io/plot/tfplot.h"
#include "post/aqi.h"

enum { NCLASS = 6 };
static const double mda8_breaks[NCLASS - 1] = {100, 160, 215, 265, 800};
static const double max1h_breaks[NCLASS - 1] = {160, 200, 300, 400, 800};

/* Corner (I, J), I = 0..nx, J = 0..ny, sits at index position (I - 0.5, J - 0.5). */
static void corners(const double *c, int nx, int ny, double *out)
{
  for (int J = 0; J <= ny; J++)
    for (int I = 0; I <= nx; I++) {
      int i0 = I - 1 < 0 ? 0 : (I - 1 > nx - 2 ? nx - 2 : I - 1);
      int j0 = J - 1 < 0 ? 0 : (J - 1 > ny - 2 ? ny - 2 : J - 1);
      double fx = (I - 0.5) - i0, fy = (J - 0.5) - j0;
      const double *p = c + i0 + (size_t)nx * j0;
      out[I + (size_t)(nx + 1) * J] = (1 - fx) * (1 - fy) * p[0] + fx * (1 - fy) * p[1] + (1 - fx) * fy * p[nx] +
                                      fx * fy * p[nx + 1];
    }
}

static int write_bytes(const char *path, const unsigned char *b, size_t n, tf_err *err)
{
  char part[1300];
  FILE *f = tfio_fopen_partial(path, part, sizeof part, err);
  if (!f) return err->code;
  fwrite(b, 1, n, f);
  return tfio_fclose_commit(f, part, path, err);
}

typedef struct map_ctx {
  tfnc_daily *nc;
  double *clon, *clat, *val;
  tfgis_outlines *prov, *pref;
  double *city_lon, *city_lat;
  const char **city_label;
  tfplot_rgb rgb[NCLASS];
  const char *labels[NCLASS];
  char label_buf[NCLASS][64];
} map_ctx;

static int draw_map(bd_doc *d, map_ctx *m, int k, int kind, tf_err *err)
{
  static const char *const var[BD_NMAP] = {"O3_MDA8", "O3_MAX1H"};
  static const char *const file[BD_NMAP] = {"o3_mda8", "o3_max1h"};
  static const char *const title[BD_NMAP] = {"臭氧日最大8小时平均 O₃ MDA8", "臭氧日最大1小时 O₃ max 1-h"};
  int kd = -1;
  for (int t = 0; t < m->nc->nday; t++)
    if (!strcmp(m->nc->date[t], d->date[k])) kd = t;
  if (kd < 0) return TF_OK; /* the daily file does not cover this day */
  int rc = tfnc_daily_field(m->nc, var[kind], kd, m->val, err);
  if (rc) return rc;
  char subtitle[320];
  snprintf(subtitle, sizeof subtitle, "%.96s · %s (北京时 Beijing day) · from %s · lead day %d", d->cfg->title, d->date[k],
           d->start, k - d->start_day);
  tfplot_lines lines[2] = {
      {.nlines = m->pref->nlines, .start = m->pref->start, .lon = m->pref->lon, .lat = m->pref->lat, .width_px = 0.7,
       .rgb = {90, 90, 90}},
      {.nlines = m->prov->nlines, .start = m->prov->start, .lon = m->prov->lon, .lat = m->prov->lat, .width_px = 2.0},
  };
  tfplot_map map = {.nx = m->nc->nx, .ny = m->nc->ny, .corner_lon = m->clon, .corner_lat = m->clat, .value = m->val,
                    .nclass = NCLASS, .breaks = kind == BD_MAP_MDA8 ? mda8_breaks : max1h_breaks, .rgb = m->rgb,
                    .labels = m->labels, .legend_title = kind == BD_MAP_MDA8 ? "MDA8 O₃ (µg/m³)" : "1-h O₃ (µg/m³)",
                    .title = title[kind], .subtitle = subtitle, .nline_sets = 2, .lines = lines, .ncity = d->ncity,
                    .city_lon = m->city_lon, .city_lat = m->city_lat, .city_label = m->city_label, .width_px = 1000};
  const double *br = map.breaks;
  for (int c = 0; c < NCLASS; c++) {
    char range[32];
    if (c == 0) snprintf(range, sizeof range, "≤ %g", br[0]);
    else if (c == NCLASS - 1) snprintf(range, sizeof range, "> %g", br[c - 1]);
    else snprintf(range, sizeof range, "%g–%g", br[c - 1], br[c]);
    snprintf(m->label_buf[c], sizeof m->label_buf[c], "%s %s", aqi_category_zh(c + 1), range);
  }
  unsigned char *png = NULL;
  size_t n = 0;
  if ((rc = tfplot_map_png_bytes(&map, &png, &n, err))) return rc;
  char path[1400];
  snprintf(path, sizeof path, "%s/bulletin_%s_%s.png", d->dir, file[kind], d->date[k]);
  if (!(rc = write_bytes(path, png, n, err)) && !(d->map_b64[k * BD_NMAP + kind] = tfplot_base64(png, n, err)))
    rc = err->code;
  free(png);
  return rc;
}

static int draw_maps(bd_doc *d, tf_err *err)
{
  map_ctx m = {0};
  int rc;
  if ((rc = tfnc_daily_open(d->daily_nc, &m.nc, err))) return rc;
  size_t nc = (size_t)(m.nc->nx + 1) * (m.nc->ny + 1);
  m.clon = malloc(nc * sizeof(double));
  m.clat = malloc(nc * sizeof(double));
  m.val = malloc((size_t)m.nc->nx * m.nc->ny * sizeof(double));
  m.city_lon = malloc(sizeof(double) * (size_t)d->ncity);
  m.city_lat = malloc(sizeof(double) * (size_t)d->ncity);
  m.city_label = malloc(sizeof(char *) * (size_t)d->ncity);
  if (!m.clon || !m.clat || !m.val || !m.city_lon || !m.city_lat || !m.city_label) {
    rc = tf_err_set(err, TF_ENOMEM, "out of memory");
    goto done;
  }
  if (m.nc->nx < 2 || m.nc->ny < 2) {
    rc = tf_err_set(err, TF_EFORMAT, "%s: grid %d x %d: a map needs at least 2 x 2 cells", d->daily_nc, m.nc->nx, m.nc->ny);
    goto done;
  }
  corners(m.nc->lon, m.nc->nx, m.nc->ny, m.clon);
  corners(m.nc->lat, m.nc->nx, m.nc->ny, m.clat);
  for (int c = 0; c < d->ncity; c++) {
    m.city_lon[c] = d->city[c].c.lon, m.city_lat[c] = d->city[c].c.lat;
    m.city_label[c] = d->city[c].c.name_zh[0] ? d->city[c].c.name_zh : d->city[c].c.name;
  }
  for (int c = 0; c < NCLASS; c++) {
    unsigned char rgb[3];
    aqi_level_rgb(c + 1, rgb);
    m.rgb[c] = (tfplot_rgb){rgb[0], rgb[1], rgb[2]};
    m.labels[c] = m.label_buf[c];
  }
  if ((rc = tfgis_outlines_load(tf_data_dir(), "provinces", &m.prov, err)) ||
      (rc = tfgis_outlines_load(tf_data_dir(), "prefectures", &m.pref, err)))
    goto done;
  for (int k = 0; k < d->nday && !rc; k++) {
    if (!d->region[BD_BASIN][k].nvalid) continue; /* no complete day: nothing to map */
    for (int kind = 0; kind < BD_NMAP && !rc; kind++) rc = draw_map(d, &m, k, kind, err);
  }
done:
  tfgis_outlines_destroy(&m.prov), tfgis_outlines_destroy(&m.pref);
  free(m.clon), free(m.clat), free(m.val), free(m.city_lon), free(m.city_lat), free(m.city_label);
  tfnc_daily_close(&m.nc);
  return rc;
}

static int draw_series(bd_doc *d, tf_err *err)
{
  int n = d->nday * 24;
  char (*xl)[16] = malloc(sizeof *xl * (size_t)n);
  const char **xlp = malloc(sizeof(char *) * (size_t)n);
  if (!xl || !xlp) return free(xl), free(xlp), tf_err_set(err, TF_ENOMEM, "out of memory");
  for (int k = 0; k < d->nday; k++)
    for (int h = 0; h < 24; h++) {
      snprintf(xl[k * 24 + h], sizeof xl[0], "%.5s %02dh", d->date[k] + 5, h + 1);
      xlp[k * 24 + h] = xl[k * 24 + h];
    }
  tfplot_refline ref[2] = {{.value = 160, .label = "160 µg/m³ (8-h limit)", .rgb = {255, 126, 0}},
                           {.value = 200, .label = "200 µg/m³ (1-h limit)", .rgb = {255, 0, 0}}};
  int rc = TF_OK;
  for (int c = 0; c < d->ncity && !rc; c++) {
    bd_city *ci = &d->city[c];
    if (!ci->has[BD_O3]) continue;
    char title[320];
    snprintf(title, sizeof title, "%s %s — 逐时臭氧 hourly O₃ (hour-ending, Beijing time)", ci->c.name_zh, ci->c.name);
    int h0 = 0, h1 = n - 1; /* the forecast hours: the first to the last with a value */
    while (h0 < n - 1 && isnan(ci->hour[BD_O3][h0])) h0++;
    while (h1 > h0 && isnan(ci->hour[BD_O3][h1])) h1--;
    if (h1 - h0 < 1) continue;
    tfplot_curve cur = {.value = ci->hour[BD_O3] + h0, .label = "O₃ forecast", .rgb = {30, 90, 200}};
    tfplot_series s = {.n = h1 - h0 + 1, .xlabels = xlp + h0, .xlabel_every = h1 - h0 > 48 ? 12 : 6, .ncurve = 1, .curve = &cur, .nref = 2, .ref = ref,
                       .title = title, .y_label = "µg/m³", .width_px = 800};
    unsigned char *png = NULL;
    size_t len = 0;
    if ((rc = tfplot_series_png_bytes(&s, &png, &len, err))) break;
    if (!(ci->series_b64 = tfplot_base64(png, len, err))) rc = err->code;
    free(png);
  }
  free(xl), free(xlp);
  return rc;
}

int bd_draw(bd_doc *d, tf_err *err)
{
  int rc;
  if (d->daily_nc[0]) {
    if (!(d->map_b64 = calloc((size_t)d->nday * BD_NMAP, sizeof(char *))))
      return tf_err_set(err, TF_ENOMEM, "out of memory");
    if ((rc = draw_maps(d, err))) return rc;
  }
  return draw_series(d, err);
}
