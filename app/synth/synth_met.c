/* synth_met.c — hourly meteorology of a summer heat-wave day in the Sichuan basin (modelled
 * on August 2022), physically consistent in the sense the CTM needs:
 *
 * Surface and boundary layer (per column, from local apparent solar time, photo/solar.h):
 *   SWDOWN  clear-sky Haurwitz (1945) model G = 1098 cosZ exp(-0.057/cosZ) W m-2 (Reno et
 *           al. 2012, Sandia SAND2012-2389 eq. 2) times the Kasten & Czeplak (1980) cloud
 *           factor 1 - 0.75 N^3.4, with a seeded scattered cloud cover N ~ 0.1-0.3.
 *   T2      27 -> 33.5 C diurnal cycle at 500 m (minimum at sunrise 06 LST, maximum 15 LST),
 *           lapse 5.5 K/km with elevation (summer near-surface lapse rate), a seeded static
 *           anomaly bounded to +-0.5 K (tanh of a smooth field) and a +1 K nocturnal urban heat island. Q2 from RH 80 -> 60 %.
 *   PBLH    ~200 m at night (stable layer), convective growth 07-15 LST to hmax = 1.6 km on
 *           the basin floor (+0.15 m per m of terrain, 1.4-2.4 km; -25 % under full cloud),
 *           collapse 15-19.5 LST.
 *   HFX     beta(land use) * SWDOWN - 15 exp(-SW/50) W m-2: 100-300 W m-2 by day (beta
 *           0.2-0.45, Bowen-ratio-like partition), ~ -15 W m-2 at night.
 *   UST,U10 Monin-Obukhov surface layer with Businger-Dyer/Paulson (1970) stability
 *           functions (Dyer 1974 coefficients 16 and 5), z0 from the USGS summer table of
 *           WRF LANDUSE.TBL, iterated from the lowest-model-level wind and HFX.
 * Thermodynamics (WRF eta coordinate, dry hydrostatic pressure): the dry column mass mu_d
 *   (MU+MUB) is constant in time, from a 1005 hPa sea-level pressure and a 6.5 K/km
 *   virtual-temperature lapse (hypsometric), minus a precipitable-water load. theta is a
 *   residual layer (the afternoon mixed-layer theta) up to hmax, a 1.5 K capping jump, then
 *   +5 K/km (gives ~-5 C at 500 hPa and ~200 K at 100 hPa, as the August 2022 soundings);
 *   the surface anomaly theta_2m - theta_r decays above the mixed layer (day) or over a 150 m
 *   nocturnal inversion (night). qv is well mixed (=Q2) below hmax and relaxes to a
 *   free-tropospheric RH 50 % (800 hPa) -> 15 % (200 hPa) above; RH capped at 95 %.
 *   Per column, full-level moist pressure p_w(k) = p_w(k+1) + mu_d dEta (1 + qv) from P_TOP
 *   down; mass-level pressure P+PB = the log-mean of its two full levels; geopotential
 *   PH+PHB integrated with WRF's discrete hydrostatic relation dphi = mu_d dEta alpha_d,
 *   alpha_d = Rd T (1 + qv Rv/Rd) / p (WRF module_big_step_utilities calc_php / calc_p_rho).
 *   With the log-mean pressure this equals the hypsometric thickness Rd Tv ln(p_lo/p_hi)
 *   exactly for each layer. Heights depend on theta(z): 4 fixed-point iterations.
 *   Base state (MUB, PB, PHB) is WRF's (real.exe: T0 = 290 K, A = 50 K, TISO = 200 K).
 * Winds: a first guess (westerly jet 15 m/s at 200 hPa, earth-relative, with meanders;
 *   weak north-easterly basin flow below 500 hPa with eddies — both perturbations are
 *   non-divergent, from random streamfunctions; the low-level flow's across-slope
 *   component removed near steep terrain (channelling); up-slope by day / down-slope by
 *   night slope winds peaking 150 m above ground), then a mass-consistency projection:
 *   the column-integrated coupled flux (F_u = sum_k dEta mu_u u_k / m_u) is made exactly
 *   non-divergent on the C grid by solving the 5-point Poisson problem L chi = div F
 *   (chi = 0 outside the domain) with conjugate gradients and subtracting grad chi,
 *   distributed over the levels with weight 1 below 600 hPa tapering to 0.05 above
 *   410 hPa (a weighted least-squares adjustment in the spirit of Sasaki 1970: the
 *   imbalance comes from the lower troposphere, where plateau columns lack the basin
 *   layers, so the jet keeps its near-horizontal structure). With mu_d constant in time,
 *   this is the WRF continuity equation's column form (Skamarock et al. 2008, NCAR/TN-475,
 *   eq. 2.5 integrated over eta); the vertical coupled velocity mu*etadot follows layer by
 *   layer from the same equation and vanishes at the top to solver precision
 *   (div_resid_rel ~1e-14 in double, ~1e-7 after float storage; the projection changes
 *   winds by <= 0.3 m/s). W (m/s) is dz/dt along the flow:
 *   (etadot dphi/deta + m (u dphi/dx + v dphi/dy)) / g at full levels (dphi/dt neglected:
 *   diurnal thickness changes give < 1 mm/s). */
