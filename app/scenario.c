/* scenario.c — scenario files to emission scaling rules, and the check table of what they
 * remove (see scenario.h for the region weights).
 *
 * Method. Each scenario's rules are built measure by measure, in order, on the baseline's
 * emission context:
 *   scale     one rule per pollutant x sector (sectors listed, or those of the industries
 *             listed; "*" when neither) with the region's cell and point weights, the factor
 *             and the time window: f = 1 + w (factor - 1);
 *   points    one rule per pollutant x (stack list | point industry of each industry listed)
 *             on point sources only, with the region's point weights;
 *   projects  the list is filtered (completion day <= as_of, industries, region), then each
 *             project's tonnes are allocated: to its stack; or to the sectors of its industry
 *             in the cell containing its lon/lat, in proportion to what each sector holds
 *             there; or over its city's cells in proportion to the emission of those sectors.
 *             "What is there" is the emission after the rules before this measure
 *             (emis_pollutant_kgh, SCALED, annual mean). Allocations are summed per
 *             pollutant x sector x cell and per stack; a total exceeding what is there is
 *             refused naming the project that made it exceed, the cell and both numbers.
 *             The measure then becomes per-cell factor fields F = 1 - removed / present (one
 *             rule per pollutant x sector) and per-point factors (one rule per pollutant).
 * The check table is computed, measure by measure, as the difference of emis_pollutant_kgh
 * (SCALED) before and after the measure — the very function the run's rates use — summed
 * over each reported region with its cell/point weights; t/yr = kg/h x 8.76 at the
 * inventory's annual-mean rate (time windows: the rate while the window is active).
 * Project measures split their difference among industries by the projects' allocations. */
#include "scenario.h"

#include <ctype.h>
#include <stdint.h>
#include <math.h>
#include <netcdf.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "datadir.h"
#include "io/config/config.h"
#include "io/gis/tfgis_region.h"
#include "io/csv/atomic_file.h"
#include "io/csv/projects.h"
#include "model/core/tf_const.h"
#include "model/core/tf_time.h"
#include "io/csv/tables.h"
#include "model/grid/proj.h"

#define KGH_TO_TYR 8.76
enum { PROV_OTHER = 0, PROV_SICHUAN = 1, PROV_CHONGQING = 2 };

typedef struct region_res {
  char name[SC_NAME_LEN];
  double *w;                    /* [n2] cell weights */
  double *pw;                   /* [npoints] point weights */
  char note[200];               /* how the weights were made, when approximate */
  int kind;                     /* SC_REGION_* (BOX: contains() is exact) */
  double box[4];
} region_res;

typedef struct scen_res {
  emis_scale_rule *rule;
  int nrule, cap;
  double *tab;                  /* [nreg][nind + 1][EMIS_NPOL][ns] t/yr removed */
} scen_res;

struct scen_ctx {
  const scenario_config *sc;
  run_ctx *r;
  const tf_grid *g;
  emis_ctx *e;
  int ns, npt;
  csv_industry *ind;
  int nind;
  csv_city *city;
  int ncity;
  int *city_prov;               /* [ncity] province of the seat, -1 unknown */
  double **city_w;              /* [ncity] cell weights of each city (lazily), for projects */
  int *prov;                    /* [n2] PROV_*, NULL when the inventory has no region variable */
  region_res *reg;
  int nreg;
  scen_res *scen;
  int nscen;
  double *base_tot;             /* [nreg][EMIS_NPOL] baseline t/yr (all sectors, gridded + points) */
  void **pool;
  int npool, cappool;
  char (*warn)[600];
  int nwarn;
};

/* ------------------------------------------------------------------ memory pool */

static void *keep(scen_ctx *s, void *p)
{
  if (!p) return NULL;
  if (s->npool == s->cappool) {
    int cap = s->cappool ? 2 * s->cappool : 64;
    void **q = realloc(s->pool, (size_t)cap * sizeof *q);
    if (!q) { free(p); return NULL; }
    s->pool = q;
    s->cappool = cap;
  }
  return s->pool[s->npool++] = p;
}

static double *dalloc(scen_ctx *s, size_t n, double v)
{
  double *a = keep(s, malloc((n ? n : 1) * sizeof *a));
  for (size_t k = 0; a && k < n; k++) a[k] = v;
  return a;
}

static int add_rule(scen_ctx *s, scen_res *S, const emis_scale_rule *R, tf_err *err)
{
  if (S->nrule == S->cap) {
    int cap = S->cap ? 2 * S->cap : 16;
    emis_scale_rule *q = realloc(S->rule, (size_t)cap * sizeof *q);
    if (!q) return tf_err_set(err, TF_ENOMEM, "out of memory");
    S->rule = q;
    S->cap = cap;
  }
  (void)s;
  S->rule[S->nrule++] = *R;
  return TF_OK;
}

/* ------------------------------------------------------------------ regions */

/* Cell (owned, grid_idx2) containing lon/lat, or -1 outside the owned range. */
static long cell_at(const tf_grid *g, double lat, double lon)
{
  double gi, gj;
  proj_ll_to_ij(&g->proj, lat, lon, &gi, &gj);
  int i = (int)floor(gi + 0.5) - g->i0, j = (int)floor(gj + 0.5) - g->j0;
  if (i < 0 || i >= g->nxo || j < 0 || j >= g->nyo) return -1;
  return (long)grid_idx2(g, i, j);
}

static const emis_point *point_of(const scen_ctx *s, int ip) { return &s->r->points[ip]; }

/* Polygon regions: THE one place that calls io/gis (GDAL) — area fraction per cell
 * (tfgis_region_fraction) and point-in-polygon for the stacks (tfgis_region_contains). */
static int region_polygon(scen_ctx *s, const char *path, const char *field, const char *value, double *w,
                          double *pw, tf_err *err)
{
  tfgis_region *rg = tfgis_region_open(path, field, value, err);
  if (!rg) return err->code;
  int rc = tfgis_region_fraction(rg, s->g, w, err);
  for (int ip = 0; !rc && ip < s->npt; ip++)
    pw[ip] = tfgis_region_contains(rg, point_of(s, ip)->lon, point_of(s, ip)->lat) ? 1.0 : 0.0;
  tfgis_region_destroy(&rg);
  return rc;
}

/* City index by name: exact (case-insensitive), else the first whose first word matches. */
static int find_city(const scen_ctx *s, const char *name)
{
  for (int c = 0; c < s->ncity; c++)
    if (!strcasecmp(s->city[c].name, name)) return c;
  for (int c = 0; c < s->ncity; c++) {
    size_t k = strcspn(s->city[c].name, " (");
    if (strlen(name) == k && !strncasecmp(s->city[c].name, name, k)) return c;
  }
  return -1;
}

static int city_is_total(const csv_city *c) { return strstr(c->name, "total") != NULL; }

/* Seat nearest to (lat, lon) among the cities of province prov (any when prov < 0). */
static int nearest_city(const scen_ctx *s, double lat, double lon, int prov)
{
  int best = -1;
  double bd = HUGE_VAL;
  for (int c = 0; c < s->ncity; c++) {
    if (city_is_total(&s->city[c])) continue;
    if (prov >= 0 && s->city_prov[c] >= 0 && s->city_prov[c] != prov) continue;
    double dy = lat - s->city[c].lat, dx = (lon - s->city[c].lon) * cos(lat * TF_PI / 180.0);
    double d = dx * dx + dy * dy;
    if (d < bd) { bd = d; best = c; }
  }
  return best;
}

static int region_city(scen_ctx *s, int c, double *w, double *pw)
{
  const tf_grid *g = s->g;
  int prov = s->city_prov[c];
  for (int j = 0; j < g->nyo; j++)
    for (int i = 0; i < g->nxo; i++) {
      size_t k = grid_idx2(g, i, j);
      int pk = s->prov ? s->prov[k] : -1;
      if (s->prov && prov >= 0 && pk != prov) continue;
      w[k] = nearest_city(s, g->lat[k], g->lon[k], pk >= 0 ? pk : -1) == c ? 1.0 : 0.0;
    }
  for (int ip = 0; ip < s->npt; ip++) {
    long k = emis_point_cell(s->e, ip);
    int pk = k >= 0 && s->prov ? s->prov[k] : -1;
    if (k < 0 || (s->prov && prov >= 0 && pk != prov)) continue;
    pw[ip] = nearest_city(s, point_of(s, ip)->lat, point_of(s, ip)->lon, pk) == c ? 1.0 : 0.0;
  }
  return TF_OK;
}

