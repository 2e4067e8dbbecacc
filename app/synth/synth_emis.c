/* synth_emis.c — gridded anthropogenic emissions and large point sources for the built-in
 * Sichuan case, calibrated to a published provincial inventory.
 *
 * Totals: Sichuan 2015 (Zhou Z. et al. 2019, J. Atmos. Chem. 76, 21-58, Table totals):
 * SO2 444.9, NOx 820.0 (as NO2), CO 3773.1, NMVOC 923.6, NH3 988.0 Gg/yr. Chongqing is
 * the same per-capita inventory scaled by the 2020 census populations (32,054,159 /
 * 83,674,866 = 0.383). The rest of the domain (parts of Yunnan, Guizhou, Hunan, Hubei,
 * Shaanxi, Gansu, Qinghai, Tibet) gets a background of 0.3 x the Sichuan emission per unit
 * area, times its area.
 * Sector splits (rows of share[][] below): NOx mobile 54 %, fuel combustion 23 % (power
 * 12, industrial boilers 8, residential 3), industrial processes 20 %, other 3 %; SO2
 * > 95 % power + industry (Sichuan is hydro-dominated, so industry carries most); NMVOC
 * solvent use 46 %, rest industry/mobile/residential biofuel; NH3 livestock 70 % +
 * fertiliser 25 % = agriculture 95 % (Zhou et al. 2019, docs/sichuan-facts.md). The CO split
 * (industry 45, residential 30, transport 20, power 3, agriculture 2 %) is an assumption
 * modelled on MEIC's national shares (Li M. et al. 2017, ACP 17, 935, "MIX") — the paper's
 * CO sector shares were not available to us.
 * Point sources: 90 % of power-sector emissions and 50 % (NOx, SO2, CO) / 20 % (NMVOC,
 * NH3) of industry emissions of Sichuan and Chongqing sit in ~70 plausible large plants
 * (coal power, iron & steel, cement, chemicals) near the real cities that host such
 * industry, with seeded sizes, offsets and stack parameters; the rest is gridded.
 * Gridded proxies: urban + rural population (synth_domain) per sector, and cropland /
 * grassland area for agriculture; normalised within each province so its totals are met
 * to round-off.
 * Temporal profiles (local = Beijing time): hourly shapes after the TNO/MACC profiles of
 * Denier van der Gon et al. (2011, TNO report 2011-00588, used by EDGAR, Crippa et al.
 * 2020, Sci. Data 7, 121) for public power (SNAP 1), industry (3/4), solvents (6), road
 * transport (7), residential (2) and agriculture (10); weekly profiles flatter than the
 * European ones, as MEIC applies in China. Values are approximate shapes, normalised here
 * to a mean of exactly 1. */
#include "app/synth/synth_emis.h"
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app/synth/synth_rng.h"
#include "io/csv/atomic_file.h"
#include "io/netcdf/tfnc_util.h"

enum { SEC_POWER, SEC_INDUSTRY, SEC_SOLVENT, SEC_TRANSPORT, SEC_RESIDENTIAL, SEC_AGRI };
enum { SP_NOX, SP_NMVOC, SP_CO, SP_SO2, SP_NH3 };

const char *const synth_sector_names[SYNTH_NSECTOR] = {"power", "industry", "solvent",
                                                       "transport", "residential", "agriculture"};
const char *const synth_spec_names[SYNTH_NSPEC] = {"NOX", "NMVOC", "CO", "SO2", "NH3"};
const double synth_sichuan_target_gg[SYNTH_NSPEC] = {820.0, 923.6, 3773.1, 444.9, 988.0};
static const char *const spec_long[SYNTH_NSPEC] = {
  "nitrogen oxides (NO + NO2) emission rate, as NO2", "non-methane volatile organic compounds emission rate",
  "carbon monoxide emission rate", "sulfur dioxide emission rate", "ammonia emission rate"};

#define BACKGROUND_AREAL_FACTOR 0.3
#define KGH_PER_GGYR (1e6 / 8760.0)

