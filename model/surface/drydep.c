/* drydep.c — gas dry-deposition velocities from the Wesely (1989) resistance model.
 *
 * v_d = 1/(r_a + r_b + r_c) (Wesely 1989, Atmos. Environ. 23, 1293, eq. 1).
 * - r_a: Monin–Obukhov surface-layer similarity between the roughness length z0 and the
 *   layer-1 mid height z, with the Businger–Dyer heat stability functions in the form of
 *   Dyer (1974, Bound.-Layer Meteor. 7, 363) and Paulson (1970, J. Appl. Meteor. 9, 857):
 *   unstable psi_h = 2 ln((1 + x^2)/2), x = (1 - 16 z/L)^(1/4); stable psi_h = -5 z/L.
 *   r_a = [ln(z/z0) - psi_h(z/L) + psi_h(z0/L)] / (k u*).
 * - r_b = 2/(k u*) (Sc/Pr)^(2/3), Sc = nu/D_x with nu = 0.15 cm2/s and Pr = 0.72
 *   (WRF-Chem module_dep_simple); D_x = D_H2O/dratio with D_H2O = 0.242 cm2/s (the value
 *   behind WRF-Chem's "dratio = 0.242/dvj"), corrected to 293.15 K by (293.15/298.15)^1.75.
 * - r_c: Wesely (1989) eqs. 2–14 with the Walmsley & Wesely (1996, Atmos. Environ. 30,
 *   1181) corrections (f0(NO) = 0, eq. 14 as their eq. 5g, Table 3 updated), tables
 *   r_i, r_lu, r_ac, r_gsS, r_gsO, r_clS, r_clO as transcribed in the Tianfu physics
 *   references §4 (from ctessum/atmos wesely1989/data.go).
 * Water (Wesely type 7): Wesely's r_gsS = 0 over water makes every gas with H* > 0 hit the
 * r_c = 10 s/m floor (NO2 would deposit at 1.6 cm/s). Over water we therefore replace the
 * H*-term of eq. 9 by the two-film liquid-phase resistance r_liq = 1/(H* R T k_l)
 * (Liss & Slater 1974, Nature 247, 181; k_l = 20 cm/h = 5.6e-5 m/s their typical liquid
 * transfer velocity; H* R T is the dimensionless solubility). For very soluble gases
 * (SO2, HNO3, H2O2) r_liq < 0.01 s/m, i.e. Wesely's 0; for NO2 (H* = 0.01) it is ~7e4 s/m,
 * so NO2 barely deposits to water; O3 keeps its r_gsO(water) = 2000 s/m.
 * Wet canopy: rain when the met rain rate > 0; dew when not raining and the 2-m relative
 * humidity is >= 95 % (the wetness criterion of WRF-Chem module_dep_simple), RH from q2 and
 * the Bolton (1980, Mon. Wea. Rev. 108, 1046) saturation vapour pressure. Slope = 0.
 * Roughness z0 and the Wesely type of a USGS class come from model/grid/landuse.h. */
#include "model/surface/drydep.h"

#include <math.h>
#include <stdio.h> /* snprintf only: model/ does no file I/O */
#include <stdlib.h>
#include <string.h>

#include "model/core/tf_const.h"
#include "model/core/tf_units.h"
#include "model/grid/landuse.h"

#define INF 1.0e25   /* Wesely's 9999 "no uptake" entries */

/* Tables: [season 1..5][Wesely land use 1..11], s/m (docs/physics-references.md §4 [C]). */
static const double r_i[5][11] = {
  {INF, 60, 120, 70, 130, 100, INF, INF, 80, 100, 150},
  {INF, INF, INF, INF, 250, 500, INF, INF, INF, INF, INF},
  {INF, INF, INF, INF, 250, 500, INF, INF, INF, INF, INF},
  {INF, INF, INF, INF, 400, 800, INF, INF, INF, INF, INF},
  {INF, 120, 240, 140, 250, 190, INF, INF, 160, 200, 300}};