static int in_box(const double *b, double lat, double lon) { return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3]; }

/* Weights of region `name` (a [region] of the file or a builtin); cached. Returns its index
 * or -1 with err set. */
static int resolve_region(scen_ctx *s, const char *name, tf_err *err)
{
  for (int k = 0; k < s->nreg; k++)
    if (!strcmp(s->reg[k].name, name)) return k;
  region_res *q = realloc(s->reg, (size_t)(s->nreg + 1) * sizeof *q);
  if (!q) return tf_err_set(err, TF_ENOMEM, "out of memory"), -1;
  s->reg = q;
  region_res *R = &s->reg[s->nreg];
  memset(R, 0, sizeof *R);
  snprintf(R->name, sizeof R->name, "%s", name);
  const tf_grid *g = s->g;
  R->w = dalloc(s, g->n2, 0.0);
  R->pw = dalloc(s, (size_t)s->npt, 0.0);
  if (!R->w || !R->pw) return tf_err_set(err, TF_ENOMEM, "out of memory"), -1;
  int ir = scenario_config_region(s->sc, name);
  const sc_region *D = ir >= 0 ? &s->sc->region[ir] : NULL;
  const char *builtin = D ? (D->kind == SC_REGION_BUILTIN ? D->builtin : NULL) : name;
  int rc = TF_OK;
  R->kind = D ? (int)D->kind : SC_REGION_BUILTIN;
  if (builtin && !strcmp(builtin, "domain")) {
    R->kind = SC_REGION_DOMAIN;
    for (size_t k = 0; k < g->n2; k++) R->w[k] = 1.0;
    for (int ip = 0; ip < s->npt; ip++) R->pw[ip] = emis_point_cell(s->e, ip) >= 0 ? 1.0 : 0.0;
  } else if (builtin && (!strcasecmp(builtin, "sichuan") || !strcasecmp(builtin, "chongqing"))) {
    int want = !strcasecmp(builtin, "sichuan") ? PROV_SICHUAN : PROV_CHONGQING;
    /* interim: the builtin provinces are the cells whose centre the inventory's `region`
     * variable assigns to them; moving them to the polygon area fractions of
     * configs/sichuan (region_polygon) changes the check table and is the next step. A
     * [region] with `polygon = configs/sichuan/ne10m_admin1_sichuan_chongqing.geojson`
     * gives the area fractions today. */
    if (!s->prov)
      return tf_err_set(err, TF_EINVAL, "region '%s' needs a gridded inventory with a `region` variable (as `tianfu "
                        "synth` writes); define a [region] with polygon = the province outline instead", name), -1;
    for (size_t k = 0; k < g->n2; k++) R->w[k] = s->prov[k] == want ? 1.0 : 0.0;
    for (int ip = 0; ip < s->npt; ip++) {
      long k = emis_point_cell(s->e, ip);
      R->pw[ip] = k >= 0 && s->prov[k] == want ? 1.0 : 0.0;
    }
    snprintf(R->note, sizeof R->note, "cell centres (inventory `region` variable); a polygon [region] gives area fractions");
  } else if (builtin) {
    int c = find_city(s, builtin);
    if (c < 0) {
      const char *best = NULL;
      int bd = 3;
      for (int k = 0; k < s->ncity; k++) {
        int d = cfg_edit_distance(builtin, s->city[k].name);
        if (d < bd) { bd = d; best = s->city[k].name; }
      }
      return tf_err_set(err, TF_EINVAL, "region '%s' is neither a [region] of the file, domain, sichuan, chongqing, "
                        "nor a city of the cities table%s%s%s", builtin, best ? " (did you mean '" : "",
                        best ? best : "", best ? "'?)" : ""), -1;
    }
    region_city(s, c, R->w, R->pw);
    snprintf(R->note, sizeof R->note, "cells nearest to the seat of %s within its province (interim, until city polygons)",
             s->city[c].name);
  } else if (D->kind == SC_REGION_BOX) {
    memcpy(R->box, D->box, sizeof R->box);
    enum { NSUB = 10 };
    for (int j = 0; j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) {
        int in = 0;
        for (int b = 0; b < NSUB; b++)
          for (int a = 0; a < NSUB; a++) {
            double lat, lon;
            proj_ij_to_ll(&g->proj, g->i0 + i - 0.5 + (a + 0.5) / NSUB, g->j0 + j - 0.5 + (b + 0.5) / NSUB, &lat, &lon);
            in += in_box(D->box, lat, lon);
          }
        R->w[grid_idx2(g, i, j)] = in == NSUB * NSUB ? 1.0 : (double)in / (NSUB * NSUB);
      }
    for (int ip = 0; ip < s->npt; ip++)
      R->pw[ip] = emis_point_cell(s->e, ip) >= 0 && in_box(D->box, point_of(s, ip)->lat, point_of(s, ip)->lon);
  } else if (D->kind == SC_REGION_MASK) {
    int nc, v, nd, dims[NC_MAX_VAR_DIMS];
    size_t len[2];
    rc = nc_open(D->path, NC_NOWRITE, &nc);
    if (rc) { tf_err_set(err, TF_EIO, "%s: %s", D->path, nc_strerror(rc)); goto region_fail; }
    rc = nc_inq_varid(nc, D->variable, &v);
    if (!rc) rc = nc_inq_varndims(nc, v, &nd);
    if (!rc && nd != 2) rc = NC_EINVALCOORDS;
    if (!rc) rc = nc_inq_vardimid(nc, v, dims);
    if (!rc) rc = nc_inq_dimlen(nc, dims[0], &len[0]);
    if (!rc) rc = nc_inq_dimlen(nc, dims[1], &len[1]);
    if (rc || len[0] != (size_t)g->ny || len[1] != (size_t)g->nx) {
      tf_err_set(err, TF_EFORMAT, "%s: variable '%s': expected 2-D (south_north = %d, west_east = %d) weights, %s",
                 D->path, D->variable, g->ny, g->nx, rc ? nc_strerror(rc) : "found another shape");
      nc_close(nc);
      goto region_fail;
    }
    double *buf = malloc((size_t)g->nx * g->ny * sizeof *buf);
    rc = buf ? nc_get_var_double(nc, v, buf) : NC_ENOMEM;
    nc_close(nc);
    for (int j = 0; !rc && j < g->nyo; j++)
      for (int i = 0; !rc && i < g->nxo; i++) {
        double x = buf[(size_t)(g->j0 + j) * g->nx + (g->i0 + i)];
        if (!(x >= 0.0 && x <= 1.0)) {
          tf_err_set(err, TF_EFORMAT, "%s: variable '%s' cell (%d,%d): expected a weight in [0, 1], found %g", D->path,
                     D->variable, g->i0 + i, g->j0 + j, x);
          free(buf);
          goto region_fail;
        }
        R->w[grid_idx2(g, i, j)] = x;
      }
    free(buf);
    if (rc) { tf_err_set(err, TF_EIO, "%s: %s", D->path, nc_strerror(rc)); goto region_fail; }
    for (int ip = 0; ip < s->npt; ip++) {
      long k = emis_point_cell(s->e, ip);
      R->pw[ip] = k >= 0 ? R->w[k] : 0.0;
    }
  } else {
    if (region_polygon(s, D->path, D->field, D->value, R->w, R->pw, err)) goto region_fail;
  }
  return s->nreg++;
region_fail:
  if (D) scenario_config_key_err(s->sc, D->section, NULL, err);
  return -1;
}

/* Does a location lie in region k? Boxes exactly; otherwise the weight of its cell >= 1/2. */
static int region_contains(const scen_ctx *s, int k, double lat, double lon)
{
  const region_res *R = &s->reg[k];
  if (R->kind == SC_REGION_BOX) return in_box(R->box, lat, lon);
  long c = cell_at(s->g, lat, lon);
  return c >= 0 && R->w[c] >= 0.5;
}