/* share[species][sector], rows sum to 1 (see the file comment for sources). */
static const double share[SYNTH_NSPEC][SYNTH_NSECTOR] = {
  /* power industry solvent transport residential agriculture */
  {0.12, 0.28, 0.00, 0.54, 0.05, 0.01},  /* NOx */
  {0.01, 0.24, 0.46, 0.16, 0.12, 0.01},  /* NMVOC */
  {0.03, 0.45, 0.00, 0.20, 0.30, 0.02},  /* CO (assumed, MEIC-like) */
  {0.35, 0.61, 0.00, 0.01, 0.03, 0.00},  /* SO2 */
  {0.00, 0.01, 0.00, 0.01, 0.03, 0.95},  /* NH3 */
};
/* fraction of a sector's provincial emission in point sources (power, industry only) */
static const double point_frac[2][SYNTH_NSPEC] = {
  {0.9, 0.9, 0.9, 0.9, 0.0},   /* power */
  {0.5, 0.2, 0.5, 0.5, 0.2},   /* industry */
};

static const double hour_raw[SYNTH_NSECTOR][24] = {
  {0.79, 0.72, 0.72, 0.71, 0.74, 0.80, 0.92, 1.08, 1.19, 1.22, 1.21, 1.21,
   1.17, 1.15, 1.14, 1.13, 1.10, 1.07, 1.04, 1.02, 1.02, 1.01, 0.96, 0.88},
  {0.75, 0.75, 0.78, 0.82, 0.88, 0.95, 1.02, 1.09, 1.16, 1.22, 1.28, 1.30,
   1.22, 1.24, 1.25, 1.16, 1.08, 1.01, 0.95, 0.90, 0.85, 0.81, 0.78, 0.75},
  {0.50, 0.35, 0.20, 0.10, 0.10, 0.20, 0.75, 1.25, 1.40, 1.50, 1.50, 1.50,
   1.50, 1.50, 1.50, 1.50, 1.50, 1.40, 1.25, 1.10, 1.00, 0.90, 0.80, 0.70},
  {0.19, 0.09, 0.06, 0.05, 0.09, 0.22, 0.86, 1.84, 1.86, 1.41, 1.24, 1.20,
   1.32, 1.44, 1.45, 1.59, 2.03, 2.08, 1.51, 1.06, 0.74, 0.62, 0.61, 0.44},
  {0.38, 0.36, 0.36, 0.36, 0.37, 0.50, 1.19, 1.53, 1.57, 1.56, 1.35, 1.16,
   1.07, 1.06, 1.00, 0.98, 0.99, 1.12, 1.41, 1.52, 1.39, 1.35, 1.00, 0.42},
  {0.60, 0.60, 0.60, 0.60, 0.60, 0.65, 0.75, 0.90, 1.10, 1.25, 1.45, 1.60,
   1.80, 1.75, 1.70, 1.55, 1.35, 1.10, 0.90, 0.75, 0.65, 0.60, 0.60, 0.60},
};
static const double week_raw[SYNTH_NSECTOR][7] = { /* Monday first */
  {1.02, 1.02, 1.02, 1.02, 1.02, 0.95, 0.95},
  {1.03, 1.03, 1.03, 1.03, 1.03, 0.93, 0.92},
  {1.05, 1.05, 1.05, 1.05, 1.05, 0.88, 0.87},
  {1.00, 1.00, 1.00, 1.00, 1.05, 0.99, 0.96},
  {0.98, 0.98, 0.98, 0.98, 0.98, 1.04, 1.06},
  {1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00},
};

/* ---------------------------------------------------------------- point sources */

enum { IND_POWER, IND_STEEL, IND_CEMENT, IND_CHEM, NIND };
static const char *const ind_name[NIND] = {"coal_power", "iron_steel", "cement", "chemical"};
static const char *const ind_tag[NIND] = {"PWR", "STL", "CEM", "CHM"};
/* relative species weights per unit size within the industry pool (steel: sinter CO;
 * cement: kiln NOx; chemicals: VOC and fertiliser NH3) */
static const double ind_prof[NIND][SYNTH_NSPEC] = {
  {1.0, 1.0, 1.0, 1.0, 0.0}, {1.0, 0.3, 4.0, 1.0, 0.0}, {1.5, 0.1, 0.8, 0.5, 0.05}, {0.4, 1.5, 0.3, 0.4, 2.0}};
