/* mechanism.h — a compiled chemical mechanism: the fast form of a chem_desc.
 *
 * chem_mech_create() compiles a description once: variable species are reordered by
 * Markowitz's criterion (as KPP does) to minimise fill-in of the LU factors of
 * (I - h*gamma*J); the sparse pattern of that matrix with its fill-in, flat index
 * lists for the production/loss and Jacobian loops, and rate-expression bytecode are
 * built here. Solvers (rosenbrock.h) use the private layout; this header gives
 * species lookup and single-cell evaluation for tests and diagnostics.
 *
 * Species indices in this API are those of the chem_desc (the file's order: the
 * order of #DEFVAR then #DEFFIX as read); the internal reordering is invisible.
 * Concentrations: molec/cm3 (or whatever unit the mechanism's rates assume, e.g.
 * dimensionless for test problems); fixed species are read from the same array. */
#ifndef CHEM_MECHANISM_H
#define CHEM_MECHANISM_H

#include "model/chem/chem_desc.h"
#include "model/core/tf_error.h"

typedef struct chem_mech chem_mech;

/* Per-cell environment for n cells (structure of arrays, each array has n values).
 * A pointer may be NULL if the mechanism does not use that variable
 * (chem_mech_uses_var); M, O2, N2, H2O are only read when they are not fixed species
 * of the mechanism (fixed species come from the concentration array). */
typedef struct chem_env {
  const double *temp_k;        /* K */
  const double *m_molec_cm3;   /* air number density, molec/cm3 */
  const double *o2;            /* molec/cm3 */
  const double *n2;            /* molec/cm3 */
  const double *h2o;           /* molec/cm3 */
  const double *sun;           /* KPP SUN, 0..1 */
  const double *const *jrate;  /* jrate[k][cell], s-1, k = 0..chem_mech_nphot-1 */
  /* Optional, in/out (read and written by chem_integrate only): per-cell step size, s.
   * On input a value > 0 is that cell's first trial step (instead of opts.hstart);
   * on output it holds the step the controller proposes next. Keeping it between calls
   * (start with zeros) saves the ~10 warm-up steps KPP's restart from Hstart = 1e-5 s
   * costs every call; accuracy is unchanged (the error control accepts or rejects). */
  double *hnext_s;
} chem_env;

/* Compile. The desc may be destroyed afterwards. Errors: TF_EINVAL for an inconsistent
 * description (no variable species, non-integer reactant coefficient, bad bytecode). */
chem_mech *chem_mech_create(const chem_desc *d, tf_err *err);
void chem_mech_destroy(chem_mech **m);

int chem_mech_nspec(const chem_mech *m);          /* all species (var + fixed) */
int chem_mech_nvar(const chem_mech *m);
int chem_mech_nreact(const chem_mech *m);
const char *chem_mech_spec_name(const chem_mech *m, int i);
int chem_mech_find(const chem_mech *m, const char *name);   /* index or -1 */
int chem_mech_is_fixed(const chem_mech *m, int i);
const char *chem_mech_react_tag(const chem_mech *m, int r);
int chem_mech_nphot(const chem_mech *m);
const char *chem_mech_phot_name(const chem_mech *m, int k); /* "NO2" for J(NO2) */
int chem_mech_find_phot(const chem_mech *m, const char *name); /* index or -1 */
int chem_mech_uses_var(const chem_mech *m, chem_var_id v);
/* Default initial value from #INITVALUES in molec/cm3 (init*CFACTOR); 0 if none given.
 * Returns 1 if a value was given. */
int chem_mech_init_value(const chem_mech *m, int i, double *value);
double chem_mech_cfactor(const chem_mech *m);

/* Sparsity statistics of the Newton matrix (I - h*gamma*J) over variable species:
 * nonzeros of J (incl. diagonal), of the LU factors with the Markowitz order used, and
 * of the LU factors had the file's natural order been kept. */
typedef struct chem_sparsity {
  int nvar, nnz_jac, nnz_lu, nnz_lu_natural;
  int n_lu_ops;      /* multiply-subtract operations per factorisation */
} chem_sparsity;
void chem_mech_sparsity(const chem_mech *m, chem_sparsity *s);

/* Check that env provides everything the mechanism needs for n cells (TF_EINVAL with
 * the name of the missing variable / photolysis rate otherwise). */
int chem_mech_check_env(const chem_mech *m, const chem_env *env, tf_err *err);

/* ---- single-cell evaluation (tests, conservation checks, diagnostics) ----
 * conc[nspec]: one cell's concentrations in species index order (fixed included).
 * env/cell: the environment arrays and which cell of them to use.
 * Any output pointer may be NULL.
 *   k[nreact]       effective rate constants: the rate constant times the concentrations
 *                   of the reaction's FIXED reactants (M, O2, H2O ...), which the compiler
 *                   folds into k; rate = k * product of variable reactants
 *   dcdt[nspec]     d conc / dt (0 for fixed species)
 *   jac[nspec*nspec] row-major d(dcdt_i)/d(conc_j), zero rows/columns for fixed species
 *   prod[nspec], loss[nspec]  production and loss rates (molec cm-3 s-1), dcdt = prod-loss
 *                   (a species on both sides of a reaction contributes its net change) */
int chem_mech_eval_cell(const chem_mech *m, const chem_env *env, int cell,
                        const double *conc, double *k, double *dcdt, double *jac,
                        double *prod, double *loss, tf_err *err);

/* Solve (I - hgamma*J) x = rhs for one cell with the compiled sparse LU (what the
 * Rosenbrock stages do). J at conc/env/cell; rhs, x of length nspec (fixed entries are
 * ignored / returned as 0). TF_ENUMERIC if the matrix is singular. */
int chem_mech_newton_solve_cell(const chem_mech *m, const chem_env *env, int cell,
                                const double *conc, double hgamma, const double *rhs,
                                double *x, tf_err *err);
#endif
