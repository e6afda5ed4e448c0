//! The recommended system as a graph: a node per component with its placement, the
//! supporting pieces the rules called for, and typed edges between them.

use petgraph::graph::{DiGraph, NodeIndex};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::advisor::Advice;
use crate::cost::usd;
use crate::placement::{Placement, Provider};
use crate::rules::Support;
use crate::workload::{Gateway, Kind, Store, StoreDef, Workload};

word_enum!(
    /// Bands of the drawing, top to bottom.
    Layer {
        Clients = "clients", Edge = "edge", Gateways = "gateways", Compute = "compute",
        Async = "queues-and-orchestrators", Data = "data",
    }
);
word_enum!(
    /// Zones the drawing groups nodes into.
    Zone { Clients = "clients", Edge = "edge", Serverless = "serverless", Containers = "containers", Data = "data" }
);
word_enum!(
    /// What an edge means.
    EdgeKind { Sync = "sync", Async = "async", Data = "data" }
);

impl Layer {
    pub fn index(self) -> usize {
        Layer::ALL.iter().position(|l| *l == self).unwrap_or(0)
    }
}

/// A node of the topology.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Node {
    /// Unique, safe in Mermaid and DOT: letters, digits and underscores.
    pub id: String,
    /// The name shown (a component's name, a piece's title); may contain anything.
    pub label: String,
    /// The placement or what the piece is.
    pub detail: String,
    pub layer: Layer,
    pub zone: Zone,
    /// The component this node is, if it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub piece: Option<Support>,
    /// The data store this node is, if it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
    /// What the node costs a month: for a component or a store its row of the bill; for
    /// a supporting piece the lines of the components' bills it accounts for.
    #[serde(
        rename = "monthly_usd",
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::cost::money2_opt"
    )]
    #[schemars(with = "Option<crate::cost::MoneyJson>")]
    pub monthly: Option<Decimal>,
    /// For a supporting piece: the components whose bills carry its price.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub priced_in: Vec<String>,
    /// Why the node has no price of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_priced: Option<String>,
}

impl Node {
    fn new(id: String, label: String, detail: String, layer: Layer, zone: Zone) -> Node {
        Node {
            id,
            label,
            detail,
            layer,
            zone,
            component: None,
            placement: None,
            piece: None,
            store: None,
            monthly: None,
            priced_in: Vec::new(),
            not_priced: None,
        }
    }

    /// What a drawing shows under the name: what it is and its price.
    pub fn subtitle(&self) -> String {
        match self.price_text() {
            Some(p) => format!("{} · {p}", self.detail),
            None => self.detail.clone(),
        }
    }

    /// The price as the drawing shows it: `$49.75`, `$1.18 in api`, `not priced`.
    pub fn price_text(&self) -> Option<String> {
        match (&self.monthly, &self.not_priced) {
            (Some(m), _) if self.priced_in.is_empty() => Some(usd(*m)),
            (Some(m), _) => Some(format!("{} in {}", usd(*m), self.priced_in.join(", "))),
            (None, Some(_)) => Some("not priced".into()),
            (None, None) => None,
        }
    }
}

/// The recommended system's graph.
#[derive(Debug, Clone)]
pub struct Topology {
    pub graph: DiGraph<Node, EdgeKind>,
}

impl Topology {
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// Edges as (from, to, kind) node references, in insertion order.
    pub fn edges(&self) -> impl Iterator<Item = (&Node, &Node, EdgeKind)> {
        self.graph
            .raw_edges()
            .iter()
            .map(|e| (&self.graph[e.source()], &self.graph[e.target()], e.weight))
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes().find(|n| n.id == id)
    }
}