/* size range (power: MW; others: Mt/yr product) and stack parameter ranges:
 * height m, diameter m, exit velocity m/s, exit temperature K. Power: tall stacks after
 * wet FGD (~50 C exhaust); sinter/kiln stacks hot. Plausible ranges, not facility data. */
static const double ind_rng[NIND][5][2] = {
  {{600, 2640}, {180, 240}, {6.0, 8.0}, {15, 22}, {318, 338}},
  {{1.0, 5.0}, {80, 150}, {4.0, 6.0}, {10, 16}, {400, 440}},
  {{1.0, 4.0}, {60, 110}, {3.0, 4.5}, {10, 15}, {380, 420}},
  {{0.5, 2.0}, {40, 90}, {1.5, 3.0}, {8, 15}, {350, 450}},
};
/* host cities (name prefix in cities.csv), industry, number of plants */
static const struct { const char *city; int ind, n; } hosts[] = {
  {"Guang'an", IND_POWER, 2}, {"Luzhou", IND_POWER, 1}, {"Yibin", IND_POWER, 2},
  {"Neijiang", IND_POWER, 1}, {"Dazhou", IND_POWER, 1}, {"Mianyang", IND_POWER, 1},
  {"Panzhihua", IND_POWER, 1}, {"Zigong", IND_POWER, 1}, {"Nanchong", IND_POWER, 1},
  {"Leshan", IND_POWER, 1}, {"Chengdu", IND_POWER, 1}, {"Deyang", IND_POWER, 1},
  {"Guangyuan", IND_POWER, 1},
  {"Panzhihua", IND_STEEL, 2}, {"Chengdu", IND_STEEL, 1}, {"Dazhou", IND_STEEL, 1},
  {"Neijiang", IND_STEEL, 1}, {"Liangshan", IND_STEEL, 1}, {"Leshan", IND_STEEL, 1},
  {"Deyang", IND_STEEL, 1},
  {"Chengdu", IND_CEMENT, 2}, {"Mianyang", IND_CEMENT, 1}, {"Deyang", IND_CEMENT, 1},
  {"Guangyuan", IND_CEMENT, 2}, {"Dazhou", IND_CEMENT, 2}, {"Guang'an", IND_CEMENT, 1},
  {"Nanchong", IND_CEMENT, 1}, {"Leshan", IND_CEMENT, 2}, {"Yibin", IND_CEMENT, 1},
  {"Luzhou", IND_CEMENT, 1}, {"Ya'an", IND_CEMENT, 1}, {"Meishan", IND_CEMENT, 1},
  {"Zigong", IND_CEMENT, 1}, {"Neijiang", IND_CEMENT, 1}, {"Suining", IND_CEMENT, 1},
  {"Bazhong", IND_CEMENT, 1}, {"Liangshan", IND_CEMENT, 1}, {"Panzhihua", IND_CEMENT, 1},
  {"Ziyang", IND_CEMENT, 1},
  {"Luzhou", IND_CHEM, 2}, {"Deyang", IND_CHEM, 1}, {"Dazhou", IND_CHEM, 1},
  {"Leshan", IND_CHEM, 2}, {"Meishan", IND_CHEM, 1}, {"Chengdu", IND_CHEM, 2},
  {"Yibin", IND_CHEM, 1}, {"Zigong", IND_CHEM, 1}, {"Nanchong", IND_CHEM, 1},
  {"Chongqing main", IND_POWER, 3}, {"Wanzhou", IND_POWER, 1},
  {"Chongqing main", IND_STEEL, 2}, {"Chongqing main", IND_CEMENT, 3},
  {"Wanzhou", IND_CEMENT, 1}, {"Chongqing main", IND_CHEM, 3}, {"Wanzhou", IND_CHEM, 1},
};

typedef struct point {
  char id[16], name[64];
  int ind, region;
  double lat, lon, size, stack[4], e[SYNTH_NSPEC];
} point;