/* ------------------------------------------------------------------ measures */

static int sector_index(const scen_ctx *s, const char *name)
{
  for (int k = 0; k < s->ns; k++)
    if (!strcmp(emis_sector_name(s->e, k), name)) return k;
  return -1;
}

static int measure_err(const scen_ctx *s, const sc_measure *M, const char *key, tf_err *err)
{
  return scenario_config_key_err(s->sc, M->section, key, err);
}

/* Industries listed by a measure -> indices; error naming the bad one. */
static int measure_industries(const scen_ctx *s, const sc_measure *M, int *idx, tf_err *err)
{
  for (int k = 0; k < M->nindustry; k++) {
    idx[k] = csv_industry_find(s->ind, s->nind, M->industry[k]);
    if (idx[k] < 0) {
      const char *best = NULL;
      int bd = 3;
      for (int i = 0; i < s->nind; i++) {
        int d = cfg_edit_distance(M->industry[k], s->ind[i].id);
        if (d < bd) { bd = d; best = s->ind[i].id; }
      }
      tf_err_set(err, TF_EINVAL, "industry '%s' is not in the industries table%s%s%s", M->industry[k],
                 best ? " (did you mean '" : "", best ? best : "", best ? "'?)" : "");
      return measure_err(s, M, "industries", err);
    }
  }
  return TF_OK;
}

static int check_pollutants(const scen_ctx *s, const sc_measure *M, tf_err *err)
{
  for (int k = 0; k < M->npol; k++)
    if (emis_pollutant_index(M->pol[k]) < 0 && state_find(s->r->st, M->pol[k]) < 0) {
      tf_err_set(err, TF_EINVAL, "'%s' is neither an inventory pollutant (NOX NMVOC CO SO2 NH3) nor a species of the "
                 "mechanism", M->pol[k]);
      return measure_err(s, M, "pollutants", err);
    }
  return TF_OK;
}

static int build_scale(scen_ctx *s, scen_res *S, const sc_measure *M, int ireg, tf_err *err)
{
  int rc, idx[SC_MAX_LIST];
  if ((rc = check_pollutants(s, M, err)) || (rc = measure_industries(s, M, idx, err))) return rc;
  const char *sect[SC_MAX_LIST * PRJ_MAX_SECTORS];
  int nsect = 0;
  for (int k = 0; k < M->nsector; k++) {
    if (strcmp(M->sector[k], "biogenic") && sector_index(s, M->sector[k]) < 0) {
      char list[512] = "";
      for (int q = 0; q < s->ns; q++) snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", q ? " " : "", emis_sector_name(s->e, q));
      tf_err_set(err, TF_EINVAL, "sector '%s' is not a sector of the baseline's emissions (%s, or biogenic)", M->sector[k], list);
      return measure_err(s, M, "sectors", err);
    }
    sect[nsect++] = M->sector[k];
  }
  for (int k = 0; k < M->nindustry; k++)
    for (int q = 0; q < s->ind[idx[k]].nsector; q++) {
      const char *nm = s->ind[idx[k]].sector[q];
      int dup = 0;
      for (int t = 0; t < nsect; t++) dup |= !strcmp(sect[t], nm);
      if (!dup && sector_index(s, nm) >= 0) sect[nsect++] = nm;
    }
  int any_sector = nsect == 0;
  if (M->nindustry && !nsect) return TF_OK;  /* industries whose sectors are absent: matches nothing */
  int np = M->npol ? M->npol : 1;
  for (int a = 0; a < (any_sector ? 1 : nsect); a++)
    for (int p = 0; p < np; p++) {
      const region_res *R = &s->reg[ireg];
      emis_scale_rule r = {.sector = any_sector ? NULL : sect[a], .species = M->npol ? M->pol[p] : NULL,
                           .sources = M->type == SC_MEASURE_POINTS ? EMIS_SRC_POINTS : EMIS_SRC_ALL,
                           .cell_weight = R->kind == SC_REGION_DOMAIN ? NULL : R->w,
                           .point_weight = R->kind == SC_REGION_DOMAIN ? NULL : R->pw, .factor = M->factor,
                           .t_from_s = M->t_from_s, .t_to_s = M->t_to_s, .hours_bj = M->hours_bj};
      if ((rc = add_rule(s, S, &r, err))) return rc;
    }
  return TF_OK;
}

static int build_points(scen_ctx *s, scen_res *S, const sc_measure *M, int ireg, tf_err *err)
{
  int rc, idx[SC_MAX_LIST];
  if ((rc = check_pollutants(s, M, err)) || (rc = measure_industries(s, M, idx, err))) return rc;
  for (int k = 0; k < M->nstack; k++) {
    int found = 0;
    for (int ip = 0; ip < s->npt && !found; ip++) found = !strcmp(point_of(s, ip)->id, M->stack[k]);
    if (!found) {
      tf_err_set(err, TF_EINVAL, "stack '%s' is not a point source of the baseline (%s)", M->stack[k],
                 s->r->cfg->emis.points ? s->r->cfg->emis.points : "no points file");
      return measure_err(s, M, "stacks", err);
    }
  }
  const char **ids = NULL;
  if (M->nstack) {
    ids = keep(s, calloc((size_t)M->nstack, sizeof *ids));
    if (!ids) return tf_err_set(err, TF_ENOMEM, "out of memory");
    for (int k = 0; k < M->nstack; k++) ids[k] = M->stack[k];
  }
  const char *pind[SC_MAX_LIST * PRJ_MAX_SECTORS];
  int npind = 0;
  for (int k = 0; k < M->nindustry; k++)
    for (int q = 0; q < s->ind[idx[k]].npoint_ind; q++) pind[npind++] = s->ind[idx[k]].point_ind[q];
  if (M->nindustry && !npind) return TF_OK;     /* industries without stacks: matches nothing */
  int np = M->npol ? M->npol : 1;
  const region_res *R = &s->reg[ireg];
  for (int a = 0; a < (npind ? npind : 1); a++)
    for (int p = 0; p < np; p++) {
      emis_scale_rule r = {.species = M->npol ? M->pol[p] : NULL, .sources = EMIS_SRC_POINTS,
                           .npoint_ids = M->nstack, .point_ids = ids, .point_industry = npind ? pind[a] : NULL,
                           .point_weight = R->kind == SC_REGION_DOMAIN ? NULL : R->pw, .factor = M->factor,
                           .t_from_s = M->t_from_s, .t_to_s = M->t_to_s, .hours_bj = M->hours_bj};
      if ((rc = add_rule(s, S, &r, err))) return rc;
    }
  return TF_OK;
}

/* Over-reduction: the project that made (pollutant, sector, cell) or a stack exceed. */
static int over(const scen_ctx *s, const sc_measure *M, const csv_project *P, const char *what, int p,
                double want_kgh, double have_kgh, tf_err *err)
{
  tf_err_set(err, TF_EINVAL, "%s:%d: project '%s' (%s): %s %s: the projects remove %.6g t/yr but only %.6g t/yr "
             "is there (after the measures before this one)", M->projects, P->line, P->id, P->name, what,
             emis_pollutant_name(p), want_kgh * KGH_TO_TYR, have_kgh * KGH_TO_TYR);
  return measure_err(s, M, "projects", err);
}

