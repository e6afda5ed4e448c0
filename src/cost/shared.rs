//! Charges several placements share: front doors (API Gateway, ALB), RDS Proxy and
//! data transfer.

use crate::cost::{charge, charge_tiered, derivation};
use crate::workload::key;
use rust_decimal::Decimal;
use rust_decimal::dec;

use super::money::prod;
use super::{Bill, Ctx, Figure, Overflow, Qty, plural};
use crate::cost::money::RoundEven;
use crate::placement::Placement;
use crate::workload::{Connections, Engine, Gateway, Kind, Origin, Store};

/// Appends what `write` writes on a fresh bill, written the first time for the component
/// and kept in `cell`: charges that are the same on several of its placements.
fn once(
    cx: &Ctx,
    cell: &std::cell::OnceCell<Result<Bill, Overflow>>,
    b: &mut Bill,
    write: impl FnOnce(&Ctx, &mut Bill) -> Result<(), Overflow>,
) -> Result<(), Overflow> {
    let part = cell.get_or_init(|| {
        let mut part = Bill::new(cx.detail);
        write(cx, &mut part).map(|()| part)
    });
    b.append(part.as_ref().map_err(Overflow::clone)?);
    Ok(())
}

/// The front door of a function: the API Gateway flavour or ALB the component names.
pub fn function_front_door(cx: &Ctx, b: &mut Bill) -> Result<(), Overflow> {
    once(cx, &cx.function_door, b, write_function_front_door)
}

fn write_function_front_door(cx: &Ctx, b: &mut Bill) -> Result<(), Overflow> {
    let c = cx.c;
    let g = &cx.r.api_gateway;
    let inv = c.requests_per_month;
    match c.gateway {
        Gateway::None => Ok(()),
        Gateway::Rest => charge_tiered!(
            b,
            "apigw.rest.requests",
            "API Gateway REST requests",
            inv,
            "request",
            &g.rest_requests,
            "",
        ),
        Gateway::Http => {
            let step = g.http_metering_kb.quantity.0;
            let per = (c.payload_kb / step).ceil().max(Decimal::ONE);
            let metered = prod("HTTP API metered requests", &[inv, per])?;
            derivation!(
                b,
                "HTTP API metered requests",
                Figure::count(metered, "request"),
                format!(
                    "{} requests × {} (each {} KB payload meters as ⌈{} ÷ {}⌉ = {} {})",
                    Qty(inv),
                    Qty(per),
                    Qty(c.payload_kb),
                    Qty(c.payload_kb),
                    Qty(step),
                    Qty(per),
                    plural("request", per)
                ),
            );
            charge_tiered!(
                b,
                "apigw.http.requests",
                "API Gateway HTTP requests",
                metered,
                "request",
                &g.http_requests,
                "",
            )
        }
        Gateway::Websocket => {
            let step = g.websocket_metering_kb.quantity.0;
            let per = (c.payload_kb / step).ceil().max(Decimal::ONE);
            let messages = prod("WebSocket messages", &[inv, Decimal::ONE + c.fanout, per])?;
            derivation!(
                b,
                "WebSocket messages",
                Figure::count(messages, "message"),
                format!(
                    "{} messages in × (1 + {} fan-out) × {} ({} KB in {} KB steps)",
                    Qty(inv),
                    Qty(c.fanout),
                    Qty(per),
                    Qty(c.payload_kb),
                    Qty(step)
                ),
            );
            charge_tiered!(
                b,
                "apigw.websocket.messages",
                "API Gateway WebSocket messages",
                messages,
                "message",
                &g.websocket_messages,
                "",
            )?;
            let minutes = prod(
                "connection minutes",
                &[c.concurrent_connections, cx.hours, dec!(60)],
            )?;
            charge!(
                b,
                "apigw.websocket.connection-minutes",
                "API Gateway WebSocket connection minutes",
                minutes,
                "connection-minute",
                &g.websocket_connection_minutes,
                &format!(
                    "{} connections × {} h × 60",
                    Qty(c.concurrent_connections),
                    Qty(cx.hours)
                ),
            )?;
            // Without a server holding connections, each broadcast looks its recipients up.
            if c.fanout > Decimal::ZERO {
                let reads = prod("connection lookups", &[inv, c.fanout])?;
                charge!(
                    b,
                    "dynamodb.connection-lookups",
                    "DynamoDB reads (connection lookups)",
                    reads,
                    "read request",
                    &cx.r.dynamodb.read_request,
                    &format!(
                        "{} messages × {} recipients looked up",
                        Qty(inv),
                        Qty(c.fanout)
                    ),
                )?;
            }
            Ok(())
        }
        Gateway::Alb => alb(cx, b),
    }
}

