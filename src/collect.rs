//! Collectors: exact facet counts (tag, origin, classification, year, official) and date histograms over a whole match set, in one pass.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, RwLock};

use chrono::{DateTime, Datelike, Utc};
use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentReader};

use crate::schema::names;
use crate::text::fold_name;

/// A dimension results can be counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FacetField {
    Tag,
    Origin,
    Classification,
    Year,
    Official,
}

impl FacetField {
    pub const ALL: [FacetField; 5] = [
        FacetField::Tag,
        FacetField::Origin,
        FacetField::Classification,
        FacetField::Year,
        FacetField::Official,
    ];

    /// The name used in flags and JSON keys.
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Tag => "tag",
            FacetField::Origin => "origin",
            FacetField::Classification => "classification",
            FacetField::Year => "year",
            FacetField::Official => "official",
        }
    }

    /// The fast column holding this dimension's values (years come from `created`).
    fn column(self) -> &'static str {
        match self {
            FacetField::Tag => names::TAG,
            FacetField::Origin => names::ORIGIN,
            FacetField::Classification => names::CLASSIFICATION,
            FacetField::Year => names::CREATED,
            FacetField::Official => names::OFFICIAL,
        }
    }
}

/// Time buckets for a histogram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Year,
    Month,
}

choices!(FacetField {
    FacetField::Tag => "tag",
    FacetField::Origin => "origin",
    FacetField::Classification => "classification",
    FacetField::Year => "year",
    FacetField::Official => "official",
});
choices!(Interval {
    Interval::Year => "year",
    Interval::Month => "month",
});

/// What one pass over the match set counted.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// Per facet field: value -> number of matching cables having it.
    pub facets: HashMap<FacetField, HashMap<String, u64>>,
    /// Bucket key (`2003` or `2003-07`) -> matching cables created then.
    pub histogram: HashMap<String, u64>,
    /// Earliest and latest created date among the matches.
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
    /// Official counts by interned spelling, before they are merged into `facets`.
    official_spellings: Vec<(u32, u64)>,
}

/// Counts facet values and time buckets for every matching document.
pub struct TallyCollector {
    pub facets: Vec<FacetField>,
    pub interval: Option<Interval>,
    /// Also find the earliest and latest created date (costs a date read per match).
    pub date_range: bool,
    /// Decode and keep each segment's whole facet dictionaries for later searches (a
    /// long-running process); otherwise decode only the values this search counted.
    pub keep_dictionaries: bool,
    /// Keep only this many officials (the first by count, then name, as [`top_values`]
    /// orders them): a broad search names a hundred thousand people, and only the first few
    /// are shown. `None` keeps every official (suggestions read them all).
    pub official_limit: Option<usize>,
}

impl TallyCollector {
    /// Counts these facets (and a histogram, if asked), nothing else.
    pub fn new(facets: Vec<FacetField>, interval: Option<Interval>) -> TallyCollector {
        TallyCollector {
            facets,
            interval,
            date_range: false,
            keep_dictionaries: false,
            official_limit: None,
        }
    }

    /// Keeps only the first `limit` officials (see `official_limit`).
    pub fn keeping_top_officials(mut self, limit: usize) -> TallyCollector {
        self.official_limit = Some(limit);
        self
    }

    /// Decodes and keeps whole facet dictionaries when `keep` (see `keep_dictionaries`).
    pub fn keeping_dictionaries(mut self, keep: bool) -> TallyCollector {
        self.keep_dictionaries = keep;
        self
    }
}

/// The values of one facet column of one segment, by ordinal.
type SegmentTerms = Arc<Vec<String>>;

/// What a segment's facet column ordinals stand for, once decoded.
#[derive(Clone)]
enum ColumnTerms {
    /// Not cached: decode the counted ordinals at harvest.
    Undecoded,
    /// The values, by ordinal.
    Strings(SegmentTerms),
    /// Official names: interned spelling IDs (see [`OfficialNames`]), by ordinal.
    Officials(Arc<Vec<u32>>),
}

