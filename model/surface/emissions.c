/* emissions.c — emission rates of mechanism species from a gridded sector inventory,
 * point sources and in-line biogenics, and their injection into the model layers.
 *
 * Method. At set-up the inventory (kg/h per cell, per sector and pollutant) is speciated
 * into mechanism species with the per-sector mol/kg table and multiplied by the scaling
 * rules, giving base rates in mol/s per owned cell (build_rates(), the single place where
 * scenario factors enter). Each step the base rates are multiplied by the sector's
 * hour-of-day (Beijing local time, UTC+8) and weekday factors; point sources additionally
 * get a Briggs plume rise from the met at the stack (plumerise.c) and are spread over the
 * layers between h + 0.5 dh and h + 1.5 dh; biogenic isoprene and monoterpenes (biogenic.c)
 * are added to layer 1 of the species that emis_config.bio_role names (the mechanism's
 * species table, not names in C). Gridded emissions all enter layer 1 (the inventory has no stack information).
 * Tendencies in ppb/s divide mol/s by the moles of dry air in the cell,
 * n_air = mu deta/g * dx dy/m^2 / M_air (hydrostatic dry-air mass of the WRF eta layer,
 * true cell area from the map factor), so that the injected moles equal the emitted moles
 * to round-off. Point sources are assigned to the cell whose centre is nearest. */
#include "model/surface/emissions.h"

#include <math.h>
#include <stdio.h> /* snprintf only: model/ does no file I/O */
#include <string.h>

#include "model/core/tf_const.h"
#include "model/core/tf_time.h"
#include "model/surface/biogenic.h"
#include "model/surface/plumerise.h"

#define pol_names(p) emis_pollutant_name(p)

/* A rule resolved against the context: selectors as indices, weights and factors per owned
 * cell (gridded) and per local point (NULL = uniform). */
typedef struct rule_copy {
  int any_sector, bio, sector;  /* sector index, or -1 when it names no sector here */
  int any_species;
  int pol, isp;                 /* the species selector as pollutant and/or mechanism species */
  int sources;                  /* EMIS_SRC_* */
  double *cw;                   /* n2 cell weights (mask x cell_weight) or NULL = 1 */
  double *cf;                   /* n2 cell factors or NULL = factor */
  double *pw, *pf;              /* [npt] local-point weights (0 = not selected) and factors */
  double factor;
  int timed;
  emis_scale_rule win;          /* the time window fields only */
} rule_copy;

typedef struct local_point {
  int ip;                       /* index in the input list */
  int i, j, sector;
  size_t c;                     /* grid_idx2 */
  emis_point p;
  double *base;                 /* nq mol/s (scaled) */
  double *rate;                 /* nq mol/s at the last update */
  double rise, bot, top;
  double *frac;                 /* nz */
} local_point;

/* Speciation of one (sector, pollutant): species slots q and mol per kg. */
typedef struct spec_list {
  int n, any_rows;
  int *q;
  double *mol_kg;
} spec_list;

struct emis_ctx {
  const tf_grid *g;
  int nspec;
  char (*names)[TF_SPEC_NAME_LEN];
  int nq;                       /* emitted mechanism species */
  int *q_isp;                   /* nq -> state index */
  int *isp_q;                   /* nspec -> q or -1 */
  int nsector;
  char (*sector)[EMIS_NAME_LEN];
  double (*hour)[24], (*wday)[7];
  spec_list *spec;              /* nsector * EMIS_NPOL */
  double *raw_kgh;              /* [p][s][n2] owned slice of the inventory (or NULL) */
  double *base;                 /* [s][q][n2] mol/s */
  double *surf;                 /* [q][n2] mol/s, current layer-1 gridded + biogenic */
  int biogenic, q_isop, q_terp;
  double *bio_scale;            /* [2][n2] */
  int npt, npt_in;              /* local points; points of emis_config */
  local_point *pt;
  int nrule;
  rule_copy *rule;
  unsigned char *active;        /* [nrule] rule acts in the current base rates */
  double unmapped_kgh[EMIS_NPOL];
  double *total_mol;            /* nspec */
};

static int find_name(char (*names)[TF_SPEC_NAME_LEN], int n, const char *s)
{
  for (int i = 0; i < n; i++)
    if (strcmp(names[i], s) == 0) return i;
  return -1;
}

static int find_sector(const emis_ctx *e, const char *s)
{
  for (int i = 0; i < e->nsector; i++)
    if (strcmp(e->sector[i], s) == 0) return i;
  return -1;
}

static int add_sector(emis_ctx *e, const char *s, tf_err *err)
{
  int k = find_sector(e, s);
  if (k >= 0) return k;
  int n = e->nsector + 1;
  void *a = realloc(e->sector, (size_t)n * sizeof *e->sector);
  if (!a) return -tf_err_set(err, TF_ENOMEM, "emissions: out of memory");
  e->sector = a;
  a = realloc(e->hour, (size_t)n * sizeof *e->hour);
  if (!a) return -tf_err_set(err, TF_ENOMEM, "emissions: out of memory");
  e->hour = a;
  a = realloc(e->wday, (size_t)n * sizeof *e->wday);
  if (!a) return -tf_err_set(err, TF_ENOMEM, "emissions: out of memory");
  e->wday = a;
  snprintf(e->sector[e->nsector], EMIS_NAME_LEN, "%s", s);
  for (int h = 0; h < 24; h++) e->hour[e->nsector][h] = 1.0;  /* flat unless inventory has it */
  for (int d = 0; d < 7; d++) e->wday[e->nsector][d] = 1.0;
  return e->nsector++;
}