#include "app/synth/synth_met.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "app/synth/synth_rng.h"
#include "io/netcdf/wrf_reader.h"
#include "model/core/tf_const.h"
#include "model/core/tf_units.h"
#include "model/grid/landuse.h"
#include "model/photo/solar.h"

#define KAPPA (TF_RD / TF_CP)
#define EPS_RV (TF_RV / TF_RD)     /* 1.608: alpha_d = Rd T (1 + EPS_RV qv) / p */
#define P_SEA 100500.0             /* Pa, summer sea-level pressure over the basin */
#define GAMMA_V 0.0065             /* K/m */
#define T_SEA_V 303.0              /* K, sea-level virtual temperature, August */
#define PW_SEA 45.0                /* kg m-2, precipitable water scaled (p/1e5)^3 */
#define INV_DEPTH 150.0            /* m, nocturnal inversion e-folding depth */

typedef struct met_priv {
  synth_field f_t2, f_hmax, f_cloud, f_u, f_jet;
  double *lst, *gsun, *gpbl, *cf, *thr, *hres, *hml, *dth; /* per column, per frame */
  double *zmid;                      /* mass-level height above sea level, m */
  double *ue, *ve;                   /* grid-relative desired wind at mass points */
  double *chi, *rhs, *r, *pd, *ap;   /* CG work */
  double *mueta;                     /* mu*etadot at full levels, Pa/s */
  double *du, *dv;                   /* projection correction on u/v faces, m/s */
  double *wu, *wv;                   /* its vertical weights on u/v faces */
} met_priv;

/* Saturation mixing ratio, kg/kg: es from tf_esat_pa (Bolton 1980 eq. 10), capped at p/2. */
double synth_qsat(double t_k, double p_pa)
{
  double es = fmin(tf_esat_pa(t_k), 0.5 * p_pa);
  return (TF_RD / TF_RV) * es / (p_pa - es);
}

static double clamp(double x, double a, double b) { return x < a ? a : (x > b ? b : x); }

/* Diurnal temperature shape: 0 at 06 LST, 1 at 15 LST, cosine segments in between. */
static double diurnal_t(double lst)
{
  if (lst >= 6.0 && lst <= 15.0) return 0.5 - 0.5 * cos(TF_PI * (lst - 6.0) / 9.0);
  double l = lst < 6.0 ? lst + 24.0 : lst;
  return 0.5 + 0.5 * cos(TF_PI * (l - 15.0) / 15.0);
}

/* Convective boundary-layer growth factor: 0 before 07 LST, 1 at 15 LST, 0 by 19.5 LST. */
static double diurnal_pbl(double lst)
{
  if (lst < 7.0 || lst > 19.5) return 0.0;
  if (lst <= 15.0) return pow(sin(0.5 * TF_PI * (lst - 7.0) / 8.0), 1.2);
  return 0.5 + 0.5 * cos(TF_PI * (lst - 15.0) / 4.5);
}

/* Daytime sensible-heat fraction of SWDOWN by land use (urban and dry surfaces heat most). */
static double hfx_fraction(int lu)
{
  switch (lu) {
  case TF_LU_URBAN: return 0.35;
  case TF_LU_BARREN: case TF_LU_BARE_TUNDRA: return 0.38;
  case TF_LU_WATER: case TF_LU_SNOW_ICE: return 0.05;
  case TF_LU_GRASSLAND: case TF_LU_SHRUB: case TF_LU_MIXED_SHRUB_GRASS: return 0.30;
  case TF_LU_HERB_TUNDRA: case TF_LU_WOOD_TUNDRA: case TF_LU_MIXED_TUNDRA: return 0.33;
  case TF_LU_DECID_BROAD: case TF_LU_DECID_NEEDLE: case TF_LU_EVERG_BROAD:
  case TF_LU_EVERG_NEEDLE: case TF_LU_MIXED_FOREST: return 0.20;
  default: return 0.25;
  }
}