static int city_index(const synth_domain *d, const char *prefix)
{
  for (int k = 0; k < d->ncity; k++)
    if (!strncmp(d->city[k].name, prefix, strlen(prefix)) && !d->city[k].is_total) return k;
  return -1;
}

static int make_points(const synth_domain *d, synth_rng *r, point **out, int *nout, tf_err *err)
{
  int cap = 0;
  for (size_t h = 0; h < sizeof hosts / sizeof hosts[0]; h++) cap += hosts[h].n;
  point *P = tf_calloc((size_t)cap, sizeof *P, err);
  if (!P) return TF_ENOMEM;
  int n = 0, count[SYNTH_NREGION][NIND] = {{0}};
  for (size_t h = 0; h < sizeof hosts / sizeof hosts[0]; h++) {
    int ic = city_index(d, hosts[h].city);
    if (ic < 0) { free(P); return tf_err_set(err, TF_EFORMAT, "synth: host city '%s' not in cities.csv", hosts[h].city); }
    const synth_city *c = &d->city[ic];
    for (int q = 0; q < hosts[h].n; q++) {
      point *p = &P[n];
      int ind = hosts[h].ind, placed = 0;
      /* offset 8-35 km from the seat (plants sit outside the urban core), same province */
      for (int tries = 0; tries < 50 && !placed; tries++) {
        double dist = synth_rng_range(r, 8.0, 35.0), ang = synth_rng_range(r, 0.0, 6.283185307179586);
        double lat = c->lat + dist * sin(ang) / 111.2, lon = c->lon + dist * cos(ang) / (111.2 * cos(c->lat * 0.017453292519943295));
        int i, j;
        if (synth_domain_cell(d, lat, lon, &i, &j) && d->region[synth_c(d, i, j)] == c->region) {
          p->lat = lat; p->lon = lon; placed = 1;
        }
      }
      if (!placed) { p->lat = c->lat; p->lon = c->lon; }
      int i, j;
      synth_domain_cell(d, p->lat, p->lon, &i, &j);
      p->region = d->region[synth_c(d, i, j)];
      p->ind = ind;
      p->size = synth_rng_range(r, ind_rng[ind][0][0], ind_rng[ind][0][1]);
      for (int s = 0; s < 4; s++) p->stack[s] = synth_rng_range(r, ind_rng[ind][s + 1][0], ind_rng[ind][s + 1][1]);
      int reg = p->region == SYNTH_REG_CHONGQING ? 1 : 0;
      count[p->region][ind]++;
      snprintf(p->id, sizeof p->id, "%s-%s-%02d", reg ? "CQ" : (p->region == SYNTH_REG_SICHUAN ? "SC" : "OT"),
               ind_tag[ind], count[p->region][ind]);
      char city[40];
      snprintf(city, sizeof city, "%s", hosts[h].city);
      char *sp = strchr(city, ' ');
      if (sp) *sp = '\0';
      snprintf(p->name, sizeof p->name, "%s %s %d", city, ind_name[ind], q + 1);
      n++;
    }
  }
  *out = P;
  *nout = n;
  return TF_OK;
}

/* ---------------------------------------------------------------- gridded proxies */

static double lu_agri(int lu)
{
  switch (lu) {
  case TF_LU_DRY_CROP: case TF_LU_IRRIG_CROP: case TF_LU_MIXED_CROP: case TF_LU_CROP_GRASS: return 1.0;
  case TF_LU_CROP_WOOD: return 0.5;
  case TF_LU_GRASSLAND: return 0.3;    /* plateau livestock (yak, sheep) */
  case TF_LU_SHRUB: case TF_LU_MIXED_SHRUB_GRASS: case TF_LU_SAVANNA: case TF_LU_URBAN: return 0.1;
  case TF_LU_HERB_TUNDRA: case TF_LU_BARREN: case TF_LU_SNOW_ICE: case TF_LU_WATER: return 0.0;
  default: return 0.05;                /* forests */
  }
}

