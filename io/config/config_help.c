/* config_help.c — prints the configuration reference from the key table (config_table.c):
 * `tianfu help config` (plain text) and `tianfu help config --markdown` (Markdown tables
 * pasted into the README), and describes a row's type/range in words for the loader's
 * error messages, so help and errors can never disagree with the validation. */
#include "io/config/config_impl.h"
#include <stdio.h>
#include <string.h>

const char *cfgi_type_name(const cfg_key *r)
{
  switch (r->type) {
  case CFG_SECTION: return "section";
  case CFG_MAP: return "numbers";
  case CFG_STRING: return "string";
  case CFG_PATH: return "path";
  case CFG_INT: return "int";
  case CFG_DOUBLE: return "double";
  case CFG_BOOL: return "bool";
  case CFG_ENUM: return "enum";
  case CFG_TIME: return "time";
  case CFG_LIST: return "list";
  case CFG_PATH_LIST: return "path list";
  }
  return "?";
}

/* Numeric range in words: "1..744", "> 0", ">= 0", "<= 5", "" (unbounded). */
static void range_words(const cfg_key *r, char *buf, size_t n)
{
  int lo = (r->flags & CFG_HAS_MIN) != 0, hi = (r->flags & CFG_HAS_MAX) != 0;
  int open = (r->flags & CFG_MIN_OPEN) != 0;
  if (lo && hi && !open) snprintf(buf, n, "%g..%g", r->min, r->max);
  else if (lo && hi) snprintf(buf, n, "> %g and <= %g", r->min, r->max);
  else if (lo) snprintf(buf, n, "%s %g", open ? ">" : ">=", r->min);
  else if (hi) snprintf(buf, n, "<= %g", r->max);
  else if (n) buf[0] = '\0';
}

/* Enum words "a|b|c" as "a, b, c". */
static void choice_words(const cfg_key *r, char *buf, size_t n)
{
  size_t k = 0;
  for (const char *p = r->choices ? r->choices : ""; *p && k + 3 < n; p++) {
    if (*p == '|') {
      buf[k++] = ',';
      buf[k++] = ' ';
    } else {
      buf[k++] = *p;
    }
  }
  if (n) buf[k < n ? k : n - 1] = '\0';
}

void cfgi_allowed(const cfg_key *r, char *buf, size_t n)
{
  switch (r->type) {
  case CFG_INT:
  case CFG_DOUBLE:
  case CFG_MAP: range_words(r, buf, n); break;
  case CFG_ENUM: choice_words(r, buf, n); break;
  case CFG_BOOL: snprintf(buf, n, "on/off"); break;
  case CFG_TIME: snprintf(buf, n, "ISO 8601"); break;
  case CFG_PATH:
    snprintf(buf, n, "%s", (r->flags & CFG_BUILTIN) ? "or a builtin name" : "");
    break;
  case CFG_PATH_LIST: snprintf(buf, n, "globs allowed"); break;
  default:
    if (n) buf[0] = '\0';
  }
}

void cfgi_expected(const cfg_key *r, char *buf, size_t n)
{
  char w[256], unit[64] = "";
  if (r->unit && r->unit[0]) snprintf(unit, sizeof unit, " (%s)", r->unit);
  switch (r->type) {
  case CFG_INT:
  case CFG_DOUBLE:
  case CFG_MAP:
    range_words(r, w, sizeof w);
    snprintf(buf, n, "%s%s%s%s", r->type == CFG_INT ? "an integer" : "a number",
             w[0] ? (strchr("<>", w[0]) ? " " : " in ") : "", w, unit);
    break;
  case CFG_ENUM:
    choice_words(r, w, sizeof w);
    snprintf(buf, n, "one of %s", w);
    break;
  case CFG_BOOL: snprintf(buf, n, "on/off (or true/false, yes/no, 1/0)"); break;
  case CFG_TIME:
    snprintf(buf, n, "an ISO 8601 time such as 2022-08-10T00:00:00Z");
    break;
  case CFG_PATH:
    snprintf(buf, n, "%s", (r->flags & CFG_BUILTIN) ? "a path or a builtin name" : "a path");
    break;
  case CFG_PATH_LIST: snprintf(buf, n, "paths or globs"); break;
  case CFG_LIST: snprintf(buf, n, "a list of words"); break;
  default: snprintf(buf, n, "a value");
  }
}

int cfgi_find_section(int kind, const char *section)
{
  int n;
  const cfg_key *t = cfg_table(&n);
  for (int i = 0; i < n; i++)
    if (t[i].kind == kind && !t[i].key && !strcmp(t[i].section, section)) return i;
  return -1;
}

int cfgi_find_key(int kind, const char *section, const char *key)
{
  int n;
  const cfg_key *t = cfg_table(&n);
  for (int i = 0; i < n; i++)
    if (t[i].kind == kind && t[i].key && !strcmp(t[i].section, section) &&
        !strcmp(t[i].key, key))
      return i;
  return -1;
}

static const char *kind_title(int kind)
{
  return kind == CFG_KIND_RUN ? "Run config (tianfu run, tianfu check)"
         : kind == CFG_KIND_BOX ? "Box config (tianfu box)"
         : kind == CFG_KIND_SCENARIO ? "Scenario file (tianfu scenario check)"
                                       : "Bulletin config (tianfu bulletin --config)";
}

