/* tfplot.c — classified lon/lat maps and hourly series charts as PNG (see tfplot.h for what
 * is drawn, the class rule and the projection).
 *
 * Method. Each drawing is laid out first (map_layout / series_layout: text is measured with
 * pango on a scratch surface, then margins, frame and image size follow), then painted on
 * a cairo RGB24 image surface in that geometry, then encoded by cairo's PNG writer into a
 * FILE ("<path>.partial", renamed when complete) or a memory buffer. The layout functions
 * are also what tfplot_*_frame return, so the frame a caller gets is the one drawn.
 * Cells are cairo paths through their four projected corners, filled with antialiasing off
 * (exact class colours, no seams between neighbours); the graticule, outlines, curves and
 * text are antialiased. Text goes through one helper (text_set) that fails on glyphs no
 * installed font has. */
#include "io/plot/tfplot.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include "io/csv/atomic_file.h"
#include "model/core/tf_const.h"

/* ---------------------------------------------------------------- text */

typedef struct {
  cairo_t *cr;
  PangoLayout *lay;
  PangoFontDescription *fd;
  const char *font;
  tf_err *err;
} txt;

static int txt_open(txt *t, cairo_t *cr, const char *font, tf_err *err)
{
  t->cr = cr;
  t->font = font ? font : TFPLOT_FONT;
  t->err = err;
  t->lay = pango_cairo_create_layout(cr);
  t->fd = pango_font_description_from_string(t->font);
  if (!t->lay || !t->fd) return tf_err_set(err, TF_ENOMEM, "plot: cannot create a pango layout");
  return TF_OK;
}

static void txt_close(txt *t)
{
  if (t->fd) pango_font_description_free(t->fd);
  if (t->lay) g_object_unref(t->lay);
  t->fd = NULL;
  t->lay = NULL;
}

/* Set text, size (px) and weight (bold 0/1); fails if a glyph is missing. */
static int text_set(txt *t, const char *s, double size_px, int bold)
{
  pango_font_description_set_absolute_size(t->fd, size_px * PANGO_SCALE);
  pango_font_description_set_weight(t->fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(t->lay, t->fd);
  pango_layout_set_text(t->lay, s, -1);
  int unknown = pango_layout_get_unknown_glyphs_count(t->lay);
  if (unknown > 0)
    return tf_err_set(t->err, TF_EINVAL, "plot: text '%s' has %d character(s) that no installed font can draw "
                      "(font '%s' missing? on Debian: apt-get install fonts-noto-cjk)", s, unknown, t->font);
  return TF_OK;
}

static void text_size(txt *t, double *w, double *h)
{
  int iw, ih;
  pango_layout_get_pixel_size(t->lay, &iw, &ih);
  *w = iw;
  *h = ih;
}

/* Width and height of s at size_px (bold); 0 and an error if a glyph is missing. */
static int text_measure(txt *t, const char *s, double size_px, int bold, double *w, double *h)
{
  *w = *h = 0.0;
  if (!s || !*s) return TF_OK;
  int rc = text_set(t, s, size_px, bold);
  if (!rc) text_size(t, w, h);
  return rc;
}

static void set_rgb(cairo_t *cr, tfplot_rgb c) { cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0); }

/* Draw s with its box anchored at (x, y): ax, ay in [0, 1] (0 = left/top, 1 = right/bottom).
 * halo > 0: a white outline of that width under the text (labels over the map). */
static int text_draw(txt *t, const char *s, double size_px, int bold, double x, double y, double ax, double ay,
                     tfplot_rgb c, double halo)
{
  if (!s || !*s) return TF_OK;
  int rc = text_set(t, s, size_px, bold);
  if (rc) return rc;
  double w, h;
  text_size(t, &w, &h);
  cairo_t *cr = t->cr;
  cairo_move_to(cr, x - ax * w, y - ay * h);
  if (halo > 0.0) {
    pango_cairo_layout_path(cr, t->lay);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, halo);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_move_to(cr, x - ax * w, y - ay * h);
  }
  set_rgb(cr, c);
  pango_cairo_show_layout(cr, t->lay);
  cairo_new_path(cr);
  return TF_OK;
}

/* A scratch context for measuring text before the image size is known. */
typedef struct {
  cairo_surface_t *sf;
  cairo_t *cr;
  txt t;
} scratch;

static int scratch_open(scratch *s, const char *font, tf_err *err)
{
  memset(s, 0, sizeof *s);
  s->sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
  s->cr = cairo_create(s->sf);
  if (cairo_status(s->cr) != CAIRO_STATUS_SUCCESS)
    return tf_err_set(err, TF_ENOMEM, "plot: cannot create a cairo surface: %s",
                      cairo_status_to_string(cairo_status(s->cr)));
  return txt_open(&s->t, s->cr, font, err);
}

static void scratch_close(scratch *s)
{
  txt_close(&s->t);
  if (s->cr) cairo_destroy(s->cr);
  if (s->sf) cairo_surface_destroy(s->sf);
}