static double lu_activity(int lu)
{
  switch (lu) {
  case TF_LU_URBAN: return 1.0;
  case TF_LU_DRY_CROP: case TF_LU_IRRIG_CROP: case TF_LU_MIXED_CROP: case TF_LU_CROP_GRASS: return 0.5;
  case TF_LU_CROP_WOOD: return 0.3;
  case TF_LU_GRASSLAND: case TF_LU_SHRUB: return 0.02;
  case TF_LU_HERB_TUNDRA: case TF_LU_BARREN: case TF_LU_SNOW_ICE: return 0.002;
  default: return 0.05;
  }
}

static double proxy(const synth_domain *d, size_t c, int sec)
{
  int lu = d->g->landuse[c];
  if (sec == SEC_AGRI) return lu_agri(lu) / (d->g->mapfac[c] * d->g->mapfac[c]);
  if (d->region[c] == SYNTH_REG_OTHER) return lu_activity(lu) / (d->g->mapfac[c] * d->g->mapfac[c]);
  static const double wr[SYNTH_NSECTOR] = {0.2, 0.3, 0.2, 0.25, 1.0, 0.0}; /* rural weight */
  double wu = sec == SEC_RESIDENTIAL ? 0.4 : 1.0;
  return wu * d->pop_urban[c] + wr[sec] * d->pop_rural[c];
}

/* ---------------------------------------------------------------- writers */

