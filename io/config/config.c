/* config.c — loads an INI config file and validates it against the key table.
 *
 * Method: libinih's ini_parse_stream() with our own line reader. inih calls the reader
 * once per line and then, for a "key = value" line, the handler, so the reader's line
 * counter is the handler's line number (inih r55 has no line argument by default). The
 * reader also
 *   - validates "[section]" lines itself (inih does not call the handler for a section
 *     header, so an empty unknown section would otherwise pass silently),
 *   - strips leading blanks, so indented "key = value" lines stay keys, and passes an
 *     indented line without '=' unchanged so inih reports it as a continuation of the
 *     previous key (allowed for lists only),
 *   - turns a line longer than inih's buffer into an error instead of letting inih split it.
 * The first problem (ours, or inih's syntax error line = its return value) is reported,
 * in line order. After parsing, defaults are filled, lists split, paths resolved against
 * the config file's folder, and the cross-key rules of the table checked
 * (required, required-if, only-if, mutually exclusive keys).
 * "Did you mean" uses the optimal-string-alignment Damerau–Levenshtein distance
 * (Damerau 1964, Commun. ACM 7:171; Levenshtein 1966), case-insensitive, with a maximum
 * distance of 2 (1 for names of up to 3 characters). */
#include "io/config/config.h"
#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <unistd.h>
#include "io/config/config_impl.h"
#include "model/core/tf_time.h"

typedef struct {
  char *name;
  double value; /* in the map row's unit */
  int line;
} map_entry;

/* The state of one table row in a loaded file. */
typedef struct {
  int line;    /* line of the key (or section header); 0 = not in the file */
  char *text;  /* value as written (continuations joined); NULL = not set or empty */
  char *str;   /* effective text: as written / resolved path / default; NULL = unset */
  long i;      /* CFG_INT */
  double d;    /* CFG_DOUBLE, CFG_TIME (s since 1970); NAN when unset */
  int b;       /* CFG_BOOL */
  char **items; /* CFG_LIST, CFG_PATH_LIST */
  int n_items;
  const char *origin; /* set by cfg_override (e.g. "--hours"), else NULL */
  map_entry *map; /* CFG_MAP section rows */
  int n_map, cap_map;
} slot;

/* One `[family NAME]` section of a named-section family (CFG_NAMED section rows). */
typedef struct {
  int sec_row;  /* the family's section row */
  char *full;   /* "family NAME", the section string of getters */
  char *name;   /* NAME */
  int line;     /* of the header */
  slot *slots;  /* one per table row; only the family's rows are used */
} instance;

struct cfg_file {
  int kind;
  char *path; /* as given */
  char *dir;  /* absolute folder of the file */
  int nrows;
  const cfg_key *rows;
  slot *slots;      /* the slots being read or checked: main_slots or an instance's */
  slot *main_slots; /* one per table row; only rows of `kind` outside named families */
  int ninst;
  instance *inst;
};

enum { NO_SECTION = -1, BAD_SECTION = -2 };

typedef struct {
  cfg_file *cfg;
  FILE *fp;
  char *buf; /* getline buffer */
  size_t cap;
  char **lines; /* raw text of every line read, for inih syntax-error messages */
  int nlines, caplines;
  int lineno;
  int continuation; /* current line was passed to inih as an indented continuation */
  int sec_row;      /* table row of the current section, or NO_SECTION / BAD_SECTION */
  int last_row;     /* row of the last key set (for continuations), -1 none */
  int cur_inst;     /* instance of the current section, -1 = none */
  char secbuf[128]; /* "[name]" handed to inih */
  tf_err *err;
  int err_set;
} parse_state;

/* ------------------------------------------------------------------ small helpers */

static char *dupstr(const char *s)
{
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

static int lower(int c) { return tolower((unsigned char)c); }

int cfg_edit_distance(const char *a, const char *b)
{
  /* Optimal string alignment distance with three rolling rows; names are short, so a
   * fixed cap keeps it allocation-free (longer names are compared on their first 63). */
  enum { M = 64 };
  int la = (int)strlen(a), lb = (int)strlen(b);
  if (la > M - 1) la = M - 1;
  if (lb > M - 1) lb = M - 1;
  int r0[M], r1[M], r2[M]; /* rows i-2, i-1, i */
  for (int j = 0; j <= lb; j++) r1[j] = j;
  for (int j = 0; j <= lb; j++) r0[j] = j;
  for (int i = 1; i <= la; i++) {
    r2[0] = i;
    for (int j = 1; j <= lb; j++) {
      int cost = lower(a[i - 1]) != lower(b[j - 1]);
      int v = r1[j] + 1;
      if (r2[j - 1] + 1 < v) v = r2[j - 1] + 1;
      if (r1[j - 1] + cost < v) v = r1[j - 1] + cost;
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]) && r0[j - 2] + 1 < v)
        v = r0[j - 2] + 1; /* transposition */
      r2[j] = v;
    }
    memcpy(r0, r1, sizeof r0);
    memcpy(r1, r2, sizeof r1);
  }
  return r1[lb];
}

/* Keep `cand` as the best suggestion for `word` if it is close enough and closer. */
static void consider(const char *word, const char *cand, const char **best, int *bestd)
{
  int d = cfg_edit_distance(word, cand);
  int maxd = strlen(cand) <= 3 ? 1 : 2;
  if (d <= maxd && d < *bestd) {
    *best = cand;
    *bestd = d;
  }
}

/* The i-th word of "a|b|c" into buf; returns 0 when there is no such word. */
static int choice_at(const char *choices, int i, char *buf, size_t n)
{
  const char *p = choices;
  for (; i > 0 && p; i--) {
    p = strchr(p, '|');
    if (p) p++;
  }
  if (!p) return 0;
  size_t k = strcspn(p, "|");
  if (k >= n) k = n - 1;
  memcpy(buf, p, k);
  buf[k] = '\0';
  return 1;
}

/* Shortest "%g" that reads back exactly (for cfg_dump). */
static void fmt_double(double v, char *buf, size_t n)
{
  for (int p = 6; p <= 17; p++) {
    snprintf(buf, n, "%.*g", p, v);
    if (strtod(buf, NULL) == v) return;
  }
}

/* Bare builtin name: letters, digits, '_' and '-' only (so no '/' and no '.'). */
static int is_bare_name(const char *s)
{
  if (!*s) return 0;
  for (; *s; s++)
    if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-') return 0;
  return 1;
}