int tfplot_text_check(const char *font, const char *text, int *unknown, tf_err *err)
{
  scratch s;
  int rc = scratch_open(&s, font, err);
  if (!rc) {
    pango_font_description_set_absolute_size(s.t.fd, 16 * PANGO_SCALE);
    pango_layout_set_font_description(s.t.lay, s.t.fd);
    pango_layout_set_text(s.t.lay, text ? text : "", -1);
    int u = pango_layout_get_unknown_glyphs_count(s.t.lay);
    if (unknown) *unknown = u;
    if (u > 0) rc = text_set(&s.t, text, 16, 0);   /* sets the message */
  }
  scratch_close(&s);
  return rc;
}

/* ---------------------------------------------------------------- output */

typedef struct {
  unsigned char *p;
  size_t n, cap;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int len)
{
  membuf *b = closure;
  if (b->n + len > b->cap) {
    size_t cap = b->cap ? b->cap : 65536;
    while (cap < b->n + len) cap *= 2;
    unsigned char *p = realloc(b->p, cap);
    if (!p) return CAIRO_STATUS_NO_MEMORY;
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, data, len);
  b->n += len;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int len)
{
  return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static int surface_to_file(cairo_surface_t *sf, const char *path, tf_err *err)
{
  char partial[4096];
  FILE *f = tfio_fopen_partial(path, partial, sizeof partial, err);
  if (!f) {
    tf_err_prefix(err, "PNG %s", path);
    return TF_EIO;
  }
  errno = 0;
  cairo_status_t st = cairo_surface_write_to_png_stream(sf, write_file, f);
  if (st != CAIRO_STATUS_SUCCESS) {
    int e = errno;
    fclose(f);
    tfio_discard(partial);
    return tf_err_set(err, TF_EIO, "PNG %s: writing %s failed: %s%s%s", path, partial, cairo_status_to_string(st),
                      e ? ": " : "", e ? strerror(e) : "");
  }
  int rc = tfio_fclose_commit(f, partial, path, err);
  if (rc) tf_err_prefix(err, "PNG %s", path);
  return rc;
}

static int surface_to_mem(cairo_surface_t *sf, unsigned char **png, size_t *n, tf_err *err)
{
  membuf b = {0};
  cairo_status_t st = cairo_surface_write_to_png_stream(sf, write_mem, &b);
  if (st != CAIRO_STATUS_SUCCESS) {
    free(b.p);
    return tf_err_set(err, st == CAIRO_STATUS_NO_MEMORY ? TF_ENOMEM : TF_EIO, "PNG in memory: %s",
                      cairo_status_to_string(st));
  }
  *png = b.p;
  *n = b.n;
  return TF_OK;
}

/* One image: the surface and a text context on it. */
typedef struct {
  cairo_surface_t *sf;
  cairo_t *cr;
  txt t;
} canvas;

static int canvas_open(canvas *c, int w, int h, const char *font, tf_err *err)
{
  memset(c, 0, sizeof *c);
  c->sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  c->cr = cairo_create(c->sf);
  if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS)
    return tf_err_set(err, TF_ENOMEM, "plot: cannot create a %d x %d image: %s", w, h,
                      cairo_status_to_string(cairo_status(c->cr)));
  tfplot_rgb bg = TFPLOT_BACKGROUND_RGB;
  set_rgb(c->cr, bg);
  cairo_paint(c->cr);
  return txt_open(&c->t, c->cr, font, err);
}

static void canvas_close(canvas *c)
{
  txt_close(&c->t);
  if (c->cr) cairo_destroy(c->cr);
  if (c->sf) cairo_surface_destroy(c->sf);
}

static int canvas_status(canvas *c, tf_err *err)
{
  cairo_surface_flush(c->sf);
  cairo_status_t st = cairo_status(c->cr);
  if (st != CAIRO_STATUS_SUCCESS) return tf_err_set(err, TF_EINTERNAL, "plot: drawing failed: %s", cairo_status_to_string(st));
  return TF_OK;
}

char *tfplot_base64(const unsigned char *data, size_t n, tf_err *err)
{
  gchar *g = g_base64_encode(data, n);
  char *s = g ? malloc(strlen(g) + 1) : NULL;
  if (s) strcpy(s, g);
  else tf_err_set(err, TF_ENOMEM, "base64 of %zu bytes: out of memory", n);
  g_free(g);
  return s;
}

/* ---------------------------------------------------------------- shared helpers */

static const tfplot_rgb BLACK = {0, 0, 0}, DARK = {60, 60, 60}, MID = {110, 110, 110};

static double fmax2(double a, double b) { return a > b ? a : b; }

/* Nice step (1, 2, 2.5, 5 × 10^k) so that span/step is at most max_ticks. */
static double nice_step(double span, int max_ticks)
{
  double raw = span / max_ticks, p = pow(10.0, floor(log10(raw)));
  const double m[] = {1, 2, 2.5, 5, 10};
  for (int k = 0; k < 5; k++)
    if (m[k] * p >= raw) return m[k] * p;
  return 10 * p;
}

int tfplot_class_of(double v, int nclass, const double *breaks)
{
  if (isnan(v)) return -1;
  int k = 0;
  while (k < nclass - 1 && v > breaks[k]) k++;
  return k;
}

/* ---------------------------------------------------------------- map */

typedef struct {
  double s, fs_title, fs_sub, fs_text, fs_small, pad;
  double title_h, sub_h;
  double leg_x, leg_y, sw_w, sw_h, row_h, leg_title_h;
  double grat;
  tfplot_frame f;
  char auto_label[TFPLOT_MAX_CLASSES][64];
} map_geom;

