//! The merge policy of `cables index`: small segments merged into segments of bounded size, so no background merge maps more of the index than a fixed share of memory.

use tantivy::index::SegmentMeta;
use tantivy::indexer::{MergeCandidate, MergePolicy};

/// Merges small segments together, never into a segment of more than `max_docs` cables.
///
/// tantivy's default (`LogMergePolicy`) merges eight segments of a size into one, level after
/// level, up to ten million documents: at 2.5 million cables its last merges read gigabytes
/// of segment files through memory maps, and the process's resident size reached 6.4 GB
/// though its own memory stayed near the writer's budget (BENCHMARKS.md, issue 16). Bounding
/// the merged size bounds the mapped share; a few more segments cost queries little.
#[derive(Debug, Clone)]
pub struct CappedMergePolicy {
    /// No merge makes a segment of more cables (alive) than this.
    pub max_docs: u32,
    /// A group of small segments is merged once it holds this many, or half of `max_docs`.
    pub min_segments: usize,
}

impl CappedMergePolicy {
    /// 125,000 cables (about 0.9 GB of index for real cables) and groups of eight.
    pub const DEFAULT: CappedMergePolicy = CappedMergePolicy {
        max_docs: 125_000,
        min_segments: 8,
    };
}

impl Default for CappedMergePolicy {
    fn default() -> Self {
        CappedMergePolicy::DEFAULT
    }
}

impl MergePolicy for CappedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        // Segments with room left, smallest first; a segment that lost more than half of its
        // cables to upserts counts by the cables it still holds, so it is merged again.
        let mut small: Vec<&SegmentMeta> = segments
            .iter()
            .filter(|segment| segment.num_docs() < self.max_docs / 2)
            .collect();
        small.sort_by_key(|segment| (segment.num_docs(), segment.id()));
        let mut candidates = Vec::new();
        let mut group: Vec<&SegmentMeta> = Vec::new();
        let mut docs: u32 = 0;
        for segment in small {
            if docs.saturating_add(segment.num_docs()) > self.max_docs {
                if self.worth_merging(&group, docs) {
                    candidates.push(candidate(&group));
                }
                group.clear();
                docs = 0;
            }
            group.push(segment);
            docs = docs.saturating_add(segment.num_docs());
        }
        if self.worth_merging(&group, docs) {
            candidates.push(candidate(&group));
        }
        candidates
    }
}

impl CappedMergePolicy {
    fn worth_merging(&self, group: &[&SegmentMeta], docs: u32) -> bool {
        group.len() >= 2 && (group.len() >= self.min_segments || docs >= self.max_docs / 2)
    }
}

fn candidate(group: &[&SegmentMeta]) -> MergeCandidate {
    MergeCandidate(group.iter().map(|segment| segment.id()).collect())
}

#[cfg(test)]
mod tests {
    use tantivy::index::SegmentId;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::Index;

    use super::*;

    fn segments(sizes: &[u32]) -> Vec<SegmentMeta> {
        let mut schema = Schema::builder();
        schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        sizes
            .iter()
            .map(|&size| index.new_segment_meta(SegmentId::generate_random(), size))
            .collect()
    }

    fn merged_sizes(policy: &CappedMergePolicy, metas: &[SegmentMeta]) -> Vec<Vec<u32>> {
        policy
            .compute_merge_candidates(metas)
            .into_iter()
            .map(|MergeCandidate(ids)| {
                let mut sizes: Vec<u32> = ids
                    .iter()
                    .filter_map(|id| metas.iter().find(|meta| meta.id() == *id))
                    .map(SegmentMeta::num_docs)
                    .collect();
                sizes.sort_unstable();
                sizes
            })
            .collect()
    }

    #[test]
    fn small_segments_merge_in_groups_that_stay_under_the_cap() {
        let policy = CappedMergePolicy {
            max_docs: 100,
            min_segments: 8,
        };
        let metas = segments(&[30, 30, 30, 30, 30, 10]);
        let groups = merged_sizes(&policy, &metas);
        // 10 + 30 + 30 + 30 = 100 fits, the next 30 would not: it starts a group of its own,
        // merged once it holds half the cap.
        assert_eq!(groups, vec![vec![10, 30, 30, 30], vec![30, 30]]);
        let metas = segments(&[30, 30, 30, 30, 10]);
        assert_eq!(merged_sizes(&policy, &metas), vec![vec![10, 30, 30, 30]]);
        for group in &groups {
            assert!(group.iter().sum::<u32>() <= policy.max_docs);
        }
    }

    #[test]
    fn full_segments_are_left_alone_and_a_lone_small_one_waits() {
        let policy = CappedMergePolicy {
            max_docs: 100,
            min_segments: 8,
        };
        assert!(merged_sizes(&policy, &segments(&[100, 90, 60, 20])).is_empty());
        // Eight tiny segments merge though they are far from half the cap.
        assert_eq!(
            merged_sizes(&policy, &segments(&[1, 1, 1, 1, 1, 1, 1, 1])),
            vec![vec![1; 8]]
        );
        assert!(merged_sizes(&policy, &segments(&[1, 1, 1])).is_empty());
    }

    #[test]
    fn a_segment_emptied_by_upserts_merges_again() {
        let policy = CappedMergePolicy {
            max_docs: 100,
            min_segments: 8,
        };
        let mut metas = segments(&[100, 30]);
        // Eighty of the first segment's cables were replaced by newer copies elsewhere.
        metas[0] = metas[0].clone().with_delete_meta(80, 1);
        assert_eq!(merged_sizes(&policy, &metas), vec![vec![20, 30]]);
    }
}