static const double r_lu[5][11] = {
  {INF, 2000, 2000, 2000, 2000, 2000, INF, INF, 2500, 2000, 4000},
  {INF, 9000, 9000, 9000, 4000, 8000, INF, INF, 9000, 9000, 9000},
  {INF, INF, 9000, 9000, 4000, 8000, INF, INF, 9000, 9000, 9000},
  {INF, INF, INF, INF, 6000, 9000, INF, INF, 9000, 9000, 9000},
  {INF, 4000, 4000, 4000, 2000, 3000, INF, INF, 4000, 4000, 8000}};
static const double r_ac[5][11] = {
  {100, 200, 100, 2000, 2000, 2000, 0, 0, 300, 150, 200},
  {100, 150, 100, 1500, 2000, 1700, 0, 0, 200, 120, 140},
  {100, 10, 100, 1000, 2000, 1500, 0, 0, 100, 50, 120},
  {100, 10, 10, 1000, 2000, 1500, 0, 0, 50, 10, 50},
  {100, 50, 80, 1200, 2000, 1500, 0, 0, 200, 60, 120}};
static const double r_gsS[5][11] = {
  {400, 150, 350, 500, 500, 100, 0, 1000, 0, 220, 400},
  {400, 200, 350, 500, 500, 100, 0, 1000, 0, 300, 400},
  {400, 150, 350, 500, 500, 200, 0, 1000, 0, 200, 400},
  {100, 100, 100, 100, 100, 100, 0, 1000, 100, 100, 50},
  {500, 150, 350, 500, 500, 200, 0, 1000, 0, 250, 400}};
static const double r_gsO[5][11] = {
  {300, 150, 200, 200, 200, 300, 2000, 400, 1000, 180, 200},
  {300, 150, 200, 200, 200, 300, 2000, 400, 800, 180, 200},
  {300, 150, 200, 200, 200, 300, 2000, 400, 1000, 180, 200},
  {600, 3500, 3500, 3500, 3500, 3500, 2000, 400, 3500, 3500, 3500},
  {300, 150, 200, 200, 200, 300, 2000, 400, 1000, 180, 200}};
static const double r_clS[5][11] = {
  {INF, 2000, 2000, 2000, 2000, 2000, INF, INF, 2500, 2000, 4000},
  {INF, 9000, 9000, 9000, 2000, 4000, INF, INF, 9000, 9000, 9000},
  {INF, INF, 9000, 9000, 3000, 6000, INF, INF, 9000, 9000, 9000},
  {INF, INF, INF, 9000, 200, 400, INF, INF, 9000, INF, 9000},
  {INF, 4000, 4000, 4000, 2000, 3000, INF, INF, 4000, 4000, 8000}};
static const double r_clO[5][11] = {
  {INF, 1000, 1000, 1000, 1000, 1000, INF, INF, 1000, 1000, 1000},
  {INF, 400, 400, 400, 1000, 600, INF, INF, 400, 400, 400},
  {INF, 1000, 400, 400, 1000, 600, INF, INF, 800, 600, 600},
  {INF, 1000, 1000, 400, 1500, 600, INF, INF, 800, 1000, 800},
  {INF, 1000, 500, 500, 1500, 700, INF, INF, 600, 800, 800}};

static double inv(double r) { return r >= INF ? 0.0 : 1.0 / r; }
static double harm(double a) { return a > 0.0 ? 1.0 / a : INF; } /* 1/sum of conductances */