/* Resolve the speciation rows of every (sector, pollutant). */
static int build_speciation(emis_ctx *e, const emis_speciation *sp, tf_err *err)
{
  e->spec = tf_calloc((size_t)e->nsector * EMIS_NPOL, sizeof *e->spec, err);
  if (!e->spec) return err ? err->code : TF_ENOMEM;
  for (int s = 0; s < e->nsector; s++)
    for (int p = 0; p < EMIS_NPOL; p++) {
      spec_list *L = &e->spec[s * EMIS_NPOL + p];
      int own = 0;
      for (int r = 0; sp && r < sp->n; r++)
        if (sp->rows[r].pollutant == p && strcmp(sp->rows[r].sector, e->sector[s]) == 0) own = 1;
      int cnt = 0;
      for (int r = 0; sp && r < sp->n; r++) {
        const emis_spec_row *row = &sp->rows[r];
        if (row->pollutant != p) continue;
        if (own ? strcmp(row->sector, e->sector[s]) != 0 : strcmp(row->sector, "*") != 0) continue;
        L->any_rows = 1;
        if (find_name(e->names, e->nspec, row->species) >= 0) cnt++;
      }
      L->q = tf_calloc((size_t)(cnt + 1), sizeof *L->q, err);
      L->mol_kg = tf_calloc((size_t)(cnt + 1), sizeof *L->mol_kg, err);
      if (!L->q || !L->mol_kg) return err ? err->code : TF_ENOMEM;
      for (int r = 0; sp && r < sp->n; r++) {
        const emis_spec_row *row = &sp->rows[r];
        if (row->pollutant != p) continue;
        if (own ? strcmp(row->sector, e->sector[s]) != 0 : strcmp(row->sector, "*") != 0) continue;
        int isp = find_name(e->names, e->nspec, row->species);
        if (isp < 0) continue;
        if (e->isp_q[isp] < 0) {
          e->isp_q[isp] = e->nq;
          e->q_isp[e->nq++] = isp;
        }
        /* merge duplicate species rows */
        int k;
        for (k = 0; k < L->n; k++)
          if (L->q[k] == e->isp_q[isp]) break;
        if (k == L->n) { L->q[L->n] = e->isp_q[isp]; L->mol_kg[L->n++] = 0.0; }
        L->mol_kg[k] += row->mol_per_kg;
      }
    }
  return TF_OK;
}

/* f = 1 + w (F - 1), exactly F for w = 1 and exactly 1 for w = 0 (so a whole-domain rule
 * multiplies by its factor bit for bit). */
static double weighted(double w, double F)
{
  return w == 1.0 ? F : w == 0.0 ? 1.0 : 1.0 + w * (F - 1.0);
}

/* THE scaling function: product of the factors of all active rules matching this emission.
 * sector: index (-1 with bio = 1 for biogenic); cell: grid_idx2 of the source cell;
 * pt: local point index, or -1 for gridded/biogenic sources. */
static double scale_factor(const emis_ctx *e, const unsigned char *active, int sector, int bio,
                           int pol, int isp, size_t cell, int pt)
{
  double f = 1.0;
  for (int r = 0; r < e->nrule; r++) {
    const rule_copy *R = &e->rule[r];
    if (!active[r]) continue;
    if (bio ? !R->bio : !(R->any_sector || (R->sector >= 0 && R->sector == sector))) continue;
    if (!R->any_species && !(pol >= 0 && R->pol == pol) && !(isp >= 0 && R->isp == isp)) continue;
    if (pt < 0 ? R->sources == EMIS_SRC_POINTS : R->sources == EMIS_SRC_GRIDDED) continue;
    double w, F;
    if (pt < 0) {
      w = R->cw ? R->cw[cell] : 1.0;
      F = R->cf ? R->cf[cell] : R->factor;
    } else {
      w = R->pw[pt];
      F = R->pf ? R->pf[pt] : R->factor;
    }
    f *= weighted(w, F);
  }
  return f;
}

