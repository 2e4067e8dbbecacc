/* chem_desc.c — building and checking the plain mechanism description (chem_desc.h).
 *
 * Growable arrays of species, reactions, atoms and photolysis names; the name tables
 * of rate-expression variables and functions (KPP 3 util/UserRateLaws names and
 * argument counts); and the atom-balance check KPP performs with #CHECK (here applied
 * to every reaction whose species all have a known composition, reported as warnings
 * because KPP's own distributed mechanisms contain deliberate imbalances). */
#include "model/chem/chem_desc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const var_names[CHEM_NVARS] = {
    [CHEM_VAR_TEMP] = "TEMP", [CHEM_VAR_M] = "M",     [CHEM_VAR_O2] = "O2",
    [CHEM_VAR_N2] = "N2",     [CHEM_VAR_H2O] = "H2O", [CHEM_VAR_SUN] = "SUN",
    [CHEM_VAR_CFACTOR] = "CFACTOR"};

static const struct {
  const char *name;
  int nargs;
} func_table[CHEM_NFUNCS] = {
    [CHEM_FN_EXP] = {.name = "EXP", .nargs = 1},
    [CHEM_FN_LOG] = {.name = "LOG", .nargs = 1},
    [CHEM_FN_LOG10] = {.name = "LOG10", .nargs = 1},
    [CHEM_FN_SQRT] = {.name = "SQRT", .nargs = 1},
    [CHEM_FN_ABS] = {.name = "ABS", .nargs = 1},
    [CHEM_FN_MIN] = {.name = "MIN", .nargs = 2},
    [CHEM_FN_MAX] = {.name = "MAX", .nargs = 2},
    [CHEM_FN_ARR] = {.name = "ARR", .nargs = 3},
    [CHEM_FN_ARR_ABC] = {.name = "ARR_abc", .nargs = 3},
    [CHEM_FN_ARR_AB] = {.name = "ARR_ab", .nargs = 2},
    [CHEM_FN_ARR_AC] = {.name = "ARR_ac", .nargs = 2},
    [CHEM_FN_ARR_BC] = {.name = "ARR_bc", .nargs = 2},
    [CHEM_FN_ARR2] = {.name = "ARR2", .nargs = 2},
    [CHEM_FN_EP2] = {.name = "EP2", .nargs = 6},
    [CHEM_FN_EP3] = {.name = "EP3", .nargs = 4},
    [CHEM_FN_FALL] = {.name = "FALL", .nargs = 7},
    [CHEM_FN_K_3RD] = {.name = "k_3rd", .nargs = 7},
    [CHEM_FN_K_3RD_IUPAC] = {.name = "k_3rd_iupac", .nargs = 7},
    [CHEM_FN_K_ARR] = {.name = "k_arr", .nargs = 3},
    [CHEM_FN_TROE] = {.name = "TROE", .nargs = 6},
};

const char *chem_var_name(int id) { return id >= 0 && id < CHEM_NVARS ? var_names[id] : "?"; }

int chem_var_lookup(const char *name)
{
  /* case-insensitive: KPP rate expressions are target-language (Fortran) code, where
   * TEMP and temp are the same variable */
  for (int i = 0; i < CHEM_NVARS; i++)
    if (strcasecmp(name, var_names[i]) == 0) return i;
  return -1;
}

const char *chem_func_name(int id)
{
  return id >= 0 && id < CHEM_NFUNCS ? func_table[id].name : "?";
}

int chem_func_lookup(const char *name)
{
  for (int i = 0; i < CHEM_NFUNCS; i++)
    if (strcasecmp(name, func_table[i].name) == 0) return i;
  return -1;
}

int chem_func_nargs(int id) { return id >= 0 && id < CHEM_NFUNCS ? func_table[id].nargs : 0; }

chem_desc *chem_desc_create(tf_err *err)
{
  chem_desc *d = tf_calloc(1, sizeof *d, err);
  if (d) d->cfactor = 1.0;
  return d;
}

