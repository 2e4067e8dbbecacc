/* rosenbrock.h — stiff integration of a compiled mechanism for many cells at once.
 *
 * Rosenbrock methods of Sandu et al. (1997, Atmos. Environ. 31, 3459, "Benchmarking
 * stiff ODE solvers for atmospheric chemistry problems II: Rosenbrock solvers"):
 * Ros2, Ros3, Rodas3, Rodas4, coefficients as in KPP's int/rosenbrock.f90, with the
 * embedded error estimate and KPP's step-size controller (FacMin/FacMax/FacSafe/FacRej).
 *
 * Cells are processed in batches (structure of arrays [species][cell]) so the compiler
 * vectorises across cells; every cell keeps its own step size, error test and step
 * acceptance (exactly as if integrated alone: results do not depend on batch mates).
 * Batches are spread over OpenMP threads inside chem_integrate.
 *
 * Negative values: after each accepted step, variable species below zero are set to
 * zero (KPP's vectorised Rosenbrock does the same, Y = MAX(Ynew, 0)); each such clip is
 * counted in chem_stats.nclip. */
#ifndef CHEM_ROSENBROCK_H
#define CHEM_ROSENBROCK_H

#include "model/chem/mechanism.h"

typedef enum chem_method {
  CHEM_ROS2 = 0,  /* 2 stages, order 2, L-stable (Verwer et al. 1999) */
  CHEM_ROS3,      /* 3 stages, order 3, L-stable (Sandu et al. 1997) */
  CHEM_RODAS3,    /* 4 stages, order 3, stiffly accurate (Sandu et al. 1997) */
  CHEM_RODAS4,    /* 6 stages, order 4, stiffly accurate (Hairer & Wanner 1996) */
  CHEM_NMETHODS
} chem_method;

const char *chem_method_name(int method);    /* "ros2", "ros3", "rodas3", "rodas4" */
int chem_method_lookup(const char *name);    /* method or -1 (case-insensitive) */
int chem_method_order(int method);           /* 2, 3, 3, 4 */

typedef struct chem_opts {
  int method;            /* chem_method; default CHEM_RODAS3 */
  double rtol;           /* relative tolerance, default 1e-3 */
  double atol;           /* absolute tolerance in concentration units, default 1.0
                            (molec/cm3); see atol_mixing_ratio */
  int atol_mixing_ratio; /* if 1, atol (and atol_spec) is a mole fraction and is
                            multiplied by each cell's env m_molec_cm3 (e.g. 1 ppt =
                            1e-12); default 0 */
  const double *atol_spec; /* optional [nspec] per-species atol (same units as atol) */
  const double *rtol_spec; /* optional [nspec] per-species rtol */
  double hmin;           /* s, default 0 */
  double hmax;           /* s, default 0 = the whole interval */
  double hstart;         /* s, first trial step, default 0 = KPP's DeltaMin 1e-5 s */
  int max_steps;         /* per cell and call (attempted steps), default 100000 */
  double fac_min, fac_max, fac_safe, fac_rej; /* KPP defaults 0.2, 6, 0.9, 0.1 */
  int fixed_step;        /* 1: no error control, nsteps = ceil(dt/hstart) equal steps */
  int batch;             /* cells per batch, default 64 (1..256) */
} chem_opts;

void chem_opts_default(chem_opts *o);

/* Work statistics, summed over cells. */
typedef struct chem_stats {
  long nstep;    /* attempted steps */
  long naccept;  /* accepted steps */
  long nreject;  /* rejected steps */
  long nfun;     /* right-hand-side evaluations */
  long njac;     /* Jacobian evaluations */
  long ndecomp;  /* LU decompositions */
  long nsolve;   /* forward/back substitutions */
  long nsing;    /* singular matrices (step halved and retried) */
  long nclip;    /* negative values set to zero after accepted steps */
} chem_stats;

typedef struct chem_solver chem_solver;

/* Validate options against the mechanism (TF_EINVAL naming the bad option). The solver
 * keeps a pointer to m, which must outlive it; per-species tolerance arrays are copied. */
chem_solver *chem_solver_create(const chem_mech *m, const chem_opts *o, tf_err *err);
void chem_solver_destroy(chem_solver **s);

/* Integrate n cells over dt_s seconds (autonomous: rate constants are evaluated once per
 * cell from env at the start of the call and held fixed, as in KPP).
 * conc: [nspec][n] species-major (conc[i*n + c]); fixed species are read, not changed.
 * stats may be NULL (otherwise it is incremented). Thread-safe for distinct conc;
 * uses OpenMP threads over batches (call it from serial code).
 * Errors: TF_EINVAL (env incomplete), TF_ENUMERIC naming the first failing cell (too
 * many steps, step below hmin / roundoff, repeated singular matrix, non-finite value);
 * cells that failed keep their values at the time of failure. */
int chem_integrate(chem_solver *s, double *conc, int n, const chem_env *env,
                   double dt_s, chem_stats *stats, tf_err *err);

/* Add b into a. */
void chem_stats_add(chem_stats *a, const chem_stats *b);
#endif