double dep_surface_resistance(const dep_gas *gas, const dep_surface *s)
{
  int is = s->season - 1, il = s->wesely_lu - 1;
  if (is < 0 || is > 4) is = 0;
  if (il < 0 || il > 10) il = 2;
  const double H = gas->hstar, f0 = gas->f0, ts = s->ts_c, G = s->srad_wm2;
  const int wet = s->rain || s->dew;

  /* eq. 3: bulk stomatal resistance; closed outside 0..40 degC; x3 when wet */
  double rs = INF;
  if (ts > 0.1 && ts < 39.9 && r_i[is][il] < INF) {
    double a = 200.0 / (G + 0.1);
    rs = r_i[is][il] * (1.0 + a * a) * (400.0 / (ts * (40.0 - ts)));
    if (wet) rs *= 3.0;
  }
  double rmx = harm(H / 3000.0 + 100.0 * f0);                        /* eq. 6 */
  double rsmx = rs >= INF ? INF : rs * gas->dratio + rmx;             /* eq. 4 */
  double rdc = 100.0 * (1.0 + 1000.0 / (G + 10.0)) / (1.0 + 1000.0 * s->slope_rad); /* eq. 5 */

  /* eq. 7 and the dew/rain forms, eqs. 10–14 (14 as Walmsley & Wesely 1996 eq. 5g);
   * no dew/rain effect in winter (season 4) */
  double rlu = r_lu[is][il], rlux;
  if (rlu >= INF) {
    rlux = INF;
  } else if (wet && is != 3) {
    double rluO = s->dew ? 1.0 / (1.0 / 3000.0 + 1.0 / (3.0 * rlu))   /* eq. 11 */
                         : 1.0 / (1.0 / 1000.0 + 1.0 / (3.0 * rlu));  /* eq. 13 */
    if (gas->iso == DEP_GAS_SO2) {
      if (il == 0) rlux = 50.0;                                       /* urban, wet */
      else rlux = s->dew ? 100.0                                      /* eq. 10 */
                         : 1.0 / (1.0 / 5000.0 + 1.0 / (3.0 * rlu));  /* eq. 12 */
    } else if (gas->iso == DEP_GAS_O3) {
      rlux = rluO;
    } else {
      rlux = 1.0 / (1.0 / (3.0 * rlu / (1e-5 * H + f0)) + 1e-7 * H + f0 / rluO); /* eq. 14 */
    }
  } else {
    rlux = harm((1e-5 * H + f0) / rlu);
  }

  /* eqs. 8, 9 (SO2/O3 use the tabulated values themselves) */
  double rclx, rgsx;
  if (gas->iso == DEP_GAS_SO2) {
    rclx = r_clS[is][il];
    rgsx = r_gsS[is][il];
  } else if (gas->iso == DEP_GAS_O3) {
    rclx = r_clO[is][il];
    rgsx = r_gsO[is][il];
  } else {
    rclx = harm(H * inv(1e5 * r_clS[is][il]) + f0 * inv(r_clO[is][il]));
    rgsx = harm((r_gsS[is][il] > 0 ? H / (1e5 * r_gsS[is][il]) : (H > 0 ? INF : 0.0)) +
                f0 * inv(r_gsO[is][il]));
  }
  if (il == 6 && gas->iso != DEP_GAS_O3) {
    /* water: two-film liquid resistance instead of r_gsS = 0 (see file header) */
    const double k_l = 5.6e-5;                    /* m/s, Liss & Slater (1974) */
    const double r_atm = 0.082057;                /* L atm mol-1 K-1 */
    double hcc = H * r_atm * (ts + 273.15);       /* dimensionless solubility */
    double rliq = hcc > 0.0 ? 1.0 / (hcc * k_l) : INF;
    rgsx = harm(inv(rliq) + f0 * inv(r_gsO[is][il]));
  }
  if (ts < 0.0) { /* cold surfaces, Wesely (1989) p. 1296 */
    double c = 1000.0 * exp(-ts - 4.0);
    rlux += c;
    rclx += c;
    rgsx += c;
  }
  double cond = inv(rsmx) + inv(rlux) + inv(rdc + rclx) + inv(r_ac[is][il] + rgsx); /* eq. 2 */
  double rc = harm(cond);
  if (rc < 10.0) rc = 10.0;   /* Wesely's bounds ("Results and conclusions") */
  if (rc > 9999.0) rc = 9999.0;
  return rc;
}