static int build_projects(scen_ctx *s, scen_res *S, const sc_measure *M, int ireg, double **alloc_ind,
                          double **alloc_ind_pt, int *nsel, tf_err *err)
{
  const tf_grid *g = s->g;
  int rc, idx[SC_MAX_LIST];
  if ((rc = measure_industries(s, M, idx, err))) return rc;
  csv_project *P = NULL;
  int n = 0;
  if (!tf_file_exists(M->projects)) {
    tf_err_set(err, TF_EIO, "file not found: %s", M->projects);
    return measure_err(s, M, "projects", err);
  }
  if ((rc = csv_read_projects(M->projects, s->ind, s->nind, &P, &n, err))) return rc;
  /* what is there: the emission after the measures before this one */
  size_t nf = (size_t)EMIS_NPOL * s->ns * g->n2, npf = (size_t)(s->npt ? s->npt : 1) * EMIS_NPOL;
  double *have = calloc(nf, sizeof *have), *havept = calloc(npf, sizeof *havept);
  double *rem = calloc(nf, sizeof *rem), *rempt = calloc(npf, sizeof *rempt);
  double *ai = calloc((size_t)s->nind * nf, sizeof *ai), *aip = calloc((size_t)s->nind * npf, sizeof *aip);
  if (!have || !havept || !rem || !rempt || !ai || !aip) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
  if ((rc = emis_set_scaling(s->e, S->nrule, S->rule, err))) goto done;
  emis_pollutant_kgh(s->e, EMIS_KGH_SCALED, NAN, 0, have, havept);
  *nsel = 0;
  for (int k = 0; k < n; k++) {
    const csv_project *Q = &P[k];
    if (!isnan(M->as_of_s) && !(Q->completion_s < M->as_of_s)) continue;
    int ok = M->nindustry == 0;
    for (int t = 0; t < M->nindustry; t++) ok |= idx[t] == Q->industry;
    if (!ok) continue;
    const csv_industry *I = &s->ind[Q->industry];
    int ip = -1, city = -1;
    long cell = -1;
    double lat = Q->lat, lon = Q->lon;
    if (Q->loc == PRJ_LOC_STACK) {
      for (int q = 0; q < s->npt && ip < 0; q++)
        if (!strcmp(point_of(s, q)->id, Q->where)) ip = q;
      if (ip < 0) {
        rc = tf_err_set(err, TF_EINVAL, "%s:%d: project '%s': stack '%s' is not a point source of the baseline",
                        M->projects, Q->line, Q->id, Q->where);
        goto done;
      }
      int okind = 0;
      for (int t = 0; t < I->npoint_ind; t++) okind |= !strcmp(I->point_ind[t], point_of(s, ip)->industry);
      if (!okind) {
        rc = tf_err_set(err, TF_EINVAL, "%s:%d: project '%s': stack '%s' is of industry '%s', which class '%s' does "
                        "not list (point_industries of the industries table)", M->projects, Q->line, Q->id, Q->where,
                        point_of(s, ip)->industry, I->id);
        goto done;
      }
      lat = point_of(s, ip)->lat;
      lon = point_of(s, ip)->lon;
      if (s->reg[ireg].kind != SC_REGION_DOMAIN && !(s->reg[ireg].pw[ip] >= 0.5)) continue;
    } else if (Q->loc == PRJ_LOC_CITY) {
      city = find_city(s, Q->where);
      if (city < 0) {
        rc = tf_err_set(err, TF_EINVAL, "%s:%d: project '%s': city '%s' is not in the cities table", M->projects,
                        Q->line, Q->id, Q->where);
        goto done;
      }
      lat = s->city[city].lat;
      lon = s->city[city].lon;
      if (s->reg[ireg].kind != SC_REGION_DOMAIN && !region_contains(s, ireg, lat, lon)) continue;
    } else {
      cell = cell_at(g, lat, lon);
      if (cell < 0) {
        rc = tf_err_set(err, TF_EINVAL, "%s:%d: project '%s': %g E %g N lies outside the domain", M->projects,
                        Q->line, Q->id, lon, lat);
        goto done;
      }
      if (s->reg[ireg].kind != SC_REGION_DOMAIN && !region_contains(s, ireg, lat, lon)) continue;
    }
    (*nsel)++;
    int sec[PRJ_MAX_SECTORS], nsec = 0;
    for (int t = 0; t < I->nsector; t++) {
      int q = sector_index(s, I->sector[t]);
      if (q >= 0) sec[nsec++] = q;
    }
    double *city_w = NULL;
    if (city >= 0) {
      if (!s->city_w[city]) {
        double *w = dalloc(s, g->n2, 0.0), *pw = dalloc(s, (size_t)s->npt, 0.0);
        if (!w || !pw) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
        region_city(s, city, w, pw);
        s->city_w[city] = w;
      }
      city_w = s->city_w[city];
    }
    for (int p = 0; p < EMIS_NPOL; p++) {
      double R = Q->t_yr[p] / KGH_TO_TYR;    /* kg/h */
      if (R <= 0.0) continue;
      if (ip >= 0) {
        size_t a = (size_t)ip * EMIS_NPOL + p;
        rempt[a] += R;
        aip[(size_t)Q->industry * npf + a] += R;
        if (rempt[a] > havept[a] * (1.0 + 1e-12)) {
          char what[160];
          snprintf(what, sizeof what, "stack %s", Q->where);
          rc = over(s, M, Q, what, p, rempt[a], havept[a], err);
          goto done;
        }
        continue;
      }
      /* the pool: matching sectors of the cell, or of the city's cells */
      double pool = 0.0;
      for (int t = 0; t < nsec; t++) {
        const double *h = have + ((size_t)p * s->ns + sec[t]) * g->n2;
        if (cell >= 0) pool += h[cell];
        else
          for (int j = 0; j < g->nyo; j++)
            for (int i = 0; i < g->nxo; i++) { size_t c = grid_idx2(g, i, j); if (city_w[c] > 0.0) pool += h[c]; }
      }
      if (!(pool > 0.0)) {
        char what[200];
        if (cell >= 0) snprintf(what, sizeof what, "cell (%ld,%ld) sectors of %s", cell % g->sx - g->halo + g->i0,
                                cell / g->sx - g->halo + g->j0, I->id);
        else snprintf(what, sizeof what, "city %s, sectors of %s", s->city[city].name, I->id);
        rc = over(s, M, Q, what, p, R, 0.0, err);
        goto done;
      }
      for (int t = 0; t < nsec; t++) {
        size_t off = ((size_t)p * s->ns + sec[t]) * g->n2;
        for (int j = 0; j < g->nyo; j++)
          for (int i = 0; i < g->nxo; i++) {
            size_t c = grid_idx2(g, i, j);
            if (cell >= 0 ? (long)c != cell : !(city_w[c] > 0.0)) continue;
            double x = R * have[off + c] / pool;
            if (x == 0.0) continue;
            rem[off + c] += x;
            ai[(size_t)Q->industry * nf + off + c] += x;
            if (rem[off + c] > have[off + c] * (1.0 + 1e-12)) {
              char what[200];
              snprintf(what, sizeof what, "cell (%d,%d) sector %s", g->i0 + i, g->j0 + j, emis_sector_name(s->e, sec[t]));
              rc = over(s, M, Q, what, p, rem[off + c], have[off + c], err);
              goto done;
            }
          }
      }
    }
  }
  /* factor fields: F = 1 - removed / present */
  for (int p = 0; p < EMIS_NPOL; p++) {
    for (int q = 0; q < s->ns; q++) {
      size_t off = ((size_t)p * s->ns + q) * g->n2;
      int any = 0;
      for (size_t c = 0; c < g->n2 && !any; c++) any = rem[off + c] > 0.0;
      if (!any) continue;
      double *cf = dalloc(s, g->n2, 1.0);
      if (!cf) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
      for (size_t c = 0; c < g->n2; c++)
        if (rem[off + c] > 0.0) cf[c] = fmax(0.0, 1.0 - rem[off + c] / have[off + c]);
      emis_scale_rule r = {.sector = emis_sector_name(s->e, q), .species = emis_pollutant_name(p),
                           .sources = EMIS_SRC_GRIDDED, .cell_factor = cf, .factor = 1.0};
      if ((rc = add_rule(s, S, &r, err))) goto done;
    }
    int any = 0;
    for (int ip = 0; ip < s->npt && !any; ip++) any = rempt[(size_t)ip * EMIS_NPOL + p] > 0.0;
    if (!any) continue;
    double *pf = dalloc(s, (size_t)s->npt, 1.0);
    if (!pf) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
    for (int ip = 0; ip < s->npt; ip++) {
      size_t a = (size_t)ip * EMIS_NPOL + p;
      if (rempt[a] > 0.0) pf[ip] = fmax(0.0, 1.0 - rempt[a] / havept[a]);
    }
    emis_scale_rule r = {.species = emis_pollutant_name(p), .sources = EMIS_SRC_POINTS, .point_factor = pf, .factor = 1.0};
    if ((rc = add_rule(s, S, &r, err))) goto done;
  }
  /* industry shares of the allocation, for the table: ai / rem */
  for (size_t k = 0; k < (size_t)s->nind * nf; k++) if (ai[k] > 0.0) ai[k] /= rem[k % nf];
  for (size_t k = 0; k < (size_t)s->nind * npf; k++) if (aip[k] > 0.0) aip[k] /= rempt[k % npf];
  *alloc_ind = ai;
  *alloc_ind_pt = aip;
  ai = aip = NULL;
done:
  free(P); free(have); free(havept); free(rem); free(rempt); free(ai); free(aip);
  return rc;
}

