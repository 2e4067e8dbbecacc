/* projects.c — reads the industry classes and emission-reduction project lists of the
 * scenario files into plain structs (format: projects.h, README "Input formats").
 * Method: csv.c parses (file:line:column positions); each cell is converted and checked
 * here, and the first bad cell is refused naming the file, line, column, what was expected
 * and what was found. Dates are Beijing days (UTC+8); no emission arithmetic here. */
#include "io/csv/projects.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv/csv.h"
#include "model/core/tf_time.h"

#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int cell_err(const csv_table *t, int r, int c, const char *expected, tf_err *err)
{
  return tf_err_set(err, TF_EINVAL, "%s:%d:%d: column '%s': expected %s, found '%s'", t->name, t->line[r], c + 1,
                    t->header[c], expected, csv_str(t, r, c));
}

/* Split space-separated words of a cell into dst (at most PRJ_MAX_SECTORS). */
static int words(const csv_table *t, int r, int c, char (*dst)[PRJ_NAME_LEN], int *n, tf_err *err)
{
  const char *p = csv_str(t, r, c);
  *n = 0;
  while (*p) {
    p += strspn(p, " \t");
    size_t k = strcspn(p, " \t");
    if (!k) break;
    if (*n == PRJ_MAX_SECTORS || k >= PRJ_NAME_LEN)
      return cell_err(t, r, c, "at most 8 names of up to 63 characters", err);
    memcpy(dst[*n], p, k);
    dst[*n][k] = '\0';
    (*n)++;
    p += k;
  }
  return TF_OK;
}

int csv_industry_find(const csv_industry *ind, int nind, const char *id)
{
  for (int i = 0; i < nind; i++)
    if (!strcmp(ind[i].id, id)) return i;
  return -1;
}

int csv_read_industries(const char *path, csv_industry **out, int *n, tf_err *err)
{
  static const char *const cols[] = {"industry", "name", "group", "sectors", "point_industries"};
  int c[NCOLS(cols)];
  csv_table *t;
  *out = NULL;
  *n = 0;
  int rc = csv_read(path, &t, err);
  if (rc) return rc;
  if ((rc = csv_require_cols(t, NCOLS(cols), cols, c, err))) { csv_destroy(&t); return rc; }
  csv_industry *v = tf_calloc((size_t)(t->nrow ? t->nrow : 1), sizeof *v, err);
  if (!v) { csv_destroy(&t); return TF_ENOMEM; }
  for (int r = 0; r < t->nrow && !rc; r++) {
    csv_industry *q = &v[r];
    if ((rc = csv_copy_str(t, r, c[0], q->id, PRJ_NAME_LEN, 1, err)) ||
        (rc = csv_copy_str(t, r, c[1], q->name, (int)sizeof q->name, 0, err)) ||
        (rc = csv_copy_str(t, r, c[2], q->group, (int)sizeof q->group, 0, err)) ||
        (rc = words(t, r, c[3], q->sector, &q->nsector, err)) ||
        (rc = words(t, r, c[4], q->point_ind, &q->npoint_ind, err)))
      break;
    if (!q->nsector) { rc = cell_err(t, r, c[3], "at least one inventory sector", err); break; }
    for (int k = 0; k < r; k++)
      if (!strcmp(v[k].id, q->id)) {
        rc = tf_err_set(err, TF_EINVAL, "%s:%d:%d: industry '%s' listed twice (first at line %d)", path,
                        t->line[r], c[0] + 1, q->id, t->line[k]);
        break;
      }
  }
  if (rc) free(v);
  else { *out = v; *n = t->nrow; }
  csv_destroy(&t);
  return rc;
}

/* Day YYYY-MM-DD -> start of that Beijing day, UTC s; 0 on success. */
static int parse_day(const char *s, double *t_s)
{
  int y, m, d;
  char tail;
  if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    return 1;
  long days = tf_days_from_civil(y, m, d);
  int y2, m2, d2;
  tf_civil_from_days(days, &y2, &m2, &d2);
  if (y2 != y || m2 != m || d2 != d) return 1;
  *t_s = 86400.0 * (double)days - TF_BEIJING_OFFSET_S;
  return 0;
}

static int parse_location(const csv_table *t, int r, int c, csv_project *q, tf_err *err)
{
  const char *s = csv_str(t, r, c);
  static const char *const want = "a location 'LON LAT' (degrees), 'city:NAME' or 'stack:ID'";
  if (!strncmp(s, "city:", 5) || !strncmp(s, "stack:", 6)) {
    q->loc = s[0] == 'c' ? PRJ_LOC_CITY : PRJ_LOC_STACK;
    const char *w = strchr(s, ':') + 1;
    if (!*w || strlen(w) >= sizeof q->where) return cell_err(t, r, c, want, err);
    snprintf(q->where, sizeof q->where, "%s", w);
    return TF_OK;
  }
  char *end;
  q->lon = strtod(s, &end);
  if (end == s || !isspace((unsigned char)*end)) return cell_err(t, r, c, want, err);
  const char *p = end;
  q->lat = strtod(p, &end);
  while (isspace((unsigned char)*end)) end++;
  if (end == p || *end) return cell_err(t, r, c, want, err);
  if (!(q->lon >= -180 && q->lon <= 360 && q->lat >= -90 && q->lat <= 90))
    return cell_err(t, r, c, "longitude in -180..360 and latitude in -90..90 (order: LON LAT)", err);
  q->loc = PRJ_LOC_LONLAT;
  return TF_OK;
}

