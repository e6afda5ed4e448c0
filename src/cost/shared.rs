//! Charges several placements share: front doors (API Gateway, ALB), RDS Proxy and
//! data transfer.

use rust_decimal::Decimal;
use rust_decimal::dec;

use super::money::prod;
use super::{Bill, Ctx, qty};
use crate::workload::{Gateway, Store};

/// The front door of a function: the API Gateway flavour or ALB the component names.
pub fn function_front_door(cx: &Ctx, b: &mut Bill) -> Result<(), super::Overflow> {
    let c = cx.c;
    let g = &cx.r.api_gateway;
    let inv = c.requests_per_month;
    match c.gateway {
        Gateway::None => Ok(()),
        Gateway::Rest => b.tiered(
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
            b.derive(
                "HTTP API metered requests",
                qty(metered),
                format!(
                    "{} requests × {} (each {} KB payload meters as ⌈{} ÷ {}⌉ = {} requests)",
                    qty(inv),
                    qty(per),
                    qty(c.payload_kb),
                    qty(c.payload_kb),
                    qty(step),
                    qty(per)
                ),
            );
            b.tiered(
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
            b.derive(
                "WebSocket messages",
                qty(messages),
                format!(
                    "{} messages in × (1 + {} fan-out) × {} ({} KB in {} KB steps)",
                    qty(inv),
                    qty(c.fanout),
                    qty(per),
                    qty(c.payload_kb),
                    qty(step)
                ),
            );
            b.tiered(
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
            b.line(
                "API Gateway WebSocket connection minutes",
                minutes,
                "connection-minute",
                g.websocket_connection_minutes.usd.0,
                &format!(
                    "{} connections × {} h × 60",
                    qty(c.concurrent_connections),
                    qty(cx.hours)
                ),
            )?;
            // Without a server holding connections, each broadcast looks its recipients up.
            if c.fanout > Decimal::ZERO {
                let reads = prod("connection lookups", &[inv, c.fanout])?;
                b.line(
                    "DynamoDB reads (connection lookups)",
                    reads,
                    "read request",
                    cx.r.dynamodb.read_request.usd.0,
                    &format!(
                        "{} messages × {} recipients looked up",
                        qty(inv),
                        qty(c.fanout)
                    ),
                )?;
            }
            Ok(())
        }
        Gateway::Alb => alb(cx, b),
    }
}

/// The front door of a container or instance placement: an ALB, if the component has one.
pub fn server_front_door(cx: &Ctx, b: &mut Bill) -> Result<(), super::Overflow> {
    if cx.c.gateway == Gateway::None {
        return Ok(());
    }
    if cx.c.gateway != Gateway::Alb {
        b.derive(
            "front door",
            "Application Load Balancer",
            format!("gateway `{}` on a server placement: tasks sit behind an ALB (API Gateway in front would add its request price on top)", cx.c.gateway),
        );
    }
    alb(cx, b)
}

/// An Application Load Balancer: hours plus load balancer capacity units.
fn alb(cx: &Ctx, b: &mut Bill) -> Result<(), super::Overflow> {
    let a = &cx.r.alb;
    b.line(
        "Application Load Balancer",
        cx.hours,
        "ALB-hour",
        a.hourly.usd.0,
        "",
    )?;
    let lcu_hours = match cx.c.container.alb_lcu_hours {
        Some(l) => {
            b.derive("LCU-hours", qty(l), "given (container.alb_lcu_hours)");
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
            let total = prod("LCU-hours", &[per_hour, cx.hours])?.round_dp(4);
            b.derive(
                "LCU-hours",
                qty(total),
                format!(
                    "max(new connections {} = {} req/s ÷ 10 requests per connection ÷ 25, active connections {} = {} ÷ 3,000, processed bytes {} = {} req/s × 3,600 × {} KB ÷ 1,048,576) LCU × {} h",
                    qty(by_new.round_dp(4)), qty(rps.round_dp(4)), qty(by_active.round_dp(4)), qty(cx.c.concurrent_connections),
                    qty(by_bytes.round_dp(4)), qty(rps.round_dp(4)), qty(cx.c.payload_kb), qty(cx.hours)
                ),
            );
            total
        }
    };
    b.line(
        "ALB capacity units",
        lcu_hours,
        "LCU-hour",
        a.lcu_hour.usd.0,
        "",
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
    b.derive(
        "RDS Proxy",
        "needed",
        format!("peak concurrency {} = {} req/s × {} s exceeds the database's {} connections; one connection per instance would exhaust it", qty(peak), qty(c.peak_rps), qty(cx.duration_s()), qty(max)),
    );
    let q = prod("RDS Proxy vCPU-hours", &[vcpu, cx.hours])?;
    b.line(
        "RDS Proxy",
        q,
        "vCPU-hour",
        p.vcpu_hour.usd.0,
        &format!(
            "{} database vCPU (at least {}) × {} h",
            qty(vcpu),
            qty(p.minimum_vcpu.quantity.0),
            qty(cx.hours)
        ),
    )
}

/// Data moved across regions or out to the internet, the same on every placement.
pub fn data_transfer(cx: &Ctx, b: &mut Bill) -> Result<(), super::Overflow> {
    let d = &cx.c.data;
    let t = &cx.r.data_transfer;
    if d.cross_region_gb_month > Decimal::ZERO {
        b.line(
            "Cross-region data transfer",
            d.cross_region_gb_month,
            "GB",
            t.cross_region_gb.usd.0,
            "",
        )?;
    }
    if d.internet_egress_gb_month > Decimal::ZERO {
        b.line(
            "Data transfer out to the internet",
            d.internet_egress_gb_month,
            "GB",
            t.internet_gb.usd.0,
            "",
        )?;
    }
    Ok(())
}
