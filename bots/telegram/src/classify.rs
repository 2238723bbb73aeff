//! What a failed Bot API call means for the outbox: wait as Telegram asks (429), give up
//! (the member blocked the bot, the chat is gone), or try again later (the network).
//!
//! Telegram says why in the error's description. teloxide knows some descriptions by
//! heart and not always in Telegram's current words (it expects "Unauthorized: bot can't
//! initiate conversation", Telegram sends "Forbidden: …"), so the description is read
//! here, whatever variant teloxide made of it.

use passerelle_runtime::Failure;
use teloxide::{ApiError, RequestError};

/// Why Telegram refused a message for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A private message to someone who never opened the bot: they must start it first.
    NotStarted,
    /// They blocked the bot, or their account is gone.
    Blocked,
    /// The chat, topic or message is not there (or the bot is no longer in it).
    Gone,
    /// Anything else Telegram will not take as it is.
    Other,
}

/// What the outbox does after `error`, and, for a refusal, its kind.
pub fn classify(error: &RequestError) -> (Failure, Option<Refusal>) {
    match error {
        RequestError::RetryAfter(after) => (Failure::RetryAfter(Some(after.duration())), None),
        RequestError::Api(api) => match refusal(api) {
            Some(refusal) => (Failure::Permanent, Some(refusal)),
            None => (Failure::Transient, None),
        },
        // The chat became a supergroup: the old ID will never work again.
        RequestError::MigrateToChatId(_) => (Failure::Permanent, Some(Refusal::Gone)),
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            (Failure::Transient, None)
        }
    }
}

/// The refusal `error` stands for; `None` when trying again may work.
fn refusal(error: &ApiError) -> Option<Refusal> {
    let description = error.to_string().to_lowercase();
    let says = |words: &str| description.contains(words);
    if says("can't initiate conversation") || says("bot can't send messages to bots") {
        Some(Refusal::NotStarted)
    } else if says("blocked by the user") || says("user is deactivated") {
        Some(Refusal::Blocked)
    } else if says("chat not found")
        || says("message thread not found")
        || says("bot was kicked")
        || says("not a member")
        || says("message to edit not found")
        || says("group chat was upgraded")
    {
        Some(Refusal::Gone)
    } else if says("too many requests") || says("internal server error") || says("bad gateway") {
        None
    } else if says("bad request") || says("forbidden") || says("unauthorized") {
        Some(Refusal::Other)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use teloxide::types::{ChatId, Seconds};

    use super::*;

    fn api(description: &str) -> RequestError {
        RequestError::Api(ApiError::Unknown(description.into()))
    }

    #[test]
    fn a_rate_limit_is_waited_out_as_telegram_asks() {
        let error = RequestError::RetryAfter(Seconds::from_seconds(8));
        assert_eq!(
            classify(&error),
            (
                Failure::RetryAfter(Some(std::time::Duration::from_secs(8))),
                None
            )
        );
    }

    #[test]
    fn a_member_who_never_started_the_bot_is_told_apart() {
        for description in [
            "Forbidden: bot can't initiate conversation with a user",
            "Unauthorized: bot can't initiate conversation with a user",
        ] {
            assert_eq!(
                classify(&api(description)),
                (Failure::Permanent, Some(Refusal::NotStarted)),
                "{description}"
            );
        }
        assert_eq!(
            classify(&RequestError::Api(ApiError::CantInitiateConversation)),
            (Failure::Permanent, Some(Refusal::NotStarted))
        );
    }

    #[test]
    fn blocked_and_gone_are_permanent() {
        assert_eq!(
            classify(&RequestError::Api(ApiError::BotBlocked)),
            (Failure::Permanent, Some(Refusal::Blocked))
        );
        assert_eq!(
            classify(&api("Bad Request: chat not found")),
            (Failure::Permanent, Some(Refusal::Gone))
        );
        assert_eq!(
            classify(&api("Bad Request: message thread not found")),
            (Failure::Permanent, Some(Refusal::Gone))
        );
        assert_eq!(
            classify(&RequestError::MigrateToChatId(ChatId(-100))),
            (Failure::Permanent, Some(Refusal::Gone))
        );
        assert_eq!(
            classify(&api("Bad Request: can't parse entities")),
            (Failure::Permanent, Some(Refusal::Other))
        );
    }

    #[test]
    fn server_trouble_is_tried_again() {
        assert_eq!(
            classify(&api("Internal Server Error")),
            (Failure::Transient, None)
        );
        assert_eq!(classify(&api("Bad Gateway")), (Failure::Transient, None));
    }
}