static int write_nc(const synth_domain *d, const char *path, float *grid[SYNTH_NSPEC],
                    const double hp[SYNTH_NSECTOR][24], const double wp[SYNTH_NSECTOR][7],
                    const synth_emis_summary *sum, tf_err *err)
{
  const tf_grid *g = d->g;
  const tf_proj *p = &g->proj;
  char tmp[4200];
  int rc = tfio_partial_path(path, tmp, sizeof tmp, err);
  if (rc) return rc;
  int nc, dx, dy, ds, dh, dw, dn, vn, vsp[SYNTH_NSPEC], vh, vw, vlat, vlon, vreg, st;
  st = nc_create(tmp, NC_64BIT_OFFSET | NC_CLOBBER, &nc);
  if (st) return tfnc_fail(st, err, path, "create emissions file");
  size_t n2 = g->n2;
  float *fb = malloc(n2 * sizeof *fb);
  int *ib = malloc(n2 * sizeof *ib);
  if (!fb || !ib) { st = NC_ENOMEM; goto fail; }
#define NCK(x) do { if ((st = (x))) goto fail; } while (0)
  NCK(nc_def_dim(nc, "west_east", (size_t)g->nx, &dx));
  NCK(nc_def_dim(nc, "south_north", (size_t)g->ny, &dy));
  NCK(nc_def_dim(nc, "sector", SYNTH_NSECTOR, &ds));
  NCK(nc_def_dim(nc, "hour", 24, &dh));
  NCK(nc_def_dim(nc, "weekday", 7, &dw));
  NCK(nc_def_dim(nc, "name_len", 16, &dn));
  int d_sn[2] = {ds, dn}, d_grid[3] = {ds, dy, dx}, d_h[2] = {ds, dh}, d_w[2] = {ds, dw}, d_2[2] = {dy, dx};
  NCK(nc_def_var(nc, "sector_name", NC_CHAR, 2, d_sn, &vn));
  NCK(nc_put_att_text(nc, vn, "long_name", 11, "sector name"));
  for (int s = 0; s < SYNTH_NSPEC; s++) {
    NCK(nc_def_var(nc, synth_spec_names[s], NC_FLOAT, 3, d_grid, &vsp[s]));
    NCK(nc_put_att_text(nc, vsp[s], "units", 6, "kg h-1"));
    NCK(nc_put_att_text(nc, vsp[s], "long_name", strlen(spec_long[s]), spec_long[s]));
    const char *cm = "annual-mean emission rate per grid cell";
    NCK(nc_put_att_text(nc, vsp[s], "cell_methods", strlen(cm), cm));
    if (s == SP_NOX) NCK(nc_put_att_text(nc, vsp[s], "mass_basis", 3, "NO2"));
  }
  NCK(nc_def_var(nc, "hour_profile", NC_FLOAT, 2, d_h, &vh));
  const char *hl = "hourly factor, mean 1 over 24 h, hour of local time (Beijing, UTC+8), hour 0 = 00:00-01:00";
  NCK(nc_put_att_text(nc, vh, "long_name", strlen(hl), hl));
  NCK(nc_put_att_text(nc, vh, "units", 1, "1"));
  NCK(nc_def_var(nc, "weekday_profile", NC_FLOAT, 2, d_w, &vw));
  const char *wl = "day-of-week factor, mean 1 over 7 days, weekday 0 = Monday";
  NCK(nc_put_att_text(nc, vw, "long_name", strlen(wl), wl));
  NCK(nc_put_att_text(nc, vw, "units", 1, "1"));
  NCK(nc_def_var(nc, "XLAT", NC_FLOAT, 2, d_2, &vlat));
  NCK(nc_put_att_text(nc, vlat, "units", 12, "degree_north"));
  NCK(nc_def_var(nc, "XLONG", NC_FLOAT, 2, d_2, &vlon));
  NCK(nc_put_att_text(nc, vlon, "units", 11, "degree_east"));
  NCK(nc_def_var(nc, "region", NC_INT, 2, d_2, &vreg));
  int fv[3] = {0, 1, 2};
  NCK(nc_put_att_int(nc, vreg, "flag_values", NC_INT, 3, fv));
  NCK(nc_put_att_text(nc, vreg, "flag_meanings", 30, "other_region sichuan chongqing"));
  const char *rl = "province of the cell centre (Natural Earth admin-1), used for the calibration";
  NCK(nc_put_att_text(nc, vreg, "long_name", strlen(rl), rl));
  int mp = p->map_proj;
  float fa[] = {(float)p->truelat1, (float)p->truelat2, (float)p->stand_lon, (float)p->cen_lat,
                (float)p->cen_lon, (float)g->dx_m, (float)g->dy_m};
  const char *fan[] = {"TRUELAT1", "TRUELAT2", "STAND_LON", "CEN_LAT", "CEN_LON", "DX", "DY"};
  NCK(nc_put_att_int(nc, NC_GLOBAL, "MAP_PROJ", NC_INT, 1, &mp));
  for (int k = 0; k < 7; k++) NCK(nc_put_att_float(nc, NC_GLOBAL, fan[k], NC_FLOAT, 1, &fa[k]));
  const char *ti = "Tianfu built-in Sichuan case: anthropogenic emissions (synthetic, calibrated)";
  const char *so = "tianfu synth: Sichuan totals of Zhou et al. (2019) J. Atmos. Chem. 76, 21-58 "
                   "(base year 2015); Chongqing scaled by 2020 census population; background "
                   "elsewhere; large point sources in points.csv are NOT included here";
  NCK(nc_put_att_text(nc, NC_GLOBAL, "title", strlen(ti), ti));
  NCK(nc_put_att_text(nc, NC_GLOBAL, "source", strlen(so), so));
  NCK(nc_put_att_text(nc, NC_GLOBAL, "Conventions", 6, "CF-1.8"));
  for (int s = 0; s < SYNTH_NSPEC; s++) {
    char an[64];
    snprintf(an, sizeof an, "target_sichuan_%s_Gg_per_year", synth_spec_names[s]);
    NCK(nc_put_att_double(nc, NC_GLOBAL, an, NC_DOUBLE, 1, &sum->target_gg[SYNTH_REG_SICHUAN][s]));
  }
  NCK(nc_enddef(nc));
  char names[SYNTH_NSECTOR][16];
  memset(names, 0, sizeof names);
  for (int k = 0; k < SYNTH_NSECTOR; k++) snprintf(names[k], 16, "%s", synth_sector_names[k]);
  NCK(nc_put_var_text(nc, vn, &names[0][0]));
  for (int s = 0; s < SYNTH_NSPEC; s++) NCK(nc_put_var_float(nc, vsp[s], grid[s]));
  float hb[SYNTH_NSECTOR * 24], wb[SYNTH_NSECTOR * 7];
  for (int k = 0; k < SYNTH_NSECTOR; k++) {
    for (int h = 0; h < 24; h++) hb[k * 24 + h] = (float)hp[k][h];
    for (int w = 0; w < 7; w++) wb[k * 7 + w] = (float)wp[k][w];
  }
  NCK(nc_put_var_float(nc, vh, hb));
  NCK(nc_put_var_float(nc, vw, wb));
  for (size_t c = 0; c < n2; c++) fb[c] = (float)g->lat[c];
  NCK(nc_put_var_float(nc, vlat, fb));
  for (size_t c = 0; c < n2; c++) fb[c] = (float)g->lon[c];
  NCK(nc_put_var_float(nc, vlon, fb));
  for (size_t c = 0; c < n2; c++) ib[c] = d->region[c];
  NCK(nc_put_var_int(nc, vreg, ib));
#undef NCK
  free(fb); free(ib);
  st = nc_close(nc);
  if (st) { unlink(tmp); return tfnc_fail(st, err, path, "close emissions file"); }
  return tfio_commit(tmp, path, err);
fail:
  free(fb); free(ib);
  nc_close(nc);
  unlink(tmp);
  return tfnc_fail(st, err, path, "write emissions file");
}