/* Absolute path of `rel` against `dir` (leading "./" dropped; ".." kept as written). */
static char *resolve(const char *dir, const char *rel)
{
  if (rel[0] == '/') return dupstr(rel);
  while (rel[0] == '.' && rel[1] == '/') rel += 2;
  size_t n = strlen(dir) + strlen(rel) + 2;
  char *p = malloc(n);
  if (p) snprintf(p, n, "%s/%s", dir, rel);
  return p;
}

/* ------------------------------------------------------------------ value parsing */

static int parse_long(const char *s, long *v)
{
  char *end;
  errno = 0;
  *v = strtol(s, &end, 10);
  return end != s && *end == '\0' && errno == 0;
}

static int parse_double(const char *s, double *v)
{
  char *end;
  errno = 0;
  *v = strtod(s, &end);
  return end != s && *end == '\0' && errno != ERANGE && isfinite(*v);
}

static int in_range(const cfg_key *r, double v)
{
  if (r->flags & CFG_HAS_MIN) {
    if ((r->flags & CFG_MIN_OPEN) ? !(v > r->min) : !(v >= r->min)) return 0;
  }
  if ((r->flags & CFG_HAS_MAX) && !(v <= r->max)) return 0;
  return 1;
}

static int parse_bool(const char *s, int *b)
{
  static const char *yes[] = {"on", "true", "yes", "1"}, *no[] = {"off", "false", "no", "0"};
  for (int i = 0; i < 4; i++) {
    if (!strcasecmp(s, yes[i])) return *b = 1, 1;
    if (!strcasecmp(s, no[i])) return *b = 0, 1;
  }
  return 0;
}

static void free_items(slot *s)
{
  for (int k = 0; k < s->n_items; k++) free(s->items[k]);
  free(s->items);
  s->items = NULL;
  s->n_items = 0;
}

/* Split a list on blanks and commas into s->items (paths resolved for CFG_PATH_LIST). */
static int split_list(const cfg_file *cfg, const cfg_key *r, const char *text, slot *s)
{
  free_items(s);
  size_t len = strlen(text);
  s->items = calloc(len / 2 + 1, sizeof *s->items); /* at most one word per 2 chars */
  if (!s->items) return TF_ENOMEM;
  const char *p = text;
  while (*p) {
    p += strspn(p, " \t,");
    size_t k = strcspn(p, " \t,");
    if (!k) break;
    char word[4096];
    if (k >= sizeof word) k = sizeof word - 1;
    memcpy(word, p, k);
    word[k] = '\0';
    p += k;
    char *it = r->type == CFG_PATH_LIST ? resolve(cfg->dir, word) : dupstr(word);
    if (!it) return TF_ENOMEM;
    s->items[s->n_items++] = it;
  }
  if (!s->n_items) free_items(s);
  return TF_OK;
}

/* Parse `text` for row r into s. On a bad value returns TF_EINVAL and writes
 * "expected <...>, found <...>" into why; TF_ENOMEM on allocation failure. */
static int parse_value(const cfg_file *cfg, const cfg_key *r, const char *text, slot *s,
                       char *why, size_t nwhy)
{
  char exp[320];
  cfgi_expected(r, exp, sizeof exp);
  free(s->str);
  s->str = NULL;
  s->d = NAN;
  switch (r->type) {
  case CFG_INT:
    if (!parse_long(text, &s->i)) goto bad_text;
    if (!in_range(r, (double)s->i)) goto bad_number;
    break;
  case CFG_DOUBLE:
  case CFG_MAP:
    if (!parse_double(text, &s->d)) goto bad_text;
    if (!in_range(r, s->d)) goto bad_number;
    break;
  case CFG_BOOL:
    if (!parse_bool(text, &s->b)) goto bad_text;
    break;
  case CFG_TIME: {
    tf_err terr;
    tf_err_clear(&terr);
    if (tf_time_parse(text, &s->d, &terr) != TF_OK) goto bad_text;
    break;
  }
  case CFG_ENUM: {
    char w[64], best[64] = "";
    int bestd = 1 << 20, found = 0;
    for (int i = 0; choice_at(r->choices, i, w, sizeof w); i++) {
      if (!strcmp(w, text)) found = 1;
      int d = cfg_edit_distance(text, w);
      if (d <= 2 && d < bestd) {
        bestd = d;
        snprintf(best, sizeof best, "%s", w);
      }
    }
    if (found) break;
    if (best[0])
      snprintf(why, nwhy, "expected %s, found '%s' (did you mean '%s'?)", exp, text, best);
    else
      snprintf(why, nwhy, "expected %s, found '%s'", exp, text);
    return TF_EINVAL;
  }
  case CFG_PATH:
    s->str = (r->flags & CFG_BUILTIN) && is_bare_name(text) ? dupstr(text)
                                                             : resolve(cfg->dir, text);
    return s->str ? TF_OK : TF_ENOMEM;
  case CFG_LIST:
  case CFG_PATH_LIST: {
    int rc = split_list(cfg, r, text, s);
    if (rc) return rc;
    break;
  }
  default: break;
  }
  s->str = dupstr(text);
  return s->str ? TF_OK : TF_ENOMEM;
bad_text:
  snprintf(why, nwhy, "expected %s, found '%s'", exp, text);
  return TF_EINVAL;
bad_number:
  snprintf(why, nwhy, "expected %s, found %s", exp, text);
  return TF_EINVAL;
}

/* ------------------------------------------------------------------ parsing */

