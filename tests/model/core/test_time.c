/* test_time.c — civil-date arithmetic, ISO 8601 / WRF time parsing and bracketing a time
 * between records (exact record, interior, end points, out of range, one record).
 * References: Unix time of 2022-08-10T00:00:00Z is 1660089600 (POSIX date -d). */
#include "tf_test.h"
#include "model/core/tf_time.h"
#include <math.h>
#include <string.h>

int main(void)
{
  tf_err e;
  double t;
  TF_EXPECT(tf_time_parse("2022-08-10T00:00:00Z", &t, &e) == 0);
  tf_check("unix_2022_08_10", t, 1660089600.0, 0.0);
  TF_EXPECT(tf_time_parse("2022-08-10_00:00:00", &t, &e) == 0 && t == 1660089600.0);
  TF_EXPECT(tf_time_parse("2022-08-10T08:00:00+08:00", &t, &e) == 0 && t == 1660089600.0);
  TF_EXPECT(tf_time_parse("2022-08-09T19:30-04:30", &t, &e) == 0 && t == 1660089600.0);
  TF_EXPECT(tf_time_parse("2022-13-10T00:00:00Z", &t, &e) != 0 && strstr(e.msg, "out of range"));
  TF_EXPECT(tf_time_parse("yesterday", &t, &e) != 0 && strstr(e.msg, "yesterday"));
  TF_EXPECT(tf_time_parse("2022-08-10T00:00:00Zx", &t, &e) != 0);
  char buf[32];
  tf_time_format(1660089600.0 + 3600.5 * 25, buf, 0);
  TF_EXPECT(strcmp(buf, "2022-08-11T01:00:13Z") == 0);
  tf_time_format(1660089600.0, buf, 1);
  TF_EXPECT(strcmp(buf, "2022-08-10_00:00:00") == 0);
  TF_EXPECT(tf_time_doy(1660089600.0) == 222); /* Aug 10 = 31+28+31+30+31+30+31+10 */
  TF_EXPECT(tf_time_doy(tf_days_from_civil(2024, 12, 31) * 86400.0) == 366);
  int y, m, d;
  tf_civil_from_days(tf_days_from_civil(1900, 3, 1), &y, &m, &d);
  TF_EXPECT(y == 1900 && m == 3 && d == 1);
  /* tf_time_bracket: records 0, 3, 6, 9 h after 2022-08-10T00Z */
  const double T0 = 1660089600.0, rec[4] = {T0, T0 + 10800.0, T0 + 21600.0, T0 + 32400.0};
  int i = -1;
  double w = -1.0;
  TF_EXPECT(tf_time_bracket(rec, 4, T0, &i, &w, &e) == 0 && i == 0 && w == 0.0);
  TF_EXPECT(tf_time_bracket(rec, 4, T0 + 4.5 * 3600.0, &i, &w, &e) == 0 && i == 1 && w == 0.5);
  TF_EXPECT(tf_time_bracket(rec, 4, T0 + 10800.0, &i, &w, &e) == 0 && i == 1 && w == 0.0); /* starts there */
  TF_EXPECT(tf_time_bracket(rec, 4, T0 + 32400.0, &i, &w, &e) == 0 && i == 3 && w == 0.0); /* last record */
  TF_EXPECT(tf_time_bracket(rec, 4, T0 + 32399.0, &i, &w, &e) == 0 && i == 2 && w > 0.999 && w < 1.0);
  TF_EXPECT(tf_time_bracket(rec, 4, T0 + 32401.0, &i, &w, &e) == TF_EINVAL &&
            strstr(e.msg, "2022-08-10T09:00:01Z") && strstr(e.msg, "2022-08-10T00:00:00Z .. 2022-08-10T09:00:00Z") &&
            strstr(e.msg, "4 records"));
  TF_EXPECT(tf_time_bracket(rec, 4, T0 - 1.0, &i, &w, &e) == TF_EINVAL && strstr(e.msg, "2022-08-09T23:59:59Z"));
  TF_EXPECT(tf_time_bracket(rec, 4, NAN, &i, &w, &e) == TF_EINVAL && strstr(e.msg, "time nan"));
  TF_EXPECT(tf_time_bracket(rec, 1, T0, &i, &w, &e) == 0 && i == 0 && w == 0.0);   /* one record */
  TF_EXPECT(tf_time_bracket(rec, 1, T0 + 1.0, &i, &w, &e) == TF_EINVAL && strstr(e.msg, "(1 record)"));
  TF_EXPECT(tf_time_bracket(rec, 0, T0, &i, &w, &e) == TF_EINVAL);
  return tf_test_exit();
}
