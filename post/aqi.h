/* aqi.h — the air-quality index of HJ 633 (China's Technical Regulation on Ambient Air
 * Quality Index): individual indices (IAQI) from concentrations, the AQI, its level,
 * category, colour and primary pollutant (post/ layer: numbers in, numbers out).
 *
 * Standard: HJ 633-2026 (effective 2026-03-01) by default, HJ 633-2012 selectable for
 * past years. Breakpoints, footnotes, categories and colours as transcribed in
 * docs/physics-references.md §5.1–5.2 [P]:
 *  - IAQI_P = (IAQI_Hi − IAQI_Lo)/(BP_Hi − BP_Lo)·(C_P − BP_Lo) + IAQI_Lo, rounded UP to an
 *    integer (both editions: "全部进位取整数"); AQI = max IAQI; 2026: AQI range 1–500;
 *  - 2026 changes only the IAQI = 100 breakpoints of PM10 (120) and PM2.5 (60) 24-h;
 *  - O3 8-h above 800 µg/m3: 2026 gives IAQI = 300, 2012 switches to the O3 1-h IAQI;
 *  - SO2 1-h above 800: 2026 gives IAQI = 200, 2012 uses the 24-h SO2 instead;
 *  - above the last breakpoint the IAQI is 500 (off-scale).
 * Daily report (2026): SO2, NO2, CO, PM10, PM2.5 24-h means and O3 MDA8 (2012 adds the O3
 * daily max 1-h); for 2026 aqi_daily first rounds each concentration as the daily report
 * does (GB/T 8170: integers, CO one decimal). Concentrations µg/m3 at 298.15 K, 1013.25 hPa; CO mg/m3. A pollutant
 * whose concentration is NaN is absent: the AQI covers the others, and aq_day_aqi says
 * which were present, so that products can state "gaseous pollutants only". */
#ifndef TF_POST_AQI_H
#define TF_POST_AQI_H

typedef enum { AQI_HJ633_2026 = 0, AQI_HJ633_2012 = 1 } aqi_edition;

/* Indicators with their own breakpoint column (HJ 633 Table 1). */
typedef enum {
  AQI_SO2_24H, AQI_SO2_1H, AQI_NO2_24H, AQI_NO2_1H, AQI_PM10_24H, AQI_CO_24H, AQI_CO_1H,
  AQI_O3_1H, AQI_O3_8H, AQI_PM25_24H, AQI_NIND
} aqi_indicator;

/* IAQI (integer, rounded up) of concentration c of indicator ind, or 0 with c NaN/negative
 * refused by returning -1. */
int aqi_iaqi(aqi_edition ed, aqi_indicator ind, double c);
/* Name as HJ 633 writes the pollutant ("O3_8h", "PM2.5", ...). */
const char *aqi_indicator_name(aqi_indicator ind);

/* Daily concentrations of one city-day (NaN = absent). */
typedef struct aqi_day_conc {
  double so2_24h, no2_24h, co_24h, pm10_24h, pm25_24h; /* µg/m3, CO mg/m3 */
  double o3_8h;   /* MDA8 */
  double o3_1h;   /* daily max 1-h (used only by HJ 633-2012) */
} aqi_day_conc;

typedef struct aqi_result {
  int aqi;              /* 0 if no pollutant present */
  int level;            /* 1..6, 0 if none */
  int primary_mask;     /* bit i = indicator i is (one of) the primary pollutant(s), AQI > 50 */
  int present_mask;     /* bit i = indicator i had a value */
  int iaqi[AQI_NIND];   /* -1 where absent */
} aqi_result;

/* Daily AQI of one city-day per the edition's daily-report rules. */
aqi_result aqi_daily(aqi_edition ed, const aqi_day_conc *c);

/* Level 1..6 of an AQI value (0 for aqi <= 0). */
int aqi_level(int aqi);
/* Category of a level 1..6: Chinese ("良"), English ("Good"), colour name and RGB. */
const char *aqi_category_zh(int level);
const char *aqi_category_en(int level);
void aqi_level_rgb(int level, unsigned char rgb[3]);
#endif