/* Record the first error: "<file>:<line>: <message>" (no line when line <= 0). */
static int fail(parse_state *st, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int fail(parse_state *st, int line, const char *fmt, ...)
{
  if (st->err_set) return 0;
  char msg[TF_ERR_MSG_LEN];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (line > 0) tf_err_set(st->err, TF_EINVAL, "%s:%d: %s", st->cfg->path, line, msg);
  else tf_err_set(st->err, TF_EINVAL, "%s: %s", st->cfg->path, msg);
  st->err_set = line > 0 ? line : 1;
  return 0; /* inih: handler failed */
}

static int oom(parse_state *st)
{
  if (!st->err_set) {
    tf_err_set(st->err, TF_ENOMEM, "%s: out of memory while reading the config", st->cfg->path);
    st->err_set = st->lineno > 0 ? st->lineno : 1;
  }
  return 0;
}

/* "run config" / "box config". */
static const char *kind_name(int kind)
{
  return kind == CFG_KIND_RUN ? "run" : kind == CFG_KIND_BOX ? "box" : kind == CFG_KIND_SCENARIO ? "scenario" : "bulletin";
}

/* The family word of a section string ("measure" of "measure traffic_cut"). */
static const char *family_of(const char *section, char *buf, size_t n)
{
  size_t k = strcspn(section, " \t");
  if (!section[k]) return section;
  if (k >= n) k = n - 1;
  memcpy(buf, section, k);
  buf[k] = '\0';
  return buf;
}

/* Is table row i part of a named-section family? */
static int row_in_named(const cfg_file *cfg, int i)
{
  const cfg_key *r = &cfg->rows[i];
  int sec = r->key ? cfgi_find_section(r->kind, r->section) : i;
  return sec >= 0 && (cfg->rows[sec].flags & CFG_NAMED);
}

/* The section as the user wrote it: "measure traffic_cut" inside an instance, else the row's. */
static const char *label(const parse_state *st, const cfg_key *r)
{
  return st->cur_inst >= 0 ? st->cfg->inst[st->cur_inst].full : r->section;
}

static slot *new_slots(int nrows)
{
  slot *s = calloc((size_t)nrows, sizeof *s);
  for (int i = 0; s && i < nrows; i++) s[i].d = NAN;
  return s;
}

/* Comma-separated list of the sections of `kind`, "[run], [met], ..." */
static void list_sections(int kind, char *buf, size_t n)
{
  int nt;
  const cfg_key *t = cfg_table(&nt);
  size_t k = 0;
  buf[0] = '\0';
  for (int i = 0; i < nt && k < n; i++)
    if (t[i].kind == kind && !t[i].key)
      k += (size_t)snprintf(buf + k, n - k, "%s[%s]", k ? ", " : "", t[i].section);
}

static void list_keys(int kind, const char *section, char *buf, size_t n)
{
  int nt;
  const cfg_key *t = cfg_table(&nt);
  size_t k = 0;
  buf[0] = '\0';
  for (int i = 0; i < nt && k < n; i++)
    if (t[i].kind == kind && t[i].key && !strcmp(t[i].section, section))
      k += (size_t)snprintf(buf + k, n - k, "%s%s", k ? ", " : "", t[i].key);
}

static void check_section(parse_state *st, const char *name)
{
  int kind = st->cfg->kind, nt;
  cfg_file *cfg = st->cfg;
  char fam[96];
  const char *family = family_of(name, fam, sizeof fam);
  const char *iname = name + strlen(family);
  iname += strspn(iname, " \t");
  int row = cfgi_find_section(kind, family);
  st->cur_inst = -1;
  cfg->slots = cfg->main_slots;
  if (row >= 0 && (cfg->rows[row].flags & CFG_NAMED)) {
    if (!*iname) {
      fail(st, st->lineno, "section [%s] needs a name: expected [%s NAME]", family, family);
      st->sec_row = BAD_SECTION;
      return;
    }
    for (size_t k = 0; iname[k]; k++)
      if (!isalnum((unsigned char)iname[k]) && iname[k] != '_' && iname[k] != '-' && iname[k] != '.') {
        fail(st, st->lineno, "[%s %s]: expected a name of letters, digits, '_', '-' or '.', "
             "found '%c'", family, iname, iname[k]);
        st->sec_row = BAD_SECTION;
        return;
      }
    for (int k = 0; k < cfg->ninst; k++)
      if (cfg->inst[k].sec_row == row && !strcmp(cfg->inst[k].name, iname)) {
        fail(st, st->lineno, "section [%s %s] is defined twice (first on line %d)", family, iname,
             cfg->inst[k].line);
        st->sec_row = BAD_SECTION;
        return;
      }
    instance *in = realloc(cfg->inst, (size_t)(cfg->ninst + 1) * sizeof *in);
    if (!in) { oom(st); st->sec_row = BAD_SECTION; return; }
    cfg->inst = in;
    instance *I = &cfg->inst[cfg->ninst];
    memset(I, 0, sizeof *I);
    I->sec_row = row;
    I->line = st->lineno;
    I->name = dupstr(iname);
    size_t n = strlen(family) + strlen(iname) + 2;
    I->full = malloc(n);
    I->slots = new_slots(cfg->nrows);
    cfg->ninst++;
    if (!I->name || !I->full || !I->slots) { oom(st); st->sec_row = BAD_SECTION; return; }
    snprintf(I->full, n, "%s %s", family, iname);
    I->slots[row].line = st->lineno;
    st->cur_inst = cfg->ninst - 1;
    cfg->slots = I->slots;
    st->sec_row = row;
    return;
  }
  if (row >= 0 && *iname) {
    fail(st, st->lineno, "section [%s] takes no name: expected [%s], found [%s]", family, family, name);
    st->sec_row = BAD_SECTION;
    return;
  }
  if (row >= 0) {
    st->sec_row = row;
    if (!st->cfg->slots[row].line) st->cfg->slots[row].line = st->lineno;
    return;
  }
  name = family;
  st->sec_row = BAD_SECTION;
  const cfg_key *t = cfg_table(&nt);
  const char *best = NULL;
  int bestd = 1 << 20;
  for (int i = 0; i < nt; i++)
    if (t[i].kind == kind && !t[i].key) consider(name, t[i].section, &best, &bestd);
  if (best) {
    int named = (t[cfgi_find_section(kind, best)].flags & CFG_NAMED) != 0;
    fail(st, st->lineno, "unknown section [%s%s%s] (did you mean [%s%s%s]?)", name, *iname ? " " : "",
         iname, best, named && *iname ? " " : "", named ? iname : "");
    return;
  }
  int other = kind == CFG_KIND_RUN ? CFG_KIND_BOX : CFG_KIND_RUN;
  char list[512];
  list_sections(kind, list, sizeof list);
  if (cfgi_find_section(other, name) >= 0)
    fail(st, st->lineno, "section [%s] belongs to %s configs, but this file is read as a %s "
         "config (expected one of %s)", name, kind_name(other), kind_name(kind), list);
  else
    fail(st, st->lineno, "unknown section [%s]: expected one of %s", name, list);
}

static int keep_line(parse_state *st, const char *s)
{
  if (st->nlines == st->caplines) {
    int cap = st->caplines ? 2 * st->caplines : 64;
    char **l = realloc(st->lines, (size_t)cap * sizeof *l);
    if (!l) return 0;
    st->lines = l;
    st->caplines = cap;
  }
  char *d = dupstr(s);
  if (!d) return 0;
  st->lines[st->nlines++] = d;
  return 1;
}

/* End of the value part: first ';' preceded by a blank (inih's inline-comment rule). */
static size_t value_end(const char *s)
{
  for (size_t i = 0; s[i]; i++)
    if (s[i] == ';' && i > 0 && isspace((unsigned char)s[i - 1])) return i;
  return strlen(s);
}

/* inih's fgets-like reader: one line per call; see the file comment. */
static char *reader(char *str, int num, void *stream)
{
  parse_state *st = stream;
  ssize_t len = getline(&st->buf, &st->cap, st->fp);
  if (len < 0) return NULL;
  st->lineno++;
  while (len > 0 && (st->buf[len - 1] == '\n' || st->buf[len - 1] == '\r')) st->buf[--len] = '\0';
  char *s = st->buf;
  if (st->lineno == 1 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
      (unsigned char)s[2] == 0xBF)
    s += 3; /* UTF-8 byte-order mark */
  if (!keep_line(st, s)) oom(st);
  int indented = isspace((unsigned char)s[0]);
  char *t = s + strspn(s, " \t\v\f");
  const char *out = t;
  st->continuation = 0;
  if (!*t || *t == ';' || *t == '#') {
    out = "";
  } else if (*t == '[') {
    char *close = strchr(t, ']');
    out = "";
    if (!close) {
      fail(st, st->lineno, "section header '%s' has no closing ']'", t);
      st->sec_row = BAD_SECTION;
    } else {
      char *a = t + 1, *b = close;
      while (a < b && isspace((unsigned char)*a)) a++;
      while (b > a && isspace((unsigned char)b[-1])) b--;
      char name[96];
      size_t k = (size_t)(b - a) < sizeof name - 1 ? (size_t)(b - a) : sizeof name - 1;
      memcpy(name, a, k);
      name[k] = '\0';
      const char *rest = close + 1 + strspn(close + 1, " \t");
      if (*rest && *rest != ';' && *rest != '#') {
        fail(st, st->lineno, "unexpected text '%s' after section header [%s]: expected a "
             "comment (';') or nothing", rest, name);
        st->sec_row = BAD_SECTION;
      } else if (!k) {
        fail(st, st->lineno, "empty section name '[]'");
        st->sec_row = BAD_SECTION;
      } else {
        check_section(st, name);
      }
      snprintf(st->secbuf, sizeof st->secbuf, "[%s]", name);
      out = st->secbuf;
    }
    st->last_row = -1;
  } else if (indented && !memchr(t, '=', value_end(t))) {
    out = s; /* inih: continuation of the previous key (or its syntax error) */
    st->continuation = 1;
  }
  size_t n = strlen(out);
  if (n + 2 > (size_t)num) {
    fail(st, st->lineno, "line is %zu characters long; the INI reader (libinih) accepts at "
         "most %d (split a long list over indented continuation lines)", n, num - 2);
    out = "";
    n = 0;
  }
  memcpy(str, out, n);
  str[n] = '\n';
  str[n + 1] = '\0';
  return str;
}

/* Users coming from shell or Python write "value # comment"; inih only knows ';'. */
static const char *comment_hint(const char *value)
{
  return strstr(value, " #") ? " (an inline comment starts with ' ;', not '#')" : "";
}

/* A "name = number" entry of a free-form section. */
static int map_entry_add(parse_state *st, int row, const char *name, const char *value)
{
  cfg_file *cfg = st->cfg;
  const cfg_key *r = &cfg->rows[row];
  slot *s = &cfg->slots[row];
  for (int i = 0; i < s->n_map; i++)
    if (!strcmp(s->map[i].name, name))
      return fail(st, st->lineno, "[%s] '%s' is set twice (first on line %d)", r->section,
                  name, s->map[i].line);
  slot tmp = {0};
  char why[1024];
  int rc = parse_value(cfg, r, value, &tmp, why, sizeof why);
  free(tmp.str);
  if (rc == TF_ENOMEM) return oom(st);
  if (rc)
    return fail(st, st->lineno, "[%s] %s = %s: %s%s", r->section, name, value, why,
                comment_hint(value));
  if (s->n_map == s->cap_map) {
    int cap = s->cap_map ? 2 * s->cap_map : 16;
    map_entry *m = realloc(s->map, (size_t)cap * sizeof *m);
    if (!m) return oom(st);
    s->map = m;
    s->cap_map = cap;
  }
  map_entry *e = &s->map[s->n_map];
  e->name = dupstr(name);
  if (!e->name) return oom(st);
  e->value = tmp.d;
  e->line = st->lineno;
  s->n_map++;
  return 1;
}

static int unknown_key(parse_state *st, const char *section, const char *shown, const char *name)
{
  int kind = st->cfg->kind, nt;
  const cfg_key *t = cfg_table(&nt);
  const char *best = NULL;
  int bestd = 1 << 20;
  for (int i = 0; i < nt; i++)
    if (t[i].kind == kind && t[i].key && !strcmp(t[i].section, section))
      consider(name, t[i].key, &best, &bestd);
  if (best)
    return fail(st, st->lineno, "[%s] key '%s' is unknown (did you mean '%s'?)", shown, name,
                best);
  for (int i = 0; i < nt; i++)
    if (t[i].kind == kind && t[i].key && !strcmp(t[i].key, name))
      return fail(st, st->lineno, "[%s] key '%s' is unknown here (it belongs in [%s])",
                  shown, name, t[i].section);
  char list[1024];
  list_keys(kind, section, list, sizeof list);
  return fail(st, st->lineno, "[%s] key '%s' is unknown: expected one of %s", shown, name,
              list);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
  parse_state *st = user;
  cfg_file *cfg = st->cfg;
  (void)section; /* the reader tracks the section (inih truncates long names) */
  if (st->err_set) return 1; /* only the first problem is reported */
  if (st->continuation) {
    if (st->last_row < 0) return 1; /* after a bad key: already reported */
    const cfg_key *r = &cfg->rows[st->last_row];
    slot *s = &cfg->slots[st->last_row];
    if (r->type != CFG_LIST && r->type != CFG_PATH_LIST)
      return fail(st, st->lineno, "[%s] %s: indented line '%s' looks like a continuation, "
                  "but only list keys may continue on the next line: expected 'key = value'",
                  r->section, r->key, value);
    size_t n = (s->text ? strlen(s->text) : 0) + strlen(value) + 2;
    char *joined = malloc(n);
    if (!joined) return oom(st);
    snprintf(joined, n, "%s%s%s", s->text ? s->text : "", s->text ? " " : "", value);
    free(s->text);
    s->text = joined;
    return 1;
  }
  st->last_row = -1;
  if (st->sec_row == NO_SECTION)
    return fail(st, st->lineno, "key '%s' is outside any section: expected a [section] line "
                "first", name);
  if (st->sec_row == BAD_SECTION) return 1;
  const cfg_key *sec = &cfg->rows[st->sec_row];
  if (sec->type == CFG_MAP) {
    if (!*value)
      return fail(st, st->lineno, "[%s] %s has no value: expected a number", sec->section, name);
    return map_entry_add(st, st->sec_row, name, value);
  }
  int row = cfgi_find_key(cfg->kind, sec->section, name);
  if (row < 0) return unknown_key(st, sec->section, label(st, sec), name);
  slot *s = &cfg->slots[row];
  const cfg_key *r = &cfg->rows[row];
  if (s->line)
    return fail(st, st->lineno, "[%s] key '%s' is set twice (first on line %d)", label(st, r),
                name, s->line);
  s->line = st->lineno;
  st->last_row = row;
  if (!*value) return 1; /* empty = not set */
  s->text = dupstr(value);
  if (!s->text) return oom(st);
  if (r->type == CFG_LIST || r->type == CFG_PATH_LIST) return 1; /* after continuations */
  char why[1024];
  int rc = parse_value(cfg, r, value, s, why, sizeof why);
  if (rc == TF_ENOMEM) return oom(st);
  if (rc) return fail(st, st->lineno, "[%s] %s = %s: %s%s", label(st, r), name, value, why,
                      comment_hint(value));
  return 1;
}

/* ------------------------------------------------------------------ cross-key rules */

/* Does "sec.key=word|sec.key=word" hold? Fills desc with the alternatives in words
 * ("[boundary] initial = file or [boundary] lateral = file") and *line with the line of the
 * first alternative that holds (0 = by default). */
static int cond_holds(const cfg_file *cfg, const char *cond, char *desc, size_t n, int *line,
                      char *found, size_t nf)
{
  int holds = 0;
  size_t k = 0, kf = 0;
  *line = 0;
  desc[0] = found[0] = '\0';
  for (const char *p = cond; *p;) {
    size_t len = strcspn(p, "|");
    char alt[128], *dot, *eq;
    snprintf(alt, sizeof alt, "%.*s", (int)len, p);
    p += len + (p[len] == '|');
    dot = strchr(alt, '.');
    eq = strchr(alt, '=');
    if (!dot || !eq) continue; /* malformed table row: caught by the table test */
    *dot = *eq = '\0';
    int row = cfgi_find_key(cfg->kind, alt, dot + 1);
    int any = !strcmp(eq + 1, "*");   /* "key=*": the key is set */
    int unset = !strcmp(eq + 1, "-"); /* "key=-": the key has no value (nor a default) */
    if (k < n)
      k += any || unset ? (size_t)snprintf(desc + k, n - k, "%s[%s] %s is %s", k ? " or " : "", alt,
                                           dot + 1, any ? "set" : "unset")
                        : (size_t)snprintf(desc + k, n - k, "%s[%s] %s = %s", k ? " or " : "", alt,
                                           dot + 1, eq + 1);
    if (row < 0) continue;
    const char *v = cfg->slots[row].str;
    if (kf < nf)
      kf += (size_t)snprintf(found + kf, nf - kf, "%s%s = %s%s", kf ? ", " : "", dot + 1,
                             v ? v : "(unset)", cfg->slots[row].text ? "" : " (default)");
    if ((unset ? !v : v && (any || !strcmp(v, eq + 1))) && !holds) {
      holds = 1;
      *line = cfg->slots[row].line;
    }
  }
  return holds;
}

/* Is row i set in the file (key) or non-empty (map)? Returns its line, 0 if not. */
static int row_set_line(const cfg_file *cfg, int i)
{
  const slot *s = &cfg->slots[i];
  if (cfg->rows[i].type == CFG_MAP) return s->n_map ? s->map[0].line : 0;
  return s->text ? s->line : 0;
}

static void row_name(const cfg_key *r, const char *section, char *buf, size_t n)
{
  if (r->key) snprintf(buf, n, "[%s] %s", section, r->key);
  else snprintf(buf, n, "[%s]", section);
}

/* Fill defaults, split lists, then check required / excludes / required-if / only-if. */
static int finish_set(parse_state *st)
{
  const instance *I = st->cur_inst >= 0 ? &st->cfg->inst[st->cur_inst] : NULL;
  cfg_file *cfg = st->cfg;
  char why[1024], exp[320], nm[160], desc[512], found[512];
  for (int i = 0; i < cfg->nrows; i++) {
    const cfg_key *r = &cfg->rows[i];
    slot *s = &cfg->slots[i];
    if (r->kind != cfg->kind || !r->key) continue;
    if (I ? strcmp(r->section, cfg->rows[I->sec_row].section) != 0 : row_in_named(cfg, i)) continue;
    const char *text = s->text ? s->text : r->def;
    if (!s->text && (r->flags & CFG_REQUIRED)) {
      cfgi_expected(r, exp, sizeof exp);
      int sl = cfg->slots[cfgi_find_section(cfg->kind, r->section)].line;
      if (s->line)
        return fail(st, s->line, "[%s] %s is empty: expected %s (required)", label(st, r),
                    r->key, exp);
      return fail(st, sl, "[%s] required key '%s' is missing: expected %s", label(st, r), r->key,
                  exp);
    }
    if (!text) continue;
    int rc = s->str || s->items ? TF_OK : parse_value(cfg, r, text, s, why, sizeof why);
    if (rc == TF_ENOMEM) return oom(st);
    if (rc && s->text) return fail(st, s->line, "[%s] %s = %s: %s", label(st, r), r->key, text, why);
    if (!rc && (r->flags & CFG_REQUIRED) && (r->type == CFG_LIST || r->type == CFG_PATH_LIST) &&
        !s->n_items) {
      cfgi_expected(r, exp, sizeof exp);
      return fail(st, s->line, "[%s] %s = %s: expected %s (required), found no item", label(st, r),
                  r->key, text, exp);
    }
    if (rc) {
      tf_err_set(st->err, TF_EINTERNAL, "config table: default of [%s] %s: %s", label(st, r),
                 r->key, why);
      return st->err_set = 1, 0;
    }
  }
  for (int i = 0; i < cfg->nrows; i++) {
    const cfg_key *r = &cfg->rows[i];
    if (r->kind != cfg->kind || r->type == CFG_SECTION) continue;
    if (I ? strcmp(r->section, cfg->rows[I->sec_row].section) != 0 : row_in_named(cfg, i)) continue;
    int line = row_set_line(cfg, i);
    row_name(r, label(st, r), nm, sizeof nm);
    if (r->excludes && line) {
      int j = cfgi_find_key(cfg->kind, r->section, r->excludes);
      int other = j >= 0 ? row_set_line(cfg, j) : 0;
      if (other)
        return fail(st, line > other ? line : other, "[%s] %s (line %d) and %s (line %d) are "
                    "both set: set at most one of them", label(st, r), r->key, line, r->excludes,
                    other);
    }
    if (!(r->flags & (CFG_REQ_IF | CFG_ONLY_IF)) || !r->cond) continue;
    int cline;
    int holds = cond_holds(cfg, r->cond, desc, sizeof desc, &cline, found, sizeof found);
    char at[32] = "";
    if (cline) snprintf(at, sizeof at, " (line %d)", cline);
    int no_item = line && (r->type == CFG_LIST || r->type == CFG_PATH_LIST) && !cfg->slots[i].n_items;
    if ((r->flags & CFG_REQ_IF) && holds && (!line || no_item)) {
      int sl = cfg->slots[r->key ? cfgi_find_section(cfg->kind, r->section) : i].line;
      if (!sl) sl = cline;
      if (r->type == CFG_MAP)
        return fail(st, sl, "%s needs at least one 'name = value' entry when %s%s, found none",
                    nm, desc, at);
      if (no_item) return fail(st, line, "%s is required when %s%s, found no item", nm, desc, at);
      return fail(st, sl, "%s is required when %s%s, found it unset", nm, desc, at);
    }
    if ((r->flags & CFG_ONLY_IF) && !holds && line)
      return fail(st, line, "%s is set but only used when %s; found %s: remove it or change "
                  "that setting", nm, desc, found);
  }
  return 1;
}

/* The main sections, then every named section on its own slots. */
static int finish(parse_state *st)
{
  cfg_file *cfg = st->cfg;
  st->cur_inst = -1;
  cfg->slots = cfg->main_slots;
  if (!finish_set(st)) return 0;
  for (int k = 0; k < cfg->ninst; k++) {
    st->cur_inst = k;
    cfg->slots = cfg->inst[k].slots;
    int ok = finish_set(st);
    cfg->slots = cfg->main_slots;
    if (!ok || st->err_set) return 0;
  }
  st->cur_inst = -1;
  return 1;
}

/* inih's own syntax error at `line`: quote the line. */
static void syntax_error(parse_state *st, int line)
{
  const char *text = line >= 1 && line <= st->nlines ? st->lines[line - 1] : "";
  text += strspn(text, " \t");
  fail(st, line, "syntax error: expected '[section]', 'key = value' or a comment, found '%s'",
       text);
}

/* ------------------------------------------------------------------ public API */


/* Absolute form of a folder: itself if absolute, else the working directory joined with
 * it (getcwd is POSIX.1; realpath would need XSI feature macros). */
static char *absolute_folder(const char *folder)
{
  if (folder[0] == '/') return dupstr(folder);
  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) return NULL;
  if (!strcmp(folder, ".")) return dupstr(cwd);
  return resolve(cwd, folder);
}

