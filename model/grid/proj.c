/* proj.c — WRF map projections (see proj.h): lat/lon <-> grid index, map factor, rotation.
 *
 * Method: the spherical formulas of WRF share/module_llxy.F (set_lc/llij_lc/ijll_lc,
 * set_ps/llij_ps/ijll_ps, set_merc/llij_merc/ijll_merc, set_latlon/llij_latlon/ijll_latlon),
 * which are Snyder (1987) "Map Projections — A Working Manual", USGS PP 1395: Lambert
 * conformal conic eqs. (15-1)..(15-4), polar stereographic (21-1)..(21-4), Mercator
 * (7-1)..(7-4), on a sphere of radius TF_EARTH_RADIUS. WRF works in 1-based indices with a
 * "known point" (knowni, knownj) = (lat1, lon1); here indices are 0-based and the known point
 * is the domain centre ((nx-1)/2, (ny-1)/2) = (CEN_LAT, CEN_LON), which is how WPS/real.exe
 * place a wrfout domain (or (ref_i, ref_j) for cropped files, see proj.h).
 * Map factors follow WPS geogrid (get_map_factor): Lambert m = sin(colat1)/sin(colat) *
 * (tan(colat/2)/tan(colat1/2))^cone (Snyder 15-4), polar m = (1 + sin|tl1|)/(1 + sin|lat|)
 * (21-4), Mercator m = cos(tl1)/cos(lat) (7-3); lat-lon returns the x factor 1/cos(lat).
 * Rotation: WPS gridwind_to_truewind uses alpha = (lon - stand_lon)*cone*hemi (Lambert) or
 * (lon - stand_lon)*hemi (polar) with u_true = u cos(alpha) + v sin(alpha); WRF's
 * COSALPHA/SINALPHA convention (u_true = u cos - v sin) therefore has sin = -sin(alpha). */
#include "model/grid/proj.h"
#include <math.h>
#include "model/core/tf_const.h"

/* Longitude difference wrapped to [-180, 180] (module_llxy: deltalon wrapping). */
static double wrap180(double d)
{
  while (d > 180.0) d -= 360.0;
  while (d < -180.0) d += 360.0;
  return d;
}

/* Lambert radius on the projection plane in grid units for latitude lat (WRF llij_lc rm). */
static double lc_radius(const tf_proj *p, double lat)
{
  double ctl1r = cos(p->truelat1 * TF_DEG2RAD);
  return p->rebydx * ctl1r / p->cone *
         pow(tan((90.0 * p->hemi - lat) * TF_DEG2RAD / 2.0) /
             tan((90.0 * p->hemi - p->truelat1) * TF_DEG2RAD / 2.0), p->cone);
}

/* Polar stereographic radius in grid units (WRF llij_ps rm). */
static double ps_radius(const tf_proj *p, double lat)
{
  double ala = lat * TF_DEG2RAD;
  return p->rebydx * cos(ala) * p->scale_top / (1.0 + p->hemi * sin(ala));
}

