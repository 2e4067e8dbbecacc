/* bulletin.h — the city forecast of an early-warning bulletin, from hour means (post/
 * layer: plain arrays in, numbers out; no files).
 *
 * For every city and Beijing day:
 *  - daily statistics by China's rules (post/aqstats.h): O3 MDA8 and max 1-h, NO2/SO2/CO
 *    24-h means and max 1-h;
 *  - the daily AQI, level, category and primary pollutant of HJ 633 (post/aqi.h), from the
 *    gases' daily values and, when supplied, PM2.5/PM10 24-h means; a day is `complete`
 *    when every modelled gas has a valid daily value (MDA8 valid per HJ 663, >= 20 valid
 *    hours for the 24-h means); an incomplete day has no AQI (level 0);
 *  - the range as Chinese city forecasts publish it: AQI_lo = max(1, round(A (1 − u))),
 *    AQI_hi = min(500, round(A (1 + u))), u the city's relative uncertainty, and the
 *    level range level(AQI_lo)..level(AQI_hi), written "良至轻度污染" / "Good to Lightly
 *    polluted" when the two differ;
 *  - warnings and advisories from a rule table (bl_rule).
 *
 * Rules. A rule is one or more alternatives joined by "or"; an alternative is one or
 * more terms joined by "and"; a term reads `VAR OP THRESHOLD for N day[s]` with VAR one of
 * AQI (daily AQI), MDA8 or O3_1H (µg/m3), OP `>` or `>=`, e.g. the national orange level
 *   "AQI>200 for 3 days and AQI>300 for 1 day".
 * An alternative holds on day d when, with W the longest run of consecutive days that
 * contains d and on which the alternative's FIRST term's condition holds, W is at least
 * that term's N days long, and every further term's condition holds on at least its N
 * consecutive days inside W (so "AQI>300 for 1 day" must fall inside the AQI>200
 * episode that contains d). Days without a value never satisfy a condition. Only the
 * forecast's own days are seen: a rule needing more consecutive days than the forecast
 * holds can fire only through another alternative. Rules of one kind (warning or
 * advisory) are listed from the lowest to the highest level; a day gets the highest rule
 * of each kind that holds. */
#ifndef TF_POST_BULLETIN_H
#define TF_POST_BULLETIN_H
#include <stddef.h>
#include "post/aqi.h"
#include "post/aqstats.h"

#define BL_MAX_TERMS 4
#define BL_MAX_ALTS 4

typedef enum { BL_VAR_AQI = 0, BL_VAR_MDA8, BL_VAR_O3_1H } bl_var;
typedef enum { BL_WARNING = 0, BL_ADVISORY = 1 } bl_kind;

typedef struct bl_term {
  bl_var var;
  int ge;            /* 1: >=, 0: > */
  double threshold;  /* AQI, or µg/m3 */
  int days;          /* >= 1 */
} bl_term;

typedef struct bl_alt {
  int nterm;
  bl_term term[BL_MAX_TERMS];
} bl_alt;

typedef struct bl_rule {
  char name[32];     /* "yellow", "ozone_160" */
  bl_kind kind;
  char colour[8];    /* "#RRGGBB" */
  char zh[96], en[160];
  char text[200];    /* the rule as written */
  int nalt;
  bl_alt alt[BL_MAX_ALTS];
} bl_rule;

/* Parse the rule text into r->alt/nalt (and r->text). Returns 0, or -1 with why (one
 * sentence naming the offending word and what was expected). */
int bl_rule_parse(const char *text, bl_rule *r, char *why, size_t nwhy);

/* One city's inputs over nday Beijing days: hour-ending values [nday*24] (NaN = no
 * value), NULL for a gas that is not modelled; PM 24-h means [nday] (NULL or NaN =
 * not supplied). µg/m3, CO mg/m3, at 298.15 K and 1013.25 hPa. */
typedef struct bl_city_in {
  const double *o3, *no2, *so2, *co;
  const double *pm25, *pm10;
  double rel_unc;    /* relative uncertainty u of the AQI range, 0..1 */
} bl_city_in;

typedef struct bl_day {
  int complete;
  aq_day_o3 o3;
  aq_day_mean no2, so2, co;   /* nhours = 0 when not modelled */
  double pm25, pm10;          /* NaN when not supplied */
  aqi_result aqi;             /* aqi = level = 0 when incomplete */
  int aqi_lo, aqi_hi, level_lo, level_hi;
  int warning, advisory;      /* index into the rule table, -1 = none */
} bl_day;

/* Daily statistics, AQI and range of one city over nday days into out[nday]; warnings
 * and advisories are set to -1 (bl_apply_rules sets them). */
void bl_city_days(aqi_edition ed, const bl_city_in *in, int nday, bl_day *out);

/* Warnings and advisories of one city's days. */
void bl_apply_rules(const bl_rule *rules, int nrule, bl_day *days, int nday);

/* "良至轻度污染" / "Good to Lightly polluted" (or one category) into buf. */
void bl_range_text(const bl_day *d, int chinese, char *buf, size_t n);

/* A region's day: over the cities given. */
typedef struct bl_region_day {
  int ncity, nvalid;          /* cities, and those with a complete day */
  int n_over100;              /* AQI > 100 (exceeding Grade II: not a good day) */
  int n_mda8_over160;         /* MDA8 > 160 µg/m3 (valid MDA8) */
  int nlevel[7];              /* cities per level 1..6 ([0] = incomplete) */
  int worst_city;             /* index of the highest AQI (-1 if none valid) */
  int worst_aqi;
  int nwarn_rule_max;         /* highest warning index any city has, -1 none */
  int nadv_rule_max;          /* highest advisory index, -1 none */
} bl_region_day;

/* Region summary of day d: days[c] points at city c's nday days; member[c] != 0 selects
 * the city. */
void bl_region_summary(const bl_day *const *days, const int *member, int ncity, int d, bl_region_day *out);
#endif