static const char *class_label(const tfplot_map *m, const map_geom *g, int k)
{
  return m->labels && m->labels[k] ? m->labels[k] : g->auto_label[k];
}
static const char *nodata_label(const tfplot_map *m) { return m->nodata_label ? m->nodata_label : "无数据 No data"; }

static void deg_label(char *buf, size_t n, double v, int is_lon)
{
  double a = fabs(v);
  char hemi = is_lon ? (v < 0 ? 'W' : 'E') : (v < 0 ? 'S' : 'N');
  if (fabs(v) < 1e-9) hemi = is_lon ? 'E' : 'N';
  snprintf(buf, n, "%g°%c", floor(a * 1000 + 0.5) / 1000, hemi);
}

static int map_check(const tfplot_map *m, tf_err *err)
{
  if (!m) return tf_err_set(err, TF_EINVAL, "plot map: NULL description");
  if (m->nx < 1 || m->ny < 1 || !m->corner_lon || !m->corner_lat || !m->value)
    return tf_err_set(err, TF_EINVAL, "plot map: need nx, ny >= 1 (got %d x %d), corner_lon, corner_lat and value",
                      m->nx, m->ny);
  if (m->nclass < 1 || m->nclass > TFPLOT_MAX_CLASSES || !m->rgb || (m->nclass > 1 && !m->breaks))
    return tf_err_set(err, TF_EINVAL, "plot map: need 1..%d classes with colours and nclass-1 breakpoints (got %d)",
                      TFPLOT_MAX_CLASSES, m->nclass);
  for (int k = 0; k < m->nclass - 1; k++)
    if (!isfinite(m->breaks[k]) || (k > 0 && !(m->breaks[k] > m->breaks[k - 1])))
      return tf_err_set(err, TF_EINVAL, "plot map: breakpoints must be finite and strictly ascending (breaks[%d] = %g)",
                        k, m->breaks[k]);
  if (m->width_px && m->width_px < 200) return tf_err_set(err, TF_EINVAL, "plot map: width_px %d < 200", m->width_px);
  if (m->ncity > 0 && (!m->city_lon || !m->city_lat)) return tf_err_set(err, TF_EINVAL, "plot map: %d cities without coordinates", m->ncity);
  if (m->nline_sets > 0 && !m->lines) return tf_err_set(err, TF_EINVAL, "plot map: nline_sets %d without lines", m->nline_sets);
  for (int k = 0; k < m->nline_sets; k++)
    if (m->lines[k].nlines > 0 && (!m->lines[k].start || !m->lines[k].lon || !m->lines[k].lat))
      return tf_err_set(err, TF_EINVAL, "plot map: line set %d has no start/lon/lat arrays", k);
  return TF_OK;
}

