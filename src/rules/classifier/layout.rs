//! Where the kept blocks of a page sit relative to each other, and the
//! context features the second network reads from it.

use std::hash::Hash;

use rustc_hash::FxHashMap as HashMap;

use super::features::{CONTEXT_FEATURE_COUNT, ContextFeature};
use crate::page::Page;
use crate::vocabulary::words::hash_of;

/// Where the kept blocks of a page sit relative to each other: their order,
/// their words, and their groups by parent element, by grandparent element
/// and by place in the template (a hash of the tag and class of the block's
/// element and its parent: blocks with the same are items of one template,
/// a listing's cards).
#[derive(Debug, Clone)]
pub struct Layout {
    parents: Groups,
    grandparents: Groups,
    pub(super) templates: Groups,
    pub(super) words: Vec<f32>,
}

/// Blocks in groups: each block's group number (none for a block without
/// one), and how many blocks each group has.
#[derive(Debug, Clone, Default)]
pub(super) struct Groups {
    of: Vec<Option<u32>>,
    sizes: Vec<u32>,
}

impl Groups {
    /// Numbers the distinct keys in the order they first come.
    fn new<K: Hash + Eq>(keys: impl Iterator<Item = Option<K>>) -> Groups {
        let mut numbers: HashMap<K, u32> = HashMap::default();
        let mut groups = Groups::default();
        for key in keys {
            let group = key.map(|key| {
                let next = numbers.len() as u32;
                let group = *numbers.entry(key).or_insert(next);
                if group == next {
                    groups.sizes.push(0);
                }
                groups.sizes[group as usize] += 1;
                group
            });
            groups.of.push(group);
        }
        groups
    }

    /// How many blocks the group of block `i` has (1 without a group).
    pub(super) fn size_of(&self, i: usize) -> u32 {
        self.of[i].map_or(1, |g| self.sizes[g as usize])
    }

    /// The word-weighted mean of `values` over the other blocks of each
    /// block's group (the block's own value when it is alone).
    fn means(&self, values: &[f32], words: &[f32]) -> Vec<f32> {
        let mut sums = vec![(0.0f32, 0.0f32); self.sizes.len()];
        for ((group, &p), &w) in self.of.iter().zip(values).zip(words) {
            if let Some(g) = group {
                let sum = &mut sums[*g as usize];
                sum.0 += p * w;
                sum.1 += w;
            }
        }
        self.of
            .iter()
            .zip(values)
            .zip(words)
            .map(|((group, &p), &w)| match group.map(|g| sums[g as usize]) {
                Some((sum, weight)) if weight > w => (sum - p * w) / (weight - w),
                _ => p,
            })
            .collect()
    }
}

impl Layout {
    pub(crate) fn new(page: &Page<'_>, kept: &[usize]) -> Layout {
        let parent_of = |e: Option<usize>| e.and_then(|e| page.elements[e].parent);
        let parents: Vec<Option<usize>> = kept
            .iter()
            .map(|&b| parent_of(page.blocks[b].element))
            .collect();
        // A block's place in the template: the tag and class of its element
        // and of that element's parent.
        let place = |e: usize| (&page.elements[e].tag, page.class_of(e));
        let template = |b: usize| {
            let element = page.blocks[b].element;
            let parent = element.and_then(|e| page.elements[e].parent);
            hash_of((element.map(place), parent.map(place)))
        };
        Layout {
            grandparents: Groups::new(parents.iter().map(|&p| parent_of(p))),
            parents: Groups::new(parents.into_iter()),
            templates: Groups::new(kept.iter().map(|&b| Some(template(b)))),
            words: kept
                .iter()
                .map(|&b| page.blocks[b].words.max(1) as f32)
                .collect(),
        }
    }

    /// The context features of every block, given the first network's
    /// probabilities `first` (one per block, in order): its own, its
    /// neighbours' (one and three either side), the word-weighted mean over
    /// the other blocks of its parent, of its grandparent element and of its
    /// place in the template, and the share of the page's words that the
    /// first network calls content.
    pub fn context_features(&self, first: &[f32]) -> Vec<[f32; CONTEXT_FEATURE_COUNT]> {
        let n = first.len().min(self.words.len());
        let words = &self.words[..n];
        let first = &first[..n];
        let parent_mean = self.parents.means(first, words);
        let grandparent_mean = self.grandparents.means(first, words);
        let template_mean = self.templates.means(first, words);
        let total: f32 = words.iter().sum();
        let content: f32 = words
            .iter()
            .zip(first)
            .filter(|&(_, &p)| p > 0.5)
            .map(|(w, _)| w)
            .sum();
        // The mean verdict of the blocks `from..=to` away (0 when there are none).
        let window = |from: isize, to: isize, i: usize| {
            let start = (i as isize + from).max(0) as usize;
            let end = ((i as isize + to + 1).max(0) as usize).min(n);
            match first.get(start..end) {
                Some(values) if !values.is_empty() => {
                    values.iter().sum::<f32>() / values.len() as f32
                }
                _ => 0.0,
            }
        };
        (0..n)
            .map(|i| {
                use ContextFeature::*;
                let mut row = [0.0; CONTEXT_FEATURE_COUNT];
                let mut set = |feature: ContextFeature, value: f32| row[feature as usize] = value;
                set(Own, first[i]);
                set(Previous, window(-1, -1, i));
                set(Next, window(1, 1, i));
                set(PreviousThree, window(-3, -1, i));
                set(NextThree, window(1, 3, i));
                set(ParentMean, parent_mean[i]);
                set(GrandparentMean, grandparent_mean[i]);
                set(TemplateMean, template_mean[i]);
                set(ContentShare, content / total.max(1.0));
                row
            })
            .collect()
    }
}
