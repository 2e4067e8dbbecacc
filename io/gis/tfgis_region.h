/* tfgis_region.h — regions from real polygons: the area fraction of each grid cell inside
 * a polygon read from any vector file GDAL/OGR reads (GeoJSON, ESRI shapefile, GPKG,
 * TopoJSON, ...), and point-in-polygon for point sources.
 *
 * What it computes: for a region (the union of the selected features' polygons) and a model
 * grid, frac[c] = area(cell c ∩ region) / area(cell c), measured in the grid's projection
 * plane — the plane in which the model's cells are exact dx × dy rectangles.
 * Method: every polygon vertex (lon/lat) is mapped to the grid's fractional global index
 * (i, j) by Tianfu's own projection (model/grid/proj.h, proj_ll_to_ij), so the polygon lies
 * on exactly the model's grid; edges are straight between the mapped vertices (the shipped
 * polygons have edges of a few km, whose curvature in the plane is negligible; no
 * densification, so a polygon drawn in grid coordinates is reproduced exactly). Cell (i, j)
 * is the square [i-1/2, i+1/2] × [j-1/2, j+1/2]; intersections and areas are GEOS's
 * (OGR_G_Intersection, OGR_G_Area; GEOS >= 3.9 OverlayNG). Envelope prefilter: only the
 * block of cells inside the polygon's envelope is visited, and it is bisected recursively
 * (k-d split, the polygon cut to each half), so each vertex enters O(log cells) overlays and
 * wholly covered or empty blocks cost one area each. Measured (test_gis_regions, 2 cores):
 * Chengdu on the 27 km grid ~25 ms, on the 12 km grid ~50 ms; Sichuan ~0.2 s / ~0.6 s.
 * Reference: the area-weighted mask of CMAQ's DESID region files and of the issue
 * ("the fraction of each cell inside a polygon is its area fraction, not its centre").
 *
 * Coordinates: lon/lat in degrees (GeoJSON is by definition; a layer with a projected CRS is
 * transformed to WGS84 longitude/latitude by OGR). Several selected features are dissolved
 * into one region (OGR_G_UnionCascaded), so overlaps are counted once.
 *
 * Invalid polygons (self-intersecting rings, ...; GEOS validity) are REFUSED, not repaired:
 * a repaired polygon is a guess about what the file meant, and the emission totals follow
 * from it. The message names the file, layer, feature index, the selected field value and
 * GEOS's reason, and suggests `ogr2ogr -makevalid out.geojson in.geojson`.
 *
 * Errors (tf_err) always name the file and layer: file not found, not a vector file, field
 * missing (the fields that exist are listed), value not found (closest values: "did you
 * mean"), feature without (multi)polygon geometry, invalid polygon, no part of the region
 * inside the grid domain. GDAL's own messages go into the tf_err message, never to stderr.
 *
 * Thread safety: a region may be used by one thread at a time (GEOS prepared geometries are
 * not shared between threads); open one region per thread for parallel use. */
#ifndef TFGIS_REGION_H
#define TFGIS_REGION_H
#include "model/core/tf_error.h"
#include "model/grid/grid.h"

typedef struct tfgis_region tfgis_region;

/* Open the first layer of the vector file `path` and select the features whose attribute
 * `field` equals `value` (case-insensitive, surrounding blanks ignored). value NULL selects
 * every feature of the layer (field may then be NULL). Returns NULL with err set on any
 * failure (see the errors above). */
tfgis_region *tfgis_region_open(const char *path, const char *field, const char *value, tf_err *err);
void tfgis_region_destroy(tfgis_region **r);

/* Area fraction in [0, 1] of every stored cell of g (owned and halo, g's 2-D layout:
 * frac[grid_idx2(g, i, j)]), 0 outside the region. Works on a part of a decomposed grid
 * (global indices i0 + i, j0 + j); fails (TF_EINVAL, message names the region and the
 * domain) only if no part of the region lies inside the global domain of g. */
int tfgis_region_fraction(const tfgis_region *r, const tf_grid *g, double *frac, tf_err *err);

/* 1 if the point (deg) lies inside the region or on its boundary, 0 otherwise. */
int tfgis_region_contains(const tfgis_region *r, double lon, double lat);

/* Area of the whole region (inside the domain or not) in the projection plane of g, m2:
 * area in grid-index units × dx_m × dy_m. The sum over cells of frac × dx × dy equals it
 * when the region lies inside the domain; the true (spherical) area is ≈ Σ frac × dx dy / m²
 * (grid_cell_area_m2 with the map factor). Returns a negative value on failure. */
double tfgis_region_area_m2(const tfgis_region *r, const tf_grid *g);

/* Description for messages and logs: "<file> layer '<layer>' <field>='<value>' (N features)". */
const char *tfgis_region_name(const tfgis_region *r);
/* Number of features dissolved into the region, and its lon/lat envelope (deg). */
int tfgis_region_nfeatures(const tfgis_region *r);
void tfgis_region_bounds(const tfgis_region *r, double *lon_min, double *lon_max,
                         double *lat_min, double *lat_max);

/* Distinct values of `field` in the first layer of `path`, in file order: *values is a
 * NULL-terminated array of *n strings (free with tfgis_free_values). The field name match is
 * case-insensitive; a missing field is an error that lists the fields. */
int tfgis_list_values(const char *path, const char *field, char ***values, int *n, tf_err *err);
void tfgis_free_values(char ***values);

/* Outlines for drawing: every ring (exterior and holes) of every polygon of the selected
 * features of the first layer of `path`, as lon/lat polylines (deg), unchanged (not
 * dissolved, not validated: a map draws what the file holds). Selection as
 * tfgis_region_open (value NULL = every feature); non-polygon features are skipped.
 * Polyline k has the points start[k] .. start[k+1]-1 of lon/lat; rings are closed (first
 * point repeated last, as OGR stores them). The layout is the one io/plot/tfplot.h's
 * tfplot_lines takes. NULL with err set (the file and layer named) on failure, or if no
 * polygon feature is selected. */
typedef struct tfgis_outlines {
  int nlines;        /* polylines (rings) */
  int nfeatures;     /* features they came from */
  int npoints;       /* = start[nlines] */
  int *start;        /* nlines + 1 offsets into lon/lat */
  double *lon, *lat; /* deg */
} tfgis_outlines;
tfgis_outlines *tfgis_outlines_read(const char *path, const char *field, const char *value, tf_err *err);
void tfgis_outlines_destroy(tfgis_outlines **o);

/* The builtin outline sets of the repository, under data_dir (the run-time data root
 * configs/, or $TIANFU_DATA_DIR: pass app/datadir.h's tf_data_dir()):
 *   "provinces"   sichuan/ne10m_admin1_sichuan_chongqing.geojson: Sichuan and Chongqing
 *                 (Natural Earth 10 m admin-1, public domain; 2 features)
 *   "prefectures" regions/sichuan_chongqing_prefectures.geojson: the 21 prefectures of
 *                 Sichuan and Chongqing (cn-atlas/CTAmap, configs/regions/README.md; 22 features)
 * *out = the outlines of every feature (tfgis_outlines_read with value NULL); TF_OK, or
 * TF_EINVAL for an unknown set (the known ones listed) and the errors of tfgis_outlines_read
 * (the file named). Free with tfgis_outlines_destroy. */
int tfgis_outlines_load(const char *data_dir, const char *set, tfgis_outlines **out, tf_err *err);
#endif