static int map_layout(const tfplot_map *m, txt *t, map_geom *g, tf_err *err)
{
  int rc = map_check(m, err);
  if (rc) return rc;
  memset(g, 0, sizeof *g);
  tfplot_frame *f = &g->f;
  /* view */
  if (m->lon_min == 0 && m->lon_max == 0 && m->lat_min == 0 && m->lat_max == 0) {
    f->u_min = f->v_min = INFINITY;
    f->u_max = f->v_max = -INFINITY;
    size_t nc = (size_t)(m->nx + 1) * (size_t)(m->ny + 1);
    for (size_t c = 0; c < nc; c++) {
      double lo = m->corner_lon[c], la = m->corner_lat[c];
      if (!isfinite(lo) || !isfinite(la)) continue;
      if (lo < f->u_min) f->u_min = lo;
      if (lo > f->u_max) f->u_max = lo;
      if (la < f->v_min) f->v_min = la;
      if (la > f->v_max) f->v_max = la;
    }
  } else {
    f->u_min = m->lon_min; f->u_max = m->lon_max; f->v_min = m->lat_min; f->v_max = m->lat_max;
  }
  if (!(f->u_max > f->u_min) || !(f->v_max > f->v_min) || f->v_min < -90 || f->v_max > 90)
    return tf_err_set(err, TF_EINVAL, "plot map: empty or invalid view %g..%g E x %g..%g N", f->u_min, f->u_max,
                      f->v_min, f->v_max);
  double coslat = cos((f->v_min + f->v_max) * 0.5 * TF_DEG2RAD);
  g->grat = m->graticule_deg > 0 ? m->graticule_deg : nice_step(fmax2(f->u_max - f->u_min, f->v_max - f->v_min), 6);

  int W = m->width_px ? m->width_px : 1000;
  double s = W / 1000.0;
  g->s = s;
  g->fs_title = fmax2(12, 26 * s);
  g->fs_sub = fmax2(10, 17 * s);
  g->fs_text = fmax2(9, 16 * s);
  g->fs_small = fmax2(8, 14 * s);
  g->pad = fmax2(6, floor(14 * s + 0.5));
  double pad = g->pad, w, h;

  double top = pad;
  if ((rc = text_measure(t, m->title, g->fs_title, 1, &w, &g->title_h))) return rc;
  if ((rc = text_measure(t, m->subtitle, g->fs_sub, 0, &w, &g->sub_h))) return rc;
  top += g->title_h + (g->sub_h > 0 ? pad / 3 + g->sub_h : 0) + pad;

  /* tick labels: the widest latitude label, the height of a longitude label */
  double lat_w = 0, lab_h = 0;
  char buf[64];
  for (double v = ceil(f->v_min / g->grat - 1e-9) * g->grat; v <= f->v_max + 1e-9; v += g->grat) {
    deg_label(buf, sizeof buf, v, 0);
    if ((rc = text_measure(t, buf, g->fs_small, 0, &w, &h))) return rc;
    lat_w = fmax2(lat_w, w);
    lab_h = fmax2(lab_h, h);
  }
  double left = pad + lat_w + pad / 2;

  /* legend */
  for (int k = 0; k < m->nclass; k++) {
    char *a = g->auto_label[k];
    if (m->nclass == 1) snprintf(a, 64, "all");
    else if (k == 0) snprintf(a, 64, "≤ %g", m->breaks[0]);
    else if (k == m->nclass - 1) snprintf(a, 64, "> %g", m->breaks[k - 1]);
    else snprintf(a, 64, "%g – %g", m->breaks[k - 1], m->breaks[k]);
  }
  g->sw_w = fmax2(14, 30 * s);
  g->sw_h = fmax2(10, 20 * s);
  double lab_w = 0, row_h = g->sw_h;
  for (int k = 0; k <= m->nclass; k++) {
    if ((rc = text_measure(t, k < m->nclass ? class_label(m, g, k) : nodata_label(m), g->fs_text, 0, &w, &h))) return rc;
    lab_w = fmax2(lab_w, w);
    row_h = fmax2(row_h, h);
  }
  g->row_h = row_h + pad / 2;
  if ((rc = text_measure(t, m->legend_title, g->fs_text, 1, &w, &g->leg_title_h))) return rc;
  double leg_w = fmax2(g->sw_w + pad / 2 + lab_w, w);
  double leg_h = (g->leg_title_h > 0 ? g->leg_title_h + pad / 2 : 0) + (m->nclass + 1) * g->row_h;

  double mw = W - left - 2 * pad - leg_w - pad;
  if (mw < 60)
    return tf_err_set(err, TF_EINVAL, "plot map: width_px %d leaves %.0f px for the map after the legend (%.0f px); "
                      "use a wider image or shorter labels", W, mw, leg_w);
  double mh = mw * (f->v_max - f->v_min) / ((f->u_max - f->u_min) * coslat);
  if (mh > 4.0 * W)
    return tf_err_set(err, TF_EINVAL, "plot map: view %g..%g E x %g..%g N is too tall for width %d", f->u_min,
                      f->u_max, f->v_min, f->v_max, W);
  double bottom = pad / 2 + lab_h + pad;
  double H = top + mh + bottom;
  if (top + leg_h + pad > H) H = top + leg_h + pad;
  f->width_px = W;
  f->height_px = (int)ceil(H);
  f->x0 = left;
  f->x1 = left + mw;
  f->y0 = top;
  f->y1 = top + mh;
  g->leg_x = f->x1 + 2 * pad;
  g->leg_y = top;
  return TF_OK;
}

int tfplot_map_frame(const tfplot_map *m, tfplot_frame *f, tf_err *err)
{
  scratch sc;
  map_geom g;
  int rc = scratch_open(&sc, m ? m->font : NULL, err);
  if (!rc) rc = map_layout(m, &sc.t, &g, err);
  if (!rc) *f = g.f;
  scratch_close(&sc);
  return rc;
}

static void map_xy(const tfplot_frame *f, double lon, double lat, double *x, double *y)
{
  *x = f->x0 + (lon - f->u_min) / (f->u_max - f->u_min) * (f->x1 - f->x0);
  *y = f->y0 + (f->v_max - lat) / (f->v_max - f->v_min) * (f->y1 - f->y0);
}

