//! Synthetic randomness: independent seeded streams, Zipf tables and picking.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Independent streams so that adding draws to one part never shifts another.
pub(super) const S_META: u64 = 1;
pub(super) const S_CABLE: u64 = 2;
pub(super) const S_ROSTER: u64 = 3;
pub(super) const S_VOCAB: u64 = 4;
pub(super) const S_SERIAL: u64 = 5;

/// A ChaCha8 stream keyed by (seed, stream, index): per-cable randomness is independent of
/// scheduling, which is what makes output identical for any thread count.
pub(super) fn rng_for(seed: u64, stream: u64, index: u64) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&stream.to_le_bytes());
    key[16..24].copy_from_slice(&index.to_le_bytes());
    key[24..].copy_from_slice(b"cablegat");
    ChaCha8Rng::from_seed(key)
}

/// Discrete distribution sampled by binary search over the cumulative weights.
pub(super) struct Table {
    pub(super) cum: Vec<f64>,
}

impl Table {
    pub(super) fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut cum = Vec::new();
        let mut acc = 0.0;
        for w in weights {
            acc += w;
            cum.push(acc);
        }
        for c in &mut cum {
            *c /= acc;
        }
        Table { cum }
    }

    /// Zipf-Mandelbrot weights `1 / (rank + q)^s`; `q` flattens the head.
    pub(super) fn zipf(n: usize, s: f64, q: f64) -> Self {
        Table::new((1..=n).map(|r| 1.0 / (r as f64 + q).powf(s)))
    }

    pub(super) fn sample<R: Rng>(&self, rng: &mut R) -> usize {
        let u: f64 = rng.random();
        self.cum
            .partition_point(|&c| c <= u)
            .min(self.cum.len() - 1)
    }
}

pub(super) fn pick<'a, R: Rng>(rng: &mut R, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}