/* Base rates (mol/s) of gridded and point sources, scaling included. */
static void build_rates(emis_ctx *e)
{
  const tf_grid *g = e->g;
  const unsigned char *act = e->active;
  const double kgh_to_kgs = 1.0 / 3600.0;
  for (int p = 0; p < EMIS_NPOL; p++) e->unmapped_kgh[p] = 0.0;
  if (e->base) memset(e->base, 0, (size_t)e->nsector * (size_t)e->nq * g->n2 * sizeof *e->base);
  for (int s = 0; e->raw_kgh && s < e->nsector; s++)
    for (int p = 0; p < EMIS_NPOL; p++) {
      const spec_list *L = &e->spec[s * EMIS_NPOL + p];
      const double *raw = e->raw_kgh + ((size_t)p * e->nsector + s) * g->n2;
      for (int j = 0; j < g->nyo; j++)
        for (int i = 0; i < g->nxo; i++) {
          size_t c = grid_idx2(g, i, j);
          if (raw[c] == 0.0) continue;
          if (L->n == 0) e->unmapped_kgh[p] += raw[c] * scale_factor(e, act, s, 0, p, -1, c, -1);
          for (int k = 0; k < L->n; k++) {
            int q = L->q[k];
            double f = scale_factor(e, act, s, 0, p, e->q_isp[q], c, -1);
            e->base[((size_t)s * e->nq + q) * g->n2 + c] += raw[c] * kgh_to_kgs * L->mol_kg[k] * f;
          }
        }
    }
  for (int n = 0; n < e->npt; n++) {
    local_point *P = &e->pt[n];
    for (int q = 0; q < e->nq; q++) P->base[q] = 0.0;
    for (int p = 0; p < EMIS_NPOL; p++) {
      const spec_list *L = &e->spec[P->sector * EMIS_NPOL + p];
      if (P->p.rate_kgh[p] == 0.0) continue;
      if (L->n == 0)
        e->unmapped_kgh[p] += P->p.rate_kgh[p] * scale_factor(e, act, P->sector, 0, p, -1, P->c, n);
      for (int k = 0; k < L->n; k++) {
        double f = scale_factor(e, act, P->sector, 0, p, e->q_isp[L->q[k]], P->c, n);
        P->base[L->q[k]] += P->p.rate_kgh[p] * kgh_to_kgs * L->mol_kg[k] * f;
      }
    }
  }
  if (e->bio_scale)
    for (size_t c = 0; c < g->n2; c++) {
      e->bio_scale[c] = e->q_isop >= 0 ? scale_factor(e, act, -1, 1, -1, e->q_isp[e->q_isop], c, -1) : 0.0;
      e->bio_scale[g->n2 + c] = e->q_terp >= 0 ? scale_factor(e, act, -1, 1, -1, e->q_isp[e->q_terp], c, -1) : 0.0;
    }
}

static void free_rules(emis_ctx *e)
{
  for (int r = 0; r < e->nrule; r++) {
    free(e->rule[r].cw); free(e->rule[r].cf); free(e->rule[r].pw); free(e->rule[r].pf);
  }
  free(e->rule);
  free(e->active);
  e->rule = NULL;
  e->active = NULL;
  e->nrule = 0;
}

static int rule_timed(const emis_scale_rule *R)
{
  return R->t_to_s > R->t_from_s || R->hours_bj != 0;
}

int emis_rule_active(const emis_scale_rule *R, double time_s)
{
  if (R->t_to_s > R->t_from_s && !(time_s >= R->t_from_s && time_s < R->t_to_s)) return 0;
  if (R->hours_bj) {
    double local = time_s + TF_BEIJING_OFFSET_S;
    long day = (long)floor(local / 86400.0);
    int hour = (int)floor((local - 86400.0 * (double)day) / 3600.0);
    if (hour > 23) hour = 23;
    if (!(R->hours_bj & (1u << hour))) return 0;
  }
  return 1;
}

static int field_ok(const double *v, size_t n, double lo, double hi)
{
  for (size_t k = 0; v && k < n; k++)
    if (!(v[k] >= lo && v[k] <= hi)) return 0;
  return 1;
}

int emis_set_scaling(emis_ctx *e, int nrules, const emis_scale_rule *rules, tf_err *err)
{
  const tf_grid *g = e->g;
  int npt_in = e->npt_in;
  for (int r = 0; r < nrules; r++) {
    const emis_scale_rule *R = &rules[r];
    if (!(R->factor >= 0.0) || !isfinite(R->factor))
      return tf_err_set(err, TF_EINVAL, "emission scaling rule %d: factor must be finite and >= 0, found %g",
                        r + 1, R->factor);
    if (R->species && strcmp(R->species, "*") != 0 && emis_pollutant_index(R->species) < 0 &&
        find_name(e->names, e->nspec, R->species) < 0)
      return tf_err_set(err, TF_EINVAL, "emission scaling rule %d: species '%s' is neither an inventory "
                        "pollutant (NOX NMVOC CO SO2 NH3) nor a mechanism species", r + 1, R->species);
    if (R->sector && strcmp(R->sector, "*") != 0 && strcmp(R->sector, "biogenic") != 0 &&
        find_sector(e, R->sector) < 0)
      return tf_err_set(err, TF_EINVAL, "emission scaling rule %d: unknown sector '%s'", r + 1, R->sector);
    if (R->sources < EMIS_SRC_ALL || R->sources > EMIS_SRC_POINTS)
      return tf_err_set(err, TF_EINVAL, "emission scaling rule %d: sources %d, expected 0..2", r + 1, R->sources);
    if (!field_ok(R->cell_weight, g->n2, 0.0, 1.0) || !field_ok(R->point_weight, (size_t)npt_in, 0.0, 1.0))
      return tf_err_set(err, TF_EINVAL, "emission scaling rule %d: weights must lie in [0, 1]", r + 1);
    if (!field_ok(R->cell_factor, g->n2, 0.0, HUGE_VAL) || !field_ok(R->point_factor, (size_t)npt_in, 0.0, HUGE_VAL))
      return tf_err_set(err, TF_EINVAL, "emission scaling rule %d: per-cell and per-point factors must be "
                        "finite and >= 0", r + 1);
  }
  free_rules(e);
  if (nrules > 0) {
    e->rule = tf_calloc((size_t)nrules, sizeof *e->rule, err);
    e->active = tf_calloc((size_t)nrules, 1, err);
    if (!e->rule || !e->active) { free(e->rule); free(e->active); e->rule = NULL; e->active = NULL;
                                  return err ? err->code : TF_ENOMEM; }
  }
  size_t npl = (size_t)(e->npt > 0 ? e->npt : 1);
  for (int r = 0; r < nrules; r++) {
    const emis_scale_rule *R = &rules[r];
    rule_copy *C = &e->rule[r];
    e->nrule = r + 1;
    C->any_sector = !R->sector || strcmp(R->sector, "*") == 0;
    C->bio = R->sector && strcmp(R->sector, "biogenic") == 0;
    C->sector = C->any_sector ? -1 : find_sector(e, R->sector);
    C->any_species = !R->species || strcmp(R->species, "*") == 0;
    C->pol = C->any_species ? -1 : emis_pollutant_index(R->species);
    C->isp = C->any_species ? -1 : find_name(e->names, e->nspec, R->species);
    int only_points = R->npoint_ids > 0 || R->point_industry;
    C->sources = only_points ? EMIS_SRC_POINTS : R->sources;
    C->factor = R->factor;
    C->timed = rule_timed(R);
    C->win.t_from_s = R->t_from_s;
    C->win.t_to_s = R->t_to_s;
    C->win.hours_bj = R->hours_bj;
    e->active[r] = !C->timed;
    if (R->mask || R->cell_weight) {
      C->cw = tf_calloc(g->n2, sizeof *C->cw, err);
      if (!C->cw) return err ? err->code : TF_ENOMEM;
      for (size_t c = 0; c < g->n2; c++)
        C->cw[c] = (R->mask ? (R->mask[c] ? 1.0 : 0.0) : 1.0) * (R->cell_weight ? R->cell_weight[c] : 1.0);
    }
    if (R->cell_factor) {
      C->cf = tf_malloc(g->n2 * sizeof *C->cf, err);
      if (!C->cf) return err ? err->code : TF_ENOMEM;
      memcpy(C->cf, R->cell_factor, g->n2 * sizeof *C->cf);
    }
    C->pw = tf_calloc(npl, sizeof *C->pw, err);
    if (!C->pw) return err ? err->code : TF_ENOMEM;
    if (R->point_factor) {
      C->pf = tf_calloc(npl, sizeof *C->pf, err);
      if (!C->pf) return err ? err->code : TF_ENOMEM;
    }
    for (int n = 0; n < e->npt; n++) {
      const local_point *P = &e->pt[n];
      int sel = 1;
      if (R->npoint_ids > 0) {
        sel = 0;
        for (int k = 0; k < R->npoint_ids && !sel; k++) sel = strcmp(R->point_ids[k], P->p.id) == 0;
      }
      if (sel && R->point_industry) sel = strcmp(R->point_industry, P->p.industry) == 0;
      C->pw[n] = !sel ? 0.0 : R->point_weight ? R->point_weight[P->ip] : C->cw ? C->cw[P->c] : 1.0;
      if (C->pf) C->pf[n] = R->point_factor[P->ip];
    }
  }
  build_rates(e);
  return TF_OK;
}

