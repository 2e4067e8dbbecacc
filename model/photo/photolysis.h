/* photolysis.h — clear-sky photolysis frequencies (MCM parameterisation), mapped onto a
 * mechanism's photolysis reactions, with a cloud/haze attenuation factor.
 *
 * Units: J in s-1; coszen dimensionless; shortwave in W m-2.
 *
 * Typical use for a batch of n cells (species-major layout like the chemistry):
 *   photo_map *pm;  photo_map_create(&pm, nphot, mcm_j, scale, &err);
 *   photo_coszen_batch(t, n, lat, lon, coszen);               (model/photo/solar.h)
 *   photo_compute(pm, n, coszen, sw_ratio, jrate);           jrate[k*n + i], k < nphot
 *   photo_map_destroy(&pm);
 * The mechanism-name -> MCM-J map (mcm_j[], scale[]) is data: for CB05 it is
 * configs/mechanisms/cb05/photolysis_map.csv, read by the application layer. */
#ifndef TF_PHOTOLYSIS_H
#define TF_PHOTOLYSIS_H
#include "model/core/tf_error.h"

/* Solar constant, W m-2 (Kopp & Lean 2011, GRL 38, L01706: 1360.8 +/- 0.5). */
#define PHOTO_SOLAR_CONSTANT 1361.0

/* Clear-sky MCM v3.1 J-value number mcm_j (1, 2, 3, 4, ... 61; see the table in
 * photolysis.c) at cos(zenith) coszen: J = l cos^m exp(-n / cos), 0 when coszen <= 0.
 * Returns -1 for an unknown number. */
double photo_mcm_clear(int mcm_j, double coszen);

/* Attenuation factor for clouds/haze from the ratio of modelled surface shortwave
 * (e.g. WRF SWDOWN) to its clear-sky value (photo_clear_sky_sw): f = ratio clamped to
 * [0, 1]. Rationale in photolysis.c. */
double photo_cloud_factor(double sw_ratio);

/* Clear-sky global shortwave at the surface, W m-2, for cos(zenith) coszen on day of
 * year doy (Meinel & Meinel 1976 air-mass model + 10 % diffuse; see photolysis.c). */
double photo_clear_sky_sw(double coszen, int doy);

/* Map of a mechanism's photolysis rates onto MCM J-values: rate k = scale[k] * J_mcm[k]. */
typedef struct photo_map photo_map;

/* Create a map for nphot rates; each mcm_j[k] must be a known MCM number and scale[k] >= 0.
 * Fails with TF_EINVAL naming the offending entry. */
int photo_map_create(photo_map **out, int nphot, const int *mcm_j, const double *scale,
                     tf_err *err);
void photo_map_destroy(photo_map **m);
int photo_map_count(const photo_map *m);

/* Fill jrate[k*n + i] (s-1), k < nphot, i < n, from coszen[i] and, if sw_ratio != NULL,
 * the cloud/haze factor photo_cloud_factor(sw_ratio[i]). J = 0 for coszen <= 0. */
void photo_compute(const photo_map *m, long n, const double *coszen, const double *sw_ratio,
                   double *jrate);
#endif
