//! The rounds played: what is kept of each, progress per dimension and topic, and the
//! next scenario, favouring the topics most often missed (spaced repetition).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::round::Graded;
use super::scenario::Scenario;
use super::{Dimension, Topic};

/// One round, as kept in the state directory (a JSON line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// When it was played, in seconds since 1970.
    pub at: u64,
    pub scenario: String,
    pub topics: Vec<Topic>,
    pub score: u32,
    pub max_score: u32,
    pub rubric: BTreeMap<Dimension, u32>,
}

impl Record {
    pub fn of(g: &Graded, at: u64) -> Record {
        Record {
            at,
            scenario: g.scenario.clone(),
            topics: g.topics.clone(),
            score: g.score,
            max_score: g.max_score,
            rubric: g.rubric.iter().map(|l| (l.dimension, l.score)).collect(),
        }
    }

    /// The share of the points earned, 0 to 1.
    pub fn share(&self) -> f64 {
        if self.max_score == 0 {
            1.0
        } else {
            f64::from(self.score) / f64::from(self.max_score)
        }
    }
}

/// The records that read; lines that do not (a newer format, a damaged file) are skipped.
pub fn parse(lines: &[String]) -> Vec<Record> {
    lines
        .iter()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionStat {
    pub dimension: Dimension,
    /// The mean score (0–3) over all rounds, and over the last five.
    pub mean: f64,
    pub recent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicStat {
    pub topic: Topic,
    pub rounds: usize,
    /// The share of points earned in its rounds.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub rounds: usize,
    pub dimensions: Vec<DimensionStat>,
    pub topics: Vec<TopicStat>,
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = xs.collect();
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

/// Progress per dimension and per topic (weakest topics first).
pub fn stats(records: &[Record]) -> Stats {
    let recent = &records[records.len().saturating_sub(5)..];
    let dimensions = Dimension::ALL
        .iter()
        .map(|d| DimensionStat {
            dimension: *d,
            mean: mean(
                records
                    .iter()
                    .filter_map(|r| r.rubric.get(d))
                    .map(|s| f64::from(*s)),
            ),
            recent: mean(
                recent
                    .iter()
                    .filter_map(|r| r.rubric.get(d))
                    .map(|s| f64::from(*s)),
            ),
        })
        .collect();
    let mut topics: Vec<TopicStat> = Topic::ALL
        .iter()
        .filter_map(|t| {
            let rs: Vec<&Record> = records.iter().filter(|r| r.topics.contains(t)).collect();
            (!rs.is_empty()).then(|| TopicStat {
                topic: *t,
                rounds: rs.len(),
                share: mean(rs.iter().map(|r| r.share())),
            })
        })
        .collect();
    topics.sort_by(|a, b| a.share.total_cmp(&b.share).then(a.topic.cmp(&b.topic)));
    Stats {
        rounds: records.len(),
        dimensions,
        topics,
    }
}

/// The next scenario: one on the weakest topic (a topic never played counts as half
/// missed), not played for the longest; ties broken by `seed`.
pub fn next<'a>(library: &'a [Scenario], records: &[Record], seed: u64) -> Option<&'a Scenario> {
    let st = stats(records);
    let weakness = |t: &Topic| -> f64 {
        st.topics
            .iter()
            .find(|s| s.topic == *t)
            .map(|s| 1.0 - s.share)
            .unwrap_or(0.5)
    };
    let last_played = |name: &str| records.iter().rposition(|r| r.scenario == name);
    let n = library.len().max(1);
    library
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| {
            let wa = a.topics.iter().map(weakness).fold(0.0, f64::max);
            let wb = b.topics.iter().map(weakness).fold(0.0, f64::max);
            // Older (or never) played first: None < Some, so compare reversed.
            let ra = last_played(&a.name).map_or(-1, |p| p as i64);
            let rb = last_played(&b.name).map_or(-1, |p| p as i64);
            let ta = (*i as u64 + seed) % n as u64;
            let tb = (*j as u64 + seed) % n as u64;
            wa.total_cmp(&wb).then(rb.cmp(&ra)).then(tb.cmp(&ta))
        })
        .map(|(_, s)| s)
}
