/* tfgis_region.c — area fraction of grid cells inside polygons read through GDAL/OGR, and
 * point-in-polygon (see tfgis_region.h for the definition, the method and the errors).
 *
 * Layout of the computation (tfgis_region_fraction):
 *   1. the region's lon/lat geometry is cloned and every vertex mapped to fractional
 *      global grid indices with proj_ll_to_ij (so one grid cell is the unit square);
 *   2. the envelope gives the block of cells that can overlap (clipped to the stored cells
 *      inside the global domain), and the polygon is cut to that block;
 *   3. the block is bisected recursively along its longer side, the piece of polygon cut to
 *      each half (one GEOS overlay per half): an empty piece leaves its cells 0, a piece
 *      covering its whole block sets them to 1, a single cell takes the piece's area;
 *   4. frac = area(cell ∩ polygon) (unit cell), clamped to [0, 1] against round-off.
 * Σ frac equals area(region ∩ domain) in index units to round-off (~1e-14 relative).
 *
 * GDAL messages are captured by a handler pushed for the duration of each call
 * (CPLPushErrorHandlerEx, per thread) and appended to the tf_err message. */
#include "io/gis/tfgis_region.h"
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cpl_conv.h"
#include "cpl_error.h"
#include "gdal.h"
#include "ogr_api.h"
#include "ogr_srs_api.h"
#include "io/config/config.h"   /* cfg_edit_distance: the project's one "did you mean" metric */
#include "model/grid/proj.h"

struct tfgis_region {
  OGRGeometryH geom;            /* lon/lat (deg), polygon or multipolygon, valid */
  OGRPreparedGeometryH prep;    /* prepared for point queries (NULL if GEOS lacks it) */
  int nfeat;
  double lon0, lon1, lat0, lat1;
  char name[512];
};

/* ---------------------------------------------------------------- GDAL messages */

typedef struct { char msg[768]; int n; } gdal_msgs;

static void CPL_STDCALL collect_gdal_msg(CPLErr cls, CPLErrorNum num, const char *m)
{
  (void)num;
  gdal_msgs *g = CPLGetErrorHandlerUserData();
  if (!g || !m || cls == CE_Debug) return;
  size_t len = strlen(g->msg);
  if (len + 4 >= sizeof g->msg) return;
  snprintf(g->msg + len, sizeof g->msg - len, "%s%s", g->n ? "; " : "", m);
  g->n++;
}

static void gdal_begin(gdal_msgs *g)
{
  g->msg[0] = '\0';
  g->n = 0;
  GDALAllRegister();
  CPLPushErrorHandlerEx(collect_gdal_msg, g);
}
static void gdal_end(void) { CPLPopErrorHandler(); }
/* " (GDAL: ...)" or "" */
static const char *gdal_said(const gdal_msgs *g, char *buf, size_t n)
{
  if (g->n) snprintf(buf, n, " (GDAL: %s)", g->msg);
  else buf[0] = '\0';
  return buf;
}

/* ---------------------------------------------------------------- helpers */

