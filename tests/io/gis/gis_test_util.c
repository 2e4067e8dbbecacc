/* gis_test_util.c — see gis_test_util.h. */
#include "gis_test_util.h"
#include <stdio.h>
#include <string.h>
#include "cpl_string.h"
#include "gdal.h"
#include "ogr_api.h"
#include "ogr_srs_api.h"

tf_grid *gis_test_grid(int nx, int ny, int halo, double dx_m)
{
  tf_err err;
  tf_grid *g = grid_create(nx, ny, 2, halo, &err);
  if (!g) return NULL;
  tf_proj p = {0};
  p.map_proj = TF_PROJ_LAMBERT;
  p.truelat1 = 25.0; p.truelat2 = 35.0; p.stand_lon = 104.0;
  p.cen_lat = 30.5; p.cen_lon = 104.5;
  p.dx_m = p.dy_m = dx_m;
  p.nx = nx; p.ny = ny;
  if (proj_init(&p, &err)) { grid_destroy(&g); return NULL; }
  g->proj = p;
  g->dx_m = g->dy_m = dx_m;
  if (grid_set_from_proj(g, &err)) { grid_destroy(&g); return NULL; }
  return g;
}

static void map_ll(OGRGeometryH g, const tf_proj *p)
{
  int ng = OGR_G_GetGeometryCount(g);
  for (int k = 0; k < ng; k++) map_ll(OGR_G_GetGeometryRef(g, k), p);
  if (ng) return;
  for (int k = 0; k < OGR_G_GetPointCount(g); k++) {
    double lat, lon;
    proj_ij_to_ll(p, OGR_G_GetX(g, k), OGR_G_GetY(g, k), &lat, &lon);
    OGR_G_SetPoint_2D(g, k, lon, lat);
  }
}

int gis_write_layer(const char *path, const char *driver, const tf_proj *p, int n,
                    const char *const *names, const char *const *wkt)
{
  GDALAllRegister();
  GDALDriverH drv = GDALGetDriverByName(driver);
  if (!drv) return 1;
  remove(path);
  GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
  if (!ds) return 1;
  OGRSpatialReferenceH wgs = OSRNewSpatialReference(NULL);
  OSRSetWellKnownGeogCS(wgs, "WGS84");
  OSRSetAxisMappingStrategy(wgs, OAMS_TRADITIONAL_GIS_ORDER);
  /* 17 significant digits so the index -> lon/lat -> index round trip is ~1e-13 cells */
  char **opt = CSLSetNameValue(NULL, "COORDINATE_PRECISION", "17");
  if (strcmp(driver, "GeoJSON")) { CSLDestroy(opt); opt = NULL; }
  OGRLayerH lay = GDALDatasetCreateLayer(ds, "regions", wgs, wkbUnknown, opt);
  CSLDestroy(opt);
  OSRDestroySpatialReference(wgs);
  if (!lay) { GDALClose(ds); return 1; }
  OGRFieldDefnH fd = OGR_Fld_Create("name", OFTString);
  OGR_L_CreateField(lay, fd, 1);
  OGR_Fld_Destroy(fd);
  int rc = 0;
  for (int k = 0; k < n && !rc; k++) {
    OGRGeometryH geom = NULL;
    char *w = (char *)wkt[k];
    if (OGR_G_CreateFromWkt(&w, NULL, &geom) != OGRERR_NONE) { rc = 1; break; }
    if (p) map_ll(geom, p);
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(lay));
    OGR_F_SetFieldString(f, 0, names[k]);
    OGR_F_SetGeometryDirectly(f, geom);
    if (OGR_L_CreateFeature(lay, f) != OGRERR_NONE) rc = 1;
    OGR_F_Destroy(f);
  }
  GDALClose(ds);
  return rc;
}
