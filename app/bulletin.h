/* bulletin.h — `tianfu bulletin`: the early-warning bulletin of a forecast run.
 *
 * From the run's city hour means (<stem>_city_hours.csv, written by tianfu run) and its
 * daily fields (<stem>_daily.nc, for the maps), for every city and Beijing day: O3 MDA8
 * and max 1-h, NO2/SO2/CO 24-h means and max 1-h, HJ 633 IAQI, AQI, level, category,
 * colour, primary pollutant, the published AQI and level range, warnings and ozone
 * advisories from the rule table of the bulletin config (post/bulletin.h), and the
 * regional summary (Sichuan, Chongqing, the basin). Writes, atomically, beside the
 * forecast: bulletin.json (schema tianfu-bulletin/1, README "Forecast products"),
 * bulletin.html (one self-contained page) and the PNG maps and series. */
#ifndef TF_APP_BULLETIN_H
#define TF_APP_BULLETIN_H
#include <stdio.h>
#include "model/core/tf_error.h"

/* forecast: a run's output folder or its forecast <stem>.nc; config: a bulletin config
 * (NULL = the builtin configs/bulletin/bulletin.ini); notes[nnotes]: lines every product
 * carries (e.g. the cycle's "spin-up: first day less reliable"); print_to: where the
 * regional summary and the paths are printed (NULL = quiet). */
int bulletin_make(const char *forecast, const char *config, const char *const *notes, int nnotes, FILE *print_to,
                  tf_err *err);
#endif
