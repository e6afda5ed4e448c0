//! What-ifs: a layer of changes over the workload, never written into the draft. Each
//! scales one trait of one component through the same derivations a sweep uses, so
//! the workload stays valid (a longer run lengthens its longest run; traffic keeps a
//! given peak's ratio to the average; a timetable's runs follow its volume).

use crate::workload::key;
use rust_decimal::Decimal;

use crate::cost::vary::{Vary, with_value};
use crate::workload::{Shape, Workload};

/// A single-key change to the current component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhatIf {
    TrafficUp,
    TrafficDown,
    DurationUp,
    DurationDown,
    MemoryUp,
    MemoryDown,
    CycleShape,
}

/// The what-ifs on one component: powers of two on three traits, and a shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Factors {
    pub traffic: i32,
    pub duration: i32,
    pub memory: i32,
    pub shape: Option<Shape>,
}

impl Factors {
    fn is_empty(&self) -> bool {
        *self == Factors::default()
    }
}

/// The layer: what-ifs by component name, in the order they were first made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layer {
    pub by_component: Vec<(String, Factors)>,
}

/// The steps a power of two may take either way (2^20 is a million-fold).
const MAX_EXP: i32 = 20;

impl Layer {
    pub fn is_empty(&self) -> bool {
        self.by_component.iter().all(|(_, f)| f.is_empty())
    }

    pub fn clear(&mut self) {
        self.by_component.clear();
    }

    /// Adds a what-if to `component`, whose shape is `shape` before the layer.
    pub fn push(&mut self, component: &str, w: WhatIf, shape: Shape) {
        let i = match self.by_component.iter().position(|(n, _)| n == component) {
            Some(i) => i,
            None => {
                self.by_component
                    .push((component.to_string(), Factors::default()));
                self.by_component.len() - 1
            }
        };
        let f = &mut self.by_component[i].1;
        let step = |e: &mut i32, d: i32| *e = (*e + d).clamp(-MAX_EXP, MAX_EXP);
        match w {
            WhatIf::TrafficUp => step(&mut f.traffic, 1),
            WhatIf::TrafficDown => step(&mut f.traffic, -1),
            WhatIf::DurationUp => step(&mut f.duration, 1),
            WhatIf::DurationDown => step(&mut f.duration, -1),
            WhatIf::MemoryUp => step(&mut f.memory, 1),
            WhatIf::MemoryDown => step(&mut f.memory, -1),
            WhatIf::CycleShape => {
                let users = [Shape::Steady, Shape::Diurnal, Shape::Spiky, Shape::Sporadic];
                let now = f.shape.unwrap_or(shape);
                let i = users.iter().position(|s| *s == now);
                f.shape = Some(users[i.map_or(0, |i| (i + 1) % users.len())]);
            }
        }
    }

    /// Follows a component renamed in the draft.
    pub fn rename(&mut self, old: &str, new: &str) {
        for (n, _) in &mut self.by_component {
            if n == old {
                *n = new.to_string();
            }
        }
    }

    /// The workload with the layer applied.
    pub fn apply(&self, w: &Workload) -> Workload {
        let mut w = w.clone();
        for (name, f) in &self.by_component {
            let Some(i) = w.components.iter().position(|c| &c.name == name) else {
                continue;
            };
            if let Some(s) = f.shape
                && w.components[i].schedule.is_none()
            {
                let c = &mut w.components[i];
                let before = c.requests_per_month;
                c.shape = s;
                // A derived peak follows the new shape; a given one stays.
                if c.is_default_at(key!("peak_rps"))
                    && let Ok(v) = with_value(&w, i, Vary::RequestsPerMonth, before)
                {
                    w = v;
                }
            }
            let scale = |w: Workload, vary: Vary, e: i32| -> Workload {
                if e == 0 {
                    return w;
                }
                let now = crate::cost::vary::current(&w, i, vary);
                let factor = if e > 0 {
                    Decimal::from(1u64 << e)
                } else {
                    Decimal::ONE / Decimal::from(1u64 << -e)
                };
                let mut v = (now * factor).round_dp(3);
                if vary == Vary::MemoryMb {
                    v = v.round().clamp(Decimal::ONE, Decimal::from(1_048_576));
                }
                if vary == Vary::RequestsPerMonth {
                    v = v.round();
                }
                if v <= Decimal::ZERO && vary != Vary::RequestsPerMonth {
                    return w;
                }
                // A what-if past exact arithmetic's range is not applied.
                with_value(&w, i, vary, v).unwrap_or(w)
            };
            w = scale(w, Vary::RequestsPerMonth, f.traffic);
            w = scale(w, Vary::DurationMs, f.duration);
            w = scale(w, Vary::MemoryMb, f.memory);
        }
        w
    }

    /// The layer in words: `traffic ×4, memory ÷2 on api`.
    pub fn describe(&self) -> String {
        let pow = |e: i32| {
            if e > 0 {
                format!("×{}", 1u64 << e)
            } else {
                format!("÷{}", 1u64 << -e)
            }
        };
        self.by_component
            .iter()
            .filter(|(_, f)| !f.is_empty())
            .map(|(name, f)| {
                let mut parts = Vec::new();
                if f.traffic != 0 {
                    parts.push(format!("traffic {}", pow(f.traffic)));
                }
                if f.duration != 0 {
                    parts.push(format!("duration {}", pow(f.duration)));
                }
                if f.memory != 0 {
                    parts.push(format!("memory {}", pow(f.memory)));
                }
                if let Some(s) = f.shape {
                    parts.push(format!("shape {s}"));
                }
                format!("{} on {name}", parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}