/// Decoded dictionaries of the facet columns, per segment: segments never change, so a
/// long-running process (`cables serve`) decodes each one once instead of on every search.
static SEGMENT_TERMS: LazyLock<Mutex<HashMap<(SegmentId, FacetField), ColumnTerms>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));
/// Past this many cached columns the cache starts again, bounding memory.
const CACHED_COLUMNS: usize = 512;
/// Past this many interned official spellings no more are interned (searches then decode).
const MAX_OFFICIAL_NAMES: usize = 2_000_000;

/// Every official spelling seen in a decoded segment, with the person (folded name) it names,
/// so merging spellings is integer work instead of folding and hashing strings per search.
#[derive(Default)]
struct OfficialNames {
    ids: HashMap<String, u32>,
    spellings: Vec<String>,
    accents: Vec<usize>,
    person_of: Vec<u32>,
    people: HashMap<String, u32>,
}

impl OfficialNames {
    fn intern(&mut self, spelling: &str) -> u32 {
        if let Some(id) = self.ids.get(spelling) {
            return *id;
        }
        let id = self.spellings.len() as u32;
        let folded = fold_name(spelling);
        let next_person = self.people.len() as u32;
        let person = *self.people.entry(folded).or_insert(next_person);
        self.ids.insert(spelling.to_string(), id);
        self.spellings.push(spelling.to_string());
        self.accents.push(accents(spelling));
        self.person_of.push(person);
        id
    }
}

static OFFICIAL_NAMES: LazyLock<RwLock<OfficialNames>> =
    LazyLock::new(|| RwLock::new(OfficialNames::default()));

fn accents(text: &str) -> usize {
    text.chars().filter(|c| !c.is_ascii()).count()
}

/// Every value of a segment's facet column, decoded once and then shared (when `keep`; a
/// one-shot search decodes only what it counted, at harvest).
fn segment_terms(
    segment: SegmentId,
    facet: FacetField,
    column: &StrColumn,
    keep: bool,
) -> ColumnTerms {
    if let Ok(cache) = SEGMENT_TERMS.lock() {
        if let Some(terms) = cache.get(&(segment, facet)) {
            return terms.clone();
        }
    }
    if !keep {
        return ColumnTerms::Undecoded;
    }
    let ords: Vec<u64> = (0..column.num_terms() as u64).collect();
    let mut terms = Vec::with_capacity(ords.len());
    let decoded = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
        terms.push(String::from_utf8_lossy(bytes).into_owned());
    });
    if decoded.is_err() || terms.len() != ords.len() {
        return ColumnTerms::Undecoded;
    }
    let terms = if facet == FacetField::Official {
        let Ok(mut names) = OFFICIAL_NAMES.write() else {
            return ColumnTerms::Undecoded;
        };
        if names.spellings.len() + terms.len() > MAX_OFFICIAL_NAMES {
            return ColumnTerms::Undecoded;
        }
        ColumnTerms::Officials(Arc::new(
            terms.iter().map(|name| names.intern(name)).collect(),
        ))
    } else {
        ColumnTerms::Strings(Arc::new(terms))
    };
    if let Ok(mut cache) = SEGMENT_TERMS.lock() {
        if cache.len() >= CACHED_COLUMNS {
            cache.clear();
        }
        cache.insert((segment, facet), terms.clone());
    }
    terms
}

pub struct TallySegmentCollector {
    strings: Vec<(FacetField, StrColumn, Vec<u64>, ColumnTerms)>,
    created: Option<Column<tantivy::DateTime>>,
    want_year: bool,
    interval: Option<Interval>,
    years: FxHashMap<i32, u64>,
    buckets: FxHashMap<(i32, u32), u64>,
    first: Option<i64>,
    last: Option<i64>,
}

impl Collector for TallyCollector {
    type Fruit = Tally;
    type Child = TallySegmentCollector;