cfg_file *cfg_load(const char *path, int kind, tf_err *err)
{
  if (kind != CFG_KIND_RUN && kind != CFG_KIND_BOX && kind != CFG_KIND_SCENARIO && kind != CFG_KIND_BULLETIN) {
    tf_err_set(err, TF_EINVAL, "cfg_load: kind must be CFG_KIND_RUN, _BOX, _SCENARIO or _BULLETIN, found %d",
               kind);
    return NULL;
  }
  FILE *fp = fopen(path, "r");
  if (!fp) {
    tf_err_set(err, TF_EIO, "cannot open config file '%s': %s", path, strerror(errno));
    return NULL;
  }
  cfg_file *cfg = tf_calloc(1, sizeof *cfg, err);
  if (!cfg) {
    fclose(fp);
    return NULL;
  }
  cfg->kind = kind;
  cfg->rows = cfg_table(&cfg->nrows);
  cfg->path = dupstr(path);
  cfg->slots = cfg->main_slots = new_slots(cfg->nrows);
  /* Folder of the file, absolute: relative paths in the file are relative to it. */
  char *folder = dupstr(path);
  if (folder) {
    char *slash = strrchr(folder, '/');
    if (!slash) strcpy(folder, ".");
    else if (slash == folder) slash[1] = '\0';
    else *slash = '\0';
    cfg->dir = absolute_folder(folder);
    if (!cfg->dir) tf_err_set(err, TF_EIO, "cannot resolve the folder of '%s': %s", path,
                              strerror(errno));
    free(folder);
  }
  if (!cfg->path || !cfg->slots || !folder) tf_err_set(err, TF_ENOMEM, "out of memory");
  if (!cfg->path || !cfg->slots || !cfg->dir) {
    fclose(fp);
    cfg_destroy(&cfg);
    return NULL;
  }
  parse_state st = {.cfg = cfg, .fp = fp, .sec_row = NO_SECTION, .last_row = -1, .cur_inst = -1,
                    .err = err};
  tf_err_clear(err);
  int ret = ini_parse_stream(reader, &st, handler, &st);
  if (ferror(fp)) {
    tf_err_set(err, TF_EIO, "%s:%d: read error: %s", path, st.lineno, strerror(errno));
    st.err_set = 1;
  }
  fclose(fp);
  /* inih returns the first failing line: a syntax error, or a line our handler rejected.
   * Report whichever problem comes first in the file. */
  if (ret > 0 && (!st.err_set || ret < st.err_set)) {
    st.err_set = 0;
    syntax_error(&st, ret);
  } else if (ret < 0 && !st.err_set) {
    tf_err_set(err, TF_ENOMEM, "%s: libinih failed (code %d)", path, ret);
    st.err_set = 1;
  }
  cfg->slots = cfg->main_slots;
  if (!st.err_set) finish(&st);
  cfg->slots = cfg->main_slots;
  free(st.buf);
  for (int i = 0; i < st.nlines; i++) free(st.lines[i]);
  free(st.lines);
  if (st.err_set) {
    cfg_destroy(&cfg);
    return NULL;
  }
  return cfg;
}

