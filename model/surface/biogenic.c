/* biogenic.c — isoprene and monoterpene emissions from temperature and light.
 *
 * Method: E = EF(land use) x gamma, with the leaf-level algorithms of Guenther, Zimmerman,
 * Harley, Monson & Fall (1993, J. Geophys. Res. 98, 12609):
 *   isoprene  C_L = alpha C_L1 L / sqrt(1 + alpha^2 L^2), alpha = 0.0027, C_L1 = 1.066
 *             C_T = exp(C_T1 (T - T_S)/(R T_S T)) / (1 + exp(C_T2 (T - T_M)/(R T_S T))),
 *             C_T1 = 95000 J/mol, C_T2 = 230000 J/mol, T_S = 303 K, T_M = 314 K;
 *   monoterpenes  exp(beta (T - T_S)), beta = 0.09 K-1 (light-independent).
 * With these constants C_L(1000) = 0.9996 and C_T(303 K) = 0.965 (the T_M term), the
 * published normalisation "~1 at standard conditions" (T_S, PAR = 1000 µmol m-2 s-1).
 * L is the PAR photon flux: PAR = 0.5 x SWDOWN (energy fraction of photosynthetically
 * active radiation in solar radiation, ~0.45–0.5, Monteith & Unsworth 2013, "Principles of
 * Environmental Physics" §5) x 4.6 µmol J-1 (McCree 1972, Agric. Meteorol. 10, 443), i.e.
 * 2.3 µmol m-2 s-1 per W m-2 (WRF-Chem bioemi_simple uses 2.0). The algorithm is applied
 * to above-canopy light and 2-m temperature with no canopy model (as WRF-Chem's
 * bioemi_simple does), so fluxes are upper estimates of order 1.5x against MEGAN.
 * Emission factors per USGS class, µg C m-2 h-1 at standard conditions: WRF-Chem
 * module_bioemi_simple "USGS" table (aefiso, aefmter), itself from Guenther et al. (1994,
 * Atmos. Environ. 28, 1197) and Simpson et al. (1995, JGR 100, 22875) land-cover factors.
 * Temperature is the 2-m air temperature. */
#include "model/surface/biogenic.h"

#include <math.h>

#include "model/core/tf_const.h"
#include "model/grid/grid.h"

/* µg C m-2 h-1, USGS classes 1..24 (WRF-Chem module_bioemi_simple, mminlu = 'USGS'). */
static const double ef_iso[TF_LU_NCLASS] = {0, 8, 8, 8, 4, 2204, 0, 0, 0, 0, 4400, 780,
                                            4400, 780, 5775, 0, 0, 5775, 0, 70, 70, 70, 0, 0};
static const double ef_terp[TF_LU_NCLASS] = {0, 20, 20, 20, 20, 202.5, 20, 20, 20, 0, 385,
                                             1380, 385, 1380, 1001, 0, 0, 1001, 0, 0, 0, 0,
                                             0, 0};

double bio_par_umol(double swdown_wm2)
{
  return swdown_wm2 > 0.0 ? 0.5 * 4.6 * swdown_wm2 : 0.0;
}

double bio_gamma_light(double par)
{
  const double alpha = 0.0027, cl1 = 1.066;
  if (par <= 0.0) return 0.0;
  return alpha * cl1 * par / sqrt(1.0 + alpha * alpha * par * par);
}

double bio_gamma_temp_isoprene(double t)
{
  const double ct1 = 95000.0, ct2 = 230000.0, ts = 303.0, tm = 314.0;
  const double r = TF_R_GAS;
  double a = ct1 * (t - ts) / (r * ts * t), b = ct2 * (t - tm) / (r * ts * t);
  if (b > 700.0) return 0.0;   /* exp overflow: enzyme shut down far above T_M */
  return exp(a) / (1.0 + exp(b));
}

double bio_gamma_temp_terpene(double t)
{
  const double beta = 0.09, ts = 303.0;
  return exp(beta * (t - ts));
}

void bio_emission_factors(int usgs, double *iso, double *terp)
{
  if (usgs < 1 || usgs > TF_LU_NCLASS) { *iso = 0.0; *terp = 0.0; return; }
  *iso = ef_iso[usgs - 1];
  *terp = ef_terp[usgs - 1];
}

void bio_flux(int usgs, double t_k, double swdown_wm2, double *iso_mol_m2_s,
              double *terp_mol_m2_s)
{
  double efi, eft;
  bio_emission_factors(usgs, &efi, &eft);
  const double mc = 12.011;                     /* g C per mol C */
  const double ug_h_to_g_s = 1e-6 / 3600.0;
  double par = bio_par_umol(swdown_wm2);
  double ei = efi * bio_gamma_light(par) * bio_gamma_temp_isoprene(t_k);   /* µg C m-2 h-1 */
  double et = eft * bio_gamma_temp_terpene(t_k);
  *iso_mol_m2_s = ei * ug_h_to_g_s / (5.0 * mc);    /* C5H8 */
  *terp_mol_m2_s = et * ug_h_to_g_s / (10.0 * mc);  /* C10H16 */
}