static const char *base_name(const char *path)
{
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

static void trim_copy(char *dst, size_t n, const char *src)
{
  while (*src && isspace((unsigned char)*src)) src++;
  size_t k = strlen(src);
  while (k && isspace((unsigned char)src[k - 1])) k--;
  if (k >= n) k = n - 1;
  memcpy(dst, src, k);
  dst[k] = '\0';
}

static int equal_ci(const char *a, const char *b)
{
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
  return *a == *b;
}

static int contains_ci(const char *hay, const char *needle)
{
  size_t n = strlen(needle);
  if (!n) return 0;
  for (; *hay; hay++) {
    size_t k = 0;
    while (k < n && hay[k] && tolower((unsigned char)hay[k]) == tolower((unsigned char)needle[k])) k++;
    if (k == n) return 1;
  }
  return 0;
}

/* Open path as a vector dataset and return its first layer. */
static GDALDatasetH open_vector(const char *path, OGRLayerH *layer, gdal_msgs *gm, tf_err *err)
{
  char said[900];
  if (!path || !*path) {
    tf_err_set(err, TF_EINVAL, "region: no polygon file given");
    return NULL;
  }
  struct stat st;
  if (strncmp(path, "/vsi", 4) != 0 && stat(path, &st) != 0) {
    tf_err_set(err, TF_EIO, "%s: file not found (%s)", path, strerror(errno));
    return NULL;
  }
  GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  if (!ds) {
    tf_err_set(err, TF_EFORMAT, "%s: not a vector file GDAL/OGR can read (GeoJSON, shapefile, GPKG, ...)%s",
               path, gdal_said(gm, said, sizeof said));
    return NULL;
  }
  if (GDALDatasetGetLayerCount(ds) < 1 || !(*layer = GDALDatasetGetLayer(ds, 0))) {
    tf_err_set(err, TF_EFORMAT, "%s: vector file has no layer", path);
    GDALClose(ds);
    return NULL;
  }
  return ds;
}

/* Index of field (case-insensitive) or -1 with err listing the layer's fields. */
static int find_field(const char *path, OGRLayerH layer, const char *field, tf_err *err)
{
  OGRFeatureDefnH fd = OGR_L_GetLayerDefn(layer);
  int nf = OGR_FD_GetFieldCount(fd);
  for (int k = 0; k < nf; k++)
    if (equal_ci(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(fd, k)), field)) return k;
  char list[1200] = "";
  size_t len = 0;
  for (int k = 0; k < nf && len + 80 < sizeof list; k++)
    len += (size_t)snprintf(list + len, sizeof list - len, "%s'%s'", k ? ", " : "",
                            OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(fd, k)));
  tf_err_set(err, TF_EINVAL, "%s: layer '%s': no attribute field '%s' (fields: %s)", path,
             OGR_L_GetName(layer), field, nf ? list : "none");
  return -1;
}

/* The up-to-4 values closest to `want` ("did you mean"): edit distance <= max(2, len/3) or
 * containing it as a substring; fills buf with "'a', 'b'" (empty if none). */
static void close_values(char **vals, int n, const char *want, char *buf, size_t bn)
{
  int best[4], bd[4], nb = 0;
  int lim = (int)strlen(want) / 3;
  if (lim < 2) lim = 2;
  for (int k = 0; k < n; k++) {
    int d = cfg_edit_distance(vals[k], want);
    if (d > lim && !contains_ci(vals[k], want) && !contains_ci(want, vals[k])) continue;
    if (d > lim) d = lim + 1;   /* substring matches rank after close spellings */
    int p = nb < 4 ? nb++ : 3;
    if (p == 3 && nb == 4 && d >= bd[3]) continue;
    while (p > 0 && bd[p - 1] > d) { best[p] = best[p - 1]; bd[p] = bd[p - 1]; p--; }
    best[p] = k;
    bd[p] = d;
  }
  size_t len = 0;
  buf[0] = '\0';
  for (int k = 0; k < nb && len + 4 < bn; k++)
    len += (size_t)snprintf(buf + len, bn - len, "%s'%s'", k ? ", " : "", vals[best[k]]);
}

/* ---------------------------------------------------------------- listing values */

static int list_values_layer(const char *path, OGRLayerH layer, int fi, char ***values, int *n,
                             tf_err *err)
{
  int cap = 32, cnt = 0;
  char **v = calloc((size_t)cap + 1, sizeof *v);
  if (!v) return tf_err_set(err, TF_ENOMEM, "%s: out of memory listing values", path);
  OGR_L_ResetReading(layer);
  OGRFeatureH f;
  while ((f = OGR_L_GetNextFeature(layer))) {
    char s[256];
    trim_copy(s, sizeof s, OGR_F_IsFieldSetAndNotNull(f, fi) ? OGR_F_GetFieldAsString(f, fi) : "");
    OGR_F_Destroy(f);
    int dup = 0;
    for (int k = 0; k < cnt && !dup; k++) dup = !strcmp(v[k], s);
    if (dup) continue;
    if (cnt == cap) {
      char **nv = realloc(v, ((size_t)cap * 2 + 1) * sizeof *v);
      if (!nv) { tfgis_free_values(&v); return tf_err_set(err, TF_ENOMEM, "%s: out of memory", path); }
      v = nv;
      cap *= 2;
    }
    if (!(v[cnt] = strdup(s))) { tfgis_free_values(&v); return tf_err_set(err, TF_ENOMEM, "%s: out of memory", path); }
    v[++cnt] = NULL;
  }
  *values = v;
  *n = cnt;
  return TF_OK;
}

