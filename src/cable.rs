//! Cable model: the plain, typed record that parsing produces and every later stage reads.

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

use crate::officials::Official;

/// A cable's reference ID (`03GUATEMALA1815`: two-digit year, origin, serial).
///
/// Kept exactly as the source wrote it (trimmed): real dumps hold malformed IDs such as
/// `7575LIBREVILLE1895`, and rejecting them would lose cables.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CableId(String);

impl CableId {
    /// Wraps an ID as written; `None` when it is empty or holds whitespace inside.
    pub fn new(raw: &str) -> Option<CableId> {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.chars().any(char::is_whitespace) {
            return None;
        }
        Some(CableId(trimmed.to_string()))
    }

    /// An ID read back from the index, where it was validated on the way in.
    pub(crate) fn from_stored(stored: String) -> CableId {
        CableId(stored)
    }

    /// The ID as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used for exact lookups: IDs match whatever their case.
    pub fn lookup_key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for CableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CableId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// The level part of a classification marking.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClassificationLevel {
    Unclassified,
    Confidential,
    Secret,
    TopSecret,
    /// A marking we do not recognise, kept as written (upper case).
    Other(String),
}

impl ClassificationLevel {
    /// The marking as it appears in cable headers.
    pub fn as_str(&self) -> &str {
        match self {
            ClassificationLevel::Unclassified => "UNCLASSIFIED",
            ClassificationLevel::Confidential => "CONFIDENTIAL",
            ClassificationLevel::Secret => "SECRET",
            ClassificationLevel::TopSecret => "TOP SECRET",
            ClassificationLevel::Other(raw) => raw,
        }
    }
}

/// A full classification marking: level plus caveats (`SECRET//NOFORN`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Classification {
    pub level: ClassificationLevel,
    /// Dissemination caveats such as `NOFORN` or `FOR OFFICIAL USE ONLY`, in written order.
    pub caveats: Vec<String>,
}

impl Classification {
    /// Parses a header marking such as `CONFIDENTIAL//NOFORN` or `UNCLAS`; `None` when empty.
    pub fn parse(raw: &str) -> Option<Classification> {
        let upper = raw.trim().to_uppercase();
        if upper.is_empty() {
            return None;
        }
        let mut parts = upper.split("//").map(str::trim);
        let level_text = parts.next().unwrap_or_default();
        let squeezed: String = level_text.split_whitespace().collect::<Vec<_>>().join(" ");
        let level = match squeezed.as_str() {
            "UNCLASSIFIED" | "UNCLAS" | "U" => ClassificationLevel::Unclassified,
            "CONFIDENTIAL" | "C" => ClassificationLevel::Confidential,
            "SECRET" | "S" => ClassificationLevel::Secret,
            "TOP SECRET" | "TS" => ClassificationLevel::TopSecret,
            other => ClassificationLevel::Other(other.to_string()),
        };
        let caveats = parts
            .filter(|caveat| !caveat.is_empty())
            .map(str::to_string)
            .collect();
        Some(Classification { level, caveats })
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.level.as_str())?;
        for caveat in &self.caveats {
            write!(f, "//{caveat}")?;
        }
        Ok(())
    }
}

/// One cable, parsed: what indexing stores and what `show` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Cable {
    pub id: CableId,
    /// When the cable was sent (UTC); `None` when the source gives no date.
    pub created: Option<DateTime<Utc>>,
    /// When WikiLeaks released it; unknown for raw telegrams.
    pub released: Option<DateTime<Utc>>,
    pub classification: Option<Classification>,
    /// The sender as written (`Embassy Guatemala`).
    pub origin: Option<String>,
    /// `TAGS:` codes in written order (`PHUM`, `GT`).
    pub tags: Vec<String>,
    pub subject: Option<String>,
    /// Cited cables from `REF:` lines, as reference IDs where the line allows it.
    pub references: Vec<String>,
    /// The text of the `Classified By:` line after the colon.
    pub classified_by: Option<String>,
    /// People named in the cable, first mention first.
    pub officials: Vec<Official>,
    /// The telegram routing block (`VZCZC...`, `FM`, `TO`, `INFO` lines), when the source has one.
    pub routing: Option<String>,
    /// The message: classification line, TAGS, SUBJECT, REF, paragraphs and signature.
    pub body: String,
    /// Where the cable was read from.
    pub path: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_keeps_caveats_apart_from_level() {
        let marking = Classification::parse("secret//noforn").unwrap();
        assert_eq!(marking.level, ClassificationLevel::Secret);
        assert_eq!(marking.caveats, vec!["NOFORN"]);
        assert_eq!(marking.to_string(), "SECRET//NOFORN");
    }

    #[test]
    fn classification_reads_fouo_and_unclas() {
        let marking = Classification::parse("UNCLASSIFIED//FOR OFFICIAL USE ONLY").unwrap();
        assert_eq!(marking.to_string(), "UNCLASSIFIED//FOR OFFICIAL USE ONLY");
        assert_eq!(
            Classification::parse("UNCLAS").unwrap().level,
            ClassificationLevel::Unclassified
        );
        assert!(Classification::parse("  ").is_none());
    }

    #[test]
    fn cable_id_keeps_malformed_ids_and_rejects_blank() {
        assert_eq!(
            CableId::new(" 7575LIBREVILLE1895 ").unwrap().as_str(),
            "7575LIBREVILLE1895"
        );
        assert!(CableId::new("").is_none());
        assert!(CableId::new("03 GUATEMALA").is_none());
    }
}