void chem_desc_destroy(chem_desc **dp)
{
  if (!dp || !*dp) return;
  chem_desc *d = *dp;
  for (int i = 0; i < d->nspec; i++) {
    free(d->spec[i].comp_atom);
    free(d->spec[i].comp_count);
  }
  free(d->spec);
  for (int r = 0; r < d->nreact; r++) {
    free(d->react[r].reac);
    free(d->react[r].prod);
    free(d->react[r].rate.ops);
  }
  free(d->react);
  free(d->atom);
  free(d->phot);
  for (int i = 0; i < d->nwarn; i++) free(d->warn[i]);
  free(d->warn);
  free(d);
  *dp = NULL;
}

/* Grow *p (element size sz) so that index n is valid; capacity doubles. Capacity is
 * implied by n: we grow when n is a power of two (or 0), so no separate field. */
static int grow(void *pp, int n, size_t sz, tf_err *err)
{
  void **p = pp;
  if (n & (n - 1)) return TF_OK; /* not a power of two: room remains */
  size_t cap = n ? 2 * (size_t)n : 4;
  if (n && n < 4) return TF_OK;  /* first allocation holds 4 */
  void *q = realloc(*p, cap * sz);
  if (!q) return tf_err_set(err, TF_ENOMEM, "out of memory (%zu bytes)", cap * sz);
  *p = q;
  return TF_OK;
}

int chem_desc_find(const chem_desc *d, const char *name)
{
  for (int i = 0; i < d->nspec; i++)
    if (strcmp(d->spec[i].name, name) == 0) return i;
  return -1;
}

int chem_desc_add_species(chem_desc *d, const char *name, int fixed, tf_err *err)
{
  if (strlen(name) >= CHEM_NAME_LEN) {
    tf_err_set(err, TF_EINVAL, "species name '%s' longer than %d characters", name,
               CHEM_NAME_LEN - 1);
    return -1;
  }
  if (chem_desc_find(d, name) >= 0) {
    tf_err_set(err, TF_EINVAL, "species '%s' defined twice", name);
    return -1;
  }
  if (grow(&d->spec, d->nspec, sizeof *d->spec, err)) return -1;
  chem_species *s = &d->spec[d->nspec];
  memset(s, 0, sizeof *s);
  strcpy(s->name, name);
  s->fixed = fixed;
  return d->nspec++;
}

int chem_desc_add_atom(chem_desc *d, const char *name, tf_err *err)
{
  for (int i = 0; i < d->natoms; i++)
    if (strcmp(d->atom[i], name) == 0) return i;
  if (strlen(name) >= sizeof d->atom[0]) {
    tf_err_set(err, TF_EINVAL, "atom name '%s' too long", name);
    return -1;
  }
  if (grow(&d->atom, d->natoms, sizeof d->atom[0], err)) return -1;
  strcpy(d->atom[d->natoms], name);
  return d->natoms++;
}

int chem_desc_set_comp(chem_desc *d, int ispec, int n, const char *const *atoms,
                       const double *counts, tf_err *err)
{
  chem_species *s = &d->spec[ispec];
  free(s->comp_atom);
  free(s->comp_count);
  s->comp_atom = NULL;
  s->comp_count = NULL;
  s->ncomp = 0;
  s->comp_known = 1;
  if (n == 0) return TF_OK;
  s->comp_atom = tf_calloc((size_t)n, sizeof *s->comp_atom, err);
  s->comp_count = tf_calloc((size_t)n, sizeof *s->comp_count, err);
  if (!s->comp_atom || !s->comp_count) return TF_ENOMEM;
  for (int i = 0; i < n; i++) {
    int a = chem_desc_add_atom(d, atoms[i], err);
    if (a < 0) return err ? err->code : TF_EINVAL;
    /* merge repeated atoms ("O + O + O") */
    int j;
    for (j = 0; j < s->ncomp; j++)
      if (s->comp_atom[j] == a) break;
    if (j == s->ncomp) {
      s->comp_atom[j] = a;
      s->comp_count[j] = 0;
      s->ncomp++;
    }
    s->comp_count[j] += counts[i];
  }
  return TF_OK;
}

