/* chem_desc.h — a plain-data description of a chemical mechanism.
 *
 * This is what a mechanism file (KPP language, io/kpp) is parsed into and what
 * model/chem compiles (chem_mech_create in mechanism.h). It holds no file handles and
 * no solver state: species (variable or fixed, optional atom composition, optional
 * default initial value), reactions (tag, reactants and products with possibly
 * fractional coefficients, rate expression as postfix bytecode), the named photolysis
 * rates the expressions use (J(NO2) -> "NO2") and the environment variables they use.
 *
 * Rate-expression bytecode is postfix (reverse Polish): CONST pushes val, VAR pushes an
 * environment variable (chem_var_id), SPEC pushes the concentration of a FIXED species
 * (index into spec[]), PHOT pushes photolysis rate number arg (s-1), binary operators pop
 * two and push one, NEG negates the top, FUNC pops chem_func_nargs(arg) arguments
 * (first argument deepest) and pushes the result. Functions are the KPP 3 standard rate
 * laws (KPP util/UserRateLaws.f90/.c) plus elementary functions; see chem_func_name().
 *
 * Units: rate constants come out in the units the mechanism is written in (KPP
 * convention: s-1, cm3 molec-1 s-1, cm6 molec-2 s-1 for concentrations in molec/cm3);
 * the engine does not convert. */
#ifndef CHEM_DESC_H
#define CHEM_DESC_H

#include "model/core/tf_error.h"

#define CHEM_NAME_LEN 32  /* max species/tag/photolysis name length incl. NUL */

/* Environment variables a rate expression may use (KPP names). */
typedef enum chem_var_id {
  CHEM_VAR_TEMP = 0, /* temperature, K */
  CHEM_VAR_M,        /* air number density, molec/cm3 (or a fixed species named M) */
  CHEM_VAR_O2,       /* molec/cm3 (or the fixed species O2) */
  CHEM_VAR_N2,       /* molec/cm3 (or the fixed species N2) */
  CHEM_VAR_H2O,      /* molec/cm3 (or the fixed species H2O) */
  CHEM_VAR_SUN,      /* KPP's normalised sunlight intensity, 0..1 (dimensionless) */
  CHEM_VAR_CFACTOR,  /* KPP unit conversion factor: constant of the mechanism (INITVALUES) */
  CHEM_NVARS
} chem_var_id;

/* Functions known to rate expressions. Definitions follow KPP 3 util/UserRateLaws
 * (TEMP = temperature, CFACTOR = the mechanism's conversion factor). */
typedef enum chem_func_id {
  CHEM_FN_EXP = 0, CHEM_FN_LOG, CHEM_FN_LOG10, CHEM_FN_SQRT, CHEM_FN_ABS,
  CHEM_FN_MIN, CHEM_FN_MAX,
  CHEM_FN_ARR,         /* ARR(a0,b0,c0)   = a0 exp(-b0/T) (T/300)^c0 */
  CHEM_FN_ARR_ABC,     /* ARR_abc(a0,b0,c0) = same as ARR */
  CHEM_FN_ARR_AB,      /* ARR_ab(a0,b0)   = a0 exp(-b0/T) */
  CHEM_FN_ARR_AC,      /* ARR_ac(a0,c0)   = a0 (T/300)^c0 */
  CHEM_FN_ARR_BC,      /* ARR_bc(b0,c0)   = exp(-b0/T) (T/300)^c0 (a0 = 1) */
  CHEM_FN_ARR2,        /* ARR2(a0,b0)     = a0 exp(+b0/T)   (KPP 2 C/F77 util; sign flipped) */
  CHEM_FN_EP2,         /* EP2(a0,c0,a2,c2,a3,c3) KPP util */
  CHEM_FN_EP3,         /* EP3(a1,c1,a2,c2)       KPP util */
  CHEM_FN_FALL,        /* FALL(a0,b0,c0,a1,b1,c1,cf) KPP util (uses CFACTOR*1e6 as M) */
  CHEM_FN_K_3RD,       /* k_3rd(temp,cair,k0_300,n,kinf_300,m,fc) */
  CHEM_FN_K_3RD_IUPAC, /* k_3rd_iupac(temp,cair,k0_300,n,kinf_300,m,fc) */
  CHEM_FN_K_ARR,       /* k_arr(k_298,tdep,temp) = k_298 exp(tdep (1/temp - 3.3540e-3)) */
  CHEM_FN_TROE,        /* TROE(k0_300,n,kinf_300,m,temp,cair) = k_3rd with fc = 0.6 (WRF-KPP) */
  CHEM_NFUNCS
} chem_func_id;