/* Businger–Dyer integrated stability function for heat (see file header). */
static double psi_h(double zeta)
{
  if (zeta >= 0.0) return -5.0 * zeta;
  double x2 = sqrt(1.0 - 16.0 * zeta);
  return 2.0 * log(0.5 * (1.0 + x2));
}

double dep_obukhov_length(double ust_ms, double hfx_wm2, double t_k, double rho_kgm3)
{
  if (fabs(hfx_wm2) < 1e-6) return 1e6;
  double L = -ust_ms * ust_ms * ust_ms * t_k * rho_kgm3 * TF_CP / (TF_VON_KARMAN * TF_G * hfx_wm2);
  if (fabs(L) > 1e6) L = L > 0 ? 1e6 : -1e6;
  return L;
}

double dep_aero_resistance(double z_m, double z0_m, double ust_ms, double L_m)
{
  if (ust_ms < 0.01) ust_ms = 0.01;   /* floor: calm nights, keeps r_a finite */
  if (z_m < 2.0 * z0_m) z_m = 2.0 * z0_m;
  double ph = 0.0;
  if (L_m != 0.0 && fabs(L_m) < 1e5) {
    /* zeta limited to [-5, 1], the range of the Businger–Dyer fits (Dyer 1974) */
    double zeta = fmin(fmax(z_m / L_m, -5.0), 1.0), zeta0 = zeta * z0_m / z_m;
    ph = psi_h(zeta) - psi_h(zeta0);
  }
  return (log(z_m / z0_m) - ph) / (TF_VON_KARMAN * ust_ms);
}

double dep_quasi_laminar_resistance(double dratio, double ust_ms)
{
  if (ust_ms < 0.01) ust_ms = 0.01;
  const double d_h2o = 0.242;                                   /* cm2/s at 298 K */
  double dx = d_h2o / dratio * pow(293.15 / 298.15, 1.75);      /* cm2/s at 293 K */
  double sc = 0.15 / dx, pr = 0.72;
  return 2.0 / (TF_VON_KARMAN * ust_ms) * pow(sc / pr, 2.0 / 3.0);
}

struct dep_ctx {
  int nspec, season, ndep;
  int *dep;         /* nspec flags */
  dep_gas *gas;     /* nspec */
};

dep_ctx *dep_create(int nspec, const char *const *names, const dep_species_props *props,
                    int nprops, int season, tf_err *err)
{
  if (season < 1 || season > 5) {
    tf_err_set(err, TF_EINVAL, "dry deposition: season must be 1..5 (Wesely 1989), found %d", season);
    return NULL;
  }
  dep_ctx *d = tf_calloc(1, sizeof *d, err);
  if (!d) return NULL;
  d->nspec = nspec;
  d->season = season;
  d->dep = tf_calloc((size_t)(nspec > 0 ? nspec : 1), sizeof *d->dep, err);
  d->gas = tf_calloc((size_t)(nspec > 0 ? nspec : 1), sizeof *d->gas, err);
  if (!d->dep || !d->gas) { dep_destroy(&d); return NULL; }
  char missing[1024] = "";
  size_t o = 0;
  int nmiss = 0;
  for (int s = 0; s < nspec; s++) {
    const dep_species_props *p = NULL;
    for (int r = 0; r < nprops; r++)
      if (strcmp(props[r].name, names[s]) == 0) { p = &props[r]; break; }
    if (!p) {
      nmiss++;
      if (o < sizeof missing - 40)
        o += (size_t)snprintf(missing + o, sizeof missing - o, "%s%s", o ? " " : "", names[s]);
      continue;
    }
    if (!p->deposits) continue;
    if (!(p->dratio > 0.0) || p->hstar_M_atm < 0.0 || p->f0 < 0.0) {
      tf_err_set(err, TF_EINVAL, "dry deposition: species %s: need D_H2O/D_x > 0, H* >= 0, f0 >= 0 "
                 "(found %g, %g, %g)", names[s], p->dratio, p->hstar_M_atm, p->f0);
      dep_destroy(&d);
      return NULL;
    }
    d->dep[s] = 1;
    d->ndep++;
    d->gas[s].hstar = p->hstar_M_atm;
    d->gas[s].f0 = p->f0;
    d->gas[s].dratio = p->dratio;
    /* SO2 and O3 are Wesely's reference gases (their own r_gs/r_cl columns) */
    d->gas[s].iso = strcmp(names[s], "SO2") == 0 ? DEP_GAS_SO2
                    : strcmp(names[s], "O3") == 0 ? DEP_GAS_O3 : DEP_GAS_GENERIC;
  }
  if (nmiss) {
    tf_err_set(err, TF_EINVAL, "species property table: no row for %d mechanism species (%s); "
               "add them (deposits = no if they do not deposit)", nmiss, missing);
    dep_destroy(&d);
    return NULL;
  }
  return d;
}

