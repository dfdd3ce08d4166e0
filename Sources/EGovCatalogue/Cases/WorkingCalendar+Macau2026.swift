extension WorkingCalendar {
    /// **Sample data**: the days on which the Macau public administration does not work in 2026,
    /// for examples and tests. Not authoritative; load the official list for production use.
    ///
    /// Transcribed from the Macau SAR Government's published table “二零二六年度公眾假期、公共行政
    /// 工作人員獲豁免上班及補假日的日期表” (gov.mo): the public holidays of Executive Order
    /// 60/2000 plus the public-administration compensatory days (補假) of 2026. The afternoons
    /// off on 16 February and 31 December (half days) are *not* included.
    public static let macau2026SampleHolidayDates: [String] = [
        "2026-01-01",  // 元旦 New Year's Day
        "2026-02-17",  // 農曆正月初一 Lunar New Year
        "2026-02-18",  // 農曆正月初二
        "2026-02-19",  // 農曆正月初三
        "2026-04-03",  // 耶穌受難日 Good Friday
        "2026-04-04",  // 復活節前日 Holy Saturday
        "2026-04-05",  // 清明節 Ching Ming (Sunday)
        "2026-04-06",  // 復活節前日的補假 (compensatory)
        "2026-04-07",  // 清明節的補假 (compensatory)
        "2026-05-01",  // 勞動節 Labour Day
        "2026-05-24",  // 佛誕節 Buddha's Birthday (Sunday)
        "2026-05-25",  // 佛誕節的補假 (compensatory)
        "2026-06-19",  // 端午節 Dragon Boat Festival
        "2026-09-26",  // 中秋節翌日 Day after Mid-Autumn (Saturday)
        "2026-09-28",  // 中秋節翌日的補假 (compensatory)
        "2026-10-01",  // 國慶日 National Day
        "2026-10-02",  // 國慶日翌日
        "2026-10-18",  // 重陽節 Chung Yeung (Sunday)
        "2026-10-19",  // 重陽節的補假 (compensatory)
        "2026-11-02",  // 追思節 All Souls' Day
        "2026-12-08",  // 聖母無原罪瞻禮 Immaculate Conception
        "2026-12-20",  // 澳門特別行政區成立紀念日 SAR Establishment Day (Sunday)
        "2026-12-21",  // 成立紀念日的補假 (compensatory)
        "2026-12-22",  // 冬至 Winter Solstice
        "2026-12-24",  // 聖誕節前日 Christmas Eve
        "2026-12-25",  // 聖誕節 Christmas Day
    ]

    /// **Sample data**: a Monday–Friday, UTC+8 calendar with ``macau2026SampleHolidayDates``.
    /// Not authoritative; see ``macau2026SampleHolidayDates``.
    public static var macau2026Sample: WorkingCalendar {
        let dates = macau2026SampleHolidayDates.compactMap { try? LocalDate(iso8601: $0) }
        // The weekday set and offset are the valid defaults, so this cannot fail; fall back to no
        // holidays rather than trapping.
        return (try? WorkingCalendar(holidays: dates))
            ?? WorkingCalendar(unchecked: [], workingWeekdays: mondayToFriday, utcOffset: macauUTCOffset)
    }
}