static int map_paint(const tfplot_map *m, canvas *c, const map_geom *g, tf_err *err)
{
  cairo_t *cr = c->cr;
  const tfplot_frame *f = &g->f;
  int rc;
  double pad = g->pad, x, y;
  tfplot_rgb nodata = TFPLOT_NODATA_RGB;

  /* cells, clipped to the frame */
  cairo_save(cr);
  cairo_rectangle(cr, f->x0, f->y0, f->x1 - f->x0, f->y1 - f->y0);
  cairo_clip(cr);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  int nxc = m->nx + 1;
  for (int j = 0; j < m->ny; j++)
    for (int i = 0; i < m->nx; i++) {
      const int ci[4] = {i + nxc * j, i + 1 + nxc * j, i + 1 + nxc * (j + 1), i + nxc * (j + 1)};
      int ok = 1;
      for (int k = 0; k < 4 && ok; k++) ok = isfinite(m->corner_lon[ci[k]]) && isfinite(m->corner_lat[ci[k]]);
      if (!ok) continue;
      for (int k = 0; k < 4; k++) {
        map_xy(f, m->corner_lon[ci[k]], m->corner_lat[ci[k]], &x, &y);
        if (k == 0) cairo_move_to(cr, x, y);
        else cairo_line_to(cr, x, y);
      }
      cairo_close_path(cr);
      int cls = tfplot_class_of(m->value[i + (size_t)m->nx * j], m->nclass, m->breaks);
      set_rgb(cr, cls < 0 ? nodata : m->rgb[cls]);
      cairo_fill(cr);
    }
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);

  /* graticule */
  double lon0 = ceil(f->u_min / g->grat - 1e-9) * g->grat, lat0 = ceil(f->v_min / g->grat - 1e-9) * g->grat;
  cairo_set_source_rgba(cr, 0.25, 0.25, 0.25, 0.45);
  cairo_set_line_width(cr, fmax2(0.6, 0.8 * g->s));
  for (double lo = lon0; lo <= f->u_max + 1e-9; lo += g->grat) {
    map_xy(f, lo, 0, &x, &y);
    cairo_move_to(cr, x, f->y0);
    cairo_line_to(cr, x, f->y1);
  }
  for (double la = lat0; la <= f->v_max + 1e-9; la += g->grat) {
    map_xy(f, 0, la, &x, &y);
    cairo_move_to(cr, f->x0, y);
    cairo_line_to(cr, f->x1, y);
  }
  cairo_stroke(cr);

  /* outlines */
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (int s = 0; s < m->nline_sets; s++) {
    const tfplot_lines *L = &m->lines[s];
    for (int k = 0; k < L->nlines; k++) {
      int moved = 0;
      for (int p = L->start[k]; p < L->start[k + 1]; p++) {
        if (!isfinite(L->lon[p]) || !isfinite(L->lat[p])) { moved = 0; continue; }
        map_xy(f, L->lon[p], L->lat[p], &x, &y);
        if (moved) cairo_line_to(cr, x, y);
        else cairo_move_to(cr, x, y);
        moved = 1;
      }
    }
    set_rgb(cr, L->rgb);
    cairo_set_line_width(cr, L->width_px > 0 ? L->width_px : 1.0);
    cairo_stroke(cr);
  }
  cairo_restore(cr);

  /* frame and graticule labels */
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_set_line_width(cr, 1.0);
  cairo_rectangle(cr, floor(f->x0) + 0.5, floor(f->y0) + 0.5, floor(f->x1) - floor(f->x0), floor(f->y1) - floor(f->y0));
  cairo_stroke(cr);
  char buf[64];
  for (double lo = lon0; lo <= f->u_max + 1e-9; lo += g->grat) {
    map_xy(f, lo, 0, &x, &y);
    deg_label(buf, sizeof buf, lo, 1);
    if ((rc = text_draw(&c->t, buf, g->fs_small, 0, x, f->y1 + pad / 2, 0.5, 0, DARK, 0))) return rc;
  }
  for (double la = lat0; la <= f->v_max + 1e-9; la += g->grat) {
    map_xy(f, 0, la, &x, &y);
    deg_label(buf, sizeof buf, la, 0);
    if ((rc = text_draw(&c->t, buf, g->fs_small, 0, f->x0 - pad / 2, y, 1, 0.5, DARK, 0))) return rc;
  }

  /* cities */
  double r = fmax2(2.5, 4 * g->s);
  for (int k = 0; k < m->ncity; k++) {
    double lo = m->city_lon[k], la = m->city_lat[k];
    if (!(lo >= f->u_min && lo <= f->u_max && la >= f->v_min && la <= f->v_max)) continue;
    map_xy(f, lo, la, &x, &y);
    cairo_arc(cr, x, y, r, 0, 2 * TF_PI);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, fmax2(1, 1.5 * g->s));
    cairo_stroke(cr);
    if (m->city_label && m->city_label[k] &&
        (rc = text_draw(&c->t, m->city_label[k], g->fs_text, 0, x + r + 2, y, 0, 0.5, BLACK, fmax2(2, 3 * g->s))))
      return rc;
  }

  /* title */
  if ((rc = text_draw(&c->t, m->title, g->fs_title, 1, f->x0, pad, 0, 0, BLACK, 0))) return rc;
  if ((rc = text_draw(&c->t, m->subtitle, g->fs_sub, 0, f->x0, pad + g->title_h + pad / 3, 0, 0, MID, 0))) return rc;

  /* legend: class 0 at the top, then no data */
  double ly = g->leg_y;
  if (m->legend_title) {
    if ((rc = text_draw(&c->t, m->legend_title, g->fs_text, 1, g->leg_x, ly, 0, 0, BLACK, 0))) return rc;
    ly += g->leg_title_h + pad / 2;
  }
  for (int k = 0; k <= m->nclass; k++) {
    double yc = ly + (k + 0.5) * g->row_h;
    double sx = floor(g->leg_x), sy = floor(yc - g->sw_h / 2);
    cairo_rectangle(cr, sx, sy, floor(g->sw_w), floor(g->sw_h));
    set_rgb(cr, k < m->nclass ? m->rgb[k] : nodata);
    cairo_fill(cr);
    cairo_rectangle(cr, sx - 0.5, sy - 0.5, floor(g->sw_w) + 1, floor(g->sw_h) + 1);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
    const char *lab = k < m->nclass ? class_label(m, g, k) : nodata_label(m);
    if ((rc = text_draw(&c->t, lab, g->fs_text, 0, g->leg_x + g->sw_w + pad / 2, yc, 0, 0.5, BLACK, 0))) return rc;
  }
  return canvas_status(c, err);
}