fn piece_place(s: Support) -> (Layer, Zone, &'static str) {
    use Support::*;
    match s {
        ApiGateway => (Layer::Gateways, Zone::Serverless, "API Gateway"),
        WebsocketGateway => (Layer::Gateways, Zone::Serverless, "API Gateway WebSocket"),
        Alb => (
            Layer::Gateways,
            Zone::Containers,
            "Application Load Balancer",
        ),
        Cdn => (Layer::Edge, Zone::Edge, "CDN"),
        EdgeCache => (Layer::Edge, Zone::Edge, "edge cache"),
        Queue => (Layer::Async, Zone::Serverless, "SQS queue"),
        DeadLetterQueue => (Layer::Async, Zone::Serverless, "dead-letter queue"),
        EventBus => (Layer::Async, Zone::Serverless, "EventBridge schedule"),
        StepFunctions => (Layer::Async, Zone::Serverless, "Step Functions"),
        Temporal => (Layer::Async, Zone::Containers, "Temporal"),
        GpuPool => (Layer::Async, Zone::Containers, "GPU pool"),
        RdsProxy => (Layer::Async, Zone::Data, "RDS Proxy"),
        RelationalDb => (Layer::Data, Zone::Data, "relational database"),
        Dynamodb => (Layer::Data, Zone::Data, "DynamoDB"),
        S3 => (Layer::Data, Zone::Data, "S3"),
        Redis => (Layer::Data, Zone::Data, "Redis"),
        NatGateway => (Layer::Gateways, Zone::Containers, "NAT gateways"),
    }
}

/// What plays a supporting piece's part for a component on Google Cloud.
fn gcp_piece_title(s: Support) -> &'static str {
    use Support::*;
    match s {
        ApiGateway | WebsocketGateway | Alb => "Cloud Run HTTPS endpoint",
        Cdn | EdgeCache => "Cloud CDN",
        Queue => "Pub/Sub subscription",
        DeadLetterQueue => "Pub/Sub dead-letter topic",
        EventBus => "Cloud Scheduler",
        StepFunctions => "Cloud Workflows",
        Temporal => "Temporal",
        GpuPool => "GPU pool",
        RdsProxy => "Cloud SQL connector",
        RelationalDb => "Cloud SQL",
        Dynamodb => "Firestore",
        S3 => "Cloud Storage",
        Redis => "Memorystore",
        NatGateway => "Cloud NAT",
    }
}

/// Why a Google Cloud piece has no price of its own.
fn gcp_unpriced_reason(s: Support) -> String {
    match s {
        Support::ApiGateway | Support::WebsocketGateway | Support::Alb => {
            "Cloud Run serves HTTPS (and WebSockets) itself: no gateway fee".into()
        }
        Support::GpuPool => "the GPUs are on the component's own bill".into(),
        _ => "a Google Cloud piece whose prices are not in the catalog yet".into(),
    }
}

/// Whether a line of a component's bill belongs to a supporting piece.
fn line_of(s: Support, l: &crate::cost::Line) -> bool {
    let id = l.id;
    match s {
        Support::ApiGateway => id.starts_with("apigw.rest.") || id.starts_with("apigw.http."),
        Support::WebsocketGateway => id.starts_with("apigw.websocket."),
        Support::Alb => id.starts_with("alb.") || id == "ipv4.alb",
        Support::Queue => {
            id.starts_with("sqs.") || id.starts_with("kinesis.") || id.starts_with("pubsub.")
        }
        Support::EventBus => id == "eventbridge.schedule" || id == "cloud-scheduler.jobs",
        Support::RdsProxy => id.starts_with("rds-proxy."),
        Support::Dynamodb => id == "dynamodb.connection-lookups",
        Support::Redis => id == "elasticache.pubsub",
        Support::Cdn => id.starts_with("cloudfront."),
        Support::NatGateway => id.starts_with("nat."),
        _ => false,
    }
}

/// Why a supporting piece has no price of its own on the components' bills.
fn unpriced_reason(s: Support, placements: &[Option<Placement>]) -> String {
    use Support::*;
    match s {
        DeadLetterQueue => "holds only the messages that failed every retry; at $0.40 per million requests it costs cents".into(),
        StepFunctions => "the workflow it runs is priced as its own component".into(),
        Temporal => "self-hosted beside the workers (their containers are priced) or Temporal Cloud (about $200 a month in the seed), which the catalog does not price".into(),
        GpuPool => "the GPUs are on the component's own bill".into(),
        EdgeCache => "its price depends on the hit ratio (CloudFront requests and data out), which the workload does not state".into(),
        Cdn if placements.contains(&Some(Placement::CloudflareWorkers)) => {
            "Cloudflare's CDN comes with the Workers plan".into()
        }
        Cdn => "CloudFront in front of a regional origin is not priced; give the static traffic as its own component to price it".into(),
        Redis => "an in-memory cache the workload does not declare: name a redis store in `data.store` to price it".into(),
        S3 => "object storage for large bodies, not sized: name an s3 store in `data.store` to price it".into(),
        Dynamodb => "a table the workload does not declare: name a dynamodb store in `data.store` to price it".into(),
        RelationalDb => "a database the workload does not declare: name it in `data.store` to price it".into(),
        Queue => "its requests are not priced for this kind of component".into(),
        _ => "no line of the components' bills belongs to it".into(),
    }
}