    fn for_segment(
        &self,
        _segment_local_id: u32,
        segment: &SegmentReader,
    ) -> tantivy::Result<TallySegmentCollector> {
        let mut strings = Vec::new();
        for facet in &self.facets {
            if *facet == FacetField::Year {
                continue;
            }
            if let Some(column) = segment.fast_fields().str(facet.column())? {
                let counts = vec![0u64; column.num_terms()];
                let terms = segment_terms(
                    segment.segment_id(),
                    *facet,
                    &column,
                    self.keep_dictionaries,
                );
                strings.push((*facet, column, counts, terms));
            }
        }
        let want_year = self.facets.contains(&FacetField::Year);
        // Reading the date of every match is only worth it when something uses it.
        let created = if want_year || self.interval.is_some() || self.date_range {
            segment.fast_fields().column_opt(names::CREATED)?
        } else {
            None
        };
        Ok(TallySegmentCollector {
            strings,
            created,
            want_year,
            interval: self.interval,
            years: FxHashMap::default(),
            buckets: FxHashMap::default(),
            first: None,
            last: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut merged = Tally::default();
        for fruit in fruits {
            for (facet, counts) in fruit.facets {
                let target = merged.facets.entry(facet).or_default();
                for (value, count) in counts {
                    *target.entry(value).or_default() += count;
                }
            }
            for (bucket, count) in fruit.histogram {
                *merged.histogram.entry(bucket).or_default() += count;
            }
            merged.first = match (merged.first, fruit.first) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            merged.last = match (merged.last, fruit.last) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            merged.official_spellings.extend(fruit.official_spellings);
        }
        let interned = std::mem::take(&mut merged.official_spellings);
        let wanted = self.facets.contains(&FacetField::Official);
        match merged.facets.remove(&FacetField::Official) {
            // Some segments were not interned: merge everything as strings.
            Some(mut officials) => {
                if let Ok(names) = OFFICIAL_NAMES.read() {
                    for (id, count) in interned {
                        if let Some(spelling) = names.spellings.get(id as usize) {
                            *officials.entry(spelling.clone()).or_default() += count;
                        }
                    }
                }
                merged
                    .facets
                    .insert(FacetField::Official, merge_spellings(officials));
            }
            None if wanted => {
                merged.facets.insert(
                    FacetField::Official,
                    merge_interned(&interned, self.official_limit),
                );
            }
            None => {}
        }
        Ok(merged)
    }
}

impl SegmentCollector for TallySegmentCollector {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (_, column, counts, _) in &mut self.strings {
            for ord in column.ords().values_for_doc(doc) {
                if let Some(count) = counts.get_mut(ord as usize) {
                    *count += 1;
                }
            }
        }
        let Some(created) = self.created.as_ref().and_then(|column| column.first(doc)) else {
            return;
        };
        let seconds = created.into_timestamp_secs();
        self.first = Some(self.first.map_or(seconds, |first| first.min(seconds)));
        self.last = Some(self.last.map_or(seconds, |last| last.max(seconds)));
        if !self.want_year && self.interval.is_none() {
            return;
        }
        let Some((year, month)) = year_month(seconds) else {
            return;
        };
        if self.want_year || self.interval == Some(Interval::Year) {
            *self.years.entry(year).or_default() += 1;
        }
        if self.interval == Some(Interval::Month) {
            *self.buckets.entry((year, month)).or_default() += 1;
        }
    }

    fn harvest(self) -> Tally {
        let mut tally = Tally::default();
        for (facet, column, counts, terms) in self.strings {
            match terms {
                ColumnTerms::Strings(terms) => {
                    let values = counts
                        .iter()
                        .zip(terms.iter())
                        .filter(|(count, _)| **count > 0)
                        .map(|(count, value)| (value.clone(), *count))
                        .collect();
                    tally.facets.insert(facet, values);
                    continue;
                }
                ColumnTerms::Officials(ids) => {
                    for (count, id) in counts.iter().zip(ids.iter()) {
                        if *count > 0 {
                            tally.official_spellings.push((*id, *count));
                        }
                    }
                    continue;
                }
                ColumnTerms::Undecoded => {}
            }
            // Decode the terms of all counted ordinals in one sorted pass over the dictionary:
            // looking each one up alone decodes a dictionary block per term.
            let (ords, counted): (Vec<u64>, Vec<u64>) = counts
                .into_iter()
                .enumerate()
                .filter(|(_, count)| *count > 0)
                .map(|(ord, count)| (ord as u64, count))
                .unzip();
            let mut values: HashMap<String, u64> = HashMap::with_capacity(ords.len());
            let mut counted = counted.into_iter();
            let decoded = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some(count) = counted.next() {
                    let value = String::from_utf8_lossy(bytes).into_owned();
                    *values.entry(value).or_default() += count;
                }
            });
            if decoded.is_err() {
                values.clear();
            }
            tally.facets.insert(facet, values);
        }
        if self.want_year {
            tally.facets.insert(
                FacetField::Year,
                self.years
                    .iter()
                    .map(|(year, count)| (format!("{year:04}"), *count))
                    .collect(),
            );
        }
        tally.histogram = match self.interval {
            Some(Interval::Year) => self
                .years
                .into_iter()
                .map(|(year, count)| (format!("{year:04}"), count))
                .collect(),
            Some(Interval::Month) => self
                .buckets
                .into_iter()
                .map(|((year, month), count)| (format!("{year:04}-{month:02}"), count))
                .collect(),
            None => HashMap::new(),
        };
        tally.first = self
            .first
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0));
        tally.last = self
            .last
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0));
        tally
    }
}

