//! Officials: finds the people a cable names (titles, Classified By, signature) and normalizes their names.
// PLACEHOLDER until the real extractor lands.
use unicode_normalization::UnicodeNormalization;
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    pub name: String,
    pub title: Option<String>,
}
pub fn extract_officials(_text: &str) -> Vec<Official> {
    Vec::new()
}
pub fn fold_name(name: &str) -> String {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}