int proj_init(tf_proj *p, tf_err *err)
{
  if (p->nx < 1 || p->ny < 1)
    return tf_err_set(err, TF_EINVAL, "proj: grid size nx=%d ny=%d, expected >= 1", p->nx, p->ny);
  if (!(p->cen_lat >= -90.0 && p->cen_lat <= 90.0) || !isfinite(p->cen_lon))
    return tf_err_set(err, TF_EINVAL, "proj: CEN_LAT=%g CEN_LON=%g out of range", p->cen_lat, p->cen_lon);
  p->knowni = p->has_ref ? p->ref_i : 0.5 * (p->nx - 1);
  p->knownj = p->has_ref ? p->ref_j : 0.5 * (p->ny - 1);
  p->lat1 = p->cen_lat;
  p->lon1 = p->cen_lon;
  p->hemi = p->truelat1 < 0.0 ? -1.0 : 1.0;
  p->cone = 1.0;
  p->rsw = p->polei = p->polej = 0.0;
  if (p->map_proj != TF_PROJ_LATLON) {
    if (!(p->dx_m > 0.0) || !(p->dy_m > 0.0))
      return tf_err_set(err, TF_EINVAL, "proj: DX=%g DY=%g m, expected > 0", p->dx_m, p->dy_m);
    if (fabs(p->dx_m - p->dy_m) > 1e-6 * p->dx_m)
      return tf_err_set(err, TF_EINVAL, "proj: DX=%g != DY=%g m; WRF conformal grids are square",
                        p->dx_m, p->dy_m);
    p->rebydx = TF_EARTH_RADIUS / p->dx_m;
  }
  switch (p->map_proj) {
  case TF_PROJ_LAMBERT: {
    double t1 = p->truelat1, t2 = p->truelat2;
    if (!(fabs(t1) > 0.0 && fabs(t1) < 90.0) || !(fabs(t2) < 90.0) || t1 * t2 < 0.0)
      return tf_err_set(err, TF_EINVAL,
                        "proj: Lambert TRUELAT1=%g TRUELAT2=%g, expected same-sign latitudes in (0, 90)",
                        t1, t2);
    /* WRF lc_cone: secant cone from both true latitudes, tangent cone when they coincide
     * (Snyder eq. 15-3). */
    if (fabs(t1 - t2) > 0.1)
      p->cone = (log10(cos(t1 * TF_DEG2RAD)) - log10(cos(t2 * TF_DEG2RAD))) /
                (log10(tan((45.0 - fabs(t1) / 2.0) * TF_DEG2RAD)) -
                 log10(tan((45.0 - fabs(t2) / 2.0) * TF_DEG2RAD)));
    else
      p->cone = sin(fabs(t1) * TF_DEG2RAD);
    double arg = p->cone * wrap180(p->lon1 - p->stand_lon) * TF_DEG2RAD;
    p->rsw = lc_radius(p, p->lat1);
    p->polei = p->hemi * p->knowni - p->hemi * p->rsw * sin(arg);
    p->polej = p->hemi * p->knownj + p->rsw * cos(arg);
    break;
  }
  case TF_PROJ_POLAR: {
    if (!(fabs(p->truelat1) > 0.0 && fabs(p->truelat1) <= 90.0))
      return tf_err_set(err, TF_EINVAL, "proj: polar TRUELAT1=%g, expected 0 < |lat| <= 90", p->truelat1);
    p->scale_top = 1.0 + p->hemi * sin(p->truelat1 * TF_DEG2RAD);
    p->rsw = ps_radius(p, p->lat1);
    double alo1 = (p->lon1 - (p->stand_lon + 90.0)) * TF_DEG2RAD;
    p->polei = p->knowni - p->rsw * cos(alo1);
    p->polej = p->knownj - p->hemi * p->rsw * sin(alo1);
    break;
  }
  case TF_PROJ_MERCATOR: {
    if (!(fabs(p->truelat1) < 89.0))
      return tf_err_set(err, TF_EINVAL, "proj: Mercator TRUELAT1=%g, expected |lat| < 89", p->truelat1);
    if (!(fabs(p->cen_lat) < 89.0))
      return tf_err_set(err, TF_EINVAL, "proj: Mercator CEN_LAT=%g, expected |lat| < 89", p->cen_lat);
    /* WRF set_merc: dlon = grid spacing in radians of longitude. */
    p->dlon_rad = p->dx_m / (TF_EARTH_RADIUS * cos(p->truelat1 * TF_DEG2RAD));
    p->rsw = log(tan(0.5 * (p->lat1 + 90.0) * TF_DEG2RAD)) / p->dlon_rad;
    break;
  }
  case TF_PROJ_LATLON: {
    int unrot = (p->pole_lat == 90.0 && p->pole_lon == 0.0) ||
                (p->pole_lat == 0.0 && p->pole_lon == 0.0); /* 0,0 = not set */
    if (!unrot)
      return tf_err_set(err, TF_EINVAL,
                        "proj: lat-lon POLE_LAT=%g POLE_LON=%g: only the unrotated grid (90, 0) is supported",
                        p->pole_lat, p->pole_lon);
    /* DX/DY of a WRF lat-lon grid are metres along the equator: dlon = dx / R (rad). */
    if (!(p->dlat_deg > 0.0)) p->dlat_deg = p->dy_m / TF_EARTH_RADIUS * TF_RAD2DEG;
    if (!(p->dlon_deg > 0.0)) p->dlon_deg = p->dx_m / TF_EARTH_RADIUS * TF_RAD2DEG;
    if (!(p->dlat_deg > 0.0) || !(p->dlon_deg > 0.0))
      return tf_err_set(err, TF_EINVAL, "proj: lat-lon grid needs dlat/dlon or DX/DY > 0 (found %g, %g deg)",
                        p->dlat_deg, p->dlon_deg);
    break;
  }
  default:
    return tf_err_set(err, TF_EINVAL,
                      "proj: MAP_PROJ=%d not supported, expected 1 (Lambert), 2 (polar), 3 (Mercator) or 6 (lat-lon)",
                      p->map_proj);
  }
  return TF_OK;
}