static int create(synth_met **out, const synth_domain *d, uint64_t seed, double t0_s, tf_err *err)
{
  *out = NULL;
  synth_met *m = tf_calloc(1, sizeof *m, err);
  met_priv *q = tf_calloc(1, sizeof *q, err);
  if (!m || !q) { free(m); free(q); return TF_ENOMEM; }
  if (d->g->nz >= 64) { free(m); free(q); return tf_err_set(err, TF_EINVAL, "synth: at most 63 layers"); }
  m->d = d;
  m->t0_s = t0_s;
  m->priv = q;
  const tf_grid *g = d->g;
  size_t n2 = g->n2, nz = (size_t)g->nz, n3 = n2 * nz, nw = n2 * (nz + 1);
  size_t nu = (size_t)(g->nx + 1) * (size_t)g->ny * nz, nv = (size_t)g->nx * (size_t)(g->ny + 1) * nz;
  double **a2[] = {&m->mu_d, &m->mub, &m->hmax, &m->t2_anom, &m->z0, &m->hfx_beta, &m->psfc,
                   &m->pblh, &m->swdown, &m->t2, &m->q2, &m->u10, &m->v10, &m->ust, &m->hfx,
                   &m->rainc, &m->coszen, &q->lst, &q->gsun, &q->gpbl, &q->cf, &q->thr,
                   &q->hres, &q->hml, &q->dth, &q->chi, &q->rhs, &q->r, &q->pd, &q->ap};
  double **a3[] = {&m->pb, &m->theta, &m->qv, &m->p, &m->cldfra, &q->zmid, &q->ue, &q->ve};
  double **aw[] = {&m->phb, &m->phi, &m->w, &q->mueta};
  int bad = 0;
  for (size_t k = 0; k < sizeof a2 / sizeof *a2; k++) bad |= !(*a2[k] = tf_calloc(n2, sizeof(double), err));
  for (size_t k = 0; k < sizeof a3 / sizeof *a3; k++) bad |= !(*a3[k] = tf_calloc(n3, sizeof(double), err));
  for (size_t k = 0; k < sizeof aw / sizeof *aw; k++) bad |= !(*aw[k] = tf_calloc(nw, sizeof(double), err));
  bad |= !(m->u = tf_calloc(nu, sizeof(double), err));
  bad |= !(m->v = tf_calloc(nv, sizeof(double), err));
  bad |= !(q->wu = tf_calloc(nu, sizeof(double), err));
  bad |= !(q->wv = tf_calloc(nv, sizeof(double), err));
  bad |= !(q->du = tf_calloc((size_t)(g->nx + 1) * (size_t)g->ny, sizeof(double), err));
  bad |= !(q->dv = tf_calloc((size_t)g->nx * (size_t)(g->ny + 1), sizeof(double), err));
  if (bad) { synth_met_destroy(&m); return TF_ENOMEM; }

  synth_rng r;
  synth_rng_seed(&r, seed ^ 0x4d4554ULL); /* "MET" */
  synth_field_init(&q->f_t2, &r, 100.0, 400.0, 0.0);
  synth_field_init(&q->f_hmax, &r, 100.0, 400.0, 0.0);
  synth_field_init(&q->f_cloud, &r, 60.0, 300.0, 12.0);
  synth_field_init(&q->f_u, &r, 150.0, 600.0, 24.0);
  synth_field_init(&q->f_jet, &r, 1000.0, 3000.0, 48.0);

  const double *znw = g->eta_w, ptop = g->ptop_pa;
  for (size_t c = 0; c < n2; c++) {
    double h = g->hgt_m[c], x = d->x_km[c], y = d->y_km[c];
    /* dry column mass: hypsometric surface pressure minus the water-vapour load */
    double ps = P_SEA * pow(1.0 - GAMMA_V * h / T_SEA_V, TF_G / (TF_RD * GAMMA_V));
    double pw = PW_SEA * pow(ps / 1e5, 3.0);
    m->mu_d[c] = ps - ptop - TF_G * pw;
    /* WRF base state (real.exe / module_initialize_real: base_temp 290, base_lapse 50,
     * iso_temp 200, p00 1e5) */
    const double t00 = 290.0, a = 50.0, tiso = 200.0, p00 = 1e5;
    double pbs = p00 * exp(-t00 / a + sqrt((t00 / a) * (t00 / a) - 2.0 * TF_G * h / (a * TF_RD)));
    m->mub[c] = pbs - ptop;
    m->phb[c] = TF_G * h;
    for (int k = 0; k < g->nz; k++) {
      double znu = 0.5 * (znw[k] + znw[k + 1]);
      double pbk = znu * m->mub[c] + ptop;
      double tb = fmax(tiso, t00 + a * log(pbk / p00));
      m->pb[(size_t)k * n2 + c] = pbk;
      m->phb[(size_t)(k + 1) * n2 + c] = m->phb[(size_t)k * n2 + c] + (znw[k] - znw[k + 1]) * m->mub[c] * TF_RD * tb / pbk;
    }
    m->hmax[c] = clamp(1600.0 + 0.15 * (h - 500.0), 1400.0, 2400.0) * (1.0 + 0.08 * tanh(synth_field_eval(&q->f_hmax, x, y, 0)));
    m->t2_anom[c] = 0.5 * tanh(synth_field_eval(&q->f_t2, x, y, 0)); /* bounded +-0.5 K */
    m->z0[c] = lu_roughness_m(g->landuse[c]); /* WRF LANDUSE.TBL USGS summer SFZ0 */
    m->hfx_beta[c] = hfx_fraction(g->landuse[c]);
  }
  *out = m;
  return TF_OK;
}

synth_met *synth_met_create(const synth_domain *d, uint64_t seed, double t0_s, tf_err *err)
{
  synth_met *m = NULL;
  create(&m, d, seed, t0_s, err);
  return m;
}