void dep_destroy(dep_ctx **pd)
{
  if (!pd || !*pd) return;
  free((*pd)->dep);
  free((*pd)->gas);
  free(*pd);
  *pd = NULL;
}

int dep_ndeposited(const dep_ctx *d) { return d->ndep; }

/* 2-m relative humidity (0..1) from q2, t2 and surface pressure. */
static double rh2(const tf_met *met, size_t c)
{
  double t = met->t2_k[c], p = met->psfc_pa[c];
  double es = tf_esat_pa(t);                                      /* Pa, Bolton (1980) eq. 10 */
  if (!(p > es)) return 1.0;
  double qs = (TF_RD / TF_RV) * es / (p - es);                    /* kg/kg mixing ratio */
  return met->q2_kgkg[c] / qs;
}

int dep_velocity(const dep_ctx *d, const tf_met *met, double *vd_ms, tf_err *err)
{
  const tf_grid *g = met->g;
  memset(vd_ms, 0, (size_t)d->nspec * g->n2 * sizeof *vd_ms);
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo; i++) {
      size_t c = grid_idx2(g, i, j);
      int usgs = g->landuse[c];
      double ust = met->ust_ms[c], t2 = met->t2_k[c];
      double z = met->zmid_m[c], rho = met->rho_kgm3[c];
      if (!(ust >= 0.0) || !(t2 > 150.0 && t2 < 350.0) || !(z > 0.0) || !(rho > 0.0))
        return tf_err_set(err, TF_EINVAL, "dry deposition: bad met at cell (%d,%d): UST=%g m/s, "
                          "T2=%g K, layer-1 height=%g m, density=%g kg/m3", g->i0 + i, g->j0 + j,
                          ust, t2, z, rho);
      double L = dep_obukhov_length(ust, met->hfx_wm2[c], t2, rho);
      double ra = dep_aero_resistance(z, lu_roughness_m(usgs), ust, L);
      int rain = met->rain_mmh[c] > 0.0;
      dep_surface sf = {.wesely_lu = lu_wesely_type(usgs), .season = d->season,
                        .srad_wm2 = fmax(met->swdown_wm2[c], 0.0), .ts_c = t2 - 273.15, .slope_rad = 0.0,
                        .rain = rain, .dew = !rain && rh2(met, c) >= 0.95};
      for (int s = 0; s < d->nspec; s++) {
        if (!d->dep[s]) continue;
        double rb = dep_quasi_laminar_resistance(d->gas[s].dratio, ust);
        double rc = dep_surface_resistance(&d->gas[s], &sf);
        vd_ms[(size_t)s * g->n2 + c] = 1.0 / (ra + rb + rc);
      }
    }
  return TF_OK;
}
