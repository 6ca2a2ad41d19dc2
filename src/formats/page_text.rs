//! Page text: one cable per file as the cable pages render to text, read by [`crate::parse::parse_cable`].

use std::path::Path;

use crate::error::Result;
use crate::parse::parse_cable;
use crate::Cable;

/// Reads the one cable of a page-text file; a file that is not a cable is one `Err`.
pub(super) fn read(path: &Path, emit: &mut dyn FnMut(Result<Cable>)) -> Result<()> {
    let text = super::read_small_file(path)?;
    emit(parse_cable(&text, path));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fixture, read_all};
    use super::super::Layout;
    use chrono::{TimeZone, Utc};

    #[test]
    fn reads_page_text_and_strips_section_banners() {
        let path = fixture("03ZEMBLA1815.txt");
        let mut cables = read_all(&path, Layout::Text);
        assert_eq!(cables.len(), 1);
        let cable = cables.remove(0).unwrap();
        assert_eq!(cable.id.as_str(), "03ZEMBLA1815");
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(2003, 7, 15, 22, 5, 0).unwrap())
        );
        assert_eq!(
            cable.released,
            Some(Utc.with_ymd_and_hms(2011, 8, 30, 1, 44, 0).unwrap())
        );
        assert_eq!(
            cable.classification.unwrap().to_string(),
            "CONFIDENTIAL//NOFORN"
        );
        assert_eq!(cable.origin.as_deref(), Some("Embassy Zembla"));
        assert_eq!(cable.tags, ["PGOV", "PHUM", "KTIP", "ZM"]);
        assert_eq!(
            cable.subject.as_deref(),
            Some("ZEMBLAN MINISTRY REORGANIZES BORDER POLICE")
        );
        assert_eq!(cable.references, ["03ZEMBLA1702", "02STATE45678"]);
        assert_eq!(
            cable.classified_by.as_deref(),
            Some("PolCouns Ada Quist for reasons 1.4 (b) and (d)")
        );
        assert!(cable.routing.unwrap().ends_with("FM AMEMBASSY ZEMBLA"));
        assert!(cable
            .body
            .starts_with("C O N F I D E N T I A L SECTION 01 OF 03 ZEMBLA 001815\n"));
        assert!(cable.body.ends_with("QUIST"));
        // Banners at the page breaks are gone; the first classification line stays.
        assert!(!cable.body.contains("SECTION 02 OF 03"), "{}", cable.body);
        assert!(!cable.body.contains("SECTION 03 OF 03"), "{}", cable.body);
        assert_eq!(cable.body.matches("C O N F I D E N T I A L").count(), 1);
        assert!(cable.body.contains("¶2. (C) The second page"));
        assert!(cable.body.contains("3. (C) The third page"));
    }
}