/// The front door of a container or instance placement: an ALB, if the component has one.
pub fn server_front_door(cx: &Ctx, b: &mut Bill) -> Result<(), Overflow> {
    once(cx, &cx.server_door, b, write_server_front_door)
}

fn write_server_front_door(cx: &Ctx, b: &mut Bill) -> Result<(), Overflow> {
    if cx.c.gateway == Gateway::None {
        return Ok(());
    }
    if cx.c.gateway != Gateway::Alb {
        derivation!(
            b,
            "front door",
            "Application Load Balancer",
            format!(
                "gateway `{}` on a server placement: tasks sit behind an ALB (API Gateway in front would add its request price on top)",
                cx.c.gateway
            ),
        );
    }
    alb(cx, b)
}

/// An Application Load Balancer: hours plus load balancer capacity units.
fn alb(cx: &Ctx, b: &mut Bill) -> Result<(), super::Overflow> {
    let a = &cx.r.alb;
    charge!(
        b,
        "alb.hours",
        "Application Load Balancer",
        cx.hours,
        "ALB-hour",
        &a.hourly,
        "",
    )?;
    let lcu_hours = match cx.c.container.alb_lcu_hours {
        Some(l) => {
            derivation!(
                b,
                "LCU-hours",
                Figure::count(l, "LCU-hour"),
                "given (container.alb_lcu_hours)",
            );
            l
        }
        None => {
            // An LCU is the largest of: 25 new connections/s, 3,000 active connections,
            // 1 GB processed per hour. Clients reuse connections (10 requests each assumed).
            let rps = cx.avg_rps();
            let by_new = rps / dec!(10) / dec!(25);
            let by_active = cx.c.concurrent_connections / dec!(3000);
            let by_bytes = rps * dec!(3600) * cx.c.payload_kb / dec!(1048576);
            let per_hour = by_new.max(by_active).max(by_bytes);
            let total = prod("LCU-hours", &[per_hour, cx.hours])?.round_even(4);
            derivation!(
                b,
                "LCU-hours",
                Figure::count(total, "LCU-hour"),
                format!(
                    "max(new connections {} = {} req/s ÷ 10 requests per connection ÷ 25, active connections {} = {} ÷ 3,000, processed bytes {} = {} req/s × 3,600 × {} KB ÷ 1,048,576) LCU × {} h",
                    Qty(by_new.round_even(4)),
                    Qty(rps.round_even(4)),
                    Qty(by_active.round_even(4)),
                    Qty(cx.c.concurrent_connections),
                    Qty(by_bytes.round_even(4)),
                    Qty(rps.round_even(4)),
                    Qty(cx.c.payload_kb),
                    Qty(cx.hours)
                ),
            );
            total
        }
    };
    charge!(
        b,
        "alb.lcu",
        "ALB capacity units",
        lcu_hours,
        "LCU-hour",
        &a.lcu_hour,
        "",
    )?;
    // An internet-facing ALB spans at least two zones, each with a public IPv4 address.
    charge!(
        b,
        "ipv4.alb",
        "Public IPv4 addresses (ALB, 2 zones)",
        prod("address-hours", &[dec!(2), cx.hours])?,
        "address-hour",
        &cx.r.public_ipv4.hourly,
        &format!("2 × {} h", Qty(cx.hours)),
    )
}

/// RDS Proxy, when a function's peak concurrency would exceed the database's connections.
pub fn rds_proxy_if_needed(cx: &Ctx, b: &mut Bill) -> Result<(), super::Overflow> {
    let c = cx.c;
    let (Store::Relational, Some(max)) = (c.data.store, c.data.max_connections) else {
        return Ok(());
    };
    let peak = cx.peak_concurrency().ceil();
    if peak <= max {
        return Ok(());
    }
    let p = &cx.r.rds_proxy;
    let vcpu = c.data.db_vcpu.max(p.minimum_vcpu.quantity.0);
    derivation!(
        b,
        "RDS Proxy",
        "needed",
        format!(
            "peak concurrency {} = {} req/s × {} s exceeds the database's {} connections; one connection per instance would exhaust it",
            Qty(peak),
            Qty(c.peak_rps),
            Qty(cx.duration_s()),
            Qty(max)
        ),
    );
    let q = prod("RDS Proxy vCPU-hours", &[vcpu, cx.hours])?;
    charge!(
        b,
        "rds-proxy.vcpu",
        "RDS Proxy",
        q,
        "vCPU-hour",
        &p.vcpu_hour,
        &format!(
            "{} database vCPU (at least {}) × {} h",
            Qty(vcpu),
            Qty(p.minimum_vcpu.quantity.0),
            Qty(cx.hours)
        ),
    )
}