int tfgis_list_values(const char *path, const char *field, char ***values, int *n, tf_err *err)
{
  *values = NULL;
  *n = 0;
  gdal_msgs gm;
  gdal_begin(&gm);
  OGRLayerH layer = NULL;
  GDALDatasetH ds = open_vector(path, &layer, &gm, err);
  int rc = ds ? TF_OK : (err ? err->code : TF_EIO);
  if (ds) {
    int fi = find_field(path, layer, field ? field : "", err);
    rc = fi < 0 ? TF_EINVAL : list_values_layer(path, layer, fi, values, n, err);
    GDALClose(ds);
  }
  gdal_end();
  return rc;
}

void tfgis_free_values(char ***values)
{
  if (!values || !*values) return;
  for (char **p = *values; *p; p++) free(*p);
  free(*values);
  *values = NULL;
}

/* ct = transformation of the layer's projected CRS to WGS84 lon/lat (NULL, with wgs NULL, when
 * the layer is already geographic or has no CRS); TF_EFORMAT naming path and layer if OGR
 * cannot build it. */
static int lonlat_transform(const char *path, OGRLayerH layer, OGRCoordinateTransformationH *ct,
                            OGRSpatialReferenceH *wgs, gdal_msgs *gm, tf_err *err)
{
  char said[900];
  *ct = NULL;
  *wgs = NULL;
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
  if (!srs || !OSRIsProjected(srs)) return TF_OK;
  *wgs = OSRNewSpatialReference(NULL);
  OSRSetWellKnownGeogCS(*wgs, "WGS84");
  OSRSetAxisMappingStrategy(*wgs, OAMS_TRADITIONAL_GIS_ORDER);
  if (!(*ct = OCTNewCoordinateTransformation(srs, *wgs)))
    return tf_err_set(err, TF_EFORMAT, "%s: layer '%s': cannot transform its projected CRS to lon/lat%s", path,
                      OGR_L_GetName(layer), gdal_said(gm, said, sizeof said));
  return TF_OK;
}

/* ---------------------------------------------------------------- opening a region */

static int is_polygonal(OGRGeometryH g)
{
  OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
  return t == wkbPolygon || t == wkbMultiPolygon || t == wkbCurvePolygon || t == wkbMultiSurface;
}

