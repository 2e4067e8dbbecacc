/* run_ctx.h — everything a forecast run holds, from config to outputs (app-internal).
 * run_setup.c builds it from a config (the `check` path stops there); run.c steps it and
 * writes the outputs; run_output.c holds the hourly/daily output and the city table. */
#ifndef TF_RUN_CTX_H
#define TF_RUN_CTX_H
#include "io/config/config.h"
#include "io/csv/tables.h"
#include "io/netcdf/cf_writer.h"
#include "io/netcdf/wrf_reader.h"
#include "mech_setup.h"
#include "model/driver/driver.h"
#include "model/surface/bcon.h"
#include "model/surface/drydep.h"
#include "model/surface/emissions.h"
#include "model/surface/wetdep.h"
#include "model/transport/advection.h"
#include "progress.h"
#include "run.h"

/* Halo width: PPM needs 2 upstream cells plus the boundary-condition cell. */
#define RUN_HALO 3

typedef struct run_city {
  csv_city c;
  int inside;               /* 1 if inside the owned domain */
  double fi, fj;            /* fractional owned indices */
} run_city;

typedef struct run_bc run_bc;  /* boundary fields from a file (run_bcfile.c) */

typedef struct run_ctx {
  run_opts o;
  cfg_file *cfg;
  const char *cfgname;
  /* inputs */
  char **met_paths;
  int nmet;
  wrf_set *wrf;
  tf_grid *g;
  chem_mech *mech;
  photo_map *pm;
  char mech_path[1024];
  tf_state *st;
  const char **spec_names;      /* state species (mechanism variable species) */
  emis_inventory inv;
  int have_inv;
  int nscale;                   /* emission scaling rules in force */
  emis_point *points;
  int npoints;
  emis_speciation spec;
  mech_tables tabs;             /* resolved paths of the mechanism's tables */
  csv_species_table spt;        /* the mechanism's species.csv */
  bc_profiles bcp;
  /* operators' contexts (owned here; the driver owns only the op wrappers) */
  emis_ctx *emis;
  dep_ctx *dep;
  wet_ctx *wet;
  double *wet_mol;              /* [nspec] wet-scavenged this hour, mol */
  bcon_ctx *bcon;
  run_bc *bcf;                  /* [boundary] file, NULL when initial and lateral are profiles */
  adv_ctx *adv;
  adv_budget *advb;
  void *vmix;                   /* vertical mixing context (model/transport) */
  drv_ctx *drv;
  drv_op *chem_op;              /* the chemistry operator inside its budget probe */
  drv_hooks hooks;
  /* period */
  double t_start, t_end;
  int restart_interval_h;
  /* outputs */
  char outdir[1024];
  char stem[256];
  cf_writer *cf;
  int *out_spec;                /* state indices of output species */
  int nout;
  int *out_var;                 /* CF variable ids (surface) */
  int *out_var3;                /* CF variable ids (3-D, when fields_3d) */
  int var_o3_ugm3, var_ps;
  int out_3d;
  int rec;                      /* next hourly record */
  int io3, ino2;                /* state indices of O3 and NO2 (-1 if absent) */
  /* hourly-mean surface O3 and NO2 (ppb) history for the daily statistics */
  double *o3_acc, *no2_acc;     /* per owned column, current hour */
  int nhours;                   /* hours in the run */
  double *o3_hist, *no2_hist;   /* [nhours][n2] hour means, ppb */
  unsigned char *hist_valid;    /* [nhours] */
  int nday;
  long day0;                    /* first Beijing day number (days since epoch) */
  run_city *cities;
  int ncity;
  /* budget */
  FILE *budget_csv;
  char budget_path[1200];
  double *mass_prev;            /* [nspec] mol at the last hour */
  double *chem_mol;             /* [nspec] chemistry net change, accumulated this hour */
  double *dep_mol;              /* [nspec] deposited this hour */
  double *emis_prev;            /* [nspec] emis_total_mol at the last hour */
  tf_progress prog;
  double out_wall_s;
} run_ctx;

int run_setup(run_ctx *r, const run_opts *o, tf_err *err);
void run_free(run_ctx *r);
void run_print_summary(const run_ctx *r, FILE *f);
/* run_output.c */
int run_output_open(run_ctx *r, tf_err *err);
int run_output_hour(run_ctx *r, double t, tf_err *err);
int run_output_close(run_ctx *r, int commit, tf_err *err);
void run_accumulate_step(run_ctx *r, double dt);
int run_city_table(run_ctx *r, FILE *print_to, tf_err *err);
/* run_bcfile.c: [boundary] initial/lateral = file */
int run_bc_setup(run_ctx *r, tf_err *err);      /* open + check the file (no-op for profiles) */
int run_bc_initial(run_ctx *r, tf_err *err);    /* state at t_start from the file (after the profiles) */
int run_bc_lateral(void *user, double t, tf_state *st, tf_err *err); /* op_lateral_fn, user = r->bcf */
void run_bc_summary(const run_ctx *r, FILE *f);
void run_bc_free(run_bc **b);
#endif