static void free_slots(slot *slots, int nrows)
{
  if (!slots) return;
  for (int i = 0; i < nrows; i++) {
    slot *s = &slots[i];
    free(s->text);
    free(s->str);
    free_items(s);
    for (int k = 0; k < s->n_map; k++) free(s->map[k].name);
    free(s->map);
  }
  free(slots);
}

void cfg_destroy(cfg_file **pcfg)
{
  if (!pcfg || !*pcfg) return;
  cfg_file *cfg = *pcfg;
  free_slots(cfg->main_slots, cfg->nrows);
  for (int k = 0; k < cfg->ninst; k++) {
    free_slots(cfg->inst[k].slots, cfg->nrows);
    free(cfg->inst[k].full);
    free(cfg->inst[k].name);
  }
  free(cfg->inst);
  free(cfg->path);
  free(cfg->dir);
  free(cfg);
  *pcfg = NULL;
}

const char *cfg_filename(const cfg_file *cfg) { return cfg->path; }
const char *cfg_dir(const cfg_file *cfg) { return cfg->dir; }
int cfg_kind(const cfg_file *cfg) { return cfg->kind; }

/* A programming error (key not in the table, wrong getter): impossible in correct code. */
static void misuse(const char *fn, const cfg_file *cfg, const char *section, const char *key,
                   const char *why)
{
  fprintf(stderr, "tianfu: internal error: %s(\"%s\", \"%s\") on a %s config: %s\n", fn,
          section ? section : "(null)", key ? key : "(null)", kind_name(cfg->kind), why);
  abort();
}