fn placement_place(p: Option<Placement>) -> (Layer, Zone) {
    use Placement::*;
    match p {
        Some(LambdaEdge | CloudflareWorkers) => (Layer::Edge, Zone::Edge),
        Some(
            Lambda | ServerlessGpu | CloudRunFunctions | LambdaManagedInstances | Modal | Replicate,
        ) => (Layer::Compute, Zone::Serverless),
        Some(
            StepFunctionsStandard | StepFunctionsExpress | TemporalCloud | LambdaDurableFunctions,
        ) => (Layer::Async, Zone::Serverless),
        Some(
            Fargate | FargateSpot | Eks | Ec2 | GpuInstance | CloudRun | CloudRunJobs
            | GkeAutopilot,
        )
        | None => (Layer::Compute, Zone::Containers),
    }
}

/// Letters, digits and underscores only, so the id is safe in every export.
pub fn sanitize(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    out
}

struct Builder {
    g: DiGraph<Node, EdgeKind>,
    /// The pieces drawn for components on Google Cloud.
    gcp_pieces: Vec<NodeIndex>,
    /// The components each supporting piece serves, by index.
    users: Vec<(NodeIndex, Vec<usize>)>,
}

impl Builder {
    fn add(&mut self, mut n: Node) -> NodeIndex {
        let base = n.id.clone();
        let mut k = 2;
        while self.g.node_weights().any(|m| m.id == n.id) {
            n.id = format!("{base}_{k}");
            k += 1;
        }
        self.g.add_node(n)
    }

    /// A supporting piece; `gcp` for one serving a component on Google Cloud, drawn as
    /// Google Cloud's counterpart (Pub/Sub for a queue, Cloud SQL for a database).
    fn piece_on(&mut self, s: Support, owner: Option<&str>, gcp: bool) -> NodeIndex {
        let (layer, zone, title) = piece_place(s);
        let title = if gcp { gcp_piece_title(s) } else { title };
        let prefix = if gcp { "p_gcp" } else { "p" };
        let id = match owner {
            Some(o) => format!("{prefix}_{}_{}", sanitize(s.as_str()), sanitize(o)),
            None => format!("{prefix}_{}", sanitize(s.as_str())),
        };
        let label = match owner {
            Some(o) => format!("{o} {title}"),
            None => title.to_string(),
        };
        if let Some(i) = self
            .g
            .node_indices()
            .find(|i| self.g[*i].piece == Some(s) && self.g[*i].label == label)
        {
            return i;
        }
        let mut n = Node::new(id, label, s.as_str().to_string(), layer, zone);
        n.piece = Some(s);
        let i = self.add(n);
        if gcp {
            self.gcp_pieces.push(i);
        }
        i
    }

    fn users(&mut self, n: NodeIndex, component: usize) {
        match self.users.iter_mut().find(|(m, _)| *m == n) {
            Some((_, v)) if !v.contains(&component) => v.push(component),
            Some(_) => {}
            None => self.users.push((n, vec![component])),
        }
    }

    /// The node of a data store, with its price from the bill.
    fn store(&mut self, st: &StoreDef, advice: &Advice, gcp_only: bool) -> NodeIndex {
        if let Some(i) = self
            .g
            .node_indices()
            .find(|i| self.g[*i].store.as_deref() == Some(st.name.as_str()))
        {
            return i;
        }
        let piece = match st.kind() {
            Store::Relational => Support::RelationalDb,
            Store::KeyValue | Store::Document => Support::Dynamodb,
            Store::Object => Support::S3,
            Store::Cache | Store::None => Support::Redis,
        };
        let mut n = Node::new(
            format!("s_{}", sanitize(&st.name)),
            st.name.clone(),
            if gcp_only {
                crate::cost::gcp_store_title(st.engine)
            } else {
                st.engine.title()
            }
            .to_string(),
            Layer::Data,
            Zone::Data,
        );
        n.piece = Some(piece);
        n.store = Some(st.name.clone());
        match advice.costs.stores.iter().find(|x| x.name == st.name) {
            Some(x) if x.not_priced.is_none() => n.monthly = Some(x.monthly),
            Some(x) => n.not_priced = x.not_priced.clone(),
            None => n.not_priced = Some("the store is not in the bill".into()),
        }
        self.add(n)
    }

