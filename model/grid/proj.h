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
  /* Optional anchor (added by the netcdf helper; zero-initialised = unused): when has_ref
   * is nonzero, (cen_lat, cen_lon) sits at grid index (ref_i, ref_j) instead of the domain
   * centre. Needed for wrfout files cropped from a larger domain (CEN_LAT/CEN_LON stay
   * those of the parent, see WEST-EAST_GRID_DIMENSION). */
  int has_ref;
  double ref_i, ref_j;
  double scale_top, rebydx, dlon_rad;     /* derived: polar (1+hemi sin tl1), R/dx, Mercator dlon */
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
/* Origin (deg) of the projection-plane coordinates below, as CF's grid_mapping names it:
 * Lambert (latitude_of_projection_origin = cen_lat, longitude_of_central_meridian =
 * stand_lon), polar (+-90, straight_vertical_longitude_from_pole = stand_lon), Mercator
 * (0, longitude_of_projection_origin = cen_lon), lat-lon (0, 0). */
void proj_cf_origin(const tf_proj *p, double *lat0, double *lon0);
/* Projection-plane coordinates of grid index (i, j): metres from the CF origin above
 * (CF projection_x/y_coordinate, false easting/northing 0), exactly (i - i0)*dx and
 * (j - j0)*dy. For lat-lon grids x = lon, y = lat in degrees. */
void proj_ij_to_xy(const tf_proj *p, double i, double j, double *x, double *y);
#endif