/// The UTC year and month of a timestamp, as chrono gives them, by Howard Hinnant's
/// days-to-civil arithmetic ("chrono-Compatible Low-Level Date Algorithms"): a handful of
/// integer operations per match instead of chrono's table walk. Timestamps beyond about
/// 34,000 years either side of 1970 go through chrono, which knows its own range.
fn year_month(seconds: i64) -> Option<(i32, u32)> {
    const LIMIT: i64 = 1 << 40;
    if !(-LIMIT..=LIMIT).contains(&seconds) {
        let date = DateTime::from_timestamp(seconds, 0)?;
        return Some((date.year(), date.month()));
    }
    let days = seconds.div_euclid(86_400) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Some((i32::try_from(year).ok()?, u32::try_from(month).ok()?))
}

/// [`merge_spellings`] over interned spellings: the same people, counts and display
/// spellings, with dense integer-indexed tables instead of hashing strings; with a `limit`,
/// only the people [`top_values`] would list first, so only their names are copied.
fn merge_interned(counts: &[(u32, u64)], limit: Option<usize>) -> HashMap<String, u64> {
    let Ok(names) = OFFICIAL_NAMES.read() else {
        return HashMap::new();
    };
    // The same spelling may come from several segments: add those up first.
    let mut by_spelling = vec![0u64; names.spellings.len()];
    let mut seen: Vec<u32> = Vec::with_capacity(counts.len());
    for &(id, count) in counts {
        if let Some(slot) = by_spelling.get_mut(id as usize) {
            if *slot == 0 {
                seen.push(id);
            }
            *slot += count;
        }
    }
    // person -> (total, best spelling, its count)
    let mut people: Vec<(u64, u32, u64)> = vec![(0, 0, 0); names.people.len()];
    let mut present: Vec<u32> = Vec::new();
    for id in seen {
        let count = by_spelling[id as usize];
        let Some(&person) = names.person_of.get(id as usize) else {
            continue;
        };
        let entry = &mut people[person as usize];
        if entry.0 == 0 {
            present.push(person);
        }
        entry.0 += count;
        let (best, best_count) = (entry.1 as usize, entry.2);
        let this = id as usize;
        let better = best_count == 0
            || count > best_count
            || (count == best_count
                && (names.accents[this] > names.accents[best]
                    || (names.accents[this] == names.accents[best]
                        && names.spellings[this] < names.spellings[best])));
        if better {
            entry.1 = id;
            entry.2 = count;
        }
    }
    if let Some(limit) = limit.filter(|&limit| limit < present.len()) {
        if limit == 0 {
            return HashMap::new();
        }
        // The order of `top_values`: count descending, then the displayed name.
        let total = |person: &u32| people[*person as usize].0;
        let display = |person: &u32| &names.spellings[people[*person as usize].1 as usize];
        present.select_nth_unstable_by(limit - 1, |a, b| {
            total(b)
                .cmp(&total(a))
                .then_with(|| display(a).cmp(display(b)))
        });
        present.truncate(limit);
    }
    present
        .into_iter()
        .map(|person| {
            let (total, best, _) = people[person as usize];
            (names.spellings[best as usize].clone(), total)
        })
        .collect()
}