static int write_points(const char *path, const point *P, int n, tf_err *err)
{
  char tmp[4200];
  FILE *f = tfio_fopen_partial(path, tmp, sizeof tmp, err);
  if (!f) return tf_err_prefix(err, "point-source file");
  fprintf(f, "# Tianfu built-in Sichuan case: large point sources (synthetic, plausible; not facility data).\n"
             "# Emissions annual-mean kg/h (NOX as NO2); id prefix SC = Sichuan, CQ = Chongqing. See configs/sichuan/README.md.\n");
  fprintf(f, "id,name,industry,sector,lat,lon,stack_height_m,stack_diameter_m,exit_velocity_ms,exit_temp_k,"
             "NOX_kgh,NMVOC_kgh,CO_kgh,SO2_kgh,NH3_kgh\n");
  for (int k = 0; k < n; k++) {
    const point *p = &P[k];
    fprintf(f, "%s,%s,%s,%s,%.4f,%.4f,%.1f,%.2f,%.1f,%.1f,%.4f,%.4f,%.4f,%.4f,%.4f\n", p->id, p->name,
            ind_name[p->ind], p->ind == IND_POWER ? "power" : "industry", p->lat, p->lon, p->stack[0],
            p->stack[1], p->stack[2], p->stack[3], p->e[0], p->e[1], p->e[2], p->e[3], p->e[4]);
  }
  return tfio_fclose_commit(f, tmp, path, err);
}

/* ---------------------------------------------------------------- assembly */

