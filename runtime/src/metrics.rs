//! What the process counts, for Prometheus (`/metrics`, served by the web crate):
//! commands handled and how long their replies took, deliveries and their failures by
//! platform, reminders and how late they went, store errors, adapter restarts; and, read
//! at each scrape, what waits in the outbox. One set per process ([`METRICS`]), fed by
//! the runtime's loops and the supervisor.

use std::sync::LazyLock;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// The platform a measure is about.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct On {
    pub platform: String,
}

/// A command handled on a platform.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Handled {
    pub platform: String,
    pub command: String,
}

/// A part of the process the supervisor runs.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct Part {
    pub adapter: String,
}

type Timings = Family<On, Histogram, fn() -> Histogram>;

/// Every measure; see [`METRICS`].
#[derive(Debug)]
pub struct Metrics {
    pub commands: Family<Handled, Counter>,
    pub reply_seconds: Timings,
    pub delivered: Family<On, Counter>,
    pub retried: Family<On, Counter>,
    pub rate_limited: Family<On, Counter>,
    pub given_up: Family<On, Counter>,
    pub reminders_sent: Counter,
    pub reminder_lateness_seconds: Histogram,
    pub store_errors: Counter,
    pub restarts: Family<Part, Counter>,
    pub outbox_due: Family<On, Gauge>,
    pub outbox_oldest_seconds: Family<On, Gauge>,
    registry: Registry,
}

/// The process's measures.
pub static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);

/// From a millisecond to about a minute.
fn reply_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 16))
}

impl Metrics {
    fn new() -> Self {
        let metrics = Metrics {
            commands: Family::default(),
            reply_seconds: Family::new_with_constructor(reply_buckets),
            delivered: Family::default(),
            retried: Family::default(),
            rate_limited: Family::default(),
            given_up: Family::default(),
            reminders_sent: Counter::default(),
            // From 10 ms to about 20 minutes late.
            reminder_lateness_seconds: Histogram::new(exponential_buckets(0.01, 2.0, 18)),
            store_errors: Counter::default(),
            restarts: Family::default(),
            outbox_due: Family::default(),
            outbox_oldest_seconds: Family::default(),
            registry: Registry::with_prefix("passerelle"),
        };
        let mut registry = Registry::with_prefix("passerelle");
        registry.register(
            "commands",
            "Commands handled, by platform and command",
            metrics.commands.clone(),
        );
        registry.register(
            "reply_seconds",
            "Time from an event to its replies being ready",
            metrics.reply_seconds.clone(),
        );
        registry.register(
            "deliveries",
            "Outbox messages the platform took",
            metrics.delivered.clone(),
        );
        registry.register(
            "delivery_retries",
            "Outbox messages tried again after a failure",
            metrics.retried.clone(),
        );
        registry.register(
            "rate_limited",
            "Outbox messages the platform refused for now (429)",
            metrics.rate_limited.clone(),
        );
        registry.register(
            "given_up",
            "Outbox messages set aside as undeliverable",
            metrics.given_up.clone(),
        );
        registry.register(
            "reminders_sent",
            "Event reminders sent",
            metrics.reminders_sent.clone(),
        );
        registry.register(
            "reminder_lateness_seconds",
            "How long after its due time a reminder went",
            metrics.reminder_lateness_seconds.clone(),
        );
        registry.register(
            "store_errors",
            "Events the database could not take",
            metrics.store_errors.clone(),
        );
        registry.register(
            "adapter_restarts",
            "Times an adapter stopped and was started again",
            metrics.restarts.clone(),
        );
        registry.register(
            "outbox_due",
            "Outbox messages due now, by platform",
            metrics.outbox_due.clone(),
        );
        registry.register(
            "outbox_oldest_due_seconds",
            "How long the oldest due outbox message has waited",
            metrics.outbox_oldest_seconds.clone(),
        );
        Metrics {
            registry,
            ..metrics
        }
    }

    /// A command handled on `platform`, whose replies took `took`.
    pub fn command(&self, platform: &str, command: &str, took: Duration) {
        self.commands
            .get_or_create(&Handled {
                platform: platform.to_owned(),
                command: command.to_owned(),
            })
            .inc();
        self.reply_seconds
            .get_or_create(&On {
                platform: platform.to_owned(),
            })
            .observe(took.as_secs_f64());
    }

    /// The counter of `family` for `platform`, added one.
    pub fn count(family: &Family<On, Counter>, platform: &str) {
        Self::add(family, platform, 1);
    }

    /// Adds `count` to `platform`'s counter in `family`.
    pub fn add(family: &Family<On, Counter>, platform: &str, count: u64) {
        family
            .get_or_create(&On {
                platform: platform.to_owned(),
            })
            .inc_by(count);
    }

    /// Sets what waits in the outbox: due messages and the oldest's wait, by platform.
    pub fn set_backlog(&self, backlog: impl IntoIterator<Item = (String, u64, Duration)>) {
        self.outbox_due.clear();
        self.outbox_oldest_seconds.clear();
        for (platform, due, oldest) in backlog {
            let on = On { platform };
            self.outbox_due
                .get_or_create(&on)
                .set(i64::try_from(due).unwrap_or(i64::MAX));
            self.outbox_oldest_seconds
                .get_or_create(&on)
                .set(i64::try_from(oldest.as_secs()).unwrap_or(i64::MAX));
        }
    }

    /// Everything, in Prometheus's text format.
    pub fn encode(&self) -> String {
        let mut text = String::new();
        if let Err(error) = encode(&mut text, &self.registry) {
            tracing::warn!(%error, "the metrics could not be written");
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_counted_is_written_for_prometheus() {
        let metrics = Metrics::new();
        metrics.command("telegram", "rsvp", Duration::from_millis(3));
        Metrics::count(&metrics.delivered, "discord");
        metrics.set_backlog([("matrix".to_owned(), 4, Duration::from_secs(90))]);
        let text = metrics.encode();
        for line in [
            "passerelle_commands_total{platform=\"telegram\",command=\"rsvp\"} 1",
            "passerelle_reply_seconds_count{platform=\"telegram\"} 1",
            "passerelle_deliveries_total{platform=\"discord\"} 1",
            "passerelle_outbox_due{platform=\"matrix\"} 4",
            "passerelle_outbox_oldest_due_seconds{platform=\"matrix\"} 90",
            "# EOF",
        ] {
            assert!(
                text.lines().any(|written| written == line),
                "{line} missing in\n{text}"
            );
        }
    }
}
