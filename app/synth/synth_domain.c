/* synth_domain.c — grid, terrain, land use, provinces, basin and population of the
 * built-in Sichuan case (see synth_domain.h and configs/sichuan/README.md).
 *
 * Grid: WRF Lambert conformal (MAP_PROJ=1, TRUELAT1/2 = 25/35 N, STAND_LON = 104 E). The
 * mass grid is the smallest one whose mass points cover 97-110.5 E x 26-34.5 N: the box
 * outline is projected with proj_ll_to_ij, and CEN_LAT/CEN_LON are put at the middle of
 * its projected extent, i.e. at mass point ((nx-1)/2, (ny-1)/2) as WPS does.
 * Vertical: 20 layers, WRF-style ZNW (dry-hydrostatic-pressure eta) denser near the ground
 * (first layer deta = 0.005, ~40 m) up to P_TOP = 100 hPa.
 * Terrain: ETOPO5 (5', NOAA/NGDC 1988) bilinear to the mass points, then smoothed by
 * passes of the 1-2-1 filter in x and y (the WRF/WPS "smth" smoother, smooth_option 1 in
 * WPS geogrid; one pass removes the 2-dx wave completely): 2 passes at dx >= 20 km, 1 below.
 * Land use (USGS 24 classes): urban discs around the city seats (radius from the urban
 * population at 10,000 persons/km2, the order of Chinese city-proper built-up densities),
 * cropland on the basin floor, crop/wood mosaic on low hills, evergreen broadleaf /
 * mixed / needleleaf forest by elevation, alpine grassland (meadow) and shrub to 4800 m,
 * tundra, barren and snow above on the plateau (thresholds perturbed by a seeded +-120 m field so class edges are not
 * contour lines). Basin: cells below 800 m connected (4-neighbour flood fill) to Chengdu.
 * Provinces: point-in-polygon (even-odd rule) of cell centres in the Natural Earth outlines.
 * Population: each seat's urban population in a Gaussian of the built-up radius, its rural
 * population (total - urban) in a Gaussian of 50 km (basin) or 120 km (plateau
 * prefectures) weighted by land use and kept inside the seat's province. */
#include "app/synth/synth_domain.h"
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/synth/synth_rng.h"
#include "io/csv/csv.h"
#include "io/netcdf/tfnc_util.h"
#include "model/core/tf_const.h"

/* WRF-style full eta levels, 20 layers (nz+1 = 21 values, surface first). The spacing
 * follows the stretched levels WRF's real.exe generates for 100-hPa tops (fine in the PBL,
 * ~0.1 in the upper troposphere). */
static const double znw_tab[] = {1.000, 0.995, 0.988, 0.980, 0.970, 0.956, 0.938, 0.916,
                                 0.893, 0.865, 0.830, 0.787, 0.734, 0.668, 0.590, 0.500,
                                 0.400, 0.300, 0.200, 0.100, 0.000};
int synth_nlayers(void) { return (int)(sizeof znw_tab / sizeof znw_tab[0]) - 1; }

/* Domain box (deg) that must lie inside the mass grid: all of Sichuan and Chongqing
 * (docs/sichuan-facts.md, Geography). */
#define BOX_W 97.0
#define BOX_E 110.5
#define BOX_S 26.0
#define BOX_N 34.5
#define URBAN_DENSITY_KM2 10000.0   /* persons per km2 of built-up city proper */
#define URBAN_SHARE_DEFAULT 0.25    /* urban/total where the table has no urban population */
#define CQ_MAIN_URBAN_SHARE 0.9     /* central districts of Chongqing: mostly urban */

/* ---------------------------------------------------------------- projection and grid */

