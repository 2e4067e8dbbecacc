/* box.h — the chemistry box model behind `tianfu box` (and `tianfu bench chem --box`):
 * one air parcel at fixed temperature, pressure and humidity, with solar, fixed or no
 * photolysis and constant emissions, integrated by the sparse Rosenbrock solver.
 *
 * Config: an INI file of kind CFG_KIND_BOX (io/config: [box], [initial], [photolysis],
 * [emissions]; `tianfu help config`). Units of [initial], [emissions], atol and the output
 * ("box units"): ppb (mole fraction 1e-9 of air, converted with M = p/(kT)), molec/cm3,
 * or none (values used exactly as the mechanism's rate constants expect).
 *
 * Time stepping: chemistry is autonomous within a call of chem_integrate, so the box
 * advances in sub-steps of at most BOX_MAX_SUBSTEP_S when the sun moves (photolysis =
 * solar) or emissions are on, with J at the sub-step mid-point and emissions Strang-split
 * (half before, half after the chemistry). */
#ifndef TF_BOX_H
#define TF_BOX_H
#include <stdio.h>
#include "model/chem/chem_envbuf.h"
#include "model/chem/rosenbrock.h"
#include "model/photo/photolysis.h"

#define BOX_MAX_SUBSTEP_S 300.0

enum { BOX_UNITS_PPB = 0, BOX_UNITS_MOLEC, BOX_UNITS_NONE };
enum { BOX_PHOT_OFF = 0, BOX_PHOT_SOLAR, BOX_PHOT_FIXED };

typedef struct box_model {
  char config[1024];
  char mech_path[1024];
  chem_mech *mech;
  chem_solver *solver;
  photo_map *pm;        /* solar photolysis map (NULL if the mechanism has no J) */
  chem_opts opts;
  int nspec, nphot;
  int units, phot_mode;
  double temp_k, p_pa;
  double m, h2o;        /* molec/cm3 */
  double unit_factor;   /* mechanism units per box unit (M*1e-9 for ppb, else 1) */
  double t_start;       /* s since 1970 UTC */
  double duration_s, output_dt_s;
  double lat_deg, lon_deg;
  double sun_fixed;     /* SUN for photolysis = fixed */
  double *j_fixed;      /* [nphot] s-1 for photolysis = fixed */
  double *conc0;        /* [nspec] initial state, mechanism units */
  double *emis;         /* [nspec] mechanism units per s */
  int has_emis;
  /* Exchange with background air (the initial state conc0): after each sub-step
   * c += (conc0 - c)(1 - exp(-dilution_per_s dt)). 0 = closed box (the default; [box] dilution_per_s). */
  double dilution_per_s;
  chem_stats stats;     /* accumulated by box_step */
} box_model;

/* Workspace for n cells sharing the box's conditions. */
/* Per-cell environment storage of a box integration (see model/chem/chem_envbuf.h). */
typedef chem_envbuf box_work;

/* Read the config, load the mechanism and set the initial state. Errors name
 * file:line: [section] key. */
box_model *box_create(const char *config_path, tf_err *err);
void box_destroy(box_model **b);

int box_work_init(const box_model *b, int n, box_work *w, tf_err *err);
void box_work_free(box_work *w);

/* Advance n cells conc[nspec][n] (mechanism units) from model time t (s since start) by
 * dt (one sub-step: J at the mid-point, emissions split around the chemistry). */
int box_step(box_model *b, box_work *w, double *conc, int n, double t, double dt, tf_err *err);

/* Sub-step length for an interval of length dt. */
double box_substep(const box_model *b, double dt);

/* Run the configured box and write the CSV (header time_s,<variable species>) to out. */
int box_run(box_model *b, FILE *out, tf_err *err);
#endif
