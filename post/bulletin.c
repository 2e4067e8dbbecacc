/* bulletin.c — city-day statistics, HJ 633 AQI and its published range, warning and
 * advisory rules, regional summaries (see bulletin.h for the definitions; post/ layer).
 *
 * Method: the daily statistics come from post/aqstats (the code the run's daily products
 * use), the AQI from post/aqi (HJ 633-2026 or -2012); the rule grammar is parsed here by
 * hand because it is a few words of this project's own (no library has it). */
#include "post/bulletin.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- rule parsing */

static const char *skip_ws(const char *p)
{
  while (*p && isspace((unsigned char)*p)) p++;
  return p;
}

/* Case-insensitive match of word w at p, followed by a non-alphanumeric character. */
static const char *match_word(const char *p, const char *w)
{
  size_t n = strlen(w);
  for (size_t i = 0; i < n; i++)
    if (tolower((unsigned char)p[i]) != tolower((unsigned char)w[i])) return NULL;
  if (isalnum((unsigned char)p[n]) || p[n] == '_') return NULL;
  return p + n;
}

static int fail(char *why, size_t nwhy, const char *expected, const char *at)
{
  char found[24];
  int k = 0;
  while (at[k] && k < (int)sizeof found - 1 && !isspace((unsigned char)at[k])) found[k] = at[k], k++;
  found[k] = '\0';
  snprintf(why, nwhy, "expected %s, found '%s'", expected, k ? found : "end of rule");
  return -1;
}

static int parse_term(const char **pp, bl_term *t, char *why, size_t nwhy)
{
  const char *p = skip_ws(*pp), *q;
  static const struct { const char *w; bl_var v; } vars[] = {
      {"AQI", BL_VAR_AQI}, {"MDA8", BL_VAR_MDA8}, {"O3_1H", BL_VAR_O3_1H}};
  int found = 0;
  for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !found; i++)
    if ((q = match_word(p, vars[i].w))) t->var = vars[i].v, p = q, found = 1;
  if (!found) return fail(why, nwhy, "AQI, MDA8 or O3_1H", p);
  p = skip_ws(p);
  if (p[0] == '>' && p[1] == '=') t->ge = 1, p += 2;
  else if (p[0] == '>') t->ge = 0, p += 1;
  else return fail(why, nwhy, "'>' or '>='", p);
  char *end;
  t->threshold = strtod(skip_ws(p), &end);
  if (end == skip_ws(p) || !isfinite(t->threshold) || t->threshold < 0)
    return fail(why, nwhy, "a threshold (a number >= 0)", skip_ws(p));
  p = skip_ws(end);
  if (!(q = match_word(p, "for"))) return fail(why, nwhy, "'for'", p);
  p = skip_ws(q);
  long nd = strtol(p, &end, 10);
  if (end == p || nd < 1 || nd > 30) return fail(why, nwhy, "a number of days 1..30", p);
  p = skip_ws(end);
  if ((q = match_word(p, "days")) || (q = match_word(p, "day"))) p = q;
  else return fail(why, nwhy, "'day' or 'days'", p);
  t->days = (int)nd;
  *pp = p;
  return 0;
}

int bl_rule_parse(const char *text, bl_rule *r, char *why, size_t nwhy)
{
  snprintf(r->text, sizeof r->text, "%s", text);
  r->nalt = 0;
  const char *p = text, *q;
  for (;;) {
    if (r->nalt == BL_MAX_ALTS) return snprintf(why, nwhy, "more than %d alternatives joined by 'or'", BL_MAX_ALTS), -1;
    bl_alt *a = &r->alt[r->nalt++];
    a->nterm = 0;
    for (;;) {
      if (a->nterm == BL_MAX_TERMS) return snprintf(why, nwhy, "more than %d terms joined by 'and'", BL_MAX_TERMS), -1;
      if (parse_term(&p, &a->term[a->nterm++], why, nwhy)) return -1;
      p = skip_ws(p);
      if (!(q = match_word(p, "and"))) break;
      p = q;
    }
    if (!*p) return 0;
    if (!(q = match_word(p, "or"))) return fail(why, nwhy, "'and', 'or' or the end of the rule", p);
    p = q;
  }
}

/* ---------------------------------------------------------------- city days */

static double day_value(const bl_day *d, bl_var v)
{
  switch (v) {
  case BL_VAR_AQI: return d->complete ? (double)d->aqi.aqi : NAN;
  case BL_VAR_MDA8: return d->o3.mda8_valid ? d->o3.mda8 : NAN;
  case BL_VAR_O3_1H: return d->o3.nhours > 0 ? d->o3.max1h : NAN;
  }
  return NAN;
}

static void gas_day(const double *h, int d, aq_day_mean *out)
{
  memset(out, 0, sizeof *out);
  out->mean24 = out->max1h = NAN;
  if (!h) return;
  unsigned char ok[24];
  for (int k = 0; k < 24; k++) ok[k] = !isnan(h[d * 24 + k]);
  aq_day_mean_stats(h + d * 24, ok, out);
}