/* ------------------------------------------------------------------ the table */

static double *tab_at(const scen_ctx *s, const scen_res *S, int reg, int ind, int p, int q)
{
  return &S->tab[(((size_t)reg * (s->nind + 1) + ind) * EMIS_NPOL + p) * s->ns + q];
}

/* Add D = before - after (kg/h) of one measure to the table, split by industry shares. */
static void tabulate(scen_ctx *s, scen_res *S, const double *before, const double *after, const double *bpt,
                     const double *apt, const double *share, const double *share_pt, double *moved)
{
  const tf_grid *g = s->g;
  size_t nf = (size_t)EMIS_NPOL * s->ns * g->n2, npf = (size_t)(s->npt ? s->npt : 1) * EMIS_NPOL;
  *moved = 0.0;
  for (int p = 0; p < EMIS_NPOL; p++)
    for (int q = 0; q < s->ns; q++) {
      size_t off = ((size_t)p * s->ns + q) * g->n2;
      for (int j = 0; j < g->nyo; j++)
        for (int i = 0; i < g->nxo; i++) {
          size_t c = grid_idx2(g, i, j);
          double d = before[off + c] - after[off + c];
          if (d == 0.0) continue;
          *moved += fabs(d);
          for (int r = 0; r < s->nreg; r++) {
            double w = s->reg[r].w[c];
            if (w == 0.0) continue;
            if (!share) { *tab_at(s, S, r, s->nind, p, q) += d * w * KGH_TO_TYR; continue; }
            double rest = 1.0;
            for (int k = 0; k < s->nind; k++) {
              double f = share[(size_t)k * nf + off + c];
              if (f == 0.0) continue;
              *tab_at(s, S, r, k, p, q) += d * f * w * KGH_TO_TYR;
              rest -= f;
            }
            if (fabs(rest) > 1e-12) *tab_at(s, S, r, s->nind, p, q) += d * rest * w * KGH_TO_TYR;
          }
        }
    }
  for (int ip = 0; ip < s->npt; ip++) {
    int q = sector_index(s, point_of(s, ip)->sector);
    for (int p = 0; p < EMIS_NPOL; p++) {
      size_t a = (size_t)ip * EMIS_NPOL + p;
      double d = bpt[a] - apt[a];
      if (d == 0.0 || q < 0) continue;
      *moved += fabs(d);
      for (int r = 0; r < s->nreg; r++) {
        double w = s->reg[r].pw[ip];
        if (w == 0.0) continue;
        if (!share_pt) { *tab_at(s, S, r, s->nind, p, q) += d * w * KGH_TO_TYR; continue; }
        double rest = 1.0;
        for (int k = 0; k < s->nind; k++) {
          double f = share_pt[(size_t)k * npf + a];
          if (f == 0.0) continue;
          *tab_at(s, S, r, k, p, q) += d * f * w * KGH_TO_TYR;
          rest -= f;
        }
        if (fabs(rest) > 1e-12) *tab_at(s, S, r, s->nind, p, q) += d * rest * w * KGH_TO_TYR;
      }
    }
  }
}

static void warn(scen_ctx *s, const char *fmt, const char *a, const char *b)
{
  void *q = realloc(s->warn, (size_t)(s->nwarn + 1) * sizeof *s->warn);
  if (!q) return;
  s->warn = q;
  snprintf(s->warn[s->nwarn++], sizeof s->warn[0], fmt, a, b);
}

/* ------------------------------------------------------------------ set-up */

static int read_provinces(scen_ctx *s)
{
  const char *path = s->r->cfg->emis.gridded;
  const tf_grid *g = s->g;
  int nc, v;
  if (!path || nc_open(path, NC_NOWRITE, &nc)) return TF_OK;
  int *buf = malloc((size_t)g->nx * g->ny * sizeof *buf);
  if (buf && !nc_inq_varid(nc, "region", &v) && !nc_get_var_int(nc, v, buf)) {
    s->prov = keep(s, malloc(g->n2 * sizeof *s->prov));
    for (size_t c = 0; s->prov && c < g->n2; c++) s->prov[c] = -1;
    for (int j = 0; s->prov && j < g->nyo; j++)
      for (int i = 0; i < g->nxo; i++) s->prov[grid_idx2(g, i, j)] = buf[(size_t)(g->j0 + j) * g->nx + g->i0 + i];
  }
  free(buf);
  nc_close(nc);
  return TF_OK;
}

/* The tables every use needs: industries, cities, provinces of the cells. ind_path/city_path
 * are resolved paths; on failure err is set (the caller adds where the paths came from). */
static int ctx_init(scen_ctx *s, run_ctx *base, const char *ind_path, const char *city_path, int *which, tf_err *err)
{
  s->r = base;
  s->g = base->g;
  s->e = base->emis;
  s->npt = base->npoints;
  if (!s->e) return tf_err_set(err, TF_EINVAL, "%s: the baseline has no emissions", base->cfgname);
  s->ns = emis_nsector(s->e);
  const tf_grid *g = s->g;
  *which = 0;
  if (!tf_file_exists(ind_path)) return tf_err_set(err, TF_EIO, "file not found: %s", ind_path);
  if (csv_read_industries(ind_path, &s->ind, &s->nind, err)) return err->code;
  *which = 1;
  if (!tf_file_exists(city_path)) return tf_err_set(err, TF_EIO, "file not found: %s", city_path);
  if (csv_read_cities(city_path, &s->city, &s->ncity, err)) return err->code;
  *which = 2;
  read_provinces(s);
  s->city_prov = keep(s, calloc((size_t)(s->ncity ? s->ncity : 1), sizeof *s->city_prov));
  s->city_w = keep(s, calloc((size_t)(s->ncity ? s->ncity : 1), sizeof *s->city_w));
  if (!s->city_prov || !s->city_w) return tf_err_set(err, TF_ENOMEM, "out of memory");
  for (int c = 0; c < s->ncity; c++) {
    long k = cell_at(g, s->city[c].lat, s->city[c].lon);
    s->city_prov[c] = k >= 0 && s->prov ? s->prov[k] : -1;
  }
  return TF_OK;
}