static int key_row(const cfg_file *cfg, const char *fn, const char *section, const char *key)
{
  char fam[96];
  int row = section && key ? cfgi_find_key(cfg->kind, family_of(section, fam, sizeof fam), key) : -1;
  if (row < 0) misuse(fn, cfg, section, key, "no such key in the config table");
  return row;
}

/* The slots of a section string: an instance's for "family NAME", else the main ones. */
static slot *slots_of(const cfg_file *cfg, const char *fn, const char *section)
{
  if (!section || !section[strcspn(section, " \t")]) return cfg->main_slots;
  for (int k = 0; k < cfg->ninst; k++)
    if (!strcmp(cfg->inst[k].full, section)) return cfg->inst[k].slots;
  misuse(fn, cfg, section, "", "no such named section in the file");
  return NULL;
}
#define SLOTS(fn) slots_of(cfg, fn, section)

int cfg_instance_count(const cfg_file *cfg, const char *family)
{
  int n = 0;
  for (int k = 0; k < cfg->ninst; k++) n += !strcmp(cfg->rows[cfg->inst[k].sec_row].section, family);
  return n;
}

const char *cfg_instance(const cfg_file *cfg, const char *family, int i, const char **name)
{
  for (int k = 0; k < cfg->ninst; k++)
    if (!strcmp(cfg->rows[cfg->inst[k].sec_row].section, family) && i-- == 0) {
      if (name) *name = cfg->inst[k].name;
      return cfg->inst[k].full;
    }
  return NULL;
}