/* Lay out and paint m into c (opened here; the caller closes it). */
static int map_render(const tfplot_map *m, canvas *c, tf_err *err)
{
  scratch sc;
  map_geom g;
  memset(c, 0, sizeof *c);
  int rc = scratch_open(&sc, m ? m->font : NULL, err);
  if (!rc) rc = map_layout(m, &sc.t, &g, err);
  scratch_close(&sc);
  if (!rc) rc = canvas_open(c, g.f.width_px, g.f.height_px, m->font, err);
  if (!rc) rc = map_paint(m, c, &g, err);
  return rc;
}

int tfplot_map_png(const tfplot_map *m, const char *path, tf_err *err)
{
  canvas c;
  int rc = map_render(m, &c, err);
  if (!rc) rc = surface_to_file(c.sf, path, err);
  else tf_err_prefix(err, "PNG %s", path);
  canvas_close(&c);
  return rc;
}

int tfplot_map_png_bytes(const tfplot_map *m, unsigned char **png, size_t *n, tf_err *err)
{
  canvas c;
  *png = NULL;
  *n = 0;
  int rc = map_render(m, &c, err);
  if (!rc) rc = surface_to_mem(c.sf, png, n, err);
  canvas_close(&c);
  return rc;
}

/* ---------------------------------------------------------------- series */

typedef struct {
  double s, fs_title, fs_sub, fs_text, fs_small, pad;
  double title_h, sub_h, ylab_h, xlab_h, leg_h;
  double ystep;
  int xevery;
  tfplot_frame f;
} series_geom;

static int series_check(const tfplot_series *s, tf_err *err)
{
  if (!s) return tf_err_set(err, TF_EINVAL, "plot series: NULL description");
  if (s->n < 2) return tf_err_set(err, TF_EINVAL, "plot series: need n >= 2 hours (got %d)", s->n);
  if (s->ncurve < 0 || (s->ncurve > 0 && !s->curve) || s->nref < 0 || (s->nref > 0 && !s->ref))
    return tf_err_set(err, TF_EINVAL, "plot series: curve/ref counts without arrays");
  for (int k = 0; k < s->ncurve; k++)
    if (!s->curve[k].value) return tf_err_set(err, TF_EINVAL, "plot series: curve %d has no values", k);
  if (s->width_px && s->width_px < 200) return tf_err_set(err, TF_EINVAL, "plot series: width_px %d < 200", s->width_px);
  if (s->height_px && s->height_px < 100) return tf_err_set(err, TF_EINVAL, "plot series: height_px %d < 100", s->height_px);
  if ((s->y_min != 0 || s->y_max != 0) && !(s->y_max > s->y_min))
    return tf_err_set(err, TF_EINVAL, "plot series: y range %g..%g is empty", s->y_min, s->y_max);
  return TF_OK;
}

static void ytick_label(char *buf, size_t n, double v) { snprintf(buf, n, "%g", fabs(v) < 1e-9 ? 0.0 : v); }

static int series_layout(const tfplot_series *s, txt *t, series_geom *g, tf_err *err)
{
  int rc = series_check(s, err);
  if (rc) return rc;
  memset(g, 0, sizeof *g);
  tfplot_frame *f = &g->f;
  int W = s->width_px ? s->width_px : 1000;
  int H = s->height_px ? s->height_px : (int)floor(0.45 * W + 0.5);
  double sc = W / 1000.0;
  g->s = sc;
  g->fs_title = fmax2(12, 24 * sc);
  g->fs_sub = fmax2(10, 16 * sc);
  g->fs_text = fmax2(9, 15 * sc);
  g->fs_small = fmax2(8, 13 * sc);
  g->pad = fmax2(6, floor(14 * sc + 0.5));
  double pad = g->pad, w, h;

  /* y range */
  f->u_min = 0;
  f->u_max = s->n - 1;
  if (s->y_min != 0 || s->y_max != 0) {
    f->v_min = s->y_min;
    f->v_max = s->y_max;
    g->ystep = nice_step(f->v_max - f->v_min, 8);
  } else {
    double hi = 0;
    for (int k = 0; k < s->ncurve; k++)
      for (int i = 0; i < s->n; i++)
        if (isfinite(s->curve[k].value[i])) hi = fmax2(hi, s->curve[k].value[i]);
    for (int k = 0; k < s->nref; k++)
      if (isfinite(s->ref[k].value)) hi = fmax2(hi, s->ref[k].value);
    if (hi <= 0) hi = 1;
    hi *= 1.08;
    g->ystep = nice_step(hi, 8);
    f->v_min = 0;
    f->v_max = ceil(hi / g->ystep - 1e-9) * g->ystep;
  }

  double top = pad;
  if ((rc = text_measure(t, s->title, g->fs_title, 1, &w, &g->title_h))) return rc;
  if ((rc = text_measure(t, s->subtitle, g->fs_sub, 0, &w, &g->sub_h))) return rc;
  top += g->title_h + (g->sub_h > 0 ? pad / 3 + g->sub_h : 0) + pad;

  /* y tick labels and the rotated y label */
  double ytw = 0;
  char buf[64];
  for (double v = ceil(f->v_min / g->ystep - 1e-9) * g->ystep; v <= f->v_max + 1e-9 * g->ystep; v += g->ystep) {
    ytick_label(buf, sizeof buf, v);
    if ((rc = text_measure(t, buf, g->fs_small, 0, &w, &h))) return rc;
    ytw = fmax2(ytw, w);
  }
  if ((rc = text_measure(t, s->y_label, g->fs_text, 0, &w, &g->ylab_h))) return rc;
  double left = pad + (g->ylab_h > 0 ? g->ylab_h + pad / 2 : 0) + ytw + pad / 2;

  /* x labels */
  double xlw = 0;
  for (int i = 0; i < s->n; i++) {
    const char *lab = s->xlabels ? s->xlabels[i] : NULL;
    if (!s->xlabels) { snprintf(buf, sizeof buf, "%d", i); lab = buf; }
    if ((rc = text_measure(t, lab, g->fs_small, 0, &w, &h))) return rc;
    xlw = fmax2(xlw, w);
    g->xlab_h = fmax2(g->xlab_h, h);
  }
  /* legend row */
  for (int k = 0; k < s->ncurve; k++) {
    if ((rc = text_measure(t, s->curve[k].label, g->fs_text, 0, &w, &h))) return rc;
    g->leg_h = fmax2(g->leg_h, h);
  }
  for (int k = 0; k < s->nref; k++)
    if ((rc = text_measure(t, s->ref[k].label, g->fs_small, 0, &w, &h))) return rc;
  double bottom = pad / 2 + g->xlab_h + pad + (g->leg_h > 0 ? g->leg_h + pad : 0);
  f->width_px = W;
  f->height_px = H;
  f->x0 = left;
  f->x1 = W - 2 * pad;
  f->y0 = top;
  f->y1 = H - bottom;
  if (f->x1 - f->x0 < 60 || f->y1 - f->y0 < 40)
    return tf_err_set(err, TF_EINVAL, "plot series: %d x %d px leaves %.0f x %.0f px for the chart after titles and "
                      "labels; use a larger image", W, H, f->x1 - f->x0, f->y1 - f->y0);
  if (s->xlabel_every > 0) {
    g->xevery = s->xlabel_every;
  } else {
    const int steps[] = {1, 2, 3, 4, 6, 12, 24, 48, 72, 96, 168};
    double px_per_h = (f->x1 - f->x0) / (s->n - 1);
    g->xevery = 168;
    for (int k = 0; k < 11; k++)
      if (steps[k] * px_per_h >= xlw + pad) { g->xevery = steps[k]; break; }
  }
  return TF_OK;
}

