//! What telegrams look like: routing lines, markings, date-time groups, labels.
//!
//! The one place that knows the shapes of telegram lines; `parse`, `formats` and `officials`
//! recognise them through this module, and `synth` and `output` write the labels from it.

use std::sync::LazyLock;

use regex::Regex;

/// A classification marking as captions write it, spaced-out forms included (regex fragment).
pub(crate) const MARKING: &str = r"(?:UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE|CONFIDENTIAL|TOP SECRET|SECRET|T ?O ?P S ?E ?C ?R ?E ?T|C O N F I D E N T I A L|S E C R E T)";

/// A date-time group on the transmission line: precedence, day-hour-minute `Z`, month,
/// two-digit year (`P 051717Z MAY 06`, `O R 121314Z JAN 09`) (regex fragment).
pub(crate) const DATE_TIME_GROUP: &str = r"(?:[A-Z]{1,2} ){1,2}\d{6}Z [A-Z]{3} \d{2}";

/// The Classified By label in any spacing (regex fragment; add `(?i)` for any case).
pub(crate) const CLASSIFIED_BY: &str = r"CLASSIFIED\s+BY";

/// The Classified By label in upper case, as a line prefix.
pub(crate) const CLASSIFIED_BY_KEY: &str = "CLASSIFIED BY";

/// The Classified By label as cable pages write it and `cables show` prints it.
pub const CLASSIFIED_BY_LABEL: &str = "Classified By";

/// The date format of the cable pages' Created and Released columns (`2009-03-04 12:51`).
pub const HEADER_DATE_FORMAT: &str = "%Y-%m-%d %H:%M";

/// A line of the routing block: `VZCZC`, routing indicators, `DE`, `ZNR`/`ZNY`, `ZZH`, the
/// date-time group, `FM`, `TO`, `INFO`, `BT`.
static ROUTING_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(VZCZC|[A-Z]{{2}} RUE|DE R|ZN[RY] |ZZH|{DATE_TIME_GROUP}|FM |TO |INFO |BT\s*$|R[A-Z]{{4,6}}/)"
    ))
    .expect("constant regex")
});

/// How a telegram's routing starts: `VZCZC`, a date-time group, or the `FM` line.
static TELEGRAM_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:VZCZC|{DATE_TIME_GROUP}|FM )")).expect("constant regex")
});

/// Whether `line` (leading space already trimmed by the caller when it should be) belongs to
/// the routing block.
pub fn is_routing_line(line: &str) -> bool {
    ROUTING_LINE.is_match(line)
}

/// Whether `line` is where a telegram's routing starts.
pub fn is_telegram_start(line: &str) -> bool {
    TELEGRAM_START.is_match(line)
}

/// Whether a routing line opens an address list (`FM`, `TO`, `INFO`), which continues on the
/// following lines until a blank line.
pub fn opens_address_list(line: &str) -> bool {
    line.starts_with("TO ") || line.starts_with("INFO ") || line.starts_with("FM ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing_lines_are_recognised() {
        for line in [
            "VZCZCXYZ0001",
            "PP RUEHWEB",
            "DE RUEHGT #1815/01 1841525",
            "ZNY CCCCC ZZH",
            "P 031525Z JUL 03",
            "FM AMEMBASSY GUATEMALA",
            "TO RUEHC/SECSTATE WASHDC PRIORITY 0912",
            "INFO RUEHSN/AMEMBASSY SAN SALVADOR 0123",
            "BT",
            "RUEHMU/AMEMBASSY MANAGUA 4567",
        ] {
            assert!(is_routing_line(line), "{line}");
        }
        for line in ["SUBJECT: TRAFFICKING", "1. (C) Summary.", "The FM said"] {
            assert!(!is_routing_line(line), "{line}");
        }
    }

    #[test]
    fn telegrams_start_at_vzczc_a_date_time_group_or_fm() {
        assert!(is_telegram_start("VZCZCXRO1234"));
        assert!(is_telegram_start("O R 121314Z JAN 09"));
        assert!(is_telegram_start("FM SECSTATE WASHDC"));
        assert!(!is_telegram_start("TO SECSTATE WASHDC"));
        assert!(!is_telegram_start("Reference ID"));
    }
}
