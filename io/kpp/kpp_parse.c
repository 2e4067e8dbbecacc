/* kpp_parse.c — recursive-descent reader for the KPP mechanism language (kpp_parse.h).
 *
 * The language is that of KPP 3 (Damian et al. 2002, Comput. Chem. Eng. 26, 1567;
 * KPP 3 user manual, "Input for KPP"): a stream of #directives, each followed by
 * ';'-terminated entries. A hand-written lexer turns one file into tokens (identifier,
 * number, punctuation, #DIRECTIVE) while skipping { } and // comments and tracking
 * line and column, so every error names file:line:column. Rate expressions are
 * compiled on the fly into the postfix bytecode of chem_desc.h with the usual
 * precedence (unary minus binds looser than '**', as in Fortran). #INCLUDE recurses
 * into another lexer; #INLINE blocks are skipped by scanning raw text for #ENDINLINE. */
#include "io/kpp/kpp_parse.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { T_EOF = 0, T_DIR, T_IDENT, T_NUM, T_PUNCT };

typedef struct tok {
  int kind;
  char s[256];   /* text (directive name without '#', identifier, punctuation) */
  double num;
  int line, col;
} tok;

typedef struct lexer {
  const char *name;   /* file name for messages */
  char dir[1024];     /* directory of the file, for #INCLUDE */
  const char *text;
  size_t pos, len;
  int line, col;
  tok cur;            /* current (lookahead) token */
  tf_err *err;        /* where errors go (the parser's) */
} lexer;

typedef struct parser {
  chem_desc *d;
  tf_err *err;
  char topdir[1024];
  int depth;
  /* scratch for one expression */
  chem_op *ops;
  int nops, capops;
} parser;

enum { SEC_NONE, SEC_ATOMS, SEC_DEFVAR, SEC_DEFFIX, SEC_EQN, SEC_INIT };