emis_ctx *emis_create(const tf_grid *g, const emis_config *cfg, tf_err *err)
{
  if ((cfg->inv || cfg->npoints > 0) && !cfg->speciation) {
    tf_err_set(err, TF_EINVAL, "emissions: a speciation table is required with gridded or point emissions");
    return NULL;
  }
  if (cfg->inv && (cfg->inv->nx != g->nx || cfg->inv->ny != g->ny)) {
    tf_err_set(err, TF_EINVAL, "emissions: inventory grid %d x %d, expected the model grid %d x %d",
               cfg->inv->nx, cfg->inv->ny, g->nx, g->ny);
    return NULL;
  }
  emis_ctx *e = tf_calloc(1, sizeof *e, err);
  if (!e) return NULL;
  e->g = g;
  e->nspec = cfg->nspec;
  e->npt_in = cfg->npoints;
  e->q_isop = e->q_terp = -1;
  size_t ns = (size_t)(cfg->nspec > 0 ? cfg->nspec : 1);
  e->names = tf_calloc(ns, sizeof *e->names, err);
  e->q_isp = tf_calloc(ns, sizeof *e->q_isp, err);
  e->isp_q = tf_calloc(ns, sizeof *e->isp_q, err);
  e->total_mol = tf_calloc(ns, sizeof *e->total_mol, err);
  if (!e->names || !e->q_isp || !e->isp_q || !e->total_mol) goto fail;
  for (int s = 0; s < cfg->nspec; s++) {
    snprintf(e->names[s], TF_SPEC_NAME_LEN, "%s", cfg->names[s]);
    e->isp_q[s] = -1;
  }
  /* sectors: inventory order, then point-source sectors not in the inventory (flat profile) */
  if (cfg->inv) {
    if (cfg->inv->nsector < 1 || cfg->inv->nsector > EMIS_MAX_SECTOR) {
      tf_err_set(err, TF_EINVAL, "emissions: inventory has %d sectors, expected 1..%d", cfg->inv->nsector,
                 EMIS_MAX_SECTOR);
      goto fail;
    }
    for (int s = 0; s < cfg->inv->nsector; s++) {
      int k = add_sector(e, cfg->inv->sector[s], err);
      if (k < 0) goto fail;
      memcpy(e->hour[k], cfg->inv->hour_profile[s], sizeof e->hour[k]);
      memcpy(e->wday[k], cfg->inv->weekday_profile[s], sizeof e->wday[k]);
    }
  }
  for (int n = 0; n < cfg->npoints; n++)
    if (add_sector(e, cfg->points[n].sector, err) < 0) goto fail;
  if (build_speciation(e, cfg->speciation, err)) goto fail;
  /* every pollutant that is emitted needs speciation rows (NH3 may be dropped) */
  for (int s = 0; s < e->nsector; s++)
    for (int p = 0; p < EMIS_NPOL; p++) {
      if (p == EMIS_NH3 || e->spec[s * EMIS_NPOL + p].any_rows) continue;
      int used = 0;
      if (cfg->inv && s < cfg->inv->nsector && cfg->inv->rate_kgh[p]) {
        const double *r = cfg->inv->rate_kgh[p] + (size_t)s * g->nx * g->ny;
        for (size_t c = 0; c < (size_t)g->nx * g->ny && !used; c++) used = r[c] != 0.0;
      }
      for (int n = 0; n < cfg->npoints && !used; n++)
        used = strcmp(cfg->points[n].sector, e->sector[s]) == 0 && cfg->points[n].rate_kgh[p] != 0.0;
      if (used) {
        tf_err_set(err, TF_EINVAL, "emission speciation: no rows for pollutant %s in sector '%s' "
                   "(nor for sector '*')", pol_names(p), e->sector[s]);
        goto fail;
      }
    }
  if (cfg->biogenic) {
    e->biogenic = 1;
    int isp = -1, tsp = -1;
    for (int s = 0; cfg->bio_role && s < cfg->nspec; s++) {
      int role = cfg->bio_role[s], *dst = role == EMIS_BIO_ISOPRENE ? &isp : role == EMIS_BIO_TERPENE ? &tsp : NULL;
      if (role < EMIS_BIO_NONE || role >= EMIS_BIO_NROLE || (dst && *dst >= 0)) {
        tf_err_set(err, TF_EINVAL, "biogenic emissions: species %s has role %d; expected each role "
                   "(isoprene, terpene) at most once", e->names[s], role);
        goto fail;
      }
      if (dst) *dst = s;
    }
    if (isp < 0 && tsp < 0) {
      tf_err_set(err, TF_EINVAL, "biogenic emissions: no species of the mechanism has the biogenic role isoprene or "
                 "terpene (biogenic column of its species table)");
      goto fail;
    }
    if (isp >= 0) { if (e->isp_q[isp] < 0) { e->isp_q[isp] = e->nq; e->q_isp[e->nq++] = isp; } e->q_isop = e->isp_q[isp]; }
    if (tsp >= 0) { if (e->isp_q[tsp] < 0) { e->isp_q[tsp] = e->nq; e->q_isp[e->nq++] = tsp; } e->q_terp = e->isp_q[tsp]; }
    e->bio_scale = tf_calloc(2 * g->n2, sizeof *e->bio_scale, err);
    if (!e->bio_scale) goto fail;
  }
  size_t nq = (size_t)(e->nq > 0 ? e->nq : 1);
  e->surf = tf_calloc(nq * g->n2, sizeof *e->surf, err);
  if (!e->surf) goto fail;
  if (cfg->inv) {
    const emis_inventory *inv = cfg->inv;
    e->raw_kgh = tf_calloc((size_t)EMIS_NPOL * (size_t)e->nsector * g->n2, sizeof *e->raw_kgh, err);
    e->base = tf_calloc((size_t)e->nsector * nq * g->n2, sizeof *e->base, err);
    if (!e->raw_kgh || !e->base) goto fail;
    for (int p = 0; p < EMIS_NPOL; p++) {
      if (!inv->rate_kgh[p]) continue;
      for (int s = 0; s < inv->nsector; s++)
        for (int j = 0; j < g->nyo; j++)
          for (int i = 0; i < g->nxo; i++) {
            double v = inv->rate_kgh[p][((size_t)s * inv->ny + (size_t)(g->j0 + j)) * inv->nx + (size_t)(g->i0 + i)];
            if (!(v >= 0.0) || !isfinite(v)) {
              tf_err_set(err, TF_EINVAL, "emission inventory: %s sector '%s' cell (%d,%d): expected a "
                         "finite rate >= 0 kg/h, found %g", pol_names(p), inv->sector[s], g->i0 + i, g->j0 + j, v);
              goto fail;
            }
            e->raw_kgh[((size_t)p * e->nsector + s) * g->n2 + grid_idx2(g, i, j)] = v;
          }
    }
  }
  /* point sources in owned cells */
  if (cfg->npoints > 0) {
    e->pt = tf_calloc((size_t)cfg->npoints, sizeof *e->pt, err);
    if (!e->pt) goto fail;
  }
  for (int n = 0; n < cfg->npoints; n++) {
    const emis_point *P = &cfg->points[n];
    if (!(P->stack_height_m >= 0.0 && P->stack_diameter_m >= 0.0 && P->exit_velocity_ms >= 0.0 &&
          P->exit_temp_k > 0.0)) {
      tf_err_set(err, TF_EINVAL, "point source '%s': stack height, diameter, velocity must be >= 0 and exit "
                 "temperature > 0 K (found %g m, %g m, %g m/s, %g K)", P->id, P->stack_height_m,
                 P->stack_diameter_m, P->exit_velocity_ms, P->exit_temp_k);
      goto fail;
    }
    double gi, gj;
    proj_ll_to_ij(&g->proj, P->lat, P->lon, &gi, &gj);
    int ig = (int)floor(gi + 0.5), jg = (int)floor(gj + 0.5);
    int il = ig - g->i0, jl = jg - g->j0;
    if (il < 0 || il >= g->nxo || jl < 0 || jl >= g->nyo) continue; /* outside (or other rank) */
    local_point *L = &e->pt[e->npt++];
    L->ip = n;
    L->p = *P;
    L->i = il;
    L->j = jl;
    L->c = grid_idx2(g, il, jl);
    L->sector = find_sector(e, P->sector);
    L->base = tf_calloc(nq, sizeof *L->base, err);
    L->rate = tf_calloc(nq, sizeof *L->rate, err);
    L->frac = tf_calloc((size_t)g->nz, sizeof *L->frac, err);
    if (!L->base || !L->rate || !L->frac) goto fail;
    L->frac[0] = 1.0;
  }
  build_rates(e);
  return e;
fail:
  emis_destroy(&e);
  return NULL;
}