/// "René Cifuentes" and "Rene Cifuentes" are one official: counts merge under the folded name
/// and show the spelling most cables use (ties: the one with more accents, then the first).
fn merge_spellings(counts: HashMap<String, u64>) -> HashMap<String, u64> {
    let mut people: HashMap<String, (u64, String, u64)> = HashMap::new();
    let mut spellings: Vec<(String, u64)> = counts.into_iter().collect();
    spellings.sort();
    for (spelling, count) in spellings {
        let entry = people
            .entry(fold_name(&spelling))
            .or_insert((0, spelling.clone(), 0));
        entry.0 += count;
        if count > entry.2 || (count == entry.2 && accents(&spelling) > accents(&entry.1)) {
            entry.1 = spelling;
            entry.2 = count;
        }
    }
    people
        .into_values()
        .map(|(total, display, _)| (display, total))
        .collect()
}

/// Buckets from first to last with the empty ones filled in, so a timeline shows gaps.
pub fn filled_histogram(counts: &HashMap<String, u64>, interval: Interval) -> Vec<(String, u64)> {
    let mut keys: Vec<&String> = counts.keys().collect();
    keys.sort();
    let (Some(first), Some(last)) = (keys.first(), keys.last()) else {
        return Vec::new();
    };
    let parse = |key: &str| -> Option<(i32, u32)> {
        let mut parts = key.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next().map_or(Some(1), |month| month.parse().ok())?;
        Some((year, month))
    };
    let (Some(mut cursor), Some(end)) = (parse(first), parse(last)) else {
        return Vec::new();
    };
    let mut buckets = Vec::new();
    while cursor <= end {
        let key = match interval {
            Interval::Year => format!("{:04}", cursor.0),
            Interval::Month => format!("{:04}-{:02}", cursor.0, cursor.1),
        };
        buckets.push((key.clone(), counts.get(&key).copied().unwrap_or(0)));
        cursor = match interval {
            Interval::Year => (cursor.0 + 1, 1),
            Interval::Month if cursor.1 == 12 => (cursor.0 + 1, 1),
            Interval::Month => (cursor.0, cursor.1 + 1),
        };
    }
    buckets
}