/* Error at a position: "file:line:col: message" (TF_EFORMAT). */
static int perr(lexer *L, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int perr(lexer *L, int line, int col, const char *fmt, ...)
{
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return tf_err_set(L->err, TF_EFORMAT, "%s:%d:%d: %s", L->name, line, col, msg);
}

/* ---------------------------------------------------------------- lexer */

static int peekc(const lexer *L, size_t k) { return L->pos + k < L->len ? (unsigned char)L->text[L->pos + k] : 0; }

static void adv(lexer *L)
{
  if (L->pos >= L->len) return;
  if (L->text[L->pos] == '\n') {
    L->line++;
    L->col = 1;
  } else {
    L->col++;
  }
  L->pos++;
}

/* Skip whitespace and comments. Returns TF_OK or an error (unterminated comment). */
static int skip_space(lexer *L)
{
  for (;;) {
    int c = peekc(L, 0);
    if (c == 0) return TF_OK;
    if (isspace(c)) {
      adv(L);
    } else if (c == '{') {
      int l0 = L->line, c0 = L->col;
      while (peekc(L, 0) && peekc(L, 0) != '}') adv(L);
      if (!peekc(L, 0)) return perr(L, l0, c0, "unterminated comment: '{' has no matching '}'");
      adv(L);
    } else if (c == '/' && peekc(L, 1) == '/') {
      while (peekc(L, 0) && peekc(L, 0) != '\n') adv(L);
    } else {
      return TF_OK;
    }
  }
}

static int is_ident_start(int c) { return isalpha(c) || c == '_'; }
static int is_ident_char(int c) { return isalnum(c) || c == '_'; }

/* Read the next token into L->cur. no_exp: numbers take no exponent part (a
 * stoichiometric coefficient glued to a species name, "2E2" is not 200 there). */
static int lex_next(lexer *L, int no_exp)
{
  int rc = skip_space(L);
  if (rc) return rc;
  tok *t = &L->cur;
  t->line = L->line;
  t->col = L->col;
  t->s[0] = 0;
  t->num = 0;
  int c = peekc(L, 0);
  if (c == 0) {
    t->kind = T_EOF;
    strcpy(t->s, "end of file");
    return TF_OK;
  }
  size_t n = 0;
  if (c == '#') {
    adv(L);
    while (is_ident_char(peekc(L, 0)) && n < sizeof t->s - 1) {
      t->s[n++] = (char)toupper(peekc(L, 0));
      adv(L);
    }
    t->s[n] = 0;
    t->kind = T_DIR;
    if (n == 0) return perr(L, t->line, t->col, "expected a directive name after '#'");
    return TF_OK;
  }
  if (is_ident_start(c)) {
    while (is_ident_char(peekc(L, 0))) {
      if (n >= sizeof t->s - 1) return perr(L, t->line, t->col, "identifier too long");
      t->s[n++] = (char)peekc(L, 0);
      adv(L);
    }
    t->s[n] = 0;
    t->kind = T_IDENT;
    return TF_OK;
  }
  if (isdigit(c) || (c == '.' && isdigit(peekc(L, 1)))) {
    char buf[128];
    while (isdigit(peekc(L, 0)) && n < sizeof buf - 8) { buf[n++] = (char)peekc(L, 0); adv(L); }
    if (peekc(L, 0) == '.') {
      buf[n++] = '.';
      adv(L);
      while (isdigit(peekc(L, 0)) && n < sizeof buf - 8) { buf[n++] = (char)peekc(L, 0); adv(L); }
    }
    int e = peekc(L, 0);
    if (!no_exp && (e == 'e' || e == 'E' || e == 'd' || e == 'D')) {
      int s1 = peekc(L, 1);
      int ok = isdigit(s1) || ((s1 == '+' || s1 == '-') && isdigit(peekc(L, 2)));
      if (ok) {
        buf[n++] = 'e';
        adv(L);
        if (peekc(L, 0) == '+' || peekc(L, 0) == '-') { buf[n++] = (char)peekc(L, 0); adv(L); }
        while (isdigit(peekc(L, 0)) && n < sizeof buf - 2) { buf[n++] = (char)peekc(L, 0); adv(L); }
      } else if (is_ident_start(s1) == 0 && s1 != '_') {
        /* "1.e" followed by something that is not a name nor a digit: malformed */
        return perr(L, t->line, t->col, "malformed number: exponent has no digits");
      }
    }
    buf[n] = 0;
    /* a number running straight into a letter in an expression is malformed (1.5x) */
    if (!no_exp && is_ident_start(peekc(L, 0)))
      return perr(L, t->line, t->col, "malformed number '%s%c...'", buf, peekc(L, 0));
    errno = 0;
    char *end;
    t->num = strtod(buf, &end);
    if (*end || errno == ERANGE)
      return perr(L, t->line, t->col, "malformed number '%s'", buf);
    snprintf(t->s, sizeof t->s, "%s", buf);
    t->kind = T_NUM;
    return TF_OK;
  }
  adv(L);
  t->kind = T_PUNCT;
  t->s[0] = (char)c;
  t->s[1] = 0;
  if (c == '*' && peekc(L, 0) == '*') {
    adv(L);
    strcpy(t->s, "**");
  }
  if (c == '}') return perr(L, t->line, t->col, "'}' without an opening '{'");
  return TF_OK;
}

static const char *tok_desc(const tok *t, char *buf, size_t n)
{
  switch (t->kind) {
  case T_EOF: snprintf(buf, n, "end of file"); break;
  case T_DIR: snprintf(buf, n, "'#%s'", t->s); break;
  case T_NUM: snprintf(buf, n, "number '%s'", t->s); break;
  default: snprintf(buf, n, "'%s'", t->s); break;
  }
  return buf;
}

static int is_p(const tok *t, const char *p) { return t->kind == T_PUNCT && strcmp(t->s, p) == 0; }

static int expect_p(lexer *L, const char *p, const char *what, int no_exp)
{
  char b[300];
  if (!is_p(&L->cur, p))
    return perr(L, L->cur.line, L->cur.col, "expected '%s' %s, found %s", p, what,
                tok_desc(&L->cur, b, sizeof b));
  return lex_next(L, no_exp);
}

/* ------------------------------------------------------- rate expressions */

static int emit(parser *P, lexer *L, int code, int arg, double val)
{
  if (P->nops == P->capops) {
    int nc = P->capops ? 2 * P->capops : 32;
    chem_op *q = realloc(P->ops, (size_t)nc * sizeof *q);
    if (!q) return tf_err_set(P->err, TF_ENOMEM, "%s: out of memory", L->name);
    P->ops = q;
    P->capops = nc;
  }
  P->ops[P->nops++] = (chem_op){.code = code, .arg = arg, .val = val};
  return TF_OK;
}

static int p_expr(parser *P, lexer *L);

static int p_primary(parser *P, lexer *L)
{
  tok t = L->cur;
  char b[300];
  int rc;
  if (t.kind == T_NUM) {
    if ((rc = emit(P, L, CHEM_OP_CONST, 0, t.num))) return rc;
    return lex_next(L, 0);
  }
  if (is_p(&t, "(")) {
    if ((rc = lex_next(L, 0)) || (rc = p_expr(P, L))) return rc;
    if (!is_p(&L->cur, ")"))
      return perr(L, L->cur.line, L->cur.col,
                  "unbalanced parenthesis: expected ')' (for '(' at %d:%d), found %s", t.line,
                  t.col, tok_desc(&L->cur, b, sizeof b));
    return lex_next(L, 0);
  }
  if (t.kind != T_IDENT)
    return perr(L, t.line, t.col, "expected a number, name or '(' in rate expression, found %s",
                tok_desc(&t, b, sizeof b));
  if ((rc = lex_next(L, 0))) return rc;
  if (is_p(&L->cur, "(")) {
    /* photolysis J(NAME) / PHOTO(NAME): the argument is a name, not an expression */
    if (strcmp(t.s, "J") == 0 || strcasecmp(t.s, "PHOTO") == 0) {
      if ((rc = lex_next(L, 1))) return rc;
      if (L->cur.kind != T_IDENT && L->cur.kind != T_NUM)
        return perr(L, L->cur.line, L->cur.col, "expected a photolysis name in %s(...), found %s",
                    t.s, tok_desc(&L->cur, b, sizeof b));
      int k = chem_desc_phot(P->d, L->cur.s, P->err);
      if (k < 0) return P->err->code;
      if ((rc = lex_next(L, 0))) return rc;
      if (!is_p(&L->cur, ")"))
        return perr(L, L->cur.line, L->cur.col, "unbalanced parenthesis: expected ')' after %s(%s, found %s",
                    t.s, P->d->phot[k], tok_desc(&L->cur, b, sizeof b));
      if ((rc = emit(P, L, CHEM_OP_PHOT, k, 0))) return rc;
      return lex_next(L, 0);
    }
    int f = chem_func_lookup(t.s);
    if (f < 0) return perr(L, t.line, t.col, "unknown function '%s' in rate expression", t.s);
    if ((rc = lex_next(L, 0))) return rc;
    int nargs = 0;
    if (!is_p(&L->cur, ")")) {
      for (;;) {
        if ((rc = p_expr(P, L))) return rc;
        nargs++;
        if (is_p(&L->cur, ",")) {
          if ((rc = lex_next(L, 0))) return rc;
          continue;
        }
        break;
      }
    }
    if (!is_p(&L->cur, ")"))
      return perr(L, L->cur.line, L->cur.col,
                  "unbalanced parenthesis: expected ',' or ')' in call of %s, found %s", t.s,
                  tok_desc(&L->cur, b, sizeof b));
    if (nargs != chem_func_nargs(f))
      return perr(L, t.line, t.col, "function %s takes %d arguments, found %d", chem_func_name(f),
                  chem_func_nargs(f), nargs);
    if ((rc = emit(P, L, CHEM_OP_FUNC, f, 0))) return rc;
    return lex_next(L, 0);
  }
  /* a name: a fixed species, an environment variable, or an error */
  int s = chem_desc_find(P->d, t.s);
  if (s >= 0 && P->d->spec[s].fixed) return emit(P, L, CHEM_OP_SPEC, s, 0);
  int v = chem_var_lookup(t.s);
  if (v >= 0) return emit(P, L, CHEM_OP_VAR, v, 0);
  if (s >= 0)
    return perr(L, t.line, t.col,
                "variable species '%s' used in a rate expression (only fixed species, "
                "TEMP, M, O2, N2, H2O, SUN, CFACTOR are allowed)", t.s);
  return perr(L, t.line, t.col, "unknown variable '%s' in rate expression", t.s);
}

/* power := primary [ ('**'|'^') unary ]  (right-associative) */
static int p_unary(parser *P, lexer *L);
static int p_power(parser *P, lexer *L)
{
  int rc = p_primary(P, L);
  if (rc) return rc;
  if (is_p(&L->cur, "**") || is_p(&L->cur, "^")) {
    if ((rc = lex_next(L, 0)) || (rc = p_unary(P, L))) return rc;
    return emit(P, L, CHEM_OP_POW, 0, 0);
  }
  return TF_OK;
}

static int p_unary(parser *P, lexer *L)
{
  int rc;
  if (is_p(&L->cur, "-")) {
    if ((rc = lex_next(L, 0)) || (rc = p_unary(P, L))) return rc;
    return emit(P, L, CHEM_OP_NEG, 0, 0);
  }
  if (is_p(&L->cur, "+")) {
    if ((rc = lex_next(L, 0))) return rc;
    return p_unary(P, L);
  }
  return p_power(P, L);
}

static int p_term(parser *P, lexer *L)
{
  int rc = p_unary(P, L);
  while (!rc && (is_p(&L->cur, "*") || is_p(&L->cur, "/"))) {
    int op = L->cur.s[0] == '*' ? CHEM_OP_MUL : CHEM_OP_DIV;
    if ((rc = lex_next(L, 0)) || (rc = p_unary(P, L))) return rc;
    rc = emit(P, L, op, 0, 0);
  }
  return rc;
}

static int p_expr(parser *P, lexer *L)
{
  int rc = p_term(P, L);
  while (!rc && (is_p(&L->cur, "+") || is_p(&L->cur, "-"))) {
    int op = L->cur.s[0] == '+' ? CHEM_OP_ADD : CHEM_OP_SUB;
    if ((rc = lex_next(L, 0)) || (rc = p_term(P, L))) return rc;
    rc = emit(P, L, op, 0, 0);
  }
  return rc;
}

/* Evaluate a constant expression (INITVALUES); returns 0 and sets *v, or -1 if it
 * uses anything but numbers and arithmetic. */
static int const_eval(const chem_op *ops, int n, double *v)
{
  double st[64];
  int sp = 0;
  for (int i = 0; i < n; i++) {
    const chem_op *o = &ops[i];
    if (o->code == CHEM_OP_CONST) {
      if (sp >= 64) return -1;
      st[sp++] = o->val;
    } else if (o->code == CHEM_OP_NEG) {
      st[sp - 1] = -st[sp - 1];
    } else if (o->code >= CHEM_OP_ADD && o->code <= CHEM_OP_POW) {
      double b = st[--sp], a = st[sp - 1];
      st[sp - 1] = o->code == CHEM_OP_ADD ? a + b : o->code == CHEM_OP_SUB ? a - b
                   : o->code == CHEM_OP_MUL ? a * b : o->code == CHEM_OP_DIV ? a / b : pow(a, b);
    } else {
      return -1;
    }
  }
  if (sp != 1) return -1;
  *v = st[0];
  return 0;
}

/* ------------------------------------------------------------- sections */

/* One composition / stoichiometry term: [number] NAME. */
static int p_coef_name(parser *P, lexer *L, double *coef, tok *name, const char *what)
{
  char b[300];
  int rc;
  (void)P;
  *coef = 1.0;
  if (L->cur.kind == T_NUM) {
    *coef = L->cur.num;
    tok nt = L->cur;
    if ((rc = lex_next(L, 0))) return rc;
    if (L->cur.kind != T_IDENT)
      return perr(L, nt.line, nt.col, "bad coefficient: number '%s' is not followed by a %s name (found %s)",
                  nt.s, what, tok_desc(&L->cur, b, sizeof b));
    if (!(*coef > 0) || !isfinite(*coef))
      return perr(L, nt.line, nt.col, "bad coefficient '%s': must be positive", nt.s);
  } else if (L->cur.kind != T_IDENT) {
    return perr(L, L->cur.line, L->cur.col, "expected a %s name, found %s", what,
                tok_desc(&L->cur, b, sizeof b));
  }
  *name = L->cur;
  return TF_OK;
}

static int p_atoms_entry(parser *P, lexer *L)
{
  char b[300];
  if (L->cur.kind != T_IDENT)
    return perr(L, L->cur.line, L->cur.col, "expected an atom name in #ATOMS, found %s",
                tok_desc(&L->cur, b, sizeof b));
  if (chem_desc_add_atom(P->d, L->cur.s, P->err) < 0) return P->err->code;
  int rc = lex_next(L, 0);
  if (rc) return rc;
  return expect_p(L, ";", "after an atom name", 1);
}

static int p_species_entry(parser *P, lexer *L, int fixed)
{
  char b[300];
  int rc;
  tok nt = L->cur;
  if (nt.kind != T_IDENT)
    return perr(L, nt.line, nt.col, "expected a species name in #%s, found %s",
                fixed ? "DEFFIX" : "DEFVAR", tok_desc(&nt, b, sizeof b));
  int s = chem_desc_add_species(P->d, nt.s, fixed, P->err);
  if (s < 0) return perr(L, nt.line, nt.col, "%s", P->err->msg);
  if ((rc = lex_next(L, 1))) return rc;
  if (is_p(&L->cur, ";")) return lex_next(L, 0); /* no composition given */
  if ((rc = expect_p(L, "=", "after the species name", 1))) return rc;
  const char *atoms[64];
  char names[64][8];
  double counts[64];
  int n = 0, ignore = 0;
  for (;;) {
    double c;
    tok an;
    if ((rc = p_coef_name(P, L, &c, &an, "atom"))) return rc;
    if (strcasecmp(an.s, "IGNORE") == 0) {
      ignore = 1;
    } else {
      int known = 0;
      for (int a = 0; a < P->d->natoms; a++)
        if (strcmp(P->d->atom[a], an.s) == 0) known = 1;
      if (!known && P->d->natoms > 0)
        return perr(L, an.line, an.col, "unknown atom '%s' in composition of %s (not in #ATOMS)",
                    an.s, nt.s);
      if (n >= 64 || strlen(an.s) >= 8) return perr(L, an.line, an.col, "composition too long");
      strcpy(names[n], an.s);
      atoms[n] = names[n];
      counts[n++] = c;
    }
    if ((rc = lex_next(L, 1))) return rc;
    if (is_p(&L->cur, "+")) {
      if ((rc = lex_next(L, 1))) return rc;
      continue;
    }
    break;
  }
  if (!ignore) {
    if ((rc = chem_desc_set_comp(P->d, s, n, atoms, counts, P->err))) return rc;
  }
  return expect_p(L, ";", "after a species composition", 1);
}

/* Add term (spec, coef) to a list, merging repeats. */
static void add_term(chem_term *t, int *n, int spec, double coef)
{
  for (int i = 0; i < *n; i++)
    if (t[i].spec == spec) {
      t[i].coef += coef;
      return;
    }
  t[*n].spec = spec;
  t[*n].coef = coef;
  (*n)++;
}

#define MAX_TERMS 128

/* side := term (('+'|'-') term)*. '-' (and a leading '-') is allowed on the product side
 * only: KPP accepts negative product coefficients, as CB4/CB05 use for PAR
 * ("... + 0.33 ALDX - 0.66 PAR"). An empty product side is a pure sink. */
static int p_side(parser *P, lexer *L, chem_term *t, int *n, int lhs)
{
  int rc;
  char b[300];
  *n = 0;
  if (!lhs && (is_p(&L->cur, ":"))) return TF_OK;
  double sign = 1.0;
  if (!lhs && is_p(&L->cur, "-")) {
    sign = -1.0;
    if ((rc = lex_next(L, 1))) return rc;
  }
  for (;;) {
    double c;
    tok nt;
    if ((rc = p_coef_name(P, L, &c, &nt, "species"))) return rc;
    if (strcasecmp(nt.s, "hv") != 0) {
      int s = chem_desc_find(P->d, nt.s);
      if (s < 0)
        return perr(L, nt.line, nt.col, "unknown species '%s' in equation (not in #DEFVAR/#DEFFIX)",
                    nt.s);
      if (*n >= MAX_TERMS) return perr(L, nt.line, nt.col, "too many terms in equation");
      add_term(t, n, s, sign * c);
    }
    if ((rc = lex_next(L, 0))) return rc;
    if (is_p(&L->cur, "+") || (!lhs && is_p(&L->cur, "-"))) {
      sign = is_p(&L->cur, "-") ? -1.0 : 1.0;
      if ((rc = lex_next(L, 1))) return rc;
      continue;
    }
    if (L->cur.kind == T_IDENT || L->cur.kind == T_NUM || (lhs && is_p(&L->cur, "-")))
      return perr(L, L->cur.line, L->cur.col, "expected '+', '%s' after %s, found %s",
                  lhs ? "=" : ":", nt.s, tok_desc(&L->cur, b, sizeof b));
    return TF_OK;
  }
}

static int p_equation(parser *P, lexer *L)
{
  int rc;
  char tag[CHEM_NAME_LEN] = "";
  int line = L->cur.line;
  if (is_p(&L->cur, "<")) {
    /* tag: raw text up to '>' */
    size_t n = 0;
    int l0 = L->cur.line, c0 = L->cur.col;
    while (peekc(L, 0) && peekc(L, 0) != '>' && peekc(L, 0) != '\n') {
      if (n < sizeof tag - 1 && !isspace(peekc(L, 0))) tag[n++] = (char)peekc(L, 0);
      adv(L);
    }
    tag[n] = 0;
    if (peekc(L, 0) != '>') return perr(L, l0, c0, "unterminated equation tag: '<' without '>'");
    adv(L);
    if ((rc = lex_next(L, 1))) return rc;
    line = l0;
  }
  chem_term reac[MAX_TERMS], prod[MAX_TERMS];
  int nr, np;
  if ((rc = p_side(P, L, reac, &nr, 1))) return rc;
  if ((rc = expect_p(L, "=", "between reactants and products", 1))) return rc;
  if ((rc = p_side(P, L, prod, &np, 0))) return rc;
  if ((rc = expect_p(L, ":", "before the rate expression", 0))) return rc;
  for (int i = 0; i < nr; i++) {
    double c = reac[i].coef;
    if (fabs(c - floor(c + 0.5)) > 1e-12 || c > 8)
      return perr(L, line, 1, "equation <%s>: reactant '%s' has non-integer coefficient %g", tag,
                  P->d->spec[reac[i].spec].name, c);
  }
  if (nr == 0) return perr(L, line, 1, "equation <%s> has no reactants", tag);
  P->nops = 0;
  if ((rc = p_expr(P, L))) return rc;
  char b[300];
  if (!is_p(&L->cur, ";"))
    return perr(L, L->cur.line, L->cur.col, "expected ';' after the rate expression, found %s",
                tok_desc(&L->cur, b, sizeof b));
  char where[128];
  snprintf(where, sizeof where, "%s:%d", L->name, line);
  chem_expr e = {.nops = P->nops, .ops = P->ops};
  if (chem_desc_add_reaction(P->d, tag, where, nr, reac, np, prod, &e, P->err) < 0)
    return P->err->code;
  return lex_next(L, 1);
}

static int p_init_entry(parser *P, lexer *L)
{
  char b[300];
  int rc;
  tok nt = L->cur;
  if (nt.kind != T_IDENT)
    return perr(L, nt.line, nt.col, "expected a name in #INITVALUES, found %s", tok_desc(&nt, b, sizeof b));
  if ((rc = lex_next(L, 0)) || (rc = expect_p(L, "=", "in #INITVALUES", 0))) return rc;
  P->nops = 0;
  int vl = L->cur.line, vc = L->cur.col;
  /* names inside the value (rare) are not allowed: parse as a constant expression */
  if ((rc = p_expr(P, L))) return rc;
  double v;
  if (const_eval(P->ops, P->nops, &v))
    return perr(L, vl, vc, "#INITVALUES value of %s must be a constant number", nt.s);
  if ((rc = expect_p(L, ";", "after an initial value", 1))) return rc;
  if (strcmp(nt.s, "CFACTOR") == 0) {
    P->d->cfactor = v;
  } else if (strcmp(nt.s, "ALL_SPEC") == 0 || strcmp(nt.s, "VAR_SPEC") == 0 ||
             strcmp(nt.s, "FIX_SPEC") == 0) {
    for (int i = 0; i < P->d->nspec; i++) {
      chem_species *s = &P->d->spec[i];
      if (nt.s[0] == 'A' || (nt.s[0] == 'V') == !s->fixed) {
        s->init = v;
        s->has_init = 1;
      }
    }
  } else {
    int s = chem_desc_find(P->d, nt.s);
    if (s < 0) {
      chem_desc_warn(P->d, "%s:%d:%d: #INITVALUES names unknown species '%s' (ignored)", L->name,
                     nt.line, nt.col, nt.s);
    } else {
      P->d->spec[s].init = v;
      P->d->spec[s].has_init = 1;
    }
  }
  return TF_OK;
}

/* Skip an #INLINE block: scan raw text to #ENDINLINE and warn with the names it
 * assigns ("TSTART = ..."). */
static int skip_inline(parser *P, lexer *L, const tok *dirtok)
{
  char kind[64] = "";
  int rc = lex_next(L, 0);
  if (rc) return rc;
  if (L->cur.kind == T_IDENT) snprintf(kind, sizeof kind, "%.60s", L->cur.s);
  /* raw scan from the current position (L->pos is after the kind token) */
  char names[400] = "";
  size_t nl = 0;
  int at_line_start = 0;
  for (;;) {
    int c = peekc(L, 0);
    if (c == 0) return perr(L, dirtok->line, dirtok->col, "#INLINE %s without #ENDINLINE", kind);
    if (c == '#' && strncasecmp(L->text + L->pos, "#ENDINLINE", 10) == 0) {
      for (int i = 0; i < 10; i++) adv(L);
      break;
    }
    if (c == '\n') {
      at_line_start = 1;
      adv(L);
      continue;
    }
    if (at_line_start && is_ident_start(c)) {
      size_t s0 = L->pos;
      while (is_ident_char(peekc(L, 0))) adv(L);
      size_t s1 = L->pos;
      while (peekc(L, 0) == ' ' || peekc(L, 0) == '\t') adv(L);
      if (peekc(L, 0) == '=' && peekc(L, 1) != '=' && s1 - s0 < 40 && nl + (s1 - s0) + 3 < sizeof names) {
        char id[48];
        memcpy(id, L->text + s0, s1 - s0);
        id[s1 - s0] = 0;
        if (!strstr(names, id)) {
          nl += (size_t)snprintf(names + nl, sizeof names - nl, "%s%s", nl ? ", " : "", id);
        }
      }
      at_line_start = 0;
      continue;
    }
    if (!isspace(c)) at_line_start = 0;
    adv(L);
  }
  chem_desc_warn(P->d, "%s:%d:%d: skipped #INLINE %s block (target-language code)%s%s%s", L->name,
                 dirtok->line, dirtok->col, kind, nl ? "; it defined " : "", names, "");
  return lex_next(L, 1);
}

static int parse_file(parser *P, const char *path, const char *text, size_t len);
static char *slurp(const char *path, size_t *len, tf_err *err);

static int do_include(parser *P, lexer *L, const tok *dirtok)
{
  /* file name: raw rest of the line, comments cut */
  while (peekc(L, 0) == ' ' || peekc(L, 0) == '\t') adv(L);
  int fl = L->line, fc = L->col;
  char fname[512];
  size_t n = 0;
  while (peekc(L, 0) && peekc(L, 0) != '\n' && peekc(L, 0) != '{' &&
         !(peekc(L, 0) == '/' && peekc(L, 1) == '/') && n < sizeof fname - 1) {
    fname[n++] = (char)peekc(L, 0);
    adv(L);
  }
  while (n && isspace((unsigned char)fname[n - 1])) n--;
  fname[n] = 0;
  if (n == 0) return perr(L, dirtok->line, dirtok->col, "#INCLUDE without a file name");
  if (P->depth >= 16)
    return perr(L, fl, fc, "#INCLUDE nested too deeply (circular include of '%s'?)", fname);
  char tried[2][1200];
  const char *dirs[2] = {L->dir, P->topdir};
  int nt = 0, found = 0;
  for (int i = 0; i < 2 && !found; i++) {
    if (i == 1 && (fname[0] == '/' || strcmp(dirs[0], dirs[1]) == 0)) break;
    snprintf(tried[nt], sizeof tried[nt], "%s%s", fname[0] == '/' ? "" : dirs[i], fname);
    FILE *f = fopen(tried[nt], "rb");
    nt++;
    if (f) {
      fclose(f);
      found = 1;
    }
  }
  if (!found)
    return perr(L, fl, fc, "cannot open #INCLUDE file '%s' (tried %s%s%s)", fname, tried[0],
                nt > 1 ? ", " : "", nt > 1 ? tried[1] : "");
  size_t got;
  char *buf = slurp(tried[nt - 1], &got, P->err);
  if (!buf) return P->err->code;
  P->depth++;
  int rc = parse_file(P, tried[nt - 1], buf, got);
  P->depth--;
  free(buf);
  if (rc) return rc;
  return lex_next(L, 1);
}

static const char *const skipped_dirs[] = {
    "INTEGRATOR", "LANGUAGE", "LOOKAT", "LOOKATALL", "MONITOR", "CHECK", "CHECKALL", "DOUBLE",
    "JACOBIAN", "HESSIAN", "STOICMAT", "DRIVER", "MODEL", "INTFILE", "DUMMYINDEX", "EQNTAGS",
    "FUNCTION", "REORDER", "MEX", "UPPERCASE", "TRANSPORT", "TRANSPORTALL", "SETVAR", "SETFIX",
    "USES", "WRITE_ATM", "WRITE_SPC", "WRITE_MAT", "WRITE_OPT", "AUTOREDUCE", "FLUX",
    "MINVERSION", "XGRID", "YGRID", "ZGRID", "DECLARE", "USE", "MINVERSION", NULL};

static int parse_file(parser *P, const char *path, const char *text, size_t len)
{
  lexer LX;
  memset(&LX, 0, sizeof LX);
  lexer *L = &LX;
  L->err = P->err;
  L->name = path;
  L->text = text;
  L->len = len;
  L->line = 1;
  L->col = 1;
  const char *sl = strrchr(path, '/');
  if (sl) {
    size_t dn = (size_t)(sl - path) + 1;
    if (dn >= sizeof L->dir) dn = sizeof L->dir - 1;
    memcpy(L->dir, path, dn);
    L->dir[dn] = 0;
  }
  int sec = SEC_NONE, rc;
  char b[300];
  /* a lone .eqn file starts in #EQUATIONS by convention */
  size_t pl = strlen(path);
  if (pl > 4 && strcasecmp(path + pl - 4, ".eqn") == 0) sec = SEC_EQN;
  if ((rc = lex_next(L, 1))) return rc;
  for (;;) {
    tok t = L->cur;
    if (t.kind == T_EOF) return TF_OK;
    if (t.kind == T_DIR) {
      if (strcmp(t.s, "INCLUDE") == 0) {
        if ((rc = do_include(P, L, &t))) return rc;
        continue;
      }
      if (strcmp(t.s, "INLINE") == 0) {
        if ((rc = skip_inline(P, L, &t))) return rc;
        continue;
      }
      sec = SEC_NONE;
      if (strcmp(t.s, "ATOMS") == 0) sec = SEC_ATOMS;
      else if (strcmp(t.s, "DEFVAR") == 0) sec = SEC_DEFVAR;
      else if (strcmp(t.s, "DEFFIX") == 0) sec = SEC_DEFFIX;
      else if (strcmp(t.s, "EQUATIONS") == 0) sec = SEC_EQN;
      else if (strcmp(t.s, "INITVALUES") == 0) sec = SEC_INIT;
      else {
        int known = 0;
        for (int i = 0; skipped_dirs[i]; i++)
          if (strcmp(t.s, skipped_dirs[i]) == 0) known = 1;
        if (!known) return perr(L, t.line, t.col, "unknown directive '#%s'", t.s);
        /* skip its arguments: everything up to the next directive */
        do {
          if ((rc = lex_next(L, 1))) return rc;
        } while (L->cur.kind != T_DIR && L->cur.kind != T_EOF);
        continue;
      }
      if ((rc = lex_next(L, 1))) return rc;
      continue;
    }
    switch (sec) {
    case SEC_ATOMS: rc = p_atoms_entry(P, L); break;
    case SEC_DEFVAR: rc = p_species_entry(P, L, 0); break;
    case SEC_DEFFIX: rc = p_species_entry(P, L, 1); break;
    case SEC_EQN: rc = p_equation(P, L); break;
    case SEC_INIT: rc = p_init_entry(P, L); break;
    default:
      rc = perr(L, t.line, t.col, "expected a #directive, found %s", tok_desc(&t, b, sizeof b));
    }
    if (rc) return rc;
  }
}

/* Read a whole file; NULL (err set) on failure. */
static char *slurp(const char *path, size_t *len, tf_err *err)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    tf_err_set(err, TF_EIO, "%s: cannot open mechanism file: %s", path, strerror(errno));
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  long sz = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = sz >= 0 ? malloc((size_t)sz + 1) : NULL;
  if (!buf) {
    fclose(f);
    tf_err_set(err, TF_ENOMEM, "%s: out of memory", path);
    return NULL;
  }
  size_t got = fread(buf, 1, (size_t)sz, f);
  fclose(f);
  buf[got] = 0;
  if (memchr(buf, 0, got)) {
    free(buf);
    tf_err_set(err, TF_EFORMAT, "%s:1:1: not a text file (NUL byte)", path);
    return NULL;
  }
  *len = got;
  return buf;
}