void emis_destroy(emis_ctx **pe)
{
  if (!pe || !*pe) return;
  emis_ctx *e = *pe;
  if (e->spec)
    for (int k = 0; k < e->nsector * EMIS_NPOL; k++) { free(e->spec[k].q); free(e->spec[k].mol_kg); }
  free(e->spec);
  for (int n = 0; n < e->npt; n++) { free(e->pt[n].base); free(e->pt[n].rate); free(e->pt[n].frac); }
  free(e->pt);
  free_rules(e);
  free(e->names); free(e->q_isp); free(e->isp_q); free(e->total_mol);
  free(e->sector); free(e->hour); free(e->wday);
  free(e->raw_kgh); free(e->base); free(e->surf); free(e->bio_scale);
  free(e);
  *pe = NULL;
}

/* Plume of one point source from the met column of its cell. */
static void point_plume(const emis_ctx *e, const tf_met *met, local_point *L)
{
  const tf_grid *g = e->g;
  int nz = g->nz;
  double zwbuf[257];                 /* fixed buffer for nz <= 256, heap above */
  double *zwp = zwbuf, *heap = NULL;
  if (nz > 256) { heap = malloc((size_t)(nz + 1) * sizeof *heap); if (!heap) return; zwp = heap; }
  for (int k = 0; k <= nz; k++) zwp[k] = met->zw_m[(size_t)k * g->n2 + L->c];
  double h = L->p.stack_height_m;
  int k = 0;
  while (k < nz - 1 && h >= zwp[k + 1]) k++;
  size_t c3 = grid_idx3(g, L->i, L->j, k);
  double ta = met->t_k[c3];
  double u = 0.5 * (met->u_ms[grid_idxu(g, L->i, L->j, k)] + met->u_ms[grid_idxu(g, L->i + 1, L->j, k)]);
  double v = 0.5 * (met->v_ms[grid_idxv(g, L->i, L->j, k)] + met->v_ms[grid_idxv(g, L->i, L->j + 1, k)]);
  /* potential-temperature gradient around the stack top (layers k, k+1) */
  int ka = k < nz - 1 ? k : k - 1;
  double dthdz = 0.0;
  if (ka >= 0) {
    size_t a = grid_idx3(g, L->i, L->j, ka), b = grid_idx3(g, L->i, L->j, ka + 1);
    const double kap = TF_RD / TF_CP;
    double tha = met->t_k[a] * pow(TF_P0 / met->p_pa[a], kap);
    double thb = met->t_k[b] * pow(TF_P0 / met->p_pa[b], kap);
    double dz = met->zmid_m[b] - met->zmid_m[a];
    if (dz > 0.0) dthdz = (thb - tha) / dz;
  }
  plume_stack st = {.height_m = L->p.stack_height_m, .diameter_m = L->p.stack_diameter_m,
                    .exit_velocity_ms = L->p.exit_velocity_ms, .exit_temp_k = L->p.exit_temp_k};
  plume_env env = {.ta_k = ta, .u_ms = sqrt(u * u + v * v), .dthdz_kpm = dthdz, .stable = met->hfx_wm2[L->c] <= 0.0};
  L->rise = plume_rise(&st, &env, NULL);
  plume_extent(h, L->rise, &L->bot, &L->top);
  plume_layer_fractions(L->bot, L->top, zwp, nz, L->frac);
  free(heap);
}

