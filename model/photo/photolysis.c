/* photolysis.c — clear-sky photolysis frequencies from the MCM parameterisation, mapped
 * onto a mechanism's photolysis reactions, times a cloud/haze factor.
 *
 * Clear sky: J = l (cos chi)^m exp(-n sec chi), fitted to two-stream radiative transfer
 * for clear sky, 0.5 km altitude, 1 July, 45 N (MCM v3 "Initiation by photolysis" page;
 * Saunders et al. 2003, ACP 3, 161, Table 2). Parameters from the MCM v3.1 file
 * photolysis-rates_v3.1 (identical in AtChem2, F0AM MCMv32_J.m, UWCMchem MCMphoto.m), as
 * tabulated in docs/physics-references.md section 3. J = 0 for chi >= 90 deg.
 *
 * Clouds/haze: all-sky J is the clear-sky J times f = SW/SW_clear, the ratio of modelled
 * surface global shortwave to its clear-sky value, clamped to [0, 1]. J(NO2) is observed
 * to scale close to linearly with global irradiance under all sky conditions (Trebs et
 * al. 2009, AMT 2, 725, "Relationship between the NO2 photolysis frequency and the solar
 * global irradiance"); the same surface-irradiance-ratio idea is used for below-cloud
 * photolysis in CMAQ/CAMx-style corrections (Chang et al. 1987, JGR 92, 14681, where the
 * below-cloud factor is 1 + alpha (1.6 tr cos chi - 1) with tr the cloud transmissivity).
 * The clamp drops broken-cloud enhancement (ratio > 1), which a clear-sky model error
 * could fake. Applied equally to all J's (UV vs visible differences ignored) [U].
 *
 * Clear-sky shortwave: Meinel & Meinel (1976) direct beam
 *   I_b = S0 E0 0.7^(AM^0.678),  AM = sec chi,
 * global horizontal = 1.1 I_b cos chi (10 % diffuse, as in the PVEducation summary of
 * Meinel & Meinel), E0 = 1 + 0.033 cos(2 pi doy / 365) (Duffie & Beckman, eccentricity). */
#include "model/photo/photolysis.h"
#include <math.h>
#include <stdlib.h>
#include "model/core/tf_const.h"

/* MCM v3.1 parameters (l in s-1, m, n); see docs/physics-references.md section 3. */
static const struct { int j; double l, m, n; } mcm[] = {
  {1, 6.073e-05, 1.743, 0.474},  /* O3 -> O(1D) + O2 */
  {2, 4.775e-04, 0.298, 0.080},  /* O3 -> O(3P) + O2 */
  {3, 1.041e-05, 0.723, 0.279},  /* H2O2 -> 2 OH */
  {4, 1.165e-02, 0.244, 0.267},  /* NO2 -> NO + O(3P) */
  {5, 2.485e-02, 0.168, 0.108},  /* NO3 -> NO + O2 */
  {6, 1.747e-01, 0.155, 0.125},  /* NO3 -> NO2 + O(3P) */
  {7, 2.644e-03, 0.261, 0.288},  /* HONO -> NO + OH */
  {8, 9.312e-07, 1.230, 0.307},  /* HNO3 -> NO2 + OH */
  {11, 4.642e-05, 0.762, 0.353}, /* HCHO -> H + HCO */
  {12, 6.853e-05, 0.477, 0.323}, /* HCHO -> H2 + CO */
  {13, 7.344e-06, 1.202, 0.417}, /* CH3CHO -> CH3 + HCO */
  {14, 2.879e-05, 1.067, 0.358}, /* C2H5CHO */
  {15, 2.792e-05, 0.805, 0.338}, /* n-C3H7CHO radical channel */
  {16, 1.675e-05, 0.805, 0.338}, /* n-C3H7CHO molecular channel */
  {17, 7.914e-05, 0.764, 0.364}, /* i-C3H7CHO */
  {18, 1.140e-05, 0.396, 0.298}, /* MACR channel 1 */
  {19, 1.140e-05, 0.396, 0.298}, /* MACR channel 2 */
  {21, 7.992e-07, 1.578, 0.271}, /* CH3COCH3 */
  {22, 5.804e-06, 1.092, 0.377}, /* MEK */
  {23, 1.836e-05, 0.395, 0.296}, /* MVK channel 1 */
  {24, 1.836e-05, 0.395, 0.296}, /* MVK channel 2 */
  {31, 6.845e-05, 0.130, 0.201}, /* glyoxal */
  {32, 1.032e-05, 0.130, 0.201}, /* glyoxal */
  {33, 3.802e-05, 0.644, 0.312}, /* glyoxal */
  {34, 1.537e-04, 0.170, 0.208}, /* methylglyoxal */
  {35, 3.326e-04, 0.148, 0.215}, /* biacetyl */
  {41, 7.649e-06, 0.682, 0.279}, /* CH3OOH -> CH3O + OH */
  {51, 1.588e-06, 1.154, 0.318}, /* CH3NO3 */
  {52, 1.907e-06, 1.244, 0.335}, /* C2H5NO3 */
  {53, 2.485e-06, 1.196, 0.328}, /* n-C3H7NO3 */
  {54, 4.095e-06, 1.111, 0.316}, /* i-C3H7NO3 */
  {55, 1.135e-05, 0.974, 0.309}, /* t-C4H9NO3 */
  {56, 7.549e-06, 1.015, 0.324}, /* NOA */
  {57, 3.363e-06, 1.296, 0.322}, /* NOA second channel */
  {61, 7.537e-04, 0.499, 0.266}, /* v3.1 only */
};
enum { NMCM = (int)(sizeof mcm / sizeof mcm[0]) };