tfgis_region *tfgis_region_open(const char *path, const char *field, const char *value, tf_err *err)
{
  gdal_msgs gm;
  char said[900];
  gdal_begin(&gm);
  tfgis_region *r = NULL;
  OGRGeometryH coll = NULL;
  OGRCoordinateTransformationH ct = NULL;
  OGRSpatialReferenceH wgs = NULL;
  OGRLayerH layer = NULL;
  GDALDatasetH ds = open_vector(path, &layer, &gm, err);
  if (!ds) goto fail;
  const char *lname = OGR_L_GetName(layer);
  int fi = -1;
  if (field && *field && (fi = find_field(path, layer, field, err)) < 0) goto fail;
  if (fi >= 0) field = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(OGR_L_GetLayerDefn(layer), fi)); /* as the file spells it */
  if (value && fi < 0) {
    tf_err_set(err, TF_EINVAL, "%s: layer '%s': a value ('%s') needs a field to match", path, lname, value);
    goto fail;
  }
  char want[256] = "";
  if (value) trim_copy(want, sizeof want, value);

  if (lonlat_transform(path, layer, &ct, &wgs, &gm, err)) goto fail;

  coll = OGR_G_CreateGeometry(wkbMultiPolygon);
  int nsel = 0;
  OGR_L_ResetReading(layer);
  OGRFeatureH f;
  while ((f = OGR_L_GetNextFeature(layer))) {
    long long fid = (long long)OGR_F_GetFID(f);
    char got[256] = "";
    if (fi >= 0) trim_copy(got, sizeof got, OGR_F_IsFieldSetAndNotNull(f, fi) ? OGR_F_GetFieldAsString(f, fi) : "");
    if (value && !equal_ci(got, want)) { OGR_F_Destroy(f); continue; }
    char what[400];
    if (fi >= 0) snprintf(what, sizeof what, "%s: layer '%s': feature %lld (%s='%s')", path, lname, fid, field, got);
    else snprintf(what, sizeof what, "%s: layer '%s': feature %lld", path, lname, fid);
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (!g || OGR_G_IsEmpty(g)) {
      tf_err_set(err, TF_EFORMAT, "%s: no geometry", what);
      OGR_F_Destroy(f);
      goto fail;
    }
    if (!is_polygonal(g)) {
      tf_err_set(err, TF_EFORMAT, "%s: geometry is %s, expected Polygon or MultiPolygon", what,
                 OGR_G_GetGeometryName(g));
      OGR_F_Destroy(f);
      goto fail;
    }
    OGRGeometryH gc = OGR_G_ForceToMultiPolygon(OGR_G_Clone(g));
    OGR_F_Destroy(f);
    if (!gc || (ct && OGR_G_Transform(gc, ct) != OGRERR_NONE)) {
      tf_err_set(err, TF_EFORMAT, "%s: cannot read or transform the polygon%s", what, gdal_said(&gm, said, sizeof said));
      if (gc) OGR_G_DestroyGeometry(gc);
      goto fail;
    }
    OGREnvelope e;
    OGR_G_GetEnvelope(gc, &e);
    if (e.MinX < -180.0 || e.MaxX > 360.0 || e.MinY < -90.0 || e.MaxY > 90.0) {
      tf_err_set(err, TF_EFORMAT, "%s: coordinates %g..%g x %g..%g are not lon/lat degrees and the layer has "
                 "no projected CRS to transform from", what, e.MinX, e.MaxX, e.MinY, e.MaxY);
      OGR_G_DestroyGeometry(gc);
      goto fail;
    }
    gm.msg[0] = '\0';
    gm.n = 0;
    if (!OGR_G_IsValid(gc)) {
      tf_err_set(err, TF_EINVAL, "%s: invalid polygon: %s; refused (repair it, e.g. ogr2ogr -makevalid "
                 "fixed.geojson %s)", what, gm.n ? gm.msg : "GEOS gave no reason", base_name(path));
      OGR_G_DestroyGeometry(gc);
      goto fail;
    }
    for (int k = 0; k < OGR_G_GetGeometryCount(gc); k++)
      OGR_G_AddGeometry(coll, OGR_G_GetGeometryRef(gc, k));
    OGR_G_DestroyGeometry(gc);
    nsel++;
  }
  if (!nsel) {
    if (value) {
      char **vals = NULL;
      int nv = 0;
      tf_err tmp;
      char close[600] = "";
      if (list_values_layer(path, layer, fi, &vals, &nv, &tmp) == TF_OK) close_values(vals, nv, want, close, sizeof close);
      char some[600] = "";
      size_t len = 0;
      for (int k = 0; !close[0] && k < nv && k < 8 && len + 4 < sizeof some; k++)
        len += (size_t)snprintf(some + len, sizeof some - len, "%s'%s'", k ? ", " : "", vals[k]);
      if (close[0])
        tf_err_set(err, TF_EINVAL, "%s: layer '%s': no feature with %s = '%s' (did you mean %s?)", path, lname,
                   field, want, close);
      else
        tf_err_set(err, TF_EINVAL, "%s: layer '%s': no feature with %s = '%s' (%d values, e.g. %s%s)", path,
                   lname, field, want, nv, some, nv > 8 ? ", ..." : "");
      tfgis_free_values(&vals);
    } else {
      tf_err_set(err, TF_EFORMAT, "%s: layer '%s' has no features", path, lname);
    }
    goto fail;
  }

  if (!(r = calloc(1, sizeof *r))) {
    tf_err_set(err, TF_ENOMEM, "%s: out of memory", path);
    goto fail;
  }
  r->nfeat = nsel;
  if (nsel == 1) {
    r->geom = coll;
  } else {
    r->geom = OGR_G_UnionCascaded(coll);
    OGR_G_DestroyGeometry(coll);
    if (!r->geom) {
      coll = NULL;
      tf_err_set(err, TF_EINVAL, "%s: layer '%s': dissolving the %d selected features failed%s", path, lname, nsel,
                 gdal_said(&gm, said, sizeof said));
      goto fail;
    }
  }
  coll = NULL;
  OGREnvelope e;
  OGR_G_GetEnvelope(r->geom, &e);
  r->lon0 = e.MinX; r->lon1 = e.MaxX; r->lat0 = e.MinY; r->lat1 = e.MaxY;
  if (OGRHasPreparedGeometrySupport()) r->prep = OGRCreatePreparedGeometry(r->geom);
  if (value) snprintf(r->name, sizeof r->name, "%s layer '%s' %s='%s'", base_name(path), lname, field, want);
  else snprintf(r->name, sizeof r->name, "%s layer '%s' (all %d features)", base_name(path), lname, nsel);
  if (ct) OCTDestroyCoordinateTransformation(ct);
  if (wgs) OSRDestroySpatialReference(wgs);
  GDALClose(ds);
  gdal_end();
  return r;