int emis_update(emis_ctx *e, const tf_met *met, double time_s, tf_err *err)
{
  const tf_grid *g = e->g;
  double local = time_s + TF_BEIJING_OFFSET_S;
  long day = (long)floor(local / 86400.0);
  int hour = (int)floor((local - 86400.0 * (double)day) / 3600.0);
  if (hour > 23) hour = 23;
  int wday = (int)(((day + 3) % 7 + 7) % 7);   /* 1970-01-01 was a Thursday; 0 = Monday */
  int changed = 0;                             /* time windows: rebuild when the set changes */
  for (int r = 0; r < e->nrule; r++)
    if (e->rule[r].timed) {
      unsigned char a = (unsigned char)emis_rule_active(&e->rule[r].win, time_s);
      if (a != e->active[r]) { e->active[r] = a; changed = 1; }
    }
  if (changed) build_rates(e);
  memset(e->surf, 0, (size_t)(e->nq > 0 ? e->nq : 1) * g->n2 * sizeof *e->surf);
  if (e->base)
    for (int s = 0; s < e->nsector; s++) {
      double f = e->hour[s][hour] * e->wday[s][wday];
      if (f == 0.0) continue;
      for (int q = 0; q < e->nq; q++) {
        const double *b = e->base + ((size_t)s * e->nq + q) * g->n2;
        double *o = e->surf + (size_t)q * g->n2;
        for (size_t c = 0; c < g->n2; c++) o[c] += f * b[c];
      }
    }
  if (e->biogenic)
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) {
        size_t c = grid_idx2(g, i, j);
        double m = g->mapfac[c] > 0.0 ? g->mapfac[c] : 1.0;
        double area = g->dx_m * g->dy_m / (m * m);
        double fi, ft;
        bio_flux(g->landuse[c], met->t2_k[c], met->swdown_wm2[c], &fi, &ft);
        if (e->q_isop >= 0) e->surf[(size_t)e->q_isop * g->n2 + c] += fi * area * e->bio_scale[c];
        if (e->q_terp >= 0) e->surf[(size_t)e->q_terp * g->n2 + c] += ft * area * e->bio_scale[g->n2 + c];
      }
  for (int n = 0; n < e->npt; n++) {
    local_point *L = &e->pt[n];
    double f = L->sector >= 0 ? e->hour[L->sector][hour] * e->wday[L->sector][wday] : 1.0;
    for (int q = 0; q < e->nq; q++) L->rate[q] = f * L->base[q];
    point_plume(e, met, L);
    double s = 0.0;
    for (int k = 0; k < g->nz; k++) s += L->frac[k];
    if (!(fabs(s - 1.0) < 1e-9))
      return tf_err_set(err, TF_EINTERNAL, "point source '%s': layer fractions sum to %g", L->p.id, s);
  }
  return TF_OK;
}