void synth_met_destroy(synth_met **mp)
{
  if (!mp || !*mp) return;
  synth_met *m = *mp;
  met_priv *q = m->priv;
  double *all[] = {m->mu_d, m->mub, m->pb, m->phb, m->hmax, m->t2_anom, m->z0, m->hfx_beta,
                   m->theta, m->qv, m->p, m->cldfra, m->phi, m->w, m->u, m->v, m->psfc,
                   m->pblh, m->swdown, m->t2, m->q2, m->u10, m->v10, m->ust, m->hfx, m->rainc,
                   m->coszen};
  for (size_t k = 0; k < sizeof all / sizeof *all; k++) free(all[k]);
  if (q) {
    double *qa[] = {q->lst, q->gsun, q->gpbl, q->cf, q->thr, q->hres, q->hml, q->dth, q->zmid,
                    q->ue, q->ve, q->chi, q->rhs, q->r, q->pd, q->ap, q->mueta, q->du, q->dv, q->wu, q->wv};
    for (size_t k = 0; k < sizeof qa / sizeof *qa; k++) free(qa[k]);
    free(q);
  }
  free(m);
  *mp = NULL;
}

/* ---------------------------------------------------------------- surface and PBL */

static void surface_step(synth_met *m, double th)
{
  const synth_domain *d = m->d;
  const tf_grid *g = d->g;
  met_priv *q = m->priv;
  for (size_t c = 0; c < g->n2; c++) {
    photo_sun sun;
    photo_solar_position(m->time_s, g->lat[c], g->lon[c], &sun);
    double lst = fmod(12.0 + sun.hour_angle_deg / 15.0 + 48.0, 24.0);
    double cz = sun.coszen, h = g->hgt_m[c];
    q->lst[c] = lst;
    m->coszen[c] = cz;
    double cf = clamp(0.2 + 0.09 * synth_field_eval(&q->f_cloud, d->x_km[c], d->y_km[c], th), 0.02, 0.45);
    q->cf[c] = cf;
    double sw = cz > 0.0 ? 1098.0 * cz * exp(-0.057 / cz) * (1.0 - 0.75 * pow(cf, 3.4)) : 0.0;
    m->swdown[c] = sw;
    q->gsun[c] = clamp(sw / 600.0, 0.0, 1.0);
    double ft = diurnal_t(lst), gp = diurnal_pbl(lst);
    q->gpbl[c] = gp;
    double base = m->t2_anom[c] - 0.0055 * (h - 500.0);
    double uhi = g->landuse[c] == TF_LU_URBAN ? 1.0 * (1.0 - ft) : 0.0;
    m->t2[c] = 273.15 + 27.0 + 6.5 * ft + base + uhi;
    double psr = m->mu_d[c] + g->ptop_pa; /* dry surface pressure: close enough for theta/q */
    double ex = pow(TF_P0 / psr, KAPPA);
    q->thr[c] = (273.15 + 33.5 + base) * ex - 0.3;   /* residual-layer theta, K */
    q->dth[c] = m->t2[c] * ex - q->thr[c];
    m->q2[c] = (0.80 - 0.20 * ft) * synth_qsat(m->t2[c], psr);
    double hmax = m->hmax[c] * (1.0 - 0.25 * cf), hn = 200.0 + 40.0 * tanh(synth_field_eval(&q->f_hmax, d->x_km[c], d->y_km[c], 0));
    q->hres[c] = hmax;
    q->hml[c] = hmax * gp;
    m->pblh[c] = hn + (hmax - hn) * gp;
    m->hfx[c] = m->hfx_beta[c] * sw - 15.0 * exp(-sw / 50.0);
    m->rainc[c] = 0.0;
  }
}

/* ---------------------------------------------------------------- hydrostatic columns */

static double theta_at(const met_priv *q, size_t c, double zagl)
{
  double above = zagl - q->hres[c];
  double th = q->thr[c] + 1.5 * clamp(above / 200.0, 0.0, 1.0) + 0.005 * fmax(above, 0.0);
  return th + q->dth[c] * exp(-fmax(0.0, zagl - q->hml[c]) / INV_DEPTH);
}

static double qv_at(const synth_met *m, const met_priv *q, size_t c, double zagl, double t_k, double p)
{
  double rhfa = 0.15 + 0.35 * clamp((p - 20000.0) / 60000.0, 0.0, 1.0);
  double qs = synth_qsat(t_k, p), qfa = rhfa * qs, qv = m->q2[c];
  if (zagl > q->hres[c]) qv = qfa + (qv - qfa) * exp(-(zagl - q->hres[c]) / 400.0);
  return fmax(fmin(qv, 0.95 * qs), 3e-6);
}