static int make_grid(synth_domain *d, double res_km, tf_err *err)
{
  tf_proj p = {0};
  p.map_proj = TF_PROJ_LAMBERT;
  p.truelat1 = 25.0; p.truelat2 = 35.0; p.stand_lon = 104.0;
  p.cen_lat = 0.5 * (BOX_S + BOX_N); p.cen_lon = 0.5 * (BOX_W + BOX_E);
  p.dx_m = p.dy_m = res_km * 1000.0;
  p.nx = p.ny = 1;               /* provisional: the centre is index (0, 0) */
  int rc = proj_init(&p, err);
  if (rc) return tf_err_prefix(err, "synth: projection");
  double imin = 1e30, imax = -1e30, jmin = 1e30, jmax = -1e30;
  const int n = 400;
  for (int s = 0; s <= n; s++) {
    double f = (double)s / n, pts[4][2] = {{BOX_S, BOX_W + f * (BOX_E - BOX_W)},
                                           {BOX_N, BOX_W + f * (BOX_E - BOX_W)},
                                           {BOX_S + f * (BOX_N - BOX_S), BOX_W},
                                           {BOX_S + f * (BOX_N - BOX_S), BOX_E}};
    for (int q = 0; q < 4; q++) {
      double i, j;
      proj_ll_to_ij(&p, pts[q][0], pts[q][1], &i, &j);
      imin = fmin(imin, i); imax = fmax(imax, i); jmin = fmin(jmin, j); jmax = fmax(jmax, j);
    }
  }
  int nx = (int)ceil(imax - imin - 1e-9) + 1, ny = (int)ceil(jmax - jmin - 1e-9) + 1;
  double clat, clon;
  proj_ij_to_ll(&p, 0.5 * (imin + imax), 0.5 * (jmin + jmax), &clat, &clon);
  /* WRF stores CEN_LAT/CEN_LON as float: round to 1e-4 deg so file and grid agree. */
  p.cen_lat = round(clat * 1e4) / 1e4;
  p.cen_lon = round(clon * 1e4) / 1e4;
  p.nx = nx; p.ny = ny;
  d->g = grid_create(nx, ny, synth_nlayers(), 0, err);
  if (!d->g) return err ? err->code : TF_ENOMEM;
  d->g->proj = p;
  d->g->dx_m = p.dx_m; d->g->dy_m = p.dy_m;
  rc = grid_set_from_proj(d->g, err);
  if (rc) return rc;
  for (int k = 0; k <= d->g->nz; k++) d->g->eta_w[k] = znw_tab[k];
  d->g->ptop_pa = SYNTH_PTOP_PA;
  d->cell_area_km2 = res_km * res_km;
  return TF_OK;
}

int synth_domain_cell(const synth_domain *d, double lat, double lon, int *i, int *j)
{
  double fi, fj;
  proj_ll_to_ij(&d->g->proj, lat, lon, &fi, &fj);
  *i = (int)lround(fi);
  *j = (int)lround(fj);
  return *i >= 0 && *i < d->g->nx && *j >= 0 && *j < d->g->ny;
}

/* ---------------------------------------------------------------- terrain */