void proj_ll_to_ij(const tf_proj *p, double lat, double lon, double *i, double *j)
{
  switch (p->map_proj) {
  case TF_PROJ_LAMBERT: {
    double rm = lc_radius(p, lat);
    double arg = p->cone * wrap180(lon - p->stand_lon) * TF_DEG2RAD;
    *i = p->hemi * (p->polei + p->hemi * rm * sin(arg));
    *j = p->hemi * (p->polej - rm * cos(arg));
    break;
  }
  case TF_PROJ_POLAR: {
    double rm = ps_radius(p, lat);
    double alo = (lon - (p->stand_lon + 90.0)) * TF_DEG2RAD;
    *i = p->polei + rm * cos(alo);
    *j = p->polej + p->hemi * rm * sin(alo);
    break;
  }
  case TF_PROJ_MERCATOR: {
    double dl = wrap180(lon - p->lon1);
    *i = p->knowni + dl / (p->dlon_rad * TF_RAD2DEG);
    *j = p->knownj + log(tan(0.5 * (lat + 90.0) * TF_DEG2RAD)) / p->dlon_rad - p->rsw;
    break;
  }
  default: /* lat-lon */
    *i = p->knowni + wrap180(lon - p->lon1) / p->dlon_deg;
    *j = p->knownj + (lat - p->lat1) / p->dlat_deg;
    break;
  }
}

void proj_ij_to_ll(const tf_proj *p, double i, double j, double *lat, double *lon)
{
  switch (p->map_proj) {
  case TF_PROJ_LAMBERT: {
    double chi1 = (90.0 - p->hemi * p->truelat1) * TF_DEG2RAD;
    double chi2 = (90.0 - p->hemi * p->truelat2) * TF_DEG2RAD;
    double xx = p->hemi * i - p->polei, yy = p->polej - p->hemi * j;
    double r2 = xx * xx + yy * yy;
    if (r2 == 0.0) {
      *lat = p->hemi * 90.0;
      *lon = p->stand_lon;
      return;
    }
    double r = sqrt(r2) / p->rebydx;
    *lon = p->stand_lon + TF_RAD2DEG * atan2(p->hemi * xx, yy) / p->cone;
    double chi;
    if (fabs(chi1 - chi2) < 1e-12) /* tangent cone, module_llxy ijll_lc */
      chi = 2.0 * atan(pow(r / tan(chi1), 1.0 / p->cone) * tan(chi1 * 0.5));
    else
      chi = 2.0 * atan(pow(r * p->cone / sin(chi1), 1.0 / p->cone) * tan(chi1 * 0.5));
    *lat = (90.0 - chi * TF_RAD2DEG) * p->hemi;
    break;
  }
  case TF_PROJ_POLAR: {
    double reflon = p->stand_lon + 90.0;
    double xx = i - p->polei, yy = (j - p->polej) * p->hemi;
    double r2 = xx * xx + yy * yy;
    if (r2 == 0.0) {
      *lat = p->hemi * 90.0;
      *lon = reflon;
    } else {
      double gi2 = (p->rebydx * p->scale_top) * (p->rebydx * p->scale_top);
      *lat = TF_RAD2DEG * p->hemi * asin((gi2 - r2) / (gi2 + r2));
      double ac = acos(fmax(-1.0, fmin(1.0, xx / sqrt(r2))));
      *lon = yy > 0.0 ? reflon + TF_RAD2DEG * ac : reflon - TF_RAD2DEG * ac;
    }
    break;
  }
  case TF_PROJ_MERCATOR:
    *lat = 2.0 * atan(exp(p->dlon_rad * (p->rsw + j - p->knownj))) * TF_RAD2DEG - 90.0;
    *lon = (i - p->knowni) * p->dlon_rad * TF_RAD2DEG + p->lon1;
    break;
  default:
    *lat = p->lat1 + (j - p->knownj) * p->dlat_deg;
    *lon = p->lon1 + (i - p->knowni) * p->dlon_deg;
    break;
  }
  *lon = wrap180(*lon);
}