void bl_city_days(aqi_edition ed, const bl_city_in *in, int nday, bl_day *out)
{
  for (int d = 0; d < nday; d++) {
    bl_day *x = &out[d];
    memset(x, 0, sizeof *x);
    x->warning = x->advisory = -1;
    unsigned char ok[24];
    for (int k = 0; k < 24; k++) ok[k] = in->o3 && !isnan(in->o3[d * 24 + k]);
    if (in->o3) aq_day_o3_stats(in->o3 + d * 24, ok, &x->o3);
    else x->o3.mda8 = x->o3.max1h = NAN;
    gas_day(in->no2, d, &x->no2);
    gas_day(in->so2, d, &x->so2);
    gas_day(in->co, d, &x->co);
    x->pm25 = in->pm25 ? in->pm25[d] : NAN;
    x->pm10 = in->pm10 ? in->pm10[d] : NAN;
    x->complete = in->o3 && x->o3.mda8_valid && (!in->no2 || x->no2.mean24_valid) &&
                  (!in->so2 || x->so2.mean24_valid) && (!in->co || x->co.mean24_valid);
    if (!x->complete) continue;
    aqi_day_conc c = {.so2_24h = in->so2 ? x->so2.mean24 : NAN, .no2_24h = in->no2 ? x->no2.mean24 : NAN,
                      .co_24h = in->co ? x->co.mean24 : NAN, .pm10_24h = x->pm10, .pm25_24h = x->pm25,
                      .o3_8h = x->o3.mda8, .o3_1h = x->o3.max1h};
    x->aqi = aqi_daily(ed, &c);
    double u = in->rel_unc, a = x->aqi.aqi;
    x->aqi_lo = (int)lround(a * (1.0 - u));
    x->aqi_hi = (int)lround(a * (1.0 + u));
    if (x->aqi_lo < 1) x->aqi_lo = 1;
    if (x->aqi_hi > 500) x->aqi_hi = 500;
    if (x->aqi_hi < x->aqi_lo) x->aqi_hi = x->aqi_lo;
    x->level_lo = aqi_level(x->aqi_lo);
    x->level_hi = aqi_level(x->aqi_hi);
  }
}

void bl_range_text(const bl_day *d, int chinese, char *buf, size_t n)
{
  const char *(*cat)(int) = chinese ? aqi_category_zh : aqi_category_en;
  if (!d->complete) snprintf(buf, n, "%s", chinese ? "无有效预报" : "no valid forecast");
  else if (d->level_lo == d->level_hi) snprintf(buf, n, "%s", cat(d->level_lo));
  else snprintf(buf, n, "%s%s%s", cat(d->level_lo), chinese ? "至" : " to ", cat(d->level_hi));
}

/* ---------------------------------------------------------------- rules */

static int cond(const bl_day *days, int x, const bl_term *t)
{
  double v = day_value(&days[x], t->var);
  return !isnan(v) && (t->ge ? v >= t->threshold : v > t->threshold);
}

static int alt_holds(const bl_alt *a, const bl_day *days, int nday, int d)
{
  const bl_term *t0 = &a->term[0];
  if (!cond(days, d, t0)) return 0;
  int w0 = d, w1 = d;
  while (w0 > 0 && cond(days, w0 - 1, t0)) w0--;
  while (w1 < nday - 1 && cond(days, w1 + 1, t0)) w1++;
  if (w1 - w0 + 1 < t0->days) return 0;
  for (int k = 1; k < a->nterm; k++) {
    int run = 0, best = 0;
    for (int x = w0; x <= w1; x++) {
      run = cond(days, x, &a->term[k]) ? run + 1 : 0;
      if (run > best) best = run;
    }
    if (best < a->term[k].days) return 0;
  }
  return 1;
}

void bl_apply_rules(const bl_rule *rules, int nrule, bl_day *days, int nday)
{
  for (int d = 0; d < nday; d++) {
    days[d].warning = days[d].advisory = -1;
    for (int i = 0; i < nrule; i++) {
      int holds = 0;
      for (int a = 0; a < rules[i].nalt && !holds; a++) holds = alt_holds(&rules[i].alt[a], days, nday, d);
      if (!holds) continue;
      if (rules[i].kind == BL_WARNING) days[d].warning = i;
      else days[d].advisory = i;
    }
  }
}

/* ---------------------------------------------------------------- regions */

void bl_region_summary(const bl_day *const *days, const int *member, int ncity, int d, bl_region_day *out)
{
  memset(out, 0, sizeof *out);
  out->worst_city = out->nwarn_rule_max = out->nadv_rule_max = -1;
  for (int c = 0; c < ncity; c++) {
    if (!member[c]) continue;
    const bl_day *x = &days[c][d];
    out->ncity++;
    if (x->o3.mda8_valid && x->o3.mda8 > AQ_O3_8H_LIMIT_II) out->n_mda8_over160++;
    if (x->warning > out->nwarn_rule_max) out->nwarn_rule_max = x->warning;
    if (x->advisory > out->nadv_rule_max) out->nadv_rule_max = x->advisory;
    if (!x->complete) {
      out->nlevel[0]++;
      continue;
    }
    out->nvalid++;
    out->nlevel[x->aqi.level]++;
    if (x->aqi.aqi > 100) out->n_over100++;
    if (x->aqi.aqi > out->worst_aqi) out->worst_aqi = x->aqi.aqi, out->worst_city = c;
  }
}