static int read_terrain(synth_domain *d, const char *path, tf_err *err)
{
  int nc, vlat, vlon, vel, dims[2], rc;
  size_t nla, nlo;
  rc = nc_open(path, NC_NOWRITE, &nc);
  if (rc) return tfnc_fail(rc, err, path, "open terrain");
  double *la = NULL, *lo = NULL;
  float *el = NULL;
  if ((rc = nc_inq_varid(nc, "lat", &vlat)) || (rc = nc_inq_varid(nc, "lon", &vlon)) ||
      (rc = nc_inq_varid(nc, "elevation", &vel)) || (rc = nc_inq_vardimid(nc, vel, dims)) ||
      (rc = nc_inq_dimlen(nc, dims[0], &nla)) || (rc = nc_inq_dimlen(nc, dims[1], &nlo))) {
    nc_close(nc);
    return tfnc_fail(rc, err, path, "expected variables lat, lon, elevation(lat, lon)");
  }
  la = tf_calloc(nla, sizeof *la, err);
  lo = tf_calloc(nlo, sizeof *lo, err);
  el = tf_calloc(nla * nlo, sizeof *el, err);
  if (!la || !lo || !el) { rc = TF_ENOMEM; goto done; }
  if ((rc = nc_get_var_double(nc, vlat, la)) || (rc = nc_get_var_double(nc, vlon, lo)) ||
      (rc = nc_get_var_float(nc, vel, el))) {
    rc = tfnc_fail(rc, err, path, "read terrain");
    goto done;
  }
  if (nla < 2 || nlo < 2 || la[1] <= la[0] || lo[1] <= lo[0]) {
    rc = tf_err_set(err, TF_EFORMAT, "%s: expected increasing lat/lon axes of >= 2 points", path);
    goto done;
  }
  tf_grid *g = d->g;
  double dla = (la[nla - 1] - la[0]) / (double)(nla - 1), dlo = (lo[nlo - 1] - lo[0]) / (double)(nlo - 1);
  for (size_t c = 0; c < g->n2; c++) {
    /* bilinear on the regular axes, clamped at the edges (the Lambert grid's corners lie
     * slightly outside the subset) */
    double fy = fmin(fmax((g->lat[c] - la[0]) / dla, 0.0), (double)(nla - 1) - 1e-9);
    double fx = fmin(fmax((g->lon[c] - lo[0]) / dlo, 0.0), (double)(nlo - 1) - 1e-9);
    size_t iy = (size_t)fy, ix = (size_t)fx;
    double wy = fy - (double)iy, wx = fx - (double)ix;
    double h = (1 - wy) * ((1 - wx) * el[iy * nlo + ix] + wx * el[iy * nlo + ix + 1]) +
               wy * ((1 - wx) * el[(iy + 1) * nlo + ix] + wx * el[(iy + 1) * nlo + ix + 1]);
    g->hgt_m[c] = fmax(h, 0.0);
  }
  rc = TF_OK;
done:
  nc_close(nc);
  free(la); free(lo); free(el);
  return rc;
}

/* One 1-2-1 pass along x then y, edge values kept by reflection. */
static int smooth121(synth_domain *d, tf_err *err)
{
  int nx = d->g->nx, ny = d->g->ny;
  double *h = d->g->hgt_m, *t = tf_calloc(d->g->n2, sizeof *t, err);
  if (!t) return TF_ENOMEM;
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) {
      double a = h[synth_c(d, i > 0 ? i - 1 : i, j)], b = h[synth_c(d, i < nx - 1 ? i + 1 : i, j)];
      t[synth_c(d, i, j)] = 0.25 * a + 0.5 * h[synth_c(d, i, j)] + 0.25 * b;
    }
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) {
      double a = t[synth_c(d, i, j > 0 ? j - 1 : j)], b = t[synth_c(d, i, j < ny - 1 ? j + 1 : j)];
      h[synth_c(d, i, j)] = 0.25 * a + 0.5 * t[synth_c(d, i, j)] + 0.25 * b;
    }
  free(t);
  return TF_OK;
}

/* ---------------------------------------------------------------- provinces (GeoJSON) */

typedef struct ring { int n, cap; double *xy; } ring;
typedef struct poly { char name[64]; int nring; ring *r; } poly;

