//! What a refused call means for the outbox: retry when (a 429, a 5xx, the network),
//! give up (a channel or role that is not there, a permission the bot lacks), or, for a
//! member whose direct messages are closed (error 50007), tell the hub.

use std::time::Duration;

use passerelle_runtime::Failure;

use crate::rest::RestError;

/// Discord's error code for a member who takes no direct messages from the bot.
pub const CANNOT_MESSAGE_USER: u64 = 50007;

/// A refusal the hub should hear of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The member's direct messages are closed to the bot.
    DmsClosed,
}

/// How the outbox should take `error`, and what it says about the member.
pub fn classify(error: &RestError) -> (Failure, Option<Refusal>) {
    match (error.status, error.code) {
        (429, _) => (Failure::RetryAfter(error.retry_after), None),
        (_, Some(CANNOT_MESSAGE_USER)) => (Failure::Permanent, Some(Refusal::DmsClosed)),
        (0 | 500.., _) => (Failure::Transient, None),
        // A bad token: nothing will go until an operator fixes it; a wait, not a loss.
        (401, _) => (Failure::Later(Duration::from_secs(600)), None),
        _ => (Failure::Permanent, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(status: u16, code: Option<u64>, retry_after: Option<f64>) -> RestError {
        RestError {
            status,
            code,
            message: "refused".into(),
            retry_after: retry_after.map(Duration::from_secs_f64),
            global: false,
        }
    }

    #[test]
    fn a_429_waits_as_long_as_discord_asks() {
        assert_eq!(
            classify(&refused(429, None, Some(1.5))),
            (Failure::RetryAfter(Some(Duration::from_millis(1500))), None)
        );
    }

    #[test]
    fn closed_direct_messages_are_told_and_not_retried() {
        assert_eq!(
            classify(&refused(403, Some(CANNOT_MESSAGE_USER), None)),
            (Failure::Permanent, Some(Refusal::DmsClosed))
        );
    }

    #[test]
    fn server_and_network_errors_are_retried_the_rest_is_set_aside() {
        assert_eq!(classify(&refused(502, None, None)).0, Failure::Transient);
        assert_eq!(classify(&refused(0, None, None)).0, Failure::Transient);
        assert_eq!(
            classify(&refused(404, Some(10003), None)).0,
            Failure::Permanent
        );
        assert_eq!(
            classify(&refused(403, Some(50013), None)).0,
            Failure::Permanent
        );
    }
}
