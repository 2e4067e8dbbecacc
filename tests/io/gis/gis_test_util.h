/* gis_test_util.h — helpers of the io/gis tests: a small Lambert test grid, and vector
 * files written through OGR (GeoJSON, ESRI shapefile, GPKG) from WKT polygons given in grid
 * index coordinates (mapped to lon/lat with the grid's own projection, so the region lies
 * exactly where the test says on the grid) or in lon/lat. */
#ifndef GIS_TEST_UTIL_H
#define GIS_TEST_UTIL_H
#include "model/grid/grid.h"

/* Lambert 25/35 N, stand_lon 104 E, centre 30.5 N 104.5 E, dx = dy = dx_m, halo h. */
tf_grid *gis_test_grid(int nx, int ny, int halo, double dx_m);
/* Write one layer "regions" with a string field "name": feature k has names[k] and the
 * geometry wkt[k]; when p is not NULL the WKT coordinates are fractional grid indices
 * (i, j) mapped to lon/lat with proj_ij_to_ll, else they are lon/lat. driver: "GeoJSON",
 * "ESRI Shapefile", "GPKG". Returns 0 on success. */
int gis_write_layer(const char *path, const char *driver, const tf_proj *p, int n,
                    const char *const *names, const char *const *wkt);
#endif
