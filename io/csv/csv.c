/* csv.c — parse small CSV tables (species properties, speciation profiles, boundary
 * profiles, point sources, cities) into a header + string-cell table.
 *
 * Method: the whole file is read into memory, split into physical lines, comment ('#')
 * and blank lines skipped, each remaining line split into fields with an RFC 4180 quote
 * state machine (no embedded newlines). Typed accessors parse cells on demand with
 * strtod/strtol and report "file:line:column" (column = 1-based field number) plus the
 * column name, the expected type and the text found. Tables here have at most a few
 * thousand rows, so simplicity wins over speed. */
#include "io/csv/csv.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Growable array of char* (fields of the whole table, then rows). */
typedef struct strvec {
  char **v;
  int n, cap;
} strvec;

static int strvec_push(strvec *s, char *p, tf_err *err)
{
  if (s->n == s->cap) {
    int cap = s->cap ? 2 * s->cap : 64;
    char **nv = realloc(s->v, (size_t)cap * sizeof *nv);
    if (!nv) {
      free(p);
      return tf_err_set(err, TF_ENOMEM, "csv: out of memory (%d fields)", cap);
    }
    s->v = nv;
    s->cap = cap;
  }
  s->v[s->n++] = p;
  return TF_OK;
}

static char *dup_range(const char *a, size_t n)
{
  char *p = malloc(n + 1);
  if (!p) return NULL;
  memcpy(p, a, n);
  p[n] = '\0';
  return p;
}

/* Split one line (without newline) into fields appended to out; returns count or -1. */
static int split_line(const char *s, size_t len, const char *name, int lineno, strvec *out,
                      tf_err *err)
{
  int nf = 0;
  size_t i = 0;
  char *buf = malloc(len + 1);
  if (!buf) return tf_err_set(err, TF_ENOMEM, "csv: out of memory"), -1;
  for (;;) {
    size_t o = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i < len && s[i] == '"') {
      i++;
      for (;;) {
        if (i >= len) {
          free(buf);
          tf_err_set(err, TF_EFORMAT, "%s:%d:%d: unterminated quoted field", name, lineno, nf + 1);
          return -1;
        }
        if (s[i] == '"') {
          if (i + 1 < len && s[i + 1] == '"') { buf[o++] = '"'; i += 2; continue; }
          i++;
          break;
        }
        buf[o++] = s[i++];
      }
      while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
      if (i < len && s[i] != ',') {
        free(buf);
        tf_err_set(err, TF_EFORMAT, "%s:%d:%d: expected ',' after a quoted field, found '%c'",
                   name, lineno, nf + 1, s[i]);
        return -1;
      }
    } else {
      while (i < len && s[i] != ',') buf[o++] = s[i++];
      while (o > 0 && (buf[o - 1] == ' ' || buf[o - 1] == '\t')) o--;
    }
    char *f = dup_range(buf, o);
    if (!f) { free(buf); tf_err_set(err, TF_ENOMEM, "csv: out of memory"); return -1; }
    if (strvec_push(out, f, err)) { free(buf); return -1; }
    nf++;
    if (i >= len) break;
    i++; /* skip ',' ; a trailing comma yields one more empty field */
  }
  free(buf);
  return nf;
}

int csv_parse(const char *text, const char *name, csv_table **out, tf_err *err)
{
  *out = NULL;
  csv_table *t = calloc(1, sizeof *t);
  strvec cells = {0};
  int *lines = NULL, nlines_cap = 0;
  if (!t || !(t->name = dup_range(name, strlen(name)))) {
    free(t);
    return tf_err_set(err, TF_ENOMEM, "csv: out of memory");
  }
  const char *p = text;
  int lineno = 0, rc = TF_OK;
  while (*p) {
    const char *e = strchr(p, '\n');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    lineno++;
    const char *ls = p;
    p = e ? e + 1 : p + len;
    if (len > 0 && ls[len - 1] == '\r') len--;
    size_t k = 0;
    while (k < len && isspace((unsigned char)ls[k])) k++;
    if (k == len || ls[k] == '#') continue;
    int nf = split_line(ls, len, name, lineno, &cells, err);
    if (nf < 0) { rc = err ? err->code : TF_EFORMAT; break; }
    if (!t->header) {
      t->ncol = nf;
      t->header = calloc((size_t)nf, sizeof *t->header);
      if (!t->header) { rc = tf_err_set(err, TF_ENOMEM, "csv: out of memory"); break; }
      for (int c = 0; c < nf; c++) t->header[c] = cells.v[c];
      cells.n = 0;
      continue;
    }
    if (nf != t->ncol) {
      rc = tf_err_set(err, TF_EFORMAT, "%s:%d: expected %d fields (as in the header), found %d",
                      name, lineno, t->ncol, nf);
      break;
    }
    if (t->nrow == nlines_cap) {
      nlines_cap = nlines_cap ? 2 * nlines_cap : 64;
      int *nl = realloc(lines, (size_t)nlines_cap * sizeof *nl);
      if (!nl) { rc = tf_err_set(err, TF_ENOMEM, "csv: out of memory"); break; }
      lines = nl;
    }
    lines[t->nrow++] = lineno;
  }
  if (rc == TF_OK && !t->header)
    rc = tf_err_set(err, TF_EFORMAT, "%s: no header line (file is empty or only comments)", name);
  t->cell = cells.v;
  t->line = lines;
  if (rc != TF_OK) {
    /* cells.v holds the data fields pushed so far (header fields moved out) */
    for (int i = 0; i < cells.n; i++) free(cells.v[i]);
    free(cells.v);
    t->cell = NULL;
    t->nrow = 0;
    csv_destroy(&t);
    return rc;
  }
  *out = t;
  return TF_OK;
}