int csv_read_projects(const char *path, const csv_industry *ind, int nind, csv_project **out, int *n,
                      tf_err *err)
{
  static const char *const cols[] = {"id", "name", "industry", "location", "NOX_t_yr", "NMVOC_t_yr",
                                     "CO_t_yr", "SO2_t_yr", "NH3_t_yr", "completion"};
  int c[NCOLS(cols)];
  csv_table *t;
  *out = NULL;
  *n = 0;
  int rc = csv_read(path, &t, err);
  if (rc) return rc;
  if ((rc = csv_require_cols(t, NCOLS(cols), cols, c, err))) { csv_destroy(&t); return rc; }
  int ccost = csv_col(t, "cost_10k_cny");
  csv_project *v = tf_calloc((size_t)(t->nrow ? t->nrow : 1), sizeof *v, err);
  if (!v) { csv_destroy(&t); return TF_ENOMEM; }
  for (int r = 0; r < t->nrow && !rc; r++) {
    csv_project *q = &v[r];
    q->line = t->line[r];
    char indname[PRJ_NAME_LEN];
    if ((rc = csv_copy_str(t, r, c[0], q->id, PRJ_NAME_LEN, 1, err)) ||
        (rc = csv_copy_str(t, r, c[1], q->name, (int)sizeof q->name, 0, err)) ||
        (rc = csv_copy_str(t, r, c[2], indname, PRJ_NAME_LEN, 1, err)))
      break;
    /* ids are unique (a hash would be faster; lists of a few thousand rows take ~ms) */
    for (int k = 0; k < r && !rc; k++)
      if (!strcmp(v[k].id, q->id))
        rc = tf_err_set(err, TF_EINVAL, "%s:%d:%d: column 'id': project id '%s' used twice (first at line %d)",
                        path, t->line[r], c[0] + 1, q->id, v[k].line);
    if (rc) break;
    q->industry = csv_industry_find(ind, nind, indname);
    if (q->industry < 0) {
      const char *best = NULL;
      int bestd = 3;
      for (int k = 0; k < nind; k++) {
        /* edit distance on short names: Levenshtein with a small cap */
        const char *a = indname, *b = ind[k].id;
        int la = (int)strlen(a), lb = (int)strlen(b), d[65][65];
        if (la > 64 || lb > 64) continue;
        for (int i = 0; i <= la; i++) d[i][0] = i;
        for (int j = 0; j <= lb; j++) d[0][j] = j;
        for (int i = 1; i <= la; i++)
          for (int j = 1; j <= lb; j++) {
            int x = d[i - 1][j] + 1, y = d[i][j - 1] + 1, z = d[i - 1][j - 1] + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            d[i][j] = x < y ? (x < z ? x : z) : (y < z ? y : z);
          }
        if (d[la][lb] < bestd) { bestd = d[la][lb]; best = b; }
      }
      char exp[256];
      if (best) snprintf(exp, sizeof exp, "an industry of the industries table (did you mean '%s'?)", best);
      else snprintf(exp, sizeof exp, "an industry of the industries table (%d classes, e.g. '%s')", nind,
                    nind ? ind[0].id : "");
      rc = cell_err(t, r, c[2], exp, err);
      break;
    }
    if ((rc = parse_location(t, r, c[3], q, err))) break;
    int any = 0;
    for (int p = 0; p < 5 && !rc; p++) {
      if (csv_str(t, r, c[4 + p])[0] == '\0') { q->t_yr[p] = 0.0; continue; }
      if ((rc = csv_double(t, r, c[4 + p], &q->t_yr[p], err))) break;
      if (!(q->t_yr[p] >= 0.0)) rc = cell_err(t, r, c[4 + p], "tonnes per year >= 0", err);
      any |= q->t_yr[p] > 0.0;
    }
    if (rc) break;
    if (!any) { rc = cell_err(t, r, c[4], "at least one reduction > 0 t/yr in NOX_t_yr..NH3_t_yr", err); break; }
    if (csv_copy_str(t, r, c[9], q->completion, (int)sizeof q->completion, 1, err) ||
        parse_day(q->completion, &q->completion_s)) {
      rc = cell_err(t, r, c[9], "a completion day YYYY-MM-DD", err);
      break;
    }
    q->cost = NAN;
    if (ccost >= 0 && csv_str(t, r, ccost)[0]) {
      if ((rc = csv_double(t, r, ccost, &q->cost, err))) break;
      if (!(q->cost >= 0.0)) { rc = cell_err(t, r, ccost, "a cost >= 0 (10^4 CNY) or empty", err); break; }
    }
  }
  if (rc) free(v);
  else { *out = v; *n = t->nrow; }
  csv_destroy(&t);
  return rc;
}