scen_ctx *scen_create(const scenario_config *sc, run_ctx *base, tf_err *err)
{
  scen_ctx *s = tf_calloc(1, sizeof *s, err);
  if (!s) return NULL;
  s->sc = sc;
  char ipath[1024], cpath[1024];
  const cfg_file *cfg = sc->cfg;
  tf_resolve_builtin(ipath, sizeof ipath, cfg_is_builtin(cfg, "scenarios", "industries"), sc->industries,
                     "scenarios/industries.csv");
  tf_resolve_builtin(cpath, sizeof cpath, cfg_is_builtin(cfg, "scenarios", "cities"), sc->cities, "sichuan/cities.csv");
  int which;
  if (ctx_init(s, base, ipath, cpath, &which, err)) {
    if (which < 2) scenario_config_key_err(sc, "scenarios", which == 0 ? "industries" : "cities", err);
    goto fail;
  }
  const tf_grid *g = s->g;
  /* reported regions: domain, the provinces when known, every region the file defines or names */
  if (resolve_region(s, "domain", err) < 0) goto fail;
  if (s->prov && (resolve_region(s, "sichuan", err) < 0 || resolve_region(s, "chongqing", err) < 0)) goto fail;
  for (int k = 0; k < sc->nregion; k++)
    if (resolve_region(s, sc->region[k].name, err) < 0) goto fail;
  for (int m = 0; m < sc->nmeasure; m++)
    if (resolve_region(s, sc->measure[m].region, err) < 0) {
      if (scenario_config_region(sc, sc->measure[m].region) < 0) measure_err(s, &sc->measure[m], "region", err);
      goto fail;
    }
  /* the baseline's own [emissions] scale rules come first in every scenario */
  s->nscen = sc->nscen;
  s->scen = tf_calloc((size_t)s->nscen, sizeof *s->scen, err);
  if (!s->scen) goto fail;
  size_t nf = (size_t)EMIS_NPOL * s->ns * g->n2, npf = (size_t)(s->npt ? s->npt : 1) * EMIS_NPOL;
  double *before = calloc(nf, sizeof *before), *after = calloc(nf, sizeof *after);
  double *bpt = calloc(npf, sizeof *bpt), *apt = calloc(npf, sizeof *apt);
  if (!before || !after || !bpt || !apt) { free(before); free(after); free(bpt); free(apt); tf_err_set(err, TF_ENOMEM, "out of memory"); goto fail; }
  int rc = TF_OK;
  for (int k = 0; !rc && k < s->nscen; k++) {
    scen_res *S = &s->scen[k];
    const sc_scenario *D = &sc->scen[k];
    for (int i = 0; !rc && i < base->cfg->emis.nscale; i++) {
      const rc_scale *b = &base->cfg->emis.scale[i];
      emis_scale_rule r = {.sector = b->sector, .species = b->species, .factor = b->factor};
      rc = add_rule(s, S, &r, err);
    }
    S->tab = dalloc(s, (size_t)s->nreg * (s->nind + 1) * EMIS_NPOL * s->ns, 0.0);
    if (!S->tab) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); break; }
    if (!rc) rc = emis_set_scaling(s->e, S->nrule, S->rule, err);
    if (!rc) emis_pollutant_kgh(s->e, EMIS_KGH_SCALED, NAN, 0, before, bpt);
    if (!rc && k == 0) {
      /* baseline totals per region (all sectors), t/yr */
      s->base_tot = dalloc(s, (size_t)s->nreg * EMIS_NPOL, 0.0);
      for (int r = 0; s->base_tot && r < s->nreg; r++)
        for (int p = 0; p < EMIS_NPOL; p++) {
          double t = 0.0;
          for (int q = 0; q < s->ns; q++)
            for (int j = 0; j < g->nyo; j++)
              for (int i = 0; i < g->nxo; i++) {
                size_t c = grid_idx2(g, i, j);
                t += before[((size_t)p * s->ns + q) * g->n2 + c] * s->reg[r].w[c];
              }
          for (int ip = 0; ip < s->npt; ip++) t += bpt[(size_t)ip * EMIS_NPOL + p] * s->reg[r].pw[ip];
          s->base_tot[(size_t)r * EMIS_NPOL + p] = t * KGH_TO_TYR;
        }
    }
    for (int m = 0; !rc && m < D->nmeasure; m++) {
      const sc_measure *M = &sc->measure[D->measure[m]];
      int ireg = resolve_region(s, M->region, err);
      if (ireg < 0) { rc = err->code; break; }
      double *share = NULL, *share_pt = NULL;
      int nsel = -1;
      if (M->type == SC_MEASURE_SCALE) rc = build_scale(s, S, M, ireg, err);
      else if (M->type == SC_MEASURE_POINTS) rc = build_points(s, S, M, ireg, err);
      else rc = build_projects(s, S, M, ireg, &share, &share_pt, &nsel, err);
      if (!rc) rc = emis_set_scaling(s->e, S->nrule, S->rule, err);
      if (!rc) {
        emis_pollutant_kgh(s->e, EMIS_KGH_SCALED, NAN, 0, after, apt);
        double moved;
        tabulate(s, S, before, after, bpt, apt, share, share_pt, &moved);
        if (moved == 0.0) {
          char what[300];
          snprintf(what, sizeof what, "[%s] in scenario '%s'", M->section, D->name);
          if (nsel == 0) warn(s, "warning: %s matched nothing: no project of the list passes its filters (as_of, "
                              "industries, region)%s", what, "");
          else warn(s, "warning: %s matched nothing: no emission changed%s", what, "");
        }
        memcpy(before, after, nf * sizeof *before);
        memcpy(bpt, apt, npf * sizeof *bpt);
      }
      free(share);
      free(share_pt);
    }
  }
  free(before); free(after); free(bpt); free(apt);
  /* leave the context with the baseline's rules, as run_setup made it */
  if (!rc) {
    emis_scale_rule *b = calloc((size_t)base->cfg->emis.nscale + 1, sizeof *b);
    for (int i = 0; b && i < base->cfg->emis.nscale; i++)
      b[i] = (emis_scale_rule){.sector = base->cfg->emis.scale[i].sector, .species = base->cfg->emis.scale[i].species,
                               .factor = base->cfg->emis.scale[i].factor};
    rc = b ? emis_set_scaling(s->e, base->cfg->emis.nscale, b, err) : tf_err_set(err, TF_ENOMEM, "out of memory");
    free(b);
  }
  if (rc) goto fail;
  return s;
fail:
  scen_destroy(&s);
  return NULL;
}

void scen_destroy(scen_ctx **ps)
{
  if (!ps || !*ps) return;
  scen_ctx *s = *ps;
  for (int k = 0; s->scen && k < s->nscen; k++) free(s->scen[k].rule);
  free(s->scen);
  for (int k = 0; k < s->npool; k++) free(s->pool[k]);
  free(s->pool);
  free(s->reg);
  free(s->ind);
  free(s->city);
  free(s->warn);
  free(s);
  *ps = NULL;
}

int scen_count(const scen_ctx *s) { return s->nscen; }

int scen_rules(const scen_ctx *s, int k, const emis_scale_rule **rules, int *nrules)
{
  if (k < 0 || k >= s->nscen) return TF_EINVAL;
  *rules = s->scen[k].rule;
  *nrules = s->scen[k].nrule;
  return TF_OK;
}

double scen_removed_t_yr(const scen_ctx *s, int k, const char *region, int p)
{
  for (int r = 0; r < s->nreg; r++) {
    if (strcmp(s->reg[r].name, region)) continue;
    double t = 0.0;
    for (int i = 0; i <= s->nind; i++)
      for (int q = 0; q < s->ns; q++) t += *tab_at(s, &s->scen[k], r, i, p, q);
    return t;
  }
  return NAN;
}

int scen_print_check(scen_ctx *s, FILE *f, int *nwarn, tf_err *err)
{
  (void)err;
  const scenario_config *sc = s->sc;
  fprintf(f, "scenario file %s: baseline %s, %d scenario(s), %d measure(s), %d region(s) defined\n", sc->path,
          sc->baseline, sc->nscen, sc->nmeasure, sc->nregion);
  if (sc->description[0]) fprintf(f, "%s\n", sc->description);
  fprintf(f, "tonnes removed per year at the inventory's annual-mean rate (measures with a time window: the rate "
          "while active); %% = of the region's baseline total of that pollutant (all sectors)\n");
  for (int r = 0; r < s->nreg; r++)
    if (s->reg[r].note[0]) fprintf(f, "  region %s: %s\n", s->reg[r].name, s->reg[r].note);
  for (int k = 0; k < s->nscen; k++) {
    const sc_scenario *D = &sc->scen[k];
    fprintf(f, "\n[scenario %s]%s%s: %d measure(s)", D->name, D->description[0] ? " " : "", D->description, D->nmeasure);
    for (int m = 0; m < D->nmeasure; m++) fprintf(f, "%s%s", m ? ", " : " ", sc->measure[D->measure[m]].name);
    fprintf(f, "\n  %-22s %-6s %-12s %-22s %14s %9s\n", "region", "pol", "sector", "industry", "removed_t_yr", "%_region");
    int rows = 0;
    for (int r = 0; r < s->nreg; r++)
      for (int p = 0; p < EMIS_NPOL; p++) {
        double tot = 0.0, base = s->base_tot[(size_t)r * EMIS_NPOL + p];
        for (int q = 0; q < s->ns; q++)
          for (int i = 0; i <= s->nind; i++) {
            double t = *tab_at(s, &s->scen[k], r, i, p, q);
            if (t == 0.0) continue;
            tot += t;
            fprintf(f, "  %-22s %-6s %-12s %-22s %14.3f %9.4f\n", s->reg[r].name, emis_pollutant_name(p),
                    emis_sector_name(s->e, q), i < s->nind ? s->ind[i].id : "-", t, base > 0 ? 100.0 * t / base : 0.0);
            rows++;
          }
        if (tot != 0.0)
          fprintf(f, "  %-22s %-6s %-12s %-22s %14.3f %9.4f\n", s->reg[r].name, emis_pollutant_name(p), "(all)", "(all)",
                  tot, base > 0 ? 100.0 * tot / base : 0.0);
      }
    if (!rows) fprintf(f, "  (nothing removed: the baseline itself)\n");
  }
  if (s->nwarn) fputc('\n', f);
  for (int w = 0; w < s->nwarn; w++) fprintf(f, "%s\n", s->warn[w]);
  *nwarn = s->nwarn;
  return ferror(f) ? TF_EIO : TF_OK;
}