int synth_emis_write(const synth_domain *d, uint64_t seed, const char *nc_path, const char *csv_path,
                     synth_emis_summary *sum, tf_err *err)
{
  memset(sum, 0, sizeof *sum);
  const tf_grid *g = d->g;
  size_t n2 = g->n2;
  /* provincial targets */
  double area[SYNTH_NREGION] = {0};
  for (size_t c = 0; c < n2; c++) area[d->region[c]] += d->cell_area_km2 / (g->mapfac[c] * g->mapfac[c]);
  if (area[SYNTH_REG_SICHUAN] <= 0.0) return tf_err_set(err, TF_EINTERNAL, "synth: no Sichuan cells");
  for (int s = 0; s < SYNTH_NSPEC; s++) {
    sum->target_gg[SYNTH_REG_SICHUAN][s] = synth_sichuan_target_gg[s];
    sum->target_gg[SYNTH_REG_CHONGQING][s] = synth_sichuan_target_gg[s] * d->pop_chongqing / d->pop_sichuan;
    sum->target_gg[SYNTH_REG_OTHER][s] = synth_sichuan_target_gg[s] * BACKGROUND_AREAL_FACTOR *
                                         area[SYNTH_REG_OTHER] / area[SYNTH_REG_SICHUAN];
  }
  synth_rng r;
  synth_rng_seed(&r, seed ^ 0x454d4953ULL); /* "EMIS" */
  point *P = NULL;
  int np = 0, rc = make_points(d, &r, &P, &np, err);
  if (rc) return rc;
  /* point emissions: a share of the power/industry sector of each province */
  double ptot[SYNTH_NREGION][2][SYNTH_NSPEC] = {{{0}}};
  for (int reg = 0; reg < SYNTH_NREGION; reg++)
    for (int sec = 0; sec < 2; sec++)
      for (int s = 0; s < SYNTH_NSPEC; s++) {
        double wsum = 0.0;
        for (int k = 0; k < np; k++)
          if (P[k].region == reg && (P[k].ind == IND_POWER) == (sec == SEC_POWER)) wsum += P[k].size * ind_prof[P[k].ind][s];
        if (wsum <= 0.0) continue;
        double tot = point_frac[sec][s] * share[s][sec] * sum->target_gg[reg][s] * KGH_PER_GGYR;
        for (int k = 0; k < np; k++)
          if (P[k].region == reg && (P[k].ind == IND_POWER) == (sec == SEC_POWER)) {
            /* round to the CSV precision (1e-4 kg/h) so the files sum exactly to targets */
            P[k].e[s] = round(tot * P[k].size * ind_prof[P[k].ind][s] / wsum * 1e4) / 1e4;
            ptot[reg][sec][s] += P[k].e[s];
          }
      }
  /* gridded: province sector totals minus the points, by proxy */
  float *grid[SYNTH_NSPEC] = {0};
  double *w = tf_calloc(n2, sizeof *w, err);
  for (int s = 0; s < SYNTH_NSPEC; s++) grid[s] = tf_calloc((size_t)SYNTH_NSECTOR * n2, sizeof(float), err);
  for (int s = 0; s < SYNTH_NSPEC; s++) if (!grid[s]) rc = TF_ENOMEM;
  if (!w || rc) { rc = TF_ENOMEM; goto done; }
  for (int reg = 0; reg < SYNTH_NREGION; reg++)
    for (int sec = 0; sec < SYNTH_NSECTOR; sec++) {
      double wsum = 0.0;
      for (size_t c = 0; c < n2; c++) { w[c] = d->region[c] == reg ? proxy(d, c, sec) : 0.0; wsum += w[c]; }
      for (int s = 0; s < SYNTH_NSPEC; s++) {
        double tot = share[s][sec] * sum->target_gg[reg][s] * KGH_PER_GGYR - (sec < 2 ? ptot[reg][sec][s] : 0.0);
        if (tot <= 0.0 || wsum <= 0.0) continue;
        for (size_t c = 0; c < n2; c++)
          if (d->region[c] == reg) grid[s][(size_t)sec * n2 + c] = (float)(tot * w[c] / wsum);
      }
    }
  /* totals actually written (float grid + CSV points), Gg/yr */
  for (int s = 0; s < SYNTH_NSPEC; s++) {
    for (int sec = 0; sec < SYNTH_NSECTOR; sec++)
      for (size_t c = 0; c < n2; c++) sum->gg[d->region[c]][s] += grid[s][(size_t)sec * n2 + c] / KGH_PER_GGYR;
    for (int k = 0; k < np; k++) {
      sum->gg[P[k].region][s] += P[k].e[s] / KGH_PER_GGYR;
      sum->gg_points[P[k].region][s] += P[k].e[s] / KGH_PER_GGYR;
    }
  }
  sum->npoints = np;
  double hp[SYNTH_NSECTOR][24], wp[SYNTH_NSECTOR][7];
  for (int k = 0; k < SYNTH_NSECTOR; k++) {
    double mh = 0.0, mw = 0.0;
    for (int h = 0; h < 24; h++) mh += hour_raw[k][h] / 24.0;
    for (int q = 0; q < 7; q++) mw += week_raw[k][q] / 7.0;
    for (int h = 0; h < 24; h++) hp[k][h] = hour_raw[k][h] / mh;
    for (int q = 0; q < 7; q++) wp[k][q] = week_raw[k][q] / mw;
  }
  if ((rc = write_nc(d, nc_path, grid, hp, wp, sum, err))) goto done;
  rc = write_points(csv_path, P, np, err);
done:
  for (int s = 0; s < SYNTH_NSPEC; s++) free(grid[s]);
  free(w);
  free(P);
  return rc;
}