fail:
  if (coll) OGR_G_DestroyGeometry(coll);
  if (ct) OCTDestroyCoordinateTransformation(ct);
  if (wgs) OSRDestroySpatialReference(wgs);
  if (ds) GDALClose(ds);
  tfgis_region_destroy(&r);
  gdal_end();
  return NULL;
}

void tfgis_region_destroy(tfgis_region **r)
{
  if (!r || !*r) return;
  if ((*r)->prep) OGRDestroyPreparedGeometry((*r)->prep);
  if ((*r)->geom) OGR_G_DestroyGeometry((*r)->geom);
  free(*r);
  *r = NULL;
}

const char *tfgis_region_name(const tfgis_region *r) { return r ? r->name : "(no region)"; }
int tfgis_region_nfeatures(const tfgis_region *r) { return r ? r->nfeat : 0; }
void tfgis_region_bounds(const tfgis_region *r, double *lon_min, double *lon_max, double *lat_min, double *lat_max)
{
  *lon_min = r->lon0; *lon_max = r->lon1; *lat_min = r->lat0; *lat_max = r->lat1;
}

/* ---------------------------------------------------------------- grid plane */

/* Map every vertex of g (recursively) from lon/lat to fractional global grid index. */
static void map_to_index(OGRGeometryH g, const tf_proj *p)
{
  int ng = OGR_G_GetGeometryCount(g);
  if (ng > 0) {
    for (int k = 0; k < ng; k++) map_to_index(OGR_G_GetGeometryRef(g, k), p);
    return;
  }
  int np = OGR_G_GetPointCount(g);
  for (int k = 0; k < np; k++) {
    double fi, fj;
    proj_ll_to_ij(p, OGR_G_GetY(g, k), OGR_G_GetX(g, k), &fi, &fj);
    OGR_G_SetPoint_2D(g, k, fi, fj);
  }
}

static int imin(int a, int b) { return a < b ? a : b; }
static int imax(int a, int b) { return a > b ? a : b; }

/* Axis-parallel rectangle polygon. */
static OGRGeometryH rect(double x0, double x1, double y0, double y1)
{
  OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
  OGR_G_AddPoint_2D(ring, x0, y0);
  OGR_G_AddPoint_2D(ring, x1, y0);
  OGR_G_AddPoint_2D(ring, x1, y1);
  OGR_G_AddPoint_2D(ring, x0, y1);
  OGR_G_AddPoint_2D(ring, x0, y0);
  OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon);
  OGR_G_AddGeometryDirectly(poly, ring);
  return poly;
}

/* The region in grid-index coordinates (caller destroys), NULL on failure. */
static OGRGeometryH region_in_index(const tfgis_region *r, const tf_grid *g)
{
  OGRGeometryH q = OGR_G_Clone(r->geom);
  if (q) map_to_index(q, &g->proj);
  return q;
}

double tfgis_region_area_m2(const tfgis_region *r, const tf_grid *g)
{
  if (!r || !g) return -1.0;
  gdal_msgs gm;
  gdal_begin(&gm);
  OGRGeometryH q = region_in_index(r, g);
  double a = q ? OGR_G_Area(q) * g->dx_m * g->dy_m : -1.0;
  if (q) OGR_G_DestroyGeometry(q);
  gdal_end();
  return a;
}

/* Recursive bisection (a k-d split of the cell block [i0, i1] x [j0, j1], local indices):
 * q is the region already cut to the block. An empty piece leaves the block at 0, a piece
 * covering the whole block sets it to 1, a single cell takes the piece's area; otherwise
 * the block is halved along its longer side and q cut to each half. Every vertex enters
 * O(log cells) overlays, and interior blocks cost one area each. */
typedef struct {
  const tf_grid *g;
  double *frac;
  const char *name;
  gdal_msgs *gm;
  tf_err *err;
} frac_job;

