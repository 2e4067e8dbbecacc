/* test_species_table.c — the mechanism species table (configs/mechanisms/<name>/species.csv)
 * as csv_read_species_table reads it: the CF standard name and the biogenic role are data
 * columns (nothing in C knows that ISOP is isoprene or what CF calls O3). Checks the shipped
 * CB05 table (O3/NO2 CF names, ISOP isoprene, TERP terpene, NO no role, TERP no CF name),
 * that a table whose ISOP row has no role gives ISOP no role, and the errors for an unknown
 * role, a role given twice and a missing column (file:line:column, the column named). */
#include <stdio.h>
#include <string.h>

#include "io/csv/tables.h"
#include "tf_test.h"

static int write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  if (!f) return 1;
  fputs(text, f);
  return fclose(f) != 0;
}

#define HEAD "name,mw_g_mol,hstar_M_atm,f0,dratio,deposits,cf_standard_name,biogenic,source\n"

int main(void)
{
  tf_err err = {0};
  char path[1024];
  csv_species_table t;
  tf_source_path("configs/mechanisms/cb05/species.csv", path, sizeof path);
  TF_EXPECT(csv_read_species_table(path, &t, &err) == TF_OK);
  int o3 = csv_species_table_find(&t, "O3"), no2 = csv_species_table_find(&t, "NO2");
  int isop = csv_species_table_find(&t, "ISOP"), terp = csv_species_table_find(&t, "TERP");
  int no = csv_species_table_find(&t, "NO");
  TF_EXPECT(t.n > 40 && o3 >= 0 && no2 >= 0 && isop >= 0 && terp >= 0 && no >= 0);
  TF_EXPECT(csv_species_table_find(&t, "NOT_A_SPECIES") == -1);
  if (o3 >= 0 && no2 >= 0 && isop >= 0 && terp >= 0 && no >= 0) {
    TF_EXPECT(!strcmp(t.cf_name[o3], "mole_fraction_of_ozone_in_air"));
    TF_EXPECT(!strcmp(t.cf_name[no2], "mole_fraction_of_nitrogen_dioxide_in_air"));
    TF_EXPECT(!strcmp(t.cf_name[isop], "mole_fraction_of_isoprene_in_air"));
    TF_EXPECT(t.cf_name[terp][0] == '\0');               /* CF has no name for lumped terpenes */
    TF_EXPECT(t.bio_role[isop] == EMIS_BIO_ISOPRENE);
    TF_EXPECT(t.bio_role[terp] == EMIS_BIO_TERPENE);
    TF_EXPECT(t.bio_role[no] == EMIS_BIO_NONE);
    TF_EXPECT(t.props[o3].deposits && t.props[o3].f0 == 1.0);  /* deposition columns as before */
  }
  int nrole[EMIS_BIO_NROLE] = {0};
  for (int i = 0; i < t.n; i++) nrole[t.bio_role[i]]++;
  TF_EXPECT(nrole[EMIS_BIO_ISOPRENE] == 1 && nrole[EMIS_BIO_TERPENE] == 1);
  csv_species_table_free(&t);
  TF_EXPECT(t.n == 0 && t.props == NULL);

  char dir[1024], f[1100];
  tf_tmp_dir("test_species_table", dir, sizeof dir);
  snprintf(f, sizeof f, "%s/species.csv", dir);
  /* ISOP without a role: read fine, ISOP gets none (emis_create then emits no isoprene) */
  TF_EXPECT(write_file(f, "# a table\n" HEAD "ISOP,68.117,0,0,1.0,no,mole_fraction_of_isoprene_in_air,,x\n"
                          "TERP,136.234,0,0,1.0,no,,terpene,x\n") == 0);
  TF_EXPECT(csv_read_species_table(f, &t, &err) == TF_OK && t.n == 2);
  if (t.n == 2) TF_EXPECT(t.bio_role[0] == EMIS_BIO_NONE && t.bio_role[1] == EMIS_BIO_TERPENE);
  csv_species_table_free(&t);
  /* unknown role: error naming file:line:column and the column */
  TF_EXPECT(write_file(f, HEAD "ISOP,68.117,0,0,1.0,no,,isopren,x\n") == 0);
  TF_EXPECT(csv_read_species_table(f, &t, &err) == TF_EINVAL);
  TF_EXPECT(strstr(err.msg, "species.csv:2:8") && strstr(err.msg, "'biogenic'") && strstr(err.msg, "isopren"));
  /* a role given twice */
  TF_EXPECT(write_file(f, HEAD "ISOP,68.117,0,0,1.0,no,,isoprene,x\nISP2,68.117,0,0,1.0,no,,isoprene,x\n") == 0);
  TF_EXPECT(csv_read_species_table(f, &t, &err) == TF_EINVAL);
  TF_EXPECT(strstr(err.msg, "ISOP") && strstr(err.msg, "ISP2") && strstr(err.msg, "at most one"));
  /* an old-format table (no biogenic/cf_standard_name columns) is refused, naming the column */
  TF_EXPECT(write_file(f, "name,mw_g_mol,hstar_M_atm,f0,dratio,deposits,source\nO3,47.998,0.01,1,1.6,yes,x\n") == 0);
  TF_EXPECT(csv_read_species_table(f, &t, &err) != TF_OK && strstr(err.msg, "cf_standard_name"));
  /* ... while the deposition-only reader still accepts it */
  dep_species_props *p;
  int np;
  TF_EXPECT(csv_read_species_props(f, &p, &np, &err) == TF_OK && np == 1);
  if (np == 1) free(p);
  return tf_test_exit();
}