static int mcm_row(int j)
{
  for (int r = 0; r < NMCM; r++)
    if (mcm[r].j == j) return r;
  return -1;
}

static double mcm_eval(int r, double cz)
{
  if (cz <= 0.0) return 0.0;
  return mcm[r].l * pow(cz, mcm[r].m) * exp(-mcm[r].n / cz);
}


double photo_mcm_clear(int mcm_j, double coszen)
{
  int r = mcm_row(mcm_j);
  return r < 0 ? -1.0 : mcm_eval(r, coszen);
}

double photo_cloud_factor(double sw_ratio)
{
  if (!(sw_ratio > 0.0)) return 0.0; /* also catches NaN */
  return sw_ratio > 1.0 ? 1.0 : sw_ratio;
}

double photo_clear_sky_sw(double coszen, int doy)
{
  if (coszen <= 0.0) return 0.0;
  double e0 = 1.0 + 0.033 * cos(2.0 * TF_PI * doy / 365.0);
  double am = 1.0 / coszen;
  return 1.1 * PHOTO_SOLAR_CONSTANT * e0 * pow(0.7, pow(am, 0.678)) * coszen;
}

struct photo_map {
  int nphot;
  int *row;      /* index into mcm[] per rate */
  double *scale; /* multiplier per rate */
};

int photo_map_create(photo_map **out, int nphot, const int *mcm_j, const double *scale,
                     tf_err *err)
{
  *out = NULL;
  if (nphot < 0) return tf_err_set(err, TF_EINVAL, "photolysis map: negative count %d", nphot);
  photo_map *m = tf_calloc(1, sizeof *m, err);
  if (!m) return TF_ENOMEM;
  m->nphot = nphot;
  m->row = tf_calloc((size_t)(nphot > 0 ? nphot : 1), sizeof *m->row, err);
  m->scale = tf_calloc((size_t)(nphot > 0 ? nphot : 1), sizeof *m->scale, err);
  if (!m->row || !m->scale) { photo_map_destroy(&m); return TF_ENOMEM; }
  for (int k = 0; k < nphot; k++) {
    m->row[k] = mcm_row(mcm_j[k]);
    if (m->row[k] < 0) {
      photo_map_destroy(&m);
      return tf_err_set(err, TF_EINVAL, "photolysis map entry %d: expected an MCM J number "
                        "(1-8, 11-24, 31-35, 41, 51-57, 61), found %d", k + 1, mcm_j[k]);
    }
    if (!(scale[k] >= 0.0)) {
      photo_map_destroy(&m);
      return tf_err_set(err, TF_EINVAL, "photolysis map entry %d: expected a scale >= 0, "
                        "found %g", k + 1, scale[k]);
    }
    m->scale[k] = scale[k];
  }
  *out = m;
  return TF_OK;
}

void photo_map_destroy(photo_map **m)
{
  if (!m || !*m) return;
  free((*m)->row);
  free((*m)->scale);
  free(*m);
  *m = NULL;
}

int photo_map_count(const photo_map *m) { return m ? m->nphot : 0; }

void photo_compute(const photo_map *m, long n, const double *coszen, const double *sw_ratio,
                   double *jrate)
{
  for (int k = 0; k < m->nphot; k++) {
    double *jk = jrate + (long)k * n;
    int r = m->row[k];
    double s = m->scale[k];
    for (long i = 0; i < n; i++) {
      double f = sw_ratio ? photo_cloud_factor(sw_ratio[i]) : 1.0;
      jk[i] = s * f * mcm_eval(r, coszen[i]);
    }
  }
}