static int split_block(frac_job *jb, OGRGeometryH q, int i0, int i1, int j0, int j1)
{
  const tf_grid *g = jb->g;
  if (OGR_G_IsEmpty(q)) return TF_OK;
  double a = OGR_G_Area(q), full = (double)(i1 - i0 + 1) * (double)(j1 - j0 + 1);
  if (a <= 0.0) return TF_OK;
  if (i0 == i1 && j0 == j1) {
    jb->frac[grid_idx2(g, i0, j0)] = a > 1.0 ? 1.0 : a;
    return TF_OK;
  }
  if (a >= full * (1.0 - 1e-13)) {
    for (int j = j0; j <= j1; j++)
      for (int i = i0; i <= i1; i++) jb->frac[grid_idx2(g, i, j)] = 1.0;
    return TF_OK;
  }
  int half[2][4];
  if (i1 - i0 >= j1 - j0) {
    int m = i0 + (i1 - i0) / 2;
    int h0[4] = {i0, m, j0, j1}, h1[4] = {m + 1, i1, j0, j1};
    memcpy(half[0], h0, sizeof h0);
    memcpy(half[1], h1, sizeof h1);
  } else {
    int m = j0 + (j1 - j0) / 2;
    int h0[4] = {i0, i1, j0, m}, h1[4] = {i0, i1, m + 1, j1};
    memcpy(half[0], h0, sizeof h0);
    memcpy(half[1], h1, sizeof h1);
  }
  for (int k = 0; k < 2; k++) {
    const int *h = half[k];
    OGRGeometryH box = rect(g->i0 + h[0] - 0.5, g->i0 + h[1] + 0.5, g->j0 + h[2] - 0.5, g->j0 + h[3] + 0.5);
    OGRGeometryH piece = OGR_G_Intersection(q, box);
    OGR_G_DestroyGeometry(box);
    if (!piece) {
      char said[900];
      return tf_err_set(jb->err, TF_ENUMERIC, "region %s: polygon overlay failed in grid cells %d..%d x %d..%d%s",
                        jb->name, g->i0 + h[0], g->i0 + h[1], g->j0 + h[2], g->j0 + h[3],
                        gdal_said(jb->gm, said, sizeof said));
    }
    int rc = split_block(jb, piece, h[0], h[1], h[2], h[3]);
    OGR_G_DestroyGeometry(piece);
    if (rc) return rc;
  }
  return TF_OK;
}

int tfgis_region_fraction(const tfgis_region *r, const tf_grid *g, double *frac, tf_err *err)
{
  if (!r || !g || !frac) return tf_err_set(err, TF_EINVAL, "tfgis_region_fraction: NULL argument");
  for (size_t c = 0; c < g->n2; c++) frac[c] = 0.0;
  gdal_msgs gm;
  gdal_begin(&gm);
  int rc = TF_OK;
  OGRGeometryH q = region_in_index(r, g), dom = NULL;
  if (!q) { rc = tf_err_set(err, TF_ENOMEM, "region %s: out of memory", r->name); goto done; }
  OGREnvelope e;
  OGR_G_GetEnvelope(q, &e);
  /* the global domain: cell centres 0..nx-1, edges at -1/2 and nx-1/2 */
  dom = rect(-0.5, g->nx - 0.5, -0.5, g->ny - 0.5);
  if (e.MaxX <= -0.5 || e.MinX >= g->nx - 0.5 || e.MaxY <= -0.5 || e.MinY >= g->ny - 0.5 ||
      !OGR_G_Intersects(q, dom)) {
    double la0, lo0, la1, lo1;
    proj_ij_to_ll(&g->proj, 0.0, 0.0, &la0, &lo0);
    proj_ij_to_ll(&g->proj, g->nx - 1.0, g->ny - 1.0, &la1, &lo1);
    rc = tf_err_set(err, TF_EINVAL, "region %s: no part of it lies inside the grid domain (region %.3f..%.3f E, "
                    "%.3f..%.3f N; grid %d x %d cells from %.3f E %.3f N (SW) to %.3f E %.3f N (NE))", r->name,
                    r->lon0, r->lon1, r->lat0, r->lat1, g->nx, g->ny, lo0, la0, lo1, la1);
    goto done;
  }
  /* stored cells (local -halo..nxo+halo-1, global i0 + local) that lie inside the global
   * domain and the envelope; halo cells beyond the domain edge stay 0 */
  int h = g->halo;
  int ilo = imax((int)floor(e.MinX + 0.5), 0) - g->i0, ihi = imin((int)floor(e.MaxX + 0.5), g->nx - 1) - g->i0;
  int jlo = imax((int)floor(e.MinY + 0.5), 0) - g->j0, jhi = imin((int)floor(e.MaxY + 0.5), g->ny - 1) - g->j0;
  ilo = imax(ilo, -h);
  jlo = imax(jlo, -h);
  ihi = imin(ihi, g->nxo + h - 1);
  jhi = imin(jhi, g->nyo + h - 1);
  if (ilo > ihi || jlo > jhi) goto done;   /* a part of the grid the region does not reach */
  OGRGeometryH box = rect(g->i0 + ilo - 0.5, g->i0 + ihi + 0.5, g->j0 + jlo - 0.5, g->j0 + jhi + 0.5);
  OGRGeometryH piece = OGR_G_Intersection(q, box);
  OGR_G_DestroyGeometry(box);
  frac_job jb = {g, frac, r->name, &gm, err};
  if (!piece) {
    char said[900];
    rc = tf_err_set(err, TF_ENUMERIC, "region %s: polygon overlay failed%s", r->name, gdal_said(&gm, said, sizeof said));
    goto done;
  }
  rc = split_block(&jb, piece, ilo, ihi, jlo, jhi);
  OGR_G_DestroyGeometry(piece);
done:
  if (dom) OGR_G_DestroyGeometry(dom);
  if (q) OGR_G_DestroyGeometry(q);
  gdal_end();
  return rc;
}

