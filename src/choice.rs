//! Closed choices named by words (`--format jsonl`, `sort=newest`): one macro gives an enum its names, `FromStr` and `Display`, so the CLI and the web server parse the same words.

/// An enum whose variants have fixed lower-case names.
pub trait Choice: Sized + Copy + 'static {
    /// Every variant with its name, in the order help text lists them.
    const CHOICES: &'static [(Self, &'static str)];

    /// The names, in order.
    fn names() -> Vec<&'static str> {
        Self::CHOICES.iter().map(|(_, name)| *name).collect()
    }
}

/// The error of parsing a word that names no variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not one of: {expected}")]
pub struct UnknownChoice {
    pub value: String,
    pub expected: String,
}

/// Implements [`Choice`], `FromStr` (case-insensitive) and `Display` for an enum.
#[macro_export]
macro_rules! choices {
    ($type:ty { $($variant:expr => $name:literal),+ $(,)? }) => {
        impl $crate::choice::Choice for $type {
            const CHOICES: &'static [(Self, &'static str)] = &[$(($variant, $name)),+];
        }

        impl std::str::FromStr for $type {
            type Err = $crate::choice::UnknownChoice;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let wanted = text.trim().to_ascii_lowercase();
                <$type as $crate::choice::Choice>::CHOICES
                    .iter()
                    .find(|(_, name)| *name == wanted)
                    .map(|(value, _)| *value)
                    .ok_or_else(|| $crate::choice::UnknownChoice {
                        value: text.to_string(),
                        expected: <$type as $crate::choice::Choice>::names().join(", "),
                    })
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let name = <$type as $crate::choice::Choice>::CHOICES
                    .iter()
                    .find(|(value, _)| value == self)
                    .map_or("?", |(_, name)| *name);
                formatter.write_str(name)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::collect::FacetField;
    use crate::output::SearchFormat;

    #[test]
    fn names_parse_back_to_their_variants() {
        assert_eq!("JSONL".parse::<SearchFormat>(), Ok(SearchFormat::Jsonl));
        assert_eq!(SearchFormat::Csv.to_string(), "csv");
        assert_eq!("official".parse::<FacetField>(), Ok(FacetField::Official));
        let error = "xml".parse::<SearchFormat>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "\"xml\" is not one of: table, json, jsonl, ids, csv"
        );
    }
}