/// Sorted facet buckets: by count (descending), then value; at most `limit`.
pub fn top_values(counts: &HashMap<String, u64>, limit: usize) -> Vec<(String, u64)> {
    let mut values: Vec<(&String, u64)> = counts
        .iter()
        .map(|(value, count)| (value, *count))
        .collect();
    // Values are distinct, so the order is total and an unstable sort gives the same list.
    let order = |a: &(&String, u64), b: &(&String, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if limit < values.len() {
        if limit == 0 {
            return Vec::new();
        }
        values.select_nth_unstable_by(limit - 1, order);
        values.truncate(limit);
    }
    values.sort_unstable_by(order);
    values
        .into_iter()
        .map(|(value, count)| (value.clone(), count))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_official_merge() {
        let counts = HashMap::from([
            ("Mario René Cifuentes".to_string(), 2),
            ("Mario Rene Cifuentes".to_string(), 2),
            ("Greg Holliday".to_string(), 1),
        ]);
        let merged = merge_spellings(counts);
        assert_eq!(merged.get("Mario René Cifuentes"), Some(&4));
        assert_eq!(merged.len(), 2);
    }

    #[test]
    fn interned_spellings_merge_like_strings() {
        let counts = HashMap::from([
            ("Mario René Cifuentes".to_string(), 2),
            ("Mario Rene Cifuentes".to_string(), 2),
            ("Greg Holliday".to_string(), 1),
            ("Ana Lopez".to_string(), 3),
            ("Ana López".to_string(), 1),
            ("ANA LOPEZ".to_string(), 3),
        ]);
        let ids = interned(counts.iter());
        let merged = merge_interned(&ids, None);
        assert_eq!(merged, merge_spellings(counts));
        assert_eq!(merged.get("Mario René Cifuentes"), Some(&4));
        assert_eq!(merged.get("ANA LOPEZ"), Some(&7));
    }

    /// Interns each spelling, keeping its count.
    fn interned<'a>(counts: impl Iterator<Item = (&'a String, &'a u64)>) -> Vec<(u32, u64)> {
        let mut names = OFFICIAL_NAMES.write().unwrap();
        counts
            .map(|(name, count)| (names.intern(name), *count))
            .collect()
    }

    /// Keeping only the first officials lists the same first officials as keeping all,
    /// ties in count included (broken by name, as `top_values` does).
    #[test]
    fn the_first_officials_are_the_same_when_only_they_are_kept() {
        let counts: Vec<(String, u64)> = (0..60u64)
            .map(|i| (format!("Official Number{i:02}"), (i * 7) % 5 + 1))
            .chain([("Ana López".to_string(), 3), ("ANA LOPEZ".to_string(), 2)])
            .collect();
        let ids = interned(counts.iter().map(|(name, count)| (name, count)));
        let all = merge_interned(&ids, None);
        assert_eq!(all.len(), 61);
        for limit in [0, 1, 3, 10, 12, 13, 60, 61, 100] {
            let kept = merge_interned(&ids, Some(limit));
            assert_eq!(kept.len(), limit.min(61), "limit {limit}");
            assert_eq!(
                top_values(&kept, limit),
                top_values(&all, limit),
                "limit {limit}"
            );
        }
    }

    fn chrono_year_month(seconds: i64) -> Option<(i32, u32)> {
        DateTime::from_timestamp(seconds, 0).map(|date| (date.year(), date.month()))
    }

    #[test]
    fn year_month_agrees_with_chrono_at_the_edges() {
        let day = 86_400i64;
        for seconds in [
            0,
            -1,
            1,
            day - 1,
            -day,
            951_782_399,     // 2000-02-28 23:59:59
            951_868_800,     // 2000-03-01
            4_107_542_399,   // 2100-02-28 23:59:59
            -2_208_988_800,  // 1900-01-01
            -62_135_596_800, // 0001-01-01
            (1 << 40) - 1,
            1 << 40,
            -(1 << 40),
            (1 << 40) + 1,
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(year_month(seconds), chrono_year_month(seconds), "{seconds}");
        }
    }

    proptest::proptest! {
        #[test]
        fn year_month_agrees_with_chrono(seconds in -(1i64 << 41)..(1i64 << 41)) {
            proptest::prop_assert_eq!(year_month(seconds), chrono_year_month(seconds));
        }
    }

    #[test]
    fn histogram_fills_gaps() {
        let counts = HashMap::from([("2003-11".to_string(), 2), ("2004-02".to_string(), 1)]);
        let buckets = filled_histogram(&counts, Interval::Month);
        let keys: Vec<&str> = buckets.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["2003-11", "2003-12", "2004-01", "2004-02"]);
        assert_eq!(buckets[1].1, 0);
    }

    #[test]
    fn top_values_sort_by_count_then_value() {
        let counts = HashMap::from([
            ("PHUM".to_string(), 3),
            ("KTIP".to_string(), 3),
            ("GT".to_string(), 5),
        ]);
        assert_eq!(
            top_values(&counts, 2),
            [("GT".to_string(), 5), ("KTIP".to_string(), 3)]
        );
    }
}