/* Parse `text` (named `name`); if spc is given, that species file is parsed first
 * (a lone .eqn next to its .spc, as KPP models are distributed). */
static int load_common(const char *name, const char *text, const char *spc, chem_desc **out,
                       tf_err *err)
{
  *out = NULL;
  parser P;
  memset(&P, 0, sizeof P);
  P.err = err;
  P.d = chem_desc_create(err);
  if (!P.d) return TF_ENOMEM;
  snprintf(P.d->source, sizeof P.d->source, "%s", name);
  const char *sl = strrchr(name, '/');
  if (sl) {
    size_t dn = (size_t)(sl - name) + 1;
    if (dn >= sizeof P.topdir) dn = sizeof P.topdir - 1;
    memcpy(P.topdir, name, dn);
    P.topdir[dn] = 0;
  }
  int rc = TF_OK;
  if (spc) {
    size_t sl2;
    char *st = slurp(spc, &sl2, err);
    rc = st ? parse_file(&P, spc, st, sl2) : err->code;
    free(st);
    if (!rc) chem_desc_warn(P.d, "%s: species read from %s (lone .eqn)", name, spc);
  }
  if (!rc) rc = parse_file(&P, name, text, strlen(text));
  free(P.ops);
  if (!rc && P.d->nreact == 0)
    rc = tf_err_set(err, TF_EFORMAT, "%s:1:1: mechanism has no equations (#EQUATIONS missing?)", name);
  if (!rc) {
    int nvar = 0;
    for (int i = 0; i < P.d->nspec; i++) nvar += !P.d->spec[i].fixed;
    if (nvar == 0) rc = tf_err_set(err, TF_EFORMAT, "%s:1:1: mechanism has no #DEFVAR species", name);
  }
  if (rc) {
    chem_desc_destroy(&P.d);
    return rc;
  }
  chem_desc_check_balance(P.d);
  *out = P.d;
  return TF_OK;
}

int kpp_load_string(const char *name, const char *text, chem_desc **out, tf_err *err)
{
  return load_common(name, text, NULL, out, err);
}

int kpp_load(const char *path, chem_desc **out, tf_err *err)
{
  *out = NULL;
  size_t len;
  char *buf = slurp(path, &len, err);
  if (!buf) return err ? err->code : TF_EIO;
  /* a lone .eqn without species definitions: read the sibling .spc first */
  char spc[1100];
  const char *use_spc = NULL;
  size_t pl = strlen(path);
  if (pl > 4 && strcasecmp(path + pl - 4, ".eqn") == 0 && !strstr(buf, "#DEFVAR") &&
      !strstr(buf, "#INCLUDE") && pl < sizeof spc) {
    snprintf(spc, sizeof spc, "%.*s.spc", (int)(pl - 4), path);
    FILE *f = fopen(spc, "rb");
    if (f) {
      fclose(f);
      use_spc = spc;
    }
  }
  int rc = load_common(path, buf, use_spc, out, err);
  free(buf);
  return rc;
}
