/* wetdep.c — rain scavenging of highly soluble gases.
 *
 * Method (Seinfeld & Pandis 2016, "Atmospheric Chemistry and Physics", 3rd ed., §20.1,
 * below-cloud scavenging of an irreversibly soluble gas by drops of one size):
 *   Lambda = 6 K_g P / (D_p U_t)
 * with P the rain rate (m/s of water), D_p the drop diameter, U_t its terminal velocity and
 * K_g the gas-phase mass-transfer coefficient from the Froessling correlation
 * Sh = K_g D_p / D_g = 2 + 0.6 Re^(1/2) Sc^(1/3) (Re = rho_a U_t D_p / mu_a, Sc = nu_a/D_g).
 * D_p is the median-volume diameter of the Marshall & Palmer (1948, J. Meteor. 5, 165)
 * spectrum, D_0 = 3.67/Lambda_MP, Lambda_MP = 4.1 P[mm/h]^-0.21 mm-1; U_t from Atlas et al.
 * (1973, Rev. Geophys. 11, 1): U_t = 9.65 - 10.3 exp(-0.6 D[mm]) m/s. Air at 288 K:
 * rho_a = 1.2 kg/m3, mu_a = 1.8e-5 Pa s. At 1 mm/h this gives Lambda(HNO3) ~ 8e-5 s-1,
 * the order of the 1e-4 s-1 reported for HNO3 (review: Duhanyan & Roustan 2011, Atmos.
 * Environ. 45, 7201); a one-size spectrum underestimates the small-drop surface, so this is
 * a lower estimate. Uptake is assumed irreversible, valid for H* >= 1e4 M/atm over a rain
 * event; SO2 and NH3 (pH-dependent) are included with that caveat. The column treatment
 * (surface to cloud top) lumps in-cloud rainout with washout. Removal is exact for the
 * step: c *= exp(-Lambda dt). */
#include "model/surface/wetdep.h"

#include <math.h>
#include <stdio.h> /* snprintf only */
#include <stdlib.h>
#include <string.h>

#include "model/core/tf_const.h"

double wet_lambda(double rain_mmh, double dg_cm2s)
{
  if (!(rain_mmh > 0.0) || !(dg_cm2s > 0.0)) return 0.0;
  const double rho_a = 1.2, mu_a = 1.8e-5;                 /* air at ~288 K */
  double dp_mm = 3.67 / (4.1 * pow(rain_mmh, -0.21));       /* Marshall-Palmer D_0 */
  double ut = 9.65 - 10.3 * exp(-0.6 * dp_mm);              /* Atlas et al. 1973, m/s */
  double dp = dp_mm * 1e-3, dg = dg_cm2s * 1e-4;            /* m, m2/s */
  double re = rho_a * ut * dp / mu_a, sc = mu_a / (rho_a * dg);
  double kg = (2.0 + 0.6 * sqrt(re) * cbrt(sc)) * dg / dp;  /* Froessling, m/s */
  double p = rain_mmh * 1e-3 / 3600.0;                      /* m/s of water */
  return 6.0 * kg * p / (dp * ut);
}

struct wet_ctx {
  int nspec;
  double *dg;   /* cm2/s, 0 = not scavenged */
};

wet_ctx *wet_create(int nspec, const char *const *names, const dep_species_props *props,
                    int nprops, tf_err *err)
{
  wet_ctx *w = tf_calloc(1, sizeof *w, err);
  if (!w) return NULL;
  w->nspec = nspec;
  w->dg = tf_calloc((size_t)(nspec > 0 ? nspec : 1), sizeof *w->dg, err);
  if (!w->dg) { wet_destroy(&w); return NULL; }
  for (int s = 0; s < nspec; s++) {
    const dep_species_props *p = NULL;
    for (int r = 0; r < nprops && !p; r++)
      if (strcmp(props[r].name, names[s]) == 0) p = &props[r];
    if (!p) {
      tf_err_set(err, TF_EINVAL, "wet scavenging: species %s has no row in the species property table", names[s]);
      wet_destroy(&w);
      return NULL;
    }
    /* D_x = D_H2O / dratio, D_H2O = 0.242 cm2/s (as drydep.c) */
    if (p->hstar_M_atm >= 1e4 && p->dratio > 0.0) w->dg[s] = 0.242 / p->dratio;
  }
  return w;
}

void wet_destroy(wet_ctx **pw)
{
  if (!pw || !*pw) return;
  free((*pw)->dg);
  free(*pw);
  *pw = NULL;
}

int wet_scavenged(const wet_ctx *w, int isp) { return isp >= 0 && isp < w->nspec && w->dg[isp] > 0.0; }

void wet_apply(const wet_ctx *w, const tf_met *met, tf_state *s, double dt_s, double *removed_mol)
{
  const tf_grid *g = s->g;
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo; i++) {
      size_t c = grid_idx2(g, i, j);
      double rain = met->rain_mmh[c];
      if (!(rain > 0.0)) continue;
      int ktop = -1;
      for (int k = 0; k < g->nz; k++)
        if (met->cldfra[grid_idx3(g, i, j, k)] > 0.01) ktop = k;
      if (ktop < 0)
        for (int k = 0; k < g->nz; k++)
          if (met->zmid_m[grid_idx3(g, i, j, k)] <= 3000.0) ktop = k;
      for (int isp = 0; isp < s->nspec && isp < w->nspec; isp++) {
        if (w->dg[isp] <= 0.0) continue;
        double keep = exp(-wet_lambda(rain, w->dg[isp]) * dt_s);
        double *cs = state_spec(s, isp);
        for (int k = 0; k <= ktop; k++) {
          size_t c3 = grid_idx3(g, i, j, k);
          double lost = cs[c3] * (1.0 - keep);
          cs[c3] -= lost;
          if (removed_mol) {
            double nair = grid_cell_air_mol(met->mu_pa[c], g->eta_w[k] - g->eta_w[k + 1], g->dx_m, g->dy_m, g->mapfac[c]);
            removed_mol[isp] += lost * 1e-9 * nair;
          }
        }
      }
    }
}