static void skip_ws(const char **p) { while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t') (*p)++; }

/* Parse one GeoJSON coordinate array (any nesting); arrays of points become rings. */
static int parse_node(const char **p, poly *P, int *is_point, double *pt)
{
  skip_ws(p);
  if (**p != '[') return -1;
  (*p)++;
  skip_ws(p);
  if (**p == '-' || (**p >= '0' && **p <= '9')) {
    char *e;
    pt[0] = strtod(*p, &e);
    *p = e; skip_ws(p);
    if (**p != ',') return -1;
    (*p)++;
    pt[1] = strtod(*p, &e);
    *p = e;
    while (**p && **p != ']') (*p)++;
    if (**p != ']') return -1;
    (*p)++;
    *is_point = 1;
    return 0;
  }
  *is_point = 0;
  ring *cur = NULL;
  for (;;) {
    int ip;
    double q[2];
    if (parse_node(p, P, &ip, q)) return -1;
    if (ip) {
      if (!cur) {
        ring *nr = realloc(P->r, (size_t)(P->nring + 1) * sizeof *nr);
        if (!nr) return -1;
        P->r = nr;
        cur = &P->r[P->nring++];
        memset(cur, 0, sizeof *cur);
      }
      if (cur->n == cur->cap) {
        int nc = cur->cap ? 2 * cur->cap : 256;
        double *nxy = realloc(cur->xy, (size_t)nc * 2 * sizeof *nxy);
        if (!nxy) return -1;
        cur->xy = nxy; cur->cap = nc;
      }
      cur->xy[2 * cur->n] = q[0];
      cur->xy[2 * cur->n + 1] = q[1];
      cur->n++;
    }
    skip_ws(p);
    if (**p == ',') { (*p)++; continue; }
    if (**p == ']') { (*p)++; return 0; }
    return -1;
  }
}

static void free_polys(poly *P, int n)
{
  for (int i = 0; i < n; i++) {
    for (int r = 0; r < P[i].nring; r++) free(P[i].r[r].xy);
    free(P[i].r);
  }
  free(P);
}

/* Read the features' "name" and "coordinates" (Polygon or MultiPolygon) of a GeoJSON file. */
static int read_geojson(const char *path, poly **out, int *nout, tf_err *err)
{
  FILE *f = fopen(path, "rb");
  if (!f) return tf_err_set(err, TF_EIO, "%s: cannot open province outlines", path);
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *txt = malloc((size_t)len + 1);
  if (!txt) { fclose(f); return tf_err_set(err, TF_ENOMEM, "%s: out of memory", path); }
  size_t got = fread(txt, 1, (size_t)len, f);
  fclose(f);
  txt[got] = '\0';
  poly *P = NULL;
  int n = 0;
  const char *s = txt;
  while ((s = strstr(s, "\"name\":")) != NULL) {
    const char *q = s + 7;
    skip_ws(&q);
    const char *c = strstr(q, "\"coordinates\":");
    if (*q != '"' || !c) { s = q; continue; }
    /* only names inside a feature's properties precede a "coordinates" before the next name */
    const char *nextname = strstr(q, "\"name\":");
    if (nextname && nextname < c) { s = q; continue; }
    poly *np = realloc(P, (size_t)(n + 1) * sizeof *np);
    if (!np) break;
    P = np;
    memset(&P[n], 0, sizeof P[n]);
    q++;
    size_t k = 0;
    while (*q && *q != '"' && k + 1 < sizeof P[n].name) P[n].name[k++] = *q++;
    P[n].name[k] = '\0';
    const char *pc = c + 14;
    int ip;
    double pt[2];
    n++;
    if (parse_node(&pc, &P[n - 1], &ip, pt) || P[n - 1].nring == 0) {
      char name[64];
      snprintf(name, sizeof name, "%s", P[n - 1].name);
      free_polys(P, n);
      free(txt);
      return tf_err_set(err, TF_EFORMAT, "%s: cannot parse the coordinates of feature '%s'", path, name);
    }
    s = pc;
  }
  free(txt);
  if (n == 0) return tf_err_set(err, TF_EFORMAT, "%s: no features with name and coordinates", path);
  *out = P;
  *nout = n;
  return TF_OK;
}

/* Even-odd ray casting over every ring of the polygon (holes handled by parity). */
static int point_in_poly(const poly *P, double lon, double lat)
{
  int in = 0;
  for (int r = 0; r < P->nring; r++) {
    const double *xy = P->r[r].xy;
    int n = P->r[r].n;
    for (int a = 0, b = n - 1; a < n; b = a++) {
      double xa = xy[2 * a], ya = xy[2 * a + 1], xb = xy[2 * b], yb = xy[2 * b + 1];
      if ((ya > lat) != (yb > lat) && lon < (xb - xa) * (lat - ya) / (yb - ya) + xa) in = !in;
    }
  }
  return in;
}

static int region_of(const poly *P, int n, double lat, double lon)
{
  for (int k = 0; k < n; k++) {
    if (!point_in_poly(&P[k], lon, lat)) continue;
    if (!strcmp(P[k].name, "Sichuan")) return SYNTH_REG_SICHUAN;
    if (!strcmp(P[k].name, "Chongqing")) return SYNTH_REG_CHONGQING;
  }
  return SYNTH_REG_OTHER;
}

/* ---------------------------------------------------------------- cities */

static int read_cities(synth_domain *d, const char *path, const poly *P, int np, tf_err *err)
{
  csv_table *t = NULL;
  int rc = csv_read(path, &t, err);
  if (rc) return rc;
  static const char *const cols[] = {"name_pinyin", "admin_type", "lat", "lon",
                                     "pop_census2020_resident_total",
                                     "urban_pop_city_proper_MOHURD2018", "setting"};
  int ci[7];
  if ((rc = csv_require_cols(t, 7, cols, ci, err))) { csv_destroy(&t); return rc; }
  d->city = tf_calloc((size_t)t->nrow, sizeof *d->city, err);
  if (!d->city) { csv_destroy(&t); return TF_ENOMEM; }
  for (int r = 0; r < t->nrow; r++) {
    synth_city *c = &d->city[d->ncity];
    snprintf(c->name, sizeof c->name, "%s", csv_str(t, r, ci[0]));
    if ((rc = csv_double(t, r, ci[2], &c->lat, err)) || (rc = csv_double(t, r, ci[3], &c->lon, err))) break;
    if (*csv_str(t, r, ci[4]) && (rc = csv_double(t, r, ci[4], &c->pop, err))) break;
    if (*csv_str(t, r, ci[5]) && (rc = csv_double(t, r, ci[5], &c->urban_pop, err))) break;
    c->is_total = strstr(csv_str(t, r, ci[1]), "province-level") != NULL;
    c->plateau = strstr(csv_str(t, r, ci[6]), "plateau") || strstr(csv_str(t, r, ci[6]), "mountains");
    c->region = region_of(P, np, c->lat, c->lon);
    if (c->is_total) c->urban_pop = 0.0;
    else if (c->urban_pop <= 0.0 && c->pop > 0.0)
      c->urban_pop = (strstr(c->name, "main urban") ? CQ_MAIN_URBAN_SHARE : URBAN_SHARE_DEFAULT) * c->pop;
    c->r_urban_km = sqrt(c->urban_pop / URBAN_DENSITY_KM2 / TF_PI);
    if (c->region == SYNTH_REG_SICHUAN) d->pop_sichuan += c->pop;
    if (c->region == SYNTH_REG_CHONGQING && c->is_total) d->pop_chongqing = c->pop;
    d->ncity++;
  }
  csv_destroy(&t);
  if (rc) return rc;
  if (d->pop_sichuan <= 0.0 || d->pop_chongqing <= 0.0)
    return tf_err_set(err, TF_EFORMAT, "%s: expected Sichuan prefectures and a Chongqing "
                      "municipality-total row with populations (found %.0f, %.0f)", path,
                      d->pop_sichuan, d->pop_chongqing);
  return TF_OK;
}

/* Projection-plane position (km from the grid centre) of a lat/lon point. */
static void plane_km(const synth_domain *d, double lat, double lon, double *x, double *y)
{
  const tf_grid *g = d->g;
  double fi, fj;
  proj_ll_to_ij(&g->proj, lat, lon, &fi, &fj);
  *x = (fi - 0.5 * (g->nx - 1)) * g->dx_m * 1e-3;
  *y = (fj - 0.5 * (g->ny - 1)) * g->dy_m * 1e-3;
}

/* True distance (km) from cell c to plane position (x, y): plane distance / map factor. */
static double dist_km(const synth_domain *d, size_t c, double x, double y)
{
  return hypot(d->x_km[c] - x, d->y_km[c] - y) / d->g->mapfac[c];
}

/* ---------------------------------------------------------------- land use */

/* Land-use weight of rural population (people live on cropland and in valleys). */
static double rural_weight(int lu)
{
  switch (lu) {
  case TF_LU_URBAN: case TF_LU_DRY_CROP: case TF_LU_IRRIG_CROP: case TF_LU_MIXED_CROP: return 1.0;
  case TF_LU_CROP_GRASS: case TF_LU_CROP_WOOD: return 0.6;
  case TF_LU_EVERG_BROAD: case TF_LU_MIXED_FOREST: case TF_LU_DECID_BROAD: return 0.15;
  case TF_LU_GRASSLAND: case TF_LU_SHRUB: case TF_LU_EVERG_NEEDLE: return 0.05;
  default: return 0.01;
  }
}

static int classify(double h, double slope, double lat, int basin, double d_chengdu_km)
{
  if (basin && h < 700.0) {
    if (d_chengdu_km < 70.0 && h > 420.0) return TF_LU_IRRIG_CROP; /* Chengdu plain (Dujiangyan) */
    return slope < 0.008 ? TF_LU_DRY_CROP : TF_LU_CROP_GRASS;
  }
  if (h < 1000.0) return TF_LU_CROP_WOOD;
  if (h < 1800.0) return lat > 32.5 ? TF_LU_MIXED_FOREST : TF_LU_EVERG_BROAD;
  if (h < 2800.0) return TF_LU_MIXED_FOREST;
  if (h < 3700.0) return slope > 0.03 ? TF_LU_EVERG_NEEDLE : TF_LU_GRASSLAND;
  if (h < 4800.0) return slope > 0.04 ? TF_LU_SHRUB : TF_LU_GRASSLAND; /* alpine meadow */
  if (h < 5200.0) return TF_LU_HERB_TUNDRA;
  if (h < 5500.0) return TF_LU_BARREN;
  return TF_LU_SNOW_ICE;
}

static int find_city(const synth_domain *d, const char *prefix)
{
  for (int k = 0; k < d->ncity; k++)
    if (!strncmp(d->city[k].name, prefix, strlen(prefix))) return k;
  return -1;
}

static int make_basin(synth_domain *d, tf_err *err)
{
  int ic = find_city(d, "Chengdu"), i0, j0;
  if (ic < 0 || !synth_domain_cell(d, d->city[ic].lat, d->city[ic].lon, &i0, &j0))
    return tf_err_set(err, TF_EFORMAT, "synth: Chengdu missing from the city table or outside the grid");
  int nx = d->g->nx, ny = d->g->ny;
  int *stack = tf_calloc(d->g->n2, sizeof *stack, err);
  if (!stack) return TF_ENOMEM;
  int top = 0;
  stack[top++] = (int)synth_c(d, i0, j0);
  d->basin[synth_c(d, i0, j0)] = 1;
  while (top) {
    int c = stack[--top], i = c % nx, j = c / nx;
    int nb[4][2] = {{i - 1, j}, {i + 1, j}, {i, j - 1}, {i, j + 1}};
    for (int q = 0; q < 4; q++) {
      int a = nb[q][0], b = nb[q][1];
      if (a < 0 || b < 0 || a >= nx || b >= ny) continue;
      size_t cc = synth_c(d, a, b);
      if (!d->basin[cc] && d->g->hgt_m[cc] < 800.0) { d->basin[cc] = 1; stack[top++] = (int)cc; }
    }
  }
  free(stack);
  return TF_OK;
}

static void make_landuse(synth_domain *d, uint64_t seed)
{
  synth_rng r;
  synth_rng_seed(&r, seed ^ 0x4c414e44555345ULL); /* "LANDUSE" */
  synth_field f;
  synth_field_init(&f, &r, 30.0, 120.0, 0.0);
  int ic = find_city(d, "Chengdu");
  tf_grid *g = d->g;
  double xc, yc;
  plane_km(d, d->city[ic].lat, d->city[ic].lon, &xc, &yc);
  for (size_t c = 0; c < g->n2; c++) {
    double slope = hypot(d->dhdx[c], d->dhdy[c]);
    double hp = g->hgt_m[c] + 120.0 * synth_field_eval(&f, d->x_km[c], d->y_km[c], 0.0);
    g->landuse[c] = classify(hp, slope, g->lat[c], d->basin[c],
                             dist_km(d, c, xc, yc));
  }
  /* urban: within the built-up radius of a seat, and always the seat's own cell */
  for (int k = 0; k < d->ncity; k++) {
    const synth_city *ct = &d->city[k];
    if (ct->is_total || ct->urban_pop <= 0.0) continue;
    int i, j;
    double x, y;
    if (synth_domain_cell(d, ct->lat, ct->lon, &i, &j)) g->landuse[synth_c(d, i, j)] = TF_LU_URBAN;
    plane_km(d, ct->lat, ct->lon, &x, &y);
    for (size_t c = 0; c < g->n2; c++)
      if (dist_km(d, c, x, y) < ct->r_urban_km) g->landuse[c] = TF_LU_URBAN;
  }
}

/* ---------------------------------------------------------------- population */

/* Add pop persons to field out with Gaussian weights exp(-r^2/2 sigma^2) * wfun(cell),
 * restricted to cells of region reg (reg < 0: any); nearest cell if all weights vanish. */
static void spread(synth_domain *d, double *out, double pop, double lat, double lon, double sigma_km,
                   int reg, int use_lu, double *w)
{
  tf_grid *g = d->g;
  double half = 0.5 * g->dx_m * 1e-3, s2 = sigma_km * sigma_km + half * half, sum = 0.0, x, y;
  plane_km(d, lat, lon, &x, &y);
  for (size_t c = 0; c < g->n2; c++) {
    w[c] = 0.0;
    if (reg >= 0 && d->region[c] != reg) continue;
    double r = dist_km(d, c, x, y);
    w[c] = exp(-0.5 * r * r / s2) * (use_lu ? rural_weight(g->landuse[c]) : 1.0);
    sum += w[c];
  }
  if (sum <= 1e-300) {
    int i, j;
    if (!synth_domain_cell(d, lat, lon, &i, &j)) return;
    out[synth_c(d, i, j)] += pop;
    return;
  }
  for (size_t c = 0; c < g->n2; c++) out[c] += pop * w[c] / sum;
}

static int make_population(synth_domain *d, tf_err *err)
{
  double *w = tf_calloc(d->g->n2, sizeof *w, err);
  if (!w) return TF_ENOMEM;
  double cq_urban = 0.0;
  for (int k = 0; k < d->ncity; k++) {
    const synth_city *c = &d->city[k];
    if (c->is_total || c->pop <= 0.0) continue;
    spread(d, d->pop_urban, c->urban_pop, c->lat, c->lon, fmax(c->r_urban_km, 1.0) / 1.5, -1, 0, w);
    if (c->region == SYNTH_REG_CHONGQING) { cq_urban += c->urban_pop; continue; }
    spread(d, d->pop_rural, c->pop - c->urban_pop, c->lat, c->lon, c->plateau ? 120.0 : 50.0,
           c->region, 1, w);
  }
  /* Chongqing: the municipality total minus its urban cores, over the municipality */
  for (int k = 0; k < d->ncity; k++) {
    const synth_city *c = &d->city[k];
    if (c->is_total && c->region == SYNTH_REG_CHONGQING)
      spread(d, d->pop_rural, c->pop - cq_urban, c->lat, c->lon, 1e6, SYNTH_REG_CHONGQING, 1, w);
  }
  free(w);
  return TF_OK;
}

/* ---------------------------------------------------------------- assembly */

int synth_domain_create(synth_domain **out, const char *data_dir, double res_km, uint64_t seed,
                        tf_err *err)
{
  *out = NULL;
  if (!(res_km >= 3.0 && res_km <= 100.0))
    return tf_err_set(err, TF_EINVAL, "synth: --resolution-km must be in [3, 100], found %g", res_km);
  synth_domain *d = tf_calloc(1, sizeof *d, err);
  if (!d) return TF_ENOMEM;
  char path[4096];
  poly *P = NULL;
  int np = 0, rc = make_grid(d, res_km, err);
  if (rc) goto fail;
  tf_grid *g = d->g;
  size_t n2 = g->n2;
  d->x_km = tf_calloc(n2, sizeof(double), err);
  d->y_km = tf_calloc(n2, sizeof(double), err);
  d->dhdx = tf_calloc(n2, sizeof(double), err);
  d->dhdy = tf_calloc(n2, sizeof(double), err);
  d->cosa = tf_calloc(n2, sizeof(double), err);
  d->sina = tf_calloc(n2, sizeof(double), err);
  d->region = tf_calloc(n2, sizeof(int), err);
  d->basin = tf_calloc(n2, sizeof(int), err);
  d->pop_urban = tf_calloc(n2, sizeof(double), err);
  d->pop_rural = tf_calloc(n2, sizeof(double), err);
  if (!d->x_km || !d->y_km || !d->dhdx || !d->dhdy || !d->cosa || !d->sina || !d->region ||
      !d->basin || !d->pop_urban || !d->pop_rural) { rc = TF_ENOMEM; goto fail; }
  for (int j = 0; j < g->ny; j++)
    for (int i = 0; i < g->nx; i++) {
      size_t c = synth_c(d, i, j);
      d->x_km[c] = (i - 0.5 * (g->nx - 1)) * g->dx_m * 1e-3;
      d->y_km[c] = (j - 0.5 * (g->ny - 1)) * g->dy_m * 1e-3;
      proj_rotation(&g->proj, g->lat[c], g->lon[c], &d->cosa[c], &d->sina[c]);
    }
  snprintf(path, sizeof path, "%s/sichuan_terrain_etopo5.nc", data_dir);
  if ((rc = read_terrain(d, path, err))) goto fail;
  d->smooth_passes = res_km >= 20.0 ? 2 : 1;
  for (int p = 0; p < d->smooth_passes; p++)
    if ((rc = smooth121(d, err))) goto fail;
  for (int j = 0; j < g->ny; j++)
    for (int i = 0; i < g->nx; i++) {
      size_t c = synth_c(d, i, j);
      int ia = i > 0 ? i - 1 : i, ib = i < g->nx - 1 ? i + 1 : i;
      int ja = j > 0 ? j - 1 : j, jb = j < g->ny - 1 ? j + 1 : j;
      /* physical distance = grid distance / map factor */
      d->dhdx[c] = (g->hgt_m[synth_c(d, ib, j)] - g->hgt_m[synth_c(d, ia, j)]) * g->mapfac[c] / ((ib - ia) * g->dx_m);
      d->dhdy[c] = (g->hgt_m[synth_c(d, i, jb)] - g->hgt_m[synth_c(d, i, ja)]) * g->mapfac[c] / ((jb - ja) * g->dy_m);
    }
  snprintf(path, sizeof path, "%s/ne10m_admin1_sichuan_chongqing.geojson", data_dir);
  if ((rc = read_geojson(path, &P, &np, err))) goto fail;
  for (size_t c = 0; c < n2; c++) d->region[c] = region_of(P, np, g->lat[c], g->lon[c]);
  snprintf(path, sizeof path, "%s/cities.csv", data_dir);
  if ((rc = read_cities(d, path, P, np, err))) goto fail;
  if ((rc = make_basin(d, err))) goto fail;
  make_landuse(d, seed);
  if ((rc = make_population(d, err))) goto fail;
  free_polys(P, np);
  *out = d;
  return TF_OK;
fail:
  free_polys(P, np);
  synth_domain_destroy(&d);
  return rc ? rc : TF_EINTERNAL;
}

void synth_domain_destroy(synth_domain **dp)
{
  if (!dp || !*dp) return;
  synth_domain *d = *dp;
  grid_destroy(&d->g);
  free(d->x_km); free(d->y_km); free(d->dhdx); free(d->dhdy); free(d->cosa); free(d->sina);
  free(d->region); free(d->basin); free(d->pop_urban); free(d->pop_rural); free(d->city);
  free(d);
  *dp = NULL;
}
