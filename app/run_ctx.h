/* run_ctx.h — everything a forecast run holds, from config to outputs (app-internal).
 * run_setup.c builds it from a config (the `check` path stops there); run.c steps it and
 * writes the outputs; run_output.c holds the hourly/daily output and the city table. */
#ifndef TF_RUN_CTX_H
#define TF_RUN_CTX_H
#include <stdio.h>
#include "io/config/run_config.h"
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
#include "post/sample.h"
#include "post/series.h"
#include "progress.h"
#include "run.h"

/* Pollutants with hour-mean series (O3, NO2, CO, SO2). */
#define RUN_NSER 4

/* Halo width: PPM needs 2 upstream cells plus the boundary-condition cell. */
#define RUN_HALO 3

typedef struct run_city {
  csv_city c;
  int inside;               /* 1 if inside the owned domain */
  double fi, fj;            /* fractional owned indices */
} run_city;

typedef struct run_bc run_bc;  /* boundary fields from a file (run_bcfile.c) */

/* What the run writes every hour (run_output.c): the CF forecast and the budget table. */
typedef struct run_outputs {
  char dir[1024];
  char stem[256];               /* tianfu_<start>_<H>h */
  cf_writer *cf;
  int *spec;                    /* state indices of output species */
  int nspec;
  int *var;                     /* CF variable ids (surface) */
  int *var3;                    /* CF variable ids (3-D, when fields_3d) */
  int var_o3_ugm3, var_ps;
  int fields_3d;
  int rec;                      /* next hourly record */
  FILE *budget_csv;
  char budget_path[1200];       /* final name; written as budget_partial until committed */
  char budget_partial[1216];
  double *mass_prev;            /* [nspec of the state] mol at the last hour */
  double wall_s;                /* time spent writing */
} run_outputs;

/* The products (run_products.c on post/): hour-mean surface series of the AQI gases and
 * the city sampling. */
typedef struct run_products {
  post_series *ser;
  int ser_spec[RUN_NSER];       /* state index of series pollutant p */
  post_sampler *city_smp;       /* the cities inside the domain */
  int *city_pt;                 /* [ncity] sample point of city c, -1 outside */
} run_products;

typedef struct run_ctx {
  run_opts o;
  run_config *cfg;              /* the typed run description */
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
  emis_point *points;
  int npoints;
  emis_speciation spec;
  mech_tables tabs;             /* resolved paths of the mechanism's tables */
  csv_species_table spt;        /* the mechanism's species.csv */
  bc_profiles bcp;
  /* operators' contexts: built by run_setup; emis, dep and wet are handed to the driver by
   * op_*_add, which owns and destroys them (the field is NULL from then on); bcon stays
   * here, borrowed by the advection operator */
  emis_ctx *emis;
  emis_config ec;               /* what emis was made from (members make their own) */
  int *bio_role;                /* [nspec] ec.bio_role */
  dep_ctx *dep;
  wet_ctx *wet;
  bcon_ctx *bcon;
  run_bc *bcf;                  /* [boundary] file, NULL when initial and lateral are profiles */
  drv_ctx *drv;                 /* the time loop; owns the operators */
  drv_op *adv_op, *chem_op;     /* handles whose state goes into restarts (NULL when off) */
  drv_hooks hooks;
  /* period */
  double t_start, t_end;
  int io3;                      /* state index of O3 */
  int nhours;                   /* hours in the run */
  run_city *cities;
  int ncity;
  run_outputs out;              /* run_output.c */
  run_products prod;            /* run_products.c */
  tf_progress prog;
  /* members (run_members.c): a member's context is a copy of the base run's whose st is
   * its view of the members' state and whose out/prod are its own; member_of points at
   * the base (NULL for a base or a one-member run) and run_free frees only out/prod */
  int member;                   /* index of the member: driver budget and step-size slice */
  const struct run_ctx *member_of;
  tf_state member_view;         /* st of a member's context points here */
} run_ctx;

int run_setup(run_ctx *r, const run_opts *o, tf_err *err);
/* Operators (after run_setup with check_only): nmember members with emissions emis[m]
 * (the run owns them from here); one member: emis = &r->emis. */
int run_setup_ops(run_ctx *r, int nmember, emis_ctx **emis, tf_err *err);
/* The config's [emissions] scale as rules (*rules NULL when none; free it). */
int run_config_rules(run_ctx *r, emis_scale_rule **rules, int *nrules, tf_err *err);
/* TF_OK if species is an inventory pollutant or a species of the mechanism. */
int run_check_rule_species(const run_ctx *r, const char *species, tf_err *err);
/* An emission context of the run's inputs with these scaling rules. */
emis_ctx *run_emis_create(run_ctx *r, int nrules, const emis_scale_rule *rules, tf_err *err);
/* run.c: the restart file of r at t, reading one, the per-step work after each step */
int run_write_restart(run_ctx *r, double t, tf_err *err);
int run_read_restart(run_ctx *r, const char *path, tf_err *err);
int run_after_step(run_ctx *r, double dt, double t, int whole_hour, tf_err *err);
void run_budget_start(run_ctx *r, const tf_met *m0);
void run_free(run_ctx *r);
/* Fill rep with the run's wall times (s), sizes and per-operator times (run.c). */
void run_report_fill(run_report *rep, const run_ctx *r, double wall_s, double setup_wall_s, int nspec);
void run_print_summary(const run_ctx *r, FILE *f);
/* run_output.c */
int run_output_open(run_ctx *r, tf_err *err);
int run_output_hour(run_ctx *r, double t, tf_err *err);
int run_output_close(run_ctx *r, int commit, tf_err *err);
/* run_products.c */
int run_products_open(run_ctx *r, tf_err *err);
void run_products_free(run_ctx *r);
void run_products_step(run_ctx *r, double dt);
void run_products_hour(run_ctx *r, double t);
int run_products_daily(run_ctx *r, tf_err *err);
int run_city_table(run_ctx *r, FILE *print_to, tf_err *err);
/* run_bcfile.c: [boundary] initial/lateral = file */
int run_bc_setup(run_ctx *r, tf_err *err);      /* open + check the file (no-op for profiles) */
int run_bc_initial(run_ctx *r, tf_err *err);    /* state at t_start from the file (after the profiles) */
int run_bc_lateral(void *user, double t, tf_state *st, tf_err *err); /* op_lateral_fn, user = r->bcf */
void run_bc_summary(const run_ctx *r, FILE *f);
void run_bc_free(run_bc **b);
#endif