typedef enum chem_op_code {
  CHEM_OP_CONST = 0, CHEM_OP_VAR, CHEM_OP_SPEC, CHEM_OP_PHOT,
  CHEM_OP_ADD, CHEM_OP_SUB, CHEM_OP_MUL, CHEM_OP_DIV, CHEM_OP_POW, CHEM_OP_NEG,
  CHEM_OP_FUNC
} chem_op_code;

typedef struct chem_op {
  int code;   /* chem_op_code */
  int arg;    /* VAR: chem_var_id; SPEC: species index; PHOT: photolysis index; FUNC: id */
  double val; /* CONST: the value */
} chem_op;

typedef struct chem_expr {
  int nops;
  chem_op *ops;
} chem_expr;

typedef struct chem_term {
  int spec;     /* index into chem_desc.spec */
  double coef;  /* stoichiometric coefficient: reactants positive integers; products
                   may be fractional and, as KPP allows (CB05 "- 0.66 PAR"), negative */
} chem_term;

typedef struct chem_reaction {
  char tag[CHEM_NAME_LEN]; /* "R1" for <R1>, or "" */
  int nreac, nprod;
  chem_term *reac;         /* reactants incl. fixed species ("hv" is dropped) */
  chem_term *prod;
  chem_expr rate;
  char where[128];         /* "file:line" of the equation, for messages */
} chem_reaction;

typedef struct chem_species {
  char name[CHEM_NAME_LEN];
  int fixed;               /* 1 = #DEFFIX (constant during integration), 0 = #DEFVAR */
  int comp_known;          /* 1 if an atom composition was given without IGNORE */
  int ncomp;
  int *comp_atom;          /* index into chem_desc.atom */
  double *comp_count;      /* atoms per molecule */
  int has_init;            /* #INITVALUES gave a value (incl. ALL_SPEC) */
  double init;             /* as written; molec/cm3 = init * cfactor */
} chem_species;

typedef struct chem_desc {
  int nspec;
  chem_species *spec;
  int nreact;
  chem_reaction *react;
  int natoms;
  char (*atom)[8];                 /* atom names from #ATOMS */
  int nphot;
  char (*phot)[CHEM_NAME_LEN];     /* photolysis rate names: J(NO2) -> "NO2" */
  int var_used[CHEM_NVARS];        /* 1 if an expression uses that variable */
  double cfactor;                  /* KPP CFACTOR (INITVALUES), default 1 */
  char source[256];                /* file the description was read from */
  int nwarn;
  char **warn;                     /* load warnings (unbalanced atoms, skipped INLINE ...) */
} chem_desc;

/* ---- building a description (used by io/kpp and by tests) ---- */
chem_desc *chem_desc_create(tf_err *err);
void chem_desc_destroy(chem_desc **d);
/* Index of a species by name (case-sensitive, as KPP), or -1. */
int chem_desc_find(const chem_desc *d, const char *name);
/* Add a species; returns its index or -1 (err set: duplicate, name too long, ENOMEM). */
int chem_desc_add_species(chem_desc *d, const char *name, int fixed, tf_err *err);
/* Set a species' composition (atom names; counts). Unknown atoms are added. */
int chem_desc_set_comp(chem_desc *d, int ispec, int n, const char *const *atoms,
                       const double *counts, tf_err *err);
int chem_desc_add_atom(chem_desc *d, const char *name, tf_err *err); /* index or -1 */
/* Index of photolysis rate `name`, added if new; -1 on ENOMEM. */
int chem_desc_phot(chem_desc *d, const char *name, tf_err *err);
/* Append a reaction; the desc takes ownership of copies of reac/prod/ops. Returns
 * its index or -1. */
int chem_desc_add_reaction(chem_desc *d, const char *tag, const char *where,
                           int nreac, const chem_term *reac, int nprod,
                           const chem_term *prod, const chem_expr *rate, tf_err *err);
/* Append a warning (printf-style). */
void chem_desc_warn(chem_desc *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- name tables shared by the parser and the compiler ---- */
const char *chem_var_name(int id);           /* "TEMP", "M", ... */
int chem_var_lookup(const char *name);       /* id or -1 (case-insensitive, as Fortran) */
const char *chem_func_name(int id);          /* "ARR_ab", ... */
int chem_func_lookup(const char *name);      /* id or -1 (case-insensitive, as Fortran) */
int chem_func_nargs(int id);

/* Check atom balance of every reaction whose species all have known compositions;
 * each imbalance is appended as a warning ("R3 (file:line): O: 2 -> 3").
 * Returns the number of unbalanced reactions. */
int chem_desc_check_balance(chem_desc *d);

#endif