/// Data moved across regions or out to the internet, the same on every placement.
fn data_transfer(cx: &Ctx, b: &mut Bill) -> Result<(), super::Overflow> {
    let d = &cx.c.data;
    let t = &cx.r.data_transfer;
    if d.cross_region_gb_month > Decimal::ZERO {
        charge!(
            b,
            "data-transfer.cross-region",
            "Cross-region data transfer",
            d.cross_region_gb_month,
            "GB",
            &t.cross_region_gb,
            "",
        )?;
    }
    if d.internet_egress_gb_month > Decimal::ZERO {
        charge!(
            b,
            "data-transfer.internet",
            "Data transfer out to the internet",
            d.internet_egress_gb_month,
            "GB",
            &t.internet_gb,
            "",
        )?;
    }
    Ok(())
}

/// Whether the placement runs the component inside a VPC: servers always do; a function
/// does when its store is reachable only there (a relational database, a cache).
pub fn in_vpc(cx: &Ctx, p: Placement) -> bool {
    match p {
        // Lambda Managed Instances run in the VPC subnets the capacity provider names.
        Placement::Fargate
        | Placement::FargateSpot
        | Placement::Eks
        | Placement::Ec2
        | Placement::GpuInstance
        | Placement::LambdaManagedInstances => true,
        Placement::Lambda => matches!(cx.c.data.store, Store::Relational | Store::Cache),
        _ => false,
    }
}

/// What a component needs around it whatever runs it — the queue, stream or schedule
/// that feeds it, the requests it makes to its store, its logs, a NAT gateway when it
/// calls the internet from inside a VPC, the data it moves — priced the same on every
/// placement that uses them, so the option holds the whole bill.
pub fn surroundings(cx: &Ctx, p: Placement, b: &mut Bill) -> Result<(), Overflow> {
    trigger(cx, p, b)?;
    store_requests(cx, b)?;
    logs(cx, p, b)?;
    nat(cx, p, b)?;
    websocket_pubsub(cx, p, b)?;
    data_transfer(cx, b)
}

