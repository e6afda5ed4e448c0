//! A layered drawing in character cells: boxes in bands, top to bottom, and edges routed
//! orthogonally in the channels between rows.
//!
//! The method is the classic one for layered graphs, kept small:
//! 1. rows: each node sits in its layer's band; edges inside a layer push the callee one
//!    row down; a band wider than the page wraps onto more rows;
//! 2. nets: the edges leaving one node in one style form a net, a trunk that fans out to
//!    its targets; an edge pointing up (a queue feeding the worker above it) is routed like
//!    the others and gets its arrowhead at the upper end;
//! 3. a net that skips rows passes through them as a one-column line between boxes;
//! 4. in each channel every net takes a horizontal track; tracks are shared when nets do
//!    not overlap, and a net whose riser stands where another net drops is kept above it,
//!    so two lines never run on top of each other.
//!
//! Every line is at most `width` columns wide (counted in terminal cells), whatever the
//! names: long ones are cut with `…`, control characters and bidirectional overrides
//! are shown as `?`.

use unicode_width::UnicodeWidthChar;

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeStyle {
    Solid,
    Dashed,
    Dotted,
}

/// How a box is drawn, so a reader can tell groups apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Light,
    Rounded,
    Heavy,
    Double,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutNode {
    pub title: String,
    pub subtitle: String,
    /// The layer whose name labels the node's row.
    pub layer: usize,
    /// The band, top (0) to bottom. Nodes of one band that call each other are drawn in
    /// the order of the calls (the caller's row above the callee's).
    pub band: usize,
    /// Nodes of one group sit next to each other within a row (lower groups first).
    pub group: usize,
    pub frame: Frame,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutEdge {
    pub from: usize,
    pub to: usize,
    pub style: EdgeStyle,
}

/// A map looked up many times a layout, by small keys (a fixed, fast hash: nothing here
/// depends on the order of a map's entries).
type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// The narrowest page drawn; narrower requests are drawn at this width.
pub const MIN_WIDTH: usize = 24;
/// The widest page drawn: wider requests are drawn at this width.
pub const MAX_WIDTH: usize = 1000;
const BOX_H: usize = 4;
const MIN_BOX: usize = 12;
const MAX_BOX: usize = 30;
const WIDE_BOX: usize = 40;

/// Draws the nodes in bands (`layer_names[layer]` labels each band) with their edges.
pub fn render(
    nodes: &[LayoutNode],
    edges: &[LayoutEdge],
    layer_names: &[&str],
    width: usize,
) -> Vec<String> {
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
    if nodes.is_empty() {
        return Vec::new();
    }
    let slots = slots(nodes, edges);
    let max_box = if width >= 120 { WIDE_BOX } else { MAX_BOX }.min(width);
    let mut caps: Vec<usize> = vec![width; slots.len()];
    // Each box's width for its text, measured once (rows are wrapped many times).
    let text_ws: Vec<usize> = nodes
        .iter()
        .map(|n| (cells(&n.title).max(cells(&n.subtitle)) + 4).clamp(MIN_BOX, max_box))
        .collect();
    // First pass in input order; the second orders each row by where its neighbours
    // landed in the first, which untangles most crossings.
    let mut hint: Vec<usize> = (0..nodes.len()).map(|v| v * width / nodes.len()).collect();
    let mut plan = fit_rows(nodes, edges, &slots, &mut caps, &text_ws, &hint, width);
    plan.place(nodes, width);
    hint = plan.neighbour_centres(edges);
    let mut plan = fit_rows(nodes, edges, &slots, &mut caps, &text_ws, &hint, width);
    plan.place(nodes, width);
    plan.draw(nodes, layer_names, width)
}

/// Wraps the bands into rows that fit the page with the lines passing through them.
fn fit_rows(
    nodes: &[LayoutNode],
    edges: &[LayoutEdge],
    slots: &[(usize, usize)],
    caps: &mut [usize],
    text_ws: &[usize],
    hint: &[usize],
    width: usize,
) -> Plan {
    let mut plan = Plan::new(nodes, edges, slots, caps, text_ws, hint);
    // Lines passing through a row take room from its boxes: narrow that row's band and
    // wrap again until every row fits (each round moves a box down, so this ends).
    for _ in 0..nodes.len() * 2 {
        let over: Vec<(usize, usize)> = plan
            .rows
            .iter()
            .enumerate()
            .filter_map(|(r, row)| {
                let need = plan.row_width(row);
                (need > width && row.iter().filter(|i| i.is_box()).count() > 1)
                    .then(|| (plan.row_slot[r], need - width))
            })
            .collect();
        if over.is_empty() {
            break;
        }
        let mut narrowed = false;
        for (s, by) in over {
            let cap = caps[s].saturating_sub(by).max(MIN_BOX);
            narrowed |= cap != caps[s];
            caps[s] = cap;
        }
        // Every overfull band is as narrow as a box allows: wrapping again changes nothing.
        if !narrowed {
            break;
        }
        plan = Plan::new(nodes, edges, slots, caps, text_ws, hint);
    }
    plan
}

/// Each node's (band, row within the band): an edge inside a band puts its target below
/// its source (longest path; a cycle is broken at its first node).
///
/// Nodes are taken in order, each time the first whose callers in the band are all
/// placed (or, in a cycle, the first not yet placed): linear in nodes and edges.
fn slots(nodes: &[LayoutNode], edges: &[LayoutEdge]) -> Vec<(usize, usize)> {
    let n = nodes.len();
    let mut callers: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut callees: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in edges
        .iter()
        .filter(|e| e.from < n && e.to < n && e.from != e.to)
        .filter(|e| nodes[e.from].band == nodes[e.to].band)
    {
        callers[e.to].push(e.from);
        callees[e.from].push(e.to);
    }
    let mut waiting: Vec<usize> = callers.iter().map(Vec::len).collect();
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|&v| waiting[v] == 0).collect();
    let mut sub = vec![0usize; n];
    let mut done = vec![false; n];
    let mut first_undone = 0;
    for _ in 0..n {
        while first_undone < n && done[first_undone] {
            first_undone += 1;
        }
        let v = ready.pop_first().unwrap_or(first_undone.min(n - 1));
        ready.remove(&v);
        sub[v] = callers[v]
            .iter()
            .filter(|&&u| done[u])
            .map(|&u| sub[u] + 1)
            .max()
            .unwrap_or(0);
        done[v] = true;
        for &u in &callees[v] {
            waiting[u] -= 1;
            if waiting[u] == 0 && !done[u] {
                ready.insert(u);
            }
        }
    }
    (0..n).map(|v| (nodes[v].band, sub[v])).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Item {
    Box(usize),
    /// A net passing through the row.
    Pass(usize),
}

impl Item {
    fn is_box(&self) -> bool {
        matches!(self, Item::Box(_))
    }
}

/// The edges leaving one node downwards in one style, or a single edge pointing up.
#[derive(Debug, Clone)]
struct Net {
    /// The upper end (the source, or the target of an edge that points up).
    top: usize,
    /// The lower ends.
    ends: Vec<usize>,
    style: EdgeStyle,
    /// True when the edges point up: the arrowheads are at `top`.
    up: bool,
    first_row: usize,
    last_row: usize,
}

struct Plan {
    rows: Vec<Vec<Item>>,
    row_slot: Vec<usize>,
    row_of: Vec<usize>,
    nets: Vec<Net>,
    /// The nets leaving each node downwards (it is their upper end).
    from: Vec<Vec<usize>>,
    /// The nets arriving at each node (it is one of their lower ends).
    into: Vec<Vec<usize>>,
    widths: Vec<usize>,
    /// Left column of each item, per row (after `place`).
    xs: Vec<Vec<usize>>,
    /// Where each item stands in its row, per row (after `place`).
    at: Vec<Map<Item, usize>>,
    /// Column of each net's port on each box: (box, net, at the bottom?) → column.
    ports: std::collections::BTreeMap<(usize, usize, bool), usize>,
    /// Where each node would like its centre, from an earlier pass.
    hint: Vec<usize>,
}

impl Plan {
    fn new(
        nodes: &[LayoutNode],
        edges: &[LayoutEdge],
        slots: &[(usize, usize)],
        caps: &[usize],
        text_ws: &[usize],
        hint: &[usize],
    ) -> Plan {
        let n = nodes.len();
        let mut order: Vec<(usize, usize)> = slots.to_vec();
        order.sort();
        order.dedup();

        // A box's width for its text (see [`render`]).
        let text_w = |v: usize| text_ws[v];
        // Wrap each band's nodes into rows of at most `caps[slot]` columns.
        let mut rows: Vec<Vec<Item>> = Vec::new();
        let mut row_slot = Vec::new();
        let mut row_of = vec![0; n];
        let mut in_slot: std::collections::BTreeMap<(usize, usize), Vec<usize>> =
            Default::default();
        for (v, s) in slots.iter().enumerate() {
            in_slot.entry(*s).or_default().push(v);
        }
        for (si, s) in order.iter().enumerate() {
            let mut members = in_slot.remove(s).unwrap_or_default();
            members.sort_by_key(|&v| (nodes[v].group, hint[v], v));
            let mut used = 0;
            let mut current: Vec<Item> = Vec::new();
            for v in members {
                let w = text_w(v) + 2;
                if !current.is_empty() && used + w > caps[si] {
                    rows.push(std::mem::take(&mut current));
                    row_slot.push(si);
                    used = 0;
                }
                used += w;
                row_of[v] = rows.len();
                current.push(Item::Box(v));
            }
            rows.push(current);
            row_slot.push(si);
        }

        // Nets: by upper end, style and direction.
        let mut nets: Vec<Net> = Vec::new();
        // The net leaving each (upper end, style) downwards, and each net's lower ends.
        let mut down_net: Map<(usize, EdgeStyle), usize> = Default::default();
        let mut has_end: std::collections::HashSet<(usize, usize), foldhash::fast::FixedState> =
            Default::default();
        for e in edges {
            if e.from >= n || e.to >= n || e.from == e.to || row_of[e.from] == row_of[e.to] {
                continue;
            }
            let up = row_of[e.from] > row_of[e.to];
            let (top, end) = if up { (e.to, e.from) } else { (e.from, e.to) };
            // Edges pointing up each keep their own line, so every edge has its own
            // arrowhead.
            match (!up).then(|| down_net.get(&(top, e.style))).flatten() {
                Some(&k) => {
                    if has_end.insert((k, end)) {
                        let m = &mut nets[k];
                        m.ends.push(end);
                        m.last_row = m.last_row.max(row_of[end]);
                    }
                }
                None => {
                    if !up {
                        down_net.insert((top, e.style), nets.len());
                    }
                    has_end.insert((nets.len(), end));
                    nets.push(Net {
                        top,
                        ends: vec![end],
                        style: e.style,
                        up,
                        first_row: row_of[top],
                        last_row: row_of[end],
                    });
                }
            }
        }
        for (k, net) in nets.iter().enumerate() {
            for row in rows.iter_mut().take(net.last_row).skip(net.first_row + 1) {
                row.push(Item::Pass(k));
            }
        }
        let mut from: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut into: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (k, m) in nets.iter().enumerate() {
            from[m.top].push(k);
            for &e in &m.ends {
                into[e].push(k);
            }
        }
        // Boxes wide enough for their ports, two columns apart.
        let widths = (0..n)
            .map(|v| text_w(v).max(2 * from[v].len().max(into[v].len()) + 1))
            .collect();
        Plan {
            rows,
            row_slot,
            row_of,
            nets,
            from,
            into,
            widths,
            xs: Vec::new(),
            at: Vec::new(),
            ports: Default::default(),
            hint: hint.to_vec(),
        }
    }

    /// Each node's wished-for centre: the mean centre of its neighbours (its own centre
    /// when it has none).
    fn neighbour_centres(&self, edges: &[LayoutEdge]) -> Vec<usize> {
        let n = self.widths.len();
        // Each node's neighbours, in the order of the edges.
        let mut near: Vec<Vec<usize>> = vec![Vec::new(); n];
        for e in edges
            .iter()
            .filter(|e| e.from < n && e.to < n && e.from != e.to)
        {
            near[e.from].push(e.to);
            near[e.to].push(e.from);
        }
        (0..n)
            .map(|v| {
                if near[v].is_empty() {
                    self.center(v)
                } else {
                    near[v].iter().map(|&u| self.center(u)).sum::<usize>() / near[v].len()
                }
            })
            .collect()
    }

    fn item_width(&self, i: Item) -> usize {
        match i {
            Item::Box(v) => self.widths[v],
            Item::Pass(_) => 1,
        }
    }

    fn gap(a: Item, b: Item) -> usize {
        if a.is_box() && b.is_box() { 2 } else { 1 }
    }

    fn row_width(&self, row: &[Item]) -> usize {
        let items: usize = row.iter().map(|&i| self.item_width(i)).sum();
        let gaps: usize = row.windows(2).map(|p| Self::gap(p[0], p[1])).sum();
        items + gaps
    }

    /// Where a net comes down into `row` from the row above (its column there).
    fn upper_pin_x(&self, net: usize, row: usize) -> Option<usize> {
        let m = &self.nets[net];
        if row == 0 || row <= m.first_row || row > m.last_row {
            return None;
        }
        let above = row - 1;
        let items = &self.rows[above];
        let k = if above == m.first_row {
            *self.at[above].get(&Item::Box(m.top))?
        } else {
            *self.at[above].get(&Item::Pass(net))?
        };
        let x = self.xs[above][k];
        Some(x + self.item_width(items[k]) / 2)
    }

    /// Orders each row under the one above (barycentres), then packs it into the page.
    fn place(&mut self, nodes: &[LayoutNode], width: usize) {
        self.xs = Vec::with_capacity(self.rows.len());
        self.at = Vec::with_capacity(self.rows.len());
        for r in 0..self.rows.len() {
            let row = self.rows[r].clone();
            let n = row.len().max(1);
            let bary = |k: usize, it: Item| {
                let nets: Vec<usize> = match it {
                    Item::Box(v) => self.into[v].clone(),
                    Item::Pass(m) => vec![m],
                };
                let pins: Vec<usize> = nets
                    .iter()
                    .filter_map(|&m| self.upper_pin_x(m, r))
                    .collect();
                if pins.is_empty() {
                    match it {
                        Item::Box(v) => self.hint[v],
                        Item::Pass(_) => (2 * k + 1) * width / (2 * n),
                    }
                } else {
                    pins.iter().sum::<usize>() / pins.len()
                }
            };
            // Boxes keep their groups together, each group under what feeds it; lines
            // passing through slot in where they point.
            let mut boxes: Vec<(usize, usize, usize, Item)> = Vec::new();
            let mut passes: Vec<(usize, usize, Item)> = Vec::new();
            for (k, &it) in row.iter().enumerate() {
                match it {
                    Item::Box(v) => boxes.push((nodes[v].group, bary(k, it), k, it)),
                    Item::Pass(_) => passes.push((bary(k, it), k, it)),
                }
            }
            boxes.sort_by_key(|&(g, b, k, _)| (g, b, k));
            passes.sort_by_key(|&(b, k, _)| (b, k));
            let mut ordered: Vec<(usize, Item)> = Vec::with_capacity(row.len());
            let (mut bi, mut pi) = (0, 0);
            while bi < boxes.len() || pi < passes.len() {
                let take_pass =
                    pi < passes.len() && (bi == boxes.len() || passes[pi].0 <= boxes[bi].1);
                if take_pass {
                    ordered.push((passes[pi].0, passes[pi].2));
                    pi += 1;
                } else {
                    ordered.push((boxes[bi].1, boxes[bi].3));
                    bi += 1;
                }
            }
            let items: Vec<Item> = ordered.iter().map(|&(_, it)| it).collect();
            let fits = self.row_width(&items) <= width;
            // Pack left to right as near the barycentre as room allows, then pull back
            // from the right edge.
            let mut xs = vec![0usize; ordered.len()];
            let mut next = 0usize;
            for (k, &(b, it)) in ordered.iter().enumerate() {
                let w = self.item_width(it);
                if k > 0 {
                    next += Self::gap(ordered[k - 1].1, it);
                }
                let want = if fits { b.saturating_sub(w / 2) } else { 0 };
                xs[k] = want.max(next);
                next = xs[k] + w;
            }
            if fits {
                let mut limit = width;
                for k in (0..ordered.len()).rev() {
                    let w = self.item_width(ordered[k].1);
                    let gap = match ordered.get(k + 1) {
                        Some(&(_, right)) => Self::gap(ordered[k].1, right),
                        None => 0,
                    };
                    let right = limit - gap;
                    if xs[k] + w > right {
                        xs[k] = right - w;
                    }
                    limit = xs[k];
                }
            }
            self.at
                .push(items.iter().enumerate().map(|(k, it)| (*it, k)).collect());
            self.rows[r] = items;
            self.xs.push(xs);
        }
        self.assign_ports();
    }

    fn item_x(&self, row: usize, it: Item) -> Option<(usize, usize)> {
        let k = *self.at.get(row)?.get(&it)?;
        Some((self.xs[row][k], self.item_width(it)))
    }

    fn center(&self, v: usize) -> usize {
        self.item_x(self.row_of[v], Item::Box(v))
            .map(|(x, w)| x + w / 2)
            .unwrap_or(0)
    }

    fn assign_ports(&mut self) {
        let n = self.widths.len();
        for v in 0..n {
            let Some((x, w)) = self.item_x(self.row_of[v], Item::Box(v)) else {
                continue;
            };
            // Bottom: nets leaving downwards, ordered by where they go.
            let mut down: Vec<(usize, usize)> = self.from[v]
                .iter()
                .map(|&m| {
                    let ends = &self.nets[m].ends;
                    let avg = ends.iter().map(|&e| self.center(e)).sum::<usize>() / ends.len();
                    (avg, m)
                })
                .collect();
            down.sort();
            // Top: nets arriving from above, ordered by where they come from.
            let mut up: Vec<(usize, usize)> = self.into[v]
                .iter()
                .map(|&m| (self.upper_pin_x(m, self.row_of[v]).unwrap_or(0), m))
                .collect();
            up.sort();
            for (list, bottom) in [(down, true), (up, false)] {
                let count = list.len();
                let inner = w - 2;
                for (k, (_, m)) in list.into_iter().enumerate() {
                    let col = x + 1 + (2 * k + 1) * inner / (2 * count);
                    self.ports.insert((v, m, bottom), col);
                }
            }
        }
    }

    /// The column where `net` leaves `row` downwards.
    fn bottom_pin(&self, net: usize, row: usize) -> Option<usize> {
        let m = &self.nets[net];
        if row == m.first_row {
            self.ports.get(&(m.top, net, true)).copied()
        } else if row > m.first_row && row < m.last_row {
            self.item_x(row, Item::Pass(net)).map(|(x, _)| x)
        } else {
            None
        }
    }

    /// The columns where `net` enters `row` from above.
    fn top_pins(&self, net: usize, row: usize) -> Vec<usize> {
        let m = &self.nets[net];
        let mut pins: Vec<usize> = m
            .ends
            .iter()
            .filter(|&&e| self.row_of[e] == row)
            .filter_map(|&e| self.ports.get(&(e, net, false)).copied())
            .collect();
        if row < m.last_row
            && let Some((x, _)) = self.item_x(row, Item::Pass(net))
        {
            pins.push(x);
        }
        pins
    }

    fn draw(&self, nodes: &[LayoutNode], layer_names: &[&str], width: usize) -> Vec<String> {
        let mut g = Grid::default();
        let mut y = 0;
        let mut last_layer = None;
        for r in 0..self.rows.len() {
            // The channel above this row: tracks for the nets coming down, and the
            // band's name when a new band starts.
            let label = {
                // The layer most of the row's boxes belong to (the first on a tie).
                let layers: Vec<usize> = self.rows[r]
                    .iter()
                    .filter_map(|i| match i {
                        Item::Box(v) => Some(nodes[*v].layer),
                        Item::Pass(_) => None,
                    })
                    .collect();
                let count = |l: usize| layers.iter().filter(|&&m| m == l).count();
                let layer = layers
                    .iter()
                    .copied()
                    .max_by_key(|&l| (count(l), std::cmp::Reverse(l)))
                    .unwrap_or(0);
                let new = last_layer != Some(layer);
                last_layer = Some(layer);
                new.then(|| layer_names.get(layer).copied().unwrap_or(""))
            };
            if r > 0 {
                let tracks = self.route(r - 1);
                let height = tracks.iter().map(|t| t.0 + 1).max().unwrap_or(0).max(1);
                let extra = usize::from(label.is_some());
                let bottom = y + height + extra - 1;
                for (track, net, upper, lowers) in &tracks {
                    let ty = y + track;
                    let style = self.nets[*net].style;
                    g.vline(*upper, y, ty, style);
                    let lo = lowers
                        .iter()
                        .chain([upper])
                        .min()
                        .copied()
                        .unwrap_or(*upper);
                    let hi = lowers
                        .iter()
                        .chain([upper])
                        .max()
                        .copied()
                        .unwrap_or(*upper);
                    g.hline(ty, lo, hi, style);
                    g.line(*upper, ty, UP, style);
                    for &x in lowers {
                        g.line(x, ty, DOWN, style);
                        g.vline(x, ty + 1, bottom + 1, style);
                    }
                }
                y = bottom + 1;
            }
            if let Some(name) = label {
                if r == 0 {
                    g.label(0, y, name, width);
                    y += 1;
                } else {
                    g.label(0, y - 1, name, width);
                }
            }
            for (k, &it) in self.rows[r].iter().enumerate() {
                let x = self.xs[r][k];
                match it {
                    Item::Box(v) => self.draw_box(&mut g, &nodes[v], v, x, y),
                    Item::Pass(m) => {
                        g.vline(x, y, y + BOX_H, self.nets[m].style);
                    }
                }
            }
            y += BOX_H;
        }
        g.lines(width)
    }

    /// The tracks of channel below `row`: (track, net, upper pin, lower pins).
    fn route(&self, row: usize) -> Vec<(usize, usize, usize, Vec<usize>)> {
        let mut segs: Vec<(usize, usize, Vec<usize>, usize, usize)> = Vec::new();
        for m in 0..self.nets.len() {
            let Some(upper) = self.bottom_pin(m, row) else {
                continue;
            };
            let lowers = self.top_pins(m, row + 1);
            let lo = lowers.iter().copied().chain([upper]).min().unwrap_or(upper);
            let hi = lowers.iter().copied().chain([upper]).max().unwrap_or(upper);
            segs.push((m, upper, lowers, lo, hi));
        }
        // A net whose riser stands where another drops must run above it: the nets each
        // net must run below.
        let mut by_upper: Map<usize, Vec<usize>> = Default::default();
        for (j, seg) in segs.iter().enumerate() {
            by_upper.entry(seg.1).or_default().push(j);
        }
        let below: Vec<Vec<usize>> = segs
            .iter()
            .enumerate()
            .map(|(i, seg)| {
                let mut js: Vec<usize> = seg
                    .2
                    .iter()
                    .flat_map(|x| by_upper.get(x).into_iter().flatten().copied())
                    .filter(|&j| j != i)
                    .collect();
                js.sort_unstable();
                js.dedup();
                js
            })
            .collect();
        let mut track_of: Vec<Option<usize>> = vec![None; segs.len()];
        let mut order: Vec<usize> = (0..segs.len()).collect();
        order.sort_by_key(|&i| (segs[i].3, segs[i].4, segs[i].0));
        let mut track = 0;
        while track_of.iter().any(Option::is_none) {
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for &i in &order {
                if track_of[i].is_some() {
                    continue;
                }
                let blocked = below[i]
                    .iter()
                    .any(|&j| track_of[j].is_none_or(|t| t >= track));
                let clash = taken
                    .iter()
                    .any(|&(lo, hi)| !(segs[i].4 + 1 < lo || hi + 1 < segs[i].3));
                if !blocked && !clash {
                    track_of[i] = Some(track);
                    taken.push((segs[i].3, segs[i].4));
                }
            }
            if taken.is_empty() {
                // Nets that must each run above the other: place one anyway.
                if let Some(&i) = order.iter().find(|&&i| track_of[i].is_none()) {
                    track_of[i] = Some(track);
                }
            }
            track += 1;
        }
        segs.into_iter()
            .zip(track_of)
            .map(|((m, upper, lowers, _, _), t)| (t.unwrap_or(0), m, upper, lowers))
            .collect()
    }

    fn draw_box(&self, g: &mut Grid, n: &LayoutNode, v: usize, x: usize, y: usize) {
        let w = self.widths[v];
        let f = frame_chars(n.frame);
        g.put(x, y, f.tl);
        g.put(x + w - 1, y, f.tr);
        g.put(x, y + 3, f.bl);
        g.put(x + w - 1, y + 3, f.br);
        for cx in x + 1..x + w - 1 {
            g.put(cx, y, f.h);
            g.put(cx, y + 3, f.h);
        }
        for cy in [y + 1, y + 2] {
            g.put(x, cy, f.v);
            g.put(x + w - 1, cy, f.v);
        }
        g.text_centered(x + 1, y + 1, w - 2, &n.title);
        g.text_centered(x + 1, y + 2, w - 2, &n.subtitle);
        for (&(b, m, bottom), &col) in self.ports.range((v, 0, false)..=(v, usize::MAX, true)) {
            debug_assert_eq!(b, v);
            let up = self.nets[m].up;
            let c = match (bottom, up) {
                (true, false) => f.leave_down,
                (true, true) => '▲',
                (false, false) => '▼',
                (false, true) => f.leave_up,
            };
            g.put(col, if bottom { y + 3 } else { y }, c);
        }
    }
}

struct FrameChars {
    tl: char,
    tr: char,
    bl: char,
    br: char,
    h: char,
    v: char,
    leave_down: char,
    leave_up: char,
}

fn frame_chars(f: Frame) -> FrameChars {
    let (tl, tr, bl, br, h, v, leave_down, leave_up) = match f {
        Frame::Light => ('┌', '┐', '└', '┘', '─', '│', '┬', '┴'),
        Frame::Rounded => ('╭', '╮', '╰', '╯', '─', '│', '┬', '┴'),
        Frame::Heavy => ('┏', '┓', '┗', '┛', '━', '┃', '┯', '┷'),
        Frame::Double => ('╔', '╗', '╚', '╝', '═', '║', '╤', '╧'),
    };
    FrameChars {
        tl,
        tr,
        bl,
        br,
        h,
        v,
        leave_down,
        leave_up,
    }
}

const UP: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const RIGHT: u8 = 8;

#[derive(Debug, Clone, Copy, Default)]
enum Cell {
    #[default]
    Empty,
    Char(char),
    /// The right half of a wide character.
    Cont,
    Line {
        dirs: u8,
        h: EdgeStyle,
        v: EdgeStyle,
    },
}

#[derive(Default)]
struct Grid {
    cells: Vec<Vec<Cell>>,
}

impl Grid {
    fn at(&mut self, x: usize, y: usize) -> &mut Cell {
        if self.cells.len() <= y {
            self.cells.resize(y + 1, Vec::new());
        }
        let row = &mut self.cells[y];
        if row.len() <= x {
            row.resize(x + 1, Cell::Empty);
        }
        &mut row[x]
    }

    fn put(&mut self, x: usize, y: usize, c: char) {
        *self.at(x, y) = Cell::Char(c);
    }

    fn line(&mut self, x: usize, y: usize, d: u8, style: EdgeStyle) {
        let cell = self.at(x, y);
        *cell = match *cell {
            Cell::Line { dirs, h, v } => Cell::Line {
                dirs: dirs | d,
                h: if d & (LEFT | RIGHT) != 0 && dirs & (LEFT | RIGHT) == 0 {
                    style
                } else {
                    h
                },
                v: if d & (UP | DOWN) != 0 && dirs & (UP | DOWN) == 0 {
                    style
                } else {
                    v
                },
            },
            Cell::Empty => Cell::Line {
                dirs: d,
                h: style,
                v: style,
            },
            other => other,
        };
    }

    /// A vertical line through rows `y1..y2` (the cell at `y2` belongs to what comes next:
    /// a track, a port on a box, the next row).
    fn vline(&mut self, x: usize, y1: usize, y2: usize, style: EdgeStyle) {
        for y in y1..y2 {
            self.line(x, y, UP | DOWN, style);
        }
    }

    fn hline(&mut self, y: usize, x1: usize, x2: usize, style: EdgeStyle) {
        if x1 == x2 {
            return;
        }
        for x in x1..=x2 {
            let d = if x == x1 {
                RIGHT
            } else if x == x2 {
                LEFT
            } else {
                LEFT | RIGHT
            };
            self.line(x, y, d, style);
        }
    }

    /// Writes `text` centred in `width` cells, cut with `…` when it does not fit.
    fn text_centered(&mut self, x: usize, y: usize, width: usize, text: &str) {
        let room = width.saturating_sub(2);
        let shown = fit(text, room);
        let w = cells(&shown);
        let mut cx = x + 1 + (room - w) / 2;
        for c in shown.chars() {
            let cw = c.width().unwrap_or(1);
            self.put(cx, y, c);
            if cw == 2 {
                *self.at(cx + 1, y) = Cell::Cont;
            }
            cx += cw;
        }
    }

    /// A band's name, at the first place from `x` where it covers no line.
    fn label(&mut self, x: usize, y: usize, name: &str, width: usize) {
        let text = fit(name, 40);
        let w = cells(&text);
        let free_at = |g: &Grid, x0: usize| {
            (x0.saturating_sub(1)..x0 + w + 1).all(|cx| {
                g.cells
                    .get(y)
                    .and_then(|r| r.get(cx))
                    .is_none_or(|c| matches!(c, Cell::Empty))
            })
        };
        if let Some(x) = (x..width.saturating_sub(w)).find(|&x0| free_at(self, x0)) {
            let mut cx = x;
            for c in text.chars() {
                self.put(cx, y, c);
                cx += c.width().unwrap_or(1);
            }
        }
    }

    fn lines(&self, width: usize) -> Vec<String> {
        self.cells
            .iter()
            .map(|row| {
                let mut s = String::new();
                for (x, cell) in row.iter().enumerate() {
                    if x >= width {
                        break;
                    }
                    match *cell {
                        Cell::Empty => s.push(' '),
                        Cell::Cont => {}
                        Cell::Char(c) => s.push(c),
                        Cell::Line { dirs, h, v } => s.push(line_char(dirs, h, v)),
                    }
                }
                s.trim_end().to_string()
            })
            .collect()
    }
}

fn line_char(d: u8, h: EdgeStyle, v: EdgeStyle) -> char {
    let horizontal = |s| match s {
        EdgeStyle::Solid => '─',
        EdgeStyle::Dashed => '╌',
        EdgeStyle::Dotted => '┄',
    };
    let vertical = |s| match s {
        EdgeStyle::Solid => '│',
        EdgeStyle::Dashed => '╎',
        EdgeStyle::Dotted => '┆',
    };
    match d {
        0 => ' ',
        x if x & (UP | DOWN) == 0 => horizontal(h),
        x if x & (LEFT | RIGHT) == 0 => vertical(v),
        x if x == UP | RIGHT => '└',
        x if x == UP | LEFT => '┘',
        x if x == DOWN | RIGHT => '┌',
        x if x == DOWN | LEFT => '┐',
        x if x == UP | DOWN | RIGHT => '├',
        x if x == UP | DOWN | LEFT => '┤',
        x if x == DOWN | LEFT | RIGHT => '┬',
        x if x == UP | LEFT | RIGHT => '┴',
        _ => '┼',
    }
}

/// Terminal cells `s` takes once control characters are shown as `?`.
pub fn cells(s: &str) -> usize {
    s.chars().map(|c| printable(c).width().unwrap_or(1)).sum()
}

fn printable(c: char) -> char {
    crate::text::shown(c)
}

/// `s` in at most `room` cells: control characters as `?`, cut with `…` when too long.
pub fn fit(s: &str, room: usize) -> String {
    let clean: String = s.chars().map(printable).collect();
    if cells(&clean) <= room {
        return clean;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in clean.chars() {
        let w = c.width().unwrap_or(1);
        if used + w + 1 > room {
            break;
        }
        out.push(c);
        used += w;
    }
    if room > 0 {
        out.push('…');
    }
    out
}