/* ------------------------------------------------------------------ illustrative projects */

/* splitmix64 (Steele et al. 2014): a small, seedable, portable generator. */
static double rng_u(uint64_t *x)
{
  uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

/* Per industry class: projects in a list of 1,557, the fraction of its sectors' emission
 * (NOX NMVOC CO SO2 NH3) its city/lon-lat projects remove in all, the fraction a stack
 * project removes from its stack, and a unit cost (10^4 CNY per t/yr of the pollutants cut).
 * Illustrative magnitudes: the fractions keep every cell well below what is there (the
 * industries sharing a sector remove at most ~20 % of it together). */
static const struct {
  const char *id;
  int count;
  double frac[EMIS_NPOL], stack[EMIS_NPOL], cost;
} prj_plan[] = {
  {"power", 60, {0.04, 0, 0.01, 0.05, 0}, {0.25, 0, 0.05, 0.30, 0}, 0.9},
  {"iron_steel", 45, {0.02, 0.01, 0.03, 0.03, 0}, {0.20, 0.05, 0.15, 0.25, 0}, 1.2},
  {"cement_building", 120, {0.03, 0, 0.01, 0.02, 0}, {0.25, 0, 0.05, 0.20, 0}, 1.0},
  {"nonferrous", 40, {0.01, 0, 0, 0.02, 0}, {0, 0, 0, 0, 0}, 1.5},
  {"petrochemical", 60, {0.005, 0.03, 0, 0.005, 0}, {0, 0, 0, 0, 0}, 2.0},
  {"chemical", 150, {0.01, 0.04, 0.005, 0.01, 0}, {0.15, 0.20, 0.05, 0.15, 0}, 2.2},
  {"pharmaceutical", 70, {0, 0.02, 0, 0, 0}, {0, 0, 0, 0, 0}, 2.5},
  {"coating", 250, {0, 0.05, 0, 0, 0}, {0, 0, 0, 0, 0}, 2.8},
  {"printing_packaging", 160, {0, 0.03, 0, 0, 0}, {0, 0, 0, 0, 0}, 2.6},
  {"industrial_boilers", 200, {0.03, 0, 0.02, 0.03, 0}, {0, 0, 0, 0, 0}, 0.8},
  {"heavy_vehicles", 160, {0.04, 0.01, 0.01, 0, 0}, {0, 0, 0, 0, 0}, 4.0},
  {"light_vehicles", 80, {0.01, 0.03, 0.03, 0, 0}, {0, 0, 0, 0, 0}, 5.0},
  {"nonroad_machinery", 72, {0.02, 0.005, 0.005, 0, 0}, {0, 0, 0, 0, 0}, 3.0},
  {"catering_residential", 90, {0, 0.02, 0.02, 0, 0}, {0, 0, 0, 0, 0}, 1.8},
};

static int day_of_year(int year, int doy, char *buf, size_t n, double *t)
{
  long d = tf_days_from_civil(year, 1, 1) + doy - 1;
  int y, m, dd;
  tf_civil_from_days(d, &y, &m, &dd);
  snprintf(buf, n, "%04d-%02d-%02d", y, m, dd);
  *t = 86400.0 * (double)d;
  return TF_OK;
}

int scen_make_projects(run_ctx *base, const char *out, int count, uint64_t seed, int year, FILE *log, tf_err *err)
{
  scen_ctx s0 = {0}, *s = &s0;
  char ipath[1024], cpath[1024];
  tf_data_path(ipath, sizeof ipath, "scenarios/industries.csv");
  tf_data_path(cpath, sizeof cpath, "sichuan/cities.csv");
  int which, rc = ctx_init(s, base, ipath, cpath, &which, err);
  const tf_grid *g = s->g;
  size_t nf = (size_t)EMIS_NPOL * (s->ns ? s->ns : 1) * g->n2, npf = (size_t)(s->npt ? s->npt : 1) * EMIS_NPOL;
  double *raw = calloc(nf, sizeof *raw), *rawpt = calloc(npf, sizeof *rawpt);
  double *cw = calloc((size_t)(s->ncity ? s->ncity : 1) * g->n2, sizeof *cw);
  double *tot_t = calloc((size_t)(s->nind ? s->nind : 1) * EMIS_NPOL, sizeof *tot_t);
  int *nprj = calloc((size_t)(s->nind ? s->nind : 1), sizeof *nprj);
  char partial[1200];
  FILE *f = NULL;
  if (!rc && (!raw || !rawpt || !cw || !tot_t || !nprj)) rc = tf_err_set(err, TF_ENOMEM, "out of memory");
  if (!rc && !s->prov) rc = tf_err_set(err, TF_EINVAL, "%s: the gridded inventory has no `region` variable (the built-in "
                                       "case's); the illustrative list is made from the built-in case", base->cfgname);
  if (rc) goto done;
  emis_pollutant_kgh(s->e, EMIS_KGH_RAW, NAN, 0, raw, rawpt);
  for (int c = 0; c < s->ncity; c++) {
    double *pw = calloc((size_t)(s->npt ? s->npt : 1), sizeof *pw);
    if (!pw) { rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
    if (!city_is_total(&s->city[c]) && s->city_prov[c] > 0) region_city(s, c, cw + (size_t)c * g->n2, pw);
    free(pw);
  }
  f = tfio_fopen_partial(out, partial, sizeof partial, err);
  if (!f) { rc = err->code; goto done; }
  fprintf(f, "# Illustrative emission-reduction project list made by `tianfu scenario projects` from the built-in\n"
             "# Sichuan case (seed %llu, %d projects in the 14 industry classes of configs/scenarios/industries.csv).\n"
             "# NOT the real list of the Sichuan department of ecology and environment: sizes follow the built-in\n"
             "# inventory (a few %% of each class's sectors per city, 5-30 %% of a stack), completion days are spread\n"
             "# over %d, costs are placeholders. Format: README.md, Input formats (project lists).\n",
          (unsigned long long)seed, count, year);
  fprintf(f, "id,name,industry,location,NOX_t_yr,NMVOC_t_yr,CO_t_yr,SO2_t_yr,NH3_t_yr,completion,cost_10k_cny\n");
  uint64_t st = seed * 0x2545F4914F6CDD1Dull + 1;
  int np_total = 0;
  double scale_count = (double)count / 1557.0;
  for (size_t a = 0; a < sizeof prj_plan / sizeof prj_plan[0]; a++) {
    int I = csv_industry_find(s->ind, s->nind, prj_plan[a].id);
    if (I < 0) continue;
    const csv_industry *ID = &s->ind[I];
    int want = (int)floor(prj_plan[a].count * scale_count + 0.5), made = 0;
    int sec[PRJ_MAX_SECTORS], nsec = 0;
    for (int t = 0; t < ID->nsector; t++) { int q = sector_index(s, ID->sector[t]); if (q >= 0) sec[nsec++] = q; }
    /* stack projects: one per stack of the class in Sichuan and Chongqing */
    for (int ip = 0; ip < s->npt && made < want; ip++) {
      const emis_point *P = point_of(s, ip);
      int ok = 0;
      for (int t = 0; t < ID->npoint_ind; t++) ok |= !strcmp(ID->point_ind[t], P->industry);
      long c = emis_point_cell(s->e, ip);
      if (!ok || c < 0 || s->prov[c] <= 0) continue;
      double t_yr[EMIS_NPOL] = {0}, sum = 0.0;
      double u = 0.5 + rng_u(&st);
      for (int p = 0; p < EMIS_NPOL; p++) {
        t_yr[p] = fmin(0.9, prj_plan[a].stack[p] * u) * rawpt[(size_t)ip * EMIS_NPOL + p] * KGH_TO_TYR;
        t_yr[p] = floor(t_yr[p] * 10.0) / 10.0;
        sum += t_yr[p];
      }
      if (sum <= 0.0) continue;
      char day[16];
      double tday;
      day_of_year(year, 10 + (int)(rng_u(&st) * 350.0), day, sizeof day, &tday);
      fprintf(f, "P%04d,\"%s upgrade (%s)\",%s,stack:%s,%.1f,%.1f,%.1f,%.1f,%.1f,%s,%.0f\n", ++np_total, P->name, ID->id,
              ID->id, P->id, t_yr[0], t_yr[1], t_yr[2], t_yr[3], t_yr[4], day, sum * prj_plan[a].cost * (0.7 + 0.6 * rng_u(&st)));
      for (int p = 0; p < EMIS_NPOL; p++) tot_t[(size_t)I * EMIS_NPOL + p] += t_yr[p];
      made++;
    }
    /* city and lon/lat projects: the rest, over the cities by the class's emission */
    int rest = want - made;
    if (rest <= 0 || !nsec) { nprj[I] = made; continue; }
    double *E = calloc((size_t)s->ncity * EMIS_NPOL, sizeof *E), Emain = 0.0;
    int *ncp = calloc((size_t)s->ncity, sizeof *ncp);
    if (!E || !ncp) { free(E); free(ncp); rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
    int pmain = 0;
    for (int p = 1; p < EMIS_NPOL; p++) if (prj_plan[a].frac[p] > prj_plan[a].frac[pmain]) pmain = p;
    for (int c = 0; c < s->ncity; c++)
      for (int p = 0; p < EMIS_NPOL; p++)
        for (int t = 0; t < nsec; t++) {
          const double *h = raw + ((size_t)p * s->ns + sec[t]) * g->n2, *w = cw + (size_t)c * g->n2;
          for (size_t k = 0; k < g->n2; k++) E[(size_t)c * EMIS_NPOL + p] += h[k] * w[k];
        }
    for (int c = 0; c < s->ncity; c++) Emain += E[(size_t)c * EMIS_NPOL + pmain];
    /* largest remainder: projects per city in proportion to the main pollutant */
    double *remd = calloc((size_t)s->ncity, sizeof *remd);
    int given = 0;
    for (int c = 0; remd && c < s->ncity; c++) {
      double q = Emain > 0 ? rest * E[(size_t)c * EMIS_NPOL + pmain] / Emain : 0.0;
      ncp[c] = (int)floor(q);
      remd[c] = q - ncp[c];
      given += ncp[c];
    }
    while (remd && given < rest) {
      int b = -1;
      for (int c = 0; c < s->ncity; c++) if (E[(size_t)c * EMIS_NPOL + pmain] > 0 && (b < 0 || remd[c] > remd[b])) b = c;
      if (b < 0) break;
      ncp[b]++;
      remd[b] = -1.0;
      given++;
    }
    free(remd);
    for (int c = 0; c < s->ncity; c++) {
      if (!ncp[c]) continue;
      double *u = calloc((size_t)ncp[c], sizeof *u), su = 0.0;
      if (!u) { free(E); free(ncp); rc = tf_err_set(err, TF_ENOMEM, "out of memory"); goto done; }
      for (int k = 0; k < ncp[c]; k++) su += u[k] = 0.5 + rng_u(&st);
      for (int k = 0; k < ncp[c]; k++) {
        double t_yr[EMIS_NPOL], sum = 0.0;
        for (int p = 0; p < EMIS_NPOL; p++) {
          t_yr[p] = floor(prj_plan[a].frac[p] * E[(size_t)c * EMIS_NPOL + p] * KGH_TO_TYR * u[k] / su * 10.0) / 10.0;
          sum += t_yr[p];
        }
        if (sum <= 0.0) continue;
        char day[16], loc[96];
        double tday;
        day_of_year(year, 10 + (int)(rng_u(&st) * 350.0), day, sizeof day, &tday);
        char cname[64];
        snprintf(cname, sizeof cname, "%.*s", (int)strcspn(s->city[c].name, " ("), s->city[c].name);
        snprintf(loc, sizeof loc, "city:%s", s->city[c].name);
        if (k % 5 == 4) {
          /* every fifth: a plant at a lon/lat, the cell of the city with the most of the main
           * pollutant; its tonnes (part of the city's share above) stay below 1/4 of that cell's */
          size_t best = 0;
          double bv = -1.0;
          for (int j = 0; j < g->nyo; j++)
            for (int i = 0; i < g->nxo; i++) {
              size_t q = grid_idx2(g, i, j);
              if (!(cw[(size_t)c * g->n2 + q] > 0.0)) continue;
              double v = 0.0;
              for (int t = 0; t < nsec; t++) v += raw[((size_t)pmain * s->ns + sec[t]) * g->n2 + q];
              if (v > bv) { bv = v; best = q; }
            }
          double cellmax = 1.0;
          for (int p = 0; p < EMIS_NPOL; p++) {
            double v = 0.0;
            for (int t = 0; t < nsec; t++) v += raw[((size_t)p * s->ns + sec[t]) * g->n2 + best];
            if (t_yr[p] > 0.0 && t_yr[p] > 0.25 * v * KGH_TO_TYR) cellmax = fmin(cellmax, 0.25 * v * KGH_TO_TYR / t_yr[p]);
          }
          sum = 0.0;
          for (int p = 0; p < EMIS_NPOL; p++) { t_yr[p] = floor(t_yr[p] * cellmax * 10.0) / 10.0; sum += t_yr[p]; }
          if (sum <= 0.0) continue;
          snprintf(loc, sizeof loc, "%.4f %.4f", g->lon[best], g->lat[best]);
        }
        fprintf(f, "P%04d,\"%s %s #%d\",%s,\"%s\",%.1f,%.1f,%.1f,%.1f,%.1f,%s,%.0f\n", ++np_total, cname, ID->name, k + 1,
                ID->id, loc, t_yr[0], t_yr[1], t_yr[2], t_yr[3], t_yr[4], day,
                sum * prj_plan[a].cost * (0.7 + 0.6 * rng_u(&st)));
        for (int p = 0; p < EMIS_NPOL; p++) tot_t[(size_t)I * EMIS_NPOL + p] += t_yr[p];
        made++;
      }
      free(u);
    }
    free(E);
    free(ncp);
    nprj[I] = made;
  }
  rc = tfio_fclose_commit(f, partial, out, err);
  f = NULL;
  if (!rc && log) {
    fprintf(log, "%s: %d projects\n  %-22s %8s %10s %10s %10s %10s %10s\n", out, np_total, "industry", "projects",
            "NOX_t_yr", "NMVOC_t_yr", "CO_t_yr", "SO2_t_yr", "NH3_t_yr");
    double all[EMIS_NPOL] = {0};
    for (int I = 0; I < s->nind; I++) {
      fprintf(log, "  %-22s %8d", s->ind[I].id, nprj[I]);
      for (int p = 0; p < EMIS_NPOL; p++) { fprintf(log, " %10.1f", tot_t[(size_t)I * EMIS_NPOL + p]); all[p] += tot_t[(size_t)I * EMIS_NPOL + p]; }
      fputc('\n', log);
    }
    fprintf(log, "  %-22s %8d", "(all)", np_total);
    for (int p = 0; p < EMIS_NPOL; p++) fprintf(log, " %10.1f", all[p]);
    fputc('\n', log);
  }
done:
  if (f) { fclose(f); tfio_discard(partial); }
  free(raw); free(rawpt); free(cw); free(tot_t); free(nprj);
  for (int k = 0; k < s->npool; k++) free(s->pool[k]);
  free(s->pool); free(s->ind); free(s->city);
  return rc;
}