static void column_step(synth_met *m)
{
  const tf_grid *g = m->d->g;
  met_priv *q = m->priv;
  size_t n2 = g->n2;
  int nz = g->nz;
  const double *znw = g->eta_w, ptop = g->ptop_pa;
  for (size_t c = 0; c < n2; c++) {
    double mu = m->mu_d[c], h = g->hgt_m[c];
    /* first guess of heights: isothermal 280 K above the dry pressure levels */
    for (int k = 0; k < nz; k++) {
      double pd = 0.5 * (znw[k] + znw[k + 1]) * mu + ptop;
      q->zmid[(size_t)k * n2 + c] = h + TF_RD * 280.0 / TF_G * log((mu + ptop) / pd);
      m->qv[(size_t)k * n2 + c] = m->q2[c];
    }
    for (int it = 0; it < 4; it++) {
      for (int k = 0; k < nz; k++) {
        size_t c3 = (size_t)k * n2 + c;
        m->theta[c3] = theta_at(q, c, q->zmid[c3] - h);
      }
      /* full-level moist pressure from the top down; log-mean at mass levels */
      double pw_hi = ptop, pw[64];
      pw[nz] = ptop;
      for (int k = nz - 1; k >= 0; k--) {
        size_t c3 = (size_t)k * n2 + c;
        pw[k] = pw_hi + mu * (znw[k] - znw[k + 1]) * (1.0 + m->qv[c3]);
        m->p[c3] = (pw[k] - pw_hi) / log(pw[k] / pw_hi);
        pw_hi = pw[k];
      }
      m->psfc[c] = pw[0];
      m->phi[c] = TF_G * h;
      for (int k = 0; k < nz; k++) {
        size_t c3 = (size_t)k * n2 + c;
        double tk = m->theta[c3] * pow(m->p[c3] / TF_P0, KAPPA);
        double alpha = TF_RD * tk * (1.0 + EPS_RV * m->qv[c3]) / m->p[c3];
        m->phi[c3 + n2] = m->phi[c3] + mu * (znw[k] - znw[k + 1]) * alpha;
        q->zmid[c3] = 0.5 * (m->phi[c3] + m->phi[c3 + n2]) / TF_G;
        m->qv[c3] = qv_at(m, q, c, q->zmid[c3] - h, tk, m->p[c3]);
      }
    }
    /* cloud layer of fraction cf just above the afternoon mixed layer (fair-weather cumulus) */
    for (int k = 0; k < nz; k++) {
      size_t c3 = (size_t)k * n2 + c;
      double zagl = q->zmid[c3] - h;
      m->cldfra[c3] = (zagl > q->hres[c] && zagl < q->hres[c] + 1500.0) ? q->cf[c] : 0.0;
    }
  }
}

/* ---------------------------------------------------------------- winds */

static void desired_wind(synth_met *m, double th)
{
  const synth_domain *d = m->d;
  const tf_grid *g = d->g;
  met_priv *q = m->priv;
  size_t n2 = g->n2;
  for (size_t c = 0; c < n2; c++) {
    double x = d->x_km[c], y = d->y_km[c];
    /* non-divergent perturbations from streamfunctions (grid-relative, unit RMS): the jet
     * meanders (f_jet) and the low-level eddies (f_u) add no spurious vertical motion */
    double jx, jy, ex, ey;
    synth_field_grad(&q->f_jet, x, y, th, &jx, &jy);
    synth_field_grad(&q->f_u, x, y, th, &ex, &ey);
    double gx = d->dhdx[c], gy = d->dhdy[c], gn = hypot(gx, gy);
    double nxs = gn > 0 ? gx / gn : 0.0, nys = gn > 0 ? gy / gn : 0.0;
    double aslope = 2.0 * q->gsun[c] - 1.0 * (1.0 - q->gsun[c]);
    for (int k = 0; k < g->nz; k++) {
      size_t c3 = (size_t)k * n2 + c;
      double p = m->p[c3], zagl = q->zmid[c3] - g->hgt_m[c];
      double jet = exp(-pow((p - 20000.0) / 22000.0, 2.0));
      double wl = clamp((p - 50000.0) / 30000.0, 0.0, 1.0);
      /* earth-relative -> grid-relative: u = ue cos + ve sin, v = ve cos - ue sin (proj.h) */
      double ca = d->cosa[c], sa = d->sina[c];
      double ujg = 15.0 * jet * ca - 3.0 * jet * jy, vjg = -15.0 * jet * sa + 3.0 * jet * jx;
      double ube = -1.2 * wl, vbe = -0.8 * wl;
      double ubg = ube * ca + vbe * sa - 0.9 * wl * ey, vbg = vbe * ca - ube * sa + 0.9 * wl * ex;
      /* channelling: remove the across-slope part of the low-level flow near steep terrain */
      double s = fmin(1.0, gn / 0.015) * exp(-zagl / 1500.0), across = ubg * nxs + vbg * nys;
      ubg -= s * across * nxs;
      vbg -= s * across * nys;
      /* slope winds: up-slope by day, down-slope (drainage) by night */
      double prof = (zagl / 150.0) * exp(1.0 - zagl / 150.0) * fmin(1.0, gn / 0.01) * aslope;
      q->ue[c3] = ujg + ubg + prof * nxs;
      q->ve[c3] = vjg + vbg + prof * nys;
    }
  }
}

/* Cells on either side of u-face (i, j) (i = 0..nx) and v-face (i, j) (j = 0..ny); a
 * boundary face gets its one inner cell twice. */
static void ucells(int nx, int i, int j, size_t *ca, size_t *cb)
{
  *ca = (size_t)j * nx + (i > 0 ? i - 1 : 0);
  *cb = (size_t)j * nx + (i < nx ? i : nx - 1);
}
static void vcells(int nx, int ny, int i, int j, size_t *ca, size_t *cb)
{
  *ca = (size_t)(j > 0 ? j - 1 : 0) * nx + i;
  *cb = (size_t)(j < ny ? j : ny - 1) * nx + i;
}