/* Moles of dry air in cell (c, k): mu deta/g (kg m-2) x true area / M_air. */
static double air_mol(const emis_ctx *e, const tf_met *met, size_t c, int k)
{
  const tf_grid *g = e->g;
  return grid_cell_air_mol(met->mu_pa[c], g->eta_w[k] - g->eta_w[k + 1], g->dx_m, g->dy_m, g->mapfac[c]);
}

/* arr[isp*n3 + idx3] += scale * 1e9 * rate / n_air for layers >= k_start (arr = tendency or
 * state, both in the state layout). */
static void add_ppb(const emis_ctx *e, const tf_met *met, double *arr, double scale, int k_start)
{
  const tf_grid *g = e->g;
  if (k_start <= 0)
    for (int q = 0; q < e->nq; q++) {
      double *a = arr + (size_t)e->q_isp[q] * g->n3;
      const double *r = e->surf + (size_t)q * g->n2;
      for (int j = 0; j < g->nyo; j++)
        for (int i = 0; i < g->nxo; i++) {
          size_t c = grid_idx2(g, i, j);
          if (r[c] != 0.0) a[c] += scale * 1e9 * r[c] / air_mol(e, met, c, 0);
        }
    }
  for (int n = 0; n < e->npt; n++) {
    const local_point *L = &e->pt[n];
    for (int k = k_start > 0 ? k_start : 0; k < g->nz; k++) {
      if (L->frac[k] == 0.0) continue;
      double inv_air = 1e9 / air_mol(e, met, L->c, k);
      size_t c3 = grid_idx3(g, L->i, L->j, k);
      for (int q = 0; q < e->nq; q++)
        arr[(size_t)e->q_isp[q] * g->n3 + c3] += scale * L->rate[q] * L->frac[k] * inv_air;
    }
  }
}

void emis_tendency_ppb_s(const emis_ctx *e, const tf_met *met, double *tend, int k_start)
{
  memset(tend, 0, (size_t)e->nspec * e->g->n3 * sizeof *tend);
  add_ppb(e, met, tend, 1.0, k_start);
}

void emis_apply(const emis_ctx *e, const tf_met *met, tf_state *s, double dt_s, int k_start)
{
  add_ppb(e, met, s->c, dt_s, k_start);
}

void emis_surface_flux(const emis_ctx *e, const tf_met *met, double *flux)
{
  const tf_grid *g = e->g;
  memset(flux, 0, (size_t)e->nspec * g->n2 * sizeof *flux);
  for (int q = 0; q < e->nq; q++) {
    double *f = flux + (size_t)e->q_isp[q] * g->n2;
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) {
        size_t c = grid_idx2(g, i, j);
        double r = e->surf[(size_t)q * g->n2 + c];
        if (r != 0.0) f[c] += 1e9 * r / air_mol(e, met, c, 0) * (met->zw_m[g->n2 + c] - met->zw_m[c]);
      }
  }
  for (int n = 0; n < e->npt; n++) {
    const local_point *L = &e->pt[n];
    if (L->frac[0] == 0.0) continue;
    double dz = met->zw_m[g->n2 + L->c] - met->zw_m[L->c];
    double inv_air = 1e9 / air_mol(e, met, L->c, 0);
    for (int q = 0; q < e->nq; q++)
      flux[(size_t)e->q_isp[q] * g->n2 + L->c] += L->rate[q] * L->frac[0] * inv_air * dz;
  }
}

double emis_layer_rate_mol_s(const emis_ctx *e, int isp, int k)
{
  if (isp < 0 || isp >= e->nspec || e->isp_q[isp] < 0 || k < 0 || k >= e->g->nz) return 0.0;
  const tf_grid *g = e->g;
  int q = e->isp_q[isp];
  double r = 0.0;
  if (k == 0)
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) r += e->surf[(size_t)q * g->n2 + grid_idx2(g, i, j)];
  for (int n = 0; n < e->npt; n++) r += e->pt[n].rate[q] * e->pt[n].frac[k];
  return r;
}

double emis_rate_mol_s(const emis_ctx *e, int isp)
{
  double r = 0.0;
  for (int k = 0; k < e->g->nz; k++) r += emis_layer_rate_mol_s(e, isp, k);
  return r;
}

