//! The recommended system as a graph: a node per component with its placement, the
//! supporting pieces the rules called for, and typed edges between them.

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;

use crate::advisor::Advice;
use crate::placement::Placement;
use crate::rules::Support;
use crate::workload::{Gateway, Kind, Workload};

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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    }
}

fn placement_place(p: Option<Placement>) -> (Layer, Zone) {
    use Placement::*;
    match p {
        Some(LambdaEdge | CloudflareWorkers) => (Layer::Edge, Zone::Edge),
        Some(Lambda | ServerlessGpu) => (Layer::Compute, Zone::Serverless),
        Some(StepFunctionsStandard | StepFunctionsExpress) => (Layer::Async, Zone::Serverless),
        Some(Fargate | Eks | Ec2 | GpuInstance) | None => (Layer::Compute, Zone::Containers),
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

    fn piece(&mut self, s: Support, owner: Option<&str>) -> NodeIndex {
        let (layer, zone, title) = piece_place(s);
        let id = match owner {
            Some(o) => format!("p_{}_{}", sanitize(s.as_str()), sanitize(o)),
            None => format!("p_{}", sanitize(s.as_str())),
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
        self.add(Node {
            id,
            label,
            detail: s.as_str().to_string(),
            layer,
            zone,
            component: None,
            placement: None,
            piece: Some(s),
        })
    }

    fn edge(&mut self, a: NodeIndex, b: NodeIndex, k: EdgeKind) {
        if a != b && self.g.find_edge(a, b).is_none() {
            self.g.add_edge(a, b, k);
        }
    }
}

/// Builds the topology of the recommended system.
pub fn build(w: &Workload, advice: &Advice) -> Topology {
    let mut b = Builder { g: DiGraph::new() };
    let public = |c: &crate::workload::Component| {
        matches!(c.kind, Kind::HttpApi | Kind::Websocket | Kind::StaticSite)
            || c.gateway != Gateway::None
    };
    let clients = w.components.iter().any(public).then(|| {
        b.add(Node {
            id: "clients".into(),
            label: "users".into(),
            detail: "clients".into(),
            layer: Layer::Clients,
            zone: Zone::Clients,
            component: None,
            placement: None,
            piece: None,
        })
    });
    let comp_nodes: Vec<NodeIndex> = w
        .components
        .iter()
        .map(|c| {
            let p = advice.placement(&c.name);
            let (layer, zone) = placement_place(p);
            b.add(Node {
                id: format!("c_{}", sanitize(&c.name)),
                label: c.name.clone(),
                detail: p
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_else(|| "no placement".into()),
                layer,
                zone,
                component: Some(c.name.clone()),
                placement: p,
                piece: None,
            })
        })
        .collect();

    let mut queues: Vec<Option<NodeIndex>> = vec![None; w.components.len()];
    for (i, c) in w.components.iter().enumerate() {
        let me = comp_nodes[i];
        let Some(d) = advice.decision(&c.name) else {
            continue;
        };
        let has = |s: Support| d.supports.iter().any(|(x, _)| *x == s);
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
                    let n = b.piece(s, None);
                    b.edge(prev, n, EdgeKind::Sync);
                    prev = n;
                }
            }
            b.edge(prev, me, EdgeKind::Sync);
        }
        if has(Support::Queue) {
            let q = b.piece(Support::Queue, Some(&c.name));
            b.edge(q, me, EdgeKind::Async);
            queues[i] = Some(q);
        }
        if has(Support::DeadLetterQueue) {
            let dlq = b.piece(Support::DeadLetterQueue, Some(&c.name));
            b.edge(me, dlq, EdgeKind::Async);
        }
        if has(Support::EventBus) {
            let e = b.piece(Support::EventBus, None);
            b.edge(e, me, EdgeKind::Async);
        }
        if has(Support::StepFunctions) && !on_sfn {
            let s = b.piece(Support::StepFunctions, None);
            b.edge(s, me, EdgeKind::Async);
        }
        if has(Support::Temporal) {
            let t = b.piece(Support::Temporal, None);
            b.edge(t, me, EdgeKind::Async);
        }
        if has(Support::GpuPool) {
            let gp = b.piece(Support::GpuPool, None);
            b.edge(me, gp, EdgeKind::Sync);
        }
        if has(Support::RelationalDb) {
            let db = b.piece(Support::RelationalDb, None);
            if has(Support::RdsProxy) {
                let px = b.piece(Support::RdsProxy, None);
                b.edge(me, px, EdgeKind::Data);
                b.edge(px, db, EdgeKind::Data);
            } else {
                b.edge(me, db, EdgeKind::Data);
            }
        }
        for s in [Support::Dynamodb, Support::S3, Support::Redis] {
            if has(s) {
                let n = b.piece(s, None);
                b.edge(me, n, EdgeKind::Data);
            }
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
    Topology { graph: b.g }
}