/* mu at a face between cells ca and cb (a boundary face has ca == cb): WRF's muu/muv. */
static double face_mu(const synth_met *m, size_t ca, size_t cb)
{
  return 0.5 * (m->mu_d[ca] + m->mu_d[cb]);
}

/* Column coupled-flux divergence (Pa m/s per m) of every cell into D. */
static void column_div(const synth_met *m, double *D, double *fscale)
{
  const tf_grid *g = m->d->g;
  int nx = g->nx, ny = g->ny, nz = g->nz;
  const double *znw = g->eta_w;
  double sum = 0.0;
  size_t nf = 0;
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) D[(size_t)j * nx + i] = 0.0;
  for (int k = 0; k < nz; k++) {
    double de = znw[k] - znw[k + 1];
    for (int j = 0; j < ny; j++)
      for (int i = 0; i <= nx; i++) {
        size_t ca, cb;
      ucells(nx, i, j, &ca, &cb);
        double f = de * face_mu(m, ca, cb) * m->u[((size_t)k * ny + j) * (nx + 1) + i] /
                   g->mapfac_u[(size_t)j * (nx + 1) + i] / g->dx_m;
        if (i > 0) D[ca] += f;
        if (i < nx) D[cb] -= f;
        sum += fabs(f); nf++;
      }
    for (int j = 0; j <= ny; j++)
      for (int i = 0; i < nx; i++) {
        size_t ca, cb;
        vcells(nx, ny, i, j, &ca, &cb);
        double f = de * face_mu(m, ca, cb) * m->v[((size_t)k * (ny + 1) + j) * nx + i] /
                   g->mapfac_v[(size_t)j * nx + i] / g->dy_m;
        if (j > 0) D[ca] += f;
        if (j < ny) D[cb] -= f;
        sum += fabs(f); nf++;
      }
  }
  if (fscale) *fscale = sum / (double)nf * (double)nz;  /* mean |column face flux| / dx */
}

/* y = A x with A = -Laplacian (5-point, chi = 0 outside): symmetric positive definite. */
static void apply_A(const tf_grid *g, const double *x, double *y)
{
  int nx = g->nx, ny = g->ny;
  double ax = 1.0 / (g->dx_m * g->dx_m), ay = 1.0 / (g->dy_m * g->dy_m);
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) {
      size_t c = (size_t)j * nx + i;
      double xc = x[c];
      double xw = i > 0 ? x[c - 1] : 0.0, xe = i < nx - 1 ? x[c + 1] : 0.0;
      double xs = j > 0 ? x[c - nx] : 0.0, xn = j < ny - 1 ? x[c + nx] : 0.0;
      y[c] = ax * (2.0 * xc - xw - xe) + ay * (2.0 * xc - xs - xn);
    }
}

