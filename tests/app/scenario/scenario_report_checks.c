/* scenario_report_checks.c — `tianfu scenario report` on hand-written city tables whose
 * responses are worked out by hand (the post/scenario_stats definitions: paired days,
 * worst baseline day, exceedance > 160 µg/m3, good days AQI <= 100 from MDA8, population
 * weighting over the cities counted in the totals): the member's rows are shuffled, one
 * baseline MDA8 is flagged not valid, one city is left out of the totals. Then the errors:
 * a member covering other days, a city table lacking a column, a directory without one.
 * usage: scenario_report_checks TIANFU TMPDIR */
#include "tf_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *bin, *tmp;

static void put(const char *rel, const char *text)
{
  char p[1024];
  snprintf(p, sizeof p, "%s/%s", tmp, rel);
  FILE *f = fopen(p, "w");
  if (!f) { fprintf(stderr, "cannot write %s\n", p); exit(1); }
  fputs(text, f);
  fclose(f);
}

static const char *HDR = "city,name_zh,lat,lon,date,o3_max1h_ugm3,o3_max1h_hour,o3_mda8_ugm3,mda8_end_hour,mda8_valid,mda8_exceeds_160,no2_max1h_ugm3,hours_valid\n";

static void table(const char *rel, const char *rows)
{
  char buf[4096];
  snprintf(buf, sizeof buf, "# test city table\n%s%s", HDR, rows);
  put(rel, buf);
}

/* run the command, output to log; returns exit status */
static int run(const char *args, char *log, size_t n)
{
  char cmd[2048], lp[1024];
  snprintf(lp, sizeof lp, "%s/log.txt", tmp);
  snprintf(cmd, sizeof cmd, "'%s' scenario report %s > '%s' 2>&1", bin, args, lp);
  int st = system(cmd);
  FILE *f = fopen(lp, "r");
  size_t k = f ? fread(log, 1, n - 1, f) : 0;
  log[k] = 0;
  if (f) fclose(f);
  return WEXITSTATUS(st);
}

/* field col (0-based) of the CSV row starting with "member,city," */
static double field(const char *csv, const char *key, int col)
{
  const char *p = strstr(csv, key);
  if (!p) return NAN;
  for (int c = 0; c < col; c++) {
    p = strchr(p, ',');
    if (!p) return NAN;
    p++;
  }
  return atof(p);
}