/// SQS for a worker, a Kinesis stream for a stream consumer, an EventBridge schedule for
/// scheduled work.
fn trigger(cx: &Ctx, p: Placement, b: &mut Bill) -> Result<(), Overflow> {
    let c = cx.c;
    let n = c.requests_per_month;
    match c.kind {
        Kind::Worker => {
            let q = &cx.r.sqs;
            let chunks = (c.payload_kb / q.chunk_kb.quantity.0)
                .ceil()
                .max(Decimal::ONE);
            let function = matches!(p, Placement::Lambda | Placement::LambdaManagedInstances);
            // Lambda's event source mapping receives the batch it hands over; a container
            // consumer receives up to 10 messages a call.
            let per_receive = if function { c.batch_size } else { dec!(10) };
            let receives = (n / per_receive).ceil();
            // Idle polling: Lambda keeps 5 long polls of 20 s open; a consumer that stays up keeps one.
            let pollers = if function {
                dec!(5)
            } else {
                c.container.min_tasks
            };
            let idle = prod("idle polls", &[pollers, dec!(180), cx.hours])?;
            let all = prod("SQS requests", &[n, chunks])? + receives * chunks + receives + idle;
            let free = if cx.free_tier {
                q.free_requests.quantity.0
            } else {
                Decimal::ZERO
            };
            let requests = (all - free).max(Decimal::ZERO);
            derivation!(
                b,
                "SQS requests",
                Figure::count(requests, "request"),
                format!(
                    "{} sends × {} (64 KB chunks of a {} KB message) + {} receives × {} + {} deletes ({} {} a call{}) + {} idle long polls ({} poller{} × 3 a minute × {} h){}",
                    Qty(n),
                    Qty(chunks),
                    Qty(c.payload_kb),
                    Qty(receives),
                    Qty(chunks),
                    Qty(receives),
                    Qty(per_receive),
                    plural("message", per_receive),
                    if function {
                        ", the event source mapping's batch"
                    } else {
                        ""
                    },
                    Qty(idle),
                    Qty(pollers),
                    if pollers == Decimal::ONE { "" } else { "s" },
                    Qty(cx.hours),
                    if free.is_zero() {
                        String::new()
                    } else {
                        format!(
                            " − {} free (the account's free tier, as if this queue were alone)",
                            Qty(free)
                        )
                    }
                ),
            );
            charge!(
                b,
                "sqs.requests",
                "SQS requests",
                requests,
                "request",
                &q.request,
                "",
            )
        }
        Kind::Stream => {
            let k = &cx.r.kinesis;
            let mb_s = c.peak_rps * c.payload_kb / dec!(1024);
            let shards = (mb_s / k.shard_mb_per_s.quantity.0)
                .ceil()
                .max((c.peak_rps / k.shard_records_per_s.quantity.0).ceil())
                .max(Decimal::ONE);
            derivation!(
                b,
                "Kinesis shards",
                Figure::count(shards, "shard"),
                format!(
                    "peak {} records/s × {} KB = {} MB/s; a shard takes 1 MB/s and 1,000 records/s",
                    Qty(c.peak_rps),
                    Qty(c.payload_kb),
                    Qty(mb_s.round_even(4))
                ),
            );
            charge!(
                b,
                "kinesis.shards",
                "Kinesis shards",
                prod("shard-hours", &[shards, cx.hours])?,
                "shard-hour",
                &k.shard_hour,
                &format!("{} shards × {} h", Qty(shards), Qty(cx.hours)),
            )?;
            let units = (c.payload_kb / k.payload_unit_kb.quantity.0)
                .ceil()
                .max(Decimal::ONE);
            charge!(
                b,
                "kinesis.put",
                "Kinesis PUT payload units",
                prod("PUT payload units", &[n, units])?,
                "unit",
                &k.put_payload_unit,
                &format!(
                    "{} records × {} (25 KB units of a {} KB record)",
                    Qty(n),
                    Qty(units),
                    Qty(c.payload_kb)
                ),
            )
        }
        _ if c.schedule.is_some() => {
            let e = &cx.r.eventbridge;
            let runs = c
                .schedule
                .as_ref()
                .map(|s| s.runs_per_month)
                .unwrap_or(n)
                .ceil();
            let free = if cx.free_tier {
                e.free_scheduler_invocations.quantity.0
            } else {
                Decimal::ZERO
            };
            charge!(
                b,
                "eventbridge.schedule",
                "EventBridge Scheduler invocations",
                (runs - free).max(Decimal::ZERO),
                "invocation",
                &e.scheduler_invocation,
                &if free.is_zero() {
                    format!("{} runs", Qty(runs))
                } else {
                    format!(
                        "max(0, {} runs − {} free (the account's free tier, as if this schedule were alone))",
                        Qty(runs),
                        Qty(free)
                    )
                },
            )
        }
        _ => Ok(()),
    }
}

/// Requests to a store billed per request: DynamoDB read and write units, S3 GETs and
/// PUTs, Aurora Serverless I/O.
fn store_requests(cx: &Ctx, b: &mut Bill) -> Result<(), Overflow> {
    let Some(store) = cx.store else {
        return Ok(());
    };
    let c = cx.c;
    let n = c.requests_per_month;
    let reads = prod("reads", &[n, c.data.reads_per_request])?;
    let writes = prod("writes", &[n, c.data.writes_per_request])?;
    let origin = |f: &str| match c.origin(f) {
        Origin::Given => "",
        _ => " (default)",
    };
    // "× 2 reads of items up to 4 KB", "× 1 read of …".
    let how = |(one, many): (&str, &str), per: Decimal, f: &str| {
        format!(
            "{} requests × {} {}{}",
            Qty(n),
            Qty(per),
            if per == Decimal::ONE { one } else { many },
            origin(f)
        )
    };
    match store.engine {
        Engine::Dynamodb => {
            let d = &cx.r.dynamodb;
            charge!(
                b,
                "dynamodb.reads",
                format!("DynamoDB reads ({})", store.name),
                reads,
                "read unit",
                &d.read_request,
                &how(
                    ("read of items up to 4 KB", "reads of items up to 4 KB"),
                    c.data.reads_per_request,
                    "reads_per_request",
                ),
            )?;
            charge!(
                b,
                "dynamodb.writes",
                format!("DynamoDB writes ({})", store.name),
                writes,
                "write unit",
                &d.write_request,
                &how(
                    ("write of items up to 1 KB", "writes of items up to 1 KB"),
                    c.data.writes_per_request,
                    "writes_per_request",
                ),
            )
        }
        Engine::S3 => {
            let s = &cx.r.s3;
            charge!(
                b,
                "s3.get",
                format!("S3 GET requests ({})", store.name),
                reads,
                "request",
                &s.get_request,
                &how(
                    ("GET", "GETs"),
                    c.data.reads_per_request,
                    "reads_per_request"
                ),
            )?;
            charge!(
                b,
                "s3.put",
                format!("S3 PUT requests ({})", store.name),
                writes,
                "request",
                &s.put_request,
                &how(
                    ("PUT", "PUTs"),
                    c.data.writes_per_request,
                    "writes_per_request"
                ),
            )
        }
        Engine::AuroraServerless => charge!(
            b,
            "aurora.io",
            format!("Aurora I/O requests ({})", store.name),
            reads + writes,
            "I/O request",
            &cx.r.aurora.io_request,
            &format!(
                "{} requests × ({} {} + {} {}){}",
                Qty(n),
                Qty(c.data.reads_per_request),
                plural("read", c.data.reads_per_request),
                Qty(c.data.writes_per_request),
                plural("write", c.data.writes_per_request),
                origin("reads_per_request")
            ),
        ),
        _ => Ok(()),
    }
}