int tfgis_region_contains(const tfgis_region *r, double lon, double lat)
{
  if (!r || !isfinite(lon) || !isfinite(lat)) return 0;
  if (lon < r->lon0 || lon > r->lon1 || lat < r->lat0 || lat > r->lat1) return 0;
  gdal_msgs gm;
  gdal_begin(&gm);
  OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
  OGR_G_SetPoint_2D(pt, 0, lon, lat);
  int in = r->prep ? OGRPreparedGeometryIntersects(r->prep, pt) : OGR_G_Intersects(r->geom, pt);
  OGR_G_DestroyGeometry(pt);
  gdal_end();
  return in ? 1 : 0;
}

/* ---------------------------------------------------------------- outlines */

/* Append every ring of the (multi)polygon g (exterior and holes) to o; TF_ENOMEM on failure. */
static int add_rings(tfgis_outlines *o, OGRGeometryH g, size_t *cap_pts, int *cap_lines)
{
  OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
  if (t == wkbMultiPolygon || t == wkbPolygon || t == wkbGeometryCollection) {
    for (int k = 0; k < OGR_G_GetGeometryCount(g); k++)
      if (add_rings(o, OGR_G_GetGeometryRef(g, k), cap_pts, cap_lines)) return TF_ENOMEM;
    return TF_OK;
  }
  int np = OGR_G_GetPointCount(g);   /* a ring (linear ring / line string) */
  if (np < 2) return TF_OK;
  if ((size_t)np + o->start[o->nlines] > *cap_pts) {
    size_t cap = *cap_pts * 2 + (size_t)np;
    double *lon = realloc(o->lon, cap * sizeof *lon);
    if (lon) o->lon = lon;
    double *lat = realloc(o->lat, cap * sizeof *lat);
    if (lat) o->lat = lat;
    if (!lon || !lat) return TF_ENOMEM;
    *cap_pts = cap;
  }
  if (o->nlines + 1 >= *cap_lines) {
    int cap = *cap_lines * 2 + 16;
    int *st = realloc(o->start, (size_t)(cap + 1) * sizeof *st);
    if (!st) return TF_ENOMEM;
    o->start = st;
    *cap_lines = cap;
  }
  int p0 = o->start[o->nlines];
  for (int k = 0; k < np; k++) {
    o->lon[p0 + k] = OGR_G_GetX(g, k);
    o->lat[p0 + k] = OGR_G_GetY(g, k);
  }
  o->nlines++;
  o->start[o->nlines] = p0 + np;
  return TF_OK;
}