void emis_account(emis_ctx *e, double dt_s, double *step_mol)
{
  for (int s = 0; s < e->nspec; s++)
    if (e->isp_q[s] >= 0) {
      double m = emis_rate_mol_s(e, s) * dt_s;
      e->total_mol[s] += m;
      if (step_mol) step_mol[s] += m;
    }
}

double emis_total_mol(const emis_ctx *e, int isp)
{
  return isp >= 0 && isp < e->nspec ? e->total_mol[isp] : 0.0;
}

double emis_unmapped_kgh(const emis_ctx *e, int pollutant)
{
  return pollutant >= 0 && pollutant < EMIS_NPOL ? e->unmapped_kgh[pollutant] : 0.0;
}


int emis_point_plume(const emis_ctx *e, int ip, double *rise_m, double *bot_m, double *top_m,
                     double *frac_nz)
{
  for (int n = 0; n < e->npt; n++) {
    const local_point *L = &e->pt[n];
    if (L->ip != ip) continue;
    if (rise_m) *rise_m = L->rise;
    if (bot_m) *bot_m = L->bot;
    if (top_m) *top_m = L->top;
    if (frac_nz) memcpy(frac_nz, L->frac, (size_t)e->g->nz * sizeof *frac_nz);
    return n;
  }
  return -1;
}

int emis_nsector(const emis_ctx *e) { return e->nsector; }
const char *emis_sector_name(const emis_ctx *e, int s)
{
  return s >= 0 && s < e->nsector ? e->sector[s] : "?";
}

long emis_point_cell(const emis_ctx *e, int ip)
{
  for (int n = 0; n < e->npt; n++)
    if (e->pt[n].ip == ip) return (long)e->pt[n].c;
  return -1;
}

/* Mole-weighted mean factor of the rules on pollutant p of sector s at a source (the share
 * of its mass that stays): sum_k mol_k f_k / sum_k mol_k over the species it speciates to;
 * the pollutant-level factor when it has no species here. */
static double pollutant_factor(const emis_ctx *e, const unsigned char *act, int s, int p, size_t c, int pt)
{
  const spec_list *L = &e->spec[s * EMIS_NPOL + p];
  double num = 0.0, den = 0.0;
  for (int k = 0; k < L->n; k++) {
    num += L->mol_kg[k] * scale_factor(e, act, s, 0, p, e->q_isp[L->q[k]], c, pt);
    den += L->mol_kg[k];
  }
  if (den > 0.0) return num / den;
  return scale_factor(e, act, s, 0, p, -1, c, pt);
}

static double amount(int what, double raw, double f)
{
  return what == EMIS_KGH_RAW ? raw : what == EMIS_KGH_SCALED ? raw * f : raw - raw * f;
}

int emis_pollutant_kgh(const emis_ctx *e, int what, double time_s, int profile, double *grid_kgh,
                       double *point_kgh)
{
  const tf_grid *g = e->g;
  unsigned char one = 1, *act = e->nrule > 0 ? malloc((size_t)e->nrule) : &one;
  if (!act) return TF_ENOMEM;
  for (int r = 0; r < e->nrule; r++)
    act[r] = (unsigned char)(isnan(time_s) || !e->rule[r].timed || emis_rule_active(&e->rule[r].win, time_s));
  int hour = 0, wday = 0;
  if (profile) {
    double local = time_s + TF_BEIJING_OFFSET_S;
    long day = (long)floor(local / 86400.0);
    hour = (int)floor((local - 86400.0 * (double)day) / 3600.0);
    if (hour > 23) hour = 23;
    wday = (int)(((day + 3) % 7 + 7) % 7);
  }
  if (grid_kgh) {
    memset(grid_kgh, 0, (size_t)EMIS_NPOL * (size_t)e->nsector * g->n2 * sizeof *grid_kgh);
    for (int s = 0; e->raw_kgh && s < e->nsector; s++) {
      double prof = profile ? e->hour[s][hour] * e->wday[s][wday] : 1.0;
      for (int p = 0; p < EMIS_NPOL; p++) {
        const double *raw = e->raw_kgh + ((size_t)p * e->nsector + s) * g->n2;
        double *o = grid_kgh + ((size_t)p * e->nsector + s) * g->n2;
        for (int j = 0; j < g->nyo; j++)
          for (int i = 0; i < g->nxo; i++) {
            size_t c = grid_idx2(g, i, j);
            if (raw[c] == 0.0) continue;
            double f = what == EMIS_KGH_RAW ? 1.0 : pollutant_factor(e, act, s, p, c, -1);
            o[c] = amount(what, raw[c] * prof, f);
          }
      }
    }
  }
  if (point_kgh) {
    memset(point_kgh, 0, (size_t)(e->npt_in > 0 ? e->npt_in : 1) * EMIS_NPOL * sizeof *point_kgh);
    for (int n = 0; n < e->npt; n++) {
      const local_point *P = &e->pt[n];
      double prof = profile && P->sector >= 0 ? e->hour[P->sector][hour] * e->wday[P->sector][wday] : 1.0;
      for (int p = 0; p < EMIS_NPOL; p++) {
        if (P->p.rate_kgh[p] == 0.0) continue;
        double f = what == EMIS_KGH_RAW ? 1.0 : pollutant_factor(e, act, P->sector, p, P->c, n);
        point_kgh[(size_t)P->ip * EMIS_NPOL + p] = amount(what, P->p.rate_kgh[p] * prof, f);
      }
    }
  }
  if (e->nrule > 0) free(act);
  return TF_OK;
}