int main(int argc, char **argv)
{
  if (argc != 3) return 2;
  bin = argv[1], tmp = argv[2];
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s/base' '%s/cut' '%s/late' '%s/bad' '%s/empty'", tmp, tmp, tmp, tmp, tmp, tmp);
  if (system(cmd)) return 1;
  put("cities.csv", "name_pinyin,pop_census2020_resident_total,province,in_region_totals\n"
                    "A,100,Sichuan,1\nB,300,Sichuan,1\nC,200,Chongqing,1\nD,50,Chongqing,0\n");
  table("base/x_cities.csv",
        "A,,0,0,2022-08-10,190,14,150,16,1,0,1,24\nA,,0,0,2022-08-11,210,14,170,16,1,1,1,24\nA,,0,0,2022-08-12,230,14,180,16,1,1,1,24\n"
        "B,,0,0,2022-08-10,120,14,100,16,1,0,1,24\nB,,0,0,2022-08-11,200,14,165,16,1,1,1,24\nB,,0,0,2022-08-12,170,14,140,16,0,0,1,12\n"
        "C,,0,0,2022-08-10,190,14,162,16,1,1,1,24\nC,,0,0,2022-08-11,190,14,158,16,1,0,1,24\nC,,0,0,2022-08-12,200,14,171,16,1,1,1,24\n"
        "D,,0,0,2022-08-10,150,14,120,16,1,0,1,24\nD,,0,0,2022-08-11,150,14,130,16,1,0,1,24\nD,,0,0,2022-08-12,150,14,140,16,1,0,1,24\n"
        "Elsewhere,,0,0,2022-08-10,150,14,120,16,1,0,1,24\n");
  table("cut/x_cities.csv",
        "C,,0,0,2022-08-12,190,14,165,16,1,1,1,24\nA,,0,0,2022-08-10,180,14,140,16,1,0,1,24\nB,,0,0,2022-08-11,190,14,150,16,1,0,1,24\n"
        "A,,0,0,2022-08-11,200,14,158,16,1,0,1,24\nA,,0,0,2022-08-12,225,14,175,16,1,1,1,24\nB,,0,0,2022-08-10,115,14,95,16,1,0,1,24\n"
        "B,,0,0,2022-08-12,160,14,130,16,1,0,1,24\nC,,0,0,2022-08-10,185,14,160,16,1,0,1,24\nC,,0,0,2022-08-11,185,14,150,16,1,0,1,24\n"
        "D,,0,0,2022-08-10,140,14,110,16,1,0,1,24\nD,,0,0,2022-08-11,140,14,120,16,1,0,1,24\nD,,0,0,2022-08-12,140,14,130,16,1,0,1,24\n");
  char log[8192], args[2048];
  snprintf(args, sizeof args, "--out '%s' --cities '%s/cities.csv' '%s/base' '%s/cut'", tmp, tmp, tmp, tmp);
  TF_EXPECT_MSG(run(args, log, sizeof log) == 0, "%s", log);
  char csv[16384] = "", p[1024];
  snprintf(p, sizeof p, "%s/scenario_cities.csv", tmp);
  FILE *f = fopen(p, "r");
  size_t k = f ? fread(csv, 1, sizeof csv - 1, f) : 0;
  csv[k] = 0;
  if (f) fclose(f);
  /* columns: 3 days, 4 dMDA8 mean, 5 worst day, 7 dMDA8 worst, 8 dmax1h, 9/10 exceed, 14/15 good */
  tf_check("A paired days", field(csv, "cut,A,", 3), 3, 0);
  tf_check("A dMDA8 mean", field(csv, "cut,A,", 4), -9, 1e-9);
  TF_EXPECT(strstr(csv, "cut,A,Sichuan,3,-9.000,2022-08-12,") != NULL);
  tf_check("A dMDA8 worst day", field(csv, "cut,A,", 7), -5, 1e-9);
  tf_check("A dmax1h", field(csv, "cut,A,", 8), -25.0 / 3, 1e-3); /* -10, -10, -5 */
  tf_check("A exceed base", field(csv, "cut,A,", 9), 2, 0);
  tf_check("A exceed member", field(csv, "cut,A,", 10), 1, 0);
  tf_check("A good base", field(csv, "cut,A,", 14), 1, 0);
  tf_check("A good member", field(csv, "cut,A,", 15), 2, 0);
  tf_check("B paired days (one baseline MDA8 not valid)", field(csv, "cut,B,", 3), 2, 0);
  tf_check("B dMDA8 mean", field(csv, "cut,B,", 4), -10, 1e-9);
  TF_EXPECT(strstr(csv, "cut,B,Sichuan,2,-10.000,2022-08-11,") != NULL);
  tf_check("B exceed base", field(csv, "cut,B,", 9), 1, 0);
  tf_check("C dMDA8 mean", field(csv, "cut,C,", 4), -16.0 / 3, 1e-3);
  /* P90 of 158, 162, 171: k = 1 + 2 * 0.9 = 2.8 -> 162 + 0.8 * 9 = 169.2 */
  tf_check("C O3 index base", field(csv, "cut,C,", 12), 169.2 / 160.0, 1e-4);
  TF_EXPECT(strstr(csv, "cut,D,") != NULL);        /* reported, but not in the totals */
  TF_EXPECT(strstr(csv, "Elsewhere") == NULL);     /* not in the cities table */
  char md[16384] = "";
  snprintf(p, sizeof p, "%s/scenario_summary.md", tmp);
  f = fopen(p, "r");
  k = f ? fread(md, 1, sizeof md - 1, f) : 0;
  md[k] = 0;
  if (f) fclose(f);
  /* Sichuan: (100 * -9 + 300 * -10) / 400 = -9.75; exceedance 2+1 -> 1+0; good 1+1 -> 2+2.
   * Chongqing: C only (D not in the totals), -16/3; basin (100*-9 + 300*-10 + 200*-16/3)/600 */
  TF_EXPECT_MSG(strstr(md, "| Sichuan | 2 | -9.75 | 3 → 1 | 2 → 4 |") != NULL, "%s", md);
  TF_EXPECT_MSG(strstr(md, "| Chongqing | 1 | -5.33 | 2 → 1 | 1 → 2 |") != NULL, "%s", md);
  TF_EXPECT_MSG(strstr(md, "| basin | 3 | -8.28 | 5 → 2 | 3 → 6 |") != NULL, "%s", md);
  snprintf(p, sizeof p, "%s/scenario_summary.json", tmp);
  struct stat sb;
  TF_EXPECT(stat(p, &sb) == 0 && sb.st_size > 200);

  /* errors: a member covering other days; a table without mda8_valid; no table at all */
  table("late/x_cities.csv", "A,,0,0,2022-08-11,200,14,158,16,1,0,1,24\n");
  snprintf(args, sizeof args, "--out '%s' --cities '%s/cities.csv' '%s/base' '%s/late'", tmp, tmp, tmp, tmp);
  TF_EXPECT(run(args, log, sizeof log) == 1);
  TF_EXPECT_MSG(strstr(log, "late/x_cities.csv") && strstr(log, "covers 1 days from 2022-08-11"), "%s", log);
  put("bad/x_cities.csv", "city,date,o3_mda8_ugm3,o3_max1h_ugm3\nA,2022-08-10,1,2\n");
  snprintf(args, sizeof args, "--out '%s' --cities '%s/cities.csv' '%s/base' '%s/bad'", tmp, tmp, tmp, tmp);
  TF_EXPECT(run(args, log, sizeof log) == 1);
  TF_EXPECT_MSG(strstr(log, "bad/x_cities.csv") && strstr(log, "mda8_valid"), "%s", log);
  snprintf(args, sizeof args, "--out '%s' '%s/base' '%s/empty'", tmp, tmp, tmp);
  TF_EXPECT(run(args, log, sizeof log) == 1);
  TF_EXPECT_MSG(strstr(log, "empty: no <stem>_cities.csv"), "%s", log);
  snprintf(args, sizeof args, "'%s/base'", tmp);
  TF_EXPECT(run(args, log, sizeof log) == 2); /* needs a member */
  return tf_test_exit();
}