int chem_desc_phot(chem_desc *d, const char *name, tf_err *err)
{
  for (int i = 0; i < d->nphot; i++)
    if (strcmp(d->phot[i], name) == 0) return i;
  if (strlen(name) >= CHEM_NAME_LEN) {
    tf_err_set(err, TF_EINVAL, "photolysis name '%s' too long", name);
    return -1;
  }
  if (grow(&d->phot, d->nphot, sizeof d->phot[0], err)) return -1;
  strcpy(d->phot[d->nphot], name);
  return d->nphot++;
}

static void *dup_mem(const void *src, size_t bytes, tf_err *err)
{
  if (bytes == 0) return NULL;
  void *p = tf_malloc(bytes, err);
  if (p) memcpy(p, src, bytes);
  return p;
}

int chem_desc_add_reaction(chem_desc *d, const char *tag, const char *where, int nreac,
                           const chem_term *reac, int nprod, const chem_term *prod,
                           const chem_expr *rate, tf_err *err)
{
  if (grow(&d->react, d->nreact, sizeof *d->react, err)) return -1;
  chem_reaction *r = &d->react[d->nreact];
  memset(r, 0, sizeof *r);
  snprintf(r->tag, sizeof r->tag, "%s", tag ? tag : "");
  snprintf(r->where, sizeof r->where, "%s", where ? where : "");
  r->nreac = nreac;
  r->nprod = nprod;
  r->reac = dup_mem(reac, (size_t)nreac * sizeof *reac, err);
  r->prod = dup_mem(prod, (size_t)nprod * sizeof *prod, err);
  r->rate.nops = rate->nops;
  r->rate.ops = dup_mem(rate->ops, (size_t)rate->nops * sizeof *rate->ops, err);
  if ((nreac && !r->reac) || (nprod && !r->prod) || (rate->nops && !r->rate.ops)) {
    free(r->reac);
    free(r->prod);
    free(r->rate.ops);
    return -1;
  }
  for (int i = 0; i < rate->nops; i++)
    if (rate->ops[i].code == CHEM_OP_VAR && rate->ops[i].arg >= 0 &&
        rate->ops[i].arg < CHEM_NVARS)
      d->var_used[rate->ops[i].arg] = 1;
  return d->nreact++;
}

void chem_desc_warn(chem_desc *d, const char *fmt, ...)
{
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (grow(&d->warn, d->nwarn, sizeof *d->warn, NULL)) return;
  d->warn[d->nwarn] = strdup(buf);
  if (d->warn[d->nwarn]) d->nwarn++;
}

int chem_desc_check_balance(chem_desc *d)
{
  int nbad = 0;
  if (d->natoms == 0) return 0;
  double *bal = calloc((size_t)d->natoms, sizeof *bal);
  if (!bal) return 0;
  for (int r = 0; r < d->nreact; r++) {
    const chem_reaction *R = &d->react[r];
    int known = 1;
    for (int i = 0; i < R->nreac && known; i++) known = d->spec[R->reac[i].spec].comp_known;
    for (int i = 0; i < R->nprod && known; i++) known = d->spec[R->prod[i].spec].comp_known;
    if (!known) continue;
    memset(bal, 0, (size_t)d->natoms * sizeof *bal);
    for (int side = 0; side < 2; side++) {
      int nt = side ? R->nprod : R->nreac;
      const chem_term *t = side ? R->prod : R->reac;
      for (int i = 0; i < nt; i++) {
        const chem_species *s = &d->spec[t[i].spec];
        for (int a = 0; a < s->ncomp; a++)
          bal[s->comp_atom[a]] += (side ? 1.0 : -1.0) * t[i].coef * s->comp_count[a];
      }
    }
    char msg[400];
    int len = 0, bad = 0;
    for (int a = 0; a < d->natoms; a++) {
      if (fabs(bal[a]) > 1e-6) {
        bad = 1;
        if (len < (int)sizeof msg - 40)
          len += snprintf(msg + len, sizeof msg - (size_t)len, " %s%+g", d->atom[a], bal[a]);
      }
    }
    if (bad) {
      nbad++;
      chem_desc_warn(d, "%s: reaction <%s> is not atom-balanced (products - reactants):%s",
                     R->where, R->tag, msg);
    }
  }
  free(bal);
  return nbad;
}