int csv_read(const char *path, csv_table **out, tf_err *err)
{
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (!f) return tf_err_set(err, TF_EIO, "%s: cannot open: %s", path, strerror(errno));
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  if (!buf) { fclose(f); return tf_err_set(err, TF_ENOMEM, "csv: out of memory"); }
  for (;;) {
    if (n + 4096 + 1 > cap) {
      char *nb = realloc(buf, cap *= 2);
      if (!nb) { free(buf); fclose(f); return tf_err_set(err, TF_ENOMEM, "csv: out of memory"); }
      buf = nb;
    }
    size_t r = fread(buf + n, 1, 4096, f);
    n += r;
    if (r < 4096) break;
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) { free(buf); return tf_err_set(err, TF_EIO, "%s: read error", path); }
  buf[n] = '\0';
  if (memchr(buf, '\0', n)) { free(buf); return tf_err_set(err, TF_EFORMAT, "%s: binary file (NUL byte), expected CSV text", path); }
  /* skip a UTF-8 byte-order mark */
  const char *start = (n >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
                       (unsigned char)buf[2] == 0xBF) ? buf + 3 : buf;
  int rc = csv_parse(start, path, out, err);
  free(buf);
  return rc;
}

void csv_destroy(csv_table **pt)
{
  if (!pt || !*pt) return;
  csv_table *t = *pt;
  if (t->header) for (int c = 0; c < t->ncol; c++) free(t->header[c]);
  if (t->cell) for (long i = 0; i < (long)t->nrow * t->ncol; i++) free(t->cell[i]);
  free(t->header);
  free(t->cell);
  free(t->line);
  free(t->name);
  free(t);
  *pt = NULL;
}

int csv_col(const csv_table *t, const char *colname)
{
  for (int c = 0; c < t->ncol; c++)
    if (strcmp(t->header[c], colname) == 0) return c;
  return -1;
}

int csv_require_cols(const csv_table *t, int n, const char *const *names, int *idx, tf_err *err)
{
  for (int i = 0; i < n; i++) {
    idx[i] = csv_col(t, names[i]);
    if (idx[i] < 0) {
      char have[512] = "";
      size_t o = 0;
      for (int c = 0; c < t->ncol && o < sizeof have - 1; c++)
        o += (size_t)snprintf(have + o, sizeof have - o, "%s%s", c ? "," : "", t->header[c]);
      return tf_err_set(err, TF_EFORMAT, "%s: missing column '%s' (header has: %s)", t->name,
                        names[i], have);
    }
  }
  return TF_OK;
}

const char *csv_str(const csv_table *t, int row, int col)
{
  return t->cell[(size_t)row * (size_t)t->ncol + (size_t)col];
}

static int bad_cell(const csv_table *t, int row, int col, const char *what, tf_err *err)
{
  return tf_err_set(err, TF_EFORMAT, "%s:%d:%d: column '%s': expected %s, found '%s'", t->name,
                    t->line[row], col + 1, t->header[col], what, csv_str(t, row, col));
}

int csv_double(const csv_table *t, int row, int col, double *v, tf_err *err)
{
  const char *s = csv_str(t, row, col);
  char *end;
  errno = 0;
  double x = strtod(s, &end);
  if (end == s || *end != '\0' || errno == ERANGE || !isfinite(x))
    return bad_cell(t, row, col, "a number", err);
  *v = x;
  return TF_OK;
}

int csv_int(const csv_table *t, int row, int col, int *v, tf_err *err)
{
  const char *s = csv_str(t, row, col);
  char *end;
  errno = 0;
  long x = strtol(s, &end, 10);
  if (end == s || *end != '\0' || errno == ERANGE || x < -2147483647L || x > 2147483647L)
    return bad_cell(t, row, col, "an integer", err);
  *v = (int)x;
  return TF_OK;
}

static int ieq(const char *a, const char *b)
{
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
  return *a == *b;
}

int csv_bool(const csv_table *t, int row, int col, int *v, tf_err *err)
{
  const char *s = csv_str(t, row, col);
  if (ieq(s, "yes") || ieq(s, "true") || ieq(s, "1") || ieq(s, "on")) { *v = 1; return TF_OK; }
  if (ieq(s, "no") || ieq(s, "false") || ieq(s, "0") || ieq(s, "off")) { *v = 0; return TF_OK; }
  return bad_cell(t, row, col, "yes or no", err);
}

int csv_check_range(const csv_table *t, int row, int col, double v, double lo, double hi,
                    tf_err *err)
{
  if (v >= lo && v <= hi) return TF_OK;
  return tf_err_set(err, TF_EINVAL, "%s:%d:%d: column '%s': expected a value in [%g, %g], found %g",
                    t->name, t->line[row], col + 1, t->header[col], lo, hi, v);
}

int csv_copy_str(const csv_table *t, int row, int col, char *buf, int n, int nonempty,
                 tf_err *err)
{
  const char *s = csv_str(t, row, col);
  size_t len = strlen(s);
  if (nonempty && len == 0) return bad_cell(t, row, col, "a non-empty text", err);
  if (len >= (size_t)n)
    return tf_err_set(err, TF_EFORMAT, "%s:%d:%d: column '%s': text longer than %d characters: '%s'",
                      t->name, t->line[row], col + 1, t->header[col], n - 1, s);
  memcpy(buf, s, len + 1);
  return TF_OK;
}