static const slot *typed(const cfg_file *cfg, const char *fn, const char *section,
                         const char *key, cfg_type t1, cfg_type t2)
{
  int row = key_row(cfg, fn, section, key);
  cfg_type t = cfg->rows[row].type;
  if (t != t1 && t != t2) misuse(fn, cfg, section, key, "the key has another type");
  return &SLOTS(fn)[row];
}

int cfg_has(const cfg_file *cfg, const char *section, const char *key)
{
  return SLOTS("cfg_has")[key_row(cfg, "cfg_has", section, key)].text != NULL;
}

static int map_row(const cfg_file *cfg, const char *fn, const char *section)
{
  int row = section ? cfgi_find_section(cfg->kind, section) : -1;
  if (row < 0 || cfg->rows[row].type != CFG_MAP)
    misuse(fn, cfg, section, "", "no such free-form section in the config table");
  return row;
}

int cfg_line(const cfg_file *cfg, const char *section, const char *key)
{
  char fam[96];
  if (!key) {
    int row = section ? cfgi_find_section(cfg->kind, family_of(section, fam, sizeof fam)) : -1;
    if (row < 0) misuse("cfg_line", cfg, section, key, "no such section in the config table");
    return SLOTS("cfg_line")[row].line;
  }
  int sec = section ? cfgi_find_section(cfg->kind, section) : -1;
  if (sec >= 0 && cfg->rows[sec].type == CFG_MAP) {
    const slot *s = &cfg->slots[sec];
    for (int i = 0; i < s->n_map; i++)
      if (!strcmp(s->map[i].name, key)) return s->map[i].line;
    return 0;
  }
  return SLOTS("cfg_line")[key_row(cfg, "cfg_line", section, key)].line;
}

const char *cfg_get_str(const cfg_file *cfg, const char *section, const char *key)
{
  int row = key_row(cfg, "cfg_get_str", section, key);
  cfg_type t = cfg->rows[row].type;
  if (t == CFG_LIST || t == CFG_PATH_LIST) misuse("cfg_get_str", cfg, section, key,
                                                  "a list: use cfg_get_list");
  return SLOTS("cfg_get_str")[row].str;
}

long cfg_get_int(const cfg_file *cfg, const char *section, const char *key)
{
  return typed(cfg, "cfg_get_int", section, key, CFG_INT, CFG_INT)->i;
}