    fn edge(&mut self, a: NodeIndex, b: NodeIndex, k: EdgeKind) {
        if a != b && self.g.find_edge(a, b).is_none() {
            self.g.add_edge(a, b, k);
        }
    }
}

/// Builds the topology of the recommended system.
pub fn build(w: &Workload, advice: &Advice) -> Topology {
    let mut b = Builder {
        g: DiGraph::new(),
        gcp_pieces: Vec::new(),
        users: Vec::new(),
    };
    let public = |c: &crate::workload::Component| {
        matches!(c.kind, Kind::HttpApi | Kind::Websocket | Kind::StaticSite)
            || c.gateway != Gateway::None
    };
    let clients = w.components.iter().any(public).then(|| {
        b.add(Node::new(
            "clients".into(),
            "users".into(),
            "clients".into(),
            Layer::Clients,
            Zone::Clients,
        ))
    });
    let bill: Vec<crate::advisor::BillRow> = advice.bill();
    let row = |what: &str, kind: crate::advisor::RowKind| {
        bill.iter()
            .find(|r| r.kind == kind && r.what == what)
            .map(|r| r.monthly)
    };
    let comp_nodes: Vec<NodeIndex> = w
        .components
        .iter()
        .map(|c| {
            let p = advice.placement(&c.name);
            let (layer, zone) = placement_place(p);
            let mut n = Node::new(
                format!("c_{}", sanitize(&c.name)),
                c.name.clone(),
                p.map(|p| p.as_str().to_string())
                    .unwrap_or_else(|| "no placement".into()),
                layer,
                zone,
            );
            n.component = Some(c.name.clone());
            n.placement = p;
            n.monthly = row(&c.name, crate::advisor::RowKind::Component);
            if p.is_none() {
                n.not_priced = Some("no placement can run it".into());
            }
            b.add(n)
        })
        .collect();

    let mut queues: Vec<Option<NodeIndex>> = vec![None; w.components.len()];
    for (i, c) in w.components.iter().enumerate() {
        let me = comp_nodes[i];
        let Some(d) = advice.decision(&c.name) else {
            continue;
        };
        let has = |s: Support| d.supports.iter().any(|(x, _)| *x == s);
        let gcp = d.placement.and_then(Placement::provider) == Some(Provider::Gcp);
        let on_sfn = matches!(
            d.placement,
            Some(Placement::StepFunctionsStandard | Placement::StepFunctionsExpress)
        );

        // The way in: clients → edge pieces → front door → component.
        if let (Some(cl), true) = (clients, public(c)) {
            let mut prev = cl;
            for s in [
                Support::Cdn,
                Support::EdgeCache,
                Support::WebsocketGateway,
                Support::ApiGateway,
                Support::Alb,
            ] {
                if has(s) {
                    let n = b.piece_on(s, None, gcp);
                    b.users(n, i);
                    b.edge(prev, n, EdgeKind::Sync);
                    prev = n;
                }
            }
            b.edge(prev, me, EdgeKind::Sync);
        }
        if has(Support::Queue) {
            let q = b.piece_on(Support::Queue, Some(&c.name), gcp);
            b.users(q, i);
            b.edge(q, me, EdgeKind::Async);
            queues[i] = Some(q);
        }
        if has(Support::DeadLetterQueue) {
            let dlq = b.piece_on(Support::DeadLetterQueue, Some(&c.name), gcp);
            b.users(dlq, i);
            b.edge(me, dlq, EdgeKind::Async);
        }
        if has(Support::EventBus) {
            let e = b.piece_on(Support::EventBus, None, gcp);
            b.users(e, i);
            b.edge(e, me, EdgeKind::Async);
        }
        if has(Support::StepFunctions) && !on_sfn {
            let s = b.piece_on(Support::StepFunctions, None, gcp);
            b.users(s, i);
            b.edge(s, me, EdgeKind::Async);
        }
        if has(Support::Temporal) {
            let t = b.piece_on(Support::Temporal, None, gcp);
            b.users(t, i);
            b.edge(t, me, EdgeKind::Async);
        }
        if has(Support::GpuPool) {
            let gp = b.piece_on(Support::GpuPool, None, gcp);
            b.users(gp, i);
            b.edge(me, gp, EdgeKind::Sync);
        }
        // The component's own store is drawn once, by its name; the pieces the rules add
        // for other data (a connection table, a claim-check bucket) stay generic.
        let own = c.data.store_index.and_then(|i| w.stores.get(i));
        let gcp_only = !w.providers.contains(&Provider::Aws);
        let store_node = own.map(|st| b.store(st, advice, gcp_only));
        let own_kind = |s: Support| {
            own.is_some_and(|st| match s {
                Support::RelationalDb => st.kind() == Store::Relational,
                Support::Dynamodb => matches!(st.kind(), Store::KeyValue | Store::Document),
                Support::S3 => st.kind() == Store::Object,
                Support::Redis => st.kind() == Store::Cache,
                _ => false,
            })
        };
        let db = match store_node {
            Some(n) => Some(n),
            None if has(Support::RelationalDb) => {
                Some(b.piece_on(Support::RelationalDb, None, gcp))
            }
            None => None,
        };
        if let Some(db) = db {
            if has(Support::RdsProxy) && own.is_none_or(|st| st.kind() == Store::Relational) {
                let px = b.piece_on(Support::RdsProxy, None, gcp);
                b.users(px, i);
                b.edge(me, px, EdgeKind::Data);
                b.edge(px, db, EdgeKind::Data);
            } else {
                b.edge(me, db, EdgeKind::Data);
            }
        }
        for s in [Support::Dynamodb, Support::S3, Support::Redis] {
            if has(s) && !own_kind(s) {
                let n = b.piece_on(s, None, gcp);
                b.users(n, i);
                b.edge(me, n, EdgeKind::Data);
            }
        }
        // A NAT gateway when the chosen bill has one.
        let nat = d
            .placement
            .and_then(|p| advice.costs.components.get(i).and_then(|cc| cc.option(p)))
            .is_some_and(|o| o.lines.iter().any(|l| line_of(Support::NatGateway, l)));
        if nat {
            let n = b.piece_on(Support::NatGateway, None, gcp);
            b.users(n, i);
            b.edge(me, n, EdgeKind::Sync);
        }
    }

    // depends_on: through the callee's queue when it has one, asynchronously to a
    // workflow, otherwise a synchronous call.
    for (i, c) in w.components.iter().enumerate() {
        for dep in &c.depends_on {
            let Some(j) = w.components.iter().position(|o| &o.name == dep) else {
                continue;
            };
            match queues[j] {
                Some(q) => b.edge(comp_nodes[i], q, EdgeKind::Async),
                None if w.components[j].kind == Kind::Workflow => {
                    b.edge(comp_nodes[i], comp_nodes[j], EdgeKind::Async)
                }
                None => b.edge(comp_nodes[i], comp_nodes[j], EdgeKind::Sync),
            }
        }
    }
    // Each supporting piece carries the lines of its users' bills that belong to it, or
    // says why it has none.
    for (n, users) in std::mem::take(&mut b.users) {
        let Some(s) = b.g[n].piece else { continue };
        if b.g[n].store.is_some() {
            continue;
        }
        let mut total = Decimal::ZERO;
        let mut priced_in = Vec::new();
        for i in users {
            let (Some(c), Some(d)) = (w.components.get(i), advice.decision(&w.components[i].name))
            else {
                continue;
            };
            let Some(o) = d
                .placement
                .and_then(|p| advice.costs.components.get(i).and_then(|cc| cc.option(p)))
            else {
                continue;
            };
            let lines: Vec<&crate::cost::Line> = o.lines.iter().filter(|l| line_of(s, l)).collect();
            if !lines.is_empty() {
                total += lines.iter().map(|l| l.amount).sum::<Decimal>();
                priced_in.push(c.name.clone());
            }
        }
        let gcp = b.gcp_pieces.contains(&n);
        let node = &mut b.g[n];
        if priced_in.is_empty() && gcp {
            node.not_priced = Some(gcp_unpriced_reason(s));
        } else if priced_in.is_empty() {
            let placements: Vec<Option<Placement>> = w
                .components
                .iter()
                .map(|c| advice.placement(&c.name))
                .collect();
            node.not_priced = Some(unpriced_reason(s, &placements));
        } else {
            node.monthly = Some(total);
            node.priced_in = priced_in;
        }
    }
    Topology { graph: b.g }
}
