//! Dates as cables and queries write them: the header dates of cable pages (any of their
//! forms, UTC) and the partial dates of filters (`2003`, `2003-07`, `2003-07-15`) as periods.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::telegram;

/// Parses the header dates of cable pages (`2003-07-15 22:05`), with or without seconds, a `T`
/// separator or a zone suffix, or a bare date. Dates are UTC, as the telegrams' Zulu times are.
pub fn parse_header_date(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    if let Ok(stamp) = DateTime::parse_from_rfc3339(raw) {
        return Some(stamp.with_timezone(&Utc));
    }
    let without_zone = raw.trim_end_matches(['Z', 'z']).trim_end_matches(" UTC");
    for format in [
        telegram::HEADER_DATE_FORMAT,
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(stamp) = NaiveDateTime::parse_from_str(without_zone, format) {
            return Some(stamp.and_utc());
        }
    }
    NaiveDate::parse_from_str(without_zone, "%Y-%m-%d")
        .ok()
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map(|stamp| stamp.and_utc())
}

/// The period a partial date names, as its first and last second (UTC): `2003` is the whole
/// year, `2003-07` the month, `2003-07-15` the day. `None` when it is not such a date.
pub fn parse_period(text: &str) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, digits: usize| -> Option<u32> {
        (part.len() == digits && part.chars().all(|c| c.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let year = i32::try_from(number(parts.first()?, 4)?).ok()?;
    let (start, end) = match parts.len() {
        1 => (
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        ),
        2 => {
            let month = number(parts[1], 2)?;
            let start = NaiveDate::from_ymd_opt(year, month, 1)?;
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)?
            };
            (start, next.pred_opt()?)
        }
        3 => {
            let day = NaiveDate::from_ymd_opt(year, number(parts[1], 2)?, number(parts[2], 2)?)?;
            (day, day)
        }
        _ => return None,
    };
    Some((
        start.and_hms_opt(0, 0, 0)?.and_utc(),
        end.and_hms_opt(23, 59, 59)?.and_utc(),
    ))
}
