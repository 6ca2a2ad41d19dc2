//! Synthetic per-corpus metadata fixed before any text: dates, classifications, origins, serials.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rand::Rng;
use rayon::prelude::*;

use super::model::{Kind, Model};
use super::random::{rng_for, Table, S_META, S_SERIAL};

pub(super) const CLASSIFICATIONS: [(&str, f64); 6] = [
    ("UNCLASSIFIED", 30.2),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", 23.1),
    ("CONFIDENTIAL", 38.6),
    ("CONFIDENTIAL//NOFORN", 1.9),
    ("SECRET", 4.5),
    ("SECRET//NOFORN", 1.7),
];

/// Relative share of cables per creation year, shaped like the real release.
pub(super) fn year_weight(year: i32) -> f64 {
    match year {
        ..=1989 => 0.012,
        1990..=1999 => 0.05,
        2000 => 0.25,
        2001 => 0.4,
        2002 => 0.6,
        2003 => 1.3,
        2004 => 3.5,
        2005 => 6.5,
        2006 => 15.0,
        2007 => 22.0,
        2008 => 24.0,
        2009 => 21.0,
        _ => 3.5,
    }
}

pub(super) fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1966, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default()
}

pub(super) fn minutes_at(y: i32, m: u32, d: u32) -> i64 {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| (t - epoch()).num_minutes())
        .unwrap_or(0)
}

pub(super) fn datetime(minutes: i64) -> NaiveDateTime {
    epoch() + Duration::minutes(minutes)
}

pub(super) struct Meta {
    pub(super) created: Vec<i64>,
    pub(super) released: Vec<i64>,
    pub(super) origin: Vec<u16>,
    pub(super) class: Vec<u8>,
    pub(super) serial: Vec<u32>,
    /// Indices of each origin's cables, ascending (for picking REF targets).
    pub(super) by_origin: Vec<Vec<u32>>,
}

impl Meta {
    pub(super) fn new(model: &Model, count: usize, seed: u64) -> Meta {
        let years: Vec<i32> = (1966..=2010).collect();
        let year_table = Table::new(years.iter().map(|&y| year_weight(y)));
        let class_table = Table::new(CLASSIFICATIONS.iter().map(|c| c.1));
        let last_created = minutes_at(2010, 3, 1);
        let rel_start = minutes_at(2010, 11, 28);
        let rel_end = minutes_at(2011, 9, 1);
        let bulk = minutes_at(2011, 8, 30);
        let draws: Vec<(i64, i64, u8, f64)> = (0..count)
            .into_par_iter()
            .map(|i| {
                let mut rng = rng_for(seed, S_META, i as u64);
                let y = years[year_table.sample(&mut rng)];
                let start = minutes_at(y, 1, 1);
                let end = minutes_at(y + 1, 1, 1).min(last_created);
                let created = rng.random_range(start..end);
                // Most of the archive surfaced in the final bulk release of 2011-08-30.
                let released = if rng.random_bool(0.55) {
                    bulk + rng.random_range(0..1440)
                } else {
                    rng.random_range(rel_start..rel_end)
                };
                let class = class_table.sample(&mut rng) as u8;
                (created, released, class, rng.random::<f64>())
            })
            .collect();
        // Dates are sorted onto indices so that a lower index is an earlier cable: REF lines
        // (which cite lower indices) then always point back in time.
        let mut created: Vec<i64> = draws.iter().map(|d| d.0).collect();
        created.sort_unstable();
        let old_cutoff = minutes_at(1990, 1, 1);
        let tehran_cutoff = minutes_at(1980, 1, 1);
        let mut origin = Vec::with_capacity(count);
        let mut serial = Vec::with_capacity(count);
        let mut counters: HashMap<(u16, i32), u32> = HashMap::new();
        let mut by_origin = vec![Vec::new(); model.origins.len()];
        for (i, &c) in created.iter().enumerate() {
            let mut rng = rng_for(seed, S_SERIAL, i as u64);
            let o = if c < old_cutoff {
                let pool: Vec<usize> = model
                    .old_origins
                    .iter()
                    .copied()
                    .filter(|&o| !model.origins[o].old_only || c < tehran_cutoff)
                    .collect();
                pool[(draws[i].3 * pool.len() as f64) as usize % pool.len()]
            } else {
                loop {
                    let o = model.origin_table.sample(&mut rng);
                    if !model.origins[o].old_only {
                        break o;
                    }
                }
            };
            let when = datetime(c);
            let year = when.year();
            // Serials track the post's whole traffic through the year (the release holds
            // only a fraction of it): State numbers ~130,000 cables a year, big embassies a
            // few thousand, small posts a few hundred. Strictly increasing per (origin, year).
            let annual = if model.origins[o].kind == Kind::State {
                130_000.0
            } else {
                (6000.0 / (1.0 + o as f64 / 10.0)).max(300.0)
            };
            let frac = f64::from(when.ordinal0()) / 366.0;
            let jitter = rng.random_range(0..20);
            let next = counters.entry((o as u16, year)).or_insert(0);
            *next = (*next + 1).max((frac * annual) as u32 + jitter);
            serial.push(*next);
            origin.push(o as u16);
            by_origin[o].push(i as u32);
        }
        Meta {
            created,
            released: draws.iter().map(|d| d.1).collect(),
            origin,
            class: draws.iter().map(|d| d.2).collect(),
            serial,
            by_origin,
        }
    }

    pub(super) fn year(&self, i: usize) -> i32 {
        datetime(self.created[i]).year()
    }

    pub(super) fn id(&self, model: &Model, i: usize) -> String {
        let o = &model.origins[self.origin[i] as usize];
        format!(
            "{:02}{}{}",
            self.year(i).rem_euclid(100),
            o.id_city,
            self.serial[i]
        )
    }
}