static double dot(const double *a, const double *b, size_t n)
{
  double s = 0.0;
  for (size_t i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

/* Add a column-mean velocity correction dcol (per face) to the levels of a staggered
 * component a[k][f] with weights wk[k][f] (sum_k dEta_k da_k = dcol exactly, so the
 * column flux change is the one the Poisson solution asked for). */
/* Vertical weight of the projection correction at pressure p (Pa): 1 in the lower
 * troposphere (p > 600 hPa), tapering to 0.05 above 410 hPa. The column flux imbalance of
 * the first-guess winds comes from the lower troposphere (the plateau columns lack the
 * layers below ~550 hPa that carry the basin flow), so that is where it is removed: the
 * upper-level jet keeps its near-horizontal (omega ~ 0) structure. */
static double corr_weight(double p)
{
  return fmin(1.0, fmax(0.05, (p - 40000.0) / 20000.0));
}

static void spread_correction(double *a, const double *dcol, const double *wk, size_t nf, int nz,
                              const double *znw)
{
  for (size_t f = 0; f < nf; f++) {
    double sw = 0.0;
    for (int k = 0; k < nz; k++) sw += (znw[k] - znw[k + 1]) * wk[(size_t)k * nf + f];
    for (int k = 0; k < nz; k++) a[(size_t)k * nf + f] += dcol[f] * wk[(size_t)k * nf + f] / sw;
  }
}

static int project_winds(synth_met *m, tf_err *err)
{
  const tf_grid *g = m->d->g;
  met_priv *q = m->priv;
  int nx = g->nx, ny = g->ny, nz = g->nz;
  size_t n2 = g->n2;
  double *D = q->rhs, *x = q->chi, *r = q->r, *p = q->pd, *Ap = q->ap, fs;
  column_div(m, D, &fs);
  /* D = div F; want div(F - grad chi) = 0  =>  Lap chi = D  =>  A chi = -D */
  for (size_t c = 0; c < n2; c++) { x[c] = 0.0; r[c] = -D[c]; p[c] = r[c]; }
  double rr = dot(r, r, n2), r0 = sqrt(rr);
  int it = 0;
  while (it < 20000 && sqrt(rr) > 1e-13 * r0 && rr > 0.0) {
    apply_A(g, p, Ap);
    double alpha = rr / dot(p, Ap, n2);
    for (size_t c = 0; c < n2; c++) { x[c] += alpha * p[c]; r[c] -= alpha * Ap[c]; }
    double rn = dot(r, r, n2);
    for (size_t c = 0; c < n2; c++) p[c] = r[c] + rn / rr * p[c];
    rr = rn;
    it++;
  }
  m->cg_iters = it;
  if (rr > 0.0 && sqrt(rr) > 1e-8 * r0)
    return tf_err_set(err, TF_ENUMERIC, "synth: wind projection (CG) did not converge: residual %.3g of %.3g after %d iterations",
                      sqrt(rr), r0, it);
  /* subtract grad chi from the column flux, uniformly in velocity over the levels:
   * du = -(chi_b - chi_a)/dx * m_u / mu_u on every face (chi = 0 outside) */
  double cmax = 0.0;
  for (int j = 0; j < ny; j++)
    for (int i = 0; i <= nx; i++) {
      size_t ca, cb, f = (size_t)j * (nx + 1) + i;
      ucells(nx, i, j, &ca, &cb);
      double xa = i > 0 ? x[ca] : 0.0, xb = i < nx ? x[cb] : 0.0;
      q->du[f] = -(xb - xa) / g->dx_m * g->mapfac_u[f] / face_mu(m, ca, cb);
      cmax = fmax(cmax, fabs(q->du[f]));
    }
  for (int j = 0; j <= ny; j++)
    for (int i = 0; i < nx; i++) {
      size_t ca, cb, f = (size_t)j * nx + i;
      vcells(nx, ny, i, j, &ca, &cb);
      double xa = j > 0 ? x[ca] : 0.0, xb = j < ny ? x[cb] : 0.0;
      q->dv[f] = -(xb - xa) / g->dy_m * g->mapfac_v[f] / face_mu(m, ca, cb);
      cmax = fmax(cmax, fabs(q->dv[f]));
    }
  m->proj_max_corr_ms = cmax;
  size_t nuf = (size_t)(nx + 1) * ny, nvf = (size_t)nx * (ny + 1);
  const double *znw = g->eta_w;
  for (int k = 0; k < nz; k++) {
    const double *pk = m->p + (size_t)k * n2;
    for (int j = 0; j < ny; j++)
      for (int i = 0; i <= nx; i++) {
        size_t ca, cb;
        ucells(nx, i, j, &ca, &cb);
        q->wu[(size_t)k * nuf + (size_t)j * (nx + 1) + i] = corr_weight(0.5 * (pk[ca] + pk[cb]));
      }
    for (int j = 0; j <= ny; j++)
      for (int i = 0; i < nx; i++) {
        size_t ca, cb;
        vcells(nx, ny, i, j, &ca, &cb);
        q->wv[(size_t)k * nvf + (size_t)j * nx + i] = corr_weight(0.5 * (pk[ca] + pk[cb]));
      }
  }
  spread_correction(m->u, q->du, q->wu, nuf, nz, znw);
  spread_correction(m->v, q->dv, q->wv, nvf, nz, znw);
  column_div(m, D, &fs);
  double dmax = 0.0;
  for (size_t c = 0; c < n2; c++) dmax = fmax(dmax, fabs(D[c]));
  m->div_resid_rel = fs > 0.0 ? dmax / fs : 0.0;
  return TF_OK;
}

static void stagger_winds(synth_met *m)
{
  const tf_grid *g = m->d->g;
  met_priv *q = m->priv;
  int nx = g->nx, ny = g->ny, nz = g->nz;
  size_t n2 = g->n2;
  for (int k = 0; k < nz; k++) {
    const double *ue = q->ue + (size_t)k * n2, *ve = q->ve + (size_t)k * n2;
    for (int j = 0; j < ny; j++)
      for (int i = 0; i <= nx; i++) {
        size_t ca, cb;
      ucells(nx, i, j, &ca, &cb);
        m->u[((size_t)k * ny + j) * (nx + 1) + i] = 0.5 * (ue[ca] + ue[cb]);
      }
    for (int j = 0; j <= ny; j++)
      for (int i = 0; i < nx; i++) {
        size_t ca, cb;
        vcells(nx, ny, i, j, &ca, &cb);
        m->v[((size_t)k * (ny + 1) + j) * nx + i] = 0.5 * (ve[ca] + ve[cb]);
      }
  }
}

/* mu*etadot from layer divergences (bottom up), then W = dz/dt along the flow. */
static void vertical_motion(synth_met *m)
{
  const tf_grid *g = m->d->g;
  met_priv *q = m->priv;
  int nx = g->nx, ny = g->ny, nz = g->nz;
  size_t n2 = g->n2;
  const double *znw = g->eta_w;
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) {
      size_t c = (size_t)j * nx + i;
      double mf = g->mapfac[c], me = 0.0;
      q->mueta[c] = 0.0;
      for (int k = 0; k < nz; k++) {
        const double *u = m->u + (size_t)k * ny * (nx + 1), *v = m->v + (size_t)k * (ny + 1) * nx;
        size_t iw = (size_t)j * (nx + 1) + i, is = (size_t)j * nx + i, ca, cb;
        ucells(nx, i, j, &ca, &cb);
        double muw = face_mu(m, ca, cb);
        ucells(nx, i + 1, j, &ca, &cb);
        double mue = face_mu(m, ca, cb);
        vcells(nx, ny, i, j, &ca, &cb);
        double mus = face_mu(m, ca, cb);
        vcells(nx, ny, i, j + 1, &ca, &cb);
        double mun = face_mu(m, ca, cb);
        double div = (mue * u[iw + 1] / g->mapfac_u[iw + 1] - muw * u[iw] / g->mapfac_u[iw]) / g->dx_m +
                     (mun * v[is + nx] / g->mapfac_v[is + nx] - mus * v[is] / g->mapfac_v[is]) / g->dy_m;
        me += mf * mf * div * (znw[k] - znw[k + 1]);
        q->mueta[(size_t)(k + 1) * n2 + c] = me;
      }
      q->mueta[(size_t)nz * n2 + c] = 0.0; /* top: zero by construction up to the residual */
      for (int k = 0; k <= nz; k++) {
        size_t cw = (size_t)k * n2 + c;
        int ka = k > 0 ? k - 1 : 0, kb = k < nz ? k : nz - 1;   /* layers around level k */
        double uu = 0.0, vv = 0.0;
        for (int kk = ka; kk <= kb; kk++) {
          const double *u = m->u + (size_t)kk * ny * (nx + 1), *v = m->v + (size_t)kk * (ny + 1) * nx;
          uu += 0.5 * (u[(size_t)j * (nx + 1) + i] + u[(size_t)j * (nx + 1) + i + 1]);
          vv += 0.5 * (v[(size_t)j * nx + i] + v[(size_t)(j + 1) * nx + i]);
        }
        uu /= (kb - ka + 1); vv /= (kb - ka + 1);
        int ia = i > 0 ? i - 1 : i, ib = i < nx - 1 ? i + 1 : i, ja = j > 0 ? j - 1 : j, jb = j < ny - 1 ? j + 1 : j;
        double dpx = (m->phi[(size_t)k * n2 + (size_t)j * nx + ib] - m->phi[(size_t)k * n2 + (size_t)j * nx + ia]) / ((ib - ia) * g->dx_m);
        double dpy = (m->phi[(size_t)k * n2 + (size_t)jb * nx + i] - m->phi[(size_t)k * n2 + (size_t)ja * nx + i]) / ((jb - ja) * g->dy_m);
        int k0 = k > 0 ? k - 1 : 0, k1 = k < nz ? k + 1 : nz;
        double dphideta = (m->phi[(size_t)k1 * n2 + c] - m->phi[(size_t)k0 * n2 + c]) / (znw[k1] - znw[k0]);
        double etadot = q->mueta[cw] / m->mu_d[c];
        m->w[cw] = (etadot * dphideta + mf * (uu * dpx + vv * dpy)) / TF_G;
      }
    }
}

/* Businger-Dyer / Paulson (1970) integrated stability function for momentum. */
static double psi_m(double zeta)
{
  if (zeta >= 0.0) return -5.0 * fmin(zeta, 1.0);
  double x = pow(1.0 - 16.0 * zeta, 0.25);
  return 2.0 * log(0.5 * (1.0 + x)) + log(0.5 * (1.0 + x * x)) - 2.0 * atan(x) + 0.5 * TF_PI;
}

static void surface_layer(synth_met *m)
{
  const tf_grid *g = m->d->g;
  met_priv *q = m->priv;
  int nx = g->nx, ny = g->ny;
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) {
      size_t c = (size_t)j * nx + i;
      double u1 = 0.5 * (m->u[(size_t)j * (nx + 1) + i] + m->u[(size_t)j * (nx + 1) + i + 1]);
      double v1 = 0.5 * (m->v[(size_t)j * nx + i] + m->v[(size_t)(j + 1) * nx + i]);
      double sp = fmax(hypot(u1, v1), 0.1), z1 = q->zmid[c] - g->hgt_m[c], z0 = m->z0[c];
      double rho = m->psfc[c] / (TF_RD * m->t2[c]), H = m->hfx[c], ust = TF_VON_KARMAN * sp / log(z1 / z0), L = 1e10;
      for (int it = 0; it < 6; it++) {
        L = fabs(H) > 1e-3 ? -ust * ust * ust * m->t2[c] * rho * TF_CP / (TF_VON_KARMAN * TF_G * H) : 1e10;
        ust = fmax(TF_VON_KARMAN * sp / (log(z1 / z0) - psi_m(z1 / L) + psi_m(z0 / L)), 0.03);
      }
      double s10 = ust / TF_VON_KARMAN * (log(10.0 / z0) - psi_m(10.0 / L) + psi_m(z0 / L));
      s10 = clamp(s10, 0.0, sp);
      m->ust[c] = ust;
      m->u10[c] = u1 * s10 / sp;
      m->v10[c] = v1 * s10 / sp;
    }
}

int synth_met_compute(synth_met *m, double time_s, tf_err *err)
{
  m->time_s = time_s;
  double th = (time_s - m->t0_s) / 3600.0;
  surface_step(m, th);
  column_step(m);
  desired_wind(m, th);
  stagger_winds(m);
  int rc = project_winds(m, err);
  if (rc) return rc;
  vertical_motion(m);
  surface_layer(m);
  return TF_OK;
}