tfgis_outlines *tfgis_outlines_read(const char *path, const char *field, const char *value, tf_err *err)
{
  gdal_msgs gm;
  char said[900];
  gdal_begin(&gm);
  OGRCoordinateTransformationH ct = NULL;
  OGRSpatialReferenceH wgs = NULL;
  OGRLayerH layer = NULL;
  tfgis_outlines *o = NULL;
  GDALDatasetH ds = open_vector(path, &layer, &gm, err);
  if (!ds) goto fail;
  const char *lname = OGR_L_GetName(layer);
  int fi = -1;
  if (field && *field && (fi = find_field(path, layer, field, err)) < 0) goto fail;
  if (value && fi < 0) {
    tf_err_set(err, TF_EINVAL, "%s: layer '%s': a value ('%s') needs a field to match", path, lname, value);
    goto fail;
  }
  char want[256] = "";
  if (value) trim_copy(want, sizeof want, value);
  if (lonlat_transform(path, layer, &ct, &wgs, &gm, err)) goto fail;
  size_t cap_pts = 0;
  int cap_lines = 0;
  if (!(o = calloc(1, sizeof *o)) || !(o->start = calloc(1, sizeof *o->start))) {
    tf_err_set(err, TF_ENOMEM, "%s: out of memory reading outlines", path);
    goto fail;
  }
  OGR_L_ResetReading(layer);
  OGRFeatureH f;
  while ((f = OGR_L_GetNextFeature(layer))) {
    char got[256] = "";
    if (fi >= 0) trim_copy(got, sizeof got, OGR_F_IsFieldSetAndNotNull(f, fi) ? OGR_F_GetFieldAsString(f, fi) : "");
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if ((value && !equal_ci(got, want)) || !g || OGR_G_IsEmpty(g) || !is_polygonal(g)) {
      OGR_F_Destroy(f);
      continue;
    }
    OGRGeometryH gc = OGR_G_ForceToMultiPolygon(OGR_G_Clone(g));
    long long fid = (long long)OGR_F_GetFID(f);
    OGR_F_Destroy(f);
    if (!gc || (ct && OGR_G_Transform(gc, ct) != OGRERR_NONE)) {
      tf_err_set(err, TF_EFORMAT, "%s: layer '%s': feature %lld: cannot read or transform the polygon%s", path,
                 lname, fid, gdal_said(&gm, said, sizeof said));
      if (gc) OGR_G_DestroyGeometry(gc);
      goto fail;
    }
    int rc = add_rings(o, gc, &cap_pts, &cap_lines);
    OGR_G_DestroyGeometry(gc);
    if (rc) {
      tf_err_set(err, TF_ENOMEM, "%s: out of memory reading outlines", path);
      goto fail;
    }
    o->nfeatures++;
  }
  if (!o->nfeatures) {
    if (value) tf_err_set(err, TF_EINVAL, "%s: layer '%s': no polygon feature with %s = '%s'", path, lname, field, want);
    else tf_err_set(err, TF_EFORMAT, "%s: layer '%s' has no polygon features", path, lname);
    goto fail;
  }
  o->npoints = o->start[o->nlines];
  if (ct) OCTDestroyCoordinateTransformation(ct);
  if (wgs) OSRDestroySpatialReference(wgs);
  GDALClose(ds);
  gdal_end();
  return o;

fail:
  tfgis_outlines_destroy(&o);
  if (ct) OCTDestroyCoordinateTransformation(ct);
  if (wgs) OSRDestroySpatialReference(wgs);
  if (ds) GDALClose(ds);
  gdal_end();
  return NULL;
}

void tfgis_outlines_destroy(tfgis_outlines **o)
{
  if (!o || !*o) return;
  free((*o)->start);
  free((*o)->lon);
  free((*o)->lat);
  free(*o);
  *o = NULL;
}

int tfgis_outlines_load(const char *data_dir, const char *set, tfgis_outlines **out, tf_err *err)
{
  static const struct { const char *name, *rel; } sets[] = {
    {"provinces", "sichuan/ne10m_admin1_sichuan_chongqing.geojson"},
    {"prefectures", "regions/sichuan_chongqing_prefectures.geojson"}};
  *out = NULL;
  if (!data_dir || !*data_dir) return tf_err_set(err, TF_EINVAL, "outlines: no data directory given");
  for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
    if (!set || strcmp(set, sets[k].name) != 0) continue;
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", data_dir, sets[k].rel) >= sizeof path)
      return tf_err_set(err, TF_EINVAL, "outlines '%s': data directory path too long", set);
    if (!(*out = tfgis_outlines_read(path, NULL, NULL, err))) {
      int rc = tf_err_prefix(err, "outlines '%s'", set);
      return rc ? rc : TF_EIO;
    }
    return TF_OK;
  }
  return tf_err_set(err, TF_EINVAL, "outlines: unknown builtin set '%s' (known: provinces, prefectures)",
                    set ? set : "(null)");
}
