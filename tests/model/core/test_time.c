/* test_time.c — civil-date arithmetic and ISO 8601 / WRF time parsing.
 * References: Unix time of 2022-08-10T00:00:00Z is 1660089600 (POSIX date -d). */
#include "tf_test.h"
#include "model/core/tf_time.h"
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
  return tf_test_exit();
}