/* Default column: the default as written, its description, or "required". */
static void default_words(const cfg_key *r, char *buf, size_t n)
{
  if (r->flags & CFG_REQUIRED) snprintf(buf, n, "required");
  else if (r->def) snprintf(buf, n, "%s", r->def);
  else if (r->def_doc) snprintf(buf, n, "(%s)", r->def_doc);
  else snprintf(buf, n, "(none)");
}

/* Markdown table cells: escape '|' (cell separator), '*' (emphasis) and '<' (HTML tag). */
static void md_cell(FILE *f, const char *s)
{
  for (; s && *s; s++) {
    if (*s == '<') {
      fputs("&lt;", f);
      continue;
    }
    if (*s == '|' || *s == '*') fputc('\\', f);
    fputc(*s, f);
  }
}

/* "[measure NAME]" for a named family, "[run]" otherwise (into buf, without brackets). */
static const char *shown(const cfg_key *r, char *buf, size_t n)
{
  int n_rows;
  const cfg_key *t = cfg_table(&n_rows);
  int sec = r->key ? cfgi_find_section(r->kind, r->section) : (int)(r - t);
  if (sec >= 0 && (t[sec].flags & CFG_NAMED)) snprintf(buf, n, "%s NAME", r->section);
  else snprintf(buf, n, "%s", r->section);
  return buf;
}

static void print_kind_text(FILE *f, int kind)
{
  int n;
  const cfg_key *t = cfg_table(&n);
  char allowed[256], def[128], tl[320];
  fprintf(f, "%s\n", kind_title(kind));
  for (int i = 0; i < n; i++) {
    const cfg_key *r = &t[i];
    if (r->kind != kind) continue;
    if (!r->key) {
      char sb[96];
      fprintf(f, "\n[%s]  %s\n", shown(r, sb, sizeof sb), r->type == CFG_MAP ? "(free-form section)" : r->help);
      if (r->type != CFG_MAP) continue;
    }
    cfgi_allowed(r, allowed, sizeof allowed);
    default_words(r, def, sizeof def);
    snprintf(tl, sizeof tl, "%s%s%s%s%s", cfgi_type_name(r), allowed[0] ? " " : "", allowed,
             r->unit && r->unit[0] ? " " : "", r->unit ? r->unit : "");
    if (r->type == CFG_MAP)
      fprintf(f, "  %-18s %s\n", "<name> =", tl);
    else
      fprintf(f, "  %-18s %-36s %s%s\n", r->key, tl,
              (r->flags & CFG_REQUIRED) ? "" : "default: ", def);
    fprintf(f, "  %-18s %s\n", "", r->help);
  }
}

static void print_kind_markdown(FILE *f, int kind)
{
  int n;
  const cfg_key *t = cfg_table(&n);
  char allowed[256], def[128];
  fprintf(f, "### %s\n\n", kind_title(kind));
  fprintf(f, "| Section | Key | Type | Allowed | Unit | Default | Description |\n");
  fprintf(f, "|---|---|---|---|---|---|---|\n");
  for (int i = 0; i < n; i++) {
    const cfg_key *r = &t[i];
    if (r->kind != kind) continue;
    if (r->type == CFG_SECTION) {
      char sb[96];
      fprintf(f, "| **[%s]** | | | | | | ", shown(r, sb, sizeof sb));
      md_cell(f, r->help);
      fprintf(f, " |\n");
      continue;
    }
    cfgi_allowed(r, allowed, sizeof allowed);
    default_words(r, def, sizeof def);
    char sb[96];
    fprintf(f, "| [%s] | %s%s%s | ", shown(r, sb, sizeof sb), r->key ? "`" : "", r->key ? r->key : "*name*",
            r->key ? "`" : "");
    md_cell(f, cfgi_type_name(r));
    fprintf(f, " | ");
    md_cell(f, allowed);
    fprintf(f, " | ");
    md_cell(f, r->unit);
    fprintf(f, " | ");
    if (r->flags & CFG_REQUIRED) fprintf(f, "**required**");
    else if (r->type == CFG_MAP) fprintf(f, " ");
    else if (r->def) fprintf(f, "`%s`", r->def);
    else md_cell(f, def);
    fprintf(f, " | ");
    md_cell(f, r->help);
    fprintf(f, " |\n");
  }
}

int cfg_print_help(FILE *f, int kind, int markdown)
{
  static const char *rules =
      "Values: empty = not set (default applies); relative paths are relative to the config\n"
      "file's folder; bool = on/off, true/false, yes/no, 1/0; lists are separated by spaces\n"
      "or commas and may continue on indented lines; times are ISO 8601 (UTC unless a zone\n"
      "is given); comments start with ';' or '#'.\n";
  int first = 1;
  for (int k = CFG_KIND_RUN; k <= CFG_KIND_LAST; k <<= 1) {
    if (!(kind & k)) continue;
    if (!first) fputc('\n', f);
    first = 0;
    if (markdown) print_kind_markdown(f, k);
    else print_kind_text(f, k);
  }
  fprintf(f, "\n");
  fputs(rules, f);
  return ferror(f) ? TF_EIO : TF_OK;
}
