/* biogenic.h — in-line isoprene and monoterpene emissions (Guenther et al. 1993) for the
 * species that the mechanism's species table gives the roles isoprene and terpene (CB05:
 * ISOP and TERP). */
#ifndef TF_BIOGENIC_H
#define TF_BIOGENIC_H

/* PAR photon flux, µmol m-2 s-1, from downward shortwave, W m-2. */
double bio_par_umol(double swdown_wm2);
/* Guenther et al. (1993) isoprene light factor C_L(PAR) (≈ 1 at 1000 µmol m-2 s-1). */
double bio_gamma_light(double par_umol);
/* Guenther et al. (1993) isoprene temperature factor C_T(T), T in K. */
double bio_gamma_temp_isoprene(double t_k);
/* Monoterpene temperature factor exp(beta (T - Ts)), beta = 0.09 K-1, Ts = 303 K. */
double bio_gamma_temp_terpene(double t_k);
/* Standard-condition emission factors (303 K, PAR 1000) of a USGS class, µg C m-2 h-1. */
void bio_emission_factors(int usgs, double *iso_ugc_m2_h, double *terp_ugc_m2_h);
/* Emission fluxes, mol m-2 s-1 of ISOP (C5H8) and TERP (C10H16), for one surface cell. */
void bio_flux(int usgs, double t_k, double swdown_wm2, double *iso_mol_m2_s,
              double *terp_mol_m2_s);
#endif