double cfg_get_double(const cfg_file *cfg, const char *section, const char *key)
{
  const slot *s = typed(cfg, "cfg_get_double", section, key, CFG_DOUBLE, CFG_DOUBLE);
  return s->str ? s->d : NAN;
}

int cfg_get_bool(const cfg_file *cfg, const char *section, const char *key)
{
  return typed(cfg, "cfg_get_bool", section, key, CFG_BOOL, CFG_BOOL)->b;
}

double cfg_get_time(const cfg_file *cfg, const char *section, const char *key)
{
  const slot *s = typed(cfg, "cfg_get_time", section, key, CFG_TIME, CFG_TIME);
  return s->str ? s->d : NAN;
}

int cfg_get_list(const cfg_file *cfg, const char *section, const char *key,
                 const char *const **items)
{
  const slot *s = typed(cfg, "cfg_get_list", section, key, CFG_LIST, CFG_PATH_LIST);
  if (items) *items = (const char *const *)s->items;
  return s->n_items;
}

int cfg_get_enum(const cfg_file *cfg, const char *section, const char *key)
{
  int row = key_row(cfg, "cfg_get_enum", section, key);
  const slot *s = typed(cfg, "cfg_get_enum", section, key, CFG_ENUM, CFG_ENUM);
  char w[64];
  for (int i = 0; s->str && choice_at(cfg->rows[row].choices, i, w, sizeof w); i++)
    if (!strcmp(w, s->str)) return i;
  return -1;
}

int cfg_is_builtin(const cfg_file *cfg, const char *section, const char *key)
{
  const slot *s = typed(cfg, "cfg_is_builtin", section, key, CFG_PATH, CFG_PATH);
  return s->str && s->str[0] != '/';
}

int cfg_override(cfg_file *cfg, const char *section, const char *key, const char *text,
                 const char *origin, tf_err *err)
{
  int row = key_row(cfg, "cfg_override", section, key);
  const cfg_key *r = &cfg->rows[row];
  slot *s = &SLOTS("cfg_override")[row];
  char cwd[4096], why[512] = "";
  if (!getcwd(cwd, sizeof cwd)) return tf_err_set(err, TF_EIO, "cannot read the working directory: %s", strerror(errno));
  /* relative paths of the command line are relative to the working directory */
  char *dir = cfg->dir;
  cfg->dir = cwd;
  free_items(s);
  int rc = text && text[0] ? parse_value(cfg, r, text, s, why, sizeof why) : TF_EINVAL;
  cfg->dir = dir;
  if (rc == TF_ENOMEM) return tf_err_set(err, TF_ENOMEM, "out of memory");
  if (rc) {
    if (!why[0]) snprintf(why, sizeof why, "a value is required");
    return tf_err_set(err, TF_EINVAL, "%s %s: %s", origin, text ? text : "", why);
  }
  free(s->text);
  s->text = dupstr(text);
  if (!s->text) return tf_err_set(err, TF_ENOMEM, "out of memory");
  s->line = 0;
  s->origin = origin;
  return TF_OK;
}

const char *cfg_origin(const cfg_file *cfg, const char *section, const char *key)
{
  return SLOTS("cfg_origin")[key_row(cfg, "cfg_origin", section, key)].origin;
}

int cfg_map_count(const cfg_file *cfg, const char *section)
{
  return cfg->slots[map_row(cfg, "cfg_map_count", section)].n_map;
}

int cfg_map_get(const cfg_file *cfg, const char *section, int i, const char **name,
                double *value)
{
  const slot *s = &cfg->slots[map_row(cfg, "cfg_map_get", section)];
  if (i < 0 || i >= s->n_map) return TF_EINVAL;
  if (name) *name = s->map[i].name;
  if (value) *value = s->map[i].value;
  return TF_OK;
}

int cfg_dump(const cfg_file *cfg, FILE *f)
{
  char num[40];
  fprintf(f, "; effective %s config of %s (folder %s)\n; '; default' marks values not set in "
          "the file\n", kind_name(cfg->kind), cfg->path, cfg->dir);
  for (int i = 0; i < cfg->nrows; i++) {
    const cfg_key *r = &cfg->rows[i];
    const slot *s = &cfg->slots[i];
    if (r->kind != cfg->kind || row_in_named(cfg, i)) continue;
    if (!r->key) {
      fprintf(f, "\n[%s]\n", r->section);
      for (int k = 0; k < s->n_map; k++) {
        fmt_double(s->map[k].value, num, sizeof num);
        fprintf(f, "%s = %s\n", s->map[k].name, num);
      }
      continue;
    }
    int w = fprintf(f, "%s =", r->key);
    if (r->type == CFG_LIST || r->type == CFG_PATH_LIST) {
      /* Long lists go one item per indented continuation line: inih's line buffer is
       * about 200 characters and absolute paths are long. */
      size_t total = 0;
      for (int k = 0; k < s->n_items; k++) total += strlen(s->items[k]) + 1;
      for (int k = 0; k < s->n_items; k++)
        w += fprintf(f, "%s%s", total > 120 && k ? "\n    " : " ", s->items[k]);
    } else if (r->type == CFG_BOOL && s->str) {
      w += fprintf(f, " %s", s->b ? "on" : "off");
    } else if (s->str) {
      w += fprintf(f, " %s", s->str);
    }
    const char *note = s->text ? NULL : (s->str || s->n_items) ? "default" : "not set";
    if (note) {
      fprintf(f, "%*s ; %s", w < 30 ? 30 - w : 1, "", note);
      if (!s->str && !s->n_items && r->def_doc) fprintf(f, ": %s", r->def_doc);
    }
    fputc('\n', f);
  }
  return ferror(f) ? TF_EIO : TF_OK;
}

int cfg_key_err(const cfg_file *cfg, const char *section, const char *key, tf_err *err)
{
  int line = key ? cfg_line(cfg, section, key) : 0;
  if (!line) line = cfg_line(cfg, section, NULL);
  char msg[TF_ERR_MSG_LEN];
  snprintf(msg, sizeof msg, "%s", err->msg);
  if (key)
    return tf_err_set(err, err->code ? err->code : TF_EINVAL, "%s:%d: [%s] %s: %s", cfg_filename(cfg), line,
                      section, key, msg);
  return tf_err_set(err, err->code ? err->code : TF_EINVAL, "%s:%d: [%s]: %s", cfg_filename(cfg), line, section, msg);
}
