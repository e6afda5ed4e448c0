//! Interview practice: a scenario told in prose, estimates checked against the exact
//! figures, placements judged by the same rules and bill that advise, a twist, and a
//! rubric with the evidence for every score.
//!
//! Pure like the advisor: scenarios, questions and grades are computed from their
//! inputs; the command line and the TUI read files and keep the history.

pub mod generate;
pub mod history;
mod library;
pub mod narrate;
pub mod round;
pub mod scenario;

pub use round::{Answers, Graded, Question, ask, grade};
pub use scenario::{Scenario, library};

word_enum!(
    /// What a scenario exercises; the history tracks scores per topic.
    Topic {
        SpikyTraffic = "spiky-traffic",
        SustainedLoad = "sustained-load",
        ScheduledJobs = "scheduled-jobs",
        MlTraining = "ml-training",
        GpuInference = "gpu-inference",
        Websockets = "websockets",
        Workflows = "workflows",
        Edge = "edge",
        ConnectionStorms = "connection-storms",
        DataLocation = "data-location",
        Compliance = "compliance",
        LargePackages = "large-packages",
        ColdStarts = "cold-starts",
        MultiComponent = "multi-component",
        CostAtScale = "cost-at-scale",
        QueuesAndStreams = "queues-and-streams",
    }
);

/// What decides a placement, as a candidate names it: the concerns the rules speak to.
pub use crate::rules::Concern as Factor;

word_enum!(
    /// What a placement needs to work well, as a candidate names it.
    Mitigation {
        ProvisionedConcurrency = "provisioned-concurrency",
        SnapStart = "snapstart",
        WarmPool = "warm-pool",
        ConnectionPooling = "connection-pooling",
        Queue = "queue",
        DeadLetterQueue = "dead-letter-queue",
        Idempotency = "idempotency",
        Orchestrator = "orchestrator",
        EdgeCache = "edge-cache",
        PubSub = "pub-sub",
        Reservation = "reservation",
        Batching = "batching",
    }
);

impl Mitigation {
    pub fn label(self) -> &'static str {
        match self {
            Mitigation::ProvisionedConcurrency => "provisioned concurrency",
            Mitigation::SnapStart => "SnapStart (Java snapshots)",
            Mitigation::WarmPool => "a warm pool (tasks kept running)",
            Mitigation::ConnectionPooling => "connection pooling (RDS Proxy)",
            Mitigation::Queue => "a queue to buffer work",
            Mitigation::DeadLetterQueue => "a dead-letter queue",
            Mitigation::Idempotency => "idempotent handlers (retries)",
            Mitigation::Orchestrator => "an orchestrator (Step Functions)",
            Mitigation::EdgeCache => "an edge cache (CDN)",
            Mitigation::PubSub => "pub/sub between servers (Redis)",
            Mitigation::Reservation => "reserved capacity or a savings plan",
            Mitigation::Batching => "batching items per invocation",
        }
    }
}

word_enum!(
    /// The numbers an interviewer expects estimated before the design.
    EstimateKey {
        PeakRps = "peak_rps",
        PeakConcurrency = "peak_concurrency",
        ServerlessMonthly = "serverless_monthly_usd",
        ContainerMonthly = "container_monthly_usd",
        BreakEven = "break_even_requests_per_month",
    }
);

impl EstimateKey {
    pub fn label(self) -> &'static str {
        match self {
            EstimateKey::PeakRps => "peak requests a second",
            EstimateKey::PeakConcurrency => "requests in flight at peak",
            EstimateKey::ServerlessMonthly => "monthly cost on the serverless option ($)",
            EstimateKey::ContainerMonthly => "monthly cost on the container option ($)",
            EstimateKey::BreakEven => "requests a month where the two cost the same",
        }
    }
}

word_enum!(
    /// The rubric's dimensions, each scored 0–3.
    Dimension {
        Estimation = "estimation",
        Placement = "placement",
        TradeOffs = "trade-offs",
        Limits = "limits-and-failure-modes",
        Mitigations = "mitigations",
    }
);

#[cfg(test)]
mod tests;