/// CloudWatch Logs ingestion for what an AWS placement writes.
fn logs(cx: &Ctx, p: Placement, b: &mut Bill) -> Result<(), Overflow> {
    if matches!(
        p,
        Placement::CloudflareWorkers
            | Placement::ServerlessGpu
            | Placement::Modal
            | Placement::Replicate
            | Placement::TemporalCloud
            | Placement::StepFunctionsStandard
            | Placement::StepFunctionsExpress
    ) {
        return Ok(());
    }
    let c = cx.c;
    let gb = prod("log GB", &[c.requests_per_month, c.logs_kb_per_request])? / dec!(1_048_576);
    if gb.is_zero() {
        return Ok(());
    }
    charge!(
        b,
        "logs.ingestion",
        "CloudWatch Logs ingestion",
        gb,
        "GB",
        &cx.r.cloudwatch_logs.ingestion_gb,
        &format!(
            "{} requests × {} KB{} ÷ 1,048,576",
            Qty(c.requests_per_month),
            Qty(c.logs_kb_per_request),
            match c.origin_at(key!("logs_kb_per_request")) {
                Origin::Given => "",
                _ => " (default: one access-log line)",
            }
        ),
    )
}

/// A NAT gateway in each of two zones when a component inside a VPC calls the internet.
fn nat(cx: &Ctx, p: Placement, b: &mut Bill) -> Result<(), Overflow> {
    let gb = cx.c.data.internet_api_gb_month;
    if gb.is_zero() || !in_vpc(cx, p) {
        return Ok(());
    }
    let n = &cx.r.nat_gateway;
    charge!(
        b,
        "nat.hours",
        "NAT gateways (2 zones)",
        prod("NAT gateway-hours", &[dec!(2), cx.hours])?,
        "gateway-hour",
        &n.hourly,
        &format!("2 × {} h", Qty(cx.hours)),
    )?;
    b.shared("nat-gateway");
    charge!(
        b,
        "nat.gb",
        "NAT gateway data processed",
        gb,
        "GB",
        &n.gb_processed,
        "",
    )
}

/// Servers holding WebSockets share messages between tasks through Redis pub/sub.
fn websocket_pubsub(cx: &Ctx, p: Placement, b: &mut Bill) -> Result<(), Overflow> {
    if cx.c.connections != Connections::Websocket
        || !matches!(p, Placement::Fargate | Placement::Eks | Placement::Ec2)
    {
        return Ok(());
    }
    let Some(node) =
        cx.r.elasticache
            .redis
            .iter()
            .find(|n| n.class == "cache.t4g.small")
    else {
        return Ok(());
    };
    charge!(
        b,
        "elasticache.pubsub",
        format!("ElastiCache Redis for pub/sub: {}", node.class),
        cx.hours,
        "node-hour",
        &node.hour,
        "",
    )?;
    b.shared("websocket-pubsub");
    derivation!(
        b,
        "Redis pub/sub",
        node.class.clone(),
        "tasks that hold connections relay each broadcast to the others' clients through Redis (Socket.io's adapter)",
    );
    Ok(())
}