int tfplot_series_frame(const tfplot_series *s, tfplot_frame *f, tf_err *err)
{
  scratch sc;
  series_geom g;
  int rc = scratch_open(&sc, s ? s->font : NULL, err);
  if (!rc) rc = series_layout(s, &sc.t, &g, err);
  if (!rc) *f = g.f;
  scratch_close(&sc);
  return rc;
}

static void series_xy(const tfplot_frame *f, double u, double v, double *x, double *y)
{
  *x = f->x0 + (u - f->u_min) / (f->u_max - f->u_min) * (f->x1 - f->x0);
  *y = f->y1 - (v - f->v_min) / (f->v_max - f->v_min) * (f->y1 - f->y0);
}

static int series_paint(const tfplot_series *s, canvas *c, const series_geom *g, tf_err *err)
{
  cairo_t *cr = c->cr;
  const tfplot_frame *f = &g->f;
  double pad = g->pad, x, y;
  int rc;
  char buf[64];

  /* horizontal grid and y tick labels */
  cairo_set_line_width(cr, 1.0);
  cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
  double v0 = ceil(f->v_min / g->ystep - 1e-9) * g->ystep;
  for (double v = v0; v <= f->v_max + 1e-9 * g->ystep; v += g->ystep) {
    series_xy(f, 0, v, &x, &y);
    cairo_move_to(cr, f->x0, floor(y) + 0.5);
    cairo_line_to(cr, f->x1, floor(y) + 0.5);
  }
  cairo_stroke(cr);
  for (double v = v0; v <= f->v_max + 1e-9 * g->ystep; v += g->ystep) {
    series_xy(f, 0, v, &x, &y);
    ytick_label(buf, sizeof buf, v);
    if ((rc = text_draw(&c->t, buf, g->fs_small, 0, f->x0 - pad / 2, y, 1, 0.5, DARK, 0))) return rc;
  }
  /* x ticks and labels (every xevery hours) */
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  for (int i = 0; i < s->n; i += g->xevery) {
    series_xy(f, i, 0, &x, &y);
    cairo_move_to(cr, floor(x) + 0.5, f->y1);
    cairo_line_to(cr, floor(x) + 0.5, f->y1 + pad / 3);
  }
  cairo_stroke(cr);
  for (int i = 0; i < s->n; i += g->xevery) {
    series_xy(f, i, 0, &x, &y);
    const char *lab = s->xlabels ? s->xlabels[i] : NULL;
    if (!s->xlabels) { snprintf(buf, sizeof buf, "%d", i); lab = buf; }
    if ((rc = text_draw(&c->t, lab, g->fs_small, 0, x, f->y1 + pad / 2, 0.5, 0, DARK, 0))) return rc;
  }
  /* y label, rotated */
  if (s->y_label) {
    if ((rc = text_set(&c->t, s->y_label, g->fs_text, 0))) return rc;
    double w, h;
    text_size(&c->t, &w, &h);
    cairo_save(cr);
    cairo_translate(cr, pad, (f->y0 + f->y1) / 2 + w / 2);
    cairo_rotate(cr, -TF_PI / 2);
    cairo_move_to(cr, 0, 0);
    set_rgb(cr, DARK);
    pango_cairo_update_layout(cr, c->t.lay);
    pango_cairo_show_layout(cr, c->t.lay);
    cairo_restore(cr);
    pango_cairo_update_layout(cr, c->t.lay);
  }

  /* reference lines: 2 px, on whole pixels (rows round(y)-1 and round(y)) */
  for (int k = 0; k < s->nref; k++) {
    double v = s->ref[k].value;
    if (!(v >= f->v_min && v <= f->v_max)) continue;
    series_xy(f, 0, v, &x, &y);
    double yr = floor(y + 0.5);
    set_rgb(cr, s->ref[k].rgb);
    cairo_set_line_width(cr, 2.0);
    cairo_move_to(cr, f->x0, yr);
    cairo_line_to(cr, f->x1, yr);
    cairo_stroke(cr);
    if ((rc = text_draw(&c->t, s->ref[k].label, g->fs_small, 0, f->x1 - pad / 2, yr - 2, 1, 1, s->ref[k].rgb, 2.5)))
      return rc;
  }

  /* curves, clipped to the frame */
  cairo_save(cr);
  cairo_rectangle(cr, f->x0, f->y0, f->x1 - f->x0, f->y1 - f->y0);
  cairo_clip(cr);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  for (int k = 0; k < s->ncurve; k++) {
    const tfplot_curve *cv = &s->curve[k];
    double lw = cv->width_px > 0 ? cv->width_px : 2.0;
    set_rgb(cr, cv->rgb);
    cairo_set_line_width(cr, lw);
    for (int i = 0; i < s->n; i++) {
      if (!isfinite(cv->value[i])) continue;
      series_xy(f, i, cv->value[i], &x, &y);
      int prev = i > 0 && isfinite(cv->value[i - 1]), next = i + 1 < s->n && isfinite(cv->value[i + 1]);
      if (!prev && !next) {   /* a lone value: a dot */
        cairo_stroke(cr);
        cairo_arc(cr, x, y, lw * 1.2, 0, 2 * TF_PI);
        cairo_fill(cr);
        continue;
      }
      if (prev) cairo_line_to(cr, x, y);
      else cairo_move_to(cr, x, y);
    }
    cairo_stroke(cr);
  }
  cairo_restore(cr);

  /* frame */
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_set_line_width(cr, 1.0);
  cairo_rectangle(cr, floor(f->x0) + 0.5, floor(f->y0) + 0.5, floor(f->x1) - floor(f->x0), floor(f->y1) - floor(f->y0));
  cairo_stroke(cr);

  /* legend row under the x labels */
  double lx = f->x0, ly = f->y1 + pad / 2 + g->xlab_h + pad + g->leg_h / 2;
  for (int k = 0; k < s->ncurve; k++) {
    const tfplot_curve *cv = &s->curve[k];
    if (!cv->label) continue;
    set_rgb(cr, cv->rgb);
    cairo_set_line_width(cr, cv->width_px > 0 ? cv->width_px : 2.0);
    cairo_move_to(cr, lx, ly);
    cairo_line_to(cr, lx + 2 * pad, ly);
    cairo_stroke(cr);
    if ((rc = text_draw(&c->t, cv->label, g->fs_text, 0, lx + 2.5 * pad, ly, 0, 0.5, BLACK, 0))) return rc;
    double w, h;
    text_size(&c->t, &w, &h);
    lx += 2.5 * pad + w + 1.5 * pad;
  }

  /* title */
  if ((rc = text_draw(&c->t, s->title, g->fs_title, 1, f->x0, pad, 0, 0, BLACK, 0))) return rc;
  if ((rc = text_draw(&c->t, s->subtitle, g->fs_sub, 0, f->x0, pad + g->title_h + pad / 3, 0, 0, MID, 0))) return rc;
  return canvas_status(c, err);
}

static int series_render(const tfplot_series *s, canvas *c, tf_err *err)
{
  scratch sc;
  series_geom g;
  memset(c, 0, sizeof *c);
  int rc = scratch_open(&sc, s ? s->font : NULL, err);
  if (!rc) rc = series_layout(s, &sc.t, &g, err);
  scratch_close(&sc);
  if (!rc) rc = canvas_open(c, g.f.width_px, g.f.height_px, s->font, err);
  if (!rc) rc = series_paint(s, c, &g, err);
  return rc;
}

int tfplot_series_png(const tfplot_series *s, const char *path, tf_err *err)
{
  canvas c;
  int rc = series_render(s, &c, err);
  if (!rc) rc = surface_to_file(c.sf, path, err);
  else tf_err_prefix(err, "PNG %s", path);
  canvas_close(&c);
  return rc;
}

int tfplot_series_png_bytes(const tfplot_series *s, unsigned char **png, size_t *n, tf_err *err)
{
  canvas c;
  *png = NULL;
  *n = 0;
  int rc = series_render(s, &c, err);
  if (!rc) rc = surface_to_mem(c.sf, png, n, err);
  canvas_close(&c);
  return rc;
}
