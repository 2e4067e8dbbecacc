/* kpp_parse.h — read a mechanism written in the KPP language into a chem_desc.
 *
 * Accepts a .def that #INCLUDEs .spc/.eqn files, or a lone .eqn (starting in
 * #EQUATIONS; if it defines no species, the sibling <name>.spc is read first). Supported:
 * #ATOMS, #DEFVAR, #DEFFIX (with compositions "O3 = 3O;", "IGNORE"), #EQUATIONS with
 * <tags>, fractional coefficients, hv, #INITVALUES (incl. CFACTOR and ALL_SPEC),
 * #INCLUDE (relative to the including file, then the directory of the top-level file),
 * { } and // comments. #INLINE ... #ENDINLINE blocks are skipped with a warning; other
 * directives (#INTEGRATOR, #LANGUAGE, #LOOKAT, #MONITOR, #CHECK, #DOUBLE, #JACOBIAN,
 * #HESSIAN, #STOICMAT, #DRIVER, #MODEL, ...) are skipped silently.
 *
 * Rate expressions: numbers (1.0d-12, 1.E-12), + - * / ** ^, parentheses, unary minus,
 * variables TEMP M O2 N2 H2O SUN CFACTOR, fixed species names, the functions of
 * chem_func_name() and J(<name>) / PHOTO(<name>) for named photolysis rates.
 * Equations: reactants must have positive integer coefficients ("2 NO" = "NO + NO");
 * products may be fractional and negative ("- 0.66 PAR", as KPP/CB05).
 *
 * Errors (TF_EFORMAT, TF_EIO for unreadable files) name file:line:column.
 * Warnings (never errors) go to desc->warn: skipped #INLINE blocks and atom imbalance
 * of reactions whose species all have compositions (KPP's own mechanisms contain known
 * imbalances). */
#ifndef KPP_PARSE_H
#define KPP_PARSE_H

#include "model/chem/chem_desc.h"
#include "model/core/tf_error.h"

int kpp_load(const char *path, chem_desc **out, tf_err *err);

/* Parse KPP text held in memory (name is used in messages and to resolve #INCLUDE
 * relative to its directory). */
int kpp_load_string(const char *name, const char *text, chem_desc **out, tf_err *err);
#endif
