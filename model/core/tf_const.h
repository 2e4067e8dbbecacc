/* tf_const.h — physical constants, one place, each with its source.
 * SI units unless the name says otherwise. */
#ifndef TF_CONST_H
#define TF_CONST_H

#define TF_PI 3.14159265358979323846
#define TF_DEG2RAD (TF_PI / 180.0)
#define TF_RAD2DEG (180.0 / TF_PI)

/* CODATA 2018 exact values. */
#define TF_AVOGADRO 6.02214076e23      /* mol-1 */
#define TF_BOLTZMANN 1.380649e-23      /* J K-1 */
#define TF_R_GAS 8.314462618           /* J mol-1 K-1 (= N_A k_B) */

/* WRF model constants (WRF share/module_model_constants.F), used so that derived
 * thermodynamics match the meteorology that drives us. */
#define TF_RD 287.0                    /* J kg-1 K-1, dry-air gas constant (WRF r_d) */
#define TF_RV 461.6                    /* J kg-1 K-1, water vapour (WRF r_v) */
#define TF_CP 1004.5                   /* J kg-1 K-1, (WRF cp = 7 r_d / 2) */
#define TF_G 9.81                      /* m s-2 (WRF g) */
#define TF_P0 100000.0                 /* Pa, reference pressure for theta (WRF p1000mb) */
#define TF_T0_THETA 300.0              /* K, WRF base-state offset of perturbation theta T */
#define TF_EARTH_RADIUS 6370000.0      /* m, WRF EARTH_RADIUS_M (sphere) */

/* Molar masses (IUPAC 2013 standard atomic weights). */
#define TF_MW_AIR 28.9644e-3           /* kg mol-1, dry air (US Std Atm 1976) */
#define TF_MW_H2O 18.01528e-3          /* kg mol-1 */

/* Chinese air-quality reference state for gases: GB 3095-2026 §3.14 / §4.3. */
#define TF_REF_T_K 298.15
#define TF_REF_P_PA 101325.0

#define TF_VON_KARMAN 0.4

/* Background volume mixing ratios (mol/mol) of the well-mixed gases chemistry treats as
 * fixed: O2 and N2 from the US Standard Atmosphere 1976; CH4 the NOAA GML 2022 global mean
 * (1.91 ppm); H2 ~0.55 ppm (Novelli et al. 1999, JGR 104, 30427). */
#define TF_VMR_O2 0.2095
#define TF_VMR_N2 0.7808
#define TF_VMR_CH4 1.9e-6
#define TF_VMR_H2 0.55e-6              /* as in WRF/CMAQ surface layers */

/* Air number density (molec cm-3) from pressure (Pa) and temperature (K): n = p/(kT). */
static inline double tf_air_molec_cm3(double p_pa, double t_k)
{
  return p_pa / (TF_BOLTZMANN * t_k) * 1e-6;
}

/* µg m-3 per ppb of a gas with molar mass mw_g_mol (g mol-1) at the reference state:
 * 1 ppb = 1e-9 * p/(R T) mol m-3 * mw g/mol * 1e6 µg/g  (O3: 1.962, NO2: 1.880). */
static inline double tf_ugm3_per_ppb(double mw_g_mol)
{
  return 1e-9 * TF_REF_P_PA / (TF_R_GAS * TF_REF_T_K) * mw_g_mol * 1e6;
}
#endif
