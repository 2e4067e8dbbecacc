/* proj.h — map projections as WRF defines them (MAP_PROJ attribute of wrfout files).
 *
 * WRF codes: 1 Lambert conformal, 2 polar stereographic, 3 Mercator, 6 regular lat-lon
 * (cylindrical equidistant). Formulas follow WRF share/module_llxy.F (itself from
 * Snyder 1987, "Map Projections — A Working Manual", USGS PP 1395, on a sphere of radius
 * TF_EARTH_RADIUS). Grid coordinates are 0-based mass-point indices: (i, j) = (0, 0) is the
 * centre of the south-west mass cell; i grows east (west_east), j north (south_north). */
#ifndef TF_PROJ_H
#define TF_PROJ_H
#include "model/core/tf_error.h"

enum { TF_PROJ_LAMBERT = 1, TF_PROJ_POLAR = 2, TF_PROJ_MERCATOR = 3, TF_PROJ_LATLON = 6 };

typedef struct tf_proj {
  int map_proj;        /* WRF MAP_PROJ code */
  double truelat1, truelat2, stand_lon;   /* deg */
  double cen_lat, cen_lon;                /* deg, domain centre (CEN_LAT/CEN_LON) */
  double pole_lat, pole_lon;              /* deg, lat-lon only (90, 0 = unrotated) */
  double dx_m, dy_m;                      /* grid spacing, m (lat-lon: see dlat/dlon) */
  double dlat_deg, dlon_deg;              /* lat-lon grids only */
  int nx, ny;                             /* mass-point counts; centre is ((nx-1)/2, (ny-1)/2) */
  /* derived, filled by proj_init */
  double cone, hemi, rsw, polei, polej, knowni, knownj, lat1, lon1;
} tf_proj;

/* Fill derived constants; checks codes and parameters (message names what is wrong). */
int proj_init(tf_proj *p, tf_err *err);
/* lat/lon (deg) -> fractional grid index (i, j). */
void proj_ll_to_ij(const tf_proj *p, double lat, double lon, double *i, double *j);
/* fractional grid index -> lat/lon (deg). */
void proj_ij_to_ll(const tf_proj *p, double i, double j, double *lat, double *lon);
/* Map scale factor m (grid distance / true distance) at latitude lat (deg). */
double proj_mapfac(const tf_proj *p, double lat);
/* Rotation of grid axes relative to geographic north at (lat, lon): returns cos/sin alpha
 * as WRF's COSALPHA/SINALPHA, so u_earth = u*cos - v*sin, v_earth = v*cos + u*sin. */
void proj_rotation(const tf_proj *p, double lat, double lon, double *cosa, double *sina);
/* CF grid_mapping attributes: fills name ("lambert_conformal_conic", ...). */
const char *proj_cf_name(const tf_proj *p);
#endif