double proj_mapfac(const tf_proj *p, double lat)
{
  switch (p->map_proj) {
  case TF_PROJ_LAMBERT: {
    double colat0 = (90.0 - p->hemi * p->truelat1) * TF_DEG2RAD;
    double colat = (90.0 - p->hemi * lat) * TF_DEG2RAD;
    return sin(colat0) / sin(colat) * pow(tan(colat / 2.0) / tan(colat0 / 2.0), p->cone);
  }
  case TF_PROJ_POLAR:
    return p->scale_top / (1.0 + p->hemi * sin(lat * TF_DEG2RAD));
  case TF_PROJ_MERCATOR:
    return cos(p->truelat1 * TF_DEG2RAD) / cos(lat * TF_DEG2RAD);
  default:
    return 1.0 / cos(lat * TF_DEG2RAD);
  }
}

void proj_rotation(const tf_proj *p, double lat, double lon, double *cosa, double *sina)
{
  (void)lat;
  double alpha = 0.0;
  if (p->map_proj == TF_PROJ_LAMBERT)
    alpha = wrap180(lon - p->stand_lon) * p->cone * p->hemi * TF_DEG2RAD;
  else if (p->map_proj == TF_PROJ_POLAR)
    alpha = wrap180(lon - p->stand_lon) * p->hemi * TF_DEG2RAD;
  *cosa = cos(alpha);
  *sina = -sin(alpha);
}

const char *proj_cf_name(const tf_proj *p)
{
  switch (p->map_proj) {
  case TF_PROJ_LAMBERT: return "lambert_conformal_conic";
  case TF_PROJ_POLAR: return "polar_stereographic";
  case TF_PROJ_MERCATOR: return "mercator";
  default: return "latitude_longitude";
  }
}

void proj_cf_origin(const tf_proj *p, double *lat0, double *lon0)
{
  switch (p->map_proj) {
  case TF_PROJ_LAMBERT: *lat0 = p->cen_lat; *lon0 = p->stand_lon; break;
  case TF_PROJ_POLAR: *lat0 = p->hemi * 90.0; *lon0 = p->stand_lon; break;
  case TF_PROJ_MERCATOR: *lat0 = 0.0; *lon0 = p->cen_lon; break;
  default: *lat0 = 0.0; *lon0 = 0.0; break;
  }
}

void proj_ij_to_xy(const tf_proj *p, double i, double j, double *x, double *y)
{
  if (p->map_proj == TF_PROJ_LATLON) {
    *x = p->lon1 + (i - p->knowni) * p->dlon_deg;
    *y = p->lat1 + (j - p->knownj) * p->dlat_deg;
    return;
  }
  double oi, oj, lat0, lon0;
  if (p->map_proj == TF_PROJ_POLAR) {
    oi = p->polei;
    oj = p->polej;
  } else {
    proj_cf_origin(p, &lat0, &lon0);
    proj_ll_to_ij(p, lat0, lon0, &oi, &oj);
  }
  *x = (i - oi) * p->dx_m;
  *y = (j - oj) * p->dy_m;
}
